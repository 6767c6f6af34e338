"""Measure the precision of every rule on the train gold and store it with the package.

For each entity rule, the rule labeler runs on the gold texts and every entity
it makes counts as correct when the gold has the same span and label. For each
relation rule, the linker runs on the gold entities (as in
``training/eval_relations.py``) and every relation counts as correct when the
gold has the same head, tail and label. The table in
``src/vnparty_ie/data/rules/precision.json`` then gives, per rule id: ``fired``
(how many spans it made), ``correct``, ``precision`` (``correct / fired``) and
``score`` = ``(correct + 1) / (fired + 2)`` (Laplace smoothing: a rule that fired
twice, once right, scores 0.5, not 1.0 or 0.0). Rules that never fired get
``default_score`` (0.5, a uniform prior's mean: no evidence either way). The
score is what entities and relations of the rule carry.

Only the TRAIN split is used: dev and test stay unseen.

Usage::

    python training/measure_rule_precision.py --gold work_data/gold/train.jsonl \\
        --output src/vnparty_ie/data/rules/precision.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vnparty_ie.evaluation import write_json_report
from vnparty_ie.rules import ENTITY_RULES, RELATION_RULES, RuleLabeler, RuleRelationLinker
from vnparty_ie.rules.base import DEFAULT_SCORE
from vnparty_ie.types import Extraction

COMMAND = "python training/measure_rule_precision.py --gold work_data/gold/train.jsonl --output src/vnparty_ie/data/rules/precision.json"


def read_gold(path: str | Path) -> list[Extraction]:
    """Read a guidelines JSONL file (labels unchecked)."""
    with open(path, encoding="utf-8") as handle:
        return [Extraction.from_dict(json.loads(line)) for line in handle if line.strip()]


def _table(fired: Counter[str], correct: Counter[str], ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for rid in ids:
        n, k = fired[rid], correct[rid]
        if n:
            out[rid] = {"fired": n, "correct": k, "precision": round(k / n, 4), "score": round((k + 1) / (n + 2), 4)}
    return out


def measure(gold: Sequence[Extraction]) -> dict[str, Any]:
    """Per-rule counts, precision and score of the entity and relation rules on ``gold``."""
    labeler, linker = RuleLabeler(), RuleRelationLinker()
    e_fired: Counter[str] = Counter()
    e_correct: Counter[str] = Counter()
    r_fired: Counter[str] = Counter()
    r_correct: Counter[str] = Counter()
    for doc in gold:
        spans = {(e.start, e.end, e.label) for e in doc.entities}
        for e in labeler.label(doc.text).entities:
            e_fired[e.rule or ""] += 1
            e_correct[e.rule or ""] += (e.start, e.end, e.label) in spans

        def key(r: Any) -> tuple[Any, ...]:
            return (r.head.start, r.head.end, r.head.label, r.tail.start, r.tail.end, r.tail.label, r.label)

        gold_rels = {key(r) for r in doc.relations}
        for r in linker.link(doc.text, doc.entities):
            r_fired[r.rule or ""] += 1
            r_correct[r.rule or ""] += key(r) in gold_rels
    entity_ids = list(ENTITY_RULES)
    relation_ids = [r.id for r in RELATION_RULES]
    return {
        "command": COMMAND,
        "documents": len(gold),
        "default_score": DEFAULT_SCORE,
        "note": "score = (correct + 1) / (fired + 2); rules absent here never fired on the train gold "
        "and score default_score",
        "entities": _table(e_fired, e_correct, entity_ids),
        "relations": _table(r_fired, r_correct, relation_ids),
        "never_fired": sorted(rid for rid in entity_ids + relation_ids if not (e_fired[rid] or r_fired[rid])),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description="Measure per-rule precision on the train gold.")
    parser.add_argument("--gold", required=True, help="the TRAIN gold JSONL (never dev or test)")
    parser.add_argument("--output", required=True, help="where to write the table (the package's precision.json)")
    args = parser.parse_args(argv)
    if Path(args.gold).name != "train.jsonl":
        print(f"warning: {args.gold} is not train.jsonl; rule scores must be measured on the train split", file=sys.stderr)
    table = measure(read_gold(args.gold))
    table["gold"] = Path(args.gold).name
    write_json_report(table, args.output)
    for kind in ("entities", "relations"):
        for rid, row in sorted(table[kind].items(), key=lambda kv: kv[1]["precision"]):
            print(f"{rid:<40}{row['fired']:>6}{row['precision']:>8.3f}{row['score']:>8.3f}")
    print(f"{len(table['never_fired'])} rules never fired: {', '.join(table['never_fired'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
