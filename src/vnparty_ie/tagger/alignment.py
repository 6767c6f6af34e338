"""Word -> subword alignment that works with slow and fast tokenizers.

PhoBERT ships only a slow (Python) tokenizer, which has no ``word_ids()`` and
no ``offset_mapping``, so the alignment is ours: every word is tokenised on its
own, its first subword carries the word's label and the other subwords (and
the special tokens) get ``-100``.

Example:
    >>> class Tok:  # a stand-in for a Hugging Face tokenizer
    ...     unk_token_id = 3
    ...     def __call__(self, words, add_special_tokens=False):
    ...         return {"input_ids": [[10 + i] * len(w) for i, w in enumerate(words)]}
    >>> encode_words(Tok(), ["ab", "c"])
    [[10, 10], [11]]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

#: Label id ignored by the loss (PyTorch's ``CrossEntropyLoss`` default).
IGNORE_INDEX = -100


class SubwordCache:
    """Caches the subword ids of each distinct word form for one tokenizer.

    Tokenising each word separately is what makes the alignment exact; caching
    makes it cheap, since news text repeats its words a lot.

    Args:
        tokenizer: A Hugging Face tokenizer (slow or fast).
        max_size: Forget the cache when it grows past this many forms.
    """

    def __init__(self, tokenizer: Any, max_size: int = 200_000) -> None:
        self.tokenizer = tokenizer
        self.max_size = max_size
        self._cache: dict[str, list[int]] = {}

    def encode(self, words: Iterable[str]) -> list[list[int]]:
        """Return the subword ids of each word (never an empty list).

        Args:
            words: Word forms, e.g. ``["Quận_ủy", "Thanh_Xuân"]``.

        Returns:
            One list of subword ids per word, in order.
        """
        words = list(words)
        missing = sorted({w for w in words if w not in self._cache})
        if missing:
            if len(self._cache) + len(missing) > self.max_size:
                self._cache.clear()
            for word, ids in zip(missing, encode_words(self.tokenizer, missing)):
                self._cache[word] = ids
        return [self._cache[w] for w in words]


def encode_words(tokenizer: Any, words: Sequence[str]) -> list[list[int]]:
    """Tokenise each word on its own, without special tokens.

    A word the tokenizer maps to nothing (e.g. a control character) becomes the
    unknown token, so every word keeps exactly one labelled position.

    Args:
        tokenizer: A Hugging Face tokenizer (slow or fast).
        words: Word forms.

    Returns:
        One non-empty list of subword ids per word.
    """
    if not words:
        return []
    if uses_metaspace(tokenizer):  # SentencePiece (XLM-R, e5): "Hà_Nội" is the syllables "Hà Nội"
        words = [w.replace("_", " ") if "_" in w and w.strip("_") else w for w in words]
    encoded = tokenizer(list(words), add_special_tokens=False)["input_ids"]
    unk = tokenizer.unk_token_id
    if unk is None:
        unk = 0
    return [list(ids) if len(ids) else [unk] for ids in encoded]


def uses_metaspace(tokenizer: Any) -> bool:
    """Tell whether a tokenizer is SentencePiece-style (metaspace ``▁``), not PhoBERT-style ``_`` words.

    Such tokenizers read syllables separated by spaces, so the underscores of
    word-segmented input (CoNLL files in PhoBERT style) are read as spaces.
    """
    cached = getattr(tokenizer, "_vnparty_metaspace", None)
    if cached is None:
        backend = getattr(tokenizer, "backend_tokenizer", None)
        pre = getattr(backend, "pre_tokenizer", None)
        cached = "Metaspace" in repr(pre) if pre is not None else False
        try:
            tokenizer._vnparty_metaspace = cached
        except AttributeError:  # pragma: no cover - a tokenizer without a __dict__
            pass
    return bool(cached)


def special_tokens(tokenizer: Any) -> tuple[list[int], list[int]]:
    """Return the special ids a single sequence starts and ends with.

    Reads them from the tokenizer itself (``<s> … </s>`` for RoBERTa/PhoBERT,
    ``[CLS] … [SEP]`` for BERT), so any encoder family works.

    Args:
        tokenizer: A Hugging Face tokenizer.

    Returns:
        ``(prefix_ids, suffix_ids)``.
    """
    marker = -7  # an id no vocabulary uses
    try:
        built = list(tokenizer.build_inputs_with_special_tokens([marker]))
    except (AttributeError, NotImplementedError, TypeError):
        built = []
    if marker in built:
        i = built.index(marker)
        return built[:i], built[i + 1 :]
    cls_id = getattr(tokenizer, "cls_token_id", None)
    if cls_id is None:
        cls_id = getattr(tokenizer, "bos_token_id", None)
    sep_id = getattr(tokenizer, "sep_token_id", None)
    if sep_id is None:
        sep_id = getattr(tokenizer, "eos_token_id", None)
    return ([cls_id] if cls_id is not None else []), ([sep_id] if sep_id is not None else [])


def build_window_inputs(
    pieces: Sequence[Sequence[int]],
    labels: Sequence[int] | None,
    prefix: Sequence[int],
    suffix: Sequence[int],
) -> tuple[list[int], list[int], list[int]]:
    """Build the model input of one window of words.

    Args:
        pieces: Subword ids of each word of the window.
        labels: Label id of each word, or ``None`` at inference.
        prefix: Special ids before the words (``<s>``).
        suffix: Special ids after the words (``</s>``).

    Returns:
        ``(input_ids, label_ids, first_positions)``: ``label_ids`` holds the
        word label on each word's first subword and ``-100`` elsewhere (all
        ``-100`` when ``labels`` is ``None``); ``first_positions[i]`` is the
        position of word ``i``'s first subword.
    """
    input_ids = list(prefix)
    label_ids = [IGNORE_INDEX] * len(prefix)
    firsts: list[int] = []
    for i, ids in enumerate(pieces):
        firsts.append(len(input_ids))
        input_ids.extend(ids)
        label_ids.append(IGNORE_INDEX if labels is None else int(labels[i]))
        label_ids.extend([IGNORE_INDEX] * (len(ids) - 1))
    input_ids.extend(suffix)
    label_ids.extend([IGNORE_INDEX] * len(suffix))
    return input_ids, label_ids, firsts
