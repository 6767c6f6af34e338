"""Hard-wrapped text: line breaks inside paragraphs, read as spaces (same length).

Text copied from a PDF, an e-mail or a terminal is often wrapped at a fixed
width, so a line break may fall inside a name (``Bí thư Quận\\nủy Thanh
Xuân``). News text puts one paragraph on each line, and the models and rules
read a line break as the end of a sentence. :func:`unwrap` finds texts whose
lines were wrapped and replaces each wrapping break by a space, one character
for one (``\\r\\n`` by two spaces), so every offset into the result is an
offset into the input.

A text counts as wrapped when at least :data:`MIN_WRAPPED` lines are followed
by another non-empty line, the longest line has between :data:`MIN_WIDTH` and
:data:`MAX_WIDTH` characters, and at least :data:`SHARE` of those lines come
within :data:`SLACK` characters of it. In a wrapped text, a single break after
a line that long is a wrap; a blank line, a short line (the end of a
paragraph) and a next line that opens a list item (``-``, ``•``, ``1.``) end
the paragraph as before.

Example:
    >>> text = "\\n".join(["Đồng chí Nguyễn Văn An, Bí thư Quận", "ủy Thanh Xuân, phát biểu tại hội"] * 3)
    >>> unwrap(text)[:60]
    'Đồng chí Nguyễn Văn An, Bí thư Quận ủy Thanh Xuân, phát biểu'
    >>> unwrap("Dòng một.\\nDòng hai.") == "Dòng một.\\nDòng hai."
    True
"""

from __future__ import annotations

import re
from itertools import pairwise

__all__ = ["MAX_WIDTH", "MIN_WIDTH", "MIN_WRAPPED", "SHARE", "SLACK", "unwrap"]

#: Fewest lines followed by a non-empty line for a text to be judged wrapped.
MIN_WRAPPED = 4
#: The longest line of a wrapped text has at least this many characters …
MIN_WIDTH = 30
#: … and at most this many (news paragraphs on one line are longer).
MAX_WIDTH = 160
#: Share of the lines followed by another that reach the width less :data:`SLACK`.
SHARE = 0.6
#: How far short of the longest line a wrapped line may stop (the next word did not fit).
SLACK = 25

_LIST_ITEM = re.compile(r"\s*(?:[-–—•*+·▪●◦]|\d{1,3}[.)]|[a-zđ][.)])\s")


def _lines(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, break_end)`` of each line; ``end`` excludes the ``\\r\\n`` / ``\\n`` that follows."""
    out = []
    start = 0
    for m in re.finditer(r"\r?\n", text):
        out.append((start, m.start(), m.end()))
        start = m.end()
    out.append((start, len(text), len(text)))
    return out


def unwrap(text: str) -> str:
    """Return ``text`` with the line breaks of its hard-wrapped paragraphs as spaces.

    Args:
        text: Any string.

    Returns:
        A string of the same length; ``text`` itself when it does not look wrapped.
    """
    if "\n" not in text:
        return text
    lines = _lines(text)
    followed = [
        (s, e, b) for (s, e, b), (ns, ne, _) in pairwise(lines) if text[s:e].strip() and text[ns:ne].strip()
    ]
    if len(followed) < MIN_WRAPPED:
        return text
    width = max(len(text[s:e].rstrip()) for s, e, _ in lines)
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return text
    full = [(s, e, b) for s, e, b in followed if len(text[s:e].rstrip()) >= width - SLACK]
    if len(full) < SHARE * len(followed):
        return text
    out = list(text)
    for s, e, b in full:
        if not _LIST_ITEM.match(text[b : b + 6]):
            out[e:b] = " " * (b - e)
    return "".join(out)
