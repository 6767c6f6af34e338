"""Build a randomly initialised copy of an encoder: same architecture and tokenizer, no pre-training.

It is the baseline (b) of the pre-training comparison: fine-tune the tagger from
the pre-trained encoder and from this one on the same data and step budget.

With ``--embeddings`` (a ``.npy`` matrix from ``training.pretrain.word2vec_init``)
the word embeddings are set from it: the "word2vec only, no masked-LM" ablation.

Usage::

    python training/make_random_encoder.py --encoder models/vnparty-roberta-small --out work_data/enc-random
    python training/make_random_encoder.py --encoder models/vnparty-roberta-small --out work_data/enc-w2v \\
        --embeddings work_data/pretrain/w2v-256.npy
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path


def make_random_encoder(encoder: Path, out: Path, seed: int = 0, embeddings: Path | None = None) -> Path:
    """Save a random-weight model with ``encoder``'s config and tokenizer files to ``out``.

    Args:
        encoder: Encoder directory whose config and tokenizer are copied.
        out: Output directory.
        seed: Seed of the random initialisation.
        embeddings: Optional ``.npy`` (vocab_size, hidden) matrix for the word embeddings.

    Returns:
        ``out``.

    Raises:
        ValueError: If the embedding matrix does not fit the architecture.
    """
    import numpy as np
    import torch
    from transformers import AutoConfig, AutoModel

    config = AutoConfig.from_pretrained(encoder, local_files_only=True)
    torch.manual_seed(seed)
    model = AutoModel.from_config(config)
    if embeddings is not None:
        matrix = torch.from_numpy(np.load(embeddings)).float()
        weight = model.get_input_embeddings().weight
        if tuple(matrix.shape) != tuple(weight.shape):
            raise ValueError(f"{embeddings}: shape {tuple(matrix.shape)} != embeddings {tuple(weight.shape)}")
        with torch.no_grad():
            weight.copy_(matrix)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt", "bpe.codes"):
        if (encoder / name).is_file():
            shutil.copy2(encoder / name, out / name)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--encoder", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--embeddings", type=Path, default=None, help="word2vec .npy for the word embeddings")
    args = parser.parse_args(argv)
    print(make_random_encoder(args.encoder, args.out, args.seed, args.embeddings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
