"""Normalised readings of DATE spans: an inclusive ISO interval and its kind.

Own parser (``dateparser`` handles 10 of the 23 issue forms and only as points:
see ``records/README.md``); the words live in ``data/records/dates_vi.yaml``.

Example:
    >>> r = parse_date("năm 2023")
    >>> r.start, r.end, r.kind
    ('2023-01-01', '2023-12-31', 'year')
    >>> _r = parse_date("nhiệm kỳ 2020-2025"); _r.start, _r.end
    ('2020-01-01', '2025-12-31')
    >>> import datetime
    >>> r = parse_date("từ tháng 9/2020 đến nay", datetime.date(2023, 12, 15))
    >>> r.start, r.end, r.kind
    ('2020-09-01', '2023-12-15', 'range')
    >>> r = parse_date("ngày 27/3")
    >>> r.start, r.partial
    (None, '--03-27')
    >>> parse_date("khóa XIII").kind
    'term'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ._data import clean
from ._dateparts import Partial, point, shift, vocab

__all__ = ["DateReading", "parse_date"]

_CLOCK = re.compile(r"\b\d{1,2}\s*(?:h|giờ|g)\s*(?:\d{1,2}\s*(?:phút|p|')?)?(?=\s|$)|\b\d{1,2}:\d{2}\b")
_TERM = re.compile(r"(?:(?:hai|ba|\d)\s+)?(?:nhiệm kỳ|nhiệm kì|nhiệm ký|khóa)\b\s*(.*)")
_DURATION = re.compile(
    r"(.+?)\s+(năm|tháng|tuần|ngày|thập kỷ|thập niên|giờ|tiếng|phút|nhiệm kỳ|khóa)"
    r"(?:\s+(?:đồng hồ|làm việc|liền|liên tiếp|trong tuần))?(?:\s+(.+))?"
)
_COUNT_PREFIX = re.compile(r"(?:hai|ba|bốn|các|những|\d)\s+ngày\s+(?=\d|mùng|mồng)")


@dataclass(frozen=True)
class DateReading:
    """The normalised reading of one DATE span.

    Attributes:
        text: The span as given.
        start: First day of the inclusive interval (ISO ``YYYY-MM-DD``) or ``None``.
        end: Last day of the interval or ``None`` (open or unknown).
        kind: ``day``, ``month``, ``quarter``, ``year``, ``range``, ``term``,
            ``relative``, ``duration``, ``recurring`` or ``unknown``.
        partial: ISO reduced form of a date without a year (``--03-27``,
            ``--12``) when no document date supplies it.
        duration: ISO 8601 duration of a time quantity (``P5Y``, ``P2D``, ``PT40M``).
        qualifier: Approximator of a duration (over, nearly, about, …).
        reason: Why the reading is incomplete, or ``None``.
    """

    text: str
    start: str | None = None
    end: str | None = None
    kind: str = "unknown"
    partial: str | None = None
    duration: str | None = None
    qualifier: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class _Span:
    lo: Partial | None
    hi: Partial | None
    kind: str


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _strip_noise(s: str) -> str:
    s = _CLOCK.sub(" ", s)
    for phrase in sorted(vocab()["noise"], key=len, reverse=True):
        if phrase != "hôm":
            s = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", s)
    out = re.sub(r"\s+", " ", s).strip()
    out = re.sub(r"(?<!\w)(?:hôm\s+)?(?:nay|mai|qua)\s+(?=\d)", "", out)  # "sáng nay 4/10"
    out = re.sub(r"^hôm\s+(?=\d)", "", out)
    return re.sub(r"\s+", " ", out).strip(" ,.;:()")


def _relative(s: str, doc: dt.date | None, text: str) -> DateReading | None:
    entry = vocab()["relative"].get(s)
    if entry is None:
        if s in vocab()["anaphoric"]:
            return DateReading(text, kind="relative", reason="refers to a time named earlier in the text")
        return None
    if doc is None:
        return DateReading(text, kind="relative", reason="relative to the document date, which is unknown")
    if entry.get("since"):
        return DateReading(
            text, _iso(shift(doc, "year", -1) + dt.timedelta(days=1)), _iso(doc), "relative", duration=entry["since"]
        )
    if "unit" not in entry:  # "đến nay"
        return DateReading(text, None, _iso(doc), "relative")
    unit, n = entry["unit"], int(entry["offset"])
    day = shift(doc, unit, n)
    if unit == "day":
        lo = hi = day
    elif unit == "week":
        lo = day - dt.timedelta(days=day.weekday())
        hi = lo + dt.timedelta(days=6)
    elif unit == "month":
        lo = day.replace(day=1)
        hi = shift(lo, "month", 1) - dt.timedelta(days=1)
    else:
        lo, hi = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if entry.get("to_now"):
        hi = doc
    return DateReading(text, _iso(lo), _iso(hi), "relative")


def _fill(lo: Partial, hi: Partial) -> Partial:
    """Fill the holes of the left end of a range from the right end."""
    if lo.month is None and hi.month is not None:
        lo = replace(lo, month=hi.month)
    if lo.year is None and hi.year is not None:
        year = hi.year
        if lo.month is not None and hi.month is not None and (lo.month, lo.day or 0) > (hi.month, hi.day or 0):
            year -= 1  # "từ 17/12 đến 3/1/2019"
        lo = replace(lo, year=year)
    return lo


def _fill_right(lo: Partial, hi: Partial) -> Partial:
    if hi.year is None and lo.year is not None:
        year = lo.year + (1 if hi.month and lo.month and hi.month < lo.month else 0)
        hi = replace(hi, year=year)
    return hi


def _is_now(s: str) -> bool:
    return s in ("nay", "hiện nay", "hiện tại", "bây giờ", "giờ", "hôm nay", "này")


def _range(s: str) -> _Span | None:
    """``từ A đến B``, ``A - B``, ``từ A``, ``đến B``."""
    v = vocab()
    starts = sorted(v["range_start"], key=len, reverse=True)
    ends = sorted(v["range_end"], key=len, reverse=True)
    head = next((w for w in starts if s.startswith(w + " ")), None)
    body = s[len(head) + 1 :] if head else s
    if head and (lo := point(body)) is not None:
        return _Span(lo, None, "range")  # "từ ngày 1-1-2018": since
    for sep in (" đến ", " tới ", " - ", "-"):
        parts = body.split(sep)
        for k in range(1, len(parts)):
            left, right = sep.join(parts[:k]).strip(), sep.join(parts[k:]).strip()
            right = re.sub(r"^(?:hết|ngày)\s+", "", right) if not right.startswith("ngày") else right
            hi = None if _is_now(right) else point(right)
            lo = Partial(gran="now") if _is_now(left) else point(left, bare_day=True)
            if lo is None and hi is None and not _is_now(right):
                continue
            if hi is None and not _is_now(right):
                continue
            if lo is None and not left.startswith(("đầu", "khi")):
                continue
            if lo is not None and hi is not None and lo.gran != "now":
                lo = _fill(lo, hi)
                hi = _fill_right(lo, hi)
                if lo.gran == "day" and lo.month is None:
                    return None
            return _Span(lo, hi if hi is not None else Partial(gran="now"), "range")
    if head:
        lo = point(body)
        return _Span(lo, None, "range") if lo else None
    tail = next((w for w in ends if s.startswith(w + " ")), None)
    if tail:
        hi = point(s[len(tail) + 1 :])
        return _Span(None, hi, "range") if hi else None
    return None


def _enumeration(s: str) -> _Span | None:
    """``năm 2016, 2017, 2018``, ``ngày 3-1, 24 và 25-1``, ``mùng 7 và mùng 8/8``."""
    items = [x.strip() for x in re.split(r",|\s+và\s+", s) if x.strip()]
    if len(items) < 2:
        return None
    last = point(items[-1]) or (_range(items[-1]) and None)
    spans = [_range(items[-1])] if last is None else []
    hi = last if last is not None else (spans[0].hi if spans and spans[0] else None)
    if hi is None:
        return None
    prefix = re.match(r"(năm|tháng|ngày|mùng|mồng)\s", items[0])
    lo = point(items[0], bare_day=True)
    if lo is None and prefix:
        lo = point(items[0])
    if lo is None:
        first_range = _range(items[0])
        lo = first_range.lo if first_range else None
    if lo is None and prefix and items[0].split()[-1].isdigit():
        lo = point(f"{prefix[1]} {items[0].split()[-1]}", bare_day=True)
    if lo is None:
        return None
    if lo.gran == "year" and hi.gran == "year":
        return _Span(lo, hi, "range")
    return _Span(_fill(lo, hi), hi, "range")


def _term(s: str, text: str) -> DateReading | None:
    part = re.match(r"(đầu|cuối|giữa)\s+(?=nhiệm kỳ|khóa)", s)
    m = _TERM.fullmatch(s[part.end() :] if part else s)
    if m is None:
        if re.fullmatch(r"[ivxl]+(?:\s*(?:,|và)\s*[ivxl]+)+", s):  # "XI, XII": terms listed
            return DateReading(text, kind="term", reason="a term named by its number, not by years")
        return None
    rest = re.sub(r"^\d+\s+năm\s+", "", m[1].strip())  # "nhiệm kỳ 5 năm 2017-2022"
    rest = re.sub(r"(?<=và )(?:nhiệm kỳ|khóa)\s+", "", rest)
    span = _range(rest) or _enumeration(rest) if re.search(r"\d{4}", rest) else None
    if span and span.lo and span.hi and span.lo.year and span.hi.year:
        first, last = span.lo.year, span.hi.year
        if part and part[1] != "giữa":
            first = last = first if part[1] == "đầu" else last
        elif part:
            return DateReading(text, kind="term", reason="the middle of a term has no fixed dates")
        return DateReading(text, f"{first}-01-01", f"{last}-12-31", "term")
    return DateReading(text, kind="term", reason="a term named by its number or by deixis, not by years")


def _duration(s: str, doc: dt.date | None, text: str) -> DateReading | None:
    v = vocab()
    if s in v["recurring"]:
        return DateReading(text, kind="recurring", duration=v["recurring"][s])
    m = _DURATION.fullmatch(s)
    if m is None:
        return None
    count_text, unit, tail = m[1], m[2], (m[3] or "").strip()
    from .numbers import parse_number  # local: numbers does not need dates

    reading = parse_number(count_text)
    if reading.value is None or reading.achieved is not None or reading.normalized_unit is not None:
        return None
    n = reading.value
    spec = v["duration_units"][unit]
    iso = None
    if spec.get("iso"):
        amount = n * spec.get("factor", 1)
        num = f"{amount:g}"
        iso = f"PT{num}{spec['iso'][1]}" if spec["iso"].startswith("T") else f"P{num}{spec['iso']}"
    if tail in v["recurring_markers"] or tail.startswith("/"):
        return DateReading(text, kind="recurring", duration=iso, qualifier=reading.qualifier)
    base = DateReading(text, kind="duration", duration=iso, qualifier=reading.qualifier)
    if not tail:
        return base
    if tail in ("trước",) and doc is not None and iso and n == int(n):
        day = _move(doc, spec, -int(n))
        return replace(base, start=_iso(day), end=_iso(day), kind="relative") if day else base
    if tail in v["duration_past"] and doc is not None and iso and n == int(n):
        day = _move(doc, spec, -int(n))
        return replace(base, start=_iso(day + dt.timedelta(days=1)), end=_iso(doc)) if day else base
    if tail in v["duration_future"] and doc is not None and iso and n == int(n):
        day = _move(doc, spec, int(n))
        return replace(base, start=_iso(doc), end=_iso(day - dt.timedelta(days=1))) if day else base
    if tail in v["duration_past"] or tail in v["duration_future"] or tail in ("trước", "sau", "sau đó"):
        return replace(base, reason="relative to the document date or an event, which is unknown")
    return None


def _move(doc: dt.date, spec: dict, n: int) -> dt.date | None:
    if "months" in spec:
        return shift(doc, "month", n * int(spec["months"]))
    if "days" in spec:
        return shift(doc, "day", n * int(spec["days"]))
    return None


def _reading(span: _Span, doc: dt.date | None, text: str) -> DateReading:
    """Turn a resolved span into an ISO interval reading."""
    lo = span.lo.resolve(doc) if span.lo and span.lo.gran != "now" else None
    hi = span.hi.resolve(doc) if span.hi and span.hi.gran != "now" else None
    start = lo.interval()[0] if lo else (_iso(doc) if span.lo and span.lo.gran == "now" else None)
    if span.hi is not None and span.hi.gran == "now":
        end = _iso(doc)
    else:
        end = hi.interval()[1] if hi else None
    if lo is not None and lo.gran == "year" and lo.last:  # decades
        end = end or f"{lo.last}-12-31"
    reason = None
    if (span.lo and start is None) or (span.hi and end is None):
        reason = "needs the year or the document date"
    return DateReading(text, start, end, span.kind, reason=reason)


def parse_date(text: str, doc_date: dt.date | None = None) -> DateReading:
    """Read a DATE span as an inclusive ISO interval.

    Args:
        text: The DATE span: ``năm 2023``, ``30/11/2023``, ``quý III/2023``,
            ``6 tháng đầu năm 2023``, ``nhiệm kỳ 2020-2025``, ``từ tháng 9/2020 đến
            nay``, ``năm ngoái``, ``hơn 2 năm qua``, ``khóa XIII`` …
        doc_date: The publication date of the document; resolves relative forms
            and dates written without a year.

    Returns:
        A :class:`DateReading`; never raises (unreadable text gives kind
        ``unknown`` with a ``reason``).

    Example:
        >>> import datetime
        >>> d = datetime.date(2023, 12, 15)
        >>> r = parse_date("cùng kỳ năm trước", d); r.start, r.end, r.kind
        ('2022-01-01', '2022-12-31', 'relative')
        >>> r = parse_date("ngày 27/3", d); r.start, r.end, r.kind
        ('2023-03-27', '2023-03-27', 'day')
        >>> parse_date("5 năm").duration
        'P5Y'
    """
    try:
        return _parse(text, doc_date)
    except Exception as exc:  # noqa: BLE001 - bad input never raises
        return DateReading(str(text), kind="unknown", reason=f"parse error: {exc!r}")


def _parse(text: str, doc: dt.date | None) -> DateReading:
    if not isinstance(text, str):
        return DateReading(repr(text), reason="date text is not a string")
    s = clean(text).strip(" ,.;:()")
    if isinstance(doc, dt.datetime):
        doc = doc.date()
    hit = _relative(s, doc, text) or _duration(s, doc, text)
    if hit is not None:
        return hit
    s = _COUNT_PREFIX.sub("", _strip_noise(s))
    recurring = None
    for word in sorted(vocab()["recurring"], key=len, reverse=True):
        if s.endswith(" " + word):
            recurring, s = vocab()["recurring"][word], s[: -len(word) - 1].strip()
            break
    hit = _relative(s, doc, text) or _term(s, text)
    if hit is not None:
        return hit
    for word in vocab()["period_words"]:
        if s.startswith(word + " "):
            s = s[len(word) + 1 :]
    p = point(s)
    if p is not None:
        if recurring:
            return DateReading(text, kind="recurring", partial=p.partial_iso(), duration=recurring)
        kind = {"months": "range", "days": "range"}.get(p.gran, p.gran)
        if p.gran == "year" and p.last:
            kind = "range"
        q = p.resolve(doc)
        start, end = q.interval()
        if p.gran == "year" and p.last:
            end = f"{p.last}-12-31"
        reason = None if start else "needs the year or the document date"
        return DateReading(text, start, end, kind, partial=p.partial_iso() if not start else None, reason=reason)
    span = _range(s) or _enumeration(s)
    if span is not None:
        return _reading(span, doc, text)
    since = re.match(r"(?:từ|kể từ)\s+(.+)", s)
    if since and (rel := _relative(since[1], doc, text)) is not None:  # "từ hôm nay"
        return replace(rel, end=None, kind="range")
    return DateReading(text, kind="unknown", reason="no date form recognised")
