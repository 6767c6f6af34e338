"""Token-level JSON: one sentence per record, ``{"words": [...], "tags": [...]}``.

The layout of many public token-classification sets (PhoNER_COVID19's
``train_word.json``, exports of Hugging Face ``datasets`` with string tags):
a JSON Lines file, or a JSON array, whose records hold a list of words under
``words`` or ``tokens`` and a list of tags under ``tags`` or ``ner_tags``, one
tag per word, in IOB2, IOB1, IOBES or BILOU (read as IOB2). Other fields are
ignored, except ``id``/``doc_id``, which names the sentence's document.
Integer tags need their label names: pass ``label_names`` (or convert with
``datasets`` and read the saved folder, format ``hf``).

Example:
    >>> import io
    >>> rows = io.StringIO('{"words": ["Bệnh_nhân", "ở", "Hà_Nội"], "tags": ["O", "O", "S-LOCATION"]}\\n')
    >>> sents = read_token_json(rows)
    >>> sents[0].words, sents[0].tags
    (['Bệnh_nhân', 'ở', 'Hà_Nội'], ['O', 'O', 'B-LOCATION'])
    >>> is_token_record({"tokens": ["a"], "ner_tags": ["O"]}), is_token_record({"text": "a"})
    (True, False)
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from ..bio import to_iob2
from ..errors import AnnotationError
from ..text.normalize import normalize_string
from .conll import TaggedSentence, is_tag

__all__ = ["is_token_record", "read_token_json", "write_token_jsonl"]

_WORD_KEYS = ("words", "tokens")
_TAG_KEYS = ("tags", "ner_tags")


def _field(record: dict[str, Any], keys: Sequence[str]) -> Any:
    return next((record[k] for k in keys if k in record), None)


def is_token_record(record: object) -> bool:
    """Tell whether a JSON value is a token-level record (words/tokens and tags/ner_tags lists)."""
    return (
        isinstance(record, dict)
        and isinstance(_field(record, _WORD_KEYS), list)
        and isinstance(_field(record, _TAG_KEYS), list)
    )


def _records(handle: IO[str]) -> Iterable[tuple[int, object]]:
    """``(line, value)`` of a JSON Lines file or of the items of a JSON array."""
    text = handle.read()
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"invalid JSON: {exc.msg}", line=exc.lineno) from None
        yield from ((n, item) for n, item in enumerate(items, start=1))
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                yield lineno, json.loads(line)
            except json.JSONDecodeError as exc:
                raise AnnotationError(f"invalid JSON: {exc.msg}", line=lineno) from None


def _sentence(record: object, normalize: bool, label_names: Sequence[str] | None, doc: int | None) -> TaggedSentence:
    if not is_token_record(record):
        raise AnnotationError("expected a record with a 'words' (or 'tokens') list and a 'tags' (or 'ner_tags') list")
    assert isinstance(record, dict)
    words, tags = _field(record, _WORD_KEYS), _field(record, _TAG_KEYS)
    if len(words) != len(tags):
        raise AnnotationError(f"{len(words)} words but {len(tags)} tags", field="tags")
    if label_names is not None:
        try:
            tags = [label_names[t] if isinstance(t, int) else t for t in tags]
        except IndexError:
            raise AnnotationError(f"a tag index is outside the {len(label_names)} label names", field="tags") from None
    bad = next((t for t in tags if not isinstance(t, str) or not is_tag(t, any_scheme=True)), None)
    if bad is not None or any(not isinstance(w, str) for w in words):
        what = f"tag {bad!r}" if bad is not None else "a word that is not a string"
        hint = " (integer tags need label_names)" if isinstance(bad, int) else ""
        raise AnnotationError(f"invalid {what}{hint}", field="tags" if bad is not None else "words")
    kept_words, kept_tags = [], []
    for word, tag in zip(words, tags):
        form = normalize_string(word) if normalize else word
        if not form:
            if tag != "O":
                raise AnnotationError(f"word {word!r} is empty after normalisation but tagged {tag}", field="words")
            continue
        kept_words.append(form)
        kept_tags.append(tag)
    doc_id = record.get("doc_id", record.get("id"))
    return TaggedSentence(kept_words, to_iob2(kept_tags), None if doc_id is None else str(doc_id), doc)


def read_token_json(
    source: str | os.PathLike | IO[str], normalize: bool = True, label_names: Sequence[str] | None = None
) -> list[TaggedSentence]:
    """Read token-level JSON Lines (or a JSON array) into tagged sentences.

    Args:
        source: A path or a text stream.
        normalize: Normalise each word like raw text (training and prediction need it).
        label_names: Names of integer tags (``ner_tags`` as class indices).

    Raises:
        AnnotationError: On a record that is not valid JSON, lacks words or
            tags, has a different number of each, or has an invalid tag; it
            names the file and the line (JSON Lines) or item (array).
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, encoding="utf-8") as handle:
            return read_token_json(handle, normalize, label_names)
    path = getattr(source, "name", None)
    sentences = []
    lineno = None
    try:
        for lineno, record in _records(source):
            sentences.append(_sentence(record, normalize, label_names, None))
    except AnnotationError as exc:
        raise AnnotationError(exc.message, line=exc.line or lineno, field=exc.field, path=path) from None
    return sentences


def write_token_jsonl(target: str | os.PathLike, sentences: Iterable[TaggedSentence]) -> int:
    """Write sentences as token-level JSON Lines (``words``, ``tags`` and ``doc_id`` when known); returns the count."""
    out = Path(target)
    out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(out, "w", encoding="utf-8") as handle:
        for sent in sentences:
            record: dict[str, Any] = {"words": list(sent.words), "tags": list(sent.tags)}
            if sent.doc_id is not None:
                record["doc_id"] = sent.doc_id
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
