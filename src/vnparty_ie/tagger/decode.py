"""From per-word tag probabilities to entities: argmax, BIO repair, confidence.

The repair rule is the one of :func:`vnparty_ie.bio.bio_to_spans` (IOB2): an
``I-X`` that follows ``O`` or a tag of another label starts a new entity, as if
it were ``B-X``. An entity's confidence is the mean, over its words, of the
probability of the tag chosen for each word.

Example:
    >>> repair_bio(["I-ORG", "I-ORG", "O", "B-LOC", "I-PER"])
    ['B-ORG', 'I-ORG', 'O', 'B-LOC', 'B-PER']
    >>> word_spans(["B-ORG", "I-ORG", "O", "I-LOC"], [0.9, 0.7, 1.0, 0.5])
    [(0, 2, 'ORG', 0.8), (3, 4, 'LOC', 0.5)]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..bio import repair_bio, split_tag
from ..types import Entity

__all__ = ["argmax_tags", "repair_bio", "spans_to_entities", "split_tag", "word_spans"]


def argmax_tags(probs: np.ndarray, id2label: Sequence[str]) -> tuple[list[str], list[float]]:
    """Pick the most probable tag of each word.

    Args:
        probs: ``(n_words, n_tags)`` probabilities.
        id2label: Tag of each column.

    Returns:
        ``(tags, probabilities of those tags)``.
    """
    if len(probs) == 0:
        return [], []
    ids = probs.argmax(axis=-1)
    return [id2label[int(i)] for i in ids], [float(p) for p in probs[np.arange(len(ids)), ids]]


def _mean(values: Sequence[float]) -> float:
    """``float(np.mean(values))``, bit for bit, without building an array for a short span.

    NumPy sums fewer than 8 values one after the other from 0.0 (its pairwise
    summation starts at 8), which a plain loop repeats exactly.
    """
    n = len(values)
    if n >= 8:
        return float(np.mean(values))
    total = 0.0
    for v in values:
        total += v
    return total / n


def word_spans(tags: Sequence[str], scores: Sequence[float] | None = None) -> list[tuple[int, int, str, float | None]]:
    """Group BIO tags of words into spans, repairing dangling ``I-X`` first.

    Args:
        tags: BIO tags, one per word.
        scores: Probability of each word's tag, or ``None``.

    Returns:
        ``(start_word, end_word, label, confidence)`` tuples, end exclusive;
        the confidence is the mean word score (``None`` without scores).
    """
    repaired = repair_bio(tags)
    spans: list[tuple[int, int, str, float | None]] = []
    start: int | None = None
    label: str | None = None

    def close(end: int) -> None:
        if start is None or label is None:
            return
        conf = None if scores is None else round(_mean(scores[start:end]), 6)
        spans.append((start, end, label, conf))

    for i, tag in enumerate(repaired):
        prefix, lab = split_tag(tag)
        if prefix == "I":
            continue
        close(i)
        start, label = (i, lab) if prefix == "B" else (None, None)
    close(len(repaired))
    return spans


def spans_to_entities(
    text: str,
    starts: Sequence[int],
    ends: Sequence[int],
    spans: Sequence[tuple[int, int, str, float | None]],
) -> list[Entity]:
    """Turn word spans into entities with offsets into the original text.

    Args:
        text: The caller's original string.
        starts: Character start of each word in ``text``.
        ends: Character end of each word in ``text``.
        spans: Output of :func:`word_spans`.

    Returns:
        Entities in text order.
    """
    out = []
    for first, last, label, score in spans:
        s, e = starts[first], ends[last - 1]
        out.append(Entity(start=s, end=e, label=label, text=text[s:e], score=score, source="classifier"))
    return out
