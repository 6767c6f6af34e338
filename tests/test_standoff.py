"""Tests of stand-off files and of the mention-list resolver."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnparty_ie.errors import AnnotationError
from vnparty_ie.io.mentions import resolve_document, to_mentions
from vnparty_ie.io.standoff import read_standoff, text_sha1, to_standoff, write_standoff
from vnparty_ie.io.vietnews import DETOKENIZER_VERSION
from vnparty_ie.types import Extraction

TEXT = (
    "Bí thư Quận uỷ Thanh Xuân Bùi Huyền Mai cho biết tổng thu ngân sách năm 2023 đạt hơn 6.164 tỷ đồng.\n"
    "Quận uỷ có 11 chi bộ, tăng 24% so với năm 2020; Bí thư Quận uỷ nhấn mạnh."
)
MENTIONS = [
    ["T1", "POSITION", "Bí thư"],
    ["T2", "ORG", "Quận uỷ Thanh Xuân"],
    ["T3", "PERSON", "Bùi Huyền Mai"],
    ["T4", "TARGET", "tổng thu ngân sách"],
    ["T5", "DATE", "năm 2023"],
    ["T6", "METRIC", "hơn 6.164"],
    ["T7", "UNIT", "tỷ đồng"],
    ["T8", "ORG", "Quận uỷ"],
    ["T9", "METRIC", "11"],
    ["T10", "UNIT", "chi bộ"],
    ["T11", "METRIC", "24"],
    ["T12", "UNIT", "%"],
    ["T13", "POSITION", "Bí thư", {"line": 2}],
    ["T14", "ORG", "Quận uỷ", {"nth": 1}],
]
RELATIONS = [
    ["T3", "T1", "position"],
    ["T1", "T2", "organization"],
    ["T6", "T4", "target"],
    ["T6", "T5", "period"],
    ["T6", "T7", "unit"],
    ["T9", "T10", "unit"],
    ["T11", "T12", "unit"],
    ["T13", "T14", "organization"],
]


def resolved() -> Extraction:
    doc, problems = resolve_document("d1", TEXT, MENTIONS, RELATIONS)
    assert doc is not None, [str(p) for p in problems]
    return doc


def test_resolver_finds_spans_in_order() -> None:
    doc = resolved()
    by_id = {e.id: e for e in doc.entities}
    assert {eid: e.text for eid, e in by_id.items()} == {m[0]: m[2] for m in MENTIONS}
    assert by_id["T1"].start == 0 and by_id["T13"].start > by_id["T1"].start
    assert by_id["T8"].start == TEXT.index("\n") + 1  # second "Quận uỷ", after T7
    assert by_id["T14"].start == TEXT.rindex("Quận uỷ")
    assert TEXT[by_id["T12"].start : by_id["T12"].end] == "%"
    assert len(doc.relations) == len(RELATIONS)
    assert [e.start for e in doc.entities] == sorted(e.start for e in doc.entities)


def test_resolver_tolerates_tone_placement_with_a_warning() -> None:
    doc, problems = resolve_document("d1", TEXT, [["T1", "ORG", "Quận ủy Thanh Xuân"]])
    assert doc is not None and doc.entities[0].text == "Quận uỷ Thanh Xuân"
    assert [p.severity for p in problems] == ["warning"]


def test_resolver_left_context_and_back_hints() -> None:
    mentions = [
        ["T1", "METRIC", "24"],
        ["T2", "ORG", "Quận uỷ", {"left": "Thanh Xuân Bùi Huyền Mai cho biết", "back": True}],
    ]
    doc, problems = resolve_document("d1", TEXT, [mentions[0], ["T2", "DATE", "năm 2023", {"back": True}]])
    assert doc is not None and not problems
    doc, problems = resolve_document(
        "d1",
        TEXT,
        [["T1", "DATE", "năm 2020"], ["T2", "PERSON", "Bùi Huyền Mai", {"left": "Quận uỷ Thanh Xuân", "back": True}]],
    )
    assert doc is not None and doc.entities[0].text == "Bùi Huyền Mai"


def test_resolver_reports_every_problem() -> None:
    mentions = [
        ["T1", "PERSON", "Bùi Huyền Mai"],
        ["T2", "ORG", "Quận uỷ Thanh Xuân"],  # only before T1: listed out of order
        ["T3", "PLACE", "Thanh Xuân"],  # unknown label
        ["T4", "PERSON", "Nguyễn Văn A"],  # not in the text
        ["T5", "METRIC", "6.164 tỷ"],
        ["T6", "UNIT", "tỷ đồng"],  # overlaps T5
        ["T1", "LOC", "Xuân"],  # duplicate id
        ["T7", "DATE", "năm 2020 "],  # trailing space
        ["T8", "ORG", "Quận uỷ nhấn mạnh."],  # final period inside the span
    ]
    relations = [
        ["T1", "T2", "position"],
        ["T5", "T99", "unit"],
        ["T5", "T6", "weight"],
        ["T8", "T5", "unit"],
        ["T1", "T5", "position"],
    ]
    doc, problems = resolve_document("d1", TEXT, mentions, relations)
    assert doc is None
    errors = [(p.entity_id, p.message) for p in problems if p.severity == "error"]
    ids = [eid for eid, _ in errors]
    for expected in ("T1", "T2", "T3", "T4", "T6", "T7", "T8", "T1->T2", "T5->T99", "T5->T6", "T8->T5", "T1->T5"):
        assert expected in ids, (expected, errors)
    assert all(p.doc_id == "d1" for p in problems)
    messages = " | ".join(m for _, m in errors)
    for fragment in (
        "only before",
        "unknown entity label",
        "not found anywhere",
        "punctuation",
        "overlaps",
        "duplicate entity id",
        "whitespace",
        "unresolved",
        "unknown relation label",
        "must link",
    ):
        assert fragment in messages, fragment


def test_resolver_rejects_cross_paragraph_relation() -> None:
    doc, problems = resolve_document(
        "d1", TEXT, [["T1", "METRIC", "hơn 6.164"], ["T2", "UNIT", "chi bộ"]], [["T1", "T2", "unit"]]
    )
    assert doc is None and "crosses a paragraph" in problems[0].message


def test_standoff_round_trip(tmp_path: Path) -> None:
    doc = resolved()
    path = tmp_path / "gold.standoff.jsonl"
    assert write_standoff(path, [doc]) == 1
    record = json.loads(path.read_text(encoding="utf-8"))
    assert set(record) == {"id", "text_len", "text_sha1", "detokenizer", "entities", "relations"}
    assert "text" not in json.dumps(record["entities"]) and TEXT[:20] not in path.read_text(encoding="utf-8")
    assert record["text_sha1"] == text_sha1(TEXT) and record["detokenizer"] == DETOKENIZER_VERSION
    (back,) = read_standoff(path, {"d1": TEXT}.__getitem__)
    assert back.to_dict() == doc.to_dict()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"text_len": 3}, "text_len"),
        ({"text_sha1": "0" * 40}, "text_sha1"),
        ({"detokenizer": 99}, "detokenizer"),
        ({"entities": [{"id": "T1", "start": 0, "end": 6, "label": "BOSS"}], "relations": []}, "entities[0].label"),
    ],
)
def test_standoff_mismatch_names_line_and_field(tmp_path: Path, change: dict, field: str) -> None:
    record = to_standoff(resolved())
    record.update(change)
    path = tmp_path / "bad.standoff.jsonl"
    path.write_text("\n" + json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError) as info:
        read_standoff(path, {"d1": TEXT}.__getitem__)
    assert info.value.line == 2 and info.value.field == field and info.value.doc_id == "d1"


def test_standoff_unknown_document(tmp_path: Path) -> None:
    path = tmp_path / "x.standoff.jsonl"
    write_standoff(path, [resolved()])
    with pytest.raises(AnnotationError, match="not found in the corpus"):
        read_standoff(path, {}.__getitem__)


def test_attached_units_and_word_boundaries() -> None:
    text = "dài 16.000m, chi 10.000.000đ; T10 và T1; Hàn và Hà"
    mentions = [
        ["T1", "METRIC", "16.000"],
        ["T2", "UNIT", "m"],
        ["T3", "METRIC", "10.000.000"],
        ["T4", "UNIT", "đ"],
        ["T5", "PERSON", "T1"],
        ["T6", "LOC", "Hà"],
    ]
    doc, problems = resolve_document("x", text, mentions)
    assert doc is not None and not problems
    assert [(e.text, e.start) for e in doc.entities] == [
        ("16.000", 4),
        ("m", 10),
        ("10.000.000", 17),
        ("đ", 27),
        ("T1", 37),
        ("Hà", 48),
    ]


def test_to_mentions_round_trip() -> None:
    doc = resolved()
    listing = to_mentions(doc)
    assert listing["entities"][0] == ["T1", "POSITION", "Bí thư"]
    again, problems = resolve_document(doc.id, doc.text, listing["entities"], listing["relations"])
    assert again is not None and not problems
    assert again.to_dict() == doc.to_dict()
