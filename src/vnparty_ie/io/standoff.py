"""Stand-off annotation files: offsets and labels without the document text.

The project may not redistribute article text, so gold annotations of corpus
documents are stored as one JSON object per line::

    {"id": "train/012345", "text_len": 2412, "text_sha1": "9f1c...", "detokenizer": 1,
     "entities": [{"id": "T1", "start": 0, "end": 6, "label": "POSITION"}, ...],
     "relations": [{"head": "T3", "tail": "T1", "label": "position"}, ...]}

Offsets refer to the reader-facing text (see :mod:`vnparty_ie.io.vietnews`),
whose length and SHA-1 are recorded so that a changed corpus or detokenizer is
detected instead of silently shifting every span.

Example:
    >>> import tempfile, os
    >>> from vnparty_ie.types import Extraction
    >>> doc = Extraction.from_dict({"id": "d1", "text": "Bí thư Quận ủy",
    ...     "entities": [{"id": "T1", "start": 0, "end": 6, "label": "POSITION"}]})
    >>> path = os.path.join(tempfile.mkdtemp(), "x.standoff.jsonl")
    >>> write_standoff(path, [doc])
    1
    >>> read_standoff(path, {"d1": "Bí thư Quận ủy"}.__getitem__)[0].entities[0].text
    'Bí thư'
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import AnnotationError
from ..types import Extraction
from .jsonl import validate_document
from .vietnews import DETOKENIZER_VERSION

#: Record keys with a meaning in stand-off files; other keys are kept in ``Extraction.meta``.
STANDOFF_KEYS = ("id", "text_len", "text_sha1", "detokenizer", "entities", "relations")


def text_sha1(text: str) -> str:
    """Return the hex SHA-1 of the UTF-8 encoding of ``text``."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def to_standoff(doc: Extraction, detokenizer: int = DETOKENIZER_VERSION) -> dict[str, Any]:
    """Return the stand-off record of one document (no text, no entity surface).

    Args:
        doc: The document; it must have an ``id``.
        detokenizer: Version of the text the offsets refer to.

    Raises:
        AnnotationError: When the document has no id.
    """
    if doc.id is None:
        raise AnnotationError("a stand-off record needs a document id", field="id")
    ids = doc.entity_ids()
    record: dict[str, Any] = {
        "id": doc.id,
        "text_len": len(doc.text),
        "text_sha1": text_sha1(doc.text),
        "detokenizer": detokenizer,
        "entities": [{"id": ids[e], "start": e.start, "end": e.end, "label": e.label} for e in doc.entities],
        "relations": [r.to_dict(ids) for r in doc.relations],
    }
    for key, value in doc.meta.items():
        if key not in record and key != "text":
            record[key] = value
    return record


def write_standoff(path: str | Path, docs: Iterable[Extraction], detokenizer: int = DETOKENIZER_VERSION) -> int:
    """Write documents as stand-off JSONL (UTF-8, one record per line).

    Args:
        path: Output file; parent folders are created.
        docs: Documents with ids.
        detokenizer: Version recorded in each record.

    Returns:
        The number of records written.
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(to_standoff(doc, detokenizer), ensure_ascii=False) + "\n")
            n += 1
    return n


def iter_standoff_records(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, record)`` for each non-empty line of a stand-off file.

    Raises:
        AnnotationError: On invalid JSON, a non-object line or a record without an id.
    """
    with Path(path).open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise AnnotationError(f"invalid JSON: {exc.msg}", line=line_no, path=str(path)) from None
            if not isinstance(record, dict):
                raise AnnotationError("a record must be a JSON object", line=line_no, path=str(path))
            if not isinstance(record.get("id"), str):
                raise AnnotationError("record lacks a string 'id'", line=line_no, field="id", path=str(path))
            yield line_no, record


def _check_text(record: Mapping[str, Any], text: str, line: int, path: str) -> None:
    """Verify the detokenizer version, length and hash of a record against ``text``."""
    version = record.get("detokenizer")
    checks = (
        (
            "detokenizer",
            version == DETOKENIZER_VERSION,
            (
                f"offsets refer to detokenizer version {version!r}, this library has {DETOKENIZER_VERSION}; "
                "re-resolve the annotations"
            ),
        ),
        (
            "text_len",
            record.get("text_len") == len(text),
            f"text_len {record.get('text_len')!r} != length {len(text)} of the corpus text (wrong corpus version?)",
        ),
        (
            "text_sha1",
            record.get("text_sha1") == text_sha1(text),
            "text_sha1 does not match the corpus text (the corpus or the detokenizer changed)",
        ),
    )
    for field, ok, message in checks:
        if not ok:
            raise AnnotationError(message, line=line, field=field, doc_id=record["id"], path=path)


def _to_document(record: Mapping[str, Any], line: int, text: str, path: str, validate: bool) -> Extraction:
    """Check one record against its text and build the document."""
    _check_text(record, text, line, path)
    data = {k: v for k, v in record.items() if k not in ("text_len", "text_sha1", "detokenizer")}
    data["text"] = text
    try:
        doc = Extraction.from_dict(data)
        if validate:
            validate_document(doc)
    except AnnotationError as exc:
        raise AnnotationError(exc.message, line=line, field=exc.field, doc_id=record["id"], path=path) from None
    return doc


def document_from_record(record: Mapping[str, Any], text: str, *, validate: bool = True) -> Extraction:
    """Attach ``text`` to one stand-off record, checking length, hash and (optionally) the schema.

    Raises:
        AnnotationError: If the text does not belong to the record or the record is invalid.
    """
    return _to_document(record, 0, text, "<record>", validate)


def _load(path: str | Path, get_text: Callable[[str], str], validate: bool) -> Iterator[Extraction | AnnotationError]:
    """Yield each record's document, or the error that record raises."""
    spath = str(path)
    records = list(iter_standoff_records(path))
    prefetch = getattr(getattr(get_text, "__self__", None), "prefetch", None)
    if callable(prefetch) and records:
        try:
            prefetch([record["id"] for _, record in records])
        except KeyError:
            pass  # reported per record below
    seen: dict[str, int] = {}
    for line, record in records:
        doc_id = record["id"]
        if doc_id in seen:
            yield AnnotationError(
                f"document also annotated on line {seen[doc_id]}", line=line, field="id", doc_id=doc_id, path=spath
            )
            continue
        seen[doc_id] = line
        try:
            text = get_text(doc_id)
        except KeyError as exc:
            yield AnnotationError(
                f"document not found in the corpus: {exc}", line=line, field="id", doc_id=doc_id, path=spath
            )
            continue
        try:
            yield _to_document(record, line, text, spath, validate)
        except AnnotationError as exc:
            yield exc


def read_standoff(
    path: str | Path,
    get_text: Callable[[str], str],
    *,
    validate: bool = True,
) -> list[Extraction]:
    """Read a stand-off file and attach each document's text.

    If ``get_text`` is a bound method of an object with a ``prefetch(ids)``
    method (such as :class:`~vnparty_ie.io.vietnews.VietnewsCorpus`), all ids
    are prefetched first so the corpus is scanned once.

    Args:
        path: The ``.standoff.jsonl`` file.
        get_text: Returns the reader-facing text of a document id
            (e.g. ``VietnewsCorpus(dir).get_text``); raises ``KeyError`` for unknown ids.
        validate: Also apply the project validator
            (:func:`vnparty_ie.io.jsonl.validate_document`: labels, relation types, overlaps, edges).

    Returns:
        One :class:`~vnparty_ie.types.Extraction` per record, in file order.

    Raises:
        AnnotationError: Naming the file, line, document and field of the first problem.
    """
    docs = []
    for item in _load(path, get_text, validate):
        if isinstance(item, AnnotationError):
            raise item
        docs.append(item)
    return docs


def check_standoff(path: str | Path, get_text: Callable[[str], str]) -> tuple[int, list[AnnotationError]]:
    """Validate a whole stand-off file, collecting every record's problem.

    Returns:
        ``(number of valid documents, errors)``; each error names line, document and field.

    Raises:
        AnnotationError: Only for a file that cannot be parsed as JSONL at all.
    """
    ok, errors = 0, []
    for item in _load(path, get_text, True):
        if isinstance(item, AnnotationError):
            errors.append(item)
        else:
            ok += 1
    return ok, errors
