"""Gold value records of METRIC and DATE entities (``corpora/gold/values.{dev,test}.jsonl``).

One JSON object per line, keyed by document id and entity id, no text::

    {"id": "train/014690", "entity": "T35", "label": "METRIC", "value": 100.0, "value_max": null,
     "achieved": null, "planned": null, "qualifier": null, "percent": true, "unit_normalized": "%",
     "ambiguous": false}
    {"id": "train/014690", "entity": "T13", "label": "DATE", "start": "2018-01-01",
     "end": "2023-12-31", "kind": "term"}

A record corrected by hand also has ``"parser"`` (the parser's reading of the
fields that were changed) and ``"note"`` (why).

:func:`check_values` validates records against the stand-off gold (ids exist,
labels match, types and ISO dates valid, every METRIC and DATE covered);
:func:`merge_values` puts them into gold :class:`~vnparty_ie.types.Extraction`
documents as :attr:`~vnparty_ie.types.Extraction.metrics` and
:attr:`~vnparty_ie.types.Extraction.dates`.

Example:
    >>> from vnparty_ie.types import Extraction
    >>> doc = Extraction.from_dict({"id": "d", "text": "Năm 2023 có 45 đảng viên.",
    ...     "entities": [{"id": "T1", "start": 0, "end": 8, "label": "DATE"},
    ...                  {"id": "T2", "start": 12, "end": 14, "label": "METRIC"}]})
    >>> values = [{"id": "d", "entity": "T1", "label": "DATE", "start": "2023-01-01", "end": "2023-12-31",
    ...            "kind": "year"}, {"id": "d", "entity": "T2", "label": "METRIC", "value": 45.0}]
    >>> gold = [{"id": "d", "entities": [e.to_dict() for e in doc.entities]}]
    >>> check_values(values, gold)[:2]
    ['d: METRIC T2 has no field value_max', 'd: METRIC T2 has no field achieved']
    >>> values[1].update(value_max=None, achieved=None, planned=None, qualifier=None, percent=False,
    ...                  unit_normalized="đảng viên", ambiguous=False)
    >>> check_values(values, gold)
    []
    >>> merged = merge_values([doc], values)[0]
    >>> merged.metrics[0].value, merged.dates[0].start
    (45.0, '2023-01-01')
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..types import DateValue, Entity, Extraction, Metric

__all__ = ["DATE_FIELDS", "METRIC_FIELDS", "check_values", "merge_values", "read_values"]

#: Fields of a METRIC value record and their types (``None`` allowed except for booleans).
METRIC_FIELDS: dict[str, tuple[type, ...]] = {
    "value": (float, int), "value_max": (float, int), "achieved": (float, int), "planned": (float, int),
    "qualifier": (str,), "percent": (bool,), "unit_normalized": (str,), "ambiguous": (bool,),
}  # fmt: skip
#: Fields of a DATE value record.
DATE_FIELDS: dict[str, tuple[type, ...]] = {"start": (str,), "end": (str,), "kind": (str,)}
#: Kinds a DATE record may have (those of :class:`~vnparty_ie.types.DateValue`, plus ``recurring``).
DATE_KINDS = frozenset(
    {"day", "month", "quarter", "year", "range", "term", "relative", "duration", "recurring", "unknown"}
)
_OPTIONAL = frozenset({"parser", "note"})


def read_values(path: str | Path) -> list[dict[str, Any]]:
    """Read a values JSONL file (no checks; see :func:`check_values`)."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _iso(value: Any) -> bool:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return len(value) == 10


def _check_record(rec: Mapping[str, Any], label: str) -> list[str]:
    where = f"{rec.get('id')}: {label} {rec.get('entity')}"
    fields = METRIC_FIELDS if label == "METRIC" else DATE_FIELDS
    problems = [f"{where} has no field {k}" for k in fields if k not in rec]
    extra = set(rec) - set(fields) - {"id", "entity", "label"} - _OPTIONAL
    problems += [f"{where} has an unknown field {k}" for k in sorted(extra)]
    for k, types in fields.items():
        v = rec.get(k)
        if k in rec and not (v is None and bool not in types) and not (isinstance(v, types) and not (
                bool not in types and isinstance(v, bool))):
            problems.append(f"{where}: {k}={v!r} is not {'/'.join(t.__name__ for t in types)}")
    if label == "DATE":
        for k in ("start", "end"):
            if rec.get(k) is not None and not _iso(rec[k]):
                problems.append(f"{where}: {k}={rec[k]!r} is not an ISO date")
        if _iso(rec.get("start")) and _iso(rec.get("end")) and rec["start"] > rec["end"]:
            problems.append(f"{where}: start {rec['start']} after end {rec['end']}")
        if rec.get("kind") not in DATE_KINDS:
            problems.append(f"{where}: unknown kind {rec.get('kind')!r}")
    return problems


def check_values(values: Iterable[Mapping[str, Any]], gold: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every problem of value records against gold records (stand-off or full JSONL dicts).

    Checks that each record names a gold document and entity, that its label is
    the entity's, that its fields and types are those of its label, that dates
    are ISO (``YYYY-MM-DD``) with start <= end, that no entity has two records
    and that every METRIC and DATE of the gold documents has one.

    Returns:
        One line per problem; empty when the records are valid.
    """
    labels: dict[tuple[str, str], str] = {}
    for doc in gold:
        for e in doc.get("entities", []):
            if e["label"] in ("METRIC", "DATE"):
                labels[(doc["id"], e["id"])] = e["label"]
            else:
                labels.setdefault((doc["id"], e["id"]), e["label"])
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for rec in values:
        key = (rec.get("id"), rec.get("entity"))
        if key not in labels:
            problems.append(f"{key[0]}: no entity {key[1]} in the gold")
            continue
        if key in seen:
            problems.append(f"{key[0]}: two records for {key[1]}")
        seen.add(key)  # type: ignore[arg-type]
        if rec.get("label") != labels[key]:
            problems.append(f"{key[0]}: {key[1]} is {labels[key]} in the gold, {rec.get('label')} here")
            continue
        problems += _check_record(rec, labels[key])
    for key, label in sorted(labels.items()):
        if label in ("METRIC", "DATE") and key not in seen:
            problems.append(f"{key[0]}: {label} {key[1]} has no value record")
    return problems


def _tail(doc: Extraction, head: Entity, label: str) -> Entity | None:
    return next((r.tail for r in doc.relations if r.head == head and r.label == label), None)


def merge_values(docs: Sequence[Extraction], values: Iterable[Mapping[str, Any]]) -> list[Extraction]:
    """Gold documents with their value records as ``metrics`` and ``dates``.

    A document with no record keeps empty ``metrics``/``dates``; a METRIC or DATE
    without a record is left out of them. The METRIC rows take their unit,
    target and period from the gold relations.
    """
    by_doc: dict[str, dict[str, Mapping[str, Any]]] = {}
    for rec in values:
        by_doc.setdefault(rec["id"], {})[rec["entity"]] = rec
    out = []
    for doc in docs:
        recs = by_doc.get(doc.id or "", {})
        if not recs:
            out.append(doc)
            continue
        metrics, dates = [], []
        for e in doc.entities:
            rec = recs.get(e.id or "")
            if rec is None:
                continue
            if e.label == "METRIC":
                fields = {k: rec.get(k) for k in METRIC_FIELDS}
                fields["percent"] = bool(fields["percent"])
                fields["ambiguous"] = bool(fields["ambiguous"])
                metrics.append(Metric(e, _tail(doc, e, "unit"), _tail(doc, e, "target"), _tail(doc, e, "period"),
                                      **fields))
            elif e.label == "DATE":
                dates.append(DateValue(e, rec.get("start"), rec.get("end"), rec.get("kind") or "unknown"))
        out.append(replace(doc, metrics=tuple(metrics), dates=tuple(dates)))
    return out
