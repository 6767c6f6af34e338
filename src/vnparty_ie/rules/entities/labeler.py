"""The rule labeler: every entity rule, run in tiers, resolved into flat entities.

:class:`RuleLabeler` labels the ten entity types of the annotation guidelines
(v1.1) with the named rules of this package. It favours precision: a shaky rule
is left out rather than allowed to teach a model systematic errors.

How it works:

1. The text is normalised (:func:`~vnparty_ie.rules.entities.spans.view_of`)
   and all rules run on that view; spans are mapped back to the original string.
2. Phase 1 runs the pattern rules by tier (RESOLUTION, EVENT, DATE, POSITION,
   ORG/LOC) plus the METRIC/UNIT and bare-place rules, and keeps a flat set: a
   higher tier wins, and within a tier the longer span wins; then the ORG joins
   (:data:`~vnparty_ie.rules.entities.organisations.MERGE_RULES`).
3. Phase 2 finds PERSON names in the uncovered text.
4. Phase 3 adds TARGETs around METRICs.

Every entity carries ``source="rules"``, the id of the rule that made it and
that rule's measured precision as its ``score``. Rules can be switched off by id.

Example:
    >>> doc = RuleLabeler().label("Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai cho biết "
    ...                           "tổng thu ngân sách năm 2023 đạt hơn 6.164 tỷ đồng.")
    >>> [(e.label, e.text) for e in doc.entities]  # doctest: +NORMALIZE_WHITESPACE
    [('POSITION', 'Bí thư'), ('ORG', 'Quận ủy Thanh Xuân'), ('PERSON', 'Bùi Huyền Mai'),
     ('TARGET', 'tổng thu ngân sách'), ('DATE', 'năm 2023'), ('METRIC', 'hơn 6.164'),
     ('UNIT', 'tỷ đồng')]
    >>> doc.entities[0].rule, doc.entities[0].source
    ('position.post', 'rules')
    >>> [e.text for e in RuleLabeler(disabled=["position.post"]).label("Bí thư Quận ủy").entities]
    ['Quận ủy']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ...types import Entity, Extraction
from ..base import Rule, check_ids, rule_score
from . import dates, documents, events, metrics, organisations, persons, places, positions, targets
from .grammar import rx
from .spans import Candidate, resolve, strip_span, view_of

__all__ = ["ENTITY_RULES", "PATTERN_RULES", "RuleLabeler"]

#: Pattern rules in the order they run (tier by tier; the order breaks ties).
PATTERN_RULES: tuple[Rule, ...] = (
    *documents.RULES,
    *events.RULES,
    *dates.RULES,
    *positions.RULES,
    *organisations.RULES,
    *places.RULES,
)
#: Every entity rule, by id.
ENTITY_RULES: dict[str, Rule] = check_ids(
    [
        *PATTERN_RULES,
        Rule("loc.bare_place", "LOC", tier=places.T_NAMED, doc="a known province or district alone: tại «Hà Nội»"),
        *metrics.RULES,
        *organisations.MERGE_RULES,
        *persons.RULES,
        *targets.RULES,
    ]
)


class RuleLabeler:
    """Label Vietnamese party-building articles with the schema's entities by rule.

    The labeler is stateless after construction and thread-safe; build it once
    and call :meth:`label` on many texts.

    Args:
        disabled: Ids of rules to switch off (see :data:`ENTITY_RULES`).

    Raises:
        ValueError: On an unknown rule id in ``disabled``.

    Example:
        >>> lab = RuleLabeler()
        >>> [(e.label, e.text) for e in lab.label("Chỉ thị 05-CT/TW của Bộ Chính trị").entities]
        [('RESOLUTION', 'Chỉ thị 05-CT/TW'), ('ORG', 'Bộ Chính trị')]
    """

    def __init__(self, disabled: Iterable[str] = ()) -> None:
        self.disabled = frozenset(disabled)
        unknown = self.disabled - ENTITY_RULES.keys()
        if unknown:
            raise ValueError(f"unknown entity rule ids: {sorted(unknown)}")
        self._compiled = [(r, rx(r.pattern)) for r in PATTERN_RULES if r.id not in self.disabled and r.pattern]
        self._targets = targets.TargetFinder()

    # ------------------------------------------------------------------ public
    def label(self, text: str, doc_id: str | None = None) -> Extraction:
        """Label one text.

        Args:
            text: The article as the reader sees it (any Unicode form).
            doc_id: Optional document id stored on the result.

        Returns:
            An :class:`~vnparty_ie.types.Extraction` with flat, sorted entities
            (offsets into ``text``), each with its rule, source and score, and no relations.

        Raises:
            TypeError: If ``text`` is not a ``str``.
        """
        if not isinstance(text, str):
            raise TypeError(f"{type(self).__name__}.label expects str, got {type(text).__name__}")
        if not text.strip():
            return Extraction(text=text, id=doc_id)
        view = view_of(text)
        entities = []
        for c in self.label_view(view.text):
            start, end = view.to_original(c.start, c.end)
            entities.append(
                Entity(start=start, end=end, label=c.label, text=text[start:end], score=rule_score(c.rule),
                       source="rules", rule=c.rule)
            )
        entities.sort(key=lambda e: (e.start, e.end))
        return Extraction(text=text, entities=tuple(entities), id=doc_id)

    def extract(self, text: str) -> Extraction:
        """Alias of :meth:`label`, so the labeler plugs into :func:`vnparty_ie.evaluation.evaluate`."""
        return self.label(text)

    def label_many(self, texts: Iterable[str]) -> Iterator[Extraction]:
        """Label many texts lazily (one :class:`Extraction` per text, in order).

        Raises:
            TypeError: If ``texts`` is a single string (it would be labelled character by character).
        """
        if isinstance(texts, str):
            raise TypeError("label_many() takes an iterable of texts, not a str; use label(text)")
        for text in texts:
            yield self.label(text)

    def label_view(self, v: str) -> list[Candidate]:
        """Label an already-normalised string; return candidates with view offsets."""
        off = self.disabled
        cands = [c for c in self._phase1(v) if c.rule not in off]
        chosen = organisations.merge_orgs(v, resolve(cands), off)
        chosen = organisations.org_bare_level(v, organisations.org_with_place(v, chosen, off), off)
        chosen = organisations.org_acronyms(v, chosen, off)
        chosen += resolve([c for c in persons.persons(v, chosen) if c.rule not in off], taken=chosen)
        chosen += resolve([c for c in self._targets.targets(v, chosen) if c.rule not in off], taken=chosen)
        return sorted(chosen, key=lambda c: (c.start, c.end))

    # ----------------------------------------------------------------- phase 1
    def _phase1(self, v: str) -> Iterator[Candidate]:
        for rule, pattern in self._compiled:
            for m in pattern.finditer(v):
                span = rule.on_match(v, m) if rule.on_match is not None else (m.start(), m.end())
                if span is None:
                    continue
                s, e = strip_span(v, *span)
                if e > s:
                    yield Candidate(s, e, rule.label, rule.tier, rule.id)
        yield from metrics.metrics(v)
        yield from places.bare_places(v)
