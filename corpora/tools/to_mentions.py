#!/usr/bin/env python
"""Turn a stand-off file back into an editable mention list (for fixes and adjudication).

Usage::

    python corpora/tools/to_mentions.py corpora/gold/dev.standoff.jsonl /tmp/dev.mentions.jsonl
    # edit, then: python corpora/tools/resolve.py /tmp/dev.mentions.jsonl corpora/gold/dev.standoff.jsonl

The mention list resolves back to exactly the same spans (``{"nth": k}`` hints
are added where needed). It quotes the article, so keep it out of git.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_VIETNEWS, open_corpus

from vnparty_ie.errors import AnnotationError
from vnparty_ie.io.mentions import to_mentions
from vnparty_ie.io.standoff import read_standoff


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Stand-off file -> mention list.")
    parser.add_argument("standoff", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--vietnews", type=Path, default=DEFAULT_VIETNEWS)
    args = parser.parse_args(argv)
    corpus = open_corpus(args.vietnews)
    try:
        docs = read_standoff(args.standoff, corpus.get_text, validate=False)
        lines = [json.dumps(to_mentions(doc), ensure_ascii=False) for doc in docs]
    except (AnnotationError, ValueError) as exc:
        sys.exit(f"error: {exc}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"{len(lines)} document(s) written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
