"""Named rules, their registry and their measured scores.

A :class:`Rule` has a stable dotted id (``family.name``: ``event.congress_numbered``,
``metric.number``, ``period.before``), the label it produces, and either a
regular-expression ``pattern`` (entity rules run on the normalised view) with an
optional ``on_match`` callback, or no pattern when code proposes its spans (the
person finder, the relation linker). Like spaCy's ``Matcher``/``SpanRuler``, the
id travels with every span a rule makes: entities and relations carry
``source="rules"``, ``rule=<id>`` and ``score=<the rule's measured precision>``.

Scores come from ``data/rules/precision.json``, written by
``training/measure_rule_precision.py`` on the train gold (see that file for the
command). A rule that never fired there gets :data:`DEFAULT_SCORE`.

Example:
    >>> rule = Rule("metric.demo", "METRIC", pattern=r"\\d+")
    >>> rule.family, rule.label
    ('metric', 'METRIC')
    >>> 0.0 <= rule_score("period.before") <= 1.0
    True
    >>> rule_score("no.such_rule") == DEFAULT_SCORE
    True
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .words import DATA_DIR

__all__ = ["DEFAULT_SCORE", "PRECISION_FILE", "Rule", "check_ids", "precision_table", "rule_score"]

#: File of the measured per-rule precision.
PRECISION_FILE = DATA_DIR / "precision.json"
#: Score of a rule with no measurement (it never fired on the train gold): the
#: mean of a uniform prior, i.e. "no evidence either way".
DEFAULT_SCORE = 0.5
_ID = re.compile(r"[a-z]+(?:\.[a-z0-9_]+)+")


@dataclass(frozen=True)
class Rule:
    """One named rule.

    Attributes:
        id: Stable dotted id, ``family.name``; the family is the entity label
            or relation label in lower case (``org.``, ``period.``) .
        label: The label of what the rule makes (an entity or relation label).
        pattern: Regular-expression source run on the normalised view, or
            ``None`` when code proposes the spans.
        on_match: ``on_match(view, match) -> (start, end) | None`` post-processes
            a match (trim a place name, shrink a post); ``None`` keeps the match.
        tier: Priority among overlapping entity candidates (lower wins).
        doc: One line saying what the rule finds, with an example.
    """

    id: str
    label: str
    pattern: str | None = None
    on_match: Callable[[str, re.Match[str]], tuple[int, int] | None] | None = None
    tier: int = 0
    doc: str = ""

    def __post_init__(self) -> None:
        if not _ID.fullmatch(self.id):
            raise ValueError(f"bad rule id {self.id!r}: use dotted lower-case 'family.name'")

    @property
    def family(self) -> str:
        """The part of the id before the first dot."""
        return self.id.split(".", 1)[0]


def check_ids(rules: Iterable[Rule]) -> dict[str, Rule]:
    """Index rules by id.

    Raises:
        ValueError: When two rules share an id.
    """
    out: dict[str, Rule] = {}
    for r in rules:
        if r.id in out:
            raise ValueError(f"duplicate rule id {r.id!r}")
        out[r.id] = r
    return out


@functools.lru_cache(maxsize=1)
def precision_table() -> dict[str, Any]:
    """The measured precision table (``{}`` when the file is absent)."""
    if not PRECISION_FILE.is_file():
        return {}
    return json.loads(PRECISION_FILE.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1024)
def rule_score(rule_id: str) -> float:
    """The score of a rule: its smoothed precision on the train gold, else :data:`DEFAULT_SCORE`."""
    table = precision_table()
    for kind in ("entities", "relations"):
        entry = table.get(kind, {}).get(rule_id)
        if entry is not None:
            return float(entry["score"])
    return float(table.get("default_score", DEFAULT_SCORE))
