"""Token-classification tagger: alignment, windows, decoding, the model wrapper.

``EntityTagger`` is imported lazily, so importing this package does not load
torch or transformers until the tagger is used.

Example:
    >>> from vnparty_ie.tagger import repair_bio
    >>> repair_bio(["O", "I-ORG"])
    ['O', 'B-ORG']
"""

from __future__ import annotations

from typing import Any

from .alignment import IGNORE_INDEX, SubwordCache, build_window_inputs, encode_words, special_tokens
from .config import CONFIG_NAME, DEFAULT_SEGMENTER, TaggerFileConfig, encoder_max_length
from .decode import repair_bio, split_tag, word_spans
from .windows import assign_words, clip_words, plan_windows

__all__ = [
    "CONFIG_NAME",
    "DEFAULT_SEGMENTER",
    "IGNORE_INDEX",
    "EntityTagger",
    "SubwordCache",
    "TaggerFileConfig",
    "assign_words",
    "build_window_inputs",
    "clip_words",
    "encode_words",
    "encoder_max_length",
    "plan_windows",
    "repair_bio",
    "special_tokens",
    "split_tag",
    "word_spans",
]


def __getattr__(name: str) -> Any:
    if name == "EntityTagger":
        from .model import EntityTagger

        return EntityTagger
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
