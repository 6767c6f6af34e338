"""EVENT rules: congresses, plenums and sessions.

Example:
    >>> from .grammar import rx
    >>> [r.id for r in RULES if rx(r.pattern).search("Đại hội XIII của Đảng")]
    ['event.congress_numbered']
"""

from __future__ import annotations

from ..base import Rule
from . import grammar as P
from .grammar import ACR, CAPW, COMMITTEE, LEVEL, PLACE_TOK, ROMAN, TP, WE, WS
from .spans import T_EVENT

__all__ = ["DH_ANY", "HN_TW", "RULES", "TW"]


def _r(rule_id: str, on_match: None, pattern: str) -> Rule:
    """A rule of this module (its spans need no post-processing)."""
    return Rule(rule_id, "EVENT", pattern, on_match, tier=T_EVENT)


TW = r"(?:Trung\s+ương|TW|TƯ)"
#: A short named place inside an event or document name (``Thành ủy TP. HCM``, ``Đảng bộ tỉnh``).
_NAMED_PLACE = rf"(?:(?:{TP}\s*|{LEVEL}\s+)?(?:{CAPW}|{ACR})(?:\s+{CAPW}){{0,3}}|(?:{TP}|{LEVEL}){WE})"
_DH_BODY = (
    rf"(?:đại\s+biểu\s+)?(?:Đảng\s+bộ(?:\s+{_NAMED_PLACE})?"
    rf"|Đảng\s+toàn\s+quốc|Đảng\s+Cộng\s+sản\s+Việt\s+Nam|(?:Đảng|Đoàn)\s+toàn\s+quốc|toàn\s+quốc|Đảng|Đoàn)"
)
#: A numbered congress: ``Đại hội XIII``, ``Đại hội Đảng bộ thành phố lần thứ XVII``.
_DH_NUM = (
    rf"(?:Đại|đại)\s+hội(?:\s+{ROMAN}(?:\s+{_DH_BODY})?|\s+{_DH_BODY}\s+(?:{ROMAN}|{P.ORDINAL})|\s+{P.ORDINAL}(?:\s+{_DH_BODY})?"
    # "Đại hội 12", "Đại hội Đảng lần VIII": arabic numbers and "lần" without "thứ".
    rf"|(?:\s+{_DH_BODY})?\s+lần\s+(?:{ROMAN}|\d{{1,2}}{WE})"
    rf"|(?:\s+Đảng)?\s+\d{{1,2}}(?![\d/-]|[.,]\d){WE}(?!\s*(?:%|năm|tháng|ngày|người|đại\s+biểu){WE}))"
)
#: Any congress with a body (for resolutions: ``Nghị quyết Đại hội Đảng bộ quận``).
DH_ANY = rf"(?:{_DH_NUM}|Đại\s+hội\s+{_DH_BODY})"
#: Central plenums: ``Hội nghị Trung ương 4``, ``Hội nghị lần thứ 10 Ban Chấp hành Trung ương Đảng``.
HN_TW = (
    rf"(?:[Hh]ội\s+nghị\s+(?:Ban\s+[Cc]hấp\s+hành\s+)?(?:{TW}|trung\s+ương)(?:\s+Đảng)?\s+(?:\d+{WE}|lần\s+(?:thứ\s+)?(?:{ROMAN}|\d+{WE}|{P.ORD_WORDS}))"
    rf"|[Hh]ội\s+nghị\s+{P.ORDINAL}(?:\s+Ban\s+[Cc]hấp\s+hành\s+(?:Trung\s+ương(?:\s+Đảng)?|Đảng\s+bộ"
    rf"(?:\s+{_NAMED_PLACE})?)|\s+{COMMITTEE}(?:\s+{_NAMED_PLACE})?)?)"
)
#: A plenum of a named committee: ``Hội nghị Thành ủy``, ``Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5``.
_HN_BODY = (
    rf"[Hh]ội\s+nghị\s+(?:{COMMITTEE}(?!\s+viên)(?:\s+{_NAMED_PLACE})?"
    rf"|Ban\s+[Cc]hấp\s+hành\s+Đảng\s+bộ(?:\s+{_NAMED_PLACE})?)"
    rf"(?:\s+{P.ORDINAL})?"
)
_KY_HOP = (
    rf"(?:[Kk]ỳ\s+họp\s+(?:(?:lần\s+)?thứ\s+)?(?:\d+{WE}|{P.ORD_WORDS}|{ROMAN})|[Kk]ỳ\s+họp\s+đầu\s+tiên"
    rf"|[Pp]hiên\s+(?:họp\s+)?(?:thứ\s+(?:\d+{WE}|{P.ORD_WORDS})|đầu\s+tiên))"
    rf"(?:\s+(?:HĐND|Hội\s+đồng\s+nhân\s+dân)(?:\s+{LEVEL}{WE})?(?:\s+(?:{TP}\s*)?{PLACE_TOK}(?:\s+{PLACE_TOK}){{0,2}})?"
    rf"|\s+Quốc\s+hội)?"
)


#: A congress of a named body without a number: ``Đại hội Đảng bộ tỉnh Phú Yên``,
#: ``Đại hội đại biểu Đảng bộ tỉnh Hải Dương lần thứ XVI``, ``Đại hội Thành đoàn Đà Nẵng``.
_DH_NAMED = (
    rf"(?:Đại|đại)\s+hội\s+(?:[Đđ]ại\s+biểu\s+)?(?:Đảng\s+bộ|Thành\s+đoàn|Tỉnh\s+đoàn)"
    rf"\s+(?:(?:{TP}\s*|{LEVEL}\s+)?(?:{CAPW}|{ACR})(?:\s+{CAPW}){{0,3}})(?:\s+{P.ORDINAL})?"
)
RULES: list[Rule] = [
    _r("event.congress_numbered", None, rf"{WS}(?:{_DH_NUM})"),
    _r("event.congress_named", None, rf"{WS}(?:{_DH_NAMED})"),
    # A numbered session of a standing commission: "Ủy ban Kiểm tra Trung ương họp kỳ 27".
    _r("event.commission_session", None, rf"(?<=họp\s)kỳ\s+(?:thứ\s+)?\d+{WE}"),
    _r("event.central_plenum", None, rf"{WS}(?:{HN_TW})"),
    _r("event.committee_plenum", None, rf"{WS}(?:{_HN_BODY})"),
    _r("event.council_session_numbered", None, rf"{WS}(?:{_KY_HOP})"),
    # An unnumbered session of a council of a named place: "kỳ họp HĐND TP Đà Nẵng".
    _r("event.council_session_named", None,
        rf"{WS}[Kk]ỳ\s+họp\s+(?:HĐND|Hội\s+đồng\s+nhân\s+dân)\s+(?:{TP}\s*|{LEVEL}\s+)?(?:{CAPW}|{ACR})(?:\s+{CAPW}){{0,3}}",
    ),
]
