"""Resolve annotators' mention lists into character offsets.

Annotators (people or LLMs) list the mentions of a document in text order
instead of counting offsets, one JSON line per document::

    {"id": "train/012345",
     "entities": [["T1", "POSITION", "Bí thư"], ["T2", "ORG", "Quận ủy Thanh Xuân"],
                  ["T3", "METRIC", "24", {"nth": 2}], ["T4", "UNIT", "%", {"left": "24"}]],
     "relations": [["T1", "T2", "organization"]]}

Each mention is searched forward from the end of the previous one. An
optional fourth element gives a hint: ``{"nth": k}`` takes the k-th occurrence
instead of the first, ``{"left": "..."}`` requires the mention to follow that
text (spaces in between allowed), ``{"line": n}`` searches only line ``n``
(1-based, as printed by ``corpora/tools/show_doc.py``) and ``{"back": true}``
searches from the start of the document (for a mention listed out of order).
Hints combine. Matching tolerates old/new tone placement (uỷ/ủy), NFC/NFD,
``Ð``/``Đ`` and zero-width characters, with a warning.

:func:`resolve_document` reports every problem; nothing is dropped silently.

Example:
    >>> doc, problems = resolve_document("d1", "Bí thư Quận uỷ Thanh Xuân",
    ...     [["T1", "POSITION", "Bí thư"], ["T2", "ORG", "Quận ủy Thanh Xuân"]],
    ...     [["T1", "T2", "organization"]])
    >>> [(e.id, e.start, e.end) for e in doc.entities]
    [('T1', 0, 6), ('T2', 7, 25)]
    >>> [str(p) for p in problems]  # doctest: +ELLIPSIS
    ["warning d1 T2: matched 'Quận uỷ Thanh Xuân' ... spelling differs..."]
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..schema import ENTITY_LABELS, RELATION_TYPES
from ..text.normalize import canonical_tones
from ..types import Entity, Extraction, Relation

#: Characters a span may not start or end with (surrounding punctuation and quotes).
EDGE_FORBIDDEN = frozenset(",.;:!?…\"'“”‘’«»()[]{}-–—/\\*•")
_HINT_KEYS = frozenset({"nth", "left", "line", "back"})



@dataclass(frozen=True)
class Problem:
    """One problem found while resolving a document.

    Attributes:
        doc_id: The document id.
        entity_id: The entity (or ``"head->tail"`` relation) concerned, if any.
        message: What is wrong and how to fix it.
        severity: ``"error"`` (the document is not written) or ``"warning"``.
    """

    doc_id: str
    entity_id: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        who = f" {self.entity_id}" if self.entity_id else ""
        return f"{self.severity} {self.doc_id}{who}: {self.message}"


@dataclass
class MentionSpec:
    """One mention as written by the annotator."""

    id: str
    label: str
    surface: str
    nth: int | None = None
    left: str | None = None
    line: int | None = None
    back: bool = False


def _normalise_piece(text: str) -> str:
    """Normalise a string for tolerant matching (same rules as :class:`_Matcher`)."""
    return _Matcher(text).norm


class _Matcher:
    """A normalised view of a text with a map back to original offsets."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if unicodedata.category(ch) == "Cf":
                i += 1
                continue
            j = i + 1
            while j < n and unicodedata.combining(text[j]):
                j += 1
            piece = unicodedata.normalize("NFC", text[i:j]).replace("Ð", "Đ").replace("ð", "đ")
            if ch != "\n" and ch.isspace():
                piece = " "
                if chars and chars[-1] == " ":
                    ends[-1] = j
                    i = j
                    continue
            for c in piece:
                chars.append(c)
                starts.append(i)
                ends.append(j)
            i = j
        self.text = text
        self.norm = canonical_tones("".join(chars))
        self.lower = self.norm.lower() if len(self.norm.lower()) == len(self.norm) else self.norm
        self.starts = starts
        self.ends = ends

    def _to_orig(self, s: int, e: int) -> tuple[int, int]:
        return self.starts[s], self.ends[e - 1]

    def find_all(self, surface: str) -> tuple[list[tuple[int, int]], str]:
        """Find whole-word occurrences of ``surface``.

        Returns:
            ``(spans, how)`` with original-text spans and ``"exact"``, ``"normalised"``
            or ``"case"`` (case-insensitive); ``([], "")`` when absent.
        """
        exact = _find_words(self.text, surface)
        if exact:
            return exact, "exact"
        needle = _normalise_piece(surface).strip()
        if not needle:
            return [], ""
        for hay, key, how in ((self.norm, needle, "normalised"), (self.lower, needle.lower(), "case")):
            if len(key) != len(needle):
                continue
            found = [self._to_orig(s, e) for s, e in _find_spans(hay, key)]
            if found:
                return found, how
        return [], ""


def _char_class(ch: str) -> str:
    """``"a"`` for letters (and combining marks), ``"d"`` for digits, ``""`` otherwise."""
    if ch.isalpha() or unicodedata.combining(ch):
        return "a"
    return "d" if ch.isdigit() else ""


def _cuts(a: str, b: str) -> bool:
    """Tell whether a boundary between ``a`` and ``b`` would cut a word or a number.

    Letter-digit transitions are boundaries, so «16.000» + «m» and «10.000.000» + «đ»
    can be annotated as separate spans.
    """
    cls = _char_class(a)
    return cls != "" and cls == _char_class(b)


def _find_spans(hay: str, needle: str) -> list[tuple[int, int]]:
    """All occurrences of ``needle`` in ``hay`` that do not cut a word or number."""
    spans = []
    start = hay.find(needle)
    while start != -1:
        end = start + len(needle)
        left_ok = start == 0 or not _cuts(hay[start - 1], needle[0])
        right_ok = end == len(hay) or not _cuts(needle[-1], hay[end])
        if left_ok and right_ok:
            spans.append((start, end))
        start = hay.find(needle, start + 1)
    return spans


def _find_words(text: str, surface: str) -> list[tuple[int, int]]:
    return _find_spans(text, surface) if surface else []


def parse_entity(item: Any) -> MentionSpec:
    """Parse one entity item: ``[id, label, surface]``, ``[id, label, surface, {hints}]`` or a dict.

    Raises:
        ValueError: With a message for the annotator.
    """
    hints: Mapping[str, Any] = {}
    if isinstance(item, Mapping):
        try:
            eid, label, surface = item["id"], item["label"], item["text"]
        except KeyError as exc:
            raise ValueError(f"entity object lacks {exc.args[0]!r} (need id, label, text)") from None
        hints = {k: v for k, v in item.items() if k not in ("id", "label", "text")}
    elif isinstance(item, (list, tuple)) and len(item) in (3, 4):
        eid, label, surface = item[:3]
        if len(item) == 4:
            if not isinstance(item[3], Mapping):
                raise ValueError(f'4th element must be a hint object like {{"nth": 2}}, got {item[3]!r}')
            hints = item[3]
    else:
        raise ValueError(f"entity must be [id, label, text] or [id, label, text, {{hints}}], got {item!r}")
    if not isinstance(eid, str) or not eid:
        raise ValueError(f"entity id must be a non-empty string, got {eid!r}")
    if not isinstance(label, str) or not isinstance(surface, str) or not surface:
        raise ValueError("label and text must be non-empty strings")
    if surface != surface.strip():
        raise ValueError(f"text {surface!r} has leading/trailing whitespace; remove it")
    unknown = set(hints) - _HINT_KEYS
    if unknown:
        raise ValueError(f"unknown hint(s) {sorted(unknown)}; use nth, left, line, back")
    for key in ("nth", "line"):
        if key in hints and (type(hints[key]) is not int or hints[key] < 1):
            raise ValueError(f"hint {key!r} must be a positive integer")
    if "left" in hints and (not isinstance(hints["left"], str) or not hints["left"].strip()):
        raise ValueError("hint 'left' must be a non-empty string")
    return MentionSpec(
        eid, label, surface, hints.get("nth"), hints.get("left"), hints.get("line"), bool(hints.get("back", False))
    )


def _item_id(item: Any, index: int) -> str:
    """The id an annotator gave an entity item, or ``entities[index]``."""
    if isinstance(item, (list, tuple)) and item and isinstance(item[0], str) and item[0]:
        return item[0]
    if isinstance(item, Mapping) and isinstance(item.get("id"), str) and item["id"]:
        return item["id"]
    return f"entities[{index}]"


def parse_relation(item: Any) -> tuple[str, str, str]:
    """Parse ``[head, tail, label]`` or ``{"head", "tail", "label"}``.

    Raises:
        ValueError: With a message for the annotator.
    """
    if isinstance(item, Mapping):
        try:
            item = [item["head"], item["tail"], item["label"]]
        except KeyError as exc:
            raise ValueError(f"relation object lacks {exc.args[0]!r}") from None
    if not isinstance(item, (list, tuple)) or len(item) != 3 or not all(isinstance(x, str) for x in item):
        raise ValueError(f"relation must be [head_id, tail_id, label], got {item!r}")
    return item[0], item[1], item[2]


@dataclass
class _State:
    """Mutable state of one document's resolution."""

    doc_id: str
    text: str
    matcher: _Matcher
    line_starts: list[int]
    cursor: int = 0
    prev_id: str | None = None
    spans: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, offset: int) -> int:
        """1-based line number of an offset."""
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    def context(self, start: int, end: int, width: int = 30) -> str:
        left = self.text[max(0, start - width) : start].split("\n")[-1]
        right = self.text[end : end + width].split("\n")[0]
        return f"line {self.line_of(start)}: …{left}«{self.text[start:end]}»{right}…"

    def error(self, eid: str | None, message: str) -> None:
        self.problems.append(Problem(self.doc_id, eid, message))

    def warn(self, eid: str | None, message: str) -> None:
        self.problems.append(Problem(self.doc_id, eid, message, "warning"))

    def overlaps_resolved(self, s: int, e: int) -> bool:
        return any(s < oe and os < e for os, oe, _ in self.spans.values())


def _left_ok(state: _State, start: int, left: str) -> bool:
    """Tell whether the text before ``start`` ends with ``left`` (whitespace-tolerant)."""
    before = _normalise_piece(state.text[max(0, start - len(left) - 40) : start]).rstrip()
    key = _normalise_piece(left).strip()
    return before.endswith(key) or before.lower().endswith(key.lower())


def _resolve_one(state: _State, spec: MentionSpec) -> None:
    """Find the span of one mention and record it (or a problem)."""
    occurrences, how = state.matcher.find_all(spec.surface)
    if not occurrences:
        state.error(
            spec.id,
            f"{spec.label} {spec.surface!r} not found anywhere in the document; copy it exactly from show_doc output",
        )
        return
    candidates = occurrences
    if spec.left is not None:
        candidates = [o for o in candidates if _left_ok(state, o[0], spec.left)]
        if not candidates:
            state.error(spec.id, f"{spec.surface!r} never follows left context {spec.left!r}")
            return
    if spec.line is not None:
        candidates = [o for o in candidates if state.line_of(o[0]) == spec.line and not state.overlaps_resolved(*o)]
        if state.line_of(state.cursor) == spec.line:
            candidates = [o for o in candidates if o[0] >= state.cursor] or candidates
        where = f"on line {spec.line}"
    elif spec.back:
        candidates = [o for o in candidates if not state.overlaps_resolved(*o)]
        where = "in the document (back)"
    else:
        before = [o for o in candidates if o[0] < state.cursor]
        candidates = [o for o in candidates if o[0] >= state.cursor]
        where = f"after {state.prev_id}" if state.prev_id else "in the document"
        if not candidates:
            clash = [eid for eid, (s, e, _) in state.spans.items() if s < before[-1][1] and before[-1][0] < e]
            if clash:
                state.error(
                    spec.id,
                    f"{spec.label} {spec.surface!r} overlaps {', '.join(clash)} "
                    f"({state.context(*before[-1])}); annotation is flat: keep one span",
                )
                return
            shown = "; ".join(state.context(*o) for o in before[-2:])
            state.error(
                spec.id,
                f"{spec.label} {spec.surface!r} not found {where}, only before it ({shown}). "
                'Fix the order, or add {"back": true} / {"line": N} if listed out of order',
            )
            return
    nth = spec.nth or 1
    if len(candidates) < nth:
        taken = [eid for eid, (s, e, _) in state.spans.items() if any(s < oe and os < e for os, oe in occurrences)]
        note = f" (occurrences already taken by {', '.join(taken)})" if taken else ""
        state.error(spec.id, f"{spec.surface!r}: wanted occurrence {nth} {where} but found {len(candidates)}{note}")
        return
    start, end = candidates[nth - 1]
    if how != "exact":
        state.warn(
            spec.id,
            f"matched {state.text[start:end]!r} for {spec.surface!r} ({how}: spelling differs; "
            "the text as written is kept)",
        )
    state.spans[spec.id] = (start, end, spec.label)
    if start >= state.cursor:  # a mention found backwards (hint) leaves the cursor where it was
        state.cursor = end
    state.prev_id = spec.id


def _check_entities(state: _State) -> None:
    """Check edges and overlaps of the resolved spans."""
    for eid, (start, end, label) in state.spans.items():
        span = state.text[start:end]
        first, last = span[0], span[-1]
        bad_first = first.isspace() or first in EDGE_FORBIDDEN
        bad_last = last.isspace() or (last in EDGE_FORBIDDEN and not (last == ")" and "(" in span))
        if bad_first or bad_last:
            state.error(eid, f"{label} {span!r} starts or ends with whitespace/punctuation; drop it from the span")
    ordered = sorted(state.spans.items(), key=lambda kv: (kv[1][0], kv[1][1]))
    for (a_id, (a_s, a_e, _)), (b_id, (b_s, b_e, _)) in pairwise(ordered):
        if b_s < a_e:
            state.error(b_id, f"overlaps {a_id} ({state.context(a_s, max(a_e, b_e))}); annotation is flat")


def _check_relations(state: _State, relations: Sequence[Any], sentence_of: Any) -> list[tuple[str, str, str]]:
    """Validate relations; return the valid ones."""
    valid: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    for item in relations:
        try:
            head, tail, label = parse_relation(item)
        except ValueError as exc:
            state.error(None, str(exc))
            continue
        rid = f"{head}->{tail}"
        if label not in RELATION_TYPES:
            state.error(rid, f"unknown relation label {label!r}; use one of {', '.join(RELATION_TYPES)}")
            continue
        missing = [x for x in (head, tail) if x not in state.spans]
        if missing:
            state.error(rid, f"{label}: unknown or unresolved entity id(s) {', '.join(missing)}")
            continue
        want = RELATION_TYPES[label]
        got = (state.spans[head][2], state.spans[tail][2])
        if got != want:
            state.error(
                rid,
                f"{label} must link {want[0]} -> {want[1]}, got {got[0]} -> {got[1]}"
                f"{' (reversed?)' if got == want[::-1] else ''}",
            )
            continue
        if (head, tail, label) in seen:
            state.warn(rid, f"duplicate {label} relation ignored")
            continue
        seen.add((head, tail, label))
        h, t = state.spans[head], state.spans[tail]
        if state.line_of(h[0]) != state.line_of(t[0]):
            state.error(
                rid,
                f"{label} crosses a paragraph (lines {state.line_of(h[0])} and {state.line_of(t[0])}); "
                "relations hold within one sentence",
            )
            continue
        if sentence_of is not None and sentence_of(h[0]) != sentence_of(t[0]):
            state.warn(rid, f"{label} seems to cross a sentence boundary; check it")
        valid.append((head, tail, label))
    return valid


def resolve_document(
    doc_id: str,
    text: str,
    entities: Sequence[Any],
    relations: Sequence[Any] = (),
    sentences: Sequence[tuple[int, int]] | None = None,
) -> tuple[Extraction | None, list[Problem]]:
    """Resolve one document's mention list to an :class:`Extraction`.

    Args:
        doc_id: The document id.
        text: The reader-facing text.
        entities: Entity items in text order (see :func:`parse_entity`).
        relations: Relation items (see :func:`parse_relation`).
        sentences: Optional sentence spans; relations across them give a warning.

    Returns:
        ``(doc, problems)``; ``doc`` is ``None`` when any problem is an error.
    """
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    state = _State(doc_id, text, _Matcher(text), line_starts)
    specs: list[MentionSpec] = []
    for i, item in enumerate(entities):
        try:
            spec = parse_entity(item)
        except ValueError as exc:
            state.error(_item_id(item, i), str(exc))
            continue
        if spec.label not in ENTITY_LABELS:
            state.error(spec.id, f"unknown entity label {spec.label!r}; use one of {', '.join(ENTITY_LABELS)}")
        elif any(s.id == spec.id for s in specs):
            state.error(spec.id, "duplicate entity id")
        elif spec.line is not None and spec.line > len(line_starts):
            state.error(spec.id, f"line {spec.line} does not exist (the document has {len(line_starts)} lines)")
        else:
            specs.append(spec)
            continue
    for spec in specs:
        _resolve_one(state, spec)
    _check_entities(state)
    sentence_of = None
    if sentences:
        starts = [s for s, _ in sentences]

        def sentence_of(offset: int) -> int:
            return sum(1 for s in starts if s <= offset)

    valid = _check_relations(state, relations, sentence_of)
    if any(p.severity == "error" for p in state.problems):
        return None, state.problems
    ents = {eid: Entity(s, e, label, text[s:e], id=eid) for eid, (s, e, label) in state.spans.items()}
    ordered = tuple(sorted(ents.values(), key=lambda x: (x.start, x.end)))
    rels = tuple(Relation(ents[h], ents[t], label) for h, t, label in valid)
    return Extraction(text=text, entities=ordered, relations=rels, id=doc_id), state.problems


def to_mentions(doc: Extraction) -> dict[str, Any]:
    """Turn a document back into a mention list that resolves to the same spans.

    Entities are listed in text order; an ``{"nth": k}`` hint is added where the
    plain forward search would stop at an earlier, unannotated occurrence. Useful
    to edit or adjudicate stand-off annotations by hand.

    Args:
        doc: A document whose entities have ids (e.g. from ``read_standoff``).

    Returns:
        ``{"id", "entities", "relations"}`` in the mention-list format.
    """
    ids = doc.entity_ids()
    entities: list[list[Any]] = []
    cursor = 0
    for ent in sorted(doc.entities, key=lambda e: (e.start, e.end)):
        item: list[Any] = [ids[ent], ent.label, ent.text]
        starts = [s for s, _ in _find_words(doc.text, ent.text) if s >= cursor]
        if ent.start not in starts:
            raise ValueError(f"{doc.id} {ids[ent]}: span {ent.text!r} cuts a word; it cannot be written as a mention")
        nth = starts.index(ent.start) + 1
        if nth > 1:
            item.append({"nth": nth})
        entities.append(item)
        cursor = max(cursor, ent.end)
    relations = [[ids[r.head], ids[r.tail], r.label] for r in doc.relations]
    return {"id": doc.id, "entities": entities, "relations": relations}
