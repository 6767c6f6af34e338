#!/usr/bin/env python
"""Materialise the gold train/dev/test JSONL from the committed stand-off files.

Reads ``corpora/gold/{train,dev,test}.standoff.jsonl`` (ids, offsets, labels),
fetches each document's reader-facing text from vietnews, verifies length and
hash, validates every document with the project validator, writes
``<out>/{train,dev,test}.jsonl`` in the guidelines' format and prints
documents, sentences, entities per label and relations per label per split.

Usage::

    python corpora/materialize.py --vietnews ../shared/corpora/vietnews --out data/gold

Exit codes: 0 done or skipped (vietnews absent, with a message); 1 invalid annotations.
Splits without a stand-off file are reported as missing and skipped.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from vnparty_ie.errors import AnnotationError
from vnparty_ie.io.jsonl import write_jsonl
from vnparty_ie.io.standoff import read_standoff
from vnparty_ie.io.vietnews import VietnewsCorpus, open_corpus_or_skip, sentence_spans
from vnparty_ie.schema import ENTITY_LABELS, RELATION_LABELS
from vnparty_ie.types import Extraction

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
SPLITS = ("train", "dev", "test")
DEFAULT_VIETNEWS = HERE.parent.parent / "shared" / "corpora" / "vietnews"


def split_counts(docs: Sequence[Extraction], corpus: VietnewsCorpus) -> dict[str, int]:
    """Documents, sentences (estimated from the segmentation), entities and relations per label."""
    counts: Counter[str] = Counter()
    counts["documents"] = len(docs)
    for doc in docs:
        counts["sentences"] += len(sentence_spans(corpus.get_segmented(doc.id)))
        counts["entities"] += len(doc.entities)
        counts["relations"] += len(doc.relations)
        counts.update(e.label for e in doc.entities)
        counts.update(r.label for r in doc.relations)
    return dict(counts)


def format_table(counts: dict[str, dict[str, int]]) -> str:
    """A Markdown table: one row per quantity, one column per split plus total."""
    splits = list(counts)
    rows = ["documents", "sentences", "entities", *ENTITY_LABELS, "relations", *RELATION_LABELS]
    lines = ["| | " + " | ".join(splits) + " | total |", "|---|" + "---:|" * (len(splits) + 1)]
    for row in rows:
        values = [counts[s].get(row, 0) for s in splits]
        name = f"**{row}**" if row in ("documents", "sentences", "entities", "relations") else row
        lines.append(f"| {name} | " + " | ".join(str(v) for v in values) + f" | {sum(values)} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vietnews", type=Path, default=DEFAULT_VIETNEWS, help="folder with train/val.jsonl.gz")
    parser.add_argument("--out", type=Path, required=True, help="output folder for train/dev/test.jsonl")
    parser.add_argument("--gold", type=Path, default=GOLD, help="folder of the stand-off files (default corpora/gold)")
    args = parser.parse_args(argv)
    corpus = open_corpus_or_skip(args.vietnews)
    if corpus is None:
        return 0
    counts: dict[str, dict[str, int]] = {}
    for split in SPLITS:
        path = args.gold / f"{split}.standoff.jsonl"
        if not path.is_file():
            print(f"{split}: no {path} yet, skipped", file=sys.stderr)
            continue
        try:
            docs = read_standoff(path, corpus.get_text)
        except AnnotationError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        write_jsonl(args.out / f"{split}.jsonl", docs)
        counts[split] = split_counts(docs, corpus)
        print(f"{split}: {len(docs)} documents -> {args.out / f'{split}.jsonl'}", file=sys.stderr)
    if not counts:
        print("nothing to materialise: no stand-off files in " + str(args.gold), file=sys.stderr)
        return 0
    print(format_table(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
