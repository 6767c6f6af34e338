"""Combine entity models: the token classifier and the rule-based labeler.

A model directory may hold a ``pipeline.json`` saying how :func:`vnparty_ie.load`
assembles the extractor, e.g.::

    {"entities": {"combine": "rules_first", "min_tagger_score": 0.9}, "relations": "rules",
     "disabled_rules": ["metric.number_word"]}

* ``"tagger"`` (the default without the file): the token classifier alone;
* ``"tagger_first"``: every tagger entity, plus rule entities that overlap none
  (a tagger METRIC or UNIT strictly inside a rule span of its label takes the
  rule's span: :func:`widen_by_rules`);
* ``"rules_first"``: every rule entity, plus tagger entities that overlap none;
* ``"rules"``: the rule-based labeler alone (the tagger is not loaded).

``min_tagger_score`` drops tagger entities whose confidence is below it;
``min_tagger_score_by_label`` overrides it for some labels (a value above 1
means the tagger never contributes that label), e.g.
``{"min_tagger_score": 0.95, "min_tagger_score_by_label": {"TARGET": 0.5}}``.

Classifier entities get the guidelines' reading where the classifier's habit
contradicts it (:func:`vnparty_ie.rules.entities.repairs.repair`): a
comparison's "hơn" or a verb's "tới" is not part of a METRIC ("cao hơn 15%" ->
«15»), a directional particle not part of a TARGET ("tăng trưởng lên tới …").
In the composed modes a classifier UNIT that touches no METRIC is dropped
(:func:`drop_orphan_units`).

``"relations"`` is ``"rules"`` (the rule linker, the default) or ``"none"`` (no
relations); ``"disabled_rules"`` lists rule ids switched off in the labeler and
the linker (see :mod:`vnparty_ie.rules`); ``"targets"``
(``{"model": "targets", "min_score": 0.9}``) names a sub-directory holding a
target finder that relinks each METRIC to its TARGET after the relation step
(:mod:`vnparty_ie.target_finder`).

Which one ships is chosen by dev-set F1 (see ``training/ship_default_model.py``)
and recorded in the model card.

Example:
    >>> from vnparty_ie.types import make_entity
    >>> text = "Bí thư Quận ủy"
    >>> a = [make_entity(text, 0, 6, "POSITION")]
    >>> b = [make_entity(text, 3, 14, "ORG"), make_entity(text, 7, 14, "ORG")]
    >>> [e.text for e in merge_entities(a, b)]
    ['Bí thư', 'Quận ủy']
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .types import Entity

__all__ = [
    "COMBINE_MODES", "RELATION_MODES", "CombinedEntityModel", "RuleEntityModel", "drop_orphan_units", "merge_entities",
    "read_pipeline",
]

COMBINE_MODES = ("tagger", "tagger_first", "rules_first", "rules")
#: Values of ``pipeline.json``'s ``"relations"``.
RELATION_MODES = ("rules", "none")
PIPELINE_FILE = "pipeline.json"


def merge_entities(primary: Sequence[Entity], secondary: Sequence[Entity]) -> list[Entity]:
    """All of ``primary``, plus each ``secondary`` entity overlapping nothing kept so far."""
    kept = sorted(primary, key=lambda e: (e.start, e.end))
    for ent in sorted(secondary, key=lambda e: (e.start, e.end)):
        if not any(ent.start < k.end and k.start < ent.end for k in kept):
            kept.append(ent)
    return sorted(kept, key=lambda e: (e.start, e.end))


#: Labels whose classifier span gives way to a rule span of the same label that strictly contains it.
#: ORG, LOC, EVENT and RESOLUTION were added in session 8, chosen label by label on dev (dev 0.9413 -> 0.9428,
#: train 0.9646 -> 0.9658); DATE and POSITION lowered dev and are left out.
WIDENED_BY_RULES = ("METRIC", "UNIT", "TARGET", "ORG", "LOC", "EVENT", "RESOLUTION")


def widen_by_rules(tagged: Sequence[Entity], ruled: Sequence[Entity]) -> list[Entity]:
    """Classifier entities of :data:`WIDENED_BY_RULES` replaced by a rule span of the same label that strictly contains them.

    A classifier METRIC that is a piece of a number expression («5» of "8-8,5%"),
    a UNIT cut short before its noun modifiers or coordination («nhóm» of "9
    nhóm ngành dịch vụ", «tập thể» of "30 tập thể, cá nhân") or a TARGET cut
    short («tăng trưởng kinh tế» of "tốc độ tăng trưởng kinh tế") takes the rules'
    longer reading; a replacement that would overlap another classifier entity is not made.
    (TARGET on the train split: 0.751 -> 0.761 strict, target links 0.695 -> 0.711; dev unchanged.)

    Example:
        >>> from vnparty_ie.types import make_entity
        >>> t = "đạt 8-8,5%"
        >>> [e.text for e in widen_by_rules([make_entity(t, 8, 9, "METRIC")], [make_entity(t, 4, 9, "METRIC")])]
        ['8-8,5']
    """
    wide = {}
    for ent in tagged:
        if ent.label not in WIDENED_BY_RULES:
            continue
        cover = [r for r in ruled if r.label == ent.label and r.start <= ent.start and ent.end <= r.end
                 and (r.start, r.end) != (ent.start, ent.end)]  # fmt: skip
        if len(cover) == 1 and not any(o is not ent and o.start < cover[0].end and cover[0].start < o.end
                                       for o in tagged):  # fmt: skip
            wide[id(ent)] = cover[0]
    return [wide.get(id(e), e) for e in tagged]


class RuleEntityModel:
    """The rule-based :class:`~vnparty_ie.rules.RuleLabeler` behind the entity-model interface.

    Args:
        disabled: Ids of entity rules to switch off.
    """

    def __init__(self, disabled: Sequence[str] = ()) -> None:
        from .rules import RuleLabeler

        self.labeler = RuleLabeler(disabled=disabled)

    def predict(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Entity]]:
        """Entities of each text (``batch_size`` is accepted for interface compatibility)."""
        return [list(self.labeler.label(t).entities) for t in texts]


class CombinedEntityModel:
    """A tagger and the rules, merged by :func:`merge_entities` in the given priority.

    Args:
        tagger: Any object with ``predict(texts, batch_size)`` (unused, may be
            ``None``, in mode ``"rules"``).
        mode: One of :data:`COMBINE_MODES`.
        rules: The rule model (default: :class:`RuleEntityModel`).
        min_tagger_score: Tagger entities scored below this are dropped.
        min_tagger_score_by_label: Per-label overrides of ``min_tagger_score``.

    Every entity says what made it (``source``: ``"rules"`` with its ``rule`` id,
    or ``"classifier"``) and carries a score in [0, 1].
    """

    def __init__(self, tagger: Any, mode: str = "tagger_first", rules: Any = None, min_tagger_score: float = 0.0,
                 min_tagger_score_by_label: Mapping[str, float] | None = None) -> None:
        if mode not in COMBINE_MODES:
            raise ValueError(f"unknown combine mode {mode!r}; choose one of {COMBINE_MODES}")
        if mode != "rules" and tagger is None:
            raise ValueError(f"mode {mode!r} needs a tagger")
        self.tagger = tagger
        self.mode = mode
        self.min_tagger_score = float(min_tagger_score)
        self.min_tagger_score_by_label = {k: float(v) for k, v in (min_tagger_score_by_label or {}).items()}
        self.rules = rules if rules is not None or mode == "tagger" else RuleEntityModel()

    def _keeps(self, ent: Entity) -> bool:
        threshold = self.min_tagger_score_by_label.get(ent.label, self.min_tagger_score)
        if threshold <= 0:
            return True
        return ent.score is None or ent.score >= threshold

    def _tagged(self, texts: Sequence[str], batch_size: int) -> list[list[Entity]]:
        from .rules.entities.repairs import repair_all

        tagged = self.tagger.predict(texts, batch_size=batch_size)
        return [repair_all(text, [e for e in ents if self._keeps(e)]) for text, ents in zip(texts, tagged)]

    def predict(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Entity]]:
        """Entities of each text, offsets into the original strings."""
        if self.mode == "rules":
            return self.rules.predict(texts, batch_size=batch_size)
        tagged = self._tagged(texts, batch_size)
        if self.mode == "tagger":
            return tagged
        ruled = self.rules.predict(texts, batch_size=batch_size)
        if self.mode == "tagger_first":
            merged = [merge_entities(widen_by_rules(t, r), r) for t, r in zip(tagged, ruled)]
        else:
            merged = [merge_entities(r, t) for t, r in zip(tagged, ruled)]
        return [drop_orphan_units(text, ents) for text, ents in zip(texts, merged)]


#: Classifier UNITs scored below this are dropped when no METRIC touches them (see :func:`drop_orphan_units`).
ORPHAN_UNIT_MAX_SCORE = 0.7


def drop_orphan_units(text: str, entities: Sequence[Entity], max_score: float = ORPHAN_UNIT_MAX_SCORE) -> list[Entity]:
    """``entities`` without the unsure classifier UNITs that touch no METRIC.

    A UNIT is what a figure counts or measures: every UNIT of the gold is the
    unit of a METRIC, and all but two of its 743 (train and dev) sit right
    next to their METRIC, at most a space between ("1.250 «đảng viên»", "15«%»").
    A classifier UNIT scored below ``max_score`` with no METRIC right before or
    after it (only what the view reads as spaces between: "&nbsp;", zero-width
    characters) is a misreading ("năm 2023 toàn «tỉnh»", 0.52) and is dropped.
    A surer one stays: its METRIC was more likely missed (with the teacher's
    METRICs left to the rules, 6 of its 7 such UNITs on dev are gold UNITs:
    "khu 4,3 «ha»"); rule UNITs always come with their METRIC.

    Example:
        >>> from vnparty_ie.types import make_entity
        >>> t = "toàn tỉnh kết nạp 1.250 đảng viên"
        >>> ents = [make_entity(t, 5, 9, "UNIT", 0.52, source="classifier"), make_entity(t, 18, 23, "METRIC"),
        ...         make_entity(t, 24, 33, "UNIT", 0.6, source="classifier")]
        >>> [e.text for e in drop_orphan_units(t, ents)]
        ['1.250', 'đảng viên']
    """
    from .text.normalize import normalize_string

    metrics = [e for e in entities if e.label == "METRIC"]

    def blank(start: int, end: int) -> bool:  # only spaces in the view: "&nbsp;", zero-width characters too
        return end - start <= 12 and not normalize_string(text[start:end]).strip()

    def touches(u: Entity) -> bool:
        return any((m.end <= u.start and blank(m.end, u.start)) or (u.end <= m.start and blank(u.end, m.start)) for m in metrics)

    def unsure(u: Entity) -> bool:
        return u.source == "classifier" and u.score is not None and u.score < max_score

    return [e for e in entities if e.label != "UNIT" or not unsure(e) or touches(e)]


def read_pipeline(model_dir: str | Path) -> dict[str, Any]:
    """Read ``pipeline.json`` of a model directory (defaults when absent).

    Raises:
        ValueError: On an unknown combine mode or relations mode.
    """
    path = Path(model_dir) / PIPELINE_FILE
    data: dict[str, Any] = {"entities": {"combine": "tagger"}, "relations": "rules"}
    if path.is_file():
        data.update(json.loads(path.read_text(encoding="utf-8")))
    mode = data["entities"].get("combine", "tagger")
    if mode not in COMBINE_MODES:
        raise ValueError(f"{path}: unknown combine mode {mode!r}; choose one of {COMBINE_MODES}")
    if data.get("relations", "rules") not in RELATION_MODES:
        raise ValueError(f"{path}: unknown relations {data['relations']!r}; choose one of {RELATION_MODES}")
    return data
