"""Sentence splitting for Vietnamese news that survives abbreviations and numbers.

A sentence ends at a line break, or at ``.``, ``!``, ``?``, ``…`` (optionally
followed by closing quotes or brackets) when whitespace and then an upper-case
letter, a digit or an opening quote/bracket follow — unless the word before the
period is a known abbreviation (``TP.``, ``TS.``, ``PGS.``, ``ThS.`` …) or a
single capital initial. Numbers such as ``105.981`` or ``98,5%`` contain no
whitespace after the separator and are never split.

Example:
    >>> text = "TP. Hà Nội đạt 98,5%. Năm 2023, TS. Nguyễn Văn A phát biểu."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['TP. Hà Nội đạt 98,5%.', 'Năm 2023, TS. Nguyễn Văn A phát biểu.']
"""

from __future__ import annotations

import re

from .normalize import NormalizedText, normalize

__all__ = ["ABBREVIATIONS", "split_sentences", "split_view_sentences"]

#: Abbreviations after which a period does not end a sentence (case-sensitive).
ABBREVIATIONS = frozenset(
    {
        "TP", "Tp", "tp", "TS", "ThS", "Th.S", "PGS", "GS", "BS", "KS", "CN", "NCS", "PGS.TS", "GS.TS",
        "TT", "Q", "P", "H", "X", "TX", "Tx", "St", "Mr", "Mrs", "Ms", "Dr", "TTƯT", "NSƯT", "NSND",
        "v.v", "vv", "Tr", "tr", "ĐT", "Đ/c", "đ/c", "Ô", "B", "No", "số", "Số", "Ths", "Ts",
    }
)  # fmt: skip

# A candidate boundary: terminal punctuation, optional closers, then whitespace.
_BOUNDARY = re.compile(r"([.!?…]+)([\"')\]]*)(\s+)")
_OPENERS = "\"'([“‘-–—•*"


def _starts_sentence(after: str) -> bool:
    """Tell whether text after a boundary can begin a sentence."""
    first = after[0]
    return first.isupper() or first.isdigit() or first in _OPENERS
_WORD_BEFORE = re.compile(r"(\S+)$")


def _is_abbreviation(prefix: str) -> bool:
    match = _WORD_BEFORE.search(prefix)
    if not match:
        return False
    word = match.group(1).lstrip("\"'([“‘")
    if word in ABBREVIATIONS:
        return True
    # A single capital initial ("H. Nam") or dotted initials ("N.V.A").
    return bool(re.fullmatch(r"(?:[^\W\d_]\.)*[^\W\d_a-zđ]", word))


def split_view_sentences(text: str) -> list[tuple[int, int]]:
    """Split an already normalised string into trimmed sentence spans.

    Args:
        text: Normalised text (see :func:`vnparty_ie.text.normalize.normalize`).

    Returns:
        ``(start, end)`` spans into ``text``, with no leading/trailing whitespace,
        in order; empty or whitespace-only text gives ``[]``.
    """
    cuts: list[int] = []
    for line_match in re.finditer(r"[^\n]+", text):
        ls, le = line_match.span()
        line = text[ls:le]
        for m in _BOUNDARY.finditer(line):
            end_punct = m.group(1)
            after = line[m.end() :]
            if not after or not _starts_sentence(after):
                continue
            if end_punct == "." and _is_abbreviation(line[: m.start()]):
                continue
            cuts.append(ls + m.start(3))
        cuts.append(le)
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in cuts:
        seg_start, seg_end = start, cut
        while seg_start < seg_end and text[seg_start].isspace():
            seg_start += 1
        while seg_end > seg_start and text[seg_end - 1].isspace():
            seg_end -= 1
        if seg_end > seg_start:
            spans.append((seg_start, seg_end))
        start = cut
    return spans


def split_sentences(text: str | NormalizedText) -> list[tuple[int, int]]:
    """Split text into sentences; spans are offsets into the ORIGINAL string.

    Args:
        text: The caller's string, or a :class:`NormalizedText` built from it.

    Returns:
        Sentence spans ``(start, end)`` into the original string, trimmed of
        whitespace, in order. Empty or whitespace-only input gives ``[]``.

    Raises:
        TypeError: If ``text`` is neither ``str`` nor ``NormalizedText``.
    """
    view = text if isinstance(text, NormalizedText) else normalize(text)
    return [view.to_original(s, e) for s, e in split_view_sentences(view.text)]
