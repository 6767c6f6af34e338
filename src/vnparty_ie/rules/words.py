"""Word lists of the rules, read once from the package's data files.

The vocabulary of the rules (posts, bodies, places, units, cue words …) lives in
``vnparty_ie/data/rules/words/*.yaml``, one file per concern, each list under a
lower-case key with a comment saying what it is for. Rule code holds the
grammar and the callbacks, never a word list: it reads ``WORDS.POSTS`` (the
``posts`` list) and so on.

Terms may be written with either tone placement (``uỷ``/``ủy``); the grammar
normalises them exactly like the text view before compiling. Keys must be unique
across the files; the subsets of the one place-word list must be part of it.

Example:
    >>> "Bí thư" in WORDS.POSTS
    True
    >>> WORDS.HONORIFICS[:2]
    ('đồng chí', 'ông')
    >>> capitalised(["đồng chí", "ông"])
    ('Đồng chí', 'Ông')
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

__all__ = ["DATA_DIR", "WORDS", "Words", "capitalised", "load_words", "syllables"]

#: Folder of the rules' data files (word lists, precision table, spec tables).
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "rules"
#: Subsets of ``place_words`` (compared case-insensitively; ``TP`` abbreviates "thành phố").
PLACE_SUBSETS = ("place_words_lowercase_only", "place_levels", "place_levels_bare", "place_words_unnumbered")


class Words:
    """Read-only word lists: ``words.POSTS`` is the tuple of the ``posts`` list.

    Args:
        lists: Lists by lower-case key.
    """

    def __init__(self, lists: dict[str, tuple[str, ...]]) -> None:
        self._lists = dict(lists)

    def __getattr__(self, name: str) -> tuple[str, ...]:
        try:
            return self._lists[name.lower()]
        except KeyError:
            raise AttributeError(f"no word list {name.lower()!r} in data/rules/words/*.yaml") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._lists)

    def __len__(self) -> int:
        return len(self._lists)


def _files() -> Iterator[tuple[str, str]]:
    for entry in sorted((DATA_DIR / "words").glob("*.yaml")):
        yield entry.name, entry.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def load_words() -> Words:
    """Load and check every word file (cached: the files are read once per process).

    Raises:
        ValueError: On a duplicated key, a non-string term or a place subset with
            words outside ``place_words``.
    """
    lists: dict[str, tuple[str, ...]] = {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for name, text in _files():
        data = yaml.load(text, Loader=loader) or {}
        for key, terms in data.items():
            if key in lists:
                raise ValueError(f"word list {key!r} is defined twice (again in {name})")
            if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
                raise ValueError(f"{name}: {key!r} must be a list of non-empty strings")
            lists[key] = tuple(t.strip() for t in terms)
    if "place_words" in lists:
        known = {t.lower() for t in lists["place_words"]} | {"tp"}
        for key in PLACE_SUBSETS:
            extra = {t for t in lists.get(key, ()) if t.lower() not in known}
            if extra:
                raise ValueError(f"{key} has words outside place_words: {sorted(extra)}")
    return Words(lists)


def capitalised(terms: Iterable[str]) -> tuple[str, ...]:
    """The terms with their first letter upper-cased ("đồng chí" -> "Đồng chí")."""
    return tuple(t[:1].upper() + t[1:] for t in terms)


def syllables(terms: Iterable[str]) -> frozenset[str]:
    """The lower-cased space-separated syllables of the terms.

    Example:
        >>> sorted(syllables(["đồng chí", "TP"]))
        ['chí', 'tp', 'đồng']
    """
    return frozenset(w.lower() for t in terms for w in t.split())


#: The word lists of the package.
WORDS = load_words()
