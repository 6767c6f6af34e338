"""brat standoff import and export: a ``.txt`` + ``.ann`` pair per document.

``.ann`` lines used here (tab-separated)::

    T1<TAB>POSITION 0 6<TAB>Bí thư
    R1<TAB>organization Arg1:T1 Arg2:T2

Offsets are code-point offsets into the ``.txt`` file (read and written
byte-for-byte, line endings untouched). A discontinuous span (``0 5;8 12``) is
rejected with an :class:`~vnparty_ie.errors.AnnotationError` naming the file
and line (annotation is flat and contiguous). Events, attributes,
normalisations, equivalences and notes (``E A M N * #``) cannot be represented
and are skipped with a :class:`~vnparty_ie.io.loss.ConversionLossWarning`.

A collection is a folder (searched recursively); a document's id is its path
relative to the folder without the suffix, so ``train/012345`` is written as
``train/012345.txt`` and read back as the same id. Documents are read in
path order (a folder has no other order). :func:`write_brat` also writes an
``annotation.conf`` for the labels used.

Example:
    >>> from vnparty_ie.types import Extraction, Relation, make_entity
    >>> text = "Bí thư Quận ủy"
    >>> a, b = make_entity(text, 0, 6, "POSITION", id="T1"), make_entity(text, 7, 14, "ORG", id="T2")
    >>> doc = Extraction(text, (a, b), (Relation(a, b, "organization"),), id="d1")
    >>> [line.split("\\t") for line in to_brat_ann(doc).splitlines()]
    [['T1', 'POSITION 0 6', 'Bí thư'], ['T2', 'ORG 7 14', 'Quận ủy'], ['R1', 'organization Arg1:T1 Arg2:T2']]
    >>> from_brat(text, to_brat_ann(doc), doc_id="d1") == doc
    True
"""

from __future__ import annotations

import os
import re
import warnings
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..errors import AnnotationError
from ..schema import DEFAULT_SCHEMA, Schema
from ..types import Entity, Extraction, Relation
from .jsonl import validate_document
from .loss import ConversionLossWarning, ExportSummary

__all__ = ["annotation_conf", "from_brat", "read_brat", "to_brat_ann", "write_brat"]

_T_ID = re.compile(r"T\d+")
_SKIPPED = {"E": "event", "A": "attribute", "M": "attribute", "N": "normalization", "*": "equivalence", "#": "note"}


def _brat_ids(doc: Extraction) -> dict[Entity, str]:
    """Entity ids usable in brat: kept when ``T<n>``, else the next free ``T<n>``."""
    ids = doc.entity_ids()
    used = {v for v in ids.values() if _T_ID.fullmatch(v)}
    n = 0
    out = {}
    for ent in doc.entities:
        if _T_ID.fullmatch(ids[ent]):
            out[ent] = ids[ent]
            continue
        n += 1
        while f"T{n}" in used:
            n += 1
        out[ent] = f"T{n}"
        used.add(out[ent])
    return out


def to_brat_ann(doc: Extraction) -> str:
    """The ``.ann`` content of one document (line breaks inside a mention become spaces)."""
    ids = _brat_ids(doc)
    lines = [f"{ids[e]}\t{e.label} {e.start} {e.end}\t{_one_line(e.text)}\n" for e in doc.entities]
    lines += [f"R{n}\t{r.label} Arg1:{ids[r.head]} Arg2:{ids[r.tail]}\n" for n, r in enumerate(doc.relations, start=1)]
    return "".join(lines)


def _one_line(text: str) -> str:
    return re.sub(r"[\r\n\u2028\u2029\x0b\x0c\x85]", " ", text)


def from_brat(text: str, ann: str, doc_id: str | None = None, path: str | None = None) -> Extraction:
    """Parse one document's ``.ann`` content against its text.

    Raises:
        AnnotationError: On a malformed line, a discontinuous span, offsets out
            of the text, a mention that differs from the text, a duplicate id,
            or a relation to a missing entity (naming ``path`` and the line).
    """
    entities: dict[str, Entity] = {}
    relations: list[Relation] = []
    skipped: Counter[str] = Counter()

    def fail(message: str, lineno: int, field: str | None = None) -> AnnotationError:
        return AnnotationError(message, line=lineno, field=field, doc_id=doc_id, path=path)

    for lineno, line in enumerate(ann.splitlines(), start=1):
        if not line.strip():
            continue
        kind = line[0]
        if kind in _SKIPPED:
            skipped[_SKIPPED[kind]] += 1
            continue
        parts = line.split("\t")
        ann_id = parts[0]
        if ann_id in entities:
            raise fail(f"duplicate annotation id {ann_id!r}", lineno, ann_id)
        if kind == "T":
            if len(parts) < 2:
                raise fail("expected 'T<n>\\tLABEL START END\\tTEXT'", lineno, ann_id)
            label, _, offsets = parts[1].partition(" ")
            if ";" in offsets:
                raise fail(f"discontinuous span {offsets!r} is not supported (spans are contiguous)", lineno, ann_id)
            try:
                start, end = (int(x) for x in offsets.split())
            except ValueError:
                raise fail(f"expected 'LABEL START END', got {parts[1]!r}", lineno, ann_id) from None
            if not label or not (0 <= start < end <= len(text)):
                raise fail(f"bad label or span [{start}, {end}) for a text of length {len(text)}", lineno, ann_id)
            mention = text[start:end]
            if len(parts) > 2 and parts[2] not in (mention, _one_line(mention)):
                raise fail(f"mention {parts[2]!r} differs from the text {mention!r}", lineno, ann_id)
            entities[ann_id] = Entity(start, end, label, mention, id=ann_id)
        elif kind == "R":
            fields = parts[1].split() if len(parts) > 1 else []
            args = [f.partition(":") for f in fields[1:]]
            if len(fields) != 3 or any(not sep for _, sep, _ in args):
                raise fail("expected 'R<n>\\tLABEL Arg1:T<i> Arg2:T<j>'", lineno, ann_id)
            (_, _, head), (_, _, tail) = args
            for role, ref in (("Arg1", head), ("Arg2", tail)):
                if ref not in entities:
                    raise fail(f"{role} {ref!r} is not a text-bound annotation (T line) above", lineno, ann_id)
            relations.append(Relation(entities[head], entities[tail], fields[0]))
        else:
            raise fail(f"unknown annotation line {line[:30]!r}", lineno)
    if skipped:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(skipped.items()))
        where = path or doc_id or "brat document"
        warnings.warn(f"{where}: skipped {kinds} line(s) (not representable)", ConversionLossWarning, stacklevel=2)
    return Extraction(text=text, entities=tuple(entities.values()), relations=tuple(relations), id=doc_id)


def _read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def read_brat(
    path: str | os.PathLike, schema: Schema | None = DEFAULT_SCHEMA, validate: bool = True
) -> list[Extraction]:
    """Read a brat collection: a folder (recursively) or one ``.ann`` (or ``.txt``) file.

    Raises:
        FileNotFoundError: When the path or a ``.ann`` file's ``.txt`` is missing.
        AnnotationError: On the first bad line or invalid document.
    """
    root = Path(path)
    if root.is_dir():
        anns = sorted(root.rglob("*.ann"))
        base = root
    else:
        ann = root.with_suffix(".ann")
        if not ann.is_file():
            raise FileNotFoundError(f"{ann} does not exist")
        anns, base = [ann], ann.parent
    docs = []
    for ann in anns:
        txt = ann.with_suffix(".txt")
        if not txt.is_file():
            raise FileNotFoundError(f"{ann} has no text file {txt.name} beside it")
        doc_id = ann.relative_to(base).with_suffix("").as_posix()
        doc = from_brat(_read_text(txt), _read_text(ann), doc_id=doc_id, path=str(ann))
        if validate:
            try:
                validate_document(doc, schema)
            except AnnotationError as exc:
                raise AnnotationError(exc.message, field=exc.field, doc_id=doc_id, path=str(ann)) from None
        docs.append(doc)
    return docs


def _file_stem(doc_id: str | None, n: int) -> str:
    if doc_id is None:
        return f"doc-{n:05d}"
    parts = doc_id.split("/")
    if all(p and p not in (".", "..") and "\\" not in p and "\0" not in p for p in parts):
        return doc_id
    return re.sub(r"[^\w.-]+", "_", doc_id).strip("._") or f"doc-{n:05d}"


def annotation_conf(docs: Iterable[Extraction], schema: Schema | None = DEFAULT_SCHEMA) -> str:
    """An ``annotation.conf`` declaring the labels used (argument types from ``schema`` when known).

    Example:
        >>> conf = annotation_conf([]).splitlines()
        >>> conf[:3], conf[conf.index("[relations]") + 2]
        (['[entities]', 'PERSON', 'POSITION'], 'organization\\tArg1:POSITION, Arg2:ORG')
    """
    docs = list(docs)
    labels = list(dict.fromkeys([*(schema.entity_labels if schema else ()), *(e.label for d in docs for e in d)]))
    rels = list(
        dict.fromkeys([*(schema.relation_labels if schema else ()), *(r.label for d in docs for r in d.relations)])
    )
    lines = ["[entities]", *labels, "", "[relations]"]
    for rel in rels:
        head, tail = schema.relation_types.get(rel, ("<ENTITY>", "<ENTITY>")) if schema else ("<ENTITY>", "<ENTITY>")
        lines.append(f"{rel}\tArg1:{head}, Arg2:{tail}")
    lines += ["", "[events]", "", "[attributes]", ""]
    return "\n".join(lines)


def write_brat(
    folder: str | os.PathLike, docs: Iterable[Extraction], schema: Schema | None = DEFAULT_SCHEMA
) -> ExportSummary:
    """Write each document as ``<id>.txt`` + ``<id>.ann`` under ``folder``, plus ``annotation.conf``.

    Ids that are not safe relative paths are sanitised; documents without an id
    are named ``doc-00001`` …; losses (scores, metadata, renamed ids) are warned
    about and returned.
    """
    docs = list(docs)
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary("brat", documents=len(docs))
    used: set[str] = set()
    for n, doc in enumerate(docs, start=1):
        stem = _file_stem(doc.id, n)
        while stem in used:
            stem += "_"
        used.add(stem)
        summary.drop("document ids changed for file names", doc.id is not None and stem != doc.id)
        summary.drop("entity ids renumbered", sum(not _T_ID.fullmatch(i) for i in doc.entity_ids().values()))
        summary.drop("entity scores", sum(e.score is not None for e in doc.entities))
        summary.drop("relation scores", sum(r.score is not None for r in doc.relations))
        summary.drop("metadata fields", len(doc.meta))
        target = root / stem
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target.with_name(target.name + ".txt"), "w", encoding="utf-8", newline="") as handle:
            handle.write(doc.text)
        with open(target.with_name(target.name + ".ann"), "w", encoding="utf-8", newline="") as handle:
            handle.write(to_brat_ann(doc))
        summary.written += 1
    (root / "annotation.conf").write_text(annotation_conf(docs, schema), encoding="utf-8")
    summary.warn()
    return summary
