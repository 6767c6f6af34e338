"""Markup left in the text: HTML tags and word-segmented input, read as spaces (same length).

Text scraped from the web often keeps its HTML (``<p>Bí thư Tỉnh ủy <b>Thái
Thanh Quý</b></p>``), and text prepared for PhoBERT-style models has the
syllables of each word joined by underscores (``Bí_thư Tỉnh_ủy Nghệ_An``). The
models and rules read neither: a tag between a post and a name hides the link,
and ``Bí_thư`` is not a word they know. :func:`unmark` writes a view of the text
where

* every HTML tag of a known element (:data:`HTML_ELEMENTS`), every comment and
  the content of ``<script>`` and ``<style>`` elements is blanked: a block tag
  (``<p>``, ``<br>``, ``<div>``, ``<li>``, ``<h1>`` …) becomes a line break and
  spaces, since it ends a paragraph, any other tag spaces only;
* an underscore between two letters is a space.

One character for one, so every offset into the view is an offset into the
input, and line breaks already in the text stay where they are. Angle brackets
that do not open a known tag (``tỷ lệ <5%``, ``<<Nghị quyết>>``) are left alone;
so are character references, which the model's view decodes
(:mod:`vnparty_ie.text.normalize`).

Example:
    >>> unmark("<p>Bí thư <b>Thái Thanh Quý</b></p>")
    '\\n  Bí thư    Thái Thanh Quý    \\n   '
    >>> unmark("Bí_thư Tỉnh_ủy Nghệ_An")
    'Bí thư Tỉnh ủy Nghệ An'
    >>> text = "tỷ lệ <5% năm 2023"
    >>> unmark(text) is text
    True
"""

from __future__ import annotations

import re

__all__ = ["BLOCK_ELEMENTS", "HTML_ELEMENTS", "unmark"]

#: Elements whose tags end a paragraph: they become a line break in the view.
BLOCK_ELEMENTS = frozenset(
    [
        "address", "article", "aside", "blockquote", "body", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "li", "main", "nav",
        "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul"
    ]
)
#: Every element whose tags are blanked (block elements and the inline ones news pages use).
HTML_ELEMENTS = BLOCK_ELEMENTS | frozenset(
    [
        "a", "abbr", "b", "big", "cite", "code", "del", "em", "font", "i", "iframe", "img", "input", "ins", "label",
        "link", "mark", "meta", "noscript", "picture", "q", "s", "small", "source", "span", "strike", "strong",
        "sub", "sup", "time", "u", "video", "wbr"
    ]
)

#: A start or end tag; a quoted attribute value may hold ">" (bounded, so an unclosed quote costs little).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?=[\s/>])(?:[^<>\"']|\"[^\"\n]{0,500}\"|'[^'\n]{0,500}')*>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_RAW_TEXT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_JOINED = re.compile(r"(?<=[^\W\d_])_(?=[^\W\d_])")


def _blank(piece: str, line_break: bool = False) -> str:
    """Spaces for ``piece``, its own line breaks kept; a leading line break for a block tag."""
    out = re.sub(r"[^\n]", " ", piece)
    return "\n" + out[1:] if line_break and out and "\n" not in out else out


def unmark(text: str) -> str:
    """Return the view of ``text`` without HTML markup and word-joining underscores (same length).

    Returns ``text`` itself when there is nothing to blank.

    Example:
        >>> unmark("Năm 2023<br/>kết nạp 3.500 đảng viên")
        'Năm 2023\\n    kết nạp 3.500 đảng viên'
    """
    if "<" not in text and "_" not in text:
        return text
    view = text
    if "<" in view:
        view = _RAW_TEXT.sub(lambda m: _blank(m.group(), line_break=True), view)
        view = _COMMENT.sub(lambda m: _blank(m.group()), view)

        def tag(m: re.Match[str]) -> str:
            name = m.group(2).lower()
            if name not in HTML_ELEMENTS:
                return m.group()
            return _blank(m.group(), line_break=name in BLOCK_ELEMENTS)

        view = _TAG.sub(tag, view)
    if "_" in view:
        view = _JOINED.sub(" ", view)
    return text if view == text else view
