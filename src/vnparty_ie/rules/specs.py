"""Spec tables: the examples and counter-examples of every rule, as data.

``data/rules/specs/entities.yaml`` and ``relations.yaml`` hold one entry per
example: the ``rule`` it specifies, the ``text`` (and, for relations, the given
``entities``), what that rule must make there (``expect``; empty for a
counter-example) and optionally the whole output (``all``). The tests run every
entry (:func:`check_entity_entry`, :func:`check_relation_entry`) and check that
each rule has at least one example and one counter-example.

Example:
    >>> entry = {"rule": "org.ministry", "text": "Bộ Nội vụ hướng dẫn.", "expect": [["ORG", "Bộ Nội vụ"]]}
    >>> check_entity_entry(entry)
    []
    >>> len(load_specs("entities")) > 0
    True
"""

from __future__ import annotations

import functools
from typing import Any

import yaml

from ..types import Entity, make_entity
from .entities.labeler import RuleLabeler
from .relations.linker import RuleRelationLinker
from .words import DATA_DIR

__all__ = ["SPEC_DIR", "build_entities", "check_entity_entry", "check_relation_entry", "load_specs"]

#: Folder of the spec tables.
SPEC_DIR = DATA_DIR / "specs"


@functools.lru_cache(maxsize=2)
def load_specs(kind: str) -> tuple[dict[str, Any], ...]:
    """The entries of one spec table, ``kind`` being ``"entities"`` or ``"relations"``."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load((SPEC_DIR / f"{kind}.yaml").read_text(encoding="utf-8"), Loader=loader)
    return tuple(data or ())


@functools.lru_cache(maxsize=1)
def _labeler() -> RuleLabeler:
    return RuleLabeler()


@functools.lru_cache(maxsize=1)
def _linker() -> RuleRelationLinker:
    return RuleRelationLinker()


def build_entities(text: str, mentions: list[list[str]]) -> list[Entity]:
    """Entities from ``[surface, label]`` pairs found left to right in ``text``.

    Example:
        >>> [(e.start, e.label) for e in build_entities("Bí thư Bí thư", [["Bí thư", "POSITION"]] * 2)]
        [(0, 'POSITION'), (7, 'POSITION')]
    """
    out, pos = [], 0
    for surface, label in mentions:
        start = text.index(surface, pos)
        out.append(make_entity(text, start, start + len(surface), label))
        pos = start + len(surface)
    return out


def check_entity_entry(entry: dict[str, Any]) -> list[str]:
    """Run one entity spec entry; return what differs (``[]`` when it holds)."""
    doc = _labeler().label(entry["text"])
    problems = []
    if entry["rule"] != "none":
        got = [[e.label, e.text] for e in doc.entities if e.rule == entry["rule"]]
        if got != [list(x) for x in entry["expect"]]:
            problems.append(f"{entry['rule']}: expected {entry['expect']}, got {got}")
    if "all" in entry:
        got_all = [[e.label, e.text, e.rule] for e in doc.entities]
        if got_all != [list(x) for x in entry["all"]]:
            problems.append(f"all: expected {entry['all']}, got {got_all}")
    return problems


def check_relation_entry(entry: dict[str, Any]) -> list[str]:
    """Run one relation spec entry; return what differs (``[]`` when it holds)."""
    text = entry["text"]
    rels = _linker().link(text, build_entities(text, entry["entities"]))
    problems = []
    if entry["rule"] != "none":
        got = sorted([r.head.text, r.label, r.tail.text] for r in rels if r.rule == entry["rule"])
        if got != sorted(list(x) for x in entry["expect"]):
            problems.append(f"{entry['rule']}: expected {entry['expect']}, got {got}")
    if "all" in entry:
        got_all = sorted([r.head.text, r.label, r.tail.text, r.rule] for r in rels)
        if got_all != sorted(list(x) for x in entry["all"]):
            problems.append(f"all: expected {entry['all']}, got {got_all}")
    return problems
