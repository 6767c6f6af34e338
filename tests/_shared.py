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


def read_spec_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated spec table (``#`` lines are comments; no quoting)."""
    import csv

    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
