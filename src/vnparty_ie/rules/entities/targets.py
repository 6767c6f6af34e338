"""TARGET rules: what a number measures, found with a few high-precision patterns.

Each METRIC gets at most one TARGET, from the first pattern that applies: the
activity before the count ("kết nạp 28 đảng viên"), a measured quantity before
an achievement verb ("tổng thu ngân sách … đạt"), the group after a percentage
("98% ĐV tham gia học tập"), a noun measured by a percentage ("100% phiếu
bầu"), the verb phrase after an opener ("đã bầu 15 người"), the action before
"đối với", the predicate of a counted group ("54 người bị khiển trách").

Example:
    >>> from .spans import T_METRIC, Candidate
    >>> v = "Đảng bộ kết nạp 28 đảng viên"
    >>> taken = [Candidate(16, 18, "METRIC", T_METRIC), Candidate(19, 28, "UNIT", T_METRIC)]
    >>> [(c.rule, v[c.start:c.end]) for c in TargetFinder().targets(v, taken)]
    [('target.activity', 'kết nạp')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import Rule
from ..words import WORDS as W
from .grammar import LO, UP, WE, WS, alt, norm, rx
from .spans import T_WEAK, Candidate, rstrip_ws

__all__ = ["RULES", "TargetFinder"]

#: The rules of this module, in the order they are tried for each METRIC.
RULES: list[Rule] = [
    Rule("target.rate", "TARGET", tier=T_WEAK, doc="a named rate before its percentage: với «tỷ lệ cán bộ nữ» cao hơn 15%"),
    Rule("target.activity", "TARGET", tier=T_WEAK, doc="the activity before a count: «kết nạp» 28 đảng viên"),
    Rule("target.before_verb", "TARGET", tier=T_WEAK, doc="a measured quantity before an achievement verb: «tổng thu ngân sách» đạt …"),
    Rule("target.percent_group", "TARGET", tier=T_WEAK, doc="the group after a percentage: 98% «ĐV tham gia học tập»"),
    Rule("target.percent_noun", "TARGET", tier=T_WEAK, doc="a noun measured by a percentage: 100% «phiếu bầu»"),
    Rule("target.after_opener", "TARGET", tier=T_WEAK, doc="the verb phrase after an opener: đã «bầu» 15 người"),
    Rule("target.toward", "TARGET", tier=T_WEAK, doc="the action before «đối với» and a count: «khiển trách» đối với 5 đảng viên"),
    Rule("target.group_predicate", "TARGET", tier=T_WEAK, doc="the predicate of a counted group: 54 người bị «khiển trách»"),
]

_ACTIVITY = alt(W.COUNT_ACTIVITIES, "first")
_ACHIEVE = alt(W.ACHIEVEMENT_VERBS, "exact")
_TARGET_HEAD = alt(W.TARGET_HEADS, "first")
_PCT_GROUP = alt(W.PERCENT_GROUPS, "exact")
_PCT_PRED = alt(W.PERCENT_PREDICATES, "exact")
#: Function words that never sit inside a TARGET of the high-precision rules.
_TARGET_STOP = frozenset(W.TARGET_FUNCTION_WORDS)
_NOT_ACTIVITY = frozenset(norm(w) for w in W.NOT_ACTIVITY_VERBS)
_GENERIC_MEASURES = frozenset(norm(w) for w in W.GENERIC_MEASURES)
#: Words that never sit anywhere in an opener TARGET.
_NOT_ACTIVITY_ANY = frozenset(W.NOT_IN_OPENER_TARGET)
#: Words that end the predicate of a counted group.
_PRED_STOP = frozenset(W.PREDICATE_STOPS)
_BALLOT_BEFORE_RE = rx(r"phiếu\s+$")
#: "tỷ lệ"/"tỉ lệ" opening a named rate ("tỷ lệ cán bộ nữ", "tỷ lệ nữ trong Ban thường vụ").
_RATE_RE = rx(r"(?<!\w)[Tt][ỷỉ]\s+lệ(?!\w)")
#: Words that end the name of a rate (comparison, achievement, time and function words).
_RATE_STOP = frozenset(W.RATE_STOPS)
#: Words dropped from the end of a rate name ("tỷ lệ nữ trong" Ban …).
_RATE_TRAIL = frozenset(W.RATE_TRAILING_WORDS)


def _activity_phrase_ok(v: str, verb_end: int, end: int, activity: re.Pattern[str]) -> bool:
    """Tell whether the words between an activity verb and its count are a short object.

    At most three words, no function words; "và" only to join a second activity
    ("xây mới và sửa chữa").
    """
    rest = v[verb_end:end].split()
    if "," in v[verb_end:end] or len(rest) > 3 or any(w[:1].isupper() for w in rest):
        return False
    for i, w in enumerate(rest):
        if w == "và":
            nxt = v.find("và", verb_end) + 3
            return activity.match(v, nxt, end) is not None
        if w.lower() in _TARGET_STOP or any(ch.isdigit() for ch in w):
            return False
    return True


class TargetFinder:
    """The TARGET patterns, compiled once."""

    def __init__(self) -> None:
        self._activity = rx(rf"{WS}{_ACTIVITY}{WE}")
        self._particle_tail = rx(rf"\s+{alt(W.ACTIVITY_PARTICLES)}$")
        self._achieve_end = rx(rf"{WS}{_ACHIEVE}$")
        self._target_opening = rx(
            rf"(?:(?:cho\s+biết|cho\s+hay|khẳng\s+định|thông\s+tin|nhấn\s+mạnh|nêu\s+rõ|[Tt]rong\s+đó|[Nn]ổi\s+bật\s+là)"
            rf"\s*:?\s*)?(?P<head>{_TARGET_HEAD}{WE})"
        )
        self._achieve_tail = rx(rf"\s+{_ACHIEVE}{WE}(?:\s+(?:được|khoảng|mức|tỷ\s+lệ))?\s+$")
        self._pct_group = rx(rf"\s+(?P<t>{_PCT_GROUP}{WE}\s+(?P<pred>{_PCT_PRED}{WE}[^,.;:()\"\n]*))")
        # "đã bầu 15 người", "với tổng mức đầu tư 280 tỷ đồng": the words between the opener and the count.
        self._opener_tail = rx(
            rf"(?:^|(?<=[\s,]))(?:{alt(W.TARGET_OPENERS)})\s+(?P<t>[{LO}]+(?:\s+[{LO}]+){{0,4}})\s*$"
        )
        # "thi hành kỷ luật bằng hình thức cảnh cáo đối với 7 đảng viên", "Phê bình nghiêm khắc đối với 5 tổ chức":
        # the action before "đối với" and the count.
        self._toward_tail = rx(
            rf"(?:^|(?<=[\s,]))(?:(?:{alt(W.TARGET_OPENERS)}|hình\s+thức|thời)\s+)?"
            rf"(?P<t>[{UP}{LO}][{LO}]*(?:\s+[{LO}]+){{0,4}})\s+đối\s+với\s*$"
        )
        # "54 người bị khiển trách": the predicate after a counted group.
        self._group_pred = rx(
            rf"\s+(?:{alt(W.GROUP_PREDICATE_PARTICLES)})\s+(?P<t>[{LO}]+(?:\s+[{LO}]+){{0,5}}){WE}"
        )
        self._group_verb = rx(
            rf"\s+(?P<t>(?:{alt(W.GROUP_PREDICATE_VERBS)}){WE}(?:\s+[{LO}]+){{0,4}}){WE}"
        )
        self._pct_noun = rx(rf"\s*(?P<t>(?P<h>{alt(W.PERCENT_NOUNS)}){WE}(?:\s+[{LO}]+{WE}){{0,3}})")
        self._coordination = rx(r"%?\s*[^\s,;.]*(?:\s+[^\s,;.]+){0,3}\s*(?:,|\s+và)\s*$")

    def targets(self, v: str, taken: list[Candidate]) -> Iterator[Candidate]:
        """TARGET candidates around the METRICs of ``taken``."""
        ordered = sorted(taken, key=lambda c: c.start)
        seen: set[tuple[int, int]] = set()
        for i, c in enumerate(ordered):
            if c.label != "METRIC":
                continue
            earlier = ordered[:i]
            nxt = ordered[i + 1] if i + 1 < len(ordered) else None
            # "với tỷ lệ cán bộ nữ cao hơn 15%": a named rate (of a percentage) comes first.
            t = None
            if nxt is not None and nxt.label == "UNIT" and v[nxt.start : nxt.end] == "%":
                t = self._target_rate(v, c, earlier)
                opener = self._target_after_opener(v, c, earlier) if t is not None else None
                if opener is not None and (opener.start, opener.end) == (t.start, t.end):
                    t = opener  # "với tỷ lệ phiếu thuận 98%": the same span, found by the opener
            if t is None:
                # "kết nạp được 28 đảng viên", "xây mới và sửa chữa hơn 20 căn nhà" -> the activity.
                t = self._target_activity(v, c, earlier)
            if t is None:
                # "<measure NP> [DATE] đạt|tăng … METRIC": the NP (without the time).
                t = self._target_before_verb(v, c, earlier)
            if t is None:
                # "trên 98% ĐV tham gia học tập" -> «ĐV tham gia học tập».
                nxt = ordered[i + 1] if i + 1 < len(ordered) else None
                if nxt is not None and nxt.label == "UNIT" and v[nxt.start : nxt.end] == "%":
                    m2 = self._pct_group.match(v, nxt.end)
                    if m2:
                        ts, te = m2.span("t")
                        if self._coordinated_before(v, c, earlier):
                            # "trên 99% tổ chức đảng và trên 95% ĐV hoàn thành …": the
                            # predicate is shared, so it alone is the TARGET.
                            ts = m2.start("pred")
                        te = rstrip_ws(v, ts, te)
                        if len(v[ts:te].split()) <= 9:
                            t = Candidate(ts, te, "TARGET", T_WEAK, "target.percent_group")
            if t is None:
                nxt = ordered[i + 1] if i + 1 < len(ordered) else None
                if nxt is not None and nxt.label == "UNIT" and v[nxt.start : nxt.end] == "%":
                    t = self._target_percent_noun(v, nxt.end, ordered[i + 2 :])
            if t is None:
                t = self._target_after_opener(v, c, earlier)
            if t is None:
                t = self._target_toward(v, c, earlier)
            if t is None:
                t = self._target_group_predicate(v, c, ordered[i + 1 :])
            if t is not None and (t.start, t.end) not in seen:
                seen.add((t.start, t.end))
                yield t

    def _target_rate(self, v: str, metric: Candidate, earlier: list[Candidate]) -> Candidate | None:
        """A named rate before its percentage in the same clause: "với tỷ lệ cán bộ nữ cao hơn 15%".

        The name runs from "tỷ lệ" to the first stop word, digit, punctuation or
        entity; at most six words and no other number may stand between it and
        the value ("tỷ lệ phiếu bầu 100%", "tỷ lệ nữ trong Ban thường vụ cao hơn 15%").
        """
        cut = max(v.rfind(ch, 0, metric.start) for ch in '.;:\n!?"')
        lo = max(cut + 1, metric.start - 150)
        rates = list(_RATE_RE.finditer(v, lo, metric.start))
        if not rates:
            return None
        ts = rates[-1].start()
        stop_at = min([c.start for c in earlier if c.start >= rates[-1].end()] + [metric.start])
        words: list[tuple[int, int]] = []
        for w in re.finditer(r"[^\s,;:()\"“”]+|[,;:()\"“”]", v[rates[-1].end() : stop_at]):
            a, b = rates[-1].end() + w.start(), rates[-1].end() + w.end()
            word = w.group()
            if not word[0].isalpha() or any(ch.isdigit() for ch in word) or word.lower() in _RATE_STOP:
                break
            if v[words[-1][1] if words else rates[-1].end() : a] != " ":
                break  # not contiguous (a line break or double space)
            words.append((a, b))
        while words and v[words[-1][0] : words[-1][1]].lower() in _RATE_TRAIL:
            words.pop()
        if not words or len(words) > 8:
            return None
        te = words[-1][1]
        between = v[te : metric.start]
        if "," in between or any(c.label == "METRIC" and te <= c.start for c in earlier):
            return None
        if len(re.findall(r"[^\W\d_]+", re.sub(r"\([^()]*\)", " ", between))) > 6:
            return None
        return Candidate(ts, te, "TARGET", T_WEAK, "target.rate")

    def _target_percent_noun(self, v: str, pos: int, later: list[Candidate]) -> Candidate | None:
        """A noun measured by a percentage right after it: "100% phiếu bầu" -> «phiếu bầu»."""
        m = self._pct_noun.match(v, pos)
        if not m:
            return None
        ts, te = m.span("t")
        nxt = next((c.start for c in later if c.start >= ts), len(v))
        end = m.end("h")
        if end > nxt:
            return None
        base = end
        for w in re.finditer(r"\S+", v[base:te]):
            b = base + w.end()
            if b > nxt or w.group() in _TARGET_STOP or w.group() in _PRED_STOP:
                break
            end = b
        if end <= ts:
            return None
        return Candidate(ts, end, "TARGET", T_WEAK, "target.percent_noun")

    def _target_after_opener(self, v: str, metric: Candidate, earlier: list[Candidate]) -> Candidate | None:
        """The verb phrase between an opener ("đã", "sẽ", "với" …) and the count right after it."""
        start = self._clause_start(v, metric.start, earlier)
        end = rstrip_ws(v, start, metric.start)
        if end < metric.start and v[end:metric.start].strip():
            return None
        m = self._opener_tail.search(v, start, end)
        if not m:
            return None
        ts, te = m.span("t")
        words = v[ts:te].split()
        if norm(v[ts:te]) in _GENERIC_MEASURES or words[0] in _NOT_ACTIVITY or any(w in _TARGET_STOP or w in _NOT_ACTIVITY_ANY for w in words):
            return None
        return Candidate(ts, te, "TARGET", T_WEAK, "target.after_opener")

    def _target_toward(self, v: str, metric: Candidate, earlier: list[Candidate]) -> Candidate | None:
        """The action in "<action> đối với <count>" (the action opens its clause or follows an opener)."""
        start = self._clause_start(v, metric.start, earlier)
        m = self._toward_tail.search(v, start, metric.start)
        if not m:
            return None
        ts, te = m.span("t")
        if ts != start and not v[m.start() : ts].strip():
            return None  # neither the clause start nor an opener before the action
        words = v[ts:te].split()
        if words[0].lower() in _NOT_ACTIVITY or any(w.lower() in _TARGET_STOP or w in _NOT_ACTIVITY_ANY for w in words):
            return None
        return Candidate(ts, te, "TARGET", T_WEAK, "target.toward")

    def _target_group_predicate(self, v: str, metric: Candidate, later: list[Candidate]) -> Candidate | None:
        """The predicate of a counted group: "54 người bị khiển trách" -> «khiển trách»."""
        pos = metric.end
        if later and later[0].label == "UNIT" and v[pos : later[0].start].strip() == "":
            pos = later[0].end
        elif later and later[0].label == "POSITION" and v[pos : later[0].start] == " ":
            pos = later[0].end  # a counted post: "95 đại biểu tán thành"
        m = self._group_pred.match(v, pos)
        if not m and pos > metric.end:
            # No particle: a counted group and its own verb, "82 đại biểu tán thành", "37 bí thư tái cử".
            m = self._group_verb.match(v, pos)
        if not m:
            return None
        ts, te = m.span("t")
        nxt = next((c.start for c in later if c.start >= ts), len(v))
        out: list[tuple[int, int]] = []
        for w in re.finditer(r"\S+", v[ts:te]):
            a, b = ts + w.start(), ts + w.end()
            if b > nxt or w.group() in _TARGET_STOP or w.group() in _PRED_STOP:
                break
            out.append((a, b))
        if not out or v[out[0][0] : out[0][1]] in _NOT_ACTIVITY:
            return None
        return Candidate(out[0][0], out[-1][1], "TARGET", T_WEAK, "target.group_predicate")

    def _coordinated_before(self, v: str, metric: Candidate, earlier: list[Candidate]) -> bool:
        """Tell whether ``metric`` is the second of "X% A, Y% B …" / "X% A và Y% B …"."""
        prev = [c for c in earlier if c.label == "METRIC" and c.end <= metric.start]
        if not prev or metric.start - prev[-1].end > 40:
            return False
        return self._coordination.fullmatch(v, prev[-1].end, metric.start) is not None

    def _clause_start(self, v: str, before: int, earlier: list[Candidate]) -> int:
        """Start of the clause that ends at ``before``: after punctuation or the last entity."""
        cut = max(v.rfind(ch, 0, before) for ch in '.;:\n()!?"')
        start = max(cut + 1, before - 150)
        for c in reversed(earlier):
            if c.end <= start:
                break
            if c.end <= before:
                start = max(start, c.end)
                break
        while start < before and v[start] in " ,":
            start += 1
        return start

    def _target_activity(self, v: str, metric: Candidate, earlier: list[Candidate]) -> Candidate | None:
        """The activity right before a count: an activity verb and at most three object words."""
        start = self._clause_start(v, metric.start, earlier)
        seg = v[start : metric.start]
        if seg.rstrip(" ").endswith(","):
            return None  # "… kỷ luật Đảng, 129 trường hợp": the count starts a new item
        seg_end = start + len(seg.rstrip(" "))
        # Drop particles between the activity and the number ("được", "mới" …).
        while True:
            m = self._particle_tail.search(v, start, seg_end)
            if not m or m.start() <= start:
                break
            seg_end = rstrip_ws(v, start, m.start())
        if self._achieve_end.search(v, start, seg_end):
            return None  # "… là 687/480": a measured NP, not an activity
        for m in self._activity.finditer(v, start, seg_end):
            if _BALLOT_BEFORE_RE.search(v, max(0, m.start() - 8), m.start()):
                continue  # "tỷ lệ phiếu bầu 100%": the verb is part of a measured noun
            if _activity_phrase_ok(v, m.end(), seg_end, self._activity):
                return Candidate(m.start(), seg_end, "TARGET", T_WEAK, "target.activity")
        return None

    def _target_before_verb(self, v: str, metric: Candidate, earlier: list[Candidate]) -> Candidate | None:
        """A measured quantity opening the clause before an achievement verb."""
        left_start = max(0, metric.start - 150)
        m = self._achieve_tail.search(v, left_start, metric.start)
        if not m:
            return None
        verb_start = m.start()
        np_end = verb_start
        # Drop a DATE right before the verb ("… trên địa bàn quận năm 2023 đạt").
        for c in reversed(earlier):
            if c.end <= verb_start - 40:
                break
            if c.label == "DATE" and c.end <= verb_start and v[c.end : verb_start].strip() == "":
                np_end = rstrip_ws(v, 0, c.start)
                break
        start = self._clause_start(v, np_end, [c for c in earlier if c.end <= np_end])
        # The head must open the clause, after at most a reporting verb or "trong đó".
        h = self._target_opening.match(v, start, np_end)
        if not h:
            return None
        np_start = h.start("head")
        words = v[np_start:np_end].split()
        # Function words are checked after the head only ("Tổng số …" keeps its "số");
        # a possessive "của" may join the measured group ("độ tuổi bình quân của cấp ủy").
        tail = v[h.end("head") : np_end].split()
        if (
            not words
            or len(words) > 10
            or any(w.lower().strip(",") in _TARGET_STOP - {"của"} for w in tail)
            or any(any(ch.isdigit() for ch in w) for w in words)
            or "," in v[np_start:np_end]
            or any(np_start < c.end and c.start < np_end for c in earlier)
        ):
            return None
        return Candidate(np_start, np_end, "TARGET", T_WEAK, "target.before_verb")
