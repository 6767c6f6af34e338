"""Collect the pre-trained vs random-initialisation tagger comparison into one report.

Reads the ``train_log.jsonl`` and ``metrics.json`` of runs of
``training/configs/compare_pretraining.yaml`` (same data, recipe and number of
epochs; only ``base_model`` differs) and writes a JSON report that the encoder's
model card renders (``training/pretrain/card.py``): (a) the pre-trained encoder,
(b) the same architecture randomly initialised, and optional further rows
(``--extra "name=run_dir"``, e.g. an ablation or an earlier encoder).

Usage::

    python training/collect_comparison.py --a work_data/runs/compare-a --b work_data/runs/compare-b \\
        --extra "word2vec embeddings only, no MLM=work_data/runs/compare-c" \\
        --out training/pretrain/reports/tagger_comparison.json
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from training.run_log import read_run


def _run(path: Path) -> dict:
    run = read_run(path)
    cfg, metrics = run.config, run.metrics
    return {
        "base_model": cfg["base_model"],
        "train_path": cfg["train_path"],
        "dev_path": cfg["dev_path"],
        "epochs": cfg["epochs"],
        "learning_rate": cfg["learning_rate"],
        "train_sentences": metrics.get("train_sentences"),
        "dev_f1_by_epoch": run.dev_f1_by_epoch(),
        "best_epoch": metrics["best_epoch"],
        "dev_f1_seqeval_strict": round(metrics["dev_f1"], 4),
        "dev_span_f1": round(metrics.get("dev_span_f1", float("nan")), 4),
        "train_seconds": run.train_seconds(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--a", type=Path, required=True, help="run directory fine-tuned from the pre-trained encoder")
    parser.add_argument("--b", type=Path, required=True, help="run directory fine-tuned from random initialisation")
    parser.add_argument(
        "--extra", action="append", default=[], metavar="NAME=RUN_DIR", help="a further run to list (repeatable)"
    )
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    extras = []
    for item in args.extra:
        name, sep, run_dir = item.rpartition("=")
        if not sep or not name:
            parser.error(f"--extra wants NAME=RUN_DIR, got {item!r}")
        extras.append({"name": name, **_run(Path(run_dir))})
    report = {
        "config": "training/configs/compare_pretraining.yaml",
        "commands": {
            "a": f"vnparty-ie train training/configs/compare_pretraining.yaml --set base_model=models/vnparty-roberta-small --set output_dir={args.a}",
            "b": f"python training/make_random_encoder.py --encoder models/vnparty-roberta-small --out work_data/enc-random && vnparty-ie train training/configs/compare_pretraining.yaml --set base_model=work_data/enc-random --set output_dir={args.b}",
            "collect": "python " + shlex.join([sys.argv[0], *(argv if argv is not None else sys.argv[1:])]),
        },
        "a_pretrained": _run(args.a),
        "b_random": _run(args.b),
        "extra": extras,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    curves = {k: report[k]["dev_f1_by_epoch"] for k in ("a_pretrained", "b_random")}
    curves.update({e["name"]: e["dev_f1_by_epoch"] for e in extras})
    print(json.dumps(curves, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
