"""Snapshot the extractor's outputs, to check that a speed change changes nothing.

Runs a model over the dev gold, the seed articles (whole and paragraph by
paragraph) and optionally the first ``--vietnews N`` vietnews validation
articles, through ``extract`` (batch 1) and ``extract_many`` (batch 32 over
paragraphs, batch 8 over documents), and writes every ``to_dict()`` to one JSON
file. ``--compare BEFORE.json`` reports the documents whose output differs.

Usage::

    python training/snapshot_outputs.py --model models/vnparty-ie-ner --vietnews 300 --output /tmp/before.json
    # ... change the code ...
    python training/snapshot_outputs.py --model models/vnparty-ie-ner --vietnews 300 --output /tmp/after.json \\
        --compare /tmp/before.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = [ROOT / "work_data" / "gold" / "dev.jsonl", ROOT.parent / "shared" / "gold" / "seeds.jsonl"]
VIETNEWS = ROOT.parent / "shared" / "corpora" / "vietnews"


def texts_to_check(vietnews: int) -> list[str]:
    """The dev and seed documents (those present), then ``vietnews`` validation articles."""
    from vnparty_ie.io.vietnews import detokenize, iter_vietnews

    texts = []
    for path in GOLD:
        if path.is_file():
            texts.extend(
                json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
            )
    if vietnews and VIETNEWS.is_dir():
        for i, record in enumerate(iter_vietnews(VIETNEWS, "val")):
            if i >= vietnews:
                break
            texts.append(detokenize(record["text"]))
    return texts


def snapshot(model: str, texts: list[str]) -> dict[str, list[dict]]:
    """Every output of the extractor on ``texts`` and their paragraphs, by mode."""
    import vnparty_ie

    extractor = vnparty_ie.load(model)
    paragraphs = [p for t in texts for p in t.split("\n") if p.strip()]
    return {
        "docs_batch_1": [extractor.extract(t).to_dict() for t in texts],
        "docs_batch_8": [d.to_dict() for d in extractor.extract_many(texts, batch_size=8)],
        "paragraphs_batch_1": [extractor.extract(p).to_dict() for p in paragraphs],
        "paragraphs_batch_32": [d.to_dict() for d in extractor.extract_many(paragraphs, batch_size=32)],
    }


def main(argv: list[str] | None = None) -> int:
    """Write the snapshot; with ``--compare``, exit 1 when it differs from the earlier one."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=str(ROOT / "models" / "vnparty-ie-ner"))
    parser.add_argument("--vietnews", type=int, default=0, help="also this many vietnews validation articles")
    parser.add_argument("--output", required=True)
    parser.add_argument("--compare", help="an earlier snapshot to compare with")
    args = parser.parse_args(argv)
    result = snapshot(args.model, texts_to_check(args.vietnews))
    text = json.dumps(result, ensure_ascii=False, sort_keys=True)
    Path(args.output).write_text(text, encoding="utf-8")
    sizes = {mode: len(outputs) for mode, outputs in result.items()}
    print(f"{args.output}: {sizes}, sha1 {hashlib.sha1(text.encode()).hexdigest()}")
    if not args.compare:
        return 0
    before = json.loads(Path(args.compare).read_text(encoding="utf-8"))
    differ = 0
    for mode, outputs in result.items():
        old = before.get(mode, [])
        bad = [i for i, (a, b) in enumerate(zip(outputs, old)) if a != b] + list(range(len(old), len(outputs)))
        differ += len(bad) + max(0, len(old) - len(outputs))
        print(f"{mode}: {len(bad)} of {len(outputs)} differ" + (f" (first: {bad[:5]})" if bad else ""))
    print("identical" if not differ else f"{differ} outputs differ")
    return 0 if not differ else 1


if __name__ == "__main__":
    sys.exit(main())
