"""Numbers in digits and in words: literals, tokens and the quantity reader.

Vietnamese writes ``.`` between thousands and ``,`` before decimals; a literal
that breaks that convention is read the Vietnamese way where it can be and
flagged ambiguous.

Example:
    >>> parse_literal("6.164")
    (6164.0, None)
    >>> parse_literal("98,5")
    (98.5, None)
    >>> parse_literal("106.82")
    (106.82, 'dot followed by 2 digits: decimal point or thousands separator?')
    >>> q = read_quantity(tokenize("một nghìn hai trăm"), 0)
    >>> q.value, q.end
    (1200.0, 4)
    >>> read_quantity(tokenize("hàng trăm"), 0).approximate
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._data import load

__all__ = ["Quantity", "is_literal", "parse_literal", "read_quantity", "tokenize"]

_NUMBERS = "numbers_vi.yaml"

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[23²³](?!\d))?|\S")
_LITERAL = re.compile(r"\d+(?:[.,]\d+)*$")
_VN_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_EN_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def tokenize(text: str) -> list[str]:
    """Split cleaned text into number literals, words and single symbols.

    Example:
        >>> tokenize("hơn 16.000m2, 8-8,5%")
        ['hơn', '16.000', 'm2', ',', '8', '-', '8,5', '%']
    """
    return _TOKEN.findall(text)


def is_literal(token: str) -> bool:
    """Whether ``token`` is a number written in digits."""
    return bool(_LITERAL.match(token))


def parse_literal(token: str) -> tuple[float | None, str | None]:
    """Read a number written in digits with Vietnamese separators.

    Args:
        token: Digits with ``.`` and ``,`` separators, e.g. ``"105.981"``.

    Returns:
        ``(value, reason)``: ``reason`` is ``None`` when the reading is certain and
        says why otherwise; ``value`` is the most likely reading (Vietnamese
        convention first) or ``None``.

    Example:
        >>> parse_literal("1,250")
        (1.25, 'comma followed by 3 digits: decimal comma or English thousands separator?')
        >>> parse_literal("10.000.000")
        (10000000.0, None)
        >>> parse_literal("1,234,567")
        (1234567.0, None)
    """
    if token.isdigit():
        return float(token), None
    if _VN_THOUSANDS.match(token):
        return float(token.replace(".", "").replace(",", ".")), None
    if "." not in token and token.count(",") == 1:
        whole, frac = token.split(",")
        if len(frac) == 3 and len(whole) <= 3 and whole != "0":
            return float(
                whole + "." + frac
            ), "comma followed by 3 digits: decimal comma or English thousands separator?"
        return float(whole + "." + frac), None
    if _EN_THOUSANDS.match(token):
        value = float(token.replace(",", ""))
        if token.count(",") >= 2 and "." not in token:
            return value, None  # two comma groups cannot be a decimal
        return value, "English-style grouping (comma thousands, dot decimal)"
    if "," not in token and token.count(".") == 1:
        whole, frac = token.split(".")
        return float(token), f"dot followed by {len(frac)} digits: decimal point or thousands separator?"
    return None, f"unreadable digit grouping {token!r}"


@dataclass(frozen=True)
class Quantity:
    """A number read from tokens.

    Attributes:
        value: The value, scale words applied.
        end: Index of the first token after the number.
        approximate: A round number made vague ("hàng trăm", "vài chục").
        scale: Product of the scale words after the last digits (1 when none).
        reason: Why a digit literal is ambiguous, or ``None``.
    """

    value: float
    end: int
    approximate: bool = False
    scale: float = 1.0
    reason: str | None = None


def _vocab() -> dict:
    return load(_NUMBERS)


def read_quantity(tokens: list[str], i: int) -> Quantity | None:
    """Read one number (digits and/or words, with scale words) at ``tokens[i]``.

    Handles ``hai``, ``mười lăm``, ``ba mươi``, ``hai mươi mốt``, ``một trăm lẻ năm``,
    ``một nghìn hai trăm``, ``trăm``, ``một nửa``, ``một triệu rưỡi``, ``hàng
    nghìn``, ``2,5 tỷ``, ``40 vạn``, ``nghìn tỷ`` and the colloquial ``một trăm hai``
    (= 120).

    Args:
        tokens: Tokens from :func:`tokenize`.
        i: Start index.

    Returns:
        The quantity, or ``None`` when no number starts at ``i``.

    Example:
        >>> read_quantity(tokenize("năm mươi lăm người"), 0).value
        55.0
        >>> read_quantity(tokenize("2,5 tỷ đồng"), 0).value
        2500000000.0
        >>> read_quantity(tokenize("đảng viên"), 0) is None
        True
    """
    v = _vocab()
    digits, scales, fractions = v["digits"], v["scales"], v["fractions"]
    total = current = 0.0
    pending: float | None = None
    pending_after: str | None = None
    prev: str | None = None
    seen = approx = False
    max_scale = last_scale = 1.0
    trailing_scale = 1.0
    reason = None
    j = i
    if j < len(tokens) and tokens[j] in v["approximate_prefixes"] and j + 1 < len(tokens):
        nxt = tokens[j + 1]
        if nxt in scales or nxt in v["hundred"] or nxt in v["tens_multiplier"] or nxt in v["ten"]:
            approx = True
            j += 1
    while j < len(tokens):
        tok = tokens[j]
        if is_literal(tok):
            if seen:
                break
            value, reason = parse_literal(tok)
            if value is None:
                return None
            current, prev, seen, trailing_scale = value, "literal", True, 1.0
        elif tok in v["zero_fillers"] and prev in ("hundred", "scale"):
            prev = "filler"
        elif tok in digits and digits[tok] is not None:
            d = float(digits[tok])
            if prev in ("tens", "ten"):
                current += d
                prev = "unit"
            elif prev in (None, "scale", "hundred", "filler"):
                pending, pending_after, prev = d, prev, "digit"
            else:
                break
            seen = True
        elif tok in v["ten"]:
            if prev not in (None, "scale", "hundred", "filler"):
                break
            current += 10
            prev, seen = "ten", True
        elif tok in v["tens_multiplier"]:
            if prev not in (None, "digit"):
                break
            current += (pending if pending is not None else 1.0) * 10
            pending, prev, seen = None, "tens", True
        elif tok in v["hundred"]:
            if prev == "literal":
                current *= 100
            elif prev in (None, "digit", "scale"):
                current += (pending if pending is not None else 1.0) * 100
            else:
                break
            pending, prev, seen = None, "hundred", True
        elif tok in scales:
            s = float(scales[tok])
            group = current + (pending or 0.0)
            if group == 0 and total == 0:
                group = 1.0
            if s > max_scale:
                total, max_scale = (total + group) * s, s
            else:
                total += group * s
            trailing_scale = trailing_scale * s if prev == "scale" else s
            current, pending, prev, seen, last_scale = 0.0, None, "scale", True, s
        elif (
            tok in fractions
            and tok != "nửa"
            and prev in ("scale", "hundred", "literal", "digit", "unit", "ten", "tens")
        ):
            if prev == "scale":
                total += fractions[tok] * last_scale
            elif prev == "hundred":
                current += 50
            elif prev == "digit" and pending_after == "scale":
                break  # "một nghìn hai rưỡi": not a number form
            else:
                current += (pending or 0.0) + fractions[tok]
                pending = None
            prev = "frac"
        elif tok == "nửa" and prev in (None, "digit") and (pending in (None, 1.0)):
            current, pending, prev, seen = 0.5, None, "frac", True
        else:
            break
        j += 1
    if not seen:
        return None
    if pending is not None:
        if pending_after == "hundred":
            pending *= 10  # "một trăm hai" = 120
        elif pending_after == "scale" and last_scale >= 1000:
            pending *= last_scale / 10  # "một nghìn hai" = 1200
        current += pending
    return Quantity(total + current, j, approx, trailing_scale if prev == "scale" else 1.0, reason)
