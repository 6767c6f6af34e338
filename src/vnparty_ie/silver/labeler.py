"""Rule- and gazetteer-based silver labeler for party-building news.

:class:`SilverLabeler` labels the ten entity types of the annotation
guidelines (v1.1) with regular grammars and gazetteers, to produce weak
supervision for a token classifier. It favours precision: a shaky rule is left
out rather than allowed to teach a model systematic errors.

How it works:

1. The text is normalised exactly as :func:`vnparty_ie.text.normalize.normalize`
   does (:func:`view_of` takes a fast path for clean NFC text) and all rules run
   on that view; spans are mapped back to the original string.
2. Phase 1 proposes candidates by tier (RESOLUTION, EVENT, DATE, POSITION,
   ORG/LOC, METRIC/UNIT) and keeps a flat set: a higher tier wins, and within a
   tier the longer span wins.
3. Phase 2 finds PERSON names in the uncovered text: capitalised runs that start
   with a family name, after a title, an honorific or alone when long enough;
   plus bylines.
4. Phase 3 adds TARGETs with a few high-precision patterns around METRICs.

Example:
    >>> doc = SilverLabeler().label("Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai cho biết "
    ...                             "tổng thu ngân sách năm 2023 đạt hơn 6.164 tỷ đồng.")
    >>> [(e.label, e.text) for e in doc.entities]  # doctest: +NORMALIZE_WHITESPACE
    [('POSITION', 'Bí thư'), ('ORG', 'Quận ủy Thanh Xuân'), ('PERSON', 'Bùi Huyền Mai'),
     ('TARGET', 'tổng thu ngân sách'), ('DATE', 'năm 2023'), ('METRIC', 'hơn 6.164'),
     ('UNIT', 'tỷ đồng')]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..text import normalize as _norm_mod
from ..text.normalize import NormalizedText, canonical_tone, normalize
from ..types import Entity, Extraction
from . import gazetteers as gz
from . import patterns as P
from .patterns import ACR, CAPW, LO, ROMAN, UP, WE, WS, alt, norm

__all__ = ["Candidate", "SilverLabeler", "view_of"]


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile a grammar pattern so that no span crosses a line break.

    Patterns are written with ``\\s``; here every ``\\s`` outside a character
    class becomes "whitespace other than a newline" (paragraphs are separate
    lines in the view). Inside a class ``\\s`` keeps its meaning.
    """
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            pair = pattern[i : i + 2]
            out.append(r"[^\S\n]" if pair == r"\s" and not in_class else pair)
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
            out.append(ch)
            # A "]" right after "[" or "[^" is a literal.
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                out.append("]")
                i += 1
        elif ch == "]" and in_class:
            in_class = False
            out.append(ch)
        else:
            out.append(ch)
        i += 1
    return re.compile("".join(out))


# ------------------------------------------------------------ fast normalisation
# Most news text is already NFC with no zero-width characters and no runs of
# spaces: its view then has the same length as the text (only one-to-one
# character replacements and tone moves), so the alignment is the identity and
# the view is built in C-speed passes. Anything else goes through
# :func:`normalize`. Both give the same view. The fast path mirrors the tables of
# :mod:`vnparty_ie.text.normalize`; if they are ever renamed, every text simply
# takes the full path.
_TABLES_KNOWN = all(hasattr(_norm_mod, name) for name in ("_DROPPED", "_CHAR_MAP", "_NEWLINES"))
# Horizontal spaces (tab and category Zs); a run of two or more is one view space.
_H_SPACES = "\t" + "".join(chr(c) for c in range(0x3001) if unicodedata.category(chr(c)) == "Zs")
_NEEDS_FULL = re.compile(
    "[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    + "".join(getattr(_norm_mod, "_DROPPED", ()))
    + "]"
    + f"|[{_H_SPACES}]{{2}}"
)
_ONE_TO_ONE = str.maketrans(
    {
        **getattr(_norm_mod, "_CHAR_MAP", {}),
        **{c: "\n" for c in getattr(_norm_mod, "_NEWLINES", ())},
        "\t": " ",
        **{chr(c): " " for c in range(0x80, 0x3001) if unicodedata.category(chr(c)) == "Zs"},
    }
)
_TONE_WORD = re.compile("[^\\W\\d_]*(?:[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![^\\W\\d_])")


def view_of(text: str) -> NormalizedText:
    """Return the normalised view of ``text`` (same result as :func:`normalize`, faster).

    Example:
        >>> view_of("Thành uỷ").text
        'Thành ủy'
    """
    if not _TABLES_KNOWN or _NEEDS_FULL.search(text) or not unicodedata.is_normalized("NFC", text):
        return normalize(text)
    view = _TONE_WORD.sub(lambda m: canonical_tone(m.group()), text.translate(_ONE_TO_ONE))
    n = len(text)
    return NormalizedText(original=text, text=view, starts=tuple(range(n)), ends=tuple(range(1, n + 1)))


@dataclass(frozen=True)
class Candidate:
    """A proposed span in the normalised view.

    Attributes:
        start: Start offset in the view.
        end: End offset in the view (exclusive).
        label: Entity label.
        tier: Priority (lower wins) when candidates overlap.
    """

    start: int
    end: int
    label: str
    tier: int


# Tiers: lower wins an overlap; within a tier the longer span wins.
T_RESOLUTION, T_EVENT, T_DATE, T_POSITION, T_NAMED, T_METRIC, T_WEAK = range(7)

# ---------------------------------------------------------------- shared pieces
_PLACE_SET = frozenset(norm(t) for t in gz.PROVINCES + gz.DISTRICTS + gz.COUNTRIES)
_MIDDLE_NAMES = frozenset(norm(t) for t in gz.MIDDLE_NAMES)
_NAME_WORD_SET = frozenset(norm(t) for t in gz.NAME_WORDS)
#: Head words of organisation names: a "place" after a committee that starts with
#: one is another organisation ("Ban cán sự đảng Bộ Công Thương").
_ORG_HEAD_WORDS = frozenset(
    norm(w)
    for w in gz.terms("Bộ|Sở|Ban|Công|Tập|Ngân|Bệnh|Trường|Viện|Tổng|Cục|Văn|Hội|Ủy|Đoàn|Thanh|Tòa|Học|Trung|Đảng")
)
_SURNAMES = frozenset(norm(t) for t in gz.SURNAMES)

#: One token of a proper place name: a capitalised word, an acronym or a small number.
_PLACE_TOK = rf"(?:[{UP}][{LO}]+{WE}|{ACR}|\d{{1,2}}{WE})"
#: A run of place tokens, optionally hyphen-joined (``Bà Rịa - Vũng Tàu``); trimmed in code.
_PLACE = rf"{_PLACE_TOK}(?:\s+{_PLACE_TOK}){{0,6}}(?:\s*[-–]\s*{CAPW}(?:\s+{CAPW}){{0,2}})?"
#: ``TP``/``TP.``/``Tp.`` before a city name (``TP. HCM``, ``TP.HCM``).
_TP = r"(?:TP|Tp|T\.P)\.?"
#: Administrative words whose first letter may be either case.
_ADMIN_CI = alt(
    [w for w in gz.ADMIN_WORDS if w not in ("đường", "phố", "sông", "hồ", "đảo", "quần đảo", "bản", "làng", "xóm", *gz.PLACE_WORDS_LC)],
    "any",
)
#: Administrative words matched lower-case only (their capitalised forms are names).
_ADMIN_LC = alt(["đường", "phố", "sông", "hồ", "đảo", "quần đảo", "bản", "làng", "xóm", *gz.PLACE_WORDS_LC], "exact")
_LEVEL = alt(gz.LEVEL_WORDS, "first")
_COMMITTEE = alt(gz.PARTY_COMMITTEES, "exact")
_COMMITTEE_LC = alt([c.lower() for c in gz.PARTY_COMMITTEES], "exact")


def _alt_first_exact(terms: tuple[str, ...] | list[str]) -> str:
    """Alternation whose first word is exact and whose other words ignore case.

    Newswires write ``Ban Tổ chức``, ``Ban tổ chức`` and ``Ban chấp hành`` alike,
    while a lower-case first word (``ban``) is usually generic.
    """
    parts = []
    for t in sorted({norm(x) for x in terms}, key=lambda t: (-len(t), t)):
        head, _, rest = t.partition(" ")
        parts.append(
            re.escape(head) + (r"\s+(?i:" + r"\s+".join(map(re.escape, rest.split(" "))) + ")" if rest else "")
        )
    return "(?:" + "|".join(parts) + ")"


def _tail(n: int) -> str:
    """An optional place tail ``(level word)? (place name)?`` with numbered groups."""
    return rf"(?:\s+(?:(?:{_TP}|{_LEVEL}){WE}(?:\s*(?P<p{n}>{_PLACE}))?|(?P<q{n}>{_PLACE})))?"


def _tail_required(n: int) -> str:
    """A required place tail (level word and/or place name); use ``n=2`` in ``ORG_REQ`` rules."""
    return rf"\s+(?:(?:{_TP}|{_LEVEL}){WE}(?:\s*(?P<p{n}>{_PLACE}))?|(?P<q{n}>{_PLACE}))"


# ------------------------------------------------------------------- the grammar
_DOC_ANY = alt(gz.DOC_TYPES, "first")
_DOC_CAP = alt(gz.DOC_TYPES, "exact")
_TW = r"(?:Trung\s+ương|TW|TƯ)"
#: A short named place inside an event or document name (``Thành ủy TP. HCM``, ``Đảng bộ tỉnh``).
_NAMED_PLACE = rf"(?:(?:{_TP}\s*|{_LEVEL}\s+)?(?:{CAPW}|{ACR})(?:\s+{CAPW}){{0,3}}|(?:{_TP}|{_LEVEL}){WE})"
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
_DH_ANY = rf"(?:{_DH_NUM}|Đại\s+hội\s+{_DH_BODY})"
#: Central plenums: ``Hội nghị Trung ương 4``, ``Hội nghị lần thứ 10 Ban Chấp hành Trung ương Đảng``.
_HN_TW = (
    rf"(?:[Hh]ội\s+nghị\s+(?:Ban\s+[Cc]hấp\s+hành\s+)?(?:{_TW}|trung\s+ương)(?:\s+Đảng)?\s+(?:\d+{WE}|lần\s+(?:thứ\s+)?(?:{ROMAN}|\d+{WE}|{P.ORD_WORDS}))"
    rf"|[Hh]ội\s+nghị\s+{P.ORDINAL}(?:\s+Ban\s+[Cc]hấp\s+hành\s+(?:Trung\s+ương(?:\s+Đảng)?|Đảng\s+bộ"
    rf"(?:\s+{_NAMED_PLACE})?)|\s+{_COMMITTEE}(?:\s+{_NAMED_PLACE})?)?)"
)
#: A plenum of a named committee: ``Hội nghị Thành ủy``, ``Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5``.
_HN_BODY = (
    rf"[Hh]ội\s+nghị\s+(?:{_COMMITTEE}(?!\s+viên)(?:\s+{_NAMED_PLACE})?"
    rf"|Ban\s+[Cc]hấp\s+hành\s+Đảng\s+bộ(?:\s+{_NAMED_PLACE})?)"
    rf"(?:\s+{P.ORDINAL})?"
)
_KY_HOP = (
    rf"(?:[Kk]ỳ\s+họp\s+(?:(?:lần\s+)?thứ\s+)?(?:\d+{WE}|{P.ORD_WORDS}|{ROMAN})|[Kk]ỳ\s+họp\s+đầu\s+tiên"
    rf"|[Pp]hiên\s+(?:họp\s+)?(?:thứ\s+(?:\d+{WE}|{P.ORD_WORDS})|đầu\s+tiên))"
    rf"(?:\s+(?:HĐND|Hội\s+đồng\s+nhân\s+dân)(?:\s+{_LEVEL}{WE})?(?:\s+(?:{_TP}\s*)?{_PLACE_TOK}(?:\s+{_PLACE_TOK}){{0,2}})?"
    rf"|\s+Quốc\s+hội)?"
)

#: Words that end a law's name ("Luật đất đai quy định …", "Luật này").
_LAW_STOP = alt(
    ["của", "được", "do", "quy", "là", "về", "đã", "này", "khi", "theo", "tại", "với", "cho", "để", "sẽ", "đang", "thì", "mà", "nên", "có", "không", "cũng", "vẫn", "chưa", "các", "những", "số", "năm", "sửa", "và", "trong", "trên", "ban", "hành", "dự", "thảo", "mới", "đó", "nay", "hiện"]
)
_RES_ID_STRONG = (
    rf"(?:(?:số\s+)?{P.CODE}|số\s+\d+[a-z]?(?![\w/-])|(?:Hội\s+nghị\s+)?{_TW}\s+\d+{WE}|{_HN_TW}|{_DH_ANY})"
)
_RESOLUTION_RULES: list[tuple[str, str]] = [
    # A document type with a code, "số N", a central plenum or a congress.
    ("RESOLUTION", rf"{WS}{_DOC_ANY}\s+{_RES_ID_STRONG}"),
    # A capitalised document type with a bare number: "Đề án 11", "Chương trình 01".
    (
        "RESOLUTION",
        rf"{WS}{_DOC_CAP}\s+\d{{1,3}}[a-z]?(?![\w/%-]|[.,]\d)(?!\s*(?:năm|tháng|ngày|%|tỷ|triệu|nghìn){WE})",
    ),
    # Year-identified documents: "Cương lĩnh 2011", "Hiến pháp năm 2013".
    (
        "RESOLUTION",
        rf"{WS}(?:Cương\s+lĩnh|Hiến\s+pháp|Chiến\s+lược|Luật\s+{CAPW}(?:\s+[{LO}]+{WE})?)\s+(?:năm\s+)?{P.YEAR}",
    ),
    # The Party statute.
    ("RESOLUTION", rf"{WS}Điều\s+lệ\s+(?:Đảng|Đoàn|Hội){WE}(?!\s+viên)"),
    # Lower-case document types of the Party with a bare number: "quy định 47", "kết luận 2852".
    (
        "RESOLUTION",
        (rf"{WS}(?:quy\s+định|kết\s+luận|nghị\s+quyết|chỉ\s+thị|thông\s+cáo|kế\s+hoạch)\s+(?:số\s+)?\d{{1,4}}{WE}"
        rf"(?![/.,-]\d)(?!\s+(?:{P.UNIT}|{alt(gz.TIME_UNITS)}|%){WE})"),
    ),
    # Laws named by their subject: "Luật Phòng, chống tham nhũng", "Bộ luật hình sự", "Luật đất đai 2013";
    # the Constitution: "Hiến pháp", "hiến pháp 2013".
    (
        "RESOLUTION",
        (rf"{WS}(?<!Hội\s)(?:Bộ\s+luật|Luật)\s+(?!(?:{_LAW_STOP}|gia|sư){WE})[{UP}{LO}]+{WE}"
        rf"(?:(?:,\s+(?=chống{WE})|\s+(?:và\s+)?)(?!{_LAW_STOP}{WE}|{alt(gz.LAW_NAME_STOPS)}{WE})[{LO}]+{WE}){{0,6}}"
        rf"(?:\s+{P.YEAR})?"),
    ),
    ("RESOLUTION", rf"{WS}(?:Hiến\s+pháp|hiến\s+pháp(?=\s+{P.YEAR})){WE}(?:\s+(?:năm\s+)?{P.YEAR})?"),
]

#: A congress of a named body without a number: ``Đại hội Đảng bộ tỉnh Phú Yên``,
#: ``Đại hội đại biểu Đảng bộ tỉnh Hải Dương lần thứ XVI``, ``Đại hội Thành đoàn Đà Nẵng``.
_DH_NAMED = (
    rf"(?:Đại|đại)\s+hội\s+(?:[Đđ]ại\s+biểu\s+)?(?:Đảng\s+bộ|Thành\s+đoàn|Tỉnh\s+đoàn)"
    rf"\s+(?:(?:{_TP}\s*|{_LEVEL}\s+)?(?:{CAPW}|{ACR})(?:\s+{CAPW}){{0,3}})(?:\s+{P.ORDINAL})?"
)
_EVENT_RULES: list[tuple[str, str]] = [
    ("EVENT", rf"{WS}(?:{_DH_NUM})"),
    ("EVENT", rf"{WS}(?:{_DH_NAMED})"),
    # A numbered session of a standing commission: "Ủy ban Kiểm tra Trung ương họp kỳ 27".
    ("EVENT", rf"(?<=họp\s)kỳ\s+(?:thứ\s+)?\d+{WE}"),
    ("EVENT", rf"{WS}(?:{_HN_TW})"),
    ("EVENT", rf"{WS}(?:{_HN_BODY})"),
    ("EVENT", rf"{WS}(?:{_KY_HOP})"),
    # An unnumbered session of a council of a named place: "kỳ họp HĐND TP Đà Nẵng".
    (
        "EVENT",
        rf"{WS}[Kk]ỳ\s+họp\s+(?:HĐND|Hội\s+đồng\s+nhân\s+dân)\s+(?:{_TP}\s*|{_LEVEL}\s+)?(?:{CAPW}|{ACR})(?:\s+{CAPW}){{0,3}}",
    ),
]

_DATE_RULES: list[tuple[str, str]] = [
    ("DATE", rf"{WS}{P.RANGE}"),
    ("DATE", rf"{WS}{P.OPEN_PERIOD}{WE}"),
    ("DATE", rf"{WS}(?:{P.DAY_WORDS}\s+)?(?:ngày\s+)?{P.FULL_DATE}{P.CLOCK}?"),
    ("DATE", rf"{WS}(?:[Bb]uổi\s+)?{P.DAY_WORDS}\s+(?:ngày\s+)?{P.DAY_MONTH}"),
    # Day ranges: "từ ngày 4/7 đến 8/7", "từ 5 đến 12/1/2015", "ngày 24 - 26/4".
    ("DATE", rf"{WS}{P.DAY_RANGE}"),
    # Sentence-initial "Hiện" (= hiện nay, adjudication) and "Buổi sáng/chiều" opening a sentence.
    (
        "DATE",
        (rf"(?:^|(?<=[.!?:]\s)|(?<=\n))(?:Hiện(?!\s+(?:nay|tại|đại|trạng|tượng|thực|hành|diện|thời){WE})"
        rf"|Buổi\s+(?:sáng|chiều|trưa|tối)){WE}(?=\s*,|\s+\w)"),
    ),
    # A deictic word with its date: "sáng nay 4/10", "Sáng mai 26/10".
    ("DATE", rf"{WS}{P.DEICTIC}\s+{P.DAY_MONTH}"),
    ("DATE", rf"{WS}{P.UNTIL}"),
    ("DATE", rf"{WS}(?:{P.MANDATE})"),
    ("DATE", rf"{WS}{P.TERM}"),
    ("DATE", rf"{WS}(?:{P.QUARTER}|{P.MONTH}|{P.YEARS}|{P.NTH_YEAR}|{P.PART_OF_YEAR}){WE}"),
    ("DATE", rf"{WS}{P.YEAR_SPAN}"),
    ("DATE", rf"{WS}{P.DURATION}"),
    ("DATE", rf"{WS}{P.DEICTIC}{WE}"),
    # A bare year in parentheses: "(2024)".
    ("DATE", rf"(?<=\()\s*{P.YEAR}(?=\s*\))"),
]

# ---------------------------------------------------------------- named entities
_POST_CORE = alt(gz.POSTS, "any")
_POST_SUFFIX = alt(gz.POST_SUFFIXES, "first")
_MINISTRY_DOMAINS = alt(gz.DOMAINS, "exact")
_DOMAIN = alt(gz.DOMAINS, "any")
_BAN_NAME = alt(gz.BAN_NAMES, "exact")

_POSITION_RULES: list[tuple[str, str]] = [
    # [Phó|Quyền] POST [Thường trực]; "Trưởng"/"Chánh" only before a capitalised body.
    (
        "POSITION",
        (
            rf"{WS}(?<![Bb]an\s)(?<!Ban\s\s)(?<!Đoàn\s)(?<!Bộ\s)(?:(?:[Pp]hó|[Qq]uyền)\s+)?"
            rf"(?:{_POST_CORE}|Trưởng(?=\s+[{UP}])|trưởng(?=\s+Ban\s+{_BAN_NAME})|Chánh(?=\s+Văn\s+phòng)"
            # "Phó ban Tuyên giáo Tỉnh ủy", "Phó Văn phòng Trung ương Đảng": «Phó» + the body.
            rf"|(?<![Pp]hó\s)(?<!Quyền\s)Phó(?=\s+(?:[Bb]an\s+{_BAN_NAME}|[Vv]ăn\s+phòng\s+[{UP}])))"
            rf"{WE}(?:\s+{_POST_SUFFIX}{WE})?"
        ),
    ),
    # "Bộ trưởng Xây dựng": a minister named by the domain, no "Bộ".
    ("POSITION", rf"{WS}(?:(?:[Pp]hó|Quyền)\s+)?(?:[Bb]ộ|[Tt]hứ)\s+trưởng\s+{_DOMAIN}{WE}"),
    # Generic plural posts after a quantifier: "các đại biểu", "một lãnh đạo", "hai vị lãnh đạo".
    (
        "POSITION",
        (rf"(?:(?<=[Cc]ác\s)|(?<=[Nn]hững\s)|(?<=[Mm]ột\s)|(?<=[Hh]ai\s)|(?<=[Vv]ị\s)|(?<=[Dd]àn\s))"
        rf"(?:đại\s+biểu|lãnh\s+đạo){WE}(?!\s+(?:chỉ\s+đạo|quản\s+lý|toàn\s+quốc|và\s+chỉ|điều\s+hành){WE})"),
    ),
    # "lãnh đạo" as a noun for the leaders of a named body or place (adjudication): "lãnh đạo Sở Xây dựng",
    # "Lãnh đạo Thành ủy"; not the verb ("để lãnh đạo …", "sự lãnh đạo …").
    (
        "POSITION",
        (rf"{WS}(?<!sự\s)(?<!để\s)(?<!nhất\s)(?<!tục\s)(?<!thức\s)(?<!sẽ\s)(?<!đã\s)[Ll]ãnh\s+đạo"
        rf"(?=\s+(?:[{UP}]|(?:{_LEVEL})\s+[{UP}]))"),
    ),
    # "Thường trực Ban Bí thư": the post of the Standing member of the Secretariat.
    ("POSITION", rf"{WS}(?<!Phó\s)[Tt]hường\s+trực(?=\s+[Bb]an\s+[Bb]í\s+thư{WE})"),
    # "đại biểu Quốc hội/HĐND": the delegate post.
    ("POSITION", rf"{WS}(?<![Đđ]oàn\s)[Đđ]ại\s+biểu(?=\s+(?:Quốc\s+hội|HĐND|Hội\s+đồng\s+nhân\s+dân))"),
]

_SUB_BODY = _alt_first_exact([b for b in gz.SUB_BODIES if b not in gz.NEEDS_PARENT])
_SUB_BODY_NEEDS_PARENT = _alt_first_exact(gz.NEEDS_PARENT)
_SUB_BODY_LC = alt(
    [b.lower() for b in gz.SUB_BODIES if b.startswith(("Ban ", "Ủy ban ", "Văn phòng", "Thường trực"))], "exact"
)
_PARENT = alt(gz.PARENTS, "first")
_PARTY_BODY = alt(gz.PARTY_BODIES, "exact")
_INSTITUTION = alt(gz.INSTITUTIONS, "exact")
#: Tokens of an institution name: a known name word ("Quốc phòng", "Phụ sản"), a
#: capitalised syllable (a proper name: "Bạch Mai"), an acronym, or "Trung ương".
#: Lower-case words are never part of the name, so a name cannot run on into the
#: sentence; "và" and " - " join two name parts.
_NAME_WORD = _alt_first_exact(gz.NAME_WORDS)
_INST_WORD = rf"(?:{_NAME_WORD}{WE}|Trung\s+ương{WE}|Quốc\s+hội{WE}|Nhà\s+nước{WE}|{CAPW}|{ACR})"
_INST_NAME = (
    rf"{_INST_WORD}(?:\s+{_INST_WORD}|\s+(?:và|[-–])\s+(?!{_INSTITUTION}{WE})(?={_INST_WORD}){_INST_WORD}){{0,7}}"
)

_ORG_RULES: list[tuple[str, str]] = [
    # Party committees: "Quận ủy Thanh Xuân", "Thành ủy TP.HCM", bare "Thành ủy".
    ("ORG", rf"{WS}{_COMMITTEE}{WE}(?!\s+viên){_tail(1)}"),
    # Lower-case committees followed by a place name: "thành ủy Hà Nội".
    ("ORG", rf"{WS}{_COMMITTEE_LC}{WE}(?!\s+viên)\s+(?:{_TP}\s*)?(?P<q1>{_PLACE})"),
    # Party organisations needing a place: "Đảng bộ phường Ba Láng", "Chi bộ 3".
    ("ORG_REQ", rf"{WS}{_PARTY_BODY}{WE}{_tail_required(2)}"),
    # Sub-bodies with an optional parent: "Ban Tổ chức Thành ủy", "Ban Chấp hành Đảng bộ quận".
    (
        "ORG",
        (
            rf"{WS}{_SUB_BODY}{WE}(?:\s+(?:{_PARTY_BODY}{WE}|{_COMMITTEE}{WE}(?!\s+viên)|{_COMMITTEE_LC}{WE}(?!\s+viên)"
            rf"|{_PARENT}{WE}){_tail(1)}"
            rf"|{_tail(2)})"
        ),
    ),
    # Sub-bodies that need a parent or place: "Thường trực Quận ủy", "Văn phòng Tỉnh ủy".
    (
        "ORG_REQ",
        (
            rf"{WS}{_SUB_BODY_NEEDS_PARENT}{WE}(?:\s+(?:{_COMMITTEE}{WE}(?!\s+viên)|{_PARENT}{WE}){_tail(1)}"
            rf"|{_tail_required(2)})"
        ),
    ),
    # Lower-case sub-bodies are ORG only with their parent: "ban thường vụ Tỉnh ủy".
    (
        "ORG",
        rf"{WS}{_SUB_BODY_LC}{WE}\s+(?:{_PARTY_BODY}{WE}|{_COMMITTEE}{WE}(?!\s+viên)|{_COMMITTEE_LC}{WE}(?!\s+viên)|{_PARENT}{WE}){_tail(1)}",
    ),
    # "Trưởng đoàn đại biểu Quốc hội tỉnh X": the delegation of a named province.
    ("ORG_REQ", rf"(?<=rưởng\s)đoàn\s+đại\s+biểu\s+Quốc\s+hội{_tail_required(2)}"),
    # "ban Tổ chức Thành ủy" after "Trưởng": a lower-case "ban" + known committee department.
    ("ORG", rf"(?:(?<=Trưởng\s)|(?<=Phó\s))ban\s+{_BAN_NAME}{WE}(?:\s+(?:{_COMMITTEE}{WE}|{_PARENT}{WE}){_tail(1)})?"),
    # A bare lower-case committee right after its post: "bí thư tỉnh ủy", "phó bí thư thường trực thành ủy".
    # ("bí thư tỉnh ủy, thành ủy": a generic list of posts, no ORG).
    ("ORG", rf"(?:(?<=thư\s)|(?<=trực\s)){_COMMITTEE_LC}{WE}(?!\s+viên)(?!\s*,\s*{_COMMITTEE_LC}{WE})"),
    # Newswire lower-cases "ban": "ban Bí thư", "ban Chấp hành Trung ương", "ủy ban Kiểm tra Tỉnh ủy".
    ("ORG", rf"{WS}ban\s+Bí\s+thư{WE}"),
    (
        "ORG",
        (rf"{WS}(?:ban|ủy\s+ban)\s+(?:[Cc]hấp\s+hành|[Kk]iểm\s+tra|[Tt]hường\s+vụ|{alt(gz.BAN_NAMES, 'any')}){WE}"
        rf"\s+(?:Trung\s+ương(?:\s+Đảng)?{WE}|{_COMMITTEE}{WE}(?!\s+viên){_tail(1)})"),
    ),
    # Parties and armed forces of a country: "Đảng Cộng sản Trung Quốc", "Quân đội nhân dân Việt Nam".
    (
        "ORG",
        (rf"{WS}(?:[Đđ]ảng\s+[Cc]ộng\s+sản|Quân\s+đội\s+nhân\s+dân|Hải\s+quân|Công\s+an\s+nhân\s+dân)"
        rf"\s+(?:Việt\s+Nam|{CAPW}\s+{CAPW}|{CAPW}){WE}"),
    ),
    # National bodies.
    ("ORG", rf"{WS}{_alt_first_exact(gz.NATIONAL_BODIES)}{WE}(?!\s+\d|\s+các\s+cấp|\s+Cộng\s+sản)"),
    # Ministries and departments by domain: "Bộ Nội vụ", "Sở Giao thông vận tải TP. HCM".
    ("ORG", rf"{WS}Bộ\s+{_DOMAIN}{WE}"),
    ("ORG", rf"{WS}[Ss]ở\s+{_DOMAIN}{WE}{_tail(1)}"),
    # District departments: "Phòng Nội vụ", "phòng giáo dục thị xã".
    ("ORG", rf"{WS}[Pp]hòng\s+{_DOMAIN}{WE}{_tail(1)}"),
    # Numbered military regions: "Quân khu 7".
    ("ORG", rf"{WS}Quân\s+khu\s+\d{{1,2}}{WE}"),
    # Press acronyms.
    ("ORG", rf"{WS}{alt(gz.PRESS)}{WE}"),
    # Newspapers, news sites and agencies by name, with an optional "báo": "báo Tuổi Trẻ", "Xinhua".
    ("ORG", rf"{WS}(?:[Bb]áo\s+)?{alt(gz.PRESS_NAMES)}{WE}"),
    # Steering, vote-counting and credentials committees, presidia, sub-committees of a congress.
    (
        "ORG",
        (rf"{WS}(?:Ban\s+[Cc]hỉ\s+đạo(?:\s+Trung\s+ương)?|[Bb]an\s+[Kk]iểm\s+phiếu|Đoàn\s+Chủ\s+tịch"
        rf"|Ban\s+[Tt]hẩm\s+tra\s+tư\s+cách(?:\s+đại\s+biểu)?){WE}"),
    ),
    ("INST", rf"{WS}[Tt]iểu\s+ban\s+(?P<name>{_INST_NAME})"),
    # Institutions with a capitalised name: "Bệnh viện Phụ sản Trung ương", "Sở Nội vụ".
    # "Trung ương Hội …", "BCH TW Hội …", "Chi Hội …": the central committee or branch of an association.
    ("INST", rf"{WS}(?:(?:Trung\s+ương|TW|BCH\s+TW|[Cc]hi)\s+(?=Hội\s))?{_INSTITUTION}\s+(?:(?:TNHH|Cổ\s+phần|CP|MTV)\s+)?(?P<name>{_INST_NAME})"),
]

_LOC_RULES: list[tuple[str, str]] = [
    # Administrative word + name: "quận Thanh Xuân", "Thị trấn Đông Anh", "TP. HCM".
    ("LOC", rf"{WS}(?:{_ADMIN_CI}|{_ADMIN_LC}){WE}\s+(?P<p1>{_PLACE})"),
    ("LOC", rf"{WS}{_TP}\s*(?P<p1>{_PLACE})"),
    # Abbreviated district and ward: "Q. 2", "Q. Thủ Đức", "P. An Phú".
    ("LOC", rf"{WS}[QP]\.\s?(?P<p1>{_PLACE})"),
    # Numbered roads: "đường Vành đai 4", "Quốc lộ 1A".
    ("LOC", rf"{WS}(?:đường\s+)?(?:Vành\s+đai|Quốc\s+lộ|Tỉnh\s+lộ|Cao\s+tốc)\s+\d+[A-Z]?{WE}"),
]

# ------------------------------------------------------------------ metrics/units
#: The "per" part of a rate unit: "lần / tháng", "triệu đồng / m2", "vụ / 10.000 dân".
_RATE_TAIL = rf"(?:\s?/\s?(?:{P.NUMBER}\s+)?(?:m²|m2|km2|ha|[{LO}]+){WE})"
_METRIC = (
    # The number with its approximator: "hơn 105.981", "852/453", "hàng nghìn".
    rf"(?<![\w/.,-])(?P<metric>(?:{P.APPROX}\s+)?(?:{P.NUMBER_OR_RATIO}|hàng\s+(?:chục|trăm|nghìn|ngàn|vạn|triệu|tỷ)))"
    # Then a unit glued to the digits ("16.000m", "10.000.000đ") ...
    rf"(?:(?P<att>{P.ATTACHED_UNIT}){WE}"
    # ... or the number ends here (not a code "03-NQ", not a longer number) and a
    # percent sign or a counted noun (with its scale word) may follow.
    rf"|(?![\w]|[-/][\w]|[.,]\d)(?:(?P<pct>\s?%)|\s+(?P<unit>(?:{P.SCALE}\s+)?{P.UNIT}{WE}{_RATE_TAIL}?))?)"
)
_METRIC_RE = _rx(_METRIC)
#: Counted nouns that are posts: tagged POSITION after a number, with no UNIT.
_COUNTED_POST_UNITS = frozenset(norm(w) for w in ("đại biểu",))
#: A list of counts before a number word: "54 người bị khiển trách, 18 người bị cảnh cáo và …".
_COUNT_LIST_BEFORE_RE = _rx(r"\d[^.;:!?\n]*?(?:,|\s+và)\s*$")
#: A count written in words before a counted noun or post: "hai Phó Bí thư", "ba người".
_WORD_METRIC_RE = _rx(
    rf"(?<![\w/.,-])(?P<metric>(?:{P.APPROX}\s+)?{alt(gz.NUMBER_WORDS, 'first')}){WE}"
    rf"(?:\s+(?P<unit>(?:{P.SCALE}\s+)?{P.UNIT}){WE})?"
)
_COUNTED_POST_RE = _rx(
    rf"\s+(?:(?:[Pp]hó\s+)?{_POST_CORE}|(?:vị\s+|tân\s+)?lãnh\s+đạo|(?:tân\s+)?[Pp]hó\s+[{LO}]+|chính\s+thức|dự\s+khuyết){WE}"
)
#: An age after "tuổi": "ở tuổi 59", "độ tuổi 40".
_AGE_RE = _rx(rf"(?<=tuổi\s)\d{{2}}(?![\d/.,-]){WE}(?!\s+(?:tuổi|năm|%){WE})")
_DAY_MONTH_RE = re.compile(r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])")

# Words before a number that make it an identifier or ordinal, not a METRIC.
_NOT_METRIC_BEFORE = frozenset(
    norm(w)
    for w in [
        "số",
        "thứ",
        "điều",
        "khoản",
        "mục",
        "khóa",
        "kỳ",
        "lần",
        "quận",
        "phường",
        "tổ",
        "khu",
        "trang",
        "chương",
        "tập",
        "đợt",
        "phòng",
        "lô",
        "ấp",
        "thôn",
        "xóm",
        "đội",
        "chi",
        "nhánh",
        "tuyến",
        "đường",
        "quốc",
        "lộ",
        "hẻm",
        "ngõ",
        "nhà",
        "tầng",
        "phiên",
        "bản",
        "mẫu",
    ]
)
# Words before a bare number (no unit) that make it a measurement.
_METRIC_CUE_BEFORE = frozenset(
    norm(w) for w in ("đạt", "tăng", "giảm", "vượt", "chiếm", "là", "có", "gồm", "còn", "được", "với")
)

_ACTIVITY = alt(gz.COUNT_ACTIVITIES, "first")
_ACHIEVE = alt(gz.ACHIEVEMENT_VERBS, "exact")
_TARGET_HEAD = alt(gz.TARGET_HEADS, "first")
_PCT_GROUP = alt(gz.PERCENT_GROUPS, "exact")
_PCT_PRED = alt(gz.PERCENT_PREDICATES, "exact")

_HONORIFIC_RE = _rx(rf"(?:^|(?<=\W)){alt(gz.HONORIFICS)}\s+$")
#: A name token for runs: capitalised word (also ALL-CAPS words for bylines).
_RUN_RE = _rx(rf"(?:[{UP}][{LO}]*|[{UP}]+){WE}(?: +(?:[{UP}][{LO}]*|[{UP}]+){WE})*")
_HYPHEN_TAIL_RE = _rx(rf"\s*[-–]\s*((?:[{UP}][{LO}]*)(?: [{UP}][{LO}]*)*){WE}")
_PERSON_PLACE_CUES = _rx(
    r"(?:tư\s+tưởng|[Cc]hủ\s+tịch|Bác|[Đđ]ồng\s+chí|phong\s+cách|đạo\s+đức|lời\s+dạy|[Dd]i\s+chúc|gương)\s+$"
)
_BYLINE_RE = _rx(
    rf"(?m)^[ \t]*(?P<name>(?:[{UP}]{{2,}}|[{UP}][{LO}]+)(?:[ \t]+(?:[{UP}]{{2,}}|[{UP}][{LO}]+)){{1,3}}|[{UP}]\.[{UP}](?:\.[{UP}])?)[ \t]*$"
)
_PHOTO_CREDIT_RE = _rx(
    rf"(?:Ảnh|ẢNH|[Bb]ài\s+và\s+ảnh|[Bb]ài,\s+ảnh|[Bb]ài\s*/\s*ảnh)[ ]*:[ ]*"
    rf"(?P<name>(?:[{UP}][{LO}]+|[{UP}]{{2,}})(?:[ ]+(?:[{UP}][{LO}]+|[{UP}]{{2,}})){{1,3}}){WE}"
)


def _compile(rules: list[tuple[str, str]]) -> list[tuple[str, re.Pattern[str]]]:
    return [(label, _rx(p)) for label, p in rules]


class SilverLabeler:
    """Label Vietnamese party-building articles with the schema's entities by rule.

    The labeler is stateless after construction and thread-safe; build it once
    and call :meth:`label` on many texts.

    Example:
        >>> lab = SilverLabeler()
        >>> [(e.label, e.text) for e in lab.label("Chỉ thị 05-CT/TW của Bộ Chính trị").entities]
        [('RESOLUTION', 'Chỉ thị 05-CT/TW'), ('ORG', 'Bộ Chính trị')]
    """

    def __init__(self) -> None:
        self._tiered: list[tuple[int, str, re.Pattern[str]]] = []
        for tier, rules in (
            (T_RESOLUTION, _RESOLUTION_RULES),
            (T_EVENT, _EVENT_RULES),
            (T_DATE, _DATE_RULES),
            (T_POSITION, _POSITION_RULES),
            (T_NAMED, _ORG_RULES + _LOC_RULES),
        ):
            for label, rx in _compile(rules):
                self._tiered.append((tier, label, rx))
        self._activity = _rx(rf"{WS}{_ACTIVITY}{WE}")
        self._particle_tail = _rx(rf"\s+{alt(gz.ACTIVITY_PARTICLES)}$")
        self._achieve_end = _rx(rf"{WS}{_ACHIEVE}$")
        self._target_opening = _rx(
            rf"(?:(?:cho\s+biết|cho\s+hay|khẳng\s+định|thông\s+tin|nhấn\s+mạnh|nêu\s+rõ|[Tt]rong\s+đó|[Nn]ổi\s+bật\s+là)"
            rf"\s*:?\s*)?(?P<head>{_TARGET_HEAD}{WE})"
        )
        self._achieve_tail = _rx(rf"\s+{_ACHIEVE}{WE}(?:\s+(?:được|khoảng|mức|tỷ\s+lệ))?\s+$")
        self._pct_group = _rx(rf"\s+(?P<t>{_PCT_GROUP}{WE}\s+(?P<pred>{_PCT_PRED}{WE}[^,.;:()\"\n]*))")
        # "đã bầu 15 người", "với tổng mức đầu tư 280 tỷ đồng": the words between the opener and the count.
        self._opener_tail = _rx(
            rf"(?:^|(?<=[\s,]))(?:{alt(gz.TARGET_OPENERS)})\s+(?P<t>[{LO}]+(?:\s+[{LO}]+){{0,4}})\s*$"
        )
        # "thi hành kỷ luật bằng hình thức cảnh cáo đối với 7 đảng viên", "Phê bình nghiêm khắc đối với 5 tổ chức":
        # the action before "đối với" and the count.
        self._toward_tail = _rx(
            rf"(?:^|(?<=[\s,]))(?:(?:{alt(gz.TARGET_OPENERS)}|hình\s+thức|thời)\s+)?"
            rf"(?P<t>[{UP}{LO}][{LO}]*(?:\s+[{LO}]+){{0,4}})\s+đối\s+với\s*$"
        )
        # "54 người bị khiển trách": the predicate after a counted group.
        self._group_pred = _rx(
            rf"\s+(?:{alt(gz.GROUP_PREDICATE_PARTICLES)})\s+(?P<t>[{LO}]+(?:\s+[{LO}]+){{0,5}}){WE}"
        )
        self._group_verb = _rx(
            rf"\s+(?P<t>(?:{alt(gz.GROUP_PREDICATE_VERBS)}){WE}(?:\s+[{LO}]+){{0,4}}){WE}"
        )
        self._pct_noun = _rx(rf"\s*(?P<t>(?P<h>{alt(gz.PERCENT_NOUNS)}){WE}(?:\s+[{LO}]+{WE}){{0,3}})")
        self._coordination = _rx(r"%?\s*[^\s,;.]*(?:\s+[^\s,;.]+){0,3}\s*(?:,|\s+và)\s*$")

    # ------------------------------------------------------------------ public
    def label(self, text: str, doc_id: str | None = None) -> Extraction:
        """Label one text.

        Args:
            text: The article as the reader sees it (any Unicode form).
            doc_id: Optional document id stored on the result.

        Returns:
            An :class:`~vnparty_ie.types.Extraction` with flat, sorted entities
            (offsets into ``text``) and no relations.

        Raises:
            TypeError: If ``text`` is not a ``str``.
        """
        if not isinstance(text, str):
            raise TypeError(f"SilverLabeler.label expects str, got {type(text).__name__}")
        if not text.strip():
            return Extraction(text=text, id=doc_id)
        view = view_of(text)
        spans = self.label_view(view.text)
        entities = []
        for c in spans:
            start, end = view.to_original(c.start, c.end)
            entities.append(Entity(start=start, end=end, label=c.label, text=text[start:end]))
        entities.sort(key=lambda e: (e.start, e.end))
        return Extraction(text=text, entities=tuple(entities), id=doc_id)

    def extract(self, text: str) -> Extraction:
        """Alias of :meth:`label`, so the labeler plugs into :func:`vnparty_ie.evaluation.evaluate`."""
        return self.label(text)

    def label_many(self, texts: Iterable[str]) -> Iterator[Extraction]:
        """Label many texts lazily (one :class:`Extraction` per text, in order)."""
        for text in texts:
            yield self.label(text)

    def label_view(self, v: str) -> list[Candidate]:
        """Label an already-normalised string; return candidates with view offsets."""
        cands = list(self._phase1(v))
        chosen = _org_bare_level(v, _org_with_place(v, _merge_orgs(v, _resolve(cands))))
        chosen += _resolve(list(self._persons(v, chosen)), taken=chosen)
        chosen += _resolve(list(self._targets(v, chosen)), taken=chosen)
        return sorted(chosen, key=lambda c: (c.start, c.end))

    # ----------------------------------------------------------------- phase 1
    def _phase1(self, v: str) -> Iterator[Candidate]:
        for tier, label, rx in self._tiered:
            for m in rx.finditer(v):
                span = self._finish(v, label, m)
                if span is None:
                    continue
                s, e, lab = span
                s, e = _strip_span(v, s, e)
                if e > s:
                    yield Candidate(s, e, lab, tier)
        yield from self._metrics(v)
        yield from self._bare_places(v)

    def _bare_places(self, v: str) -> Iterator[Candidate]:
        """A province or district name that is a whole capitalised run ("tại Hà Nội")."""
        for m in _RUN_RE.finditer(v):
            s, e = m.span()
            text = v[s:e]
            # Hyphenated names ("Bà Rịa - Vũng Tàu") span two runs.
            h = _HYPHEN_TAIL_RE.match(v, e)
            if h and norm(text + " - " + h.group(1)) in _PLACE_SET:
                text, e = v[s : h.end()], h.end()
            key = norm(text)
            if key not in _PLACE_SET:
                # A sentence-initial word may precede the name ("Tại Hà Nội").
                first = text.split(" ", 1)
                if len(first) < 2 or not _sentence_start(v, s) or norm(first[1]) not in _PLACE_SET:
                    continue
                if norm(first[0]) in _SURNAMES:
                    continue  # "Vương Kỳ Sơn, …": a family name, not a sentence-initial word before a place
                s = s + len(first[0]) + 1
            if _PERSON_PLACE_CUES.search(v, max(0, s - 20), s):
                continue
            yield Candidate(s, e, "LOC", T_NAMED)

    def _finish(self, v: str, label: str, m: re.Match[str]) -> tuple[int, int, str] | None:
        """Post-process one match: trim place names, shrink posts, check bare names."""
        s, e = m.start(), m.end()
        if label == "POSITION":
            text = v[s:e]
            # "Trưởng ban X", "Chánh Văn phòng X", "Trưởng phòng X": the post is «Trưởng»/«Chánh»,
            # the rest names the body (guidelines: posts without a separate organisation name).
            h = _HEAD_OF_UNIT_RE.fullmatch(text)
            if h and re.match(rf" [{UP}{LO}]", v[e : e + 2]):
                return s, s + h.end("post"), label
            d = re.fullmatch(r"(?P<post>(?:[Pp]hó\s+)?[Tt]rưởng)\s+[Đđ]oàn\s+đại\s+biểu\s+Quốc\s+hội", text)
            if d and re.match(rf"\s+(?:{_TP}|tỉnh|thành\s+phố){WE}", v[e : e + 20]):
                return s, s + d.end("post"), label  # "Trưởng đoàn ĐBQH tỉnh X": «Trưởng» + ORG
            if re.search(r"(?i)\bban$", text):
                nxt = v[e : e + 40]
                if re.match(rf"\s+{_BAN_NAME}{WE}", nxt):
                    e -= 4  # "Trưởng ban Tổ chức …" -> «Trưởng» + «ban Tổ chức …»
            return s, e, label
        if label == "LOC" and "p1" in m.groupdict() and m.group("p1"):
            ps, pe = m.span("p1")
            admin = v[s:ps].strip().lower()
            # Numbers name wards, hamlets and streets, not provinces or districts ("thành phố 7 năm").
            if v[ps].isdigit() and admin in ("thành phố", "tỉnh", "huyện", "thị xã", "xã", "thị trấn", "thủ đô"):
                return None
            pe = _trim_place(v, ps, pe, after_level=True)
            if pe <= ps or not _plausible_place_after_admin(v, ps, pe):
                return None
            return s, pe, label
        if label == "INST":
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
                    ne = _rstrip_ws(v, ns, ne - len(last))
                    while v[ne - 1 : ne] in ("-", "–") or v[ne - 3 : ne] == " và":
                        ne = _rstrip_ws(v, ns, ne - (3 if v[ne - 3 : ne] == " và" else 1))
                    if ne <= ns:
                        return None
            return s, _cut_person_tail(v, ns, ne), "ORG"
        # Trim a place-name group so it does not swallow a following person's name.
        groups = m.groupdict()
        for name, val in groups.items():
            if val is None or not name.startswith(("p", "q")):
                continue
            gs, ge = m.span(name)
            if ge != e:
                continue
            # After "TP"/"tỉnh"/"thành phố" a following personal name is no place;
            # after "phường"/"xã"/"quận" it may be (streets and wards named after people).
            after_level = name.startswith("p") and not re.search(
                r"(?:TP\.?|Tp\.?|tỉnh|thành phố|Thành phố)\s*$", v[s:gs]
            )
            new_end = _trim_place(v, gs, ge, after_level=after_level)
            if name.startswith("q") and new_end > gs and not _plausible_bare_place(v, gs, new_end):
                new_end = gs
            if new_end <= gs:
                if label == "ORG_REQ" and name == "q2":
                    return None  # the required name was no place: no ORG at all
                # The whole tail was a name: drop it (a level word before it stays).
                e = _rstrip_ws(v, s, gs)
            else:
                e = new_end
        if label in ("ORG", "ORG_REQ") and re.match(r" các cấp\b", v[e : e + 9]):
            return None  # "HĐND các cấp", "Ủy ban Kiểm tra các cấp": generic
        return s, e, "ORG" if label == "ORG_REQ" else label

    def _metrics(self, v: str) -> Iterator[Candidate]:
        yield from self._word_metrics(v)
        for m in _AGE_RE.finditer(v):
            yield Candidate(m.start(), m.end(), "METRIC", T_METRIC)
        for m in _METRIC_RE.finditer(v):
            ms, me = m.span("metric")
            prev, prev2 = _prev_words(v, ms)
            has_approx = not v[ms].isdigit()
            if not has_approx and prev in _NOT_METRIC_BEFORE and not (prev == "số" and prev2 == "tổng"):
                continue
            unit_span = None
            if m.group("pct"):
                us, ue = m.span("pct")
                unit_span = (us + (1 if v[us] == " " else 0), ue)
            elif m.group("att"):
                unit_span = m.span("att")
            elif m.group("unit"):
                unit_span = m.span("unit")
            digits = v[ms:me].split()[-1]
            if re.fullmatch(r"\d{8,}", digits):
                continue  # phone numbers and identifiers
            if unit_span is None and _DAY_MONTH_RE.fullmatch(digits):
                continue  # "tới 11/5": a date, not a ratio
            if unit_span is None:
                # A bare number needs a cue: an approximator or an achievement verb
                # before it, or a counted post after it ("4 Phó Bí thư").
                if not has_approx and prev not in _METRIC_CUE_BEFORE and not _COUNTED_POST_RE.match(v, me):
                    continue
                if re.fullmatch(P.YEAR, v[ms:me]):
                    continue
            yield Candidate(ms, me, "METRIC", T_METRIC)
            if unit_span is not None:
                # A counted post is a POSITION, not a UNIT ("223 đại biểu"; guidelines: counted posts).
                lab = "POSITION" if norm(v[unit_span[0] : unit_span[1]].lower()) in _COUNTED_POST_UNITS else "UNIT"
                yield Candidate(unit_span[0], unit_span[1], lab, T_METRIC)

    def _word_metrics(self, v: str) -> Iterator[Candidate]:
        """Counts written in words, only before a counted noun or a counted post."""
        for m in _WORD_METRIC_RE.finditer(v):
            ms, me = m.span("metric")
            prev, _ = _prev_words(v, ms)
            if prev in _NOT_METRIC_BEFORE:
                continue
            if m.group("metric").lower() == "một" and not _COUNT_LIST_BEFORE_RE.search(v, max(0, ms - 60), ms):
                continue  # "một" is mostly the article; it counts only inside a list of counts
            if m.group("unit"):
                if norm(m.group("unit").lower()) in _WORD_COUNT_BAD_UNITS:
                    continue
                yield Candidate(ms, me, "METRIC", T_METRIC)
                yield Candidate(*m.span("unit"), "UNIT", T_METRIC)
            elif _COUNTED_POST_RE.match(v, me):
                yield Candidate(ms, me, "METRIC", T_METRIC)

    # ----------------------------------------------------------------- phase 2
    def _persons(self, v: str, taken: list[Candidate]) -> Iterator[Candidate]:
        covered = _coverage(v, taken)
        ends = {c.end: c for c in taken}
        starts = {c.start: c for c in taken}
        for m in _BYLINE_RE.finditer(v):
            s, e = m.span("name")
            text = v[s:e]
            if norm(text) in _PLACE_SET or any(covered[s:e]):
                continue
            words = text.split()
            if all(w.isupper() for w in words) and any(len(w) <= 1 for w in words):
                continue
            if any(w.capitalize() in _NOT_NAMES or w in _NOT_NAMES for w in words):
                continue
            if all(w.isupper() for w in words) or "." in text or _looks_like_name(words, strict=False):
                yield Candidate(s, e, "PERSON", T_WEAK)
        for m in _PHOTO_CREDIT_RE.finditer(v):
            s, e = m.span("name")
            if not any(covered[s:e]):
                yield Candidate(s, e, "PERSON", T_WEAK)
        for m in re.finditer(r"Bác\s+Hồ" + WE, v):
            yield Candidate(m.start(), m.end(), "PERSON", T_WEAK)
        for m in _RUN_RE.finditer(v):
            # Split the run at covered characters.
            for s, e in _uncovered_pieces(v, m.start(), m.end(), covered):
                yield from self._person_in_run(v, s, e, ends, starts)

    def _person_in_run(
        self, v: str, s: int, e: int, ends: dict[int, Candidate], starts: dict[int, Candidate]
    ) -> Iterator[Candidate]:
        toks = [(t.start(), t.end()) for t in re.finditer(r"\S+", v[s:e])]
        toks = [(s + a, s + b) for a, b in toks]
        words = [v[a:b] for a, b in toks]
        if not words:
            return
        before = v[max(0, s - 30) : s]
        honorific = bool(_HONORIFIC_RE.search(before))
        after_entity = False
        j = s - 1
        while j >= 0 and v[j] == " ":
            j -= 1
        if j + 1 in ends and ends[j + 1].label in ("POSITION", "ORG", "LOC"):
            after_entity = True
        k = e
        while k < len(v) and v[k] in " ,":
            k += 1
        before_position = k in starts and starts[k].label == "POSITION" and "," in v[e:k]
        # Drop a sentence-initial capitalised word before the family name ("Theo Nguyễn Văn A").
        first = 0
        if words[0] in _CAP_HONORIFICS and len(words) >= 2:
            first = 1
            honorific = True
        elif norm(words[0]) not in _SURNAMES and len(words) >= 3 and norm(words[1]) in _SURNAMES:
            first = 1
            honorific = honorific or norm(words[0]).lower() in ("ông", "bà", "đồng", "anh", "chị")
        words, toks = words[first:], toks[first:]
        # A known place may open the run before the name ("Bộ Ngoại giao Việt Nam Lê Thị Thu Hằng").
        for k in range(min(3, len(words) - 2), 0, -1):
            if norm(" ".join(words[:k])) in _PLACE_SET and norm(words[k]) in _SURNAMES and 2 <= len(words) - k <= 4:
                # The place itself is a LOC ("Bí thư Vĩnh Phúc Phạm Văn A": POSITION + LOC + PERSON).
                yield Candidate(toks[0][0], toks[k - 1][1], "LOC", T_WEAK)
                words, toks = words[k:], toks[k:]
                after_entity = True
                break
        n = len(words)
        if n == 0 or n > 4 or any(w.isupper() and len(w) > 1 for w in words):
            return
        text = v[toks[0][0] : toks[-1][1]]
        if norm(text) in _PLACE_SET:
            if not _PERSON_PLACE_CUES.search(v, max(0, toks[0][0] - 20), toks[0][0]):
                return
        elif any(
            norm(" ".join(words[i:j])) in _PLACE_SET
            for i in range(n if norm(words[0]) not in _SURNAMES else 1)
            for j in range(i + 2, n + 1)
        ):
            # "Chu Lai Quảng Nam", "Hà Lan Carola …": a place opens the run, or sits in a run
            # that does not start with a family name. After a family name, given names may
            # spell a place ("Lê Thanh Liêm", "Trần Đức Anh Sơn").
            return
        if words[0] in _NOT_NAMES and not (honorific and n >= 3):
            return  # "Ông Tập Cận Bình": after an honorific, a three-word run is a name
        surname = norm(words[0]) in _SURNAMES
        if (
            honorific
            and (n >= 2 or (len(words[0]) > 1 and words[0] not in _NOT_NAMES))
            or surname
            and n >= 2
            and (after_entity or before_position)
            or surname
            and n >= 3
            and _looks_like_name(words, strict=True)
        ):
            ok = True
        else:
            ok = False
        if ok:
            yield Candidate(toks[0][0], toks[-1][1], "PERSON", T_WEAK)

    # ----------------------------------------------------------------- phase 3
    def _targets(self, v: str, taken: list[Candidate]) -> Iterator[Candidate]:
        ordered = sorted(taken, key=lambda c: c.start)
        for i, c in enumerate(ordered):
            if c.label != "METRIC":
                continue
            earlier = ordered[:i]
            # "kết nạp được 28 đảng viên", "xây mới và sửa chữa hơn 20 căn nhà" -> the activity.
            t = self._target_activity(v, c, earlier)
            if t is None:
                # "<measure NP> [DATE] đạt|tăng … METRIC": the NP (without the time).
                t = self._target_before_verb(v, c, earlier)
            if t is None:
                # "trên 98% ĐV tham gia học tập" -> «ĐV tham gia học tập».
                nxt = ordered[i + 1] if i + 1 < len(ordered) else None
                if nxt is not None and nxt.label == "UNIT" and v[nxt.start : nxt.end] == "%":
                    m2 = self._pct_group.match(v, nxt.end)
                    if m2:
                        ts, te = m2.span("t")
                        if self._coordinated_before(v, c, earlier):
                            # "trên 99% tổ chức đảng và trên 95% ĐV hoàn thành …": the
                            # predicate is shared, so it alone is the TARGET.
                            ts = m2.start("pred")
                        te = _rstrip_ws(v, ts, te)
                        if len(v[ts:te].split()) <= 9:
                            t = Candidate(ts, te, "TARGET", T_WEAK)
            if t is None:
                nxt = ordered[i + 1] if i + 1 < len(ordered) else None
                if nxt is not None and nxt.label == "UNIT" and v[nxt.start : nxt.end] == "%":
                    t = self._target_percent_noun(v, nxt.end, ordered[i + 2 :])
            if t is None:
                t = self._target_after_opener(v, c, earlier)
            if t is None:
                t = self._target_toward(v, c, earlier)
            if t is None:
                t = self._target_group_predicate(v, c, ordered[i + 1 :])
            if t is not None:
                yield t

    def _target_percent_noun(self, v: str, pos: int, later: list[Candidate]) -> Candidate | None:
        """A noun measured by a percentage right after it: "100% phiếu bầu" -> «phiếu bầu»."""
        m = self._pct_noun.match(v, pos)
        if not m:
            return None
        ts, te = m.span("t")
        nxt = next((c.start for c in later if c.start >= ts), len(v))
        end = m.end("h")
        if end > nxt:
            return None
        base = end
        for w in re.finditer(r"\S+", v[base:te]):
            b = base + w.end()
            if b > nxt or w.group() in _TARGET_STOP or w.group() in _PRED_STOP:
                break
            end = b
        if end <= ts:
            return None
        return Candidate(ts, end, "TARGET", T_WEAK)

    def _target_after_opener(self, v: str, metric: Candidate, earlier: list[Candidate]) -> Candidate | None:
        """The verb phrase between an opener ("đã", "sẽ", "với" …) and the count right after it."""
        start = self._clause_start(v, metric.start, earlier)
        end = _rstrip_ws(v, start, metric.start)
        if end < metric.start and v[end:metric.start].strip():
            return None
        m = self._opener_tail.search(v, start, end)
        if not m:
            return None
        ts, te = m.span("t")
        words = v[ts:te].split()
        if norm(v[ts:te]) in _GENERIC_MEASURES or words[0] in _NOT_ACTIVITY or any(w in _TARGET_STOP or w in _NOT_ACTIVITY_ANY for w in words):
            return None
        return Candidate(ts, te, "TARGET", T_WEAK)

    def _target_toward(self, v: str, metric: Candidate, earlier: list[Candidate]) -> Candidate | None:
        """The action in "<action> đối với <count>" (the action opens its clause or follows an opener)."""
        start = self._clause_start(v, metric.start, earlier)
        m = self._toward_tail.search(v, start, metric.start)
        if not m:
            return None
        ts, te = m.span("t")
        if ts != start and not v[m.start() : ts].strip():
            return None  # neither the clause start nor an opener before the action
        words = v[ts:te].split()
        if words[0].lower() in _NOT_ACTIVITY or any(w.lower() in _TARGET_STOP or w in _NOT_ACTIVITY_ANY for w in words):
            return None
        return Candidate(ts, te, "TARGET", T_WEAK)

    def _target_group_predicate(self, v: str, metric: Candidate, later: list[Candidate]) -> Candidate | None:
        """The predicate of a counted group: "54 người bị khiển trách" -> «khiển trách»."""
        pos = metric.end
        if later and later[0].label == "UNIT" and v[pos : later[0].start].strip() == "":
            pos = later[0].end
        elif later and later[0].label == "POSITION" and v[pos : later[0].start] == " ":
            pos = later[0].end  # a counted post: "95 đại biểu tán thành"
        m = self._group_pred.match(v, pos)
        if not m and pos > metric.end:
            # No particle: a counted group and its own verb, "82 đại biểu tán thành", "37 bí thư tái cử".
            m = self._group_verb.match(v, pos)
        if not m:
            return None
        ts, te = m.span("t")
        nxt = next((c.start for c in later if c.start >= ts), len(v))
        out: list[tuple[int, int]] = []
        for w in re.finditer(r"\S+", v[ts:te]):
            a, b = ts + w.start(), ts + w.end()
            if b > nxt or w.group() in _TARGET_STOP or w.group() in _PRED_STOP:
                break
            out.append((a, b))
        if not out or v[out[0][0] : out[0][1]] in _NOT_ACTIVITY:
            return None
        return Candidate(out[0][0], out[-1][1], "TARGET", T_WEAK)

    def _coordinated_before(self, v: str, metric: Candidate, earlier: list[Candidate]) -> bool:
        """Tell whether ``metric`` is the second of "X% A, Y% B …" / "X% A và Y% B …"."""
        prev = [c for c in earlier if c.label == "METRIC" and c.end <= metric.start]
        if not prev or metric.start - prev[-1].end > 40:
            return False
        return self._coordination.fullmatch(v, prev[-1].end, metric.start) is not None

    def _clause_start(self, v: str, before: int, earlier: list[Candidate]) -> int:
        """Start of the clause that ends at ``before``: after punctuation or the last entity."""
        cut = max(v.rfind(ch, 0, before) for ch in '.;:\n()!?"')
        start = max(cut + 1, before - 150)
        for c in reversed(earlier):
            if c.end <= start:
                break
            if c.end <= before:
                start = max(start, c.end)
                break
        while start < before and v[start] in " ,":
            start += 1
        return start

    def _target_activity(self, v: str, metric: Candidate, earlier: list[Candidate]) -> Candidate | None:
        """The activity right before a count: an activity verb and at most three object words."""
        start = self._clause_start(v, metric.start, earlier)
        seg = v[start : metric.start]
        if seg.rstrip(" ").endswith(","):
            return None  # "… kỷ luật Đảng, 129 trường hợp": the count starts a new item
        seg_end = start + len(seg.rstrip(" "))
        # Drop particles between the activity and the number ("được", "mới" …).
        while True:
            m = self._particle_tail.search(v, start, seg_end)
            if not m or m.start() <= start:
                break
            seg_end = _rstrip_ws(v, start, m.start())
        if self._achieve_end.search(v, start, seg_end):
            return None  # "… là 687/480": a measured NP, not an activity
        for m in self._activity.finditer(v, start, seg_end):
            if _BALLOT_BEFORE_RE.search(v, max(0, m.start() - 8), m.start()):
                continue  # "tỷ lệ phiếu bầu 100%": the verb is part of a measured noun
            if _activity_phrase_ok(v, m.end(), seg_end, self._activity):
                return Candidate(m.start(), seg_end, "TARGET", T_WEAK)
        return None

    def _target_before_verb(self, v: str, metric: Candidate, earlier: list[Candidate]) -> Candidate | None:
        """A measured quantity opening the clause before an achievement verb."""
        left_start = max(0, metric.start - 150)
        m = self._achieve_tail.search(v, left_start, metric.start)
        if not m:
            return None
        verb_start = m.start()
        np_end = verb_start
        # Drop a DATE right before the verb ("… trên địa bàn quận năm 2023 đạt").
        for c in reversed(earlier):
            if c.end <= verb_start - 40:
                break
            if c.label == "DATE" and c.end <= verb_start and v[c.end : verb_start].strip() == "":
                np_end = _rstrip_ws(v, 0, c.start)
                break
        start = self._clause_start(v, np_end, [c for c in earlier if c.end <= np_end])
        # The head must open the clause, after at most a reporting verb or "trong đó".
        h = self._target_opening.match(v, start, np_end)
        if not h:
            return None
        np_start = h.start("head")
        words = v[np_start:np_end].split()
        # Function words are checked after the head only ("Tổng số …" keeps its "số");
        # a possessive "của" may join the measured group ("độ tuổi bình quân của cấp ủy").
        tail = v[h.end("head") : np_end].split()
        if (
            not words
            or len(words) > 10
            or any(w.lower().strip(",") in _TARGET_STOP - {"của"} for w in tail)
            or any(any(ch.isdigit() for ch in w) for w in words)
            or "," in v[np_start:np_end]
            or any(np_start < c.end and c.start < np_end for c in earlier)
        ):
            return None
        return Candidate(np_start, np_end, "TARGET", T_WEAK)


# ------------------------------------------------------------------- helpers
_CAP_HONORIFICS = frozenset(("Ông", "Bà", "Anh", "Chị", "Cụ"))
_NOT_NAMES = frozenset(
    [
        "Đảng",
        "Nhà",
        "Nước",
        "Bác",
        "Người",
        "Thủ",
        "Trung",
        "Ban",
        "Hội",
        "Tỉnh",
        "Thành",
        "Quận",
        "Huyện",
        "Xã",
        "Phường",
        "Sở",
        "Bộ",
        "Ảnh",
        "Theo",
        "Tại",
        "Trong",
        "Nhóm",
        "Tin",
        "Video",
        "Xem",
        "Chia",
        "Bài",
        "Tổng",
        "Phóng",
        "PV",
        "CTV",
        "BTV",
        "Nguồn",
        "Báo",
        "Đài",
        "Tạp",
        "Tập",
        "Ngân",
        "Bệnh",
        "Trường",
        "Viện",
        "Cục",
        "Trưởng",
        "Chủ",
        "Phó",
        "Bí",
        "Giám",
        "Ủy",
    ]
)


def _looks_like_name(words: list[str], strict: bool) -> bool:
    """Tell whether capitalised words look like a Vietnamese personal name."""
    if not 2 <= len(words) <= 4:
        return False
    if any(not w[0].isupper() for w in words):
        return False
    if strict and norm(words[0]) not in _SURNAMES:
        return False
    return not any(w in _NOT_NAMES for w in words[1:])


#: Party bodies of an organisation named right after them, as one ORG:
#: "Ban Cán sự đảng Bộ Nội vụ", "Đảng ủy Sở Xây dựng", "Ban Thường vụ Đảng ủy Tập đoàn …".
_ORG_HEAD_END_RE = _rx(rf"(?:{alt(gz.ORG_HEADS_OF_NAMED, 'first')})$")
#: Bare sub-bodies (any case) that belong to the ORG written right after them:
#: "Ban Thường vụ" + "Đảng ủy Khối …", "Ban Bí thư" + "Trung ương Đảng", "Trung ương" + "Hội …".
_SUB_HEAD_RE = _rx(rf"^(?:{alt(gz.SUB_HEADS_OF_NAMED, 'any')})$")
_SUB_HEAD_BEFORE_RE = _rx(rf"{WS}(?:{alt(gz.SUB_HEADS_OF_NAMED, 'any')})\s$")


_HEAD_OF_UNIT_RE = re.compile(r"(?P<post>(?:[Pp]hó\s+)?(?:[Tt]rưởng|[Cc]hánh))\s+(?:[Bb]an|[Pp]hòng|[Vv]ăn\s+phòng)")
_BALLOT_BEFORE_RE = _rx(r"phiếu\s+$")
_PLENUM_BEFORE_RE = _rx(r"[Hh]ội\s+nghị\s+$")
_STANDING_SECRETARIAT_RE = _rx(r"(?P<post>[Tt]hường\s+trực)\s+(?P<org>[Bb]an\s+[Bb]í\s+thư)")


def _merge_orgs(v: str, chosen: list[Candidate]) -> list[Candidate]:
    """Join an ORG that is a party body to the ORG or place it belongs to (guidelines rule 2).

    "Ban Cán sự đảng" + "Bộ Nội vụ" and "Hội Luật gia" + "tỉnh Quảng Ninh" are one ORG each;
    only a single space may separate them.
    """
    ordered = sorted(chosen, key=lambda c: c.start)
    out: list[Candidate] = []
    for c in list(ordered):
        # "Thường trực Ban Bí thư" is a post (POSITION «Thường trực») of the Secretariat (ORG).
        m = _STANDING_SECRETARIAT_RE.match(v, c.start, c.end) if c.label == "ORG" else None
        if m and m.end() == c.end:
            i = ordered.index(c)
            ordered[i : i + 1] = [
                Candidate(c.start, m.end("post"), "POSITION", c.tier),
                Candidate(m.start("org"), c.end, "ORG", c.tier),
            ]
    for c in ordered:
        if c.label == "ORG" and v[c.start : c.end] == "Trung ương" and _PLENUM_BEFORE_RE.search(v, max(0, c.start - 12), c.start):
            continue  # "Hội nghị Trung ương lần này": a plenum pointing back, not the body
        if c.label == "ORG":
            # An untagged sub-body right before the ORG belongs to it: "Thường vụ" + "Quân ủy Trung ương",
            # "văn phòng" + "Ban Tổ chức Trung ương", "Đảng bộ" + "Công an TP. HCM".
            lo = out[-1].end if out else 0
            h = _SUB_HEAD_BEFORE_RE.search(v, max(lo, c.start - 25), c.start)
            if h:
                c = Candidate(h.start(), c.end, "ORG", c.tier)
        if (
            out
            and c.label == "LOC"
            and out[-1].label == "ORG"
            and re.fullmatch(r"\s+Cộng\s+sản\s+", v[out[-1].end : c.start])
            and v[out[-1].start : out[-1].end].endswith("Đảng")
        ):
            # "Ban Chấp hành Trung ương Đảng" + "Cộng sản" + "Trung Quốc": the body of a named party.
            out[-1] = Candidate(out[-1].start, c.end, "ORG", min(out[-1].tier, c.tier))
            continue
        if out and c.label in ("ORG", "LOC") and out[-1].label == "ORG" and v[out[-1].end : c.start] == " ":
            prev = out[-1]
            head = v[prev.start : prev.end]
            if (
                _ORG_HEAD_END_RE.search(head)
                or c.label == "LOC"
                or (c.label == "ORG" and _SUB_HEAD_RE.match(head))
                # "Ban Chấp hành Trung ương" + "Đảng Cộng sản Trung Quốc": the central bodies of a named party.
                or (c.label == "ORG" and head.endswith("Trung ương") and re.match(r"[Đđ]ảng\s+Cộng\s+sản", v[c.start : c.end]))
            ):
                out[-1] = Candidate(prev.start, c.end, "ORG", min(prev.tier, c.tier))
                continue
        out.append(c)
    return out


_PLACED_HEAD_RE = _rx(rf"{WS}(?:{alt(gz.PLACED_ORG_HEADS, 'first')}){WE}")
_PLACED_GAP_WORD_RE = re.compile(r"[^\W\d_]+|[-–&]|\([^()\n]{1,20}\)")
_PLACED_STOP = frozenset(norm(w) for w in gz.PLACED_ORG_STOPS)


_BARE_LEVEL_AFTER_RE = _rx(
    rf"\s(?:tỉnh|thành\s+phố|quận|huyện|thị\s+xã|phường|xã|TP){WE}(?!\s*[{UP}\d])(?!\.\s*[{UP}])"
)


def _org_bare_level(v: str, chosen: list[Candidate]) -> list[Candidate]:
    """An ORG keeps the bare level word after it: "Hội Luật gia tỉnh", "Viện KSND tỉnh" (rule 2)."""
    starts = {c.start for c in chosen}
    out = []
    for c in chosen:
        if c.label == "ORG":
            m = _BARE_LEVEL_AFTER_RE.match(v, c.end)
            if m and m.end() not in starts and not any(x.start < m.end() and x.end > c.end for x in chosen):
                c = Candidate(c.start, m.end(), "ORG", c.tier)
        out.append(c)
    return out


def _org_with_place(v: str, chosen: list[Candidate]) -> list[Candidate]:
    """Extend an institution named in lower-case words to the place that ends it (rule 2).

    "Sở Kế hoạch - đầu tư TP. HCM", "Phòng quản lý đô thị quận Thủ Đức",
    "Đảng ủy khối các cơ quan tỉnh Bình Định" are one ORG each: a head word, at most
    eight words without punctuation or a preposition/verb from the stop list, and a LOC.
    """
    ordered = sorted(chosen, key=lambda c: c.start)
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
        out.append(Candidate(start, c.end, "ORG", min([c.tier] + [x.tier for x in inner])))
    return out


def _resolve(cands: list[Candidate], taken: list[Candidate] | None = None) -> list[Candidate]:
    """Pick a flat subset: lower tier first, then longer, then earlier."""
    occupied: list[tuple[int, int]] = [(c.start, c.end) for c in (taken or [])]
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.tier, -(c.end - c.start), c.start)):
        if any(c.start < e and s < c.end for s, e in occupied):
            continue
        occupied.append((c.start, c.end))
        chosen.append(c)
    return chosen


def _coverage(v: str, taken: list[Candidate]) -> bytearray:
    cov = bytearray(len(v))
    for c in taken:
        cov[c.start : c.end] = b"\x01" * (c.end - c.start)
    return cov


def _uncovered_pieces(v: str, s: int, e: int, covered: bytearray) -> Iterator[tuple[int, int]]:
    i = s
    while i < e:
        while i < e and (covered[i] or v[i] == " "):
            i += 1
        j = i
        while j < e and not covered[j]:
            j += 1
        if j > i:
            yield i, _rstrip_ws(v, i, j)
        i = j


def _strip_span(v: str, s: int, e: int) -> tuple[int, int]:
    """Remove surrounding whitespace and punctuation that the guidelines exclude."""
    while s < e and (v[s].isspace() or v[s] in "\"'“”(),;:"):
        s += 1
    while e > s and (v[e - 1].isspace() or v[e - 1] in "\"'“”(),;:-–"):
        e -= 1
    if e > s and v[e - 1] == ".":
        e -= 1
    return s, e


def _rstrip_ws(v: str, s: int, e: int) -> int:
    while e > s and v[e - 1] in " \t,-–":
        e -= 1
    return e


def _prev_words(v: str, i: int) -> tuple[str, str]:
    """The two words before offset ``i``, lower-cased (``""`` when absent)."""
    words = re.findall(r"\w+", v[max(0, i - 30) : i])
    tail = v[max(0, i - 30) : i]
    if not words or not re.search(r"\w\s*$", tail):
        return "", ""
    return words[-1].lower(), (words[-2].lower() if len(words) > 1 else "")


#: Function words that never sit inside a TARGET of the high-precision rules.
_TARGET_STOP = frozenset(
    {
        "thì", "sẽ", "đã", "và", "hiện", "cũng", "đều", "vẫn", "được", "so", "với", "chỉ", "đối", "tại", "của",
        "từ", "là", "trong", "về", "theo", "cho", "hơn", "thêm", "đang", "các", "những", "này", "đó", "khi",
        "nhưng", "mà", "nên", "nếu", "có", "số",
    }
)  # fmt: skip


#: Nouns after a number word that make a fixed phrase, not a count ("một số", "hai bên").
_WORD_COUNT_BAD_UNITS = frozenset(norm(w) for w in ("cá nhân", "bản", "con", "cây", "điểm", "m", "nhà", "tuyến"))
_NOT_ACTIVITY = frozenset(norm(w) for w in gz.NOT_ACTIVITY_VERBS)
_GENERIC_MEASURES = frozenset(norm(w) for w in gz.GENERIC_MEASURES)
#: Words that never sit anywhere in an opener TARGET.
_NOT_ACTIVITY_ANY = frozenset(("có", "là", "đạt", "gồm", "chiếm", "khoảng", "hơn", "trên", "dưới", "gần"))
#: Words that end the predicate of a counted group.
_PRED_STOP = frozenset(("vì", "do", "ở", "để", "vào", "bằng", "như", "nhưng", "gồm", "sau", "trước", "nên", "làm", "thuộc", "trở"))


def _activity_phrase_ok(v: str, verb_end: int, end: int, activity: re.Pattern[str]) -> bool:
    """Tell whether the words between an activity verb and its count are a short object.

    At most three words, no function words; "và" only to join a second activity
    ("xây mới và sửa chữa").
    """
    rest = v[verb_end:end].split()
    if "," in v[verb_end:end] or len(rest) > 3 or any(w[:1].isupper() for w in rest):
        return False
    for i, w in enumerate(rest):
        if w == "và":
            nxt = v.find("và", verb_end) + 3
            return activity.match(v, nxt, end) is not None
        if w.lower() in _TARGET_STOP or any(ch.isdigit() for ch in w):
            return False
    return True


def _cut_person_tail(v: str, s: int, e: int) -> int:
    """End a name before a trailing personal name ("Công ty X Lê Tuấn Hùng" -> "Công ty X")."""
    toks = [(m.start() + s, m.end() + s) for m in re.finditer(r"\S+", v[s:e])]
    words = [v[a:b] for a, b in toks]
    n = len(words)
    for i in range(1, n):
        if (
            norm(words[i]) in _SURNAMES
            and 2 <= n - i <= 4
            and all(w[:1].isupper() and not w.isupper() for w in words[i:])
            and norm(" ".join(words[i:])) not in _PLACE_SET
        ):
            return toks[i - 1][1]
    return e


def _plausible_bare_place(v: str, s: int, e: int) -> bool:
    """Tell whether a name right after a committee (no level word) is a place.

    Known places, several capitalised words, acronyms and numbers are; a single
    unknown capitalised word followed by a lower-case one is the start of some
    other name ("Đảng ủy Tập đoàn …") and is not.
    """
    text = v[s:e]
    if norm(text) in _PLACE_SET:
        return True
    if norm(text.split(" ", 1)[0]) in _ORG_HEAD_WORDS:
        return False
    if " " in text.strip() or text.isupper() or text.isdigit():
        return True
    return not re.match(rf" [{LO}]", v[e : e + 2])


def _plausible_place_after_admin(v: str, s: int, e: int) -> bool:
    """A one-word unknown name cut before a lower-case word ("Khu đô thị Đại học …") is not kept."""
    text = v[s:e]
    if " " in text or norm(text) in _PLACE_SET or text.isupper() or text[:1].isdigit():
        return True
    return not re.match(rf" [{LO}]", v[e : e + 2])


def _sentence_start(v: str, i: int) -> bool:
    """Tell whether offset ``i`` starts a line or follows sentence punctuation."""
    j = i - 1
    while j >= 0 and v[j] in " \t\"'“(":
        j -= 1
    return j < 0 or v[j] in ".!?:\n…"


def _trim_place(v: str, gs: int, ge: int, after_level: bool = False) -> int:
    """Return where a place name starting at ``gs`` really ends.

    A run of capitalised tokens after a committee or administrative word may go
    on into a person's name ("Quận ủy Thanh Xuân Bùi Huyền Mai"). The name ends
    at the longest known place prefix, else before a family name followed by
    one to three more capitalised words, else at the end of the run. Right
    after a committee (no level word, ``after_level`` false) a run that is
    itself a personal name is no place at all.
    """
    piece = v[gs:ge]
    toks = [(m.start() + gs, m.end() + gs) for m in re.finditer(r"[^\s–-]+", piece)]
    words = [v[a:b] for a, b in toks]
    n = len(toks)
    # A hyphen-joined tail is kept only when the whole is a known place.
    hy = re.search(r"\s*[-–]\s*", piece)
    if hy:
        joined = norm(re.sub(r"\s*[-–]\s*", " - ", piece))
        if joined in _PLACE_SET:
            return ge
        head_end = gs + hy.start()
        toks = [t for t in toks if t[1] <= head_end]
        words = [v[a:b] for a, b in toks]
        n = len(toks)
        ge = head_end
    if (
        not after_level
        and 2 <= n <= 4
        and (norm(words[0]) in _SURNAMES or (n >= 3 and norm(words[1]) in _MIDDLE_NAMES))
        and norm(" ".join(words)) not in _PLACE_SET
        and norm(" ".join(words[:2])) not in _PLACE_SET
        and all(w[:1].isupper() and not w.isupper() for w in words)
    ):
        return gs
    for k in range(n, 0, -1):
        if norm(" ".join(words[:k])) in _PLACE_SET and (k == n or norm(words[k]) in _SURNAMES or n - k <= 4):
            return toks[k - 1][1]
    for i in range(1, n):
        if norm(words[i]) in _SURNAMES and 2 <= n - i <= 4 and all(w[0].isupper() for w in words[i:]):
            return toks[i - 1][1]
    if n > 4:
        return toks[3][1]
    return ge
