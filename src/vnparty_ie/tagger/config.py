"""Our side-car config of a saved tagger (``vnparty_ie.json``) and encoder limits.

Example:
    >>> cfg = TaggerFileConfig(schema=DEFAULT_SCHEMA.to_dict(), max_length=256, stride=64)
    >>> TaggerFileConfig.from_dict(cfg.to_dict()) == cfg
    True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import ModelFormatError
from ..schema import DEFAULT_SCHEMA
from .crf import HEADS

#: File name of our config inside a model directory.
CONFIG_NAME = "vnparty_ie.json"
#: The newest on-disk format this library reads. Taggers with a softmax head are
#: written as format 1 (older versions read them); a CRF head (``crf.json``) or
#: character features (``char_cnn.safetensors``) need format 2, so a version
#: that cannot run them refuses the directory.
FORMAT_VERSION = 2
#: The word segmenter used unless told otherwise: a name known to
#: :func:`vnparty_ie.text.segment.tokenize`, or ``module:function``.
DEFAULT_SEGMENTER = "underthesea"
#: Model types whose positions start after the padding index (RoBERTa family).
ROBERTA_LIKE = frozenset({"roberta", "xlm-roberta", "camembert", "bertweet", "phobert", "longformer", "xlm-roberta-xl"})


@dataclass(frozen=True)
class TaggerFileConfig:
    """What ``vnparty_ie.json`` holds.

    Attributes:
        schema: :meth:`vnparty_ie.schema.Schema.to_dict` of the label set.
        max_length: Window length in subwords, special tokens included.
        stride: Subwords of overlap between consecutive windows.
        segmenter: The word segmenter used at training: a name for
            :func:`vnparty_ie.text.segment.tokenize` (``underthesea``,
            ``pyvi``, ``syllable``) or ``module:function``.
        library_version: The vnparty-ie version that wrote the directory.
        format_version: The on-disk format version (1; 2 with a CRF head or character features).
        base_model: The encoder the tagger was trained from.
        head: The output layer: ``softmax`` (per-word argmax) or ``crf``
            (Viterbi over ``crf.json``, see :mod:`vnparty_ie.tagger.crf`).
        char_features: Filters of the character CNN (0: none; see
            :mod:`vnparty_ie.tagger.chars`).
        extra: Anything else (free form).
    """

    schema: Mapping[str, Any] = field(default_factory=DEFAULT_SCHEMA.to_dict)
    max_length: int = 256
    stride: int = 64
    segmenter: str = DEFAULT_SEGMENTER
    library_version: str = __version__
    format_version: int = 1
    base_model: str | None = None
    head: str = "softmax"
    char_features: int = 0
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        out = asdict(self)
        out["schema"] = dict(self.schema)
        out["extra"] = dict(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TaggerFileConfig:
        """Build from :meth:`to_dict` output, ignoring unknown keys."""
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)

    def save(self, directory: str | Path) -> Path:
        """Write ``vnparty_ie.json`` into ``directory`` and return its path."""
        path = Path(directory) / CONFIG_NAME
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, directory: str | Path) -> TaggerFileConfig:
        """Read ``vnparty_ie.json`` from ``directory``.

        Raises:
            ModelFormatError: When the file is missing, unreadable or newer
                than this library understands.
        """
        path = Path(directory) / CONFIG_NAME
        if not path.is_file():
            raise ModelFormatError(
                f"{directory} has no {CONFIG_NAME}, so it is not a vnparty-ie tagger. To train a tagger "
                "from a plain encoder, give it as base_model in a training config (vnparty-ie train CONFIG.yaml)."
            )
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelFormatError(f"cannot read {path}: {exc}") from None
        if not isinstance(data, dict) or "schema" not in data:
            raise ModelFormatError(f"{path} lacks a 'schema' object; the directory is damaged")
        version = data.get("format_version", FORMAT_VERSION)
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise ModelFormatError(
                f"{path} has format_version {version!r}, newer than this vnparty-ie "
                f"({__version__}, format {FORMAT_VERSION}) reads: upgrade vnparty-ie"
            )
        config = cls.from_dict(data)
        if config.head not in HEADS:
            raise ModelFormatError(f"{path} names an unknown output layer head={config.head!r}; upgrade vnparty-ie")
        return config


def encoder_max_length(model_config: Any, tokenizer: Any | None = None) -> int:
    """Return the longest input (in subwords, specials included) the encoder takes.

    RoBERTa-family encoders (PhoBERT among them) start positions after the
    padding index, so PhoBERT's 258 position embeddings give 256 positions.
    A finite ``tokenizer.model_max_length`` lowers the limit further.

    Args:
        model_config: A ``transformers`` ``PretrainedConfig``.
        tokenizer: The matching tokenizer, or ``None``.

    Returns:
        The maximum sequence length.

    Raises:
        ModelFormatError: When the config gives no usable length.
    """
    positions = getattr(model_config, "max_position_embeddings", None)
    if not isinstance(positions, int) or positions < 3:
        raise ModelFormatError("the encoder config has no usable max_position_embeddings")
    limit = positions
    if getattr(model_config, "model_type", "") in ROBERTA_LIKE:
        pad = getattr(model_config, "pad_token_id", None)
        limit = positions - ((pad if isinstance(pad, int) else 1) + 1)
    tok_max = getattr(tokenizer, "model_max_length", None)
    if isinstance(tok_max, int) and 2 < tok_max < 1_000_000:
        limit = min(limit, tok_max)
    return limit
