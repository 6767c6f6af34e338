"""Collect the encoder / output-layer comparison of issue 11 into one JSON report and a markdown table.

Rows, all on the gold train split with the same windows (128 subwords, overlap
32), batch 16, warm-up 6 %, 4 epochs and seed, scored on the dev split by the
classifier alone (no rules): strict span F1 over the dev documents
(:func:`vnparty_ie.evaluation.evaluate`, ``dev_span_f1``), seqeval strict IOB2
over words, and per-label strict F1.

* ``--run NAME=RUN_DIR``: a run of ``training/configs/compare_roberta_small.yaml``
  (or any ``vnparty-ie train`` run): read from its ``train_log.jsonl`` and
  ``metrics.json``. Wall seconds are the sum of the epochs' (training and the
  per-epoch dev pass); ``cpu_seconds`` likewise when the log has them.
* ``--model NAME=MODEL_DIR[,TRAIN_CONFIG]``: a shipped model whose run directory
  is gone (the e5 teacher): its ``metrics.json`` (scores; no timing in it, see
  ``--note``) and the learning rate of its training config.
* CPU seconds of a whole run (segmentation, training, per-epoch dev passes,
  final evaluation; the measure a busy machine distorts least): from
  ``RUN_DIR.time`` (``/usr/bin/time -v``) or ``RUN_DIR.cpu.json`` beside the run
  directory; the epochs' own ``cpu_seconds`` (newer logs) are summed too.
* ``--constrained NAME=MODEL_DIR``: a diagnostic: a softmax tagger re-scored
  with IOB2-constrained Viterbi decoding and zero transition scores, i.e. the
  CRF's decoding without its training (needs the dev gold).

Usage::

    python training/collect_encoder_comparison.py \\
        --model "e5-small-vi (syllables) | softmax=models/vnparty-ie-teacher" \\
        --run "vnparty-roberta-small (words) | softmax=work_data/runs/compare_roberta_small" \\
        --run "vnparty-roberta-small (words) | crf=work_data/runs/compare_roberta_small_crf" \\
        --dev work_data/gold/dev.jsonl --out training/results/encoder_comparison.json
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from training.run_log import read_run

LABELS = ("TARGET", "ORG", "DATE", "METRIC")


def _round(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


def _scores(metrics: dict[str, Any]) -> dict[str, Any]:
    report = metrics.get("dev_report") or {}
    return {
        "dev_span_f1": _round(metrics.get("dev_span_f1")),
        "dev_span_precision": _round(metrics.get("dev_span_precision")),
        "dev_span_recall": _round(metrics.get("dev_span_recall")),
        "dev_f1_seqeval_strict": _round(metrics.get("dev_f1")),
        "per_label_f1": {k: round(v["f1"], 4) for k, v in sorted((report.get("per_label") or {}).items())},
        "lenient_f1": _round((report.get("lenient") or {}).get("f1")),
    }


def from_run(name: str, path: Path) -> dict[str, Any]:
    """One row from a ``vnparty-ie train`` run directory."""
    run = read_run(path)
    start, epochs, metrics, cfg = run.start, run.epochs, run.metrics, run.config
    row = {
        "name": name,
        "source": str(path),
        "base_model": cfg["base_model"],
        "segmenter": cfg["segmenter"],
        "head": cfg.get("head", "softmax"),
        "char_features": cfg.get("char_features", 0),
        "epochs": cfg["epochs"],
        "learning_rate": cfg["learning_rate"],
        "threads": cfg.get("threads"),
        "train_windows": start.get("train_windows"),
        "misaligned_train_entities": start.get("misaligned_train"),
        "best_epoch": metrics["best_epoch"],
        "dev_f1_by_epoch": run.dev_f1_by_epoch(),
        "train_seconds": run.train_seconds(),
        "seconds_by_epoch": [round(e["seconds"], 1) for e in epochs],
        "cpu_seconds": round(sum(e["cpu_seconds"] for e in epochs), 1)
        if all("cpu_seconds" in e for e in epochs)
        else None,
        **_scores(metrics),
    }
    time_file = path.parent / (path.name + ".time")  # /usr/bin/time -v of the whole command, when kept
    poll_file = path.parent / (path.name + ".cpu.json")  # or the last CPU reading of the running process
    if poll_file.is_file():
        row["process_cpu_seconds"] = json.loads(poll_file.read_text(encoding="utf-8"))["cpu_seconds"]
    if time_file.is_file():
        text = time_file.read_text(encoding="utf-8")
        fields = dict(line.strip().rsplit(": ", 1) for line in text.splitlines() if ": " in line)
        user, system = fields.get("User time (seconds)"), fields.get("System time (seconds)")
        if user and system:
            row["process_cpu_seconds"] = round(float(user) + float(system), 1)
    return row


def from_model(name: str, path: Path, config: Path | None = None) -> dict[str, Any]:
    """One row from a shipped model directory's ``metrics.json`` (no timing) and its training ``config``."""
    import yaml

    metrics = json.loads((path / "metrics.json").read_text(encoding="utf-8"))
    ours = json.loads((path / "vnparty_ie.json").read_text(encoding="utf-8"))
    cfg = yaml.safe_load(config.read_text(encoding="utf-8")) if config else {}
    return {
        "name": name,
        "source": str(path / "metrics.json") + (f", {config}" if config else ""),
        "base_model": metrics.get("base_model"),
        "segmenter": ours.get("segmenter"),
        "head": ours.get("head", "softmax"),
        "char_features": ours.get("char_features", 0),
        "epochs": metrics.get("epochs_run"),
        "learning_rate": float(cfg["learning_rate"]) if "learning_rate" in cfg else None,
        "threads": cfg.get("threads"),
        "best_epoch": metrics.get("best_epoch"),
        **_scores(metrics),
    }


def constrained(name: str, path: Path, dev: Path) -> dict[str, Any]:
    """A softmax tagger re-scored on ``dev`` with IOB2-constrained Viterbi (zero transition scores).

    The scores are kept in ``constrained_decoding_dev.json`` beside the model
    directory and reused while the model and the dev file are unchanged.
    """
    import numpy as np

    from vnparty_ie.tagger.runtime import weights_digest

    key = {"model": str(path), "weights_sha256": weights_digest(path), "dev": str(dev), "dev_bytes": dev.stat().st_size}
    cache = path.parent / "constrained_decoding_dev.json"
    cached = json.loads(cache.read_text(encoding="utf-8")) if cache.is_file() else {}
    if cached.get("key") == key:
        metrics = cached["metrics"]
    else:
        from vnparty_ie.evaluation import evaluate
        from vnparty_ie.tagger import EntityTagger
        from vnparty_ie.tagger.crf import CrfParams

        tagger = EntityTagger.from_pretrained(path, backend="numpy")
        n = len(tagger.tags)
        tagger._crf = CrfParams(np.zeros(n), np.zeros(n), np.zeros((n, n)))  # the decoder without its training
        report = evaluate(tagger, dev, batch_size=64).to_dict()
        micro = report["micro"]
        metrics = {"dev_span_f1": micro["f1"], "dev_span_precision": micro["precision"],
                   "dev_span_recall": micro["recall"], "dev_report": report}  # fmt: skip
        cache.write_text(json.dumps({"key": key, "metrics": metrics}, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"name": name, "source": str(path), "head": "softmax, decoded by constrained Viterbi (zero transitions)",
            **_scores(metrics)}  # fmt: skip


def markdown(rows: Sequence[dict[str, Any]]) -> str:
    """The comparison as a markdown table."""
    head = ["model", "head", "epochs", "lr", "train wall s", "CPU s (whole run)", "dev span F1", "seqeval F1",
            *LABELS, "other labels"]  # fmt: skip
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * 2 + "---:|" * (len(head) - 2)]
    for r in rows:
        labels = r.get("per_label_f1", {})
        cells = [
            r["name"],
            r.get("head", "") + (f" + char-CNN {r['char_features']}" if r.get("char_features") else ""),
            str(r.get("epochs") or ""),
            str(r.get("learning_rate") or ""),
            str(r.get("train_seconds", "—")),
            str(r.get("process_cpu_seconds") or "—"),
            f"{r['dev_span_f1']:.3f}",
            f"{r['dev_f1_seqeval_strict']:.3f}" if r["dev_f1_seqeval_strict"] is not None else "—",
            *(f"{labels[k]:.3f}" if k in labels else "—" for k in LABELS),
            ", ".join(f"{k} {v:.2f}" for k, v in labels.items() if k not in LABELS),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run", action="append", default=[], metavar="NAME=RUN_DIR")
    parser.add_argument("--model", action="append", default=[], metavar="NAME=MODEL_DIR[,TRAIN_CONFIG]")
    parser.add_argument("--constrained", action="append", default=[], metavar="NAME=MODEL_DIR")
    parser.add_argument("--dev", type=Path, default=Path("work_data/gold/dev.jsonl"))
    parser.add_argument("--note", action="append", default=[], help="a note to keep in the report (repeatable)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    rows = []
    for flag, items in (("model", args.model), ("run", args.run), ("constrained", args.constrained)):
        for item in items:
            name, sep, where = item.rpartition("=")
            if not sep or not name:
                parser.error(f"--{flag} wants NAME=DIR, got {item!r}")
            path, _, config = where.partition(",")  # --model NAME=MODEL_DIR,TRAIN_CONFIG.yaml
            rows.append(
                from_run(name, Path(path)) if flag == "run"
                else from_model(name, Path(path), Path(config) if config else None) if flag == "model"
                else constrained(name, Path(path), args.dev)
            )  # fmt: skip
    report = {
        "what": "issue 11: encoders and output layers at the same data and budget (dev, classifier alone)",
        "data": {"train": "work_data/gold/train.jsonl", "dev": str(args.dev)},
        "recipe": "max_length 128, stride 32, batch 16, warmup 0.06, weight decay 0.01, seed 42, 4 epochs",
        "config": "training/configs/compare_roberta_small.yaml (ours), training/configs/teacher_e5.yaml (e5)",
        "command": "python " + shlex.join([sys.argv[0], *(argv if argv is not None else sys.argv[1:])]),
        "notes": args.note,
        "rows": rows,
    }
    report["markdown"] = markdown(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(report["markdown"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
