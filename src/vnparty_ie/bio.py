"""Conversion between character spans and IOB2 tags over segmented words.

Example:
    >>> from vnparty_ie.text.segment import tokenize
    >>> from vnparty_ie.types import make_entity
    >>> text = "Bí thư Quận ủy Thanh Xuân"
    >>> tokens = tokenize(text, segmenter="syllable")[0].tokens
    >>> tags, misaligned = spans_to_bio(tokens, [make_entity(text, 7, 25, "ORG")])
    >>> tags
    ['O', 'O', 'B-ORG', 'I-ORG', 'I-ORG', 'I-ORG']
    >>> [e.text for e in bio_to_spans(text, tokens, tags)]
    ['Quận ủy Thanh Xuân']
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from .errors import SchemaError
from .text.segment import Token
from .types import Entity

__all__ = ["OTHER_SCHEME_PREFIXES", "bio_to_spans", "repair_bio", "spans_to_bio", "split_tag", "to_iob2"]

#: Prefixes of IOBES / BILOU tags, and the IOB2 prefix each becomes.
OTHER_SCHEME_PREFIXES = {"S": "B", "U": "B", "E": "I", "L": "I"}


def split_tag(tag: str) -> tuple[str, str | None]:
    """Split ``"B-ORG"`` into ``("B", "ORG")``; ``"O"`` gives ``("O", None)``.

    Raises:
        SchemaError: On a tag that is not IOB2 (a ``ValueError``).
    """
    if tag == "O":
        return "O", None
    if len(tag) > 2 and tag[1] == "-" and tag[0] in "BI":
        return tag[0], tag[2:]
    raise SchemaError(f"invalid BIO tag {tag!r}: use 'O', 'B-LABEL' or 'I-LABEL' (IOB2)")


def spans_to_bio(tokens: Sequence[Token], entities: Sequence[Entity]) -> tuple[list[str], list[Entity]]:
    """Tag ``tokens`` with IOB2 tags from character-span ``entities``.

    An entity is aligned when its start is a token start and its end a token
    end. Entities that do not align (an edge inside a word) or that overlap an
    already tagged entity are NOT silently dropped: they are returned in the
    second list so the caller can report them.

    Args:
        tokens: Words with original-string offsets, in order.
        entities: Entities with offsets into the same string.

    Returns:
        ``(tags, misaligned)``.
    """
    tags = ["O"] * len(tokens)
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    misaligned: list[Entity] = []
    for ent in sorted(entities, key=lambda e: (e.start, -e.end)):
        i = bisect.bisect_left(starts, ent.start)
        j = bisect.bisect_left(ends, ent.end)
        if i >= len(tokens) or j >= len(tokens) or starts[i] != ent.start or ends[j] != ent.end or j < i:
            # Only report entities that touch these tokens at all.
            if any(t.start < ent.end and ent.start < t.end for t in tokens[max(0, i - 1) : j + 2]):
                misaligned.append(ent)
            continue
        if any(tag != "O" for tag in tags[i : j + 1]):
            misaligned.append(ent)
            continue
        tags[i] = f"B-{ent.label}"
        for k in range(i + 1, j + 1):
            tags[k] = f"I-{ent.label}"
    return tags, misaligned


def repair_bio(tags: Sequence[str]) -> list[str]:
    """Make a tag sequence valid IOB2: an ``I-X`` that does not continue an X starts one.

    Example:
        >>> repair_bio(["I-ORG", "I-ORG", "B-LOC", "I-ORG"])
        ['B-ORG', 'I-ORG', 'B-LOC', 'B-ORG']
    """
    out: list[str] = []
    prev_label: str | None = None
    for tag in tags:
        prefix, label = split_tag(tag)
        if prefix == "I" and label != prev_label:
            tag = f"B-{label}"
        out.append(tag)
        prev_label = label
    return out


def to_iob2(tags: Sequence[str]) -> list[str]:
    """IOB2 tags from IOB2, IOB1, IOBES/BIOES or BILOU tags (the same entities).

    ``S-``/``U-`` (a one-word entity) become ``B-``, ``E-``/``L-`` (its last
    word) ``I-``, and an ``I-X`` that does not continue an X starts one (IOB1).

    Example:
        >>> to_iob2(["S-PER", "O", "B-ORG", "E-ORG", "I-LOC", "I-LOC", "U-LOC"])
        ['B-PER', 'O', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-LOC']

    Raises:
        SchemaError: On a tag of none of these schemes.
    """
    out = []
    for tag in tags:
        if len(tag) > 2 and tag[1] == "-" and tag[0] in OTHER_SCHEME_PREFIXES:
            tag = OTHER_SCHEME_PREFIXES[tag[0]] + tag[1:]
        out.append(tag)
    return repair_bio(out)


def bio_to_spans(
    text: str,
    tokens: Sequence[Token],
    tags: Sequence[str],
    scores: Sequence[float] | None = None,
) -> list[Entity]:
    """Turn IOB2 tags over ``tokens`` into entities with offsets into ``text``.

    Tags are repaired first (see :func:`repair_bio`). An entity's score is the
    mean of its tokens' scores when ``scores`` is given.

    Raises:
        ValueError: If ``tags`` (or ``scores``) and ``tokens`` differ in length.
    """
    if len(tags) != len(tokens):
        raise ValueError(f"{len(tags)} tags for {len(tokens)} tokens")
    if scores is not None and len(scores) != len(tokens):
        raise ValueError(f"{len(scores)} scores for {len(tokens)} tokens")
    tags = repair_bio(tags)
    entities: list[Entity] = []
    i = 0
    while i < len(tags):
        prefix, label = split_tag(tags[i])
        if prefix != "B":
            i += 1
            continue
        j = i + 1
        while j < len(tags) and tags[j] == f"I-{label}":
            j += 1
        start, end = tokens[i].start, tokens[j - 1].end
        score = None if scores is None else float(sum(scores[i:j]) / (j - i))
        entities.append(Entity(start, end, label or "", text[start:end], score))
        i = j
    return entities
