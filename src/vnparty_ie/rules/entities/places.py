"""LOC rules, and the place-name logic that organisations and persons share.

A run of capitalised words after an administrative word or a committee may go
on into a person's name ("Quận ủy Thanh Xuân Bùi Huyền Mai"); :func:`trim_place`
ends the place where a known place ends or a family name starts.

Example:
    >>> v = "quận Thanh Xuân Bùi Huyền Mai"
    >>> v[:trim_place(v, 5, len(v), after_level=True)]
    'quận Thanh Xuân'
    >>> [(c.rule, v2[c.start:c.end]) for v2 in ["tại Hà Nội"] for c in bare_places(v2)]
    [('loc.bare_place', 'Hà Nội')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import Rule
from ..words import WORDS as W
from .grammar import ADMIN_CI, ADMIN_LC, LO, PLACE, TP, UP, WE, WS, norm, rx
from .spans import T_NAMED, Candidate, sentence_start

__all__ = ["MIDDLE_NAMES", "PERSON_PLACE_CUES", "PLACE_SET", "RULES", "RUN_RE", "SURNAMES", "bare_places",
           "cut_person_tail", "finish_loc", "plausible_bare_place", "trim_place"]

PLACE_SET = frozenset(norm(t) for t in W.PROVINCES + W.DISTRICTS + W.COUNTRIES)
MIDDLE_NAMES = frozenset(norm(t) for t in W.MIDDLE_NAMES)
#: Head words of organisation names: a "place" after a committee that starts with
#: one is another organisation ("Ban cán sự đảng Bộ Công Thương").
_ORG_HEAD_WORDS = frozenset(norm(w) for w in W.ORG_HEAD_SYLLABLES)
SURNAMES = frozenset(norm(t) for t in W.SURNAMES)
_UNNUMBERED = frozenset(w.lower() for w in W.PLACE_WORDS_UNNUMBERED)
#: A name token for runs: capitalised word (also ALL-CAPS words for bylines).
RUN_RE = rx(rf"(?:[{UP}][{LO}]*|[{UP}]+){WE}(?: +(?:[{UP}][{LO}]*|[{UP}]+){WE})*")
_HYPHEN_TAIL_RE = rx(rf"\s*[-–]\s*((?:[{UP}][{LO}]*)(?: [{UP}][{LO}]*)*){WE}")
PERSON_PLACE_CUES = rx(
    r"(?:tư\s+tưởng|[Cc]hủ\s+tịch|Bác|[Đđ]ồng\s+chí|phong\s+cách|đạo\s+đức|lời\s+dạy|[Dd]i\s+chúc|gương)\s+$"
)


def finish_loc(v: str, m: re.Match[str]) -> tuple[int, int] | None:
    """Trim the place name (group ``p1``) after an administrative word; drop implausible ones."""
    s = m.start()
    ps, pe = m.span("p1")
    admin = v[s:ps].strip().lower()
    # Numbers name wards, hamlets and streets, not provinces or districts ("thành phố 7 năm").
    if v[ps].isdigit() and admin in _UNNUMBERED:
        return None
    # After "TP"/"tỉnh"/"thành phố" a personal name is no place ("Chủ tịch UBND TP Nguyễn Thành Phong");
    # after "phường"/"xã"/"quận" it may be (wards and streets are named after people).
    pe = trim_place(v, ps, pe, after_level=not re.fullmatch(r"(?:tp|t\.p|tỉnh|thành phố)\.?", admin))
    if pe <= ps or not _plausible_place_after_admin(v, ps, pe):
        return None
    return s, pe


def _r(rule_id: str, on_match: object, pattern: str) -> Rule:
    return Rule(rule_id, "LOC", pattern, on_match, tier=T_NAMED)  # type: ignore[arg-type]


RULES: list[Rule] = [
    # Administrative word + name: "quận Thanh Xuân", "Thị trấn Đông Anh", "TP. HCM".
    _r("loc.admin_place", finish_loc, rf"{WS}(?:{ADMIN_CI}|{ADMIN_LC}){WE}\s+(?P<p1>{PLACE})"),
    _r("loc.city_tp", finish_loc, rf"{WS}{TP}\s*(?P<p1>{PLACE})"),
    # Abbreviated district and ward: "Q. 2", "Q. Thủ Đức", "P. An Phú".
    _r("loc.abbreviated", finish_loc, rf"{WS}[QP]\.\s?(?P<p1>{PLACE})"),
    # Numbered roads: "đường Vành đai 4", "Quốc lộ 1A".
    _r("loc.numbered_road", None, rf"{WS}(?:đường\s+)?(?:Vành\s+đai|Quốc\s+lộ|Tỉnh\s+lộ|Cao\s+tốc)\s+\d+[A-Z]?{WE}"),
]


def bare_places(v: str) -> Iterator[Candidate]:
    """A province or district name that is a whole capitalised run ("tại Hà Nội")."""
    for m in RUN_RE.finditer(v):
        s, e = m.span()
        text = v[s:e]
        # Hyphenated names ("Bà Rịa - Vũng Tàu") span two runs.
        h = _HYPHEN_TAIL_RE.match(v, e)
        if h and norm(text + " - " + h.group(1)) in PLACE_SET:
            text, e = v[s : h.end()], h.end()
        key = norm(text)
        if key not in PLACE_SET:
            # A sentence-initial word may precede the name ("Tại Hà Nội").
            first = text.split(" ", 1)
            if len(first) < 2 or not sentence_start(v, s) or norm(first[1]) not in PLACE_SET:
                continue
            if norm(first[0]) in SURNAMES:
                continue  # "Vương Kỳ Sơn, …": a family name, not a sentence-initial word before a place
            s = s + len(first[0]) + 1
        if PERSON_PLACE_CUES.search(v, max(0, s - 20), s):
            continue
        yield Candidate(s, e, "LOC", T_NAMED, "loc.bare_place")


def cut_person_tail(v: str, s: int, e: int) -> int:
    """End a name before a trailing personal name ("Công ty X Lê Tuấn Hùng" -> "Công ty X")."""
    toks = [(m.start() + s, m.end() + s) for m in re.finditer(r"\S+", v[s:e])]
    words = [v[a:b] for a, b in toks]
    n = len(words)
    for i in range(1, n):
        if (
            norm(words[i]) in SURNAMES
            and 2 <= n - i <= 4
            and all(w[:1].isupper() and not w.isupper() for w in words[i:])
            and norm(" ".join(words[i:])) not in PLACE_SET
        ):
            return toks[i - 1][1]
    return e


def plausible_bare_place(v: str, s: int, e: int) -> bool:
    """Tell whether a name right after a committee (no level word) is a place.

    Known places, several capitalised words, acronyms and numbers are; a single
    unknown capitalised word followed by a lower-case one is the start of some
    other name ("Đảng ủy Tập đoàn …") and is not.
    """
    text = v[s:e]
    if norm(text) in PLACE_SET:
        return True
    if norm(text.split(" ", 1)[0]) in _ORG_HEAD_WORDS:
        return False
    if " " in text.strip() or text.isupper() or text.isdigit():
        return True
    return not re.match(rf" [{LO}]", v[e : e + 2])


def _plausible_place_after_admin(v: str, s: int, e: int) -> bool:
    """A one-word unknown name cut before a lower-case word ("Khu đô thị Đại học …") is not kept."""
    text = v[s:e]
    if " " in text or norm(text) in PLACE_SET or text.isupper() or text[:1].isdigit():
        return True
    return not re.match(rf" [{LO}]", v[e : e + 2])



def trim_place(v: str, gs: int, ge: int, after_level: bool = False) -> int:
    """Return where a place name starting at ``gs`` really ends.

    A run of capitalised tokens after a committee or administrative word may go
    on into a person's name ("Quận ủy Thanh Xuân Bùi Huyền Mai"). The name ends
    at the longest known place prefix, else before a family name followed by
    one to three more capitalised words, else at the end of the run. Right
    after a committee (no level word, ``after_level`` false) a run that is
    itself a personal name is no place at all.
    """
    piece = v[gs:ge]
    toks = [(m.start() + gs, m.end() + gs) for m in re.finditer(r"[^\s–-]+", piece)]
    words = [v[a:b] for a, b in toks]
    n = len(toks)
    # A hyphen-joined tail is kept only when the whole is a known place.
    hy = re.search(r"\s*[-–]\s*", piece)
    if hy:
        joined = norm(re.sub(r"\s*[-–]\s*", " - ", piece))
        if joined in PLACE_SET:
            return ge
        head_end = gs + hy.start()
        toks = [t for t in toks if t[1] <= head_end]
        words = [v[a:b] for a, b in toks]
        n = len(toks)
        ge = head_end
    if (
        not after_level
        and 2 <= n <= 4
        and (norm(words[0]) in SURNAMES or (n >= 3 and norm(words[1]) in MIDDLE_NAMES))
        and norm(" ".join(words)) not in PLACE_SET
        and norm(" ".join(words[:2])) not in PLACE_SET
        and all(w[:1].isupper() and not w.isupper() for w in words)
    ):
        return gs
    for k in range(n, 0, -1):
        if norm(" ".join(words[:k])) in PLACE_SET and (k == n or norm(words[k]) in SURNAMES or n - k <= 4):
            return toks[k - 1][1]
    for i in range(1, n):
        if norm(words[i]) in SURNAMES and 2 <= n - i <= 4 and all(w[0].isupper() for w in words[i:]):
            return toks[i - 1][1]
    if n > 4:
        return toks[3][1]
    return ge
