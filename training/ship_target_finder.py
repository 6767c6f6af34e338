"""Put a trained target finder into a model directory and choose, on dev, how it composes with the rules.

Copies the finder (``model-best/`` of ``vnparty-ie train
training/configs/target_finder.yaml``) to ``MODEL/targets`` with fp16 weights,
exports it to int8 ONNX (the float export is not kept), then scores the model on the
dev gold records with each ``min_score`` of ``--scores`` (below it the rules'
link stands) and without the finder, and writes the best to ``MODEL/pipeline.json``
(``"targets"``), or removes the finder when none beats the rules alone. The
criterion is value+target (overlapping) F1, ties broken by the relations'
micro F1, then by the lower ``min_score``. The table is printed and saved.

Usage::

    python training/ship_target_finder.py --finder work_data/targets/student/model-best \\
        --model models/vnparty-ie-ner --gold work_data/gold/dev.jsonl --values corpora/gold/values.dev.jsonl \\
        --output training/results/target_finder_selection.json
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.ship_default_model import store_fp16

SUBDIR = "targets"
FILES = (
    "README.md", "config.json", "crf.json", "metrics.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
    "vnparty_ie.json",
)  # fmt: skip


@dataclass(frozen=True)
class ShipConfig:
    """What to ship and how to choose.

    Attributes:
        finder: The trained finder's directory.
        model: The model directory that gets it.
        gold: Dev gold (span JSONL).
        values: Dev gold value records.
        scores: The ``min_score`` values tried.
        output: Where the selection table goes (JSON).
    """

    finder: Path
    model: Path
    gold: Path
    values: Path
    scores: tuple[float, ...] = (0.5, 0.7, 0.9)
    output: Path | None = None


def _score(cfg: ShipConfig, targets: dict[str, Any] | None) -> dict[str, Any]:
    import vnparty_ie
    from vnparty_ie.evaluation import evaluate
    from vnparty_ie.io.values import merge_values, read_values
    from vnparty_ie.types import Extraction

    pipeline_path = cfg.model / "pipeline.json"
    pipeline = json.loads(pipeline_path.read_text(encoding="utf-8"))
    pipeline.pop("targets", None)
    if targets is not None:
        pipeline["targets"] = targets
    pipeline_path.write_text(json.dumps(pipeline, indent=2) + "\n", encoding="utf-8")
    with cfg.gold.open(encoding="utf-8") as handle:
        gold = [Extraction.from_dict(json.loads(line)) for line in handle if line.strip()]
    report = evaluate(vnparty_ie.load(cfg.model), merge_values(gold, read_values(cfg.values))).to_dict()
    records = report["records"]["scores"]
    return {
        "targets": targets,
        "value+target": round(records["value+target"]["f1"], 4),
        "value+target_exact": round(records["value+target_exact"]["f1"], 4),
        "target_links": round(report["relations"]["target"]["f1"], 4),
        "relations": round(report["relations_micro"]["f1"], 4),
        "entities": round(report["micro"]["f1"], 4),
        "TARGET": round(report["per_label"]["TARGET"]["f1"], 4),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--finder", type=Path, required=True)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "vnparty-ie-ner")
    parser.add_argument("--gold", type=Path, default=ROOT / "work_data" / "gold" / "dev.jsonl")
    parser.add_argument("--values", type=Path, default=ROOT / "corpora" / "gold" / "values.dev.jsonl")
    parser.add_argument("--scores", type=float, nargs="+", default=[0.5, 0.7, 0.9])
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    cfg = ShipConfig(args.finder, args.model, args.gold, args.values, tuple(args.scores), args.output)
    if not cfg.gold.is_file():
        print(f"skipped: no dev gold at {cfg.gold} (python corpora/materialize.py)", file=sys.stderr)
        return 1
    dest = cfg.model / SUBDIR
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in FILES:
        if (cfg.finder / name).is_file():
            shutil.copy2(cfg.finder / name, dest / name)
    store_fp16(dest)
    subprocess.run([sys.executable, str(ROOT / "training" / "export_onnx.py"), str(dest), "--int8"], check=True)
    (dest / "model.onnx").unlink()  # the int8 export runs it; the fp16 safetensors serve the NumPy and torch runtimes
    rows = [_score(cfg, None)] + [_score(cfg, {"model": SUBDIR, "min_score": s}) for s in cfg.scores]
    best = max(rows, key=lambda r: (r["value+target"], r["relations"], -(r["targets"] or {}).get("min_score", 0.0)))
    _score(cfg, best["targets"])  # leaves pipeline.json with the choice
    if best["targets"] is None:
        shutil.rmtree(dest)
    for row in rows:
        mark = "*" if row is best else " "
        print(mark, json.dumps(row, ensure_ascii=False))
    if cfg.output:
        cfg.output.parent.mkdir(parents=True, exist_ok=True)
        data = {"finder": str(cfg.finder), "model": str(cfg.model), "gold": str(cfg.gold), "rows": rows, "chosen": best}
        cfg.output.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
