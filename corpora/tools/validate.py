#!/usr/bin/env python
"""Validate stand-off files against the corpus and the guidelines, reporting every problem.

Usage::

    python corpora/tools/validate.py corpora/gold/*.standoff.jsonl corpora/annotations/*.standoff.jsonl

Checks per record: JSON, unique ids, the document exists in vietnews, text
length, SHA-1 and detokenizer version, offsets, labels, relation types,
overlaps and span edges (the project validator). Exit code 1 when any record
is invalid.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_VIETNEWS, open_corpus

from vnparty_ie.errors import AnnotationError
from vnparty_ie.io.standoff import check_standoff


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Validate stand-off annotation files.")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--vietnews", type=Path, default=DEFAULT_VIETNEWS)
    args = parser.parse_args(argv)
    corpus = open_corpus(args.vietnews)
    n_bad = 0
    for path in args.files:
        try:
            ok, errors = check_standoff(path, corpus.get_text)
        except (AnnotationError, OSError) as exc:
            print(f"error: {exc}")
            n_bad += 1
            continue
        for error in errors:
            print(f"error: {error}")
        n_bad += len(errors)
        print(f"{path}: {ok} valid document(s), {len(errors)} invalid", file=sys.stderr)
    return 1 if n_bad else 0


if __name__ == "__main__":
    sys.exit(main())
