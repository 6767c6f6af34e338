"""ORG rules: party committees and bodies, state bodies, ministries, press, institutions.

The callbacks trim a trailing place name so that it does not swallow a person's
name (:func:`finish_org`; it also drops generic mentions: "HĐND các cấp",
"Ban Thường vụ Tỉnh ủy, Thành ủy", "UBND tỉnh, thành", "các Đảng bộ …"), require
the place where a body is too generic alone (:func:`finish_org_required`), cut
institution names (:func:`finish_institution`), run a body's description word by
word up to a function word or verb (:func:`finish_named_tail`: "Ban Chỉ đạo xây
dựng quy hoạch cán bộ cấp chiến lược", "Hội đồng thi") and keep "Trung ương" only
where it names the body (:func:`finish_national`, :func:`finish_central_named`).
After resolution, :func:`merge_orgs`, :func:`org_with_place` and
:func:`org_bare_level` join a party body to the body or place it belongs to
(guidelines rule 2), and :func:`org_acronyms` tags the acronym an ORG introduces
in brackets and its later uses; each join is a named rule of its own.

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
from .positions import DOMAIN
from .spans import T_NAMED, Candidate, rstrip_ws

__all__ = ["MERGE_RULES", "RULES", "finish_institution", "finish_named_tail", "finish_national", "finish_org",
           "finish_org_required", "merge_orgs", "org_acronyms", "org_bare_level", "org_with_place"]

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
    counted = re.search(r"\d\s+$", v[max(0, s - 8) : s])  # "59 Đảng bộ tỉnh, thành phố" is left to the UNIT rules
    if _generic_committee_pair(v, s, e) or (
        not counted and _GENERIC_LEVEL_AFTER_RE.match(v, e) and _BARE_LEVEL_END_RE.search(v, s, e)
    ):
        return None  # "chủ tịch UBND tỉnh, thành": levels in general
    if _SPECIAL_ZONE_AFTER_RE.match(v, e):
        return None  # "chủ tịch UBND đặc khu": the level of a zone not yet named
    if _PLURAL_BEFORE_RE.search(v, max(0, s - 12), s):
        return None  # "Các Đảng bộ Lào Cai, Phú Yên …", "một số Ban Thường vụ Tỉnh ủy": several bodies
    return s, e


_PLURAL_BEFORE_RE = rx(rf"{WS}(?:[Cc]ác|[Nn]hững|[Nn]hiều|[Mm]ột\s+số)\s$")


#: A bare level word ending an ORG, and another level listed after it: "UBND tỉnh, thành".
_BARE_LEVEL_END_RE = rx(rf"{WS}(?:tỉnh|huyện|quận|thành\s+phố|xã|phường)$")
_GENERIC_LEVEL_AFTER_RE = rx(rf"\s*,\s*(?:thành\s+phố|thành|quận|huyện|thị\s+xã|tỉnh|xã|phường){WE}")
_SPECIAL_ZONE_AFTER_RE = rx(rf"\s+đặc\s+khu{WE}(?!\s+[{UP}])")


_COMMITTEE_END_RE = rx(rf"(?:{COMMITTEE}|{COMMITTEE_LC})$")
_PAIR_AFTER_RE = rx(rf"\s*(?:,|và|hoặc)\s*(?P<c>{COMMITTEE}|{COMMITTEE_LC}){WE}(?!\s+viên)")
_PAIR_BEFORE_RE = rx(rf"(?P<c>{COMMITTEE}|{COMMITTEE_LC})\s*(?:,|và|hoặc)\s*$")


def _generic_committee_pair(v: str, s: int, e: int) -> bool:
    """A bare committee listed with one of another level is generic: "Ban Thường vụ Tỉnh ủy, Thành ủy"."""
    end = _COMMITTEE_END_RE.search(v, s, e)
    if end is None:
        return False
    after = _PAIR_AFTER_RE.match(v, e)
    if after and after.group("c").lower() != end.group(0).lower():
        return True
    before = _PAIR_BEFORE_RE.search(v, max(0, s - 16), s)
    return bool(end.start() == s and before and before.group("c").lower() != v[s:e].lower())


def finish_org(v: str, m: re.Match[str]) -> tuple[int, int] | None:
    """An ORG with an optional place tail: the tail is trimmed, a generic "… các cấp" dropped."""
    return _finish_tail(v, m, required=False)


def finish_org_required(v: str, m: re.Match[str]) -> tuple[int, int] | None:
    """An ORG whose place tail (group ``q2``/``p2``) is required: no place, no ORG."""
    return _finish_tail(v, m, required=True)


_VOWEL_GROUP_RE = re.compile(
    r"[aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+", re.IGNORECASE
)


def _foreign_word(word: str) -> bool:
    """A word with two vowel groups is no Vietnamese syllable: a foreign or brand name ("Formosa")."""
    return len(_VOWEL_GROUP_RE.findall(word)) >= 2


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
    if re.match(rf" [{LO}]", v[ne : ne + 2]) and last[:1].isupper() and not last.isupper() and not _foreign_word(last):
        if len(parts) == 1:
            return None
        if not (parts[-2][:1].isupper() and norm(" ".join(parts[-2:])) not in _NAME_WORD_SET):
            ne = rstrip_ws(v, ns, ne - len(last))
            while v[ne - 1 : ne] in ("-", "–") or v[ne - 3 : ne] == " và":
                ne = rstrip_ws(v, ns, ne - (3 if v[ne - 3 : ne] == " và" else 1))
            if ne <= ns:
                return None
    # "Tổng công ty … Việt Nam - PVC": a final acronym after a dash is the short name, not part of it.
    dash = re.search(rf"\s[-–]\s+[{UP}]{{2,8}}$", v[ns:ne])
    if dash and dash.start() > 0:
        ne = ns + dash.start()
    return s, cut_person_tail(v, ns, ne)


#: "cán bộ Trung ương", "bộ, ngành Trung ương": "Trung ương" as a modifier (central-level), not the body.
_CENTRAL_MODIFIED_RE = rx(rf"{WS}(?:{alt(W.CENTRAL_MODIFIED_HEADS, 'first')})\s$")


def finish_national(v: str, m: re.Match[str]) -> tuple[int, int] | None:
    """A national body; a bare "Trung ương" that only qualifies the noun before it is no ORG."""
    if m.group(0) == "Trung ương" and _CENTRAL_MODIFIED_RE.search(v, max(0, m.start() - 30), m.start()):
        return None
    return m.start(), m.end()


def finish_central_named(v: str, m: re.Match[str]) -> tuple[int, int] | None:
    """A named central body: no function word, verb or year between its head and "Trung ương"."""
    words = m.group("mid").split()
    if any(norm(w.lower()) in _DESC_STOP for w in words) or _DESC_STOP_PAIR_RE.search(m.group("mid")):
        return None
    if _CENTRAL_INNER_HEAD_RE.search(m.group("mid")):
        return None  # "Ban Bí thư Ủy ban Kiểm tra Trung ương": two bodies
    return m.start(), m.end()


_CENTRAL_INNER_HEAD_RE = rx(rf"{WS}(?:{alt(W.CENTRAL_BODY_HEADS, 'first')}|Bí\s+thư|Ủy\s+ban){WE}")


def finish_named_tail(v: str, m: re.Match[str]) -> tuple[int, int] | None:
    """A body named by a description (group ``desc``): the description runs word by word.

    It stops before punctuation, a line break, a term ("khóa X", "nhiệm kỳ …"), a year
    or a function word or verb of the stop list ("do", "và", "đã", "có" …), and keeps
    at most twelve words: «Ban Chỉ đạo xây dựng quy hoạch cán bộ cấp chiến lược».
    """
    s, e = m.start(), m.end()
    group = next((g for g in ("desc", "desc2", "desc3") if m.groupdict().get(g) is not None), None)
    if group is None:
        return s, e
    pos = m.start(group)
    end = e = rstrip_ws(v, s, pos)
    for n, w in enumerate(_DESC_WORD_RE.finditer(v, pos)):
        if w.start() != pos or n >= 12:
            break
        word = w.group(1)
        if word == "và" and _AND_NAME_RE.match(v, w.end()):
            pos = w.end()  # "phòng Quản lý nhà và Thị trường bất động sản"
            continue
        if n > 0 and (norm(word.lower()) in _DESC_STOP or _DESC_STOP_PAIR_RE.match(v, w.start())):
            break  # the task itself may be a stop pair: "phòng Tổng hợp"
        end = w.end(1)
        pos = w.end()
        if v.startswith(", chống ", end):  # "phòng, chống tham nhũng"
            pos = end + 2
        elif word in ("TP", "Tp") and re.match(rf"\.\s*[{UP}]", v[end : end + 3]):  # "TP. HCM"
            pos = end + 1 + len(v[end + 1 :]) - len(v[end + 1 :].lstrip(" "))
    return s, max(e, end)


_DESC_WORD_RE = re.compile(r"([^\W_]+|\d+)(?:[^\S\n]+|(?=[^\w]))")
_DESC_STOP = frozenset(norm(w) for w in W.NAMED_DESCRIPTION_STOPS)
#: "và" + a capitalised word that starts no other body continues a description.
_AND_NAME_RE = rx(rf"(?!(?:{alt(W.ORG_HEAD_SYLLABLES)}|Chi|Phòng|UBND|HĐND){WE})[{UP}][{LO}]+{WE}")
_DESC_STOP_PAIR_RE = rx(rf"(?:{alt(W.NAMED_DESCRIPTION_STOP_PAIRS, 'first')}){WE}")


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
    rf"{_INST_WORD}(?:\s+{_INST_WORD}|\s+(?:và|[-–])\s+(?!{_INSTITUTION}{WE}|[Tt]iểu\s+ban{WE})(?={_INST_WORD}){_INST_WORD}){{0,7}}"
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
    Rule("org.acronym_alias", "ORG", tier=T_NAMED,
         doc="the acronym an ORG introduces in brackets, and its later uses: «PVC»"),
]

RULES: list[Rule] = [
    # Party committees: "Quận ủy Thanh Xuân", "Thành ủy TP.HCM", bare "Thành ủy".
    _r("org.party_committee", finish_org, rf"{WS}{COMMITTEE}{WE}(?!\s+viên){tail(1)}"),
    # Lower-case committees followed by a place name: "thành ủy Hà Nội".
    _r("org.party_committee_lowercase", finish_org, rf"{WS}{COMMITTEE_LC}{WE}(?!\s+viên)\s+(?:{TP}\s*)?(?P<q1>{PLACE})"),
    # Party organisations needing a place: "Đảng bộ phường Ba Láng", "Chi bộ 3".
    _r("org.party_body_with_place", finish_org_required, rf"{WS}{_PARTY_BODY}{WE}{tail_required(2)}"),
    # Sub-bodies with an optional parent: "Ban Tổ chức Thành ủy", "Ban Chấp hành Đảng bộ quận".
    # An acronym in brackets may sit before the parent: "Ủy ban Kiểm tra (UBKT) Tỉnh ủy Gia Lai".
    _r("org.sub_body", finish_org,
        (
            rf"{WS}{_SUB_BODY}{WE}(?:(?:\s+\([{UP}]{{2,8}}\))?\s+(?:{_PARTY_BODY}{WE}|{COMMITTEE}{WE}(?!\s+viên)"
            rf"|{COMMITTEE_LC}{WE}(?!\s+viên)|{_PARENT}{WE}){tail(1)}"
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
    # Lower-case posts and names too: "phó trưởng ban Dân tộc", "Phó ban dân vận", "trưởng ban Dân tộc tỉnh Quảng Ngãi".
    _r("org.ban_after_head", finish_org,
        (rf"(?:(?<=[Tt]rưởng\s)|(?<=[Pp]hó\s))ban\s+{alt(W.BAN_NAMES, 'any')}{WE}"
        rf"(?:\s+(?:{COMMITTEE}{WE}|{_PARENT}{WE}){tail(1)}|{tail(2)})"),
    ),
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
    _r("org.national_body", finish_national,
        rf"{WS}{alt_first_exact(W.NATIONAL_BODIES)}{WE}(?!\s+\d|\s+các\s+cấp|\s+Cộng\s+sản)"),
    # Ministries and departments by domain: "Bộ Nội vụ", "Sở Giao thông vận tải TP. HCM".
    _r("org.ministry", finish_org, rf"{WS}Bộ\s+{DOMAIN}{WE}"),
    _r("org.department", finish_org, rf"{WS}(?<!cơ\s)[Ss]ở\s+{DOMAIN}{WE}{tail(1)}"),
    # District departments: "Phòng Nội vụ", "phòng giáo dục thị xã".
    _r("org.district_office", finish_org, rf"{WS}[Pp]hòng\s+{DOMAIN}{WE}{tail(1)}"),
    # Numbered military regions: "Quân khu 7".
    _r("org.military_region", finish_org, rf"{WS}Quân\s+khu\s+\d{{1,2}}{WE}"),
    # Press acronyms.
    _r("org.press_acronym", finish_org, rf"{WS}{alt(W.PRESS)}{WE}"),
    # Newspapers, news sites and agencies by name, with an optional "báo": "báo Tuổi Trẻ", "Xinhua".
    _r("org.press_name", finish_org,
        rf"{WS}(?:[Bb]áo\s+{alt(W.PRESS_NAMES_AFTER_BAO)}|(?:[Bb]áo\s+)?{alt(W.PRESS_NAMES)})(?![\w+])"),
    # Steering, vote-counting and credentials committees, presidia, sub-committees of a congress.
    _r("org.congress_committee", finish_org,
        (rf"{WS}(?:Ban\s+[Cc]hỉ\s+đạo(?:\s+Trung\s+ương)?|[Bb]an\s+[Kk]iểm\s+phiếu|Đoàn\s+Chủ\s+tịch"
        rf"|Ban\s+[Tt]hẩm\s+tra\s+tư\s+cách(?:\s+đại\s+biểu)?){WE}"),
    ),
    # A steering committee named by its task: "Ban Chỉ đạo xây dựng quy hoạch cán bộ cấp chiến lược".
    _r("org.steering_committee", finish_named_tail,
        rf"{WS}[Bb]an\s+[Cc]hỉ\s+đạo{WE}\s+(?P<desc>(?={alt(W.STEERING_COMMITTEE_TASKS, 'first')}{WE}))"),
    # Councils, offices and boards named by their task: "Hội đồng thi", "phòng Quản lý nhà và Thị trường bất động sản",
    # "Ban Quản lý Khu kinh tế mở Chu Lai".
    _r("org.body_by_task", finish_named_tail,
        (rf"{WS}(?:Hội\s+đồng\s+(?P<desc>(?={alt(W.COUNCIL_TASKS, 'first')}{WE}))"
        rf"|[Pp]hòng\s+(?P<desc2>(?={alt(W.OFFICE_TASKS, 'first')}{WE}))"
        rf"|[Bb]an\s+[Qq]uản\s+lý\s+(?P<desc3>(?=[{UP}{LO}])))"),
    ),
    # A body of the centre named in full: "Ban Thi đua - Khen thưởng Trung ương", "Trường Đảng Trung ương",
    # "Cơ quan kiểm tra Trung ương" (not "Đảng bộ trực thuộc Trung ương": no function word or verb inside).
    _r("org.central_named_body", finish_central_named,
        rf"{WS}(?P<head>{alt(W.CENTRAL_BODY_HEADS)}){WE}(?P<mid>(?:\s+[^\s,.;:!?()\"“”]+){{1,8}}?)\s+[Tt]rung\s+ương{WE}"),
    # The party committee of a ministry, group, agency or military command: "Đảng ủy Bộ", "Đảng ủy Cơ quan",
    # "Ban Thường vụ Đảng ủy Tập đoàn", "Đảng ủy Quân sự tỉnh Đồng Nai".
    _r("org.committee_of_unit", finish_org,
        (rf"{WS}(?:(?:Ban\s+[Tt]hường\s+vụ|Ủy\s+ban\s+[Kk]iểm\s+tra)\s+)?Đảng\s+ủy\s+"
        rf"(?:Cơ\s+quan|(?:{alt(W.COMMITTEE_UNITS)}){WE}(?!\s+[{UP}\d])){WE}{tail(1)}"),
    ),
    # A bare unit right after its director: "Giám đốc Sở", "Tổng Giám đốc Tập đoàn" (one body in context).
    _r("org.unit_after_director", finish_org,
        rf"(?<=Giám\sđốc\s)(?:Sở|Tổng\s+[Cc]ông\s+ty|Tập\s+đoàn){WE}(?!\s*[-–]?\s*[{UP}\d])"),
    # Bloc party committees: "Đảng ủy Khối các cơ quan tỉnh", "Đảng bộ Khối Doanh nghiệp Trung ương", bare "Đảng ủy khối".
    _r("org.bloc_committee", finish_org,
        rf"{WS}[Đđ]ảng\s+(?:ủy|bộ)\s+[Kk]hối{WE}(?:\s+{alt(W.BLOC_NAMES, 'first')}{WE}(?:\s+Trung\s+ương{WE})?{tail(1)})?"),
    # Company boards: "HĐQT", "HĐTV Tập đoàn" (a following named company joins in :func:`merge_orgs`).
    _r("org.company_board", finish_org, rf"{WS}(?:HĐQT|HĐTV){WE}(?:\s+(?:Tổng\s+[Cc]ông\s+ty|Tập\s+đoàn){WE}(?!\s+[{UP}\d]))?"),
    _r("org.subcommittee", finish_institution, rf"{WS}[Tt]iểu\s+ban\s+(?P<name>{_INST_NAME})"),
    # Institutions with a capitalised name: "Bệnh viện Phụ sản Trung ương", "Sở Nội vụ".
    # "Trung ương Hội …", "BCH TW Hội …", "Chi Hội …": the central committee or branch of an association.
    _r("org.institution", finish_institution, rf"{WS}(?:(?:Trung\s+ương|TW|BCH\s+TW|[Cc]hi)\s+(?=Hội\s))?{_INSTITUTION}\s+(?:(?:TNHH(?:\s+MTV)?|[Cc]ổ\s+phần|CP|MTV)\s+)?(?P<name>{_INST_NAME})"),
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
            if m and _GENERIC_LEVEL_AFTER_RE.match(v, m.end()):
                m = None  # "Hội Luật gia các tỉnh, thành": no one body
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
            if (not words and not m.group(0).endswith("các")) or len(words) > 8:
                continue  # "Đảng ủy các" + "khu công nghiệp Đà Nẵng" needs no gap
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
        # An untagged sub-body right before it belongs to it too: "Chi bộ" + "Phòng quản lý đô thị quận 1".
        h = _SUB_HEAD_BEFORE_RE.search(v, max(out[-1].end if out else 0, start - 25), start)
        if h and "org.merge_sub_head_before" not in off:
            start = h.start()
        out.append(Candidate(start, c.end, "ORG", min([c.tier] + [x.tier for x in inner]), "org.with_place"))
    return out


#: An acronym in brackets right after an ORG: "Tập đoàn Hóa chất Việt Nam (Vinachem)", "(PVC)".
_ALIAS_AFTER_RE = re.compile(rf"[^\S\n]*\((?P<a>[{UP}][{UP}\d]{{1,7}}|[A-Z][a-z]+(?:[A-Z][a-z]+)?)\)")


_ALIAS_GAP_RE = re.compile(r"(?:[^\S\n]+[^\W\d_]+){1,4}[^\S\n]*|[.]?[^\S\n]*")


def _initials(words: list[str]) -> str:
    return "".join(w[:1].upper() for w in words)


def org_acronyms(v: str, chosen: list[Candidate], off: Collection[str] = frozenset()) -> list[Candidate]:
    """Tag the acronym an ORG introduces in brackets, and its later uses in the text, as ORG.

    "Tổng công ty Xây lắp Dầu khí Việt Nam (PVC) … thua lỗ ở PVC" gives «PVC» twice. An
    acronym of the ORG's last words only ("Ban Chỉ đạo … phòng chống tham nhũng (PCTN)")
    names the topic, not the body; a word of two vowel groups stands for a brand ("Sabeco").
    """
    if "org.acronym_alias" in off:
        return chosen
    ordered = sorted(chosen, key=lambda c: c.start)
    taken = [(c.start, c.end) for c in ordered]
    aliases: list[str] = []
    new: list[Candidate] = []
    for i, c in enumerate(ordered):
        if c.label != "ORG":
            continue
        m = _ALIAS_AFTER_RE.match(v, c.end)
        name_end = c.end
        if not m:
            # The ORG may stop short of its name's last words: "Công ty cổ phần Chứng khoán [dầu khí] (PSI)",
            # "Ban quản lý Đường sắt đô thị TP[. HCM] (MAUR)" (a LOC may sit in the gap).
            bracket = v.find("(", c.end, c.end + 40)
            if bracket < 0:
                continue
            nxt = ordered[i + 1] if i + 1 < len(ordered) else None
            if nxt is not None and nxt.label == "LOC" and c.end <= nxt.start and nxt.end <= bracket:
                gap = v[c.end : nxt.start] + " " + v[nxt.end : bracket]
            elif nxt is None or nxt.start >= bracket:
                gap = v[c.end : bracket]
            else:
                continue
            if not _ALIAS_GAP_RE.fullmatch(gap):
                continue
            m = _ALIAS_AFTER_RE.match(v, bracket - 1 if v[bracket - 1 : bracket].isspace() else bracket)
            if not m:
                continue
            name_end = bracket
        a = m.group("a")
        if a.isupper() or any(ch.isdigit() for ch in a):
            words = v[c.start : name_end].split()
            if any(_initials(words[-k:]) == a.upper() for k in range(1, len(words))):
                continue
        elif not _foreign_word(a):
            continue
        s, e = m.span("a")
        if any(x < e and y > s for x, y in taken):
            continue
        new.append(Candidate(s, e, "ORG", c.tier, "org.acronym_alias"))
        taken.append((s, e))
        if a not in aliases:
            aliases.append(a)
    for a in aliases:
        for m in re.finditer(rf"(?<!\w){re.escape(a)}(?!\w)", v):
            s, e = m.span()
            if not any(x < e and y > s for x, y in taken):
                new.append(Candidate(s, e, "ORG", T_NAMED, "org.acronym_alias"))
                taken.append((s, e))
    return sorted(ordered + new, key=lambda c: c.start)
