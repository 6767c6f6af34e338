"""Assemble the rows researchers want from entities and relations: metric, post and date records.

:func:`add_records` returns the extraction with :attr:`~vnparty_ie.types.Extraction.metrics`
(one :class:`~vnparty_ie.types.Metric` per METRIC: its unit, target and period
entities and the normalised value), :attr:`~vnparty_ie.types.Extraction.positions`
(one :class:`~vnparty_ie.types.Post` per person -> post -> organisation chain) and
:attr:`~vnparty_ie.types.Extraction.dates` filled in.

Example:
    >>> from vnparty_ie.types import Extraction, Relation, make_entity
    >>> t = "Năm 2023, Quận ủy kết nạp hơn 6.164 đảng viên; Bí thư Quận ủy Bùi Huyền Mai chủ trì."
    >>> def ent(s, label):
    ...     i = t.index(s)
    ...     return make_entity(t, i, i + len(s), label)
    >>> d, m, u, g = ent("Năm 2023", "DATE"), ent("hơn 6.164", "METRIC"), ent("đảng viên", "UNIT"), ent("kết nạp", "TARGET")
    >>> p, o, n = ent("Bí thư", "POSITION"), ent("Quận ủy Bùi", "ORG"), ent("Bùi Huyền Mai", "PERSON")
    >>> rels = [Relation(m, u, "unit"), Relation(m, g, "target"), Relation(m, d, "period"), Relation(n, p, "position")]
    >>> doc = add_records(Extraction(t, sorted([d, m, u, g, p, n], key=lambda e: e.start), rels))
    >>> r = doc.metrics[0]
    >>> (r.value, r.qualifier, r.unit_normalized, r.target.text, r.period_start, r.period_end)
    (6164.0, 'over', 'đảng viên', 'kết nạp', '2023-01-01', '2023-12-31')
    >>> [(x.person.text, x.position.text, x.organization) for x in doc.positions]
    [('Bùi Huyền Mai', 'Bí thư', None)]
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import replace

from ..types import DateValue, Entity, Extraction, Metric, Post
from .dates import parse_date
from .numbers import parse_number
from .posts import post_status

__all__ = ["add_records", "metric_context"]

#: How far back (characters) the sentence context of a number is read for its direction.
CONTEXT_CHARS = 80
_BOUNDARY = re.compile(r"[.;!?\n]")


def metric_context(text: str, metric: Entity) -> str:
    """The clause before a METRIC (back to the previous sentence or clause break, at most 80 characters).

    Example:
        >>> from vnparty_ie.types import make_entity
        >>> t = "Năm trước giảm. Năm nay tăng 24%."
        >>> metric_context(t, make_entity(t, 29, 31, "METRIC"))
        ' Năm nay tăng '
    """
    left = text[max(0, metric.start - CONTEXT_CHARS) : metric.start]
    cut = None
    for cut in _BOUNDARY.finditer(left):
        pass
    return left[cut.end() :] if cut else left


def _first_tail(doc: Extraction, head: Entity, label: str) -> Entity | None:
    for rel in doc.relations:
        if rel.head == head and rel.label == label:
            return rel.tail
    return None


def _metric(doc: Extraction, metric: Entity, dates: dict[Entity, DateValue], text: str) -> Metric:
    unit = _first_tail(doc, metric, "unit")
    target = _first_tail(doc, metric, "target")
    period = _first_tail(doc, metric, "period")
    try:
        reading = parse_number(_read(text, metric), _read(text, unit) if unit else None, metric_context(text, metric))
    except Exception as exc:  # noqa: BLE001 - a record never breaks extraction; the reason is kept
        return Metric(metric, unit, target, period, ambiguous=True, reason=f"parser error: {exc}")
    when = dates.get(period) if period is not None else None
    return Metric(
        metric=metric,
        unit=unit,
        target=target,
        period=period,
        value=reading.value,
        value_max=reading.value_max,
        achieved=reading.achieved,
        planned=reading.planned,
        qualifier=reading.qualifier,
        direction=reading.direction,
        percent=bool(reading.percent),
        unit_normalized=reading.normalized_unit,
        period_start=when.start if when else None,
        period_end=when.end if when else None,
        ambiguous=bool(reading.ambiguous),
        reason=reading.reason,
    )


def _read(text: str, entity: Entity) -> str:
    """The surface of ``entity`` in ``text`` (the document or a same-length reading of it)."""
    return text[entity.start : entity.end]


def _date(entity: Entity, doc_date: _dt.date | None, text: str) -> DateValue:
    try:
        reading = parse_date(_read(text, entity), doc_date)
    except Exception:  # noqa: BLE001 - unparsable dates keep their text with no value
        return DateValue(entity)
    return DateValue(entity, start=reading.start, end=reading.end, kind=reading.kind)


def _posts(doc: Extraction, text: str) -> list[Post]:
    posts = []
    for rel in doc.relations:
        if rel.label == "position" and rel.head.label == "PERSON":
            org = _first_tail(doc, rel.tail, "organization")
            posts.append(Post(rel.head, rel.tail, org, status=post_status(text, rel.tail)))
    return sorted(posts, key=lambda p: (p.position.start, p.person.start))


def add_records(doc: Extraction, doc_date: _dt.date | str | None = None, view: str | None = None) -> Extraction:
    """Return ``doc`` with its metric, post and date records filled in.

    Args:
        doc: An extraction (entities and relations).
        doc_date: The document's date (a ``date`` or ISO string), for relative
            dates such as ``năm nay``; without it they keep ``None`` values.
        view: A reading of ``doc.text`` of the same length to read the values
            from (the extractor's, with diacritics put back or mojibake
            decoded); ``doc.text`` itself by default.

    Raises:
        ValueError: When ``doc_date`` is a string that is not an ISO date, or
            ``view`` is not as long as the text.
    """
    if isinstance(doc_date, str):
        doc_date = _dt.date.fromisoformat(doc_date[:10])
    text = doc.text if view is None else view
    if len(text) != len(doc.text):
        raise ValueError(f"view has {len(text)} characters, the text {len(doc.text)}")
    dates = {e: _date(e, doc_date, text) for e in doc.entities if e.label == "DATE"}
    metrics = [_metric(doc, e, dates, text) for e in doc.entities if e.label == "METRIC"]
    return replace(doc, metrics=tuple(metrics), positions=tuple(_posts(doc, text)), dates=tuple(dates.values()))
