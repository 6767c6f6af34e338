"""RoBERTa model construction and the MLM loss computed at masked positions only."""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from transformers import RobertaConfig, RobertaForMaskedLM

# RoBERTa numbers positions from padding_idx + 1, so two extra position slots are needed.
POSITION_OFFSET = 2


@dataclass(frozen=True)
class ModelSize:
    """Architecture hyper-parameters of the encoder.

    Attributes:
        layers: Number of transformer layers.
        hidden: Hidden size.
        heads: Attention heads.
        ffn: Feed-forward inner size.
    """

    layers: int = 4
    hidden: int = 256
    heads: int = 4
    ffn: int = 1024


def build_config(size: ModelSize, vocab_size: int, seq_len: int, pad_token_id: int, bos_token_id: int,
                 eos_token_id: int) -> RobertaConfig:
    """Builds a RobertaConfig for the given size, vocabulary and sequence length.

    Args:
        size: Architecture hyper-parameters.
        vocab_size: Tokenizer vocabulary size.
        seq_len: Maximum sequence length including `<s>` and `</s>`.
        pad_token_id: Id of `<pad>`.
        bos_token_id: Id of `<s>`.
        eos_token_id: Id of `</s>`.

    Returns:
        The model configuration.
    """
    return RobertaConfig(
        vocab_size=vocab_size,
        hidden_size=size.hidden,
        num_hidden_layers=size.layers,
        num_attention_heads=size.heads,
        intermediate_size=size.ffn,
        max_position_embeddings=seq_len + POSITION_OFFSET,
        type_vocab_size=1,
        pad_token_id=pad_token_id,
        bos_token_id=bos_token_id,
        eos_token_id=eos_token_id,
        hidden_dropout_prob=0.1,
        attention_probs_dropout_prob=0.1,
    )


def build_model(config: RobertaConfig, seed: int) -> RobertaForMaskedLM:
    """Creates a randomly initialised RobertaForMaskedLM (deterministic for a seed).

    Args:
        config: Model configuration.
        seed: Seed for the weight initialisation.

    Returns:
        The model, in training mode.
    """
    torch.manual_seed(seed)
    model = RobertaForMaskedLM(config)
    model.train()
    return model


def masked_lm_outputs(model: RobertaForMaskedLM, input_ids: torch.Tensor,
                      labels: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Runs the encoder and the LM head on the masked positions only.

    Sequences are packed (no padding), so no attention mask is passed. The hidden
    states of the masked positions are gathered before the LM head, which avoids
    the vocabulary projection of the ~85% of positions that carry no loss.

    Args:
        model: The masked-LM model.
        input_ids: Token ids, shape (batch, seq_len), with masking applied.
        labels: Original ids at masked positions and -100 elsewhere, same shape.

    Returns:
        A pair (logits, targets): logits of shape (n_masked, vocab) and the target
        ids of shape (n_masked,).
    """
    hidden = model.roberta(input_ids=input_ids).last_hidden_state
    selected = labels != -100
    logits = model.lm_head(hidden[selected])
    return logits, labels[selected]


def masked_lm_loss(model: RobertaForMaskedLM, input_ids: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy over masked positions.

    Args:
        model: The masked-LM model.
        input_ids: Masked token ids, shape (batch, seq_len).
        labels: Targets at masked positions, -100 elsewhere.

    Returns:
        The scalar loss.
    """
    logits, targets = masked_lm_outputs(model, input_ids, labels)
    return F.cross_entropy(logits.float(), targets)


def count_parameters(model: torch.nn.Module) -> dict[str, int]:
    """Counts parameters, split into embedding and the rest.

    Args:
        model: A RobertaForMaskedLM (the LM-head decoder is tied to word embeddings).

    Returns:
        Dict with keys `total`, `word_embeddings` and `non_embedding`.
    """
    total = sum(p.numel() for p in model.parameters())
    word = model.get_input_embeddings().weight.numel()
    return {"total": total, "word_embeddings": word, "non_embedding": total - word}
