"""Scoring extractions against gold documents: :class:`EvalReport`.

* **Strict spans**: an entity is correct when ``(start, end, label)`` equals a
  gold entity's; precision, recall and F1 micro, macro (mean over labels seen
  in gold or prediction) and per label.
* **seqeval**: the same documents turned into IOB2 tags over words with
  :func:`vnparty_ie.bio.spans_to_bio` and scored by
  ``seqeval.metrics.classification_report(mode="strict", scheme=IOB2)``.
* **Lenient**: a predicted entity counts when it overlaps a gold entity of the
  same label (precision), a gold entity when some predicted entity of its label
  overlaps it (recall).
* **Relations** (when the gold has any): correct when head span + label, tail
  span + label and relation label all match; per label and micro.
* **Records** (when the gold documents carry value records, see
  :mod:`vnparty_ie.io.values`): CQE-style metric scores (value, value+unit,
  value+target, value+period) and normalised-value and DATE accuracies, by
  :func:`vnparty_ie.records.scoring.score_records`.
* **Positions table** (when the gold has a person → post link): its rows
  (person, post, organisation) right by spans, with and without the
  organisation, and by their texts, by
  :func:`vnparty_ie.records.position_scores.score_positions`.
* **Errors**: the most frequent boundary errors (same label, overlapping,
  different edges) and label confusions (same span, other label).

Example:
    >>> from vnparty_ie.types import Extraction, make_entity
    >>> text = "Bí thư Quận ủy Thanh Xuân"
    >>> gold = [Extraction(text, (make_entity(text, 0, 6, "POSITION"), make_entity(text, 7, 25, "ORG")))]
    >>> pred = [Extraction(text, (make_entity(text, 0, 6, "POSITION"), make_entity(text, 7, 14, "ORG")))]
    >>> report = evaluate_docs(gold, pred)
    >>> report.micro.f1, report.lenient.f1
    (0.5, 1.0)
"""

from __future__ import annotations

import argparse
import collections
import inspect
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import AnnotationError, ConfigError, VnPartyIEError
from .types import Entity, Extraction

__all__ = ["EvalReport", "Score", "evaluate", "evaluate_conll", "evaluate_docs", "main", "write_json_report"]

SpanKey = tuple[int, int, str]
#: Suffixes read as CoNLL BIO by :func:`main`.


def write_json_report(data: Mapping[str, Any], path: str | Path) -> Path:
    """Write ``data`` as indented UTF-8 JSON (non-ASCII kept, newline-terminated).

    Args:
        data: The JSON-serialisable report.
        path: The output file; its parent directories are created.

    Returns:
        The path written.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


@dataclass
class Score:
    """Counts of one category and the derived precision, recall and F1.

    Attributes:
        tp: Correct predictions.
        fp: Wrong predictions.
        fn: Missed gold items.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """``tp / (tp + fp)``, 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """``tp / (tp + fn)``, 0 when there is no gold item."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        """Number of gold items."""
        return self.tp + self.fn

    def to_dict(self) -> dict[str, float | int]:
        """Return counts and scores."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "support": self.support,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(frozen=True)
class Averages:
    """Macro averages (not derived from counts)."""

    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0

    def to_dict(self) -> dict[str, float]:
        """Return the three averages."""
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def _tally(gold: collections.Counter, pred: collections.Counter, scores: Mapping[str, Score], label_at: int) -> None:
    """Add the matches between two multisets of keys to ``scores`` (keyed by ``key[label_at]``)."""
    for key in gold | pred:
        tp = min(gold[key], pred[key])
        score = scores[key[label_at]]
        score.tp += tp
        score.fn += gold[key] - tp
        score.fp += pred[key] - tp


def _micro(scores: Mapping[str, Score]) -> Score:
    """Pool per-label counts into one score."""
    return Score(
        tp=sum(s.tp for s in scores.values()),
        fp=sum(s.fp for s in scores.values()),
        fn=sum(s.fn for s in scores.values()),
    )


def _macro(scores: Mapping[str, Score]) -> Averages:
    if not scores:
        return Averages()
    n = len(scores)
    return Averages(
        precision=sum(s.precision for s in scores.values()) / n,
        recall=sum(s.recall for s in scores.values()) / n,
        f1=sum(s.f1 for s in scores.values()) / n,
    )


@dataclass
class EvalReport:
    """The result of :func:`evaluate` / :func:`evaluate_docs`.

    Attributes:
        n_docs: Documents compared.
        n_gold: Gold entities.
        n_pred: Predicted entities.
        micro: Strict span score over all labels.
        macro: Mean of the per-label strict scores.
        per_label: Strict span score of each label (gold or predicted).
        lenient: Overlap score (same label, at least one shared character).
        lenient_per_label: The overlap score of each label.
        seqeval: seqeval's strict IOB2 ``classification_report`` as a dict
            (labels, ``micro avg``, ``macro avg``, ``weighted avg``).
        relations_micro: Relation score over all labels, or ``None`` when the
            gold has no relation.
        relations: Relation score per label (empty without gold relations).
        boundary_errors: Most frequent ``{label, gold, pred, kind, count}``.
        label_confusions: Most frequent ``{gold_label, pred_label, count}``.
        misaligned: Entities (gold or predicted) that could not be put on word
            tags for seqeval (an edge inside a word).
        records: Metric and date record scores
            (:class:`~vnparty_ie.records.scoring.RecordScores`), or ``None`` when
            no gold document carries value records.
        positions: Scores of the positions table
            (:class:`~vnparty_ie.records.position_scores.PositionScores`), or
            ``None`` when the gold has no person → post link.
    """

    n_docs: int = 0
    n_gold: int = 0
    n_pred: int = 0
    micro: Score = field(default_factory=Score)
    macro: Averages = field(default_factory=Averages)
    per_label: dict[str, Score] = field(default_factory=dict)
    lenient: Score = field(default_factory=Score)
    lenient_per_label: dict[str, Score] = field(default_factory=dict)
    seqeval: dict[str, dict[str, float]] = field(default_factory=dict)
    relations_micro: Score | None = None
    relations: dict[str, Score] = field(default_factory=dict)
    boundary_errors: list[dict[str, Any]] = field(default_factory=list)
    label_confusions: list[dict[str, Any]] = field(default_factory=list)
    misaligned: int = 0
    records: Any = None
    positions: Any = None

    @property
    def f1(self) -> float:
        """Strict micro span F1 (the headline number)."""
        return self.micro.f1

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "n_docs": self.n_docs,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "micro": self.micro.to_dict(),
            "macro": self.macro.to_dict(),
            "per_label": {k: v.to_dict() for k, v in sorted(self.per_label.items())},
            "lenient": self.lenient.to_dict(),
            "lenient_per_label": {k: v.to_dict() for k, v in sorted(self.lenient_per_label.items())},
            "seqeval": self.seqeval,
            "relations_micro": None if self.relations_micro is None else self.relations_micro.to_dict(),
            "relations": {k: v.to_dict() for k, v in sorted(self.relations.items())},
            "boundary_errors": self.boundary_errors,
            "label_confusions": self.label_confusions,
            "misaligned": self.misaligned,
            "records": None if self.records is None else self.records.to_dict(),
            "positions": None if self.positions is None else self.positions.to_dict(),
        }

    def to_json(self, path: str | Path) -> Path:
        """Write :meth:`to_dict` as JSON to ``path`` (parents created)."""
        return write_json_report(self.to_dict(), path)

    def __str__(self) -> str:
        def row(name: str, p: float, r: float, f: float, support: int | str = "") -> str:
            return f"{name:<24} {p:>9.4f} {r:>9.4f} {f:>9.4f} {support!s:>9}"

        head = f"{'':<24} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>9}"
        lines = [f"Entities (strict spans): {self.n_docs} docs, {self.n_gold} gold, {self.n_pred} predicted", head]
        for label, s in sorted(self.per_label.items()):
            lines.append(row(label, s.precision, s.recall, s.f1, s.support))
        lines.append(row("micro avg", self.micro.precision, self.micro.recall, self.micro.f1, self.micro.support))
        lines.append(row("macro avg", self.macro.precision, self.macro.recall, self.macro.f1, self.micro.support))
        lines.append(row("lenient (overlap)", self.lenient.precision, self.lenient.recall, self.lenient.f1))
        if self.lenient_per_label:
            by_label = ", ".join(f"{k} {v.f1:.3f}" for k, v in sorted(self.lenient_per_label.items()))
            lines.append(f"lenient F1 by label: {by_label}")
        seq = self.seqeval.get("micro avg")
        if seq:
            lines.append(
                row("seqeval strict IOB2", seq["precision"], seq["recall"], seq["f1-score"], int(seq["support"]))
            )
        if self.misaligned:
            lines.append(f"({self.misaligned} entities not on word boundaries, left out of seqeval)")
        if self.relations_micro is not None:
            lines += ["", "Relations", head]
            for label, s in sorted(self.relations.items()):
                lines.append(row(label, s.precision, s.recall, s.f1, s.support))
            r = self.relations_micro
            lines.append(row("micro avg", r.precision, r.recall, r.f1, r.support))
        if self.records is not None:
            lines += ["", *self.records.lines()]
        if self.positions is not None:
            lines += ["", *self.positions.lines()]
        if self.boundary_errors:
            lines += ["", "Most frequent boundary errors (label: gold -> predicted)"]
            for e in self.boundary_errors:
                lines.append(f"  {e['count']:>4} x {e['label']}: {e['gold']!r} -> {e['pred']!r} ({e['kind']})")
        if self.label_confusions:
            lines += ["", "Most frequent label confusions (gold -> predicted)"]
            for c in self.label_confusions:
                lines.append(f"  {c['count']:>4} x {c['gold_label']} -> {c['pred_label']}")
        return "\n".join(lines)


def _key(e: Entity) -> SpanKey:
    return (e.start, e.end, e.label)


def _boundary_kind(gold: Entity, pred: Entity) -> str:
    if pred.start <= gold.start and pred.end >= gold.end:
        return "too long"
    if pred.start >= gold.start and pred.end <= gold.end:
        return "too short"
    return "shifted"


def _syllable_tokenize(text: str) -> Sequence[Any]:
    from .text.segment import tokenize

    return tokenize(text, segmenter="syllable")


def _seqeval_tags(
    gold: Sequence[Extraction], pred: Sequence[Extraction], tokenize_fn: Callable[[str], Sequence[Any]]
) -> tuple[list[list[str]], list[list[str]], int]:
    from .bio import spans_to_bio

    y_true: list[list[str]] = []
    y_pred: list[list[str]] = []
    misaligned = 0
    for g, p in zip(gold, pred):
        for sentence in tokenize_fn(g.text):
            tokens = list(sentence.tokens)
            if not tokens:
                continue
            inside_g = [e for e in g.entities if e.start < sentence.end and sentence.start < e.end]
            inside_p = [e for e in p.entities if e.start < sentence.end and sentence.start < e.end]
            tags_g, bad_g = spans_to_bio(tokens, inside_g)
            tags_p, bad_p = spans_to_bio(tokens, inside_p)
            misaligned += len(bad_g) + len(bad_p)
            y_true.append(tags_g)
            y_pred.append(tags_p)
    return y_true, y_pred, misaligned


def seqeval_report(y_true: Sequence[Sequence[str]], y_pred: Sequence[Sequence[str]]) -> dict[str, dict[str, float]]:
    """Run seqeval's strict IOB2 report and return plain floats.

    Args:
        y_true: Gold tag sequences.
        y_pred: Predicted tag sequences (same lengths).

    Returns:
        ``{label or "micro avg"/"macro avg"/"weighted avg": {precision, recall,
        f1-score, support}}``; empty when neither side has an entity.
    """
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    has_entity = any(t != "O" for seq in list(y_true) + list(y_pred) for t in seq)
    if not has_entity:
        return {}
    raw = classification_report(
        [list(s) for s in y_true],
        [list(s) for s in y_pred],
        mode="strict",
        scheme=IOB2,
        output_dict=True,
        zero_division=0,
    )
    return {k: {m: float(v) for m, v in d.items()} for k, d in raw.items()}


def evaluate_docs(
    gold: Sequence[Extraction],
    pred: Sequence[Extraction],
    *,
    top_errors: int = 10,
    tokenize_fn: Callable[[str], Sequence[Any]] | None = None,
) -> EvalReport:
    """Compare predicted documents with gold ones.

    Args:
        gold: Gold documents.
        pred: Predictions, one per gold document, in the same order and on the
            same texts.
        top_errors: How many boundary errors and label confusions to list.
        tokenize_fn: Splits a text into sentences of words for the seqeval
            tags (default: :func:`vnparty_ie.text.segment.tokenize` with the
            ``syllable`` segmenter, the finest word boundaries).

    Returns:
        The :class:`EvalReport`.

    Raises:
        ConfigError: When the lists differ in length.
        AnnotationError: When a prediction's text differs from its gold text.
    """
    gold, pred = list(gold), list(pred)
    if len(gold) != len(pred):
        raise ConfigError(f"{len(gold)} gold documents but {len(pred)} predictions")
    for i, (g, p) in enumerate(zip(gold, pred)):
        if g.text != p.text:
            raise AnnotationError(f"prediction {i} is on another text than its gold document", doc_id=g.id)
    report = EvalReport(n_docs=len(gold))
    per_label: dict[str, Score] = collections.defaultdict(Score)
    boundary: collections.Counter = collections.Counter()
    confusion: collections.Counter = collections.Counter()
    rel_scores: dict[str, Score] = collections.defaultdict(Score)
    has_relations = any(g.relations for g in gold)
    for g, p in zip(gold, pred):
        report.n_gold += len(g.entities)
        report.n_pred += len(p.entities)
        gold_keys = collections.Counter(_key(e) for e in g.entities)
        pred_keys = collections.Counter(_key(e) for e in p.entities)
        _tally(gold_keys, pred_keys, per_label, label_at=2)
        for e in p.entities:
            hit = any(o.label == e.label and o.overlaps(e) for o in g.entities)
            for score in (report.lenient, report.lenient_per_label.setdefault(e.label, Score())):
                score.tp += hit
                score.fp += not hit
        for e in g.entities:
            label_score = report.lenient_per_label.setdefault(e.label, Score())
            if not any(o.label == e.label and o.overlaps(e) for o in p.entities):
                report.lenient.fn += 1
                label_score.fn += 1
            if _key(e) in pred_keys:
                continue
            for o in p.entities:
                if o.span == e.span and o.label != e.label:
                    confusion[(e.label, o.label)] += 1
                elif o.label == e.label and o.overlaps(e):
                    boundary[(e.label, e.text, o.text, _boundary_kind(e, o))] += 1
        if has_relations:

            def rel_key(r: Any) -> tuple:
                return (_key(r.head), _key(r.tail), r.label)

            g_rel = collections.Counter(rel_key(r) for r in g.relations)
            p_rel = collections.Counter(rel_key(r) for r in p.relations)
            _tally(g_rel, p_rel, rel_scores, label_at=2)
    report.per_label = dict(per_label)
    report.micro = _micro(per_label)
    report.macro = _macro(per_label)
    if has_relations:
        report.relations = dict(rel_scores)
        report.relations_micro = _micro(rel_scores)
    report.boundary_errors = [
        {"label": lab, "gold": gt, "pred": pt, "kind": kind, "count": n}
        for (lab, gt, pt, kind), n in boundary.most_common(top_errors)
    ]
    report.label_confusions = [
        {"gold_label": gl, "pred_label": pl, "count": n} for (gl, pl), n in confusion.most_common(top_errors)
    ]
    from .records.scoring import has_values, score_records

    if any(has_values(g) for g in gold):
        report.records = score_records(gold, pred)
    from .records.position_scores import has_positions, score_positions

    if any(has_positions(g) for g in gold):
        report.positions = score_positions(gold, pred)
    y_true, y_pred, report.misaligned = _seqeval_tags(gold, pred, tokenize_fn or _syllable_tokenize)
    report.seqeval = seqeval_report(y_true, y_pred)
    return report


def _load_gold(docs: Sequence[Extraction] | str | Path) -> list[Extraction]:
    if isinstance(docs, (str, Path)):
        from .io.jsonl import read_jsonl

        return read_jsonl(docs, schema=None)
    return list(docs)


def evaluate(
    extractor: Any, docs: Sequence[Extraction] | str | Path, *, batch_size: int = 32, top_errors: int = 10
) -> EvalReport:
    """Run ``extractor`` on the gold documents' texts and score it.

    Args:
        extractor: Anything with ``extract_many(texts)`` or ``extract(text)``
            returning :class:`~vnparty_ie.types.Extraction` objects (an
            :class:`~vnparty_ie.extractor.Extractor`, an
            :class:`~vnparty_ie.tagger.EntityTagger` …).
        docs: Gold documents, or the path of a gold JSONL file.
        batch_size: Passed to ``extract_many`` when it accepts it.
        top_errors: How many errors of each kind to list.

    Returns:
        The :class:`EvalReport`.

    Raises:
        TypeError: When ``extractor`` has neither method.
    """
    gold = _load_gold(docs)
    texts = [d.text for d in gold]
    if hasattr(extractor, "extract_many"):
        # Ask the signature instead of retrying on TypeError, which would hide real errors.
        try:
            params = inspect.signature(extractor.extract_many).parameters
        except (TypeError, ValueError):  # some callables have no signature
            params = {}  # type: ignore[assignment]
        takes_batch = "batch_size" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())
        if takes_batch:
            pred = list(extractor.extract_many(texts, batch_size=batch_size))
        else:
            pred = list(extractor.extract_many(texts))
    elif hasattr(extractor, "extract"):
        pred = [extractor.extract(t) for t in texts]
    else:
        raise TypeError(f"{type(extractor).__name__} has neither extract_many() nor extract()")
    return evaluate_docs(gold, pred, top_errors=top_errors)


def evaluate_conll(tagger: Any, path: str | Path, *, batch_size: int = 32, top_errors: int = 10) -> EvalReport:
    """Score a tagger on a CoNLL BIO file (any label set), word for word.

    The tagger tags the file's own words (no re-segmentation); gold and
    predicted tags become span documents over the same text, and seqeval sees
    exactly the file's words.

    Args:
        tagger: An object with ``predict_words(sequences, batch_size)``
            (:class:`~vnparty_ie.tagger.EntityTagger`).
        path: The CoNLL file.
        batch_size: Windows per forward pass.
        top_errors: How many errors of each kind to list.
    """
    from .io.conll import TaggedSentence, conll_to_documents, read_conll
    from .text.segment import Sentence, Token

    sentences = read_conll(path)
    predicted = tagger.predict_words([s.words for s in sentences], batch_size=batch_size)
    gold = conll_to_documents(sentences)
    pred = conll_to_documents([TaggedSentence(list(s.words), tags) for s, (tags, _) in zip(sentences, predicted)])
    words_of = {doc.text: s.words for doc, s in zip(gold, sentences)}

    def file_words(text: str) -> list[Sentence]:
        tokens, pos = [], 0
        for word in words_of[text]:
            piece = word.replace("_", " ")
            tokens.append(Token(pos, pos + len(piece), piece, word))
            pos += len(piece) + 1
        return [Sentence(0, len(text), tuple(tokens))] if tokens else []

    return evaluate_docs(gold, pred, top_errors=top_errors, tokenize_fn=file_words)


def _load_extractor(model: str) -> Any:
    """Load the full extractor when available, else the bare tagger."""
    try:
        from .extractor import load
    except ImportError:  # pragma: no cover - the extractor module ships with the package
        from .tagger import EntityTagger

        return EntityTagger.from_pretrained(model)
    return load(model)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``vnparty-ie evaluate``."""
    parser = argparse.ArgumentParser(
        prog="vnparty-ie evaluate", description="Score a model on gold JSONL (span and relation P/R/F1)."
    )
    parser.add_argument("--model", required=True, help="model directory (model-best/)")
    parser.add_argument(
        "--gold", required=True, help="gold file: JSONL, CoNLL BIO (.conll .bio .iob .tsv), or any `convert` format"
    )
    parser.add_argument("--output", "-o", help="write the report as JSON here")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--top-errors", type=int, default=10)
    parser.add_argument("--entities-only", action="store_true", help="run the bare tagger, without relations")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``vnparty-ie evaluate --model DIR --gold FILE [--output report.json]``.

    Returns:
        0 on success, 2 on a vnparty-ie error (the message goes to stderr).
    """
    args = build_parser().parse_args(argv)
    try:
        from .io.formats import read_documents, resolve_format

        gold_format = resolve_format(args.gold)
        if gold_format == "conll":
            from .tagger import EntityTagger

            tagger = EntityTagger.from_pretrained(args.model)
            report = evaluate_conll(tagger, args.gold, batch_size=args.batch_size, top_errors=args.top_errors)
        else:
            if args.entities_only:
                from .tagger import EntityTagger

                extractor: Any = EntityTagger.from_pretrained(args.model)
            else:
                extractor = _load_extractor(args.model)
            gold = args.gold if gold_format == "jsonl" else read_documents(args.gold, gold_format, schema=None)
            report = evaluate(extractor, gold, batch_size=args.batch_size, top_errors=args.top_errors)
    except VnPartyIEError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report)
    if args.output:
        print(f"report written to {report.to_json(args.output)}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
