"""``unit`` (METRIC → UNIT) and ``period`` (METRIC → DATE) rules; ``target`` is in :mod:`.target_links`.

See :mod:`vnparty_ie.rules.relations.linker` for what each rule links.

Example:
    >>> from vnparty_ie.rules.relations.linker import RuleRelationLinker
    >>> from vnparty_ie.types import make_entity
    >>> text = "năm 2023 đạt 28 tỷ đồng"
    >>> ents = [make_entity(text, 0, 8, "DATE"), make_entity(text, 13, 15, "METRIC"), make_entity(text, 16, 23, "UNIT")]
    >>> [(r.rule, r.tail.text) for r in RuleRelationLinker().link(text, ents)]
    [('unit.adjacent', 'tỷ đồng'), ('period.before', 'năm 2023')]
"""

from __future__ import annotations

import re
from itertools import pairwise

from ...types import Entity, Relation
from ..words import WORDS as W
from .base import (
    _BASELINE,
    _BODY_AFTER,
    _DAY,
    _NUMBER_CONNECTORS,
    _PLANNED,
    RelationRules,
    _is_age,
    _is_term,
    _norm,
    _Sentence,
    _words,
    phrases,
)

__all__ = ["FigureRules"]

#: A bare year (not inside any entity) between a DATE and a number: ", 2017 là 8,25%".
_UNTAGGED_YEAR = re.compile(r"(?<![\w/.,-])(?:19[4-9]\d|20\d\d)(?![\w/-]|[.,]\d)")
#: A part of a whole just counted: "…, trong đó 11 Ủy viên mới …".
_SUBSET = re.compile(rf",\s*{phrases(W.SUBSET_CUES)}\b[^,]*$")
#: The goal a figure is measured against, further from the DATE than the baseline words allow:
#: "đạt 87,5% chỉ tiêu đề ra của cả nhiệm kỳ" (a baseline, never the period).
_TARGET_OF = re.compile(
    rf"\b{phrases(W.PLAN_WORDS)}\s+{phrases(W.PLAN_SETTING_VERBS)}(?:\s+{phrases(W.PLAN_SETTING_LINKS)})?\s*$"
)
#: A baseline further from "so với" than the baseline words allow: "so với cùng thời điểm năm 2022",
#: "so với thời điểm đầu nhiệm kỳ" (never the period).
_COMPARED_TO = re.compile(r"\bso\s+với(?:\s+[^\W\d]+){0,4}\s*$")
#: A plan's time before the figures it lists: "đề ra các chỉ tiêu trong nhiệm kỳ mới, … kết nạp 500.000 đoàn viên"
#: (a baseline only for a figure before it: "đạt 95% kế hoạch năm 2023").
_PLAN_OF = re.compile(rf"\b{phrases(W.PLAN_WORDS)}(?:\s+\S+){{0,2}}\s*$")
#: "Trước đó, tháng 12-2018, …": a flashback dates an earlier event, not the figures told with it.
_FLASHBACK = re.compile(r"\btrước\s+đó\s*,?\s*(?:vào\s+)?$")
#: "đại diện cho hơn 6,4 (triệu đoàn viên)": a represented population is not counted at the event's time.
_REPRESENTED = re.compile(r"\bđại\s+diện(?:\s+cho)?\s*$")


class FigureRules(RelationRules):
    """The ``unit`` and ``period`` rules (methods of the linker)."""

    def _unit(self, sent: _Sentence) -> list[Relation]:
        ents = sent.entities
        direct: dict[int, Entity] = {}
        for i, e in enumerate(ents):
            nxt = ents[i + 1] if i + 1 < len(ents) else None
            if (
                e.label == "METRIC"
                and nxt is not None
                and nxt.label == "UNIT"
                and not sent.gap(e.end, nxt.start).strip()
            ):
                direct[i] = nxt
        rels = [self._rel(ents[i], u, "unit", "unit.adjacent") for i, u in sorted(direct.items())]
        # "12 và 15 tỷ đồng": a bare number coordinated with the next one shares its unit.
        for i in range(len(ents) - 1, -1, -1):
            e = ents[i]
            if e.label != "METRIC" or i in direct or i + 1 >= len(ents) or ents[i + 1].label != "METRIC":
                continue
            between = sent.gap(e.end, ents[i + 1].start).strip()
            if between in _NUMBER_CONNECTORS and i + 1 in direct:
                direct[i] = direct[i + 1]
                rels.append(self._rel(e, direct[i + 1], "unit", "unit.shared"))
        # "ở tuổi 59": an age may be written after the word "tuổi".
        for i, e in enumerate(ents):
            if (
                e.label == "METRIC"
                and i not in direct
                and i > 0
                and ents[i - 1].label == "UNIT"
                and _is_age(ents[i - 1])
                and not sent.gap(ents[i - 1].end, e.start).strip()
            ):
                rels.append(self._rel(e, ents[i - 1], "unit", "unit.age_before"))
        return rels

    # -------------------------------------------------------------- periods

    def _period(
        self, sent: _Sentence, unit_of: dict[Entity, Entity], held_posts: frozenset[Entity] = frozenset()
    ) -> list[Relation]:
        ents = sent.entities
        dates = [
            e
            for i, e in enumerate(ents)
            if e.label == "DATE" and self._is_period_date(sent, i) and not self._is_held_term(sent, i, held_posts)
        ]
        plans = [e for i, e in enumerate(ents) if e.label == "DATE" and self._is_plan_date(sent, i, held_posts)]
        ages = [e for e in ents if e.label == "METRIC" and _is_age(unit_of.get(e))]
        metrics = [e for e in ents if e.label == "METRIC" and e not in ages]
        body_terms = {m: d for m in metrics if (d := self._body_term(sent, m)) is not None}
        for prev, m in pairwise(metrics):
            # "khóa XIII gồm 180 Ủy viên chính thức và 20 Ủy viên dự khuyết": a coordinated count shares the term
            if prev in body_terms and m not in body_terms:
                gap = sent.gap(prev.end, m.start, frozenset({"UNIT", "POSITION"}))
                if re.fullmatch(r"\s*(?:#\s*)?(?:,|và|,\s*và)\s*", gap):
                    body_terms[m] = body_terms[prev]
        if not dates and not body_terms and not plans:
            return []
        # "mục tiêu là 15-20%", "trong kế hoạch vốn 4.500 tỷ đồng": a planned figure is a baseline, with no period.
        planned = {
            m for m in metrics if _PLANNED.search(sent.gap(max(sent.clause_start(m.start), m.start - 30), m.start))
        }
        adjacent = {m: d for m in metrics if (d := self._adjacent_date(sent, m, unit_of)) is not None}
        rels = []
        for m in metrics:
            if m in planned:
                continue
            if m in body_terms:
                rels.append(self._rel(m, body_terms[m], "period", "period.body"))
                continue
            own = sorted(dates + [d for d in plans if d.end <= m.start], key=lambda d: d.start) if plans else dates
            chosen, rule = self._period_of(sent, m, own, metrics, adjacent, unit_of)
            if chosen is not None:
                rels.append(self._rel(m, chosen, "period", rule))
        for m in ages:  # an age only takes a DATE right before it: "năm nay 41 tuổi"
            before = [d for d in dates if d.end <= m.start]
            if before and not sent.gap(before[-1].end, m.start).strip():
                rels.append(self._rel(m, before[-1], "period", "period.before"))
        return rels

    def _body_term(self, sent: _Sentence, m: Entity) -> Entity | None:
        """The term of a body whose members the number counts: "Ban Thư ký khóa X có 30 thành viên".

        The body must stand alone (not the body of a post: "đại biểu Quốc hội khóa 14 với 75% …").
        """
        ents = sent.entities
        i = ents.index(m)
        k = i - 1
        if k < 1 or ents[k].label != "DATE":
            return None
        words = _words(sent.gap(ents[k].end, m.start))
        return ents[k] if words and set(words) <= _BODY_AFTER and self._org_term(sent, k) else None

    @staticmethod
    def _org_term(sent: _Sentence, k: int) -> bool:
        """Tell whether the DATE at ``k`` is a term right after an ORG that is not the ORG of a post."""
        ents = sent.entities
        if not _is_term(ents[k]) or ents[k - 1].label != "ORG":
            return False
        if not re.fullmatch(r"[\s,(]*", sent.gap(ents[k - 1].end, ents[k].start)):
            return False
        return not (k >= 2 and ents[k - 2].label == "POSITION")

    def _period_of(
        self,
        sent: _Sentence,
        m: Entity,
        dates: list[Entity],
        metrics: list[Entity],
        adjacent: dict[Entity, Entity],
        unit_of: dict[Entity, Entity],
    ) -> tuple[Entity | None, str]:
        """The DATE giving the time of the number ``m`` and the rule that chose it, if any."""
        if m in adjacent:
            return adjacent[m], "period.adjacent"
        taken = {d for x, d in adjacent.items() if x is not m}
        clause = sent.clause(m.start)
        if _REPRESENTED.search(sent.gap(max(sent.start, m.start - 40), m.start)):
            dates = [d for d in dates if d.end > m.start]  # only its own DATE after it: "(năm 2015)"
        before = [
            d
            for d in dates
            if d.end <= m.start
            and d not in taken
            and not self._is_remote_day(sent, d, m)
            and not _FLASHBACK.search(sent.gap(max(sent.start, d.start - 40), d.start))
        ]
        same = [d for d in before if sent.clause(d.start) == clause]
        after_from = unit_of[m].end if m in unit_of else m.end
        if same:
            if self._year_between(sent, same[-1].end, m.start):
                return None, ""  # "Năm 2016 tăng 8,05%, 2017 là 8,25%": a later, untagged year sets the time
            if "," in sent.gap(same[-1].end, m.start) and _SUBSET.search(sent.gap(same[-1].end, m.start)):
                # "hiện có 17 người, trong đó 11 Ủy viên mới tham gia từ đầu nhiệm kỳ này": the part's own DATE wins.
                own = self._close_after(sent, m, dates, metrics, after_from, clause)
                if own is not None:
                    return own, "period.after"
            return same[-1], "period.before"
        after = [
            d
            for d in dates
            if d.start >= m.end
            and sent.clause(d.start) == clause
            and not self._is_deadline(sent, d)
            and not any(x.start >= d.end and sent.clause(x.start) == clause for x in metrics)
            and self._is_close_after(sent, after_from, d)
        ]
        if after:
            return after[0], "period.after"
        setting = [d for d in before if self._sets_time(sent, d, metrics)]
        if setting:
            return setting[-1], "period.setting"
        return None, ""

    @staticmethod
    def _year_between(sent: _Sentence, start: int, end: int) -> bool:
        """Tell whether a bare year outside every entity lies between ``start`` and ``end``."""
        gap = sent.gap(start, end, frozenset(e.label for e in sent.entities_between(start, end)))
        return _UNTAGGED_YEAR.search(gap) is not None

    def _close_after(
        self, sent: _Sentence, m: Entity, dates: list[Entity], metrics: list[Entity], after_from: int, clause: int
    ) -> Entity | None:
        """The first DATE closely after the number in its clause, with no later number in the clause."""
        for d in dates:
            if (
                d.start >= m.end
                and sent.clause(d.start) == clause
                and not self._is_deadline(sent, d)
                and not any(x.start >= d.end and sent.clause(x.start) == clause for x in metrics)
                and self._is_close_after(sent, after_from, d)
            ):
                return d
        return None

    def _adjacent_date(self, sent: _Sentence, m: Entity, unit_of: dict[Entity, Entity]) -> Entity | None:
        """A DATE right after the number and its unit ("1.664 USD năm 2015 lên 2.094 USD năm 2018").

        The DATE may stand in parentheses: "7,5 triệu người (năm 2015)", "gần 3.300 tỷ đồng (giai đoạn 2011 - 2013)".
        """
        end = unit_of[m].end if m in unit_of else m.end
        later = [e for e in sent.entities if e.start >= end]
        if not later or later[0].label != "DATE":
            return None
        date = later[0]
        between = sent.gap(end, date.start).strip()
        if between and not (
            between == "(" and sent.gap(date.end, min(sent.end, date.end + 12)).lstrip().startswith(")")
        ):
            return None
        if self._is_deadline(sent, date) or _is_term(date) or self._after_multiplier(sent, sent.entities.index(date)):
            return None
        return date

    @staticmethod
    def _is_close_after(sent: _Sentence, start: int, date: Entity) -> bool:
        """A DATE after a number is its period only within the same phrase: no comma, no name between."""
        gap = sent.gap(start, date.start, frozenset({"METRIC", "UNIT", "POSITION", "ORG", "TARGET"}))
        if re.search(r"[:(]", gap) or re.search(r",(?!\s*#)", gap):
            return False  # a comma only in an enumeration of numbers: "3 Chương trình, 3 Đề án toàn khóa"
        inner = {e.label for e in sent.entities_between(start, date.start)}
        return "PERSON" not in inner and (not inner & {"POSITION", "ORG"} or len(_words(gap)) <= 8)

    @staticmethod
    def _is_remote_day(sent: _Sentence, date: Entity, m: Entity) -> bool:
        """A news day ("Chiều 25/10", "Ngày 15/9") is not the period of a number far after it.

        Beyond a person's name or a dozen words, the day only dates the reported event.
        """
        if not _DAY.match(_norm(date.text)):
            return False
        if _words(sent.gap(max(sent.start, date.start - 40), date.start))[-1:] == ["đến"]:
            return False  # "Tính đến 30/11/2023, …" states the time of every later figure
        between = sent.entities_between(date.end, m.start)
        return any(e.label == "PERSON" for e in between) or len(_words(sent.gap(date.end, m.start))) > 12

    @staticmethod
    def _sets_time(sent: _Sentence, date: Entity, metrics: list[Entity]) -> bool:
        """A DATE sets the time of later clauses when no number precedes it in its clause.

        A DATE inside a quoted title ('đề án "… giai đoạn 2018 - 2022"') sets nothing.
        """
        start = sent.clause_start(date.start)
        before = sent.text[sent.start : date.start]
        quoted = before.count("“") > before.count("”") or before.count('"') % 2 == 1
        return not quoted and not any(start <= m.start < date.start for m in metrics)

    @staticmethod
    def _is_deadline(sent: _Sentence, date: Entity) -> bool:
        """Tell whether a DATE after a number is a goal's deadline ("phấn đấu đến cuối nhiệm kỳ").

        "đến nay", "đến hết năm 2023" and "tính đến …" report a state, so they stay periods.
        """
        words = _words(_norm(date.text))
        if len(words) < 2 or words[0] not in ("đến", "tới") or words[1] in ("nay", "hết"):
            return False
        return _words(sent.gap(max(sent.start, date.start - 40), date.start))[-1:] != ["tính"]

    def _is_period_date(self, sent: _Sentence, i: int) -> bool:
        """Tell whether the DATE at index ``i`` may be a period (not a baseline nor a name part)."""
        ents = sent.entities
        date = ents[i]
        left_from = ents[i - 1].end if i else sent.start
        left = sent.gap(max(left_from, date.start - 40, sent.start), date.start)
        if _BASELINE.search(left) or _TARGET_OF.search(left) or _COMPARED_TO.search(left):
            return False
        if self._after_multiplier(sent, i):
            return False
        return not self._is_attributive(sent, i)

    @staticmethod
    def _after_multiplier(sent: _Sentence, i: int) -> bool:
        """Tell whether the DATE at ``i`` is a multiplier's baseline: "gấp «1,3» «lần» năm 2015"."""
        ents = sent.entities
        if i < 2 or ents[i - 1].label != "UNIT" or ents[i - 2].label != "METRIC":
            return False
        unit, metric = ents[i - 1], ents[i - 2]
        if _norm(unit.text) != "lần" or sent.gap(unit.end, ents[i].start).strip():
            return False
        return _words(sent.gap(max(sent.start, metric.start - 40), metric.start))[-1:] == ["gấp"]

    def _is_plan_date(self, sent: _Sentence, i: int, held_posts: frozenset[Entity]) -> bool:
        """Tell whether the DATE at ``i`` is the time of a plan ("các chỉ tiêu trong nhiệm kỳ mới").

        It is a period for the figures after it, never for one before it (a baseline).
        """
        ents = sent.entities
        date = ents[i]
        left_from = ents[i - 1].end if i else sent.start
        left = sent.gap(max(left_from, date.start - 40, sent.start), date.start)
        if not _PLAN_OF.search(left) or _TARGET_OF.search(left) or re.search(r"\b(?:so|cùng kỳ)\b", left):
            return False
        if i and ents[i - 1].label in ("METRIC", "UNIT") and len(_words(left)) <= 4:
            return False  # "đạt 95% kế hoạch năm 2023": the plan is the figure's baseline
        return not self._is_attributive(sent, i) and not self._is_held_term(sent, i, held_posts)

    @staticmethod
    def _is_held_term(sent: _Sentence, i: int, held_posts: frozenset[Entity]) -> bool:
        """A term closing a post held by a person ("bầu ông X làm Chủ tịch UBND tỉnh nhiệm kỳ 2016-2021 với 100%").

        The term dates the post, not a figure of the sentence (a vote, a sum).
        """
        ents = sent.entities
        if not _is_term(ents[i]):
            return False
        k = i
        while k > 0 and re.fullmatch(r"[\s,()]*", sent.gap(ents[k - 1].end, ents[k].start)):
            k -= 1
            if ents[k].label == "POSITION":
                return ents[k] in held_posts
            if ents[k].label not in ("ORG", "LOC", "DATE"):
                return False
        return False

    @staticmethod
    def _is_attributive(sent: _Sentence, i: int) -> bool:
        """A DATE naming a term or qualifying a document or event ("Nghị quyết … (khóa XIII)")."""
        ents = sent.entities
        first = _words(_norm(ents[i].text))[:1]
        if first and first[0] == "khóa":
            return True
        while True:
            if not i or _words(sent.gap(ents[i - 1].end, ents[i].start)):
                return False
            if ents[i - 1].label in ("RESOLUTION", "EVENT"):
                return True
            if ents[i - 1].label != "DATE":
                return False
            i -= 1
            if _words(_norm(ents[i].text))[:1] == ["khóa"]:
                # After the term of a body the DATE is free: "Bộ Chính trị khóa XII hiện có 17 người",
                # "Ban Chấp hành … khóa 16, nhiệm kỳ 2015-2020 đã bầu … 15 người" (not after a post's body).
                return not FigureRules._org_term(sent, i)
