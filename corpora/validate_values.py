#!/usr/bin/env python
"""Validate the gold value records (``corpora/gold/values.{dev,test}.jsonl``) against the stand-off gold.

Every record must name a document and entity of the split's stand-off file,
with the entity's label (METRIC or DATE), the fields of that label with valid
types, ISO dates (start <= end) and a known kind; every METRIC and DATE of the
split must have exactly one record (:func:`vnparty_ie.io.values.check_values`).
The stand-off files are committed, so no corpus text is needed.

Usage::

    python corpora/validate_values.py                      # dev and test
    python corpora/validate_values.py --splits dev

Exit status 0 when valid, 1 with every problem printed otherwise.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from vnparty_ie.io.standoff import iter_standoff_records
from vnparty_ie.io.values import check_values, read_values

HERE = Path(__file__).resolve().parent


def validate(split: str, gold_dir: Path = HERE / "gold") -> list[str]:
    """Problems of ``values.<split>.jsonl`` against ``<split>.standoff.jsonl``."""
    gold = [record for _, record in iter_standoff_records(gold_dir / f"{split}.standoff.jsonl")]
    return check_values(read_values(gold_dir / f"values.{split}.jsonl"), gold)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--splits", nargs="+", default=["dev", "test"])
    parser.add_argument("--gold-dir", type=Path, default=HERE / "gold")
    args = parser.parse_args(argv)
    status = 0
    for split in args.splits:
        problems = validate(split, args.gold_dir)
        n = len(read_values(args.gold_dir / f"values.{split}.jsonl"))
        print(f"{split}: {n} records, {len(problems)} problems")
        for line in problems:
            print(f"  {line}")
        status |= bool(problems)
    return status


if __name__ == "__main__":
    sys.exit(main())
