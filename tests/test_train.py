"""Training: config parsing, data loading, in-process runs on tiny data (JSONL and CoNLL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnparty_ie.errors import ConfigError
from vnparty_ie.train import TrainConfig, load_data, main, schema_from_tags, train
from vnparty_ie.types import Extraction, make_entity

SENTENCES = [
    (
        "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai phát biểu.",
        [("Bí thư", "POSITION"), ("Quận ủy Thanh Xuân", "ORG"), ("Bùi Huyền Mai", "PERSON")],
    ),
    (
        "Đảng bộ phường Ba Láng kết nạp 28 đảng viên.",
        [("Đảng bộ phường Ba Láng", "ORG"), ("28", "METRIC"), ("đảng viên", "UNIT")],
    ),
    (
        "Phó Bí thư Thường trực Thành ủy Hà Nội Nguyễn Thị Tuyến dự hội nghị.",
        [("Phó Bí thư Thường trực", "POSITION"), ("Thành ủy Hà Nội", "ORG"), ("Nguyễn Thị Tuyến", "PERSON")],
    ),
]

CONLL = """Bí_thư\tO
Quận_ủy\tB-ORG
Thanh_Xuân\tI-ORG
phát_biểu\tO
tại\tO
Hà_Nội\tB-LOC

Ông\tO
Bùi_Huyền_Mai\tB-PER
đến\tO
Ba_Láng\tB-LOC
.\tO

Nguyễn_Thị_Tuyến\tB-PER
làm_việc\tO
ở\tO
Thành_ủy\tB-ORG
Hà_Nội\tI-ORG
"""


def make_docs() -> list[Extraction]:
    docs = []
    for n, (text, spans) in enumerate(SENTENCES):
        entities = []
        for mention, label in spans:
            start = text.index(mention)
            entities.append(make_entity(text, start, start + len(mention), label, id=f"T{len(entities) + 1}"))
        docs.append(Extraction(text=text, entities=tuple(entities), id=f"d{n}"))
    return docs


@pytest.fixture()
def jsonl_path(tmp_path: Path) -> Path:
    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in make_docs()), encoding="utf-8")
    return path


@pytest.fixture()
def conll_path(tmp_path: Path) -> Path:
    path = tmp_path / "train.conll"
    path.write_text(CONLL, encoding="utf-8")
    return path


def quick_config(base: Path, train_path: Path, out: Path, **extra) -> TrainConfig:
    values = {
        "base_model": str(base),
        "train_path": str(train_path),
        "dev_path": str(train_path),
        "output_dir": str(out),
        "segmenter": "syllable",
        "epochs": 25,
        "learning_rate": 1e-2,
        "batch_size": 4,
        "warmup_ratio": 0.0,
        "patience": 25,
        "seed": 1,
        "progress": False,
    }
    values.update(extra)
    return TrainConfig.from_dict(values)


def test_config_from_yaml_coerces_types(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("base_model: enc\ntrain_path: t.jsonl\nlearning_rate: 5e-5\nepochs: '3'\npatience: null\n")
    cfg = TrainConfig.from_yaml(path)
    assert cfg.learning_rate == 5e-5 and isinstance(cfg.learning_rate, float)
    assert cfg.epochs == 3 and cfg.patience is None


@pytest.mark.parametrize(
    "data, match",
    [
        ({"train_path": "t"}, "required"),
        ({"base_model": "e", "train_path": "t", "epoch": 3}, "unknown"),
        ({"base_model": "e", "train_path": "t", "epochs": 0}, "epochs"),
        ({"base_model": "e", "train_path": "t", "learning_rate": "fast"}, "learning_rate"),
        ({"base_model": "e", "train_path": "t", "data_format": "csv"}, "data_format"),
    ],
)
def test_config_errors(data: dict, match: str) -> None:
    with pytest.raises(ConfigError, match=match):
        TrainConfig.from_dict(data)


def test_load_data_jsonl_and_conll(jsonl_path: Path, conll_path: Path) -> None:
    data = load_data(jsonl_path, segmenter="syllable")
    assert data.format == "jsonl" and len(data.words) == 3 and data.misaligned == 0
    assert data.entity_labels() == {"POSITION", "ORG", "PERSON", "METRIC", "UNIT"}
    conll = load_data(conll_path)
    assert conll.format == "conll" and conll.words[0][:3] == ["Bí_thư", "Quận_ủy", "Thanh_Xuân"]
    assert conll.entity_labels() == {"ORG", "LOC", "PER"}
    assert len(load_data(conll_path, limit=2).words) == 2


def test_schema_from_tags() -> None:
    ours = schema_from_tags({"UNIT", "METRIC", "ORG"})
    assert ours.entity_labels == ("ORG", "METRIC", "UNIT") and set(ours.relation_types) == {"unit"}
    custom = schema_from_tags({"PER", "LOC"})
    assert custom.entity_labels == ("LOC", "PER") and custom.relation_types == {}
    with pytest.raises(ConfigError, match="no entity tag"):
        schema_from_tags(set())
    with pytest.raises(ConfigError, match="not in the config"):
        schema_from_tags({"PER", "X"}, declared=["PER"])


def test_train_jsonl_then_load_and_predict(tiny_encoder_dir: Path, jsonl_path: Path, tmp_path: Path) -> None:
    from vnparty_ie import load
    from vnparty_ie.tagger import EntityTagger

    result = train(quick_config(tiny_encoder_dir, jsonl_path, tmp_path / "run", compose=False))
    best = result.best_dir
    for name in ("config.json", "model.safetensors", "vnparty_ie.json", "metrics.json", "README.md"):
        assert (best / name).is_file(), name
    config = json.loads((best / "config.json").read_text())
    assert set(config["id2label"].values()) == {"O"} | {
        f"{p}-{x}" for p in "BI" for x in ("POSITION", "ORG", "PERSON", "METRIC", "UNIT")
    }
    ours = json.loads((best / "vnparty_ie.json").read_text())
    assert ours["segmenter"] == "syllable" and ours["library_version"] and ours["max_length"] == 32
    log = [json.loads(line) for line in (tmp_path / "run" / "train_log.jsonl").read_text().splitlines()]
    assert log[0]["event"] == "start" and log[-1]["event"] == "end"
    assert any(r["event"] == "epoch" for r in log)
    metrics = json.loads((tmp_path / "run" / "metrics.json").read_text())
    assert "dev_f1" in metrics and "dev_report" in metrics
    # Three sentences are learnt by heart: the dev (= train) score is high.
    assert metrics["dev_f1"] >= 0.8, metrics
    tagger = EntityTagger.from_pretrained(best)
    text = SENTENCES[0][0]
    entities = tagger.predict([text])[0]
    assert all(text[e.start : e.end] == e.text and 0 < e.score <= 1 for e in entities)
    assert {(e.text, e.label) for e in entities} & {("Bùi Huyền Mai", "PERSON"), ("Quận ủy Thanh Xuân", "ORG")}
    doc = load(best).extract(text)
    assert [e.span for e in doc.entities] == [e.span for e in entities]


def test_train_custom_conll_labels(tiny_encoder_dir: Path, conll_path: Path, tmp_path: Path) -> None:
    from vnparty_ie.tagger import EntityTagger

    result = train(quick_config(tiny_encoder_dir, conll_path, tmp_path / "run", epochs=30))
    tagger = EntityTagger.from_pretrained(result.best_dir)
    assert tagger.schema.entity_labels == ("LOC", "ORG", "PER") and tagger.schema.name == "custom"
    assert result.metrics["dev_f1"] >= 0.8, result.metrics
    tags, scores = tagger.predict_words([["Bí_thư", "Quận_ủy", "Thanh_Xuân", "phát_biểu", "tại", "Hà_Nội"]])[0]
    assert len(tags) == 6 and len(scores) == 6
    assert "dev_report" not in result.metrics  # CoNLL dev has no span documents


def test_main_in_process(tiny_encoder_dir: Path, jsonl_path: Path, tmp_path: Path, capsys) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        f"base_model: {tiny_encoder_dir}\ntrain_path: {jsonl_path}\noutput_dir: {tmp_path / 'out'}\n"
        "segmenter: syllable\nepochs: 1\nmax_train_samples: 2\n"
    )
    assert main([str(cfg), "--quiet", "--set", "batch_size=2"]) == 0
    assert (tmp_path / "out" / "model-best" / "model.safetensors").is_file()
    assert "model saved to" in capsys.readouterr().out


def test_main_reports_errors(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path / "missing.yaml")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_missing_base_model(jsonl_path: Path, tmp_path: Path) -> None:
    from vnparty_ie.errors import ModelNotFoundError

    with pytest.raises(ModelNotFoundError):
        train(quick_config(tmp_path / "nope", jsonl_path, tmp_path / "run"))


def test_train_slow_tokenizer_and_long_sentences(tiny_slow_encoder_dir: Path, tmp_path: Path) -> None:
    """A PhoBERT-style slow tokenizer trains; a sentence longer than the window is windowed, not cut."""
    from vnparty_ie.tagger import EntityTagger

    docs = make_docs()
    long_text = " ".join(["công tác xây dựng đảng"] * 30) + " tại Hà Nội"
    start = long_text.index("Hà Nội")
    docs.append(Extraction(long_text, (make_entity(long_text, start, start + 6, "LOC"),), id="long"))
    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    result = train(quick_config(tiny_slow_encoder_dir, path, tmp_path / "run", epochs=2, dev_path=None))
    start_record = json.loads((tmp_path / "run" / "train_log.jsonl").read_text().splitlines()[0])
    assert start_record["train_sentences"] == 4
    assert start_record["train_windows"] > 4  # the 122-word sentence became several windows
    tagger = EntityTagger.from_pretrained(result.best_dir)
    assert type(tagger.tokenizer).__name__ == "PhobertTokenizer"
    assert "LOC" in tagger.schema.entity_labels
    assert all(long_text[e.start : e.end] == e.text for e in tagger.predict([long_text])[0])


@pytest.mark.parametrize("path", sorted(Path(__file__).resolve().parents[1].glob("training/configs/*.yaml")))
def test_shipped_configs_are_valid(path: Path) -> None:
    cfg = TrainConfig.from_yaml(path)
    assert cfg.base_model and cfg.train_path


def test_cli_train_subcommand(tiny_encoder_dir: Path, conll_path: Path, tmp_path: Path) -> None:
    from vnparty_ie.cli import main as cli_main

    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        f"base_model: {tiny_encoder_dir}\ntrain_path: {conll_path}\noutput_dir: {tmp_path / 'out'}\nepochs: 1\n"
    )
    assert cli_main(["train", str(cfg), "--quiet"]) == 0
    assert (tmp_path / "out" / "model-best" / "vnparty_ie.json").is_file()


def test_dev_loss_breaks_f1_ties(tiny_encoder_dir: Path, conll_path: Path, tmp_path: Path) -> None:
    # With a learning rate this small the F1 stays put, but the dev loss still falls:
    # the later epoch is kept rather than the first one.
    result = train(quick_config(tiny_encoder_dir, conll_path, tmp_path / "run", epochs=3, learning_rate=1e-4))
    log = [json.loads(line) for line in (tmp_path / "run" / "train_log.jsonl").read_text().splitlines()]
    epochs = [r for r in log if r["event"] == "epoch"]
    assert all("dev_loss" in r for r in epochs)
    best = max(epochs, key=lambda r: (r["dev_f1"], -r["dev_loss"]))
    assert result.metrics["best_epoch"] == best["epoch"]


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "gold" / "seeds.jsonl"


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_file(), reason="needs ../shared/gold/seeds.jsonl")
def test_train_on_real_gold_with_underthesea(tiny_encoder_dir: Path, tmp_path: Path) -> None:
    """The real data path: long articles, the default segmenter, relations in the gold."""
    from vnparty_ie.evaluation import evaluate
    from vnparty_ie.extractor import load

    lines = SEEDS.read_text(encoding="utf-8").splitlines()
    (tmp_path / "train.jsonl").write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")
    (tmp_path / "dev.jsonl").write_text(lines[4] + "\n", encoding="utf-8")
    cfg = quick_config(
        tiny_encoder_dir,
        tmp_path / "train.jsonl",
        tmp_path / "run",
        dev_path=str(tmp_path / "dev.jsonl"),
        segmenter="underthesea",
        epochs=2,
    )
    result = train(cfg)
    assert result.metrics["train_sentences"] > 50
    report = evaluate(load(result.best_dir), SEEDS)
    assert report.n_docs == 5 and report.n_gold > 500 and report.relations_micro is not None


def test_train_sentencepiece_bert_encoder(
    tiny_sentencepiece_encoder_dir: Path, jsonl_path: Path, tmp_path: Path
) -> None:
    """An XLM-R-style SentencePiece tokenizer over syllables with a BERT encoder (like e5-small-vi) trains and loads."""
    from vnparty_ie.tagger import EntityTagger

    result = train(quick_config(tiny_sentencepiece_encoder_dir, jsonl_path, tmp_path / "run"))
    assert result.metrics["dev_f1"] >= 0.8, result.metrics
    tagger = EntityTagger.from_pretrained(result.best_dir)
    assert json.loads((result.best_dir / "config.json").read_text())["model_type"] == "bert"
    text = SENTENCES[0][0]
    entities = tagger.predict([text])[0]
    assert entities and all(text[e.start : e.end] == e.text and e.source == "classifier" for e in entities)


def test_epoch_batches_cover_every_window_once() -> None:
    import torch

    from vnparty_ie.train import epoch_batches

    lengths = [(i * 37) % 101 for i in range(1000)]
    batches = epoch_batches(lengths, 16, torch.Generator().manual_seed(3))
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(1000)) and len(batches) == 63
    # Inside a batch, lengths are close: the mean spread is far below the random one.
    spread = sum(max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in batches) / len(batches)
    plain = epoch_batches(lengths, 16, torch.Generator().manual_seed(3), bucket=False)
    plain_spread = sum(max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in plain) / len(plain)
    assert spread < plain_spread / 4


def test_retrained_model_loads_with_its_dev_composition(tiny_encoder_dir: Path, jsonl_path: Path, tmp_path: Path,
                                                        caplog) -> None:  # fmt: skip
    """train writes pipeline.json chosen on dev; load() then scores exactly what the selection reported."""
    from vnparty_ie import load
    from vnparty_ie.compose import entity_micro_f1
    from vnparty_ie.io.jsonl import read_jsonl

    result = train(quick_config(tiny_encoder_dir, jsonl_path, tmp_path / "run", epochs=3))
    pipeline = json.loads((result.best_dir / "pipeline.json").read_text())
    assert pipeline["entities"]["combine"] in ("rules", "tagger", "tagger_first", "rules_first")
    composition = result.metrics["composition"]
    dev = read_jsonl(jsonl_path)
    extractor = load(result.best_dir)
    predicted = [list(d.entities) for d in extractor.extract_many([d.text for d in dev])]
    assert entity_micro_f1(dev, predicted)[2] == pytest.approx(composition["dev_f1"])
    assert composition["dev_f1"] >= max(c["f1"] for c in composition["candidates"].values()) - 1e-9


def test_train_token_json_any_scheme_with_crf(tiny_sentencepiece_encoder_dir: Path, tmp_path: Path) -> None:
    """The recommended retraining path on a public benchmark's layout: token JSON, IOBES tags, e5-style encoder, CRF."""
    from vnparty_ie.tagger import EntityTagger

    rows = [
        {"words": ["Bệnh_nhân", "491", "ở", "Hà_Nội"], "tags": ["O", "S-PATIENT_ID", "O", "S-LOCATION"]},
        {"words": ["Sở", "Y_tế", "Hà_Nội", "họp"], "tags": ["B-ORGANIZATION", "I-ORGANIZATION", "E-ORGANIZATION", "O"]},
    ] * 4
    path = tmp_path / "train_word.json"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    result = train(quick_config(tiny_sentencepiece_encoder_dir, path, tmp_path / "run", head="crf", epochs=30))
    tagger = EntityTagger.from_pretrained(result.best_dir)
    assert tagger.schema.entity_labels == ("LOCATION", "ORGANIZATION", "PATIENT_ID")
    assert result.metrics["dev_f1"] >= 0.8, result.metrics
    tags, _ = tagger.predict_words([["Bệnh_nhân", "491", "ở", "Hà_Nội"]])[0]
    assert tags == ["O", "B-PATIENT_ID", "O", "B-LOCATION"]


def test_linear_schedule_equals_the_hugging_face_one() -> None:
    import torch
    from transformers import get_linear_schedule_with_warmup

    from vnparty_ie.schedule import LinearSchedule

    def rates(make):
        opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=2e-4)
        sched = make(opt)
        out = []
        for _ in range(120):
            opt.step()
            sched.step()
            out.append(sched.get_last_lr()[0])
        return out

    ours = rates(lambda o: LinearSchedule(o, 0.06, 117))
    theirs = rates(lambda o: get_linear_schedule_with_warmup(o, int(0.06 * 117), 117))
    assert ours == theirs


def test_time_budget_keeps_the_epochs_that_fit(tiny_encoder_dir: Path, conll_path: Path, tmp_path: Path) -> None:
    # A budget far below one epoch: one epoch runs (never none), and the schedule ends with it.
    result = train(quick_config(tiny_encoder_dir, conll_path, tmp_path / "run", epochs=5, time_budget_minutes=0.001))
    log = [json.loads(line) for line in (tmp_path / "run" / "train_log.jsonl").read_text().splitlines()]
    epochs = [r for r in log if r["event"] == "epoch"]
    assert len(epochs) == 1 and result.metrics["best_epoch"] == 1
    assert [r["epochs"] for r in log if r["event"] == "time_budget"][:1] == [1]
    # without a budget every epoch runs
    train(quick_config(tiny_encoder_dir, conll_path, tmp_path / "run2", epochs=3, patience=None))
    log2 = [json.loads(line) for line in (tmp_path / "run2" / "train_log.jsonl").read_text().splitlines()]
    assert sum(r["event"] == "epoch" for r in log2) == 3 and not any(r["event"] == "time_budget" for r in log2)
