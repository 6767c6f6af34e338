"""AdamW with RoBERTa's parameter groups and the linear warm-up/decay schedule."""

from __future__ import annotations

import torch
from training.pretrain.config import PretrainConfig
from transformers import get_linear_schedule_with_warmup


def build_optimizer(model: torch.nn.Module, config: PretrainConfig) -> torch.optim.AdamW:
    """AdamW without weight decay on biases and LayerNorm weights.

    Args:
        model: The model.
        config: Run configuration.

    Returns:
        The optimizer.
    """
    decay, no_decay = [], []
    for name, param in model.named_parameters():
        (no_decay if name.endswith("bias") or "LayerNorm" in name else decay).append(param)
    groups = [{"params": decay, "weight_decay": config.weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=config.lr, betas=(config.adam_beta1, config.adam_beta2), eps=config.adam_eps)


def build_scheduler(optimizer: torch.optim.Optimizer, config: PretrainConfig) -> torch.optim.lr_scheduler.LambdaLR:
    """Linear warm-up to the peak rate, then linear decay to zero at `max_steps`.

    Args:
        optimizer: The optimizer.
        config: Run configuration.

    Returns:
        The scheduler (stepped once per optimizer step).
    """
    return get_linear_schedule_with_warmup(optimizer, config.warmup_steps, config.max_steps)
