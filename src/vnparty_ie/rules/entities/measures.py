"""Rules target.measure_before and target.copula_subject: a measured quantity named before its figure.

"đứng thứ nhì về «dân số» với 7,5 triệu người", "«GRDP bình quân / người»
140-145 triệu đồng", "«tổng diện tích» khoảng 650 m2". The measure is a
``figure_measures`` word (optionally after "tổng") and at most five more
lower-case words or "/", ending right before the METRIC or before one linking
word ("với", "là", "đạt", "khoảng", "ở mức"); a verb of the figure
(``figure_measure_stops``: "tăng", "lên" …) ends it early. It is tried last, for
METRICs that no other TARGET rule explains, and not after a count ("ba «độ
tuổi» là dưới 55" lists them), "với" ("với diện tích hơn 33 ha": the area of
what the clause names), "chiếm" or "đạt" ("chiếm tỉ lệ 1,5%": a share of a
group), or an adverb that makes the word a verb ("tiếp tục tăng trưởng 7,4%").

Rule target.copula_subject is tried after it: the subject of "… là <figure>"
from the start of its clause ("«độ tuổi bình quân của cấp uỷ» là 49,8", "của
«bí thư» là 52,4"); see :func:`copula_subject`.

Example:
    >>> from .spans import T_METRIC, Candidate
    >>> v = "Tỉnh đứng thứ ba về dân số với 3,2 triệu người"
    >>> m = Candidate(31, 40, "METRIC", T_METRIC)
    >>> t = measure_before(v, m, [])
    >>> t.rule, v[t.start:t.end]
    ('target.measure_before', 'dân số')
    >>> v = "GDP tăng khoảng 6,6%"
    >>> t = measure_before(v, Candidate(9, 19, "METRIC", T_METRIC), [])
    >>> v[t.start:t.end]
    'GDP'
"""

from __future__ import annotations

import re

from ..words import WORDS as W
from .grammar import LO, WE, alt, rx
from .spans import T_WEAK, Candidate, rstrip_ws

__all__ = ["copula_subject", "measure_before"]

_MEASURE_RE = rx(
    rf"(?:^|(?<=\s))(?P<t>(?P<h>(?:[Tt]ổng\s+)?{alt(W.FIGURE_MEASURES, 'first')}){WE}(?:\s+(?:/|[{LO}]+)){{0,5}}?)"
    r"\s+(?:(?:với|là|đạt|khoảng|ở\s+mức)\s+)?$"
)
#: A count, "với", "chiếm" or "đạt" right before the measure, or an adverb that makes it a verb ("kinh tế
#: quận tiếp tục tăng trưởng 7,4%").
_NOT_AFTER_RE = rx(
    rf"(?:\d|(?<!\w)(?:{alt(W.NUMBER_WORDS)}|với|chiếm|đạt|các|những|tiếp\s+tục|đã|đang|sẽ|đều|vẫn|cũng))\s+$"
)
#: Words that end a measure before its figure ("«GDP» tăng khoảng 6,6%").
_STOPS = frozenset(W.FIGURE_MEASURE_STOPS)
#: "tăng trưởng" (growth) is a noun, not the verb "tăng" ("«tốc độ tăng trưởng» 2,84%").
_GROWTH_RE = rx(r"tăng\s+trưởng(?!\w)")
#: Function words that never sit inside the measure.
_FUNCTION_WORDS = frozenset(W.TARGET_FUNCTION_WORDS)


def measure_before(v: str, metric: Candidate, earlier: list[Candidate]) -> Candidate | None:
    """The measure named right before ``metric`` in the view ``v``, or ``None``.

    Args:
        v: The normalised text.
        metric: The METRIC candidate.
        earlier: The candidates before it (no entity may sit in the measure).
    """
    lo = max([metric.start - 80] + [c.end for c in earlier if c.end <= metric.start])
    m = _MEASURE_RE.search(v, max(0, lo), metric.start)
    if not m or _NOT_AFTER_RE.search(v, max(0, m.start("t") - 12), m.start("t")):
        return None
    ts, te = m.span("t")
    for w in re.finditer(r"\S+", v[m.end("h") : te]):
        if w.group().lower() in _STOPS and not _GROWTH_RE.match(v, m.end("h") + w.start()):
            te = rstrip_ws(v, ts, m.end("h") + w.start())
            break
        if w.group() in _FUNCTION_WORDS:
            return None
    return Candidate(ts, te, "TARGET", T_WEAK, "target.measure_before")


#: "là" (after at most one adverb) right before the figure.
_COPULA_RE = rx(r"(?:^|(?<=\s))(?:(?:sẽ|đều|cũng|chỉ|vẫn|đã)\s+)?là\s+$")
#: What opens a clause: sentence and clause punctuation, a comma not inside a number.
_CLAUSE_OPEN_RE = re.compile(r"[.;:!?\n(\"“”…]|,(?!\d)")
_OPENERS_RE = rx(rf"\s*(?:(?:{alt(W.COPULA_SUBJECT_OPENERS, 'first')}){WE}[\s,]*)+")
_REPORTING_RE = rx(rf"(?<!\w)(?:{alt(W.COPULA_SUBJECT_REPORTING)}){WE}")
_REJECTS = frozenset(W.COPULA_SUBJECT_REJECTS)
#: Words a subject never ends with ("«lỗ luỹ kế» đến hết năm 2013 của PVC là …").
_SUBJECT_TAIL = frozenset(W.COPULA_SUBJECT_TAIL_WORDS)
_SPACES_RE = re.compile(r"\s*")
#: "là 1 trong số …": one of a set, not a quantity.
_ONE_OF_RE = rx(r"\s+(?:\S+\s+)?trong\s+(?:số|những|các)(?!\w)")


def copula_subject(v: str, metric: Candidate, earlier: list[Candidate]) -> Candidate | None:
    """The subject of "<subject> là <figure>" in the view ``v``, or ``None``.

    The subject runs from the start of its clause (after punctuation, an opener
    such as "trong đó", or "<figure> và") to "là", cut before a time, place,
    body or event ("«lỗ luỹ kế» đến hết năm 2013 của PVC là hơn 3.000 tỷ
    đồng"); posts and bodies stay in it. It is at most twelve words, lower-case
    after its first (but for those names), without a
    digit, a person, another figure or a reporting verb, and not a word that
    names no quantity ("mục tiêu là 15-20%").

    Args:
        v: The normalised text.
        metric: The METRIC candidate.
        earlier: The candidates before it.

    Example:
        >>> v = "Trong đó, độ tuổi bình quân của cấp uỷ là 49,8"
        >>> t = copula_subject(v, Candidate(42, 46, "METRIC", T_WEAK), [])
        >>> t.rule, v[t.start:t.end]
        ('target.copula_subject', 'độ tuổi bình quân của cấp uỷ')
        >>> copula_subject("Mục tiêu là 15-20", Candidate(12, 17, "METRIC", T_WEAK), []) is None
        True
    """
    lo = max(0, metric.start - 120)
    cop = _COPULA_RE.search(v, lo, metric.start)
    if cop is None or _ONE_OF_RE.match(v, metric.end):
        return None
    cs = lo
    for m in _CLAUSE_OPEN_RE.finditer(v, lo, cop.start()):
        cs = m.end()
    inside = [c for c in earlier if c.end > cs and c.start < cop.start()]
    figures = [c for c in inside if c.label in ("METRIC", "UNIT")]
    if figures:  # "của uỷ viên ban thường vụ là 51,4 và của «bí thư» là 52,4"
        if (k := re.match(r"\s+và\s+", v[figures[-1].end : cop.start()])) is None:
            return None
        cs = figures[-1].end + k.end()
        inside = [c for c in inside if c.start >= cs]
    if (o := _OPENERS_RE.match(v, cs, cop.start())) is not None:
        cs = o.end()
    if any(c.start < cs or c.label in ("PERSON", "METRIC", "UNIT", "RESOLUTION") for c in inside):
        return None  # a name cut by the clause start ("TP. HCM"), a person, another figure
    ts, te = _SPACES_RE.match(v, cs).end(), cop.start()
    te = min([te] + [c.start for c in inside if c.label in ("DATE", "LOC", "EVENT")])
    inside = [c for c in inside if c.end <= te]  # posts and bodies stay: "«Tổng số uỷ viên Ban Thường vụ …»"
    while (w := re.search(r"(\S+)\s*$", v[ts:te])) is not None and w.group(1).lower() in _SUBJECT_TAIL:
        te = ts + w.start()
    te = rstrip_ws(v, ts, te)
    words = v[ts:te].split()
    plain = "".join(" " if any(c.start <= ts + i < c.end for c in inside) else ch for i, ch in enumerate(v[ts:te]))
    if not 1 <= len(words) <= 12 or any(w[:1].isupper() for w in plain[1:].split()) or any(ch.isdigit() for ch in v[ts:te]):
        return None
    if v[ts:te].lower() in _REJECTS or words[0].lower() in _REJECTS or _REPORTING_RE.search(v, ts, te):
        return None
    return Candidate(ts, te, "TARGET", T_WEAK, "target.copula_subject")
