"""Relation linking: the linker interface and the rule linker.

The rules live in :mod:`vnparty_ie.rules.relations` (one module per group of
relation types); this module keeps the public names where users import them.

Example:
    >>> from vnparty_ie.types import make_entity
    >>> text = "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai phát biểu."
    >>> ents = [make_entity(text, 0, 6, "POSITION"), make_entity(text, 7, 25, "ORG"),
    ...         make_entity(text, 26, 39, "PERSON")]
    >>> [(r.head.text, r.label, r.tail.text, r.rule) for r in RuleRelationLinker().link(text, ents)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Bùi Huyền Mai', 'position', 'Bí thư', 'position.before'),
     ('Bí thư', 'organization', 'Quận ủy Thanh Xuân', 'organization.adjacent')]
"""

from __future__ import annotations

from .rules.relations import RELATION_TYPES, RULE_SCORES, RelationLinker, RuleRelationLinker

__all__ = ["RELATION_TYPES", "RULE_SCORES", "RelationLinker", "RuleRelationLinker"]
