"""Regular-expression grammar shared by the entity rules.

All patterns run on the *normalised view* of a text
(:func:`vnparty_ie.text.normalize.normalize`: NFC, ``Đ`` for ``Ð``, tone on the
first vowel of ``oa``/``oe``/``uy``, plain spaces, no zero-width characters).
Gazetteer terms go through the same normalisation before they are compiled, so
``Quận uỷ`` in a list matches ``Quận ủy`` in the view.

Building blocks:

* :func:`alt` turns a list of terms into an alternation, longest first, with
  ``\\s+`` between words and a choice of case handling;
* ``UP`` / ``LO``: upper- and lower-case Vietnamese letters;
* ``CAPW``: a capitalised word (``Thanh``, ``Xuân``), ``ACR``: an all-caps
  acronym (``HCM``), ``ROMAN``: a Roman numeral;
* number, code, date and duration grammars;
* :func:`rx`, which compiles a grammar so that no span crosses a line break;
* the place grammar of organisations and places (``PLACE``, ``TP``, :func:`tail`).

Example:
    >>> bool(re.fullmatch(CODE, "03-NQ/QU")), bool(re.fullmatch(NUMBER, "105.981"))
    (True, True)
    >>> rx(r"Bí" + SPACE + "thư").match("Bí  thư").group()
    'Bí  thư'
    >>> rx(rf"{COMMITTEE}{WE}{tail(1)}").match("Quận ủy Thanh Xuân").group("q1")
    'Thanh Xuân'

"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from ...text.normalize import normalize_string
from ..words import WORDS as W

# ------------------------------------------------------------------ letters, words
_LATIN = [chr(c) for c in list(range(0x41, 0x250)) + list(range(0x1E00, 0x1F00))]
#: Upper-case Latin letters (incl. Vietnamese precomposed ones), as a class body.
UP = "".join(c for c in _LATIN if c.isalpha() and c.isupper())
#: Lower-case Latin letters, as a class body.
LO = "".join(c for c in _LATIN if c.isalpha() and c.islower())

#: One run of whitespace (no line break once compiled by :func:`rx`).
SPACE = r"\s+"
#: The end of a word: no letter, digit or underscore follows.
WE = r"(?!\w)"
#: The start of a word: no letter, digit or underscore precedes.
WS = r"(?<!\w)"
#: A capitalised word: one upper-case letter then lower-case ones (``Xuân``).
CAPW = rf"[{UP}][{LO}]*{WE}"
#: An all-caps acronym of two or more letters (``HCM``, ``UBND``).
ACR = rf"[{UP}]{{2,}}{WE}"
#: A Roman numeral (``XIII``), as used for congresses and terms.
ROMAN = rf"[IVXLC]+{WE}"
#: Vietnamese ordinal words (``thứ nhất``, ``thứ mười hai``).
ORD_WORDS = r"(?:nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười(?:\s+(?:một|hai|ba|bốn|lăm|năm|sáu|bảy|tám|chín))?)" + WE
#: "lần thứ N": an ordinal of a named meeting (never a METRIC).
ORDINAL = rf"lần\s+thứ\s+(?:{ROMAN}|\d+{WE}|{ORD_WORDS})"


@functools.lru_cache(maxsize=1 << 16)
def norm(term: str) -> str:
    """Normalise a gazetteer term (or a word of the view) exactly like the text view."""
    return normalize_string(term)


def _word_regex(word: str, case: str) -> str:
    """Regex of one word; ``case`` is ``"exact"``, ``"first"`` (first letter either case) or ``"any"``."""
    esc = re.escape(word)
    if case == "exact" or not word:
        return esc
    if case == "any":
        return f"(?i:{esc})"
    head, rest = word[0], re.escape(word[1:])
    if head.lower() == head.upper():
        return esc
    return f"[{re.escape(head.lower())}{re.escape(head.upper())}]{rest}"


def alt(terms: Iterable[str], case: str = "exact") -> str:
    """Build a non-capturing alternation of gazetteer terms, longest first.

    Args:
        terms: Terms; words are separated by single spaces.
        case: ``"exact"`` to match as written, ``"first"`` to let the first
            letter of the term be either case (``Bí thư``/``bí thư``), ``"any"``
            for fully case-insensitive matching.

    Returns:
        A pattern like ``(?:Phó\\s+Bí\\s+thư|Bí\\s+thư)``.

    Example:
        >>> re.fullmatch(alt(["Bí thư"], "first"), "bí  thư") is not None
        True
    """
    normed = sorted({norm(t) for t in terms}, key=lambda t: (-len(t), t))
    parts = []
    for t in normed:
        words = t.split(" ")
        first = _word_regex(words[0], case)
        rest = [_word_regex(w, "any" if case == "any" else "exact") for w in words[1:]]
        parts.append(r"\s+".join([first, *rest]))
    return "(?:" + "|".join(parts) + ")"


# ------------------------------------------------------------------------ numbers
#: A number: ``105.981``, ``98,5``, ``106.82``, ``10.000.000``, ``28``.
NUMBER = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
#: A number or an achieved/planned ratio (``852/453``, ``46.148 /24.320``).
NUMBER_OR_RATIO = rf"(?:{NUMBER}\s?/\s?{NUMBER}|{NUMBER})"
#: A four-digit year of modern news.
YEAR = r"(?:19[4-9]\d|20[0-9]\d)(?!\d)"
#: A document code: digits then letter groups joined by ``-`` or ``/``
#: (``03-NQ/QU``, ``05-CT/TW``, ``1234/QĐ-UBND``, ``35/2019/NĐ-CP``; word-split
#: sources space the separators: ``102 - QĐ / TW``).
CODE = rf"\d+[a-z]?(?:[-/.]\d+)*(?:\s?[-/]\s?[{UP}][{UP}{LO}]*\d*)+{WE}"

#: Approximators that stay inside a METRIC.
APPROX = alt(W.APPROXIMATORS, "first")
#: Scale words joined to the unit.
SCALE = alt(W.SCALES, "exact")
#: Counted nouns.
UNIT = alt(W.UNITS, "first")
#: Units written right after the digits (``16.000m``, ``10.000.000đ``).
ATTACHED_UNIT = alt(W.ATTACHED_UNITS, "exact")

# -------------------------------------------------------------------------- dates
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
#: A full day-first date with year: ``5-9-2021``, ``30/11/2023``, ``04.12.2023``.
FULL_DATE = rf"(?<![\w/.-]){_DAY}([-/.]){_MONTH}\1{YEAR}(?![-/][\w])"
#: A day and month without a year (``23/2``, ``5-4``); needs a time word before it.
DAY_MONTH = rf"(?<![\w/.-]){_DAY}[-/]{_MONTH}(?![\w/-]|[.,]\d)"
#: A clock time after a date (``04/12/2023 - 09:19``).
CLOCK = r"(?:\s*[-,]?\s*\d{1,2}[:h]\d{2}(?!\d))"
#: Time-of-day words and "ngày" that start a date.
DAY_WORDS = r"(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Đđ]êm|[Rr]ạng\s+sáng|[Hh]ôm)"
#: Quarters: ``quý I/2023``, ``quý II năm 2023``.
QUARTER = rf"[Qq]uý\s+(?:[IV]+|\d){WE}(?:\s*[/-]\s*{YEAR}|\s+năm\s+{YEAR})?"
#: A month: ``tháng 9``, ``tháng 9/2020``, ``tháng 12 năm 2020``.
MONTH = rf"[Tt]háng\s+{_MONTH}{WE}(?:\s*[/-]\s*{YEAR}|\s+năm\s+{YEAR})?"
#: One or more years: ``năm 2023``, ``năm 2020, 2022``, ``năm 2020 và 2021``, ``năm 2023-2024``.
YEARS = rf"[Nn]ăm\s+{YEAR}(?:\s*(?:,|và|-|–)\s*{YEAR})*"
#: A year span: ``2021-2025``, ``2020 – 2025``.
YEAR_SPAN = rf"(?<![\w/.-]){YEAR}\s*[-–]\s*{YEAR}(?![\w/-])"
#: A term: ``khóa XIII``, ``khóa XI, XII``.
TERM = (
    rf"[Kk]hóa\s+(?:{ROMAN}(?:\s*(?:,|và|-)\s*{ROMAN})*"
    rf"|\d{{1,2}}(?![\d/-]|[.,]\d){WE}(?:\s*(?:,|và)\s*\d{{1,2}}(?![\d/-]|[.,]\d){WE})*"
    # Relative terms (adjudication): "khóa mới", "khóa tới", "khóa trước".
    rf"|(?:mới|tới|trước){WE})"
)
#: Positions inside a term of office.
_TERM_PART = r"(?:nửa\s+(?:đầu|cuối)|nửa|giữa|đầu|cuối|toàn)"
#: ``nhiệm kỳ 2020-2025``, ``giữa nhiệm kỳ``, ``nửa nhiệm kỳ vừa qua``, ``nhiệm kỳ 2025-2030, 2026-2031``.
MANDATE = (
    rf"(?:{_TERM_PART}\s+nhiệm\s+kỳ(?:\s+{YEAR}\s*[-–]\s*{YEAR}|\s+(?:vừa\s+)?qua|\s+tới)?"
    rf"|nhiệm\s+kỳ\s+{YEAR}\s*[-–]\s*{YEAR}(?:\s*(?:,|và)\s*{YEAR}\s*[-–]\s*{YEAR})*"
    # Deictic terms: "nhiệm kỳ trước", "nhiệm kỳ này".
    rf"|nhiệm\s+kỳ\s+(?:trước|này|qua|tới|hiện\s+tại){WE}"
    # A numbered term: "nhiệm kỳ III".
    rf"|nhiệm\s+kỳ\s+{ROMAN})"
)
#: Durations: ``2 năm``, ``hơn 2 năm qua``, ``9 năm liền``, ``6 tháng đầu năm 2023``.
DURATION = (
    rf"(?:(?:{APPROX})\s+)?(?:{NUMBER}(?:\s*[-–]\s*{NUMBER})?|(?!(?i:một\s+ngày))(?:{alt(W.DURATION_NUMBER_WORDS)}|(?<!\w\s){alt(W.DURATION_NUMBER_WORDS, 'first')}){WE})"
    rf"\s+{alt(W.TIME_UNITS)}{WE}"
    rf"(?:\s+(?:{alt(W.DURATION_TAILS)}){WE}(?:\s+năm(?:\s+{YEAR})?{WE})?)?"
)
#: ``năm thứ 6 liên tiếp``.
NTH_YEAR = r"năm\s+thứ\s+\d+\s+(?:liên\s+tiếp|liền)"
#: ``những tháng đầu năm 2023``, ``đầu năm 2024``, ``cuối năm``.
PART_OF_YEAR = rf"(?:(?:những|các)\s+tháng\s+)?(?:đầu|cuối|giữa)\s+năm(?:\s+{YEAR})?"
#: Deictic time words that point to a definite time.
DEICTIC = alt(W.DEICTIC_TIMES, "first")

#: A time point that can start or end a span.
TIME_POINT = (
    rf"(?:{DAY_WORDS}\s+{_DAY}[-/]{_MONTH}(?:[-/]{YEAR})?|{FULL_DATE}|{MONTH}|{QUARTER}|{YEARS}|{YEAR}"
    rf"|đầu\s+nhiệm\s+kỳ|{PART_OF_YEAR})"
)
#: ``từ năm 2014 đến năm 2023``, ``từ tháng 9/2020 đến nay``, ``Từ đầu nhiệm kỳ``.
RANGE = rf"[Tt]ừ\s+{TIME_POINT}\s+(?:đến|tới)\s+(?:{TIME_POINT}|nay|hiện\s+nay|hết\s+năm(?:\s+{YEAR})?)"
#: An open start or a named period: ``từ tháng 9/2020``, ``Từ năm 1994``, ``giai đoạn 2011-2013``,
#: ``Đầu tháng 3``, ``cuối tháng 12/2018``, ``đến hết năm 2013``, ``Chiều cùng ngày``.
OPEN_PERIOD = (
    rf"(?:[Tt]ừ\s+(?:{TIME_POINT}|{YEAR_SPAN})|[Gg]iai\s+đoạn\s+(?:từ\s+)?{YEAR_SPAN}"
    rf"|(?:[Đđ]ầu|[Cc]uối|[Gg]iữa)\s+(?:{MONTH}|{YEARS})|(?:[Đđ]ến|[Tt]ới)\s+hết\s+{YEARS}"
    rf"|(?:(?:[Bb]uổi\s+)?(?:[Ss]áng|[Cc]hiều|[Tt]rưa|[Tt]ối))\s+cùng\s+ngày"
    rf"|{MONTH}\s+(?:năm\s+(?:nay|ngoái|trước|sau)))"
)
#: Day ranges: ``từ ngày 4/7 đến 8/7``, ``từ 5 đến 12/1/2015``, ``ngày 24 - 26/4``.
_DAY_POINT = rf"{_DAY}(?:[-/]{_MONTH}(?:[-/]{YEAR})?)?"
DAY_RANGE = (
    rf"(?:[Tt]ừ\s+(?:ngày\s+)?{_DAY_POINT}\s+(?:đến|tới)\s+(?:ngày\s+)?{_DAY}[-/]{_MONTH}(?:[-/]{YEAR})?"
    rf"|(?:[Nn]gày\s+){_DAY}\s*[-–]\s*{_DAY}[-/]{_MONTH}(?:[-/]{YEAR})?)(?![\w/-])"
)
#: ``đến năm 2030``, ``đến cuối nhiệm kỳ``, ``Đến nay`` (kept whole).
UNTIL = (
    rf"(?<!tính\s)(?:[Đđ]ến|[Tt]ới)\s+(?:{YEARS}|cuối\s+nhiệm\s+kỳ|cuối\s+năm(?:\s+{YEAR})?|{MONTH}"
    rf"|ngày\s+{_DAY}[-/]{_MONTH}(?:[-/]{YEAR})?(?![\w/-]))"
)


# ------------------------------------------------------------------ compiling
def rx(pattern: str) -> re.Pattern[str]:
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


# ------------------------------------------------------------------ places
#: One token of a proper place name: a capitalised word, an acronym or a small number.
PLACE_TOK = rf"(?:[{UP}][{LO}]+{WE}|{ACR}|\d{{1,2}}{WE})"
#: A run of place tokens, optionally hyphen-joined (``Bà Rịa - Vũng Tàu``); trimmed in code.
PLACE = rf"{PLACE_TOK}(?:\s+{PLACE_TOK}){{0,6}}(?:\s*[-–]\s*{CAPW}(?:\s+{CAPW}){{0,2}})?"
#: ``TP``/``TP.``/``Tp.`` before a city name (``TP. HCM``, ``TP.HCM``).
TP = r"(?:TP|Tp|T\.P)\.?"
#: Administrative words whose first letter may be either case.
ADMIN_CI = alt([w for w in W.PLACE_WORDS if w not in W.PLACE_WORDS_LOWERCASE_ONLY], "any")
#: Administrative words matched lower-case only (their capitalised forms are names).
ADMIN_LC = alt(W.PLACE_WORDS_LOWERCASE_ONLY, "exact")
LEVEL = alt(W.PLACE_LEVELS, "first")
COMMITTEE = alt(W.PARTY_COMMITTEES, "exact")
COMMITTEE_LC = alt([c.lower() for c in W.PARTY_COMMITTEES], "exact")


def alt_first_exact(terms: tuple[str, ...] | list[str]) -> str:
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


def tail(n: int) -> str:
    """An optional place tail ``(level word)? (place name)?`` with numbered groups."""
    return rf"(?:\s+(?:(?:{TP}|{LEVEL}){WE}(?:\s*(?P<p{n}>{PLACE}))?|(?P<q{n}>{PLACE})))?"


def tail_required(n: int) -> str:
    """A required place tail (level word and/or place name); use ``n=2`` in ``ORG_REQ`` rules."""
    return rf"\s+(?:(?:{TP}|{LEVEL}){WE}(?:\s*(?P<p{n}>{PLACE}))?|(?P<q{n}>{PLACE}))"

