"""Agreement of a blind seed annotation with the seed gold.

Prints strict entity precision/recall/F1 per label and micro, and relation
precision/recall/F1 per label and micro (gold is the reference), and saves the
numbers (no text: boundary-error examples are left out) as JSON.

Usage:
    python corpora/calibration/compare_seeds.py --gold /work/shared/gold/seeds.jsonl \
        --pred /tmp/seeds.blind.jsonl --output corpora/calibration/seeds_agreement.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from vnparty_ie.evaluation import evaluate_docs
from vnparty_ie.io.jsonl import read_jsonl

HERE = Path(__file__).resolve().parent


def _row(name: str, s) -> str:
    return f"{name:<14} {s.precision:>9.4f} {s.recall:>9.4f} {s.f1:>9.4f} {s.support:>8} {s.tp:>5} {s.fp:>5} {s.fn:>5}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Blind seed annotation vs gold agreement.")
    ap.add_argument("--gold", default="/work/shared/gold/seeds.jsonl")
    ap.add_argument("--pred", default="/tmp/seeds.blind.jsonl")
    ap.add_argument("--output", default=str(HERE / "seeds_agreement.json"))
    args = ap.parse_args(argv)

    gold = read_jsonl(args.gold)
    pred_by_id = {d.id: d for d in read_jsonl(args.pred)}
    missing = [g.id for g in gold if g.id not in pred_by_id]
    if missing:
        raise SystemExit(f"no prediction for gold documents: {missing}")
    pred = [pred_by_id[g.id] for g in gold]
    report = evaluate_docs(gold, pred)

    head = f"{'':<14} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>8} {'tp':>5} {'fp':>5} {'fn':>5}"
    print(f"Entities (strict spans): {report.n_docs} docs, {report.n_gold} gold, {report.n_pred} predicted")
    print(head)
    for label, s in sorted(report.per_label.items()):
        print(_row(label, s))
    print(_row("micro", report.micro))
    print(_row("lenient", report.lenient))
    if report.relations_micro is not None:
        print("\nRelations (head span+label, tail span+label, relation label)")
        print(head)
        for label, s in sorted(report.relations.items()):
            print(_row(label, s))
        print(_row("micro", report.relations_micro))

    full = report.to_dict()
    numbers = {
        "n_docs": full["n_docs"],
        "n_gold": full["n_gold"],
        "n_pred": full["n_pred"],
        "entities": {"micro": full["micro"], "macro": full["macro"], "lenient": full["lenient"],
                     "per_label": full["per_label"]},
        "relations": {"micro": full["relations_micro"], "per_label": full["relations"]},
    }
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")
    print(f"\nsaved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
