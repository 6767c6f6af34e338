"""Shared pieces of the relation rules: sentences, gaps, cue words, the rule list.

The relation rules work sentence by sentence on a :class:`_Sentence` (its
entities in order and its ``;``-separated clauses); :meth:`_Sentence.gap` gives
the normalised text between two offsets with some entities masked as ``#``. The
cue words come from ``data/rules/words/relations.yaml`` (honorifics and place
words from ``persons.yaml`` and ``places.yaml``).

Example:
    >>> [r.id for r in RELATION_RULES][:3]
    ['position.before', 'position.before_comma', 'position.after']
    >>> "đồng" in _HONORIFICS and "tỉnh" in _PLACE_WORDS
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol, runtime_checkable

from ...text.normalize import normalize_string
from ...types import Entity, Relation
from ..base import Rule, check_ids, rule_score
from ..words import WORDS as W
from ..words import syllables

__all__ = ["RELATION_RULES", "RelationLinker", "RelationRules"]

#: The relation rules (the family of an id is the relation label).
RELATION_RULES: tuple[Rule, ...] = (
    Rule("position.before", "position", doc="chain of posts right before the name"),
    Rule("position.before_comma", "position", doc="\"Bí thư Tỉnh ủy, đồng chí X\" (or a new clause's subject)"),
    Rule("position.after", "position", doc="apposition: name, chain of posts"),
    Rule("position.verbal", "position", doc="\"ông X được bầu giữ chức Chủ tịch …\""),
    Rule("position.object", "position", doc="\"miễn nhiệm chức Phó Chủ tịch … đối với ông X\""),
    Rule("position.career", "position", doc="\"ông X từng đảm nhiệm các chức vụ: A; B; C\""),
    Rule("position.list", "position", doc="\"Các Phó Chủ tịch gồm: ông A, B\", \"hai Phó Chủ tịch A, B\""),
    Rule("position.fronted", "position", doc="\"Trong thời gian giữ chức Bí thư …, ông X đã …\""),
    Rule("position.members", "position", doc="\"7 Ủy viên Bộ Chính trị gồm: Tổng Bí thư A, Thủ tướng B, …\""),
    Rule("organization.adjacent", "organization", doc="post immediately followed by its ORG"),
    Rule("organization.connector", "organization", doc="post + \"của\"/\"thuộc\" + ORG"),
    Rule("organization.list", "organization", doc="\"Ủy viên Bộ Chính trị, Ban Bí thư\""),
    Rule("organization.shared", "organization", doc="\"Bí thư và Phó Bí thư Tỉnh ủy\""),
    Rule("unit.adjacent", "unit", doc="number immediately followed by its unit"),
    Rule("unit.shared", "unit", doc="\"12 và 15 tỷ đồng\""),
    Rule("unit.age_before", "unit", doc="\"ở tuổi 59\""),
    Rule("target.after_close", "target", doc="\"100% ĐV cam kết …\", \"14 đồng chí được trao …\""),
    Rule("target.before", "target", doc="\"kết nạp được 28 ĐV\", \"… đạt 95,91%\""),
    Rule("target.before_far", "target", doc="a TARGET before, more than a few words away"),
    Rule("target.after_clause", "target", doc="a TARGET later in the same clause"),
    Rule("target.enumeration", "target", doc="\"; 9 Kế hoạch …\" continuing the previous clause"),
    Rule("period.adjacent", "period", doc="DATE right after the number and its unit"),
    Rule("period.before", "period", doc="nearest DATE before, same clause"),
    Rule("period.setting", "period", doc="a DATE setting the time of an earlier clause"),
    Rule("period.after", "period", doc="a DATE later in the same clause"),
    Rule("period.body", "period", doc="the term of the body whose members are counted (\"Ban Thư ký khóa X có 30 thành viên\")"),
)
check_ids(RELATION_RULES)

#: Words allowed between a chain of posts and the name ("…, đồng chí X"): honorifics, titles, qualifiers.
_HONORIFICS = (
    syllables(W.HONORIFICS) | syllables(W.TITLES) | syllables(W.RANKS) | {"hải", "quân"} | frozenset(W.POST_QUALIFIERS)
)
#: Words joining the names of a list ("ông A, B và bà C"); not "là" ("ông A là ông B").
_NAME_LIST_WORDS = (_HONORIFICS - frozenset(W.POST_QUALIFIERS)) | {"và"}
#: Honorifics that name a person ("đối với ông X").
_PERSON_TITLES = frozenset(t.split()[0] for t in W.HONORIFICS)
#: Words linking two posts of one person ("Bí thư … kiêm Chủ tịch …", "…, nguyên Chủ tịch …").
_CHAIN_WORDS = frozenset(W.CHAIN_WORDS)
#: Place words that may follow a post without being tagged ("Phó Chủ tịch tỉnh", "Bí thư Chi bộ").
_PLACE_WORDS = syllables(W.PLACE_LEVELS) | syllables(W.UNTAGGED_BODIES)
#: Verbs attributing a post to the person before them.
_POST_VERBS = W.POST_VERBS
#: Every word allowed between a name and a post stated by a verb.
_POST_VERB_WORDS = frozenset(W.POST_VERB_WORDS)
#: Words between a post and the name it is stated of ("… đối với ông X").
_OBJECT_WORDS = frozenset(W.OBJECT_WORDS)
#: Words (after a post or a list of names) that introduce the holders ("Các Phó Chủ tịch gồm: ông A, B").
_LIST_INTRO = frozenset(W.LIST_INTRO_WORDS)
#: Words allowed between the items of a list of members.
_MEMBER_GAP_WORDS = _HONORIFICS | _PLACE_WORDS | frozenset(W.MEMBER_GAP_WORDS)
#: Rules that link generic or plural posts to the names listed after them.
_LIST_RULES = frozenset({"position.list", "position.members"})
#: Connecting words allowed between a post and its organisation.
_ORG_CONNECTORS = frozenset(W.ORG_CONNECTORS)
#: Words before a post that make it generic/plural (no links).
_GENERIC_BEFORE = frozenset(W.GENERIC_POST_WORDS)
#: Words showing a post is only proposed or planned (no ``position`` link).
_PROPOSED = W.PROPOSED_POST_CUES
#: Words that keep a clause's closing post verb from naming the person's own post (see ``later_post_blocks``).
_LATER_POST_BLOCKS = W.LATER_POST_BLOCKS
#: Connectors between two coordinated numbers that share a unit.
_NUMBER_CONNECTORS = frozenset(W.NUMBER_CONNECTORS)
#: Words between a body's term and the count of its members ("khóa X có 30 thành viên").
_BODY_AFTER = frozenset(W.BODY_COUNT_WORDS)
#: Posts that are memberships ("Ủy viên", "thành viên"), as word lists.
_MEMBERSHIP = [t.split() for t in W.MEMBERSHIP_POSTS]


def phrases(terms: Sequence[str]) -> str:
    """A non-capturing alternation of cue phrases in the order given, their words joined by ``\\s+``.

    >>> print(phrases(["so", "cùng kỳ"]))
    (?:so|cùng\\s+kỳ)
    >>> re.fullmatch(phrases(["hoàn thành"]), "hoàn  thành") is not None
    True
    """
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in terms) + ")"


#: Words that introduce a comparison baseline right before a DATE.
_BASELINE = re.compile(rf"\b{phrases(W.BASELINE_CUES)}\b(?:\s+\S+){{0,2}}\s*$")
#: A number naming the whole a part is taken from ("63 trên tổng số 68 đảng bộ", "so với 63 tỉnh"): no TARGET.
_REFERENCE_SET = re.compile(rf"\b{phrases(W.REFERENCE_SET_CUES)}\s*$")
#: A planned or target figure ("mục tiêu là 15-20%", "kế hoạch vốn 4.500 tỷ đồng"): no period.
_PLANNED = re.compile(rf"\b{phrases(W.PLAN_WORDS)}(?:\s+[^\W\d]+){{0,2}}\s*$")
#: Maximum number of plain words between a number and a following TARGET.
_MAX_FOLLOW_WORDS = 4
#: Beyond this many words, a TARGET before the number is a weaker guess.
_MAX_BEFORE_WORDS = 8
#: A comma then one of these words starts a new predicate ("…, đã kết nạp …").
_NEW_PREDICATE = re.compile(rf"[,:]\s*{phrases(W.NEW_PREDICATE_WORDS)}\b")
#: An apposition that opens with party membership ("ông X - đảng viên chi bộ cơ quan, Trưởng phòng …").
_MEMBER_APPOSITION = re.compile(r"\s*[-–,]\s*đảng viên\b[^,;:()]{0,40},\s*")
#: Words introducing a list of posts held ("từng đảm nhiệm các chức vụ:", "kinh qua các chức danh").
_CAREER = re.compile(
    r"\s*(?:bằng\s+hình\s+thức\s*:?\s*)?(?:(?:đã|từng|lần lượt|bị)\s+)*"
    rf"{phrases(W.CAREER_VERBS)}\s+(?:cả\s+|tất cả\s+)?(?:các|nhiều)\s+"
    rf"{phrases(W.CAREER_POSTS)}(?:\s+{phrases(W.CAREER_POST_QUALIFIERS)})?"
    r"(?:\s*:|(?:\s+[^\W\d]+){0,4}\s*,?\s*như\s*:?)?\s*"
)
#: "sinh năm 1966", "58 tuổi", "quê (ở) xã A, huyện B", "tại Đồng Tháp".
_BIO = re.compile(
    r"\bsinh\s+(?:năm\s+|ngày\s+)?#|(?<![\w#])#\s*#(?=[\s,;()]*(?:quê|là|$|,))|"
    r"\b(?:quê(?:\s+(?:ở|quán|tại))?|tại)\s+#(?:[\s,()]*#)*(?:\s*\))?"
)
#: A DATE naming a single day or part of a day ("Sáng 25/10", "ngày 4-2-2013", "hôm nay", "30/11").
_DAY = re.compile(rf"(?:{phrases(W.DAY_OPENERS)}\s+)?(?:{phrases(W.DAY_WORDS)}|\d{{1,2}}[/-]\d{{1,2}}\b)")
_WORD = re.compile(r"[^\W_]+(?:/[^\W_]+)?")

Splitter = Callable[[str], "list[tuple[int, int]]"]


@runtime_checkable
class RelationLinker(Protocol):
    """Anything that turns a text and its entities into relations."""

    def link(self, text: str, entities: Sequence[Entity]) -> list[Relation]:
        """Return the relations between ``entities`` stated in ``text``.

        Args:
            text: The original document text.
            entities: Entities with offsets into ``text`` (any order).

        Returns:
            Relations whose head and tail are among ``entities``.
        """
        ...


def _is_term(date: Entity) -> bool:
    """Tell whether a DATE names a term ("khóa XIII", "nhiệm kỳ 2020-2025")."""
    return _words(_norm(date.text))[:1] in (["khóa"], ["khoá"], ["nhiệm"])


def _is_age(unit: Entity | None) -> bool:
    """Tell whether a number's unit is an age ("54 tuổi"), which has no period."""
    return unit is not None and _words(_norm(unit.text)) == ["tuổi"]


def _is_membership(post: Entity) -> bool:
    """Tell whether a post is a membership ("Ủy viên", "thành viên", "đại biểu") that may span several bodies."""
    return _words(_norm(post.text))[:2] in _MEMBERSHIP


@lru_cache(maxsize=8192)
def _norm(s: str) -> str:
    """Normalise a piece of text for cue matching (NFC, tones, quotes, lower case); cached."""
    return normalize_string(s).lower()


def _words(s: str) -> list[str]:
    """Return the words (syllables) of a normalised string."""
    return _WORD.findall(s)


@dataclass
class _Sentence:
    """One sentence: its entities in order and the clause of each offset."""

    text: str
    start: int
    end: int
    entities: list[Entity]
    semicolons: list[int] = field(default_factory=list)

    def clause(self, offset: int) -> int:
        """Index of the ``;``-separated clause containing ``offset``."""
        return sum(1 for p in self.semicolons if p < offset)

    def clause_start(self, offset: int) -> int:
        """Start offset of the clause containing ``offset``."""
        before = [p + 1 for p in self.semicolons if p < offset]
        return before[-1] if before else self.start

    def gap(self, start: int, end: int, mask: frozenset[str] = frozenset()) -> str:
        """Normalised text of ``[start, end)``; entities with a label in ``mask`` become ``#``.

        Other entities inside the range keep their text.
        """
        pieces: list[str] = []
        pos = start
        for e in self.entities:
            if e.start >= start and e.end <= end and e.label in mask:
                pieces.append(self.text[pos : e.start])
                pieces.append(" # ")
                pos = e.end
        pieces.append(self.text[pos:end])
        return _norm("".join(pieces))

    def entities_between(self, start: int, end: int) -> list[Entity]:
        """Entities lying completely inside ``[start, end)``."""
        return [e for e in self.entities if e.start >= start and e.end <= end]



class RelationRules:
    """Base of the relation rule groups: makes a relation with its rule id, source and score."""

    def _rel(self, head: Entity, tail: Entity, label: str, rule: str) -> Relation:
        return Relation(head=head, tail=tail, label=label, score=rule_score(rule), source="rules", rule=rule)
