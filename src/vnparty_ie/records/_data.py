"""Loading of the records vocabularies (``vnparty_ie/data/records/*.yaml``) and text cleaning.

The YAML files hold the words; every key is cleaned with :func:`clean` when it is
loaded, so the files may use either tone placement (``khoá``/``khóa``) or case.

Example:
    >>> clean("  Hơn  6.164 Tỷ  đồng ")
    'hơn 6.164 tỷ đồng'
    >>> clean("nhiệm kỳ 2019 – 2024")
    'nhiệm kỳ 2019 - 2024'
    >>> load("numbers_vi.yaml")["scales"]["tỷ"]
    1000000000
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..text.normalize import normalize_string

__all__ = ["DATA_DIR", "clean", "load", "match_phrase", "phrase_table"]

#: Folder of the vocabulary files.
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "records"

_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "Ð": "Đ", "ð": "đ"})
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Lower-case, NFC, canonical tone placement, one kind of dash, single spaces.

    Args:
        text: Any text.

    Returns:
        The cleaned text, stripped.
    """
    text = normalize_string(text.translate(_DASHES))
    return _SPACES.sub(" ", text.lower()).strip()


def _clean_keys(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {clean(k) if isinstance(k, str) else k: _clean_keys(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [clean(v) if isinstance(v, str) else _clean_keys(v) for v in obj]
    return obj


@cache
def load(name: str) -> dict[str, Any]:
    """Load one vocabulary file of :data:`DATA_DIR` once, keys cleaned.

    Args:
        name: The file name, e.g. ``"numbers_vi.yaml"``.

    Returns:
        The parsed mapping (cached; do not mutate it).
    """
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return _clean_keys(yaml.safe_load(fh))


@cache
def phrase_table(name: str, key: str) -> dict[tuple[str, ...], Any]:
    """A phrase table ``{("gần", "như"): "nearly", ...}`` from one section of a file.

    Args:
        name: The vocabulary file.
        key: A section holding a mapping or a list of phrases (a list maps to ``True``).

    Returns:
        The phrases split into words, mapped to their values.
    """
    section = load(name)[key]
    items = section.items() if isinstance(section, dict) else ((p, True) for p in section)
    return {tuple(str(p).split()): v for p, v in items}


def match_phrase(words: list[str], i: int, table: dict[tuple[str, ...], Any]) -> tuple[int, Any] | None:
    """The longest phrase of ``table`` that starts at ``words[i]``.

    Args:
        words: Tokens.
        i: Where to look.
        table: A table from :func:`phrase_table`.

    Returns:
        ``(number of words matched, value)``, or ``None``.

    Example:
        >>> match_phrase(["gần", "như", "100"], 0, {("gần",): "nearly", ("gần", "như"): "nearly"})
        (2, 'nearly')
    """
    for n in range(min(5, len(words) - i), 0, -1):
        hit = table.get(tuple(words[i : i + n]))
        if hit is not None:
            return n, hit
    return None
