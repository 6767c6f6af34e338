"""Batch extraction over files: streaming JSONL in, JSONL or CSV out, workers, resume, records.

This is what ``vnparty-ie extract`` runs. Input records keep every field they
came with (``url``, ``date`` …); the ``id`` (when present) makes a run
resumable: with ``resume=True`` ids already in the output are skipped and new
results are appended. ``workers > 1`` starts that many processes, each loading
the model once.

Example:
    >>> import io
    >>> recs = list(read_records(io.StringIO('{"id": "a", "text": "x", "url": "u"}\\n\\n'), "in.jsonl", "jsonl"))
    >>> recs
    [{'id': 'a', 'text': 'x', 'url': 'u'}]
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TextIO

from .errors import InputError
from .types import Extraction

__all__ = ["BatchStats", "read_records", "run_batch"]

RECORD_KINDS = ("metrics", "positions")
OUTPUT_FORMATS = ("jsonl", "csv")


@dataclass
class BatchStats:
    """What a batch run did."""

    documents: int = 0
    skipped: int = 0
    rows: int = 0
    characters: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the end of a run."""
        rate = self.documents / self.seconds if self.seconds else 0.0
        chars = self.characters / self.seconds if self.seconds else 0.0
        skipped = f", {self.skipped} skipped (already in the output)" if self.skipped else ""
        return (
            f"{self.documents} documents{skipped}, {self.rows} rows in {self.seconds:.1f} s: "
            f"{rate:.2f} documents/s, {chars:,.0f} characters/s"
        )


def read_records(handle: TextIO, name: str, fmt: str) -> Iterator[dict[str, Any]]:
    """Yield input records: each JSONL line's object (needs a string ``text``), or the whole text file.

    Raises:
        InputError: On a line that is not a JSON object with a string ``text``, naming file and line.
    """
    if fmt != "jsonl":
        yield {"text": handle.read()}
        return
    for lineno, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}: line {lineno}: not JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{name}: line {lineno}: expected a JSON object with a string 'text' field")
        yield record


def done_ids(path: Path) -> set[str]:
    """Ids already written to a JSONL or CSV output (for resuming); empty when it does not exist."""
    if not path.is_file():
        return set()
    ids: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        if path.suffix.lower() == ".csv":
            for row in csv.DictReader(handle):
                if row.get("doc_id"):
                    ids.add(row["doc_id"])
        else:
            for line in handle:
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut by an interrupted run
                key = rec.get("doc_id", rec.get("id")) if isinstance(rec, dict) else None
                if key is not None:
                    ids.add(str(key))
    return ids


def output_rows(doc: Extraction, record: Mapping[str, Any], records: str | None) -> list[dict[str, Any]]:
    """The output of one document: its whole ``to_dict()`` with the input's other fields, or its record rows.

    Record rows carry the document id and every other input field except ``text``.
    """
    if records is None:
        out = doc.to_dict()
        for key, value in record.items():
            out.setdefault(key, value)
        return [out]
    extra = {k: v for k, v in record.items() if k not in ("text", "id")}
    return [{**row, **{k: v for k, v in extra.items() if k not in row}} for row in doc.tables()[records]]


# ------------------------------------------------------------------ workers
_worker_extractor: Any = None


def _init_worker(model: str | None, threads: int | None) -> None:
    global _worker_extractor
    from .extractor import load

    _worker_extractor = load(model, threads=threads or 1)  # no torch import: load() sets the runtime's threads


def _extract_chunk(chunk: list[dict[str, Any]]) -> list[Extraction]:
    texts = [r["text"] for r in chunk]
    dates = [r.get("date") if isinstance(r.get("date"), str) else None for r in chunk]
    docs = list(_worker_extractor.extract_many(texts, batch_size=max(1, len(chunk)), doc_dates=_safe_dates(dates)))
    return [replace(d, id=None if r.get("id") is None else str(r["id"])) for d, r in zip(docs, chunk)]


def _safe_dates(dates: list[str | None]) -> list[str | None]:
    """Keep only dates that parse as ISO (an article's free-form ``date`` field must not stop the run)."""
    import datetime as dt

    out: list[str | None] = []
    for d in dates:
        try:
            out.append(d if d is None else dt.date.fromisoformat(d[:10]).isoformat())
        except ValueError:
            out.append(None)
    return out


def _chunks(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for r in records:
        chunk.append(r)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_batch(
    records: Iterable[dict[str, Any]],
    out: TextIO,
    *,
    model: str | None = None,
    extractor: Any = None,
    records_kind: str | None = None,
    fmt: str = "jsonl",
    workers: int = 1,
    batch_size: int = 16,
    threads: int | None = None,
    skip_ids: set[str] | None = None,
    doc_date: str | None = None,
    progress: bool = True,
    total: int | None = None,
    write_header: bool = True,
) -> BatchStats:
    """Extract from every record and write the results as they come, in input order.

    Args:
        records: Input records (``text`` plus any other fields).
        out: Where to write (JSONL lines or CSV rows).
        model: Model directory (default model when ``None``).
        extractor: An already loaded extractor (single process only).
        records_kind: ``None`` for whole extractions, or ``metrics``/``positions`` rows.
        fmt: ``jsonl`` or ``csv`` (csv needs ``records_kind``).
        workers: Processes; each loads the model once.
        batch_size: Documents per model call (and per task sent to a worker).
        threads: Classifier threads per process (``None``: one, see :func:`vnparty_ie.load`).
        skip_ids: Input ids to skip (already done).
        doc_date: A date for records that carry none.
        progress: Show a progress bar on stderr.
        total: Number of input records, for the progress bar.
        write_header: Write the CSV header (not when appending to a file that has one).
    """
    if fmt not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {OUTPUT_FORMATS}")
    if fmt == "csv" and records_kind is None:
        raise ValueError("CSV output needs --records metrics or --records positions")
    if records_kind is not None and records_kind not in RECORD_KINDS:
        raise ValueError(f"unknown records {records_kind!r}; choose one of {RECORD_KINDS}")
    from tqdm.auto import tqdm

    skip_ids = skip_ids or set()
    stats = BatchStats()
    started = time.perf_counter()

    def todo() -> Iterator[dict[str, Any]]:
        for r in records:
            if r.get("id") is not None and str(r["id"]) in skip_ids:
                stats.skipped += 1
                continue
            if doc_date and not r.get("date"):
                r = {**r, "date": doc_date}
            yield r

    chunks = _chunks(todo(), batch_size)
    pool = None
    if workers > 1:
        import multiprocessing as mp

        ctx = mp.get_context("spawn")
        pool = ctx.Pool(workers, initializer=_init_worker, initargs=(model, threads or 1))
        holder: list[list[dict[str, Any]]] = []
        results: Iterator[tuple[list[dict[str, Any]], list[Extraction]]] = _paired(
            holder, pool.imap(_extract_chunk, _tee(holder, chunks))
        )
    else:
        global _worker_extractor
        if extractor is None:
            _init_worker(model, threads)
        else:
            _worker_extractor = extractor
        results = ((c, _extract_chunk(c)) for c in chunks)
    writer = None
    bar = tqdm(total=total, unit="doc", disable=not progress, file=sys.stderr, dynamic_ncols=True)
    try:
        for chunk, docs in results:
            for record, doc in zip(chunk, docs):
                rows = output_rows(doc, record, records_kind)
                if fmt == "csv":
                    if writer is None:
                        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else _csv_fields(records_kind),
                                                extrasaction="ignore")  # fmt: skip
                        if write_header:
                            writer.writeheader()
                    writer.writerows(rows)
                else:
                    out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
                stats.documents += 1
                stats.rows += len(rows)
                stats.characters += len(record["text"])
            out.flush()
            bar.update(len(chunk))
    finally:
        bar.close()
        if pool is not None:
            pool.terminate()
    stats.seconds = time.perf_counter() - started
    return stats


def _csv_fields(records_kind: str) -> list[str]:
    from .types import Metric, Post, make_entity

    text = "x"
    ent = make_entity(text, 0, 1, "METRIC")
    sample = Extraction(text, (ent,), metrics=(Metric(ent),), positions=(Post(ent, ent),))
    return list(sample.tables()[records_kind][0])


def _tee(holder: list, chunks: Iterator[list]) -> Iterator[list]:
    for c in chunks:
        holder.append(c)
        yield c


def _paired(holder: list, results: Iterator[list[Extraction]]) -> Iterator[tuple[list[dict], list[Extraction]]]:
    for docs in results:
        yield holder.pop(0), docs


def cpu_count() -> int:
    """CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
