#!/usr/bin/env python
"""Print the reader-facing text of vietnews documents, optionally with annotations.

Usage::

    python corpora/tools/show_doc.py train/012345 val/000123
    python corpora/tools/show_doc.py --batch b01              # every doc of a batch
    python corpora/tools/show_doc.py --batch b01 --standoff out.standoff.jsonl   # check resolved spans

Lines are numbered (``[ 3] ...``) for the ``{"line": 3}`` hint of the mention
list; the number and the bracket are not part of the text. ``--plain`` drops them.
With ``--standoff``, every entity is shown inline as ``«span»LABEL:id`` and the
relations are listed below the text.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_VIETNEWS, batch_docs, load_plan, open_corpus

from vnparty_ie.errors import AnnotationError
from vnparty_ie.io.standoff import read_standoff
from vnparty_ie.types import Extraction


def render(doc: Extraction) -> str:
    """Return the text with entities marked inline as ``«span»LABEL:id``."""
    parts, pos = [], 0
    for ent in sorted(doc.entities, key=lambda e: e.start):
        parts += [doc.text[pos : ent.start], f"«{ent.text}»{ent.label}:{ent.id}"]
        pos = ent.end
    parts.append(doc.text[pos:])
    return "".join(parts)


def format_doc(doc_id: str, text: str, header: str, numbered: bool) -> str:
    """Header line plus the (numbered) lines of one document."""
    lines = text.split("\n")
    width = len(str(len(lines)))
    body = [f"[{i:>{width}}] {line}" if numbered else line for i, line in enumerate(lines, 1)]
    return "\n".join([f"===== {doc_id} {header}=====".replace("  ", " ")] + body)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Print reader-facing vietnews documents.")
    parser.add_argument("ids", nargs="*", help="document ids such as train/012345")
    parser.add_argument("--batch", help="show every document of this batch of corpora/annotation_plan.json")
    parser.add_argument("--vietnews", type=Path, default=DEFAULT_VIETNEWS)
    parser.add_argument("--plain", action="store_true", help="no line numbers")
    parser.add_argument("--standoff", type=Path, help="show the annotations of this stand-off file inline")
    args = parser.parse_args(argv)
    ids = list(args.ids) + (batch_docs(args.batch) if args.batch else [])
    corpus = open_corpus(args.vietnews)
    annotated: dict[str, Extraction] = {}
    if args.standoff:
        try:
            annotated = {d.id: d for d in read_standoff(args.standoff, corpus.get_text, validate=False)}
        except AnnotationError as exc:
            sys.exit(f"error: {exc}")
        ids = ids or list(annotated)
    if not ids:
        parser.error("give document ids, --batch or --standoff")
    plan_docs: dict[str, list[str]] = {}
    split_in_plan: dict[str, str] = {}
    if args.batch or not args.standoff:
        for info in load_plan()["docs"]:
            plan_docs.setdefault(info["id"], []).append(info["batch"])
            split_in_plan[info["id"]] = info["split"]
    try:
        corpus.prefetch(ids)
    except KeyError as exc:
        sys.exit(f"error: {exc.args[0]}")
    for doc_id in ids:
        batches = plan_docs.get(doc_id)
        header = f"(gold split {split_in_plan[doc_id]}, batches {', '.join(batches)}) " if batches else ""
        doc = annotated.get(doc_id)
        text = render(doc) if doc else corpus.get_text(doc_id)
        print(format_doc(doc_id, text, header, not args.plain))
        if doc and doc.relations:
            print("relations: " + "; ".join(f"{r.head.id} -{r.label}-> {r.tail.id}" for r in doc.relations))
        print()
    return 0


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    sys.exit(main())
