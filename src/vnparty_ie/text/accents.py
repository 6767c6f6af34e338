"""Diacritics put back into Vietnamese typed without them ("Bi thu Tinh uy" → "Bí thư Tỉnh ủy").

Chat, SMS and some feeds drop the tone marks and the letter shapes (``ư``,
``ơ``, ``â``, ``đ`` …) of Vietnamese. The entity model and the rules read
Vietnamese words, so such a text is restored before they see it, as a guess:
every run of words between punctuation is cut into the runs of one to three
syllables whose written forms in news are the most probable together
(:func:`restore_runs`; the table ``data/text/accents.tsv``, counted by
``training/build_accent_table.py``, lists each bare syllable's usual form and
the longer runs that read otherwise). A bare syllable has as many letters as
its written form, so the restored text has the same length and offsets do not
move; each letter keeps the caller's case, and a unit right after a number
(``4,3 ha``) stays as written.

Only a text with no letter beyond ASCII, at least :data:`MIN_WORDS` words
and at least :data:`MIN_KNOWN` of them bare Vietnamese syllables is restored;
anything else (English, code, a Vietnamese text with its diacritics) comes
back as it is.

Example:
    >>> restore_accents("Bi thu Tinh uy Nghe An cho biet nam 2023 toan tinh ket nap 1.250 dang vien moi.")
    'Bí thư Tỉnh ủy Nghệ An cho biết năm 2023 toàn tỉnh kết nạp 1.250 đảng viên mới.'
    >>> restore_accents("Bí thư Tỉnh ủy")
    'Bí thư Tỉnh ủy'
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = [
    "BARE_UNITS", "MIN_KNOWN", "MIN_WORDS", "TABLE_PATH", "fold", "is_unaccented", "load_table", "restore_accents",
    "restore_runs", "strip_diacritics", "syllables_counted",
]

#: The table of written forms (``folded<TAB>form<TAB>count``).
TABLE_PATH = Path(__file__).resolve().parent.parent / "data" / "text" / "accents.tsv"
#: Fewest words of a text that is restored (a few bare words are not evidence enough).
MIN_WORDS = 6
#: Least share of a text's words that must be bare Vietnamese syllables.
MIN_KNOWN = 0.8
#: Longest run of syllables looked up at once.
MAX_RUN = 3

#: Units written in bare letters right after a number ("4,3 ha", "16 km"): never restored there.
BARE_UNITS = frozenset({"ha", "km", "m", "cm", "mm", "kg", "g", "ml", "l", "kw", "mw", "kwh", "usd", "vnd"})
_AFTER_NUMBER_RE = re.compile(r"\d[ \t]*$")
#: A letter with a Vietnamese diacritic, or any letter beyond ASCII: the text is not bare.
_NOT_BARE_RE = re.compile("[\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]")
_WORD_RE = re.compile(r"[A-Za-z]+")
#: A run of words with only spaces between them (punctuation, digits and line breaks end it).
_RUN_RE = re.compile(r"[A-Za-z]+(?:[ \t]+[A-Za-z]+)*")


#: ``đ`` and its look-alikes (eth, in some feeds) as the bare ``d``.
_D_BAR = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def strip_diacritics(text: str) -> str:
    """``text`` typed without diacritics, same length and case: no tone, no ``ư``/``ơ``/``â``/``ă``/``ê``/``ô``
    shapes, ``đ`` → ``d`` (and the look-alike ``Ð``, ``ð``); a character that is not one letter plus marks
    (a combining mark on its own) stays as it is.

    >>> strip_diacritics("Bí thư Tỉnh ủy, ĐẢNG BỘ, Ðảng")
    'Bi thu Tinh uy, DANG BO, Dang'
    """
    out = []
    for ch in text:
        bare = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        bare = bare.translate(_D_BAR)
        out.append(bare if len(bare) == 1 else ch)
    return "".join(out)


def fold(syllable: str) -> str:
    """The bare letters of ``syllable``, lower case (:func:`strip_diacritics`).

    >>> fold("Đảng"), fold("thư"), fold("ƯỚC")
    ('dang', 'thu', 'uoc')
    """
    return strip_diacritics(syllable).lower()


@functools.lru_cache(maxsize=1)
def load_table(path: str | None = None) -> dict[str, tuple[str, int]]:
    """The written form of each bare run, with its count in the news counted (lazily read, once)."""
    table: dict[str, tuple[str, int]] = {}
    with open(path or TABLE_PATH, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            key, form, count = line.rstrip("\n").split("\t")
            table[key] = (form, int(count))
    return table


def restore_runs(folded: Sequence[str], table: Mapping[str, tuple[str, int]], total: int | None = None) -> list[str]:
    """The written forms of bare syllables: the most probable cut into listed runs (unknown ones stay bare).

    Each listed run of one to three syllables has the probability of its count
    among all the syllables counted; the cut with the highest product wins, so
    a frequent run of two or three syllables beats the syllables one by one,
    and of two overlapping runs the more frequent one ("toan «tinh ket» nap" is
    read "toàn tỉnh «kết nạp»"). ``total`` is :func:`syllables_counted` of
    ``table``, worked out when not given.

    >>> table = {"bi": ("bị", 9), "thu": ("thu", 5), "bi thu": ("bí thư", 3), "xa": ("xã", 4)}
    >>> restore_runs(["bi", "thu", "xa"], table)
    ['bí', 'thư', 'xã']
    """
    total = syllables_counted(table) if total is None else total
    unknown = math.log(0.5 / total)
    best: list[tuple[float, int, str | None]] = [(0.0, 0, None)]  # (log probability, run length, form)
    for i in range(1, len(folded) + 1):
        options = []
        for n in range(1, min(MAX_RUN, i) + 1):
            hit = table.get(" ".join(folded[i - n : i]))
            if hit is not None:
                options.append((best[i - n][0] + math.log(hit[1] / total), n, hit[0]))
            elif n == 1:
                options.append((best[i - 1][0] + unknown, 1, None))
        best.append(max(options, key=lambda o: o[0]))
    out: list[str] = []
    i = len(folded)
    while i > 0:
        _, n, form = best[i]
        out[:0] = form.split(" ") if form is not None else folded[i - 1 : i]
        i -= n
    return out


def syllables_counted(table: Mapping[str, tuple[str, int]]) -> int:
    """How many syllables were counted: the sum of the single-syllable rows, at least 1."""
    return max(1, sum(c for k, (_, c) in table.items() if " " not in k))


@functools.lru_cache(maxsize=1)
def _shipped_total() -> int:
    return syllables_counted(load_table())


def is_unaccented(text: str, table: Mapping[str, tuple[str, int]] | None = None) -> bool:
    """Whether ``text`` is Vietnamese typed without diacritics (see the module's conditions)."""
    if _NOT_BARE_RE.search(text):
        return False
    words = _WORD_RE.findall(text)
    if len(words) < MIN_WORDS:
        return False
    table = load_table() if table is None else table
    return sum(w.lower() in table for w in words) >= MIN_KNOWN * len(words)


def _cased(form: str, original: str) -> str:
    """``form`` with the case of ``original`` letter by letter (same length)."""
    return "".join(f.upper() if o.isupper() else f for f, o in zip(form, original))


def restore_accents(text: str) -> str:
    """``text`` with its diacritics put back when it has none (same length), else ``text`` itself."""
    if not is_unaccented(text):
        return text
    table = load_table()
    parts: list[str] = []
    last = 0
    for run in _RUN_RE.finditer(text):
        words = list(_WORD_RE.finditer(run.group()))
        if _AFTER_NUMBER_RE.search(text, max(0, run.start() - 3), run.start()) and words[0].group().lower() in BARE_UNITS:
            words = words[1:]  # "4,3 ha": the unit stays as it is, not «hà»
            if not words:
                continue
        forms = restore_runs([w.group().lower() for w in words], table, _shipped_total())
        chunk = list(run.group())
        for w, form in zip(words, forms):
            if len(form) == len(w.group()):
                chunk[w.start() : w.end()] = _cased(form, w.group())
        parts += [text[last : run.start()], "".join(chunk)]
        last = run.end()
    return "".join(parts) + text[last:]
