"""Spans of the entity rules: the normalised view, candidates and their resolution.

All entity rules run on the *view* of a text (:func:`view_of`, the same string as
:func:`vnparty_ie.text.normalize.normalize` gives, built faster for clean text)
and propose :class:`Candidate` spans with view offsets; :func:`resolve` keeps a
flat subset (a lower tier wins an overlap, then the longer span, then the
earlier one).

Example:
    >>> view_of("Thành uỷ").text
    'Thành ủy'
    >>> a = Candidate(0, 8, "ORG", T_NAMED, "org.party_committee")
    >>> b = Candidate(0, 4, "DATE", T_DATE, "date.year")
    >>> [c.label for c in resolve([a, b])]
    ['DATE']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from ...text import normalize as _norm_mod
from ...text.normalize import NormalizedText, canonical_tone, normalize

__all__ = [
    "T_DATE",
    "T_EVENT",
    "T_METRIC",
    "T_NAMED",
    "T_POSITION",
    "T_RESOLUTION",
    "T_WEAK",
    "Candidate",
    "coverage",
    "prev_words",
    "resolve",
    "rstrip_ws",
    "sentence_start",
    "strip_span",
    "uncovered_pieces",
    "view_of",
]

# ------------------------------------------------------------ fast normalisation
# Most news text is already NFC with no zero-width characters and no runs of
# spaces: its view then has the same length as the text (only one-to-one
# character replacements and tone moves), so the alignment is the identity and
# the view is built in C-speed passes. Anything else goes through
# :func:`normalize`. Both give the same view. The fast path mirrors the tables of
# :mod:`vnparty_ie.text.normalize`; if they are ever renamed, every text simply
# takes the full path.
_TABLES_KNOWN = all(
    hasattr(_norm_mod, name) for name in ("_DROPPED", "_CHAR_MAP", "_NEWLINES", "_CHAR_REF_RE", "mojibake_spans")
)
# Horizontal spaces (tab and category Zs); a run of two or more is one view space.
_H_SPACES = "\t" + "".join(chr(c) for c in range(0x3001) if unicodedata.category(chr(c)) == "Zs")
_NEEDS_FULL = re.compile(
    "[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    + "".join(getattr(_norm_mod, "_DROPPED", ()))
    + "]"
    + f"|[{_H_SPACES}]{{2}}"
    # an HTML character reference ("&#272;") becomes one view character
    + (f"|{_norm_mod._CHAR_REF_RE.pattern}" if _TABLES_KNOWN else "")
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

    """
    if (
        not _TABLES_KNOWN
        or _NEEDS_FULL.search(text)
        or not unicodedata.is_normalized("NFC", text)
        or _norm_mod.mojibake_spans(text)  # a mojibake sequence ("Æ°") becomes one view character
    ):
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
        rule: Id of the rule that proposed it.
    """

    start: int
    end: int
    label: str
    tier: int
    rule: str = ""


# Tiers: lower wins an overlap; within a tier the longer span wins.
T_RESOLUTION, T_EVENT, T_DATE, T_POSITION, T_NAMED, T_METRIC, T_WEAK = range(7)


def resolve(cands: list[Candidate], taken: list[Candidate] | None = None) -> list[Candidate]:
    """Pick a flat subset: lower tier first, then longer, then earlier."""
    occupied: list[tuple[int, int]] = [(c.start, c.end) for c in (taken or [])]
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.tier, -(c.end - c.start), c.start)):
        if any(c.start < e and s < c.end for s, e in occupied):
            continue
        occupied.append((c.start, c.end))
        chosen.append(c)
    return chosen


def coverage(v: str, taken: list[Candidate]) -> bytearray:
    """A byte per view character: 1 where a candidate of ``taken`` covers it."""
    cov = bytearray(len(v))
    for c in taken:
        cov[c.start : c.end] = b"\x01" * (c.end - c.start)
    return cov


def uncovered_pieces(v: str, s: int, e: int, covered: bytearray) -> Iterator[tuple[int, int]]:
    """The uncovered stretches of ``[s, e)``, without surrounding spaces."""
    i = s
    while i < e:
        while i < e and (covered[i] or v[i] == " "):
            i += 1
        j = i
        while j < e and not covered[j]:
            j += 1
        if j > i:
            yield i, rstrip_ws(v, i, j)
        i = j


def strip_span(v: str, s: int, e: int) -> tuple[int, int]:
    """Remove surrounding whitespace and punctuation that the guidelines exclude."""
    while s < e and (v[s].isspace() or v[s] in "\"'“”(),;:"):
        s += 1
    while e > s and (v[e - 1].isspace() or v[e - 1] in "\"'“”(),;:-–"):
        e -= 1
    if e > s and v[e - 1] == ".":
        e -= 1
    return s, e


def rstrip_ws(v: str, s: int, e: int) -> int:
    """The end of ``[s, e)`` without trailing spaces, commas and dashes."""
    while e > s and v[e - 1] in " \t,-–":
        e -= 1
    return e


def prev_words(v: str, i: int) -> tuple[str, str]:
    """The two words before offset ``i``, lower-cased (``""`` when absent)."""
    words = re.findall(r"\w+", v[max(0, i - 30) : i])
    tail = v[max(0, i - 30) : i]
    if not words or not re.search(r"\w\s*$", tail):
        return "", ""
    return words[-1].lower(), (words[-2].lower() if len(words) > 1 else "")



def sentence_start(v: str, i: int) -> bool:
    """Tell whether offset ``i`` starts a line or follows sentence punctuation."""
    j = i - 1
    while j >= 0 and v[j] in " \t\"'“(":
        j -= 1
    return j < 0 or v[j] in ".!?:\n…"
