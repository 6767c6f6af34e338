"""Read the word-segmented vietnews (VNDS) corpus and turn it into reader-facing text.

The corpus stores each article word-segmented for PhoBERT: syllables of one word
are joined by ``_`` and punctuation is split off by spaces, one paragraph per
line. :func:`detokenize` undoes that deterministically (the output of a given
:data:`DETOKENIZER_VERSION` never changes), so stand-off annotations can store
offsets into the reader text without storing the text itself.

Example:
    >>> detokenize('Bí_thư Quận_uỷ ( Hà_Nội ) cho biết : đạt 98,5 % .')
    'Bí thư Quận uỷ (Hà Nội) cho biết: đạt 98,5%.'
    >>> text, words = detokenize_with_words('Quận_uỷ Thanh_Xuân ,')
    >>> [text[s:e] for s, e in words]
    ['Quận uỷ', 'Thanh Xuân', ',']
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import CorpusNotFoundError

#: Version of the detokenization rules; stand-off files record it. Bump it (and
#: re-resolve stand-off files) whenever :func:`detokenize` output changes.
DETOKENIZER_VERSION = 1

#: Split names and their file stems. ``dev`` is accepted as an alias of ``val``.
SPLIT_FILES: dict[str, str] = {"train": "train", "val": "val", "dev": "val"}

_ATTACH_LEFT_CHARS = frozenset(",.;:!?…%‰")
_ATTACH_LEFT_TOKENS = frozenset({")", "]", "}", "”", "’", "»"})
_ATTACH_RIGHT_TOKENS = frozenset({"(", "[", "{", "“", "‘", "«"})
_STRAIGHT_QUOTES = ('"', "'")

# Per-token joining behaviour.
_NONE, _LEFT, _RIGHT = 0, 1, 2


def _token_kinds(tokens: list[str], double_open: bool) -> tuple[list[int], bool]:
    """Classify each token of one line: attaches to its left, right, or neither.

    Args:
        tokens: The tokens of the line.
        double_open: Whether a straight double quote is open from a previous line
            of the same paragraph.

    Returns:
        The kinds and whether a double quote is still open at the end of the line.
    """
    kinds = []
    for tok in tokens:
        if tok in _ATTACH_LEFT_TOKENS or all(ch in _ATTACH_LEFT_CHARS for ch in tok):
            kinds.append(_LEFT)
        elif tok in _ATTACH_RIGHT_TOKENS:
            kinds.append(_RIGHT)
        else:
            kinds.append(_NONE)
    # Straight double quotes: the context decides when it can (first or last
    # token, before closing punctuation, after an opening bracket), otherwise
    # they alternate open/close; a quote may stay open across the lines
    # (sentences) of a paragraph.
    last = len(tokens) - 1
    for i, tok in enumerate(tokens):
        if tok != '"':
            continue
        if i == 0 or (i < last and kinds[i - 1] == _RIGHT):
            opening = True
        elif i == last or kinds[i + 1] == _LEFT:
            opening = False
        else:
            opening = not double_open
        kinds[i] = _RIGHT if opening else _LEFT
        double_open = opening
    # Straight single quotes are often apostrophes: pair them within the line
    # only (open, close, ...); an unpaired last one stays free-standing.
    singles = [i for i, tok in enumerate(tokens) if tok == "'"]
    for n, i in enumerate(singles[: len(singles) // 2 * 2]):
        kinds[i] = _RIGHT if n % 2 == 0 else _LEFT
    return kinds, double_open


def _lines(segmented: str) -> Iterator[tuple[list[str], list[int]]]:
    """Yield ``(tokens, kinds)`` for each line (split on ``\\n`` only)."""
    double_open = False
    for line in segmented.split("\n"):
        tokens = [tok for tok in line.split(" ") if tok]
        if not tokens:
            double_open = False  # a paragraph break closes any open quote
        kinds, double_open = _token_kinds(tokens, double_open)
        yield tokens, kinds


def _join_line(tokens: list[str], kinds: list[int], offset: int, words: list[tuple[int, int]] | None) -> str:
    """Join one line's tokens; append word spans (shifted by ``offset``) to ``words``."""
    parts: list[str] = []
    pos = 0
    for i, tok in enumerate(tokens):
        if i > 0 and kinds[i] != _LEFT and kinds[i - 1] != _RIGHT:
            parts.append(" ")
            pos += 1
        word = tok.replace("_", " ")
        if words is not None:
            words.append((offset + pos, offset + pos + len(word)))
        parts.append(word)
        pos += len(word)
    return "".join(parts)


def detokenize_with_words(segmented: str) -> tuple[str, list[tuple[int, int]]]:
    """Detokenize and return the word spans implied by the ``_`` segmentation.

    Every token of the segmented text (a word, possibly of several syllables, or
    a punctuation mark) becomes one ``(start, end)`` span of the reader text, in
    order; spans never contain a line break.

    Args:
        segmented: Word-segmented text as stored in vietnews.

    Returns:
        ``(text, words)`` where ``text == detokenize(segmented)``.
    """
    words: list[tuple[int, int]] = []
    lines_out: list[str] = []
    offset = 0
    for tokens, kinds in _lines(segmented):
        out = _join_line(tokens, kinds, offset, words)
        lines_out.append(out)
        offset += len(out) + 1
    return "\n".join(lines_out), words


_SENTENCE_END_CHARS = frozenset(".!?…")


def _starts_sentence(token: str) -> bool:
    """Tell whether a token can open a sentence (capital, digit, opening mark)."""
    first = token[0]
    return (
        first.isupper() or first.isdigit() or token in _ATTACH_RIGHT_TOKENS or token in ('"', "'", "-", "–", "*", "•")
    )


def sentence_spans(segmented: str) -> list[tuple[int, int]]:
    """Estimate sentence spans of the reader text from the segmented text.

    The source segmentation splits sentence-final punctuation off as its own
    token while abbreviation periods stay attached (``TP.``), so a sentence ends
    at a token made of ``. ! ? …`` followed by a token that can open a sentence
    (capital letter, digit, opening quote or bracket), or at the end of a line.
    Closing quotes and brackets right after the mark stay in the sentence.
    Empty lines hold no sentence.

    Args:
        segmented: Word-segmented text as stored in vietnews.

    Returns:
        ``(start, end)`` spans into ``detokenize(segmented)``, in order.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for tokens, kinds in _lines(segmented):
        words: list[tuple[int, int]] = []
        out = _join_line(tokens, kinds, offset, words)
        begin = 0
        i = 0
        while i < len(tokens):
            if all(ch in _SENTENCE_END_CHARS for ch in tokens[i]):
                j = i + 1
                while j < len(tokens) and kinds[j] == _LEFT:
                    j += 1
                if j == len(tokens) or _starts_sentence(tokens[j]):
                    spans.append((words[begin][0], words[j - 1][1]))
                    begin = j
                i = j
                continue
            i += 1
        if begin < len(tokens):
            spans.append((words[begin][0], words[-1][1]))
        offset += len(out) + 1
    return spans


def detokenize(segmented: str) -> str:
    """Turn word-segmented vietnews text into reader-facing text.

    Rules (version :data:`DETOKENIZER_VERSION`): lines are kept one for one
    (split on ``\\n`` only); tokens are split on spaces; ``_`` inside a token
    becomes a space; no space before ``, . ; : ! ? … % ‰ ) ] } ” ’ »`` (and
    runs like ``...``), none after ``( [ { “ ‘ «``. A straight ``"`` opens at
    the start of a line or after an opening bracket, closes at the end of a line
    or before closing punctuation, and otherwise alternates open/close, staying
    open across the lines of a paragraph (an empty line resets it); straight
    ``'`` are paired within a line, an unpaired last one keeps its spaces. Anything else (``-``, ``/``, ``–``) keeps its spaces. Characters are
    never changed otherwise (no Unicode normalisation), so ``105.981``,
    ``03-NQ/QU`` and ``TP.`` come out as written.

    Args:
        segmented: Word-segmented text as stored in vietnews.

    Returns:
        The reader-facing text.
    """
    return "\n".join(_join_line(tokens, kinds, 0, None) for tokens, kinds in _lines(segmented))


def split_file(corpus_dir: str | Path, split: str) -> Path:
    """Return the ``.jsonl.gz`` path of a split.

    Raises:
        ValueError: For an unknown split name.
        CorpusNotFoundError: When the directory or the file is missing.
    """
    if split not in SPLIT_FILES:
        raise ValueError(f"unknown vietnews split {split!r}; use one of {sorted(SPLIT_FILES)}")
    root = Path(corpus_dir)
    if not root.is_dir():
        raise CorpusNotFoundError(
            f"vietnews directory {str(root)!r} not found; pass the folder holding train.jsonl.gz and "
            "val.jsonl.gz (e.g. --vietnews ../shared/corpora/vietnews)"
        )
    path = root / f"{SPLIT_FILES[split]}.jsonl.gz"
    if not path.is_file():
        raise CorpusNotFoundError(f"vietnews file {str(path)!r} not found in {str(root)!r}")
    return path


def iter_vietnews(path_or_dir: str | Path, split: str | None = None) -> Iterator[dict]:
    """Stream the records ``{"id", "text"}`` of one split (segmented text).

    Args:
        path_or_dir: A ``.jsonl.gz``/``.jsonl`` file, or the corpus directory.
        split: ``"train"`` or ``"val"``; required when a directory is given.

    Yields:
        The JSON records, in file order.

    Raises:
        CorpusNotFoundError: When the file or directory is missing.
    """
    path = Path(path_or_dir)
    if path.is_dir() or split is not None:
        if split is None:
            raise ValueError("give split='train' or 'val' with a corpus directory")
        path = split_file(path, split)
    elif not path.is_file():
        raise CorpusNotFoundError(f"vietnews file {str(path)!r} not found")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def split_of(doc_id: str) -> str:
    """Return the split of a vietnews id (``"train/000001"`` -> ``"train"``).

    Raises:
        KeyError: When the id has no known split prefix.
    """
    prefix = doc_id.split("/", 1)[0]
    if "/" not in doc_id or prefix not in SPLIT_FILES:
        raise KeyError(f"{doc_id!r} is not a vietnews id (expected 'train/NNNNNN' or 'val/NNNNNN')")
    return prefix


class VietnewsCorpus:
    """Random access to reader-facing vietnews texts by id.

    Texts are loaded lazily: the first request for a split scans its file once
    (about two seconds for train) and keeps the texts asked for. Use
    :meth:`prefetch` to load many ids in one scan.

    Example:
        >>> corpus = VietnewsCorpus("../shared/corpora/vietnews")  # doctest: +SKIP
        >>> corpus.get_text("train/000585")[:9]  # doctest: +SKIP
        'Hải Phòng'

    Raises:
        CorpusNotFoundError: At construction, when the directory is missing.
    """

    def __init__(self, corpus_dir: str | Path) -> None:
        self.root = Path(corpus_dir)
        if not self.root.is_dir():
            split_file(self.root, "train")  # raises CorpusNotFoundError with the message
        self._segmented: dict[str, str] = {}
        self._ids: dict[str, frozenset[str]] = {}

    def prefetch(self, doc_ids: Iterable[str]) -> None:
        """Load the given ids, scanning each needed split file once.

        Raises:
            KeyError: When an id is not in the corpus.
        """
        wanted: dict[str, set[str]] = {}
        for doc_id in doc_ids:
            if doc_id not in self._segmented:
                wanted.setdefault(SPLIT_FILES[split_of(doc_id)], set()).add(doc_id)
        for stem, ids in wanted.items():
            seen: set[str] = set()
            for record in iter_vietnews(split_file(self.root, stem)):
                seen.add(record["id"])
                if record["id"] in ids:
                    self._segmented[record["id"]] = record["text"]
            self._ids[stem] = frozenset(seen)
            missing = sorted(ids - seen)
            if missing:
                raise KeyError(f"{len(missing)} id(s) not found in vietnews {stem}: {', '.join(missing[:5])}")

    def __contains__(self, doc_id: object) -> bool:
        if not isinstance(doc_id, str):
            return False
        try:
            stem = SPLIT_FILES[split_of(doc_id)]
        except KeyError:
            return False
        if stem not in self._ids:
            self._ids[stem] = frozenset(r["id"] for r in iter_vietnews(split_file(self.root, stem)))
        return doc_id in self._ids[stem]

    def get_segmented(self, doc_id: str) -> str:
        """Return the word-segmented text as stored in the corpus."""
        if doc_id not in self._segmented:
            self.prefetch([doc_id])
        return self._segmented[doc_id]

    def get_text(self, doc_id: str) -> str:
        """Return the reader-facing text (:func:`detokenize` of the stored text).

        Raises:
            KeyError: When the id is not in the corpus.
        """
        return detokenize(self.get_segmented(doc_id))

    def get_words(self, doc_id: str) -> list[tuple[int, int]]:
        """Return the gold word spans of :meth:`get_text`, from the ``_`` segmentation."""
        return detokenize_with_words(self.get_segmented(doc_id))[1]


def open_corpus_or_skip(corpus_dir: str | Path, label: str = "skipped") -> VietnewsCorpus | None:
    """Open the corpus, or say on stderr why it is skipped, for scripts that run without it.

    Args:
        corpus_dir: The vietnews folder (``train.jsonl.gz``, ``val.jsonl.gz``).
        label: Prefix of the stderr line, ``"{label}: {reason}"``.

    Returns:
        The corpus, or ``None`` when the folder is missing (the reason printed).
    """
    try:
        return VietnewsCorpus(corpus_dir)
    except CorpusNotFoundError as exc:
        print(f"{label}: {exc}", file=sys.stderr)
        return None
