"""CoNLL BIO files (word and tag columns) and conversion from/to span documents.

Format: one word per line, columns separated by whitespace or tabs, the first
column the word (syllables joined by ``_`` as in PhoBERT data) and the LAST
column its IOB2 tag; sentences separated by a blank line. Document boundaries
and ids are kept: a ``-DOCSTART- <id>`` line (CoNLL-2003 style; ``-DOCSTART-``
alone, or with ``-X- -X- O`` columns, starts a document without an id) or a
``# id = <id>`` / ``# newdoc id = <id>`` comment line starts a document. Other
``#`` lines are comments.

Words read for training or prediction go through the same normalisation as
raw text (:func:`~vnparty_ie.text.normalize.normalize_string`); pass
``normalize=False`` to keep them as written (format conversion does).

Example:
    >>> import io
    >>> sents = read_conll(io.StringIO("-DOCSTART- d1\\n\\nBí_thư O\\nQuận_uỷ B-ORG\\nThanh_Xuân I-ORG\\n\\n"))
    >>> sents[0].words, sents[0].tags, sents[0].doc_id
    (['Bí_thư', 'Quận_ủy', 'Thanh_Xuân'], ['O', 'B-ORG', 'I-ORG'], 'd1')
    >>> [(d.id, d.text) for d in conll_to_documents(sents, by_document=True)]
    [('d1', 'Bí thư Quận ủy Thanh Xuân')]
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..bio import OTHER_SCHEME_PREFIXES, bio_to_spans, spans_to_bio, split_tag, to_iob2
from ..errors import AnnotationError
from ..text.normalize import normalize_string
from ..text.segment import DEFAULT_SEGMENTER, Token, tokenize
from ..types import Entity, Extraction
from .loss import ExportSummary

__all__ = [
    "DOC_MARKERS",
    "TaggedSentence",
    "conll_to_documents",
    "documents_to_conll",
    "export_conll",
    "read_conll",
    "read_conll_documents",
    "write_conll",
]

#: Ways :func:`write_conll` marks a document start.
DOC_MARKERS = ("docstart", "comment", None)

_ID_COMMENT = re.compile(r"#\s*(?:newdoc\s+)?id\s*=\s*(.*?)\s*$")


@dataclass(frozen=True)
class TaggedSentence:
    """A sentence as words with IOB2 tags.

    Attributes:
        words: Word forms.
        tags: One IOB2 tag per word.
        doc_id: Id of the document the sentence belongs to, when known.
        doc: Ordinal of that document in its file (0-based); ``None`` when the
            file marks no document boundaries.
    """

    words: list[str]
    tags: list[str]
    doc_id: str | None = None
    doc: int | None = None


def read_conll(
    source: str | os.PathLike | IO[str], normalize: bool = True, tag_column: int = -1
) -> list[TaggedSentence]:
    """Read a CoNLL BIO file.

    Tags may be IOB2, IOB1, IOBES/BIOES or BILOU: they are read as IOB2
    (:func:`~vnparty_ie.bio.to_iob2`).

    Args:
        source: A path or a text stream.
        normalize: Normalise each word like raw text (training and prediction
            need it); a word that normalises to nothing (a lone zero-width
            space) is dropped when tagged ``O``.
        tag_column: The column of the tags (0-based, negative from the end):
            ``-1``, the last, by default; ``3`` for VLSP-2016 files
            (word, POS, chunk, NER, nested NER).

    Example:
        >>> import io
        >>> s = read_conll(io.StringIO("Hà_Nội Np B-NP S-LOC O\\nhọp V B-VP O O\\n"), tag_column=3)
        >>> s[0].words, s[0].tags
        (['Hà_Nội', 'họp'], ['B-LOC', 'O'])

    Raises:
        AnnotationError: On a line with one column, a tag that is not IOB2, or
            a tagged word that normalises to nothing, naming the line.
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, encoding="utf-8") as handle:
            return _read(handle, str(source), normalize, tag_column)
    return _read(source, getattr(source, "name", None), normalize, tag_column)


def _read(handle: IO[str], path: str | None, normalize: bool, tag_column: int = -1) -> list[TaggedSentence]:
    sentences: list[TaggedSentence] = []
    words: list[str] = []
    tags: list[str] = []
    doc: int | None = None
    doc_id: str | None = None
    doc_used = True  # whether the current document already has a sentence (or a name)

    def flush() -> None:
        nonlocal words, tags, doc_used
        if words:
            sentences.append(TaggedSentence(words, to_iob2(tags), doc_id, doc))
            doc_used = True
        words, tags = [], []

    def new_doc(new_id: str | None) -> None:
        nonlocal doc, doc_id, doc_used
        flush()
        doc = 0 if doc is None else doc + 1
        doc_id, doc_used = new_id, new_id is not None

    for lineno, line in enumerate(handle, start=1):
        line = line.rstrip("\r\n")
        cols = line.split()
        if not cols:
            flush()
            continue
        if cols[0] == "-DOCSTART-":
            new_doc(cols[1] if len(cols) == 2 and cols[1] != "O" else None)
            continue
        if line.startswith("#"):
            match = _ID_COMMENT.match(line)
            if match and match.group(1):
                if doc is not None and not doc_used and not words:
                    doc_id, doc_used = match.group(1), True
                else:
                    new_doc(match.group(1))
                continue
            if not (len(cols) == 2 and is_tag(cols[1])):
                continue  # a comment; "# O" is the word "#"
        if len(cols) < 2:
            raise AnnotationError("expected a word and a tag column", line=lineno, path=path)
        if not -len(cols) <= tag_column < len(cols) or tag_column in (0, -len(cols)):
            raise AnnotationError(
                f"no tag column {tag_column} in a line of {len(cols)} columns", line=lineno, field="tag", path=path
            )
        tag = cols[tag_column]
        if not is_tag(tag, any_scheme=True):
            raise AnnotationError(
                f"invalid tag {tag!r}: use O, B-/I- (IOB2, IOB1), S-/E- (IOBES) or U-/L- (BILOU) and a label",
                line=lineno,
                field="tag",
                path=path,
            )
        word = normalize_string(cols[0]) if normalize else cols[0]
        if not word:
            if tag != "O":
                raise AnnotationError(
                    f"word {cols[0]!r} is empty after normalisation but tagged {tag}",
                    line=lineno,
                    field="word",
                    path=path,
                )
            continue
        words.append(word)
        tags.append(tag)
    flush()
    return sentences


def is_tag(text: str, any_scheme: bool = False) -> bool:
    """Tell whether ``text`` is an IOB2 tag (``O``, ``B-X``, ``I-X``).

    With ``any_scheme``, IOBES (``S-X``, ``E-X``) and BILOU (``U-X``, ``L-X``) tags count too.
    """
    if any_scheme and len(text) > 2 and text[1] == "-" and text[0] in OTHER_SCHEME_PREFIXES:
        return True
    try:
        split_tag(text)
    except ValueError:
        return False
    return True


def _marker(doc_id: str | None, style: str) -> str:
    if style == "comment" and doc_id:
        return f"# id = {doc_id}\n"
    if doc_id is None:
        return "-DOCSTART-\n\n"
    if doc_id and doc_id != "O" and len(doc_id.split()) == 1 and doc_id.split()[0] == doc_id:
        return f"-DOCSTART- {doc_id}\n\n"
    return f"-DOCSTART-\n# id = {doc_id}\n\n"


def write_conll(
    target: str | os.PathLike | IO[str], sentences: Iterable[TaggedSentence], doc_marker: str | None = "docstart"
) -> int:
    """Write sentences as a two-column CoNLL file; returns the sentence count.

    Args:
        target: A path (parent folders are created) or a text stream.
        sentences: The sentences; a document marker is written before the first
            sentence of each document (sentences whose ``doc`` is set).
        doc_marker: ``"docstart"`` (``-DOCSTART- <id>``), ``"comment"``
            (``# id = <id>``) or ``None`` (no document markers).
    """
    if doc_marker not in DOC_MARKERS:
        raise ValueError(f"doc_marker must be one of {DOC_MARKERS}, got {doc_marker!r}")
    if isinstance(target, (str, os.PathLike)):
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            return write_conll(handle, sentences, doc_marker)
    n = 0
    previous: int | None = None
    for sent in sentences:
        if doc_marker is not None and sent.doc is not None and sent.doc != previous:
            target.write(_marker(sent.doc_id, doc_marker))
        previous = sent.doc
        for word, tag in zip(sent.words, sent.tags):
            target.write(f"{word}\t{tag}\n")
        target.write("\n")
        n += 1
    return n


def documents_to_conll(
    docs: Iterable[Extraction], segmenter: str = DEFAULT_SEGMENTER
) -> tuple[list[TaggedSentence], list[tuple[str | None, Entity]]]:
    """Convert span documents to tagged sentences over segmented (normalised) words.

    Returns:
        ``(sentences, misaligned)`` where ``misaligned`` lists ``(doc id, entity)``
        for every entity whose edges fall inside a word (or that crosses a
        sentence boundary) — reported, never silently dropped. Each sentence
        carries its document's id and ordinal.
    """
    out: list[TaggedSentence] = []
    misaligned: list[tuple[str | None, Entity]] = []
    for n, doc in enumerate(docs):
        sentences = tokenize(doc.text, segmenter)
        placed: set[int] = set()
        for sent in sentences:
            inside = [e for e in doc.entities if e.start < sent.end and sent.start < e.end]
            tags, bad = spans_to_bio(sent.tokens, inside)
            bad_ids = {id(e) for e in bad}
            placed.update(id(e) for e in inside if id(e) not in bad_ids)
            out.append(TaggedSentence([t.form for t in sent.tokens], tags, doc.id, n))
        misaligned.extend((doc.id, e) for e in doc.entities if id(e) not in placed)
    return out, misaligned


def _word_text(word: str) -> str:
    """``Quận_ủy`` → ``Quận ủy``; a word made only of underscores stays as it is."""
    return word.replace("_", " ") if word.strip("_") else word


def words_to_document(
    sentences: Sequence[tuple[Sequence[str], Sequence[str]]], doc_id: str | None, sentence_sep: str = "\n"
) -> Extraction:
    """One document from ``(words, tags)`` sentences: words joined by spaces, sentences by ``sentence_sep``.

    Example:
        >>> doc = words_to_document([(["Quận_ủy", "họp"], ["B-ORG", "O"])], "d")
        >>> doc.text, [(e.label, e.text) for e in doc.entities]
        ('Quận ủy họp', [('ORG', 'Quận ủy')])
    """
    pieces: list[str] = []
    tokens: list[Token] = []
    tags: list[str] = []
    pos = 0
    for s, (words, sent_tags) in enumerate(sentences):
        if s:
            pieces.append(sentence_sep)
            pos += len(sentence_sep)
        for i, word in enumerate(words):
            piece = _word_text(word)
            if i:
                pieces.append(" ")
                pos += 1
            tokens.append(Token(pos, pos + len(piece), piece, word))
            pieces.append(piece)
            pos += len(piece)
        tags.extend(sent_tags)
    text = "".join(pieces)
    return Extraction(text=text, entities=tuple(bio_to_spans(text, tokens, tags)), id=doc_id)


def conll_to_documents(
    sentences: Sequence[TaggedSentence], doc_id_prefix: str = "conll", by_document: bool = False
) -> list[Extraction]:
    """Turn tagged sentences into span documents.

    Args:
        sentences: The sentences.
        doc_id_prefix: Ids ``<prefix>-<n>`` for documents without an id.
        by_document: One document per marked document (sentences joined by a
            line break), keeping its id; sentences outside any marked document
            stay one document each. ``False``: one document per sentence.

    The document text joins the words with spaces, turning ``_`` back into
    spaces (``Quận_ủy`` → ``Quận ủy``).
    """
    groups: list[tuple[str | None, list[TaggedSentence]]] = []
    previous: int | None = None
    for sent in sentences:
        if by_document and sent.doc is not None and sent.doc == previous:
            groups[-1][1].append(sent)
        else:
            groups.append((sent.doc_id if by_document else None, [sent]))
        previous = sent.doc
    return [
        words_to_document([(s.words, s.tags) for s in group], doc_id or f"{doc_id_prefix}-{n}")
        for n, (doc_id, group) in enumerate(groups, start=1)
    ]


def read_conll_documents(source: str | os.PathLike | IO[str], normalize: bool = False) -> list[Extraction]:
    """Read a CoNLL file as span documents, keeping document ids and boundaries."""
    return conll_to_documents(read_conll(source, normalize=normalize), by_document=True)


def export_conll(
    target: str | os.PathLike | IO[str],
    docs: Iterable[Extraction],
    segmenter: str = DEFAULT_SEGMENTER,
    doc_marker: str | None = "docstart",
) -> tuple[ExportSummary, list[tuple[str | None, Entity]]]:
    """Write documents as CoNLL and say what CoNLL could not carry.

    Emits a :class:`~vnparty_ie.io.loss.ConversionLossWarning` listing the losses:
    relations, entities not on word boundaries, scores, metadata, exact spacing
    and line breaks, character offsets and unnormalised spelling.

    Returns:
        ``(summary, misaligned)``; ``misaligned`` lists ``(doc id, entity)`` left out.
    """
    docs = list(docs)
    sentences, misaligned = documents_to_conll(docs, segmenter)
    summary = word_level_summary("conll", docs, misaligned, write_conll(target, sentences, doc_marker))
    summary.warn()
    return summary, misaligned


def word_level_summary(fmt: str, docs: Sequence[Extraction], misaligned: Sequence[Any], written: int) -> ExportSummary:
    """What a word-level export (CoNLL, HF datasets) of ``docs`` loses, as an :class:`ExportSummary`.

    Args:
        fmt: The format's name.
        docs: The exported documents.
        misaligned: The entities left out because they are not on word boundaries.
        written: How many sentences were written.
    """
    summary = ExportSummary(fmt, documents=len(docs), written=written)
    summary.drop("relations", sum(len(d.relations) for d in docs))
    summary.drop("entities not on word boundaries", len(misaligned))
    summary.drop("entity scores", sum(e.score is not None for d in docs for e in d.entities))
    summary.drop("metadata fields", sum(len(d.meta) for d in docs))
    if docs:
        summary.not_carried += [
            "exact spacing and line breaks (words are re-joined with single spaces)",
            "character offsets into the original text",
            "original spelling (words are written normalised)",
        ]
    return summary
