"""Spec table of metric-value normalisation (tests/specs/numbers.tsv) and written numbers."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from _shared import read_spec_tsv

from vnparty_ie.records.numbers import NumberReading, normalize_unit, parse_number

SPEC = Path(__file__).parent / "specs" / "numbers.tsv"
FLOATS = ("value", "value_max", "achieved", "planned", "multiplier")
STRINGS = ("qualifier", "direction", "normalized_unit")
BOOLS = ("percent", "ambiguous")


ROWS = read_spec_tsv(SPEC)


def test_spec_table_is_large_enough() -> None:
    assert len(ROWS) >= 300
    assert sum(row["source"] in ("gold", "vietnews") for row in ROWS) >= 300


@pytest.mark.parametrize("row", ROWS, ids=[f"{i}:{r['metric']}|{r['unit']}" for i, r in enumerate(ROWS)])
def test_spec(row: dict[str, str]) -> None:
    got = parse_number(row["metric"], row["unit"] or None, context=row["context"])
    assert isinstance(got, NumberReading)
    for field in FLOATS:
        want = float(row[field]) if row[field] else None
        have = getattr(got, field)
        if want is None:
            assert have is None, (field, have)
        else:
            assert have is not None and math.isclose(have, want, rel_tol=1e-9), (field, have, want)
    for field in STRINGS:
        assert getattr(got, field) == (row[field] or None), field
    for field in BOOLS:
        assert getattr(got, field) == (row[field] == "true"), field
    if got.ambiguous:
        assert got.reason


@pytest.mark.parametrize("bad", [None, 12, "", "   ", "///", "1..2", "hơn", "tỷ đồng", "9" * 400, "\x00", "1,2,3.4.5"])
def test_bad_input_never_raises(bad: object) -> None:
    got = parse_number(bad)  # type: ignore[arg-type]
    assert isinstance(got, NumberReading)
    if got.value is None:
        assert got.ambiguous and got.reason


def test_reading_is_frozen() -> None:
    with pytest.raises(AttributeError):
        parse_number("5").value = 6  # type: ignore[misc]


def test_unit_scale_words_multiply() -> None:
    assert normalize_unit("nghìn tỷ đồng") == ("VND", 1e12)
    assert normalize_unit(None) == (None, 1.0)


try:
    from num2words import num2words
except ImportError:  # optional: only these tests need it
    num2words = None
needs_num2words = pytest.mark.skipif(num2words is None, reason="num2words not installed")
WRITTEN = [
    *range(31),
    35,
    41,
    45,
    55,
    64,
    99,
    100,
    101,
    105,
    110,
    115,
    121,
    250,
    999,
    1000,
    1001,
    1005,
    1200,
    1250,
    2021,
    10000,
    21000,
    100000,
    150000,
    1000000,
    1500000,
    2300000,
    2000000000,
    1234567,
]


@needs_num2words
@pytest.mark.parametrize("n", WRITTEN)
def test_written_numbers_from_num2words(n: int) -> None:
    words = num2words(n, lang="vi")
    got = parse_number(words)
    assert got.value == n, words


@needs_num2words
def test_random_written_numbers_from_num2words() -> None:
    import random

    rng = random.Random(13)
    for _ in range(500):
        n = rng.randrange(0, 10 ** rng.randint(1, 12))
        words = num2words(n, lang="vi")
        assert parse_number(words).value == n, words
