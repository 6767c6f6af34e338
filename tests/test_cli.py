"""The vnparty-ie command line."""

import json

import pytest

from vnparty_ie.cli import main

GOOD = {"id": "d1", "text": "Bí thư Quận ủy Thanh Xuân",
        "entities": [{"id": "T1", "start": 0, "end": 6, "label": "POSITION"},
                     {"id": "T2", "start": 7, "end": 25, "label": "ORG"}],
        "relations": [{"head": "T1", "tail": "T2", "label": "organization"}]}


def _write(path, *records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_validate_ok_and_invalid(tmp_path, capsys):
    good = _write(tmp_path / "good.jsonl", GOOD)
    assert main(["validate", str(good)]) == 0
    assert "OK, 1 documents, 2 entities, 1 relations" in capsys.readouterr().out
    bad = dict(GOOD, entities=[dict(GOOD["entities"][0], label="CHUCVU"), GOOD["entities"][1]])
    assert main(["validate", str(_write(tmp_path / "bad.jsonl", GOOD, bad))]) == 1
    err = capsys.readouterr().err
    assert "line 2" in err and "entities[0].label" in err


def test_convert_reports_entities_inside_words(tmp_path, capsys):
    inside = dict(GOOD, entities=[{"id": "T1", "start": 7, "end": 11, "label": "ORG"}], relations=[])
    src = _write(tmp_path / "in.jsonl", inside)
    assert main(["convert", str(src), str(tmp_path / "out.conll"), "--segmenter", "underthesea"]) == 0
    assert "do not align with word boundaries" in capsys.readouterr().err


def test_extract_writes_jsonl(tiny_tagger, tmp_path, capsys):
    model = tiny_tagger.save_pretrained(tmp_path / "model")
    src = _write(tmp_path / "in.jsonl", {"id": "a", "text": "Bí thư Quận ủy phát biểu."}, {"id": "b", "text": " "})
    assert main(["extract", str(src), "--model", str(model)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in lines] == ["a", "b"] and lines[1]["entities"] == []
    for record in lines:
        for ent in record["entities"]:
            assert record["text"][ent["start"] : ent["end"]] == ent["text"]


def test_extract_without_model_is_a_clear_error(tmp_path, capsys):
    assert main(["extract", "--text", "Bí thư", "--model", str(tmp_path / "none")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_help_lists_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("validate", "convert", "extract", "train", "evaluate"):
        assert command in out
