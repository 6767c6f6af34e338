"""Measures MLM training throughput (tokens/s) of candidate encoder sizes on this machine.

Example:
    nice -n 10 python -m training.pretrain.benchmark --vocab-size 16000 \
        --out training/pretrain/reports/benchmark.json
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch
from training.pretrain.data import mask_tokens
from training.pretrain.model import ModelSize, build_config, build_model, count_parameters, masked_lm_loss

CANDIDATES: dict[str, ModelSize] = {
    "4L-256": ModelSize(layers=4, hidden=256, heads=4, ffn=1024),
    "4L-384": ModelSize(layers=4, hidden=384, heads=6, ffn=1536),
    "6L-384": ModelSize(layers=6, hidden=384, heads=6, ffn=1536),
}
NUM_SPECIAL = 5


def measure(size: ModelSize, vocab_size: int, seq_len: int, batch_size: int, steps: int, warmup: int) -> dict:
    """Times full training steps (forward, backward, AdamW) on random token ids.

    Args:
        size: Model size.
        vocab_size: Vocabulary size.
        seq_len: Sequence length.
        batch_size: Sequences per step.
        steps: Timed steps.
        warmup: Untimed steps run first.

    Returns:
        Dict with parameter counts, seconds per step and tokens per second.
    """
    model = build_model(build_config(size, vocab_size, seq_len, 1, 0, 2), seed=0)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
    generator = torch.Generator().manual_seed(0)
    ids = torch.randint(NUM_SPECIAL, vocab_size, (batch_size, seq_len), generator=generator)
    elapsed = 0.0
    for step in range(warmup + steps):
        start = time.perf_counter()
        inputs, labels = mask_tokens(ids, 4, NUM_SPECIAL, vocab_size, generator)
        loss = masked_lm_loss(model, inputs, labels)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if step >= warmup:
            elapsed += time.perf_counter() - start
    return {**count_parameters(model), "seconds_per_step": elapsed / steps,
            "tokens_per_second": batch_size * seq_len * steps / elapsed}


def main(argv: list[str] | None = None) -> None:
    """CLI entry point; writes a JSON report and prints it."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vocab-size", type=int, default=16000)
    parser.add_argument("--seq-len", type=int, default=128)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--sizes", nargs="+", default=list(CANDIDATES), choices=list(CANDIDATES))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    report = {"settings": {k: v for k, v in vars(args).items() if k != "out"}, "results": {}}
    report["settings"]["torch"] = torch.__version__
    for name in args.sizes:
        report["results"][name] = measure(CANDIDATES[name], args.vocab_size, args.seq_len, args.batch_size,
                                          args.steps, args.warmup)
        print(name, json.dumps(report["results"][name]), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
