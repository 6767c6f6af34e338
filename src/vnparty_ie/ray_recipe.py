"""Extraction at cluster scale with Ray Data (optional extra: ``pip install "vnparty-ie[ray]"``).

The recipe: ``ray.data.read_json`` (JSONL with a ``text`` field; every other
field is kept) → ``map_batches`` with :class:`ExtractorActor`, an actor class
that loads the extractor ONCE per actor and runs ``extract_many`` on each batch
→ ``write_parquet`` / ``write_json``. The same code runs on a laptop
(``ray.init()`` starts a local cluster) and on a cluster (``ray.init("auto")``
or ``ray job submit``); the model directory must be readable on every node (a
shared path, or the wheel installed everywhere: it ships the default model).

Output rows, one of two shapes:

* one row per article (``records=None``): the input's fields, plus
  ``entities``, ``relations``, ``metrics``, ``positions`` and ``dates`` as JSON
  strings (the guidelines' JSONL shape: ``json.loads(row["entities"])``), and
  ``n_entities`` / ``n_relations``;
* one row per record (``records="metrics"`` or ``"positions"``): the flat
  columns of :meth:`Extraction.tables() <vnparty_ie.types.Extraction.tables>`
  (texts, offsets, normalised values) with fixed Arrow types, plus the input's
  other fields (``text`` left out) — ready for SQL or pandas.

Example (from Python)::

    import ray
    from vnparty_ie.ray_recipe import run

    ray.init()                                    # or ray.init("auto") on a cluster
    run("articles.jsonl", "out_parquet/", fmt="parquet", concurrency=4, records="metrics")

or from the shell::

    python -m vnparty_ie.ray_recipe articles.jsonl out_parquet/ --concurrency 4 --records metrics

Rows without a usable ``text`` (missing, not a string) get empty results; a
``date`` field that is an ISO date is used for relative dates, any other value
is ignored.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

__all__ = ["ExtractorActor", "build_dataset", "main", "record_type", "run"]

_FLOAT_FIELDS = {"value", "value_max", "achieved", "planned"}
_BOOL_FIELDS = {"percent", "ambiguous"}
_DOC_FIELDS = ("entities", "relations", "metrics", "positions", "dates")


def _require_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError('the Ray recipe needs Ray Data: pip install "vnparty-ie[ray]"') from exc
    return ray


def record_type(column: str) -> Any:
    """The Arrow type of a record-row column (:meth:`Extraction.tables` names).

    Example:
        >>> str(record_type("value")), str(record_type("metric_char_start")), str(record_type("unit"))
        ('double', 'int64', 'string')
    """
    import pyarrow as pa

    if column in _FLOAT_FIELDS:
        return pa.float64()
    if column in _BOOL_FIELDS:
        return pa.bool_()
    if column.endswith(("_char_start", "_char_end")):
        return pa.int64()
    return pa.string()


def _record_columns(kind: str) -> list[str]:
    from .types import Entity, Metric, Post

    probe = Entity(0, 1, "X", "x")
    row = Metric(probe).row() if kind == "metrics" else Post(probe, probe).row()
    return ["doc_id", *row]


def _safe_date(value: Any) -> str | None:
    import datetime as dt

    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


class ExtractorActor:
    """A Ray Data actor: the extractor is loaded once, in ``__init__``; ``__call__`` maps one batch.

    Args:
        model: A model directory (``None``: the default model).
        records: ``None`` (one row per article), ``"metrics"`` or ``"positions"`` (one row per record).
        batch_size: Texts per model batch.
        threads: torch threads in this actor (default: torch's choice).

    Example:
        >>> import json, pathlib, tempfile, pyarrow as pa
        >>> model = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (model / "pipeline.json").write_text(json.dumps({"entities": {"combine": "rules"}}))
        >>> actor = ExtractorActor(model=str(model))
        >>> out = actor(pa.table({"id": ["a"], "text": ["Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai phát biểu."]}))
        >>> out.column("n_entities").to_pylist(), json.loads(out.column("entities")[0].as_py())[2]["label"]
        ([3], 'PERSON')
    """

    def __init__(self, model: str | None = None, records: str | None = None, batch_size: int = 16,
                 threads: int | None = None) -> None:  # fmt: skip
        if records not in (None, "metrics", "positions"):
            raise ValueError(f"records must be None, 'metrics' or 'positions', not {records!r}")
        if threads:
            import torch

            torch.set_num_threads(threads)
        from .extractor import load

        self.extractor = load(model)
        self.records = records
        self.batch_size = batch_size

    def __call__(self, batch: Any) -> Any:
        """Map one ``pyarrow.Table`` batch to the output rows (see the module doc)."""
        from dataclasses import replace

        import pyarrow as pa

        rows = batch.to_pylist()
        texts = [r.get("text") if isinstance(r.get("text"), str) else "" for r in rows]
        dates = [_safe_date(r.get("date")) for r in rows]
        docs = list(self.extractor.extract_many(texts, batch_size=max(1, self.batch_size), doc_dates=dates))
        docs = [replace(d, id=None if r.get("id") is None else str(r["id"])) for d, r in zip(docs, rows)]
        if self.records is None:
            dicts = [d.to_dict() for d in docs]
            out = batch
            for name in _DOC_FIELDS:
                values = [json.dumps(d.get(name, []), ensure_ascii=False) for d in dicts]
                out = _set_column(out, name, pa.array(values, type=pa.string()))
            out = _set_column(out, "n_entities", pa.array([len(d.entities) for d in docs], type=pa.int64()))
            return _set_column(out, "n_relations", pa.array([len(d.relations) for d in docs], type=pa.int64()))
        columns = _record_columns(self.records)
        index: list[int] = []
        table_rows: list[dict[str, Any]] = []
        for i, doc in enumerate(docs):
            for row in doc.tables()[self.records]:
                index.append(i)
                table_rows.append(row)
        base = batch.drop_columns([c for c in ("text",) if c in batch.column_names]).take(pa.array(index, pa.int64()))
        base = base.drop_columns([c for c in base.column_names if c in columns])
        arrays = [pa.array([r.get(c) for r in table_rows], type=record_type(c)) for c in columns]
        out = pa.Table.from_arrays(arrays, names=columns)
        for name in base.column_names:
            out = out.append_column(name, base.column(name))
        return out


def _set_column(table: Any, name: str, array: Any) -> Any:
    if name in table.column_names:
        return table.set_column(table.column_names.index(name), name, array)
    return table.append_column(name, array)


def build_dataset(
    source: str | Sequence[str],
    model: str | None = None,
    records: str | None = None,
    batch_size: int = 16,
    concurrency: int = 1,
    num_cpus: float = 1,
    threads: int | None = None,
) -> Any:
    """``read_json`` → ``map_batches(ExtractorActor)``: a lazy Ray ``Dataset`` of output rows.

    Args:
        source: JSONL file(s) or folder(s) (local paths, ``s3://`` …), a ``text`` field per line.
        model: Model directory readable on every node (``None``: the default model).
        records: ``None``, ``"metrics"`` or ``"positions"`` (see the module doc).
        batch_size: Rows per batch handed to an actor.
        concurrency: Number of actors (each loads the model once).
        num_cpus: CPUs reserved per actor.
        threads: torch threads per actor (default: ``num_cpus`` rounded up).
    """
    ray = _require_ray()
    threads = threads or max(1, round(num_cpus))
    return ray.data.read_json(source).map_batches(
        ExtractorActor,
        fn_constructor_kwargs={"model": model, "records": records, "batch_size": batch_size, "threads": threads},
        batch_size=batch_size,
        batch_format="pyarrow",
        concurrency=concurrency,
        num_cpus=num_cpus,
    )


def run(source: str | Sequence[str], output: str, fmt: str = "parquet", **kwargs: Any) -> Any:
    """Run the recipe and write ``output`` (a folder of ``.parquet`` or ``.json`` files).

    Args:
        source: JSONL input (see :func:`build_dataset`).
        output: Output folder.
        fmt: ``"parquet"`` or ``"json"`` (JSON lines).
        **kwargs: Passed to :func:`build_dataset`.

    Returns:
        The dataset that was written.
    """
    ds = build_dataset(source, **kwargs)
    if fmt == "parquet":
        ds.write_parquet(output)
    elif fmt == "json":
        ds.write_json(output, force_ascii=False)
    else:
        raise ValueError(f"fmt must be 'parquet' or 'json', not {fmt!r}")
    return ds


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m vnparty_ie.ray_recipe IN OUT [--format parquet|json] [--concurrency N] …``."""
    parser = argparse.ArgumentParser(prog="python -m vnparty_ie.ray_recipe", description=__doc__.split("\n")[0])
    parser.add_argument("input", nargs="+", help="JSONL file(s) or folder(s) with a 'text' field")
    parser.add_argument("output", help="output folder")
    parser.add_argument("--format", choices=("parquet", "json"), default="parquet")
    parser.add_argument("--model", help="model directory (default: the installed default model)")
    parser.add_argument("--records", choices=("metrics", "positions"), help="one row per record")
    parser.add_argument("--concurrency", type=int, default=1, help="actors, each loading the model once")
    parser.add_argument("--num-cpus", type=float, default=1, help="CPUs per actor")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--address", help="Ray cluster address (default: start a local one)")
    args = parser.parse_args(argv)
    ray = _require_ray()
    ray.init(address=args.address, include_dashboard=False)
    run(args.input, args.output, fmt=args.format, model=args.model, records=args.records,
        batch_size=args.batch_size, concurrency=args.concurrency, num_cpus=args.num_cpus)  # fmt: skip
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
