"""POSITION rules: posts, ministers by domain, generic plural posts, leadership, delegates.

A post is the post alone: "Trưởng ban Tổ chức Tỉnh ủy" is «Trưởng» (POSITION) +
«ban Tổ chức Tỉnh ủy» (ORG), which :func:`finish_position` decides. A military or police
rank (the ``ranks`` word list: "Thượng tướng", "Chuẩn Đô đốc Hải quân") is never a
POSITION (guidelines v1.2): :func:`finish_position` drops it.

Example:
    >>> from .grammar import rx
    >>> rule = RULES[0]
    >>> m = rx(rule.pattern).search("Trưởng ban Tổ chức Tỉnh ủy")
    >>> v = m.string
    >>> v[slice(*finish_position(v, m))]
    'Trưởng'
"""

from __future__ import annotations

import re

from ..base import Rule
from ..words import WORDS as W
from .grammar import LEVEL, LO, TP, UP, WE, WS, alt, rx
from .spans import T_POSITION

__all__ = ["BAN_NAME", "DOMAIN", "POST_CORE", "RANK", "RULES", "finish_position", "is_rank"]

_HEAD_OF_UNIT_RE = re.compile(r"(?P<post>(?:[Pp]hó\s+)?(?:[Tt]rưởng|[Cc]hánh))\s+(?:[Bb]an|[Pp]hòng|[Vv]ăn\s+phòng)")


#: A military or police rank, optionally followed by "Hải quân" (guidelines v1.2: not a POSITION).
RANK = rx(rf"{alt(W.RANKS, 'any')}(?:\s+[Hh]ải\s+quân)?")


def is_rank(span: str) -> bool:
    """Whether a (view) span is a rank, which is never a POSITION.

    Example:
        >>> [is_rank(s) for s in ("Thượng tướng", "chuẩn đô đốc Hải quân", "Thủ tướng", "Phó Thủ tướng")]
        [True, True, False, False]
    """
    return RANK.fullmatch(span) is not None


def _names_body(v: str, e: int, unit: str) -> bool:
    """Whether the words after a head-of-unit post name the body ("Trưởng ban «Tổ chức …»")."""
    if not _WORD_AFTER_RE.match(v, e):
        return False
    return not re.search(r"(?i)\bban$", unit) or _BAN_BODY_AFTER_RE.match(v, e) is not None


def finish_position(v: str, m: re.Match[str]) -> tuple[int, int] | None:
    """Shrink a post to the post alone when the rest names the body.

    "Trưởng ban X", "Chánh Văn phòng X", "Trưởng phòng X": the post is «Trưởng»/«Chánh»
    (guidelines: posts without a separate organisation name); "Trưởng ban Tổ chức …" ->
    «Trưởng» + «ban Tổ chức …».
    """
    s, e = m.start(), m.end()
    text = v[s:e]
    h = _HEAD_OF_UNIT_RE.fullmatch(text)
    if h and _names_body(v, e, text):
        # "Trưởng ban Tổ chức …" names the body; "Trưởng ban này", "Phó Trưởng ban phúc khảo" do not.
        return s, s + h.end("post")
    d = re.fullmatch(r"(?P<post>(?:[Pp]hó\s+)?[Tt]rưởng)\s+[Đđ]oàn\s+đại\s+biểu\s+Quốc\s+hội", text)
    if d and re.match(rf"\s+(?:{TP}|tỉnh|thành\s+phố){WE}", v[e : e + 20]):
        return s, s + d.end("post")  # "Trưởng đoàn ĐBQH tỉnh X": «Trưởng» + ORG
    if re.search(r"(?i)\bban$", text):
        nxt = v[e : e + 40]
        if re.match(rf"\s+{BAN_NAME}{WE}", nxt):
            e -= 4
    if is_rank(v[s:e]):
        return None
    return s, e


def _r(rule_id: str, on_match: object, pattern: str) -> Rule:
    return Rule(rule_id, "POSITION", pattern, on_match, tier=T_POSITION)  # type: ignore[arg-type]


POST_CORE = alt(W.POSTS, "any")
_POST_SUFFIX = alt(W.POST_SUFFIXES, "first")
DOMAIN = alt(W.DOMAINS, "any")
BAN_NAME = alt(W.BAN_NAMES, "exact")
#: A word right after a post, and a body's name after "ban" (capitalised, or a listed name in any case).
_WORD_AFTER_RE = re.compile(rf" [{UP}{LO}]")
_BAN_BODY_AFTER_RE = re.compile(rf" (?:[{UP}]|(?i:{BAN_NAME}){WE})")

RULES: list[Rule] = [
    # [Phó|Quyền] POST [Thường trực]; "Trưởng"/"Chánh" only before a capitalised body.
    _r("position.post", finish_position,
        (
            rf"{WS}(?<![Bb]an\s)(?<!Ban\s\s)(?<!Đoàn\s)(?<!Bộ\s)(?:(?:[Pp]hó|[Qq]uyền)\s+)?"
            rf"(?:{POST_CORE}|Trưởng(?=\s+[{UP}])|trưởng(?=\s+Ban\s+{BAN_NAME})|Chánh(?=\s+Văn\s+phòng)"
            # "Phó ban Tuyên giáo Tỉnh ủy", "Phó Văn phòng Trung ương Đảng": «Phó» + the body.
            rf"|(?<![Pp]hó\s)(?<!Quyền\s)Phó(?=\s+(?:[Bb]an\s+{BAN_NAME}|[Vv]ăn\s+phòng\s+[{UP}])))"
            rf"{WE}(?:\s+{_POST_SUFFIX}{WE})?"
        ),
    ),
    # "Bộ trưởng Xây dựng": a minister named by the domain, no "Bộ".
    _r("position.minister_by_domain", finish_position, rf"{WS}(?:(?:[Pp]hó|Quyền)\s+)?(?:[Bb]ộ|[Tt]hứ)\s+trưởng\s+{DOMAIN}{WE}"),
    # Generic plural posts after a quantifier: "các đại biểu", "một lãnh đạo", "hai vị lãnh đạo".
    _r("position.generic_plural", finish_position,
        (rf"(?:(?<=[Cc]ác\s)|(?<=[Nn]hững\s)|(?<=[Mm]ột\s)|(?<=[Hh]ai\s)|(?<=[Vv]ị\s)|(?<=[Dd]àn\s))"
        rf"(?:đại\s+biểu|lãnh\s+đạo){WE}(?!\s+(?:chỉ\s+đạo|quản\s+lý|toàn\s+quốc|và\s+chỉ|điều\s+hành){WE})"),
    ),
    # "lãnh đạo" as a noun for the leaders of a named body or place (adjudication): "lãnh đạo Sở Xây dựng",
    # "Lãnh đạo Thành ủy"; not the verb ("để lãnh đạo …", "sự lãnh đạo …").
    _r("position.leadership", finish_position,
        (rf"{WS}(?<!sự\s)(?<!để\s)(?<!nhất\s)(?<!tục\s)(?<!thức\s)(?<!sẽ\s)(?<!đã\s)[Ll]ãnh\s+đạo"
        rf"(?=\s+(?:[{UP}]|(?:{LEVEL})\s+[{UP}]))"),
    ),
    # "Thường trực Ban Bí thư": the post of the Standing member of the Secretariat.
    _r("position.standing_secretariat", finish_position, rf"{WS}(?<!Phó\s)[Tt]hường\s+trực(?=\s+[Bb]an\s+[Bb]í\s+thư{WE})"),
    # "đại biểu Quốc hội/HĐND": the delegate post.
    _r("position.delegate", finish_position, rf"{WS}(?<![Đđ]oàn\s)[Đđ]ại\s+biểu(?=\s+(?:Quốc\s+hội|HĐND|Hội\s+đồng\s+nhân\s+dân))"),
]
