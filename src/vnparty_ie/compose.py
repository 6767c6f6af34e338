"""Choose, on a dev set, how a trained classifier and the rules are composed (``pipeline.json``).

The same procedure serves the shipped model (``training/ship_default_model.py``)
and every retrained one (``vnparty-ie train`` writes the result into
``model-best/pipeline.json`` when the labels are the schema's):

1. score every composition of :mod:`vnparty_ie.combine` on dev — the rules alone,
   the classifier alone, ``tagger_first`` and ``rules_first`` with several
   confidence thresholds for classifier entities;
2. take the best entity micro F1, then refine the threshold label by label
   (coordinate ascent; ``1.01`` means the classifier never gives that label) and
   keep the refinement only where it beats the single composition.

Predictions of each model are computed once and cached; candidates are scored
with strict entity micro F1 (the same figure as :class:`~vnparty_ie.evaluation.EvalReport`'s
``micro.f1``), so the sweep takes seconds.

Example:
    >>> from vnparty_ie.types import Extraction, make_entity
    >>> t = "Bí thư Quận ủy"
    >>> gold = [Extraction(t, (make_entity(t, 0, 6, "POSITION"), make_entity(t, 7, 14, "ORG")))]
    >>> class Fixed:
    ...     def __init__(self, ents): self.ents = ents
    ...     def predict(self, texts, batch_size=32): return [list(self.ents) for _ in texts]
    >>> tagger = Fixed([make_entity(t, 7, 14, "ORG", score=0.99)])
    >>> rules = Fixed([make_entity(t, 0, 6, "POSITION", score=0.9)])
    >>> choice = choose_composition(tagger, gold, rules=rules, log=None)
    >>> choice.pipeline()["entities"]["combine"], round(choice.dev_f1, 3)
    ('tagger_first', 1.0)
"""

from __future__ import annotations

import collections
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .combine import CombinedEntityModel
from .schema import ENTITY_LABELS
from .types import Entity, Extraction

__all__ = ["CachedModel", "CompositionChoice", "choose_composition", "data_notes", "entity_micro_f1", "write_composition"]

_logger = logging.getLogger(__name__)

MODES = ("tagger", "tagger_first", "rules_first")
THRESHOLDS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95)
OFF = 1.01  # a per-label threshold above 1: the classifier never gives that label
LABEL_THRESHOLDS = (*THRESHOLDS, OFF)
REFINE_PASSES = 2


class CachedModel:
    """Memoises an entity model's predictions per text (the sweep reuses them)."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.memo: dict[str, list[Entity]] = {}

    def predict(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Entity]]:
        """Predictions of the wrapped model, computed once per distinct text."""
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if todo:
            self.memo.update(zip(todo, self.model.predict(todo, batch_size=batch_size)))
        return [self.memo[t] for t in texts]


def entity_micro_f1(gold: Sequence[Extraction], predicted: Sequence[Sequence[Entity]]) -> tuple[float, float, float]:
    """Strict (start, end, label) micro precision, recall and F1 over documents."""
    tp = n_pred = n_gold = 0
    for doc, ents in zip(gold, predicted):
        g = {(e.start, e.end, e.label) for e in doc.entities}
        p = {(e.start, e.end, e.label) for e in ents}
        tp += len(g & p)
        n_pred += len(p)
        n_gold += len(g)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass
class CompositionChoice:
    """The chosen composition and the dev scores behind it."""

    combine: str
    min_tagger_score: float
    by_label: dict[str, float]
    dev_f1: float
    chosen_name: str
    candidates: dict[str, dict[str, float]] = field(default_factory=dict)
    refined_from: float | None = None

    def pipeline(self, relations: str = "rules") -> dict[str, Any]:
        """The ``pipeline.json`` content."""
        spec: dict[str, Any] = {"combine": self.combine, "min_tagger_score": self.min_tagger_score}
        if self.by_label:
            spec["min_tagger_score_by_label"] = dict(self.by_label)
        return {"entities": spec, "relations": relations}

    def describe(self) -> str:
        """One sentence for a model card."""
        if self.refined_from is None:
            return f"`{self.chosen_name}`, the single composition with the best dev F1 ({self.dev_f1:.3f})"
        pairs = ", ".join(f"{k} {'off' if v > 1 else v}" for k, v in self.by_label.items())
        return (
            f"`{self.combine}` with classifier threshold {self.min_tagger_score} and per-label thresholds ({pairs}; "
            f'"off": the classifier never gives that label), refined label by label on dev from '
            f"`{self.chosen_name}` (dev entity F1 {self.refined_from:.3f} -> {self.dev_f1:.3f})"
        )


def choose_composition(
    tagger: Any,
    dev: Sequence[Extraction],
    *,
    rules: Any = None,
    labels: Sequence[str] = ENTITY_LABELS,
    batch_size: int = 32,
    log: Callable[[str], None] | None = print,
) -> CompositionChoice:
    """Pick the composition of ``tagger`` and the rules with the best strict entity micro F1 on ``dev``.

    Args:
        tagger: The classifier (anything with ``predict(texts, batch_size)``).
        dev: Gold documents.
        rules: The rule model (default :class:`~vnparty_ie.combine.RuleEntityModel`).
        labels: Labels refined one by one.
        batch_size: Texts per model call.
        log: Where progress lines go (``None``: silent).
    """
    from .combine import RuleEntityModel

    say = log or (lambda _msg: None)
    tagger = CachedModel(tagger)
    rules = CachedModel(rules if rules is not None else RuleEntityModel())
    texts = [d.text for d in dev]

    def score(mode: str, threshold: float, by_label: dict[str, float] | None = None) -> tuple[float, float, float]:
        model = CombinedEntityModel(tagger, mode, rules=rules, min_tagger_score=threshold,
                                    min_tagger_score_by_label=by_label)  # fmt: skip
        return entity_micro_f1(dev, model.predict(texts, batch_size=batch_size))

    candidates: dict[str, tuple[str, float]] = {"rules": ("rules", 0.0)}
    for mode in MODES:
        for threshold in THRESHOLDS:
            candidates[f"{mode}@{threshold}" if threshold else mode] = (mode, threshold)
    table: dict[str, dict[str, float]] = {}
    for name, (mode, threshold) in candidates.items():
        p, r, f = score(mode, threshold)
        table[name] = {"precision": p, "recall": r, "f1": f}
        say(f"dev {name:<22} entity P {p:.4f} R {r:.4f} F1 {f:.4f}")
    chosen_name = max(table, key=lambda n: table[n]["f1"])
    mode, threshold = candidates[chosen_name]
    by_label: dict[str, float] = {}
    if mode == "rules":  # start from the same predictions with the classifier switched off per label
        mode, threshold, by_label = "rules_first", 0.0, dict.fromkeys(labels, OFF)
    best = base = table[chosen_name]["f1"]
    for _ in range(REFINE_PASSES):
        for label in labels:
            for t in LABEL_THRESHOLDS:
                trial = {**by_label, label: t}
                f = score(mode, threshold, trial)[2]
                if f > best + 1e-9:
                    best, by_label = f, trial
    if best <= base + 1e-9:
        mode, threshold = candidates[chosen_name]
        return CompositionChoice(mode, threshold, {}, base, chosen_name, table)
    by_label = {k: v for k, v in sorted(by_label.items()) if v != threshold}
    say(f"{mode}@{threshold} with per-label thresholds {by_label}: dev entity F1 {best:.4f}")
    return CompositionChoice(mode, threshold, by_label, best, chosen_name, table, refined_from=base)


def data_notes(docs: Sequence[Extraction], schema: Any) -> dict[str, Any]:
    """What the trainer could not use: relation annotations (no learned relation step) and labels the rules lack."""

    notes: dict[str, Any] = {}
    relations = collections.Counter(r.label for d in docs for r in d.relations)
    if relations:
        notes["unused_relations"] = dict(sorted(relations.items()))
        _logger.warning(
            "the training data has %d relation annotations (%s); they are not used: relations come from the "
            "rule linker (vnparty_ie.rules.relations), there is no learned relation step",
            sum(relations.values()),
            ", ".join(f"{k}: {v}" for k, v in sorted(relations.items())),
        )
    unknown = sorted(set(schema.entity_labels) - set(ENTITY_LABELS))
    if unknown:
        notes["labels_without_rules"] = unknown
        _logger.warning("labels %s are not the schema's: the rules know none of them, the classifier alone gives them",
                       unknown)  # fmt: skip
    return notes


def write_composition(best_dir: Path, schema: Any, dev_docs: Sequence[Extraction], batch_size: int) -> dict[str, Any]:
    """Choose on dev how the new classifier and the rules compose, as the shipped model's was; write pipeline.json.

    With labels the rules do not know, the rules cannot help: the classifier alone is written.
    """
    from .combine import PIPELINE_FILE
    from .tagger import EntityTagger

    if not set(schema.entity_labels) <= set(ENTITY_LABELS):
        pipeline = {"entities": {"combine": "tagger"}, "relations": "none"}
        result: dict[str, Any] = {"pipeline": pipeline, "reason": "labels outside the schema: classifier alone"}
    else:
        choice = choose_composition(EntityTagger.from_pretrained(best_dir), dev_docs, batch_size=batch_size,
                                    labels=schema.entity_labels, log=_logger.info)  # fmt: skip
        pipeline = choice.pipeline()
        result = {"pipeline": pipeline, "dev_f1": choice.dev_f1, "chosen": choice.describe(),
                  "candidates": choice.candidates}  # fmt: skip
    (best_dir / PIPELINE_FILE).write_text(json.dumps(pipeline, indent=2) + "\n", encoding="utf-8")
    return result
