"""Evaluate the rule relation linker on gold entities.

The linker receives each gold document's text and gold entities; its relations
are scored against the gold relations by :func:`vnparty_ie.evaluation.evaluate_docs`
(a relation is correct when the head span and label, the tail span and label and
the relation label all match), per relation label and micro-averaged.

Usage:
    python training/eval_relations.py --gold /work/shared/gold/seeds.jsonl \\
        [--output relations_metrics.json] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vnparty_ie.evaluation import EvalReport, Score, evaluate_docs, write_json_report
from vnparty_ie.relations import RelationLinker, RuleRelationLinker
from vnparty_ie.schema import RELATION_LABELS
from vnparty_ie.types import Extraction, Relation


def read_gold(path: str | Path) -> list[Extraction]:
    """Read a guidelines JSONL file into :class:`Extraction` documents (labels unchecked)."""
    docs = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                docs.append(Extraction.from_dict(json.loads(line)))
    return docs


def link_gold(linker: RelationLinker, docs: Sequence[Extraction]) -> list[Extraction]:
    """Return copies of ``docs`` whose relations are the linker's, from the gold entities."""
    return [
        Extraction(text=d.text, entities=d.entities, relations=tuple(linker.link(d.text, d.entities)), id=d.id)
        for d in docs
    ]


def relation_scores(report: EvalReport) -> dict[str, Score]:
    """Per-label relation scores in schema order, every label present, then ``"micro"``."""
    out = {label: report.relations.get(label, Score()) for label in RELATION_LABELS}
    out.update({k: v for k, v in sorted(report.relations.items()) if k not in out})
    out["micro"] = report.relations_micro or Score()
    return out


def relation_errors(gold: Sequence[Extraction], pred: Sequence[Extraction]) -> list[str]:
    """List missed (``FN``) and wrong (``FP``) relations with their texts, for inspection."""

    def key(r: Relation) -> tuple[Any, ...]:
        return (r.head.start, r.head.end, r.head.label, r.tail.start, r.tail.end, r.tail.label, r.label)

    lines = []
    for g, p in zip(gold, pred):
        gk = {key(r): r for r in g.relations}
        pk = {key(r): r for r in p.relations}
        for tag, only, source in (("FN", gk.keys() - pk.keys(), gk), ("FP", pk.keys() - gk.keys(), pk)):
            for k in sorted(only):
                r = source[k]
                lines.append(f"{tag} {g.id} {r.label}: {r.head.text!r} -> {r.tail.text!r}")
    return lines


def format_table(scores: dict[str, Score]) -> str:
    """Return a plain-text table of per-label and micro relation scores."""
    lines = [f"{'relation':<14}{'P':>8}{'R':>8}{'F1':>8}{'support':>9}"]
    for label, s in scores.items():
        if label == "micro":
            lines.append("-" * len(lines[0]))
        lines.append(f"{label:<14}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.support:>9d}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description="Evaluate the rule relation linker on gold entities.")
    parser.add_argument("--gold", required=True, help="gold JSONL file (annotation guidelines format)")
    parser.add_argument("--output", help="write the scores as JSON to this file")
    parser.add_argument("--errors", action="store_true", help="print missed (FN) and wrong (FP) relations")
    args = parser.parse_args(argv)

    gold = read_gold(args.gold)
    pred = link_gold(RuleRelationLinker(), gold)
    scores = relation_scores(evaluate_docs(gold, pred))
    print(f"{len(gold)} documents, {sum(len(d.relations) for d in gold)} gold relations (linker on gold entities)")
    print(format_table(scores))
    if args.errors:
        print("\n".join(relation_errors(gold, pred)))
    if args.output:
        report = {
            "gold": str(args.gold),
            "linker": "RuleRelationLinker",
            "documents": len(gold),
            "relations": {label: s.to_dict() for label, s in scores.items()},
        }
        write_json_report(report, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
