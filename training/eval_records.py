"""Score metric and date records end to end against the gold value records (CQE-style).

The model (tagger + its ``pipeline.json`` composition + the rule relation linker)
extracts every gold text; its records are compared with the gold METRICs and
DATEs whose normalised values are in ``--values`` (see
:mod:`vnparty_ie.records.scoring`): value, value+unit, value+target (overlapping
and exact), value+period as P/R/F1, and normalised-value and DATE accuracies on
those found with the same span. The full :class:`~vnparty_ie.evaluation.EvalReport`
(entities, relations, records) is printed and written as JSON.

Use the DEV split for development; the test split is scored once, at the end.

Usage::

    python training/eval_records.py --gold work_data/gold/dev.jsonl \\
        --values corpora/gold/values.dev.jsonl --model models/vnparty-ie-ner \\
        --output training/results/records_dev.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from vnparty_ie.evaluation import evaluate, write_json_report
from vnparty_ie.io.values import merge_values, read_values
from vnparty_ie.types import Extraction


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", required=True, help="materialised gold JSONL (work_data/gold/dev.jsonl)")
    parser.add_argument("--values", required=True, help="gold value records (corpora/gold/values.dev.jsonl)")
    parser.add_argument("--model", required=True, help="model directory (models/vnparty-ie-ner)")
    parser.add_argument("--output", help="write the report as JSON here")
    args = parser.parse_args(argv)

    import vnparty_ie

    with open(args.gold, encoding="utf-8") as handle:
        gold = [Extraction.from_dict(json.loads(line)) for line in handle if line.strip()]
    gold = merge_values(gold, read_values(args.values))
    report = evaluate(vnparty_ie.load(args.model), gold)
    print(report)
    if args.output:
        data = {"gold": args.gold, "values": args.values, "model": args.model, **report.to_dict()}
        write_json_report(data, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
