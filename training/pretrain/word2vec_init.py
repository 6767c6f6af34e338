"""Word2vec vectors for the encoder's BPE vocabulary, to initialise its word embeddings.

Issue 4 suggests initialising the embeddings from vectors trained on the same
corpus, because on two CPU cores masked-LM pre-training sees only a fraction of
an epoch. The vectors are trained with gensim directly on the token-id file that
pre-training reads (`prepare_data`'s `.bin`), so there is one vector per BPE token
of the tokenizer and no word-to-subword mapping is needed.

The result is a float32 `.npy` matrix of shape (vocab_size, dim): rows of tokens
that never occur (special tokens, unused merges) are drawn from N(0, std), and
all rows are rescaled to the element standard deviation `std` of the random
initialisation, so only the directions carry the word2vec information.

Usage::

    python -m training.pretrain.word2vec_init --data work_data/pretrain/train.bin \
        --vocab-size 16000 --dim 256 --out work_data/pretrain/w2v-256.npy
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
from training.pretrain.data import TokenFile

MAX_SENTENCE = 10_000  # gensim's limit on the tokens of one training "sentence"


class TokenChunks:
    """Restartable iterable of token-id strings in chunks, as gensim's corpus interface wants.

    Args:
        ids: Token ids (memory-mapped).
        limit: Use only the first `limit` tokens (None: all).
    """

    def __init__(self, ids: np.ndarray, limit: int | None = None) -> None:
        self.ids = ids if limit is None else ids[:limit]
        self.names = [str(i) for i in range(int(self.ids.max()) + 1)] if len(self.ids) else []

    def __iter__(self) -> Iterator[list[str]]:
        names = self.names
        for start in range(0, len(self.ids), MAX_SENTENCE):
            yield [names[i] for i in self.ids[start:start + MAX_SENTENCE].tolist()]


def train_vectors(ids: np.ndarray, vocab_size: int, dim: int, *, window: int = 5, epochs: int = 3,
                  min_count: int = 5, workers: int = 2, seed: int = 0, std: float = 0.02,
                  limit: int | None = None) -> tuple[np.ndarray, dict[str, float]]:
    """Trains CBOW word2vec over token ids and returns an embedding matrix for the vocabulary.

    Args:
        ids: Token ids of the training corpus.
        vocab_size: Rows of the returned matrix (the tokenizer's vocabulary size).
        dim: Vector size (the encoder's hidden size).
        window: Context window in tokens.
        epochs: Passes over the data.
        min_count: Tokens rarer than this keep a random row.
        workers: gensim worker threads.
        seed: Seed of gensim and of the random rows.
        std: Element standard deviation of the returned matrix.
        limit: Train on the first `limit` tokens only.

    Returns:
        The (vocab_size, dim) float32 matrix and statistics (`covered`, `seconds`, `tokens`).

    Raises:
        ValueError: If an id in the data is outside the vocabulary.
    """
    from gensim.models import Word2Vec

    corpus = TokenChunks(ids, limit)
    if len(corpus.names) > vocab_size:
        raise ValueError(f"token id {len(corpus.names) - 1} is outside a vocabulary of {vocab_size}")
    started = time.perf_counter()
    model = Word2Vec(sentences=corpus, vector_size=dim, window=window, min_count=min_count, sg=0,
                     workers=workers, epochs=epochs, seed=seed)
    seconds = time.perf_counter() - started
    rng = np.random.default_rng(seed)
    matrix = rng.normal(0.0, 1.0, size=(vocab_size, dim)).astype(np.float32)
    trained = np.zeros(vocab_size, dtype=bool)
    for name in model.wv.index_to_key:
        trained[int(name)] = True
    rows = np.array([int(name) for name in model.wv.index_to_key], dtype=np.int64)
    if len(rows):
        vectors = model.wv.vectors.astype(np.float32)
        vectors = (vectors - vectors.mean(axis=0)) / (vectors.std() + 1e-12)
        matrix[rows] = vectors
    matrix *= std / (matrix.std() + 1e-12)
    stats = {"covered": int(trained.sum()), "vocab_size": vocab_size, "seconds": round(seconds, 1),
             "tokens": len(corpus.ids), "epochs": epochs, "window": window, "min_count": min_count}
    return matrix, stats


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: writes `--out` (.npy) and a `.json` sidecar with the statistics."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="token file (.bin) from prepare_data")
    parser.add_argument("--vocab-size", type=int, required=True)
    parser.add_argument("--dim", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--window", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N tokens")
    parser.add_argument("--std", type=float, default=0.02, help="element std of the output (RoBERTa init: 0.02)")
    args = parser.parse_args(argv)
    matrix, stats = train_vectors(TokenFile.open(args.data).ids, args.vocab_size, args.dim, window=args.window,
                                  epochs=args.epochs, min_count=args.min_count, workers=args.workers,
                                  std=args.std, limit=args.limit)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.save(args.out, matrix)
    stats["data"] = str(args.data)
    args.out.with_suffix(".json").write_text(json.dumps(stats, indent=2) + "\n")
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
