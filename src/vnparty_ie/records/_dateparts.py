"""Building blocks of :mod:`vnparty_ie.records.dates`: partial dates and single points.

A :class:`Partial` is a date with holes (``ngày 27/3`` has no year) and a
granularity; ranges fill the holes of one end from the other before they are
turned into ISO intervals.

Example:
    >>> p = point("ngày 27/3")
    >>> p.year, p.month, p.day, p.gran
    (None, 3, 27, 'day')
    >>> point("quý iii/2023").interval()
    ('2023-07-01', '2023-09-30')
    >>> point("6 tháng đầu năm 2023").interval()
    ('2023-01-01', '2023-06-30')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from ._data import load
from .words import read_quantity, tokenize

__all__ = ["Partial", "point", "shift", "vocab"]

_DATES = "dates_vi.yaml"
_SEP = r"\s*[/.-]\s*"
_DAY_WORD = r"(?:(?:ngày|mùng|mồng|hôm)\s+)?"
_DMY = re.compile(rf"{_DAY_WORD}(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})")
_MY = re.compile(rf"(?:tháng\s+)?(\d{{1,2}})(?:{_SEP}|\s+năm\s+)(\d{{4}})")
_DM = re.compile(rf"{_DAY_WORD}(\d{{1,2}})\s*[/.-]\s*(\d{{1,2}})")
_D = re.compile(r"(?:(?:ngày|mùng|mồng)\s+)?(\d{1,2})")
_M = re.compile(r"tháng\s+(\d{1,2})(?:\s+(năm nay|năm ngoái|năm trước|năm tới|năm sau|tới|này|trước|qua))?")
_Q = re.compile(r"quý\s+(iv|iii|ii|i|[1-4])(?:(?:\s*[/-]\s*|\s+năm\s+)(\d{4}))?(?:\s+(năm nay|năm ngoái|năm trước))?")
_Y = re.compile(r"(?:năm\s+)?(\d{4})")
_DECADE = re.compile(r"(?:những|các)\s+năm\s+(\d{3})0")
_YEAR_PART = re.compile(r"(nửa đầu|nửa cuối|nửa sau|đầu|giữa|cuối)\s+năm(?:\s+(\d{4}|nay|ngoái|trước|tới))?")
_MONTH_PART = re.compile(r"(nửa đầu|nửa cuối|đầu|giữa|cuối)\s+tháng\s+(\d{1,2})(?:\s*[/-]\s*(\d{4}))?")
_N_MONTHS = re.compile(r"(.+?)\s+tháng\s+(đầu|cuối|còn lại của)\s+năm(?:\s+(\d{4}|nay))?")
_REL_YEAR = {
    "nay": 0,
    "năm nay": 0,
    "ngoái": -1,
    "năm ngoái": -1,
    "trước": -1,
    "năm trước": -1,
    "tới": 1,
    "năm tới": 1,
    "năm sau": 1,
}


def vocab() -> dict:
    """The date vocabulary (``data/records/dates_vi.yaml``)."""
    return load(_DATES)


def shift(day: dt.date, unit: str, n: int) -> dt.date:
    """``day`` moved by ``n`` days, weeks, months or years (day clipped to the month).

    Example:
        >>> shift(dt.date(2024, 3, 31), "month", -1)
        datetime.date(2024, 2, 29)
    """
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    months = day.month - 1 + n * (12 if unit == "year" else 1)
    year, month = day.year + months // 12, months % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Partial:
    """A date point with possibly unknown fields.

    Attributes:
        year: The year, or ``None`` when the text leaves it out.
        month: First month (1-12) or ``None``.
        day: First day or ``None``.
        gran: ``day``, ``month``, ``quarter``, ``year`` or ``months`` (a run of
            months such as ``6 tháng đầu năm``) or ``days`` (a run of days).
        last: Last month (``months``/``quarter``) or last day (``days``).
        rel_year: A year offset from the document date (``tháng 3 năm nay``).
        nearest: 1 for the next such month after the document date (``tháng 12
            tới``), -1 for the last one before it, 0 otherwise.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    gran: str = "day"
    last: int | None = None
    rel_year: int | None = None
    nearest: int = 0

    def resolve(self, doc: dt.date | None) -> Partial:
        """Fill a missing year from the document date, if there is one."""
        if self.year is not None or doc is None:
            return self
        if self.nearest and self.month is not None:  # "tháng 12 tới", "tháng 3 vừa qua"
            if self.nearest > 0:
                return replace(self, year=doc.year if self.month > doc.month else doc.year + 1)
            return replace(self, year=doc.year if self.month < doc.month else doc.year - 1)
        if self.rel_year is not None:
            return replace(self, year=doc.year + self.rel_year)
        return replace(self, year=doc.year)

    def valid(self) -> bool:
        """Whether the known fields form a real date."""
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.day is not None:
            top = calendar.monthrange(self.year or 2000, self.month or 1)[1] if self.month else 31
            if not 1 <= self.day <= top:
                return False
        return self.year is None or 1000 <= self.year <= 2999

    def interval(self) -> tuple[str | None, str | None]:
        """The inclusive ISO interval, or ``(None, None)`` without a year."""
        y = self.year
        if y is None:
            return None, None
        if self.gran == "year":
            return f"{y}-01-01", f"{y}-12-31"
        if self.gran in ("month", "months", "quarter"):
            last = self.last or self.month
            end = calendar.monthrange(y, last)[1]
            return f"{y}-{self.month:02d}-01", f"{y}-{last:02d}-{end:02d}"
        if self.month is None or self.day is None:
            return None, None
        last = min(self.last or self.day, calendar.monthrange(y, self.month)[1])
        return f"{y}-{self.month:02d}-{self.day:02d}", f"{y}-{self.month:02d}-{last:02d}"

    def partial_iso(self) -> str | None:
        """ISO 8601 reduced form of a yearless date: ``--03-27`` or ``--03``."""
        if self.year is not None or self.month is None:
            return None
        return (
            f"--{self.month:02d}-{self.day:02d}"
            if self.day is not None and self.gran == "day"
            else f"--{self.month:02d}"
        )


def _roman(text: str) -> int:
    return int(text) if text.isdigit() else int(vocab()["roman"][text])


def _count(text: str) -> float | None:
    q = read_quantity(tokenize(text), 0)
    return q.value if q is not None and q.end == len(tokenize(text)) else None


def point(text: str, bare_day: bool = False) -> Partial | None:
    """Read one date point (no ranges) from cleaned text.

    Args:
        text: Cleaned text (see :func:`vnparty_ie.records._data.clean`).
        bare_day: Accept a bare day number (``5``), as on the left of ``từ 5 đến 12/1``.

    Returns:
        The partial date, or ``None``.

    Example:
        >>> point("tháng 9/2020").interval()
        ('2020-09-01', '2020-09-30')
        >>> point("24/24") is None
        True
    """
    p = _point(text.strip(), bare_day)
    return p if p is not None and p.valid() else None


def _point(s: str, bare_day: bool) -> Partial | None:
    if m := _DMY.fullmatch(s):
        return Partial(int(m[3]), int(m[2]), int(m[1]))
    if m := _MY.fullmatch(s):
        return Partial(int(m[2]), int(m[1]), gran="month")
    if m := _DM.fullmatch(s):
        return Partial(None, int(m[2]), int(m[1]))
    if m := _M.fullmatch(s):
        rel = m[2]
        if rel in ("tới", "trước", "qua"):
            return Partial(None, int(m[1]), gran="month", nearest=1 if rel == "tới" else -1)
        return Partial(None, int(m[1]), gran="month", rel_year=_REL_YEAR.get(rel, 0) if rel else None)
    if m := _Q.fullmatch(s):
        q = _roman(m[1])
        rel = _REL_YEAR.get(m[3]) if m[3] else None
        return Partial(int(m[2]) if m[2] else None, 3 * q - 2, gran="quarter", last=3 * q, rel_year=rel)
    if m := re.fullmatch(r"năm (nay|ngoái|trước|tới|sau)", s):
        return Partial(None, gran="year", rel_year=_REL_YEAR[m[1]])
    if m := _Y.fullmatch(s):
        return Partial(int(m[1]), gran="year")
    if m := _DECADE.fullmatch(s):
        return Partial(int(m[1]) * 10, gran="year", last=int(m[1]) * 10 + 9)
    if m := _YEAR_PART.fullmatch(s):
        first, last = vocab()["year_parts"][m[1]]
        year = int(m[2]) if m[2] and m[2].isdigit() else None
        rel = _REL_YEAR.get(m[2] or "nay") if year is None else None
        return Partial(year, first, gran="months", last=last, rel_year=rel)
    if m := _MONTH_PART.fullmatch(s):
        first, last = vocab()["month_parts"][m[1]]
        return Partial(int(m[3]) if m[3] else None, int(m[2]), first, gran="days", last=last)
    if m := _N_MONTHS.fullmatch(s):
        n = 3 if m[1] in ("những", "các", "mấy") else _count(m[1])
        if n is None or not 1 <= n <= 12:
            return None
        year = int(m[3]) if m[3] and m[3].isdigit() else None
        rel = 0 if year is None else None
        if m[2] == "đầu":
            return Partial(year, 1, gran="months", last=int(n), rel_year=rel)
        return Partial(year, 13 - int(n), gran="months", last=12, rel_year=rel)
    if bare_day and (m := _D.fullmatch(s)):
        return Partial(None, None, int(m[1]))
    return None
