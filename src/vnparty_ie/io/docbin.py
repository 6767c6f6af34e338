"""spaCy ``DocBin`` (``.spacy``) import and export, relations included.

spaCy is an optional extra (``pip install -e ".[spacy]"``), imported only
when these functions run.

Each document becomes a spaCy ``Doc`` whose text is exactly the document text
(whitespace kept) and whose ``doc.ents`` are the entities; tokens are split at
every entity edge, so every span aligns. What ``doc.ents`` cannot hold lives in
``doc.user_data["vnparty_ie"]`` as plain JSON-able data (never ``Span``
objects, so ``DocBin(store_user_data=True)`` serialises it)::

    {"id": "d1", "meta": {...},
     "entities": [{"ent": 0, "id": "T1", "score": null, "source": null, "rule": null}, ...],
     "relations": [{"head": 0, "tail": 1, "label": "organization", "score": null, ...}, ...]}

``entities`` is in the document's order, ``ent`` indexing ``doc.ents``;
``head``/``tail`` index ``entities``.

A ``DocBin`` made elsewhere (no ``user_data``) reads as entities only, with ids
``T1``, ``T2`` … in text order.

Example:
    >>> from vnparty_ie.types import Extraction, Relation, make_entity
    >>> text = "Bí thư Quận ủy  Thanh Xuân"
    >>> a, b = make_entity(text, 0, 6, "POSITION", id="T1"), make_entity(text, 7, 26, "ORG", id="T2")
    >>> doc = Extraction(text, (a, b), (Relation(a, b, "organization"),), id="d1")
    >>> sdoc = to_spacy_doc(doc)
    >>> sdoc.text == text, [(e.text, e.label_) for e in sdoc.ents]
    (True, [('Bí thư', 'POSITION'), ('Quận ủy  Thanh Xuân', 'ORG')])
    >>> from_spacy_doc(sdoc) == doc
    True
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import AlignmentError, AnnotationError
from ..schema import DEFAULT_SCHEMA, Schema
from ..types import Entity, Extraction, Relation
from .jsonl import validate_document
from .loss import ExportSummary

__all__ = ["USER_DATA_KEY", "from_docbin", "from_spacy_doc", "read_docbin", "to_docbin", "to_spacy_doc", "write_docbin"]

#: The ``doc.user_data`` key holding ids, scores, relations and metadata.
USER_DATA_KEY = "vnparty_ie"

_PIECE = re.compile(r"\s+|\w+|[^\w\s]")


def _spacy() -> Any:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError('DocBin conversion needs spaCy: pip install -e ".[spacy]"') from exc
    return spacy


def _vocab(vocab: Any, lang: str) -> Any:
    return vocab if vocab is not None else _spacy().blank(lang).vocab


def _words(text: str, cuts: set[int]) -> tuple[list[str], list[bool]]:
    """Words and trailing-space flags reproducing ``text``, split at every offset in ``cuts``."""
    words: list[str] = []
    spaces: list[bool] = []
    for match in _PIECE.finditer(text):
        piece, start = match.group(), match.start()
        if piece.isspace():
            if words and not spaces[-1] and not words[-1].isspace() and piece[0] == " ":
                spaces[-1] = True
                piece = piece[1:]
            if piece:
                words.append(piece)
                spaces.append(False)
            continue
        inner = sorted(c - start for c in cuts if start < c < match.end())
        for a, b in zip([0, *inner], [*inner, len(piece)]):
            words.append(piece[a:b])
            spaces.append(False)
    return words, spaces


def to_spacy_doc(doc: Extraction, vocab: Any = None, lang: str = "xx") -> Any:
    """A spaCy ``Doc`` with the document's text, entities and (in ``user_data``) relations.

    Args:
        doc: The document (flat entities).
        vocab: A spaCy ``Vocab`` (default: a blank ``lang`` pipeline's).
        lang: Language code of the blank pipeline when ``vocab`` is not given.

    Raises:
        AlignmentError: When an entity starts or ends on whitespace (not a token edge).
    """
    from spacy.tokens import Doc

    cuts = {e.start for e in doc.entities} | {e.end for e in doc.entities}
    words, spaces = _words(doc.text, cuts)
    sdoc = Doc(_vocab(vocab, lang), words=words, spaces=spaces)
    spans = []
    for ent in doc.entities:
        span = sdoc.char_span(ent.start, ent.end, label=ent.label)
        if span is None:
            raise AlignmentError(f"entity {ent.text!r} [{ent.start}, {ent.end}) starts or ends on whitespace")
        spans.append(span)
    sdoc.ents = spans
    position = {(s.start_char, s.end_char): k for k, s in enumerate(sdoc.ents)}
    ids = doc.entity_ids()
    index = {ent: i for i, ent in enumerate(doc.entities)}
    sdoc.user_data[USER_DATA_KEY] = {
        "id": doc.id,
        "meta": dict(doc.meta),
        "entities": [
            {"ent": position[e.span], "id": ids[e], "score": e.score, "source": e.source, "rule": e.rule}
            for e in doc.entities
        ],
        "relations": [
            {
                "head": index[r.head],
                "tail": index[r.tail],
                "label": r.label,
                "score": r.score,
                "source": r.source,
                "rule": r.rule,
            }
            for r in doc.relations
        ],
    }
    return sdoc


def from_spacy_doc(sdoc: Any) -> Extraction:
    """An :class:`~vnparty_ie.types.Extraction` from a spaCy ``Doc`` (see the module doc).

    Raises:
        AnnotationError: When ``user_data`` refers to entities that do not exist.
    """
    ents = list(sdoc.ents)
    data = sdoc.user_data.get(USER_DATA_KEY) or {}
    if not isinstance(data, dict):
        raise AnnotationError(f"user_data[{USER_DATA_KEY!r}] must be an object, got {type(data).__name__}")
    try:
        return _from_user_data(sdoc, ents, data)
    except (AttributeError, TypeError, ValueError) as exc:
        if isinstance(exc, AnnotationError):
            raise
        raise AnnotationError(f"malformed user_data[{USER_DATA_KEY!r}]: {exc}", doc_id=str(data.get("id"))) from None


def _from_user_data(sdoc: Any, ents: list, data: dict) -> Extraction:
    doc_id = data.get("id")
    items = data.get("entities")
    if items is None:
        items = [{"ent": k, "id": f"T{k + 1}", "score": None} for k in range(len(ents))]
    entities: list[Entity] = []
    for i, item in enumerate(items):
        k = item.get("ent")
        if not isinstance(k, int) or not 0 <= k < len(ents):
            raise AnnotationError(
                f"entity index {k!r} is not one of the {len(ents)} doc.ents",
                field=f"user_data.entities[{i}].ent",
                doc_id=doc_id,
            )
        span = ents[k]
        score = item.get("score")
        entities.append(
            Entity(
                span.start_char,
                span.end_char,
                span.label_,
                span.text,
                None if score is None else float(score),
                id=item.get("id"),
                source=item.get("source"),
                rule=item.get("rule"),
            )
        )
    relations = []
    for i, rel in enumerate(data.get("relations") or []):
        head, tail = rel.get("head"), rel.get("tail")
        if not all(isinstance(x, int) and 0 <= x < len(entities) for x in (head, tail)):
            raise AnnotationError(
                f"relation entity index {head!r} or {tail!r} is out of range",
                field=f"user_data.relations[{i}]",
                doc_id=doc_id,
            )
        score = rel.get("score")
        relations.append(
            Relation(
                entities[head],
                entities[tail],
                str(rel.get("label")),
                None if score is None else float(score),
                source=rel.get("source"),
                rule=rel.get("rule"),
            )
        )
    return Extraction(sdoc.text, tuple(entities), tuple(relations), id=doc_id, meta=dict(data.get("meta") or {}))


def to_docbin(docs: Iterable[Extraction], vocab: Any = None, lang: str = "xx") -> Any:
    """A ``DocBin(store_user_data=True)`` holding the documents."""
    from spacy.tokens import DocBin

    vocab = _vocab(vocab, lang)
    docbin = DocBin(store_user_data=True)
    for doc in docs:
        docbin.add(to_spacy_doc(doc, vocab))
    return docbin


def from_docbin(
    docbin: Any, vocab: Any = None, lang: str = "xx", schema: Schema | None = None, validate: bool = False
) -> list[Extraction]:
    """Documents from a ``DocBin``.

    Raises:
        AnnotationError: On bad ``user_data`` or (with ``validate``) an invalid
            document, naming it as ``docs[n]``.
    """
    docs = []
    for n, sdoc in enumerate(docbin.get_docs(_vocab(vocab, lang))):
        try:
            doc = from_spacy_doc(sdoc)
            if validate:
                validate_document(doc, schema)
        except AnnotationError as exc:
            field = f"docs[{n}]" + (f".{exc.field}" if exc.field else "")
            raise AnnotationError(exc.message, field=field, doc_id=exc.doc_id) from None
        docs.append(doc)
    return docs


def write_docbin(path: str | os.PathLike, docs: Iterable[Extraction], lang: str = "xx") -> ExportSummary:
    """Write a ``.spacy`` file; DocBin carries everything, so the summary lists no loss."""
    docs = list(docs)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    to_docbin(docs, lang=lang).to_disk(path)
    return ExportSummary("docbin", documents=len(docs), written=len(docs))


def read_docbin(
    path: str | os.PathLike, schema: Schema | None = DEFAULT_SCHEMA, validate: bool = True, lang: str = "xx"
) -> list[Extraction]:
    """Read a ``.spacy`` file (see :func:`from_docbin`); errors name the file."""
    from spacy.tokens import DocBin

    try:
        docbin = DocBin().from_disk(path)
    except (ValueError, KeyError, TypeError) as exc:
        raise AnnotationError(f"not a spaCy DocBin: {exc}", path=str(path)) from None
    try:
        return from_docbin(docbin, lang=lang, schema=schema, validate=validate)
    except AnnotationError as exc:
        raise AnnotationError(exc.message, field=exc.field, doc_id=exc.doc_id, path=str(path)) from None
