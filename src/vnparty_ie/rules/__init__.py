"""The rule-based models: named, data-driven, spec-tested rules.

This package is the shipped rule entity model and the relation linker:

* :mod:`.base`: :class:`Rule` (a stable dotted id, its label, its pattern and
  ``on_match`` callback) and the measured per-rule scores;
* :mod:`.words`: the word lists, read from ``data/rules/words/*.yaml``;
* :mod:`.entities`: entity rules by label family (``documents``, ``events``,
  ``dates``, ``positions``, ``organisations``, ``places``, ``metrics``,
  ``persons``, ``targets``) and :class:`RuleLabeler`, which runs them;
* :mod:`.relations`: relation rules by relation type and
  :class:`RuleRelationLinker`, which runs them;
* :mod:`.specs`: the spec tables (``data/rules/specs/*.yaml``): examples and
  counter-examples of every rule, run by the tests.

The pipeline that combines rules with the classifier lives outside this
package (:mod:`vnparty_ie.combine`, :mod:`vnparty_ie.extractor`).

Example:
    >>> doc = RuleLabeler().label("Bí thư Thành ủy Hà Nội")
    >>> [(e.label, e.rule, e.source) for e in doc.entities]
    [('POSITION', 'position.post', 'rules'), ('ORG', 'org.party_committee', 'rules')]
    >>> all(0.0 <= e.score <= 1.0 for e in doc.entities)
    True
"""

from .base import DEFAULT_SCORE, Rule, rule_score
from .entities.labeler import ENTITY_RULES, RuleLabeler
from .entities.spans import Candidate, view_of
from .relations import RELATION_RULES, RELATION_TYPES, RULE_SCORES, RelationLinker, RuleRelationLinker

__all__ = [
    "DEFAULT_SCORE",
    "ENTITY_RULES",
    "RELATION_RULES",
    "RELATION_TYPES",
    "RULE_SCORES",
    "Candidate",
    "RelationLinker",
    "Rule",
    "RuleLabeler",
    "RuleRelationLinker",
    "all_rule_ids",
    "rule_score",
    "view_of",
]


def all_rule_ids() -> list[str]:
    """Every rule id, entity rules first.

    Example:
        >>> "event.congress_numbered" in all_rule_ids() and "period.before" in all_rule_ids()
        True
    """
    return [*ENTITY_RULES, *(r.id for r in RELATION_RULES)]
