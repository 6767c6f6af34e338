"""Best-of-N time of ``extract`` over the paragraphs of the seed articles, for A/B checks of code changes.

``bench_speed.py`` compares the extractor with underthesea in one run; this
script answers a narrower question, "did this change make extraction slower?",
by timing only the default extractor at batch 1 over the same paragraphs, best
of ``--repeats`` passes. Run it alternately for two versions of the library
(the older one from a worktree through ``PYTHONPATH``) so that both see the
same machine::

    git worktree add /tmp/before <commit>
    for k in 1 2 3; do
        PYTHONPATH=/tmp/before/src python training/bench_paragraphs.py --label before
        python training/bench_paragraphs.py --label after
    done

Prints one line: label, number of paragraphs, best seconds.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_speed import SEEDS, best_of


def paragraphs(path: Path) -> list[str]:
    """The non-empty paragraphs (blank-line separated) of every article of a JSONL file.

    Blank-line paragraphs, unlike ``bench_speed.read_paragraphs`` (every line), so
    that the committed A/B results (91 paragraphs of the seed articles) stay comparable.
    """
    out: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out += [p for p in json.loads(line)["text"].split("\n\n") if p.strip()]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="JSONL with a 'text' field per article")
    parser.add_argument("--model", default=None, help="model directory (default: the default model)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--label", default="run")
    args = parser.parse_args(argv)
    if not args.seeds.is_file():
        print(f"no seed articles at {args.seeds}; pass --seeds")
        return 2
    import vnparty_ie

    paras = paragraphs(args.seeds)
    extractor = vnparty_ie.load(args.model)
    extractor.extract(paras[0])  # warm up

    def extract_all() -> None:
        for p in paras:
            extractor.extract(p)

    best = best_of(args.repeats, extract_all)
    print(f"{args.label}\t{len(paras)} paragraphs\tbest of {args.repeats}: {best:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
