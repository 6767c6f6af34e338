"""Scores of the positions table: who holds which post in which organisation, row by row.

``Extraction.positions`` has one :class:`~vnparty_ie.types.Post` per
``position`` link (person → post) with the post's organisation, or ``None``.
These scores compare the rows of the prediction with those of the gold, as
precision/recall/F1 over rows:

* ``person+post``: same person span and same post span;
* ``person+post+org``: and the same organisation span (or none in both) — the
  whole row right;
* ``rows (text)``: the distinct rows of each document by their texts (person,
  post, organisation; normalised as the models read text, case folded): what a
  researcher gets from ``Extraction.tables()`` after dropping duplicates, where
  naming the same person twice in the same post counts once.

Example:
    >>> from vnparty_ie.types import Extraction, Relation, make_entity
    >>> t = "Bí thư Tỉnh ủy Nguyễn Văn A"
    >>> post, org, per = make_entity(t, 0, 6, "POSITION"), make_entity(t, 7, 14, "ORG"), make_entity(t, 15, 27, "PERSON")
    >>> gold = Extraction(t, (post, org, per), (Relation(per, post, "position"), Relation(post, org, "organization")))
    >>> pred = Extraction(t, (post, org, per), (Relation(per, post, "position"),))
    >>> s = score_positions([gold], [pred])
    >>> s.scores["person+post"].f1, s.scores["person+post+org"].f1
    (1.0, 0.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..text.normalize import normalize_string
from ..types import Entity, Extraction, Post
from .scoring import score_lines

__all__ = ["CONDITIONS", "PositionScores", "has_positions", "score_positions"]

#: The row conditions, in report order.
CONDITIONS = ("person+post", "person+post+org", "rows (text)")


def has_positions(doc: Extraction) -> bool:
    """Whether a document has a ``position`` link from a PERSON (a row of the positions table)."""
    return any(r.label == "position" and r.head.label == "PERSON" for r in doc.relations)


@dataclass
class PositionScores:
    """Scores of the positions table.

    Attributes:
        n_docs: Gold documents scored (all of them).
        n_gold_rows / n_pred_rows: Rows (``Post`` records) of the gold and of the prediction.
        scores: A :class:`~vnparty_ie.evaluation.Score` per condition of :data:`CONDITIONS`.
    """

    n_docs: int = 0
    n_gold_rows: int = 0
    n_pred_rows: int = 0
    scores: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "n_docs": self.n_docs,
            "n_gold_rows": self.n_gold_rows,
            "n_pred_rows": self.n_pred_rows,
            "scores": {k: v.to_dict() for k, v in self.scores.items()},
        }

    def lines(self) -> list[str]:
        """The report's lines (for :class:`~vnparty_ie.evaluation.EvalReport` printing)."""
        title = (
            f"Positions table (person, post, organisation): {self.n_docs} docs, "
            f"{self.n_gold_rows} gold rows, {self.n_pred_rows} predicted"
        )
        return score_lines(title, self.scores)


def _posts(doc: Extraction) -> tuple[Post, ...]:
    if not doc.positions and has_positions(doc):
        from .assemble import add_records

        return add_records(doc).positions
    return doc.positions


def _span(e: Entity | None) -> tuple[int, int] | None:
    return None if e is None else e.span


def _text(e: Entity | None) -> str:
    return "" if e is None else " ".join(normalize_string(e.text).casefold().split())


def score_positions(gold: Sequence[Extraction], pred: Sequence[Extraction]) -> PositionScores:
    """Score the predicted positions tables against the gold ones, document by document.

    Args:
        gold: Gold documents (their rows are built from their ``position`` and
            ``organization`` links when ``positions`` is empty).
        pred: Predictions, one per gold document, in order (rows built the same way when missing).
    """
    from ..evaluation import Score

    out = PositionScores()
    keys = {
        "person+post": lambda p: (p.person.span, p.position.span),
        "person+post+org": lambda p: (p.person.span, p.position.span, _span(p.organization)),
        "rows (text)": lambda p: (_text(p.person), _text(p.position), _text(p.organization)),
    }
    counts = {c: [0, 0, 0] for c in CONDITIONS}  # tp, fp, fn
    for g, p in zip(gold, pred):
        out.n_docs += 1
        g_rows, p_rows = _posts(g), _posts(p)
        out.n_gold_rows += len(g_rows)
        out.n_pred_rows += len(p_rows)
        for name, key in keys.items():
            gk, pk = {key(r) for r in g_rows}, {key(r) for r in p_rows}
            counts[name][0] += len(gk & pk)
            counts[name][1] += len(pk - gk)
            counts[name][2] += len(gk - pk)
    out.scores = {c: Score(*counts[c]) for c in CONDITIONS}
    return out
