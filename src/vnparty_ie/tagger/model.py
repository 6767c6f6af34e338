"""The :class:`EntityTagger`: a BERT/RoBERTa token classifier over words.

It wraps ``AutoModelForTokenClassification`` and its tokenizer (slow or fast,
so real PhoBERT works), our own word -> subword alignment, sliding windows
over long sentences and BIO decoding into :class:`vnparty_ie.types.Entity`
objects whose offsets point into the caller's original strings.

torch and transformers are imported only when a torch model is built or
loaded: ``from_pretrained(path, backend="numpy")`` (what :func:`vnparty_ie.load`
uses) runs the same network with :mod:`vnparty_ie.tagger.runtime` instead.

Example:
    >>> tagger = EntityTagger.from_pretrained("runs/ner/model-best")  # doctest: +SKIP
    >>> tagger.predict(["Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai"])  # doctest: +SKIP
    [[Entity(start=0, end=6, label='POSITION', ...), ...]]
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from .. import __version__
from ..errors import ConfigError, ModelFormatError, ModelNotFoundError
from ..schema import DEFAULT_SCHEMA, Schema
from ..types import Entity, Extraction
from .alignment import SubwordCache, build_window_inputs, special_tokens
from .card import model_card
from .config import CONFIG_NAME, DEFAULT_SEGMENTER, TaggerFileConfig, encoder_max_length
from .decode import argmax_tags, spans_to_entities, word_spans
from .windows import assign_words, clip_words, plan_windows

logger = logging.getLogger(__name__)

METRICS_NAME = "metrics.json"
TokenizeFn = Callable[[str], Sequence[Any]]


def resolve_segmenter(name: str) -> TokenizeFn:
    """Return the function that splits a text into sentences of words.

    Args:
        name: A segmenter name for :func:`vnparty_ie.text.segment.tokenize`
            (``underthesea``, ``pyvi``, ``syllable``), or ``module:function``
            of a function with the same contract.

    Raises:
        ModelFormatError: When it cannot be found.
    """
    if ":" not in name:
        from ..text import segment

        if name not in segment.SEGMENTERS:
            raise ModelFormatError(
                f"unknown segmenter {name!r} in the model config; known: {sorted(segment.SEGMENTERS)}"
            )
        return functools.partial(segment.tokenize, segmenter=name)
    module_name, _, attr = name.partition(":")
    try:
        module = importlib.import_module(module_name)
        fn = getattr(module, attr)
    except (ImportError, AttributeError) as exc:
        raise ModelFormatError(
            f"the model's segmenter {name!r} cannot be imported ({exc}); install the package that provides "
            "it, or pass tokenize_fn= explicitly"
        ) from None
    return fn


def _local_encoder(path: str | Path) -> tuple[Any, Any]:
    """Load ``AutoConfig`` and tokenizer of an encoder from disk or the HF cache.

    Raises:
        ModelNotFoundError: When neither a directory nor a cached model exists.
        ModelFormatError: When the directory exists but cannot be loaded.
    """
    from transformers import AutoConfig, AutoTokenizer

    name = str(path)
    is_dir = Path(name).is_dir()
    if not is_dir and (Path(name).exists() or name.startswith((".", "/", "~"))):
        raise ModelNotFoundError(f"model directory {name} does not exist (or is not a directory)")
    try:
        config = AutoConfig.from_pretrained(name, local_files_only=True)
    except OSError as exc:
        if is_dir:
            raise ModelFormatError(f"{name} has no readable config.json: {exc}") from None
        raise ModelNotFoundError(
            f"no model {name!r} on disk or in the Hugging Face cache (no download is attempted). "
            f"Give the path of a model directory, or copy the model into the cache first."
        ) from None
    except ValueError as exc:
        raise ModelFormatError(f"cannot read the config of {name}: {exc}") from None
    try:
        tokenizer = AutoTokenizer.from_pretrained(name, local_files_only=True)
    except (OSError, ValueError, TypeError) as exc:
        raise ModelFormatError(f"cannot load the tokenizer of {name}: {exc}") from None
    return config, tokenizer


@contextlib.contextmanager
def _quiet_progress() -> Iterator[None]:
    """Hide transformers' weight-loading progress bar for a saved tagger (restores the setting)."""
    from transformers.utils import logging as hf_logging

    enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if enabled:
            hf_logging.enable_progress_bar()


def _softmax_rows(logits: np.ndarray) -> np.ndarray:
    """Softmax over the last axis, in place (float32)."""
    if logits.size:
        logits -= logits.max(axis=-1, keepdims=True)
        np.exp(logits, out=logits)
        logits /= logits.sum(axis=-1, keepdims=True)
    return logits


class EntityTagger:
    """A token-classification tagger producing entities with character offsets.

    Args:
        model: A ``transformers`` token-classification model.
        tokenizer: Its tokenizer (slow or fast).
        schema: The label set; ``model.config.id2label`` must hold its BIO tags.
        max_length: Window length in subwords (specials included); defaults to
            the encoder's limit.
        stride: Subwords of overlap between windows (default a quarter window).
        segmenter: The word segmenter's name (see :func:`resolve_segmenter`).
        tokenize_fn: A segmenter function (text -> sentences of tokens) used
            instead of ``segmenter``.
        base_model: Name of the encoder it was trained from (for the card).
        crf: The CRF scores (:class:`vnparty_ie.tagger.crf.CrfParams`) when
            ``model`` (a NumPy/ONNX runtime) is a CRF tagger's emission layer;
            a torch CRF model (``crf_params()``) carries its own.

    Raises:
        ModelFormatError: When the model's labels do not match the schema.
        ConfigError: When ``max_length``/``stride`` are unusable.
    """

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        schema: Schema = DEFAULT_SCHEMA,
        *,
        max_length: int | None = None,
        stride: int | None = None,
        segmenter: str = DEFAULT_SEGMENTER,
        tokenize_fn: TokenizeFn | None = None,
        base_model: str | None = None,
        crf: Any = None,
    ) -> None:
        self.model = model
        self._crf = crf
        self.tokenizer = tokenizer
        self.schema = schema
        self.segmenter = segmenter
        self.base_model = base_model
        self._tokenize_fn = tokenize_fn
        id2label = {int(k): v for k, v in model.config.id2label.items()}
        self.tags: list[str] = [id2label[i] for i in range(len(id2label))]
        if set(self.tags) != set(schema.bio_tags()):
            raise ModelFormatError(
                f"the model's labels {sorted(self.tags)} do not match the schema's tags {sorted(schema.bio_tags())}"
            )
        limit = encoder_max_length(model.config, tokenizer)
        self.prefix, self.suffix = special_tokens(tokenizer)
        self.max_length = limit if max_length is None else int(max_length)
        if self.max_length > limit:
            raise ConfigError(f"max_length {self.max_length} exceeds the encoder's limit of {limit} positions")
        self.budget = self.max_length - len(self.prefix) - len(self.suffix)
        if self.budget < 2:
            raise ConfigError(f"max_length {self.max_length} leaves no room for words after special tokens")
        self.stride = self.budget // 4 if stride is None else int(stride)
        if self.stride < 0:
            raise ConfigError(f"stride must be >= 0, got {self.stride}")
        pad = tokenizer.pad_token_id
        self.pad_id = int(pad) if pad is not None else 0
        self.subwords = SubwordCache(tokenizer)
        self.model.eval()

    # ------------------------------------------------------------------ loading
    @classmethod
    def from_pretrained(
        cls,
        path: str | Path,
        *,
        device: str | Any = "cpu",
        tokenize_fn: TokenizeFn | None = None,
        backend: str = "torch",
        threads: int | None = None,
    ) -> EntityTagger:
        """Load a tagger saved by :meth:`save_pretrained`.

        Args:
            path: The model directory.
            device: Torch device to run on (torch backend).
            tokenize_fn: Segmenter to use instead of the saved one.
            backend: ``"torch"`` (a ``transformers`` model: what training
                needs); inference only, without importing torch or
                transformers (see :mod:`vnparty_ie.tagger.runtime`):
                ``"onnx"`` (ONNX Runtime on the directory's ``model.int8.onnx``
                or ``model.onnx``; needs ``pip install vnparty-ie[onnx]``) or
                ``"numpy"`` (the float32 network in NumPy); ``"auto"``: the
                first of onnx, numpy, torch that the directory and the
                installed packages allow.
            threads: ONNX Runtime's threads (its session fixes them; other
                backends follow :func:`vnparty_ie.tagger.runtime.set_threads`).

        Raises:
            ModelNotFoundError: When the directory does not exist.
            ModelFormatError: When it is not a complete vnparty-ie tagger.
            ValueError: On an unknown ``backend``.
        """
        if backend not in ("torch", "numpy", "onnx", "auto"):
            raise ValueError(f"backend must be 'torch', 'numpy', 'onnx' or 'auto', got {backend!r}")
        directory = Path(path)
        if not directory.is_dir():
            raise ModelNotFoundError(
                f"model directory {directory} does not exist; train one with `vnparty-ie train CONFIG.yaml` "
                "or give the path of a model-best/ directory"
            )
        ours = TaggerFileConfig.load(directory)
        try:
            schema = Schema.from_dict(ours.schema)
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelFormatError(f"{directory / CONFIG_NAME} has an invalid schema: {exc}") from None
        from .crf import CrfParams, output_layers
        from .runtime import numpy_supported, onnx_file, onnxruntime_available

        crf = CrfParams.load(directory) if ours.head == "crf" else None
        if ours.char_features and backend != "torch":  # the character CNN runs on torch only
            if backend != "auto":
                raise ModelFormatError(f"{directory} has character features, which need backend='torch'")
            backend = "torch"
        model: Any = None
        if backend == "auto":
            if str(device) != "cpu" or not numpy_supported(directory):
                backend = "torch"
            elif onnx_file(directory) is not None and onnxruntime_available():
                from .runtime import OnnxTokenClassifier, onnx_files

                backend = "numpy"  # unless an export loads; a stale one is skipped with a warning
                for name in onnx_files(directory):  # as the directory chooses (pipeline.json "onnx")
                    if not (directory / name).is_file():
                        continue
                    try:
                        model = OnnxTokenClassifier(directory, threads=threads, path=directory / name)
                    except ModelFormatError as exc:
                        logger.warning("not using the ONNX export: %s", exc)
                        continue
                    backend = "onnx"
                    break
            else:
                backend = "numpy"
        if backend == "onnx":
            from .runtime import FastTokenizer, OnnxTokenClassifier

            if not numpy_supported(directory):
                raise ModelFormatError(f"{directory} needs tokenizer.json for the ONNX runtime; use backend='torch'")
            if model is None:
                model = OnnxTokenClassifier(directory, threads=threads)
            try:
                tokenizer: Any = FastTokenizer(directory)
            except Exception as exc:  # noqa: BLE001 - tokenizers raises its own Exception type
                raise ModelFormatError(f"cannot load the tokenizer of {directory}: {exc}") from None
        elif backend == "numpy":
            from .runtime import FastTokenizer, NumpyTokenClassifier

            if not numpy_supported(directory):
                raise ModelFormatError(
                    f"{directory} cannot run on the NumPy runtime (it needs a BERT/RoBERTa token classifier "
                    "with model.safetensors and tokenizer.json); use backend='torch'"
                )
            model = NumpyTokenClassifier(directory)
            try:
                tokenizer = FastTokenizer(directory)
            except Exception as exc:  # noqa: BLE001 - tokenizers raises its own Exception type
                raise ModelFormatError(f"cannot load the tokenizer of {directory}: {exc}") from None
        else:
            from transformers import AutoModelForTokenClassification

            _, tokenizer = _local_encoder(directory)
            try:
                with _quiet_progress():
                    model = AutoModelForTokenClassification.from_pretrained(str(directory), local_files_only=True)
            except (OSError, ValueError) as exc:
                raise ModelFormatError(f"cannot load the weights in {directory}: {exc}") from None
            model, crf = output_layers(model, tokenizer, ours.head, ours.char_features, directory, crf), None
            model.to(device)
        return cls(
            model,
            tokenizer,
            schema,
            max_length=ours.max_length,
            stride=ours.stride,
            segmenter=ours.segmenter,
            tokenize_fn=tokenize_fn,
            base_model=ours.base_model,
            crf=crf,
        )

    @classmethod
    def from_encoder(
        cls,
        path: str | Path,
        schema: Schema,
        *,
        max_length: int | None = None,
        stride: int | None = None,
        segmenter: str = DEFAULT_SEGMENTER,
        tokenize_fn: TokenizeFn | None = None,
        head: str = "softmax",
        char_features: int = 0,
    ) -> EntityTagger:
        """Start a tagger from any BERT/RoBERTa-family encoder with a fresh head.

        Works with our own encoder, real PhoBERT (a local directory or an entry of
        the Hugging Face cache; nothing is downloaded) or a saved tagger (whose
        head is reused when its labels are the same).

        Args:
            path: Encoder directory or cached model name (``vinai/phobert-base``).
            schema: The label set to tag.
            max_length: Window length (default: the encoder's limit).
            stride: Window overlap in subwords.
            segmenter: The word segmenter's name (see :func:`resolve_segmenter`).
            tokenize_fn: The segmenter function itself.
            head: ``softmax`` or ``crf`` (a CRF over the word tags, see
                :mod:`vnparty_ie.tagger.crf`; needs ``pytorch-crf``).
            char_features: Filters of a character CNN added to the encoder's
                output (0: none; see :mod:`vnparty_ie.tagger.chars`).

        Raises:
            ModelNotFoundError: When the encoder cannot be found locally.
            ModelFormatError: When it cannot be loaded.
            ConfigError: On an unknown ``head``, or ``crf`` without ``pytorch-crf``.
        """
        from transformers import AutoModelForTokenClassification

        from .crf import HEADS, output_layers

        if head not in HEADS:
            raise ConfigError(f"head must be one of {list(HEADS)}, got {head!r}")

        config, tokenizer = _local_encoder(path)
        tags = schema.bio_tags()
        old = getattr(config, "id2label", None) or {}
        if set(old.values()) == set(tags) and len(old) == len(tags):
            tags = [old[k] for k in sorted(old, key=int)]
        config.num_labels = len(tags)
        config.id2label = dict(enumerate(tags))
        config.label2id = {t: i for i, t in enumerate(tags)}
        try:
            import torch

            # Train in float32 whatever the stored weights are (encoders ship as fp16).
            model = AutoModelForTokenClassification.from_pretrained(
                str(path), config=config, ignore_mismatched_sizes=True, local_files_only=True, dtype=torch.float32
            )
        except (OSError, ValueError) as exc:
            raise ModelFormatError(f"cannot load {path} as a token classifier: {exc}") from None
        model = output_layers(model, tokenizer, head, char_features)
        return cls(
            model,
            tokenizer,
            schema,
            max_length=max_length,
            stride=stride,
            segmenter=segmenter,
            tokenize_fn=tokenize_fn,
            base_model=str(path),
        )

    def file_config(self, **extra: Any) -> TaggerFileConfig:
        """Return the ``vnparty_ie.json`` content describing this tagger."""
        return TaggerFileConfig(
            schema=self.schema.to_dict(),
            max_length=self.max_length,
            stride=self.stride,
            segmenter=self.segmenter,
            library_version=__version__,
            base_model=self.base_model,
            head=self.head,
            char_features=self.char_features,
            format_version=2 if self.head == "crf" or self.char_features else 1,
            extra=extra,
        )

    @property
    def char_features(self) -> int:
        """Filters of the character CNN (0: none)."""
        inner = getattr(self.model, "classifier", None)
        conv = getattr(self.model, "char_conv", None) or getattr(inner, "char_conv", None)
        return int(conv.out_channels) if conv is not None else 0

    @property
    def head(self) -> str:
        """The output layer: ``crf`` or ``softmax``."""
        return "crf" if self._crf is not None or hasattr(self.model, "crf_params") else "softmax"

    def decode(self, probs: np.ndarray) -> tuple[list[str], list[float]]:
        """Tags of one sequence's words and their scores, from :meth:`predict_word_probs` output.

        Softmax head: the argmax tag and its probability; CRF head: the Viterbi
        path (valid IOB2) and each tag's marginal probability.
        """
        return self.decode_many([probs])[0]

    def decode_many(self, probs: Sequence[np.ndarray]) -> list[tuple[list[str], list[float]]]:
        """:meth:`decode` of several sequences (a CRF decodes them together: the same paths, scores to ~1e-15)."""
        crf = self._crf if self._crf is not None else getattr(self.model, "crf_params", lambda: None)()
        if crf is None:
            return [argmax_tags(p, self.tags) for p in probs]
        if not probs:
            return []
        logs = np.log(np.maximum(np.concatenate(probs), np.float32(1e-30)))
        return crf.decode_many(np.split(logs, np.cumsum([len(p) for p in probs[:-1]])), self.tags)

    def save_pretrained(self, path: str | Path, metrics: dict[str, Any] | None = None) -> Path:
        """Save everything needed to load the tagger again.

        Writes ``config.json`` (with ``id2label``), ``model.safetensors``, the
        tokenizer files, ``vnparty_ie.json``, ``metrics.json`` (when given) and a
        ``README.md`` model card. Errors are raised, never swallowed.

        Args:
            path: Target directory (created when missing).
            metrics: Scores to record in ``metrics.json`` and the card.

        Returns:
            The directory.
        """
        directory = Path(path)
        directory.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(str(directory), safe_serialization=True)
        self.tokenizer.save_pretrained(str(directory))
        self.file_config().save(directory)
        self.save_metrics(directory, metrics)
        return directory

    def save_metrics(self, path: str | Path, metrics: dict[str, Any] | None = None) -> None:
        """Write ``metrics.json`` (when given) and the ``README.md`` card into ``path``.

        Args:
            path: A model directory.
            metrics: Scores; ``None`` keeps an existing ``metrics.json`` for the card.
        """
        directory = Path(path)
        if metrics is not None:
            (directory / METRICS_NAME).write_text(
                json.dumps(metrics, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8"
            )
        elif (directory / METRICS_NAME).is_file():
            metrics = json.loads((directory / METRICS_NAME).read_text(encoding="utf-8"))
        (directory / "README.md").write_text(model_card(self, metrics), encoding="utf-8")

    # ---------------------------------------------------------------- inference
    @property
    def tokenize_fn(self) -> TokenizeFn:
        """The word segmenter (resolved from ``segmenter`` on first use)."""
        if self._tokenize_fn is None:
            self._tokenize_fn = resolve_segmenter(self.segmenter)
        return self._tokenize_fn

    @property
    def device(self) -> Any:
        """The device of the model's parameters (``"cpu"`` for the NumPy runtime)."""
        if self.uses_torch:
            return next(self.model.parameters()).device
        return "cpu"

    @property
    def uses_torch(self) -> bool:
        """Whether the model is a torch module (else the NumPy runtime)."""
        from .runtime import NumpyTokenClassifier

        return not isinstance(self.model, NumpyTokenClassifier)

    def windows_for(self, words: Sequence[str]) -> tuple[list[list[int]], list[tuple[int, int]], list[int]]:
        """Plan the windows of one word sequence.

        Args:
            words: Word forms.

        Returns:
            ``(pieces, windows, owner)``: subword ids per word (over-long words
            clipped, with a warning), the windows and each word's window.
        """
        pieces, clipped = clip_words(self.subwords.encode(words), self.budget)
        for i in clipped:
            logger.warning(
                "word %r has more subwords than a window of %d; only its first %d subwords are used",
                words[i][:50],
                self.budget,
                self.budget,
            )
        lengths = [len(p) for p in pieces]
        if lengths and sum(lengths) <= self.budget:  # one window (what plan_windows and assign_words give)
            return pieces, [(0, len(pieces))], [0] * len(pieces)
        windows = plan_windows(lengths, self.budget, self.stride)
        return pieces, windows, assign_words(lengths, windows)

    def predict_word_probs(self, sequences: Sequence[Sequence[str]], batch_size: int = 32) -> list[np.ndarray]:
        """Return tag probabilities for every word of every sequence.

        Windows of all sequences are batched together, sorted by length to
        limit padding; each word takes the probabilities of the window where
        it is most central.

        Args:
            sequences: Word sequences (e.g. sentences).
            batch_size: Windows per forward pass.

        Returns:
            One ``(n_words, n_tags)`` float32 array per sequence.

        Raises:
            ConfigError: When ``batch_size < 1``.
        """
        if batch_size < 1:
            raise ConfigError(f"batch_size must be >= 1, got {batch_size}")
        n_tags = len(self.tags)
        # One buffer for every word (the softmax then runs once); each sequence gets its rows.
        sizes = [len(words) for words in sequences]
        flat = np.zeros((sum(sizes), n_tags), dtype=np.float32)
        out = np.split(flat, np.cumsum(sizes)[:-1]) if sizes else []
        items: list[tuple[int, int, list[int], list[int], list[int] | slice]] = []
        for s, words in enumerate(sequences):
            if not words:
                continue
            pieces, windows, owner = self.windows_for(words)
            if len(windows) == 1:
                ids, _, firsts = build_window_inputs(pieces, None, self.prefix, self.suffix)
                items.append((s, 0, ids, firsts, slice(None)))
                continue
            for w, (a, b) in enumerate(windows):
                ids, _, firsts = build_window_inputs(pieces[a:b], None, self.prefix, self.suffix)
                keep = [i for i in range(a, b) if owner[i] == w]
                items.append((s, a, ids, [firsts[i - a] for i in keep], keep))
        items.sort(key=lambda item: len(item[2]))
        if not items:
            return out
        # The NumPy/ONNX runtimes give logits: the softmax runs on the words' rows only, at the
        # end (row by row, the same operations as over the whole window).
        raw = not self.uses_torch
        if raw and getattr(self.model, "row_by_row", False):  # a quantised export: window by window anyway
            window_logits = self.model.window_logits
            for s, _a, ids, positions, keep in items:
                out[s][keep] = window_logits(ids)[positions]
            _softmax_rows(flat)
            return out
        forward = self.model.logits if raw else self._forward_fn()
        for k in range(0, len(items), batch_size):
            batch = items[k : k + batch_size]
            width = max(len(item[2]) for item in batch)
            input_ids = np.full((len(batch), width), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, item in enumerate(batch):
                input_ids[row, : len(item[2])] = item[2]
                mask[row, : len(item[2])] = 1
            probs = forward(input_ids, mask)
            for row, (s, _a, _ids, positions, keep) in enumerate(batch):
                out[s][keep] = probs[row, positions]
        if raw:
            _softmax_rows(flat)
        return out

    def _forward_fn(self) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
        """``(input_ids, mask) -> probabilities`` (float32 NumPy) for the model's runtime."""
        if not self.uses_torch:
            model = self.model

            def forward_numpy(input_ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
                return _softmax_rows(model.logits(input_ids, mask))

            return forward_numpy
        import torch

        device = self.device
        self.model.eval()

        def forward_torch(input_ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
            with torch.inference_mode():
                logits = self.model(
                    input_ids=torch.from_numpy(input_ids).to(device), attention_mask=torch.from_numpy(mask).to(device)
                ).logits
                return torch.softmax(logits.float(), dim=-1).cpu().numpy()

        return forward_torch

    def predict_words(
        self, sequences: Sequence[Sequence[str]], batch_size: int = 32
    ) -> list[tuple[list[str], list[float]]]:
        """Tag word sequences (e.g. a CoNLL file's sentences).

        Args:
            sequences: Word sequences.
            batch_size: Windows per forward pass.

        Returns:
            ``(tags, tag probabilities)`` per sequence; tags are repaired IOB2.
        """
        from .decode import repair_bio

        return [
            (repair_bio(tags), scores)
            for tags, scores in self.decode_many(self.predict_word_probs(sequences, batch_size))
        ]

    def predict(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Entity]]:
        """Find the entities of each text.

        Args:
            texts: Original strings (any length: long ones are windowed).
            batch_size: Windows per forward pass.

        Returns:
            For each text, its entities in text order, with offsets into that
            text and a ``score`` (mean probability of the chosen word tags).

        Raises:
            TypeError: When ``texts`` is a string or holds a non-string.
        """
        if isinstance(texts, str):
            raise TypeError("predict() takes a sequence of strings; wrap a single text in a list")
        texts = list(texts)
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts[{i}] is {type(text).__name__}, not str")
        units: list[tuple[int, list[Any]]] = []
        for d, text in enumerate(texts):
            if not text.strip():
                continue
            for sentence in self.tokenize_fn(text):
                tokens = list(sentence.tokens)
                if tokens:
                    units.append((d, tokens))
        probs = self.predict_word_probs([[t.form for t in tokens] for _, tokens in units], batch_size)
        entities: list[list[Entity]] = [[] for _ in texts]
        for (d, tokens), (tags, scores) in zip(units, self.decode_many(probs)):
            spans = word_spans(tags, scores)
            entities[d].extend(spans_to_entities(texts[d], [t.start for t in tokens], [t.end for t in tokens], spans))
        return [sorted(ents, key=lambda e: (e.start, e.end)) for ents in entities]

    def extract_many(self, texts: Iterable[str], batch_size: int = 32) -> list[Extraction]:
        """Return one :class:`Extraction` (entities only, no relations) per text."""
        texts = list(texts)
        return [
            Extraction(text=t, entities=tuple(replace(e, id=f"T{i + 1}") for i, e in enumerate(ents)))
            for t, ents in zip(texts, self.predict(texts, batch_size))
        ]

    def extract(self, text: str) -> Extraction:
        """Return the :class:`Extraction` of one text (entities only)."""
        if not isinstance(text, str):
            raise TypeError(f"extract() takes a str, not {type(text).__name__}")
        return self.extract_many([text])[0]

    def __call__(self, text: str) -> Extraction:
        return self.extract(text)
