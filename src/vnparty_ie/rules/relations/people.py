"""``position`` (PERSON → POSITION) and ``organization`` (POSITION → ORG) rules.

See :mod:`vnparty_ie.rules.relations.linker` for what each rule links.

Example:
    >>> from vnparty_ie.rules.relations.linker import RuleRelationLinker
    >>> from vnparty_ie.types import make_entity
    >>> text = "Bí thư Tỉnh ủy, đồng chí Lê Văn An"
    >>> ents = [make_entity(text, 0, 6, "POSITION"), make_entity(text, 7, 14, "ORG"), make_entity(text, 25, 34, "PERSON")]
    >>> [(r.rule, r.tail.text) for r in RuleRelationLinker().link(text, ents)]
    [('position.before_comma', 'Bí thư'), ('organization.adjacent', 'Tỉnh ủy')]
"""

from __future__ import annotations

import re

from ...types import Entity, Relation
from ..words import WORDS as W
from .base import (
    _BIO,
    _CAREER,
    _CHAIN_WORDS,
    _GENERIC_BEFORE,
    _HONORIFICS,
    _LATER_POST_BLOCKS,
    _LIST_INTRO,
    _LIST_RULES,
    _MEMBER_APPOSITION,
    _MEMBER_GAP_WORDS,
    _NAME_LIST_WORDS,
    _OBJECT_WORDS,
    _ORG_CONNECTORS,
    _PERSON_TITLES,
    _PLACE_WORDS,
    _POST_VERB_WORDS,
    _POST_VERBS,
    _PROPOSED,
    RelationRules,
    _is_membership,
    _is_term,
    _norm,
    _Sentence,
    _words,
    phrases,
)

__all__ = ["PeopleRules"]

#: Words that qualify a post ("tân", "nguyên"), allowed between a count and the post it counts.
_POST_QUALIFIERS = frozenset(W.POST_QUALIFIERS)
#: Entities skipped as asides between a fronted chain and its holder (places, times, ages).
_ASIDE_LABELS = frozenset({"LOC", "DATE", "METRIC", "UNIT", "ORG"})
#: Entities skipped between a chain and the person before it who holds it (an age, an agent, a figure's TARGET).
_OWNER_ASIDES = _ASIDE_LABELS | {"TARGET"}
#: Of those, the ones read as "#" in the gap to that person (a place keeps its words).
_OWNER_GAP_MASK = _OWNER_ASIDES - {"LOC"}
#: Words that keep a clause's closing post verb from naming the person's own post (plans, purposes, proposals).
_LATER_POST_REFUSALS = (*_PROPOSED, *_LATER_POST_BLOCKS)
#: A parenthesis that says what the person before it is (was): "(hiện là", "(thời điểm đó là".
_PAREN_IS = re.compile(r"\s*\(\s*(?:(?:#|hiện(?:\s+nay)?|thời\s+điểm\s+đó|lúc\s+đó|khi\s+đó)\s*,?\s+)?(?:đang\s+)?là\s*")
#: A parenthesis after a person's post that gives another post of theirs: "(nguyên", "(nay là", "(hiện là".
_PAREN_THEN = re.compile(r"\s*\(\s*(?:nguyên|cựu|(?:nay|hiện(?:\s+nay)?|trước\s+đó|từng)\s+là)\s*")
#: A career cue closing the text between a person and the first post of their career, after "đã"/"từng" or a comma
#: ("ông X có 8 năm công tác tại …, kinh qua các chức danh A, B").
_CAREER_AT_END = re.compile(rf"(?:(?:^|(?<=[\s,]))(?:đã|từng)\s+|(?<=,))(?:{_CAREER.pattern})$")
#: A post verb closing a clause about the person named before it: "Ông X trưởng thành từ …, «từng giữ chức» Bí thư …".
_POST_VERB_AT_END = re.compile(
    rf"(?:^|(?<=[\s,]))(?:{phrases(W.POST_VERB_ADVERBS)}\s+)*(?:{phrases(W.APPOINTING_VERBS)}\s+)?"
    rf"{phrases(W.HOLDING_VERBS)}\s*$"
)
#: A time clause opening right before a post verb ("trong thời gian", "khi còn"): the post is fronted.
_TIME_CLAUSE_END = re.compile(r"(?:thời\s+gian|thời\s+điểm|(?<!\w)khi)(?:\s+(?:còn|đang))*\s*$")
#: The verb between a person and the post named for them: "ông X «giữ chức» Bí thư".
_VERBAL_POST_RE = re.compile(r"\s*(?:giữ\s+chức(?:\s+vụ)?|làm|vào\s+chức(?:\s+danh)?|cho\s+chức\s+danh)\s*")
#: A clause opened by a post held ("Trong thời gian giữ chức …", "Với cương vị …", "Khi còn là …").
_FRONTED_OPENER = re.compile(
    r"(?:^|[,.])\s*(?:trong\s+)?(?:thời\s+gian|thời\s+điểm|với\s+cương\s+vị|(?:đến\s+)?khi)\s+"
    r"(?:còn\s+)?(?:đang\s+)?(?:giữ\s+chức(?:\s+vụ)?|giữ\s+cương\s+vị|là|làm|nhậm\s+chức|đảm\s+nhiệm)?\s*$"
)
#: Words of a transfer between a dashed apposition and the new post ("đến nhận nhiệm vụ tại …, giữ chức").
_MOVE_WORDS = frozenset(W.MOVE_WORDS)
#: Words allowed between a fronted chain and the comma before its holder ("… giai đoạn từ # đến trước khi …").
_FRONTED_GAP_WORDS = frozenset(W.FRONTED_GAP_WORDS)

#: Posts held in the body of a post coordinated before them ("Phó Chủ tịch kiêm Tổng thư ký Hội …").
_SAME_BODY_POSTS = frozenset(" ".join(_words(_norm(t))) for t in W.SAME_BODY_POSTS)


class PeopleRules(RelationRules):
    """The ``position`` and ``organization`` rules (methods of the linker)."""

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
        "Bí thư kiêm Chủ tịch UBND" names two bodies; a later post held in the same body as the first
        ("Phó Chủ tịch kiêm Tổng thư ký Hội …", words/relations.yaml ``same_body_posts``) also shares it.
        """
        ents = sent.entities
        k = i
        head = self._post_head(ents[i])
        while k + 1 < len(ents) and ents[k + 1].label == "POSITION" and (
            self._post_head(ents[k + 1]) == head or self._is_same_body_post(ents[k + 1])
        ):
            between = sent.gap(ents[k].end, ents[k + 1].start)
            words = _words(between)
            deputy = not words and between.strip() == "," and self._is_deputy_of(ents[k], ents[k + 1])
            if re.search(r"[;:()]", between) or not words and not re.search(r"[\-–]", between) and not deputy:
                return None
            if not set(words) <= {"và", "kiêm", "rồi", "đồng", "thời"}:
                return None
            k += 1
            org, _ = self._holder(sent, k)
            if org is not None:
                return org
        return None

    @staticmethod
    def _is_deputy_of(first: Entity, second: Entity) -> bool:
        """Tell whether ``first`` is the deputy of ``second`` ("Phó Giám đốc, Giám đốc Sở …": one body).

        Example:
            >>> e = lambda t: Entity(0, len(t), "POSITION", t)
            >>> PeopleRules._is_deputy_of(e("Phó giám đốc"), e("Giám đốc")), PeopleRules._is_deputy_of(e("Bí thư"), e("Chủ tịch"))
            (True, False)
        """
        a, b = _words(_norm(first.text)), _words(_norm(second.text))  # _norm lower-cases
        return len(a) > 1 and a[0] == "phó" and a[1:] == b

    @staticmethod
    def _post_head(post: Entity) -> list[str]:
        """The head word of a post, without a trailing "thường trực" ("Phó Bí thư Thường trực" -> "thư")."""
        words = _words(_norm(post.text))
        while len(words) > 2 and words[-2:] == ["thường", "trực"]:
            words = words[:-2]
        return words[-1:]

    @staticmethod
    def _is_same_body_post(post: Entity) -> bool:
        """A post that is held in the body of the post coordinated before it ("Phó Chủ tịch kiêm Tổng thư ký …")."""
        return " ".join(_words(_norm(post.text))) in _SAME_BODY_POSTS

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
        while p >= 0 and ents[p].label in _OWNER_ASIDES and p not in held:
            p -= 1  # an aside (an age, an agent, a figure's TARGET): "ông X (51 tuổi), Bí thư …", "ông X được Tỉnh ủy bầu …"
        if p < 0:
            return None, ""
        if ents[p].label != "PERSON":
            if p in held:
                gap = self._aside_free_gap(sent, ents[p].end, ents[f].start)
                if held[p][1] == "position.after" and gap.lstrip().startswith(")"):
                    gap = gap.lstrip()[1:]  # "ông X (Bí thư Tỉnh ủy) tiếp tục giữ chức Chủ tịch …"
                if self._is_verbal_post(gap) or self._is_dashed_move(sent, held[p][1], ents[p].end, ents[f].start):
                    return held[p][0], "position.verbal"
                if held[p][1] == "position.career" and re.fullmatch(r"[\s;,]*(?:và\s*)?", gap):
                    return held[p][0], "position.career"
                if self._is_later_post_verb(gap):
                    return held[p][0], "position.verbal"  # "ông X, Giám đốc …, đã trúng cử … và được bầu giữ chức"
                if _PAREN_THEN.fullmatch(gap):
                    return held[p][0], "position.after"  # "ông X, Phó chủ tịch tỉnh (nguyên Giám đốc Sở …)"
            return None, ""
        between = self._aside_free_gap(sent, ents[p].end, ents[f].start)
        if between.strip() and (self._gap_is_honorific(between) or _PAREN_IS.fullmatch(between)):
            return p, "position.after"  # "ông X, Bí thư …", "bà X (hiện là Phó Bí thư …)"
        if _MEMBER_APPOSITION.fullmatch(sent.gap(ents[p].end, ents[f].start, frozenset({"ORG"}))):
            return p, "position.after"  # "ông X - đảng viên chi bộ cơ quan, Bí thư …"
        # "ông X được HĐND tỉnh bầu giữ chức …": an ORG may sit among the verbs.
        masked = sent.gap(ents[p].end, ents[f].start, _OWNER_GAP_MASK)
        masked = re.sub(r"\([^()]{0,20}\)", " ", masked)
        if re.fullmatch(r"[\s,]*", masked) is None and self._is_verbal_post(masked):
            return p, "position.verbal"
        # "cách tất cả các chức vụ của ông X, gồm: A; B", "đối với ông X (bao gồm cách chức cả các chức vụ: A, B)"
        if re.fullmatch(
            r"\s*[,(]?\s*(?:bao\s+)?gồm(?:\s+cách\s+chức)?(?:\s+cả)?(?:\s+các\s+chức\s+vụ)?\s*:\s*", masked
        ) and "chức vụ" in sent.gap(max(sent.start, ents[p].start - 80), ents[f].start):
            return p, "position.career"
        # "ông X công tác tại Huyện ủy Y, giữ các chức vụ: A, B …": the workplace comes first.
        if _CAREER.fullmatch(re.sub(r"^\s*(?:(?:đã|từng)\s+)?công\s+tác\s+tại\s+#\s*,", " ", masked)):
            return p, "position.career"
        # "Ông X được đánh giá là …, từng trải qua các chức vụ A, B": the subject, then the career cue.
        cue = _CAREER_AT_END.search(masked) if len(masked) <= 200 else None
        if cue is not None and not re.search(r"[.;:!?()]", masked[: cue.start()]):
            return p, "position.career"
        if self._is_later_post_verb(masked):
            return p, "position.verbal"
        return None, ""

    @staticmethod
    def _is_later_post_verb(gap: str) -> bool:
        """Tell whether a clause about a person ends in a post verb: "Ông X trưởng thành từ …, từng giữ chức".

        Not when the clause says a purpose, a plan or someone else's post (``later_post_blocks``, the
        proposal cues), nor when a time clause fronts the post ("trong thời gian giữ cương vị").

        Example:
            >>> PeopleRules._is_later_post_verb(" trưởng thành từ quê nhà #, từng giữ chức ")
            True
            >>> PeopleRules._is_later_post_verb(" từ Bộ Công Thương về tỉnh để giữ chức ")
            False
            >>> PeopleRules._is_later_post_verb(" nhận thấy trong thời gian giữ cương vị ")
            False
        """
        cue = _POST_VERB_AT_END.search(gap) if len(gap) <= 160 else None
        if cue is None or re.search(r"[.;:!?()\"“”]", gap[: cue.start()]):
            return False
        if _TIME_CLAUSE_END.search(gap[: cue.start()]):
            return False  # "… trong thời gian giữ cương vị A, ông X": a fronted post, held by the name after it
        words = f" {' '.join(_words(gap))} "
        return not any(f" {c} " in words for c in _LATER_POST_REFUSALS)

    def _has_apposition(self, sent: _Sentence, p: int, by_start: dict[int, tuple[int, int]]) -> bool:
        """Tell whether the PERSON at ``p`` is followed by its own chain in apposition."""
        if p + 1 not in by_start:
            return False
        ents = sent.entities
        last = by_start[p + 1][1]
        if last + 1 < len(ents) and ents[last + 1].label == "PERSON" and not sent.gap(ents[last].end, ents[last + 1].start).strip():
            return False  # "… và Nguyễn Thị Kim Ngân, Bộ trưởng Công an Trần Đại Quang": the chain is the next name's
        between = self._aside_free_gap(sent, ents[p].end, ents[p + 1].start)
        return bool(between.strip()) and self._gap_is_honorific(between)

    def _person_group(self, sent: _Sentence, p: int, step: int) -> list[int]:
        """Names listed with the PERSON at ``p`` ("ông A, B và bà C"), going forward (1) or back (-1)."""
        ents = sent.entities
        group = [p]
        k = p
        while 0 <= k + step < len(ents):
            if ents[k + step].label != "PERSON":
                after = self._after_paren_aside(sent, k) if step == 1 else None
                if after is None:
                    break
                k = after
                group.append(k)
                continue
            a, b = sorted((ents[k], ents[k + step]), key=lambda e: e.start)
            between = re.sub(r"\([^()]{0,12}\)", " ", sent.gap(a.end, b.start))  # captions: "(trái)"
            if not self._joins_names(between):
                break
            k += step
            group.append(k)
        return group

    @staticmethod
    def _after_paren_aside(sent: _Sentence, p: int) -> int | None:
        """The next name listed after the PERSON at ``p`` and the parenthesis of posts right after it.

        "ba Phó bí thư Nguyễn Thành Phong (Chủ tịch UBND thành phố), bà Nguyễn Thị Quyết Tâm …": the index of
        the next PERSON when only entities sit in the parenthesis and only list words follow it; else ``None``.
        """
        ents, text = sent.entities, sent.text
        opened = text.find("(", ents[p].end, ents[p].end + 3)
        closed = text.find(")", opened, opened + 80) if opened >= 0 and not text[ents[p].end : opened].strip() else -1
        if closed < 0 or "(" in text[opened + 1 : closed]:
            return None
        j = p + 1
        while j < len(ents) and ents[j].end <= closed:
            j += 1
        if j == p + 1 or j >= len(ents) or ents[j].label != "PERSON":
            return None
        return j if PeopleRules._joins_names(sent.gap(closed + 1, ents[j].start)) else None

    @staticmethod
    def _joins_names(between: str) -> bool:
        """Whether the text between two listed names holds only list words ("," "và", honorifics), no clause mark.

        >>> PeopleRules._joins_names(", bà "), PeopleRules._joins_names(" - Bí thư ")
        (True, False)
        """
        return not re.search(r"[;:()\-–]", between) and set(_words(between)) <= _NAME_LIST_WORDS

    @staticmethod
    def _is_dashed_move(sent: _Sentence, rule: str, start: int, end: int) -> bool:
        """A transfer after a dashed apposition: "ông X - Bí thư Huyện ủy - được điều động …, giữ chức Y"."""
        if rule != "position.after" or not re.match(r"\s*[-–,]", sent.gap(start, end)):
            return False
        gap = sent.gap(start, end, _ASIDE_LABELS)
        words = _words(gap)
        return (
            0 < len(words) <= 16
            and not re.search(r"[;:()]", gap)
            and re.search(r"\b(?:giữ chức|bổ nhiệm chức)", " ".join(words)) is not None
            and set(words) <= _POST_VERB_WORDS | _MOVE_WORDS
        )

    @staticmethod
    def _is_verbal_post(between: str) -> bool:
        """Tell whether the words between a name and a post attribute the post to the name."""
        between = re.sub(r"(hình\s+thức)\s*:", r"\1 ", between)  # "kỷ luật ông X bằng hình thức: cách chức …"
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
            return [
                (q, "position.list")
                for q in group
                if q == nxt or not self._has_apposition(sent, q, by_start) or self._after_paren_aside(sent, q) is not None
            ]
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
            and set(_words(sent.gap(ents[first - 1].end, ents[first].start))) <= _POST_QUALIFIERS  # "2 tân Phó chủ tịch"
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
            elif not holders:
                holders = self._fronted_owner(sent, chain)
            for p, rule in holders:
                held[chain[1]] = (p, rule)
                for k in range(first if rule == "position.before" else chain[0], chain[1] + 1):
                    if ents[k].label == "POSITION" and (k not in generic or rule in _LIST_RULES):
                        rels.append(self._rel(ents[p], ents[k], "position", rule))
        return rels

    def _fronted_owner(self, sent: _Sentence, chain: tuple[int, int]) -> list[tuple[int, str]]:
        """The subject of a clause opened by the chain ("Trong thời gian giữ chức A, B, ông X đã …").

        The chain follows an opener at the start of the sentence or after a comma ("trong thời
        gian giữ chức", "với cương vị", "khi còn là"); the first name after it, right after a comma
        and honorifics, holds it.
        """
        ents = sent.entities
        left = sent.gap(sent.start, ents[chain[0]].start, _ASIDE_LABELS)
        if not _FRONTED_OPENER.search(left):
            return []
        n = chain[1] + 1
        while n < len(ents) and ents[n].label in _ASIDE_LABELS:
            n += 1
        if n >= len(ents) or ents[n].label != "PERSON":
            return []
        gap = sent.gap(ents[chain[1]].end, ents[n].start, _ASIDE_LABELS)
        gap = re.sub(r"\([^()]{0,60}\)", " ", gap)
        lead, comma, tail = gap.rpartition(",")
        if not comma or re.search(r"[;:()\"“”]", gap) or len(_words(lead)) > 12:
            return []
        if not set(_words(tail)) <= _HONORIFICS or set(_words(lead)) - _FRONTED_GAP_WORDS:
            return []
        return [(n, "position.fronted")]

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
        def cue_before(pos: int) -> bool:
            left = sent.gap(max(sent.start, pos - 40), pos).split(",")[-1]
            last_words = " ".join(_words(left)[-4:])
            return any(cue in last_words for cue in _PROPOSED)

        post = sent.entities[first]
        if cue_before(post.start):
            return True
        # "đề xuất ông X giữ chức Bí thư": the cue stands before the person the post is proposed for.
        person = sent.entities[first - 1] if first > 0 else None
        return (
            person is not None
            and person.label == "PERSON"
            and _VERBAL_POST_RE.fullmatch(sent.gap(person.end, post.start)) is not None
            and cue_before(person.start)
        )
