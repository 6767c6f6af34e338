"""Rule target.measure_before: a measured quantity named right before its figure.

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

__all__ = ["measure_before"]

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
