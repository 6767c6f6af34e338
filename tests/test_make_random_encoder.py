"""The random-initialisation baselines of the pre-training comparison (training/make_random_encoder.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import torch

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from training.make_random_encoder import make_random_encoder


def test_random_copy_and_word2vec_embeddings(tiny_encoder_dir: Path, tmp_path: Path) -> None:
    from transformers import AutoModel, AutoTokenizer

    source = AutoModel.from_pretrained(tiny_encoder_dir)
    plain = AutoModel.from_pretrained(make_random_encoder(tiny_encoder_dir, tmp_path / "random"))
    assert plain.config.to_dict()["hidden_size"] == source.config.hidden_size
    assert AutoTokenizer.from_pretrained(tmp_path / "random").vocab_size == \
        AutoTokenizer.from_pretrained(tiny_encoder_dir).vocab_size

    shape = tuple(plain.get_input_embeddings().weight.shape)
    matrix = np.random.default_rng(0).normal(0, 0.02, size=shape).astype(np.float32)
    np.save(tmp_path / "w2v.npy", matrix)
    seeded = AutoModel.from_pretrained(make_random_encoder(tiny_encoder_dir, tmp_path / "w2v", embeddings=tmp_path / "w2v.npy"))
    assert torch.equal(seeded.get_input_embeddings().weight.detach(), torch.from_numpy(matrix))
    layer = "encoder.layer.0.attention.self.query.weight"
    assert torch.equal(seeded.state_dict()[layer], plain.state_dict()[layer])  # same seed elsewhere

    np.save(tmp_path / "bad.npy", matrix[:, :2])
    with pytest.raises(ValueError, match="shape"):
        make_random_encoder(tiny_encoder_dir, tmp_path / "bad", embeddings=tmp_path / "bad.npy")
