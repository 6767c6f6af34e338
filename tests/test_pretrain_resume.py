"""Pre-training on a tiny synthetic corpus: exact resumption, warm restart and export.

Builds the whole pipeline in a temporary directory (normalise, BPE tokenizer, token
files, a 1-layer model) in a few seconds, no network and no shared corpus.
"""

from __future__ import annotations

import gzip
import json
import random
import signal
import sys
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # training/ is a source folder, not an installed package

from training.pretrain.checkpoint import CHECKPOINT_NAME, load_checkpoint
from training.pretrain.config import PretrainConfig
from training.pretrain.corpus import iter_lines, write_normalized
from training.pretrain.export import export_run
from training.pretrain.prepare_data import encode_corpus
from training.pretrain.pretrain import LOG_NAME, Trainer
from training.pretrain.train_tokenizer import save_tokenizer, train_bpe

WORDS = ["Bí_thư", "Quận_uỷ", "Thành_uỷ", "Đảng_bộ", "đảng_viên", "nghị_quyết", "hội_nghị", "chỉ_tiêu", "hoà_bình",
         "tổ_chức", "kết_nạp", "nhiệm_kỳ", "Hà_Nội", "Thanh_Xuân", "năm", "2023", "đạt", "tăng", "mới", ",", "."]
SEQ_LEN = 32
STEPS = 8
INTERRUPT_AT = 4


def _write_corpus(path: Path, articles: int, seed: int) -> None:
    rng = random.Random(seed)
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for index in range(articles):
            lines = [" ".join(rng.choices(WORDS, k=rng.randint(6, 18))) for _ in range(rng.randint(2, 5))]
            handle.write(json.dumps({"id": f"doc/{index}", "text": "\n".join(lines)}, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Normalised tiny corpus, tokenizer and token files."""
    root = tmp_path_factory.mktemp("pretrain")
    paths: dict[str, Path] = {"root": root, "tokenizer": root / "tokenizer"}
    for split, articles, seed in (("train", 120, 0), ("val", 20, 1)):
        _write_corpus(root / f"{split}.jsonl.gz", articles, seed)
        write_normalized(root / f"{split}.jsonl.gz", root / f"{split}.txt", limit=None, workers=1)
    tokenizer = train_bpe(iter_lines(root / "train.txt"), vocab_size=120)
    save_tokenizer(tokenizer, SEQ_LEN, paths["tokenizer"])
    for split in ("train", "val"):
        paths[split] = root / f"{split}.bin"
        encode_corpus(root / f"{split}.txt", paths["tokenizer"], paths[split])
    return paths


def _config(data: dict[str, Path], run: str, **overrides: object) -> PretrainConfig:
    values: dict[str, object] = {
        "train_data": str(data["train"]), "val_data": str(data["val"]), "tokenizer": str(data["tokenizer"]),
        "output_dir": str(data["root"] / run), "layers": 1, "hidden": 32, "heads": 2, "ffn": 64, "seq_len": SEQ_LEN,
        "micro_batch": 4, "grad_accum": 2, "max_steps": STEPS, "warmup_steps": 2, "lr": 1e-3, "threads": 1,
        "log_every": 1, "eval_every": INTERRUPT_AT, "eval_sequences": 8, "checkpoint_every": 100,
    }
    values.update(overrides)
    return PretrainConfig.from_dict(values)


def _log(config: PretrainConfig) -> list[dict]:
    return [json.loads(line) for line in (Path(config.output_dir) / LOG_NAME).read_text().splitlines()]


def test_normalised_corpus_and_tokenizer(tiny_data: dict[str, Path]) -> None:
    text = (tiny_data["root"] / "train.txt").read_text(encoding="utf-8")
    assert "Quận_ủy" in text and "hòa_bình" in text and "uỷ" not in text
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_data["tokenizer"])
    sentence = "Bí_thư Quận_ủy Thanh_Xuân chủ_trì hội_nghị ."
    in_sentence = tokenizer(sentence.split(), is_split_into_words=True, add_special_tokens=False)
    alone = [tokenizer(word, add_special_tokens=False).input_ids for word in sentence.split()]
    assert in_sentence.input_ids == [i for ids in alone for i in ids]
    assert tokenizer(sentence).input_ids[0] == tokenizer.bos_token_id
    assert tokenizer(sentence).input_ids[-1] == tokenizer.eos_token_id
    assert tokenizer.model_max_length == SEQ_LEN
    config = json.loads((tiny_data["tokenizer"] / "tokenizer_config.json").read_text())
    assert config["tokenizer_class"] == "PreTrainedTokenizerFast"


def test_resume_matches_uninterrupted_run(tiny_data: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    straight = _config(tiny_data, "straight")
    assert Trainer(straight).run()

    interrupted = _config(tiny_data, "interrupted")
    original = Trainer.train_step

    def train_step_then_signal(self: Trainer) -> tuple[float, float]:
        result = original(self)
        if self.counters.step == INTERRUPT_AT:
            self._request_stop(signal.SIGTERM, None)
        return result

    monkeypatch.setattr(Trainer, "train_step", train_step_then_signal)
    assert not Trainer(interrupted).run()
    monkeypatch.undo()
    stopped = load_checkpoint(Path(interrupted.output_dir) / CHECKPOINT_NAME)
    assert stopped["counters"]["step"] == INTERRUPT_AT
    assert Trainer(interrupted).run()

    a = load_checkpoint(Path(straight.output_dir) / CHECKPOINT_NAME)
    b = load_checkpoint(Path(interrupted.output_dir) / CHECKPOINT_NAME)
    assert a["counters"]["step"] == b["counters"]["step"] == STEPS
    assert a["counters"]["tokens_seen"] == b["counters"]["tokens_seen"]
    assert a["data"] == b["data"]
    assert a["scheduler"] == b["scheduler"]
    for name, tensor in a["model"].items():
        assert torch.equal(tensor, b["model"][name]), name
    for key, value in a["optimizer"]["state"].items():
        assert torch.equal(value["exp_avg"], b["optimizer"]["state"][key]["exp_avg"])
    losses = {r["step"]: r["loss"] for r in _log(straight) if r["event"] == "train"}
    resumed_losses = {r["step"]: r["loss"] for r in _log(interrupted) if r["event"] == "train"}
    assert losses == resumed_losses
    assert [r["event"] for r in _log(interrupted) if r["event"] in ("resume", "stopped", "done")] == \
        ["stopped", "resume", "done"]


def test_resume_with_longer_schedule(tiny_data: dict[str, Path]) -> None:
    first = _config(tiny_data, "extended", max_steps=INTERRUPT_AT)
    assert Trainer(first).run()
    longer = _config(tiny_data, "extended", max_steps=INTERRUPT_AT + 3)
    trainer = Trainer(longer)
    assert trainer.run()
    assert trainer.counters.step == INTERRUPT_AT + 3
    assert trainer.scheduler.get_last_lr()[0] == 0.0
    change = [r for r in _log(longer) if r["event"] == "schedule_change"]
    assert change == [{**change[0], "step": INTERRUPT_AT, "old_max_steps": INTERRUPT_AT,
                       "max_steps": INTERRUPT_AT + 3}]
    lrs = [r["lr"] for r in _log(longer) if r["event"] == "train" and r["step"] > INTERRUPT_AT]
    assert lrs == sorted(lrs, reverse=True) and lrs[0] > 0


def test_export_loads_offline_and_warm_restarts(tiny_data: dict[str, Path]) -> None:
    from transformers import AutoModel, AutoModelForMaskedLM, AutoTokenizer

    source = _config(tiny_data, "source", max_steps=4)
    Trainer(source).run()
    out = tiny_data["root"] / "export"
    state = export_run(Path(source.output_dir), out, reports_dir=tiny_data["root"] / "no-reports")
    assert abs(state["eval_fp16_weights"]["mlm_accuracy"] - state["eval_fp32"]["mlm_accuracy"]) < 0.05
    assert {"config.json", "model.safetensors", "tokenizer.json", "README.md", "trainer_state.json"} <= \
        {p.name for p in out.iterdir()}
    assert AutoModel.from_pretrained(out).dtype == torch.float32
    mlm = AutoModelForMaskedLM.from_pretrained(out)
    tokenizer = AutoTokenizer.from_pretrained(out)
    encoded = tokenizer("Bí_thư <mask> Thanh_Xuân .", return_tensors="pt")
    assert mlm(**encoded).logits.shape[-1] == mlm.config.vocab_size
    assert "TODO" in (out / "README.md").read_text()  # no tagger comparison report yet: the card says so

    phase2 = _config(tiny_data, "phase2", init_from=str(out), max_steps=2)
    trainer = Trainer(phase2)
    assert trainer.restore() == "warm_restart"
    assert trainer.counters.prior_steps == 4 and trainer.counters.tokens_seen == state["counters"]["tokens_seen"]
    assert trainer.train_data.state_dict() == state["data"]
    reference = mlm.state_dict()
    for name, tensor in trainer.model.state_dict().items():
        assert torch.equal(tensor, reference[name]), name
    restart = [r for r in _log(phase2) if r["event"] == "warm_restart"]
    assert restart and restart[0]["data_position_resumed"]


def test_card_renders_the_tagger_comparison() -> None:
    from training.pretrain.card import _tagger_section

    run = {"epochs": 2, "learning_rate": 3e-4, "train_sentences": 10, "dev_f1_by_epoch": [0.5, 0.6],
           "dev_f1_seqeval_strict": 0.6, "dev_span_f1": 0.58, "train_seconds": 12.0}
    report = {"config": "c.yaml", "commands": {"a": "A", "b": "B", "collect": "C"},
              "a_pretrained": run, "b_random": {**run, "dev_f1_seqeval_strict": 0.55}}
    text = _tagger_section(report)
    assert "TODO" not in text and "0.500, 0.600" in text and "+0.0500" in text
    assert "TODO" in _tagger_section(None)
    extra = {**run, "name": "word2vec only", "base_model": "enc-w2v", "dev_f1_seqeval_strict": 0.5812}
    text = _tagger_section({**report, "extra": [extra]})
    assert "| (c) word2vec only |" in text and "0.5812" in text and "(c): base model `enc-w2v`" in text


def test_word2vec_embeddings_initialise_a_fresh_run(tiny_data: dict[str, Path], tmp_path: Path) -> None:
    pytest.importorskip("gensim", reason="word2vec needs gensim (the dev and pretrain extras)")
    import numpy as np
    from training.pretrain.data import TokenFile
    from training.pretrain.word2vec_init import train_vectors

    ids = TokenFile.open(tiny_data["train"]).ids
    matrix, stats = train_vectors(ids, vocab_size=120, dim=32, epochs=2, min_count=1, workers=1)
    assert matrix.shape == (120, 32) and matrix.dtype == np.float32
    assert abs(float(matrix.std()) - 0.02) < 1e-4
    assert 0 < stats["covered"] <= 120 and stats["tokens"] == len(ids)
    with pytest.raises(ValueError, match="outside a vocabulary"):
        train_vectors(ids, vocab_size=5, dim=8, epochs=1, min_count=1, workers=1)

    path = tmp_path / "w2v.npy"
    np.save(path, matrix)
    trainer = Trainer(_config(tiny_data, "w2v", init_embeddings=str(path), max_steps=1))
    assert trainer.restore() == "fresh"
    embeddings = trainer.model.get_input_embeddings().weight
    assert torch.equal(embeddings.detach(), torch.from_numpy(matrix))
    assert trainer.model.lm_head.decoder.weight.data_ptr() == embeddings.data_ptr()  # tied: the LM head too
    np.save(path, matrix[:, :8])
    with pytest.raises(ValueError, match="does not match"):
        Trainer(_config(tiny_data, "w2v-bad", init_embeddings=str(path))).restore()
