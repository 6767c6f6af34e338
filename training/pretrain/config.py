"""Typed pre-training configuration, loadable from YAML or JSON with command-line overrides."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from training.pretrain.model import ModelSize

from vnparty_ie.train import coerce_config


@dataclass
class PretrainConfig:
    """Everything a pre-training run depends on.

    Attributes:
        train_data: Training token file (`.bin` from `prepare_data`).
        val_data: Held-out token file; its first `eval_sequences` sequences are the fixed eval sample.
        tokenizer: Tokenizer directory (saved with the export).
        output_dir: Run directory: `checkpoint.pt` and `log.jsonl` (keep it out of git).
        export_dir: Where the final fp16 Hugging Face model is exported when the run completes.
        init_from: Exported model directory or checkpoint file to warm-start from (weights only,
            fresh optimizer and schedule); ignored when `output_dir` already has a checkpoint.
        init_embeddings: `.npy` matrix (vocab_size, hidden) from `word2vec_init` that replaces the
            random word embeddings (and the tied LM-head decoder) of a fresh run.
        layers: Transformer layers.
        hidden: Hidden size.
        heads: Attention heads.
        ffn: Feed-forward inner size.
        seq_len: Sequence length including `<s>` and `</s>`.
        micro_batch: Sequences per forward/backward pass.
        grad_accum: Micro-batches per optimizer step.
        max_steps: Optimizer steps of this run (the schedule decays to zero there).
        warmup_steps: Linear warm-up steps.
        lr: Peak learning rate.
        weight_decay: AdamW weight decay (not applied to biases and LayerNorm weights).
        adam_beta1: AdamW beta1.
        adam_beta2: AdamW beta2.
        adam_eps: AdamW epsilon.
        max_grad_norm: Gradient clipping norm.
        mask_probability: Share of positions predicted (RoBERTa: 0.15).
        seed: Seed of the initialisation, data order and masking.
        threads: Torch intra-op threads.
        log_every: Steps between loss log lines.
        eval_every: Steps between held-out evaluations.
        eval_sequences: Size of the fixed held-out sample.
        checkpoint_every: Steps between checkpoints.
        max_minutes: Stop cleanly (with a checkpoint) after this much wall time in this process.
    """

    train_data: str
    val_data: str
    tokenizer: str
    output_dir: str
    export_dir: str | None = None
    init_from: str | None = None
    init_embeddings: str | None = None
    layers: int = 4
    hidden: int = 256
    heads: int = 4
    ffn: int = 1024
    seq_len: int = 128
    micro_batch: int = 16
    grad_accum: int = 2
    max_steps: int = 4000
    warmup_steps: int = 240
    lr: float = 1e-3
    weight_decay: float = 0.01
    adam_beta1: float = 0.9
    adam_beta2: float = 0.98
    adam_eps: float = 1e-6
    max_grad_norm: float = 1.0
    mask_probability: float = 0.15
    seed: int = 0
    threads: int = 2
    log_every: int = 10
    eval_every: int = 250
    eval_sequences: int = 256
    checkpoint_every: int = 100
    max_minutes: float | None = None

    @property
    def size(self) -> ModelSize:
        """The model size part of the configuration."""
        return ModelSize(layers=self.layers, hidden=self.hidden, heads=self.heads, ffn=self.ffn)

    @property
    def tokens_per_step(self) -> int:
        """Tokens (all positions) consumed by one optimizer step."""
        return self.micro_batch * self.grad_accum * self.seq_len

    def to_dict(self) -> dict[str, Any]:
        """Returns the configuration as a plain dict."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> PretrainConfig:
        """Builds a configuration, converting values to the field types (YAML 1.1 reads "1e-3" as a string).

        Args:
            values: Field values.

        Returns:
            The configuration.

        Raises:
            ConfigError: (a `ValueError`) On unknown keys, missing required keys or values of the wrong type.
        """
        return cls(**coerce_config(cls, values, what="pre-training config"))

    @classmethod
    def load(cls, path: Path, overrides: list[str] | None = None) -> PretrainConfig:
        """Loads a YAML or JSON file and applies `key=value` overrides (values parsed as YAML).

        Args:
            path: `.yaml`, `.yml` or `.json` file.
            overrides: Strings such as `max_steps=6000` or `init_from=models/x`.

        Returns:
            The configuration.
        """
        text = path.read_text(encoding="utf-8")
        values = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        for item in overrides or []:
            key, _, value = item.partition("=")
            values[key.strip()] = yaml.safe_load(value)
        return cls.from_dict(values)
