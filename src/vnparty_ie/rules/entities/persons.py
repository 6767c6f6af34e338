"""PERSON rules: names in capitalised runs, bylines and photo credits.

Names are looked for in the text no earlier rule covered: a capitalised run that
starts with a family name, after a title, an honorific or an entity, or alone
when long enough; a line holding only a name (a byline); "Ảnh: X".

Example:
    >>> v = "Ông Nguyễn Văn An phát biểu."
    >>> [(c.rule, v[c.start:c.end]) for c in persons(v, [])]
    [('person.name', 'Nguyễn Văn An')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import Rule
from ..words import WORDS as W
from ..words import capitalised
from .grammar import LO, UP, WE, alt, norm, rx
from .places import PERSON_PLACE_CUES, PLACE_SET, RUN_RE, SURNAMES
from .spans import T_WEAK, Candidate, coverage, uncovered_pieces

__all__ = ["RULES", "persons"]

#: The rules of this module; code proposes their spans (:func:`persons`).
RULES: list[Rule] = [
    Rule("person.name", "PERSON", tier=T_WEAK, doc="a capitalised run that is a name: Ông «Nguyễn Văn An»"),
    Rule("person.byline", "PERSON", tier=T_WEAK, doc="a line holding only a name: «MINH ANH»"),
    Rule("person.photo_credit", "PERSON", tier=T_WEAK, doc="the name in a photo credit: Ảnh: «Văn Nam»"),
    Rule("person.uncle_ho", "PERSON", tier=T_WEAK, doc="«Bác Hồ»"),
    Rule("loc.place_before_name", "LOC", tier=T_WEAK, doc="a known place opening a name run: Bí thư «Vĩnh Phúc» Phạm Văn A"),
]

#: Honorifics in both cases ("ông", "Ông"): a name follows.
_HONORIFIC_RE = rx(rf"(?:^|(?<=\W)){alt(W.HONORIFICS + capitalised(W.HONORIFICS))}\s+$")
#: Capitalised one-word honorifics that may open a run ("Ông Nguyễn Văn A").
_CAP_HONORIFICS = frozenset(w for w in capitalised(W.HONORIFICS) if " " not in w)
#: First words of the honorifics ("đồng" of "đồng chí").
_HONORIFIC_FIRST_WORDS = frozenset(norm(w.split()[0]) for w in W.HONORIFICS)
_NOT_NAMES = frozenset(W.NOT_NAMES)
_BYLINE_RE = rx(
    rf"(?m)^[ \t]*(?P<name>(?:[{UP}]{{2,}}|[{UP}][{LO}]+)(?:[ \t]+(?:[{UP}]{{2,}}|[{UP}][{LO}]+)){{1,3}}|[{UP}]\.[{UP}](?:\.[{UP}])?)[ \t]*$"
)
_PHOTO_CREDIT_RE = rx(
    rf"(?:Ảnh|ẢNH|[Bb]ài\s+và\s+ảnh|[Bb]ài,\s+ảnh|[Bb]ài\s*/\s*ảnh)[ ]*:[ ]*"
    rf"(?P<name>(?:[{UP}][{LO}]+|[{UP}]{{2,}})(?:[ ]+(?:[{UP}][{LO}]+|[{UP}]{{2,}})){{1,3}}){WE}"
)



def _looks_like_name(words: list[str], strict: bool) -> bool:
    """Tell whether capitalised words look like a Vietnamese personal name."""
    if not 2 <= len(words) <= 4:
        return False
    if any(not w[0].isupper() for w in words):
        return False
    if strict and norm(words[0]) not in SURNAMES:
        return False
    return not any(w in _NOT_NAMES for w in words[1:])




def persons(v: str, taken: list[Candidate]) -> Iterator[Candidate]:
    """PERSON candidates in the text not covered by ``taken``: bylines, photo credits, names."""
    covered = coverage(v, taken)
    ends = {c.end: c for c in taken}
    starts = {c.start: c for c in taken}
    for m in _BYLINE_RE.finditer(v):
        s, e = m.span("name")
        text = v[s:e]
        if norm(text) in PLACE_SET or any(covered[s:e]):
            continue
        words = text.split()
        if all(w.isupper() for w in words) and any(len(w) <= 1 for w in words):
            continue
        if any(w.capitalize() in _NOT_NAMES or w in _NOT_NAMES for w in words):
            continue
        if all(w.isupper() for w in words) or "." in text or _looks_like_name(words, strict=False):
            yield Candidate(s, e, "PERSON", T_WEAK, "person.byline")
    for m in _PHOTO_CREDIT_RE.finditer(v):
        s, e = m.span("name")
        if not any(covered[s:e]):
            yield Candidate(s, e, "PERSON", T_WEAK, "person.photo_credit")
    for m in re.finditer(r"Bác\s+Hồ" + WE, v):
        yield Candidate(m.start(), m.end(), "PERSON", T_WEAK, "person.uncle_ho")
    for m in RUN_RE.finditer(v):
        # Split the run at covered characters.
        for s, e in uncovered_pieces(v, m.start(), m.end(), covered):
            yield from _person_in_run(v, s, e, ends, starts)

def _person_in_run(
    v: str, s: int, e: int, ends: dict[int, Candidate], starts: dict[int, Candidate]
) -> Iterator[Candidate]:
    toks = [(t.start(), t.end()) for t in re.finditer(r"\S+", v[s:e])]
    toks = [(s + a, s + b) for a, b in toks]
    words = [v[a:b] for a, b in toks]
    if not words:
        return
    before = v[max(0, s - 30) : s]
    honorific = bool(_HONORIFIC_RE.search(before))
    after_entity = False
    j = s - 1
    while j >= 0 and v[j] == " ":
        j -= 1
    if j + 1 in ends and ends[j + 1].label in ("POSITION", "ORG", "LOC"):
        after_entity = True
    k = e
    while k < len(v) and v[k] in " ,":
        k += 1
    before_position = k in starts and starts[k].label == "POSITION" and "," in v[e:k]
    # Drop a sentence-initial capitalised word before the family name ("Theo Nguyễn Văn A").
    first = 0
    if words[0] in _CAP_HONORIFICS and len(words) >= 2:
        first = 1
        honorific = True
    elif norm(words[0]) not in SURNAMES and len(words) >= 3 and norm(words[1]) in SURNAMES:
        first = 1
        honorific = honorific or norm(words[0]).lower() in _HONORIFIC_FIRST_WORDS
    words, toks = words[first:], toks[first:]
    # A known place may open the run before the name ("Bộ Ngoại giao Việt Nam Lê Thị Thu Hằng").
    for k in range(min(3, len(words) - 2), 0, -1):
        if norm(" ".join(words[:k])) in PLACE_SET and norm(words[k]) in SURNAMES and 2 <= len(words) - k <= 4:
            # The place itself is a LOC ("Bí thư Vĩnh Phúc Phạm Văn A": POSITION + LOC + PERSON).
            yield Candidate(toks[0][0], toks[k - 1][1], "LOC", T_WEAK, "loc.place_before_name")
            words, toks = words[k:], toks[k:]
            after_entity = True
            break
    n = len(words)
    if n == 0 or n > 4 or any(w.isupper() and len(w) > 1 for w in words):
        return
    text = v[toks[0][0] : toks[-1][1]]
    if norm(text) in PLACE_SET:
        if not PERSON_PLACE_CUES.search(v, max(0, toks[0][0] - 20), toks[0][0]):
            return
    elif any(
        norm(" ".join(words[i:j])) in PLACE_SET
        for i in range(n if norm(words[0]) not in SURNAMES else 1)
        for j in range(i + 2, n + 1)
    ):
        # "Chu Lai Quảng Nam", "Hà Lan Carola …": a place opens the run, or sits in a run
        # that does not start with a family name. After a family name, given names may
        # spell a place ("Lê Thanh Liêm", "Trần Đức Anh Sơn").
        return
    if words[0] in _NOT_NAMES and not (honorific and n >= 3):
        return  # "Ông Tập Cận Bình": after an honorific, a three-word run is a name
    surname = norm(words[0]) in SURNAMES
    if (
        honorific
        and (n >= 2 or (len(words[0]) > 1 and words[0] not in _NOT_NAMES))
        or surname
        and n >= 2
        and (after_entity or before_position)
        or surname
        and n >= 3
        and _looks_like_name(words, strict=True)
    ):
        ok = True
    else:
        ok = False
    if ok:
        yield Candidate(toks[0][0], toks[-1][1], "PERSON", T_WEAK, "person.name")
