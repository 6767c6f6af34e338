"""Robustness report: thousands of generated messy inputs, none may break extraction.

Each *category* generates inputs of one kind of real-world mess (control
characters, lone surrogates, emoji, mojibake, ALL-CAPS, text without
diacritics, markup, every code point of Unicode …) from a few clean base
sentences. Every case is extracted and checked (:func:`check_extraction`):

* no exception (the generated inputs are all ``str``, so none is allowed);
* offsets valid: ``0 <= start < end <= len(text)`` and
  ``text[start:end] == entity.text``; labels of the schema;
* entities sorted by ``(start, end)`` and non-overlapping;
* relation arguments are the result's own entity objects, of the types the
  schema allows for the relation label;
* for the *invariance* categories (perturbations with an index map, from
  ``training/eval_robustness.py``: NFD, ``Ð``, old tones, NBSP, zero-width,
  CRLF + doubled spaces, all combined, mojibake, HTML markup), the extraction of the perturbed text
  equals that of the clean text moved through the map (same labels and spans
  modulo the inserted characters, same relations).

A case *fails* when any check does. The report (JSON) lists, per category,
how many cases were tried and failed, with the first failures.

Usage:
    python training/robustness_report.py --rules-only --cases 400 \\
        --out training/results/robustness_report.json
    python training/robustness_report.py --model models/vnparty-ie-ner --cases 12 \\
        --out training/results/robustness_report_model.json
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
import time
import traceback
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from training.eval_robustness import PERTURBATIONS, IndexMap, remap_span

from vnparty_ie.schema import ENTITY_LABELS, RELATION_TYPES
from vnparty_ie.types import Extraction

DEFAULT_OUT = "training/results/robustness_report.json"
SEEDS = ROOT.parent / "shared" / "gold" / "seeds.jsonl"

#: Built-in base sentences (used always; seed articles are added when ../shared exists).
BASE_SENTENCES = (
    "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai cho biết tổng thu ngân sách năm 2023 đạt hơn 6.164 tỷ đồng.",
    "Phó Bí thư Thường trực Thành ủy Hà Nội Nguyễn Thị Tuyến dự Đại hội Đảng bộ thành phố.",
    "Ông Lê Văn Hòa, Chủ tịch UBND tỉnh Khánh Hòa, nói về thủy lợi, hòa bình và sức khỏe.",
    "Đảng ủy khối có 98,5% tổ chức đảng hoàn thành tốt nhiệm vụ, quý I năm 2024.",
    "Thực hiện Nghị quyết số 03-NQ/TW ngày 30/11/2023 của Bộ Chính trị, Đảng bộ phường Ba Láng kết nạp 28 đảng viên mới.",
    "Tổng giá trị sản xuất trên địa bàn quận năm 2023 đạt hơn 105.981 tỷ đồng, tăng 24% so với năm 2020.",
    "Ngày 13-8-2019, tại Hà Nội, Tổng Bí thư Nguyễn Phú Trọng chủ trì hội nghị Ban Chấp hành Trung ương.",
    "BÍ THƯ TỈNH ỦY NGHỆ AN THÁI THANH QUÝ\nBí thư Tỉnh ủy Nghệ An Thái Thanh Quý phát biểu tại Đại hội XIX.",
    "Hằng năm, trên 99% tổ chức đảng hoàn thành tốt nhiệm vụ tại TP. Hồ Chí Minh nhiệm kỳ 2020 - 2025.",
    "Ủy viên Ban Thường vụ Thành ủy, Trưởng ban Tổ chức Thành ủy Vũ Thu Hà trao Huy hiệu 50 năm tuổi Đảng.",
)

Check = Callable[[Extraction], list[str]]


# ------------------------------------------------------------------ checks
def check_extraction(doc: Extraction, text: str) -> list[str]:
    """Problems with ``doc`` as the extraction of ``text`` (empty when it is sound).

    Example:
        >>> from vnparty_ie.types import make_entity
        >>> t = "Bí thư Hà Nội"
        >>> check_extraction(Extraction(text=t, entities=(make_entity(t, 0, 6, "POSITION"),)), t)
        []
    """
    problems: list[str] = []
    if doc.text != text:
        problems.append("Extraction.text differs from the input")
    prev_end, prev = -1, (-1, -1)
    own = {id(e) for e in doc.entities}
    for e in doc.entities:
        if not (0 <= e.start < e.end <= len(text)) or text[e.start : e.end] != e.text:
            problems.append(f"bad offsets {e.start}:{e.end} {e.text!r}")
        if e.label not in ENTITY_LABELS:
            problems.append(f"unknown label {e.label!r}")
        if (e.start, e.end) < prev:
            problems.append(f"entities not sorted at {e.start}:{e.end}")
        if e.start < prev_end:
            problems.append(f"overlapping entities at {e.start}:{e.end}")
        prev_end, prev = max(prev_end, e.end), (e.start, e.end)
    for r in doc.relations:
        if id(r.head) not in own or id(r.tail) not in own:
            problems.append(f"relation {r.label} links an entity not in the result")
        allowed = RELATION_TYPES.get(r.label)
        if allowed is None or (r.head.label, r.tail.label) != allowed:
            problems.append(f"relation {r.label} between {r.head.label} and {r.tail.label}")
    return problems


def signature(doc: Extraction) -> tuple[frozenset, frozenset]:
    """``(entities, relations)`` as sets of spans and labels, for comparing extractions."""
    ents = frozenset((e.start, e.end, e.label) for e in doc.entities)
    rels = frozenset(((r.head.start, r.head.end), (r.tail.start, r.tail.end), r.label) for r in doc.relations)
    return ents, rels


def moved_signature(doc: Extraction, imap: IndexMap) -> tuple[frozenset, frozenset]:
    """:func:`signature` of ``doc`` moved through ``imap`` (old character -> new span)."""

    def span(s: int, e: int) -> tuple[int, int]:
        return remap_span(imap, s, e)

    ents = frozenset((*span(e.start, e.end), e.label) for e in doc.entities)
    rels = frozenset((span(r.head.start, r.head.end), span(r.tail.start, r.tail.end), r.label) for r in doc.relations)
    return ents, rels


def invariance_problems(clean: Extraction, perturbed: Extraction, imap: IndexMap) -> list[str]:
    """How ``perturbed`` differs from ``clean`` moved through ``imap`` (empty when equal)."""
    want, got = moved_signature(clean, imap), signature(perturbed)
    out = []
    for kind, w, g in (("entities", want[0], got[0]), ("relations", want[1], got[1])):
        lost, gained = sorted(w - g, key=str), sorted(g - w, key=str)
        if lost or gained:
            out.append(f"{kind} changed: lost {lost[:3]} gained {gained[:3]}")
    return out


# -------------------------------------------------------------- generators
def _base(rng: random.Random, bases: Sequence[str], k: int = 2) -> str:
    return " ".join(rng.choice(bases) for _ in range(rng.randint(1, k)))


def _sprinkle(rng: random.Random, text: str, pool: Callable[[], str], rate: float = 0.08) -> str:
    out = []
    for ch in text:
        if rng.random() < rate:
            out.append(pool())
        out.append(ch)
    if rng.random() < 0.3:
        out.append(pool())
    return "".join(out)


def _random_cp(rng: random.Random, lo: int, hi: int) -> str:
    return chr(rng.randint(lo, hi))


def _strip_diacritics(text: str) -> str:
    nfd = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in nfd if not unicodedata.combining(c)))


def _upper(text: str) -> str:
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in text)


Generator = Callable[[random.Random, Sequence[str]], str]

_EMOJI = ["😀", "👍🏽", "🇻🇳", "👨‍👩‍👧", "❤️", "🔥", "\u2764\ufe0f", "1\ufe0f\u20e3"]
_MIXED = ["中国共产党", "مرحبا", "Партия", "ภาษาไทย", "한국어", "ελληνικά", "עברית", "देवनागरी", "ａｂｃ１２３"]
_HTML = ["<p>", "</p>", "<br/>", "&nbsp;", "&amp;", "<b>", "</b>", '<a href="x">', "</a>", "<!-- c -->", "&#7909;"]
_URLS = [
    "https://dangcongsan.vn/xay-dung-dang/a-1.html",
    "email@ubnd.hanoi.gov.vn",
    "www.x.vn/?q=Bí_thư&p=2",
    "#hashtag",
]
_CODES = ["03-NQ/TW", "30/11/2023", "98,5%", "1.000.000", "13-8-2019", "2020-2025", "Covid-19", "F0", "XIII", "5%/năm"]
_PUNCT = ["...", "!!!", "???", "%%%", "///", "---", "((", "))", '""', "''", "…", "—", "•", "·", "«»", ";;", "::"]
_BIDI = ["\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f"]
_SPACES = [
    " ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\u00a0",
    "\u2000",
    "\u2009",
    "\u202f",
    "\u3000",
    "\u2028",
    "\u2029",
    "\x0b",
    "\x0c",
    "\x85",
]
_COMBINING = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b", "\u0338", "\u20dd"]


def _truncate(rng: random.Random, bases: Sequence[str]) -> str:
    t = unicodedata.normalize("NFD", _base(rng, bases)) if rng.random() < 0.5 else _base(rng, bases)
    a = rng.randint(0, len(t) - 1)
    return t[a : rng.randint(a + 1, len(t))]


def _shuffle(rng: random.Random, bases: Sequence[str]) -> str:
    words = _base(rng, bases, 3).split(" ")
    rng.shuffle(words)
    return " ".join(words)


def _mojibake(rng: random.Random, bases: Sequence[str]) -> str:
    raw = _base(rng, bases).encode("utf-8")
    how = rng.randrange(4)
    if how == 0:
        return raw.decode("latin-1")
    if how == 1:
        return raw.decode("cp1252", errors="replace")
    cut = bytearray(raw)
    for _ in range(rng.randint(1, 6)):  # corrupt some bytes, decode the Python way that keeps them
        cut[rng.randrange(len(cut))] = rng.randrange(128, 256)
    return bytes(cut).decode("utf-8", errors="surrogateescape" if how == 2 else "replace")


def _caps_headline(rng: random.Random, bases: Sequence[str]) -> str:
    head = rng.choice(bases).split("\n")[0]
    return _upper(head) + "\n\n" + head + " " + _base(rng, bases)


#: name -> (description, generator). Invariance categories are separate (see INVARIANCE).
GENERATORS: dict[str, tuple[str, Generator]] = {
    "whitespace_only": (
        "strings of spaces, tabs, NBSP, ideographic space, line and paragraph separators",
        lambda r, b: "".join(r.choice(_SPACES) for _ in range(r.randint(0, 12))),
    ),
    "control_chars": (
        "C0/C1 control characters (NUL, BEL, ESC, DEL, U+0080-U+009F) inside text",
        lambda r, b: _sprinkle(r, _base(r, b), lambda: chr(r.choice([*range(32), *range(127, 160)]))),
    ),
    "lone_surrogates": (
        "lone surrogates U+D800-U+DFFF inside text (a str after a bad decode)",
        lambda r, b: _sprinkle(r, _base(r, b), lambda: _random_cp(r, 0xD800, 0xDFFF), 0.05),
    ),
    "random_bmp": (
        "random code points of the Basic Multilingual Plane (surrogates included)",
        lambda r, b: "".join(_random_cp(r, 0, 0xFFFF) for _ in range(r.randint(1, 80))),
    ),
    "random_astral": (
        "random code points of planes 1-16 (most unassigned)",
        lambda r, b: "".join(_random_cp(r, 0x10000, 0x10FFFF) for _ in range(r.randint(1, 40))),
    ),
    "random_mixed_with_text": (
        "news text with random code points of all of Unicode in it",
        lambda r, b: _sprinkle(r, _base(r, b), lambda: _random_cp(r, 0, 0x10FFFF)),
    ),
    "emoji": (
        "emoji, skin tones, flags, ZWJ sequences, keycaps",
        lambda r, b: _sprinkle(r, _base(r, b), lambda: r.choice(_EMOJI)),
    ),
    "private_use_noncharacters": (
        "private-use code points and noncharacters (U+E000, U+FFFE, U+FFFF, U+10FFFF, U+FDD0)",
        lambda r, b: _sprinkle(
            r,
            _base(r, b),
            lambda: r.choice(["\ue000", "\uf8ff", "\ufffe", "\uffff", "\U0010ffff", "\ufdd0", "\U000f0000"]),
        ),
    ),
    "combining_storm": (
        "combining marks stacked, at the start, after spaces, digits and punctuation",
        lambda r, b: _sprinkle(
            r, _base(r, b), lambda: "".join(r.choice(_COMBINING) for _ in range(r.randint(1, 6))), 0.1
        ),
    ),
    "caps_headline": ("an ALL-CAPS headline line followed by the same words in normal case", _caps_headline),
    "all_caps_document": ("the whole text in capitals", lambda r, b: _upper(_base(r, b, 3))),
    "no_diacritics": ("text typed without diacritics (Bi thu Quan uy)", lambda r, b: _strip_diacritics(_base(r, b, 3))),
    "no_diacritics_caps": ("without diacritics and in capitals", lambda r, b: _upper(_strip_diacritics(_base(r, b)))),
    "truncated": ("a random slice: cut mid-word, mid-number, between a letter and its accent", _truncate),
    "very_long_word": (
        "a token of 500-5000 letters or digits in a sentence",
        lambda r, b: _base(r, b).replace(" ", " " + r.choice("xa0đ_-/.") * r.randint(500, 5000) + " ", 1),
    ),
    "repeated_punctuation": (
        "runs of dots, percent signs, slashes, dashes, brackets, quotes",
        lambda r, b: _sprinkle(r, _base(r, b), lambda: r.choice(_PUNCT) * r.randint(1, 20), 0.05),
    ),
    "numbers_codes_soup": (
        "numbers, percentages, dates and document codes run together",
        lambda r, b: "".join(
            r.choice(_CODES) + r.choice(["", " ", ",", ".", "-", "/"]) for _ in range(r.randint(1, 25))
        ),
    ),
    "html_markup": (
        "HTML tags and entities around and inside words",
        lambda r, b: _sprinkle(
            r, html.escape(_base(r, b)) if r.random() < 0.3 else _base(r, b), lambda: r.choice(_HTML), 0.05
        ),
    ),
    "urls_emails": (
        "URLs, e-mail addresses and hashtags in text",
        lambda r, b: _sprinkle(r, _base(r, b), lambda: " " + r.choice(_URLS) + " ", 0.03),
    ),
    "mixed_scripts": (
        "Chinese, Arabic, Cyrillic, Thai, Korean, Greek, Hebrew, fullwidth words in text",
        lambda r, b: _sprinkle(r, _base(r, b), lambda: r.choice(_MIXED), 0.03),
    ),
    "bidi_controls": (
        "bidirectional controls (RLO, LRE, isolates, LRM/RLM)",
        lambda r, b: _sprinkle(r, _base(r, b), lambda: r.choice(_BIDI), 0.05),
    ),
    "odd_line_breaks": (
        "blank lines, CR, form feeds, vertical tabs, U+2028/U+2029, NEL between words",
        lambda r, b: _base(r, b, 3).replace(
            " ", r.choice(["\n\n\n", "\r", "\x0c", "\x0b", "\u2028", "\u2029", "\x85", "\n \n"]), r.randint(1, 10)
        ),
    ),
    "single_characters": (
        "one or two characters (letters, marks, symbols, surrogates, digits)",
        lambda r, b: "".join(
            _random_cp(r, 0, 0x10FFFF) if r.random() < 0.5 else r.choice("aĐ%/.\u0301\ud800 0\n")
            for _ in range(r.randint(1, 2))
        ),
    ),
    "mojibake": (
        "UTF-8 bytes read as Latin-1/CP1252, or corrupted bytes decoded with surrogateescape/replace",
        _mojibake,
    ),
    "shuffled_words": ("the words of news sentences in random order", _shuffle),
    "word_segmented": (
        "syllables of each word joined by _, punctuation split off (PhoBERT-style input)",
        lambda r, b: PERTURBATIONS["word_segmented"](_base(r, b), r.randrange(1000))[0],
    ),
    "no_spaces": (
        "sentences with the spaces removed or replaced by underscores",
        lambda r, b: _base(r, b).replace(" ", r.choice(["", "_"])),
    ),
}


#: Invariance categories: the perturbations of ``training/eval_robustness.py``, checked against clean text.
INVARIANCE: dict[str, str] = {
    "nfd": "NFD decomposition (invariance checked)",
    "old_tones": "old-style tone placement hoà/thuỷ/uỷ (invariance checked)",
    "eth": "Ð U+00D0 for every Đ (invariance checked)",
    "nbsp": "NBSP / narrow NBSP for spaces (invariance checked)",
    "zero_width": "ZWSP / soft hyphens inside words (invariance checked)",
    "crlf_double_space": "CRLF line endings and doubled spaces (invariance checked)",
    "all": "all of the above at once (invariance checked)",
    "mojibake": "UTF-8 read as Windows-1252, BÃ­ thÆ° (invariance checked)",
    "html_markup": "HTML paragraphs, <strong>/<em>/links around words (invariance checked)",
}


def every_code_point_texts(chunk: int = 2048) -> list[str]:
    """All code points U+0000-U+10FFFF, ``chunk`` at a time, each followed by a space."""
    return [" ".join(chr(c) for c in range(lo, min(lo + chunk, 0x110000))) for lo in range(0, 0x110000, chunk)]


# ------------------------------------------------------------------- runner
def _base_texts(use_seeds: bool) -> list[str]:
    bases = list(BASE_SENTENCES)
    if use_seeds and SEEDS.is_file():
        for line in SEEDS.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            bases += [p for p in text.split("\n") if len(p) > 40]
    return bases


def _try(extractor: Any, text: str) -> tuple[Extraction | None, list[str]]:
    try:
        doc = extractor.extract(text)
    except Exception as exc:  # noqa: BLE001 - the point is to catch anything
        tb = traceback.format_exception(type(exc), exc, exc.__traceback__)
        return None, [f"{type(exc).__name__}: {exc}", "".join(tb[-4:])]
    return doc, check_extraction(doc, text)


def run(
    extractor: Any,
    cases: int = 400,
    seed: int = 0,
    use_seeds: bool = True,
    code_point_chunk: int | None = 2048,
    max_failures: int = 5,
) -> dict[str, Any]:
    """Run every category; return ``{category: {"description", "tried", "failed", "failures", "seconds"}}``.

    Args:
        extractor: Anything with ``extract(text)``.
        cases: Cases per category (generated and invariance categories).
        seed: Seed of the generators.
        use_seeds: Add the seed articles' paragraphs (../shared) to the base texts.
        code_point_chunk: Run the every-code-point sweep in chunks of this size (``None``: skip).
        max_failures: Failures listed per category.
    """
    bases = _base_texts(use_seeds)
    results: dict[str, Any] = {}

    def record(name: str, description: str, texts_and_checks: Any) -> None:
        t0 = time.perf_counter()
        tried = failed = 0
        failures: list[dict[str, Any]] = []
        for text, extra in texts_and_checks:
            tried += 1
            doc, problems = _try(extractor, text)
            if doc is not None and extra is not None:
                problems += extra(doc)
            if problems:
                failed += 1
                if len(failures) < max_failures:
                    failures.append({"input": text[:300], "problems": problems[:5]})
        results[name] = {
            "description": description,
            "tried": tried,
            "failed": failed,
            "failures": failures,
            "seconds": round(time.perf_counter() - t0, 2),
        }

    for k, (name, (description, gen)) in enumerate(GENERATORS.items()):
        rng = random.Random(seed * 1000 + k)
        record(name, description, ((gen(rng, bases), None) for _ in range(cases)))

    for k, (name, description) in enumerate(INVARIANCE.items()):
        rng = random.Random(seed * 1000 + 500 + k)

        def cases_of(name: str = name, rng: random.Random = rng) -> Any:
            for i in range(cases):
                clean_text = _base(rng, bases, 3)
                if i % 2:
                    clean_text = clean_text.replace(". ", ".\n", 1)  # some texts with a line break
                clean = extractor.extract(clean_text)
                new_text, imap = PERTURBATIONS[name](clean_text, rng.randrange(1 << 30))
                yield new_text, (lambda doc, clean=clean, imap=imap: invariance_problems(clean, doc, imap))

        record(name if name not in GENERATORS else f"{name}_invariance", description, cases_of())

    if code_point_chunk:
        record(
            "every_code_point",
            f"every code point U+0000-U+10FFFF, {code_point_chunk} per text, space-separated",
            ((t, None) for t in every_code_point_texts(code_point_chunk)),
        )
    return results


def caps_recovery(extractor: Any, use_seeds: bool = True) -> dict[str, Any]:
    """How many entities of a headline-like line survive writing that line in capitals.

    For each base text line (and each paragraph of the seed articles as a
    headline over the rest), the line is upper-cased and its entities are
    compared with the clean extraction's (same span and label).
    """
    bases = _base_texts(use_seeds)
    tot = kept = spurious = 0
    for text in bases:
        first = text.split("\n")[0]
        clean = extractor.extract(text)
        caps = extractor.extract(_upper(first) + text[len(first) :])
        want = {(e.start, e.end, e.label) for e in clean.entities if e.end <= len(first)}
        got = {(e.start, e.end, e.label) for e in caps.entities if e.end <= len(first)}
        tot, kept, spurious = tot + len(want), kept + len(want & got), spurious + len(got - want)
    return {"entities_in_clean_lines": tot, "recovered_in_caps": kept, "spurious_in_caps": spurious}


def rules_only_extractor() -> Any:
    """The rule labeler plus rule relations, no neural model (fast)."""
    from vnparty_ie.combine import CombinedEntityModel
    from vnparty_ie.extractor import Extractor

    return Extractor(CombinedEntityModel(None, "rules"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the report, print a table, write JSON; return 0 when nothing failed, 1 otherwise."""
    p = argparse.ArgumentParser(description="Generated messy input: tried/failed per category.")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--rules-only", action="store_true", help="rule labeler + rule relations (fast)")
    which.add_argument("--model", help="model directory, loaded with vnparty_ie.load")
    p.add_argument("--cases", type=int, default=400, help="cases per category (default 400)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--code-point-chunk", type=int, default=2048, help="every-code-point sweep chunk (0: skip)")
    p.add_argument("--no-seeds", action="store_true", help="only the built-in base sentences")
    p.add_argument("--out", default=DEFAULT_OUT)
    args = p.parse_args(argv)
    if args.model and not Path(args.model).is_dir():
        print(f"error: model directory {args.model} not found (or use --rules-only)", file=sys.stderr)
        return 2
    if args.rules_only:
        extractor = rules_only_extractor()
    else:
        from vnparty_ie.extractor import load

        extractor = load(args.model)
    t0 = time.perf_counter()
    results = run(extractor, args.cases, args.seed, not args.no_seeds, args.code_point_chunk or None)
    tried = sum(r["tried"] for r in results.values())
    failed = sum(r["failed"] for r in results.values())
    print(f"{'category':<28} {'tried':>7} {'failed':>7} {'s':>7}")
    for name, r in results.items():
        print(f"{name:<28} {r['tried']:>7} {r['failed']:>7} {r['seconds']:>7.1f}")
    print(f"{'TOTAL':<28} {tried:>7} {failed:>7} {time.perf_counter() - t0:>7.1f}")
    report = {
        "command": "python " + " ".join([sys.argv[0], *(argv if argv is not None else sys.argv[1:])]),
        "extractor": "rules-only (rule labeler + rule relations, no neural model)"
        if args.rules_only
        else str(args.model),
        "seed": args.seed,
        "base_texts": "built-in sentences"
        + ("" if args.no_seeds or not SEEDS.is_file() else " + seed article paragraphs"),
        "categories": len(results),
        "tried": tried,
        "failed": failed,
        "caps_headline_recovery": caps_recovery(extractor, not args.no_seeds),
        "results": results,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", errors="backslashreplace")
    print(f"report: {out}")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
