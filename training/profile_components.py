"""CPU time of each part of ``extract`` on the seed paragraphs, batch 1 and batched.

Wraps the pipeline's parts with ``time.process_time`` counters (CPU time of this
process: steadier than wall time on a shared machine, where a process waits for
a core) and runs every seed paragraph through the extractor ``--repeats`` times,
one at a time and then ``--batch-size`` at a time. Parts nest: the segmenter is
inside the tagger, the ONNX forward pass inside ``predict_word_probs``.

Usage::

    python training/profile_components.py [--model DIR] [--repeats 5] [--batch-size 32] [--output report.json]
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

from bench_speed import SEEDS, read_paragraphs

#: (label, module, attribute path) of the parts timed; a label may name several functions
#: (those of older versions too, for before/after runs): nested calls count once.
PARTS = (
    ("tagger (all of it)", "vnparty_ie.tagger.model", "EntityTagger.predict"),
    ("  segmentation", "vnparty_ie.text.segment", "tokenize_view"),
    ("    word segmenter (CRF)", "vnparty_ie.text.crf_words", "WordTokenizer.__call__"),
    ("      feature scores", "vnparty_ie.text.crf_words", "WordTokenizer.scores"),
    ("  encoder (windows + forward)", "vnparty_ie.tagger.model", "EntityTagger.predict_word_probs"),
    ("    ONNX forward", "vnparty_ie.tagger.runtime", "OnnxTokenClassifier.window_logits"),
    ("    ONNX forward", "vnparty_ie.tagger.runtime", "OnnxTokenClassifier.logits"),
    ("  CRF decoding", "vnparty_ie.tagger.crf", "CrfParams.decode_many"),
    ("  CRF decoding", "vnparty_ie.tagger.crf", "CrfParams.decode"),
    ("    Viterbi", "vnparty_ie.tagger.crf", "_viterbi_paths"),
    ("entity rules", "vnparty_ie.combine", "RuleEntityModel.predict"),
    ("relation rules", "vnparty_ie.rules.relations.linker", "RuleRelationLinker.link"),
    ("records", "vnparty_ie.records.assemble", "add_records"),
)
LABELS = list(dict.fromkeys(label for label, *_ in PARTS))


def _wrap(counter: collections.Counter, active: set[str], label: str, module: str, path: str) -> None:
    import importlib

    owner = importlib.import_module(module)
    *outer, name = path.split(".")
    for part in outer:
        owner = getattr(owner, part)
    inner = getattr(owner, name, None)
    if inner is None:
        return

    def timed(*args, **kwargs):
        if label in active:  # already counted by an outer call of the same part
            return inner(*args, **kwargs)
        active.add(label)
        started = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            counter[label] += time.process_time() - started
            active.discard(label)

    setattr(owner, name, timed)


def measure(run: Callable[[], object], counter: collections.Counter, repeats: int) -> dict[str, float]:
    """Milliseconds of CPU per pass, in total and per part."""
    counter.clear()
    started = time.process_time()
    for _ in range(repeats):
        run()
    total = (time.process_time() - started) / repeats
    out = {"total_ms": round(total * 1000, 1)}
    for label in LABELS:
        ms = counter[label] / repeats * 1000
        out[label.strip()] = {"ms": round(ms, 1), "share": round(ms / (total * 1000), 3)}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Print (and with ``--output`` save) the CPU time per part."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=str(ROOT / "models" / "vnparty-ie-ner"))
    parser.add_argument("--seeds", default=str(SEEDS))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--output")
    args = parser.parse_args(argv)
    if not Path(args.seeds).is_file():
        print(f"skipped: no seed articles at {args.seeds}", file=sys.stderr)
        return 0
    import vnparty_ie

    paragraphs = read_paragraphs(Path(args.seeds))
    extractor = vnparty_ie.load(args.model, threads=1)
    counter: collections.Counter = collections.Counter()
    active: set[str] = set()
    for label, module, path in PARTS:
        _wrap(counter, active, label, module, path)
    for p in paragraphs[:10]:  # warm-up: lazy loads, memos
        extractor.extract(p)
    report = {
        "batch_1": measure(lambda: [extractor.extract(p) for p in paragraphs], counter, args.repeats),
        f"batch_{args.batch_size}": measure(
            lambda: list(extractor.extract_many(paragraphs, batch_size=args.batch_size)), counter, args.repeats
        ),
    }
    for mode, parts in report.items():
        print(f"{mode}: {parts['total_ms']} ms of CPU per pass over {len(paragraphs)} paragraphs", file=sys.stderr)
        for label in LABELS:
            part = parts[label.strip()]
            print(f"  {label:<32}{part['ms']:>9.1f} ms {100 * part['share']:>6.1f} %", file=sys.stderr)
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
