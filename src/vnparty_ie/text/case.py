"""Case restoration for ALL-CAPS lines, character for character.

Headlines and banners are often typed in capitals (``BÍ THƯ TỈNH ỦY NGHỆ AN
THÁI THANH QUÝ``); the models learnt names from their capitals and find little
there. :func:`restore_case` rewrites every ALL-CAPS line of a text into the
casing news text would use (``Bí thư Tỉnh ủy Nghệ An Thái Thanh Quý``) and
leaves every other line alone. Only the case of letters changes, one character
for one character, so the result has the same length as the input and every
offset into it is an offset into the input.

How a syllable of an ALL-CAPS line is cased, first rule that applies:

1. **the document itself**: a run of up to four syllables that occurs in a
   mixed-case line of the same text (not at a sentence start) keeps the
   casing it has there (names written in the headline and in the body);
2. **the word tables** (``data/text/truecase.tsv`` and
   ``truecase_context.tsv``, built from news by
   ``training/build_truecase_table.py``): the usual casing of a known word
   (``tỉnh ủy`` → ``Tỉnh ủy``, ``ubnd`` → ``UBND``, ``phát biểu``); else the
   usual casing of the syllable right after the syllable before it, where
   news settles it (``ông trần`` → ``ông Trần``, ``đảng ủy`` → ``Đảng ủy``);
   else a syllable usual in lower case but often part of names (``quý``) is
   capitalised right after a capitalised syllable (``Thái Thanh Quý``);
3. an unknown token that looks like a Vietnamese syllable is a name
   (capitalised); one that does not (``HĐND``, ``COVID``) stays in capitals;
4. the first syllable of the line and of each sentence in it is capitalised.

A line is ALL-CAPS when it holds no lower-case letter and at least two words of
two or more letters.

Example:
    >>> restore_case("BÍ THƯ TỈNH ỦY NGHỆ AN THÁI THANH QUÝ")
    'Bí thư Tỉnh ủy Nghệ An Thái Thanh Quý'
    >>> restore_case("UBND TỈNH\\nBí thư Nguyễn Văn A")
    'UBND tỉnh\\nBí thư Nguyễn Văn A'
    >>> text = "Đại hội Đảng bộ\\nOK"
    >>> restore_case(text) is text  # nothing ALL-CAPS: the same object
    True
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from .normalize import decode_in_place, normalize_string

__all__ = ["PATTERN_LETTERS", "TABLE_PATH", "case_pattern", "is_all_caps_line", "restore_case"]

#: The word-casing table (see ``training/build_truecase_table.py``).
TABLE_PATH = Path(__file__).resolve().parent.parent / "data" / "text" / "truecase.tsv"
#: The casing of a syllable after a syllable (see ``training/build_truecase_table.py``).
CONTEXT_PATH = TABLE_PATH.with_name("truecase_context.tsv")

_LINE_BREAKS = re.compile("[\n\r\u2028\u2029\x0b\x0c\x85]")
# Zero-width characters and soft hyphens may sit inside a word.
_INSIDE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_SENTENCE_END = frozenset(".!?:;…\"'“”(")
_MAX_N = 4
#: A syllable usual in lower case is capitalised after a capitalised one when
#: at least this share of its occurrences in news is capitalised (``Quý``).
NAME_SHARE = 0.15
_SYLLABLE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$")

LOWER, CAPITAL, UPPER = "lower", "capital", "upper"


def _is_letter(ch: str) -> bool:
    return ch.isalpha() or unicodedata.combining(ch) > 0


def _words(line: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans of letter runs (with combining marks and zero-width characters inside)."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(line)
    while i < n:
        if line[i].isalpha():
            j = i + 1
            while j < n:
                if _is_letter(line[j]):
                    j += 1
                    continue
                k = j  # zero-width characters inside the word: a run of them, then a letter
                while k < n and line[k] in _INSIDE:
                    k += 1
                if k == j or k == n or not _is_letter(line[k]):
                    break
                j = k
            out.append((offset + i, offset + j))
            i = j
        else:
            i += 1
    return out


def is_all_caps_line(line: str) -> bool:
    """Whether ``line`` has no lower-case letter and two or more words of 2+ letters.

    Example:
        >>> is_all_caps_line("ĐẠI HỘI ĐẢNG BỘ TỈNH"), is_all_caps_line("UBND tỉnh"), is_all_caps_line("A B")
        (True, False, False)
    """
    if any(c.islower() for c in line):
        return False
    long_words = sum(1 for s, e in _words(line) if sum(c.isalpha() for c in line[s:e]) >= 2)
    return long_words >= 2


def _key(word: str) -> str:
    return normalize_string(word).lower()


#: The letter of each casing pattern in the third column of :data:`CONTEXT_PATH`.
PATTERN_LETTERS = {LOWER: "L", CAPITAL: "C", UPPER: "U"}


def case_pattern(word: str) -> str:
    """How ``word`` is cased: :data:`LOWER`, :data:`CAPITAL`, or :data:`UPPER` (two letters or more, all capitals).

    Example:
        >>> [case_pattern(w) for w in ("phát", "Quý", "UBND", "A")]
        ['lower', 'capital', 'upper', 'capital']
    """
    letters = [c for c in word if c.isalpha()]
    if not letters or not letters[0].isupper():
        return LOWER
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return UPPER
    return CAPITAL


@functools.cache
def _table() -> tuple[dict[str, tuple[str, ...]], dict[str, float]]:
    """``({key: patterns}, {syllable: capital share})`` from :data:`TABLE_PATH`."""
    words: dict[str, tuple[str, ...]] = {}
    shares: dict[str, float] = {}
    try:
        lines = TABLE_PATH.read_text(encoding="utf-8").splitlines()
    except OSError:  # pragma: no cover - a broken install still restores by rule 3
        return words, shares
    for row in lines:
        if not row or row.startswith("#"):
            continue
        cols = row.split("\t")
        if len(cols) < 2:
            continue
        words[cols[0]] = tuple(case_pattern(w) for w in cols[1].split(" "))
        if len(cols) > 2:
            shares[cols[0]] = float(cols[2])
    return words, shares


@functools.cache
def _context() -> dict[tuple[str, str], str]:
    """``{(previous syllable, syllable): pattern}`` from :data:`CONTEXT_PATH`."""
    letters = {letter: pattern for pattern, letter in PATTERN_LETTERS.items()}
    out: dict[tuple[str, str], str] = {}
    try:
        lines = CONTEXT_PATH.read_text(encoding="utf-8").splitlines()
    except OSError:  # pragma: no cover - a broken install restores without contexts
        return out
    for row in lines:
        cols = row.split("\t")
        if len(cols) == 3 and not row.startswith("#") and cols[2] in letters:
            out[(cols[0], cols[1])] = letters[cols[2]]
    return out


def _looks_like_syllable(key: str) -> bool:
    base = "".join(c for c in unicodedata.normalize("NFD", key.replace("đ", "d")) if not unicodedata.combining(c))
    return bool(_SYLLABLE.match(base))


def _apply(word: str, pattern: str) -> str:
    """Re-case ``word`` char for char (a letter whose case change is not one character stays)."""
    out = []
    first = True
    for ch in word:
        if ch.isalpha():
            want = UPPER if pattern == UPPER or (pattern == CAPITAL and first) else LOWER
            new = ch.upper() if want == UPPER else ch.lower()
            out.append(new if len(new) == 1 else ch)
            first = False
        else:
            out.append(ch)
    return "".join(out)


def _evidence(text: str, lines: list[tuple[int, int]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Casing of 1- to 4-syllable runs in the mixed-case lines of ``text``."""
    seen: dict[tuple[str, ...], tuple[str, ...]] = {}
    for ls, le in lines:
        line = text[ls:le]
        if not any(c.islower() for c in line):
            continue
        spans = _words(text[ls:le], ls)
        keys = [_key(text[s:e]) for s, e in spans]
        pats = [case_pattern(text[s:e]) for s, e in spans]
        for i, (s, _) in enumerate(spans):
            before = text[ls:s].rstrip()
            if not before or before[-1] in _SENTENCE_END:
                continue  # sentence-initial: its capital says nothing
            for n in range(1, _MAX_N + 1):
                if i + n > len(spans) or (n > 1 and not _adjacent(text, spans[i + n - 2], spans[i + n - 1])):
                    break
                seen.setdefault(tuple(keys[i : i + n]), tuple(pats[i : i + n]))
    return seen


def _adjacent(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether word ``b`` follows word ``a`` with only spaces between."""
    gap = text[a[1] : b[0]]
    return gap != "" and gap.isspace() and _LINE_BREAKS.search(gap) is None


def _restore_line(text: str, ls: int, le: int, evidence: dict[tuple[str, ...], tuple[str, ...]]) -> str:
    table, shares = _table()
    spans = _words(text[ls:le], ls)
    keys = [_key(text[s:e]) for s, e in spans]
    pats: list[str] = []
    i = 0
    while i < len(spans):
        # the longest run of adjacent words known from the document, then the table
        limit = 1
        while limit < _MAX_N and i + limit < len(spans) and _adjacent(text, spans[i + limit - 1], spans[i + limit]):
            limit += 1
        found: tuple[str, ...] | None = None
        for n in range(limit, 0, -1):
            found = evidence.get(tuple(keys[i : i + n])) or (table.get(" ".join(keys[i : i + n])) if n > 1 else None)
            if found and len(found) == n:
                break
            found = None
        if found is None:
            key = keys[i]
            after = _context().get((keys[i - 1], key)) if i and _adjacent(text, spans[i - 1], spans[i]) else None
            if after is not None:
                pat = after
            elif key in table:
                pat = table[key][0]
                if (
                    pat == LOWER
                    and shares.get(key, 0.0) >= NAME_SHARE
                    and pats
                    and pats[-1] == CAPITAL
                    and _adjacent(text, spans[i - 1], spans[i])
                ):
                    pat = CAPITAL
            elif _looks_like_syllable(key):
                pat = CAPITAL
            else:
                pat = UPPER
            found = (pat,)
        pats.extend(found)
        i += len(found)
    for i, pat in enumerate(pats):  # the first word of the line and of each sentence in it
        if pat == LOWER and (i == 0 or text[spans[i - 1][1] : spans[i][0]].rstrip()[-1:] in (".", "!", "?", "…")):
            pats[i] = CAPITAL
    out = list(text[ls:le])
    for (s, e), pat in zip(spans, pats):
        out[s - ls : e - ls] = _apply(text[s:e], pat)
    return "".join(out)


def _line_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text``, line breaks left out."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _LINE_BREAKS.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


#: A text with no capital letter at all is restored as a whole when it has this many words of 2+ letters.
MIN_LOWER_WORDS = 8
#: ... and, unless it has this many, a second sentence: one sentence without a capital is ordinary
#: cased text ("sau đó, bệnh nhân được chuyển viện."), and a model trained on it must see it as it is.
MIN_LOWER_WORDS_ONE_SENTENCE = 40
_LOWER_SENTENCE_START = re.compile(r"[.!?…]\s+[^\W\d_]")


def _restore_lower(text: str) -> str:
    """A text typed without any capital (chat, some feeds): every line restored as if in capitals."""
    words = sum(1 for s, e in _words(text) if e - s >= 2)
    if words < MIN_LOWER_WORDS or (words < MIN_LOWER_WORDS_ONE_SENTENCE and not _LOWER_SENTENCE_START.search(text)):
        return text
    decoded = decode_in_place(text)
    if any(c.isupper() for c in decoded):  # capitals behind character references: not a lower-case text
        return text
    parts = list(decoded)
    for start, end in _line_bounds(decoded):
        if _words(decoded[start:end]):
            parts[start:end] = _restore_line(decoded, start, end, {})
    restored = "".join(parts)
    return restored if len(restored) == len(text) else text


def restore_case(text: str) -> str:
    """Return ``text`` with its ALL-CAPS lines in news casing (same length).

    A text with no capital letter at all is restored line by line in the same
    way when it has at least :data:`MIN_LOWER_WORDS` words and a second sentence
    (a sentence end followed by a small letter), or
    :data:`MIN_LOWER_WORDS_ONE_SENTENCE` words; one ordinary sentence without a
    capital is left as it is.

    Args:
        text: Any string.

    Returns:
        A string of the same length that differs from ``text`` only in the
        case of letters of ALL-CAPS lines (and, when it has one, in its HTML
        character references and mojibake, written as their characters padded with
        zero-width spaces: :func:`~vnparty_ie.text.normalize.decode_in_place`,
        so that ``B&#xCD; TH&#431;`` reads as capitals); ``text`` itself when it has none.

    Example:
        >>> restore_case("THÁI THANH QUÝ: NGHỆ AN ĐẠT 98,5%\\nÔng Thái Thanh Quý nói.")
        'Thái Thanh Quý: Nghệ An đạt 98,5%\\nÔng Thái Thanh Quý nói.'
    """
    if not any(c.isupper() for c in text):
        return _restore_lower(text)
    original = text
    # "B&#xCD; TH&#431;": the characters themselves, padded to the same length (their view is unchanged)
    text = decode_in_place(text)
    bounds = _line_bounds(text)
    caps = [(s, e) for s, e in bounds if is_all_caps_line(text[s:e])]
    if not caps:
        return original
    evidence = _evidence(text, bounds)
    parts = list(text)
    for s, e in caps:
        parts[s:e] = _restore_line(text, s, e, evidence)
    restored = "".join(parts)
    return restored if len(restored) == len(text) else original
