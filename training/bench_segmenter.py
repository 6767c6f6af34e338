"""Benchmark word segmenters: throughput, agreement with gold segmentation, entity alignment.

For each segmenter (underthesea's CRF, pyvi, plain syllables) it reports:

* words/s of :func:`vnparty_ie.text.segment.tokenize` (normalisation + sentence
  split + segmentation, i.e. what ``extract`` pays) on reader-facing text of
  vietnews articles;
* word-boundary agreement (precision/recall/F1 of multi-syllable word spans)
  against the corpus's own PhoBERT-style (RDRSegmenter) segmentation, which is
  what the pre-trained encoder saw;
* with ``--gold``, how many gold entities have an edge inside a word (they
  cannot be expressed as word-level BIO tags).

Usage::

    python training/bench_segmenter.py --vietnews ../shared/corpora/vietnews --docs 200 \\
        --gold ../shared/gold/seeds.jsonl --output training/results/segmenter_bench.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Sequence
from itertools import islice
from pathlib import Path


def _word_spans(text: str, segmenter: str) -> tuple[set[tuple[int, int]], int]:
    from vnparty_ie.text.segment import tokenize

    spans: set[tuple[int, int]] = set()
    n = 0
    for sent in tokenize(text, segmenter):
        for tok in sent.tokens:
            n += 1
            if " " in tok.text.strip():
                spans.add((tok.start, tok.end))
    return spans, n


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; prints a table and optionally writes JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vietnews", required=True, help="directory with val.jsonl.gz")
    parser.add_argument("--docs", type=int, default=200, help="how many val articles")
    parser.add_argument("--segmenters", default="underthesea,pyvi,syllable")
    parser.add_argument("--gold", help="gold JSONL to count entities misaligned with words")
    parser.add_argument("--output", help="write the results as JSON here")
    args = parser.parse_args(argv)

    from vnparty_ie.io.vietnews import detokenize_with_words, iter_vietnews

    if not Path(args.vietnews).exists():
        print(f"vietnews not found at {args.vietnews}; nothing to benchmark", file=sys.stderr)
        return 1
    texts: list[str] = []
    gold_words: list[set[tuple[int, int]]] = []
    for record in islice(iter_vietnews(args.vietnews, "val"), args.docs):
        text, words = detokenize_with_words(record["text"])
        texts.append(text)
        gold_words.append({(s, e) for s, e in words if " " in text[s:e]})
    n_chars = sum(len(t) for t in texts)

    results = []
    for name in args.segmenters.split(","):
        from vnparty_ie.text.segment import get_segmenter, tokenize

        get_segmenter(name)  # load outside the timed region
        tokenize("Khởi động.", name)
        tp = fp = fn = words = 0
        start = time.perf_counter()
        predicted = [_word_spans(t, name) for t in texts]
        elapsed = time.perf_counter() - start
        for (spans, n), gold in zip(predicted, gold_words):
            words += n
            tp += len(spans & gold)
            fp += len(spans - gold)
            fn += len(gold - spans)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        row = {
            "segmenter": name,
            "docs": len(texts),
            "chars": n_chars,
            "words": words,
            "seconds": round(elapsed, 3),
            "words_per_s": round(words / elapsed, 1),
            "multi_syllable_word_P": round(p, 4),
            "multi_syllable_word_R": round(r, 4),
            "multi_syllable_word_F1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        }
        if args.gold:
            from vnparty_ie.io.conll import documents_to_conll
            from vnparty_ie.io.jsonl import read_jsonl

            docs = read_jsonl(args.gold)
            _, misaligned = documents_to_conll(docs, segmenter=name)
            row["gold_entities"] = sum(len(d.entities) for d in docs)
            row["gold_entities_inside_words"] = len(misaligned)
        results.append(row)

    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    print(f"machine: {machine}")
    print("command: python " + " ".join([sys.argv[0], *(argv if argv is not None else sys.argv[1:])]))
    header = ["segmenter", "words_per_s", "multi_syllable_word_P", "multi_syllable_word_R", "multi_syllable_word_F1"]
    if args.gold:
        header += ["gold_entities_inside_words", "gold_entities"]
    print("\t".join(header))
    for row in results:
        print("\t".join(str(row[h]) for h in header))
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(
            json.dumps({"machine": machine, "results": results}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
