"""The ``vnparty-ie`` command line.

Sub-commands::

    vnparty-ie validate FILE [FILE ...]         check annotation files (any format below)
    vnparty-ie convert IN OUT [--from X] [--to Y]
        X, Y: jsonl conll labelstudio doccano (doccano-seq) brat docbin hf
    vnparty-ie extract [--model DIR] (--text T | FILE)   JSONL out
    vnparty-ie predict FILE.conll [--model DIR] [--format conll|jsonl] [-o OUT]
    vnparty-ie train CONFIG.yaml                 train a token classifier
    vnparty-ie evaluate --model DIR --gold FILE [--output report.json]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .errors import VnPartyIEError
from .io.formats import FORMATS, WRITE_FORMATS


def _formats_help(names: Sequence[str]) -> str:
    return f"{', '.join(names)} (default: from the path's ending and content)"


def _cmd_validate(args: argparse.Namespace) -> int:
    from .io.conll import read_conll
    from .io.formats import read_documents, resolve_format
    from .schema import DEFAULT_SCHEMA

    status = 0
    schema = None if args.any_labels else DEFAULT_SCHEMA
    for path in args.files:
        try:
            fmt = resolve_format(path, args.format)
            if fmt == "conll":
                sents = read_conll(path, normalize=False)
                tags = Counter(t[2:] for s in sents for t in s.tags if t.startswith("B-"))
                marked = len({s.doc for s in sents if s.doc is not None})
                docs_note = f", {marked} documents" if marked else ""
                print(f"{path}: OK, {len(sents)} sentences{docs_note}, entities: {dict(sorted(tags.items()))}")
                continue
            docs = read_documents(path, fmt, schema=schema)
            ents = sum(len(d.entities) for d in docs)
            rels = sum(len(d.relations) for d in docs)
            labels = Counter(e.label for d in docs for e in d.entities)
            print(f"{path}: OK, {len(docs)} documents, {ents} entities, {rels} relations; "
                  f"{dict(sorted(labels.items()))} [{fmt}]")
        except (VnPartyIEError, OSError, ImportError) as exc:
            print(f"{path}: INVALID: {exc}", file=sys.stderr)
            status = 1
    return status


def _cmd_convert(args: argparse.Namespace) -> int:
    import warnings

    from .io.formats import read_documents, resolve_format, write_documents
    from .io.loss import ConversionLossWarning
    from .schema import DEFAULT_SCHEMA

    src = resolve_format(args.input, args.from_format)
    dst = resolve_format(args.output, args.to_format, for_output=True)
    schema = None if args.any_labels else DEFAULT_SCHEMA
    docs = read_documents(args.input, src, schema=schema)
    marker = None if args.doc_marker == "none" else args.doc_marker
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConversionLossWarning)
        summary, misaligned = write_documents(
            args.output, docs, dst, segmenter=args.segmenter, schema=schema, doc_marker=marker
        )
    unit = {"conll": "sentences", "hf": "sentences", "brat": "document file pairs"}.get(dst, "documents")
    print(f"wrote {summary.written} {unit} ({len(docs)} documents, {src} -> {dst}) to {args.output}", file=sys.stderr)
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)
    if misaligned:
        print(f"{len(misaligned)} entities do not align with word boundaries (not in the {dst} output):",
              file=sys.stderr)
        for doc_id, ent in misaligned:
            print(f"  {doc_id}\t{ent.start}-{ent.end}\t{ent.label}\t{ent.text}", file=sys.stderr)
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    from .batch import cpu_count, done_ids, read_records, run_batch
    from .errors import InputError

    fmt_out = args.format or ("csv" if args.output and args.output.lower().endswith(".csv") else "jsonl")
    if fmt_out == "csv" and not args.records:
        raise InputError("--format csv needs --records metrics or --records positions")
    if args.resume and not args.output:
        raise InputError("--resume needs --output FILE")
    workers = min(max(1, args.workers), cpu_count() * 2)
    with contextlib.ExitStack() as stack:
        if args.text is not None:
            records: Iterator[dict] = iter([{"text": args.text}])
            total: int | None = 1
        else:
            name = "<stdin>" if args.input in (None, "-") else args.input
            if name == "<stdin>":
                handle: TextIO = sys.stdin
            else:
                try:
                    handle = stack.enter_context(open(name, encoding="utf-8", errors="strict"))
                except FileNotFoundError:
                    raise InputError(f"{name}: no such file") from None
                except IsADirectoryError:
                    raise InputError(f"{name}: is a directory") from None
                except PermissionError:
                    raise InputError(f"{name}: permission denied") from None
            fmt_in = args.input_format or ("jsonl" if name.endswith(".jsonl") else "text")
            records = read_records(handle, name, fmt_in)
            total = _count_lines(name) if fmt_in == "jsonl" and name != "<stdin>" else None
        skip: set[str] = set()
        append = False
        if args.output:
            out_path = Path(args.output)
            if args.resume:
                skip = done_ids(out_path)
                append = out_path.is_file() and out_path.stat().st_size > 0
            out = stack.enter_context(open(out_path, "a" if append else "w", encoding="utf-8", newline=""))
        else:
            out = sys.stdout
        try:
            stats = run_batch(
                records, out, model=args.model, records_kind=args.records, fmt=fmt_out, workers=workers,
                batch_size=args.batch_size, threads=args.threads, skip_ids=skip, doc_date=args.doc_date,
                progress=not args.quiet and args.text is None, total=total, write_header=not append,
            )  # fmt: skip
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start}); convert it to UTF-8") from None
    if not args.quiet and args.text is None:
        print(stats.summary(), file=sys.stderr)
    return 0


def _cmd_predict(args: argparse.Namespace) -> int:
    from .errors import InputError
    from .extractor import load
    from .predict import predict_sentences, read_words, write_predictions

    fmt = args.format or ("jsonl" if args.output and args.output.lower().endswith(".jsonl") else "conll")
    name = "<stdin>" if args.input == "-" else args.input
    try:
        sentences = read_words(sys.stdin if name == "<stdin>" else name)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    extractor = load(args.model)
    docs, stats = predict_sentences(extractor, sentences, batch_size=args.batch_size, with_records=fmt == "jsonl")
    with contextlib.ExitStack() as stack:
        out: TextIO = sys.stdout
        if args.output and args.output != "-":
            out = stack.enter_context(open(args.output, "w", encoding="utf-8", newline=""))
        write_predictions(out, sentences, docs, fmt=fmt)
    if not args.quiet:
        print(stats.summary(), file=sys.stderr)
    return 0


def _count_lines(path: str) -> int | None:
    try:
        with open(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``vnparty-ie``."""
    parser = argparse.ArgumentParser(
        prog="vnparty-ie",
        description="Information extraction from Vietnamese party-building news.",
    )
    parser.add_argument("--version", action="version", version=f"vnparty-ie {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="validate annotation files (JSONL, CoNLL, Label Studio, doccano, brat …)")
    p.add_argument("files", nargs="+", help="files (or brat / Hugging Face dataset folders) to check")
    p.add_argument("--format", help="file format: " + _formats_help(FORMATS))
    p.add_argument("--any-labels", action="store_true", help="accept labels outside the vnparty-ie schema")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser(
        "convert", help="convert between span JSONL, CoNLL BIO, Label Studio, doccano, brat, spaCy DocBin, HF datasets"
    )
    p.add_argument("input", help="input file, or folder (brat, hf)")
    p.add_argument("output", help="output file, or folder (brat, hf)")
    p.add_argument("--from", dest="from_format", help="input format: " + _formats_help(FORMATS))
    p.add_argument("--to", dest="to_format", help="output format: " + _formats_help(WRITE_FORMATS))
    p.add_argument("--segmenter", default="underthesea", help="word segmenter for CoNLL and HF output")
    p.add_argument("--doc-marker", choices=("docstart", "comment", "none"), default="docstart",
                   help="how CoNLL output marks documents: '-DOCSTART- ID', '# id = ID' or nothing")
    p.add_argument("--any-labels", action="store_true", help="accept labels outside the vnparty-ie schema")
    p.set_defaults(func=_cmd_convert)

    p = sub.add_parser("extract", help="extract entities, relations and records; writes JSONL or CSV")
    p.add_argument("input", nargs="?", help="a text file (one document) or .jsonl with a 'text' field; '-' = stdin")
    p.add_argument("--text", help="extract from this string instead of a file")
    p.add_argument("--input-format", choices=("text", "jsonl"), help="default: jsonl for *.jsonl, else text")
    p.add_argument("--model", help="model directory (default: the installed default model)")
    p.add_argument("--output", "-o", help="output file (default: stdout); .csv implies --format csv")
    p.add_argument("--records", choices=("metrics", "positions"), help="write record rows instead of documents")
    p.add_argument("--format", choices=("jsonl", "csv"), help="output format (default: jsonl, or csv for *.csv)")
    p.add_argument("--doc-date", help="ISO date of the articles, for relative dates (a record's 'date' wins)")
    p.add_argument("--workers", type=int, default=1, help="processes, each loading the model once (default 1)")
    p.add_argument("--threads", type=int, help="torch threads per process (default: 1 per worker with --workers)")
    p.add_argument("--resume", action="store_true", help="skip input ids already in --output and append")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    p.add_argument("--batch-size", type=int, default=16)
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("predict", help="tag a pre-segmented CoNLL file (one word per line); CoNLL or JSONL out")
    p.add_argument("input", help="CoNLL file: one word per line, blank line between sentences ('-' = stdin); "
                   "other columns are ignored")
    p.add_argument("--model", help="model directory (default: the installed default model)")
    p.add_argument("--output", "-o", help="output file (default: stdout); *.jsonl implies --format jsonl")
    p.add_argument("--format", choices=("conll", "jsonl"),
                   help="conll: word<TAB>tag (default); jsonl: one record per document with relations and records")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--quiet", "-q", action="store_true", help="no summary on stderr")
    p.set_defaults(func=_cmd_predict)

    # Listed for --help; main() hands their arguments to the modules' own parsers.
    sub.add_parser("train", help="train a token classifier: vnparty-ie train CONFIG.yaml [--set KEY=VALUE]")
    sub.add_parser("evaluate", help="score a model: vnparty-ie evaluate --model DIR --gold FILE [--output JSON]")
    return parser


_PASSTHROUGH = {"train": "vnparty_ie.train", "evaluate": "vnparty_ie.evaluation"}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in _PASSTHROUGH:
        # These sub-commands own their options (``vnparty-ie evaluate --model DIR --gold FILE``).
        import importlib

        return int(importlib.import_module(_PASSTHROUGH[argv[0]]).main(argv[1:]) or 0)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except VnPartyIEError as exc:
        print(f"vnparty-ie {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a file that cannot be read or written: one line, not a traceback
        print(f"vnparty-ie {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"vnparty-ie {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
