"""Packed token-id dataset with a resumable shuffled order, and dynamic MLM masking."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

IGNORE_INDEX = -100


@dataclass
class TokenFile:
    """A flat token-id file written by `prepare_data`, memory-mapped (never loaded whole).

    Attributes:
        ids: Memory-mapped 1-D array of token ids (documents separated by `</s>`).
    """

    ids: np.ndarray

    @classmethod
    def open(cls, path: Path) -> TokenFile:
        """Opens `path` (a `.bin` file) using the dtype recorded in its `.json` sidecar.

        Args:
            path: Path of the `.bin` file.

        Returns:
            The memory-mapped token file.
        """
        meta = json.loads(path.with_suffix(".json").read_text())
        return cls(np.memmap(path, dtype=np.dtype(meta["dtype"]), mode="r"))


class PackedSequences:
    """Fixed-length `<s> ... </s>` sequences cut from a token file, in a seeded shuffled order.

    The position in the data is fully described by `(epoch, cursor)`, which is what
    checkpoints store: each epoch uses the permutation drawn from `seed + epoch`.

    Args:
        tokens: The token file.
        seq_len: Sequence length including `<s>` and `</s>`.
        bos_id: Id of `<s>`.
        eos_id: Id of `</s>`.
        seed: Seed of the per-epoch permutations.
    """

    def __init__(self, tokens: TokenFile, seq_len: int, bos_id: int, eos_id: int, seed: int) -> None:
        self.tokens = tokens
        self.body = seq_len - 2
        self.bos_id = bos_id
        self.eos_id = eos_id
        self.seed = seed
        self.num_sequences = len(tokens.ids) // self.body
        if self.num_sequences == 0:
            raise ValueError(f"token file has fewer than {self.body} tokens")
        self.epoch = 0
        self.cursor = 0
        self._order = self._permutation(0)

    def _permutation(self, epoch: int) -> np.ndarray:
        return np.random.default_rng(self.seed + epoch).permutation(self.num_sequences)

    def sequences(self, indices: np.ndarray) -> torch.Tensor:
        """Builds the sequences with the given chunk indices.

        Args:
            indices: Chunk indices.

        Returns:
            Long tensor of shape (len(indices), seq_len).
        """
        rows = [self.tokens.ids[i * self.body:(i + 1) * self.body] for i in indices]
        body = torch.from_numpy(np.stack(rows).astype(np.int64))
        n = body.shape[0]
        bos = torch.full((n, 1), self.bos_id, dtype=torch.long)
        eos = torch.full((n, 1), self.eos_id, dtype=torch.long)
        return torch.cat([bos, body, eos], dim=1)

    def next_batch(self, batch_size: int) -> torch.Tensor:
        """Returns the next `batch_size` sequences, moving to the next epoch when needed.

        Args:
            batch_size: Number of sequences.

        Returns:
            Long tensor of shape (batch_size, seq_len).
        """
        picked: list[np.ndarray] = []
        needed = batch_size
        while needed:
            take = min(needed, self.num_sequences - self.cursor)
            picked.append(self._order[self.cursor:self.cursor + take])
            self.cursor += take
            needed -= take
            if self.cursor == self.num_sequences:
                self.epoch += 1
                self.cursor = 0
                self._order = self._permutation(self.epoch)
        return self.sequences(np.concatenate(picked))

    def state_dict(self) -> dict[str, int]:
        """Returns the data position."""
        return {"epoch": self.epoch, "cursor": self.cursor, "seed": self.seed, "num_sequences": self.num_sequences}

    def load_state_dict(self, state: dict[str, int]) -> None:
        """Restores the data position saved by `state_dict`.

        Args:
            state: A dict from `state_dict`.

        Raises:
            ValueError: If the data or seed differ from those of the checkpoint.
        """
        if state["seed"] != self.seed or state["num_sequences"] != self.num_sequences:
            raise ValueError(f"checkpoint data position {state} does not match this dataset")
        self.epoch = state["epoch"]
        self.cursor = state["cursor"]
        self._order = self._permutation(self.epoch)


def mask_tokens(ids: torch.Tensor, mask_id: int, num_special: int, vocab_size: int, generator: torch.Generator,
                probability: float = 0.15) -> tuple[torch.Tensor, torch.Tensor]:
    """Applies RoBERTa dynamic masking: 15% of positions, 80% `<mask>`, 10% random, 10% kept.

    Special tokens (ids below `num_special`) are never selected.

    Args:
        ids: Token ids, shape (batch, seq_len).
        mask_id: Id of `<mask>`.
        num_special: Special tokens occupy ids `0 .. num_special - 1`.
        vocab_size: Vocabulary size (random replacements are drawn from non-special ids).
        generator: Random generator (its state is checkpointed).
        probability: Fraction of positions selected for prediction.

    Returns:
        A pair (inputs, labels): the masked inputs and the targets (original ids at
        selected positions, -100 elsewhere).
    """
    draws = torch.rand(ids.shape, generator=generator)
    action = torch.rand(ids.shape, generator=generator)
    random_ids = torch.randint(num_special, vocab_size, ids.shape, generator=generator)
    selected = (draws < probability) & (ids >= num_special)
    labels = torch.where(selected, ids, torch.full_like(ids, IGNORE_INDEX))
    inputs = ids.clone()
    inputs[selected & (action < 0.8)] = mask_id
    randomised = selected & (action >= 0.8) & (action < 0.9)
    inputs[randomised] = random_ids[randomised]
    return inputs, labels
