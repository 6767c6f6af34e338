"""METRIC and UNIT rules: numbers, ratios and counts with their units.

A number is a METRIC with its approximator ("hơn 6.164"); the counted noun or
measure after it is its UNIT ("tỷ đồng"); a counted post is a POSITION ("223
đại biểu"). Identifiers ("số 5", "quận 3"), dates, years and phone numbers are not.

Example:
    >>> v = "đạt hơn 6.164 tỷ đồng"
    >>> [(c.rule, v[c.start:c.end]) for c in metrics(v)]
    [('metric.number', 'hơn 6.164'), ('unit.after_number', 'tỷ đồng')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import Rule
from ..words import WORDS as W
from . import grammar as P
from .grammar import LO, WE, alt, norm, rx
from .positions import POST_CORE
from .spans import T_METRIC, Candidate, prev_words

__all__ = ["RULES", "metrics", "range_metrics", "word_metrics"]

#: The rules of this module; code proposes their spans (:func:`metrics`).
RULES: list[Rule] = [
    Rule("metric.number", "METRIC", tier=T_METRIC, doc="a number or ratio with its approximator: «hơn 6.164», «852/453»"),
    Rule("unit.after_number", "UNIT", tier=T_METRIC, doc="the unit after a number: «tỷ đồng», «%», «m» in «16.000m»"),
    Rule("position.counted_post", "POSITION", tier=T_METRIC, doc="a post counted by a number: «đại biểu» in «223 đại biểu»"),
    Rule("metric.number_word", "METRIC", tier=T_METRIC, doc="a count in words before a counted noun or post: «hai» Phó Bí thư"),
    Rule("unit.after_number_word", "UNIT", tier=T_METRIC, doc="the counted noun after a count in words: ba «người»"),
    Rule("metric.age", "METRIC", tier=T_METRIC, doc="an age after «tuổi»: ở tuổi «59»"),
    Rule("metric.range", "METRIC", tier=T_METRIC, doc="a range before a unit: «8-8,5»%, «từ 9-15» đại biểu"),
    Rule("unit.age_word", "UNIT", tier=T_METRIC, doc="the word «tuổi» before an age: ở «tuổi» 59 (not «độ tuổi»)"),
    Rule("metric.split_ratio", "METRIC", tier=T_METRIC,
         doc="a vote ratio whose digits were split by word segmentation: số phiếu «5 4/5 4» (54/54)"),
    Rule("unit.money_scale", "UNIT", tier=T_METRIC, doc="a money scale word alone after a number: gần 3.300 «tỷ»"),
]

# ------------------------------------------------------------------ metrics/units
#: The "per" part of a rate unit: "lần / tháng", "triệu đồng / m2", "vụ / 10.000 dân".
#: A number in the "per" part is a round base ("vụ / 10.000 dân"); "5 vụ / 15 bị can" is two counts.
_RATE_BASE = r"1(?:0{0,2}(?:\.000)+|0+)"
_RATE_TAIL = rf"(?:\s?/\s?(?:{_RATE_BASE}\s+)?(?!(?:một|mỗi){WE})(?:m²|m2|km2|ha|[{LO}]+){WE})"
#: A money scale with no unit after it ("hơn 150 tỷ", "1,5 triệu tỉ"), or any scale before a rate ("1,29 triệu / m²").
_BARE_SCALE = rf"(?P<bare>{alt(W.MONEY_SCALES, 'exact')}{WE}(?!\s+lệ{WE}){_RATE_TAIL}?|{P.SCALE}{WE}{_RATE_TAIL})"
_METRIC = (
    # The number with its approximator: "hơn 105.981", "852/453", "hàng nghìn"; after "có",
    # "đến" is one too ("có «đến 9» lần"), elsewhere it is a verb's or a range's.
    rf"(?<![\w/.,-])(?P<metric>(?:(?:{P.APPROX}|(?<=(?<!\w)[Cc]ó\s)đến)\s+)?(?:{P.NUMBER_OR_RATIO}|hàng\s+(?:chục|trăm|nghìn|ngàn|vạn|triệu|tỷ)))"
    # Then a unit glued to the digits ("16.000m", "10.000.000đ") ...
    rf"(?:(?P<att>{P.ATTACHED_UNIT}){WE}"
    # ... or the number ends here (not a code "03-NQ", not a longer number) and a
    # percent sign or a counted noun (with its scale word) may follow.
    rf"|(?![\w]|[-/][\w]|[.,]\d)(?:(?P<pct>\s?%)|\s+(?P<unit>(?:{P.SCALE}\s+)?{P.UNIT}{WE}{_RATE_TAIL}?|{_BARE_SCALE}))?)"
)
_METRIC_RE = rx(_METRIC)
#: A range before a percent sign or a counted noun: "8-8,5%", "từ 9-15 đại biểu", "khoảng 5-6 km",
#: "từ 50 đến 60 đảng viên" (a year span is a DATE).
_RANGE_RE = rx(
    rf"(?<![\w/.,-])(?P<metric>(?:(?:từ|{P.APPROX})\s+)?{P.NUMBER}\s?[-–]\s?{P.NUMBER}"
    rf"|[Tt]ừ\s+{P.NUMBER}\s+(?:đến|tới)\s+{P.NUMBER})(?![\w]|[-/][\w]|[.,]\d)"
    rf"(?:(?P<pct>\s?%)|\s+(?P<unit>(?:{P.SCALE}\s+)?{P.UNIT}{WE}{_RATE_TAIL}?))"
)
#: Counted nouns that are posts: tagged POSITION after a number, with no UNIT.
_COUNTED_POST_UNITS = frozenset(norm(w) for w in W.COUNTED_POST_UNITS)
#: "thành viên" of a named body is a membership post: "5 thành viên Ban Bí thư", "hai thành viên mới của Chính phủ".
_MEMBER_OF_BODY_RE = rx(r"\s+(?:mới\s+)?(?:(?:của|trong)\s+)?(?:Ban|Bộ|Chính\s+phủ|Đoàn|Quốc\s+hội|Thường\s+vụ)\b")


#: A scale word at the start of a counted noun ("triệu đoàn viên", "nghìn đại biểu").
_SCALE_START_RE = rx(rf"(?P<scale>{P.SCALE})\s+")


def _post_after_scale(v: str, us: int, ue: int) -> tuple[int, int] | None:
    """Where the scale word ends and a counted post starts after it ("hai «nghìn» đại biểu"); ``None`` when not so.

    Scale words go in the UNIT (guidelines v1.2), but a counted post is a POSITION, which holds
    no number: «Hơn hai nghìn» + POSITION «đại biểu».
    """
    scale = _SCALE_START_RE.match(v, us)
    if scale and scale.end() < ue and _is_counted_post(v, scale.end(), ue):
        return scale.end("scale"), scale.end()
    return None


#: A number (digits or a count in words) and then a scale word, closing a METRIC.
_NUMBER_THEN_SCALE_RE = rx(rf"(?P<number>{P.NUMBER}|{alt(W.NUMBER_WORDS, 'exact')}{WE})\s+(?P<scale>{P.SCALE}){WE}")
#: The one or two words after a METRIC.
_WORDS_AFTER_RE = re.compile(r"\s+(\w+(?:\s+\w+)?)")
#: A number and a scale word right before a UNIT.
_SCALE_BEFORE_RE = re.compile(rf"(?:\d|{alt(W.NUMBER_WORDS, 'exact')}{WE})\s+(?P<scale>{P.SCALE})\s+$")


def scale_split(v: str, ms: int, me: int) -> int | None:
    """Where a METRIC ``[ms, me)`` that ends in a scale word should end, leaving it to the noun after it.

    «khoảng 5 triệu» đảng viên → «khoảng 5» + «triệu đảng viên» (guidelines v1.2); ``None`` when the
    METRIC does not end in a scale word after a number, nothing but a counted post follows, or no
    noun follows at all (money «tỷ» alone is a UNIT of its own).

    Example:
        >>> t = "khoảng 5 triệu đảng viên"
        >>> t[: scale_split(t, 0, 14)]
        'khoảng 5'
        >>> scale_split("hàng nghìn người", 0, 10) is None
        True
    """
    for m in _NUMBER_THEN_SCALE_RE.finditer(v, ms, me):
        if m.end() != me:
            continue
        after = _WORDS_AFTER_RE.match(v, me)
        if after is None or not after.group(1)[0].isalpha():
            return None
        if _post_after_scale(v, m.start("scale"), after.end(1)) is not None:
            return None
        return m.end("number")
    return None


def scale_before(v: str, us: int) -> int | None:
    """Where a UNIT at ``us`` starts once the scale word right before it joins it (``None`` when none does).

    Example:
        >>> t = "khoảng 5 triệu đảng viên"
        >>> t[scale_before(t, 15) :]
        'triệu đảng viên'
    """
    m = _SCALE_BEFORE_RE.search(v[max(0, us - 40) : us])
    return us - len(m.group()) + m.start("scale") - m.start() if m else None


def _is_counted_post(v: str, us: int, ue: int) -> bool:
    """Tell whether the counted noun at ``[us, ue)`` is a post ("223 đại biểu", "5 thành viên Ban Bí thư")."""
    unit = norm(v[us:ue].lower())
    return unit in _COUNTED_POST_UNITS or (unit == "thành viên" and _MEMBER_OF_BODY_RE.match(v, ue) is not None)


#: A list of counts before a number word: "54 người bị khiển trách, 18 người bị cảnh cáo và …".
#: (A count, not a date: "Sáng 25/4, một lãnh đạo …" is no list.)
_COUNT_LIST_BEFORE_RE = rx(r"(?<![\d/.,-])\d+(?:[.,]\d+)?\s+[^\W\d][^.;:!?\n]*?(?:,|\s+và)\s*$")
#: A count written in words before a counted noun or post: "hai Phó Bí thư", "ba người".
_WORD_METRIC_RE = rx(
    rf"(?<![\w/.,-])(?P<metric>(?:{P.APPROX}\s+)?{alt(W.NUMBER_WORDS, 'first')}){WE}"
    rf"(?:\s+(?P<unit>(?:{P.SCALE}\s+)?{P.UNIT}{WE}{_RATE_TAIL}?))?"
)
_COUNTED_POST_RE = rx(
    rf"\s+(?:(?:[Cc]ựu\s+|[Nn]guyên\s+)?(?:[Pp]hó\s+)?{POST_CORE}|(?:vị\s+|tân\s+)?lãnh\s+đạo|(?:tân\s+)?[Pp]hó\s+[{LO}]+|chính\s+thức|dự\s+khuyết){WE}"
)
#: An age after "tuổi": "ở tuổi 59", "độ tuổi 40".
_AGE_RE = rx(rf"(?<=tuổi\s)\d{{2}}(?![\d/-]|[.,]\d){WE}(?!\s+(?:tuổi|năm|%){WE})")
#: Votes split by word segmentation: "46 3/4 65" for 463/465 (numerator and denominator rejoined).
_SPLIT_RATIO_RE = rx(r"(?<![\w/.,-])(\d{1,3}) (\d{1,3})/(\d{1,3}) (\d{1,3})(?![\w/-]|[.,]\d)")
_DAY_MONTH_RE = re.compile(r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])")

#: Words before a number that make it an identifier or ordinal, not a METRIC.
_NOT_METRIC_BEFORE = frozenset(norm(w) for w in W.IDENTIFIER_WORDS)
#: Words before a bare number (no unit) that make it a measurement.
_METRIC_CUE_BEFORE = frozenset(norm(w) for w in W.METRIC_CUES)
#: Nouns after a number word that make a fixed phrase, not a count ("một số", "hai bên").
_WORD_COUNT_BAD_UNITS = frozenset(norm(w) for w in W.WORD_COUNT_BAD_UNITS)
#: Identifier words that are one only as the end of a compound ("quốc lộ 1A" but "hối lộ 27 triệu USD").
_IDENTIFIER_AFTER: dict[str, set[str]] = {}
for _compound in W.IDENTIFIER_COMPOUNDS:
    _first, _last = norm(_compound).lower().split()
    _IDENTIFIER_AFTER.setdefault(_last, set()).add(_first)
#: Words before "hơn" that make it a comparison, not an approximator: "cao hơn 15%" -> METRIC «15».
_COMPARATIVES = frozenset(norm(w) for w in W.COMPARATIVES)
#: Verbs before "tới"/"đến" that make it part of the verb: "tăng lên tới 8,5%" -> METRIC «8,5».
_VERBS_BEFORE_UPTO = frozenset(norm(w) for w in W.VERBS_BEFORE_UP_TO)
#: Words before a lone "một" that make it a count: "trong đó một người bị cách chức", "khai trừ một đảng viên".
_ONE_COUNT_CUES = frozenset(norm(w) for w in W.ONE_COUNT_CUES)
_VERB_QUALIFIER_RE = rx(r"(?:hơn|tới|đến)\s+")
#: What follows a number that is no count: an ordinal "Hội nghị Trung ương 8 lần này", a year "Năm 2017 ngành …".
_NOT_COUNT_AFTER_RE = rx(r"\s+lần\s+(?:này|thứ|trước|sau|tới)\b")
#: Words before a four-digit year that keep it a year: "Năm 2017 ngành tổ chức …".
_YEAR_CUES = frozenset(norm(w) for w in W.YEAR_CUES)
#: The scale of a map or plan: "quy hoạch chi tiết tỷ lệ 1/2000".
_MAP_SCALE_RE = rx(r"(?:tỷ|tỉ)\s+lệ\s+1\s?/\s?\d{3,}$")
#: A counted noun that is the head of a longer noun: "54 dân tộc", "106 người dân tộc thiểu số" («người»).
_DAN_TOC_RE = rx(r"\s+tộc\b")


def _is_identifier(prev: str, prev2: str) -> bool:
    """Tell whether the word(s) before a number make it an identifier ("số 5", "quốc lộ 1"; not "tổng số 68")."""
    if prev not in _NOT_METRIC_BEFORE:
        return False
    if prev == "số":
        return prev2 not in ("tổng", "trong")
    needs = _IDENTIFIER_AFTER.get(prev)
    return needs is None or prev2 in needs


def _is_vote_ratio(number: str) -> bool:
    """A ratio that needs no cue: votes or members "44/48", "50/50" (no day/month, no year, achieved ≤ planned)."""
    parts = number.replace(".", "").split("/")
    if len(parts) != 2 or not all(x.isdigit() for x in parts):
        return False
    top, bottom = int(parts[0]), int(parts[1])
    return 31 < top <= bottom < 1900


def verb_qualifier_end(v: str, ms: int) -> int:
    """Where a METRIC starts once a comparison's "hơn" or a verb's "tới" is left out ("cao hơn 15", "lên tới 8,5")."""
    m = _VERB_QUALIFIER_RE.match(v, ms)
    if m is None:
        return ms
    prev, _ = prev_words(v, ms)
    word = m.group().split()[0].lower()
    if (word == "hơn" and prev in _COMPARATIVES) or (word != "hơn" and prev in _VERBS_BEFORE_UPTO):
        return m.end()
    return ms


def metrics(v: str) -> Iterator[Candidate]:
    """METRIC and UNIT candidates: numbers with their units, counts in words, ages."""
    yield from word_metrics(v)
    yield from range_metrics(v)
    for m in _AGE_RE.finditer(v):
        yield Candidate(m.start(), m.end(), "METRIC", T_METRIC, "metric.age")
        prev, prev2 = prev_words(v, m.start())
        if prev == "tuổi" and prev2 != "độ":
            yield Candidate(m.start() - 5, m.start() - 1, "UNIT", T_METRIC, "unit.age_word")
    for m in _SPLIT_RATIO_RE.finditer(v):
        top, bottom = int(m.group(1) + m.group(2)), int(m.group(3) + m.group(4))
        if 0 < top <= bottom and not _is_identifier(*prev_words(v, m.start())):
            yield Candidate(m.start(), m.end(), "METRIC", T_METRIC, "metric.split_ratio")
    for m in _METRIC_RE.finditer(v):
        ms, me = m.span("metric")
        ms = verb_qualifier_end(v, ms)
        prev, prev2 = prev_words(v, ms)
        has_approx = not v[ms].isdigit()
        if not has_approx and _is_identifier(prev, prev2):
            continue
        unit_span = None
        if m.group("pct"):
            us, ue = m.span("pct")
            unit_span = (us + (1 if v[us] == " " else 0), ue)
        elif m.group("att"):
            unit_span = m.span("att")
        elif m.group("unit"):
            unit_span = m.span("unit")
        digits = v[ms:me].split()[-1]
        if re.fullmatch(r"\d{8,}", digits):
            continue  # phone numbers and identifiers
        if _NOT_COUNT_AFTER_RE.match(v, me) or _MAP_SCALE_RE.search(v, max(0, ms - 12), me):
            continue  # "Đại hội 19 lần này", "tỷ lệ 1/2000"
        if re.fullmatch(P.YEAR, digits) and prev in _YEAR_CUES and not has_approx:
            continue  # "Năm 2017 ngành tổ chức …": a year, not a count
        if unit_span is None and _DAY_MONTH_RE.fullmatch(digits):
            continue  # "tới 11/5": a date, not a ratio
        if unit_span is None:
            # A bare number needs a cue: an approximator or an achievement verb
            # before it, or a counted post after it ("4 Phó Bí thư"), or it is a vote ratio ("50/50").
            if (
                not has_approx
                and prev not in _METRIC_CUE_BEFORE
                and not _COUNTED_POST_RE.match(v, me)
                and not _is_vote_ratio(digits)
            ):
                continue
            if re.fullmatch(P.YEAR, v[ms:me]):
                continue
        rule_id = "metric.number"
        if m.group("bare"):
            yield Candidate(ms, me, "METRIC", T_METRIC, rule_id)
            yield Candidate(*m.span("bare"), "UNIT", T_METRIC, "unit.money_scale")
            continue
        post = _post_after_scale(v, *unit_span) if unit_span is not None else None
        if post is not None:
            me, unit_span = post[0], (post[1], unit_span[1])
        yield Candidate(ms, me, "METRIC", T_METRIC, rule_id)
        if (
            unit_span is not None
            and _DAN_TOC_RE.match(v, unit_span[1])
            and v[unit_span[0] : unit_span[1]].endswith("dân")
        ):
            # "106 người dân tộc thiểu số" counts «người» ("54 dân tộc" has the unit «dân tộc»).
            head = v[unit_span[0] : unit_span[1]].split()
            unit_span = (unit_span[0], unit_span[0] + len(head[0])) if len(head) == 2 else None
            if unit_span is None:
                continue
        if unit_span is not None:
            # A counted post is a POSITION, not a UNIT ("223 đại biểu"; guidelines: counted posts).
            lab = "POSITION" if _is_counted_post(v, *unit_span) else "UNIT"
            rule = "position.counted_post" if lab == "POSITION" else "unit.after_number"
            yield Candidate(unit_span[0], unit_span[1], lab, T_METRIC, rule)


def range_metrics(v: str) -> Iterator[Candidate]:
    """Ranges before a unit: METRIC «8-8,5» + UNIT «%» (not year spans, which are DATEs)."""
    for m in _RANGE_RE.finditer(v):
        ms, me = m.span("metric")
        ms = verb_qualifier_end(v, ms)
        if re.fullmatch(rf"(?:[Tt]ừ\s+)?{P.YEAR}\s?(?:[-–]|\s(?:đến|tới)\s)\s?{P.YEAR}", v[ms:me]):
            continue
        yield Candidate(ms, me, "METRIC", T_METRIC, "metric.range")
        us, ue = m.span("pct") if m.group("pct") else m.span("unit")
        us += 1 if v[us] == " " else 0
        lab = "POSITION" if _is_counted_post(v, us, ue) else "UNIT"
        yield Candidate(us, ue, lab, T_METRIC, "position.counted_post" if lab == "POSITION" else "unit.after_number")


def word_metrics(v: str) -> Iterator[Candidate]:
    """Counts written in words, only before a counted noun or a counted post."""
    for m in _WORD_METRIC_RE.finditer(v):
        ms, me = m.span("metric")
        prev, _ = prev_words(v, ms)
        if prev in _NOT_METRIC_BEFORE:
            continue
        if m.group("metric").lower() == "một" and not _is_one_count(v, m):
            continue  # "một" is mostly the article; it counts only inside a list of counts or after a cue
        if m.group("unit"):
            if norm(m.group("unit").lower()) in _WORD_COUNT_BAD_UNITS:
                continue
            us, ue = m.span("unit")
            post = _post_after_scale(v, us, ue)
            if post is not None:
                me, us = post
            yield Candidate(ms, me, "METRIC", T_METRIC, "metric.number_word")
            if _is_counted_post(v, us, ue):
                yield Candidate(us, ue, "POSITION", T_METRIC, "position.counted_post")
            else:
                yield Candidate(us, ue, "UNIT", T_METRIC, "unit.after_number_word")
        elif _COUNTED_POST_RE.match(v, me):
            yield Candidate(ms, me, "METRIC", T_METRIC, "metric.number_word")


def _is_one_count(v: str, m: re.Match[str]) -> bool:
    """Tell whether a lone "một" counts: in a list of counts, after a cue ("trong đó", "khai trừ",
    "đối với"), or before a counted noun and a passive ("một người bị cách chức")."""
    ms = m.start("metric")
    if _COUNT_LIST_BEFORE_RE.search(v, max(0, ms - 60), ms):
        return True
    prev, prev2 = prev_words(v, ms)
    if prev in _ONE_COUNT_CUES or f"{prev2} {prev}" in _ONE_COUNT_CUES:
        return True
    return bool(m.group("unit")) and re.match(r"\s+bị\b", v[m.end() : m.end() + 4]) is not None
