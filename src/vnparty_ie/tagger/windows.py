"""Sliding windows of whole words over sequences longer than the encoder.

A window is a contiguous run of words whose subwords fit the encoder (its
maximum length less the special tokens). Consecutive windows overlap by up to
``stride`` subwords; each word then takes its prediction from the window in
which it is most central. Nothing is truncated: a single word with more
subwords than a window is clipped to the window explicitly (its first subword,
which carries the label, is always kept) and reported by :func:`clip_words`.

Example:
    >>> plan_windows([1, 1, 1, 1, 1], budget=3, stride=1)
    [(0, 3), (2, 5)]
    >>> assign_words([1, 1, 1, 1, 1], [(0, 3), (2, 5)])
    [0, 0, 0, 1, 1]
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import ConfigError


def clip_words(pieces: Sequence[Sequence[int]], budget: int) -> tuple[list[list[int]], list[int]]:
    """Clip words with more subwords than a window holds.

    Args:
        pieces: Subword ids of each word.
        budget: Subwords a window holds.

    Returns:
        ``(pieces, clipped)``: the pieces with over-long words cut to ``budget``
        subwords (the first ones, so the labelled subword stays), and the
        indices of the words that were cut.
    """
    out: list[list[int]] = []
    clipped: list[int] = []
    for i, ids in enumerate(pieces):
        if len(ids) > budget:
            clipped.append(i)
            out.append(list(ids[:budget]))
        else:
            out.append(list(ids))
    return out, clipped


def plan_windows(lengths: Sequence[int], budget: int, stride: int) -> list[tuple[int, int]]:
    """Cut a sequence of words into overlapping windows.

    Args:
        lengths: Number of subwords of each word (each at most ``budget``;
            see :func:`clip_words`).
        budget: Subwords a window holds (the encoder's length less specials).
        stride: Subwords of overlap between consecutive windows; reduced to
            ``budget // 2`` when larger, so windows always advance.

    Returns:
        ``(start, end)`` word ranges, end exclusive, covering every word. An
        empty sequence gives no window.

    Raises:
        ConfigError: When ``budget < 1``, ``stride < 0`` or a word is longer
            than ``budget``.
    """
    if budget < 1:
        raise ConfigError(f"window budget must be at least 1 subword, got {budget}")
    if stride < 0:
        raise ConfigError(f"stride must be >= 0, got {stride}")
    stride = min(stride, budget // 2)
    n = len(lengths)
    for i, length in enumerate(lengths):
        if length > budget:
            raise ConfigError(f"word {i} has {length} subwords, more than the window of {budget}; clip it first")
    windows: list[tuple[int, int]] = []
    start = 0
    while start < n:
        end, total = start, 0
        while end < n and total + lengths[end] <= budget:
            total += lengths[end]
            end += 1
        windows.append((start, end))
        if end >= n:
            break
        # Step back for overlap, but never so far that the next word (``end``)
        # no longer fits: every window must reach further than the last.
        new_start, overlap = end, 0
        room = min(stride, budget - lengths[end])
        while new_start - 1 > start and overlap + lengths[new_start - 1] <= room:
            new_start -= 1
            overlap += lengths[new_start]
        start = new_start
    return windows


def assign_words(lengths: Sequence[int], windows: Sequence[tuple[int, int]]) -> list[int]:
    """Choose, for each word, the window where it is most central.

    Centrality is the smaller of the subword contexts on the left and on the
    right of the word inside the window; a side that is the true start or end
    of the sequence counts as unlimited context. Ties go to the earlier window.

    Args:
        lengths: Subwords of each word.
        windows: Windows from :func:`plan_windows`.

    Returns:
        The index of the chosen window for every word.
    """
    n = len(lengths)
    best = [-1] * n
    best_score = [float("-inf")] * n
    for w, (start, end) in enumerate(windows):
        total = sum(lengths[start:end])
        left = 0
        for i in range(start, end):
            right = total - left - lengths[i]
            lhs = float("inf") if start == 0 else left
            rhs = float("inf") if end == n else right
            score = min(lhs, rhs)
            if score > best_score[i]:
                best_score[i] = score
                best[i] = w
            left += lengths[i]
    return best
