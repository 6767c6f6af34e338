"""Where a model's METRIC→TARGET links go wrong, by kind, on a gold split.

For every gold METRIC the model finds with the same span, its predicted TARGET
is compared with the gold one, as ``value+target`` counts a hit (overlapping, or
none in both):

- ``right``: both none (also counted as ``right_without_target``), or overlapping TARGETs;
- ``missed``: the gold has a TARGET, the model links none (``missed_entity_found``:
  of those, how many have a predicted TARGET entity overlapping the gold one, so
  a linking miss rather than a finding miss);
- ``spurious``: the model links a TARGET, the gold has none;
- ``wrong``: both have one and they do not overlap.

With ``--probe-verbs`` it also measures an open-vocabulary fallback that the
rules do not use: for each METRIC left without a TARGET, the verb phrase of its
clause (from the clause's first verb tagged by ``underthesea.pos_tag`` that is
not a copula or an achievement verb, to the METRIC, less closing function
words). It counts how often that phrase would be right (``hit``), would be
given to a METRIC whose gold has no TARGET (``gold_none``), or would miss the
gold TARGET (``other``): the measure of whether such a fallback is worth adding.

Develop on the TRAIN split; the report prints itself and saves JSON.

Usage::

    python training/target_errors.py --gold work_data/gold/train.jsonl \\
        --model models/vnparty-ie-ner --probe-verbs \\
        --output training/results/target_errors_train.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpora.target_agreement import metric_targets

#: Kinds of a found METRIC's TARGET link, in the order they are printed.
KINDS = ("right", "missed", "spurious", "wrong")
#: Outcomes of the verb-phrase fallback probe.
PROBE_OUTCOMES = ("hit", "gold_none", "other", "no_clause", "no_verb")
#: Verbs that never open the probe's phrase: copulas, existentials, achievement and change verbs,
#: reporting verbs, and words the tagger often calls verbs before a number.
_PROBE_SKIP = frozenset(
    [
        "là", "có", "gồm", "đạt", "vượt", "tăng", "giảm", "chiếm", "được", "bị", "còn", "lên", "xuống", "với",
        "theo", "nhận", "cho", "hơn", "gần", "trên", "dưới", "khoảng", "tới", "đến", "bằng", "thuộc", "nêu",
        "biết", "nói",
    ]
) | {"cho biết", "cho hay", "thông tin", "trong đó"}
#: Words dropped from the end of the probe's phrase (before the METRIC).
_PROBE_TRAIL = frozenset(
    [
        "với", "của", "cho", "tại", "ở", "trong", "trên", "đến", "tới", "là", "được", "bị", "có", "gồm", "hơn",
        "gần", "khoảng", "dưới", "đạt", "lên", "xuống", "cả", "các", "những", "số",
    ]
) | {"đối với", "tổng cộng", "tổng số"}
_CLAUSE_BREAKS = frozenset(',;:.!?()\n"“”')


def target_kind(gold: tuple[int, int] | None, pred: tuple[int, int] | None) -> str:
    """The kind of one METRIC's TARGET link (one of :data:`KINDS`).

    >>> target_kind(None, None), target_kind((0, 5), (3, 8)), target_kind((0, 5), None)
    ('right', 'right', 'missed')
    >>> target_kind(None, (0, 5)), target_kind((0, 5), (6, 9))
    ('spurious', 'wrong')
    """
    if gold is None:
        return "right" if pred is None else "spurious"
    if pred is None:
        return "missed"
    return "right" if gold[0] < pred[1] and pred[0] < gold[1] else "wrong"


def clause_before(text: str, start: int) -> tuple[int, str]:
    """The clause before ``start``: back to the nearest punctuation mark or line break.

    >>> clause_before("Năm 2023, quận đã kết nạp 28 đảng viên", 26)
    (9, ' quận đã kết nạp ')
    """
    i = start
    while i > 0 and text[i - 1] not in _CLAUSE_BREAKS:
        i -= 1
    return i, text[i:start]


def verb_phrase(clause: str, tags: Sequence[tuple[str, str]]) -> tuple[int, int] | None:
    """The probe's phrase in ``clause`` given its POS tags (word, tag), as offsets into ``clause``.

    >>> verb_phrase(" quận đã kết nạp ", [("quận", "N"), ("đã", "R"), ("kết nạp", "V")])
    (9, 16)
    >>> verb_phrase(" tổng số là ", [("tổng số", "N"), ("là", "V")]) is None
    True
    """
    verbs = [i for i, (word, tag) in enumerate(tags) if tag == "V" and word.lower() not in _PROBE_SKIP]
    if not verbs:
        return None
    words = [word for word, _ in tags[verbs[0]:]]
    while words and words[-1].lower() in _PROBE_TRAIL:
        words.pop()
    if not words:
        return None
    start = clause.find(words[0])
    end = clause.rfind(words[-1]) + len(words[-1])
    return (start, end) if 0 <= start < end else None


@dataclass
class TargetErrorReport:
    """Counts and sampled examples of the TARGET link kinds (and of the probe, when run)."""

    gold: str
    model: str
    documents: int = 0
    metrics_found: int = 0
    kinds: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    right_without_target: int = 0
    missed_entity_found: int = 0
    missed_gold_before_metric: int = 0
    probe: dict[str, int] | None = None
    examples: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    @property
    def accuracy(self) -> float:
        """Share of the found METRICs whose TARGET link is right."""
        return self.kinds["right"] / self.metrics_found if self.metrics_found else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, with the accuracy."""
        return {**asdict(self), "accuracy": round(self.accuracy, 4)}

    def __str__(self) -> str:
        lines = [
            (f"{self.gold}: {self.documents} documents, {self.metrics_found} METRICs found, "
            f"TARGET right on {self.kinds['right']} ({self.accuracy:.3f})"),
            "  " + ", ".join(f"{k} {self.kinds[k]}" for k in KINDS)
            + f" ({self.right_without_target} of the right ones without a TARGET in both)",
            (f"  missed: {self.missed_entity_found} with an overlapping TARGET entity found (a linking miss), "
            f"{self.missed_gold_before_metric} with the gold TARGET before the METRIC"),
        ]
        if self.probe is not None:
            lines.append("  verb-phrase probe on the METRICs left without a TARGET: "
                         + ", ".join(f"{k} {self.probe[k]}" for k in PROBE_OUTCOMES))
        return "\n".join(lines)


def analyse(docs: Sequence[Any], predictions: Sequence[Any], *, gold: str = "", model: str = "",
            probe: bool = False, examples: int = 10, seed: int = 0) -> TargetErrorReport:
    """Compare the predicted TARGET links of ``predictions`` with those of the gold ``docs``.

    Example:
        >>> from types import SimpleNamespace as NS
        >>> m, t = NS(label="METRIC", span=(5, 7)), NS(label="TARGET", span=(0, 4))
        >>> g = NS(text="bầu  28 người", entities=[m, t], relations=[NS(label="target", head=m, tail=t)])
        >>> p = NS(entities=[m], relations=[])
        >>> r = analyse([g], [p])
        >>> r.kinds["missed"], r.missed_gold_before_metric
        (1, 1)
    """
    report = TargetErrorReport(gold=gold, model=model, documents=len(docs))
    pool: dict[str, list[dict[str, str]]] = {k: [] for k in (*KINDS[1:], *(("probe_hit", "probe_gold_none") if probe else ()))}
    outcomes: Counter[str] = Counter()
    pos_tag = _pos_tagger() if probe else None
    for doc, pred in zip(docs, predictions):
        text = doc.text
        gold_targets, pred_targets = metric_targets(doc), metric_targets(pred)
        pred_target_spans = [e.span for e in pred.entities if e.label == "TARGET"]
        for span, g in gold_targets.items():
            if span not in pred_targets:
                continue
            p = pred_targets[span]
            kind = target_kind(g, p)
            report.metrics_found += 1
            report.kinds[kind] += 1
            report.right_without_target += g is None and p is None
            context = text[max(0, span[0] - 100):span[0]] + "[[" + text[span[0]:span[1]] + "]]" + text[span[1]:span[1] + 40]
            row = {"context": context.replace("\n", " "), "gold": _surface(text, g), "predicted": _surface(text, p)}
            if kind == "missed":
                report.missed_entity_found += any(s[0] < g[1] and g[0] < s[1] for s in pred_target_spans)
                report.missed_gold_before_metric += g[1] <= span[0]
            if kind != "right":
                pool[kind].append(row)
            if pos_tag is not None and p is None:
                outcome, phrase = _probe(text, span, g, pos_tag)
                outcomes[outcome] += 1
                if outcome in ("hit", "gold_none"):
                    pool[f"probe_{outcome}"].append({**row, "probe": phrase})
    if probe:
        report.probe = {k: outcomes[k] for k in PROBE_OUTCOMES}
    rng = random.Random(seed)
    report.examples = {k: rng.sample(v, min(examples, len(v))) for k, v in pool.items()}
    return report


def _surface(text: str, span: tuple[int, int] | None) -> str:
    return "" if span is None else text[span[0]:span[1]]


def _probe(text: str, span: tuple[int, int], gold: tuple[int, int] | None, pos_tag: Any) -> tuple[str, str]:
    offset, clause = clause_before(text, span[0])
    if len(clause.strip()) < 3:
        return "no_clause", ""
    found = verb_phrase(clause, pos_tag(clause))
    if found is None:
        return "no_verb", ""
    start, end = offset + found[0], offset + found[1]
    if gold is None:
        return "gold_none", text[start:end]
    return ("hit" if gold[0] < end and start < gold[1] else "other"), text[start:end]


def _pos_tagger() -> Any:
    from underthesea import pos_tag

    return pos_tag


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", required=True, help="materialised gold JSONL (work_data/gold/train.jsonl)")
    parser.add_argument("--model", required=True, help="model directory (models/vnparty-ie-ner)")
    parser.add_argument("--probe-verbs", action="store_true", help="also measure the verb-phrase fallback")
    parser.add_argument("--examples", type=int, default=10, help="examples kept per kind (sampled, seed 0)")
    parser.add_argument("--output", type=Path, help="write the report as JSON here")
    args = parser.parse_args(argv)

    import vnparty_ie
    from vnparty_ie.types import Extraction

    with open(args.gold, encoding="utf-8") as handle:
        docs = [Extraction.from_dict(json.loads(line)) for line in handle if line.strip()]
    extractor = vnparty_ie.load(args.model)
    predictions = [extractor.extract(doc.text) for doc in docs]
    report = analyse(docs, predictions, gold=args.gold, model=args.model, probe=args.probe_verbs,
                     examples=args.examples)
    print(report)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
