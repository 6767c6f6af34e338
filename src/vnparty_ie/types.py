"""Result types: :class:`Entity`, :class:`Relation`, :class:`Extraction`.

All three are frozen dataclasses. Offsets are Python ``str`` indices into the
caller's ORIGINAL text (``end`` exclusive), so ``text[e.start:e.end] == e.text``
always holds. ``to_dict()`` / ``from_dict()`` produce and read exactly the JSONL
shape of the annotation guidelines.

Example:
    >>> doc = Extraction.from_dict({
    ...     "id": "d1", "text": "Bí thư Quận ủy Thanh Xuân",
    ...     "entities": [{"id": "T1", "start": 0, "end": 6, "label": "POSITION"},
    ...                  {"id": "T2", "start": 7, "end": 25, "label": "ORG"}],
    ...     "relations": [{"head": "T1", "tail": "T2", "label": "organization"}]})
    >>> doc.entities[1].text
    'Quận ủy Thanh Xuân'
    >>> doc.relations[0].head.label, doc.relations[0].tail.text
    ('POSITION', 'Quận ủy Thanh Xuân')
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .errors import AnnotationError


@dataclass(frozen=True)
class Entity:
    """One entity mention.

    Attributes:
        start: Start offset (code points) in the original text.
        end: End offset, exclusive.
        label: Entity label, e.g. ``"ORG"``.
        text: ``original_text[start:end]``.
        score: Model confidence in [0, 1], or ``None`` for gold data.
        id: The mention id in its document (``"T1"``), or ``None``.
        source: What made it: ``"rules"``, ``"classifier"``, ``"gold"``, or ``None``
            (unknown). Not part of equality.
        rule: The id of the rule that made it (``"event.congress_numbered"``) when
            ``source`` is ``"rules"``. Not part of equality.
    """

    start: int
    end: int
    label: str
    text: str
    score: float | None = None
    id: str | None = None
    source: str | None = field(default=None, compare=False)
    rule: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.start, int) or not isinstance(self.end, int):
            raise TypeError("Entity.start and Entity.end must be int")
        if self.start < 0 or self.end <= self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"Entity.text {self.text!r} has length {len(self.text)}, "
                f"but the span [{self.start}, {self.end}) has {self.end - self.start}"
            )

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)``."""
        return (self.start, self.end)

    def overlaps(self, other: Entity) -> bool:
        """Tell whether two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def to_dict(self, id: str | None = None) -> dict[str, Any]:
        """Return the guidelines' entity dict (``id, start, end, label, text[, score]``)."""
        out: dict[str, Any] = {}
        eid = id if id is not None else self.id
        if eid is not None:
            out["id"] = eid
        out.update(start=self.start, end=self.end, label=self.label, text=self.text)
        if self.score is not None:
            out["score"] = self.score
        if self.source is not None:
            out["source"] = self.source
        if self.rule is not None:
            out["rule"] = self.rule
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], text: str | None = None) -> Entity:
        """Build from a guidelines entity dict.

        Args:
            data: The dict; ``text`` is optional when the document ``text`` is given.
            text: The document text, used to fill and check ``data["text"]``.

        Raises:
            AnnotationError: When fields are missing or inconsistent.
        """
        try:
            start, end, label = data["start"], data["end"], data["label"]
        except KeyError as exc:
            raise AnnotationError(f"entity lacks field {exc.args[0]!r}", field=str(exc.args[0])) from None
        if type(start) is not int or type(end) is not int:
            raise AnnotationError("start and end must be integers", field="start/end")
        mention = data.get("text")
        if text is not None:
            if not (0 <= start < end <= len(text)):
                raise AnnotationError(
                    f"span [{start}, {end}) is outside the text of length {len(text)}", field="start/end"
                )
            actual = text[start:end]
            if mention is not None and mention != actual:
                raise AnnotationError(f"text {mention!r} does not match text[start:end] {actual!r}", field="text")
            mention = actual
        if mention is None:
            raise AnnotationError("entity has no text and no document text was given", field="text")
        score = data.get("score")
        try:
            return cls(
                start=start,
                end=end,
                label=str(label),
                text=mention,
                score=None if score is None else float(score),
                id=None if data.get("id") is None else str(data["id"]),
                source=None if data.get("source") is None else str(data["source"]),
                rule=None if data.get("rule") is None else str(data["rule"]),
            )
        except (TypeError, ValueError) as exc:
            raise AnnotationError(str(exc)) from None


@dataclass(frozen=True)
class Relation:
    """A directed, labelled link between two entities of one document.

    Attributes:
        head: The head entity (e.g. the METRIC of a ``unit`` relation).
        tail: The tail entity.
        label: Relation label, e.g. ``"unit"``.
        score: Confidence in [0, 1], or ``None`` for gold data.
        source: What made it (``"rules"``, ``"gold"`` …), or ``None``. Not part of equality.
        rule: The id of the rule that linked it, when ``source`` is ``"rules"``. Not part of equality.
    """

    head: Entity
    tail: Entity
    label: str
    score: float | None = None
    source: str | None = field(default=None, compare=False)
    rule: str | None = field(default=None, compare=False)

    def to_dict(self, ids: Mapping[Entity, str] | None = None) -> dict[str, Any]:
        """Return the guidelines' relation dict, with entity ids from ``ids``."""
        head_id = ids[self.head] if ids is not None else self.head.id
        tail_id = ids[self.tail] if ids is not None else self.tail.id
        out: dict[str, Any] = {"head": head_id, "tail": tail_id, "label": self.label}
        if self.score is not None:
            out["score"] = self.score
        if self.source is not None:
            out["source"] = self.source
        if self.rule is not None:
            out["rule"] = self.rule
        return out


def _eid(entity: Entity | None, ids: Mapping[Entity, str] | None) -> str | None:
    if entity is None:
        return None
    return ids[entity] if ids is not None else entity.id


def _span_row(prefix: str, entity: Entity | None) -> dict[str, Any]:
    return {
        f"{prefix}": None if entity is None else entity.text,
        f"{prefix}_char_start": None if entity is None else entity.start,
        f"{prefix}_char_end": None if entity is None else entity.end,
    }


@dataclass(frozen=True)
class DateValue:
    """A DATE entity with its normalised value: an inclusive ISO interval where determinable.

    Attributes:
        date: The DATE entity.
        start: First day (``"2023-01-01"``), or ``None`` when the text does not fix it.
        end: Last day (``"2023-12-31"``), or ``None``.
        kind: ``day``, ``month``, ``quarter``, ``year``, ``range``, ``term``, ``relative``,
            ``duration`` or ``unknown``.
    """

    date: Entity
    start: str | None = None
    end: str | None = None
    kind: str = "unknown"

    def to_dict(self, ids: Mapping[Entity, str] | None = None) -> dict[str, Any]:
        """The record of ``Extraction.to_dict()["dates"]`` (entity by id)."""
        return {"date": _eid(self.date, ids), "start": self.start, "end": self.end, "kind": self.kind}


@dataclass(frozen=True)
class Metric:
    """One figure as a row: a METRIC entity, its linked UNIT, TARGET and period, and its normalised value.

    Attributes:
        metric: The METRIC entity.
        unit: Its UNIT entity (``unit`` relation), or ``None``.
        target: Its TARGET entity (``target`` relation), or ``None``.
        period: Its DATE entity (``period`` relation), or ``None``.
        value: The number, scale word applied (``hơn 6.164`` + ``tỷ đồng`` -> 6.164e12), or ``None``.
        value_max: Upper bound of a range (``8-8,5``), else ``None``.
        achieved: Achieved part of a ratio ``852/453`` (852), else ``None``.
        planned: Planned part of a ratio (453), else ``None``.
        qualifier: ``over``, ``under``, ``about``, ``nearly``, ``up_to``, ``at_least``, ``at_most``,
            ``average`` … or ``None``.
        direction: ``increase``/``decrease`` where the sentence says so, else ``None``.
        percent: Whether the figure is a percentage.
        unit_normalized: ``VND``, ``USD``, ``%``, ``m``, ``m2``, ``ha``, ``person`` … or the counted noun.
        period_start: ISO first day of the period, or ``None``.
        period_end: ISO last day of the period, or ``None``.
        ambiguous: Whether the reading of the number is uncertain.
        reason: Why it is ambiguous (or why no value could be read).
    """

    metric: Entity
    unit: Entity | None = None
    target: Entity | None = None
    period: Entity | None = None
    value: float | None = None
    value_max: float | None = None
    achieved: float | None = None
    planned: float | None = None
    qualifier: str | None = None
    direction: str | None = None
    percent: bool = False
    unit_normalized: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    ambiguous: bool = False
    reason: str | None = None

    _VALUE_FIELDS = (
        "value", "value_max", "achieved", "planned", "qualifier", "direction", "percent",
        "unit_normalized", "period_start", "period_end", "ambiguous", "reason",
    )  # fmt: skip

    def values(self) -> dict[str, Any]:
        """The normalised fields only."""
        return {k: getattr(self, k) for k in self._VALUE_FIELDS}

    def to_dict(self, ids: Mapping[Entity, str] | None = None) -> dict[str, Any]:
        """The record of ``Extraction.to_dict()["metrics"]`` (entities by id)."""
        out = {k: _eid(getattr(self, k), ids) for k in ("metric", "unit", "target", "period")}
        out.update(self.values())
        return out

    def row(self) -> dict[str, Any]:
        """A flat row: the texts and offsets of the four spans, then the normalised values."""
        out: dict[str, Any] = {}
        for name in ("metric", "unit", "target", "period"):
            out.update(_span_row(name, getattr(self, name)))
        out.update(self.values())
        return out


@dataclass(frozen=True)
class Post:
    """Who holds which post in which organisation: one ``position`` (+ ``organization``) chain.

    Attributes:
        person: The PERSON entity.
        position: The POSITION entity linked to the person.
        organization: The ORG the post belongs to, or ``None`` when the text gives none.
        status: ``former`` ("nguyên", "cựu", "từng là"), ``late`` ("cố"), ``new`` ("tân",
            "vừa được bầu làm"), ``acting`` ("Quyền …"), or ``None``: held now or not said
            (see :mod:`vnparty_ie.records.posts`).
    """

    person: Entity
    position: Entity
    organization: Entity | None = None
    status: str | None = None

    def to_dict(self, ids: Mapping[Entity, str] | None = None) -> dict[str, Any]:
        """The record of ``Extraction.to_dict()["positions"]`` (entities by id)."""
        out: dict[str, Any] = {k: _eid(getattr(self, k), ids) for k in ("person", "position", "organization")}
        if self.status is not None:
            out["status"] = self.status
        return out

    def row(self) -> dict[str, Any]:
        """A flat row: texts and offsets of person, position and organisation, and the status."""
        out: dict[str, Any] = {}
        for name in ("person", "position", "organization"):
            out.update(_span_row(name, getattr(self, name)))
        out["status"] = self.status
        return out


@dataclass(frozen=True)
class Extraction:
    """What :func:`vnparty_ie.extract` returns for one text, and one gold document.

    Attributes:
        text: The original text, unchanged.
        entities: Entities, flat (no overlaps); :func:`vnparty_ie.extract` returns them sorted by
            ``(start, end)``, :meth:`from_dict` keeps the record's order.
        relations: Relations between those entities.
        id: Document id, when known.
        meta: Free-form extra fields of a JSONL record, kept for round trips.
        metrics: One :class:`Metric` row per METRIC entity (filled by :func:`vnparty_ie.extract`).
        positions: One :class:`Post` per person -> post (-> organisation) chain.
        dates: One :class:`DateValue` per DATE entity.
    """

    text: str
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    id: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)
    metrics: tuple[Metric, ...] = ()
    positions: tuple[Post, ...] = ()
    dates: tuple[DateValue, ...] = ()

    def __post_init__(self) -> None:
        for name in ("entities", "relations", "metrics", "positions", "dates"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """Flat rows of the records: ``{"metrics": [...], "positions": [...]}``.

        Each row starts with the document ``id`` and carries the texts and offsets
        of its spans and the normalised values; :meth:`dataframes` makes pandas
        DataFrames of them.
        """
        head = {"doc_id": self.id}
        return {
            "metrics": [{**head, **m.row()} for m in self.metrics],
            "positions": [{**head, **p.row()} for p in self.positions],
        }

    def dataframes(self) -> dict[str, Any]:
        """:meth:`tables` as pandas DataFrames (needs the ``pandas`` extra).

        Raises:
            ImportError: When pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("Extraction.dataframes() needs pandas: pip install 'vnparty-ie[pandas]'") from None
        return {name: pd.DataFrame(rows) for name, rows in self.tables().items()}

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.entities)

    def by_label(self, label: str) -> list[Entity]:
        """Entities with this label, in text order."""
        return [e for e in self.entities if e.label == label]

    def relations_of(self, entity: Entity, label: str | None = None) -> list[Relation]:
        """Relations whose head is ``entity`` (optionally of one label)."""
        return [r for r in self.relations if r.head == entity and (label is None or r.label == label)]

    def entity_ids(self) -> dict[Entity, str]:
        """Map each entity to its id: its own ``id`` or ``T<n>`` in text order."""
        ids: dict[Entity, str] = {}
        used = {e.id for e in self.entities if e.id is not None}
        n = 0
        for e in self.entities:
            if e.id is not None:
                ids[e] = e.id
                continue
            n += 1
            while f"T{n}" in used:
                n += 1
            ids[e] = f"T{n}"
            used.add(ids[e])
        return ids

    def to_dict(self) -> dict[str, Any]:
        """Return one JSONL record in the guidelines' shape."""
        ids = self.entity_ids()
        out: dict[str, Any] = {}
        if self.id is not None:
            out["id"] = self.id
        out["text"] = self.text
        out["entities"] = [e.to_dict(ids[e]) for e in self.entities]
        out["relations"] = [r.to_dict(ids) for r in self.relations]
        for name in ("metrics", "positions", "dates"):
            records = getattr(self, name)
            if records:
                out[name] = [r.to_dict(ids) for r in records]
        for key, value in self.meta.items():
            if key not in out:
                out[key] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Extraction:
        """Read one guidelines JSONL record (entity order and ids are kept).

        Raises:
            AnnotationError: On missing fields, bad offsets or unknown relation ids.
                Label names are not checked here; see :mod:`vnparty_ie.io.jsonl`.
        """
        if not isinstance(data, Mapping):
            raise AnnotationError("a record must be a JSON object")
        if "text" not in data or not isinstance(data["text"], str):
            raise AnnotationError("record lacks a string 'text'", field="text", doc_id=data.get("id"))
        text = data["text"]
        doc_id = None if data.get("id") is None else str(data["id"])
        entities: list[Entity] = []
        by_id: dict[str, Entity] = {}
        for i, ent in enumerate(data.get("entities") or []):
            try:
                entity = Entity.from_dict(ent, text)
            except AnnotationError as exc:
                raise AnnotationError(exc.message, field=f"entities[{i}].{exc.field or ''}".rstrip("."), doc_id=doc_id) from None
            if entity.id is None:
                entity = replace(entity, id=f"T{i + 1}")
            if entity.id in by_id:
                raise AnnotationError(f"duplicate entity id {entity.id!r}", field=f"entities[{i}].id", doc_id=doc_id)
            by_id[entity.id] = entity
            entities.append(entity)
        relations: list[Relation] = []
        for i, rel in enumerate(data.get("relations") or []):
            for key in ("head", "tail", "label"):
                if key not in rel:
                    raise AnnotationError(f"relation lacks {key!r}", field=f"relations[{i}].{key}", doc_id=doc_id)
            for key in ("head", "tail"):
                if rel[key] not in by_id:
                    raise AnnotationError(
                        f"relation {key} {rel[key]!r} is not an entity id of this document",
                        field=f"relations[{i}].{key}",
                        doc_id=doc_id,
                    )
            score = rel.get("score")
            relations.append(
                Relation(
                    by_id[rel["head"]],
                    by_id[rel["tail"]],
                    str(rel["label"]),
                    None if score is None else float(score),
                    source=None if rel.get("source") is None else str(rel["source"]),
                    rule=None if rel.get("rule") is None else str(rel["rule"]),
                )
            )
        records = _records_from_dict(data, by_id, doc_id)
        meta = {k: v for k, v in data.items() if k not in ("id", "text", "entities", "relations", *records)}
        return cls(text=text, entities=tuple(entities), relations=tuple(relations), id=doc_id, meta=meta, **records)


def _records_from_dict(data: Mapping[str, Any], by_id: Mapping[str, Entity], doc_id: str | None) -> dict[str, tuple]:
    """Read the ``metrics``, ``positions`` and ``dates`` records of a JSONL record (entities by id)."""
    kinds: dict[str, tuple[type, tuple[str, ...], tuple[str, ...]]] = {
        "metrics": (Metric, ("metric",), ("unit", "target", "period")),
        "positions": (Post, ("person", "position"), ("organization",)),
        "dates": (DateValue, ("date",), ()),
    }
    out: dict[str, tuple] = {}
    for name, (cls, required, optional) in kinds.items():
        if name not in data:
            continue
        rows = []
        for i, rec in enumerate(data[name] or []):
            if not isinstance(rec, Mapping):
                raise AnnotationError(f"{name}[{i}] must be an object", field=f"{name}[{i}]", doc_id=doc_id)
            values: dict[str, Any] = {}
            for key in (*required, *optional):
                ref = rec.get(key)
                if ref is None and key in optional:
                    values[key] = None
                    continue
                if ref not in by_id:
                    raise AnnotationError(
                        f"{name}[{i}].{key} {ref!r} is not an entity id of this document",
                        field=f"{name}[{i}].{key}",
                        doc_id=doc_id,
                    )
                values[key] = by_id[ref]
            known = set(cls.__dataclass_fields__) - set(values)
            values.update({k: v for k, v in rec.items() if k in known})
            try:
                rows.append(cls(**values))
            except (TypeError, ValueError) as exc:
                raise AnnotationError(str(exc), field=f"{name}[{i}]", doc_id=doc_id) from None
        out[name] = tuple(rows)
    return out


def make_entity(
    text: str,
    start: int,
    end: int,
    label: str,
    score: float | None = None,
    id: str | None = None,
    source: str | None = None,
    rule: str | None = None,
) -> Entity:
    """Build an :class:`Entity` whose ``text`` is cut from ``text``."""
    return Entity(
        start=start, end=end, label=label, text=text[start:end], score=score, id=id, source=source, rule=rule
    )


def entities_overlap(entities: Sequence[Entity]) -> list[tuple[Entity, Entity]]:
    """Return the overlapping pairs among ``entities`` (sorted sweep)."""
    ordered = sorted(entities, key=lambda e: (e.start, e.end))
    pairs = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.start >= a.end:
                break
            pairs.append((a, b))
    return pairs
