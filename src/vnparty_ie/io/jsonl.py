"""Read, validate and write the guidelines' JSONL (one document per line).

Validation is strict and never drops anything: a bad record raises
:class:`~vnparty_ie.errors.AnnotationError` naming the file, the line and the
field. Checks: JSON syntax; ``text`` is a string; entity offsets are integers
inside the text, ``text[start:end]`` matches an entity's ``text`` when given;
spans do not start or end on whitespace and do not overlap; labels belong to
the schema; relation ids exist and the relation's (head, tail) types are
allowed.

Example:
    >>> import io, json
    >>> rec = {"id": "d", "text": "Bí thư Quận ủy",
    ...        "entities": [{"id": "T1", "start": 0, "end": 6, "label": "POSITION"}],
    ...        "relations": []}
    >>> docs = list(iter_jsonl(io.StringIO(json.dumps(rec, ensure_ascii=False))))
    >>> docs[0].entities[0].text
    'Bí thư'
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..errors import AnnotationError
from ..schema import DEFAULT_SCHEMA, Schema
from ..types import Extraction, entities_overlap

__all__ = ["dumps_document", "iter_jsonl", "read_jsonl", "validate_document", "write_jsonl"]

PathLike = str | os.PathLike


def validate_document(doc: Extraction, schema: Schema | None = DEFAULT_SCHEMA) -> None:
    """Check one document against the guidelines' rules.

    Args:
        doc: The document.
        schema: Labels to accept; ``None`` accepts any label (a user's scheme).

    Raises:
        AnnotationError: On the first violation, naming the field.
    """
    index = {id(e): i for i, e in enumerate(doc.entities)}
    for i, ent in enumerate(doc.entities):
        if schema is not None and ent.label not in schema.entity_labels:
            raise AnnotationError(
                f"unknown entity label {ent.label!r}; allowed: {', '.join(schema.entity_labels)}",
                field=f"entities[{i}].label",
                doc_id=doc.id,
            )
        if ent.text != ent.text.strip():
            raise AnnotationError(
                f"span {ent.text!r} starts or ends with whitespace", field=f"entities[{i}]", doc_id=doc.id
            )
    for a, b in entities_overlap(doc.entities):
        raise AnnotationError(
            f"entities {a.id or a.text!r} [{a.start},{a.end}) and {b.id or b.text!r} [{b.start},{b.end}) overlap;"
            " annotation is flat",
            field=f"entities[{index[id(b)]}]",
            doc_id=doc.id,
        )
    for i, rel in enumerate(doc.relations):
        if schema is None:
            continue
        if rel.label not in schema.relation_types:
            raise AnnotationError(
                f"unknown relation label {rel.label!r}; allowed: {', '.join(schema.relation_labels)}",
                field=f"relations[{i}].label",
                doc_id=doc.id,
            )
        if not schema.allows(rel.label, rel.head.label, rel.tail.label):
            head, tail = schema.relation_types[rel.label]
            raise AnnotationError(
                f"relation {rel.label!r} links {rel.head.label} -> {rel.tail.label}; it must link {head} -> {tail}",
                field=f"relations[{i}]",
                doc_id=doc.id,
            )


def iter_jsonl(
    source: PathLike | IO[str],
    schema: Schema | None = DEFAULT_SCHEMA,
    validate: bool = True,
) -> Iterator[Extraction]:
    """Stream documents from a JSONL file (or an open text stream).

    Blank lines are skipped; anything else that is wrong raises.

    Args:
        source: A path or a text stream.
        schema: Labels to accept (``None``: any).
        validate: Run :func:`validate_document` on each record.

    Raises:
        FileNotFoundError: If the path does not exist.
        AnnotationError: On the first bad record, naming path, line and field.
    """
    if isinstance(source, (str, os.PathLike)):
        path = str(source)
        with open(source, encoding="utf-8") as handle:
            yield from _iter_lines(handle, path, schema, validate)
    else:
        yield from _iter_lines(source, getattr(source, "name", None), schema, validate)


def _iter_lines(handle: IO[str], path: str | None, schema: Schema | None, validate: bool) -> Iterator[Extraction]:
    lineno = 0
    lines = iter(handle)
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise AnnotationError(f"not UTF-8 text ({exc.reason} at byte {exc.start} of a read block)",
                                  line=lineno + 1, path=path) from None  # fmt: skip
        lineno += 1
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"invalid JSON: {exc.msg} at column {exc.colno}", line=lineno, path=path) from None
        try:
            doc = Extraction.from_dict(data)
            if validate:
                validate_document(doc, schema)
        except AnnotationError as exc:
            raise AnnotationError(exc.message, line=lineno, field=exc.field, doc_id=exc.doc_id, path=path) from None
        yield doc


def read_jsonl(path: PathLike, schema: Schema | None = DEFAULT_SCHEMA, validate: bool = True) -> list[Extraction]:
    """Read and validate a whole JSONL file (see :func:`iter_jsonl`)."""
    return list(iter_jsonl(path, schema=schema, validate=validate))


def dumps_document(doc: Extraction) -> str:
    """One JSONL line (no newline) for ``doc``, UTF-8 characters kept as is."""
    return json.dumps(doc.to_dict(), ensure_ascii=False)


def write_jsonl(path: PathLike | IO[str], docs: Iterable[Extraction]) -> int:
    """Write documents as JSONL; returns how many were written.

    The parent directory is created if needed. Errors are raised, never swallowed.
    """
    if isinstance(path, (str, os.PathLike)):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            return write_jsonl(handle, docs)
    n = 0
    for doc in docs:
        path.write(dumps_document(doc) + "\n")
        n += 1
    return n
