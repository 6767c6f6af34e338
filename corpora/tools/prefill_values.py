#!/usr/bin/env python
"""Pre-fill the value records of a gold split with the parser, then apply the checked corrections.

For every METRIC and DATE entity of a materialised gold split, the record of its
normalised value (guidelines v1.2, "Normalised values") is read by
:func:`vnparty_ie.records.assemble.add_records` on the gold entities and
relations (so a METRIC's scale comes from its gold UNIT). Records carry the
document id and entity id, never text. Then the corrections (a JSON file, one
object per ``"<doc id> <entity id>"`` key: the fields that differ from the
parser and a ``note``) are applied: a corrected record keeps the parser's
reading of the changed fields under ``"parser"`` and the reason under ``"note"``.

Usage::

    python corpora/tools/prefill_values.py --gold work_data/gold/dev.jsonl \\
        --corrections corpora/gold/values_corrections.json --out corpora/gold/values.dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vnparty_ie.records.assemble import add_records
from vnparty_ie.types import Extraction

METRIC_FIELDS = ("value", "value_max", "achieved", "planned", "qualifier", "percent", "unit_normalized", "ambiguous")
DATE_FIELDS = ("start", "end", "kind")


def parser_records(doc: Extraction) -> list[dict[str, Any]]:
    """The parser's value records of one gold document (METRICs and DATEs in text order).

    Example:
        >>> from vnparty_ie.types import Relation, make_entity
        >>> t = "Năm 2023 kết nạp 45 đảng viên."
        >>> d = make_entity(t, 0, 8, "DATE", id="T1")
        >>> m, u = make_entity(t, 17, 19, "METRIC", id="T2"), make_entity(t, 20, 29, "UNIT", id="T3")
        >>> recs = parser_records(Extraction(t, (d, m, u), (Relation(m, u, "unit"),), id="x"))
        >>> [(r["entity"], r["label"], r.get("value"), r.get("start")) for r in recs]
        [('T1', 'DATE', None, '2023-01-01'), ('T2', 'METRIC', 45.0, None)]
    """
    done = add_records(doc)
    rows: list[tuple[int, dict[str, Any]]] = []
    for m in done.metrics:
        rec = {"id": doc.id, "entity": m.metric.id, "label": "METRIC"}
        rec.update({k: getattr(m, k) for k in METRIC_FIELDS})
        rows.append((m.metric.start, rec))
    for d in done.dates:
        rec = {"id": doc.id, "entity": d.date.id, "label": "DATE"}
        rec.update({k: getattr(d, k) for k in DATE_FIELDS})
        rows.append((d.date.start, rec))
    return [r for _, r in sorted(rows, key=lambda x: x[0])]


def apply_corrections(records: list[dict[str, Any]], corrections: dict[str, dict[str, Any]]) -> int:
    """Apply corrections in place; returns how many records changed.

    Raises:
        KeyError: When a correction names a record that does not exist or a field it does not have.
    """
    index = {f"{r['id']} {r['entity']}": r for r in records}
    changed = 0
    for key, fix in corrections.items():
        if key not in index:
            continue  # a correction of the other split
        rec = index[key]
        parser = {}
        for field, value in fix.items():
            if field == "note":
                continue
            if field not in rec:
                raise KeyError(f"{key}: no field {field!r} in a {rec['label']} record")
            parser[field] = rec[field]
            rec[field] = value
        rec["parser"] = parser
        rec["note"] = fix["note"]
        changed += 1
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", required=True, type=Path, help="materialised gold split (work_data/gold/dev.jsonl)")
    parser.add_argument("--corrections", type=Path, help="checked corrections (JSON object by 'doc entity')")
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    records: list[dict[str, Any]] = []
    with args.gold.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                records += parser_records(Extraction.from_dict(json.loads(line)))
    corrections = json.loads(args.corrections.read_text(encoding="utf-8")) if args.corrections else {}
    changed = apply_corrections(records, corrections)
    with args.out.open("w", encoding="utf-8") as handle:
        for rec in records:
            handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
    n_metric = sum(r["label"] == "METRIC" for r in records)
    print(f"{args.out}: {len(records)} records ({n_metric} METRIC, {len(records) - n_metric} DATE), {changed} corrected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
