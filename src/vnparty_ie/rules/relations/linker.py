"""Relation linking: from a text and its entities to the schema's relations.

The linker works sentence by sentence (relations never cross a sentence) and
uses a few explainable rules over entity order, the words between entities and
clause punctuation (``;`` separates clauses), following the annotation
guidelines (v1.1):

* ``position`` (PERSON → POSITION): a chain of posts (posts with their ORG/LOC
  and term, joined by ",", "-", "kiêm", "và", "rồi", "nguyên" …, possibly after
  an untagged place word: "Phó Chủ tịch tỉnh, nguyên Bí thư …") is held by
  - the name right after it ("Ủy viên Ban Thường vụ Thành ủy, Bí thư Quận ủy
    Thanh Xuân Bùi Huyền Mai", "Bí thư Tỉnh ủy, đồng chí X");
  - the name before it in apposition ("đồng chí X, Ủy viên Trung ương Đảng,
    Phó Bí thư …", "ông X - nguyên Bí thư …", "X (Chủ tịch UBND tỉnh)", "ông X
    (51 tuổi), Bí thư …", "ông X - đảng viên chi bộ …, Trưởng phòng …"), unless
    the chain is followed by a name that has no apposition of its own;
  - the name before a verb of holding ("ông X được [HĐND tỉnh] bầu giữ chức …",
    "bà Y thôi chức A để giữ chức B", "ông Z, Chủ nhiệm …, làm Trưởng ban"), or
    every name of a coordinated group before it ("Ông A và ông B vừa được bầu
    làm …"); a career list ("từng đảm nhiệm các chức vụ: A; B; C"); the subject
    of a clause that ends in a verb of holding ("Ông X trưởng thành từ …, từng
    giữ chức …"; not "để giữ chức", "thay Y giữ chức", "trong thời gian giữ …");
  - the name after "(đối) với / của ông …" ("miễn nhiệm chức Phó Chủ tịch …
    (nhiệm kỳ …) đối với ông X");
  - every name of a list introduced by "gồm", "là", ":" or after a plural or
    counted post ("Các Phó Chủ tịch gồm: ông A, B, bà C", "hai Phó Chủ tịch
    huyện A, B"), also when each member carries posts of their own ("7 Ủy viên
    Bộ Chính trị gồm: Tổng Bí thư A, Thủ tướng B; …", "4 Phó Bí thư gồm bà A
    (hiện là …), bà B");
  - the name before a short biography ("ông X sinh năm 1966, quê (ở) …, (từng)
    là A; B", "ông Y, 58 tuổi, quê …, từng giữ các chức vụ: A; B"), the
    ``;``-separated items then forming a career list;
  - the name before a parenthesised post and a verb of holding ("ông X (Bí thư
    Tỉnh ủy) tiếp tục giữ chức Chủ tịch …");
  - the name after a dated chain ("Bộ trưởng từ tháng 4/2016 đến nay, ông X").
  Generic or plural posts get no link otherwise; proposed posts never (a post
  right before the name still describes that person: "giới thiệu Bộ trưởng X
  làm Chủ tịch nước"); a chain before the end of a quotation ('… Bí thư", ông X
  nói') is not the speaker's.
* ``organization`` (POSITION → ORG): a post directly followed by its ORG
  (at most one connecting word such as "của", never across a comma); a
  membership ("Ủy viên", "thành viên", "đại biểu") also links to every ORG coordinated
  after it ("Ủy viên Bộ Chính trị, Ban Bí thư") and to an ORG after "trong"; a
  bare post coordinated with a post of the same kind shares its ORG ("Bí thư và
  Phó Bí thư Tỉnh ủy", "Phó Giám đốc, Giám đốc Sở …", but not "Bí thư kiêm Chủ
  tịch UBND xã"). Plural posts
  keep their ORG (calibration item 13).
* ``unit`` (METRIC → UNIT): the UNIT right after the number; a number
  coordinated with a following one ("12 và 15 tỷ đồng") shares its UNIT; an age
  may follow its unit ("ở tuổi 59").
* ``target`` (METRIC → TARGET): a TARGET closely after the number (and its
  unit), else the nearest TARGET before it in the clause, else one after it in
  the clause; a number opening a new list item (after a comma or inside a
  parenthesis, or after "và") prefers its own close TARGET ("kỷ luật 73 ĐV (54 người bị khiển
  trách, 18 người bị cảnh cáo)"); a clause that starts with a number (maybe
  after a place: "; Lào Cai 15,69%") continues the enumeration of the previous
  clause and inherits its TARGET; the number of a reference set ("63 trên tổng
  số 68 đảng bộ", "so với 63 tỉnh") has no TARGET.
* ``period`` (METRIC → DATE): a DATE right after the number and its unit ("1.664
  USD năm 2015"), else the nearest DATE before the number in its clause, else a
  DATE after it in the same phrase (no comma, no name between), else a DATE that
  sets the time of an earlier clause ("Năm 2023, …"); comparison baselines ("so
  với năm 2020", "kế hoạch năm", "chỉ tiêu cả nhiệm kỳ …"), deadlines ("đến
  cuối nhiệm kỳ" after the number), dates naming a document, event or term
  ("khóa XIII"), news days far from the number ("Chiều 25/10, Quốc hội … ông X
  (465 đại biểu …)") and the term of a post held by a person ("bầu ông X làm
  Chủ tịch UBND tỉnh nhiệm kỳ 2016-2021 với 100% …") are skipped; a planned
  figure ("mục tiêu là 15-20%", "kế hoạch vốn 4.500 tỷ đồng") has no period; a
  count of a body's members takes the body's term ("Ban Thư ký khóa X có 30
  thành viên"); an age ("54 tuổi", "ở tuổi 40") only takes a DATE right before
  it ("năm nay 41 tuổi").

Each relation carries the id of the rule that made it (``rule``), ``source="rules"``
and that rule's precision measured on the train gold as its ``score``
(:data:`RULE_SCORES`, from ``data/rules/precision.json``). The relation types run
in the order of :data:`RELATION_TYPES`; rules can be switched off by id.

Example:
    >>> from vnparty_ie.types import make_entity
    >>> text = "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai phát biểu."
    >>> ents = [make_entity(text, 0, 6, "POSITION"), make_entity(text, 7, 25, "ORG"),
    ...         make_entity(text, 26, 39, "PERSON")]
    >>> [(r.head.text, r.label, r.tail.text) for r in RuleRelationLinker().link(text, ents)]
    [('Bùi Huyền Mai', 'position', 'Bí thư'), ('Bí thư', 'organization', 'Quận ủy Thanh Xuân')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from ...schema import DEFAULT_SCHEMA, Schema
from ...text.sentences import split_sentences
from ...types import Entity, Relation
from ..base import rule_score
from .base import RELATION_RULES, RelationLinker, Splitter, _Sentence
from .figures import FigureRules
from .people import PeopleRules
from .target_links import TargetLinkRules

__all__ = ["RELATION_TYPES", "RULE_SCORES", "RelationLinker", "RuleRelationLinker"]

#: Score of each relation rule: its measured precision (see :func:`vnparty_ie.rules.base.rule_score`).
RULE_SCORES: dict[str, float] = {r.id: rule_score(r.id) for r in RELATION_RULES}

_Found = dict[str, list[Relation]]


def _unit_of(found: _Found) -> dict[Entity, Entity]:
    return {r.head: r.tail for r in found["unit"]}


#: The relation types in the order they run: label -> ``rules(linker, sentence, found so far)``.
#: Later types see the relations found before them (units and held posts).
RELATION_TYPES: dict[str, Callable[[RuleRelationLinker, _Sentence, _Found], list[Relation]]] = {
    "position": lambda linker, sent, found: linker._position(sent),
    "organization": lambda linker, sent, found: linker._organization(sent),
    "unit": lambda linker, sent, found: linker._unit(sent),
    "target": lambda linker, sent, found: linker._target(sent, _unit_of(found)),
    "period": lambda linker, sent, found: linker._period(
        sent, _unit_of(found), frozenset(r.tail for r in found["position"])
    ),
}


class RuleRelationLinker(PeopleRules, FigureRules, TargetLinkRules):
    """Rule-based relation linker (see the module docstring for the rules).

    Args:
        schema: Schema used to type-check every relation; relations it does not
            allow are never produced.
        splitter: Sentence splitter returning ``(start, end)`` spans into the
            text; defaults to :func:`vnparty_ie.text.sentences.split_sentences`.
        min_score: Relations scoring below this are dropped.
        disabled: Ids of rules to switch off (see :data:`RULE_SCORES`).

    Raises:
        ValueError: On an unknown rule id in ``disabled``.

    Example:
        >>> linker = RuleRelationLinker(disabled=["unit.shared"])
        >>> isinstance(linker, RelationLinker)
        True
    """

    def __init__(
        self,
        schema: Schema = DEFAULT_SCHEMA,
        splitter: Splitter | None = None,
        min_score: float = 0.0,
        disabled: Iterable[str] = (),
    ):
        self.schema = schema
        self.splitter: Splitter = splitter or split_sentences
        self.min_score = min_score
        self.disabled = frozenset(disabled)
        unknown = self.disabled - RULE_SCORES.keys()
        if unknown:
            raise ValueError(f"unknown relation rule ids: {sorted(unknown)}")

    # ------------------------------------------------------------------ API

    def link(self, text: str, entities: Sequence[Entity]) -> list[Relation]:
        """Return the relations stated between ``entities`` in ``text``.

        Args:
            text: The original document text.
            entities: Entities with offsets into ``text``, in any order.

        Returns:
            Schema-allowed relations without duplicates, each within one
            sentence, ordered by sentence, then label (position, organization,
            unit, target, period); each has a score in [0, 1].

        Raises:
            TypeError: If ``text`` is not a ``str``.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        out: list[Relation] = []
        seen: set[tuple[Entity, Entity, str]] = set()
        for sent in self._sentences(text, entities):
            for rel in self._link_sentence(sent):
                key = (rel.head, rel.tail, rel.label)
                if key in seen or (rel.score or 0.0) < self.min_score:
                    continue
                if not self.schema.allows(rel.label, rel.head.label, rel.tail.label):
                    continue
                seen.add(key)
                out.append(rel)
        return out

    # ------------------------------------------------------------ sentences

    def _sentences(self, text: str, entities: Sequence[Entity]) -> list[_Sentence]:
        """Group entities by the sentence containing their start offset."""
        spans = self.splitter(text) or [(0, len(text))]
        ordered = sorted(entities, key=lambda e: (e.start, e.end))
        groups: list[list[Entity]] = [[] for _ in spans]
        k = 0
        for e in ordered:
            while k + 1 < len(spans) and e.start >= spans[k + 1][0]:
                k += 1
            groups[k].append(e)
        sentences = []
        for (s, e), ents in zip(spans, groups):
            if not ents:
                continue
            end = max(e, max(x.end for x in ents))
            start = min(s, ents[0].start)
            semis = [
                m.start()
                for m in re.finditer(";", text[start:end])
                if not any(x.start <= start + m.start() < x.end for x in ents)
            ]
            semis = [start + i for i in semis]
            sentences.append(_Sentence(text, start, end, ents, semis))
        return sentences

    def _link_sentence(self, sent: _Sentence) -> list[Relation]:
        """Apply every relation type to one sentence, in the order of :data:`RELATION_TYPES`."""
        found: _Found = {}
        for label, rules in RELATION_TYPES.items():
            found[label] = [r for r in rules(self, sent, found) if r.rule not in self.disabled]
        return [r for rels in found.values() for r in rels]
