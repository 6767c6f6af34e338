"""Resolve the blind seed annotation (mention lists) to offset JSONL.

Each entity mention is searched in the document text from the end of the
previous entity (``text.find(mention, pos)``); a mention that is not found is
an error. The output contains article text, so it goes outside the repository
(default ``/tmp/seeds.blind.jsonl``).

Usage:
    python corpora/calibration/resolve_seeds.py \
        [--mentions corpora/calibration/seeds.blind.mentions.jsonl] \
        [--texts /work/shared/corpora/seeds] [--output /tmp/seeds.blind.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def resolve_doc(doc: dict, text: str) -> dict:
    """Return the guidelines-format document for one mention-list document."""
    entities, pos, ids = [], 0, set()
    for tid, label, mention in doc["entities"]:
        start = text.find(mention, pos)
        if start < 0:
            raise ValueError(f"{doc['id']}: {tid} {label} {mention!r} not found after offset {pos}")
        end = start + len(mention)
        entities.append({"id": tid, "start": start, "end": end, "label": label})
        ids.add(tid)
        pos = end
    relations = []
    for head, tail, label in doc["relations"]:
        if head not in ids or tail not in ids:
            raise ValueError(f"{doc['id']}: relation {head}->{tail} {label} refers to an unknown id")
        relations.append({"head": head, "tail": tail, "label": label})
    return {"id": doc["id"], "text": text, "entities": entities, "relations": relations}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", default=str(HERE / "seeds.blind.mentions.jsonl"))
    ap.add_argument("--texts", default="/work/shared/corpora/seeds")
    ap.add_argument("--output", default="/tmp/seeds.blind.jsonl")
    args = ap.parse_args(argv)
    out = []
    with open(args.mentions, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            doc = json.loads(line)
            text = (Path(args.texts) / f"{doc['id']}.txt").read_text(encoding="utf-8")
            out.append(resolve_doc(doc, text))
    with open(args.output, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in out)
    n_e = sum(len(d["entities"]) for d in out)
    n_r = sum(len(d["relations"]) for d in out)
    print(f"{len(out)} docs, {n_e} entities, {n_r} relations -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
