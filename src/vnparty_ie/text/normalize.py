"""A normalised view of Vietnamese text that keeps an alignment to the original.

Models see the view; callers get offsets into their original string. The view:

* composes accents (NFC), cluster by cluster, so decomposed input (NFD) works;
* maps look-alike letters to Vietnamese ones (``Ð`` U+00D0 → ``Đ``, ``ð`` → ``đ``,
  Cyrillic homoglyphs such as ``а`` → ``a``);
* puts tone marks in one canonical place: on the first vowel of an open
  ``oa``/``oe``/``uy`` rhyme (``uỷ`` → ``ủy``, ``hoà`` → ``hòa``, ``thuỷ`` → ``thủy``);
* turns every Unicode space (NBSP, thin space, ideographic space, tab …) into
  ``" "``, a run of them into a single ``" "`` (``"Hà  Nội"`` → ``"Hà Nội"``),
  and line/paragraph separators (and ``\\r``) into ``"\\n"``;
* drops zero-width characters, the BOM and soft hyphens;
* straightens curly quotes (``“ ” „`` → ``"``, ``‘ ’`` → ``'``);
* decodes HTML character references that end in ``;`` (``&#272;`` → ``Đ``,
  ``&#x110;``, ``&amp;``, ``&nbsp;`` → a space), as :func:`html.unescape` reads
  them, each one view character mapped to the whole reference;
* decodes mojibake, UTF-8 read as Windows-1252 or Latin-1 (``"BÃ­ thÆ°"`` →
  ``"Bí thư"``), sequence by sequence: each view character mapped to the two to
  four characters it was garbled into (:func:`mojibake_spans`);
* turns a lone surrogate (``"\\ud800"``, left in a ``str`` by a bad decode with
  ``errors="surrogateescape"``) into U+FFFD, a character of its own like a
  control character, since no encoder (UTF-8, the tokenizers, the segmenter)
  accepts surrogates. Every other code point stays as it is.

Example:
    >>> view = normalize("Quận uỷ\\u200b Thanh Xuân")
    >>> view.text
    'Quận ủy Thanh Xuân'
    >>> view.to_original(5, 7)
    (5, 7)
    >>> view.to_original(8, 18)
    (9, 19)
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "NormalizedText", "canonical_tone", "char_ref_spans", "decode_char_refs_in_place", "decode_in_place",
    "mojibake_spans", "normalize", "normalize_string",
]

# Characters removed from the view.
_DROPPED = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")

# Line-breaking characters, mapped to "\n".
_NEWLINES = frozenset("\r\u2028\u2029\x0b\x0c\x85")

_CHAR_MAP = {
    "\u00d0": "\u0110",  # Ð (Icelandic Eth) -> Đ
    "\u00f0": "\u0111",  # ð -> đ
    "\u0189": "\u0110",  # Ɖ (African D) -> Đ
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    # Cyrillic letters that look like Latin ones.
    "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c",
    "\u0445": "x", "\u0443": "y", "\u0456": "i", "\u0410": "A", "\u0412": "B",
    "\u0415": "E", "\u041a": "K", "\u041c": "M", "\u041d": "H", "\u041e": "O",
    "\u0420": "P", "\u0421": "C", "\u0422": "T", "\u0425": "X", "\u0406": "I",
}  # fmt: skip

# Combining tone marks of Vietnamese (grave, acute, tilde, hook above, dot below).
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


# Categories whose characters never take a combining mark: controls, lone surrogates.
_STANDALONE = frozenset(("Cc", "Cs"))
#: What a lone surrogate becomes in the view.
SURROGATE_REPLACEMENT = "\ufffd"


def _is_space(ch: str) -> bool:
    return ch == "\t" or (unicodedata.category(ch) == "Zs")


@dataclass(frozen=True)
class NormalizedText:
    """A normalised view of ``original`` with a character alignment.

    Attributes:
        original: The caller's string, unchanged.
        text: The normalised view the models read.
        starts: For each view character, the first original index it comes from.
        ends: For each view character, the original index just after its source.
    """

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty view span ``[start, end)`` to an original span.

        Args:
            start: Start offset in the view.
            end: End offset in the view (exclusive), ``end > start``.

        Returns:
            ``(orig_start, orig_end)`` covering exactly the source characters.

        Raises:
            ValueError: If the span is empty or outside the view.
        """
        if not (0 <= start < end <= len(self.text)):
            raise ValueError(f"view span [{start}, {end}) is empty or outside a view of length {len(self.text)}")
        return self.starts[start], self.ends[end - 1]

    def to_view(self, start: int, end: int) -> tuple[int, int]:
        """Map an original span to the smallest view span covering its characters.

        Characters dropped from the view (zero-width) contribute nothing; if the
        original span holds only dropped characters the empty span at its position
        is returned.
        """
        import bisect

        vs = bisect.bisect_left(self.ends, start + 1)
        ve = bisect.bisect_left(self.starts, end)
        return vs, max(vs, ve)


def canonical_tone(syllable: str) -> str:
    """Put the tone of an open ``oa``/``oe``/``uy`` rhyme on its first vowel.

    Both placements occur in Vietnamese text (``hoà``/``hòa``, ``thuỷ``/``thủy``);
    the view uses the second (tone on ``o``/``u``). Syllables with a final
    consonant (``hoàn``, ``thuyết``) and ``qu`` onsets (``quý``) are unchanged.
    The result always has the same length as the input.

    Example:
        >>> canonical_tone("uỷ"), canonical_tone("HOÀ"), canonical_tone("quý")
        ('ủy', 'HÒA', 'quý')
    """
    if len(syllable) < 2:
        return syllable
    last = unicodedata.normalize("NFD", syllable[-1])
    tone = next((c for c in last if c in _TONES), None)
    if tone is None:
        return syllable
    last_base = "".join(c for c in last if c not in _TONES)
    prev = syllable[-2]
    pair = (prev + last_base).lower()
    if pair not in ("oa", "oe", "uy"):
        return syllable
    if len(syllable) >= 3 and syllable[-3].lower() == "q":
        return syllable
    new_prev = unicodedata.normalize("NFC", prev + tone)
    new_last = unicodedata.normalize("NFC", last_base)
    if len(new_prev) != 1 or len(new_last) != 1:
        return syllable
    return syllable[:-2] + new_prev + new_last


#: An HTML character reference with its closing ";" (numeric, or a name of HTML5's table).
_CHAR_REF_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _char_ref(ref: str) -> str | None:
    """What a character reference stands for, or ``None`` (unknown name, or not one character).

    >>> _char_ref("&#272;"), _char_ref("&nbsp;"), _char_ref("&nosuch;")
    ('Đ', '\xa0', None)
    """
    out = html.unescape(ref)
    if out == ref or len(out) != 1 or "\ud800" <= out <= "\udfff" or unicodedata.combining(out):
        return None
    return out


def char_ref_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of the HTML character references that the view decodes.

    >>> char_ref_spans("Đ&#7889;i &nosuch; &amp;")
    [(1, 8), (19, 24)]
    """
    if "&" not in text:
        return []
    return [m.span() for m in _CHAR_REF_RE.finditer(text) if _char_ref(m.group()) is not None]


def decode_char_refs_in_place(text: str) -> str:
    """``text`` with each HTML character reference written as its character, padded to the same length.

    The padding is zero-width spaces after a letter (dropped by the view) and
    the same space again after a space (a run of spaces is one view space), so
    offsets do not move and the view is unchanged; used where a step needs the
    characters themselves (case restoration of an ALL-CAPS line).

    >>> decode_char_refs_in_place("B&#xCD; TH&#431;&nbsp;A") == "BÍ" + "\u200b" * 5 + " THƯ" + "\u200b" * 5 + "\xa0" * 6 + "A"
    True
    """
    if "&" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        ch = _char_ref(m.group())
        if ch is None:
            return m.group()
        return ch * len(m.group()) if ch.isspace() else ch + "\u200b" * (len(m.group()) - 1)

    return _CHAR_REF_RE.sub(one, text)


#: Windows-1252's characters for the bytes 0x80-0x9F (Latin-1 reads them as C1 controls, also accepted).
_CP1252_HIGH = {chr(b).encode("latin-1").decode("cp1252", errors="ignore"): b for b in range(0x80, 0xA0)}
_CP1252_HIGH.pop("", None)
_CONT = "[\u0080-\u00bf" + "".join(sorted(_CP1252_HIGH)) + "]"
#: A UTF-8 sequence of two to four bytes read one byte per character (lead byte, continuation bytes).
_MOJIBAKE_RE = re.compile(f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}")


#: The combining marks of decomposed Vietnamese: five tones, circumflex, breve, horn.
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
#: A character that mojibake never holds (it reads every byte as a character of Windows-1252 or
#: Latin-1): a letter of Latin Extended (ă, đ, ơ, ư, ạ …) or a combining mark. A text with one is clean.
_CLEAN_SIGN_RE = re.compile("[\u0100-\u0151\u0154-\u015f\u0162-\u0177\u0179-\u017c\u017f-\u0191\u0193-\u024f"
                            "\u0300-\u036f\u1e00-\u1eff]")


_LEAD_RE = re.compile("[\u00c2-\u00f4]")


def _byte(ch: str) -> int:
    return _CP1252_HIGH.get(ch, ord(ch))


def _mojibake_char(seq: str) -> str | None:
    """The character that ``seq`` garbles, or ``None`` (not valid UTF-8, or not a letter or punctuation of text).

    >>> _mojibake_char("Æ°"), _mojibake_char("â€œ"), _mojibake_char("Ã—")
    ('ư', '“', None)
    """
    try:
        ch = bytes(_byte(c) for c in seq).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(ch) != 1:
        return None
    if unicodedata.combining(ch):  # a mark of decomposed (NFD) text: "thaÌ\x81ng" is "tha\u0301ng"
        return ch if ch in _VIETNAMESE_MARKS else None
    if ch.isalpha():  # Vietnamese letters: Latin-1 Supplement, Latin Extended-A/B, Latin Extended Additional
        return ch if "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff" else None
    return ch if "\u2010" <= ch <= "\u2026" or ch in "\u00a0\u00b0\u20ac" else None


def mojibake_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of the mojibake sequences that the view decodes.

    Text saved as UTF-8 and read back as Windows-1252 or Latin-1 turns each
    non-ASCII character into two to four characters: "Bí thư" becomes "BÃ­
    thÆ°". A sequence is decoded when its bytes are valid UTF-8 for one Latin
    letter, one mark of decomposed Vietnamese or one typographic mark (quotes,
    dashes, "…", NBSP, "°", "€"), and only in a text with no character that
    mojibake cannot hold (a letter such as ``ư``, ``đ``, ``ạ`` or a combining
    mark): a clean Vietnamese text has them, so even its rare lead character
    before such a mark ("XÃ”") stays as it is.

    >>> mojibake_spans("BÃ­ thÆ° Tá»‰nh")
    [(1, 3), (6, 8), (10, 13)]
    >>> mojibake_spans("Bí thư Tỉnh ủy, 5 × 3"), mojibake_spans("“ĐẠI HỘI XÃ”")
    ([], [])
    """
    if _CLEAN_SIGN_RE.search(text) or not _LEAD_RE.search(text):
        return []
    return [m.span() for m in _MOJIBAKE_RE.finditer(text) if _mojibake_char(m.group()) is not None]


def decode_in_place(text: str) -> str:
    """``text`` with each HTML character reference and mojibake sequence written as its character, same length.

    The padding is zero-width spaces after a letter (dropped by the view) and
    the same space again after a space, so offsets do not move and the view is
    unchanged; used where a step reads the characters themselves (case
    restoration, the relation linker's cue words, the records' values).

    >>> decode_in_place("cá»§a B&#xCD;") == "củ" + "\u200b" * 2 + "a BÍ" + "\u200b" * 5
    True
    """
    garbled = dict(mojibake_spans(text))  # decided on the text as given, as the view decides it
    text = decode_char_refs_in_place(text)  # same length; references are ASCII, apart from every sequence
    if not garbled:
        return text
    out = []
    for cs, ce in _clusters(text, garbled):  # a garbled tone mark is in its letter's cluster
        cluster = text[cs:ce]
        decoded = _decode_garbled(cluster) if ce - cs > 1 else cluster
        if decoded == cluster:
            out.append(cluster)
            continue
        chars = unicodedata.normalize("NFC", decoded)
        out.append(chars * (ce - cs) if chars.isspace() else chars + "\u200b" * (ce - cs - len(chars)))
    return "".join(out)


def _decode_garbled(cluster: str) -> str:
    """``cluster`` with its mojibake sequences decoded ("Æ°" -> "ư", "aÌ\x81" -> "a" + U+0301)."""
    return _MOJIBAKE_RE.sub(lambda g: _mojibake_char(g.group()) or g.group(), cluster)


def _garbled_mark(text: str, j: int, garbled: dict[int, int]) -> bool:
    """Whether a mojibake sequence starting at ``j`` stands for a combining mark."""
    end = garbled.get(j)
    return end is not None and unicodedata.combining(_mojibake_char(text[j:end]) or "a") > 0


def _clusters(text: str, garbled: dict[int, int] | None = None) -> list[tuple[int, int]]:
    """Split into (start, end) clusters: a character plus following combining marks.

    A combining mark after whitespace, a control character (``"\\n\\u0301"``) or
    a lone surrogate is a cluster of its own, so that no view character mixes a space with a letter.
    An HTML character reference (``&#272;``) or a mojibake sequence (``Æ°``) is one cluster, like
    the character it stands for (``garbled``: the start and end of each, :func:`mojibake_spans`, when known).
    """
    out: list[tuple[int, int]] = []
    garbled = dict(mojibake_spans(text)) if garbled is None else garbled
    i, n = 0, len(text)
    while i < n:
        j = garbled.get(i, i + 1)
        if text[i] == "&":
            m = _CHAR_REF_RE.match(text, i)
            if m and _char_ref(m.group()) is not None:
                j = m.end()
        if not (text[i].isspace() or unicodedata.category(text[i]) in _STANDALONE):
            while j < n and (unicodedata.combining(text[j]) or _garbled_mark(text, j, garbled)):
                j = garbled.get(j, j + 1)
        out.append((i, j))
        i = j
    return out


#: One-to-one rewrites of single characters (look-alikes, curly quotes, spaces) for the fast path.
_FAST_TABLE: dict[int, str] = {ord(k): unicodedata.normalize("NFC", v) for k, v in _CHAR_MAP.items()}
_FAST_TABLE.update({c: " " for c in range(0x3000 + 1) if chr(c) != "\n" and _is_space(chr(c))})
#: Per character: whether the fast path may take it (memo of :func:`_fast_char`).
_FAST_OK: dict[str, bool] = {}
_FAST_OK_LIMIT = 200_000


def _fast_char(ch: str) -> bool:
    """Whether ``ch`` becomes exactly one view character by itself, whatever surrounds it.

    True for ``"\\n"``, for single-character rewrites (:data:`_FAST_TABLE`:
    look-alikes, curly quotes, Unicode spaces) and for NFC-stable characters
    that are neither combining marks, dropped, line breaks, other whitespace
    nor surrogates. A text made only of such characters (and with no run of
    spaces) has a one-to-one alignment.
    """
    if ch == "\n" or ord(ch) in _FAST_TABLE:
        return True
    return not (
        ch in _DROPPED
        or ch in _NEWLINES
        or ch.isspace()
        or "\ud800" <= ch <= "\udfff"
        or unicodedata.combining(ch)
        or unicodedata.normalize("NFC", ch) != ch
    )


def _fast_view(text: str) -> str | None:
    """The view of ``text`` before tone placement when it aligns one-to-one, else ``None``.

    Equal to what the general path of :func:`normalize` builds for such text
    (tested on random strings in ``tests/test_normalize.py``), in a few C-level passes.
    """
    ok = _FAST_OK
    for ch in set(text):
        good = ok.get(ch)
        if good is None:
            good = _fast_char(ch)
            if len(ok) < _FAST_OK_LIMIT:
                ok[ch] = good
        if not good:
            return None
    if char_ref_spans(text) or mojibake_spans(text):
        return None  # an HTML character reference or a mojibake sequence becomes one view character
    view = text.translate(_FAST_TABLE)
    if "  " in view:  # a run of spaces becomes one view space: not one-to-one
        return None
    return view


def normalize(text: str) -> NormalizedText:
    """Build the normalised view of ``text`` with its alignment map.

    Args:
        text: Any Python string.

    Returns:
        A :class:`NormalizedText`; ``text`` itself is never modified.

    Raises:
        TypeError: If ``text`` is not a ``str``.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    fast = _fast_view(text)
    if fast is not None:  # every character maps to one view character (the common case)
        n = len(text)
        return NormalizedText(
            original=text, text=canonical_tones(fast), starts=tuple(range(n)), ends=tuple(range(1, n + 1))
        )
    return _normalize_general(text)


def _normalize_general(text: str) -> NormalizedText:
    """:func:`normalize` character cluster by character cluster (any input)."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    space_run_end = -1  # len(chars) right after the last view space made from a space
    garbled = dict(mojibake_spans(text))
    for cs, ce in _clusters(text, garbled):
        cluster = text[cs:ce]
        if cluster[0] == "&" and ce - cs > 1 and (m := _CHAR_REF_RE.match(cluster)) and (ch := _char_ref(m.group())):
            cluster = ch + cluster[m.end() :]  # "&#272;" -> "Đ", with any combining marks that follow the reference
        elif garbled and ce - cs > 1:  # "Æ°" -> "ư", "aÌ\x81" -> "á"
            cluster = _decode_garbled(cluster)
        head = cluster[0]
        if head in _DROPPED and ce - cs == 1:
            continue
        if head in _NEWLINES:
            out = "\n"
        elif "\ud800" <= head <= "\udfff":
            out = SURROGATE_REPLACEMENT
        elif head != "\n" and _is_space(head):
            if space_run_end == len(chars):
                # A run of spaces ("a  b", "a \u00a0\tb") is one view space
                # covering the whole run in the original.
                ends[-1] = ce
                continue
            out = " "
            space_run_end = len(chars) + 1
        else:
            mapped = "".join(_CHAR_MAP.get(c, c) for c in cluster if c not in _DROPPED)
            out = unicodedata.normalize("NFC", mapped)
        for ch in out:
            chars.append(ch)
            starts.append(cs)
            ends.append(ce)
    view = "".join(chars)
    view = canonical_tones(view)
    return NormalizedText(original=text, text=view, starts=tuple(starts), ends=tuple(ends))


def map_letter_runs(text: str, rewrite: Callable[[str], str]) -> str:
    """Apply ``rewrite`` to every maximal run of letters, keeping everything else.

    Example:
        >>> map_letter_runs("Quận uỷ, 2023", str.upper)
        'QUẬN UỶ, 2023'
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isalpha():
            j = i + 1
            while j < n and text[j].isalpha():
                j += 1
            out.append(rewrite(text[i:j]))
            i = j
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


# Where canonical_tone can change a letter run: its last two letters are o/O + a toned a/e or u/U + a
# toned y (the only characters whose decomposition is a, e or y plus one tone mark).
_TONE_CANDIDATE = re.compile("[oO][àáãảạÀÁÃẢẠèéẽẻẹÈÉẼẺẸ]|[uU][ỳýỹỷỵỲÝỸỶỴ]")


def canonical_tones(view: str) -> str:
    """Apply :func:`canonical_tone` to every letter run (length-preserving).

    Only runs that end in a candidate pair (:data:`_TONE_CANDIDATE`) can change,
    and :func:`canonical_tone` reads at most a run's last three letters, so
    only those are rewritten (the same result as
    ``map_letter_runs(view, canonical_tone)``, tested on random strings).

    Example:
        >>> canonical_tones("Thành uỷ, hoà bình, hoàn thành")
        'Thành ủy, hòa bình, hoàn thành'
    """
    parts: list[str] = []
    done = 0
    n = len(view)
    for m in _TONE_CANDIDATE.finditer(view):
        end = m.end()
        if end < n and view[end].isalpha():  # not the end of its letter run
            continue
        start = end - 3 if end >= 3 and view[end - 3].isalpha() else end - 2
        new = canonical_tone(view[start:end])
        if new != view[start:end]:
            parts.append(view[done:start])
            parts.append(new)
            done = end
    if not parts:
        return view
    parts.append(view[done:])
    return "".join(parts)


def normalize_string(text: str) -> str:
    """Return only the normalised view of ``text`` (no alignment).

    Use it to normalise corpora for training the same way the models see text.

    Example:
        >>> normalize_string("Ðảng uỷ")
        'Đảng ủy'
    """
    return normalize(text).text
