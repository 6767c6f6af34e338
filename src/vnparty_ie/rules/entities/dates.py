"""DATE rules: dates, ranges, terms, durations and deictic times.

Example:
    >>> from .grammar import rx
    >>> [r.id for r in RULES if rx(r.pattern).fullmatch("nhiệm kỳ 2020-2025")]
    ['date.mandate']
"""

from __future__ import annotations

import re

from ..base import Rule
from . import grammar as P
from .grammar import WE, WS, rx
from .spans import T_DATE

__all__ = ["RULES"]


def _r(rule_id: str, on_match: None, pattern: str) -> Rule:
    """A rule of this module (its spans need no post-processing)."""
    return Rule(rule_id, "DATE", pattern, on_match, tier=T_DATE)


#: "ngay" right before a DATE's "từ": "ngay từ đầu nhiệm kỳ" means the point, not "since".
_NGAY_BEFORE_RE = rx(r"(?<!\w)[Nn]gay\s+$")


def _since_or_point(v: str, m: re.Match[str]) -> tuple[int, int] | None:
    """«từ X» meaning "since X" stays whole; after "ngay" ("right at X") the DATE is «X» (calibration 16)."""
    start, end = m.span()
    if v[start : start + 3].lower() == "từ " and _NGAY_BEFORE_RE.search(v, max(0, start - 6), start):
        return start + 3, end
    return start, end


RULES: list[Rule] = [
    _r("date.range", None, rf"{WS}{P.RANGE}"),
    Rule("date.open_period", "DATE", rf"{WS}{P.OPEN_PERIOD}{WE}", _since_or_point, tier=T_DATE,
         doc="an open start or a named period: «từ tháng 9/2020», «giai đoạn 2011-2013»; ngay từ «đầu nhiệm kỳ»"),
    _r("date.full_date", None, rf"{WS}(?:{P.DAY_WORDS}\s+)?(?:ngày\s+)?{P.FULL_DATE}{P.CLOCK}?"),
    _r("date.day_month", None, rf"{WS}(?:[Bb]uổi\s+)?{P.DAY_WORDS}\s+(?:ngày\s+)?{P.DAY_MONTH}"),
    # Day ranges: "từ ngày 4/7 đến 8/7", "từ 5 đến 12/1/2015", "ngày 24 - 26/4".
    _r("date.day_range", None, rf"{WS}{P.DAY_RANGE}"),
    # Sentence-initial "Hiện" (= hiện nay, adjudication) and "Buổi sáng/chiều" opening a sentence.
    _r("date.sentence_initial_now", None,
        (rf"(?:^|(?<=[.!?:]\s)|(?<=\n))(?:Hiện(?!\s+(?:nay|tại|đại|trạng|tượng|thực|hành|diện|thời){WE})"
        rf"|Buổi\s+(?:sáng|chiều|trưa|tối)){WE}(?=\s*,|\s+\w)"),
    ),
    # A deictic word with its date: "sáng nay 4/10", "Sáng mai 26/10".
    _r("date.deictic_day_month", None, rf"{WS}{P.DEICTIC}\s+{P.DAY_MONTH}"),
    _r("date.until", None, rf"{WS}{P.UNTIL}"),
    _r("date.mandate", None, rf"{WS}(?:{P.MANDATE})"),
    _r("date.term", None, rf"{WS}{P.TERM}"),
    # Not "năm" of a duration before a span: "«5 năm» «2016-2020»" are two DATEs (guidelines, boundary rule 6).
    _r("date.calendar", None,
        rf"{WS}(?:{P.QUARTER}|{P.MONTH}|(?!(?<=\d\s)năm\s+{P.YEAR}\s*[-–]\s*{P.YEAR}){P.YEARS}|{P.NTH_YEAR}"
        rf"|{P.PART_OF_YEAR}){WE}"),
    _r("date.year_span", None, rf"{WS}{P.YEAR_SPAN}"),
    # Not the minutes or hours of a clock time: "lúc 10 giờ 5 phút".
    _r("date.duration", None, rf"{WS}(?<!giờ\s)(?<!lúc\s){P.DURATION}"),
    # Not after a plural: "từ nhiều năm trước", "của những năm trước" are vague (guidelines: deictic times).
    _r("date.deictic", None, rf"{WS}(?<![Nn]hiều\s)(?<![Nn]hững\s)(?<!\bcác\s){P.DEICTIC}{WE}"),
    # An observance named with its date is one DATE (calibration 15): "ngày Thầy thuốc Việt Nam 27/2",
    # "Ngày Quốc khánh 2/9/2023".
    _r("date.observance", None,
        rf"{WS}[Nn]gày\s+(?!(?:Hội|Đại|Ban|Bộ|Ủy|Uỷ|Tỉnh|Quận|Huyện){WE}){P.CAPW}(?:\s+[{P.UP}{P.LO}]+{WE}){{0,5}}?\s+(?:{P.FULL_DATE}|{P.DAY_MONTH})"),
    # A bare year in parentheses: "(2024)".
    _r("date.parenthesised_year", None, rf"(?<=\()\s*{P.YEAR}(?=\s*\))"),
]

#: "năm 2016" earlier in the same sentence (a dot between digits is no sentence end: "6.164").
_YEAR_BEFORE_RE = rx(rf"(?:năm|Năm)\s+{P.YEAR}(?:[^.!?\n]|\.(?=\d))*$")


def _listed_year(v: str, m: re.Match[str]) -> tuple[int, int] | None:
    """A bare year opening a list item after "năm YYYY" in the same sentence: "Năm 2016 tăng 8,05%, «2017» là 8,25%"."""
    return m.span() if _YEAR_BEFORE_RE.search(v, max(0, m.start() - 150), m.start()) else None


RULES.append(
    Rule("date.listed_year", "DATE", rf"(?<=[,;]\s){P.YEAR}(?=\s+(?:là|tăng|giảm|đạt|có){WE})", _listed_year,
         tier=T_DATE, doc="a bare year opening a list item after «năm YYYY»: Năm 2016 tăng 8,05%, «2017» là 8,25%")
)
