"""CQE-style scores of metric and date records against gold value records.

For the gold METRICs of documents that carry value records (see
:mod:`vnparty_ie.io.values`), a predicted METRIC *matches* when it has the same
span. Then, as precision/recall/F1 over gold and predicted METRICs (a true
positive is a matched METRIC that satisfies the condition; every other
prediction is a false positive, every other gold METRIC a false negative):

* ``value``: the normalised values are equal (relative difference at most 1e-6,
  or both missing);
* ``value+unit``: and the ``unit`` relation's tail has the same span (or both have none);
* ``value+target``: and the targets overlap (``value+target_exact``: same span), or both have none;
* ``value+period``: and the ``period`` tails have the same span (or both have none).

Accuracies on the METRICs found (same span): ``value``, ``value_max``,
``ratio`` (achieved and planned), ``qualifier``, ``percent``, and the links
alone: ``unit``, ``target`` (overlapping), ``period`` (same tail span, or both
none); and on the DATEs found: ``date`` (start and end equal).

Example:
    >>> from vnparty_ie.types import Extraction, Metric, Relation, make_entity
    >>> t = "Năm 2023 kết nạp 45 đảng viên."
    >>> d, m, u = make_entity(t, 0, 8, "DATE"), make_entity(t, 17, 19, "METRIC"), make_entity(t, 20, 29, "UNIT")
    >>> gold = Extraction(t, (d, m, u), (Relation(m, u, "unit"),), metrics=(Metric(m, u, value=45.0),))
    >>> pred = Extraction(t, (d, m), ())
    >>> s = score_records([gold], [pred])
    >>> s.scores["value"].f1, s.scores["value+unit"].f1, s.accuracy["value"]
    (1.0, 0.0, 1.0)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..types import Entity, Extraction, Metric

__all__ = ["RecordScores", "has_values", "score_lines", "score_records"]

#: The matched-METRIC conditions, in report order.
CONDITIONS = ("value", "value+unit", "value+target", "value+target_exact", "value+period")
#: Accuracies on the METRICs found, then on the DATEs found.
ACCURACIES = ("value", "value_max", "ratio", "qualifier", "percent", "unit", "target", "period", "date")


def has_values(doc: Extraction) -> bool:
    """Whether a (gold) document carries value records."""
    return bool(doc.metrics or doc.dates)


def same_number(a: float | None, b: float | None, rel: float = 1e-6) -> bool:
    """Equal within ``rel`` relative difference, or both ``None``.

    Example:
        >>> same_number(6.164e12, 6164000000000.0), same_number(None, None), same_number(1.0, None)
        (True, True, False)
    """
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=rel, abs_tol=0.0) or a == b


def _same_span(a: Entity | None, b: Entity | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.span == b.span


def _overlap(a: Entity | None, b: Entity | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.overlaps(b)


@dataclass
class _Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0


@dataclass
class RecordScores:
    """Scores of metric and date records.

    Attributes:
        n_docs: Gold documents with value records.
        n_gold_metrics: Their gold METRICs; ``n_pred_metrics``: predicted METRICs in them.
        n_found_metrics: Gold METRICs matched by a predicted METRIC of the same span.
        n_gold_dates / n_found_dates: Gold DATEs and those found with the same span.
        scores: A :class:`~vnparty_ie.evaluation.Score` per condition of :data:`CONDITIONS`.
        accuracy: Accuracy per field of :data:`ACCURACIES` (``None`` when nothing was found).
    """

    n_docs: int = 0
    n_gold_metrics: int = 0
    n_pred_metrics: int = 0
    n_found_metrics: int = 0
    n_gold_dates: int = 0
    n_found_dates: int = 0
    scores: dict[str, Any] = field(default_factory=dict)
    accuracy: dict[str, float | None] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        out: dict[str, Any] = {k: getattr(self, k) for k in (
            "n_docs", "n_gold_metrics", "n_pred_metrics", "n_found_metrics", "n_gold_dates", "n_found_dates")}
        out["scores"] = {k: v.to_dict() for k, v in self.scores.items()}
        out["accuracy"] = {k: None if v is None else round(v, 4) for k, v in self.accuracy.items()}
        return out

    def lines(self) -> list[str]:
        """The report's lines (for :class:`~vnparty_ie.evaluation.EvalReport` printing)."""
        title = (
            f"Metric records (CQE-style): {self.n_docs} docs, {self.n_gold_metrics} gold METRICs, "
            f"{self.n_pred_metrics} predicted, {self.n_found_metrics} found (same span)"
        )
        out = score_lines(title, self.scores)
        acc = ", ".join(f"{k} {'-' if v is None else f'{v:.4f}'}" for k, v in self.accuracy.items() if k != "date")
        out.append(f"accuracy on METRICs found: {acc}")
        date = self.accuracy.get("date")
        out.append(
            f"DATE normalisation accuracy on {self.n_found_dates}/{self.n_gold_dates} DATEs found: "
            + ("-" if date is None else f"{date:.4f}")
        )
        return out


def score_lines(title: str, scores: Mapping[str, Any]) -> list[str]:
    """A title, a header and one precision/recall/F1/support line per score (as the report prints them).

    >>> from vnparty_ie.evaluation import Score
    >>> print("\\n".join(score_lines("Rows", {"person+post": Score(3, 1, 1)})))
    Rows
                             precision    recall        f1   support
    person+post                 0.7500    0.7500    0.7500         4
    """
    out = [title, f"{'':<24} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>9}"]
    for name, s in scores.items():
        out.append(f"{name:<24} {s.precision:>9.4f} {s.recall:>9.4f} {s.f1:>9.4f} {s.support:>9}")
    return out


def _metrics_of(doc: Extraction) -> dict[tuple[int, int], Metric]:
    if not doc.metrics and any(e.label == "METRIC" for e in doc.entities):
        from .assemble import add_records

        doc = add_records(doc)
    return {m.metric.span: m for m in doc.metrics}


def score_records(gold: Sequence[Extraction], pred: Sequence[Extraction]) -> RecordScores:
    """Score predicted records against the gold documents that carry value records.

    Args:
        gold: Gold documents; only those with ``metrics`` or ``dates`` records count.
        pred: Predictions, one per gold document, in order. Their records are
            filled with :func:`~vnparty_ie.records.assemble.add_records` when missing.
    """
    from ..evaluation import Score

    out = RecordScores()
    tallies = {c: _Tally() for c in CONDITIONS}
    right = dict.fromkeys(ACCURACIES, 0)
    for g, p in zip(gold, pred):
        if not has_values(g):
            continue
        out.n_docs += 1
        gm = {m.metric.span: m for m in g.metrics}
        pm = _metrics_of(p)
        out.n_gold_metrics += len(gm)
        out.n_pred_metrics += len(pm)
        for span, gold_m in gm.items():
            p_m = pm.get(span)
            if p_m is None:
                for t in tallies.values():
                    t.fn += 1
                continue
            out.n_found_metrics += 1
            value = same_number(gold_m.value, p_m.value)
            ok = {
                "value": value,
                "value+unit": value and _same_span(gold_m.unit, p_m.unit),
                "value+target": value and _overlap(gold_m.target, p_m.target),
                "value+target_exact": value and _same_span(gold_m.target, p_m.target),
                "value+period": value and _same_span(gold_m.period, p_m.period),
            }
            for c, hit in ok.items():
                tallies[c].tp += hit
                tallies[c].fn += not hit
                tallies[c].fp += not hit
            right["value"] += value
            right["value_max"] += same_number(gold_m.value_max, p_m.value_max)
            right["ratio"] += same_number(gold_m.achieved, p_m.achieved) and same_number(gold_m.planned, p_m.planned)
            right["qualifier"] += gold_m.qualifier == p_m.qualifier
            right["percent"] += bool(gold_m.percent) == bool(p_m.percent)
            right["unit"] += _same_span(gold_m.unit, p_m.unit)
            right["target"] += _overlap(gold_m.target, p_m.target)
            right["period"] += _same_span(gold_m.period, p_m.period)
        for t in tallies.values():
            t.fp += len(set(pm) - set(gm))
        gd = {d.date.span: d for d in g.dates}
        pd = {d.date.span: d for d in p.dates}
        if not pd and any(e.label == "DATE" for e in p.entities):
            from .assemble import add_records

            pd = {d.date.span: d for d in add_records(p).dates}
        out.n_gold_dates += len(gd)
        for span, gold_d in gd.items():
            p_d = pd.get(span)
            if p_d is not None:
                out.n_found_dates += 1
                right["date"] += gold_d.start == p_d.start and gold_d.end == p_d.end
    out.scores = {c: Score(t.tp, t.fp, t.fn) for c, t in tallies.items()}
    found = out.n_found_metrics
    out.accuracy = {k: (right[k] / found if found else None) for k in ACCURACIES if k != "date"}
    out.accuracy["date"] = right["date"] / out.n_found_dates if out.n_found_dates else None
    return out
