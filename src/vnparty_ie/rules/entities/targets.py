"""TARGET rules: what a number measures, found with a few high-precision patterns.

Each METRIC gets at most one TARGET, from the first of :data:`RULES` that
applies, in that order (the last two, a measure named right before the figure
and the subject of "là", live in :mod:`.measures`), less an opening generic
head ("số", v1.2). Counts joined by "cho"/"với" get no TARGET of their own.

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
from .measures import copula_subject, measure_before
from .spans import T_WEAK, Candidate, rstrip_ws

__all__ = ["RULES", "TargetFinder"]

#: The rules of this module, in the order they are tried for each METRIC.
RULES: list[Rule] = [
    Rule("target.rate", "TARGET", tier=T_WEAK, doc="a named rate before its percentage: với «tỷ lệ cán bộ nữ» cao hơn 15%"),
    Rule("target.light_verb", "TARGET", tier=T_WEAK,
         doc="the purpose of a count after a light verb: tổ chức được 120 lớp «đào tạo, bồi dưỡng» cho …"),
    Rule("target.activity", "TARGET", tier=T_WEAK, doc="the activity before a count: «kết nạp» 28 đảng viên"),
    Rule("target.before_verb", "TARGET", tier=T_WEAK, doc="a measured quantity before an achievement verb: «tổng thu ngân sách» đạt …"),
    Rule("target.percent_group", "TARGET", tier=T_WEAK, doc="the group after a percentage: 98% «ĐV tham gia học tập»"),
    Rule("target.percent_noun", "TARGET", tier=T_WEAK, doc="a noun measured by a percentage: 100% «phiếu bầu»"),
    Rule("target.after_opener", "TARGET", tier=T_WEAK, doc="the verb phrase after an opener: đã «bầu» 15 người"),
    Rule("target.toward", "TARGET", tier=T_WEAK, doc="the action before «đối với» and a count: «khiển trách» đối với 5 đảng viên"),
    Rule("target.noun_of", "TARGET", tier=T_WEAK,
         doc="an action named as a noun before «của» and a count: với sự «tham gia» của 2.287 đại biểu; «Tham dự hội nghị» có 223 đại biểu"),
    Rule("target.group_predicate", "TARGET", tier=T_WEAK, doc="the predicate of a counted group: 54 người bị «khiển trách»"),
    Rule("target.group_modified", "TARGET", tier=T_WEAK,
         doc="the predicate of a counted group after its modifiers: 94 đảng viên ở Đà Nẵng bị «kỷ luật»"),
    Rule("target.group_verb", "TARGET", tier=T_WEAK,
         doc="the group's own verb after its modifiers: Hơn 430 nhân viên y tế Bệnh viện … «hiến máu tình nguyện»"),
    Rule("target.measure_before", "TARGET", tier=T_WEAK,
         doc="a measured quantity right before its figure: đứng thứ nhì về «dân số» với 7,5 triệu người"),
    Rule("target.copula_subject", "TARGET", tier=T_WEAK, doc="the subject of «là» and a figure: «độ tuổi bình quân» là 51,49"),
]

_ACTIVITY = alt(W.COUNT_ACTIVITIES, "first")
#: Activities of 2+ syllables, light verbs left out (one syllable is too often a modifier: "phiếu bầu").
_COMPOUND_ACTIVITY = alt([a for a in W.COUNT_ACTIVITIES if " " in a and a not in W.LIGHT_VERBS])
_ACTIVITY_AT_RE = rx(rf"{_ACTIVITY}{WE}")  # a listed activity (target.group_predicate, target.group_modified)
#: ", <activity>" closing a predicate (before punctuation, a stop word or the end of the line).
_ACTIVITY_AFTER_RE = rx(rf",\s*({_ACTIVITY}){WE}(?=\s*(?:[,.;:()]|$|\s(?:{alt(W.PREDICATE_STOPS)}|là){WE}))")
_ACHIEVE = alt(W.ACHIEVEMENT_VERBS, "exact")
_TARGET_HEAD = alt(W.TARGET_HEADS, "first")
_PCT_GROUP = alt(W.PERCENT_GROUPS, "exact")
_PCT_PRED = alt(W.PERCENT_PREDICATES, "exact")
#: Function words that never sit inside a TARGET of the high-precision rules.
_TARGET_STOP = frozenset(W.TARGET_FUNCTION_WORDS)
_NOT_ACTIVITY = frozenset(norm(w) for w in W.NOT_ACTIVITY_VERBS)
_GENERIC_MEASURES = frozenset(norm(w) for w in W.GENERIC_MEASURES)
_GENERIC_HEAD = rf"(?:{alt(W.GENERIC_TARGET_HEADS)})\s+(?!dư{WE})"  # dropped from a TARGET (v1.2); not "số dư"
GENERIC_HEAD_RE = rx(rf"{_GENERIC_HEAD}(?=[{LO}]+{WE})")
_NOT_ACTIVITY_ANY = frozenset(W.NOT_IN_OPENER_TARGET)  # never anywhere in an opener TARGET
#: Words that end the predicate of a counted group.
_PRED_STOP = frozenset(W.PREDICATE_STOPS)
#: Words that open a subordinate clause and end a percent group's predicate ("… để trở thành …").
_CLAUSE_STOP = frozenset(W.CLAUSE_STOPS)
_BALLOT_BEFORE_RE = rx(r"phiếu\s+$")
#: A particle or a number right before an activity: the activity is the predicate of an earlier item.
_PREDICATE_BEFORE_RE = rx(r"(?:(?<!\w)(?:bị|được)|\d)\s*$")
#: "cho"/"với" joining a secondary count to the first one ("… cho trên 900 đảng ủy viên"); not "đối với".
_SECONDARY_RE = rx(r"(?<!\w)(?:cho|(?<!đối\s)với)(?!\w)")
#: Compounds whose syllables include a function word ("thực hiện", "chỉ đạo").
_COMPOUND_RE = rx(rf"{WS}{alt(W.TARGET_COMPOUNDS, 'first')}{WE}")
#: Function words allowed after the head of a measured quantity (rule target.before_verb).
_MEASURE_TAIL_WORDS = frozenset(W.MEASURE_TAIL_WORDS)
#: One more word of a predicate, after a space or a comma.
_PRED_TOKEN_RE = rx(r"(\s+|\s*,\s+)([^\s,;:.()!?\"…]+)")
#: Function words that may sit inside an extended predicate, never at its end.
_PREDICATE_INNER = frozenset(W.PREDICATE_INNER_WORDS)
#: Verbs of a framing action on someone else ("hỗ trợ người dân xây mới …"), left out of the TARGET.
_FRAMING = frozenset(norm(w).lower() for w in W.FRAMING_VERBS)
#: Giving verbs, whose object may be a capitalised award ("trao Huy hiệu Đảng cho 125 đảng viên").
_GIVING = frozenset(norm(w).lower() for w in W.GIVING_VERBS)
#: Light verbs that say nothing of what is counted ("tổ chức", "cử"), as normalised text.
_LIGHT_VERBS = frozenset(norm(w).lower() for w in W.COUNT_LIGHT_VERBS)
#: Words that end the purpose of a light verb's count.
_LIGHT_STOP = frozenset(W.LIGHT_VERB_STOPS)
#: "phải" right before the activity of a count ("phải thi hành kỷ luật 315 tổ chức").
_MODAL_BEFORE_RE = rx(r"(?<!\w)phải\s+$")
#: Entities that may sit among the modifiers of a counted group ("đảng viên ở «Đà Nẵng» bị …").
_MODIFIER_ENTITIES = frozenset({"LOC", "ORG", "POSITION", "DATE", "EVENT"})
#: Entities that may name the agent after "được"/"bị" ("được «Ban Chấp hành» «khoá XI» đề cử").
_AGENT_ENTITIES = frozenset({"ORG", "DATE"})
#: A bare body as the agent ("đã được đại hội bỏ phiếu bầu").
_BARE_AGENT_RE = rx(r"\s+(?:đại\s+hội|hội\s+nghị|kỳ\s+họp)(?=\s)")
#: Words that never modify a counted group before its predicate (verbs, conjunctions, copulas).
_NOT_MODIFIER = frozenset(W.NOT_GROUP_MODIFIERS)
#: "tỷ lệ"/"tỉ lệ" opening a named rate ("tỷ lệ cán bộ nữ", "tỷ lệ nữ trong Ban thường vụ").
_RATE_RE = rx(r"(?<!\w)[Tt][ỷỉ]\s+lệ(?!\w)")
#: Words that end the name of a rate (comparison, achievement, time and function words).
_RATE_STOP = frozenset(W.RATE_STOPS)
#: Words dropped from the end of a rate name ("tỷ lệ nữ trong" Ban …).
_RATE_TRAIL = frozenset(W.RATE_TRAILING_WORDS)


def _join_compounds(s: str) -> str:
    """Join the syllables of the listed compounds ("thực hiện" -> "thực_hiện") before a function-word check.

    Example:
        >>> _join_compounds("triển khai thực hiện")
        'triển khai thực_hiện'
    """
    return _COMPOUND_RE.sub(lambda m: "_".join(m.group().split()), s)


def _in_compound(v: str, a: int, b: int) -> bool:
    """Tell whether the word ``v[a:b]`` is a syllable of a listed compound ("quyết" in "nghị quyết")."""
    return any(m.start() <= a and b <= m.end() for m in _COMPOUND_RE.finditer(v, max(0, a - 20), min(len(v), b + 20)))


def _activity_phrase_ok(v: str, verb_start: int, verb_end: int, end: int, activity: re.Pattern[str]) -> bool:
    """Tell whether the words between an activity verb and its count are a short object.

    At most four words, no function words; "và" only to join a second activity ("xây mới và sửa
    chữa"). Capitalised words (an award: "trao Huy hiệu Đảng cho …") are allowed after a giving verb.
    """
    rest = _join_compounds(v[verb_end:end]).split()
    if rest and rest[-1] == "giá" and rest[-2:-1] != ["trị"]:
        return False  # "được bán giá 1,29 triệu đồng": the price is measured, not the sale
    giving = norm(v[verb_start:verb_end]).lower() in _GIVING
    if "," in v[verb_end:end] or len(rest) > 4 or any(w[:1].isupper() and w != "Đảng" and not giving for w in rest):
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
        self._measure_noun = rx(rf"(?:{_TARGET_HEAD}|{alt(W.PERCENT_NOUNS)}){WE}")
        self._agent_noun = rx(rf"{alt(W.AGENT_NOUNS, 'first')}{WE}")
        self._activity_end = rx(rf"{WS}{_ACTIVITY}$")
        self._activity_before = rx(rf"{WS}{_ACTIVITY},\s*$")
        self._particle_tail = rx(rf"\s+{alt(W.ACTIVITY_PARTICLES)}$")
        self._achieve_end = rx(rf"{WS}{_ACHIEVE}$")
        # A fronted phrase before a comma ("Ở cấp cơ sở, số biên chế …"), a reporting verb, "trong đó", "… thì".
        opening = (
            r"(?:[^,;:\n]{1,50},\s*)?"
            r"(?:(?:cho\s+biết|cho\s+hay|khẳng\s+định|thông\s+tin|nhấn\s+mạnh|nêu\s+rõ|[Tt]rong\s+đó|[Nn]ổi\s+bật\s+là"
            r"|[Vv]ới|có|(?:(?:[Nn]ếu|[Tt]rong\s+trường\s+hợp)\s+[^,;]{0,40}?\s+)?thì)\s*:?\s*)?"
        )
        self._target_opening = rx(rf"{opening}(?P<head>{_TARGET_HEAD}{WE})")
        # "Công tác phát triển đảng viên mới đạt …", "số biên chế của quận huyện là …": the generic head is dropped.
        self._generic_opening = rx(rf"{opening}{_GENERIC_HEAD}(?P<head>[{LO}]+{WE})")
        self._achieve_tail = rx(
            rf"\s+(?:(?:sẽ|đều|cũng|vẫn|tiếp\s+tục)\s+)?{_ACHIEVE}{WE}(?:\s+(?:được|khoảng|mức|tỷ\s+lệ|từ))?\s+$"
        )
        self._pct_group = rx(rf"\s+(?P<t>{_PCT_GROUP}{WE}\s+(?P<pred>{_PCT_PRED}{WE}[^,.;:()\"\n]*))")
        # "đã bầu 15 người", "với tổng mức đầu tư 280 tỷ đồng": the words between the opener and the count.
        self._opener_tail = rx(
            rf"(?:^|(?<=[\s,]))(?:{alt(W.TARGET_OPENERS)}|{alt(W.TARGET_MEASURE_OPENERS)})\s+"
            rf"(?P<t>[{LO}]+(?:,?\s+[{LO}]+){{0,4}})\s*$"
        )
        # "thi hành kỷ luật bằng hình thức cảnh cáo đối với 7 đảng viên", "Phê bình nghiêm khắc đối với 5 tổ chức":
        # the action before "đối với" and the count.
        toward = rf"(?P<t>[{UP}{LO}][{LO}]*(?:\s+[{LO}]+){{0,4}})\s+đối\s+với\s*$"
        self._toward_tail = rx(toward)
        # "với sự tham gia của 2.287 đại biểu", "Tham dự hội nghị có 223 đại biểu".
        self._noun_of = rx(
            rf"(?<!\w)sự\s+(?P<t>(?:{alt(W.NOUN_OF_ACTIONS)}|{_ACTIVITY}){WE}(?:\s+[{LO}]+){{0,2}})\s+của\s*$"
        )
        self._attendance = rx(rf"(?P<t>(?:[Tt]ham\s+dự|[Dd]ự)(?:\s+[{LO}]+){{1,3}})\s+có\s*$")
        self._toward_open = rx(rf"(?:(?:^|(?<=[\s,]))(?:{alt(W.TARGET_OPENERS)}|hình\s+thức|thời|và|phải)\s+|,\s*){toward}")
        # "54 người bị khiển trách": the predicate after a counted group.
        self._group_pred = rx(
            rf"\s+(?:{alt(W.GROUP_PREDICATE_PARTICLES)})\s+(?P<t>[{LO}]+(?:\s+[{LO}]+){{0,9}}){WE}"
        )
        self._group_verb = rx(
            rf"(?:\s+(?:có\s+mặt|là|có))?\s+"
            rf"(?P<t>(?P<v>{alt(W.GROUP_PREDICATE_VERBS)}|(?:không|chưa)\s+{_ACTIVITY}|{_COMPOUND_ACTIVITY}){WE}"
            rf"(?:\s+[{LO}]+){{0,4}}){WE}"
        )
        # "94 đảng viên ở Đà Nẵng bị kỷ luật": modifiers of the group, then the particle and the predicate.
        particles = alt(W.GROUP_PREDICATE_PARTICLES)
        self._group_far = rx(
            rf"(?:\s+(?!{particles}{WE})[^\s;:.()!?]+|\s*\([^()]{{0,60}}\)){{1,8}}?\s+(?P<p>{particles}){WE}"
        )
        verbs = rf"(?:{alt(W.GROUP_PREDICATE_VERBS)}|{_COMPOUND_ACTIVITY}){WE}"
        self._group_far_verb = rx(rf"(?:\s+(?!{verbs})[^\s;:.()!?,\"]+|\s*\([^()]{{0,60}}\)){{1,8}}?(?=(?:\s+(?:có|là|không|chưa))?\s+{verbs})")
        # "41/42 đại biểu tham dự kỳ họp … đã «bỏ phiếu đồng ý»": the vote, not the attendance, is counted.
        self._attend_vote = rx(rf"\s+(?:có\s+mặt|tham\s+dự|dự)(?:\s+[^\s,;:.()!?]+){{0,8}}?\s+(?:(?:đã|đều)\s+)?"
                               rf"(?P<t>{alt(W.VOTE_VERBS)}){WE}")
        self._pred_words = rx(rf"\s+(?P<t>[{LO}]+(?:\s+[{LO}]+){{0,9}}){WE}")
        self._pct_noun = rx(rf"\s*(?P<t>(?P<h>{alt(W.PERCENT_NOUNS)}){WE}(?:\s+[{LO}]+{WE}){{0,3}})")
        self._coordination = rx(r"%?\s*[^\s,;.]*(?:\s+[^\s,;.]+){0,3}\s*(?:,|\s+và)\s*$")
        self._particles_only = rx(rf"\s*(?:{alt(W.ACTIVITY_PARTICLES)}{WE}\s*)*")
        # "Tổ chức được 9 hội nghị bồi dưỡng …", "cử 10 cán bộ (CB) đi học …": a light verb right before the count.
        self._light_before = rx(
            rf"{WS}{alt(W.COUNT_LIGHT_VERBS, 'first')}(?:\s+{alt(W.ACTIVITY_PARTICLES)}{WE})*\s*$"
        )
        self._light_purpose = rx(
            rf"(?:\s*\([^()]{{0,30}}\))?\s+(?P<t>(?:{alt(W.LIGHT_VERB_PURPOSES)}|{_COMPOUND_ACTIVITY}){WE}[^;:.()\"“”!?…\n]*)"
        )

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
                # "tổ chức được 120 lớp đào tạo, bồi dưỡng" -> what the counted classes are for.
                t = self._target_light_verb(v, c, earlier, ordered[i + 1 :])
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
                        # "hơn 15% ứng viên đã không hội đủ số phiếu bầu để trở thành …": up to a stop word.
                        pred = re.finditer(r"\S+", v[m2.start("pred") : te])
                        stop = next((w for w in pred if w.group() in _CLAUSE_STOP), None)
                        if stop is not None:
                            te = m2.start("pred") + stop.start()
                        te = rstrip_ws(v, ts, te)
                        if stop is None and v.startswith(",", te):
                            # "… được đánh giá, xếp loại chất lượng": a list of activities goes on.
                            limit = next((o.start for o in ordered[i + 2 :] if o.start >= te), len(v))
                            te = self._extend_predicate(v, te, limit, len(v[ts:te].split()))
                        if len(v[ts:te].split()) <= 16:
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
                t = self._target_noun_of(v, c, earlier)
            if t is None:
                t = self._target_group_predicate(v, c, ordered[i + 1 :])
            if t is None:
                t = self._target_group_modified(v, c, ordered[i + 1 :])
            if t is None:
                t = self._target_group_verb(v, c, ordered[i + 1 :])
            if t is None:
                t = measure_before(v, c, earlier) or copula_subject(v, c, earlier)
            if t is not None and (head := GENERIC_HEAD_RE.match(v, t.start, t.end)) is not None:
                t = Candidate(head.end(), t.end, t.label, t.tier, t.rule)  # "100% số «phiếu»" (v1.2)
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
            stop = not word[0].isalpha() or any(ch.isdigit() for ch in word) or word.lower() in _RATE_STOP
            if stop and not (word.lower() == "nhiệm" and v[b : b + 3] == " vụ"):
                break  # "nhiệm kỳ" ends the name, "nhiệm vụ" does not
            if v[words[-1][1] if words else rates[-1].end() : a] != " ":
                break  # not contiguous (a line break or double space)
            words.append((a, b))
        while words and v[words[-1][0] : words[-1][1]].lower() in _RATE_TRAIL:
            words.pop()
        if not words or len(words) > 12:
            return None
        te = words[-1][1]
        between = v[te : metric.start]
        # A number in a parenthesis does not break the rate ("tỷ lệ cán bộ trẻ (dưới 40 tuổi) … cao hơn 10%").
        inner = [(te + p.start(), te + p.end()) for p in re.finditer(r"\([^()]*\)", between)]
        outside = [c for c in earlier if c.label == "METRIC" and te <= c.start and not any(a <= c.start < b for a, b in inner)]
        if "," in re.sub(r"\([^()]*\)", " ", between) or outside:
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
        words = [w.rstrip(",") for w in _join_compounds(v[ts:te]).split()]
        if "," in v[ts:te] and not all(self._activity.fullmatch(p.strip()) for p in v[ts:te].split(",")[:-1]):
            return None  # "đã cảm hoá, giúp đỡ 181/213 …": only a list of activities may hold a comma
        # "với số phiếu 100%", "với dân số hơn 171.000 người": "số" inside a measure noun.
        stop = _TARGET_STOP - {"số"} if len(words) > 1 else _TARGET_STOP
        if norm(v[ts:te]) in _GENERIC_MEASURES or words[0] in _NOT_ACTIVITY or any(w in stop or w in _NOT_ACTIVITY_ANY for w in words):
            return None
        if m.group().split()[0] in W.TARGET_MEASURE_OPENERS and not self._measure_noun.match(v, ts, te):
            return None  # "có" opens a measured noun only ("có tổng mức đầu tư 280 tỉ đồng")
        return Candidate(ts, te, "TARGET", T_WEAK, "target.after_opener")

    def _target_toward(self, v: str, metric: Candidate, earlier: list[Candidate]) -> Candidate | None:
        """The action in "<action> đối với <count>" (the action opens its clause or follows an opener)."""
        start = self._clause_start(v, metric.start, earlier)
        # The action follows an opener ("hình thức cảnh cáo đối với", "và bầu hoặc phê chuẩn đối với")
        # or opens the clause; the leftmost opener wins.
        m = self._toward_open.search(v, start, metric.start) or self._toward_tail.match(v, start, metric.start)
        if not m:
            return None
        ts, te = m.span("t")
        words = v[ts:te].split()
        if (p := _MODAL_BEFORE_RE.search(v, max(start, ts - 6), ts)) is not None:
            ts = p.start()  # "… phải thi hành kỷ luật đối với 2.116 tổ chức đảng": the modal stays
        if words[0].lower() in _NOT_ACTIVITY or any(w.lower() in _TARGET_STOP or w in _NOT_ACTIVITY_ANY for w in words):
            return None
        return Candidate(ts, te, "TARGET", T_WEAK, "target.toward")

    def _target_noun_of(self, v: str, metric: Candidate, earlier: list[Candidate]) -> Candidate | None:
        """An action before the count of those who do it: "với sự «ủng hộ» của 476/477 đại biểu".

        Also a clause that opens with attending: "«Tham dự hội nghị» có 223 đại biểu".
        """
        start = self._clause_start(v, metric.start, earlier)
        m = self._noun_of.search(v, start, metric.start) or self._attendance.match(v, start, metric.start)
        if not m:
            return None
        ts, te = m.span("t")
        if any(w in _TARGET_STOP for w in v[ts:te].split()[1:]):
            return None
        return Candidate(ts, te, "TARGET", T_WEAK, "target.noun_of")

    def _target_group_predicate(self, v: str, metric: Candidate, later: list[Candidate]) -> Candidate | None:
        """The predicate of a counted group: "54 người bị khiển trách" -> «khiển trách»."""
        pos = metric.end
        if later and later[0].label == "UNIT" and v[pos : later[0].start].strip() == "":
            pos = later[0].end
        elif later and later[0].label == "POSITION" and v[pos : later[0].start] == " ":
            pos = later[0].end  # a counted post: "95 đại biểu tán thành"
        if pos > metric.end and (vote := self._attend_vote.match(v, pos)) is not None:
            return Candidate(*vote.span("t"), "TARGET", T_WEAK, "target.group_predicate")
        m = self._group_pred.match(v, pos)
        verb_end = None
        if not m and pos > metric.end:
            # No particle: a counted group and its own verb, "82 đại biểu tán thành", "37 bí thư tái cử".
            m = self._group_verb.match(v, pos)
            verb_end = m.end("v") if m else None
        if not m:
            return None
        if verb_end is None and self._agent_noun.match(v, m.start("t")):
            return None  # "416 đơn vị máu được cán bộ, nhân viên … hiến tặng": the agent, not the predicate
        out = self._predicate(v, *m.span("t"), later, keep_to=verb_end)
        if out is None:
            return None
        return Candidate(out[0], out[1], "TARGET", T_WEAK, "target.group_predicate")

    def _target_group_modified(self, v: str, metric: Candidate, later: list[Candidate]) -> Candidate | None:
        """The predicate of a counted group after its modifiers: "94 đảng viên ở Đà Nẵng bị «kỷ luật»".

        The group (a UNIT, a counted post or plain words) may be followed by at
        most eight words, a short parenthesis, or places, bodies and posts before
        the particle ("bị", "được", "đã" …); no punctuation, number or person
        stands between. A body right after the particle is the agent, left out
        ("2 nhân sự vừa được HĐND thành phố «bầu bổ sung»").
        """
        pos = metric.end
        if (p := re.match(r" \([^()]{1,40}\)(?= )", v[pos : pos + 45])) is not None:
            pos += p.end()  # "44/48 (tỷ lệ 96,7%) đại biểu … đã bầu"
            later = [c for c in later if c.start >= pos]
        if later and later[0].label in ("UNIT", "POSITION") and not v[pos : later[0].start].strip():
            pos = later[0].end
        elif not re.match(rf" [{LO}]", v[pos : pos + 2]):
            return None  # no counted group after the number
        m = self._group_far.match(v, pos)
        if not m:
            return None
        after = m.end()
        # The agent after the particle is left out: bodies (with their term), or a bare "đại hội"/"hội nghị".
        for c in (c for c in later if c.start >= after):
            if c.label not in _AGENT_ENTITIES or v[after : c.start].strip(" ,"):
                break
            after = c.end
        if (g := _BARE_AGENT_RE.match(v, after)) is not None:
            after = g.end()
        p = self._pred_words.match(v, after)
        if not p or not self._modifiers_ok(v, pos, m.start("p"), later):
            return None
        out = self._predicate(v, *p.span("t"), later)
        if out is None:
            return None
        return Candidate(out[0], out[1], "TARGET", T_WEAK, "target.group_modified")

    def _target_group_verb(self, v: str, metric: Candidate, later: list[Candidate]) -> Candidate | None:
        """The group's own verb after its modifiers: "Hơn 430 nhân viên y tế <ORG> «hiến máu tình nguyện»".

        Like rule target.group_modified without a particle: a counted unit or
        post, then at most eight modifier words or entities, then a listed group
        verb or an activity of two syllables or more.
        """
        if not later or later[0].label not in ("UNIT", "POSITION") or v[metric.end : later[0].start].strip():
            return None
        pos = later[0].end
        m = self._group_far_verb.match(v, pos)
        if not m or not self._modifiers_ok(v, pos, m.end(), later):
            return None
        g = self._group_verb.match(v, m.end())
        if not g:
            return None
        out = self._predicate(v, *g.span("t"), later, keep_to=g.end("v"))
        if out is None:
            return None
        return Candidate(out[0], out[1], "TARGET", T_WEAK, "target.group_verb")

    @staticmethod
    def _modifiers_ok(v: str, pos: int, end: int, later: list[Candidate]) -> bool:
        """Tell whether ``v[pos:end]`` may modify a counted group (plain words, places, bodies, posts)."""
        inner = [c for c in later if pos <= c.start < end]
        if any(c.label not in _MODIFIER_ENTITIES or c.end > end for c in inner):
            return False
        words = v[pos:end]
        for c in reversed(inner):
            words = words[: c.start - pos] + "\x00" + words[c.end - pos :]
        # "21 thành viên Bộ Chính trị, Ban Bí thư được …": a comma only between two entities.
        words = re.sub(r"\x00\s*,\s*(?=\x00)", " ", words).replace("\x00", " ")
        words = re.sub(r"\([^()]*\)|(?<!\S)còn lại(?!\S)", " ", words)  # "86 cơ quan (các bộ, …) đã …", "57 người còn lại sẽ được …"
        return "," not in words and not any(w[:1].isupper() or w in _NOT_MODIFIER for w in words.split())

    @staticmethod
    def _predicate(v: str, ts: int, te: int, later: list[Candidate], keep_to: int | None = None) -> tuple[int, int] | None:
        """The words of a predicate up to a function word, a stop word or the next entity.

        Words before ``keep_to`` (a listed verb: "có vi phạm") are kept as they are.
        """
        nxt = next((c.start for c in later if c.start >= ts), len(v))
        if keep_to is None and (a := _ACTIVITY_AT_RE.match(v, ts)) is not None:
            keep_to = a.end()  # "được chỉ định": a listed activity may start with a function word
        out: list[tuple[int, int]] = []
        for w in re.finditer(r"\S+", v[ts:te]):
            a, b = ts + w.start(), ts + w.end()
            if b > nxt:
                break
            stop = w.group() in _TARGET_STOP or w.group() in _PRED_STOP
            if (keep_to is None or b > keep_to) and stop and not _in_compound(v, a, b):
                break
            out.append((a, b))
        if len(out) > 1 and re.match(r"\s*\d", v[out[-1][1] : out[-1][1] + 3]):
            out.pop()  # "85 người đưa vào bầu lấy 74": the verb of the next number
        if out and (m := _ACTIVITY_AFTER_RE.match(v, out[-1][1])) is not None and m.end() <= nxt:
            out.append(m.span(1))  # "bị khiển trách, cảnh cáo vì …": a list of activities
        if not out or (keep_to is None and v[out[0][0] : out[0][1]] in _NOT_ACTIVITY):
            return None
        return out[0][0], TargetFinder._extend_predicate(v, out[-1][1], nxt, len(out))

    @staticmethod
    def _extend_predicate(v: str, end: int, limit: int, n: int) -> int:
        """Extend a predicate over its object: "tham gia học tập «nghị quyết của Đảng»".

        Lowercase words (and "Đảng") follow; "và", "của", "các" … only inside;
        a comma only before a listed activity ("đào tạo, bồi dưỡng …"). It stops
        at other punctuation, a number, a stop word, the next entity (``limit``)
        or after twelve words in all (``n`` so far).
        """
        best = pos = end
        while (m := _PRED_TOKEN_RE.match(v, pos, limit)) is not None:
            pos, word = m.end(), m.group(2)
            if "," in m.group(1) and not _ACTIVITY_AT_RE.match(v, m.start(2)):
                break
            if re.match(r"\s+\d", v[pos : pos + 3]) or (
                "," in m.group(1) and re.match(r"\S*(?:\s+\S+)?\s+\d", v[m.start(2) : m.start(2) + 40])
            ):
                break  # "… bầu lấy 74", "cách chức, khiển trách 154 người": the verb of the next number
            low = "_" if _in_compound(v, m.start(2), pos) else word.lower()
            if any(ch.isdigit() for ch in word) or low in _PRED_STOP or low in _CLAUSE_STOP or (word[0].isupper() and word != "Đảng"):
                break
            if low in _TARGET_STOP:
                if low not in _PREDICATE_INNER:
                    break
                continue
            n += 1
            if n > 12:
                break
            best = pos
        return best

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

    @staticmethod
    def _counted_before(v: str, metric: Candidate, earlier: list[Candidate]) -> bool:
        """Tell whether another METRIC stands earlier in the same clause (no ``;`` or sentence end between)."""
        cut = max(v.rfind(ch, 0, metric.start) for ch in ".;\n")
        return any(c.label == "METRIC" and c.start > cut for c in earlier)

    def _target_activity(self, v: str, metric: Candidate, earlier: list[Candidate]) -> Candidate | None:
        """The activity right before a count: an activity verb and at most four object words."""
        start = self._clause_start(v, metric.start, earlier)
        seg = v[start : metric.start]
        if seg.rstrip(" ").endswith(","):
            return None  # "… kỷ luật Đảng, 129 trường hợp": the count starts a new item
        seg_end = start + len(seg.rstrip(" "))
        if (q := self._quoted_name_before(v, start, metric.start)) is not None:
            # "trao sổ tiết kiệm "Vững bước tân binh" cho 3 thanh niên": the activity stops before the name.
            start = self._clause_start(v, q, earlier)
            seg_end = rstrip_ws(v, start, q)
        # Drop particles between the activity and the number ("được", "mới" …).
        while True:
            m = self._particle_tail.search(v, start, seg_end)
            if not m or m.start() <= start:
                break
            if (a := self._activity_end.search(v, start, seg_end)) is not None and a.start() < m.start():
                break  # "xây mới 30 nhà": the particle completes a listed activity
            seg_end = rstrip_ws(v, start, m.start())
        if self._achieve_end.search(v, start, seg_end):
            return None  # "… là 687/480": a measured NP, not an activity
        if _SECONDARY_RE.search(v, seg_end, metric.start) and self._counted_before(v, metric, earlier):
            return None  # "9 hội nghị bồi dưỡng … cho trên 900 đảng ủy viên": a secondary count shares the first TARGET
        for m in self._activity.finditer(v, start, seg_end):
            if _BALLOT_BEFORE_RE.search(v, max(0, m.start() - 8), m.start()):
                continue  # "tỷ lệ phiếu bầu 100%": the verb is part of a measured noun
            if norm(m.group()).lower() in _LIGHT_VERBS and not v[m.end() : seg_end].strip():
                continue  # "tổ chức được 9 hội nghị": a light verb alone does not say what is counted
            if _activity_phrase_ok(v, m.start(), m.end(), seg_end, self._activity):
                inner = next((a for a in self._activity.finditer(v, m.end(), seg_end) if v[m.end() : a.start()].strip()), None)
                if inner is not None and norm(m.group()).lower() in _FRAMING and "và" not in v[m.end() : inner.start()].split():
                    m = inner  # "hỗ trợ người dân xây mới 30 căn nhà": the framing action on someone else is left out
                ts = m.start()
                # "luân chuyển, điều động 37 cán bộ": a list of activities is one TARGET.
                while (p := self._activity_before.search(v, start, ts)) is not None:
                    if _PREDICATE_BEFORE_RE.search(v, max(0, p.start() - 12), p.start()):
                        break  # "5 người bị cách chức, khiển trách 154 người": the first verb is another item's
                    ts = p.start()
                # "Cấp uỷ các cấp phải thi hành kỷ luật 315 tổ chức": the modal stays in the TARGET.
                if (p := _MODAL_BEFORE_RE.search(v, max(start, ts - 6), ts)) is not None:
                    ts = p.start()
                return Candidate(ts, seg_end, "TARGET", T_WEAK, "target.activity")
        return None

    def _quoted_name_before(self, v: str, start: int, end: int) -> int | None:
        """Where a quoted name opens, when only it and particles stand before ``end`` ("… "Tên" cho 3 …")."""
        close = rstrip_ws(v, 0, start)
        if close == 0 or v[close - 1] != '"' or not self._particles_only.fullmatch(v, start, end):
            return None
        opening = v.rfind('"', max(0, close - 82), close - 1)
        if opening < 0 or "\n" in v[opening:close]:
            return None
        return opening

    def _target_light_verb(
        self, v: str, metric: Candidate, earlier: list[Candidate], later: list[Candidate]
    ) -> Candidate | None:
        """The purpose or kind of a count governed by a light verb (tổ chức, cử, thực hiện …).

        The phrase follows the counted unit (and a short parenthesis): it opens
        with an activity or a listed purpose ("đi học", "đào tạo") and ends at a
        stop word ("cho", "với" …), a number, a capitalised word or the next
        entity; at most twelve words.
        """
        start = self._clause_start(v, metric.start, earlier)
        if not self._light_before.search(v, start, metric.start):
            return None
        if not later or later[0].label != "UNIT" or v[metric.end : later[0].start].strip():
            return None
        m = self._light_purpose.match(v, later[0].end)
        if not m:
            return None
        nxt = next((c.start for c in later[1:] if c.start >= m.start("t")), len(v))
        out: list[tuple[int, int]] = []
        for w in re.finditer(r"[^\s,]+", v[m.start("t") : min(m.end("t"), nxt)]):
            word = w.group()
            if out and (word.lower() in _LIGHT_STOP or word[0].isupper() or any(ch.isdigit() for ch in word)):
                break
            out.append((m.start("t") + w.start(), m.start("t") + w.end()))
        if not out or len(out) > 12:
            return None
        return Candidate(out[0][0], out[-1][1], "TARGET", T_WEAK, "target.light_verb")

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
        h = self._generic_opening.match(v, start, np_end) or self._target_opening.match(v, start, np_end)
        if not h:
            return None
        np_start = h.start("head")
        words = v[np_start:np_end].split()
        # Function words are checked after the head only ("Tổng số …" keeps its "số"); a possessive
        # may join the measured group ("độ tuổi bình quân của các bí thư"), a passive clause may
        # restrict it ("Tổng số ủy viên được bầu và chỉ định").
        tail = v[h.end("head") : np_end].split()
        if (
            not words
            or len(words) > 10
            or any(w.lower().strip(",") in _TARGET_STOP - _MEASURE_TAIL_WORDS for w in tail)
            or any(any(ch.isdigit() for ch in w) for w in words)
            or "," in v[np_start:np_end]
            or any(np_start < c.end and c.start < np_end for c in earlier)
        ):
            return None
        return Candidate(np_start, np_end, "TARGET", T_WEAK, "target.before_verb")
