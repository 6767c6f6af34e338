"""Predictions for pre-segmented CoNLL files (``vnparty-ie predict``).

Input: one word per line (syllables of a word may be joined by ``_`` as in
PhoBERT data), a blank line between sentences; further columns (a gold tag
column, say) are ignored. Document markers (``-DOCSTART- [ID]``, ``# id = ID``,
``# newdoc id = ID``) and other ``#`` comments are kept in the CoNLL output.

Words go through the same normaliser as raw text
(:func:`~vnparty_ie.text.normalize.normalize_string`). The model's classifier
tags the words as given (no re-segmentation). When the model's
``pipeline.json`` composes the classifier with the rules, the composition runs
on each document's text (its words joined by spaces, ``_`` read as a space,
sentences joined by line breaks), with the classifier's entities from the given
words; the composed entity spans are mapped back to the words (a word takes the
tag of the first entity it overlaps: ``B-`` on an entity's first word, ``I-``
after).

Output: CoNLL (``word<TAB>tag``, words as written in the input) or JSONL (one
record per document — per sentence when the file marks no documents — in the
guidelines' shape, with relations and records; ``text`` is the normalised words
joined as above).

Example:
    >>> import io
    >>> sents = read_words(io.StringIO("-DOCSTART- d1\\n\\nQuận_uỷ B-ORG\\nhọp O\\n\\nHết\\n"))
    >>> [(s.words, s.forms, s.doc_id) for s in sents]
    [(['Quận_uỷ', 'họp'], ['Quận_ủy', 'họp'], 'd1'), (['Hết'], ['Hết'], 'd1')]
    >>> sents[0].prefix
    ['-DOCSTART- d1']
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from .io.conll import is_tag
from .text.normalize import normalize_string
from .types import Entity, Extraction

__all__ = ["PredictStats", "WordSentence", "predict_sentences", "read_words", "tags_from_entities", "write_predictions"]


@dataclass
class WordSentence:
    """A pre-segmented sentence.

    Attributes:
        words: The words as written in the input.
        forms: The normalised words the model reads (``""`` for a word that
            normalises to nothing; it is tagged ``O``).
        doc_id: The id of the document it belongs to, when marked.
        doc: Ordinal of its document (``None`` when the file marks none).
        prefix: Marker and comment lines read just before it (written back as they were).
        tags: Predicted IOB2 tags, filled by :func:`predict_sentences`.
    """

    words: list[str]
    forms: list[str]
    doc_id: str | None = None
    doc: int | None = None
    prefix: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def read_words(source: str | os.PathLike | IO[str]) -> list[WordSentence]:
    """Read a CoNLL file's words (first column), keeping document markers and comments.

    Args:
        source: A path or a text stream.

    Returns:
        The sentences, in order.
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, encoding="utf-8") as handle:
            return read_words(handle)
    sentences: list[WordSentence] = []
    words: list[str] = []
    prefix: list[str] = []
    doc: int | None = None
    doc_id: str | None = None

    def flush() -> None:
        nonlocal words, prefix
        if words:
            sentences.append(WordSentence(words, [normalize_string(w) for w in words], doc_id, doc, prefix))
            words, prefix = [], []

    for line in source:
        line = line.rstrip("\r\n")
        cols = line.split()
        if not cols:
            flush()
            continue
        if cols[0] == "-DOCSTART-":
            flush()
            doc = 0 if doc is None else doc + 1
            doc_id = cols[1] if len(cols) == 2 and cols[1] != "O" else None
            prefix.append(line)
            continue
        if line.startswith("#"):
            key, _, value = line.lstrip("#").strip().partition("=")
            if key.strip() in ("id", "newdoc id") and value.strip():
                flush()
                doc = 0 if doc is None else doc + 1
                doc_id = value.strip()
                prefix.append(line)
                continue
            if not (cols == ["#"] or (len(cols) == 2 and is_tag(cols[1]))):
                prefix.append(line)  # a comment ("#" alone or "# O" is the word "#")
                continue
        words.append(cols[0])
    flush()
    return sentences


def _word_surface(form: str) -> str:
    return form.replace("_", " ") if form.strip("_") else form


def _layout(doc: Sequence[WordSentence]) -> tuple[str, list[list[tuple[int, int] | None]]]:
    """The document text and each word's ``(start, end)`` in it (``None`` for an empty form)."""
    parts: list[str] = []
    offsets: list[list[tuple[int, int] | None]] = []
    pos = 0
    for s, sent in enumerate(doc):
        if s:
            parts.append("\n")
            pos += 1
        spans: list[tuple[int, int] | None] = []
        first = True
        for form in sent.forms:
            if not form:
                spans.append(None)
                continue
            if not first:
                parts.append(" ")
                pos += 1
            first = False
            surface = _word_surface(form)
            spans.append((pos, pos + len(surface)))
            parts.append(surface)
            pos += len(surface)
        offsets.append(spans)
    return "".join(parts), offsets


def tags_from_entities(
    word_spans: Sequence[tuple[int, int] | None], entities: Sequence[Entity]
) -> tuple[list[str], int]:
    """IOB2 tags of words from entity spans over the same text.

    Args:
        word_spans: ``(start, end)`` of each word, or ``None`` (tagged ``O``).
        entities: Flat entities.

    Returns:
        ``(tags, misaligned)``: ``misaligned`` counts entities whose edges fall
        inside a word (the word is taken whole) or that cover no word.

    Example:
        >>> from vnparty_ie.types import make_entity
        >>> text = "Bí thư Quận ủy Thanh Xuân"
        >>> tags_from_entities([(0, 6), (7, 14), (15, 25)], [make_entity(text, 7, 25, "ORG")])
        (['O', 'B-ORG', 'I-ORG'], 0)
    """
    tags = ["O"] * len(word_spans)
    owner: list[int | None] = [None] * len(word_spans)
    misaligned = 0
    for n, ent in enumerate(sorted(entities, key=lambda e: (e.start, e.end))):
        covered = [i for i, sp in enumerate(word_spans) if sp is not None and sp[0] < ent.end and ent.start < sp[1]]
        free = [i for i in covered if owner[i] is None]
        starts = {word_spans[i][0] for i in covered}  # type: ignore[index]
        ends = {word_spans[i][1] for i in covered}  # type: ignore[index]
        if not free or ent.start not in starts or ent.end not in ends or len(free) != len(covered):
            misaligned += 1
        for k, i in enumerate(free):
            owner[i] = n
            tags[i] = ("B-" if k == 0 else "I-") + ent.label
    return tags, misaligned


class _GivenEntities:
    """A stand-in tagger returning entities already found (the classifier's, on the given words)."""

    def __init__(self, entities: Sequence[Sequence[Entity]]) -> None:
        self.entities = [list(e) for e in entities]

    def predict(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Entity]]:
        return self.entities


@dataclass
class PredictStats:
    """What :func:`predict_sentences` did."""

    sentences: int = 0
    documents: int = 0
    words: int = 0
    entities: int = 0
    misaligned: int = 0
    mode: str = "tagger"

    def summary(self) -> str:
        """One line for stderr."""
        note = f", {self.misaligned} entities with an edge inside a word (whole words taken)" if self.misaligned else ""
        return (
            f"tagged {self.words} words in {self.sentences} sentences ({self.documents} documents), "
            f"{self.entities} entities [{self.mode}]{note}"
        )


def _documents(sentences: Sequence[WordSentence]) -> list[list[WordSentence]]:
    groups: list[list[WordSentence]] = []
    previous: int | None = None
    for sent in sentences:
        if sent.doc is not None and sent.doc == previous and groups:
            groups[-1].append(sent)
        else:
            groups.append([sent])
        previous = sent.doc
    return groups


def _classifier_entities(tagger: Any, docs: Sequence[tuple[str, list[list[tuple[int, int] | None]]]],
                         groups: Sequence[Sequence[WordSentence]], batch_size: int) -> list[list[Entity]]:  # fmt: skip
    from dataclasses import replace

    from .tagger.decode import spans_to_entities, word_spans

    flat: list[tuple[int, list[tuple[int, int]], list[str]]] = []
    for d, (group, (_text, offsets)) in enumerate(zip(groups, docs)):
        for sent, spans in zip(group, offsets):
            kept = [(sp, f) for sp, f in zip(spans, sent.forms) if sp is not None]
            if kept:
                flat.append((d, [sp for sp, _ in kept], [f for _, f in kept]))
    results = tagger.predict_words([forms for _, _, forms in flat], batch_size=batch_size) if flat else []
    entities: list[list[Entity]] = [[] for _ in groups]
    for (d, spans, _forms), (tags, scores) in zip(flat, results):
        found = spans_to_entities(docs[d][0], [a for a, _ in spans], [b for _, b in spans], word_spans(tags, scores))
        entities[d].extend(replace(e, source="classifier") for e in found)
    return [sorted(e, key=lambda x: (x.start, x.end)) for e in entities]


def predict_sentences(
    extractor: Any, sentences: Sequence[WordSentence], batch_size: int = 32, with_records: bool = False
) -> tuple[list[Extraction], PredictStats]:
    """Tag pre-segmented sentences; fills each sentence's ``tags``.

    Args:
        extractor: A loaded :class:`~vnparty_ie.Extractor` (``vnparty_ie.load(dir)``).
        sentences: From :func:`read_words`.
        batch_size: Windows per forward pass.
        with_records: Also link relations and add records to the returned documents.

    Returns:
        ``(documents, stats)``: one :class:`~vnparty_ie.types.Extraction` per
        document (per sentence when none is marked) and counts.
    """
    from .combine import CombinedEntityModel

    groups = _documents(sentences)
    docs = [_layout(group) for group in groups]
    model = extractor.tagger
    combined = model if isinstance(model, CombinedEntityModel) else None
    classifier = combined.tagger if combined is not None else model
    mode = combined.mode if combined is not None else "tagger"
    if mode == "rules" or classifier is None:
        tagged: list[list[Entity]] = [[] for _ in groups]
    elif hasattr(classifier, "predict_words"):
        tagged = _classifier_entities(classifier, docs, groups, batch_size)
    else:  # any other entity model: run it on the document texts
        tagged = classifier.predict([text for text, _ in docs], batch_size=batch_size)
    if combined is not None:
        composed = CombinedEntityModel(
            _GivenEntities(tagged), combined.mode, rules=combined.rules, min_tagger_score=combined.min_tagger_score,
            min_tagger_score_by_label=combined.min_tagger_score_by_label,
        )  # fmt: skip
        entities = composed.predict([text for text, _ in docs], batch_size=batch_size)
    else:
        entities = tagged
    stats = PredictStats(sentences=len(sentences), documents=len(groups), mode=mode)
    out: list[Extraction] = []
    for n, (group, (text, offsets), ents) in enumerate(zip(groups, docs, entities), start=1):
        ents = sorted(ents, key=lambda e: (e.start, e.end))
        for sent, spans in zip(group, offsets):
            inside = [e for e in ents if any(sp is not None and sp[0] < e.end and e.start < sp[1] for sp in spans)]
            sent.tags, bad = tags_from_entities(spans, inside)
            stats.misaligned += bad
            stats.words += len(sent.words)
        stats.entities += len(ents)
        doc_id = group[0].doc_id if group[0].doc is not None else None
        doc = Extraction(text, tuple(ents), id=doc_id or f"conll-{n}")
        if with_records:
            from .records.assemble import add_records

            relations = extractor.linker.link(text, list(doc.entities)) if doc.entities else []
            doc = add_records(Extraction(text, doc.entities, tuple(relations), id=doc.id))
        out.append(doc)
    return out, stats


def write_predictions(
    handle: IO[str], sentences: Iterable[WordSentence], docs: Iterable[Extraction] = (), fmt: str = "conll"
) -> None:
    """Write ``word<TAB>tag`` CoNLL (markers kept) or one JSONL record per document."""
    if fmt == "jsonl":
        for doc in docs:
            handle.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        return
    if fmt != "conll":
        raise ValueError(f"unknown output format {fmt!r}; choose conll or jsonl")
    for sent in sentences:
        for line in sent.prefix:
            handle.write(line + "\n")
            if line.startswith("-DOCSTART-"):
                handle.write("\n")
        for word, tag in zip(sent.words, sent.tags):
            handle.write(f"{word}\t{tag}\n")
        handle.write("\n")
