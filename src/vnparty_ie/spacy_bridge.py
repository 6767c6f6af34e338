"""spaCy bridge (optional extra: ``pip install -e ".[spacy]"``).

* :func:`to_spacy` turns an :class:`~vnparty_ie.types.Extraction` into a spaCy
  ``Doc`` with ``doc.ents`` and ``doc._.vnparty_relations``.
* :func:`to_displacy` gives displaCy's manual format.
* The pipeline factory ``"vnparty_ie_extractor_v1"`` adds extraction to any
  spaCy pipeline (e.g. ``spacy.blank("vi")`` — or ``spacy.blank("xx")`` when
  spaCy's Vietnamese tokenizer dependency, pyvi, is missing).

Spans are aligned with ``char_span(alignment_mode="expand")``; a span that
cannot be aligned is skipped with a :class:`SpanAlignmentWarning`, never
silently.

Example:
    >>> import spacy
    >>> from vnparty_ie.types import Extraction, make_entity
    >>> text = "Bí thư Quận ủy Thanh Xuân"
    >>> ex = Extraction(text, (make_entity(text, 0, 6, "POSITION"), make_entity(text, 7, 25, "ORG")))
    >>> doc = to_spacy(ex, spacy.blank("xx"))
    >>> [(e.text, e.label_) for e in doc.ents]
    [('Bí thư', 'POSITION'), ('Quận ủy Thanh Xuân', 'ORG')]
"""

from __future__ import annotations

import warnings
from typing import Any

from .types import Extraction

__all__ = ["FACTORY_NAME", "SpanAlignmentWarning", "register_extensions", "to_displacy", "to_spacy"]

FACTORY_NAME = "vnparty_ie_extractor_v1"


class SpanAlignmentWarning(UserWarning):
    """An entity could not be turned into a spaCy span."""


def _require_spacy():
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError('the spaCy bridge needs spaCy: pip install -e ".[spacy]"') from exc
    return spacy


def register_extensions() -> None:
    """Register ``Doc._.vnparty_relations`` and ``Span._.vnparty_score`` (idempotent)."""
    _require_spacy()
    from spacy.tokens import Doc, Span

    if not Doc.has_extension("vnparty_relations"):
        Doc.set_extension("vnparty_relations", default=None)
    if not Span.has_extension("vnparty_score"):
        Span.set_extension("vnparty_score", default=None)


def _set_entities(doc: Any, extraction: Extraction) -> Any:
    register_extensions()
    spans = []
    span_of = {}
    taken: set[int] = set()
    for ent in extraction.entities:
        span = doc.char_span(ent.start, ent.end, label=ent.label, alignment_mode="expand")
        if span is None or any(i in taken for i in range(span.start, span.end)):
            warnings.warn(
                f"entity {ent.text!r} [{ent.start}, {ent.end}) {ent.label} does not align with spaCy tokens; skipped",
                SpanAlignmentWarning,
                stacklevel=3,
            )
            continue
        taken.update(range(span.start, span.end))
        span._.vnparty_score = ent.score
        spans.append(span)
        span_of[ent] = span
    doc.ents = spans
    doc._.vnparty_relations = [
        (span_of[r.head], r.label, span_of[r.tail], r.score)
        for r in extraction.relations
        if r.head in span_of and r.tail in span_of
    ]
    return doc


def to_spacy(extraction: Extraction, nlp_or_vocab: Any) -> Any:
    """Build a spaCy ``Doc`` for an extraction.

    Args:
        extraction: The result to convert.
        nlp_or_vocab: A ``Language`` (its tokenizer is used) or a ``Vocab``
            (whitespace tokens).

    Returns:
        A ``Doc`` with ``ents`` set and ``doc._.vnparty_relations`` as a list of
        ``(head_span, label, tail_span, score)``.
    """
    spacy = _require_spacy()
    if isinstance(nlp_or_vocab, spacy.language.Language):
        doc = nlp_or_vocab.make_doc(extraction.text)
    else:
        from spacy.tokens import Doc

        doc = Doc(nlp_or_vocab, words=extraction.text.split())
    return _set_entities(doc, extraction)


def to_displacy(extraction: Extraction, title: str | None = None) -> dict:
    """Return displaCy's manual ``ent`` format for ``displacy.render(..., manual=True)``."""
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
    """A spaCy pipeline component running a vnparty-ie :class:`~vnparty_ie.Extractor`."""

    def __init__(self, model: str | None = None, batch_size: int = 16, extractor: Any = None) -> None:
        if extractor is None:
            from .extractor import load

            extractor = load(model)
        self.extractor = extractor
        self.batch_size = batch_size

    def __call__(self, doc: Any) -> Any:
        return _set_entities(doc, self.extractor.extract(doc.text))

    def pipe(self, docs: Any, batch_size: int | None = None) -> Any:
        from itertools import islice

        size = batch_size or self.batch_size
        docs = iter(docs)
        while batch := list(islice(docs, size)):
            results = self.extractor.extract_many([d.text for d in batch], batch_size=size)
            for doc, extraction in zip(batch, results):
                yield _set_entities(doc, extraction)


try:  # register the factory when spaCy is importable, so nlp.add_pipe(FACTORY_NAME) works
    _register_factory()
except ImportError:  # pragma: no cover
    pass
