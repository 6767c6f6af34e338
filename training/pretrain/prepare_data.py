"""Streams a normalised corpus through the tokenizer into a flat token-id file.

Each article becomes its subword ids followed by `</s>` (RoBERTa's document
separator); ids are appended to `<out>.bin` (uint16 when the vocabulary fits) and
counts go to the `<out>.json` sidecar. Memory use is one batch of articles.

Example:
    nice -n 10 python -m training.pretrain.prepare_data --text work_data/pretrain/train.txt \
        --tokenizer work_data/pretrain/tokenizer --out work_data/pretrain/train.bin
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer
from tqdm import tqdm
from training.pretrain.corpus import iter_articles

BATCH_ARTICLES = 512


def _batches(path: Path, limit: int | None) -> Iterator[list[str]]:
    articles = (" ".join(lines) for lines in iter_articles(path, limit))
    while batch := list(islice(articles, BATCH_ARTICLES)):
        yield batch


def encode_corpus(text: Path, tokenizer_dir: Path, out: Path, limit: int | None = None) -> dict:
    """Tokenises a normalised text file into `out` (`.bin`) and writes its `.json` sidecar.

    Args:
        text: Normalised text written by `corpus.write_normalized`.
        tokenizer_dir: Directory with `tokenizer.json`.
        out: Output `.bin` path.
        limit: Number of articles (all when None).

    Returns:
        The sidecar metadata (dtype, counts, sources).
    """
    start = time.time()
    tokenizer = Tokenizer.from_file(str(tokenizer_dir / "tokenizer.json"))
    eos = tokenizer.token_to_id("</s>")
    dtype = np.uint16 if tokenizer.get_vocab_size() <= np.iinfo(np.uint16).max + 1 else np.uint32
    counts = {"articles": 0, "words": 0, "tokens": 0}
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        for batch in tqdm(_batches(text, limit), desc=f"encode {text.name}", unit=" batches", mininterval=10):
            for encoding in tokenizer.encode_batch(batch, add_special_tokens=False):
                ids = np.asarray(encoding.ids + [eos], dtype=dtype)
                handle.write(ids.tobytes())
                counts["tokens"] += len(ids)
                counts["words"] += len(set(encoding.word_ids))
            counts["articles"] += len(batch)
    meta = {"dtype": np.dtype(dtype).name, **counts, "text": str(text), "tokenizer": str(tokenizer_dir),
            "vocab_size": tokenizer.get_vocab_size(), "seconds": round(time.time() - start, 1)}
    out.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n")
    return meta


def main(argv: list[str] | None = None) -> None:
    """CLI entry point; prints the sidecar metadata."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--text", type=Path, required=True)
    parser.add_argument("--tokenizer", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None, help="number of articles (default: all)")
    args = parser.parse_args(argv)
    print(json.dumps(encode_corpus(args.text, args.tokenizer, args.out, args.limit)))


if __name__ == "__main__":
    main()
