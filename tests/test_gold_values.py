"""The gold value records (corpora/gold/values.*.jsonl) and their loader."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from tests._shared import requires_vietnews

from vnparty_ie.io.values import check_values, merge_values, read_values
from vnparty_ie.types import Extraction

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpora" / "gold"
WORK_GOLD = ROOT / "work_data" / "gold"


def _validator():
    spec = importlib.util.spec_from_file_location("validate_values", ROOT / "corpora" / "validate_values.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.mark.parametrize("split", ["dev", "test"])
def test_committed_values_are_valid(split: str) -> None:
    assert _validator().validate(split) == []


def test_check_values_reports_bad_records() -> None:
    gold = [{"id": "d", "entities": [{"id": "T1", "start": 0, "end": 4, "label": "DATE"},
                                     {"id": "T2", "start": 5, "end": 7, "label": "ORG"}]}]
    bad = [
        {"id": "d", "entity": "T1", "label": "DATE", "start": "2023-13-01", "end": "2023-12-31", "kind": "year"},
        {"id": "d", "entity": "T2", "label": "DATE", "start": None, "end": None, "kind": "year"},
        {"id": "d", "entity": "T9", "label": "DATE", "start": None, "end": None, "kind": "year"},
    ]
    problems = check_values(bad, gold)
    assert any("not an ISO date" in p for p in problems)
    assert any("is ORG in the gold" in p for p in problems)
    assert any("no entity T9" in p for p in problems)
    assert check_values(bad[:1], gold) and not check_values(
        [{"id": "d", "entity": "T1", "label": "DATE", "start": "2023-01-01", "end": "2023-12-31", "kind": "year"}], gold
    )
    assert any("start 2024-01-01 after end" in p for p in check_values(
        [{"id": "d", "entity": "T1", "label": "DATE", "start": "2024-01-01", "end": "2023-12-31", "kind": "year"}], gold))
    assert any("METRIC T3 has no value record" in p for p in check_values(
        [], [{"id": "d", "entities": [{"id": "T3", "start": 0, "end": 1, "label": "METRIC"}]}]))


@requires_vietnews
@pytest.mark.skipif(not (WORK_GOLD / "dev.jsonl").is_file(), reason="work_data/gold not materialised")
def test_merge_fills_every_metric_and_date_of_dev() -> None:
    with (WORK_GOLD / "dev.jsonl").open(encoding="utf-8") as handle:
        docs = [Extraction.from_dict(json.loads(line)) for line in handle if line.strip()]
    merged = merge_values(docs, read_values(GOLD / "values.dev.jsonl"))
    for doc in merged:
        assert len(doc.metrics) == sum(e.label == "METRIC" for e in doc.entities)
        assert len(doc.dates) == sum(e.label == "DATE" for e in doc.entities)
    assert sum(m.value is not None for d in merged for m in d.metrics) > 100
