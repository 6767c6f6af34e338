"""Where ``../shared`` (guidelines, seeds, corpora) lives, and a skip marker for it.

It exists beside the checkout for developers and CI, never on a user's machine;
tests that need it skip cleanly when it is absent. Override with VNPARTY_SHARED.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("VNPARTY_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SEEDS_GOLD = SHARED / "gold" / "seeds.jsonl"
VIETNEWS = SHARED / "corpora" / "vietnews"

requires_seeds = pytest.mark.skipif(not SEEDS_GOLD.is_file(), reason=f"{SEEDS_GOLD} not present (../shared absent)")
requires_vietnews = pytest.mark.skipif(
    not (VIETNEWS / "val.jsonl.gz").is_file(), reason=f"{VIETNEWS} not present (../shared absent)"
)
