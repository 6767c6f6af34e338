"""Normalisation of metric values and dates (issue 13): pure functions over span text.

* :func:`parse_number` reads a METRIC span (+ its UNIT) into a :class:`NumberReading`
  (value with scale, range, ratio, qualifier, direction, unit code);
* :func:`parse_date` reads a DATE span into a :class:`DateReading` (inclusive ISO
  interval and kind).

The vocabularies live in ``vnparty_ie/data/records/*.yaml``.

Example:
    >>> parse_number("hơn 6.164", "tỷ đồng").value
    6164000000000.0
    >>> parse_date("quý III/2023").start
    '2023-07-01'
"""

from .dates import DateReading, parse_date
from .numbers import NumberReading, normalize_unit, parse_number

__all__ = ["DateReading", "NumberReading", "normalize_unit", "parse_date", "parse_number"]
