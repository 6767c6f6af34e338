"""Normalised readings of METRIC (+ UNIT) spans: value, scale, range, ratio, qualifier.

The parser is small; the words live in ``data/records/numbers_vi.yaml`` and
``data/records/units_vi.yaml``.

Example:
    >>> r = parse_number("hơn 6.164", "tỷ đồng")
    >>> r.value, r.qualifier, r.normalized_unit
    (6164000000000.0, 'over', 'VND')
    >>> r = parse_number("852/453", "đảng viên")
    >>> r.achieved, r.planned, r.normalized_unit
    (852.0, 453.0, 'đảng viên')
    >>> r = parse_number("24", "%", context="doanh thu tăng")
    >>> r.value, r.percent, r.direction
    (24.0, True, 'increase')
    >>> parse_number("8-8,5", "%").value_max
    8.5
    >>> parse_number("hàng trăm", "người").qualifier
    'about'
    >>> parse_number("106.82").ambiguous
    True
    >>> parse_number("chưa rõ").reason
    'no number found'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._data import clean, load, match_phrase, phrase_table
from .words import Quantity, is_literal, read_quantity, tokenize

__all__ = ["NumberReading", "normalize_unit", "parse_number"]

_NUMBERS = "numbers_vi.yaml"
_UNITS = "units_vi.yaml"
_SPACED_DIGITS = re.compile(r"\d+(?: \d+)+")
_RANGE_SEPARATORS = ("-", "~", "đến", "tới")


@dataclass(frozen=True)
class NumberReading:
    """The normalised reading of one METRIC span (and its UNIT).

    Attributes:
        text: The metric text as given.
        value: The number with the unit's scale applied (``hơn 6.164`` + ``tỷ
            đồng`` -> 6.164e12); the lower bound of a range; the achieved count of
            a ratio; ``None`` when no number could be read.
        value_max: The upper bound of a range (``8-8,5``, ``từ 5 đến 7``).
        achieved: The first number of a ratio ``852/453``.
        planned: The second number of a ratio.
        qualifier: One of over, under, about, nearly, up_to, at_least, at_most,
            average, more_than, less_than, only; ``None`` when exact.
        direction: ``increase`` or ``decrease`` when the span or the words just
            before it say tăng/giảm.
        percent: Whether the unit is ``%`` / ``phần trăm``.
        multiplier: The factor of ``gấp 1,3 lần`` (also in ``value``).
        normalized_unit: ``VND``, ``USD``, ``%``, ``m``, ``m2``, ``km``, ``ha``,
            ``person``, ``age_years`` …, ``times`` for multipliers, a rate such as
            ``VND/m2``, or the counted noun itself lower-cased (``đảng viên``).
        scale: The factor applied from scale words of the unit (1.0 when none).
        ambiguous: Whether the reading is uncertain (see ``reason``).
        reason: Why the reading is ambiguous or missing.
    """

    text: str
    value: float | None = None
    value_max: float | None = None
    achieved: float | None = None
    planned: float | None = None
    qualifier: str | None = None
    direction: str | None = None
    percent: bool = False
    multiplier: float | None = None
    normalized_unit: str | None = None
    scale: float = 1.0
    ambiguous: bool = False
    reason: str | None = None


def _unit_scale(words: list[str]) -> tuple[float, list[str]]:
    """Leading scale words of a unit (``tỷ đồng`` -> 1e9, ``["đồng"]``)."""
    scales = load(_NUMBERS)["scales"]
    factor, i = 1.0, 0
    while i < len(words) and words[i] in scales:
        factor *= float(scales[words[i]])
        i += 1
    return factor, words[i:]


def _alias(phrase: str) -> str | None:
    aliases = load(_UNITS)["aliases"]
    return aliases.get(phrase) or aliases.get(phrase.replace(" ", ""))


def _counted_noun(phrase: str) -> str | None:
    abbreviations = load(_UNITS)["abbreviations"]
    words = [abbreviations.get(w, w) for w in phrase.split()]
    return " ".join(words) or None


def normalize_unit(unit_text: str | None) -> tuple[str | None, float]:
    """Normalise a unit: ``(code or counted noun, scale factor)``.

    Args:
        unit_text: The UNIT span, e.g. ``"tỷ đồng"``, ``"triệu đồng / m2"``, ``"ĐV"``.

    Returns:
        The normalised unit (``None`` for none or a small bare scale word; ``VND``
        for a bare scale word of a million or more, "150 tỷ") and the product of
        its leading scale words.

    Example:
        >>> normalize_unit("tỷ đồng")
        ('VND', 1000000000.0)
        >>> normalize_unit("triệu đồng / m²")
        ('VND/m2', 1000000.0)
        >>> normalize_unit("tỷ"), normalize_unit("nghìn")
        (('VND', 1000000000.0), (None, 1000.0))
        >>> normalize_unit("lượt ĐV")
        ('lượt đảng viên', 1.0)
        >>> normalize_unit("vụ / 10.000 dân")
        ('vụ/10000 person', 1.0)
    """
    if not unit_text:
        return None, 1.0
    text = clean(unit_text).strip(" .,;:()")
    if not text:
        return None, 1.0
    numerator, _, denominator = text.partition("/")
    factor, words = _unit_scale(numerator.split())
    head = " ".join(words)
    unit = _alias(head) or _counted_noun(head) if head else None
    units = load(_UNITS)
    if not head and not denominator.strip() and factor >= float(units.get("bare_money_min_scale", float("inf"))):
        unit = units.get("bare_money_scale")  # "hơn 150 tỷ": a bare large scale word is money
    if denominator.strip():
        den_words = denominator.split()
        if den_words and is_literal(den_words[0]):
            q = read_quantity(den_words, 0)
            count = f"{q.value:g} " if q is not None and q.value != 1 else ""
            den_words = den_words[1:]
        else:
            count = ""
        den_phrase = " ".join(den_words)
        den_unit = _alias(den_phrase) or _counted_noun(den_phrase) or ""
        unit = f"{unit or ''}/{count}{den_unit}"
    return unit, factor


def _split_spaced_digits(text: str) -> tuple[str, str | None]:
    """Join digit groups split by spaces (``10 000``; garbled ``5 4/5 4``)."""
    reason = None

    def join(m: re.Match) -> str:
        nonlocal reason
        groups = m.group(0).split(" ")
        if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
            return "".join(groups)  # a space between thousands
        reason = "digits separated by spaces"
        return "".join(groups)

    return _SPACED_DIGITS.sub(join, text), reason


def _read(tokens: list[str], i: int) -> Quantity | None:
    if i < len(tokens):
        return read_quantity(tokens, i)
    return None


def _direction(words: list[str]) -> str | None:
    table = phrase_table(_NUMBERS, "directions")
    found = None
    for i in range(len(words)):
        hit = match_phrase(words, i, table)
        if hit:
            found = hit[1]
    return found


def _context_words(context: str) -> list[str]:
    window = int(load(_NUMBERS)["direction_window"])
    text = re.split(r"[,;:.()\[\]!?\n]", clean(context))[-1] if context else ""
    return text.split()[-window:]


def parse_number(metric_text: str, unit_text: str | None = None, context: str = "") -> NumberReading:
    """Read the number of a METRIC span with its UNIT.

    Args:
        metric_text: The METRIC span, e.g. ``"hơn 105.981"``, ``"17/17"``,
            ``"hai mươi mốt"``, ``"16.000m"`` (an attached unit is used when
            ``unit_text`` is not given).
        unit_text: The UNIT span linked to it, if any (``"tỷ đồng"``, ``"%"``).
        context: Text just before the span; its last few words give the
            direction (tăng/giảm) and the ``gấp`` of a multiplier.

    Returns:
        A :class:`NumberReading`; never raises: unreadable input gives
        ``value=None, ambiguous=True`` and a ``reason``.

    Example:
        >>> parse_number("1,3", "lần", context="cao gấp").multiplier
        1.3
        >>> r = parse_number("10.000.000đ")
        >>> r.value, r.normalized_unit
        (10000000.0, 'VND')
        >>> parse_number("từ 5 đến 7", "tỷ đồng").value_max
        7000000000.0
    """
    try:
        return _parse(metric_text, unit_text, context)
    except Exception as exc:  # noqa: BLE001 - bad input never raises
        return NumberReading(text=str(metric_text), ambiguous=True, reason=f"parse error: {exc!r}")


def _parse(metric_text: str, unit_text: str | None, context: str) -> NumberReading:
    if not isinstance(metric_text, str):
        return NumberReading(text=repr(metric_text), ambiguous=True, reason="metric text is not a string")
    vocab = load(_NUMBERS)
    text, reason = _split_spaced_digits(clean(metric_text))
    tokens = tokenize(text)
    qualifiers = phrase_table(_NUMBERS, "qualifiers")
    directions = phrase_table(_NUMBERS, "directions")
    qualifier = direction = None
    gap = False
    is_range = False
    i = 0
    while i < len(tokens):  # prefix words: direction, gấp, qualifiers, "từ"
        if tokens[i] in vocab["multiplier_cues"]:
            gap, i = True, i + 1
            continue
        hit = match_phrase(tokens, i, directions)
        if hit:
            direction, i = hit[1], i + hit[0]
            continue
        if tokens[i] in vocab["range_prefixes"]:
            is_range, i = True, i + 1
            continue
        hit = match_phrase(tokens, i, qualifiers)
        if hit and _read(tokens, i + hit[0]) is not None:
            qualifier, i = hit[1], i + hit[0]
            continue
        break
    first = _read(tokens, i)
    multiplier = None
    if first is None and gap and i < len(tokens) and tokens[i] in vocab["multiplier_words"]:
        first = Quantity(float(vocab["multiplier_words"][tokens[i]]), i + 1)
    if first is None:
        return NumberReading(
            text=metric_text, qualifier=qualifier, direction=direction, ambiguous=True, reason="no number found"
        )
    value, value_max, achieved, planned = first.value, None, None, None
    reason = reason or first.reason
    if first.approximate and qualifier is None:
        qualifier = "about"
    j = first.end
    if j + 1 < len(tokens) and tokens[j] == "/":
        second = _read(tokens, j + 1)
        if second is not None:
            achieved, planned, j = first.value, second.value, second.end
            reason = reason or second.reason
    elif j + 1 < len(tokens) and tokens[j] in _RANGE_SEPARATORS:
        second = _read(tokens, j + 1)
        if second is not None:
            if first.scale == 1.0 and second.scale != 1.0:
                value *= second.scale  # "15-20 triệu": the scale serves both
            value_max, j = second.value, second.end
            reason = reason or second.reason
    rest = tokens[j:]
    postfix = phrase_table(_NUMBERS, "postfix_qualifiers")
    for k in range(len(rest)):
        hit = match_phrase(rest, k, postfix)
        if hit:
            qualifier = qualifier or hit[1]
            rest = rest[:k] + rest[k + hit[0] :]
            break
    if unit_text:
        unit_words = clean(unit_text).split()
        for k in range(len(unit_words)):
            hit = match_phrase(unit_words, k, postfix)
            if hit:  # "người trở lên"
                qualifier = qualifier or hit[1]
                unit_text = " ".join(unit_words[:k] + unit_words[k + hit[0] :])
                break
    attached = " ".join(rest).replace(" / ", "/").strip() or None
    unit, factor = normalize_unit(unit_text if unit_text else attached)
    ctx = _context_words(context)
    if direction is None:
        direction = _direction(ctx)
    if not gap and ctx and ctx[-1] in vocab["multiplier_cues"]:
        gap = True
    if gap and (unit is None or unit in vocab["multiplier_unit"]):
        multiplier, unit = value, "times"
    if factor != 1.0:
        value = value * factor
        value_max = value_max * factor if value_max is not None else None
        if achieved is not None:
            achieved, planned = achieved * factor, planned * factor
            value = achieved
    if achieved is not None:
        value = achieved
    if is_range and value_max is None and qualifier is None:
        qualifier = "at_least"  # "từ 5 người" = from 5 up
    return NumberReading(
        text=metric_text,
        value=value,
        value_max=value_max,
        achieved=achieved,
        planned=planned,
        qualifier=qualifier,
        direction=direction,
        percent=unit == "%",
        multiplier=multiplier,
        normalized_unit=unit,
        scale=factor,
        ambiguous=reason is not None,
        reason=reason,
    )
