"""Word segmentation with offsets into the caller's original string.

The pipeline is: :func:`~vnparty_ie.text.normalize.normalize` → sentence split →
atoms → words.

* **Atoms** come from a fixed regular grammar over the normalised view: codes and
  dates that hold ``/`` or ``-`` (``03-NQ/QU``, ``5-9-2021``, ``852/453``),
  numbers (``105.981``, ``98,5``), letter syllables, abbreviations with their
  period (``TP.``), and single punctuation marks. ``24%`` is two atoms, so a
  METRIC never shares a word with its UNIT.
* **Words** join consecutive letter syllables the way the statistical segmenter
  (underthesea's CRF by default, or pyvi) groups them, with one safety rule: a
  lower-case syllable is never joined to a following capitalised one
  ("Quận | ủy | Thanh Xuân"), since that is where a name begins.

Each :class:`Token` keeps ``start``/``end`` into the ORIGINAL string and a model
input ``form`` (normalised, syllables joined by ``_``, as PhoBERT expects).

Example:
    >>> sents = tokenize("Bí thư Quận uỷ Thanh Xuân đạt 24%.", segmenter="syllable")
    >>> [t.form for t in sents[0].tokens]
    ['Bí', 'thư', 'Quận', 'ủy', 'Thanh', 'Xuân', 'đạt', '24', '%', '.']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any, NamedTuple, Protocol

from .normalize import NormalizedText, normalize
from .sentences import ABBREVIATIONS, split_view_sentences

__all__ = [
    "DEFAULT_SEGMENTER",
    "SEGMENTERS",
    "Segmenter",
    "Sentence",
    "Token",
    "get_segmenter",
    "tokenize",
]

DEFAULT_SEGMENTER = "underthesea"


@dataclass(frozen=True)
class Token:
    """A word of the original text.

    Attributes:
        start: Start offset in the original string.
        end: End offset (exclusive) in the original string.
        text: ``original[start:end]``.
        form: Normalised model input with syllables joined by ``_``.
    """

    start: int
    end: int
    text: str
    form: str


def _token(start: int, end: int, text: str, form: str) -> Token:
    """``Token(start, end, text, form)``, without the frozen dataclass's per-field ``__setattr__``."""
    token = object.__new__(Token)
    token.__dict__.update(start=start, end=end, text=text, form=form)
    return token


@dataclass(frozen=True)
class Sentence:
    """A sentence: its span in the original string and its words."""

    start: int
    end: int
    tokens: tuple[Token, ...]

    @property
    def forms(self) -> list[str]:
        """The model-input forms of the words."""
        return [t.form for t in self.tokens]


_ATOM = re.compile(
    r"""
    (?P<code>\w+(?:[/\-]\w+)+)            # 03-NQ/QU, 5-9-2021, 852/453, COVID-19
  | (?P<num>\d+(?:[.,]\d+)*)              # 105.981, 98,5, 2023
  | (?P<word>[^\W\d_]+(?:\d+[^\W\d_]*)*)  # letters (maybe with digits after: F0)
  | (?P<other>[^\w\s]|_)                  # one punctuation mark or symbol
    """,
    re.VERBOSE,
)


class _Atom(NamedTuple):
    start: int  # view offsets
    end: int
    kind: str


def _atoms(nt: NormalizedText, start: int, end: int) -> list[_Atom]:
    view, starts, ends = nt.text, nt.starts, nt.ends
    atoms: list[_Atom] = []
    for m in _ATOM.finditer(view, start, end):
        ms, me = m.span()
        kind = m.lastgroup or "other"
        if atoms:
            prev = atoms[-1]
            if starts[ms] < ends[prev.end - 1]:
                # Same source character(s) as the previous atom (e.g. a stray combining
                # mark after a digit): one atom, so tokens never overlap in the original.
                atoms[-1] = _Atom(prev.start, me, prev.kind)
                continue
            if (
                kind == "other"
                and prev.kind == "word"
                and prev.end == ms
                and view[ms:me] == "."
                and view[prev.start : prev.end] in ABBREVIATIONS
            ):
                atoms[-1] = _Atom(prev.start, me, "word")
                continue
        atoms.append(_Atom(ms, me, kind))
    return atoms


class Segmenter(Protocol):
    """Groups a sentence's syllables into words.

    ``__call__`` takes the normalised sentence string and returns its words as
    strings whose syllables are separated by spaces or underscores.
    """

    name: str

    def __call__(self, sentence: str) -> list[str]: ...


class _Underthesea:
    """underthesea's CRF word segmenter (``underthesea.word_tokenize``), loaded cheaply.

    ``import underthesea`` runs the package's ``__init__``, which imports its
    translation and classification pipelines and with them torch and
    transformers (seconds). Only the word segmentation modules are needed, so
    they are imported under a bare stand-in for the top-level package, which is
    then taken away again (a later ``import underthesea`` works as usual).
    Segmentation itself runs in :mod:`vnparty_ie.text.crf_words` on the same
    model files: the same function as ``underthesea.word_tokenize``, several
    times faster (both pinned by ``tests/test_segment_fast.py``). If anything
    in underthesea's layout changes, its own ``word_tokenize`` is used.
    """

    name = "underthesea"

    def __init__(self) -> None:
        self._tokenize = _load_fast_word_tokenize()

    def __call__(self, sentence: str) -> list[str]:
        return list(self._tokenize(sentence))


def _import_underthesea(name: str, warm: Callable[[Any], object] | None = None) -> Any:
    """Import the submodule ``name`` of underthesea without running ``underthesea/__init__``.

    ``warm(module)`` runs while the stand-in package is in place (to load what
    the module would import lazily later). Raises ``ImportError`` when that
    cannot be done (the caller then uses the ordinary import).
    """
    import importlib
    import importlib.util
    import sys
    import types

    if "underthesea" in sys.modules:  # already paid for
        module = importlib.import_module(name)
        if warm is not None:
            warm(module)
        return module
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("No module named 'underthesea'")
    before = set(sys.modules)
    stub = types.ModuleType("underthesea")
    stub.__path__ = list(spec.submodule_search_locations)
    stub.__spec__ = spec
    stub.__file__ = spec.origin
    sys.modules["underthesea"] = stub
    try:
        importlib.import_module("underthesea.pipeline.text_normalize")  # first: its import order avoids a cycle
        module = importlib.import_module(name)
        if warm is not None:
            warm(module)
    except Exception as exc:
        raise ImportError(f"cannot import {name} on its own: {exc}") from exc
    finally:
        for key in set(sys.modules) - before:
            if key == "underthesea" or key.startswith("underthesea."):
                del sys.modules[key]
    return module


def _load_underthesea_word_tokenize() -> Callable[[str], list[str]]:
    """``underthesea.word_tokenize`` without importing the rest of underthesea (see :class:`_Underthesea`)."""
    try:
        # Loads the CRF model now, while the stand-in is in place.
        module = _import_underthesea("underthesea.pipeline.word_tokenize", lambda m: m.word_tokenize("Khởi động"))
        return module.word_tokenize
    except ImportError:
        from underthesea import word_tokenize

        return word_tokenize


def _load_fast_word_tokenize() -> Callable[[str], list[str]]:
    """:class:`vnparty_ie.text.crf_words.WordTokenizer` on underthesea's model, else its ``word_tokenize``."""
    from .crf_words import load_word_tokenizer

    try:
        return load_word_tokenizer(_import_underthesea("underthesea.pipeline.word_tokenize"))
    except (ImportError, OSError, ValueError, KeyError, EOFError):
        return _load_underthesea_word_tokenize()


class _Pyvi:
    name = "pyvi"

    def __init__(self) -> None:
        from pyvi import ViTokenizer

        self._tokenize = ViTokenizer.tokenize

    def __call__(self, sentence: str) -> list[str]:
        return self._tokenize(sentence).split()


class _Syllable:
    """No statistical segmentation: every syllable is a word (fast, exact)."""

    name = "syllable"

    def __call__(self, sentence: str) -> list[str]:
        return sentence.split()


SEGMENTERS: dict[str, Callable[[], Segmenter]] = {
    "underthesea": _Underthesea,
    "pyvi": _Pyvi,
    "syllable": _Syllable,
}


@cache
def get_segmenter(name: str = DEFAULT_SEGMENTER) -> Segmenter:
    """Return the (cached) segmenter called ``name``.

    Raises:
        ValueError: If the name is unknown.
        ImportError: If its package is not installed (with the pip command to fix it).
    """
    if name not in SEGMENTERS:
        raise ValueError(f"unknown segmenter {name!r}; choose one of {sorted(SEGMENTERS)}")
    try:
        return SEGMENTERS[name]()
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(f"segmenter {name!r} needs its package: pip install {name}") from exc


def _joins(view: str, atoms: Sequence[_Atom], words: Sequence[str]) -> list[bool] | None:
    """For each pair of neighbouring atoms, whether the segmenter put them in one word.

    Returns ``None`` when the segmenter's output cannot be laid over the atoms
    (it rewrote characters in a length-changing way).
    """
    # Two neighbouring atoms are in one word unless a word (spaces and underscores left
    # out) ends where the first atom ends.
    bounds = set()
    pos = 0
    for w in words:
        pos += len(w) - w.count(" ") - w.count("_")
        bounds.add(pos)
    if pos != sum(a.end - a.start for a in atoms):
        return None
    joins: list[bool] = []
    pos = 0
    for a in atoms[:-1]:
        pos += a.end - a.start
        joins.append(pos not in bounds)
    return joins


def _group(view: str, atoms: Sequence[_Atom], joins: Sequence[bool]) -> Iterator[tuple[int, int, list[_Atom]]]:
    group: list[_Atom] = [atoms[0]]
    for (a, b), joined in zip(pairwise(atoms), joins):
        ok = (
            joined
            and a.kind == "word"
            and b.kind == "word"
            and not view[a.end : b.start].strip()
            and "\n" not in view[a.end : b.start]
            and not (view[a.start].islower() and view[b.start].isupper())
            and view[a.end - 1] != "."
        )
        if ok:
            group.append(b)
        else:
            yield group[0].start, group[-1].end, group
            group = [b]
    yield group[0].start, group[-1].end, group


def tokenize_view(view: NormalizedText, segmenter: str = DEFAULT_SEGMENTER) -> list[Sentence]:
    """Segment an already built :class:`NormalizedText` (see :func:`tokenize`)."""
    seg = get_segmenter(segmenter)
    text = view.text
    sentences: list[Sentence] = []
    for ss, se in split_view_sentences(text):
        atoms = _atoms(view, ss, se)
        if not atoms:
            continue
        joins = None
        if seg.name != "syllable" and len(atoms) > 1:
            joins = _joins(text, atoms, seg(text[ss:se]))
        if joins is None:
            joins = [False] * (len(atoms) - 1)
        tokens = []
        starts, ends, original = view.starts, view.ends, view.original
        for vs, ve, group in _group(text, atoms, joins):
            os_, oe = starts[vs], ends[ve - 1]  # view.to_original(vs, ve) of a non-empty span
            form = text[vs:ve] if len(group) == 1 else "_".join(text[a.start : a.end] for a in group)
            tokens.append(_token(os_, oe, original[os_:oe], form))
        o_start, o_end = view.to_original(ss, se)
        sentences.append(Sentence(o_start, o_end, tuple(tokens)))
    return sentences


def tokenize(text: str, segmenter: str = DEFAULT_SEGMENTER) -> list[Sentence]:
    """Normalise, split into sentences and segment into words.

    Args:
        text: The caller's original string (never modified).
        segmenter: ``"underthesea"`` (default), ``"pyvi"`` or ``"syllable"``.

    Returns:
        Sentences whose tokens carry offsets into ``text``; ``[]`` for empty or
        whitespace-only text.

    Raises:
        TypeError: If ``text`` is not a ``str``.
    """
    return tokenize_view(normalize(text), segmenter)
