"""Read a ``vnparty-ie train`` run directory: its start event, epoch events and final metrics.

Shared by the comparison collectors (``collect_comparison.py``,
``collect_encoder_comparison.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Run:
    """One training run.

    Attributes:
        start: The ``start`` event of ``train_log.jsonl`` (its ``config`` holds the training config).
        epochs: The ``epoch`` events, in order.
        metrics: ``metrics.json`` of the run.
    """

    start: dict[str, Any]
    epochs: list[dict[str, Any]]
    metrics: dict[str, Any]

    @property
    def config(self) -> dict[str, Any]:
        """The training config the run started with."""
        return self.start["config"]

    def dev_f1_by_epoch(self) -> list[float]:
        """Dev F1 after each epoch, rounded to 4 places."""
        return [round(e["dev_f1"], 4) for e in self.epochs]

    def train_seconds(self) -> float:
        """Wall seconds of the training epochs."""
        return round(sum(e["seconds"] for e in self.epochs), 1)


def read_run(path: Path) -> Run:
    """Read the run directory ``path`` (``train_log.jsonl`` and ``metrics.json``)."""
    lines = (path / "train_log.jsonl").read_text(encoding="utf-8").splitlines()
    log = [json.loads(line) for line in lines if line]
    start = next(e for e in log if e["event"] == "start")
    epochs = [e for e in log if e["event"] == "epoch"]
    metrics = json.loads((path / "metrics.json").read_text(encoding="utf-8"))
    return Run(start, epochs, metrics)
