"""Label party-building articles with the rule-based silver labeler (weak supervision).

Takes the party-building articles of ``corpora/manifest.jsonl`` (``loose``
matches), leaves out every document of the gold plan (train/dev/test and the
reserve, so silver never leaks into evaluation), keeps the densest ``--docs``
ones (ties broken by id, so the choice is deterministic), labels them with
:class:`vnparty_ie.rules.RuleLabeler` and writes guidelines JSONL (with
text: write it outside the repository, e.g. under the git-ignored
``work_data/``).

Usage::

    python training/make_silver.py --vietnews ../shared/corpora/vietnews --docs 1500 \\
        --out work_data/silver/train.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def select_documents(manifest: Path, plan: Path, n_docs: int) -> list[str]:
    """The ``n_docs`` densest loose party-building documents outside the gold plan."""
    plan_data = json.loads(plan.read_text(encoding="utf-8"))
    excluded = {d for docs in plan_data["splits"].values() for d in docs} | set(plan_data["reserve"])
    rows = []
    with manifest.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("loose") and row["id"] not in excluded:
                rows.append(row)
    rows.sort(key=lambda r: (-r["score"], r["id"]))
    return [r["id"] for r in rows[:n_docs]]


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vietnews", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=1500)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--manifest", type=Path, default=ROOT / "corpora" / "manifest.jsonl")
    parser.add_argument("--plan", type=Path, default=ROOT / "corpora" / "annotation_plan.json")
    args = parser.parse_args(argv)

    from vnparty_ie.io.jsonl import write_jsonl
    from vnparty_ie.io.vietnews import open_corpus_or_skip
    from vnparty_ie.rules import RuleLabeler as SilverLabeler

    corpus = open_corpus_or_skip(args.vietnews)
    if corpus is None:
        return 1
    ids = select_documents(args.manifest, args.plan, args.docs)
    corpus.prefetch(ids)
    labeler = SilverLabeler()
    start = time.perf_counter()
    docs = [labeler.label(corpus.get_text(doc_id), doc_id=doc_id) for doc_id in ids]
    elapsed = time.perf_counter() - start
    write_jsonl(args.out, docs)
    labels = Counter(e.label for d in docs for e in d.entities)
    print(f"{len(docs)} documents, {sum(labels.values())} entities in {elapsed:.1f}s -> {args.out}")
    print(dict(sorted(labels.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
