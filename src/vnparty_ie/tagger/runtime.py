"""A torch-free inference runtime for saved taggers: NumPy encoder + ``tokenizers``.

:func:`vnparty_ie.load` runs the shipped tagger with this runtime: it reads
``config.json``, ``model.safetensors`` and ``tokenizer.json`` directly (no
``transformers``, no ``torch``: importing those takes seconds) and computes the
same BERT/RoBERTa token classifier in NumPy (float32, BLAS matrix products).
Training and :meth:`EntityTagger.from_pretrained` keep using torch.

What it supports (anything else falls back to torch, see :func:`numpy_supported`):
``RobertaForTokenClassification`` / ``BertForTokenClassification`` with absolute
positions, GELU (erf) activations and a fast tokenizer (``tokenizer.json``).
A tagger with a CRF output layer (``"head": "crf"``) runs here too: these
classes compute its emissions, and :class:`~vnparty_ie.tagger.EntityTagger`
decodes them with the NumPy Viterbi of :mod:`vnparty_ie.tagger.crf` over the
saved ``crf.json`` (no torch, no pytorch-crf).

Threads: BLAS (and torch, when it is loaded) use :func:`set_threads` threads;
``vnparty_ie.load(threads=...)`` defaults to one, which is also the fastest
setting on a machine whose other cores are busy.

Example:
    >>> import numpy as np
    >>> x = np.array([-3.0, 0.0, 0.5, 3.0])
    >>> [round(float(v), 4) for v in _gelu(x.astype(np.float32))]
    [-0.004, 0.0, 0.3457, 2.996]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from ..errors import ModelFormatError

__all__ = [
    "ONNX_CHOICES",
    "ONNX_FILES",
    "FastTokenizer",
    "NumpyTokenClassifier",
    "OnnxTokenClassifier",
    "numpy_supported",
    "onnx_choice",
    "onnx_file",
    "onnx_files",
    "set_threads",
]

#: ONNX exports of a tagger, in order of preference (``training/export_onnx.py`` writes them).
ONNX_FILES = ("model.int8.onnx", "model.onnx")
#: ONNX metadata key holding the SHA-256 of the ``model.safetensors`` an export was made from.
WEIGHTS_KEY = "vnparty_ie.weights_sha256"

#: Token rows processed together after attention (their activations stay in cache).
_ROWS = 64
_ARCHITECTURES = {"RobertaForTokenClassification": "roberta", "BertForTokenClassification": "bert"}


def set_threads(n: int | None) -> None:
    """Use ``n`` threads for BLAS (NumPy) and torch (when torch is already imported).

    ``None`` leaves the libraries' defaults. ``threadpoolctl`` is used when
    installed; without it only torch is limited.

    Raises:
        ValueError: If ``n`` is not a positive int.
    """
    if n is None:
        return
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"threads must be a positive int, got {n!r}")
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl ships with scikit-learn
        pass
    else:
        threadpool_limits(limits=n, user_api="blas")
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(n)


def numpy_supported(directory: str | Path) -> bool:
    """Whether the saved tagger in ``directory`` can run on :class:`NumpyTokenClassifier`."""
    directory = Path(directory)
    try:
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    arch = (config.get("architectures") or [None])[0]
    return (
        arch in _ARCHITECTURES
        and config.get("hidden_act", "gelu") == "gelu"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and not config.get("is_decoder", False)
        and (directory / "tokenizer.json").is_file()
        and (directory / "model.safetensors").is_file()
    )


class FastTokenizer:
    """The part of a Hugging Face fast tokenizer the tagger uses, on ``tokenizers`` alone.

    Args:
        directory: A model directory with ``tokenizer.json`` (and optionally
            ``tokenizer_config.json`` for the special tokens and length limit).
    """

    def __init__(self, directory: str | Path) -> None:
        from tokenizers import Tokenizer

        directory = Path(directory)
        self.directory = directory
        self._tok = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self._tok.no_padding()
        self._tok.no_truncation()
        cfg_path = directory / "tokenizer_config.json"
        cfg = json.loads(cfg_path.read_text(encoding="utf-8")) if cfg_path.is_file() else {}
        self.model_max_length = int(cfg.get("model_max_length") or 10**30)
        self.unk_token_id = self._special_id(cfg, "unk_token")
        self.pad_token_id = self._special_id(cfg, "pad_token")

    def _special_id(self, cfg: dict[str, Any], key: str) -> int | None:
        token = cfg.get(key)
        if isinstance(token, dict):
            token = token.get("content")
        return None if token is None else self._tok.token_to_id(str(token))

    def __call__(self, words: list[str], add_special_tokens: bool = False) -> dict[str, list[list[int]]]:
        # One encode() per word, not encode_batch(): the batch call hands small lists to a
        # thread pool whose start-up and spinning cost more than the work (8x the wall time
        # for 30 words on a busy 2-core machine); the ids are the same.
        encode = self._tok.encode
        return {"input_ids": [encode(w, add_special_tokens=add_special_tokens).ids for w in words]}

    def build_inputs_with_special_tokens(self, ids: list[int]) -> list[int]:
        """``ids`` between the post-processor's special tokens (``<s> … </s>``)."""
        probe = self._tok.encode("a", add_special_tokens=True)
        mask = probe.special_tokens_mask
        inner = [i for i, m in enumerate(mask) if not m]
        if not inner:
            return list(ids)
        first, last = inner[0], inner[-1]
        return list(probe.ids[:first]) + list(ids) + list(probe.ids[last + 1 :])

    def save_pretrained(self, path: str | Path) -> None:
        """Copy the tokenizer files into ``path``."""
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
            src = self.directory / name
            if src.is_file() and src.resolve() != (out / name).resolve():
                (out / name).write_bytes(src.read_bytes())


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU of a 2-D float32 array, in place, in cache-sized row blocks.

    erf by Abramowitz-Stegun 7.1.26 (absolute error below 1.5e-7, the size of
    float32 rounding), computed with in-place passes only.
    """
    if x.ndim != 2:
        return _gelu_block(x)
    rows = max(1, 65536 // max(1, x.shape[1]))
    for i in range(0, x.shape[0], rows):
        _gelu_block(x[i : i + rows])
    return x


def _gelu_block(x: np.ndarray) -> np.ndarray:
    z = np.abs(x)
    z *= np.float32(0.7071067811865476)
    t = z * np.float32(0.3275911)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for coef in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(coef)
        poly *= t
    z *= z
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z  # 1 - erf(|x| / sqrt(2))
    np.subtract(np.float32(1.0), poly, out=poly)
    np.copysign(poly, x, out=poly)  # erf(x / sqrt(2))
    poly *= np.float32(0.5)
    poly += np.float32(0.5)
    x *= poly
    return x


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    x = x - mean
    var = np.mean(x * x, axis=-1, keepdims=True)
    x *= 1.0 / np.sqrt(var + np.float32(eps))
    x *= weight
    x += bias
    return x


class NumpyTokenClassifier:
    """A BERT/RoBERTa token classifier computed with NumPy (inference only).

    Args:
        directory: A saved tagger (``config.json`` + ``model.safetensors``).

    Raises:
        ModelFormatError: When the weights do not fit the config.
    """

    def __init__(self, directory: str | Path) -> None:
        from safetensors.numpy import load_file

        directory = Path(directory)
        raw = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        self.config = SimpleNamespace(**raw)
        self.config.id2label = {int(k): v for k, v in raw.get("id2label", {}).items()}
        arch = (raw.get("architectures") or [""])[0]
        self.kind = _ARCHITECTURES.get(arch, raw.get("model_type", "bert"))
        prefix = "roberta." if self.kind == "roberta" else "bert."
        try:
            weights = load_file(str(directory / "model.safetensors"))
            w = {k.removeprefix(prefix): v.astype(np.float32) for k, v in weights.items()}
            self.eps = float(raw.get("layer_norm_eps", 1e-12))
            self.heads = int(raw["num_attention_heads"])
            self.hidden = int(raw["hidden_size"])
            self.pad_id = int(raw.get("pad_token_id") or 0)
            self.word = w["embeddings.word_embeddings.weight"]
            self.position = w["embeddings.position_embeddings.weight"]
            self.token_type = w["embeddings.token_type_embeddings.weight"][0]
            self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
            self.layers = []
            for i in range(int(raw["num_hidden_layers"])):
                p = f"encoder.layer.{i}."
                qkv_w = np.concatenate([w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")], axis=0)
                qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
                self.layers.append(
                    (
                        np.ascontiguousarray(qkv_w.T),
                        qkv_b,
                        np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                        w[p + "attention.output.dense.bias"],
                        (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                        np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                        w[p + "intermediate.dense.bias"],
                        np.ascontiguousarray(w[p + "output.dense.weight"].T),
                        w[p + "output.dense.bias"],
                        (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                    )
                )
            self.cls_w = np.ascontiguousarray(w["classifier.weight"].T)
            self.cls_b = w["classifier.bias"]
        except (KeyError, ValueError, OSError) as exc:
            raise ModelFormatError(f"cannot load the weights in {directory} for the NumPy runtime: {exc}") from None
        if self.hidden % self.heads:
            raise ModelFormatError(f"hidden size {self.hidden} is not a multiple of {self.heads} heads")

    def eval(self) -> NumpyTokenClassifier:
        """No-op (interface parity with torch modules)."""
        return self

    def parameters(self):
        """The weight arrays."""
        yield self.word
        yield self.position
        for layer in self.layers:
            for item in layer:
                yield from item if isinstance(item, tuple) else (item,)
        yield self.cls_w

    def logits(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """``(batch, length, labels)`` float32 logits for padded ``input_ids``."""
        batch, length = input_ids.shape
        mask = attention_mask.astype(bool)
        if self.kind == "roberta":  # positions count from padding_idx + 1 over real tokens
            pos = np.cumsum(mask, axis=1) * mask + self.pad_id
        else:
            pos = np.broadcast_to(np.arange(length), (batch, length))
        x = self.word[input_ids] + self.position[pos] + self.token_type
        x = _layer_norm(x.reshape(batch * length, self.hidden), *self.emb_ln, self.eps)
        heads, dim = self.heads, self.hidden // self.heads
        scale = np.float32(1.0 / np.sqrt(dim))
        bias = np.where(mask, np.float32(0.0), np.finfo(np.float32).min)[:, None, None, :]
        for qkv_w, qkv_b, o_w, o_b, ln1, i_w, i_b, f_w, f_b, ln2 in self.layers:
            qkv = x @ qkv_w
            qkv += qkv_b
            qkv = qkv.reshape(batch, length, 3, heads, dim).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = (q * scale) @ k.transpose(0, 1, 3, 2)
            scores += bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, self.hidden)
            out = np.empty_like(x)
            for r in range(0, x.shape[0], _ROWS):  # the rest row block by row block, in cache
                h = ctx[r : r + _ROWS] @ o_w
                h += o_b
                h += x[r : r + _ROWS]
                h = _layer_norm(h, *ln1, self.eps)
                inner = h @ i_w
                inner += i_b
                f = _gelu_block(inner) @ f_w
                f += f_b
                f += h
                out[r : r + _ROWS] = _layer_norm(f, *ln2, self.eps)
            x = out
        out = x @ self.cls_w
        out += self.cls_b
        return out.reshape(batch, length, -1)


#: ``pipeline.json`` key by which a model directory chooses its ONNX export (see :func:`onnx_files`).
ONNX_CHOICE_KEY = "onnx"
#: Its values: the int8 export first (also the default), or the float network only.
ONNX_CHOICES = {"int8": ONNX_FILES, "float32": ("model.onnx",)}


def onnx_choice(directory: str | Path) -> str:
    """The ONNX export the model directory asks for: ``"int8"`` (the default) or ``"float32"``.

    Read from ``pipeline.json``'s ``"onnx"`` key. ``"int8"`` (or no key) uses
    ``model.int8.onnx`` when the directory has one (``training/export_onnx.py
    --int8``: dynamic int8 weights, about twice as fast, scores not
    bit-identical: see the model card), else ``model.onnx``; ``"float32"``
    always uses ``model.onnx``.

    Raises:
        ModelFormatError: On another value, or an unreadable ``pipeline.json``.
    """
    path = Path(directory) / "pipeline.json"
    if not path.is_file():
        return "int8"
    try:
        choice = json.loads(path.read_text(encoding="utf-8")).get(ONNX_CHOICE_KEY, "int8")
    except (OSError, ValueError, AttributeError) as exc:
        raise ModelFormatError(f"cannot read {path}: {exc}") from None
    if choice not in ONNX_CHOICES:
        raise ModelFormatError(f"{path}: {ONNX_CHOICE_KEY!r} must be one of {sorted(ONNX_CHOICES)}, got {choice!r}")
    return str(choice)


def onnx_files(directory: str | Path) -> tuple[str, ...]:
    """The ONNX file names to try in ``directory``, in order, as it chooses (:func:`onnx_choice`).

    Example:
        >>> onnx_files("no/such/directory")
        ('model.int8.onnx', 'model.onnx')
    """
    return ONNX_CHOICES[onnx_choice(directory)]


def onnx_file(directory: str | Path) -> Path | None:
    """The ONNX export in ``directory`` that :class:`OnnxTokenClassifier` would use, if any."""
    for name in onnx_files(directory):
        path = Path(directory) / name
        if path.is_file():
            return path
    return None


def onnxruntime_available() -> bool:
    """Whether ``onnxruntime`` is installed (without importing it)."""
    import importlib.util

    return importlib.util.find_spec("onnxruntime") is not None


def weights_digest(directory: str | Path) -> str:
    """SHA-256 (hex) of ``model.safetensors`` in ``directory``."""
    import hashlib

    digest = hashlib.sha256()
    with open(Path(directory) / "model.safetensors", "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class OnnxTokenClassifier(NumpyTokenClassifier):
    """The token classifier run by ONNX Runtime from an export (``pip install vnparty-ie[onnx]``).

    Args:
        directory: A saved tagger with ``config.json`` and an ONNX export
            (``model.int8.onnx`` preferred, else ``model.onnx``, unless the
            directory chooses the float network: :func:`onnx_choice`).
        threads: ONNX Runtime's intra-op threads (fixed for the session).
        path: A specific ONNX file instead.

    Raises:
        ModelFormatError: When there is no export, it cannot be loaded, or it
            was not made from the directory's ``model.safetensors`` (its
            recorded digest differs: a stale export is never used).
    """

    def __init__(self, directory: str | Path, threads: int | None = 1, path: str | Path | None = None) -> None:
        import onnxruntime as ort

        directory = Path(directory)
        raw = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        self.config = SimpleNamespace(**raw)
        self.config.id2label = {int(k): v for k, v in raw.get("id2label", {}).items()}
        self.path = Path(path) if path is not None else onnx_file(directory)
        if self.path is None:
            raise ModelFormatError(
                f"{directory} has no ONNX export ({' or '.join(onnx_files(directory))}); run training/export_onnx.py"
            )
        options = ort.SessionOptions()
        if threads is not None:
            options.intra_op_num_threads = int(threads)
            options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            self.session = ort.InferenceSession(str(self.path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own exception types
            raise ModelFormatError(f"cannot load {self.path}: {exc}") from None
        #: Whether windows run one at a time (a quantised export; see :meth:`logits`).
        self.row_by_row = self.path.name.endswith(".int8.onnx")
        recorded = self.session.get_modelmeta().custom_metadata_map.get(WEIGHTS_KEY)
        if (directory / "model.safetensors").is_file() and recorded != weights_digest(directory):
            raise ModelFormatError(
                f"{self.path} was not exported from {directory / 'model.safetensors'} (stale export); "
                "run training/export_onnx.py again or delete it"
            )

    def parameters(self):
        """No weight arrays (they live in the ONNX Runtime session)."""
        return iter(())

    def window_logits(self, input_ids: Sequence[int]) -> np.ndarray:
        """``(length, labels)`` float32 logits of one window without padding (what :meth:`logits`
        computes for each window of a quantised export)."""
        ids = np.asarray(input_ids, dtype=np.int64)[None]
        return self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]

    def logits(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """``(batch, length, labels)`` float32 logits for padded ``input_ids``.

        A quantised export (:attr:`row_by_row`) runs each window on its own,
        without its padding: dynamic int8 quantisation scales the activations
        of the whole input tensor together, so a window's logits would
        otherwise depend on the other windows of its batch and on the padding
        (``extract`` and ``extract_many`` would differ).
        """
        ids, mask = input_ids.astype(np.int64), attention_mask.astype(np.int64)
        if not self.row_by_row:
            return self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        rows = []
        for row_ids, row_mask in zip(ids, mask):
            n = int(row_mask.sum())
            if n and row_mask[:n].all():  # right padding: drop it
                rows.append(self.window_logits(row_ids[:n]))
            else:
                rows.append(self.session.run(None, {"input_ids": row_ids[None], "attention_mask": row_mask[None]})[0][0])
        out = np.zeros((ids.shape[0], ids.shape[1], rows[0].shape[-1] if rows else 0), dtype=np.float32)
        for i, row in enumerate(rows):
            out[i, : row.shape[0]] = row
        return out
