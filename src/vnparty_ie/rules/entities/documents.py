"""RESOLUTION rules: documents with a code, a number or a year, laws, the statute.

Example:
    >>> from .grammar import rx
    >>> [r.id for r in RULES if rx(r.pattern).search("Chỉ thị 05-CT/TW của Bộ Chính trị")]
    ['resolution.doc_with_id']
"""

from __future__ import annotations

from ..base import Rule
from ..words import WORDS as W
from . import grammar as P
from .events import DH_ANY, HN_TW, TW
from .grammar import CAPW, LO, UP, WE, WS, alt
from .spans import T_RESOLUTION

__all__ = ["RULES"]

_DOC_ANY = alt(W.DOC_TYPES, "first")
_DOC_CAP = alt(W.DOC_TYPES, "exact")


def _r(rule_id: str, on_match: None, pattern: str) -> Rule:
    """A rule of this module (its spans need no post-processing)."""
    return Rule(rule_id, "RESOLUTION", pattern, on_match, tier=T_RESOLUTION)


#: Words that end a law's name ("Luật đất đai quy định …", "Luật này").
_LAW_STOP = alt(W.LAW_NAME_FUNCTION_WORDS)
_RES_ID_STRONG = (
    rf"(?:(?:số\s+)?{P.CODE}|số\s+\d+[a-z]?(?![\w/-])|(?:Hội\s+nghị\s+)?{TW}\s+\d+{WE}|{HN_TW}|{DH_ANY})"
)
RULES: list[Rule] = [
    # A document type with a code, "số N", a central plenum or a congress.
    _r("resolution.doc_with_id", None, rf"{WS}{_DOC_ANY}\s+{_RES_ID_STRONG}"),
    # A capitalised document type with a bare number: "Đề án 11", "Chương trình 01".
    _r("resolution.doc_with_number", None,
        rf"{WS}{_DOC_CAP}\s+\d{{1,3}}[a-z]?(?![\w/%-]|[.,]\d)(?!\s*(?:năm|tháng|ngày|%|tỷ|triệu|nghìn){WE})",
    ),
    # Year-identified documents: "Cương lĩnh 2011", "Hiến pháp năm 2013".
    _r("resolution.doc_with_year", None,
        rf"{WS}(?:Cương\s+lĩnh|Hiến\s+pháp|Chiến\s+lược|Luật\s+{CAPW}(?:\s+[{LO}]+{WE})?)\s+(?:năm\s+)?{P.YEAR}",
    ),
    # The Party statute.
    _r("resolution.party_statute", None, rf"{WS}Điều\s+lệ\s+(?:Đảng|Đoàn|Hội){WE}(?!\s+viên)"),
    # Lower-case document types of the Party with a bare number: "quy định 47", "kết luận 2852".
    _r("resolution.lowercase_doc_number", None,
        (rf"{WS}(?:quy\s+định|kết\s+luận|nghị\s+quyết|chỉ\s+thị|thông\s+cáo|kế\s+hoạch)\s+(?:số\s+)?\d{{1,4}}{WE}"
        rf"(?![/.,-]\d)(?!\s+(?:{P.UNIT}|{alt(W.TIME_UNITS)}|%){WE})"),
    ),
    # Laws named by their subject: "Luật Phòng, chống tham nhũng", "Bộ luật hình sự", "Luật đất đai 2013";
    # the Constitution: "Hiến pháp", "hiến pháp 2013".
    _r("resolution.law_by_subject", None,
        (rf"{WS}(?<!Hội\s)(?:Bộ\s+luật|Luật)\s+(?!(?:{_LAW_STOP}|gia|sư){WE})[{UP}{LO}]+{WE}"
        rf"(?:(?:,\s+(?=chống{WE})|\s+(?:và\s+)?)(?!{_LAW_STOP}{WE}|{alt(W.LAW_NAME_STOPS)}{WE})[{LO}]+{WE}){{0,6}}"
        rf"(?:\s+{P.YEAR})?"),
    ),
    _r("resolution.constitution", None, rf"{WS}(?:Hiến\s+pháp|hiến\s+pháp(?=\s+{P.YEAR})){WE}(?:\s+(?:năm\s+)?{P.YEAR})?"),
]
