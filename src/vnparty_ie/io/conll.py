"""CoNLL BIO files (word and tag columns) and conversion from/to span documents.

Format: one word per line, columns separated by whitespace or tabs, the first
column the word (syllables joined by ``_`` as in PhoBERT data) and the LAST
column its IOB2 tag; sentences separated by a blank line; ``-DOCSTART-`` lines
and lines starting with ``#`` are ignored.

Example:
    >>> import io
    >>> sents = read_conll(io.StringIO("Bí_thư O\\nQuận_ủy B-ORG\\nThanh_Xuân I-ORG\\n\\n"))
    >>> sents[0].words, sents[0].tags
    (['Bí_thư', 'Quận_ủy', 'Thanh_Xuân'], ['O', 'B-ORG', 'I-ORG'])
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..bio import bio_to_spans, spans_to_bio, split_tag
from ..errors import AnnotationError
from ..text.segment import DEFAULT_SEGMENTER, Token, tokenize
from ..types import Entity, Extraction

__all__ = ["TaggedSentence", "conll_to_documents", "documents_to_conll", "read_conll", "write_conll"]


@dataclass(frozen=True)
class TaggedSentence:
    """A sentence as words with IOB2 tags."""

    words: list[str]
    tags: list[str]


def read_conll(source: str | os.PathLike | IO[str]) -> list[TaggedSentence]:
    """Read a CoNLL BIO file.

    Raises:
        AnnotationError: On a line with one column or a tag that is not IOB2,
            naming the line.
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, encoding="utf-8") as handle:
            return _read(handle, str(source))
    return _read(source, getattr(source, "name", None))


def _read(handle: IO[str], path: str | None) -> list[TaggedSentence]:
    sentences: list[TaggedSentence] = []
    words: list[str] = []
    tags: list[str] = []
    for lineno, line in enumerate(handle, start=1):
        line = line.rstrip("\n")
        if not line.strip():
            if words:
                sentences.append(TaggedSentence(words, tags))
                words, tags = [], []
            continue
        if line.startswith(("-DOCSTART-", "#")):
            continue
        cols = line.split()
        if len(cols) < 2:
            raise AnnotationError("expected a word and a tag column", line=lineno, path=path)
        try:
            split_tag(cols[-1])
        except ValueError as exc:
            raise AnnotationError(str(exc), line=lineno, field="tag", path=path) from None
        words.append(cols[0])
        tags.append(cols[-1])
    if words:
        sentences.append(TaggedSentence(words, tags))
    return sentences


def write_conll(target: str | os.PathLike | IO[str], sentences: Iterable[TaggedSentence]) -> int:
    """Write sentences as a two-column CoNLL file; returns the sentence count."""
    if isinstance(target, (str, os.PathLike)):
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            return write_conll(handle, sentences)
    n = 0
    for sent in sentences:
        for word, tag in zip(sent.words, sent.tags):
            target.write(f"{word}\t{tag}\n")
        target.write("\n")
        n += 1
    return n


def documents_to_conll(
    docs: Iterable[Extraction], segmenter: str = DEFAULT_SEGMENTER
) -> tuple[list[TaggedSentence], list[tuple[str | None, Entity]]]:
    """Convert span documents to tagged sentences over segmented words.

    Returns:
        ``(sentences, misaligned)`` where ``misaligned`` lists ``(doc id, entity)``
        for every entity whose edges fall inside a word (or that crosses a
        sentence boundary) — reported, never silently dropped.
    """
    out: list[TaggedSentence] = []
    misaligned: list[tuple[str | None, Entity]] = []
    for doc in docs:
        sentences = tokenize(doc.text, segmenter)
        placed: set[int] = set()
        for sent in sentences:
            inside = [e for e in doc.entities if e.start < sent.end and sent.start < e.end]
            tags, bad = spans_to_bio(sent.tokens, inside)
            bad_ids = {id(e) for e in bad}
            placed.update(id(e) for e in inside if id(e) not in bad_ids)
            out.append(TaggedSentence([t.form for t in sent.tokens], tags))
        misaligned.extend((doc.id, e) for e in doc.entities if id(e) not in placed)
    return out, misaligned


def conll_to_documents(sentences: Sequence[TaggedSentence], doc_id_prefix: str = "conll") -> list[Extraction]:
    """Turn tagged sentences into span documents, one per sentence.

    The document text joins the words with spaces, turning ``_`` back into
    spaces (``Quận_ủy`` → ``Quận ủy``).
    """
    docs: list[Extraction] = []
    for n, sent in enumerate(sentences, start=1):
        pieces = [w.replace("_", " ") for w in sent.words]
        tokens: list[Token] = []
        pos = 0
        for word, piece in zip(sent.words, pieces):
            tokens.append(Token(pos, pos + len(piece), piece, word))
            pos += len(piece) + 1
        text = " ".join(pieces)
        entities = bio_to_spans(text, tokens, sent.tags)
        docs.append(Extraction(text=text, entities=tuple(entities), id=f"{doc_id_prefix}-{n}"))
    return docs
