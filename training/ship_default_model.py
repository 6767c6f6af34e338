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

MODES = ("tagger", "tagger_first", "rules_first")
THRESHOLDS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95)
LABEL_THRESHOLDS = (*THRESHOLDS, 1.01)  # 1.01: the tagger never contributes the label
REFINE_PASSES = 2


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


class _Cached:
    """Memoises an entity model's predictions per text (the sweep reuses them)."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.memo: dict[str, list] = {}

    def predict(self, texts: Sequence[str], batch_size: int = 32) -> list[list]:
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if todo:
            self.memo.update(zip(todo, self.model.predict(todo, batch_size=batch_size)))
        return [self.memo[t] for t in texts]


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
    parser.add_argument("--test", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--train-command", default="", help="the command that trained --tagger (for the card)")
    parser.add_argument("--prior-test-uses", type=int, default=None,
                        help="times TEST was scored before this run (default: read from --out's metrics.json)")
    args = parser.parse_args(argv)

    from vnparty_ie.combine import PIPELINE_FILE, CombinedEntityModel, RuleEntityModel
    from vnparty_ie.evaluation import evaluate
    from vnparty_ie.extractor import Extractor
    from vnparty_ie.io.jsonl import read_jsonl
    from vnparty_ie.tagger import EntityTagger

    dev, test = read_jsonl(args.dev), read_jsonl(args.test)
    tagger = _Cached(EntityTagger.from_pretrained(args.tagger))
    rules = _Cached(RuleEntityModel())
    candidates: dict[str, tuple[str, float]] = {"rules": ("rules", 0.0)}
    for mode in MODES:
        for threshold in THRESHOLDS:
            candidates[f"{mode}@{threshold}" if threshold else mode] = (mode, threshold)

    def score_dev(mode: str, threshold: float, by_label: dict[str, float] | None = None) -> Any:
        model = CombinedEntityModel(tagger, mode, rules=rules, min_tagger_score=threshold,
                                    min_tagger_score_by_label=by_label)
        return evaluate(Extractor(model), dev)

    dev_scores: dict[str, dict] = {}
    for name, (mode, threshold) in candidates.items():
        report = score_dev(mode, threshold)
        rel = report.relations_micro
        dev_scores[name] = {"combine": mode, "min_tagger_score": threshold, **_micros(report)}
        print(f"dev {name:<22} entity F1 {report.micro.f1:.4f}  relation F1 {rel.f1 if rel else float('nan'):.4f}")
    chosen_name = max(dev_scores, key=lambda n: dev_scores[n]["entities_micro"]["f1"])
    chosen, min_score = candidates[chosen_name]
    print(f"chosen: {chosen_name}")
    # Per-label refinement. When the rules alone win, start from "rules_first with the tagger
    # switched off for every label" (the same predictions) so single labels can still be
    # taken from the tagger where it beats the rules.
    from vnparty_ie.schema import ENTITY_LABELS

    by_label: dict[str, float] = {}
    refined: dict[str, Any] | None = None
    if chosen == "rules":
        chosen, min_score = "rules_first", 0.0
        by_label = dict.fromkeys(ENTITY_LABELS, LABEL_THRESHOLDS[-1])

    best_f1, best_report = dev_scores[chosen_name]["entities_micro"]["f1"], None
    for _ in range(REFINE_PASSES):
        for label in ENTITY_LABELS:
            for threshold in LABEL_THRESHOLDS:
                trial = {**by_label, label: threshold}
                report = score_dev(chosen, min_score, trial)
                if report.micro.f1 > best_f1 + 1e-9:
                    best_f1, best_report, by_label = report.micro.f1, report, trial
    by_label = {k: v for k, v in sorted(by_label.items()) if v != min_score}  # same predictions
    if best_report is None:  # no label gained: keep the best single composition
        chosen, min_score = candidates[chosen_name]
        by_label = {}
    else:
        refined = {"combine": chosen, "min_tagger_score": min_score, "min_tagger_score_by_label": by_label,
                   **_micros(best_report)}
        print(f"{chosen}@{min_score} with per-label thresholds {by_label}: dev entity F1 {best_f1:.4f}")

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
    entity_spec: dict[str, Any] = {"combine": chosen, "min_tagger_score": min_score}
    if by_label:
        entity_spec["min_tagger_score_by_label"] = by_label
    (out / PIPELINE_FILE).write_text(
        json.dumps({"entities": entity_spec, "relations": "rules"}, indent=2) + "\n", encoding="utf-8")
    selection_f1 = refined["entities_micro"]["f1"] if refined else dev_scores[chosen_name]["entities_micro"]["f1"]
    from vnparty_ie.extractor import load

    extractor = load(out)
    dev_report = evaluate(extractor, dev)  # the shipped (fp16-stored) weights
    print(f"dev with the shipped fp16 weights: entity F1 {dev_report.micro.f1:.4f} "
          f"(fp32 during selection: {selection_f1:.4f})")
    test_report = evaluate(extractor, test)
    print("TEST (chosen extractor):")
    print(test_report)
    test_report.to_json(out / "eval_test.json")
    dev_report.to_json(out / "eval_dev.json")
    metrics_path = out / "metrics.json"
    metrics = json.loads(metrics_path.read_text(encoding="utf-8")) if metrics_path.is_file() else {}
    metrics["shipping"] = {
        "combine": chosen,
        "min_tagger_score": min_score,
        "min_tagger_score_by_label": by_label,
        "dev_candidates": dev_scores,
        "dev_per_label_refinement": refined,
        "test_uses": test_uses,
        "dev": _micros(dev_report),
        "test": _micros(test_report),
        "dev_docs": len(dev),
        "test_docs": len(test),
    }
    metrics_path.write_text(json.dumps(metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    cmd = "python " + " ".join([sys.argv[0], *(argv if argv is not None else sys.argv[1:])])
    candidates_rows = "\n".join(
        f"| {name} | {s['entities_micro']['precision']:.3f} | {s['entities_micro']['recall']:.3f} | "
        f"{s['entities_micro']['f1']:.3f} | "
        + (f"{s['relations_micro']['f1']:.3f}" if s["relations_micro"] else "–")
        + " |"
        for name, s in dev_scores.items()
    )
    composition = f"`{chosen_name}`, the single composition with the best dev F1"
    if refined:
        pairs = ", ".join(f"{k} {'off' if v > 1 else v}" for k, v in by_label.items())
        rel_f1 = refined["relations_micro"]["f1"] if refined["relations_micro"] else float("nan")
        composition = (f"`{chosen}` with tagger threshold {min_score} and per-label thresholds ({pairs}; "
                       f"\"off\": the tagger never gives that label), refined label by label on dev from "
                       f"`{chosen_name}`, the best single composition (dev entity F1 "
                       f"{dev_scores[chosen_name]['entities_micro']['f1']:.3f} -> {refined['entities_micro']['f1']:.3f}, "
                       f"relations {rel_f1:.3f})")
    card = f"""# vnparty-ie-ner — default extractor of vnparty-ie

Entities: a PhoBERT-style token classifier (RoBERTa encoder over word-segmented
Vietnamese, IOB2 tags over the 10 labels of the annotation guidelines v1.1),
and the rule-based labeler (`vnparty_ie.silver`), composed as {composition}
(see `pipeline.json` and `vnparty_ie.combine`).
Relations: the rule-based linker (`vnparty_ie.relations`).

Load: `vnparty_ie.load("models/vnparty-ie-ner")` (or `vnparty_ie.extract(text)` from an editable install).

## How the combination was chosen (DEV gold, {len(dev)} documents)

| entity model | P | R | F1 | relation F1 (end to end) |
|---|---:|---:|---:|---:|
{candidates_rows}

## Scores of the shipped extractor on the TEST gold ({len(test)} documents)

Nothing was selected on TEST. This project has now scored it {test_uses} time(s), once per
build of the default model, after selection on dev.

Strict spans (exact start, end and label); relations end to end (head and tail
must be predicted exactly and the label right).

{_table(test_report)}

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
