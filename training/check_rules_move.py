"""Check that moving the rules (``silver/`` -> ``rules/``) kept their behaviour.

Two steps, run once before and once after a change to the rules:

1. ``snapshot`` writes every prediction of the rule labeler (on the gold
   texts), of the rule linker (on the gold entities) and, with ``--model``, of
   the shipped extractor, as spans and labels (no scores, no rule ids), one JSON
   file per gold file;
2. ``compare`` diffs two snapshot folders, and any JSON score reports given
   with ``--reports`` (``eval_silver.py``, ``eval_relations.py``,
   ``vnparty-ie evaluate`` outputs, matched by file name), ignoring timings.

It prints every difference and exits 1 when there is one. Only public entry
points are used (``RuleLabeler``/``SilverLabeler``, ``RuleRelationLinker``,
``load``), so the same script runs on the old and the new layout.

Usage::

    python training/check_rules_move.py snapshot --out /tmp/before \\
        --gold work_data/gold/dev.jsonl /work/shared/gold/seeds.jsonl --model models/vnparty-ie-ner
    # ... change the rules ...
    python training/check_rules_move.py snapshot --out /tmp/after --gold ... --model ...
    python training/check_rules_move.py compare /tmp/before /tmp/after \\
        --reports /tmp/before_silver_dev.json=/tmp/after_silver_dev.json ...
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: Report keys that measure time or name files, not behaviour.
IGNORED_KEYS = frozenset({"docs_per_second", "seconds", "elapsed", "gold", "timestamp", "speed"})


def _read(path: str | Path) -> list[Any]:
    from vnparty_ie.types import Extraction

    with open(path, encoding="utf-8") as handle:
        return [Extraction.from_dict(json.loads(line)) for line in handle if line.strip()]


def _ent(e: Any) -> list[Any]:
    return [e.start, e.end, e.label]


def snapshot(gold_paths: Sequence[str], out: str | Path, model: str | None = None) -> None:
    """Write the predictions of the rules (and of ``model``) on each gold file under ``out``."""
    from vnparty_ie.relations import RuleRelationLinker

    try:
        from vnparty_ie.rules import RuleLabeler as SilverLabeler
    except ImportError:  # the layout before the move
        from vnparty_ie.silver import SilverLabeler

    labeler, linker = SilverLabeler(), RuleRelationLinker()
    extractor = None
    if model:
        from vnparty_ie import load

        extractor = load(model)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for path in gold_paths:
        docs = _read(path)
        snap: dict[str, Any] = {"labeler": {}, "linker": {}, "extractor": {}}
        for d in docs:
            snap["labeler"][d.id] = [_ent(e) for e in labeler.label(d.text).entities]
            rels = linker.link(d.text, d.entities)
            snap["linker"][d.id] = sorted([*_ent(r.head), *_ent(r.tail), r.label] for r in rels)
        if extractor is not None:
            for d, x in zip(docs, extractor.extract_many([d.text for d in docs])):
                snap["extractor"][d.id] = {
                    "entities": [_ent(e) for e in x.entities],
                    "relations": sorted([*_ent(r.head), *_ent(r.tail), r.label] for r in x.relations),
                }
        name = Path(path).stem + ".json"
        (out / name).write_text(json.dumps(snap, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"wrote {out / name} ({len(docs)} documents)")


def diff(a: Any, b: Any, where: str = "") -> list[str]:
    """Differences between two JSON values, as ``path: before -> after`` lines (timings ignored).

    Example:
        >>> diff({"f1": 0.5, "docs_per_second": 3}, {"f1": 0.6, "docs_per_second": 9})
        ['/f1: 0.5 -> 0.6']
    """
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in sorted(set(a) | set(b), key=str):
            if k in IGNORED_KEYS:
                continue
            if k not in a or k not in b:
                out.append(f"{where}/{k}: {a.get(k, '<absent>')!r:.200} -> {b.get(k, '<absent>')!r:.200}")
            else:
                out += diff(a[k], b[k], f"{where}/{k}")
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and not (a and isinstance(a[0], int)):
        return [line for i, (x, y) in enumerate(zip(a, b)) for line in diff(x, y, f"{where}[{i}]")]
    return [] if a == b else [f"{where}: {a!r:.300} -> {b!r:.300}"]


def compare(before: str | Path, after: str | Path, reports: Sequence[str] = ()) -> int:
    """Print the differences between two snapshot folders and report pairs; return their count."""
    problems: list[str] = []
    names = sorted({p.name for p in Path(before).glob("*.json")} | {p.name for p in Path(after).glob("*.json")})
    for name in names:
        pa, pb = Path(before) / name, Path(after) / name
        if not pa.is_file() or not pb.is_file():
            problems.append(f"{name}: only in {'after' if pb.is_file() else 'before'}")
            continue
        lines = diff(json.loads(pa.read_text(encoding="utf-8")), json.loads(pb.read_text(encoding="utf-8")))
        problems += [f"{name}{line}" for line in lines]
        print(f"{name}: {'identical' if not lines else f'{len(lines)} differences'}")
    for pair in reports:
        ra, _, rb = pair.partition("=")
        lines = diff(json.loads(Path(ra).read_text(encoding="utf-8")), json.loads(Path(rb).read_text(encoding="utf-8")))
        problems += [f"{Path(rb).name}{line}" for line in lines]
        print(f"{ra} vs {rb}: {'identical' if not lines else f'{len(lines)} differences'}")
    for line in problems:
        print("  DIFF", line)
    return len(problems)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns 0 when nothing differs (``compare``), else 1."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot", help="write the predictions of the rules (and a model)")
    snap.add_argument("--gold", nargs="+", required=True, help="gold JSONL files")
    snap.add_argument("--out", required=True, help="folder for the snapshot files")
    snap.add_argument("--model", help="also snapshot this model directory's extractor")
    comp = sub.add_parser("compare", help="diff two snapshot folders and score reports")
    comp.add_argument("before")
    comp.add_argument("after")
    comp.add_argument("--reports", nargs="*", default=[], help="BEFORE.json=AFTER.json report pairs")
    args = parser.parse_args(argv)
    if args.command == "snapshot":
        snapshot(args.gold, args.out, args.model)
        return 0
    return 1 if compare(args.before, args.after, args.reports) else 0


if __name__ == "__main__":
    sys.exit(main())
