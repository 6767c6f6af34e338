"""`vnparty-ie predict` on pre-segmented CoNLL, quiet model loads, and the VNPARTY_IE_MODEL error."""

import io
import json

import pytest

from vnparty_ie.cli import main
from vnparty_ie.errors import ModelNotFoundError
from vnparty_ie.predict import predict_sentences, read_words, tags_from_entities

CONLL = """-DOCSTART- d1

Bí_thư\tO
Quận_uỷ\tB-ORG
Thanh_Xuân\tI-ORG
Bùi_Huyền_Mai\tB-PERSON
chủ_trì\tO
hội_nghị\tO
.\tO

# id = d2
Tổng_thu
ngân_sách
năm
2023
đạt
hơn
6.164
tỷ
đồng
.
"""


@pytest.fixture(scope="module")
def rules_model(tmp_path_factory):
    directory = tmp_path_factory.mktemp("rules_model")
    (directory / "pipeline.json").write_text(json.dumps({"entities": {"combine": "rules"}}), encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def tiny_model_dir(tiny_tagger, tmp_path_factory):
    directory = tmp_path_factory.mktemp("tiny_model")
    tiny_tagger.save_pretrained(directory)
    return directory


def _conll(tmp_path):
    path = tmp_path / "in.conll"
    path.write_text(CONLL, encoding="utf-8")
    return path


def _blocks(text):
    return [b.splitlines() for b in text.strip().split("\n\n")]


def test_read_words_ignores_tags_and_keeps_markers():
    sents = read_words(io.StringIO(CONLL))
    assert [s.doc_id for s in sents] == ["d1", "d2"]
    assert sents[0].words[1] == "Quận_uỷ" and sents[0].forms[1] == "Quận_ủy"  # the raw-text normaliser
    assert sents[1].prefix == ["# id = d2"] and len(sents[1].words) == 10


def test_predict_cli_rules_model_conll(tmp_path, rules_model, capsys):
    out = tmp_path / "out.conll"
    assert main(["predict", str(_conll(tmp_path)), "--model", str(rules_model), "-o", str(out)]) == 0
    assert "tagged 17 words in 2 sentences (2 documents)" in capsys.readouterr().err
    blocks = _blocks(out.read_text(encoding="utf-8"))
    assert blocks[0] == ["-DOCSTART- d1"]
    first = dict(line.split("\t") for line in blocks[1])
    assert first["Bí_thư"] == "B-POSITION" and first["Quận_uỷ"] == "B-ORG" and first["Thanh_Xuân"] == "I-ORG"
    assert first["Bùi_Huyền_Mai"] == "B-PERSON" and first["."] == "O"
    assert blocks[2][0] == "# id = d2"
    second = [line.split("\t") for line in blocks[2][1:]]
    assert (
        len(second) == 10
        and ["hơn", "B-METRIC"] in second
        and ["6.164", "I-METRIC"] in second
        and ["tỷ", "B-UNIT"] in second
    )


def test_predict_cli_jsonl(tmp_path, rules_model, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["predict", str(_conll(tmp_path)), "--model", str(rules_model), "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().err == ""
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["d1", "d2"]
    assert records[0]["text"].startswith("Bí thư Quận ủy Thanh Xuân")
    assert {r["label"] for r in records[0]["relations"]} >= {"position", "organization"}
    assert records[1].get("metrics")


def test_tags_from_entities_takes_whole_words():
    from vnparty_ie.types import make_entity

    text = "Quận ủy Thanh Xuân"
    tags, bad = tags_from_entities([(0, 7), (8, 18)], [make_entity(text, 3, 18, "ORG")])
    assert tags == ["B-ORG", "I-ORG"] and bad == 1


def test_predict_with_classifier_and_composition(tiny_model_dir, tmp_path):
    import vnparty_ie

    sents = read_words(io.StringIO(CONLL))
    _, stats = predict_sentences(vnparty_ie.load(tiny_model_dir), sents)
    assert stats.mode == "tagger"
    for s in sents:
        assert len(s.tags) == len(s.words) and all(t == "O" or t[:2] in ("B-", "I-") for t in s.tags)
    composed = tmp_path / "composed"
    composed.mkdir()
    for f in tiny_model_dir.iterdir():
        (composed / f.name).write_bytes(f.read_bytes())
    (composed / "pipeline.json").write_text(json.dumps({"entities": {"combine": "rules_first"}}), encoding="utf-8")
    sents = read_words(io.StringIO(CONLL))
    _, stats = predict_sentences(vnparty_ie.load(composed), sents)
    assert stats.mode == "rules_first"
    assert sents[0].tags[:4] == ["B-POSITION", "B-ORG", "I-ORG", "B-PERSON"]  # the rules lead


def test_model_load_prints_nothing(tiny_model_dir, capfd):
    import vnparty_ie

    capfd.readouterr()
    vnparty_ie.load(tiny_model_dir)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_missing_env_model_is_an_error(monkeypatch, tmp_path, capsys):
    from vnparty_ie.extractor import default_model_path

    missing = tmp_path / "no-such-model"
    monkeypatch.setenv("VNPARTY_IE_MODEL", str(missing))
    with pytest.raises(ModelNotFoundError, match="VNPARTY_IE_MODEL=.*no-such-model.*no such model directory"):
        default_model_path()
    assert main(["extract", "--text", "Bí thư Quận ủy Thanh Xuân", "--quiet"]) == 2
    assert "no such model directory" in capsys.readouterr().err


def test_env_model_pointing_to_a_rules_model(monkeypatch, rules_model):
    from vnparty_ie.extractor import default_model_path

    monkeypatch.setenv("VNPARTY_IE_MODEL", str(rules_model))
    assert default_model_path() == rules_model


def test_extract_with_shipped_model_prints_nothing_on_stderr(monkeypatch, capfd):
    from pathlib import Path

    model = Path(__file__).resolve().parents[1] / "models" / "vnparty-ie-ner"
    if not (model / "config.json").is_file():
        pytest.skip(f"{model} absent")
    capfd.readouterr()
    assert main(["extract", "--model", str(model), "--text", "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai chủ trì."]) == 0
    out, err = capfd.readouterr()
    assert err == "", err  # no weight-loading report, no progress bar
    assert '"PERSON"' in out
