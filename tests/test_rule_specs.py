"""The spec tables of the rules (``vnparty_ie/data/rules/specs/*.yaml``), run as tests.

One parametrised runner per table; a coverage test asks every rule id for at
least one example (where it fires, as specified) and one counter-example.
"""

from __future__ import annotations

import pytest

from vnparty_ie.rules import ENTITY_RULES, RELATION_RULES
from vnparty_ie.rules.specs import check_entity_entry, check_relation_entry, load_specs

ENTITY_SPECS = load_specs("entities")
RELATION_SPECS = load_specs("relations")


def _id(entry: dict) -> str:
    return f"{entry['rule']}:{'+' if entry['expect'] else '-'}:{entry['text'][:40]}"


@pytest.mark.parametrize("entry", ENTITY_SPECS, ids=_id)
def test_entity_spec(entry: dict) -> None:
    assert check_entity_entry(entry) == []


@pytest.mark.parametrize("entry", RELATION_SPECS, ids=_id)
def test_relation_spec(entry: dict) -> None:
    assert check_relation_entry(entry) == []


@pytest.mark.parametrize(
    "specs, ids",
    [(ENTITY_SPECS, list(ENTITY_RULES)), (RELATION_SPECS, [r.id for r in RELATION_RULES])],
    ids=["entities", "relations"],
)
def test_every_rule_has_an_example_and_a_counter_example(specs: tuple, ids: list[str]) -> None:
    known = set(ids) | {"none"}
    assert not {e["rule"] for e in specs} - known, "spec entries name unknown rules"
    positive = {e["rule"] for e in specs if e["expect"]}
    negative = {e["rule"] for e in specs if not e["expect"]}
    assert [r for r in ids if r not in positive] == [], "rules without an example"
    assert [r for r in ids if r not in negative] == [], "rules without a counter-example"


def test_every_rule_has_a_measured_or_default_score() -> None:
    from vnparty_ie.rules.base import DEFAULT_SCORE, precision_table, rule_score

    table = precision_table()
    measured = set(table["entities"]) | set(table["relations"])
    for rid in [*ENTITY_RULES, *(r.id for r in RELATION_RULES)]:
        assert rid in measured or rid in table["never_fired"], rid
        assert 0.0 <= rule_score(rid) <= 1.0
    assert table["default_score"] == DEFAULT_SCORE
