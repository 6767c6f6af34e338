"""Repairs of classifier spans by the guidelines' readings (applied when the classifier and the rules compose).

The classifier learned its spans from teacher-labelled articles; a few of its
habits contradict readings that the rules encode. :func:`repair` fixes them on
each classifier entity of a composed pipeline (:mod:`vnparty_ie.combine`),
keeping the entity's source and score:

* a METRIC loses a comparison's "hơn" or a verb's "tới" ("cao hơn «15»%",
  "lên tới «8,5»%"), as rule ``metric.number`` reads them;
* a DATE that runs a term together with other times keeps the term
  («khoá XII» «tháng 12/2018»; a term is always a DATE of its own) and one that
  runs a duration into the years it spans keeps the duration («5 năm»
  «2016-2020»); the rules give the rest; a term cut short of its list takes
  the whole list («khoá XI, XII»); a function word at its end goes («năm 2023»
  toàn tỉnh);
* a METRIC gives a final scale word to the noun after it and a UNIT takes the
  scale word before it («khoảng 5» «triệu đảng viên»; guidelines v1.2:
  multipliers go with the UNIT);
* a TARGET loses a final directional particle of the figure's verb ("«Tốc độ
  tăng trưởng» lên tới 8,5%"; no TARGET of the train gold ends in one) and an
  opening generic head ("Số «phiếu tín nhiệm»"; guidelines v1.2);
* a POSITION ending in a head that the guidelines split from its body
  («Trưởng» «ban Tổ chức») takes a bare body word after it when no name of a
  body follows and no other entity covers it ("Phó trưởng «ban» của Trung
  ương" → «Phó trưởng ban»; guidelines: a post without a separate
  organisation name is the whole title).

Example:
    >>> from vnparty_ie.types import make_entity
    >>> t = "tỷ lệ nữ cao hơn 15%"
    >>> repair(t, make_entity(t, 13, 19, "METRIC", score=0.9)).text
    '15'
    >>> t = "khoảng 5 triệu đảng viên"
    >>> [repair(t, make_entity(t, *span, label, score=0.9)).text for span, label in (((0, 14), "METRIC"), ((15, 24), "UNIT"))]
    ['khoảng 5', 'triệu đảng viên']
    >>> t = "Tốc độ tăng trưởng lên tới 8,5%"
    >>> repair(t, make_entity(t, 0, 22, "TARGET", score=0.8)).text
    'Tốc độ tăng trưởng'
    >>> t = "Phó trưởng ban của Trung ương; Trưởng ban Tổ chức"
    >>> [repair(t, make_entity(t, *span, "POSITION", score=0.9)).text for span in ((0, 10), (31, 37))]
    ['Phó trưởng ban', 'Trưởng']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ...text.normalize import NormalizedText, normalize
from ...types import Entity
from ..words import WORDS as W
from .grammar import TERM, WE, YEAR, YEARS, alt, norm, rx
from .metrics import scale_before, scale_split, verb_qualifier_end
from .targets import GENERIC_HEAD_RE

__all__ = ["repair", "repair_all"]

#: Directional particles that close a figure's verb, never a TARGET ("tăng lên", "giảm xuống").
_DIRECTIONAL = frozenset(norm(w) for w in W.DIRECTIONAL_PARTICLES)


def repair(text: str, entity: Entity) -> Entity:
    """``entity`` with the guidelines' reading of its span (unchanged when none applies).

    Args:
        text: The text the entity's offsets point into.
        entity: A classifier entity.
    """
    return repair_all(text, [entity])[0]


def repair_all(text: str, entities: Sequence[Entity]) -> list[Entity]:
    """:func:`repair` of each entity, reading the text in the model's normalised view.

    The view (:func:`vnparty_ie.text.normalize.normalize`: NFC, ``Đ`` for ``Ð``,
    zero-width characters gone …) is what the rules read, so a repair holds
    however the caller's text is encoded; spans map back to ``text``.
    """
    if not any(e.label in _REPAIRED or e.label == "POSITION" for e in entities):
        return list(entities)
    nt = normalize(text)
    out = [_repair_in_view(nt, e) if e.label in _REPAIRED else e for e in entities]
    return [_with_bare_body(nt, e, out) if e.label == "POSITION" else e for e in out]


_REPAIRED = frozenset({"METRIC", "UNIT", "TARGET", "DATE"})
#: A term, always a DATE of its own (guidelines, boundary rule 5): "khoá XII", "khóa 14".
_TERM_RE = re.compile(r"(?<!\w)[Kk]h[oó][áa]\s+(?:[IVXLC]+|\d{1,2})(?!\w)")
#: Words that end no DATE of the gold ("toàn", "các", "đã" …; not "tới", "tại": "năm tới", "hiện tại").
_NEVER_LAST = frozenset(W.DATE_NEVER_LAST_WORDS)
_MINUTES_RE = re.compile(r"(?<=\d)[:h]\d{2}(?!\d)")
#: (one item, the list it may open): terms and years.
_DATE_LISTS = ((_TERM_RE, rx(TERM)), (rx(rf"[Nn]ăm\s+{YEAR}"), rx(YEARS)))
#: A duration before the years it spans, two DATEs (boundary rule 6): "«5 năm» «2016-2020»".
_DURATION_SPAN_RE = re.compile(r"\d{1,2}\s+năm(?=\s+\(?(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b)")


#: Heads the guidelines split from their body ("Trưởng" of «Trưởng» «ban Tổ chức»).
_SPLIT_HEADS = frozenset(norm(w) for w in W.SPLIT_POST_HEADS)
#: A bare body word after such a head, then no name: punctuation, the end, or a word no name opens with.
_BARE_BODY_RE = rx(
    rf"\s+{alt(W.BARE_POST_BODIES, 'first')}(?=\s*(?:[,.;:)]|$)|\s+{alt(W.BARE_POST_BODY_FOLLOWERS)}{WE})"
)


def _with_bare_body(nt: NormalizedText, post: Entity, entities: Sequence[Entity]) -> Entity:
    """``post`` with the bare body word after its head ("Phó trưởng «ban» của …"), or ``post`` itself."""
    v = nt.text
    vs, ve = nt.to_view(post.start, post.end)
    words = v[vs:ve].split()
    if not words or norm(words[-1].lower()) not in _SPLIT_HEADS or (body := _BARE_BODY_RE.match(v, ve)) is None:
        return post
    os_, oe = nt.to_original(vs, body.end())
    if any(e is not post and e.start < oe and post.end < e.end for e in entities):
        return post
    return replace(post, end=oe, text=nt.original[os_:oe])


def _repair_in_view(nt: NormalizedText, entity: Entity) -> Entity:
    v = nt.text
    vs, ve = nt.to_view(entity.start, entity.end)
    if vs >= ve:
        return entity
    start, end = vs, ve
    if entity.label == "METRIC":
        start = verb_qualifier_end(v, start)
        end = scale_split(v, start, end) or end
    elif entity.label == "UNIT":
        start = scale_before(v, start) or start
    elif entity.label == "DATE":
        # "khoá XII tháng 12/2018" is two DATEs: the classifier keeps the term, the rules give the rest.
        if (term := _TERM_RE.search(v, start, end)) is not None and v[start:end].strip() != term.group():
            start, end = term.span()
        elif (duration := _DURATION_SPAN_RE.match(v, start, end)) is not None:
            end = duration.end()
        if v[start:end][-1:].isdigit() and (clock := _MINUTES_RE.match(v, end)) is not None:
            end = clock.end()  # "04/12/2023 - 09«:19»": the minutes of a clock time belong to it
        while (last := re.search(r"\s(\S+)$", v[start:end])) is not None and last.group(1).lower() in _NEVER_LAST:
            end = start + last.start()  # "năm 2023 «toàn» tỉnh": a function word never ends a DATE
        for one, many in _DATE_LISTS:  # "khoá «XI, XII»", "năm «2016, 2017, 2018»": a list is one DATE
            if (whole := many.match(v, start)) is not None and whole.end() > end and one.fullmatch(v, start, end):
                end = whole.end()
    else:
        head, _, last = v[start:end].rpartition(" ")
        if head.strip() and norm(last.lower()) in _DIRECTIONAL:
            end = start + len(head.rstrip())
        generic = GENERIC_HEAD_RE.match(v, start, end)
        start = generic.end() if generic else start
    if (start, end) == (vs, ve) or start >= end:
        return entity
    os_, oe = nt.to_original(start, end)
    return replace(entity, start=os_, end=oe, text=nt.original[os_:oe])
