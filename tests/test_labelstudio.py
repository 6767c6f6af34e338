"""Label Studio round trip."""

import json

import pytest

from vnparty_ie.cli import main
from vnparty_ie.errors import AnnotationError
from vnparty_ie.io.labelstudio import LABEL_CONFIG, from_labelstudio, to_labelstudio
from vnparty_ie.types import Extraction, Relation, make_entity

TEXT = "Bí thư Quận ủy Thanh Xuân đạt 24%."


def _doc():
    a, b = make_entity(TEXT, 0, 6, "POSITION"), make_entity(TEXT, 7, 25, "ORG")
    m, u = make_entity(TEXT, 30, 32, "METRIC"), make_entity(TEXT, 32, 33, "UNIT")
    return Extraction(TEXT, (a, b, m, u), (Relation(a, b, "organization"), Relation(m, u, "unit")), id="d1")


def test_round_trip_keeps_spans_and_relations():
    back = from_labelstudio(to_labelstudio([_doc()]))[0]
    assert back.id == "d1" and back.text == TEXT
    assert [(e.start, e.end, e.label) for e in back.entities] == [(e.start, e.end, e.label) for e in _doc().entities]
    assert [(r.head.text, r.label, r.tail.text) for r in back.relations] == [
        ("Bí thư", "organization", "Quận ủy Thanh Xuân"), ("24", "unit", "%"),
    ]  # fmt: skip


def test_annotations_take_precedence_over_predictions():
    task = to_labelstudio([_doc()])[0]
    task["annotations"] = [{"result": [{"id": "x", "type": "labels",
                                         "value": {"start": 0, "end": 6, "labels": ["POSITION"]}}]}]
    assert [e.text for e in from_labelstudio([task])[0].entities] == ["Bí thư"]


def test_bad_task_names_the_problem():
    task = {"data": {"text": TEXT, "id": "d"}, "annotations": [{"result": [
        {"id": "x", "type": "labels", "value": {"start": 0, "end": 99, "labels": ["ORG"]}}]}]}
    with pytest.raises(AnnotationError, match="bad offsets"):
        from_labelstudio([task])


def test_label_config_lists_the_schema():
    assert '<Label value="TARGET"/>' in LABEL_CONFIG and '<Relation value="period"/>' in LABEL_CONFIG


def test_cli_convert_jsonl_to_labelstudio_and_back(tmp_path):
    src = tmp_path / "docs.jsonl"
    src.write_text(json.dumps(_doc().to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["convert", str(src), str(tmp_path / "tasks.json")]) == 0
    assert main(["convert", str(tmp_path / "tasks.json"), str(tmp_path / "back.jsonl")]) == 0
    back = json.loads((tmp_path / "back.jsonl").read_text(encoding="utf-8"))
    assert [e["text"] for e in back["entities"]] == ["Bí thư", "Quận ủy Thanh Xuân", "24", "%"]
