"""Trains the BPE tokenizer on the normalised, word-segmented corpus, and measures vocabulary sizes.

Words are split on whitespace only and BPE runs inside each word, non-initial
pieces carrying the `##` prefix, so a word always gets the same subwords alone or
in a sentence (the tagger tokenises word by word). Special tokens and the template
`<s> A </s>` (pairs `<s> A </s></s> B </s>`) follow RoBERTa.

Examples:
    # measure candidate sizes on held-out val
    python -m training.pretrain.train_tokenizer measure --train work_data/pretrain/train.txt \
        --val work_data/pretrain/val.txt --sizes 8000 16000 24000 32000 \
        --report training/pretrain/reports/tokenizer_sizes.json
    # train and save the chosen one
    python -m training.pretrain.train_tokenizer train --train work_data/pretrain/train.txt \
        --vocab-size 16000 --max-length 128 --out work_data/pretrain/tokenizer
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
from training.pretrain.corpus import iter_lines
from transformers import PreTrainedTokenizerFast

SPECIAL_TOKENS = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
CONTINUATION_PREFIX = "##"
# Characters kept in the base alphabet; rarer ones (mostly CJK or symbols) become <unk>.
ALPHABET_LIMIT = 1000


def train_bpe(lines: Iterable[str], vocab_size: int, min_frequency: int = 2) -> Tokenizer:
    """Trains a whitespace-split BPE tokenizer with RoBERTa special tokens.

    Args:
        lines: Normalised, word-segmented text lines.
        vocab_size: Target vocabulary size (including special tokens).
        min_frequency: Minimum pair frequency for a merge.

    Returns:
        The trained tokenizer; special tokens have ids 0-4 in `SPECIAL_TOKENS` order.
    """
    tokenizer = Tokenizer(models.BPE(unk_token="<unk>", continuing_subword_prefix=CONTINUATION_PREFIX,
                                     fuse_unk=True))
    tokenizer.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tokenizer.decoder = decoders.WordPiece(prefix=CONTINUATION_PREFIX, cleanup=False)
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=min_frequency,
                                  special_tokens=SPECIAL_TOKENS, limit_alphabet=ALPHABET_LIMIT,
                                  continuing_subword_prefix=CONTINUATION_PREFIX, show_progress=False)
    tokenizer.train_from_iterator(lines, trainer=trainer)
    bos, eos = tokenizer.token_to_id("<s>"), tokenizer.token_to_id("</s>")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", bos), ("</s>", eos)])
    return tokenizer


def to_transformers(tokenizer: Tokenizer, max_length: int) -> PreTrainedTokenizerFast:
    """Wraps a trained tokenizer as a RoBERTa-style `PreTrainedTokenizerFast`.

    Args:
        tokenizer: The trained tokenizer.
        max_length: `model_max_length`, the pre-training sequence length.

    Returns:
        The wrapped tokenizer.
    """
    return PreTrainedTokenizerFast(tokenizer_object=tokenizer, model_max_length=max_length,
                                   bos_token="<s>", eos_token="</s>", sep_token="</s>", cls_token="<s>",
                                   unk_token="<unk>", pad_token="<pad>", mask_token="<mask>")


def save_tokenizer(tokenizer: Tokenizer, max_length: int, out: Path) -> None:
    """Saves the tokenizer as a `PreTrainedTokenizerFast` directory for `AutoTokenizer`.

    The class is recorded as `PreTrainedTokenizerFast` (the name transformers 4 and 5
    both resolve) rather than transformers 5's `TokenizersBackend`.

    Args:
        tokenizer: The trained tokenizer.
        max_length: `model_max_length`, the pre-training sequence length.
        out: Output directory.
    """
    to_transformers(tokenizer, max_length).save_pretrained(out)
    config_path = out / "tokenizer_config.json"
    config = json.loads(config_path.read_text())
    config["tokenizer_class"] = "PreTrainedTokenizerFast"
    config_path.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n")


def measure(tokenizer: Tokenizer, lines: Iterable[str]) -> dict[str, float]:
    """Measures segmentation statistics on held-out lines.

    Args:
        tokenizer: A trained tokenizer.
        lines: Held-out normalised lines.

    Returns:
        Subwords per word, share of words kept whole, and unknown-token rates.
    """
    unk = tokenizer.token_to_id("<unk>")
    words = subwords = whole = unk_tokens = unk_words = 0
    batch: list[str] = []

    def flush() -> None:
        nonlocal words, subwords, whole, unk_tokens, unk_words
        for encoding in tokenizer.encode_batch(batch, add_special_tokens=False):
            per_word: dict[int, list[int]] = {}
            for word_id, token_id in zip(encoding.word_ids, encoding.ids):
                per_word.setdefault(word_id, []).append(token_id)
            for ids in per_word.values():
                words += 1
                subwords += len(ids)
                whole += len(ids) == 1
                unk_tokens += ids.count(unk)
                unk_words += unk in ids
        batch.clear()

    for line in lines:
        batch.append(line)
        if len(batch) == 2048:
            flush()
    flush()
    return {"words": words, "subwords_per_word": subwords / words, "whole_word_pct": 100 * whole / words,
            "unk_token_pct": 100 * unk_tokens / subwords, "unk_word_pct": 100 * unk_words / words}


def main(argv: list[str] | None = None) -> None:
    """CLI with two commands: `measure` (candidate sizes) and `train` (save one)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("measure", "train"):
        cmd = sub.add_parser(name)
        cmd.add_argument("--train", type=Path, required=True, help="normalised training text")
        cmd.add_argument("--articles", type=int, default=None, help="train on the first N articles only")
        cmd.add_argument("--min-frequency", type=int, default=2)
    measure_cmd = sub.choices["measure"]
    measure_cmd.add_argument("--val", type=Path, required=True, help="normalised held-out text")
    measure_cmd.add_argument("--sizes", type=int, nargs="+", required=True)
    measure_cmd.add_argument("--hidden", type=int, default=256, help="hidden size for the embedding cost")
    measure_cmd.add_argument("--report", type=Path, required=True)
    train_cmd = sub.choices["train"]
    train_cmd.add_argument("--vocab-size", type=int, required=True)
    train_cmd.add_argument("--max-length", type=int, required=True)
    train_cmd.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    if args.command == "train":
        start = time.time()
        tokenizer = train_bpe(iter_lines(args.train, args.articles), args.vocab_size, args.min_frequency)
        save_tokenizer(tokenizer, args.max_length, args.out)
        print(json.dumps({"vocab_size": tokenizer.get_vocab_size(), "seconds": round(time.time() - start, 1)}))
        return

    report = {"train": str(args.train), "train_articles": args.articles, "val": str(args.val),
              "hidden": args.hidden, "results": []}
    for size in args.sizes:
        start = time.time()
        tokenizer = train_bpe(iter_lines(args.train, args.articles), size, args.min_frequency)
        seconds = time.time() - start
        row = {"vocab_size": tokenizer.get_vocab_size(), "train_seconds": round(seconds, 1),
               **measure(tokenizer, iter_lines(args.val)),
               "embedding_params": tokenizer.get_vocab_size() * args.hidden,
               "embedding_fp16_mb": tokenizer.get_vocab_size() * args.hidden * 2 / 1e6}
        report["results"].append(row)
        print(json.dumps(row), flush=True)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
