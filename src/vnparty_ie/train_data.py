"""The trainer's input: any supported file read into sentences of words with IOB2 tags.

Word-level formats (CoNLL, token JSON, a Hugging Face ``datasets`` folder) keep
their words as given; span formats (JSONL, brat, Label Studio …) are segmented
with the configured segmenter, and entities that do not fall on word
boundaries are counted and logged, never dropped silently.

Example:
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "train.json")
    >>> with open(path, "w", encoding="utf-8") as f:
    ...     _ = f.write('{"words": ["Tỉnh_uỷ", "Nghệ_An", "họp"], "tags": ["B-ORG", "E-ORG", "O"]}\\n')
    >>> data = load_data(path)
    >>> data.words, data.tags, data.format
    ([['Tỉnh_ủy', 'Nghệ_An', 'họp']], [['B-ORG', 'I-ORG', 'O']], 'tokens')
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .io.formats import read_documents, resolve_format

__all__ = ["WORD_LEVEL_FORMATS", "TrainData", "load_data"]

logger = logging.getLogger(__name__)

#: Formats whose words are read as given (no re-segmentation).
WORD_LEVEL_FORMATS = ("conll", "tokens", "hf")


@dataclass
class TrainData:
    """Sentences of words with IOB2 tags, plus the documents they came from.

    Attributes:
        words: Word forms of each sentence.
        tags: IOB2 tags of each sentence.
        docs: The span documents (span formats such as JSONL), else ``None``.
        misaligned: Entities that could not be put on word boundaries.
        format: The format read (``jsonl``, ``conll``, ``tokens``, ``hf`` …).
    """

    words: list[list[str]]
    tags: list[list[str]]
    docs: list[Any] | None = None
    misaligned: int = 0
    format: str = "jsonl"

    def entity_labels(self) -> set[str]:
        """Labels of the ``B-``/``I-`` tags."""
        return {t[2:] for seq in self.tags for t in seq if t != "O"}


def _word_level_sentences(source: Path, fmt: str, tag_column: int) -> list[Any]:
    if fmt == "conll":
        from .io.conll import read_conll

        return read_conll(source, tag_column=tag_column)
    if fmt == "tokens":
        from .io.tokens import read_token_json

        return read_token_json(source)
    from .io.hf_datasets import dataset_sentences, saved_splits

    return [s for part in saved_splits(source) for s in dataset_sentences(part, normalize=True)]


def load_data(
    path: str | Path,
    data_format: str = "auto",
    segmenter: str = "underthesea",
    limit: int | None = None,
    tag_column: int = -1,
) -> TrainData:
    """Read a training or dev file into tagged sentences.

    Args:
        path: The data file (or ``datasets`` folder).
        data_format: A name of :data:`~vnparty_ie.io.formats.FORMATS`, or ``auto``.
        segmenter: Word segmenter for span documents (JSONL and the other span formats).
        limit: Keep the first N records (documents or sentences).
        tag_column: The tag column of CoNLL files (``-1``: the last; ``3`` for VLSP 2016).

    Raises:
        ConfigError: When the file is missing.
        FormatError: When its format cannot be told.
        AnnotationError: When a record is invalid (naming the file and line).
    """
    source = Path(path)
    if not source.exists():
        raise ConfigError(f"data file {source} does not exist")
    fmt = resolve_format(source, data_format)
    if fmt in WORD_LEVEL_FORMATS:
        sentences = _word_level_sentences(source, fmt, tag_column)[:limit]
        return TrainData([list(s.words) for s in sentences], [list(s.tags) for s in sentences], format=fmt)
    from .io.conll import documents_to_conll

    docs = read_documents(source, fmt, schema=None)[:limit]
    sentences, misaligned = documents_to_conll(docs, segmenter)
    for doc_id, entity in misaligned[:20]:
        logger.warning("doc %s: entity %r (%s) is not on word boundaries; left out", doc_id, entity.text, entity.label)
    if len(misaligned) > 20:
        logger.warning("%d more misaligned entities left out", len(misaligned) - 20)
    return TrainData(
        [list(s.words) for s in sentences],
        [list(s.tags) for s in sentences],
        docs=docs,
        misaligned=len(misaligned),
        format=fmt,
    )
