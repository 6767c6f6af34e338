"""``target`` (METRIC → TARGET) rules: which TARGET a figure measures.

See :mod:`vnparty_ie.rules.relations.linker` for what each rule links.

Example:
    >>> from vnparty_ie.rules.relations.linker import RuleRelationLinker
    >>> from vnparty_ie.types import make_entity
    >>> text = "kết nạp 30 đảng viên"
    >>> ents = [make_entity(text, 0, 7, "TARGET"), make_entity(text, 8, 10, "METRIC"), make_entity(text, 11, 20, "UNIT")]
    >>> [(r.rule, r.tail.text) for r in RuleRelationLinker().link(text, ents) if r.label == "target"]
    [('target.before', 'kết nạp')]
"""

from __future__ import annotations

import re

from ...types import Entity, Relation
from ..words import WORDS as W
from .base import (
    _MAX_BEFORE_WORDS,
    _MAX_FOLLOW_WORDS,
    _NEW_PREDICATE,
    _REFERENCE_SET,
    RelationRules,
    _is_age,
    _norm,
    _Sentence,
    _words,
)

__all__ = ["TargetLinkRules"]

#: Bare measure words that name no quantity of their own: never the TARGET of a figure.
_GENERIC_TARGETS = frozenset(_norm(w) for w in W.GENERIC_TARGETS)


class TargetLinkRules(RelationRules):
    """The ``target`` rules (methods of the linker)."""

    def _target(self, sent: _Sentence, unit_of: dict[Entity, Entity]) -> list[Relation]:
        ents = sent.entities
        # A bare measure word ("tỷ lệ" in "chiếm tỷ lệ 1,5%") names no quantity: the figure measures something else.
        targets = [e for e in ents if e.label == "TARGET" and _norm(e.text) not in _GENERIC_TARGETS]
        if not targets:
            return []
        rels = []
        figures = frozenset({"METRIC", "UNIT"})
        for m in ents:
            if m.label != "METRIC" or _REFERENCE_SET.search(sent.gap(max(sent.start, m.start - 25), m.start)):
                continue
            if _is_age(unit_of.get(m)):
                # An age describes a person or a group ("cán bộ trẻ (dưới 40 tuổi)"): only a measured age is its TARGET.
                ages = [t for t in targets if "tuổi" in _norm(t.text) and t.end <= m.start and sent.clause(t.start) == sent.clause(m.start)]
                if ages:
                    rels.append(self._rel(m, ages[-1], "target", "target.before"))
                continue
            clause = sent.clause(m.start)
            after_from = unit_of[m].end if m in unit_of else self._counted_post_end(sent, m)
            before = [t for t in targets if t.end <= m.start and sent.clause(t.start) == clause]
            after = [t for t in targets if t.start >= after_from and sent.clause(t.start) == clause]
            prev_t = before[-1] if before else None
            next_t = after[0] if after else None
            prev_gap = sent.gap(prev_t.end, m.start, figures) if prev_t else ""
            prev_words = len(self._plain_words(prev_gap)) if prev_t else None
            if prev_t is not None and (
                prev_gap.count("(") > prev_gap.count(")") or "," in prev_gap or re.search(r"\bvà\s*$", prev_gap)
            ):
                # "kỷ luật 73 ĐV (54 người bị khiển trách, 18 người bị cảnh cáo)": a new item's own TARGET wins.
                prev_words = _MAX_BEFORE_WORDS + 1
            close_words = self._close_follow_words(sent, after_from, next_t) if next_t else None
            # "11 chi bộ và kết nạp 30 đảng viên": the TARGET is closer to the next number.
            taken_by_next = next_t is not None and self._words_to_next_number(sent, next_t) < min(
                3, close_words if close_words is not None else 3
            )
            if taken_by_next:
                close_words = None
            if close_words is not None and (prev_words is None or close_words < prev_words):
                rels.append(self._rel(m, next_t, "target", "target.after_close"))  # type: ignore[arg-type]
            elif prev_t is not None:
                rule = "target.before" if (prev_words or 0) <= _MAX_BEFORE_WORDS else "target.before_far"
                rels.append(self._rel(m, prev_t, "target", rule))
            elif (
                next_t is not None
                and not taken_by_next
                and not _NEW_PREDICATE.search(sent.gap(after_from, next_t.start))
            ):
                rels.append(self._rel(m, next_t, "target", "target.after_clause"))
            elif clause > 0 and not _words(sent.gap(sent.clause_start(m.start), m.start, frozenset({"LOC", "ORG"}))):
                # "; 9 Kế hoạch …", "; Lào Cai 15,69%": a clause opening with a number (after a place) continues the list.
                earlier = [t for t in targets if t.end <= m.start]
                if earlier:
                    rels.append(self._rel(m, earlier[-1], "target", "target.enumeration"))
        return rels

    @staticmethod
    def _counted_post_end(sent: _Sentence, m: Entity) -> int:
        """End of a counted post right after a number ("37 «bí thư» tái cử"), else of the number."""
        nxt = next((e for e in sent.entities if e.start >= m.end), None)
        if nxt is not None and nxt.label == "POSITION" and not sent.text[m.end : nxt.start].strip():
            return nxt.end
        return m.end

    @staticmethod
    def _words_to_next_number(sent: _Sentence, target: Entity) -> int:
        """Words between a TARGET and a METRIC right after it ("kết nạp được 30"); large if none."""
        later = [e for e in sent.entities if e.start >= target.end]
        if not later or later[0].label != "METRIC":
            return 1_000
        gap = sent.gap(target.end, later[0].start)
        return 1_000 if re.search(r"[,;:()]", gap) else len(_words(gap))

    @staticmethod
    def _plain_words(gap: str) -> list[str]:
        """Words of a masked gap (numbers masked as ``#``), without "và" before a number."""
        return _words(re.sub(r"\bvà\s*(?=#)", " ", gap))

    def _close_follow_words(self, sent: _Sentence, start: int, target: Entity) -> int | None:
        """Words between a number (and unit) and a following TARGET, if close enough.

        Other numbers with their units may sit in between (an enumeration:
        "trên 95% ĐV, 100% chi bộ hoàn thành …"); a comma is only allowed before
        such a number, a short parenthesis ("(CB)") is ignored.

        Returns:
            The number of plain words in between, or ``None`` when not close.
        """
        inner = sent.entities_between(start, target.start)
        if any(e.label not in ("METRIC", "UNIT") for e in inner):
            return None
        gap = sent.gap(start, target.start, frozenset({"METRIC", "UNIT"}))
        gap = re.sub(r"\([^()]{0,30}\)", " ", gap)
        if re.search(r"[;:()]", gap) or re.search(r",(?!\s*#)", gap):
            return None
        words = self._plain_words(gap)
        return len(words) if len(words) <= _MAX_FOLLOW_WORDS else None
