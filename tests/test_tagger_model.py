"""The EntityTagger: loading and saving, windowed inference over long texts, errors."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnparty_ie.errors import ConfigError, ModelFormatError, ModelNotFoundError
from vnparty_ie.schema import DEFAULT_SCHEMA, Schema
from vnparty_ie.tagger import EntityTagger

FILLER = ["công", "tác", "xây", "dựng", "đảng", "nhiệm", "vụ", "năm", "qua", "tốt"]
SMALL_SCHEMA = Schema(entity_labels=("ORG", "PER", "LOC"), relation_types={}, name="test")


class OracleModel(torch.nn.Module):
    """A stand-in token classifier with known outputs.

    Each token id has a fixed tag (``O`` unless given in ``rules``); optionally the
    first word of every window is forced to ``first_tag``, to see which window a
    word's prediction comes from.
    """

    def __init__(self, config, rules: dict[int, int], first_tag: int | None = None) -> None:
        super().__init__()
        self.config = config
        table = torch.zeros(config.vocab_size, config.num_labels)
        table[:, 0] = 4.0
        for token_id, tag in rules.items():
            table[token_id] = 0.0
            table[token_id, tag] = 6.0
        self.register_buffer("table", table)
        self.first_tag = first_tag
        self.anchor = torch.nn.Parameter(torch.zeros(1))

    def forward(self, input_ids, attention_mask=None, **_):
        logits = self.table[input_ids].clone()
        if self.first_tag is not None:
            logits[:, 1, :] = 0.0
            logits[:, 1, self.first_tag] = 9.0
        return SimpleNamespace(logits=logits)


def oracle_tagger(encoder_dir: Path, marks: dict[str, str], first_tag: str | None = None, stride: int = 8):
    from transformers import AutoTokenizer, RobertaConfig

    tokenizer = AutoTokenizer.from_pretrained(str(encoder_dir))
    tags = SMALL_SCHEMA.bio_tags()
    config = RobertaConfig(
        vocab_size=len(tokenizer),
        max_position_embeddings=34,
        pad_token_id=1,
        id2label=dict(enumerate(tags)),
        label2id={t: i for i, t in enumerate(tags)},
    )
    first_ids = {w: tokenizer(w, add_special_tokens=False)["input_ids"][0] for w in list(marks) + FILLER}
    rules = {first_ids[w]: tags.index(t) for w, t in marks.items()}
    assert len(set(first_ids.values())) == len(first_ids), "marker and filler words must not share a first subword"
    model = OracleModel(config, rules, None if first_tag is None else tags.index(first_tag))
    return EntityTagger(model, tokenizer, SMALL_SCHEMA, segmenter="syllable", stride=stride)


def filler(n: int) -> list[str]:
    return [FILLER[i % len(FILLER)] for i in range(n)]


def test_max_length_comes_from_the_encoder(tiny_tagger: EntityTagger) -> None:
    assert tiny_tagger.max_length == 32
    assert tiny_tagger.budget == 30  # <s> and </s>
    assert tiny_tagger.prefix == [0] and tiny_tagger.suffix == [2]


def test_predict_offsets_and_scores(tiny_tagger: EntityTagger) -> None:
    texts = ["Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai phát biểu.", "", "   ", "Hà Nội"]
    out = tiny_tagger.predict(texts)
    assert len(out) == 4 and out[1] == [] and out[2] == []
    for text, ents in zip(texts, out):
        for e in ents:
            assert text[e.start : e.end] == e.text and 0.0 < e.score <= 1.0
            assert e.label in DEFAULT_SCHEMA.entity_labels
        assert all(a.end <= b.start for a, b in itertools.pairwise(ents))


def test_predict_rejects_non_strings(tiny_tagger: EntityTagger) -> None:
    with pytest.raises(TypeError):
        tiny_tagger.predict("a string, not a list")
    with pytest.raises(TypeError):
        tiny_tagger.predict([b"bytes"])
    with pytest.raises(ConfigError):
        tiny_tagger.predict_word_probs([["a"]], batch_size=0)


def test_save_load_identical_predictions(tiny_tagger: EntityTagger, tmp_path: Path) -> None:
    texts = ["Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai cho biết tổng thu ngân sách năm 2023 đạt hơn 6.164 tỷ đồng."] * 3
    before = tiny_tagger.predict(texts)
    directory = tiny_tagger.save_pretrained(tmp_path / "model", metrics={"dev_f1": 0.5})
    for name in ("config.json", "model.safetensors", "vnparty_ie.json", "metrics.json", "README.md"):
        assert (directory / name).is_file(), name
    config = json.loads((directory / "config.json").read_text())
    assert config["id2label"]["0"] == "O" and len(config["id2label"]) == 21
    assert "dev_f1" in (directory / "README.md").read_text()
    loaded = EntityTagger.from_pretrained(directory)
    assert loaded.predict(texts) == before
    assert loaded.max_length == tiny_tagger.max_length and loaded.stride == tiny_tagger.stride


def test_batch_size_does_not_change_probabilities(tiny_tagger: EntityTagger) -> None:
    seqs = [filler(n) for n in (3, 40, 7, 100, 1)]
    a = tiny_tagger.predict_word_probs(seqs, batch_size=1)
    b = tiny_tagger.predict_word_probs(seqs, batch_size=32)
    for x, y in zip(a, b):
        np.testing.assert_allclose(x, y, atol=1e-5)


def test_long_document_every_word_tagged(tiny_tagger: EntityTagger) -> None:
    words = filler(2500)
    probs = tiny_tagger.predict_word_probs([words])[0]
    assert probs.shape == (2500, 21)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-4)
    text = " ".join(words)
    entities = tiny_tagger.predict([text])[0]
    assert entities and max(e.end for e in entities) > len(text) - 200  # reaches the end of the text


def test_entity_across_window_boundary_comes_out_once(tiny_encoder_dir: Path) -> None:
    tagger = oracle_tagger(tiny_encoder_dir, {"Thanh": "B-ORG", "Xuân": "I-ORG"})
    for position in range(20, 200):
        words = filler(2000)
        words[position : position + 2] = ["Thanh", "Xuân"]
        _, windows, owner = tagger.windows_for(words)
        if owner[position] != owner[position + 1]:
            break
    else:  # pragma: no cover
        pytest.fail("no window boundary found")
    assert len(windows) > 50
    text = " ".join(words)
    entities = tagger.predict([text])[0]
    assert [(e.text, e.label) for e in entities] == [("Thanh Xuân", "ORG")]
    start = text.index("Thanh Xuân")
    assert entities[0].start == start and entities[0].score > 0.95


def test_entity_inside_overlap_comes_out_once(tiny_encoder_dir: Path) -> None:
    tagger = oracle_tagger(tiny_encoder_dir, {"Thanh": "B-ORG", "Xuân": "I-ORG"})
    words = filler(300)
    _, windows, _ = tagger.windows_for(words)
    (_, b), (c, _) = windows[3], windows[4]
    assert b - c >= 3  # an overlap of at least three words
    words[c : c + 2] = ["Thanh", "Xuân"]
    entities = tagger.predict([" ".join(words)])[0]
    assert [(e.text, e.label) for e in entities] == [("Thanh Xuân", "ORG")]


def test_each_word_uses_the_window_where_it_is_most_central(tiny_encoder_dir: Path) -> None:
    # The oracle tags the first word of EVERY window as PER; with centre-based
    # assignment only the document's first word (no left context anywhere) keeps it.
    tagger = oracle_tagger(tiny_encoder_dir, {}, first_tag="B-PER", stride=10)
    words = filler(500)
    text = " ".join(words)
    entities = tagger.predict([text])[0]
    assert [(e.start, e.label) for e in entities] == [(0, "PER")]


def test_word_longer_than_a_window_is_kept(tiny_tagger: EntityTagger, caplog) -> None:
    giant = "_".join(["xyzqw"] * 40)  # far more subwords than the 30 of a window
    words = ["công", giant, "tác"]
    probs = tiny_tagger.predict_word_probs([words])[0]
    assert probs.shape[0] == 3
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-4)
    assert "more subwords than a window" in caplog.text


def test_twenty_thousand_words_end_to_end(tiny_tagger: EntityTagger) -> None:
    sentence = "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai cho biết tổng thu ngân sách năm 2023 đạt hơn 6.164 tỷ đồng"
    text = " ".join([sentence] * 910)  # one "sentence" of over 20,000 words: no full stop
    assert len(text.split()) >= 20_000
    sentences = tiny_tagger.tokenize_fn(text)
    n_words = sum(len(s.tokens) for s in sentences)
    probs = tiny_tagger.predict_word_probs([[t.form for t in s.tokens] for s in sentences], batch_size=64)
    assert sum(p.shape[0] for p in probs) == n_words
    assert all(np.allclose(p.sum(axis=1), 1.0, atol=1e-4) for p in probs)
    entities = tiny_tagger.predict([text], batch_size=64)[0]
    assert all(text[e.start : e.end] == e.text for e in entities)


def test_slow_phobert_tokenizer(tiny_slow_encoder_dir: Path, tmp_path: Path) -> None:
    from transformers import PreTrainedTokenizerFast

    tagger = EntityTagger.from_encoder(tiny_slow_encoder_dir, SMALL_SCHEMA, segmenter="syllable")
    assert not isinstance(tagger.tokenizer, PreTrainedTokenizerFast)
    pieces = tagger.subwords.encode(["Quận_ủy", "Thanh_Xuân", "zzzzqqq"])
    assert all(pieces) and len(pieces[2]) > 1
    words = filler(200)
    probs = tagger.predict_word_probs([words])[0]
    assert probs.shape == (200, 7)
    tagger.save_pretrained(tmp_path / "slow")
    again = EntityTagger.from_pretrained(tmp_path / "slow")
    assert type(again.tokenizer).__name__ == "PhobertTokenizer"
    np.testing.assert_allclose(again.predict_word_probs([words])[0], probs, atol=1e-6)


def test_load_errors(tiny_encoder_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="does not exist"):
        EntityTagger.from_pretrained(tmp_path / "missing")
    with pytest.raises(ModelFormatError, match="vnparty_ie.json"):
        EntityTagger.from_pretrained(tiny_encoder_dir)  # an encoder, not a tagger
    with pytest.raises(ModelNotFoundError):
        EntityTagger.from_encoder("no-such-org/no-such-model", SMALL_SCHEMA)
    with pytest.raises(ModelNotFoundError):
        EntityTagger.from_encoder(tmp_path / "nope", SMALL_SCHEMA)
    broken = tmp_path / "broken"
    shutil.copytree(tiny_encoder_dir, broken)
    (broken / "config.json").write_text("{not json")
    with pytest.raises(ModelFormatError):
        EntityTagger.from_encoder(broken, SMALL_SCHEMA)


def test_newer_format_is_refused(tiny_tagger: EntityTagger, tmp_path: Path) -> None:
    directory = tiny_tagger.save_pretrained(tmp_path / "m")
    data = json.loads((directory / "vnparty_ie.json").read_text())
    data["format_version"] = 99
    (directory / "vnparty_ie.json").write_text(json.dumps(data))
    with pytest.raises(ModelFormatError, match="upgrade"):
        EntityTagger.from_pretrained(directory)


def test_labels_must_match_schema(tiny_tagger: EntityTagger) -> None:
    with pytest.raises(ModelFormatError, match="do not match"):
        EntityTagger(tiny_tagger.model, tiny_tagger.tokenizer, SMALL_SCHEMA)
    with pytest.raises(ConfigError, match="exceeds"):
        EntityTagger(tiny_tagger.model, tiny_tagger.tokenizer, DEFAULT_SCHEMA, max_length=4096)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(alphabet=st.sampled_from(list("aăâbcdđeêgiklmnoôơpqrstuưvxyÐ àáạỏ.,%-/\n\u200b\u0301")), max_size=120)
)
def test_predict_never_raises_and_offsets_hold(tiny_tagger: EntityTagger, text: str) -> None:
    for e in tiny_tagger.predict([text])[0]:
        assert text[e.start : e.end] == e.text
