"""Schema and result types: labels, allowed relations, dict round trips."""

import pytest

from vnparty_ie.errors import AnnotationError
from vnparty_ie.schema import DEFAULT_SCHEMA, ENTITY_LABELS, RELATION_TYPES, Schema, bio_tags
from vnparty_ie.types import Entity, Extraction, Relation, entities_overlap, make_entity

DOC = {
    "id": "doc-1",
    "text": "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai cho biết tổng thu ngân sách năm 2023 đạt hơn 6.164 tỷ đồng.",
    "entities": [
        {"id": "T1", "start": 0, "end": 6, "label": "POSITION"},
        {"id": "T2", "start": 7, "end": 25, "label": "ORG"},
        {"id": "T3", "start": 26, "end": 39, "label": "PERSON"},
        {"id": "T4", "start": 49, "end": 67, "label": "TARGET"},
        {"id": "T5", "start": 68, "end": 76, "label": "DATE"},
        {"id": "T6", "start": 81, "end": 90, "label": "METRIC"},
        {"id": "T7", "start": 91, "end": 98, "label": "UNIT"},
    ],
    "relations": [
        {"head": "T3", "tail": "T1", "label": "position"},
        {"head": "T1", "tail": "T2", "label": "organization"},
        {"head": "T6", "tail": "T4", "label": "target"},
        {"head": "T6", "tail": "T5", "label": "period"},
        {"head": "T6", "tail": "T7", "label": "unit"},
    ],
}


def test_schema_has_the_guidelines_labels():
    assert len(ENTITY_LABELS) == 10 and len(RELATION_TYPES) == 5
    assert DEFAULT_SCHEMA.allows("organization", "POSITION", "ORG")
    assert not DEFAULT_SCHEMA.allows("organization", "ORG", "POSITION")
    assert bio_tags(["ORG"]) == ["O", "B-ORG", "I-ORG"]
    assert len(DEFAULT_SCHEMA.bio_tags()) == 21


def test_schema_round_trip_and_bad_label():
    custom = Schema(entity_labels=("PER", "LOC"), relation_types={})
    assert Schema.from_dict(custom.to_dict()) == custom
    with pytest.raises(ValueError):
        Schema(entity_labels=("B-ORG",))


def test_guidelines_example_round_trip():
    doc = Extraction.from_dict(DOC)
    assert [e.text for e in doc.entities][:3] == ["Bí thư", "Quận ủy Thanh Xuân", "Bùi Huyền Mai"]
    assert doc.relations[0].head.text == "Bùi Huyền Mai"
    out = doc.to_dict()
    assert out["relations"] == DOC["relations"]
    assert [{k: v for k, v in e.items() if k != "text"} for e in out["entities"]] == DOC["entities"]
    assert Extraction.from_dict(out) == doc


def test_results_are_frozen():
    ent = make_entity("abc", 0, 1, "ORG")
    with pytest.raises(AttributeError):
        ent.start = 2  # type: ignore[misc]


def test_entity_checks_its_text_length():
    with pytest.raises(ValueError):
        Entity(0, 3, "ORG", "ab")
    with pytest.raises(ValueError):
        Entity(3, 3, "ORG", "")


@pytest.mark.parametrize(
    "mutate, field",
    [
        (lambda d: d["entities"][0].update(end=999), "entities[0].start/end"),
        (lambda d: d["entities"][1].update(text="sai"), "entities[1].text"),
        (lambda d: d["relations"][0].update(head="T99"), "relations[0].head"),
        (lambda d: d["entities"][2].pop("label"), "entities[2].label"),
    ],
)
def test_from_dict_names_the_bad_field(mutate, field):
    import copy

    bad = copy.deepcopy(DOC)
    mutate(bad)
    with pytest.raises(AnnotationError) as info:
        Extraction.from_dict(bad)
    assert info.value.field == field


def test_ids_are_generated_when_missing_and_scores_kept():
    text = "Bí thư Quận ủy"
    a, b = make_entity(text, 0, 6, "POSITION", score=0.9), make_entity(text, 7, 14, "ORG", score=0.8)
    doc = Extraction(text, (a, b), (Relation(a, b, "organization", 0.7),))
    out = doc.to_dict()
    assert [e["id"] for e in out["entities"]] == ["T1", "T2"]
    assert out["relations"] == [{"head": "T1", "tail": "T2", "label": "organization", "score": 0.7}]
    assert out["entities"][0]["score"] == 0.9


def test_overlap_detection():
    text = "Quận ủy Thanh Xuân"
    a, b, c = make_entity(text, 0, 7, "ORG"), make_entity(text, 5, 12, "LOC"), make_entity(text, 8, 18, "LOC")
    assert entities_overlap([a, b, c]) == [(a, b), (b, c)]
