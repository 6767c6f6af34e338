"""Token-level JSON (``{"words", "tags"}`` records), other tag schemes and CoNLL tag columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnparty_ie.bio import to_iob2
from vnparty_ie.errors import AnnotationError
from vnparty_ie.io.conll import read_conll
from vnparty_ie.io.formats import read_documents, resolve_format, write_documents
from vnparty_ie.io.loss import ConversionLossWarning
from vnparty_ie.io.tokens import read_token_json
from vnparty_ie.train_data import load_data
from vnparty_ie.types import Extraction, make_entity

ROWS = [
    {"words": ["Bệnh_nhân", "491", "ở", "Hà_Nội"], "tags": ["O", "B-PATIENT_ID", "O", "B-LOCATION"]},
    {"words": ["Sở", "Y_tế", "họp"], "tags": ["B-ORGANIZATION", "E-ORGANIZATION", "O"]},
]


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["O", "S-PER", "O"], ["O", "B-PER", "O"]),
        (["B-ORG", "I-ORG", "E-ORG"], ["B-ORG", "I-ORG", "I-ORG"]),
        (["U-LOC", "B-LOC", "L-LOC"], ["B-LOC", "B-LOC", "I-LOC"]),
        (["I-PER", "I-PER", "O", "I-LOC"], ["B-PER", "I-PER", "O", "B-LOC"]),  # IOB1
        (["B-A", "I-B"], ["B-A", "B-B"]),
    ],
)
def test_to_iob2(tags: list[str], expected: list[str]) -> None:
    assert to_iob2(tags) == expected


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_read_token_jsonl_and_array(tmp_path: Path) -> None:
    lines = read_token_json(_write_jsonl(tmp_path / "train_word.json", ROWS))
    array_path = tmp_path / "array.json"
    array_path.write_text(json.dumps(ROWS, ensure_ascii=False), encoding="utf-8")
    array = read_token_json(array_path)
    assert [s.words for s in lines] == [s.words for s in array] == [r["words"] for r in ROWS]
    assert lines[1].tags == ["B-ORGANIZATION", "I-ORGANIZATION", "O"]


def test_integer_tags_need_label_names(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "ids.jsonl", [{"tokens": ["Hà_Nội", "họp"], "ner_tags": [1, 0]}])
    with pytest.raises(AnnotationError, match="label_names"):
        read_token_json(path)
    assert read_token_json(path, label_names=["O", "B-LOC"])[0].tags == ["B-LOC", "O"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"words": ["a", "b"], "tags": ["O"]}', "2 words but 1 tags"),
        ('{"words": ["a"], "tags": ["X-PER"]}', "invalid tag"),
        ('{"words": ["a"]}', "'tags'"),
        ('{"words": ["a"], "tags": ["O"]', "invalid JSON"),
    ],
)
def test_bad_records_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"words": ["ok"], "tags": ["O"]}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=message) as info:
        read_token_json(path)
    assert info.value.line == 2 and info.value.path == str(path)


def test_resolver_sniffs_token_records(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "train_word.json", ROWS)
    assert resolve_format(path) == "tokens"
    assert resolve_format(_write_jsonl(tmp_path / "x.jsonl", ROWS)) == "tokens"
    docs = read_documents(path, schema=None)
    assert [d.text for d in docs] == ["Bệnh nhân 491 ở Hà Nội", "Sở Y tế họp"]
    assert [(e.text, e.label) for e in docs[1].entities] == [("Sở Y tế", "ORGANIZATION")]


def test_write_tokens_round_trip(tmp_path: Path) -> None:
    text = "Bí thư Tỉnh ủy Nghệ An"
    doc = Extraction(text=text, entities=(make_entity(text, 7, 22, "ORG"),), id="d1")
    out = tmp_path / "out.jsonl"
    with pytest.warns(ConversionLossWarning, match="character offsets"):
        summary, misaligned = write_documents(out, [doc], "tokens", segmenter="syllable")
    assert misaligned == [] and summary.format == "tokens"
    (back,) = read_token_json(out)
    assert back.tags == ["O", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG"] and back.doc_id == "d1"


def test_vlsp_tag_column(tmp_path: Path) -> None:
    path = tmp_path / "vlsp.conll"
    path.write_text(
        "Ủy_ban N B-NP B-ORG O\nnhân_dân N I-NP I-ORG O\nHà_Nội Np B-NP I-ORG B-LOC\nhọp V B-VP O O\n\n",
        encoding="utf-8",
    )
    assert read_conll(path)[0].tags == ["O", "O", "B-LOC", "O"]  # the last column: nested entities
    assert read_conll(path, tag_column=3)[0].tags == ["B-ORG", "I-ORG", "I-ORG", "O"]
    data = load_data(path, tag_column=3)
    assert data.format == "conll" and data.entity_labels() == {"ORG"}
    with pytest.raises(AnnotationError, match="no tag column 7"):
        read_conll(path, tag_column=7)


def test_load_data_token_json_keeps_words(tmp_path: Path) -> None:
    data = load_data(_write_jsonl(tmp_path / "train.json", ROWS), segmenter="underthesea")
    assert data.format == "tokens" and data.words[0] == ["Bệnh_nhân", "491", "ở", "Hà_Nội"]
    assert data.entity_labels() == {"PATIENT_ID", "LOCATION", "ORGANIZATION"}


def test_load_data_hf_folder_keeps_words(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    iob2 = [to_iob2(r["tags"]) for r in ROWS]  # a datasets folder must hold IOB2 tags
    rows = {"tokens": [r["words"] for r in ROWS], "ner_tags": iob2}
    datasets.DatasetDict({"train": datasets.Dataset.from_dict(rows)}).save_to_disk(str(tmp_path / "hf"))
    data = load_data(tmp_path / "hf", segmenter="syllable")
    assert data.format == "hf" and data.words == [r["words"] for r in ROWS]
    assert data.tags[1] == ["B-ORGANIZATION", "I-ORGANIZATION", "O"]
