"""The annotation schema: entity labels, relation labels and their allowed types.

This module is the single source of truth for the labels defined in the
project's annotation guidelines (v1.1). Every other module imports from here.

Example:
    >>> from vnparty_ie.schema import RELATION_TYPES, is_allowed_relation
    >>> RELATION_TYPES["position"]
    ('PERSON', 'POSITION')
    >>> is_allowed_relation("unit", "METRIC", "UNIT")
    True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SCHEMA_NAME = "vnparty-ie"
SCHEMA_VERSION = "1.1"

#: The ten entity labels of the guidelines, in a fixed order.
ENTITY_LABELS: tuple[str, ...] = (
    "PERSON",
    "POSITION",
    "ORG",
    "LOC",
    "RESOLUTION",
    "EVENT",
    "DATE",
    "METRIC",
    "UNIT",
    "TARGET",
)

#: The five relation labels with their (head label, tail label).
RELATION_TYPES: Mapping[str, tuple[str, str]] = {
    "position": ("PERSON", "POSITION"),
    "organization": ("POSITION", "ORG"),
    "unit": ("METRIC", "UNIT"),
    "target": ("METRIC", "TARGET"),
    "period": ("METRIC", "DATE"),
}

RELATION_LABELS: tuple[str, ...] = tuple(RELATION_TYPES)


@dataclass(frozen=True)
class Schema:
    """A label set: entity labels plus relation labels with allowed types.

    The default schema is the project's; a user's own BIO scheme (for example
    from a CoNLL file) can be represented with no relations.

    Attributes:
        entity_labels: Entity labels, in a stable order.
        relation_types: Relation label -> (head label, tail label).
        name: A short name saved with models.
        version: The schema version saved with models.
    """

    entity_labels: tuple[str, ...] = ENTITY_LABELS
    relation_types: Mapping[str, tuple[str, str]] = None  # type: ignore[assignment]
    name: str = SCHEMA_NAME
    version: str = SCHEMA_VERSION

    def __post_init__(self) -> None:
        if self.relation_types is None:
            object.__setattr__(self, "relation_types", dict(RELATION_TYPES))
        object.__setattr__(self, "entity_labels", tuple(self.entity_labels))
        object.__setattr__(
            self,
            "relation_types",
            {k: (str(v[0]), str(v[1])) for k, v in dict(self.relation_types).items()},
        )
        for label in self.entity_labels:
            if not label or label == "O" or label[:2] in ("B-", "I-"):
                raise ValueError(f"invalid entity label {label!r}: give bare labels like 'ORG'")

    @property
    def relation_labels(self) -> tuple[str, ...]:
        """Relation labels in a stable order."""
        return tuple(self.relation_types)

    def bio_tags(self) -> list[str]:
        """Return the BIO tag set: ``O`` then ``B-X``, ``I-X`` for each label."""
        return bio_tags(self.entity_labels)

    def allows(self, relation: str, head_label: str, tail_label: str) -> bool:
        """Tell whether ``relation`` may link ``head_label`` to ``tail_label``."""
        types = self.relation_types.get(relation)
        return types is not None and types == (head_label, tail_label)

    def to_dict(self) -> dict:
        """Serialise to a JSON-ready dict."""
        return {
            "name": self.name,
            "version": self.version,
            "entity_labels": list(self.entity_labels),
            "relation_types": {k: list(v) for k, v in self.relation_types.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> Schema:
        """Build a schema from :meth:`to_dict` output."""
        return cls(
            entity_labels=tuple(data["entity_labels"]),
            relation_types={k: tuple(v) for k, v in data.get("relation_types", {}).items()},
            name=data.get("name", SCHEMA_NAME),
            version=data.get("version", SCHEMA_VERSION),
        )


DEFAULT_SCHEMA = Schema()


def bio_tags(entity_labels: Sequence[str]) -> list[str]:
    """Return ``["O", "B-L1", "I-L1", ...]`` for the given labels.

    Example:
        >>> bio_tags(["PERSON"])
        ['O', 'B-PERSON', 'I-PERSON']
    """
    tags = ["O"]
    for label in entity_labels:
        tags += [f"B-{label}", f"I-{label}"]
    return tags


def is_allowed_relation(relation: str, head_label: str, tail_label: str) -> bool:
    """Tell whether the default schema allows this typed relation."""
    return DEFAULT_SCHEMA.allows(relation, head_label, tail_label)
