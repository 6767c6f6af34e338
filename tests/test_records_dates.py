"""Spec table of date normalisation (tests/specs/dates.tsv) and properties of parse_date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from _shared import read_spec_tsv

from vnparty_ie.records.dates import DateReading, parse_date

SPEC = Path(__file__).parent / "specs" / "dates.tsv"
FIELDS = ("start", "end", "kind", "partial", "duration", "qualifier")
KINDS = {"day", "month", "quarter", "year", "range", "term", "relative", "duration", "recurring", "unknown"}


ROWS = read_spec_tsv(SPEC)


def test_spec_table_is_large_enough() -> None:
    assert len(ROWS) >= 120
    assert sum(row["source"] in ("gold", "vietnews") for row in ROWS) >= 120


@pytest.mark.parametrize("row", ROWS, ids=[f"{i}:{r['text']}|{r['doc_date']}" for i, r in enumerate(ROWS)])
def test_spec(row: dict[str, str]) -> None:
    doc = dt.date.fromisoformat(row["doc_date"]) if row["doc_date"] else None
    got = parse_date(row["text"], doc)
    assert isinstance(got, DateReading)
    assert got.text == row["text"]
    for field in FIELDS:
        assert getattr(got, field) == (row[field] or None), field


@pytest.mark.parametrize("row", ROWS, ids=[f"{i}:{r['text']}" for i, r in enumerate(ROWS)])
def test_interval_is_ordered_and_iso(row: dict[str, str]) -> None:
    doc = dt.date.fromisoformat(row["doc_date"]) if row["doc_date"] else None
    got = parse_date(row["text"], doc)
    assert got.kind in KINDS
    for value in (got.start, got.end):
        if value is not None:
            dt.date.fromisoformat(value)
    if got.start and got.end:
        assert got.start <= got.end


@pytest.mark.parametrize("bad", [None, 5, "", "   ", "ngày 32/13", "tháng 13/2020", "24/24", "quý V", "\x00", "từ đến"])
def test_bad_input_never_raises(bad: object) -> None:
    got = parse_date(bad)  # type: ignore[arg-type]
    assert isinstance(got, DateReading)
    assert got.start is None and got.end is None


def test_relative_needs_doc_date() -> None:
    assert parse_date("năm ngoái").start is None
    assert parse_date("năm ngoái", dt.date(2020, 3, 1)).start == "2019-01-01"


def test_datetime_doc_date_is_accepted() -> None:
    assert parse_date("hôm nay", dt.datetime(2021, 5, 4, 10, 30)).start == "2021-05-04"


def test_reading_is_frozen() -> None:
    with pytest.raises(AttributeError):
        parse_date("năm 2020").start = "x"  # type: ignore[misc]
