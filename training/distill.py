"""Label party-building articles with a teacher extractor: the training data of a distilled student.

The teacher is any model directory that :func:`vnparty_ie.load` reads — typically
the converted e5-small tagger with its ``pipeline.json`` composition (the rules
where they are more precise, chosen on dev by ``ship_default_model.py``). The
articles are those of ``corpora/manifest.jsonl`` outside the gold plan (the same
choice as ``make_silver.py``: densest first), so nothing of dev or test leaks.
Documents are written as they are labelled (resumable: ids already in ``--out``
are skipped), with the gold training split optionally prepended to a combined file.

Usage::

    python training/distill.py --teacher work_data/runs/teacher/composed --vietnews ../shared/corpora/vietnews \\
        --docs 3000 --out work_data/distill/silver.jsonl
    python training/distill.py --combine work_data/gold/train.jsonl work_data/distill/silver.jsonl \\
        --out work_data/distill/train.jsonl
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


def combine(inputs: Sequence[Path], out: Path) -> int:
    """Concatenate JSONL files (gold first, then silver) into one training file; returns the record count."""
    n = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for path in inputs:
            for line in path.open(encoding="utf-8"):
                if line.strip():
                    handle.write(line if line.endswith("\n") else line + "\n")
                    n += 1
    return n


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teacher", type=Path, help="model directory of the teacher extractor")
    parser.add_argument("--vietnews", type=Path)
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="inference threads (default 2)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--combine", type=Path, nargs="+", help="concatenate these JSONL files into --out and stop")
    parser.add_argument("--manifest", type=Path, default=ROOT / "corpora" / "manifest.jsonl")
    parser.add_argument("--plan", type=Path, default=ROOT / "corpora" / "annotation_plan.json")
    args = parser.parse_args(argv)
    if args.combine:
        n = combine(args.combine, args.out)
        print(f"{n} documents -> {args.out}")
        return 0
    if args.teacher is None or args.vietnews is None:
        parser.error("--teacher and --vietnews are required (or --combine)")

    from dataclasses import replace

    from training.make_silver import select_documents

    from vnparty_ie import load
    from vnparty_ie.io.vietnews import open_corpus_or_skip

    corpus = open_corpus_or_skip(args.vietnews)
    if corpus is None:
        return 1
    ids = select_documents(args.manifest, args.plan, args.docs)
    done: set[str] = set()
    if args.out.is_file():
        for line in args.out.open(encoding="utf-8"):
            try:
                done.add(json.loads(line)["id"])
            except (json.JSONDecodeError, KeyError):
                continue
    todo = [d for d in ids if d not in done]
    corpus.prefetch(todo)
    teacher = load(args.teacher, threads=args.threads or 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    labels: Counter[str] = Counter()
    start = time.perf_counter()
    with args.out.open("a", encoding="utf-8") as handle:
        for k in range(0, len(todo), args.batch_size):
            chunk = todo[k : k + args.batch_size]
            texts = [corpus.get_text(d) for d in chunk]
            for doc_id, doc in zip(chunk, teacher.extract_many(texts, batch_size=args.batch_size)):
                record = replace(doc, id=doc_id, relations=(), metrics=(), positions=(), dates=())
                handle.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
                labels.update(e.label for e in doc.entities)
            handle.flush()
            done_now = k + len(chunk)
            rate = done_now / (time.perf_counter() - start)
            print(f"{done_now}/{len(todo)} documents, {rate:.2f}/s", file=sys.stderr, flush=True)
    print(f"{len(todo)} documents labelled ({len(done)} already done) -> {args.out}")
    print(dict(sorted(labels.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
