"""The public entry points: :class:`Extractor`, :func:`load`, :func:`extract`, :func:`extract_many`.

An :class:`Extractor` is an entity tagger (a PhoBERT-style token classifier)
plus a relation step. :func:`extract` uses the default model, loaded on first
use and cached.

Input policy (one return type, always :class:`~vnparty_ie.types.Extraction`):

* a non-``str`` input raises ``TypeError``;
* an empty or whitespace-only string gives an empty ``Extraction`` (no model
  is needed for it);
* long input is windowed by the tagger, never truncated;
* offsets always point into the caller's original string;
* **any code point a** ``str`` **can hold is accepted**: NFC or NFD, ``Ð``
  (U+00D0) for ``Đ``, old or new tone placement (``uỷ``/``ủy``), NBSP and other
  spaces, zero-width characters, ``\\r\\n``, control characters, private-use
  and unassigned code points, emoji, HTML character references (``&#272;``,
  ``&nbsp;``: decoded in the view, an entity ending on one ends after it), and
  lone surrogates (``"\\ud800"``, left
  by a bad decode), which the model's view turns into U+FFFD like a control
  character (see :mod:`vnparty_ie.text.normalize`). None of these raises, and
  the result of the messy text equals that of the clean text up to the
  inserted characters (tested in ``tests/test_invariance.py``);
* **ALL-CAPS lines** (a headline ``BÍ THƯ TỈNH ỦY NGHỆ AN THÁI THANH QUÝ``)
  are re-cased for the entity model and the relation step by
  :func:`vnparty_ie.text.case.restore_case` (same length, so offsets do not
  move); entities keep the caller's capitals in ``text``. Names are cased
  from the rest of the document where they occur there, else from a word
  table; a line without lower-case letters is never lower-cased elsewhere;
  a text with no capital letter at all (two sentences or more, or 40 words) is
  re-cased the same way, line by line;
* **hard-wrapped text** (copied from a PDF or an e-mail, a line break inside
  a name): the breaks inside its paragraphs read as spaces
  (:func:`vnparty_ie.text.wrap.unwrap`, same length);
* **HTML markup and word-segmented text** (``<p>Bí thư <b>Thái Thanh Quý</b>``,
  ``Bí_thư Tỉnh_ủy``): tags of HTML elements, comments and scripts read as
  spaces (block tags as line breaks), and an underscore between letters as a
  space (:func:`vnparty_ie.text.markup.unmark`, same length); entities keep the
  caller's surfaces;
* **text typed without diacritics** (``Bi thu Tinh uy``: no letter beyond
  ASCII, six words or more, most of them bare Vietnamese syllables) has them
  put back for the entity model and the relation step by
  :func:`vnparty_ie.text.accents.restore_accents` (the most probable written
  form of each run of words in news; same length, so offsets do not move;
  entities keep the caller's letters). It is a guess: about 2 words in 100
  come back wrong. The records read their values from the same restored text
  (``nam 2023`` is the year 2023).

Where the default model is looked for, in order: the ``VNPARTY_IE_MODEL``
environment variable (a missing directory there is an error, never a silent
fallback); ``vnparty_ie/models/vnparty-ie-ner`` inside the installed package (a
wheel or ``pip install .`` ships it); ``models/vnparty-ie-ner`` in the source
checkout the package was installed from (``pip install -e .``); the user cache
``~/.cache/vnparty_ie/vnparty-ie-ner``.
"""

from __future__ import annotations

import datetime as _dt
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace as dc_replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .errors import ModelNotFoundError
from .text.accents import restore_accents
from .text.case import restore_case
from .text.markup import unmark
from .text.normalize import char_ref_spans, decode_in_place, mojibake_spans, normalize
from .text.wrap import unwrap
from .types import Entity, Extraction, Relation

#: An article date: a ``datetime.date``, an ISO string (``"2023-11-30"``) or ``None``.
DateLike = _dt.date | str | None

if TYPE_CHECKING:  # pragma: no cover
    from .relations import RelationLinker
    from .target_finder import TargetFinder

__all__ = ["DEFAULT_MODEL_NAME", "EntityModel", "Extractor", "NoRelations", "default_model_path", "extract", "extract_many", "load"]

DEFAULT_MODEL_NAME = "vnparty-ie-ner"
MODEL_ENV_VAR = "VNPARTY_IE_MODEL"


class NoRelations:
    """A relation step that links nothing (``pipeline.json``: ``"relations": "none"``)."""

    def link(self, text: str, entities: Sequence[Entity]) -> list[Relation]:
        """Return no relations."""
        return []


class EntityModel(Protocol):
    """Anything that finds entities in texts (the token classifier, a rule labeler …)."""

    def predict(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Entity]]: ...


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"extract() takes a str, got {type(text).__name__}; decode bytes first (text.decode('utf-8'))")
    return text


class Extractor:
    """Entities and relations from Vietnamese party-building news.

    Args:
        tagger: The entity model.
        linker: The relation step (default: the rule-based linker).
        targets: A :class:`~vnparty_ie.target_finder.TargetFinder` that relinks
            each METRIC to the TARGET it finds, after the relation step (optional).

    Example:
        >>> extractor = load("models/vnparty-ie-ner")  # doctest: +SKIP
        >>> doc = extractor.extract("Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai phát biểu.")  # doctest: +SKIP
        >>> [(e.label, e.text) for e in doc.entities]  # doctest: +SKIP
        [('POSITION', 'Bí thư'), ('ORG', 'Quận ủy Thanh Xuân'), ('PERSON', 'Bùi Huyền Mai')]
    """

    def __init__(self, tagger: EntityModel, linker: RelationLinker | None = None, targets: TargetFinder | None = None) -> None:
        if linker is None:
            from .relations import RuleRelationLinker

            linker = RuleRelationLinker()
        self.tagger = tagger
        self.linker = linker
        self.targets = targets

    def __repr__(self) -> str:
        finder = "" if self.targets is None else f", targets={type(self.targets).__name__}"
        return f"{type(self).__name__}(tagger={type(self.tagger).__name__}, linker={type(self.linker).__name__}{finder})"

    def __call__(self, text: str) -> Extraction:
        return self.extract(text)

    def extract(self, text: str, doc_date: DateLike = None) -> Extraction:
        """Extract entities, relations and records from one text.

        Args:
            text: Any Vietnamese text; it is never modified.
            doc_date: The article's date (``datetime.date`` or ISO string) for
                relative dates (``năm nay``, ``đến nay``); optional.

        Returns:
            An :class:`Extraction` whose offsets point into ``text``, with its
            ``metrics``, ``positions`` and ``dates`` records.

        Raises:
            TypeError: If ``text`` is not a ``str``.
            ValueError: If ``doc_date`` is a string that is not an ISO date.
        """
        return next(self.extract_many([text], batch_size=1, doc_dates=[doc_date]))

    def extract_many(
        self, texts: Iterable[str], batch_size: int = 32, doc_dates: Iterable[DateLike] | None = None
    ) -> Iterator[Extraction]:
        """Extract from many texts lazily, ``batch_size`` texts at a time.

        Args:
            texts: Any iterable of strings (a generator is fine: it is consumed
                one batch at a time); a bare ``str`` is refused.
            batch_size: How many texts go through the model together.
            doc_dates: Optional article dates, one per text, in order.

        Yields:
            One :class:`Extraction` per input text, in order.

        Raises:
            TypeError: On a bare ``str``, a non-``str`` item or a non-positive ``batch_size``.
        """
        if isinstance(texts, (str, bytes)):
            raise TypeError("extract_many() takes an iterable of texts, not a single str; use extract(text)")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise TypeError(f"batch_size must be a positive int, got {batch_size!r}")
        from .records.assemble import add_records

        iterator = iter(texts)
        dates = iter(doc_dates) if doc_dates is not None else None
        while True:
            batch = [_check_text(t) for t in islice(iterator, batch_size)]
            if not batch:
                return
            todo = [i for i, t in enumerate(batch) if t.strip()]
            # HTML tags and word-joining underscores blanked, diacritics put back, wrapped lines joined,
            # ALL-CAPS lines re-cased: same length, so offsets hold
            unmarked = {i: unmark(batch[i]) for i in todo}
            views = {i: restore_case(unwrap(restore_accents(unmarked[i]))) for i in todo}
            predicted = self.tagger.predict([views[i] for i in todo], batch_size=batch_size) if todo else []
            entities_of: dict[int, list[Entity]] = dict(zip(todo, predicted))
            for i, text in enumerate(batch):
                entities = sorted(entities_of.get(i, []), key=lambda e: (e.start, e.end))
                # the linker reads the text between entities: "&#7889;" read as "ố" (its ";" is no clause break), "cá»§a" as "của"
                view = decode_in_place(views[i]) if entities else text
                if not entities:
                    relations: list[Relation] = []
                elif "<" in text and unmarked[i] is not text:  # blanked tags: the linker reads the normalised view (one space for a blank run)
                    relations = _link_normalised(self.linker, view, entities)
                else:
                    relations = self.linker.link(view, entities)
                if entities and self.targets is not None:
                    entities, relations = self.targets.apply(view, entities, relations)
                if entities and view is not text:  # the caller's surfaces (the target finder cut its spans from the view)
                    entities, relations = _to_original(text, entities, relations)
                doc = Extraction(text=text, entities=tuple(entities), relations=tuple(relations))
                # records read the values where the models did: "nam 2023" as "năm 2023"
                yield add_records(doc, next(dates, None) if dates is not None else None, view if view is not text else None)


def _link_normalised(linker: RelationLinker, view: str, entities: list[Entity]) -> list[Relation]:
    """Link ``entities`` on the normalised view, where a run of blanks left by markup is one space.

    A tag blanked inside a sentence would stretch the distances a relation rule
    measures in characters ("a DATE within 40 characters"); the normalised view
    (:func:`~vnparty_ie.text.normalize.normalize`, the one the models read) has
    them shortened, and its alignment moves the entities there and back. The
    relations come back between the given entities.
    """
    nt = normalize(view)
    spans = [nt.to_view(e.start, e.end) for e in entities]
    moved = [dc_replace(e, start=a, end=b, text=nt.text[a:b]) for e, (a, b) in zip(entities, spans)]
    back = dict(zip(moved, entities))
    return [dc_replace(r, head=back[r.head], tail=back[r.tail]) for r in linker.link(nt.text, moved)]


def _to_original(text: str, entities: list[Entity], relations: list[Relation]) -> tuple[list[Entity], list[Relation]]:
    """Entities and relations found on a same-length view of ``text``, with ``text``'s surfaces.

    An HTML character reference or a mojibake sequence that the view wrote as its
    character plus padding (:func:`~vnparty_ie.text.normalize.decode_in_place`) is
    kept whole: an entity ending on the character ends after the reference.
    """
    refs = sorted(char_ref_spans(text) + mojibake_spans(text))

    def whole(e: Entity) -> Entity:
        end = next((b for a, b in refs if a < e.end < b), e.end)
        return dc_replace(e, end=end, text=text[e.start : end])

    moved = {(e.start, e.end, e.label): whole(e) for e in entities}

    def back(e: Entity) -> Entity:
        return moved[(e.start, e.end, e.label)]

    return [back(e) for e in entities], [dc_replace(r, head=back(r.head), tail=back(r.tail)) for r in relations]


def _repo_models_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "models"


def default_model_path() -> Path:
    """Return the directory of the default model.

    Raises:
        ModelNotFoundError: If no default model is installed, saying how to get one.
    """
    candidates: list[Path] = []
    env = os.environ.get(MODEL_ENV_VAR)
    if env:  # an explicit choice: never fall back silently
        if not Path(env).is_dir():
            raise ModelNotFoundError(
                f"{MODEL_ENV_VAR}={env!r}: no such model directory. Fix: point it to a model directory "
                "(one saved by 'vnparty-ie train CONFIG.yaml'), or unset it to use the default model."
            )
        return Path(env)
    candidates.append(Path(__file__).resolve().parent / "models" / DEFAULT_MODEL_NAME)  # a wheel ships it (setup.py)
    candidates.append(_repo_models_dir() / DEFAULT_MODEL_NAME)
    candidates.append(Path.home() / ".cache" / "vnparty_ie" / DEFAULT_MODEL_NAME)
    for path in candidates:
        if (path / "config.json").is_file():
            return path
    tried = "\n".join(f"  - {p}" for p in candidates)
    raise ModelNotFoundError(
        "No vnparty-ie model found. Looked in:\n"
        f"{tried}\n"
        "Fix: install from a source checkout that ships models/ (pip install -e .), set "
        f"{MODEL_ENV_VAR}=/path/to/model, pass a path to vnparty_ie.load(path), or train one with "
        "'vnparty-ie train CONFIG.yaml' (see README)."
    )


def load(
    path: str | os.PathLike | None = None,
    linker: RelationLinker | None = None,
    disabled_rules: Iterable[str] = (),
    *,
    threads: int | None = 1,
    backend: str = "auto",
    target_finder: bool = True,
) -> Extractor:
    """Load an :class:`Extractor` from a model directory.

    The directory's optional ``pipeline.json`` may combine the tagger with the
    rule-based labeler, choose the relation step (``"relations"``: ``"rules"``
    or ``"none"``) and switch rules off (``"disabled_rules"``); see
    :mod:`vnparty_ie.combine`.

    Args:
        path: A model directory saved by training (``model-best/``); ``None``
            loads the default model (see :func:`default_model_path`).
        linker: A relation step to use instead of the one ``pipeline.json`` names.
        disabled_rules: Rule ids to switch off, besides those of ``pipeline.json``.
        threads: Threads for the classifier's matrix products (BLAS, and torch
            when used); process-wide. The default, 1, is the fastest choice
            when other processes keep the other cores busy (two threads on a
            busy 2-core machine were several times slower); ``None`` keeps the
            libraries' defaults (one per core). For throughput on an idle
            machine, run several processes of one thread each (``vnparty-ie
            batch --workers``).
        backend: How the classifier runs: ``"auto"`` (ONNX Runtime when
            installed and the model has an ONNX export, else NumPy; neither
            imports torch or transformers), ``"onnx"``, ``"numpy"`` or
            ``"torch"``; see :meth:`vnparty_ie.tagger.EntityTagger.from_pretrained`.
        target_finder: ``False`` leaves out the target finder that
            ``pipeline.json`` may name (``"targets"``; the shipped default
            names none): each METRIC keeps the rules' TARGET link. A finder
            costs one more forward pass per METRIC (see
            :mod:`vnparty_ie.target_finder`).

    Raises:
        ModelNotFoundError: If the directory is missing.
        ModelFormatError: If it is not a vnparty-ie model directory.
    """
    from .combine import CombinedEntityModel, RuleEntityModel, read_pipeline
    from .errors import ModelFormatError
    from .tagger import EntityTagger

    model_dir = default_model_path() if path is None else Path(path)
    if not model_dir.exists():
        raise ModelNotFoundError(f"model directory {str(model_dir)!r} does not exist")
    from .rules import ENTITY_RULES, RELATION_RULES, RuleRelationLinker

    relation_ids = {r.id for r in RELATION_RULES}
    try:
        pipeline = read_pipeline(model_dir)
        spec = pipeline["entities"]
        mode, min_score = spec["combine"], float(spec.get("min_tagger_score", 0.0))
        by_label = {str(k): float(v) for k, v in (spec.get("min_tagger_score_by_label") or {}).items()}
        disabled = {str(r) for r in pipeline.get("disabled_rules") or ()} | set(disabled_rules)
        unknown = disabled - ENTITY_RULES.keys() - relation_ids
        if unknown:
            raise ValueError(f"unknown rule ids {sorted(unknown)}")
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelFormatError(f"bad pipeline.json in {model_dir}: {exc}") from None
    if linker is None:
        linker = NoRelations() if pipeline.get("relations") == "none" else RuleRelationLinker(disabled=disabled & relation_ids)
    from .tagger.runtime import set_threads

    set_threads(threads)  # checks the value before anything is loaded
    tagger = None if mode == "rules" else EntityTagger.from_pretrained(model_dir, backend=backend, threads=threads)
    set_threads(threads)  # again for torch, when the torch backend imported it
    targets = _target_finder(model_dir, pipeline.get("targets"), backend=backend, threads=threads) if target_finder else None
    if mode == "tagger" and min_score <= 0 and not by_label:
        return Extractor(tagger, linker=linker, targets=targets)
    rules = None if mode == "tagger" else RuleEntityModel(disabled=sorted(disabled & ENTITY_RULES.keys()))
    combined = CombinedEntityModel(
        tagger, mode, rules=rules, min_tagger_score=min_score, min_tagger_score_by_label=by_label
    )
    return Extractor(combined, linker=linker, targets=targets)


def _target_finder(model_dir: Path, spec: object, *, backend: str, threads: int | None) -> TargetFinder | None:
    """The target finder ``pipeline.json``'s ``"targets"`` names (``{"model": SUBDIR, "min_score": X}``), if any."""
    from .errors import ModelFormatError
    from .target_finder import FALLBACKS, TargetFinder

    if spec is None:
        return None
    if not isinstance(spec, dict) or not isinstance(spec.get("model"), str):
        raise ModelFormatError(f"bad pipeline.json in {model_dir}: 'targets' must be {{\"model\": SUBDIR, \"min_score\": X}}")
    directory = model_dir / spec["model"]
    if not (directory / "config.json").is_file():
        raise ModelFormatError(f"bad pipeline.json in {model_dir}: its target finder {str(directory)!r} is missing")
    min_score, fallback = spec.get("min_score", 0.5), spec.get("fallback", "rules")
    if not isinstance(min_score, (int, float)) or fallback not in FALLBACKS:
        raise ModelFormatError(
            f"bad pipeline.json in {model_dir}: 'targets' needs a numeric 'min_score' and a 'fallback' of "
            f"{' or '.join(map(repr, FALLBACKS))}, got {min_score!r} and {fallback!r}"
        )
    return TargetFinder.from_pretrained(directory, min_score=float(min_score), fallback=fallback, backend=backend, threads=threads)


_default: Extractor | None = None
_default_lock = threading.Lock()


def _default_extractor() -> Extractor:
    global _default
    with _default_lock:
        if _default is None:
            _default = load()
        return _default


def extract(text: str, doc_date: DateLike = None) -> Extraction:
    """Extract entities, relations and records from ``text`` with the default model.

    The model loads on the first call and is cached for the process.

    Args:
        text: The text; never modified; offsets in the result point into it.
        doc_date: The article's date (``datetime.date`` or ISO string), for relative dates.

    Returns:
        An :class:`Extraction` (empty for empty or whitespace-only text).

    Raises:
        TypeError: If ``text`` is not a ``str``.
        ModelNotFoundError: If no default model is installed (says how to get one).
    """
    _check_text(text)
    if not text.strip():
        return Extraction(text=text)
    return _default_extractor().extract(text, doc_date=doc_date)


def extract_many(
    texts: Iterable[str], batch_size: int = 32, doc_dates: Iterable[DateLike] | None = None
) -> Iterator[Extraction]:
    """Extract from many texts with the default model, lazily (a generator).

    See :meth:`Extractor.extract_many`.
    """
    return _default_extractor().extract_many(texts, batch_size=batch_size, doc_dates=doc_dates)
