"""The learning-rate schedule of training, and fitting a run into a time budget.

:class:`LinearSchedule` is the linear warm-up and linear decay of the Hugging
Face examples (``get_linear_schedule_with_warmup``: the same factor at every
step) whose last step may be moved earlier while training runs, so that a run
cut short by a time budget still ends its decay at zero.
:func:`epochs_within` says how many epochs fit a budget from the pace of the
first steps.

Example:
    >>> import torch
    >>> opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=1.0)
    >>> s = LinearSchedule(opt, warmup_ratio=0.1, total_steps=100)
    >>> [round(s.factor(k), 3) for k in (0, 5, 10, 55, 100)]
    [0.0, 0.5, 1.0, 0.5, 0.0]
    >>> s.shorten(55)
    >>> [round(s.factor(k), 3) for k in (10, 28, 55)]
    [1.0, 0.6, 0.0]
    >>> epochs_within(budget_s=3600, elapsed_s=60, seconds_per_epoch=700, epochs=6)
    5
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["LinearSchedule", "epochs_within"]


class LinearSchedule:
    """Linear warm-up to the peak rate, then linear decay to zero at ``total_steps``.

    Args:
        optimizer: A torch optimizer (its groups' ``lr`` are the peak rates).
        warmup_ratio: Share of the steps spent warming up.
        total_steps: The step at which the rate reaches zero.
    """

    def __init__(self, optimizer: Any, warmup_ratio: float, total_steps: int) -> None:
        from torch.optim.lr_scheduler import LambdaLR

        self.total_steps = max(1, int(total_steps))
        self.warmup_steps = int(warmup_ratio * self.total_steps)
        self._scheduler = LambdaLR(optimizer, self.factor)

    def factor(self, step: int) -> float:
        """The share of the peak rate at ``step``."""
        if step < self.warmup_steps:
            return float(step) / float(max(1, self.warmup_steps))
        return max(0.0, float(self.total_steps - step) / float(max(1, self.total_steps - self.warmup_steps)))

    def shorten(self, total_steps: int) -> None:
        """Move the last step earlier (never later); the warm-up keeps its length."""
        self.total_steps = max(self.warmup_steps + 1, min(self.total_steps, int(total_steps)))

    def step(self) -> None:
        """Advance one optimiser step."""
        self._scheduler.step()

    def get_last_lr(self) -> list[float]:
        """The rates of the last step, one per parameter group."""
        return self._scheduler.get_last_lr()


def epochs_within(budget_s: float, elapsed_s: float, seconds_per_epoch: float, epochs: int) -> int:
    """How many whole epochs (at least 1, at most ``epochs``) fit into what is left of a budget.

    Args:
        budget_s: The whole budget, in seconds.
        elapsed_s: Seconds already spent (loading data, the first steps).
        seconds_per_epoch: Estimated seconds an epoch takes, its dev evaluation included.
        epochs: The configured number of epochs.
    """
    if seconds_per_epoch <= 0:
        return epochs
    return max(1, min(epochs, math.floor((budget_s - elapsed_s) / seconds_per_epoch)))
