"""Measure what ``dateparser`` (Vietnamese) makes of the DATE forms of issue 13.

Two measurements:

1. The spec forms of the issue, each with the day dateparser should return (the
   start of the interval; ``None`` where dateparser has no interval notion, e.g. a
   term, so any non-None answer is checked only for being inside the interval).
2. Coverage and speed on the distinct DATE spans of ``work_data/gold/train.jsonl``
   (when present): how many get any datetime at all, and microseconds per call.

Usage::

    python training/measure_dateparser.py [--gold work_data/gold/train.jsonl]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

import dateparser

DOC_DATE = dt.datetime(2023, 12, 15)

# form -> (expected start, expected end) of the inclusive interval
SPEC: list[tuple[str, str | None, str | None]] = [
    ("năm 2023", "2023-01-01", "2023-12-31"),
    ("30/11/2023", "2023-11-30", "2023-11-30"),
    ("Ngày 5-9-2021", "2021-09-05", "2021-09-05"),
    ("ngày 26-10-2018", "2018-10-26", "2018-10-26"),
    ("tháng 9/2020", "2020-09-01", "2020-09-30"),
    ("tháng 12/2018", "2018-12-01", "2018-12-31"),
    ("quý III/2023", "2023-07-01", "2023-09-30"),
    ("6 tháng đầu năm 2023", "2023-01-01", "2023-06-30"),
    ("9 tháng đầu năm 2023", "2023-01-01", "2023-09-30"),
    ("nhiệm kỳ 2020-2025", "2020-01-01", "2025-12-31"),
    ("giai đoạn 2021-2025", "2021-01-01", "2025-12-31"),
    ("từ năm 2014 đến năm 2023", "2014-01-01", "2023-12-31"),
    ("từ tháng 9/2020 đến nay", "2020-09-01", "2023-12-15"),
    ("năm nay", "2023-01-01", "2023-12-31"),
    ("đến nay", None, "2023-12-15"),
    ("hiện nay", "2023-12-15", "2023-12-15"),
    ("năm ngoái", "2022-01-01", "2022-12-31"),
    ("năm trước", "2022-01-01", "2022-12-31"),
    ("cùng kỳ năm trước", "2022-01-01", "2022-12-31"),
    ("ngày 27/3", "2023-03-27", "2023-03-27"),
    ("sáng 28/1", "2023-01-28", "2023-01-28"),
    ("hôm nay", "2023-12-15", "2023-12-15"),
    ("khóa XIII", None, None),
]


def _parse(text: str):
    return dateparser.parse(
        text,
        languages=["vi"],
        settings={"RELATIVE_BASE": DOC_DATE, "DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"},
    )


def measure_spec() -> tuple[int, int, int]:
    parsed = right = 0
    for text, start, end in SPEC:
        got = _parse(text)
        day = got.date().isoformat() if got else None
        ok = False
        if got is not None:
            parsed += 1
            if start is not None and end is not None and start == end:
                ok = day == start
            elif start is not None and end is not None:
                ok = start <= day <= end  # a point inside the interval is the best it can do
            elif end is not None:
                ok = day == end
        right += ok
        print(f"{text!r:32} -> {day!s:12} expected [{start} .. {end}] {'OK' if ok else '--'}")
    return parsed, right, len(SPEC)


def measure_gold(path: Path) -> None:
    forms: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            for ent in json.loads(line)["entities"]:
                if ent["label"] == "DATE":
                    forms.add(ent["text"])
    got = 0
    t0 = time.perf_counter()
    for text in sorted(forms):
        got += _parse(text) is not None
    elapsed = time.perf_counter() - t0
    print(
        f"\ngold DATE forms: {len(forms)} distinct, dateparser returns a datetime for {got} "
        f"({got / len(forms):.1%}); {elapsed / len(forms) * 1e6:.0f} µs per call"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=Path("work_data/gold/train.jsonl"))
    args = ap.parse_args()
    t0 = time.perf_counter()
    _parse("năm 2023")  # first call loads the language data
    print(f"first call (loads language data): {time.perf_counter() - t0:.2f} s\n")
    parsed, right, total = measure_spec()
    print(f"\nspec forms: {parsed}/{total} get a datetime, {right}/{total} right (point in interval)")
    if args.gold.exists():
        measure_gold(args.gold)


if __name__ == "__main__":
    main()
