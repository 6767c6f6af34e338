"""Choose how the default extractor combines tagger and rules, score it, and write the model directory.

1. On the DEV gold, score every entity-model composition of
   :mod:`vnparty_ie.combine`: the rules alone, the tagger alone,
   ``tagger_first`` and ``rules_first``, the tagger ones with several
   confidence thresholds for tagger entities.
2. Pick the composition with the best dev micro F1 (whatever it is: if the
   rules alone win, the shipped extractor does not use the tagger). Then refine
   its confidence threshold per label by coordinate ascent on dev micro F1
   (one label at a time, "off" = the tagger never contributes that label); the
   refinement is kept only if it beats the single threshold on dev.
3. Copy the tagger's ``model-best/`` to ``--out``, write ``pipeline.json``,
   score the chosen extractor (entities + relations) ONCE on the TEST gold, and
   write ``metrics.json`` and the ``README.md`` model card with every number
   and the commands that produced them.

Usage::

    python training/ship_default_model.py --tagger work_data/runs/default/model-best \\
        --dev work_data/gold/dev.jsonl --test work_data/gold/test.jsonl --out models/vnparty-ie-ner
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def store_fp16(model_dir: Path) -> None:
    """Store the weights in fp16 (half the size); ``config.json`` asks for float32 on load."""
    from safetensors.torch import load_file, save_file

    path = model_dir / "model.safetensors"
    tensors = load_file(path)
    save_file({k: v.half() if v.is_floating_point() else v for k, v in tensors.items()}, path, metadata={"format": "pt"})
    config_path = model_dir / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["dtype"] = "float32"
    config_path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _micros(report: Any) -> dict[str, Any]:
    """Entity and relation micro scores of an EvalReport as plain dicts (relations may be absent)."""
    rel = report.relations_micro
    return {"entities_micro": report.micro.to_dict(), "relations_micro": None if rel is None else rel.to_dict()}


def _table(report: Any) -> str:
    rows = ["| label | P | R | F1 | support |", "|---|---:|---:|---:|---:|"]
    for label, s in sorted(report.per_label.items()):
        rows.append(f"| {label} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.support} |")
    m = report.micro
    rows.append(f"| **micro** | {m.precision:.3f} | {m.recall:.3f} | **{m.f1:.3f}** | {m.support} |")
    if report.relations_micro is not None:
        rows += ["", "| relation | P | R | F1 | support |", "|---|---:|---:|---:|---:|"]
        for label, s in sorted(report.relations.items()):
            rows.append(f"| {label} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.support} |")
        r = report.relations_micro
        rows.append(f"| **micro** | {r.precision:.3f} | {r.recall:.3f} | **{r.f1:.3f}** | {r.support} |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tagger", type=Path, required=True, help="a trained model-best/ directory")
    parser.add_argument("--dev", type=Path, required=True)
    parser.add_argument("--test", type=Path, help="test gold, scored once; leave out to build on dev only")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--title", default="default extractor of vnparty-ie", help="the card's title")
    parser.add_argument("--train-command", default="", help="the command that trained --tagger (for the card)")
    parser.add_argument("--prior-test-uses", type=int, default=None,
                        help="times TEST was scored before this run (default: read from --out's metrics.json)")
    args = parser.parse_args(argv)

    from vnparty_ie.combine import PIPELINE_FILE
    from vnparty_ie.compose import choose_composition
    from vnparty_ie.evaluation import evaluate
    from vnparty_ie.io.jsonl import read_jsonl
    from vnparty_ie.tagger import EntityTagger

    dev = read_jsonl(args.dev)
    test = read_jsonl(args.test) if args.test else []
    choice = choose_composition(EntityTagger.from_pretrained(args.tagger), dev)
    chosen, min_score, by_label = choice.combine, choice.min_tagger_score, choice.by_label
    dev_scores = choice.candidates
    selection_f1 = choice.dev_f1
    print(f"chosen: {choice.describe()}")

    out = args.out
    previous = out / "metrics.json"
    previous_shipping = json.loads(previous.read_text(encoding="utf-8")).get("shipping") if previous.is_file() else None
    # How many shipped extractors this TEST split has scored, this one included (selection never sees it).
    prior = previous_shipping.get("test_uses", 1) if previous_shipping else 0
    test_uses = (args.prior_test_uses if args.prior_test_uses is not None else prior) + 1
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(args.tagger, out)
    store_fp16(out)
    (out / PIPELINE_FILE).write_text(json.dumps(choice.pipeline(), indent=2) + "\n", encoding="utf-8")
    from vnparty_ie.extractor import load

    extractor = load(out)
    dev_report = evaluate(extractor, dev)  # the shipped (fp16-stored) weights
    print(f"dev with the shipped fp16 weights: entity F1 {dev_report.micro.f1:.4f} "
          f"(fp32 during selection: {selection_f1:.4f})")
    dev_report.to_json(out / "eval_dev.json")
    test_report = None
    if test:
        test_report = evaluate(extractor, test)
        print("TEST (chosen extractor):")
        print(test_report)
        test_report.to_json(out / "eval_test.json")
    else:
        test_uses -= 1  # dev only: the test split was not scored
    metrics_path = out / "metrics.json"
    metrics = json.loads(metrics_path.read_text(encoding="utf-8")) if metrics_path.is_file() else {}
    metrics["shipping"] = {
        "combine": chosen,
        "min_tagger_score": min_score,
        "min_tagger_score_by_label": by_label,
        "dev_candidates": dev_scores,
        "dev_selection_f1": selection_f1,
        "test_uses": test_uses,
        "dev": _micros(dev_report),
        "test": None if test_report is None else _micros(test_report),
        "dev_docs": len(dev),
        "test_docs": len(test),
    }
    metrics_path.write_text(json.dumps(metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    cmd = "python " + " ".join([sys.argv[0], *(argv if argv is not None else sys.argv[1:])])
    candidates_rows = "\n".join(
        f"| {name} | {sc['precision']:.3f} | {sc['recall']:.3f} | {sc['f1']:.3f} |" for name, sc in dev_scores.items()
    )
    composition = choice.describe()
    test_section = (
        f"""## Scores of the shipped extractor on the TEST gold ({len(test)} documents)

Nothing was selected on TEST. This project has now scored it {test_uses} time(s) in all, each time
for a shipped model after selection on dev.

Strict spans (exact start, end and label); relations end to end (head and tail
must be predicted exactly and the label right).

{_table(test_report)}
"""
        if test_report is not None
        else f"""## Scores on the DEV gold (TEST not scored by this build)

{_table(dev_report)}
"""
    )
    ours = json.loads((out / "vnparty_ie.json").read_text(encoding="utf-8"))
    arch = json.loads((out / "config.json").read_text(encoding="utf-8"))
    size_mb = sum(p.stat().st_size for p in out.iterdir() if p.is_file()) / 1e6
    card = f"""# {out.name} — {args.title}

Entities: a token classifier ({arch.get("model_type")} encoder, {arch.get("num_hidden_layers")} layers, hidden
{arch.get("hidden_size")}, fine-tuned from `{ours.get("base_model")}` over `{ours.get("segmenter")}` words;
IOB2 tags over the 10 labels of the annotation guidelines v1.2), and the rule-based labeler
(`vnparty_ie.rules`), composed as {composition} (see `pipeline.json` and `vnparty_ie.combine`).
Relations: the rule-based linker (`vnparty_ie.rules.relations`). Directory size {size_mb:.1f} MB.

Load: `vnparty_ie.load("{out}")`.

## How the combination was chosen (DEV gold, {len(dev)} documents)

| entity model | P | R | F1 |
|---|---:|---:|---:|
{candidates_rows}

{test_section}
Weights are stored in fp16 (`config.json` loads them as float32); dev entity F1
with the stored weights: {dev_report.micro.f1:.4f} (fp32 during selection:
{selection_f1:.4f}).

Full reports: `eval_test.json`, `eval_dev.json` in this directory (seqeval strict
IOB2, lenient overlap, boundary errors and label confusions).

## Training

Tagger trained with: `{args.train_command or "see metrics.json"}`
(training details and dev curve in `metrics.json`).

Produced by: `{cmd}`

Data: gold stand-off annotations in `corpora/gold/` (materialise with
`python corpora/materialize.py --vietnews ../shared/corpora/vietnews --out work_data/gold`).
"""
    (out / "README.md").write_text(card, encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
