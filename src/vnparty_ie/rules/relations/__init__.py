"""Relation rules by relation type, and the rule linker that runs them.

* :mod:`.base`: sentences, gaps, cue words, the list of relation rule ids;
* :mod:`.people`: ``position`` and ``organization``;
* :mod:`.figures`: ``unit``, ``target`` and ``period``;
* :mod:`.linker`: :class:`RuleRelationLinker`, which runs the types of its registry.
"""

from .base import RELATION_RULES, RelationLinker
from .linker import RELATION_TYPES, RULE_SCORES, RuleRelationLinker

__all__ = ["RELATION_RULES", "RELATION_TYPES", "RULE_SCORES", "RelationLinker", "RuleRelationLinker"]
