"""The ``vnparty-ie`` command line.

Sub-commands::

    vnparty-ie validate FILE [FILE ...]         check annotation JSONL or CoNLL files
    vnparty-ie convert IN OUT --from jsonl --to conll
    vnparty-ie extract [--model DIR] (--text T | FILE)   JSONL out
    vnparty-ie train CONFIG.yaml                 train a token classifier
    vnparty-ie evaluate --model DIR --gold FILE [--output report.json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .errors import VnPartyIEError

FORMATS = ("jsonl", "conll", "labelstudio")


def _guess_format(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return "labelstudio"
    return "conll" if suffix in (".conll", ".bio", ".tsv", ".txt") else "jsonl"


def _cmd_validate(args: argparse.Namespace) -> int:
    from .io.conll import read_conll
    from .io.jsonl import iter_jsonl
    from .schema import DEFAULT_SCHEMA

    status = 0
    for path in args.files:
        fmt = args.format or _guess_format(path)
        try:
            if fmt == "conll":
                sents = read_conll(path)
                tags = Counter(t[2:] for s in sents for t in s.tags if t.startswith("B-"))
                print(f"{path}: OK, {len(sents)} sentences, entities: {dict(sorted(tags.items()))}")
            else:
                schema = None if args.any_labels else DEFAULT_SCHEMA
                docs = ents = rels = 0
                labels: Counter[str] = Counter()
                for doc in iter_jsonl(path, schema=schema):
                    docs += 1
                    ents += len(doc.entities)
                    rels += len(doc.relations)
                    labels.update(e.label for e in doc.entities)
                print(f"{path}: OK, {docs} documents, {ents} entities, {rels} relations; {dict(sorted(labels.items()))}")
        except (VnPartyIEError, OSError) as exc:
            print(f"{path}: INVALID: {exc}", file=sys.stderr)
            status = 1
    return status


def _cmd_convert(args: argparse.Namespace) -> int:
    from .io.conll import conll_to_documents, documents_to_conll, read_conll, write_conll
    from .io.jsonl import read_jsonl, validate_document, write_jsonl
    from .io.labelstudio import from_labelstudio, to_labelstudio
    from .schema import DEFAULT_SCHEMA

    src = args.from_format or _guess_format(args.input)
    dst = args.to_format or _guess_format(args.output)
    schema = None if args.any_labels else DEFAULT_SCHEMA
    if src == "jsonl":
        docs = read_jsonl(args.input, schema=schema)
    elif src == "labelstudio":
        docs = from_labelstudio(json.loads(Path(args.input).read_text(encoding="utf-8")))
        for doc in docs:
            validate_document(doc, schema)
    else:
        docs = conll_to_documents(read_conll(args.input))
    if dst == "jsonl":
        n = write_jsonl(args.output, docs)
        print(f"wrote {n} documents to {args.output}", file=sys.stderr)
        return 0
    if dst == "labelstudio":
        tasks = to_labelstudio(docs)
        Path(args.output).write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"wrote {len(tasks)} Label Studio tasks to {args.output}", file=sys.stderr)
        return 0
    sentences, misaligned = documents_to_conll(docs, segmenter=args.segmenter)
    n = write_conll(args.output, sentences)
    print(f"wrote {n} sentences to {args.output}", file=sys.stderr)
    if misaligned:
        print(f"{len(misaligned)} entities do not align with word boundaries (not in the CoNLL output):", file=sys.stderr)
        for doc_id, ent in misaligned:
            print(f"  {doc_id}\t{ent.start}-{ent.end}\t{ent.label}\t{ent.text}", file=sys.stderr)
    return 0


def _read_inputs(args: argparse.Namespace) -> Iterator[tuple[str | None, str]]:
    if args.text is not None:
        yield None, args.text
        return
    with contextlib.ExitStack() as stack:
        handle: TextIO
        if args.input in (None, "-"):
            handle = sys.stdin  # not ours to close
            name = "<stdin>"
        else:
            handle = stack.enter_context(open(args.input, encoding="utf-8"))
            name = args.input
        if args.input_format == "jsonl" or (args.input_format is None and name.endswith(".jsonl")):
            for lineno, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    yield record.get("id"), record["text"]
                except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
                    raise SystemExit(f"{name}: line {lineno}: expected a JSON object with a 'text' field") from None
        else:
            yield None, handle.read()


def _cmd_extract(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from .extractor import load

    extractor = load(args.model)
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open(args.output, "w", encoding="utf-8")) if args.output else sys.stdout
        inputs = stack.enter_context(contextlib.closing(_read_inputs(args)))  # closes the input file on errors too
        ids: list[str | None] = []

        def texts() -> Iterator[str]:
            for doc_id, text in inputs:
                ids.append(doc_id)
                yield text

        for n, doc in enumerate(extractor.extract_many(texts(), batch_size=args.batch_size)):
            out.write(json.dumps(replace(doc, id=ids[n]).to_dict(), ensure_ascii=False) + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``vnparty-ie``."""
    parser = argparse.ArgumentParser(
        prog="vnparty-ie",
        description="Information extraction from Vietnamese party-building news.",
    )
    parser.add_argument("--version", action="version", version=f"vnparty-ie {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="validate annotation files (JSONL or CoNLL)")
    p.add_argument("files", nargs="+", help="files to check")
    p.add_argument("--format", choices=FORMATS, help="file format (default: from the extension)")
    p.add_argument("--any-labels", action="store_true", help="accept labels outside the vnparty-ie schema")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("convert", help="convert between span JSONL, CoNLL BIO and Label Studio JSON")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--from", dest="from_format", choices=FORMATS, help="input format (default: from the extension)")
    p.add_argument("--to", dest="to_format", choices=FORMATS, help="output format (default: from the extension)")
    p.add_argument("--segmenter", default="underthesea", help="word segmenter for JSONL -> CoNLL")
    p.add_argument("--any-labels", action="store_true", help="accept labels outside the vnparty-ie schema")
    p.set_defaults(func=_cmd_convert)

    p = sub.add_parser("extract", help="extract entities and relations; writes JSONL")
    p.add_argument("input", nargs="?", help="a text file (one document) or .jsonl with a 'text' field; '-' = stdin")
    p.add_argument("--text", help="extract from this string instead of a file")
    p.add_argument("--input-format", choices=("text", "jsonl"), help="default: jsonl for *.jsonl, else text")
    p.add_argument("--model", help="model directory (default: the installed default model)")
    p.add_argument("--output", "-o", help="output JSONL file (default: stdout)")
    p.add_argument("--batch-size", type=int, default=16)
    p.set_defaults(func=_cmd_extract)

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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
