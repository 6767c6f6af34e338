#!/usr/bin/env python
"""Resolve annotators' mention lists to stand-off offsets, reporting every problem.

Usage::

    python corpora/tools/resolve.py corpora/annotations/b01.ann1.mentions.jsonl \
        /tmp/b01.ann1.standoff.jsonl [--vietnews ../shared/corpora/vietnews]
    python corpora/tools/resolve.py IN.mentions.jsonl            # check only, write nothing

Input: one JSON object per line, ``{"id", "entities": [[id, label, text(, hints)]...],
"relations": [[head, tail, label]...]}`` (see ``corpora/ANNOTATOR_BRIEF.md`` and
:mod:`vnparty_ie.io.mentions`). Output: stand-off JSONL of the documents without
errors. Every error and warning is printed as ``severity doc_id entity: message``;
documents with errors are not written and the exit code is 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_VIETNEWS, open_corpus

from vnparty_ie.io.mentions import Problem, resolve_document
from vnparty_ie.io.standoff import write_standoff
from vnparty_ie.io.vietnews import VietnewsCorpus, sentence_spans
from vnparty_ie.types import Extraction


def iter_json_objects(text: str) -> Iterator[tuple[int, Any, str | None]]:
    """Yield ``(line, value, error)`` for each JSON value of a JSONL (or concatenated JSON) text.

    One object per line is the format, but objects spread over several lines are
    accepted too. After a syntax error, reading resumes at the next line.
    """
    decoder = json.JSONDecoder()
    pos, n = 0, len(text)
    while True:
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            return
        line = text.count("\n", 0, pos) + 1
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield exc.lineno, None, f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
            nxt = text.find("\n", exc.pos)
            pos = n if nxt == -1 else nxt + 1
            continue
        yield line, value, None


def read_mentions(path: Path) -> tuple[list[tuple[int, dict[str, Any]]], list[str]]:
    """Read the mention-list file; return ``(line, record)`` pairs and format errors."""
    records, errors = [], []
    seen: dict[str, int] = {}
    for line_no, record, error in iter_json_objects(path.read_text(encoding="utf-8")):
        if error is not None:
            errors.append(f"error {path}:{line_no}: {error}")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            errors.append(f"error {path}:{line_no}: each record must be an object with a string 'id'")
            continue
        unknown = set(record) - {"id", "entities", "relations", "note", "annotator"}
        if unknown:
            errors.append(f"error {record['id']}: unknown field(s) {sorted(unknown)} (line {line_no})")
            continue
        if not isinstance(record.get("entities", []), list) or not isinstance(record.get("relations", []), list):
            errors.append(f"error {record['id']}: 'entities' and 'relations' must be lists (line {line_no})")
            continue
        if record["id"] in seen:
            errors.append(f"error {record['id']}: listed twice (lines {seen[record['id']]} and {line_no})")
            continue
        seen[record["id"]] = line_no
        records.append((line_no, record))
    return records, errors


def resolve_file(path: Path, corpus: VietnewsCorpus) -> tuple[list[Extraction], list[str]]:
    """Resolve every document of a mention file; return the good documents and all messages."""
    records, messages = read_mentions(path)
    known = [r["id"] for _, r in records if r["id"] in corpus]
    corpus.prefetch(known)
    docs: list[Extraction] = []
    for _, record in records:
        doc_id = record["id"]
        if doc_id not in corpus:
            messages.append(str(Problem(doc_id, None, "document id not found in vietnews")))
            continue
        segmented = corpus.get_segmented(doc_id)
        doc, problems = resolve_document(
            doc_id,
            corpus.get_text(doc_id),
            record.get("entities", []),
            record.get("relations", []),
            sentences=sentence_spans(segmented),
        )
        messages += [str(p) for p in problems]
        if doc is not None:
            docs.append(doc)
    return docs, messages


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Resolve mention lists to stand-off offsets.")
    parser.add_argument("mentions", type=Path, help="input .mentions.jsonl")
    parser.add_argument("out", type=Path, nargs="?", help="output .standoff.jsonl (omit to only check)")
    parser.add_argument("--vietnews", type=Path, default=DEFAULT_VIETNEWS)
    args = parser.parse_args(argv)
    if not args.mentions.is_file():
        sys.exit(f"error: {args.mentions} not found")
    corpus = open_corpus(args.vietnews)
    docs, messages = resolve_file(args.mentions, corpus)
    for message in messages:
        print(message)
    n_err = sum(m.startswith("error") for m in messages)
    n_docs = len(docs)
    if args.out is not None:
        write_standoff(args.out, docs)
    n_ent = sum(len(d.entities) for d in docs)
    n_rel = sum(len(d.relations) for d in docs)
    where = f" written to {args.out}" if args.out else " (check only)"
    failed = len({m.split()[1] for m in messages if m.startswith("error")})
    print(
        f"{n_docs} document(s) OK{where}: {n_ent} entities, {n_rel} relations; "
        f"{n_err} error(s) in {failed} document(s) not written, "
        f"{len(messages) - n_err} warning(s)",
        file=sys.stderr,
    )
    return 1 if n_err else 0


if __name__ == "__main__":
    sys.exit(main())
