"""Hugging Face ``datasets`` export and import (word-level BIO), and training from a ``Dataset``.

Export segments each document with the project's word segmenter (the same
alignment as CoNLL export and training, see
:func:`~vnparty_ie.io.conll.documents_to_conll`) and gives one row per
sentence::

    {"id": "d1", "doc": 0, "tokens": ["Bí_thư", "Quận_ủy", ...], "ner_tags": [1, 3, ...]}

with ``ner_tags`` a ``Sequence(ClassLabel)`` of IOB2 names (``O``, then
``B-``/``I-`` of each label). Like CoNLL it cannot carry relations, entities
inside words, scores, exact spacing or the original spelling; export warns.

Import joins a sentence's tokens with spaces (``_`` → space) and its
sentences (rows of one ``doc``) with a line break, and computes offsets.
``ner_tags`` may be ``ClassLabel`` integers or tag strings.

Example:
    >>> from vnparty_ie.types import Extraction, make_entity
    >>> text = "Bí thư Quận ủy Thanh Xuân"
    >>> doc = Extraction(text, (make_entity(text, 7, 25, "ORG"),), id="d1")
    >>> ds = to_hf_dataset([doc], segmenter="syllable")
    >>> ds[0]["tokens"], ds.features["ner_tags"].feature.int2str(ds[0]["ner_tags"])
    (['Bí', 'thư', 'Quận', 'ủy', 'Thanh', 'Xuân'], ['O', 'O', 'B-ORG', 'I-ORG', 'I-ORG', 'I-ORG'])
    >>> back = from_hf_dataset(ds)[0]
    >>> back.id, [(e.label, e.text) for e in back.entities]
    ('d1', [('ORG', 'Quận ủy Thanh Xuân')])
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..bio import split_tag
from ..errors import AnnotationError
from ..schema import DEFAULT_SCHEMA, Schema, bio_tags
from ..text.normalize import normalize_string
from ..text.segment import DEFAULT_SEGMENTER
from ..types import Extraction
from .conll import TaggedSentence, conll_to_documents, documents_to_conll, word_level_summary, write_conll
from .jsonl import validate_document
from .loss import ExportSummary

__all__ = [
    "dataset_sentences",
    "dataset_to_train_data",
    "documents_to_hf",
    "export_hf",
    "from_hf_dataset",
    "read_hf",
    "saved_splits",
    "to_hf_dataset",
    "write_training_file",
]


def _tag_names(found: set[str], labels: Sequence[str] | None) -> list[str]:
    if labels is None:
        schema_labels = DEFAULT_SCHEMA.entity_labels
        labels = list(schema_labels) if found <= set(schema_labels) else sorted(found)
    missing = found - set(labels)
    if missing:
        raise AnnotationError(f"labels {sorted(missing)} are in the data but not in labels={list(labels)}")
    return bio_tags(labels)


def documents_to_hf(
    docs: Iterable[Extraction], segmenter: str = DEFAULT_SEGMENTER, labels: Sequence[str] | None = None
) -> tuple[Any, ExportSummary]:
    """A ``Dataset`` of the documents' sentences, and what it could not carry (no warning).

    Args:
        docs: The documents.
        segmenter: Word segmenter (as for CoNLL export and training).
        labels: Entity labels of the ``ClassLabel`` (default: the schema's, or
            those found, sorted, when some are outside the schema).
    """
    from datasets import ClassLabel, Dataset, Features, Sequence, Value

    docs = list(docs)
    sentences, misaligned = documents_to_conll(docs, segmenter)
    names = _tag_names({split_tag(t)[1] or "" for s in sentences for t in s.tags} - {""}, labels)
    features = Features(
        {
            "id": Value("string"),
            "doc": Value("int32"),
            "tokens": Sequence(Value("string")),
            "ner_tags": Sequence(ClassLabel(names=names)),
        }
    )
    columns = {
        "id": [s.doc_id for s in sentences],
        "doc": [s.doc for s in sentences],
        "tokens": [list(s.words) for s in sentences],
        "ner_tags": [[names.index(t) for t in s.tags] for s in sentences],
    }
    dataset = Dataset.from_dict(columns, features=features)
    return dataset, word_level_summary("hf", docs, misaligned, len(sentences))


def to_hf_dataset(
    docs: Iterable[Extraction], segmenter: str = DEFAULT_SEGMENTER, labels: Sequence[str] | None = None
) -> Any:
    """A ``Dataset`` with ``tokens`` and ``ner_tags`` (see :func:`documents_to_hf`); warns about losses."""
    dataset, summary = documents_to_hf(docs, segmenter, labels)
    summary.warn()
    return dataset


def dataset_sentences(
    dataset: Any, tokens: str = "tokens", tags: str = "ner_tags", normalize: bool = False
) -> list[TaggedSentence]:
    """The rows of a token-classification ``Dataset`` as tagged sentences.

    Document boundaries come from a ``doc`` column, else from runs of equal
    ``id``; without either each row is its own document.

    Raises:
        AnnotationError: On a missing column, token/tag count mismatch, integer
            tags without a ``ClassLabel``, or a tag that is not IOB2; ``line``
            is the 1-based row number.
    """
    for column in (tokens, tags):
        if column not in dataset.column_names:
            raise AnnotationError(
                f"the dataset has no {column!r} column (columns: {dataset.column_names})", field=column
            )
    feature = getattr(dataset.features[tags], "feature", None)
    int2str = getattr(feature, "int2str", None)
    has_doc, has_id = "doc" in dataset.column_names, "id" in dataset.column_names
    out: list[TaggedSentence] = []
    doc: int | None = None
    previous_id: object = object()
    for row_no, row in enumerate(dataset, start=1):
        words, row_tags = list(row[tokens]), list(row[tags])
        if len(words) != len(row_tags):
            raise AnnotationError(f"{len(words)} tokens but {len(row_tags)} tags", line=row_no, field=tags)
        if row_tags and not isinstance(row_tags[0], str):
            if int2str is None:
                raise AnnotationError("integer tags need a Sequence(ClassLabel) feature", line=row_no, field=tags)
            row_tags = [int2str(int(t)) for t in row_tags]
        kept_words, kept_tags = [], []
        for j, (word, tag) in enumerate(zip(words, row_tags)):
            try:
                split_tag(tag)
            except ValueError as exc:
                raise AnnotationError(str(exc), line=row_no, field=f"{tags}[{j}]") from None
            form = normalize_string(word) if normalize else word
            if not form:
                if tag != "O":
                    raise AnnotationError(
                        f"token {word!r} is empty but tagged {tag}", line=row_no, field=f"{tokens}[{j}]"
                    )
                continue
            kept_words.append(form)
            kept_tags.append(tag)
        doc_id = row.get("id") if has_id else None
        if has_doc:
            doc = row["doc"]
        elif has_id:
            doc = (doc or 0) + (doc_id != previous_id) if doc is not None else 0
        previous_id = doc_id
        out.append(TaggedSentence(kept_words, kept_tags, None if doc_id is None else str(doc_id), doc))
    return out


def from_hf_dataset(dataset: Any, tokens: str = "tokens", tags: str = "ner_tags") -> list[Extraction]:
    """Span documents from a token-classification ``Dataset`` (see the module doc)."""
    return conll_to_documents(dataset_sentences(dataset, tokens, tags), doc_id_prefix="hf", by_document=True)


def dataset_to_train_data(dataset: Any, tokens: str = "tokens", tags: str = "ner_tags") -> Any:
    """The trainer's input (:class:`~vnparty_ie.train.TrainData`) from a ``Dataset``.

    Tokens are normalised as raw text is for training and prediction.
    """
    from ..train import TrainData

    sentences = dataset_sentences(dataset, tokens, tags, normalize=True)
    return TrainData([s.words for s in sentences], [s.tags for s in sentences], format="conll")


def write_training_file(dataset: Any, path: str | os.PathLike, tokens: str = "tokens", tags: str = "ner_tags") -> Path:
    """Write a ``Dataset`` as a CoNLL file to use as ``train_path``/``dev_path`` of a training config.

    Example:
        >>> from datasets import Dataset
        >>> import tempfile, os
        >>> ds = Dataset.from_dict({"tokens": [["Quận_uỷ", "họp"]], "ner_tags": [["B-ORG", "O"]]})
        >>> path = write_training_file(ds, os.path.join(tempfile.mkdtemp(), "train.conll"))
        >>> path.read_text(encoding="utf-8")
        'Quận_ủy\\tB-ORG\\nhọp\\tO\\n\\n'
    """
    out = Path(path)
    write_conll(out, dataset_sentences(dataset, tokens, tags, normalize=True))
    return out


def export_hf(
    path: str | os.PathLike,
    docs: Iterable[Extraction],
    segmenter: str = DEFAULT_SEGMENTER,
    labels: Sequence[str] | None = None,
) -> ExportSummary:
    """``Dataset.save_to_disk(path)`` of :func:`documents_to_hf`; warns about and returns the losses."""
    dataset, summary = documents_to_hf(docs, segmenter, labels)
    dataset.save_to_disk(str(path))
    summary.warn()
    return summary


def saved_splits(path: str | os.PathLike) -> list[Any]:
    """The ``Dataset`` parts of a ``save_to_disk`` folder: its one ``Dataset``, or a ``DatasetDict``'s splits in order."""
    from datasets import DatasetDict, load_from_disk

    loaded = load_from_disk(str(path))
    return list(loaded.values()) if isinstance(loaded, DatasetDict) else [loaded]


def read_hf(path: str | os.PathLike, schema: Schema | None = DEFAULT_SCHEMA, validate: bool = True) -> list[Extraction]:
    """Documents from a ``save_to_disk`` folder (a ``DatasetDict``'s splits are read in order)."""
    docs = []
    for part in saved_splits(path):
        try:
            docs.extend(from_hf_dataset(part))
        except AnnotationError as exc:
            raise AnnotationError(exc.message, line=exc.line, field=exc.field, path=str(path)) from None
    if validate:
        for doc in docs:
            try:
                validate_document(doc, schema)
            except AnnotationError as exc:
                raise AnnotationError(exc.message, field=exc.field, doc_id=doc.id, path=str(path)) from None
    return docs
