"""Atomic save and load of the complete training state for exact resumption."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import torch

CHECKPOINT_NAME = "checkpoint.pt"


def save_checkpoint(path: Path, state: dict[str, Any]) -> None:
    """Writes `state` to `path` atomically (a crash mid-write keeps the previous checkpoint).

    Args:
        path: Target file.
        state: Tensors, plain Python values and state dicts only.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".partial")
    torch.save(state, partial)
    os.replace(partial, path)


def load_checkpoint(path: Path) -> dict[str, Any]:
    """Loads a checkpoint written by `save_checkpoint` (tensors and plain values only).

    Args:
        path: Checkpoint file.

    Returns:
        The saved state.
    """
    return torch.load(path, map_location="cpu", weights_only=True)
