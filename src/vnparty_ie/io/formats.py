"""One file-format resolver, and reading/writing span documents in any supported format.

Every command (``convert``, ``validate``, ``evaluate``, training) recognises the
same endings through :func:`resolve_format`:

=====================================================  ===============
path                                                   format
=====================================================  ===============
``.conll`` ``.conllu`` ``.bio`` ``.iob`` ``.iob2``     ``conll``
``.tsv``; ``.txt`` whose lines are ``word TAG``
``.jsonl`` ``.ndjson`` (doccano records: ``doccano``)  ``jsonl``
``.json``: Label Studio tasks / doccano / guidelines   ``labelstudio`` / ``doccano`` / ``jsonl``
``.json``/``.jsonl`` of ``{"words", "tags"}`` records   ``tokens``
``.ann``, a ``.txt`` with a ``.ann`` beside it,        ``brat``
a folder holding ``.ann`` files
``.spacy``                                             ``docbin``
a ``Dataset.save_to_disk`` folder                      ``hf``
=====================================================  ===============

A trailing ``.gz`` is ignored when reading the suffix. Content is only sniffed
for files that exist; for an output path the suffix decides (``.json`` →
``labelstudio``, ``.txt`` → ``conll``), and a folder needs a declared format.

Example:
    >>> resolve_format("gold/dev.iob"), resolve_format("out.spacy"), resolve_format("x.jsonl")
    ('conll', 'docbin', 'jsonl')
    >>> resolve_format("anything", declared="BIO")
    'conll'
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..errors import AnnotationError, FormatError
from ..schema import DEFAULT_SCHEMA, Schema
from ..text.segment import DEFAULT_SEGMENTER
from ..types import Extraction
from .loss import ExportSummary

__all__ = ["CONLL_SUFFIXES", "FORMATS", "WRITE_FORMATS", "read_documents", "resolve_format", "write_documents"]

#: Formats that can be read (and written).
FORMATS = ("jsonl", "conll", "tokens", "labelstudio", "doccano", "brat", "docbin", "hf")
#: Formats that can be written: :data:`FORMATS` plus doccano's sequence-labelling variant.
WRITE_FORMATS = (*FORMATS, "doccano-seq")
CONLL_SUFFIXES = (".conll", ".conllu", ".bio", ".iob", ".iob2", ".tsv")
_ALIASES = {
    "bio": "conll", "iob": "conll", "iob2": "conll", "label-studio": "labelstudio", "ls": "labelstudio",
    "spacy": "docbin", "datasets": "hf", "huggingface": "hf", "standoff-brat": "brat", "ndjson": "jsonl",
    "token-json": "tokens", "words-tags": "tokens",
}  # fmt: skip
_SNIFF_BYTES = 1 << 16


def _canonical(declared: str) -> str:
    name = declared.strip().lower().replace("_", "-")
    name = _ALIASES.get(name, name)
    if name not in WRITE_FORMATS:
        raise FormatError(f"unknown format {declared!r}; use one of {', '.join(WRITE_FORMATS)}")
    return name


def _looks_like_conll(path: Path) -> bool:
    from .conll import is_tag

    with open(path, encoding="utf-8", errors="replace") as handle:
        head = handle.read(_SNIFF_BYTES).splitlines()[:200]
    seen = 0
    for line in head:
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-" or (line.startswith("#") and not (len(cols) == 2 and is_tag(cols[1]))):
            continue
        if len(cols) < 2 or not is_tag(cols[-1], any_scheme=True):
            return False
        seen += 1
    return seen > 0


def _first_json_value(path: Path) -> object:
    """The first record of a JSON array or JSONL file (only its first line is read), or ``None``."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        line = handle.readline()
        while line and not line.strip():
            line = handle.readline()
        text = line.lstrip()
        if text.startswith("["):
            text = (text[1:] + handle.read()).lstrip()  # an array: its first item may span lines
    try:
        return json.JSONDecoder().raw_decode(text)[0] if text and not text.startswith("]") else None
    except json.JSONDecodeError:
        return None


def _sniff_json(path: Path, default: str) -> str:
    from .doccano import is_doccano_record
    from .tokens import is_token_record

    first = _first_json_value(path)
    if is_token_record(first):
        return "tokens"
    if isinstance(first, dict) and isinstance(first.get("data"), dict):
        return "labelstudio"
    if is_doccano_record(first):
        return "doccano"
    if isinstance(first, dict) and "text" in first:
        return "jsonl"
    return default


def resolve_format(path: str | os.PathLike, declared: str | None = "auto", *, for_output: bool = False) -> str:
    """The format of ``path``: ``declared`` when given, else from its suffix and content.

    Args:
        path: A file or folder.
        declared: A format name or alias (``bio``, ``spacy`` …), or ``"auto"``/``None``.
        for_output: ``path`` is to be written: decide from the suffix only.

    Returns:
        One of :data:`WRITE_FORMATS` (``doccano-seq`` only when declared).

    Raises:
        FormatError: For an unknown declared format, or a path whose format
            cannot be told (a ``ValueError``, and a ``ConfigError``).
    """
    if declared not in (None, "auto"):
        return _canonical(declared)
    p = Path(path)
    if p.is_dir():
        if not for_output and next(p.rglob("*.ann"), None) is not None:
            return "brat"
        if any((p / name).is_file() for name in ("dataset_info.json", "state.json", "dataset_dict.json")):
            return "hf"
        raise FormatError(f"cannot tell the format of folder {p}; declare it (brat, hf)")
    suffixes = [s.lower() for s in p.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else ""
    exists = p.is_file() and not for_output and not gz
    if suffix in CONLL_SUFFIXES:
        return "conll"
    if suffix == ".txt":
        if exists and p.with_suffix(".ann").is_file():
            return "brat"
        if not exists or _looks_like_conll(p):
            return "conll"
        raise FormatError(f"{p} is neither CoNLL (word TAG lines) nor a brat text with a .ann beside it")
    if suffix in (".jsonl", ".ndjson"):
        return _sniff_json(p, "jsonl") if exists else "jsonl"
    if suffix == ".json":
        return _sniff_json(p, "labelstudio") if exists else "labelstudio"
    if suffix == ".ann":
        return "brat"
    if suffix == ".spacy":
        return "docbin"
    raise FormatError(
        f"cannot tell the format of {p} from its suffix {suffix or '(none)'}; declare one of {', '.join(FORMATS)}"
    )


def _read_labelstudio(path: Path, schema: Schema | None, validate: bool) -> list[Extraction]:
    from .jsonl import validate_document
    from .labelstudio import from_labelstudio

    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise AnnotationError(f"invalid JSON: {exc.msg}", line=exc.lineno, path=str(path)) from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    docs = []
    for n, task in enumerate(tasks):
        try:
            (doc,) = from_labelstudio([task])
            if validate:
                validate_document(doc, schema)
        except AnnotationError as exc:
            raise AnnotationError(
                exc.message, field=f"[{n}]" + (f".{exc.field}" if exc.field else ""), doc_id=exc.doc_id, path=str(path)
            ) from None
        docs.append(doc)
    return docs


def read_documents(
    path: str | os.PathLike,
    fmt: str | None = "auto",
    *,
    schema: Schema | None = DEFAULT_SCHEMA,
    validate: bool = True,
    normalize: bool = False,
) -> list[Extraction]:
    """Read span documents from a file or folder of any supported format.

    Args:
        path: The input.
        fmt: A format name, or ``"auto"`` (:func:`resolve_format`).
        schema: Labels to accept (``None``: any).
        validate: Apply :func:`~vnparty_ie.io.jsonl.validate_document`.
        normalize: Normalise CoNLL words (as for training); conversion keeps them.

    Raises:
        FormatError: When the format cannot be told.
        AnnotationError: On the first invalid record, naming the file and line (or record).
    """
    p = Path(path)
    fmt = resolve_format(p, fmt)
    if fmt == "jsonl":
        from .jsonl import read_jsonl

        return read_jsonl(p, schema=schema, validate=validate)
    if fmt in ("conll", "tokens"):
        from .conll import conll_to_documents, read_conll_documents
        from .jsonl import validate_document
        from .tokens import read_token_json

        if fmt == "conll":
            docs = read_conll_documents(p, normalize=normalize)
        else:
            docs = conll_to_documents(read_token_json(p, normalize=normalize), doc_id_prefix="tokens")
        for doc in docs if validate else ():
            try:
                validate_document(doc, schema)
            except AnnotationError as exc:
                raise AnnotationError(exc.message, field=exc.field, doc_id=doc.id, path=str(p)) from None
        return docs
    if fmt == "labelstudio":
        return _read_labelstudio(p, schema, validate)
    if fmt in ("doccano", "doccano-seq"):
        from .doccano import read_doccano

        return read_doccano(p, schema=schema, validate=validate)
    if fmt == "brat":
        from .brat import read_brat

        return read_brat(p, schema=schema, validate=validate)
    if fmt == "docbin":
        from .docbin import read_docbin

        return read_docbin(p, schema=schema, validate=validate)
    from .hf_datasets import read_hf

    return read_hf(p, schema=schema, validate=validate)


def write_documents(
    path: str | os.PathLike,
    docs: Iterable[Extraction],
    fmt: str | None = "auto",
    *,
    segmenter: str = DEFAULT_SEGMENTER,
    schema: Schema | None = DEFAULT_SCHEMA,
    doc_marker: str | None = "docstart",
) -> tuple[ExportSummary, list]:
    """Write documents in ``fmt`` (``"auto"``: from the suffix of ``path``).

    Lossy targets emit a :class:`~vnparty_ie.io.loss.ConversionLossWarning`.

    Args:
        path: Output file, or folder for ``brat`` and ``hf``.
        docs: The documents.
        fmt: A name of :data:`WRITE_FORMATS` or ``"auto"``.
        segmenter: Word segmenter for ``conll`` and ``hf``.
        schema: Labels declared in brat's ``annotation.conf``.
        doc_marker: Document markers of ``conll`` output (see :func:`~vnparty_ie.io.conll.write_conll`).

    Returns:
        ``(summary, misaligned)``: what was written and lost, and the ``(doc id,
        entity)`` pairs not on word boundaries (``conll``/``hf``; else empty).
    """
    docs = list(docs)
    fmt = resolve_format(path, fmt, for_output=True)
    if fmt == "conll":
        from .conll import export_conll

        return export_conll(path, docs, segmenter, doc_marker)
    if fmt == "tokens":
        from .conll import documents_to_conll, word_level_summary
        from .tokens import write_token_jsonl

        sentences, misaligned = documents_to_conll(docs, segmenter)
        summary = word_level_summary("tokens", docs, misaligned, write_token_jsonl(path, sentences))
        summary.warn()
        return summary, misaligned
    if fmt == "hf":
        from .conll import documents_to_conll
        from .hf_datasets import export_hf

        return export_hf(path, docs, segmenter), documents_to_conll(docs, segmenter)[1]
    if fmt == "jsonl":
        from .jsonl import write_jsonl

        return ExportSummary("jsonl", len(docs), write_jsonl(path, docs)), []
    if fmt == "labelstudio":
        from .labelstudio import to_labelstudio

        Path(path).parent.mkdir(parents=True, exist_ok=True)
        tasks = to_labelstudio(docs)
        Path(path).write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
        summary = ExportSummary("labelstudio", len(docs), len(tasks))
        summary.drop(
            "entity ids (renumbered in text order)",
            sum(
                [e.id for e in sorted(d.entities, key=lambda e: e.span)] != [f"T{i}" for i in range(1, len(d) + 1)]
                for d in docs
            ),
        )
        summary.drop("entity scores", sum(e.score is not None for d in docs for e in d.entities))
        summary.drop("relation scores", sum(r.score is not None for d in docs for r in d.relations))
        summary.drop("metadata fields", sum(len(d.meta) for d in docs))
        summary.warn()
        return summary, []
    if fmt in ("doccano", "doccano-seq"):
        from .doccano import write_doccano

        return write_doccano(path, docs, relations=fmt == "doccano"), []
    if fmt == "brat":
        from .brat import write_brat

        target = Path(path)
        if target.suffix.lower() == ".ann":  # one document: NAME.txt + NAME.ann
            if len(docs) != 1:
                raise FormatError(f"{target} holds one brat document, got {len(docs)}; write to a folder instead")
            (doc,) = docs
            summary = write_brat(target.parent, [replace(doc, id=target.stem)], schema)
            summary.drop("document ids changed for file names", doc.id not in (None, target.stem))
            summary.warn()
            return summary, []
        return write_brat(target, docs, schema), []
    from .docbin import write_docbin

    return write_docbin(path, docs), []
