"""Held-out MLM accuracy and perplexity on a fixed sample with fixed masks."""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F
from training.pretrain.data import PackedSequences, mask_tokens
from training.pretrain.model import masked_lm_outputs
from transformers import RobertaForMaskedLM

EVAL_MASK_SEED = 12345


def fixed_eval_batch(val: PackedSequences, num_sequences: int, mask_id: int, num_special: int, vocab_size: int,
                     probability: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Builds the fixed evaluation sample: the first sequences of the held-out file, masked once.

    Args:
        val: Held-out sequences (file order, not shuffled).
        num_sequences: Sample size (capped by the file size).
        mask_id: Id of `<mask>`.
        num_special: Number of special tokens (ids below it are never masked).
        vocab_size: Vocabulary size.
        probability: Masking probability.

    Returns:
        (inputs, labels), identical on every call.
    """
    ids = val.sequences(np.arange(min(num_sequences, val.num_sequences)))
    generator = torch.Generator().manual_seed(EVAL_MASK_SEED)
    return mask_tokens(ids, mask_id, num_special, vocab_size, generator, probability)


@torch.no_grad()
def evaluate_mlm(model: RobertaForMaskedLM, inputs: torch.Tensor, labels: torch.Tensor,
                 batch_size: int) -> dict[str, float]:
    """Computes masked-token accuracy and perplexity (exp of mean cross-entropy).

    The model is put in eval mode and restored to its previous mode afterwards.

    Args:
        model: The masked-LM model (float weights).
        inputs: Masked inputs from `fixed_eval_batch`.
        labels: Matching targets.
        batch_size: Sequences per forward pass.

    Returns:
        Dict with `mlm_accuracy`, `mlm_loss`, `perplexity` and `masked_tokens`.
    """
    was_training = model.training
    model.eval()
    total_loss = 0.0
    correct = count = 0
    for start in range(0, inputs.shape[0], batch_size):
        logits, targets = masked_lm_outputs(model, inputs[start:start + batch_size], labels[start:start + batch_size])
        logits = logits.float()
        total_loss += F.cross_entropy(logits, targets, reduction="sum").item()
        correct += (logits.argmax(-1) == targets).sum().item()
        count += targets.numel()
    model.train(was_training)
    loss = total_loss / count
    return {"mlm_accuracy": correct / count, "mlm_loss": loss, "perplexity": math.exp(loss), "masked_tokens": count}
