"""ORG rules: party committees and bodies, state bodies, ministries, press, institutions.

The callbacks trim a trailing place name so that it does not swallow a person's
name (:func:`finish_org`), require the place where a body is too generic alone
(:func:`finish_org_required`), and cut institution names (:func:`finish_institution`).
After resolution, :func:`merge_orgs`, :func:`org_with_place` and
:func:`org_bare_level` join a party body to the body or place it belongs to
(guidelines rule 2); each join is a named rule of its own.

Example:
    >>> from .grammar import rx
    >>> rule = RULES[0]
    >>> m = rx(rule.pattern).search("Quận ủy Thanh Xuân Bùi Huyền Mai")
    >>> m.string[slice(*finish_org(m.string, m))]
    'Quận ủy Thanh Xuân'
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ..base import Rule
from ..words import WORDS as W
from .grammar import (
    ACR,
    CAPW,
    COMMITTEE,
    COMMITTEE_LC,
    LO,
    PLACE,
    TP,
    UP,
    WE,
    WS,
    alt,
    alt_first_exact,
    norm,
    rx,
    tail,
    tail_required,
)
from .places import cut_person_tail, plausible_bare_place, trim_place
from .positions import BAN_NAME, DOMAIN
from .spans import T_NAMED, Candidate, rstrip_ws

__all__ = ["MERGE_RULES", "RULES", "finish_institution", "finish_org", "finish_org_required", "merge_orgs", "org_bare_level",
           "org_with_place"]

_NAME_WORD_SET = frozenset(norm(t) for t in W.NAME_WORDS)
_LEVELS_AFTER_RE = re.compile(r"(?:TP\.?|Tp\.?|tỉnh|thành phố|Thành phố)\s*$")


def _finish_tail(v: str, m: re.Match[str], required: bool) -> tuple[int, int] | None:
    """Trim a place-name group (``p*``/``q*``) so it does not swallow a following person's name."""
    s, e = m.start(), m.end()
    for name, val in m.groupdict().items():
        if val is None or not name.startswith(("p", "q")):
            continue
        gs, ge = m.span(name)
        if ge != e:
            continue
        # After "TP"/"tỉnh"/"thành phố" a following personal name is no place;
        # after "phường"/"xã"/"quận" it may be (streets and wards named after people).
        after_level = name.startswith("p") and not _LEVELS_AFTER_RE.search(v[s:gs])
        new_end = trim_place(v, gs, ge, after_level=after_level)
        if name.startswith("q") and new_end > gs and not plausible_bare_place(v, gs, new_end):
            new_end = gs
        if new_end <= gs:
            if required and name == "q2":
                return None  # the required name was no place: no ORG at all
            # The whole tail was a name: drop it (a level word before it stays).
            e = rstrip_ws(v, s, gs)
        else:
            e = new_end
    if re.match(r" các cấp\b", v[e : e + 9]):
        return None  # "HĐND các cấp", "Ủy ban Kiểm tra các cấp": generic
    return s, e


def finish_org(v: str, m: re.Match[str]) -> tuple[int, int] | None:
    """An ORG with an optional place tail: the tail is trimmed, a generic "… các cấp" dropped."""
    return _finish_tail(v, m, required=False)


def finish_org_required(v: str, m: re.Match[str]) -> tuple[int, int] | None:
    """An ORG whose place tail (group ``q2``/``p2``) is required: no place, no ORG."""
    return _finish_tail(v, m, required=True)


def finish_institution(v: str, m: re.Match[str]) -> tuple[int, int] | None:
    """An institution head and its name (group ``name``), cut before a half word or a person's name."""
    s = m.start()
    ns, ne = m.span("name")
    # A lone capitalised syllable at the end, followed by a lower-case one,
    # is half of a word the gazetteer lacks ("Tập đoàn Điện lực" if
    # "Điện lực" were unknown): drop it. Two capitalised syllables
    # ("Bệnh viện Bạch Mai") are a proper name and stay.
    parts = v[ns:ne].split(" ")
    last = parts[-1]
    if re.match(rf" [{LO}]", v[ne : ne + 2]) and last[:1].isupper() and not last.isupper():
        if len(parts) == 1:
            return None
        if not (parts[-2][:1].isupper() and norm(" ".join(parts[-2:])) not in _NAME_WORD_SET):
            ne = rstrip_ws(v, ns, ne - len(last))
            while v[ne - 1 : ne] in ("-", "–") or v[ne - 3 : ne] == " và":
                ne = rstrip_ws(v, ns, ne - (3 if v[ne - 3 : ne] == " và" else 1))
            if ne <= ns:
                return None
    return s, cut_person_tail(v, ns, ne)


def _r(rule_id: str, on_match: object, pattern: str) -> Rule:
    return Rule(rule_id, "ORG", pattern, on_match, tier=T_NAMED)  # type: ignore[arg-type]


_SUB_BODY = alt_first_exact([b for b in W.SUB_BODIES if b not in W.NEEDS_PARENT])
_SUB_BODY_NEEDS_PARENT = alt_first_exact(W.NEEDS_PARENT)
_SUB_BODY_LC = alt(
    [b.lower() for b in W.SUB_BODIES if b.startswith(("Ban ", "Ủy ban ", "Văn phòng", "Thường trực"))], "exact"
)
_PARENT = alt(W.PARENTS, "first")
_PARTY_BODY = alt(W.PARTY_BODIES, "exact")
_INSTITUTION = alt(W.INSTITUTIONS, "exact")
#: Tokens of an institution name: a known name word ("Quốc phòng", "Phụ sản"), a
#: capitalised syllable (a proper name: "Bạch Mai"), an acronym, or "Trung ương".
#: Lower-case words are never part of the name, so a name cannot run on into the
#: sentence; "và" and " - " join two name parts.
_NAME_WORD = alt_first_exact(W.NAME_WORDS)
_INST_WORD = rf"(?:{_NAME_WORD}{WE}|Trung\s+ương{WE}|Quốc\s+hội{WE}|Nhà\s+nước{WE}|{CAPW}|{ACR})"
_INST_NAME = (
    rf"{_INST_WORD}(?:\s+{_INST_WORD}|\s+(?:và|[-–])\s+(?!{_INSTITUTION}{WE})(?={_INST_WORD}){_INST_WORD}){{0,7}}"
)

#: Joins after resolution (guidelines rule 2); code proposes their spans.
MERGE_RULES: list[Rule] = [
    Rule("org.merge_sub_head_before", "ORG", tier=T_NAMED, doc="an untagged sub-body joins the ORG after it: «Thường vụ Quân ủy Trung ương»"),
    Rule("org.merge_named_party", "ORG", tier=T_NAMED, doc="central bodies of a named party: «Ban Chấp hành Trung ương Đảng Cộng sản Trung Quốc»"),
    Rule("org.merge_body_of_named", "ORG", tier=T_NAMED, doc="a party body joins the body or place after it: «Ban Cán sự đảng Bộ Nội vụ»"),
    Rule("org.standing_secretariat_split", "ORG", tier=T_NAMED, doc="«Ban Bí thư» after «Thường trực»"),
    Rule("position.standing_secretariat_split", "POSITION", tier=T_NAMED, doc="«Thường trực» before «Ban Bí thư»"),
    Rule("org.with_place", "ORG", tier=T_NAMED, doc="an institution in lower-case words up to its place: «Sở Kế hoạch - đầu tư TP. HCM»"),
    Rule("org.bare_level", "ORG", tier=T_NAMED, doc="an ORG keeps a bare level word after it: «Hội Luật gia tỉnh»"),
]

RULES: list[Rule] = [
    # Party committees: "Quận ủy Thanh Xuân", "Thành ủy TP.HCM", bare "Thành ủy".
    _r("org.party_committee", finish_org, rf"{WS}{COMMITTEE}{WE}(?!\s+viên){tail(1)}"),
    # Lower-case committees followed by a place name: "thành ủy Hà Nội".
    _r("org.party_committee_lowercase", finish_org, rf"{WS}{COMMITTEE_LC}{WE}(?!\s+viên)\s+(?:{TP}\s*)?(?P<q1>{PLACE})"),
    # Party organisations needing a place: "Đảng bộ phường Ba Láng", "Chi bộ 3".
    _r("org.party_body_with_place", finish_org_required, rf"{WS}{_PARTY_BODY}{WE}{tail_required(2)}"),
    # Sub-bodies with an optional parent: "Ban Tổ chức Thành ủy", "Ban Chấp hành Đảng bộ quận".
    _r("org.sub_body", finish_org,
        (
            rf"{WS}{_SUB_BODY}{WE}(?:\s+(?:{_PARTY_BODY}{WE}|{COMMITTEE}{WE}(?!\s+viên)|{COMMITTEE_LC}{WE}(?!\s+viên)"
            rf"|{_PARENT}{WE}){tail(1)}"
            rf"|{tail(2)})"
        ),
    ),
    # Sub-bodies that need a parent or place: "Thường trực Quận ủy", "Văn phòng Tỉnh ủy".
    _r("org.sub_body_with_parent", finish_org_required,
        (
            rf"{WS}{_SUB_BODY_NEEDS_PARENT}{WE}(?:\s+(?:{COMMITTEE}{WE}(?!\s+viên)|{_PARENT}{WE}){tail(1)}"
            rf"|{tail_required(2)})"
        ),
    ),
    # Lower-case sub-bodies are ORG only with their parent: "ban thường vụ Tỉnh ủy".
    _r("org.sub_body_lowercase", finish_org,
        rf"{WS}{_SUB_BODY_LC}{WE}\s+(?:{_PARTY_BODY}{WE}|{COMMITTEE}{WE}(?!\s+viên)|{COMMITTEE_LC}{WE}(?!\s+viên)|{_PARENT}{WE}){tail(1)}",
    ),
    # "Trưởng đoàn đại biểu Quốc hội tỉnh X": the delegation of a named province.
    _r("org.na_delegation", finish_org_required, rf"(?<=rưởng\s)đoàn\s+đại\s+biểu\s+Quốc\s+hội{tail_required(2)}"),
    # "ban Tổ chức Thành ủy" after "Trưởng": a lower-case "ban" + known committee department.
    _r("org.ban_after_head", finish_org, rf"(?:(?<=Trưởng\s)|(?<=Phó\s))ban\s+{BAN_NAME}{WE}(?:\s+(?:{COMMITTEE}{WE}|{_PARENT}{WE}){tail(1)})?"),
    # A bare lower-case committee right after its post: "bí thư tỉnh ủy", "phó bí thư thường trực thành ủy".
    # ("bí thư tỉnh ủy, thành ủy": a generic list of posts, no ORG).
    _r("org.committee_after_post", finish_org, rf"(?:(?<=thư\s)|(?<=trực\s)){COMMITTEE_LC}{WE}(?!\s+viên)(?!\s*,\s*{COMMITTEE_LC}{WE})"),
    # Newswire lower-cases "ban": "ban Bí thư", "ban Chấp hành Trung ương", "ủy ban Kiểm tra Tỉnh ủy".
    _r("org.secretariat_lowercase", finish_org, rf"{WS}ban\s+Bí\s+thư{WE}"),
    _r("org.central_committee_lowercase", finish_org,
        (rf"{WS}(?:ban|ủy\s+ban)\s+(?:[Cc]hấp\s+hành|[Kk]iểm\s+tra|[Tt]hường\s+vụ|{alt(W.BAN_NAMES, 'any')}){WE}"
        rf"\s+(?:Trung\s+ương(?:\s+Đảng)?{WE}|{COMMITTEE}{WE}(?!\s+viên){tail(1)})"),
    ),
    # Parties and armed forces of a country: "Đảng Cộng sản Trung Quốc", "Quân đội nhân dân Việt Nam"
    # (not the "Hải quân" of a rank: "Đô đốc Hải quân Trần B").
    _r("org.foreign_party_forces", finish_org,
        (rf"{WS}(?:[Đđ]ảng\s+[Cc]ộng\s+sản|Quân\s+đội\s+nhân\s+dân|(?<![Đđ]ốc\s)Hải\s+quân|Công\s+an\s+nhân\s+dân)"
        rf"\s+(?:Việt\s+Nam|{CAPW}\s+{CAPW}|{CAPW}){WE}"),
    ),
    # National bodies.
    _r("org.national_body", finish_org, rf"{WS}{alt_first_exact(W.NATIONAL_BODIES)}{WE}(?!\s+\d|\s+các\s+cấp|\s+Cộng\s+sản)"),
    # Ministries and departments by domain: "Bộ Nội vụ", "Sở Giao thông vận tải TP. HCM".
    _r("org.ministry", finish_org, rf"{WS}Bộ\s+{DOMAIN}{WE}"),
    _r("org.department", finish_org, rf"{WS}[Ss]ở\s+{DOMAIN}{WE}{tail(1)}"),
    # District departments: "Phòng Nội vụ", "phòng giáo dục thị xã".
    _r("org.district_office", finish_org, rf"{WS}[Pp]hòng\s+{DOMAIN}{WE}{tail(1)}"),
    # Numbered military regions: "Quân khu 7".
    _r("org.military_region", finish_org, rf"{WS}Quân\s+khu\s+\d{{1,2}}{WE}"),
    # Press acronyms.
    _r("org.press_acronym", finish_org, rf"{WS}{alt(W.PRESS)}{WE}"),
    # Newspapers, news sites and agencies by name, with an optional "báo": "báo Tuổi Trẻ", "Xinhua".
    _r("org.press_name", finish_org, rf"{WS}(?:[Bb]áo\s+)?{alt(W.PRESS_NAMES)}{WE}"),
    # Steering, vote-counting and credentials committees, presidia, sub-committees of a congress.
    _r("org.congress_committee", finish_org,
        (rf"{WS}(?:Ban\s+[Cc]hỉ\s+đạo(?:\s+Trung\s+ương)?|[Bb]an\s+[Kk]iểm\s+phiếu|Đoàn\s+Chủ\s+tịch"
        rf"|Ban\s+[Tt]hẩm\s+tra\s+tư\s+cách(?:\s+đại\s+biểu)?){WE}"),
    ),
    _r("org.subcommittee", finish_institution, rf"{WS}[Tt]iểu\s+ban\s+(?P<name>{_INST_NAME})"),
    # Institutions with a capitalised name: "Bệnh viện Phụ sản Trung ương", "Sở Nội vụ".
    # "Trung ương Hội …", "BCH TW Hội …", "Chi Hội …": the central committee or branch of an association.
    _r("org.institution", finish_institution, rf"{WS}(?:(?:Trung\s+ương|TW|BCH\s+TW|[Cc]hi)\s+(?=Hội\s))?{_INSTITUTION}\s+(?:(?:TNHH|Cổ\s+phần|CP|MTV)\s+)?(?P<name>{_INST_NAME})"),
]


#: "Ban Cán sự đảng Bộ Nội vụ", "Đảng ủy Sở Xây dựng", "Ban Thường vụ Đảng ủy Tập đoàn …".
_ORG_HEAD_END_RE = rx(rf"(?:{alt(W.ORG_HEADS_OF_NAMED, 'first')})$")
#: Bare sub-bodies (any case) that belong to the ORG written right after them:
#: "Ban Thường vụ" + "Đảng ủy Khối …", "Ban Bí thư" + "Trung ương Đảng", "Trung ương" + "Hội …".
_SUB_HEAD_RE = rx(rf"^(?:{alt(W.SUB_HEADS_OF_NAMED, 'any')})$")
_SUB_HEAD_BEFORE_RE = rx(rf"{WS}(?:{alt(W.SUB_HEADS_OF_NAMED, 'any')})\s$")


_PLENUM_BEFORE_RE = rx(r"[Hh]ội\s+nghị\s+$")
_STANDING_SECRETARIAT_RE = rx(r"(?P<post>[Tt]hường\s+trực)\s+(?P<org>[Bb]an\s+[Bb]í\s+thư)")


def merge_orgs(v: str, chosen: list[Candidate], off: Collection[str] = frozenset()) -> list[Candidate]:
    """Join an ORG that is a party body to the ORG or place it belongs to (guidelines rule 2).

    "Ban Cán sự đảng" + "Bộ Nội vụ" and "Hội Luật gia" + "tỉnh Quảng Ninh" are one ORG each;
    only a single space may separate them.
    """
    ordered = sorted(chosen, key=lambda c: c.start)
    out: list[Candidate] = []
    for c in list(ordered):
        # "Thường trực Ban Bí thư" is a post (POSITION «Thường trực») of the Secretariat (ORG).
        split = c.label == "ORG" and "org.standing_secretariat_split" not in off
        m = _STANDING_SECRETARIAT_RE.match(v, c.start, c.end) if split else None
        if m and m.end() == c.end:
            i = ordered.index(c)
            ordered[i : i + 1] = [
                Candidate(c.start, m.end("post"), "POSITION", c.tier, "position.standing_secretariat_split"),
                Candidate(m.start("org"), c.end, "ORG", c.tier, "org.standing_secretariat_split"),
            ]
    for c in ordered:
        if c.label == "ORG" and v[c.start : c.end] == "Trung ương" and _PLENUM_BEFORE_RE.search(v, max(0, c.start - 12), c.start):
            continue  # "Hội nghị Trung ương lần này": a plenum pointing back, not the body
        if c.label == "ORG" and "org.merge_sub_head_before" not in off:
            # An untagged sub-body right before the ORG belongs to it: "Thường vụ" + "Quân ủy Trung ương",
            # "văn phòng" + "Ban Tổ chức Trung ương", "Đảng bộ" + "Công an TP. HCM".
            lo = out[-1].end if out else 0
            h = _SUB_HEAD_BEFORE_RE.search(v, max(lo, c.start - 25), c.start)
            if h:
                c = Candidate(h.start(), c.end, "ORG", c.tier, "org.merge_sub_head_before")
        if (
            out
            and "org.merge_named_party" not in off
            and c.label == "LOC"
            and out[-1].label == "ORG"
            and re.fullmatch(r"\s+Cộng\s+sản\s+", v[out[-1].end : c.start])
            and v[out[-1].start : out[-1].end].endswith("Đảng")
        ):
            # "Ban Chấp hành Trung ương Đảng" + "Cộng sản" + "Trung Quốc": the body of a named party.
            out[-1] = Candidate(out[-1].start, c.end, "ORG", min(out[-1].tier, c.tier), "org.merge_named_party")
            continue
        if (
            out
            and "org.merge_body_of_named" not in off
            and c.label in ("ORG", "LOC")
            and out[-1].label == "ORG"
            and v[out[-1].end : c.start] == " "
        ):
            prev = out[-1]
            head = v[prev.start : prev.end]
            if (
                _ORG_HEAD_END_RE.search(head)
                or c.label == "LOC"
                or (c.label == "ORG" and _SUB_HEAD_RE.match(head))
                # "Ban Chấp hành Trung ương" + "Đảng Cộng sản Trung Quốc": the central bodies of a named party.
                or (c.label == "ORG" and head.endswith("Trung ương") and re.match(r"[Đđ]ảng\s+Cộng\s+sản", v[c.start : c.end]))
            ):
                out[-1] = Candidate(prev.start, c.end, "ORG", min(prev.tier, c.tier), "org.merge_body_of_named")
                continue
        out.append(c)
    return out


_PLACED_HEAD_RE = rx(rf"{WS}(?:{alt(W.PLACED_ORG_HEADS, 'first')}){WE}")
_PLACED_GAP_WORD_RE = re.compile(r"[^\W\d_]+|[-–&]|\([^()\n]{1,20}\)")
_PLACED_STOP = frozenset(norm(w) for w in W.PLACED_ORG_STOPS)


_BARE_LEVEL_AFTER_RE = rx(rf"\s{alt(W.PLACE_LEVELS_BARE)}{WE}(?!\s*[{UP}\d])(?!\.\s*[{UP}])")


def org_bare_level(v: str, chosen: list[Candidate], off: Collection[str] = frozenset()) -> list[Candidate]:
    """An ORG keeps the bare level word after it: "Hội Luật gia tỉnh", "Viện KSND tỉnh" (rule 2)."""
    starts = {c.start for c in chosen}
    out = []
    for c in chosen:
        if c.label == "ORG" and "org.bare_level" not in off:
            m = _BARE_LEVEL_AFTER_RE.match(v, c.end)
            if m and m.end() not in starts and not any(x.start < m.end() and x.end > c.end for x in chosen):
                c = Candidate(c.start, m.end(), "ORG", c.tier, "org.bare_level")
        out.append(c)
    return out


def org_with_place(v: str, chosen: list[Candidate], off: Collection[str] = frozenset()) -> list[Candidate]:
    """Extend an institution named in lower-case words to the place that ends it (rule 2).

    "Sở Kế hoạch - đầu tư TP. HCM", "Phòng quản lý đô thị quận Thủ Đức",
    "Đảng ủy khối các cơ quan tỉnh Bình Định" are one ORG each: a head word, at most
    eight words without punctuation or a preposition/verb from the stop list, and a LOC.
    """
    ordered = sorted(chosen, key=lambda c: c.start)
    if "org.with_place" in off:
        return ordered
    out: list[Candidate] = []
    for c in ordered:
        if c.label != "LOC":
            out.append(c)
            continue
        lo = max(0, c.start - 90)
        best = None
        for m in _PLACED_HEAD_RE.finditer(v, lo, c.start):
            gap = v[m.end() : c.start]
            if not gap.endswith(" ") or "\n" in gap:
                continue
            words = gap.split()
            if not words or len(words) > 8:
                continue
            if not all(_PLACED_GAP_WORD_RE.fullmatch(w) for w in words):
                continue
            if any(norm(w.lower()) in _PLACED_STOP for w in words):
                continue
            if m.group(0)[0].islower() and not words[0][:1].isupper() and not m.group(0).startswith(("đảng", "chi bộ")):
                continue
            best = m
            break
        if best is None:
            out.append(c)
            continue
        hs = best.start()
        # Earlier spans inside the new ORG must be ORG pieces that start at or after the head.
        inner = [x for x in out if x.end > hs]
        if any(x.label != "ORG" for x in inner):
            out.append(c)
            continue
        start = min([hs] + [x.start for x in inner])
        out = [x for x in out if x.end <= hs]
        out.append(Candidate(start, c.end, "ORG", min([c.tier] + [x.tier for x in inner]), "org.with_place"))
    return out
