"""doccano import and export: sequence-labelling JSONL and the relation-extraction JSONL.

doccano's two span formats, one JSON object per line:

* sequence labelling: ``{"text": ..., "label": [[start, end, "LABEL"], ...]}``
  (spans only: relations, entity ids and scores are lost);
* relation extraction: ``{"text": ..., "entities": [{"id", "start_offset",
  "end_offset", "label"}], "relations": [{"id", "from_id", "to_id", "type"}]}``.

Offsets are code-point offsets into ``text`` (``end`` exclusive), as ours.
The document id travels as ``"id"``; other keys are kept as metadata. Entity
ids ``T<n>`` become doccano's integer ids ``n`` and come back as ``T<n>``;
other ids stay strings. Reading accepts both formats (also mixed, and a JSON
array instead of JSONL) and names the line of a bad record.

Example:
    >>> from vnparty_ie.types import Extraction, Relation, make_entity
    >>> text = "Bí thư Quận ủy"
    >>> a, b = make_entity(text, 0, 6, "POSITION", id="T1"), make_entity(text, 7, 14, "ORG", id="T2")
    >>> doc = Extraction(text, (a, b), (Relation(a, b, "organization"),), id="d1")
    >>> rec = to_doccano([doc])[0]
    >>> rec["entities"][1], rec["relations"][0]
    ({'id': 2, 'label': 'ORG', 'start_offset': 7, 'end_offset': 14}, {'id': 1, 'from_id': 1, 'to_id': 2, 'type': 'organization'})
    >>> from_doccano([rec])[0] == doc
    True
    >>> to_doccano([doc], relations=False)[0]["label"]
    [[0, 6, 'POSITION'], [7, 14, 'ORG']]
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import AnnotationError
from ..schema import DEFAULT_SCHEMA, Schema
from ..types import Extraction
from .jsonl import validate_document
from .loss import ExportSummary

__all__ = ["from_doccano", "is_doccano_record", "read_doccano", "to_doccano", "write_doccano"]

_T_ID = re.compile(r"T(\d+)")
_OWN_KEYS = ("id", "text", "entities", "relations", "label", "labels")


def _out_id(entity_id: str) -> int | str:
    match = _T_ID.fullmatch(entity_id)
    return int(match.group(1)) if match else entity_id


def _in_id(value: Any) -> str:
    return f"T{value}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def to_doccano(docs: Iterable[Extraction], relations: bool = True) -> list[dict[str, Any]]:
    """doccano records (JSON-ready), relation format or (``relations=False``) sequence labelling."""
    records = []
    for doc in docs:
        rec: dict[str, Any] = {} if doc.id is None else {"id": doc.id}
        rec["text"] = doc.text
        if relations:
            ids = doc.entity_ids()
            rec["entities"] = [
                {"id": _out_id(ids[e]), "label": e.label, "start_offset": e.start, "end_offset": e.end}
                for e in doc.entities
            ]
            rec["relations"] = [
                {"id": n, "from_id": _out_id(ids[r.head]), "to_id": _out_id(ids[r.tail]), "type": r.label}
                for n, r in enumerate(doc.relations, start=1)
            ]
        else:
            rec["label"] = [[e.start, e.end, e.label] for e in doc.entities]
        for key, value in doc.meta.items():
            rec.setdefault(key, value)
        records.append(rec)
    return records


def is_doccano_record(rec: Any) -> bool:
    """Whether a JSON value looks like a doccano span record (either format).

    Example:
        >>> is_doccano_record({"text": "a", "label": [[0, 1, "X"]]})
        True
        >>> is_doccano_record({"text": "a", "entities": [{"start": 0, "end": 1, "label": "X"}]})
        False
    """
    if not isinstance(rec, Mapping) or not isinstance(rec.get("text"), str):
        return False
    ents = rec.get("entities")
    if isinstance(ents, list):
        return bool(ents) and isinstance(ents[0], Mapping) and "start_offset" in ents[0]
    spans = rec.get("label", rec.get("labels"))
    return isinstance(spans, list) and bool(spans) and isinstance(spans[0], list)


def _guidelines_record(rec: Mapping[str, Any]) -> dict[str, Any]:
    """Translate one doccano record into a guidelines JSONL dict (raises AnnotationError)."""
    if not isinstance(rec, Mapping):
        raise AnnotationError("a record must be a JSON object")
    doc_id = None if rec.get("id") is None else str(rec["id"])
    out: dict[str, Any] = {"id": doc_id, "text": rec.get("text")}
    if "entities" in rec:
        entities = []
        for i, ent in enumerate(rec.get("entities") or []):
            if not isinstance(ent, Mapping):
                raise AnnotationError("an entity must be an object", field=f"entities[{i}]", doc_id=doc_id)
            for key in ("start_offset", "end_offset", "label"):
                if key not in ent:
                    raise AnnotationError(f"entity lacks {key!r}", field=f"entities[{i}].{key}", doc_id=doc_id)
            eid = _in_id(ent["id"]) if ent.get("id") is not None else f"T{i + 1}"
            entities.append({"id": eid, "start": ent["start_offset"], "end": ent["end_offset"], "label": ent["label"]})
        out["entities"] = entities
        rels = []
        for i, rel in enumerate(rec.get("relations") or []):
            if not isinstance(rel, Mapping):
                raise AnnotationError("a relation must be an object", field=f"relations[{i}]", doc_id=doc_id)
            for key in ("from_id", "to_id", "type"):
                if key not in rel:
                    raise AnnotationError(f"relation lacks {key!r}", field=f"relations[{i}].{key}", doc_id=doc_id)
            rels.append({"head": _in_id(rel["from_id"]), "tail": _in_id(rel["to_id"]), "label": rel["type"]})
        out["relations"] = rels
    else:
        key = "label" if "label" in rec else "labels"
        spans = rec.get(key) or []
        if not isinstance(spans, list):
            raise AnnotationError(f"{key!r} must be a list of [start, end, label]", field=key, doc_id=doc_id)
        triples = []
        for i, span in enumerate(spans):
            if not (isinstance(span, list) and len(span) == 3):
                hint = " (a text-classification record?)" if isinstance(span, str) else ""
                raise AnnotationError(
                    f"expected [start, end, label], got {span!r}{hint}", field=f"{key}[{i}]", doc_id=doc_id
                )
            triples.append(span)
        order = sorted(
            range(len(triples)),
            key=lambda i: tuple(triples[i][:2]) if all(isinstance(x, int) for x in triples[i][:2]) else (0, 0),
        )
        out["entities"] = [
            {"id": f"T{n}", "start": triples[i][0], "end": triples[i][1], "label": triples[i][2]}
            for n, i in enumerate(order, start=1)
        ]
        out["relations"] = []
    for key, value in rec.items():
        if key not in _OWN_KEYS and not (key.lower() == "comments" and not value):
            out[key] = value
    if doc_id is None:
        del out["id"]
    return out


def _to_document(rec: Any, schema: Schema | None, validate: bool) -> Extraction:
    doc = Extraction.from_dict(_guidelines_record(rec))
    if validate:
        validate_document(doc, schema)
    return doc


def from_doccano(
    records: Iterable[Mapping[str, Any]], schema: Schema | None = None, validate: bool = False
) -> list[Extraction]:
    """Documents from doccano records (either format).

    Raises:
        AnnotationError: On a malformed record, naming its field (and its index as ``line``).
    """
    docs = []
    for n, rec in enumerate(records, start=1):
        try:
            docs.append(_to_document(rec, schema, validate))
        except AnnotationError as exc:
            raise AnnotationError(exc.message, line=n, field=exc.field, doc_id=exc.doc_id) from None
    return docs


def _iter_records(path: str | os.PathLike) -> Iterator[tuple[int | None, int, Any]]:
    """Yield ``(line, index, value)``: JSONL lines, or the items of a JSON array (line ``None``)."""
    text = Path(path).read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"invalid JSON: {exc.msg}", line=exc.lineno, path=str(path)) from None
        for i, item in enumerate(items):
            yield None, i, item
        return
    index = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield lineno, index, json.loads(line)
        except json.JSONDecodeError as exc:
            raise AnnotationError(
                f"invalid JSON: {exc.msg} at column {exc.colno}", line=lineno, path=str(path)
            ) from None
        index += 1


def read_doccano(
    path: str | os.PathLike, schema: Schema | None = DEFAULT_SCHEMA, validate: bool = True
) -> list[Extraction]:
    """Read a doccano export (JSONL, or a JSON array) of either span format.

    Args:
        path: The file.
        schema: Labels to accept (``None``: any).
        validate: Apply :func:`~vnparty_ie.io.jsonl.validate_document`.

    Raises:
        AnnotationError: On the first bad record, naming path, line and field.
    """
    docs = []
    for line, index, rec in _iter_records(path):
        try:
            docs.append(_to_document(rec, schema, validate))
        except AnnotationError as exc:
            field = exc.field if line is not None else f"[{index}]" + (f".{exc.field}" if exc.field else "")
            raise AnnotationError(exc.message, line=line, field=field, doc_id=exc.doc_id, path=str(path)) from None
    return docs


def write_doccano(path: str | os.PathLike, docs: Iterable[Extraction], relations: bool = True) -> ExportSummary:
    """Write doccano JSONL; warns (and returns) what the chosen format drops.

    Args:
        path: Output file; parent folders are created.
        docs: The documents.
        relations: The relation format (default) or sequence labelling.
    """
    docs = list(docs)
    summary = ExportSummary("doccano" if relations else "doccano (sequence labelling)", documents=len(docs))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for rec in to_doccano(docs, relations=relations):
            handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
            summary.written += 1
    summary.drop("entity scores", sum(e.score is not None for d in docs for e in d.entities))
    summary.drop("relation scores", sum(r.score is not None for d in docs for r in d.relations))
    if not relations:
        summary.drop("relations", sum(len(d.relations) for d in docs))
        summary.drop(
            "entity ids (documents renumbered T1, T2, ...)",
            sum(
                any(e.id not in (None, f"T{i}") for i, e in enumerate(sorted(d.entities, key=lambda e: e.span), 1))
                for d in docs
            ),
        )
    summary.warn()
    return summary
