"""Coverage of the records parsers on every METRIC and DATE span of a gold file.

For each METRIC (with the UNIT of its ``unit`` relation, and 40 characters of
preceding text as context) it runs :func:`vnparty_ie.records.parse_number`; for
each DATE :func:`vnparty_ie.records.parse_date`, once without a document date and
once with ``--doc-date`` (the gold files carry none). It prints the share that
gets a value (dates: a start or an end; and a start alone) and a reproducible
random sample of readings to be judged by hand.

Usage::

    python training/measure_value_parsing.py --gold work_data/gold/dev.jsonl --sample 50
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

from vnparty_ie.records import parse_date, parse_number


def _spans(path: Path) -> tuple[list[tuple[str, str | None, str]], list[str]]:
    metrics, dates = [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text = doc["text"]
            by_id = {e["id"]: e for e in doc["entities"]}
            unit_of = {r["head"]: r["tail"] for r in doc.get("relations", []) if r["label"] == "unit"}
            for ent in doc["entities"]:
                span = text[ent["start"] : ent["end"]]
                if ent["label"] == "DATE":
                    dates.append(span)
                elif ent["label"] == "METRIC":
                    unit = by_id.get(unit_of.get(ent["id"], ""))
                    unit_text = text[unit["start"] : unit["end"]] if unit else None
                    context = text[max(0, ent["start"] - 40) : ent["start"]]
                    metrics.append((span, unit_text, context))
    return metrics, dates


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=Path("work_data/gold/dev.jsonl"))
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--doc-date", default="2019-06-15", help="document date assumed for the second date run")
    args = ap.parse_args()
    doc_date = dt.date.fromisoformat(args.doc_date)
    metrics, dates = _spans(args.gold)

    readings = [parse_number(m, u, context=c) for m, u, c in metrics]
    valued = sum(r.value is not None for r in readings)
    print(
        f"METRIC spans: {len(metrics)}; value not None: {valued} ({valued / len(metrics):.1%}); "
        f"ambiguous: {sum(r.ambiguous for r in readings)}"
    )
    plain = [parse_date(d) for d in dates]
    anchored = [parse_date(d, doc_date) for d in dates]
    for label, rs in (("no doc date", plain), (f"doc date {doc_date}", anchored)):
        start = sum(r.start is not None for r in rs)
        either = sum(r.start is not None or r.end is not None for r in rs)
        print(
            f"DATE spans ({label}): {len(rs)}; start not None: {start} ({start / len(rs):.1%}); "
            f"start or end: {either} ({either / len(rs):.1%})"
        )
    kinds: dict[str, int] = {}
    for r in anchored:
        kinds[r.kind] = kinds.get(r.kind, 0) + 1
    print("DATE kinds:", dict(sorted(kinds.items(), key=lambda kv: -kv[1])))

    rng = random.Random(args.seed)
    print(f"\n--- sample of {args.sample} METRIC readings ---")
    for k in sorted(rng.sample(range(len(metrics)), min(args.sample, len(metrics)))):
        (m, u, c), r = metrics[k], readings[k]
        print(
            f"{k:4d} {m!r} + {u!r} [..{c[-15:]!r}] -> value={r.value} max={r.value_max} "
            f"ratio={r.achieved}/{r.planned} q={r.qualifier} dir={r.direction} unit={r.normalized_unit} "
            f"amb={r.ambiguous}"
        )
    print(f"\n--- sample of {args.sample} DATE readings (doc date {doc_date}) ---")
    for k in sorted(rng.sample(range(len(dates)), min(args.sample, len(dates)))):
        r = anchored[k]
        print(f"{k:4d} {dates[k]!r} -> {r.start}..{r.end} {r.kind} partial={r.partial} dur={r.duration}")


if __name__ == "__main__":
    main()
