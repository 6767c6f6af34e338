"""Score the silver labeler against a gold JSONL file.

Strict span precision, recall and F1 per label and micro (plus the other
figures of :class:`vnparty_ie.evaluation.EvalReport`: macro, lenient overlap,
seqeval strict IOB2, frequent boundary errors), and the labelling speed.

Usage:
    python training/eval_silver.py --gold ../shared/gold/seeds.jsonl --output silver_seeds.json

The gold file may be any JSONL in the guidelines' format (seeds now, the dev
split later); relations in it are ignored, the labeler predicts entities only.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from vnparty_ie.evaluation import EvalReport, evaluate_docs, write_json_report
from vnparty_ie.io.jsonl import read_jsonl
from vnparty_ie.rules import RuleLabeler as SilverLabeler
from vnparty_ie.types import Extraction


def score(gold: Sequence[Extraction], labeler: SilverLabeler | None = None) -> tuple[EvalReport, float]:
    """Label the gold texts and score the result.

    Args:
        gold: Gold documents.
        labeler: The labeler (a new :class:`SilverLabeler` by default).

    Returns:
        ``(report, docs_per_second)``; relations are dropped from the gold so
        only entities are compared.
    """
    labeler = labeler or SilverLabeler()
    start = time.perf_counter()
    pred = [labeler.label(d.text, doc_id=d.id) for d in gold]
    elapsed = max(time.perf_counter() - start, 1e-9)
    gold_entities = [dataclasses.replace(d, relations=()) for d in gold]
    return evaluate_docs(gold_entities, pred), len(gold) / elapsed


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(description="Score the silver labeler on a gold JSONL file.")
    parser.add_argument("--gold", required=True, help="gold JSONL in the guidelines' format")
    parser.add_argument("--output", help="write the report as JSON here")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation; print the table; return 0 (2 when the gold file is missing)."""
    args = build_parser().parse_args(argv)
    path = Path(args.gold)
    if not path.is_file():
        print(f"error: gold file {path} not found; give --gold PATH to a JSONL file", file=sys.stderr)
        return 2
    gold = read_jsonl(path, schema=None)
    report, speed = score(gold)
    print(report)
    print(f"\nspeed: {speed:.1f} docs/s over {len(gold)} docs")
    if args.output:
        data = report.to_dict()
        data["docs_per_second"] = speed
        data["gold"] = str(path)
        write_json_report(data, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
