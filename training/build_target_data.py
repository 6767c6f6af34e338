"""Training data of a target finder (:mod:`vnparty_ie.target_finder`): one marked sentence per METRIC.

From gold (``--gold``): each METRIC's sentence with the METRIC between markers,
and its gold TARGET (or none). From teacher-labelled articles (``--silver``,
e.g. ``work_data/distill/silver.jsonl`` of ``training/distill.py``): each
METRIC's sentence, labelled by a teacher finder (``--teacher``): its span when
scored ``--min-score`` or more, else none, as a student learns it.

Usage::

    python training/build_target_data.py --gold work_data/gold/train.jsonl --out work_data/targets/train.jsonl
    python training/build_target_data.py --gold work_data/gold/dev.jsonl --out work_data/targets/dev.jsonl
    python training/build_target_data.py --silver work_data/distill/silver.jsonl --teacher work_data/targets/teacher/model-best \\
        --max-examples 8000 --out work_data/targets/silver.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vnparty_ie.target_finder import mark_metrics, training_examples


@dataclass(frozen=True)
class TargetDataConfig:
    """What to build.

    Attributes:
        out: The JSONL file written.
        gold: Gold documents (span JSONL with relations).
        silver: Entity-labelled documents whose METRICs a teacher finder labels.
        teacher: The teacher finder's directory (with ``silver``).
        min_score: The teacher's lowest score for a silver TARGET.
        max_examples: Keep at most this many silver examples (a seeded sample).
        seed: The sample's seed.
    """

    out: Path
    gold: Path | None = None
    silver: Path | None = None
    teacher: Path | None = None
    min_score: float = 0.5
    max_examples: int | None = None
    seed: int = 13


def _docs(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def silver_examples(cfg: TargetDataConfig) -> list[dict[str, Any]]:
    """Mark every METRIC of the silver documents and label it with the teacher finder."""
    from vnparty_ie.target_finder import TargetFinder

    assert cfg.silver is not None and cfg.teacher is not None
    marked = []
    for doc in _docs(cfg.silver):
        metrics = [e for e in doc["entities"] if e["label"] == "METRIC"]
        keys = [f"{doc['id']}#{e.get('id') or e['start']}" for e in metrics]
        marked += zip(keys, mark_metrics(doc["text"], [(e["start"], e["end"]) for e in metrics]))
    if cfg.max_examples is not None and len(marked) > cfg.max_examples:
        marked = random.Random(cfg.seed).sample(marked, cfg.max_examples)
    teacher = TargetFinder.from_pretrained(cfg.teacher, min_score=cfg.min_score, backend="torch", threads=None)
    out = []
    for k in range(0, len(marked), 256):
        chunk = marked[k : k + 256]
        for (key, m), found in zip(chunk, teacher.tagger.predict([m.text for _, m in chunk], batch_size=64)):
            best = teacher.best_span(m, found)
            spans = [] if best is None else [{"start": best.start, "end": best.end, "label": "TARGET"}]
            out.append({"id": key, "text": m.text, "entities": spans})
        print(f"{min(k + 256, len(marked))}/{len(marked)} silver examples", file=sys.stderr, flush=True)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--gold", type=Path)
    parser.add_argument("--silver", type=Path)
    parser.add_argument("--teacher", type=Path)
    parser.add_argument("--min-score", type=float, default=0.5)
    parser.add_argument("--max-examples", type=int)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    if (args.gold is None) == (args.silver is None) or (args.silver is not None and args.teacher is None):
        parser.error("give --gold, or --silver with --teacher")
    cfg = TargetDataConfig(**vars(args))
    if cfg.gold is not None and not cfg.gold.is_file():
        print(f"skipped: no gold file {cfg.gold}", file=sys.stderr)
        return 1
    examples = [x for doc in _docs(cfg.gold) for x in training_examples(doc)] if cfg.gold else silver_examples(cfg)
    cfg.out.parent.mkdir(parents=True, exist_ok=True)
    with cfg.out.open("w", encoding="utf-8") as handle:
        for x in examples:
            handle.write(json.dumps(x, ensure_ascii=False) + "\n")
    with_target = sum(bool(x["entities"]) for x in examples)
    print(f"{len(examples)} examples ({with_target} with a TARGET) -> {cfg.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
