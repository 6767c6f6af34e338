"""spaCy bridge (optional extra: ``pip install -e ".[spacy]"``).

* :func:`to_spacy` turns an :class:`~vnparty_ie.types.Extraction` into a spaCy
  ``Doc`` whose ``doc.ents`` are exactly the extraction's entities.
* The pipeline factory ``"vnparty_ie_extractor_v1"`` adds extraction to any
  spaCy pipeline (e.g. ``spacy.blank("vi")`` — or ``spacy.blank("xx")`` when
  spaCy's Vietnamese tokenizer dependency, pyvi, is missing).
* :func:`to_displacy` gives displaCy's manual ``ent`` format;
  :mod:`vnparty_ie.viz` draws relations too.

Exact spans: every entity edge is made a token edge. The pipeline's tokens are
cut at the edges (spaCy's Vietnamese tokenizer, for one, merges syllables
across an entity boundary: ``Thanh Xuân Bùi``), a single space left between
two pieces becomes the first piece's trailing whitespace, and ``doc.ents`` is
then set with strict alignment, so ``doc.ents`` has the same character spans
and labels as the extraction — a span never grows to take in a neighbouring
word or the sentence's final full stop. Only overlapping entities (which
``doc.ents`` cannot hold) are skipped, with a :class:`SpanAlignmentWarning`.

What ``doc.ents`` cannot hold is on ``doc._`` as plain JSON-able data (so
``DocBin(store_user_data=True)`` serialises it):

* ``doc._.vnparty_relations``: ``[{"head": i, "tail": j, "label", "score",
  "head_text", "tail_text"}]`` with ``i``/``j`` indexing ``doc.ents``
  (:func:`relation_spans` gives ``(head_span, label, tail_span, score)``);
* ``doc._.vnparty_metrics``: one :meth:`Metric.row <vnparty_ie.types.Metric.row>`
  per figure (texts, offsets, normalised value, unit, period …);
* ``doc._.vnparty_positions``: one :meth:`Post.row <vnparty_ie.types.Post.row>`
  per person → post (→ organisation);
* ``doc._.vnparty_dates``: one dict per DATE (text, offsets, ISO interval, kind);
* ``span._.vnparty_score`` and ``span._.vnparty_source`` on each entity span.

Example:
    >>> import spacy
    >>> from vnparty_ie.types import Extraction, Relation, make_entity
    >>> text = "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai chủ trì."
    >>> org, person = make_entity(text, 7, 25, "ORG"), make_entity(text, 26, 39, "PERSON")
    >>> ex = Extraction(text, (make_entity(text, 0, 6, "POSITION"), org, person))
    >>> doc = to_spacy(ex, spacy.blank("xx"))
    >>> [(e.text, e.label_) for e in doc.ents]
    [('Bí thư', 'POSITION'), ('Quận ủy Thanh Xuân', 'ORG'), ('Bùi Huyền Mai', 'PERSON')]
    >>> doc.text == text
    True
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

from .types import Entity, Extraction

__all__ = [
    "FACTORY_NAME",
    "SpanAlignmentWarning",
    "VnPartyComponent",
    "register_extensions",
    "relation_spans",
    "set_extraction",
    "to_displacy",
    "to_spacy",
    "words_and_spaces",
]

FACTORY_NAME = "vnparty_ie_extractor_v1"

_DOC_EXTENSIONS = ("vnparty_relations", "vnparty_metrics", "vnparty_positions", "vnparty_dates")
_SPAN_EXTENSIONS = ("vnparty_score", "vnparty_source")
_NON_SPACE = re.compile(r"\S+")


class SpanAlignmentWarning(UserWarning):
    """An entity could not be turned into a spaCy span (it overlaps another one)."""


def _require_spacy():
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError('the spaCy bridge needs spaCy: pip install -e ".[spacy]"') from exc
    return spacy


def register_extensions() -> None:
    """Register the ``Doc._`` and ``Span._`` extensions of this module (idempotent).

    Example:
        >>> register_extensions()
        >>> from spacy.tokens import Doc
        >>> Doc.has_extension("vnparty_metrics")
        True
    """
    _require_spacy()
    from spacy.tokens import Doc, Span

    for name in _DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in _SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def words_and_spaces(
    text: str, token_spans: Iterable[tuple[int, int]], entities: Sequence[Entity]
) -> tuple[list[str], list[bool]]:
    """Words and trailing-space flags that rebuild ``text`` with every entity edge a word edge.

    Args:
        text: The document text.
        token_spans: ``(start, end)`` character spans of the existing tokens (a
            tokenizer's, without their trailing whitespace), in order; characters
            between them are kept as whitespace.
        entities: The entities whose edges must become word edges.

    Returns:
        ``(words, spaces)`` for ``spacy.tokens.Doc(vocab, words=..., spaces=...)``;
        ``"".join(w + " " * s for w, s in zip(words, spaces)) == text``.

    Example:
        >>> from vnparty_ie.types import make_entity
        >>> text = "Quận ủy Thanh Xuân Bùi Huyền Mai."
        >>> ents = [make_entity(text, 0, 18, "ORG"), make_entity(text, 19, 32, "PERSON")]
        >>> words_and_spaces(text, [(0, 7), (8, 22), (23, 32), (32, 33)], ents)
        (['Quận ủy', 'Thanh Xuân', 'Bùi', 'Huyền Mai', '.'], [True, True, True, False, False])
    """
    starts = {e.start for e in entities}
    ends = {e.end for e in entities}
    cuts = set(starts | ends)
    for c in list(cuts):  # keep a space next to a cut out of the neighbouring word
        if c < len(text) and text[c] == " ":
            cuts.add(c + 1)
        if c > 0 and text[c - 1] == " ":
            cuts.add(c - 1)
    pieces: list[tuple[int, int]] = []
    pos = 0
    for start, end in token_spans:
        if start > pos:
            pieces.append((pos, start))
        if end > start:
            pieces.append((start, end))
        pos = max(pos, end)
    if pos < len(text):
        pieces.append((pos, len(text)))
    words: list[str] = []
    spaces: list[bool] = []
    for start, end in pieces:
        inner = sorted(c for c in cuts if start < c < end)
        for a, b in zip([start, *inner], [*inner, end]):
            piece = text[a:b]
            if (
                piece.isspace()
                and piece[0] == " "
                and words
                and not spaces[-1]
                and not words[-1].isspace()
                and a not in starts
                and a + 1 not in ends
            ):
                spaces[-1] = True  # one space after a word: its trailing whitespace
                piece = piece[1:]
                if not piece:
                    continue
            words.append(piece)
            spaces.append(False)
    return words, spaces


def _json_number(value: Any) -> Any:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _metric_row(metric: Any) -> dict[str, Any]:
    return {k: _json_number(v) if k in ("value", "value_max", "achieved", "planned") else v
            for k, v in metric.row().items()}  # fmt: skip


def _date_row(date: Any) -> dict[str, Any]:
    return {
        "date": date.date.text,
        "date_char_start": date.date.start,
        "date_char_end": date.date.end,
        "start": date.start,
        "end": date.end,
        "kind": date.kind,
    }


def set_extraction(doc: Any, extraction: Extraction) -> Any:
    """Set ``doc.ents`` and the ``doc._`` records from an extraction of ``doc.text``.

    Tokens are cut at entity edges first; when a cut is needed a new ``Doc``
    (same vocab, same text) is returned, otherwise ``doc`` itself.

    Args:
        doc: A spaCy ``Doc`` whose text is ``extraction.text``.
        extraction: The result for that text.

    Returns:
        The ``Doc`` with ``ents`` and the ``doc._`` extensions set.

    Raises:
        ValueError: If ``doc.text`` is not the extraction's text.
    """
    register_extensions()
    from spacy.tokens import Doc

    if doc.text != extraction.text:
        raise ValueError("the Doc's text is not the extraction's text")
    entities = list(extraction.entities)
    token_edges = {t.idx for t in doc} | {t.idx + len(t.text) for t in doc}
    if any(e.start not in token_edges or e.end not in token_edges for e in entities):
        words, spaces = words_and_spaces(doc.text, [(t.idx, t.idx + len(t.text)) for t in doc], entities)
        doc = Doc(doc.vocab, words=words, spaces=spaces)
    spans = []
    index_of: dict[Entity, int] = {}
    taken: set[int] = set()
    for ent in sorted(entities, key=lambda e: (e.start, e.end)):
        span = doc.char_span(ent.start, ent.end, label=ent.label, alignment_mode="strict")
        if span is None or any(k in taken for k in range(span.start, span.end)):
            warnings.warn(
                f"entity {ent.text!r} [{ent.start}, {ent.end}) {ent.label} overlaps another entity "
                "(doc.ents holds flat spans only); skipped",
                SpanAlignmentWarning,
                stacklevel=2,
            )
            continue
        taken.update(range(span.start, span.end))
        span._.vnparty_score = ent.score  # Span extensions live in doc.user_data, keyed by offsets and label
        span._.vnparty_source = ent.source
        index_of[ent] = len(spans)
        spans.append(span)
    doc.ents = spans
    doc._.vnparty_relations = [
        {
            "head": index_of[r.head],
            "tail": index_of[r.tail],
            "label": r.label,
            "score": r.score,
            "head_text": r.head.text,
            "tail_text": r.tail.text,
        }
        for r in extraction.relations
        if r.head in index_of and r.tail in index_of
    ]
    doc._.vnparty_metrics = [_metric_row(m) for m in extraction.metrics]
    doc._.vnparty_positions = [p.row() for p in extraction.positions]
    doc._.vnparty_dates = [_date_row(d) for d in extraction.dates]
    return doc


def relation_spans(doc: Any) -> list[tuple[Any, str, Any, float | None]]:
    """``doc._.vnparty_relations`` as ``(head_span, label, tail_span, score)`` tuples.

    Example:
        >>> import spacy
        >>> from vnparty_ie.types import Extraction, Relation, make_entity
        >>> text = "Bí thư Quận ủy Thanh Xuân"
        >>> a, b = make_entity(text, 0, 6, "POSITION"), make_entity(text, 7, 25, "ORG")
        >>> doc = to_spacy(Extraction(text, (a, b), (Relation(a, b, "organization"),)), spacy.blank("xx"))
        >>> [(h.text, label, t.text) for h, label, t, _ in relation_spans(doc)]
        [('Bí thư', 'organization', 'Quận ủy Thanh Xuân')]
    """
    ents = doc.ents
    return [(ents[r["head"]], r["label"], ents[r["tail"]], r["score"]) for r in doc._.vnparty_relations or ()]


def to_spacy(extraction: Extraction, nlp_or_vocab: Any) -> Any:
    """Build a spaCy ``Doc`` for an extraction, ``doc.ents`` exactly its entities.

    Args:
        extraction: The result (or a gold document) to convert.
        nlp_or_vocab: A ``Language`` (its tokenizer gives the tokens, then cut at
            entity edges) or a ``Vocab`` (tokens are runs of non-space
            characters, cut at entity edges).

    Returns:
        A ``Doc`` with ``doc.text == extraction.text``, ``ents`` set and the
        ``doc._`` extensions filled (see the module doc).

    Example:
        >>> import spacy
        >>> from vnparty_ie.types import Extraction, make_entity
        >>> text = "Dự Đại hội XIII."
        >>> doc = to_spacy(Extraction(text, (make_entity(text, 3, 15, "EVENT"),)), spacy.blank("xx").vocab)
        >>> [(e.text, e.label_) for e in doc.ents], [t.text for t in doc]
        ([('Đại hội XIII', 'EVENT')], ['Dự', 'Đại', 'hội', 'XIII', '.'])
    """
    spacy = _require_spacy()
    from spacy.tokens import Doc

    text = extraction.text
    if isinstance(nlp_or_vocab, spacy.language.Language):
        doc = nlp_or_vocab.make_doc(text)
        token_spans = [(t.idx, t.idx + len(t.text)) for t in doc]
        vocab = nlp_or_vocab.vocab
    else:
        token_spans = [m.span() for m in _NON_SPACE.finditer(text)]
        vocab = nlp_or_vocab
    words, spaces = words_and_spaces(text, token_spans, extraction.entities)
    return set_extraction(Doc(vocab, words=words, spaces=spaces), extraction)


def to_displacy(extraction: Extraction, title: str | None = None) -> dict:
    """Return displaCy's manual ``ent`` format for ``displacy.render(..., manual=True)``.

    Example:
        >>> from vnparty_ie.types import Extraction, make_entity
        >>> to_displacy(Extraction("Hà Nội", (make_entity("Hà Nội", 0, 6, "LOC"),)))["ents"]
        [{'start': 0, 'end': 6, 'label': 'LOC'}]
    """
    return {
        "text": extraction.text,
        "ents": [{"start": e.start, "end": e.end, "label": e.label} for e in extraction.entities],
        "title": title,
    }


def make_vnparty_extractor(nlp: Any, name: str, model: str | None, batch_size: int) -> VnPartyComponent:
    """spaCy factory ``"vnparty_ie_extractor_v1"``: ``nlp.add_pipe(FACTORY_NAME, config={"model": DIR})``."""
    return VnPartyComponent(model=model, batch_size=batch_size)


def _register_factory() -> None:
    _require_spacy()
    from spacy.language import Language

    if not Language.has_factory(FACTORY_NAME):
        Language.factory(FACTORY_NAME, default_config={"model": None, "batch_size": 16}, func=make_vnparty_extractor)


class VnPartyComponent:
    """A spaCy pipeline component running a vnparty-ie :class:`~vnparty_ie.Extractor`.

    Add it first (right after the tokenizer): when a token has to be cut at an
    entity edge the component returns a new ``Doc`` with the same text, and
    annotations set by earlier components on that document are not carried over.

    Args:
        model: A model directory (``None``: the default model).
        batch_size: Texts per model batch in :meth:`pipe`.
        extractor: An extractor to use instead of loading ``model``.
    """

    def __init__(self, model: str | None = None, batch_size: int = 16, extractor: Any = None) -> None:
        if extractor is None:
            from .extractor import load

            extractor = load(model)
        self.extractor = extractor
        self.batch_size = batch_size
        register_extensions()

    def __call__(self, doc: Any) -> Any:
        return set_extraction(doc, self.extractor.extract(doc.text))

    def pipe(self, docs: Any, batch_size: int | None = None) -> Any:
        """Process a stream of docs, ``batch_size`` texts per model batch."""
        from itertools import islice

        size = batch_size or self.batch_size
        docs = iter(docs)
        while batch := list(islice(docs, size)):
            results = self.extractor.extract_many([d.text for d in batch], batch_size=size)
            for doc, extraction in zip(batch, results):
                yield set_extraction(doc, extraction)


try:  # register the factory when spaCy is importable, so nlp.add_pipe(FACTORY_NAME) works
    _register_factory()
except ImportError:  # pragma: no cover
    pass
