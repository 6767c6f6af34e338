"""Shared helpers of the annotation tools (paths, plan, corpus)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from vnparty_ie.errors import CorpusNotFoundError
from vnparty_ie.io.vietnews import VietnewsCorpus

CORPORA = Path(__file__).resolve().parent.parent
PLAN = CORPORA / "annotation_plan.json"
#: ``$VNPARTY_VIETNEWS`` or ``../shared/corpora/vietnews`` next to the repository.
DEFAULT_VIETNEWS = Path(os.environ.get("VNPARTY_VIETNEWS", CORPORA.parent.parent / "shared" / "corpora" / "vietnews"))


def open_corpus(path: Path) -> VietnewsCorpus:
    """Open the corpus or exit with a clear message (exit code 2)."""
    try:
        return VietnewsCorpus(path)
    except CorpusNotFoundError as exc:
        sys.exit(f"error: {exc}")


def load_plan() -> dict:
    """Read ``corpora/annotation_plan.json`` or exit with a message."""
    if not PLAN.is_file():
        sys.exit(f"error: {PLAN} not found; run python corpora/build_manifest.py first")
    return json.loads(PLAN.read_text(encoding="utf-8"))


def batch_docs(batch_id: str) -> list[str]:
    """Document ids of one batch of the plan (e.g. ``b01`` or ``p2-01``)."""
    for batch in load_plan()["batches"]:
        if batch["batch"] == batch_id:
            return list(batch["docs"])
    sys.exit(f"error: no batch {batch_id!r} in {PLAN}")
