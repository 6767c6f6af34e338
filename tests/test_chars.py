"""Optional character features (a char CNN added to the encoder's output): tables, pooling, training, loading."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from vnparty_ie.errors import ModelFormatError
from vnparty_ie.schema import DEFAULT_SCHEMA
from vnparty_ie.tagger import EntityTagger
from vnparty_ie.tagger.chars import CHARS_NAME, piece_tables


def test_piece_tables_follow_the_subword_markers(tiny_encoder_dir: Path, tiny_sentencepiece_encoder_dir: Path) -> None:
    from transformers import AutoTokenizer

    for directory, marker in ((tiny_encoder_dir, "##"), (tiny_sentencepiece_encoder_dir, "▁")):
        tok = AutoTokenizer.from_pretrained(str(directory))
        chars, starts, n_chars = piece_tables(tok)
        vocab = tok.get_vocab()
        assert len(chars) == len(starts) == max(vocab.values()) + 1 and n_chars > 1
        for piece, i in vocab.items():
            if i in tok.all_special_ids:
                assert starts[i] == (marker == "##" or i != tok.unk_token_id) and not any(chars[i])
            elif marker == "##":
                assert starts[i] == (not piece.startswith("##"))
            else:
                assert starts[i] == piece.startswith("▁")


def test_a_word_reads_one_vector_at_all_its_subwords(tiny_sentencepiece_encoder_dir: Path) -> None:
    import torch

    tagger = EntityTagger.from_encoder(
        tiny_sentencepiece_encoder_dir, DEFAULT_SCHEMA, segmenter="syllable", char_features=8
    )
    model = tagger.model
    assert tagger.char_features == 8 and tagger.head == "softmax"
    words = ["Quận", "Thanh", "Xuân", "Bùi", "Zyx", "Quậnx"]
    pieces = tagger.subwords.encode(words)
    assert max(len(w) for w in pieces) > 1
    ids = torch.tensor([tagger.prefix + [p for w in pieces for p in w] + tagger.suffix])
    with torch.no_grad():
        vectors = model.word_chars(ids)[0]
    pos = len(tagger.prefix)
    for word in pieces:
        for k in range(1, len(word)):
            assert torch.equal(vectors[pos + k], vectors[pos])
        pos += len(word)
    # zero-initialised output weights: the untrained model is the plain classifier
    plain = model.classifier(input_ids=ids, attention_mask=torch.ones_like(ids)).logits
    assert torch.allclose(model(input_ids=ids, attention_mask=torch.ones_like(ids)).logits, plain)


@pytest.mark.parametrize("head", ["softmax", "crf"])
def test_train_with_char_features_then_load(head: str, tiny_encoder_dir: Path, tmp_path: Path) -> None:
    if head == "crf" and importlib.util.find_spec("torchcrf") is None:
        pytest.skip("pytorch-crf not installed")
    from test_train import make_docs, quick_config

    from vnparty_ie.train import train

    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in make_docs()), encoding="utf-8")
    result = train(quick_config(tiny_encoder_dir, data, tmp_path / "run", compose=False, head=head, char_features=8))
    best = result.best_dir
    ours = json.loads((best / "vnparty_ie.json").read_text())
    assert (ours["char_features"], ours["head"], ours["format_version"]) == (8, head, 2)
    assert (best / CHARS_NAME).is_file() and "character CNN of 8 filters" in (best / "README.md").read_text()
    assert result.metrics["dev_f1"] >= 0.8, result.metrics
    trained = EntityTagger.from_pretrained(best)
    assert (trained.char_features, trained.head) == (8, head)
    auto = EntityTagger.from_pretrained(best, backend="auto")  # the NumPy runtime has no char CNN: torch
    assert auto.uses_torch
    words = [["Bí", "thư", "Quận", "ủy", "Thanh", "Xuân", "Bùi", "Huyền", "Mai"]]
    for (tags, scores), (tags2, scores2) in zip(trained.predict_words(words), auto.predict_words(words)):
        assert tags == tags2
        np.testing.assert_allclose(scores, scores2, atol=1e-5)
    for backend in ("numpy", "onnx"):
        with pytest.raises(ModelFormatError, match="character features"):
            EntityTagger.from_pretrained(best, backend=backend)
    (best / CHARS_NAME).unlink()
    with pytest.raises(ModelFormatError, match=CHARS_NAME):
        EntityTagger.from_pretrained(best)
