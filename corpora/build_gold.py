#!/usr/bin/env python
"""Assemble the gold splits from annotators' batches and measure inter-annotator agreement.

Inputs (all stand-off, no article text):

* ``corpora/annotation_plan.json``: which document is in which split and batch;
* ``corpora/annotations/<batch>.<annotator>.standoff.jsonl``: first-pass batches
  (``b01`` …), extra reserve batches (``r01`` …, added to train), second-pass
  batches (``p2-01`` …) and adjudicated files (``<name>.adj.standoff.jsonl``).

For each document the gold record is the adjudicated one if there is one, else
the first-pass one. Then the guidelines' later decisions are applied to it:

* **v1.2, ranks are not posts** (:func:`drop_ranks`): POSITION spans that are a
  military or police rank (Đại tướng, Thượng tướng, Trung tướng, Thiếu tướng,
  Đại/Thượng/Trung/Thiếu tá, Đại/Thượng/Trung/Thiếu úy, Đô đốc, Phó Đô đốc,
  Chuẩn Đô đốc, optionally followed by "Hải quân", any case) are dropped with
  every relation that touches them. "Thủ tướng" and "Phó Thủ tướng" are posts
  and stay. Entity ids of the other mentions are kept (value records refer to
  them). This step reads the span text, so it needs the vietnews corpus; without
  it the script stops unless ``--no-rank-filter`` is given.
* **v1.2, multipliers go with the UNIT** (:func:`scales_to_units`; the
  adjudication's reading, now a rule: «khoảng 5» + «triệu đảng viên», as
  «hơn 6.164» + «tỷ đồng»): a METRIC that ends in a scale word (nghìn, ngàn,
  triệu, tỷ, tỉ, vạn) after its number, with a UNIT right after it, gives the
  scale word to that UNIT. «hàng nghìn», whose number is the scale word, stays.
  Entity ids and relations are kept.
* **v1.2, generic heads are dropped from a TARGET** (:func:`drop_generic_heads`):
  a TARGET that opens with "số", "số lượng", "công tác" or "chỉ tiêu" before
  another word starts after it («phiếu tín nhiệm», «điều tra, khám phá»);
  "số dư" (the surplus of candidates) is a term of its own and stays.

Output: ``corpora/gold/{train,dev,test}.standoff.jsonl``.

With the vietnews corpus present, it also compares the first and second pass on
the doubly annotated documents (strict entity spans and relations per label, the
second pass scored against the first) and writes ``corpora/agreement.json``.

Usage::

    python corpora/build_gold.py --vietnews ../shared/corpora/vietnews
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vnparty_ie.io.standoff import iter_standoff_records

HERE = Path(__file__).resolve().parent
DEFAULT_VIETNEWS = HERE.parent.parent / "shared" / "corpora" / "vietnews"
SPLITS = ("train", "dev", "test")
_NAME = re.compile(r"^(?P<batch>[^.]+)\.(?P<annotator>[^.]+)\.standoff\.jsonl$")
#: A military or police rank (guidelines v1.2: not a POSITION), matched on the NFC, lower-cased span.
RANK = re.compile(
    r"(?:(?:đại|thượng|trung|thiếu)\s+(?:tướng|tá|úy|uý)|(?:(?:phó|chuẩn)\s+)?đô\s+đốc)(?:\s+hải\s+quân)?"
)


def is_rank(span: str) -> bool:
    """Whether a POSITION span is a military or police rank (guidelines v1.2).

    Example:
        >>> [is_rank(s) for s in ("Thượng tướng", "Chuẩn Đô đốc Hải quân", "đại uý", "Ðại tá", "Thủ tướng", "Phó Thủ tướng")]
        [True, True, True, True, False, False]
    """
    text = unicodedata.normalize("NFC", span).replace("\u00d0", "\u0110")
    text = re.sub(r"[\u200b-\u200d\ufeff]", "", text).lower()
    return RANK.fullmatch(text) is not None


def drop_ranks(record: dict[str, Any], text: str) -> tuple[dict[str, Any], int, int]:
    """Drop rank POSITIONs and every relation touching them from one stand-off record.

    Returns:
        The new record (other entity ids unchanged), the number of entities and of relations removed.

    Example:
        >>> text = "Thượng tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng"
        >>> rec = {"id": "d", "entities": [
        ...     {"id": "T1", "start": 0, "end": 12, "label": "POSITION"},
        ...     {"id": "T2", "start": 13, "end": 27, "label": "PERSON"},
        ...     {"id": "T3", "start": 29, "end": 38, "label": "POSITION"}],
        ...     "relations": [{"head": "T2", "tail": "T1", "label": "position"},
        ...                   {"head": "T2", "tail": "T3", "label": "position"}]}
        >>> new, n_ent, n_rel = drop_ranks(rec, text)
        >>> [e["id"] for e in new["entities"]], new["relations"], n_ent, n_rel
        (['T2', 'T3'], [{'head': 'T2', 'tail': 'T3', 'label': 'position'}], 1, 1)
    """
    gone = {
        e["id"] for e in record["entities"] if e["label"] == "POSITION" and is_rank(text[e["start"] : e["end"]])
    }
    if not gone:
        return record, 0, 0
    relations = [r for r in record.get("relations", []) if r["head"] not in gone and r["tail"] not in gone]
    new = dict(record)
    new["entities"] = [e for e in record["entities"] if e["id"] not in gone]
    new["relations"] = relations
    return new, len(gone), len(record.get("relations", [])) - len(relations)


#: Spaces between a METRIC and the UNIT after it.
_SPACES = re.compile("[ \u00a0]*")


def _folded(span: str) -> str | None:
    """The NFC, lower-cased span, or ``None`` when NFC changes its length (offsets would not carry over)."""
    nfc = unicodedata.normalize("NFC", span)
    return nfc.lower() if len(nfc) == len(span) else None


#: A scale word closing a METRIC, after the number (matched on the NFC, lower-cased span).
SCALE_END = re.compile(r"(?P<number>.*(?:\d|\b(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|trăm|rưỡi)))\s+(?:nghìn|ngàn|triệu|tỷ|tỉ|vạn)")


def scales_to_units(record: dict[str, Any], text: str) -> tuple[dict[str, Any], int]:
    """Move the scale word that ends a METRIC into the UNIT right after it (guidelines v1.2).

    Returns:
        The new record (ids and relations unchanged) and the number of METRIC/UNIT pairs changed.

    Example:
        >>> text = "khoảng 5 triệu đảng viên và hàng nghìn đoàn viên"
        >>> rec = {"id": "d", "entities": [
        ...     {"id": "T1", "start": 0, "end": 14, "label": "METRIC"},
        ...     {"id": "T2", "start": 15, "end": 24, "label": "UNIT"},
        ...     {"id": "T3", "start": 28, "end": 38, "label": "METRIC"},
        ...     {"id": "T4", "start": 39, "end": 48, "label": "UNIT"}]}
        >>> new, n = scales_to_units(rec, text)
        >>> [text[e["start"] : e["end"]] for e in new["entities"]], n
        (['khoảng 5', 'triệu đảng viên', 'hàng nghìn', 'đoàn viên'], 1)
    """
    units = {e["start"]: e for e in record["entities"] if e["label"] == "UNIT"}
    moves: dict[str, tuple[int, int]] = {}
    for e in record["entities"]:
        if e["label"] != "METRIC":
            continue
        span = text[e["start"] : e["end"]]
        folded = _folded(span)
        m = SCALE_END.fullmatch(folded) if folded is not None else None
        unit = units.get(_SPACES.match(text, e["end"]).end())
        if m is None or unit is None:
            continue
        scale_start = e["start"] + len(span) - len(span[m.end("number") :].lstrip())
        moves[e["id"]] = (e["start"], e["start"] + m.end("number"))
        moves[unit["id"]] = (scale_start, unit["end"])
    if not moves:
        return record, 0
    new = dict(record)
    new["entities"] = [
        {**e, "start": moves[e["id"]][0], "end": moves[e["id"]][1]} if e["id"] in moves else e
        for e in record["entities"]
    ]
    return new, len(moves) // 2


#: A generic head opening a TARGET (guidelines v1.2), matched on the NFC, lower-cased span.
GENERIC_HEAD = re.compile(r"(?:số lượng|số|công tác|chỉ tiêu)\s+(?!dư\b)(?=\w)")


def drop_generic_heads(record: dict[str, Any], text: str) -> tuple[dict[str, Any], int]:
    """Start each TARGET after an opening generic head (guidelines v1.2); return the new record and the count.

    Example:
        >>> text = "Số phiếu tín nhiệm đạt 95%, số dư 20%"
        >>> rec = {"id": "d", "entities": [{"id": "T1", "start": 0, "end": 18, "label": "TARGET"},
        ...                                {"id": "T2", "start": 28, "end": 33, "label": "TARGET"}]}
        >>> new, n = drop_generic_heads(rec, text)
        >>> [text[e["start"] : e["end"]] for e in new["entities"]], n
        (['phiếu tín nhiệm', 'số dư'], 1)
    """
    moved = 0
    entities = []
    for e in record["entities"]:
        folded = _folded(text[e["start"] : e["end"]]) if e["label"] == "TARGET" else None
        m = GENERIC_HEAD.match(folded) if folded is not None else None
        if m:
            e = {**e, "start": e["start"] + m.end()}
            moved += 1
        entities.append(e)
    return ({**record, "entities": entities}, moved) if moved else (record, 0)


def collect(annotations: Path) -> tuple[dict[str, dict], dict[str, dict], dict[str, dict], dict[str, str]]:
    """Read every batch file; returns first-pass, second-pass and adjudicated records by id, and sources.

    Raises:
        ValueError: If one document has two records of the same kind.
    """
    first: dict[str, dict] = {}
    second: dict[str, dict] = {}
    adjudicated: dict[str, dict] = {}
    source: dict[str, str] = {}
    for path in sorted(annotations.glob("*.standoff.jsonl")):
        match = _NAME.match(path.name)
        if not match:
            continue
        batch, annotator = match["batch"], match["annotator"]
        kind = adjudicated if annotator == "adj" else second if batch.startswith("p2") else first
        for _, record in iter_standoff_records(path):
            doc_id = record["id"]
            if doc_id in kind:
                raise ValueError(f"{doc_id} annotated twice in the same pass ({source.get(doc_id)} and {path.name})")
            kind[doc_id] = record
            if kind is not second:
                source[doc_id] = path.name
    return first, second, adjudicated, source


def agreement(first: dict[str, dict], second: dict[str, dict], vietnews: Path) -> dict[str, Any] | None:
    """Score the second pass against the first on the documents both annotated."""
    from vnparty_ie.errors import CorpusNotFoundError
    from vnparty_ie.evaluation import evaluate_docs
    from vnparty_ie.io.standoff import document_from_record
    from vnparty_ie.io.vietnews import VietnewsCorpus

    both = sorted(set(first) & set(second))
    if not both:
        return None
    try:
        corpus = VietnewsCorpus(vietnews)
    except CorpusNotFoundError as exc:
        print(f"agreement skipped: {exc}", file=sys.stderr)
        return None
    corpus.prefetch(both)
    a = [document_from_record(first[d], corpus.get_text(d)) for d in both]
    b = [document_from_record(second[d], corpus.get_text(d)) for d in both]
    report = evaluate_docs(a, b)
    print(f"Inter-annotator agreement on {len(both)} doubly annotated documents (second pass vs first):")
    print(report)
    return {
        "documents": both,
        "entities_micro": report.micro.to_dict(),
        "entities_per_label": {k: v.to_dict() for k, v in sorted(report.per_label.items())},
        "entities_lenient": report.lenient.to_dict(),
        "relations_micro": None if report.relations_micro is None else report.relations_micro.to_dict(),
        "relations_per_label": {k: v.to_dict() for k, v in sorted(report.relations.items())},
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotations", type=Path, default=HERE / "annotations")
    parser.add_argument("--plan", type=Path, default=HERE / "annotation_plan.json")
    parser.add_argument("--out", type=Path, default=HERE / "gold")
    parser.add_argument("--vietnews", type=Path, default=DEFAULT_VIETNEWS)
    parser.add_argument("--agreement", type=Path, default=HERE / "agreement.json")
    parser.add_argument(
        "--no-rank-filter", action="store_true", help="skip the v1.2 rank step (no corpus needed; not the gold)"
    )
    args = parser.parse_args(argv)

    plan = json.loads(args.plan.read_text(encoding="utf-8"))
    split_of = {doc: split for split, docs in plan["splits"].items() for doc in docs}
    order = {doc: i for i, doc in enumerate([*(d for s in SPLITS for d in plan["splits"][s]), *plan["reserve"]])}
    first, second, adjudicated, _ = collect(args.annotations)

    by_split: dict[str, list[dict]] = defaultdict(list)
    for doc_id in sorted(set(first) | set(adjudicated), key=lambda d: order.get(d, len(order))):
        record = adjudicated.get(doc_id) or first[doc_id]
        split = split_of.get(doc_id, "train")  # reserve documents are extra training data
        by_split[split].append(record)
    if not args.no_rank_filter:
        from vnparty_ie.errors import CorpusNotFoundError
        from vnparty_ie.io.vietnews import VietnewsCorpus

        try:
            corpus = VietnewsCorpus(args.vietnews)
        except CorpusNotFoundError as exc:
            print(f"the v1.2 rank step needs the corpus text ({exc}); use --no-rank-filter to skip it", file=sys.stderr)
            return 1
        corpus.prefetch([r["id"] for records in by_split.values() for r in records])
        for split in SPLITS:
            dropped = [0, 0, 0, 0]
            for i, record in enumerate(by_split.get(split, [])):
                text = corpus.get_text(record["id"])
                record, n_ent, n_rel = drop_ranks(record, text)
                record, n_scale = scales_to_units(record, text)
                by_split[split][i], n_head = drop_generic_heads(record, text)
                dropped[3] += n_head
                dropped[0] += n_ent
                dropped[1] += n_rel
                dropped[2] += n_scale
            print(
                f"{split}: v1.2 ranks: {dropped[0]} POSITION spans and {dropped[1]} relations removed; "
                f"multipliers: {dropped[2]} scale words moved from a METRIC to its UNIT; "
                f"generic heads: {dropped[3]} dropped from a TARGET",
                file=sys.stderr,
            )
    args.out.mkdir(parents=True, exist_ok=True)
    for split in SPLITS:
        records = by_split.get(split, [])
        path = args.out / f"{split}.standoff.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        planned = len(plan["splits"][split])
        done = sum(1 for r in records if r["id"] in split_of)
        extra = len(records) - done
        print(
            f"{split}: {len(records)} documents ({done}/{planned} planned"
            + (f" + {extra} reserve" if extra else "")
            + f", {sum(1 for r in records if r['id'] in adjudicated)} adjudicated) -> {path}",
            file=sys.stderr,
        )
    result = agreement(first, second, args.vietnews)
    if result is not None:
        args.agreement.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.agreement}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
