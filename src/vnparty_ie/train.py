"""Train the entity tagger: ``vnparty-ie train CONFIG.yaml`` / ``python -m vnparty_ie.train CONFIG.yaml``.

A typed :class:`TrainConfig` (YAML) names the base encoder, the data (span
JSONL or CoNLL BIO) and the hyper-parameters. The label set is read from the
data, so any IOB2 scheme trains. Long sentences become overlapping windows,
as at inference (no truncation). A plain PyTorch loop on CPU; early stopping
on dev F1 (seqeval strict IOB2 over words; dev loss breaks ties).

Output directory::

    OUTPUT/model-best/     config.json, model.safetensors, tokenizer files,
                           vnparty_ie.json, metrics.json, README.md
    OUTPUT/metrics.json    the same scores
    OUTPUT/train_log.jsonl one JSON record per event (start, epoch, end)

Example:
    >>> cfg = TrainConfig.from_dict({"base_model": "enc", "train_path": "train.jsonl", "epochs": 2})
    >>> cfg.epochs, cfg.learning_rate
    (2, 5e-05)
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import logging
import math
import sys
import time
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError, VnPartyIEError
from .io.formats import FORMATS
from .schedule import epochs_within
from .schema import DEFAULT_SCHEMA, ENTITY_LABELS, Schema
from .tagger.crf import HEADS
from .train_data import TrainData, load_data

__all__ = [
    "TrainConfig",
    "TrainData",
    "TrainResult",
    "coerce_config",
    "load_data",
    "main",
    "schema_from_tags",
    "train",
]

logger = logging.getLogger(__name__)


@dataclass
class TrainConfig:
    """Everything a training run needs; load it with :meth:`from_yaml`.

    Attributes:
        base_model: Encoder directory (our encoder, PhoBERT, a saved tagger) or
            a model name already in the Hugging Face cache (never downloaded).
        train_path: Training data, span JSONL or CoNLL BIO.
        output_dir: Where ``model-best/``, ``metrics.json`` and the log go.
        dev_path: Dev data for early stopping and scores (optional).
        data_format: A format of :data:`~vnparty_ie.io.formats.FORMATS` (``jsonl``,
            ``conll``, ``tokens`` …) or ``auto`` (from the file suffix and content).
        tag_column: The tag column of CoNLL files (``-1``: the last; ``3`` for
            VLSP 2016's word, POS, chunk, NER, nested-NER columns).
        labels: Entity labels to use instead of those found in the data.
        segmenter: Word segmenter for JSONL text (and saved with the model).
        epochs: Maximum number of epochs.
        learning_rate: Peak AdamW learning rate.
        batch_size: Training windows per step.
        eval_batch_size: Windows per forward pass when evaluating.
        warmup_ratio: Fraction of steps with linear warm-up.
        weight_decay: AdamW weight decay (not on biases and LayerNorm).
        max_grad_norm: Gradient clipping norm.
        seed: Random seed (head init, shuffling).
        max_train_samples: Keep only the first N training records (documents
            for JSONL, sentences for CoNLL); for quick runs.
        max_dev_samples: The same for dev.
        max_length: Window length in subwords (default: the encoder's limit).
        stride: Window overlap in subwords (default: a quarter window).
        patience: Stop after this many epochs without a better dev F1 (or,
            at equal F1, a lower dev loss); ``None``: never stop early.
        threads: ``torch.set_num_threads`` (``None``: leave as is).
        progress: Show tqdm progress bars.
        bucket_by_length: Draw each batch from windows of similar length (shuffled
            pools of 50 batches, sorted inside), so batches pad little.
        compose: After training, choose on the dev set how the classifier and the
            rules compose (as the shipped model's ``pipeline.json`` was chosen) and
            write ``model-best/pipeline.json``; needs span JSONL dev data.
        head: The output layer: ``softmax`` (per-word cross-entropy) or ``crf``
            (CRF negative log-likelihood, Viterbi decoding; ``pip install vnparty-ie[crf]``).
        char_features: Filters of a character CNN added to the encoder's output (0: none).
        time_budget_minutes: Wall-clock budget of the whole run (``None``: none). From
            the pace of the first steps, and again after each epoch, the run keeps
            only the epochs that fit (at least one) and ends its learning-rate decay
            with the last of them; see :mod:`vnparty_ie.schedule`.
    """

    base_model: str
    train_path: str
    output_dir: str = "runs/ner"
    dev_path: str | None = None
    data_format: str = "auto"
    tag_column: int = -1
    labels: list[str] | None = None
    segmenter: str = "underthesea"
    epochs: int = 10
    learning_rate: float = 5e-5
    batch_size: int = 16
    eval_batch_size: int = 32
    warmup_ratio: float = 0.1
    weight_decay: float = 0.01
    max_grad_norm: float = 1.0
    seed: int = 42
    max_train_samples: int | None = None
    max_dev_samples: int | None = None
    max_length: int | None = None
    stride: int | None = None
    patience: int | None = 3
    threads: int | None = None
    progress: bool = True
    bucket_by_length: bool = True
    compose: bool = True
    head: str = "softmax"
    char_features: int = 0
    time_budget_minutes: float | None = None

    def __post_init__(self) -> None:
        checks = [
            (self.epochs >= 1, "epochs must be >= 1"),
            (self.learning_rate > 0, "learning_rate must be > 0"),
            (self.batch_size >= 1, "batch_size must be >= 1"),
            (self.eval_batch_size >= 1, "eval_batch_size must be >= 1"),
            (0 <= self.warmup_ratio < 1, "warmup_ratio must be in [0, 1)"),
            (self.weight_decay >= 0, "weight_decay must be >= 0"),
            (self.max_grad_norm > 0, "max_grad_norm must be > 0"),
            (self.time_budget_minutes is None or self.time_budget_minutes > 0, "time_budget_minutes must be > 0"),
            (self.max_train_samples is None or self.max_train_samples >= 1, "max_train_samples must be >= 1"),
            (self.max_dev_samples is None or self.max_dev_samples >= 1, "max_dev_samples must be >= 1"),
            (self.max_length is None or self.max_length >= 4, "max_length must be >= 4"),
            (self.stride is None or self.stride >= 0, "stride must be >= 0"),
            (self.patience is None or self.patience >= 1, "patience must be >= 1 (or null)"),
            (self.threads is None or self.threads >= 1, "threads must be >= 1 (or null)"),
            (self.head in HEADS, f"head must be one of {list(HEADS)}"),
            (self.char_features >= 0, "char_features must be >= 0"),
            (self.data_format == "auto" or self.data_format in FORMATS, f"data_format must be auto or one of {FORMATS}"),
        ]
        for ok, message in checks:
            if not ok:
                raise ConfigError(f"invalid training config: {message}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TrainConfig:
        """Build a config from a mapping, converting and checking types.

        Raises:
            ConfigError: On unknown keys, missing required keys or bad values.
        """
        return cls(**coerce_config(cls, data))

    @classmethod
    def from_yaml(cls, path: str | Path, overrides: Mapping[str, Any] | None = None) -> TrainConfig:
        """Read a YAML config file (``overrides`` win over its keys).

        Raises:
            ConfigError: When the file is missing, not YAML, or invalid.
        """
        import yaml

        source = Path(path)
        if not source.is_file():
            raise ConfigError(f"training config {source} does not exist")
        try:
            data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{source} is not valid YAML: {exc}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{source} must hold a mapping of keys to values")
        data.update(overrides or {})
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return dataclasses.asdict(self)


def coerce_config(cls: type, data: Mapping[str, Any], what: str = "training config") -> dict[str, Any]:
    """Check ``data`` against the fields of the dataclass ``cls`` and convert each value to its field's type.

    YAML 1.1 reads ``5e-5`` as a string: such values become floats (ints, bools
    and strings likewise), so the result can be passed as ``cls(**values)``.

    Args:
        cls: A dataclass whose field annotations give the types.
        data: Field values, e.g. as read from YAML.
        what: What the configuration is, for error messages.

    Returns:
        The converted values, keyed by field name (only the keys of ``data``).

    Raises:
        ConfigError: When ``data`` is not a mapping, has unknown keys, lacks
            required keys or has a value of the wrong type.
    """
    if not isinstance(data, Mapping):
        raise ConfigError(f"a {what} must be a mapping of keys to values")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ConfigError(f"unknown {what} keys {unknown}; known keys: {sorted(fields)}")
    missing = [
        n
        for n, f in fields.items()
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING and n not in data
    ]
    if missing:
        raise ConfigError(f"{what} lacks required keys {missing}")
    hints = typing.get_type_hints(cls)
    return {name: _coerce(name, value, hints[name], what) for name, value in data.items()}


def _coerce(name: str, value: Any, hint: Any, what: str = "training config") -> Any:
    """Convert a YAML value to the field's type (YAML reads ``5e-5`` as a string)."""
    args = typing.get_args(hint)
    optional = type(None) in args
    if value is None:
        if optional:
            return None
        raise ConfigError(f"{what} key {name!r} must not be null")
    base = next((a for a in args if a is not type(None)), hint) if args else hint
    origin = typing.get_origin(base)
    try:
        if base is bool:
            if isinstance(value, bool):
                return value
            if str(value).lower() in ("true", "yes", "1", "false", "no", "0"):
                return str(value).lower() in ("true", "yes", "1")
            raise ValueError(value)
        if base is int:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
            return int(value)
        if base is float:
            if isinstance(value, bool):
                raise ValueError(value)
            return float(value)
        if base is str:
            if isinstance(value, (dict, list)):
                raise ValueError(value)
            return str(value)
        if origin is list:
            if not isinstance(value, (list, tuple)):
                raise ValueError(value)
            return [str(v) for v in value]
    except (TypeError, ValueError):
        raise ConfigError(f"{what} key {name!r} has an invalid value {value!r} (expected {hint})") from None
    return value


def schema_from_tags(found: set[str], declared: Sequence[str] | None = None) -> Schema:
    """Choose the label set: declared labels, else those found in the data.

    Labels that are all of the project's schema keep its order and relation
    types; any other set becomes a custom schema (sorted, no relations).

    Raises:
        ConfigError: When there is no label, or the data has undeclared labels.
    """
    if declared:
        extra = sorted(found - set(declared))
        if extra:
            raise ConfigError(f"the data has labels {extra} that are not in the config's labels {list(declared)}")
        labels = list(dict.fromkeys(declared))
    else:
        labels = sorted(found)
    if not labels:
        raise ConfigError("the training data has no entity tag (only 'O'); list the labels under 'labels:'")
    if set(labels) <= set(ENTITY_LABELS):
        ordered = tuple(label for label in ENTITY_LABELS if label in labels)
        relations = {
            name: types_
            for name, types_ in DEFAULT_SCHEMA.relation_types.items()
            if types_[0] in ordered and types_[1] in ordered
        }
        return Schema(entity_labels=ordered, relation_types=relations)
    return Schema(entity_labels=tuple(labels), relation_types={}, name="custom", version="1")


@dataclass
class TrainResult:
    """What :func:`train` produced.

    Attributes:
        output_dir: The run directory.
        best_dir: ``output_dir/model-best``.
        metrics: The content of ``metrics.json``.
    """

    output_dir: Path
    best_dir: Path
    metrics: dict[str, Any] = field(default_factory=dict)


def _encode_windows(tagger: Any, label2id: Mapping[str, int]) -> Any:
    """Return a batched ``datasets.map`` function turning sentences into windows."""
    from .tagger.alignment import build_window_inputs

    def encode(batch: dict[str, list]) -> dict[str, list]:
        out: dict[str, list] = {"input_ids": [], "labels": []}
        for words, tags in zip(batch["words"], batch["tags"]):
            if not words:
                continue
            pieces, windows, _ = tagger.windows_for(words)
            ids = [label2id[t] for t in tags]
            for a, b in windows:
                input_ids, label_ids, _ = build_window_inputs(pieces[a:b], ids[a:b], tagger.prefix, tagger.suffix)
                out["input_ids"].append(input_ids)
                out["labels"].append(label_ids)
        return out

    return encode


def epoch_batches(lengths: Sequence[int], batch_size: int, generator: Any, bucket: bool = True) -> list[list[int]]:
    """Return one epoch's batches of dataset indices, in training order.

    With ``bucket``, a random permutation is cut into pools of 50 batches, each
    pool is sorted by window length and cut into batches, and the batches are
    shuffled: every window is seen once, and a batch pads to a similar length.

    Example:
        >>> import torch
        >>> out = epoch_batches([5, 1, 5, 1], 2, torch.Generator().manual_seed(0))
        >>> sorted(sorted(b) for b in out)
        [[0, 2], [1, 3]]
    """
    import torch

    order = torch.randperm(len(lengths), generator=generator).tolist()
    if not bucket:
        return [order[k : k + batch_size] for k in range(0, len(order), batch_size)]
    pool = batch_size * 50
    batches: list[list[int]] = []
    for start in range(0, len(order), pool):
        part = sorted(order[start : start + pool], key=lambda i: lengths[i])
        batches.extend(part[k : k + batch_size] for k in range(0, len(part), batch_size))
    shuffled = torch.randperm(len(batches), generator=generator).tolist()
    return [batches[i] for i in shuffled]


def _collate(rows: Sequence[Mapping[str, list[int]]], pad_id: int) -> dict[str, Any]:
    import torch

    from .tagger.alignment import IGNORE_INDEX

    width = max(len(r["input_ids"]) for r in rows)
    input_ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    labels = torch.full((len(rows), width), IGNORE_INDEX, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, r in enumerate(rows):
        n = len(r["input_ids"])
        input_ids[i, :n] = torch.tensor(r["input_ids"])
        labels[i, :n] = torch.tensor(r["labels"])
        mask[i, :n] = 1
    return {"input_ids": input_ids, "attention_mask": mask, "labels": labels}


def dataset_loss(model: Any, dataset: Any, batch_size: int, pad_id: int) -> float:
    """Mean token-classification loss of ``model`` over a windows dataset."""
    import torch

    model.eval()
    total, batches = 0.0, 0
    with torch.inference_mode():
        for k in range(0, len(dataset), batch_size):
            chunk = dataset[k : k + batch_size]
            rows = [{"input_ids": i, "labels": lab} for i, lab in zip(chunk["input_ids"], chunk["labels"])]
            batch = _collate(rows, pad_id)
            device = next(model.parameters()).device
            total += float(model(**{key: v.to(device) for key, v in batch.items()}).loss)
            batches += 1
    return total / max(batches, 1)


def _windows_dataset(tagger: Any, data: TrainData, label2id: Mapping[str, int], fingerprint: str) -> Any:
    import datasets

    return datasets.Dataset.from_dict({"words": data.words, "tags": data.tags}).map(
        _encode_windows(tagger, label2id),
        batched=True,
        remove_columns=["words", "tags"],
        new_fingerprint=fingerprint,
        desc="windows",
    )


def dev_scores(tagger: Any, data: TrainData, batch_size: int) -> dict[str, float]:
    """Strict IOB2 (seqeval) precision, recall and F1 of ``tagger`` on ``data``'s words."""
    from .evaluation import seqeval_report

    predicted = [tags for tags, _ in tagger.predict_words(data.words, batch_size=batch_size)]
    report = seqeval_report(data.tags, predicted).get("micro avg", {})
    return {
        "precision": report.get("precision", 0.0),
        "recall": report.get("recall", 0.0),
        "f1": report.get("f1-score", 0.0),
    }


class _Log:
    """Appends JSON records to ``train_log.jsonl``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.write_text("", encoding="utf-8")

    def write(self, **record: Any) -> None:
        record = {"time": round(time.time(), 3), **record}
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def train(config: TrainConfig) -> TrainResult:
    """Train a tagger as ``config`` says and save ``model-best/``.

    Args:
        config: The run configuration.

    Returns:
        The :class:`TrainResult`.

    Raises:
        ConfigError: On unusable data or settings.
        ModelNotFoundError: When the base model cannot be found locally.
    """
    import torch
    from tqdm.auto import tqdm
    from transformers import set_seed

    from .schedule import LinearSchedule
    from .tagger import EntityTagger
    from .tagger.crf import parameter_groups

    run_started = time.time()
    if config.threads:
        torch.set_num_threads(config.threads)
    set_seed(config.seed)
    out_dir = Path(config.output_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    best_dir = out_dir / "model-best"
    log = _Log(out_dir / "train_log.jsonl")

    train_data = load_data(
        config.train_path, config.data_format, config.segmenter, config.max_train_samples, config.tag_column
    )
    dev_data = (
        load_data(config.dev_path, config.data_format, config.segmenter, config.max_dev_samples, config.tag_column)
        if config.dev_path
        else None
    )
    found = train_data.entity_labels() | (dev_data.entity_labels() if dev_data else set())
    schema = schema_from_tags(found, config.labels)
    tagger = EntityTagger.from_encoder(
        config.base_model, schema, max_length=config.max_length, stride=config.stride, segmenter=config.segmenter,
        head=config.head, char_features=config.char_features,
    )  # fmt: skip
    model = tagger.model
    label2id = {t: i for i, t in enumerate(tagger.tags)}

    fingerprint = hashlib.sha1(
        json.dumps([config.to_dict(), tagger.tags, len(train_data.words)], default=str).encode()
    ).hexdigest()
    dataset = _windows_dataset(tagger, train_data, label2id, fingerprint)
    dev_dataset = _windows_dataset(tagger, dev_data, label2id, fingerprint + "-dev") if dev_data else None
    if len(dataset) == 0:
        raise ConfigError(f"no training sentence in {config.train_path}")
    steps_per_epoch = math.ceil(len(dataset) / config.batch_size)
    lengths = [len(ids) for ids in dataset["input_ids"]]
    total_steps = steps_per_epoch * config.epochs
    groups = parameter_groups(model, config.weight_decay, config.learning_rate)  # a CRF's scores learn faster
    optimizer = torch.optim.AdamW(groups, lr=config.learning_rate)
    scheduler = LinearSchedule(optimizer, config.warmup_ratio, total_steps)
    generator = torch.Generator().manual_seed(config.seed)
    log.write(
        event="start",
        config=config.to_dict(),
        labels=list(schema.entity_labels),
        tags=tagger.tags,
        train_sentences=len(train_data.words),
        train_windows=len(dataset),
        dev_sentences=len(dev_data.words) if dev_data else 0,
        misaligned_train=train_data.misaligned,
        max_length=tagger.max_length,
        stride=tagger.stride,
    )

    best_f1, best_loss, best_epoch, bad_epochs, step = -1.0, float("inf"), 0, 0, 0
    history: list[dict[str, Any]] = []
    budget = _Budget(config, run_started, steps_per_epoch, scheduler, log)
    for epoch in range(1, config.epochs + 1):
        if epoch > budget.epochs:
            break
        started, cpu_started = time.time(), time.process_time()
        model.train()
        batches = epoch_batches(lengths, config.batch_size, generator, config.bucket_by_length)
        total_loss = 0.0
        bar = tqdm(batches, desc=f"epoch {epoch}", disable=not config.progress, leave=False)
        for indices in bar:
            chunk = dataset[indices]
            rows = [{"input_ids": i, "labels": lab} for i, lab in zip(chunk["input_ids"], chunk["labels"])]
            batch = _collate(rows, tagger.pad_id)
            loss = model(**{key: value.to(tagger.device) for key, value in batch.items()}).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), config.max_grad_norm)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            budget.after_step(step, started)
            total_loss += float(loss.item())
            bar.set_postfix(loss=f"{loss.item():.4f}")
        train_loss = total_loss / max(len(batches), 1)
        record: dict[str, Any] = {"epoch": epoch, "step": step, "train_loss": train_loss}
        if dev_data is not None and dev_dataset is not None:
            scores = dev_scores(tagger, dev_data, config.eval_batch_size)
            scores["loss"] = dataset_loss(model, dev_dataset, config.eval_batch_size, tagger.pad_id)
            record.update({f"dev_{k}": v for k, v in scores.items()})
            # A better F1 wins; at equal F1 (e.g. 0 early on) a lower dev loss does.
            improved = scores["f1"] > best_f1 + 1e-12 or (
                abs(scores["f1"] - best_f1) <= 1e-12 and scores["loss"] < best_loss
            )
        else:
            improved = True
        record["lr"] = scheduler.get_last_lr()[0]
        record["seconds"] = round(time.time() - started, 3)
        record["cpu_seconds"] = round(time.process_time() - cpu_started, 3)  # all threads; robust to a busy machine
        record["best"] = improved
        history.append(record)
        log.write(event="epoch", **record)
        logger.info("epoch %d: %s", epoch, record)
        budget.after_epoch(epoch, record["seconds"])
        if improved:
            best_f1 = record.get("dev_f1", best_f1)
            best_loss = record.get("dev_loss", best_loss)
            best_epoch, bad_epochs = epoch, 0
            tagger.save_pretrained(best_dir, metrics=None)
        else:
            bad_epochs += 1
            if config.patience is not None and bad_epochs >= config.patience:
                log.write(event="early_stop", epoch=epoch, patience=config.patience)
                break

    metrics = _final_metrics(config, best_dir, best_epoch, history, train_data, dev_data)
    from .compose import data_notes, write_composition

    metrics.update(data_notes(train_data.docs or (), schema))
    if config.compose and dev_data is not None and dev_data.docs:
        metrics["composition"] = write_composition(best_dir, schema, dev_data.docs, config.eval_batch_size)
    tagger.save_metrics(best_dir, metrics)
    (out_dir / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    log.write(event="end", best_epoch=best_epoch, metrics={k: v for k, v in metrics.items() if k != "dev_report"})
    return TrainResult(output_dir=out_dir, best_dir=best_dir, metrics=metrics)


class _Budget:
    """The epochs a run keeps under ``config.time_budget_minutes`` (all of them without a budget)."""

    #: Steps of the first epoch timed before the first estimate.
    PROBE_STEPS = 30
    #: The first estimate adds this share for the dev evaluation of each epoch.
    EVAL_SHARE = 0.15

    def __init__(self, config: TrainConfig, started: float, steps_per_epoch: int, scheduler: Any, log: Any) -> None:
        self.epochs = config.epochs
        self._started, self._steps = started, steps_per_epoch
        self._scheduler, self._log = scheduler, log
        minutes = config.time_budget_minutes
        # a reserve for the final metrics, the dev composition and saving
        self._budget_s = None if minutes is None else minutes * 60 - max(30.0, 0.03 * minutes * 60)

    def after_step(self, step: int, epoch_started: float) -> None:
        """After the first steps of the first epoch: keep the epochs that fit at this pace."""
        if self._budget_s is None or step != min(self.PROBE_STEPS, self._steps):
            return
        per_epoch = (time.time() - epoch_started) / step * self._steps * (1 + self.EVAL_SHARE)
        self._fit(per_epoch, epoch_started - self._started, 0)  # from the pace of the first epoch's start

    def after_epoch(self, epoch: int, seconds: float) -> None:
        """After each epoch (its dev evaluation included): fit what is left at its measured pace."""
        if self._budget_s is not None and epoch < self.epochs:
            self._fit(seconds, time.time() - self._started, epoch)

    def _fit(self, per_epoch: float, elapsed: float, done: int) -> None:
        assert self._budget_s is not None
        fit = done + epochs_within(self._budget_s, elapsed, per_epoch, self.epochs - done)
        if done and elapsed + per_epoch > self._budget_s:
            fit = done  # not one more epoch fits
        if fit < self.epochs:
            self.epochs = fit
            self._scheduler.shorten(fit * self._steps)
            self._log.write(event="time_budget", epochs=fit, seconds_per_epoch=round(per_epoch, 1),
                            elapsed=round(elapsed, 1), budget_s=round(self._budget_s, 1))  # fmt: skip
            logger.info("time budget: %d epoch(s) fit (%.0f s an epoch)", fit, per_epoch)


def _final_metrics(
    config: TrainConfig,
    best_dir: Path,
    best_epoch: int,
    history: Sequence[Mapping[str, Any]],
    train_data: TrainData,
    dev_data: TrainData | None,
) -> dict[str, Any]:
    from .evaluation import evaluate
    from .tagger import EntityTagger

    best = next(r for r in history if r["epoch"] == best_epoch)
    metrics: dict[str, Any] = {
        "best_epoch": best_epoch,
        "epochs_run": len(history),
        "train_loss": best["train_loss"],
        "train_sentences": len(train_data.words),
        "base_model": config.base_model,
    }
    for key in ("dev_precision", "dev_recall", "dev_f1", "dev_loss"):
        if key in best:
            metrics[key] = best[key]
    if dev_data is not None and dev_data.docs is not None:
        report = evaluate(EntityTagger.from_pretrained(best_dir), dev_data.docs, batch_size=config.eval_batch_size)
        metrics["dev_span_f1"] = report.micro.f1
        metrics["dev_span_precision"] = report.micro.precision
        metrics["dev_span_recall"] = report.micro.recall
        metrics["dev_report"] = report.to_dict()
    return metrics


def _parse_overrides(items: Sequence[str]) -> dict[str, Any]:
    import yaml

    out: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ConfigError(f"--set takes KEY=VALUE, got {item!r}")
        out[key.strip()] = yaml.safe_load(value)
    return out


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``vnparty-ie train``."""
    parser = argparse.ArgumentParser(prog="vnparty-ie train", description="Train the entity tagger from a YAML config.")
    parser.add_argument("config", help="training config (YAML); see training/configs/")
    parser.add_argument(
        "--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE", help="override a config key"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``vnparty-ie train CONFIG.yaml`` and ``python -m vnparty_ie.train``.

    Returns:
        0 on success, 2 on a configuration or data error (message on stderr).
    """
    args = build_parser().parse_args(argv)
    try:
        overrides = _parse_overrides(args.overrides)
        if args.quiet:
            overrides["progress"] = False
        config = TrainConfig.from_yaml(args.config, overrides)
        if not logging.getLogger().handlers:
            logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        result = train(config)
    except VnPartyIEError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    shown = {k: v for k, v in result.metrics.items() if k != "dev_report"}
    print(json.dumps(shown, ensure_ascii=False, indent=2))
    print(f"model saved to {result.best_dir}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
