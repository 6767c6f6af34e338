"""Optional character features for the token classifier (training config ``char_features: N``).

The classic addition of a BiLSTM-CNN-CRF tagger: a small character CNN
(embeddings of :data:`CHAR_DIM`, ``N`` filters of width :data:`WIDTH`, max over
the characters) gives each word a spelling vector, concatenated to the
encoder's output before the output layer. A concatenation followed by a linear
layer is the sum of two linear layers, so the model adds ``W_c · chars(word)``
to the classifier's logits and the ``transformers`` classifier stays as it is.

The characters come from the vocabulary, so no input changes: every subword id
has its characters (the subword with its ``##`` / ``▁`` / ``@@`` marker
removed, at most :data:`MAX_CHARS`) and whether it starts a word (see
:func:`piece_tables`); the CNN runs
over each subword's characters and a word takes the maximum over its subwords
(the value read at its first subword, where the tagger reads a word's tags).
A convolution does not cross subword boundaries: for our word-level BPE most
words are one or two subwords.

Saved as ``char_cnn.safetensors`` (:data:`CHARS_NAME`: the CNN, the output
weights and the subword tables) with ``"char_features": N`` in
``vnparty_ie.json``. Torch only: the NumPy and ONNX runtimes refuse such a
directory with :class:`~vnparty_ie.errors.ModelFormatError` (``backend="auto"``
picks torch).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

__all__ = ["CHARS_NAME", "char_token_classifier", "piece_tables"]

#: File holding the character CNN inside a model directory.
CHARS_NAME = "char_cnn.safetensors"
#: Character embedding size, convolution width, characters kept per subword.
CHAR_DIM, WIDTH, MAX_CHARS = 32, 3, 16


def piece_tables(tokenizer: Any, max_chars: int = MAX_CHARS) -> tuple[list[list[int]], list[bool], int]:
    """Characters (ids from 1, 0 = padding) and word-start flag of every subword id.

    Special tokens have no characters and start a word (``<unk>`` in a
    SentencePiece vocabulary continues one). Markers: a ``##``
    prefix continues a word; in a SentencePiece vocabulary a ``▁`` prefix starts
    one and its absence continues one; otherwise (fastBPE's ``@@``, removed
    from the characters; byte-level ``Ġ``) every subword counts as a word.

    Returns:
        ``(chars per id, starts per id, number of character ids + 1)``.

    Example:
        >>> class Tok:
        ...     all_special_ids = [0]
        ...     def get_vocab(self): return {"<s>": 0, "Hà": 1, "##_Nội": 2, "Nội": 3}
        >>> piece_tables(Tok(), 4)
        ([[0, 0, 0, 0], [1, 2, 0, 0], [3, 4, 5, 6], [4, 5, 6, 0]], [True, True, False, True], 7)
    """
    vocab = tokenizer.get_vocab()
    size = max(vocab.values()) + 1
    special = set(getattr(tokenizer, "all_special_ids", []) or [])
    sentencepiece = sum(p.startswith("▁") for p in vocab) > len(vocab) // 10
    alphabet: dict[str, int] = {}
    chars, starts = [[0] * max_chars for _ in range(size)], [True] * size
    unknown = getattr(tokenizer, "unk_token_id", None)
    for piece, i in sorted(vocab.items(), key=lambda item: item[1]):
        if i in special:  # in a SentencePiece vocabulary <unk> stands inside a word (after its ▁ piece)
            starts[i] = not (sentencepiece and i == unknown)
            continue
        text = piece
        if text.startswith("##"):
            text, starts[i] = text[2:], False
        elif sentencepiece:
            starts[i] = text.startswith("▁")
            text = text.lstrip("▁")
        text = text.removeprefix("Ġ").removesuffix("@@")
        ids = [alphabet.setdefault(c, len(alphabet) + 1) for c in text[:max_chars]]
        chars[i][: len(ids)] = ids
    return chars, starts, len(alphabet) + 1


def char_token_classifier(
    classifier: Any, filters: int, tokenizer: Any = None, directory: str | Path | None = None
) -> Any:
    """Add a character CNN of ``filters`` filters to a ``transformers`` token classifier (torch).

    Args:
        classifier: ``AutoModelForTokenClassification``.
        filters: Number of CNN filters (the size of a word's character vector).
        tokenizer: Its tokenizer: a new, randomly initialised CNN over its vocabulary.
        directory: A saved tagger instead: the CNN and tables of its :data:`CHARS_NAME`.

    Raises:
        ModelFormatError: When the saved file is missing or does not fit.
    """
    from ..errors import ModelFormatError

    cls = _wrapper_class()
    if directory is None:
        chars, starts, n_chars = piece_tables(tokenizer)
        return cls(classifier, chars, starts, n_chars, filters)
    from safetensors.torch import load_file

    path = Path(directory) / CHARS_NAME
    if not path.is_file():
        raise ModelFormatError(f"{directory} has character features but no {CHARS_NAME}; the directory is incomplete")
    try:
        state = load_file(str(path))
        model = cls(
            classifier, state["piece_chars"], state["piece_starts"], state["char_embed.weight"].shape[0], filters
        )
        model.load_state_dict({**state, **{f"classifier.{k}": v for k, v in classifier.state_dict().items()}})
    except Exception as exc:  # noqa: BLE001 - safetensors raises its own error type
        raise ModelFormatError(f"cannot load the character features of {directory} ({CHARS_NAME}): {exc}") from None
    return model


@functools.cache
def _wrapper_class() -> type:
    import torch
    from transformers.modeling_outputs import TokenClassifierOutput

    from .alignment import IGNORE_INDEX

    class CharTokenClassifier(torch.nn.Module):
        """A token classifier whose logits gain a linear map of each word's character-CNN vector."""

        def __init__(self, classifier: Any, chars: Any, starts: Any, n_chars: int, filters: int) -> None:
            super().__init__()
            self.classifier = classifier
            self.register_buffer("piece_chars", torch.as_tensor(chars, dtype=torch.long))
            self.register_buffer("piece_starts", torch.as_tensor(starts, dtype=torch.bool))
            self.char_embed = torch.nn.Embedding(int(n_chars), CHAR_DIM, padding_idx=0)
            self.char_conv = torch.nn.Conv1d(CHAR_DIM, int(filters), WIDTH, padding=WIDTH // 2)
            self.char_dropout = torch.nn.Dropout(0.1)
            self.char_out = torch.nn.Linear(int(filters), int(classifier.config.num_labels))
            torch.nn.init.zeros_(self.char_out.weight)  # starts as the plain classifier
            torch.nn.init.zeros_(self.char_out.bias)

        @property
        def config(self) -> Any:
            return self.classifier.config

        def word_chars(self, input_ids: Any) -> Any:
            """``(batch, length, filters)``: the character vector of each position's word."""
            batch, length = input_ids.shape
            chars = self.piece_chars[input_ids].flatten(0, 1)  # (B*L, C)
            h = self.char_conv(self.char_embed(chars).transpose(1, 2))  # (B*L, F, C)
            h = h.masked_fill((chars == 0)[:, None, :], float("-inf")).amax(dim=2).view(batch, length, -1)
            word = torch.cumsum(self.piece_starts[input_ids].long(), dim=1)  # word number of each position
            index = word[..., None].expand_as(h)
            pooled = torch.full((batch, length + 1, h.size(-1)), float("-inf"), dtype=h.dtype, device=h.device)
            pooled = pooled.scatter_reduce(1, index, h, reduce="amax", include_self=True).gather(1, index)
            return torch.where(torch.isfinite(pooled), pooled, torch.zeros_like(pooled))

        def forward(self, input_ids: Any, attention_mask: Any = None, labels: Any = None, **kwargs: Any) -> Any:
            logits = self.classifier(input_ids=input_ids, attention_mask=attention_mask, **kwargs).logits
            logits = logits + self.char_out(self.char_dropout(self.word_chars(input_ids)))
            loss = None
            if labels is not None:
                loss = torch.nn.functional.cross_entropy(
                    logits.view(-1, logits.size(-1)), labels.view(-1), ignore_index=IGNORE_INDEX
                )
            return TokenClassifierOutput(loss=loss, logits=logits)

        def save_pretrained(self, directory: str, **kwargs: Any) -> None:
            from safetensors.torch import save_file

            self.classifier.save_pretrained(directory, **kwargs)
            state = {
                k: v.detach().contiguous() for k, v in self.state_dict().items() if not k.startswith("classifier.")
            }
            save_file(state, str(Path(directory) / CHARS_NAME))

    return CharTokenClassifier
