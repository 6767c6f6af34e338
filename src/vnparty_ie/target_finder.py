"""The TARGET of each METRIC, found by a token classifier that is told which METRIC it is asked about.

The rules find a METRIC's TARGET from the phrasings they know («kết nạp» 28 ĐV,
«tổng thu ngân sách» đạt …); real articles have many more («thông qua chủ trương
đầu tư» 3 dự án). A *target finder* is a token classifier (tags ``O``,
``B-TARGET``, ``I-TARGET``) trained on the gold's metric→target links: its input
is the METRIC's sentence with the METRIC between two markers
(:func:`mark_metric`), its output the span that the METRIC measures, or none.

A model directory holds it in a sub-directory named by ``pipeline.json``::

    {"targets": {"model": "targets", "min_score": 0.5}}

:class:`TargetFinder` then runs after the relation step: a METRIC for which
the finder returns a span scored ``min_score`` or more is linked to it (a new
TARGET entity unless one is there already), in place of the rules' link; for
the others the rules' link stands. Train one with
``python training/build_target_data.py`` and ``vnparty-ie train
training/configs/target_finder.yaml`` (see ``training/ship_target_finder.py``).

The shipped default names none: the finder trained here
(``models/vnparty-ie-target-finder``, its card has the measurements) gained
little over the rules on articles it was not selected on and costs a third
of the throughput. To try it::

    extractor = vnparty_ie.load()
    extractor.targets = TargetFinder.from_pretrained("models/vnparty-ie-target-finder", min_score=0.95)

Example:
    >>> m = mark_metric("Năm 2023, quận kết nạp 28 đảng viên.", 23, 25)
    >>> m.text
    'Năm 2023, quận kết nạp @ 28 @ đảng viên.'
    >>> m.to_source(15, 22), m.to_source(26, 30)
    ((15, 22), None)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .text.sentences import split_sentences
from .types import Entity, Relation

if TYPE_CHECKING:  # pragma: no cover
    from .extractor import EntityModel

__all__ = ["FALLBACKS", "MARKER", "MarkedMetric", "TargetFinder", "mark_metric", "mark_metrics", "training_examples"]

#: The character put on both sides of the METRIC (a token of its own in our tokenizers, rare in news text).
MARKER = "@"
_OPEN, _CLOSE = MARKER + " ", " " + MARKER
#: What a METRIC gets when the finder is unsure: the rules' link, or no TARGET.
FALLBACKS = ("rules", "none")


@dataclass(frozen=True)
class MarkedMetric:
    """A METRIC's sentence with the METRIC between markers, and the way back to the source text.

    Attributes:
        text: The sentence as the finder reads it.
        offset: Where the sentence starts in the source text.
        metric_start: The METRIC's start in the source text.
        metric_end: The METRIC's end in the source text.
    """

    text: str
    offset: int
    metric_start: int
    metric_end: int

    def to_source(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a span of :attr:`text` back to the source text.

        Returns:
            ``(start, end)`` in the source text, or ``None`` when the span
            touches the METRIC or a marker (a METRIC is not its own TARGET).
        """
        before = self.metric_start - self.offset  # characters of the sentence before the METRIC
        after = before + len(_OPEN) + (self.metric_end - self.metric_start) + len(_CLOSE)
        if end <= before:
            return self.offset + start, self.offset + end
        if start >= after:
            shift = len(_OPEN) + len(_CLOSE)
            return self.offset + start - shift, self.offset + end - shift
        return None

    def from_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the source text that lies before or after the METRIC into :attr:`text`.

        >>> m = mark_metric("Quận kết nạp 28 đảng viên.", 13, 15)
        >>> a, b = m.from_source(5, 12); m.text[a:b], m.to_source(a, b)
        ('kết nạp', (5, 12))
        """
        shift = 0 if end <= self.metric_start else len(_OPEN) + len(_CLOSE)
        return start - self.offset + shift, end - self.offset + shift


def mark_metric(text: str, start: int, end: int, sentence: tuple[int, int] | None = None) -> MarkedMetric:
    """Put :data:`MARKER` on both sides of the METRIC ``text[start:end]`` in its sentence.

    Args:
        text: The source text.
        start: The METRIC's start.
        end: The METRIC's end.
        sentence: The span of its sentence (default: the sentence of
            :func:`~vnparty_ie.text.sentences.split_sentences` holding it, or the whole text).

    Example:
        >>> mark_metric("đạt 98,5%", 4, 8, sentence=(0, 9)).text
        'đạt @ 98,5 @%'
    """
    if sentence is None:
        sentence = _sentence_of(split_sentences(text), start, len(text))
    a, b = min(sentence[0], start), max(sentence[1], end)
    marked = text[a:start] + _OPEN + text[start:end] + _CLOSE + text[end:b]
    return MarkedMetric(marked, a, start, end)


def mark_metrics(text: str, spans: Sequence[tuple[int, int]]) -> list[MarkedMetric]:
    """:func:`mark_metric` for several METRICs of one text, its sentences split once.

    >>> [m.text for m in mark_metrics("Có 3 xã. Đạt 5%.", [(3, 4), (13, 14)])]
    ['Có @ 3 @ xã.', 'Đạt @ 5 @%.']
    """
    sentences = split_sentences(text) if spans else []
    return [mark_metric(text, a, b, _sentence_of(sentences, a, len(text))) for a, b in spans]


def _sentence_of(sentences: Sequence[tuple[int, int]], start: int, length: int) -> tuple[int, int]:
    """The sentence holding offset ``start``, or the whole text ``(0, length)`` when none does."""
    return next(((a, b) for a, b in sentences if a <= start < b), (0, length))


def training_examples(doc: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """One finder example per METRIC of a gold document (span JSONL records).

    The example's text is the METRIC's sentence, marked (widened to hold the
    TARGET when the sentence splitter cut between them); its one entity is the
    METRIC's TARGET, or there is none when the gold links none.

    Example:
        >>> doc = {"id": "d", "text": "Quận kết nạp 28 đảng viên.", "entities": [
        ...     {"id": "T1", "start": 5, "end": 12, "label": "TARGET"},
        ...     {"id": "T2", "start": 13, "end": 15, "label": "METRIC"}],
        ...     "relations": [{"head": "T2", "tail": "T1", "label": "target"}]}
        >>> [(x["id"], x["text"], x["entities"]) for x in training_examples(doc)]
        [('d#T2', 'Quận kết nạp @ 28 @ đảng viên.', [{'start': 5, 'end': 12, 'label': 'TARGET'}])]
    """
    text = doc["text"]
    entities = {e["id"]: e for e in doc["entities"]}
    targets = {r["head"]: entities[r["tail"]] for r in doc.get("relations", ()) if r["label"] == "target"}
    sentences = split_sentences(text)
    for e in doc["entities"]:
        if e["label"] != "METRIC":
            continue
        a, b = _sentence_of(sentences, e["start"], len(text))
        target = targets.get(e["id"])
        if target is not None:
            a, b = min(a, target["start"]), max(b, target["end"])
        marked = mark_metric(text, e["start"], e["end"], sentence=(a, b))
        spans = []
        if target is not None:
            ts, te = marked.from_source(target["start"], target["end"])
            spans.append({"start": ts, "end": te, "label": "TARGET"})
        yield {"id": f"{doc.get('id', '')}#{e['id']}", "text": marked.text, "entities": spans}


class TargetFinder:
    """Link each METRIC to the TARGET a metric-conditioned token classifier finds for it.

    Args:
        tagger: The finder's token classifier (any entity model whose
            ``predict(texts)`` gives entities with scores).
        min_score: The lowest score at which the finder's span replaces the rules' link.
        fallback: What a METRIC gets when the finder gives no span scored
            ``min_score``: ``"rules"`` (the rules' link stands) or ``"none"`` (no TARGET).
    """

    def __init__(self, tagger: EntityModel, min_score: float = 0.5, fallback: str = "rules") -> None:
        if fallback not in FALLBACKS:
            raise ValueError(f"fallback must be one of {FALLBACKS}, got {fallback!r}")
        self.tagger = tagger
        self.min_score = float(min_score)
        self.fallback = fallback

    @classmethod
    def from_pretrained(
        cls, directory: str | Path, min_score: float = 0.5, fallback: str = "rules", backend: str = "auto",
        threads: int | None = 1,
    ) -> TargetFinder:
        """Load the finder saved in ``directory`` (a tagger directory with the labels ``TARGET``)."""
        from .errors import ModelFormatError
        from .tagger import EntityTagger

        tagger = EntityTagger.from_pretrained(directory, backend=backend, threads=threads)
        labels = set(tagger.schema.entity_labels)
        if labels != {"TARGET"}:
            raise ModelFormatError(f"{directory}: a target finder tags TARGET only, this one tags {sorted(labels)}")
        return cls(tagger, min_score=min_score, fallback=fallback)

    def find(self, text: str, metrics: Sequence[Entity]) -> list[Entity | None]:
        """The TARGET of each METRIC (offsets into ``text``), or ``None`` where the finder is unsure.

        A span that would overlap the METRIC itself is never returned.
        """
        if not metrics:
            return []
        marked = mark_metrics(text, [m.span for m in metrics])
        found: list[Entity | None] = []
        for mm, predicted in zip(marked, self.tagger.predict([m.text for m in marked])):
            best = self.best_span(mm, predicted)
            span = None if best is None else mm.to_source(best.start, best.end)  # never None for a best span
            if best is None or span is None:
                found.append(None)
                continue
            a, b = span
            found.append(Entity(a, b, "TARGET", text[a:b], score=best.score, source="classifier"))
        return found

    def best_span(self, marked: MarkedMetric, predicted: Sequence[Entity]) -> Entity | None:
        """Of the finder's spans in ``marked.text``, the best-scored one at ``min_score`` or more that
        does not touch the METRIC or a marker (in ``marked.text``'s offsets), or ``None``."""
        usable = [e for e in predicted if (e.score or 0.0) >= self.min_score and marked.to_source(e.start, e.end)]
        return max(usable, key=lambda e: e.score or 0.0, default=None)

    def apply(self, text: str, entities: Sequence[Entity], relations: Sequence[Relation]) -> tuple[list[Entity], list[Relation]]:
        """Relink the METRICs of one text to the finder's TARGETs.

        A finder span that overlaps an entity of another label is not used (the
        rules' link stands). One that overlaps a TARGET entity already there
        links to that entity. A TARGET entity left linked to no METRIC by the
        change is dropped.

        Returns:
            The entities (sorted) and relations.
        """
        metrics = [e for e in entities if e.label == "METRIC"]
        chosen: dict[Entity, Entity] = {}
        added: list[Entity] = []
        dropped: set[Entity] = set()
        for metric, span in zip(metrics, self.find(text, metrics)):
            if span is None and self.fallback == "none":
                dropped.add(metric)
                continue
            if span is None or any(e.overlaps(span) and e.label != "TARGET" for e in entities):
                continue
            there = next((e for e in [*entities, *added] if e.label == "TARGET" and e.overlaps(span)), None)
            if there is None:
                added.append(span)
                there = span
            chosen[metric] = there
        if not chosen and not dropped:
            return list(entities), list(relations)
        changed = dropped | chosen.keys()
        old_targets = {r.tail for r in relations if r.label == "target" and r.head in changed}
        kept = [r for r in relations if not (r.label == "target" and r.head in changed)]
        kept += [Relation(m, t, "target", score=t.score, source="classifier") for m, t in chosen.items()]
        linked = {r.tail for r in kept if r.label == "target"}
        out = [e for e in entities if e not in old_targets or e in linked] + added
        return sorted(out, key=lambda e: (e.start, e.end)), kept
