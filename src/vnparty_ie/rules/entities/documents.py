"""RESOLUTION rules: documents with a code, a number or a year, laws, the statute.

Example:
    >>> from .grammar import rx
    >>> [r.id for r in RULES if rx(r.pattern).search("Chỉ thị 05-CT/TW của Bộ Chính trị")]
    ['resolution.doc_with_id']
"""

from __future__ import annotations

import re

from ..base import Rule
from ..words import WORDS as W
from . import grammar as P
from .events import DH_ANY, HN_TW, TW
from .grammar import CAPW, LO, UP, WE, WS, alt, rx
from .spans import T_RESOLUTION

__all__ = ["RULES"]

_DOC_ANY = alt(W.DOC_TYPES, "first")
_DOC_CAP = alt(W.DOC_TYPES, "exact")


def _r(rule_id: str, on_match: None, pattern: str) -> Rule:
    """A rule of this module (its spans need no post-processing)."""
    return Rule(rule_id, "RESOLUTION", pattern, on_match, tier=T_RESOLUTION)


#: Words that end a law's name ("Luật đất đai quy định …", "Luật này").
_LAW_STOP = alt(W.LAW_NAME_FUNCTION_WORDS)
#: "Trung ương" as newswires also write it in a resolution's name: "nghị quyết T.Ư 4", "Nghị quyết trung ương 4".
_TW_ANY = rf"(?:{TW}|trung\s+ương|T\.Ư)"
#: A congress or party organisation in lower case or abbreviated: "nghị quyết đại hội Đoàn",
#: "Nghị quyết ĐH Đoàn toàn quốc lần thứ XI", "Nghị quyết đảng bộ lần thứ X", "nghị quyết Đảng bộ TP".
_DH_LOWER = (
    rf"(?:(?:đại\s+hội|ĐH)\s+(?:Đoàn|Đảng(?!\s+bộ))(?:\s+toàn\s+quốc)?(?:\s+{P.ORDINAL})?{WE}"
    rf"|[Đđ]ảng\s+bộ(?:\s+{P.ORDINAL}|\s+(?:TP|tỉnh|thành\s+phố){WE}(?!\s*\.?\s*[{UP}])))"
)
_RES_ID_STRONG = (
    rf"(?:(?:số\s+)?{P.CODE}|số\s+\d+[a-z]?(?![\w/-])|số\s+\d+/{P.YEAR}(?![\w/-])|(?:Hội\s+nghị\s+)?{_TW_ANY}\s+\d+{WE}"
    rf"|{HN_TW}|{DH_ANY}|{_DH_LOWER})"
)
RULES: list[Rule] = [
    # A document type with a code, "số N", a central plenum or a congress.
    _r("resolution.doc_with_id", None, rf"{WS}{_DOC_ANY}\s+{_RES_ID_STRONG}"),
    # A capitalised document type with a bare number: "Đề án 11", "Chương trình 01".
    _r("resolution.doc_with_number", None,
        rf"{WS}{_DOC_CAP}\s+(?:\d{{1,3}}[a-z]?|(?!19|20)\d{{4}})(?![\w/%-]|[.,]\d)(?!\s*(?:năm|tháng|ngày|%|tỷ|triệu|nghìn){WE})",
    ),
    # Year-identified documents: "Cương lĩnh 2011", "Hiến pháp năm 2013".
    _r("resolution.doc_with_year", None,
        rf"{WS}(?:Cương\s+lĩnh|Hiến\s+pháp|Chiến\s+lược|Luật\s+{CAPW}(?:\s+[{LO}]+{WE})?)\s+(?:năm\s+)?{P.YEAR}",
    ),
    # The Party statute and platform: "Điều lệ Đảng", "điều lệ đảng", "Điều lệ Đoàn TNCS Hồ Chí Minh",
    # "Cương lĩnh chính trị" (not the sub-committee "Tiểu ban Điều lệ Đảng").
    _r("resolution.party_statute", None,
        (rf"{WS}(?<![Tt]iểu\sban\s)(?:[Đđ]iều\s+lệ\s+(?:Đảng|đảng|Đoàn(?:\s+TNCS\s+Hồ\s+Chí\s+Minh)?|Hội){WE}(?!\s+viên)"
        rf"|Cương\s+lĩnh\s+(?:chính\s+trị|bổ\s+sung){WE})"),
    ),
    # Lower-case document types of the Party with a bare number: "quy định 47", "kết luận 2852".
    _r("resolution.lowercase_doc_number", None,
        (rf"{WS}(?:quy\s+định|kết\s+luận|nghị\s+quyết|chỉ\s+thị|thông\s+cáo|kế\s+hoạch|hướng\s+dẫn"
        rf"|thông\s+báo(?:\s+kết\s+luận)?)\s+(?:số\s+)?\d{{1,4}}{WE}"
        rf"(?![/.,-]\d)(?!\s+(?:{P.UNIT}|%){WE})(?!\s+{alt(W.TIME_UNITS)}{WE}(?!\s+{P.YEAR}))"),
    ),
    # Laws named by their subject: "Luật Phòng, chống tham nhũng", "Bộ luật hình sự", "Luật đất đai 2013";
    # the Constitution: "Hiến pháp", "hiến pháp 2013".
    _r("resolution.law_by_subject", None,
        (rf"{WS}(?<!Hội\s)(?:Bộ\s+luật|Luật)\s+(?!(?:{_LAW_STOP}|gia|sư){WE})[{UP}{LO}]+{WE}"
        rf"(?:(?:,\s+(?=chống{WE})|\s+(?:và\s+)?)(?!{_LAW_STOP}{WE}|{alt(W.LAW_NAME_STOPS)}{WE})[{LO}]+{WE}){{0,6}}"
        rf"(?:\s+(?:năm\s+)?{P.YEAR})?"),
    ),
    _r("resolution.constitution", None, rf"{WS}(?:Hiến\s+pháp|hiến\s+pháp(?=\s+{P.YEAR})){WE}(?:\s+(?:năm\s+)?{P.YEAR})?"),
]

#: A resolution named by a central plenum, and the plenums listed after it: "các nghị quyết Hội nghị
#: Trung ương 4, «Trung ương 5», «Trung ương 6» khoá XIII".
_PLENUM = rf"(?:Hội\s+nghị\s+)?{_TW_ANY}\s+\d+{WE}"
_LISTED_AFTER_RE = rx(rf"[Nn]ghị\s+quyết\s+{_PLENUM}(?:\s*(?:,|và)\s*{_PLENUM})*\s*(?:,|và)\s*$")


def _listed_plenum(v: str, m: re.Match[str]) -> tuple[int, int] | None:
    """A plenum listed after «nghị quyết Hội nghị Trung ương N» names a resolution of its own (calibration 14)."""
    return m.span() if _LISTED_AFTER_RE.search(v, max(0, m.start() - 200), m.start()) else None


RULES.append(
    Rule("resolution.listed_plenum", "RESOLUTION", rf"(?:(?<=,\s)|(?<=\svà\s)){_PLENUM}", _listed_plenum, tier=T_RESOLUTION,
         doc="a plenum listed after a resolution named by a plenum: nghị quyết Hội nghị Trung ương 4, «Trung ương 5»")
)
