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
    làm …"); a career list ("từng đảm nhiệm các chức vụ: A; B; C");
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
  membership ("Ủy viên", "thành viên") also links to every ORG coordinated
  after it ("Ủy viên Bộ Chính trị, Ban Bí thư") and to an ORG after "trong"; a
  bare post coordinated with a post of the same kind shares its ORG ("Bí thư và
  Phó Bí thư Tỉnh ủy", but not "Bí thư kiêm Chủ tịch UBND xã"). Plural posts
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

Each relation carries the fixed score of the rule that made it
(:data:`RULE_SCORES`): a hand-set estimate of the rule's precision on unseen
articles (on the seed gold data every rule is at or near 1.0, which is
optimistic since the rules were written while reading it).

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol, runtime_checkable

from .schema import DEFAULT_SCHEMA, Schema
from .text.normalize import normalize_string
from .text.sentences import split_sentences
from .types import Entity, Relation

__all__ = ["RULE_SCORES", "RelationLinker", "RuleRelationLinker"]

#: Score of each rule: a hand-set estimate of its precision on unseen articles.
RULE_SCORES: dict[str, float] = {
    "position.before": 0.95,  # chain of posts right before the name
    "position.before_comma": 0.75,  # "Bí thư Tỉnh ủy, đồng chí X" (or a new clause's subject)
    "position.after": 0.9,  # apposition: name, chain of posts
    "position.verbal": 0.7,  # "ông X được bầu giữ chức Chủ tịch …"
    "position.object": 0.6,  # "miễn nhiệm chức Phó Chủ tịch … đối với ông X"
    "position.career": 0.6,  # "ông X từng đảm nhiệm các chức vụ: A; B; C"
    "position.list": 0.7,  # "Các Phó Chủ tịch gồm: ông A, B", "hai Phó Chủ tịch A, B"
    "position.members": 0.65,  # "7 Ủy viên Bộ Chính trị gồm: Tổng Bí thư A, Thủ tướng B, …"
    "organization.adjacent": 0.95,  # post immediately followed by its ORG
    "organization.connector": 0.7,  # post + "của"/"thuộc" + ORG
    "organization.list": 0.7,  # "Ủy viên Bộ Chính trị, Ban Bí thư"
    "organization.shared": 0.65,  # "Bí thư và Phó Bí thư Tỉnh ủy"
    "unit.adjacent": 0.95,  # number immediately followed by its unit
    "unit.shared": 0.7,  # "12 và 15 tỷ đồng"
    "unit.age_before": 0.85,  # "ở tuổi 59"
    "target.after_close": 0.85,  # "100% ĐV cam kết …", "14 đồng chí được trao …"
    "target.before": 0.8,  # "kết nạp được 28 ĐV", "… đạt 95,91%"
    "target.before_far": 0.6,  # a TARGET before, more than a few words away
    "target.after_clause": 0.6,  # a TARGET later in the same clause
    "target.enumeration": 0.5,  # "; 9 Kế hoạch …" continuing the previous clause
    "period.adjacent": 0.9,  # DATE right after the number and its unit
    "period.before": 0.85,  # nearest DATE before, same clause
    "period.setting": 0.75,  # a DATE setting the time of an earlier clause
    "period.after": 0.6,  # a DATE later in the same clause
    "period.body": 0.7,  # the term of the body whose members are counted ("Ban Thư ký khóa X có 30 thành viên")
}

#: Words allowed between a chain of posts and the name ("…, đồng chí X").
_HONORIFICS = frozenset(
    ["đồng", "chí", "ông", "bà", "anh", "chị", "đ/c", "là", "nguyên", "tân", "cố", "từng", "gs", "ts", "pgs", "ths", "bs", "ks", "cn", "thượng", "đại", "trung", "thiếu", "tướng", "tá", "cựu", "đô", "đốc", "ngài"]
)  # fmt: skip
#: Words joining the names of a list ("ông A, B và bà C"); not "là" ("ông A là ông B").
_NAME_LIST_WORDS = (_HONORIFICS - {"là", "nguyên", "tân", "cố", "từng", "cựu"}) | {"và"}
#: Honorifics that name a person ("đối với ông X").
_PERSON_TITLES = frozenset({"ông", "bà", "anh", "chị", "đ/c", "đồng"})
#: Words linking two posts of one person ("Bí thư … kiêm Chủ tịch …", "…, nguyên Chủ tịch …",
#: "Phó Chủ tịch rồi Chủ tịch …", "Bí thư Đảng ủy, Chính ủy và Phó Bí thư …").
_CHAIN_WORDS = frozenset({"kiêm", "đồng", "thời", "là", "nguyên", "tân", "từng", "cựu", "và", "rồi"})
#: Place words that may follow a post without being tagged ("Phó Chủ tịch tỉnh", "Bí thư Chi bộ").
_PLACE_WORDS = frozenset({"tỉnh", "huyện", "xã", "phường", "quận", "thành", "phố", "thị", "trấn", "tp", "chi", "bộ"})
#: Verbs attributing a post to the person before them (held, elected, appointed, relieved of, moved from).
_POST_VERBS = (
    "giữ chức", "bầu", "bổ nhiệm", "đảm nhiệm", "làm", "tái cử", "miễn nhiệm", "cách chức", "thôi giữ", "thôi chức",
    "trở thành", "giữ cương vị", "chỉ định", "trúng cử", "đắc cử", "nhậm chức", "là", "từ", "điều động", "phân công",
    "đảm nhiệm vị trí", "kinh qua", "nhận nhiệm vụ", "đảm nhận", "kiêm nhiệm", "điều chuyển", "chuyển sang",
    "thôi", "mất chức", "cương vị", "tham gia",
)  # fmt: skip
#: Every word allowed between a name and a post stated by a verb.
_POST_VERB_WORDS = frozenset(
    ("được", "bầu", "giữ", "chức", "vụ", "danh", "làm", "bổ", "nhiệm", "đảm", "thôi", "hiện", "đang", "đã",
     "vừa", "tái", "cử", "miễn", "cách", "tiếp", "tục", "lại", "là", "chính", "thức", "nguyên", "cựu", "trở",
     "thành", "cương", "vị", "trí", "chỉ", "định", "trúng", "đắc", "nhậm", "từ", "từng", "vẫn", "bị", "sẽ", "về",
     "vào", "sang", "điều", "động", "phân", "công", "khi", "đó", "để", "nhận", "rồi", "mới", "trong", "thời", "gian",
     "trao", "quyết", "và", "cũng", "cùng", "còn", "lên", "kinh", "qua", "các", "thì", "kiêm", "chuyển", "tín",
     "không", "vụ", "sự", "xin", "đơn", "mất", "tham", "gia", "với", "ra", "sau", "tạm", "sung", "đại", "hội",
     "quốc")
)  # fmt: skip
#: Words between a post and the name it is stated of ("miễn nhiệm chức Phó Chủ tịch … đối với ông X").
_OBJECT_WORDS = frozenset({"đối", "với", "của"})
#: Words (after a post or a list of names) that introduce the holders ("Các Phó Chủ tịch gồm: ông A, B").
_LIST_INTRO = frozenset({"gồm", "là", "có"})
#: Words allowed between the items of a list of members ("gồm: trung tướng A - Giám đốc …; bà B (hiện là …)").
_MEMBER_GAP_WORDS = _HONORIFICS | _PLACE_WORDS | {"và", "hiện", "là", "nguyên", "kiêm", "đồng", "thời", "các"}
#: Rules that link generic or plural posts to the names listed after them.
_LIST_RULES = frozenset({"position.list", "position.members"})
#: Connecting words allowed between a post and its organisation.
_ORG_CONNECTORS = frozenset({"của", "thuộc"})
#: Words before a post that make it generic/plural (no links).
_GENERIC_BEFORE = frozenset({"các", "những", "mỗi", "nhiều", "mọi"})
#: Words showing a post is only proposed or planned (no ``position`` link).
_PROPOSED = ("đề xuất", "quy hoạch", "giới thiệu", "ứng cử", "dự kiến", "đề cử", "đề nghị bầu")
#: Connectors between two coordinated numbers that share a unit.
_NUMBER_CONNECTORS = frozenset({"và", "hoặc", "đến", "tới", "-", "–", ",", "/"})
#: Words that introduce a comparison baseline right before a DATE.
_BASELINE = re.compile(r"(?:\bso\b|\bkế hoạch\b|\bchỉ tiêu\b|\bmục tiêu\b|\bcùng kỳ\b)(?:\s+\S+){0,2}\s*$")
#: A number naming the whole a part is taken from ("63 trên tổng số 68 đảng bộ", "so với 63 tỉnh"): no TARGET.
_REFERENCE_SET = re.compile(r"(?:\btrong(?:\s+tổng)?\s+số|\btrên\s+tổng\s+số|\bso\s+với)\s*$")
#: A planned or target figure ("mục tiêu là 15-20%", "kế hoạch vốn 4.500 tỷ đồng"): no period.
_PLANNED = re.compile(r"\b(?:kế hoạch|chỉ tiêu|mục tiêu)(?:\s+[^\W\d]+){0,2}\s*$")
#: Words between a body's term and the count of its members ("khóa X có 30 thành viên").
_BODY_AFTER = frozenset({"có", "gồm", "với", "là"})
#: Maximum number of plain words between a number and a following TARGET.
_MAX_FOLLOW_WORDS = 4
#: Beyond this many words, a TARGET before the number is a weaker guess.
_MAX_BEFORE_WORDS = 8
#: A comma then one of these words starts a new predicate ("…, đã kết nạp …").
_NEW_PREDICATE = re.compile(r"[,:]\s*(?:đã|đang|sẽ|vẫn|cũng|đạt|tăng|giảm|vượt|hoàn thành|trong đó|nhưng|song|nâng)\b")
#: An apposition that opens with party membership ("ông X - đảng viên chi bộ cơ quan, Trưởng phòng …").
_MEMBER_APPOSITION = re.compile(r"\s*[-–,]\s*đảng viên\b[^,;:()]{0,40},\s*")
#: Words introducing a list of posts held ("từng đảm nhiệm các chức vụ:", "kinh qua các chức danh").
_CAREER = re.compile(
    r"\s*(?:bằng\s+hình\s+thức\s*:?\s*)?(?:(?:đã|từng|lần lượt|bị)\s+)*"
    r"(?:giữ|đảm nhiệm|kinh qua|trải qua|cách chức|cách|miễn nhiệm)\s+(?:cả\s+|tất cả\s+)?(?:các|nhiều)\s+"
    r"(?:chức vụ|chức danh|vị trí|cương vị)(?:\s+(?:chủ chốt|lãnh đạo|quan trọng))?"
    r"(?:\s*:|(?:\s+[^\W\d]+){0,4}\s*,?\s*như\s*:?)?\s*"
)
#: Pieces of a short biography between a name and its posts (entities masked as ``#``):
#: "sinh năm 1966", "58 tuổi", "quê (ở) xã A, huyện B", "tại Đồng Tháp".
_BIO = re.compile(
    r"\bsinh\s+(?:năm\s+|ngày\s+)?#|(?<![\w#])#\s*#(?=[\s,;()]*(?:quê|là|$|,))|"
    r"\b(?:quê(?:\s+(?:ở|quán|tại))?|tại)\s+#(?:[\s,()]*#)*(?:\s*\))?"
)
#: A DATE naming a single day or part of a day ("Sáng 25/10", "ngày 4-2-2013", "hôm nay", "30/11").
_DAY = re.compile(r"(?:từ\s+|đến\s+|tới\s+)?(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|cùng ngày|\d{1,2}[/-]\d{1,2}\b)")
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
    """Tell whether a post is a membership ("Ủy viên", "thành viên") that may span several bodies."""
    words = _words(_norm(post.text))
    return words[:2] in (["ủy", "viên"], ["uỷ", "viên"], ["thành", "viên"])


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


class RuleRelationLinker:
    """Rule-based relation linker (see the module docstring for the rules).

    Args:
        schema: Schema used to type-check every relation; relations it does not
            allow are never produced.
        splitter: Sentence splitter returning ``(start, end)`` spans into the
            text; defaults to :func:`vnparty_ie.text.sentences.split_sentences`.
        min_score: Relations scoring below this are dropped.

    Example:
        >>> linker = RuleRelationLinker()
        >>> isinstance(linker, RelationLinker)
        True
    """

    def __init__(self, schema: Schema = DEFAULT_SCHEMA, splitter: Splitter | None = None, min_score: float = 0.0):
        self.schema = schema
        self.splitter: Splitter = splitter or split_sentences
        self.min_score = min_score

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
        """Apply every rule to one sentence."""
        rels: list[Relation] = []
        positions = self._position(sent)
        rels += positions
        rels += self._organization(sent)
        units = self._unit(sent)
        rels += units
        unit_of = {r.head: r.tail for r in units}
        rels += self._target(sent, unit_of)
        rels += self._period(sent, unit_of, frozenset(r.tail for r in positions))
        return rels

    def _rel(self, head: Entity, tail: Entity, label: str, rule: str) -> Relation:
        return Relation(head=head, tail=tail, label=label, score=RULE_SCORES[rule], source="rules", rule=rule)

    # ---------------------------------------------------- posts and people

    @staticmethod
    def _is_generic_post(sent: _Sentence, i: int) -> bool:
        """A plural or generic post ("các đại biểu", "các đồng chí Ủy viên …", "Bí thư các chi bộ").

        Counted posts ("4 Phó Bí thư") are not generic: they keep their organisation.
        """
        ents = sent.entities
        post = ents[i]
        left = _words(sent.gap(ents[i - 1].end if i else sent.start, post.start))
        while left and left[-1] in _HONORIFICS:
            left.pop()
        if left and left[-1] in _GENERIC_BEFORE:
            return True
        first = _words(_norm(post.text))[:1]
        return bool(first) and first[0] in _GENERIC_BEFORE

    def _holder(self, sent: _Sentence, i: int) -> tuple[Entity | None, str]:
        """The ORG of the post at index ``i`` (and the rule), if directly after it."""
        ents = sent.entities
        if i + 1 >= len(ents) or ents[i + 1].label != "ORG":
            return None, ""
        between = sent.gap(ents[i].end, ents[i + 1].start)
        if not between.strip():
            return ents[i + 1], "organization.adjacent"
        words = _words(between)
        if len(words) == 1 and words[0] in _ORG_CONNECTORS and not re.search(r"[,;:()]", between):
            return ents[i + 1], "organization.connector"
        return None, ""

    def _chains(self, sent: _Sentence) -> list[tuple[int, int]]:
        """Chains of posts as ``(first index, last index)`` into ``sent.entities``.

        A chain is POSITION [ORG|LOC] [term] (, POSITION [ORG|LOC] [term])*: a
        post and its ORG/LOC are separated by whitespace (or one connecting
        word), a term DATE ("khóa XIII", "nhiệm kỳ 2020-2025") may follow; posts
        are separated by a comma, a dash, "kiêm", "đồng thời (là)", "nguyên",
        "và" or "rồi", possibly after an untagged place word ("Phó Chủ tịch
        tỉnh, …"); a short parenthesis ("(GD-ĐT)") may follow an ORG.
        """
        ents = sent.entities
        chains: list[tuple[int, int]] = []
        i = 0
        while i < len(ents):
            if ents[i].label != "POSITION":
                i += 1
                continue
            first = i
            while True:
                last = self._post_end(sent, i)
                nxt = last + 1
                if (
                    nxt < len(ents)
                    and ents[nxt].label == "POSITION"
                    and self._joins_posts(sent.gap(ents[last].end, ents[nxt].start))
                ):
                    i = nxt
                    continue
                break
            chains.append((first, last))
            i = last + 1
        return chains

    def _post_end(self, sent: _Sentence, i: int) -> int:
        """Index of the last entity of the post at ``i``: the post, its ORG/LOC, then term DATEs."""
        ents = sent.entities
        last = i
        if i + 1 < len(ents) and ents[i + 1].label in ("ORG", "LOC"):
            between = sent.gap(ents[i].end, ents[i + 1].start)
            if not between.strip() or self._holder(sent, i)[0] is not None:
                last = i + 1
        while (
            last + 1 < len(ents)
            and ents[last + 1].label == "DATE"
            and _is_term(ents[last + 1])
            and re.fullmatch(r"[\s,]*", sent.gap(ents[last].end, ents[last + 1].start))
        ):
            last += 1
        return last

    @staticmethod
    def _joins_posts(between: str) -> bool:
        """Tell whether the text between two posts joins them into one person's chain."""
        between = re.sub(r"\([^()]{0,20}\)", " ", between)
        if re.search(r"[;:()]", between):
            return False
        lead = _words(re.split(r"[,\-–]", between)[0])
        k = 0
        while k < len(lead) and lead[k] in _PLACE_WORDS:
            k += 1
        return set(_words(re.sub(r"[,\-–]", " ", between))[k:]) <= _CHAIN_WORDS

    def _generic_posts(self, sent: _Sentence, chains: list[tuple[int, int]]) -> set[int]:
        """Indices of generic posts; a chain opened by a generic post is generic throughout."""
        generic = {i for i, e in enumerate(sent.entities) if e.label == "POSITION" and self._is_generic_post(sent, i)}
        for first, last in chains:
            if first in generic:
                generic.update(range(first, last + 1))
        return generic

    def _organization(self, sent: _Sentence) -> list[Relation]:
        """Link posts to their ORG: adjacent, through a list of bodies, or shared by coordinated posts.

        Plural posts keep their ORG ("các Ủy viên Bộ Chính trị": calibration item 13).
        """
        ents = sent.entities
        rels = []
        for i, e in enumerate(ents):
            if e.label != "POSITION":
                continue
            org, rule = self._holder(sent, i)
            if org is not None:
                rels.append(self._rel(e, org, "organization", rule))
                if _is_membership(e):
                    rels += [self._rel(e, o, "organization", "organization.list") for o in self._org_list(sent, i + 1)]
            elif _is_membership(e) and i + 1 < len(ents) and ents[i + 1].label == "ORG":
                if _words(sent.gap(e.end, ents[i + 1].start)) == ["trong"]:
                    rels.append(self._rel(e, ents[i + 1], "organization", "organization.connector"))
            else:
                shared = self._shared_holder(sent, i)
                if shared is not None:
                    rels.append(self._rel(e, shared, "organization", "organization.shared"))
        return rels

    @staticmethod
    def _org_list(sent: _Sentence, k: int) -> list[Entity]:
        """ORGs coordinated after the ORG at ``k`` ("Ủy viên Bộ Chính trị, Ban Bí thư")."""
        ents = sent.entities
        out = []
        while k + 1 < len(ents) and ents[k + 1].label == "ORG":
            between = sent.gap(ents[k].end, ents[k + 1].start)
            if re.search(r"[;:()]", between) or set(_words(between)) - {"và"}:
                break
            out.append(ents[k + 1])
            k += 1
        return out

    def _shared_holder(self, sent: _Sentence, i: int) -> Entity | None:
        """The ORG of a later post coordinated with the bare post at ``i`` ("Bí thư và Phó Bí thư Tỉnh ủy").

        Both posts must be of one kind (same head word: "Phó Chủ tịch rồi Chủ tịch UBND …"), since
        "Bí thư kiêm Chủ tịch UBND" names two bodies.
        """
        ents = sent.entities
        k = i
        head = _words(_norm(ents[i].text))[-1:]
        while k + 1 < len(ents) and ents[k + 1].label == "POSITION" and _words(_norm(ents[k + 1].text))[-1:] == head:
            between = sent.gap(ents[k].end, ents[k + 1].start)
            words = _words(between)
            if re.search(r"[;:()]", between) or not words and not re.search(r"[\-–]", between):
                return None
            if not set(words) <= {"và", "kiêm", "rồi", "đồng", "thời"}:
                return None
            k += 1
            org, _ = self._holder(sent, k)
            if org is not None:
                return org
        return None

    @staticmethod
    def _gap_is_honorific(between: str) -> bool:
        """Tell whether the text between a chain and a name is only punctuation and honorifics."""
        return ";" not in between and set(_words(between)) <= _HONORIFICS

    def _aside_free_gap(self, sent: _Sentence, start: int, end: int) -> str:
        """Gap text without short asides such as an age or a photo caption ("(51 tuổi)", "(trái)").

        An opening "(51 tuổi, …" keeps its parenthesis.
        """
        gap = sent.gap(start, end, frozenset({"METRIC", "UNIT", "DATE"}))
        gap = re.sub(r"\([^()]{0,20}\)", " ", gap)
        return re.sub(r"\(\s*#[^(),]{0,20},", "(", gap)

    def _next_owner(self, sent: _Sentence, chain: tuple[int, int]) -> tuple[int | None, str]:
        """The PERSON right after a chain that holds it, and the rule.

        "Bí thư Tỉnh ủy, đồng chí X" (before), "miễn nhiệm chức Phó Chủ tịch …
        (nhiệm kỳ 2016-2021) đối với ông X" (object), "Các Phó Chủ tịch gồm: ông
        A, …" (list).
        """
        ents = sent.entities
        n = chain[1] + 1
        while n < len(ents) and ents[n].label == "DATE":
            n += 1
        if n >= len(ents) or ents[n].label != "PERSON":
            return None, ""
        between = sent.gap(ents[chain[1]].end, ents[n].start, frozenset({"DATE"}))
        if re.search(r"[;\"”]", between):
            return None, ""  # the end of a quotation: '… Bí thư Thành ủy", ông X nói'
        words = set(_words(between))
        if n > chain[1] + 1:  # a time span between: "… trong thời gian 2011 - 2016 đối với ông X"
            words -= {"trong", "thời", "gian"}
            if self._is_object_gap(words, re.sub(r"[()]", " ", between)):
                return n, "position.object"
            dated = re.fullmatch(r"\s*(?:(?:vào|từ)\s+)?#\s*,([^#]*)", between)
            if dated and set(_words(dated.group(1))) <= _HONORIFICS:
                return n, "position.before_comma"  # "Bộ trưởng từ tháng 4/2016 đến nay, ông X"
            return None, ""
        if ")" in between:
            return None, ""  # "A (Chủ tịch UBND thành phố), bà B": the parenthesis belongs to A
        lead = _words(re.split(r"[,\-–]", between)[0])
        if words <= _HONORIFICS | set(lead) and set(lead) <= _HONORIFICS | _PLACE_WORDS:
            # "Bí thư Tỉnh ủy, đồng chí X", "hai Phó Chủ tịch huyện A, B" (an untagged place word first)
            return n, "position.before_comma" if "," in between else "position.before"
        if self._is_object_gap(words, between):
            return n, "position.object"
        if words <= _HONORIFICS | _LIST_INTRO and (words & _LIST_INTRO or ":" in between):
            return n, "position.list"
        return None, ""

    @staticmethod
    def _is_object_gap(words: set[str], between: str) -> bool:
        """Tell whether a post is stated of a person named after it ("… đối với ông X", "… của bà Y")."""
        return (
            not re.search(r"[:()]", between)
            and bool(words & _OBJECT_WORDS)
            and bool(words & _PERSON_TITLES)
            and words <= _HONORIFICS | _OBJECT_WORDS
        )

    def _prev_owner(
        self, sent: _Sentence, chain: tuple[int, int], held: dict[int, tuple[int, str]]
    ) -> tuple[int | None, str]:
        """The PERSON before a chain that holds it (see :meth:`_prev_owner_plain`), maybe after a biography.

        "ông X sinh năm 1966, quê Đồng Tháp, là Ủy viên …", "ông Y, 58 tuổi, quê ở Z, là …".
        """
        p, rule = self._prev_owner_plain(sent, chain, held)
        return (p, rule) if p is not None else self._bio_owner(sent, chain[0])

    def _bio_owner(self, sent: _Sentence, f: int) -> tuple[int | None, str]:
        """The PERSON before the post at ``f`` when only a short biography (birth, age, home) separates them."""
        ents = sent.entities
        p = f - 1
        while p >= 0 and ents[p].label in ("METRIC", "UNIT", "DATE", "LOC"):
            p -= 1
        if p < 0 or ents[p].label != "PERSON" or p == f - 1:
            return None, ""
        gap = sent.gap(ents[p].end, ents[f].start, frozenset({"METRIC", "UNIT", "DATE", "LOC"}))
        rest = _BIO.sub(" ", gap)
        if rest == gap:
            return None, ""
        for _ in range(3):
            rest = re.sub(r"\([\s,#]*\)", " ", rest)
        rest = re.sub(r";\s*$", ", ", rest)  # "ông X, sinh năm 1971, quê quán …; Ủy viên …"
        if "#" in rest or not rest.strip():
            return None, ""
        # A biography then "(từng) là A; B; C" or "từng giữ các chức vụ: A; B" lists a career:
        # later ";" items are the person's too.
        if self._gap_is_honorific(rest) or self._is_verbal_post(rest) or _CAREER.fullmatch(rest.lstrip(" ,")):
            return p, "position.career"
        return None, ""

    def _prev_owner_plain(
        self, sent: _Sentence, chain: tuple[int, int], held: dict[int, tuple[int, str]]
    ) -> tuple[int | None, str]:
        """The PERSON before a chain that holds it in apposition or by a verb ("ông X, Bí thư …").

        ``held`` maps the last index of an earlier chain to its holder and rule, so
        that "ông X, Chủ nhiệm …, làm Trưởng ban" continues with X, and a career
        list ("ông X từng giữ các chức vụ: A; B; C") runs on over ``;``.
        """
        ents = sent.entities
        f = chain[0]
        p = f - 1
        while p >= 0 and ents[p].label in ("METRIC", "UNIT", "DATE", "ORG") and p not in held:
            p -= 1  # an aside such as an age, or an agent: "ông X (51 tuổi), Bí thư …", "ông X được Tỉnh ủy bầu …"
        if p < 0:
            return None, ""
        if ents[p].label != "PERSON":
            if p in held:
                gap = self._aside_free_gap(sent, ents[p].end, ents[f].start)
                if held[p][1] == "position.after" and gap.lstrip().startswith(")"):
                    gap = gap.lstrip()[1:]  # "ông X (Bí thư Tỉnh ủy) tiếp tục giữ chức Chủ tịch …"
                if self._is_verbal_post(gap):
                    return held[p][0], "position.verbal"
                if held[p][1] == "position.career" and re.fullmatch(r"[\s;,]*(?:và\s*)?", gap):
                    return held[p][0], "position.career"
            return None, ""
        between = self._aside_free_gap(sent, ents[p].end, ents[f].start)
        if between.strip() and self._gap_is_honorific(between):
            return p, "position.after"
        if _MEMBER_APPOSITION.fullmatch(sent.gap(ents[p].end, ents[f].start, frozenset({"ORG"}))):
            return p, "position.after"  # "ông X - đảng viên chi bộ cơ quan, Bí thư …"
        # "ông X được HĐND tỉnh bầu giữ chức …": an ORG may sit among the verbs.
        masked = sent.gap(ents[p].end, ents[f].start, frozenset({"ORG", "METRIC", "UNIT", "DATE"}))
        masked = re.sub(r"\([^()]{0,20}\)", " ", masked)
        if re.fullmatch(r"[\s,]*", masked) is None and self._is_verbal_post(masked):
            return p, "position.verbal"
        if _CAREER.fullmatch(masked):
            return p, "position.career"
        return None, ""

    def _has_apposition(self, sent: _Sentence, p: int, by_start: dict[int, tuple[int, int]]) -> bool:
        """Tell whether the PERSON at ``p`` is followed by its own chain in apposition."""
        if p + 1 not in by_start:
            return False
        between = self._aside_free_gap(sent, sent.entities[p].end, sent.entities[p + 1].start)
        return bool(between.strip()) and self._gap_is_honorific(between)

    def _person_group(self, sent: _Sentence, p: int, step: int) -> list[int]:
        """Names listed with the PERSON at ``p`` ("ông A, B và bà C"), going forward (1) or back (-1)."""
        ents = sent.entities
        group = [p]
        k = p
        while 0 <= k + step < len(ents) and ents[k + step].label == "PERSON":
            a, b = sorted((ents[k], ents[k + step]), key=lambda e: e.start)
            between = re.sub(r"\([^()]{0,12}\)", " ", sent.gap(a.end, b.start))  # captions: "(trái)"
            if re.search(r"[;:()\-–]", between) or not set(_words(between)) <= _NAME_LIST_WORDS:
                break
            k += step
            group.append(k)
        return group

    @staticmethod
    def _is_verbal_post(between: str) -> bool:
        """Tell whether the words between a name and a post attribute the post to the name."""
        words = _words(between)
        if not words or len(words) > 9 or re.search(r"[;:()]", between):
            return False
        if "trao" in words and "được" not in words:
            return False  # "ông X trao quyết định bổ nhiệm …" gives the post to someone else
        text = " ".join(words)
        return any(re.search(rf"\b{cue}\b", text) for cue in _POST_VERBS) and set(words) <= _POST_VERB_WORDS

    def _chain_holders(
        self,
        sent: _Sentence,
        chain: tuple[int, int],
        held: dict[int, tuple[int, str]],
        by_start: dict[int, tuple[int, int]],
    ) -> list[tuple[int, str]]:
        """The PERSONs holding a chain, with the rule for each (see the module docstring)."""
        prev, prev_rule = self._prev_owner(sent, chain, held)
        nxt, next_rule = self._next_owner(sent, chain)
        if prev is not None and nxt is not None and prev_rule == "position.after":
            between = sent.gap(sent.entities[prev].end, sent.entities[chain[0]].start)
            next_gap = sent.gap(sent.entities[chain[1]].end, sent.entities[nxt].start)
            if "(" in between or ("," in next_gap and self._has_apposition(sent, nxt, by_start)):
                nxt = None
            else:
                prev = None
        elif prev is not None and next_rule == "position.before":
            prev = None  # "nhận quyết định từ Thứ trưởng Hồ Thị Thoa": a post right before a name is that name's
        if prev is not None:
            if prev_rule == "position.verbal":
                return [(q, prev_rule) for q in self._person_group(sent, prev, -1)]
            return [(prev, prev_rule)]
        if nxt is None:
            return []
        if next_rule == "position.list" or self._is_plural_chain(sent, chain):
            group = self._person_group(sent, nxt, 1)
            return [(q, "position.list") for q in group if q == nxt or not self._has_apposition(sent, q, by_start)]
        return [(nxt, next_rule)]

    def _is_plural_chain(self, sent: _Sentence, chain: tuple[int, int]) -> bool:
        """A chain opened by a plural or counted post ("các Phó Chủ tịch", "hai Phó Chủ tịch")."""
        first = chain[0]
        if self._is_generic_post(sent, first):
            return True
        ents = sent.entities
        return (
            first > 0
            and ents[first - 1].label == "METRIC"
            and not sent.gap(ents[first - 1].end, ents[first].start).strip()
        )

    def _position(self, sent: _Sentence) -> list[Relation]:
        ents = sent.entities
        chains = self._chains(sent)
        generic = self._generic_posts(sent, chains)
        by_start = {first: (first, last) for first, last in chains}
        held: dict[int, tuple[int, str]] = {}
        rels: list[Relation] = []
        for chain in chains:
            holders = self._chain_holders(sent, chain, held, by_start)
            if self._is_proposed(sent, chain[0]):
                # "giới thiệu Bộ trưởng Công an X làm Chủ tịch nước": a post right before the name describes
                # the person; the proposed post comes after the name.
                holders = [(p, rule) for p, rule in holders if rule == "position.before"]
                # "đề cử làm Chủ tịch UBND thành phố - Phó Bí thư Thành ủy X": only the posts after the dash are X's.
                first = max(
                    [
                        k
                        for k in range(chain[0] + 1, chain[1] + 1)
                        if re.search(r"[-–]", sent.gap(ents[k - 1].end, ents[k].start))
                    ],
                    default=chain[0],
                )
            else:
                first = chain[0]
            if self._is_plural_chain(sent, chain):
                holders += [(p, "position.members") for p in self._members(sent, chain)]
            for p, rule in holders:
                held[chain[1]] = (p, rule)
                for k in range(first if rule == "position.before" else chain[0], chain[1] + 1):
                    if ents[k].label == "POSITION" and (k not in generic or rule in _LIST_RULES):
                        rels.append(self._rel(ents[p], ents[k], "position", rule))
        return rels

    @staticmethod
    def _members(sent: _Sentence, chain: tuple[int, int]) -> list[int]:
        """Names of a list of members after a plural or counted post and "gồm" / ":".

        "7 Ủy viên Bộ Chính trị gồm: Tổng Bí thư A, Phó Thủ tướng B, …", "4 Phó Bí thư
        gồm bà A (hiện là …), bà B (…); ông C": each item may carry its own posts.
        """
        ents = sent.entities
        n = chain[1] + 1
        if n >= len(ents):
            return []
        intro = sent.gap(ents[chain[1]].end, ents[n].start)
        words = _words(intro)
        if not re.fullmatch(r"[\s,]*(?:bao\s+)?gồm\s*:?\s*(?:\S+\s*)?|[\s,]*(?:là|gồm)?\s*:\s*(?:\S+\s*)?", intro):
            return []
        if words and not set(words) - {"bao", "gồm", "là"} <= _HONORIFICS:
            return []
        out = []
        for k in range(n, len(ents)):
            if k > n:
                gap = sent.gap(ents[k - 1].end, ents[k].start)
                if ":" in gap or not set(_words(gap)) <= _MEMBER_GAP_WORDS:
                    break
            if ents[k].label == "PERSON":
                out.append(k)
            elif ents[k].label not in ("POSITION", "ORG", "LOC", "DATE"):
                break
        return out

    @staticmethod
    def _is_proposed(sent: _Sentence, first: int) -> bool:
        """Tell whether a chain is only proposed or planned ("đề xuất", "ứng cử" … just before it)."""
        post = sent.entities[first]
        left = sent.gap(max(sent.start, post.start - 40), post.start).split(",")[-1]
        last_words = " ".join(_words(left)[-4:])
        return any(cue in last_words for cue in _PROPOSED)

    # ------------------------------------------------------------- figures

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

    def _target(self, sent: _Sentence, unit_of: dict[Entity, Entity]) -> list[Relation]:
        ents = sent.entities
        targets = [e for e in ents if e.label == "TARGET"]
        if not targets:
            return []
        rels = []
        figures = frozenset({"METRIC", "UNIT"})
        for m in ents:
            if m.label != "METRIC" or _REFERENCE_SET.search(sent.gap(max(sent.start, m.start - 25), m.start)):
                continue
            clause = sent.clause(m.start)
            after_from = unit_of[m].end if m in unit_of else m.end
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
        ages = [e for e in ents if e.label == "METRIC" and _is_age(unit_of.get(e))]
        metrics = [e for e in ents if e.label == "METRIC" and e not in ages]
        body_terms = {m: d for m in metrics if (d := self._body_term(sent, m)) is not None}
        if not dates and not body_terms:
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
            chosen, rule = self._period_of(sent, m, dates, metrics, adjacent, unit_of)
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
        before = [d for d in dates if d.end <= m.start and d not in taken and not self._is_remote_day(sent, d, m)]
        same = [d for d in before if sent.clause(d.start) == clause]
        if same:
            return same[-1], "period.before"
        after_from = unit_of[m].end if m in unit_of else m.end
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

    def _adjacent_date(self, sent: _Sentence, m: Entity, unit_of: dict[Entity, Entity]) -> Entity | None:
        """A DATE right after the number and its unit ("1.664 USD năm 2015 lên 2.094 USD năm 2018")."""
        end = unit_of[m].end if m in unit_of else m.end
        later = [e for e in sent.entities if e.start >= end]
        if not later or later[0].label != "DATE" or sent.gap(end, later[0].start).strip():
            return None
        date = later[0]
        return None if self._is_deadline(sent, date) or _is_term(date) else date

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
        if _words(sent.gap(max(sent.start, date.start - 8), date.start))[-1:] == ["đến"]:
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
        return _words(sent.gap(max(sent.start, date.start - 10), date.start))[-1:] != ["tính"]

    def _is_period_date(self, sent: _Sentence, i: int) -> bool:
        """Tell whether the DATE at index ``i`` may be a period (not a baseline nor a name part)."""
        ents = sent.entities
        date = ents[i]
        left_from = ents[i - 1].end if i else sent.start
        left = sent.gap(max(left_from, date.start - 40, sent.start), date.start)
        if _BASELINE.search(left):
            return False
        return not self._is_attributive(sent, i)

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
        while True:
            first = _words(_norm(ents[i].text))[:1]
            if first and first[0] == "khóa":
                return True
            if not i or _words(sent.gap(ents[i - 1].end, ents[i].start)):
                return False
            if ents[i - 1].label in ("RESOLUTION", "EVENT"):
                return True
            if ents[i - 1].label != "DATE":
                return False
            i -= 1
