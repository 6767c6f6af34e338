"""How much does messy real-world input hurt? Gold scores on clean vs perturbed text.

Each perturbation is a small pure function ``text -> (new_text, index_map)``
that rewrites a text the way real articles are messy (decomposed accents,
old-style tone placement, look-alike letters, odd spaces, zero-width
characters, Windows line endings, HTML markup, word-segmented text …).
``index_map[i]`` is the span ``[start, end)`` of the new text that old
character ``i`` became; characters inserted between old characters
(zero-width spaces, soft hyphens, tags) belong to no old
character. Every gold entity is moved through the map (same label and id; its
new span covers the perturbed version of its original characters, including
insertions strictly inside it), relations keep pointing at the moved
entities, and the extractor is scored on the clean and on each perturbed copy
of the gold set.

Besides the gold scores, the report says how many *predictions* changed: the
clean predictions are moved through the same map and compared with the
predictions on the perturbed text. An extractor whose normalisation is
complete predicts exactly the moved clean entities, so any change points at a
normalisation gap (examples are listed).

Usage:
    python training/eval_robustness.py --gold work_data/gold/dev.jsonl --rules-only \\
        --out training/results/robustness_dev_rules.json
    python training/eval_robustness.py --gold dev.jsonl --model models/vnparty-ie-ner --limit 10
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from vnparty_ie.evaluation import EvalReport, Score, evaluate_docs
from vnparty_ie.io.jsonl import read_jsonl, validate_document
from vnparty_ie.text.accents import strip_diacritics
from vnparty_ie.text.normalize import canonical_tone, map_letter_runs
from vnparty_ie.text.segment import tokenize
from vnparty_ie.types import Entity, Extraction, Relation

#: ``index_map[i] == (start, end)``: the new-text span old character ``i`` became.
IndexMap = list[tuple[int, int]]
Perturbation = Callable[[str, int], tuple[str, IndexMap]]

DEFAULT_OUT = "training/results/robustness_dev.json"
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


class _Builder:
    """Builds a new text character by character, recording the old→new map."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.n = 0
        self.map: IndexMap = []

    def emit(self, piece: str, may_delete: bool = False) -> None:
        """What the next old character becomes (non-empty unless ``may_delete``: a combining mark that goes
        with its diacritic, mapped to the empty span after its base letter)."""
        if not piece and not may_delete:
            raise ValueError("a perturbation may not delete characters")
        self.map.append((self.n, self.n + len(piece)))
        self.parts.append(piece)
        self.n += len(piece)

    def insert(self, piece: str) -> None:
        """Characters between two old characters, belonging to neither."""
        self.parts.append(piece)
        self.n += len(piece)

    def result(self) -> tuple[str, IndexMap]:
        return "".join(self.parts), self.map


def _one_to_one(text: str, fn: Callable[[str], str]) -> tuple[str, IndexMap]:
    """Apply a same-length rewrite; the map is the identity."""
    new = fn(text)
    if len(new) != len(text):
        raise ValueError("a one-to-one rewrite changed the length")
    return new, [(i, i + 1) for i in range(len(text))]


# --------------------------------------------------------------- perturbations
def nfd(text: str, seed: int = 0) -> tuple[str, IndexMap]:
    """Decompose every character (NFD): ``ủ`` → ``u`` + hook above + … ."""
    b = _Builder()
    for ch in text:
        b.emit(unicodedata.normalize("NFD", ch))
    return b.result()


def old_tone(syllable: str) -> str:
    """Move the tone of an open ``oa``/``oe``/``uy`` rhyme to its last vowel (``hòa`` → ``hoà``).

    The inverse of :func:`vnparty_ie.text.normalize.canonical_tone`: a syllable
    is changed only when ``canonical_tone`` maps the result back to it, so
    ``quý``, ``hoàn`` and ``thuyết`` stay. Same length as the input.
    """
    if len(syllable) < 2:
        return syllable
    prev = unicodedata.normalize("NFD", syllable[-2])
    tone = next((c for c in prev if c in _TONES), None)
    if tone is None:
        return syllable
    prev_base = unicodedata.normalize("NFC", "".join(c for c in prev if c not in _TONES))
    last = syllable[-1]
    if (prev_base + last).lower() not in ("oa", "oe", "uy"):
        return syllable
    new_last = unicodedata.normalize("NFC", last + tone)
    if len(prev_base) != 1 or len(new_last) != 1:
        return syllable
    candidate = syllable[:-2] + prev_base + new_last
    return candidate if canonical_tone(candidate) == syllable else syllable


def old_tones(text: str, seed: int = 0) -> tuple[str, IndexMap]:
    """Old-style tone placement in every word: ``ủy`` → ``uỷ``, ``hòa`` → ``hoà``, ``thủy`` → ``thuỷ``."""
    return _one_to_one(text, lambda s: map_letter_runs(s, old_tone))


def eth(text: str, seed: int = 0) -> tuple[str, IndexMap]:
    """The look-alike capital ``Ð`` (U+00D0, Icelandic Eth) for every ``Đ`` (U+0110)."""
    return _one_to_one(text, lambda s: s.replace("\u0110", "\u00d0"))


def caps_title(text: str, seed: int = 0) -> tuple[str, IndexMap]:
    """The first line (the headline) in capitals, as banners and some sites print it."""
    end = text.find("\n")
    end = len(text) if end < 0 else end
    return _one_to_one(text, lambda s: _recase(s[:end], str.upper) + s[end:])


def all_caps(text: str, seed: int = 0) -> tuple[str, IndexMap]:
    """The whole text in capitals."""
    return _one_to_one(text, lambda s: _recase(s, str.upper))


def hard_wrap(text: str, seed: int = 0) -> tuple[str, IndexMap]:
    """Lines wrapped at a fixed width of 60-99 characters (by seed), as text copied from a PDF or an e-mail.

    The space before the word that would cross the width becomes a line break (same length).
    """
    width = 60 + random.Random(seed).randrange(40)

    def wrap(text: str) -> str:
        out = list(text)
        col, last_space = 0, None
        for i, ch in enumerate(text):
            if ch == "\n":
                col, last_space = 0, None
                continue
            if ch == " ":
                last_space = i
            col += 1
            if col > width and last_space is not None:
                out[last_space] = "\n"
                col, last_space = i - last_space, None
        return "".join(out)

    return _one_to_one(text, wrap)


def all_lower(text: str, seed: int = 0) -> tuple[str, IndexMap]:
    """The whole text in small letters."""
    return _one_to_one(text, lambda s: _recase(s, str.lower))


def _recase(text: str, change: Callable[[str], str]) -> str:
    """``change`` (``str.upper``, ``str.lower``) character by character, keeping any character it would lengthen (``ß``)."""
    return "".join(new if len(new := change(ch)) == 1 else ch for ch in text)


def odd_spaces(text: str, seed: int = 0, rate: float = 0.3) -> tuple[str, IndexMap]:
    """Replace a share ``rate`` of ordinary spaces by NBSP (U+00A0) or narrow NBSP (U+202F)."""
    rng = random.Random(seed)
    b = _Builder()
    for ch in text:
        if ch == " " and rng.random() < rate:
            b.emit(rng.choice(("\u00a0", "\u202f")))
        else:
            b.emit(ch)
    return b.result()


def zero_width(text: str, seed: int = 0, rate: float = 0.15) -> tuple[str, IndexMap]:
    """Insert a zero-width space (U+200B) or soft hyphen (U+00AD) between some pairs of letters."""
    rng = random.Random(seed)
    b = _Builder()
    for i, ch in enumerate(text):
        if i and ch.isalpha() and text[i - 1].isalpha() and rng.random() < rate:
            b.insert(rng.choice(("\u200b", "\u00ad")))
        b.emit(ch)
    return b.result()


def windows(text: str, seed: int = 0, rate: float = 0.5) -> tuple[str, IndexMap]:
    """Windows line endings (``\\n`` → ``\\r\\n``) and a share ``rate`` of spaces doubled."""
    rng = random.Random(seed)
    b = _Builder()
    for ch in text:
        if ch == "\n":
            b.emit("\r\n")
        elif ch == " " and rng.random() < rate:
            b.emit("  ")
        else:
            b.emit(ch)
    return b.result()


def char_refs(text: str, seed: int = 0, rate: float = 0.3) -> tuple[str, IndexMap]:
    """HTML character references for a share ``rate`` of non-ASCII letters (``Đ`` → ``&#272;`` or ``&#x110;``)
    and of spaces (``&nbsp;``), as text scraped from HTML without unescaping has them."""
    rng = random.Random(seed)
    b = _Builder()
    for ch in text:
        if ord(ch) > 127 and ch.isalpha() and rng.random() < rate:
            b.emit(f"&#{ord(ch)};" if rng.random() < 0.5 else f"&#x{ord(ch):X};")
        elif ch == " " and rng.random() < rate / 3:
            b.emit("&nbsp;")
        else:
            b.emit(ch)
    return b.result()


def mojibake(text: str, seed: int = 0) -> tuple[str, IndexMap]:
    """The whole text saved as UTF-8 and read back as Windows-1252 (``Bí thư`` → ``BÃ­ thÆ°``), as a page
    served without its charset reads; the five bytes that Windows-1252 leaves undefined read as Latin-1
    (C1 controls), as browsers read them."""
    b = _Builder()
    for ch in text:
        b.emit("".join(bytes([x]).decode("cp1252", errors="ignore") or chr(x) for x in ch.encode("utf-8")))
    return b.result()


def no_diacritics(text: str, seed: int = 0) -> tuple[str, IndexMap]:
    """The whole text typed without diacritics: tones and letter shapes gone, ``đ`` as ``d`` (``Bí thư`` → ``Bi thu``).

    A text in NFD (real articles have some) loses its combining marks too: they are its diacritics.
    """
    b = _Builder()
    for ch in text:
        b.emit("" if unicodedata.combining(ch) else strip_diacritics(ch), may_delete=True)
    return b.result()


#: Inline elements that scraped news pages put around words.
_INLINE_TAGS = ("<strong>", "</strong>"), ("<em>", "</em>"), ('<a href="https://example.vn/tin-tuc/">', "</a>")


def html_markup(text: str, seed: int = 0, rate: float = 0.1) -> tuple[str, IndexMap]:
    """Text as scraped with its HTML: each line a ``<p>…</p>`` paragraph and a share ``rate`` of words
    wrapped in ``<strong>``, ``<em>`` or a link (``Bí thư <strong>Thái</strong> Thanh Quý``)."""
    rng = random.Random(seed)
    b = _Builder()
    line_start = True
    pending_close: dict[int, str] = {}  # where a wrapped word ends -> its closing tag
    for i, ch in enumerate(text):
        if line_start and ch != "\n":
            b.insert("<p>")
            line_start = False
        word_start = not ch.isspace() and (i == 0 or text[i - 1].isspace())
        if word_start and rng.random() < rate:
            opening, close = rng.choice(_INLINE_TAGS)
            b.insert(opening)
            end = i
            while end < len(text) and not text[end].isspace():
                end += 1
            pending_close[end] = close
        if ch == "\n" and not line_start:
            if i in pending_close:
                b.insert(pending_close.pop(i))
            b.insert("</p>")
            line_start = True
        elif i in pending_close:
            b.insert(pending_close.pop(i))
        b.emit(ch)
    if len(text) in pending_close:
        b.insert(pending_close.pop(len(text)))
    if not line_start:
        b.insert("</p>")
    return b.result()


def word_segmented(text: str, seed: int = 0) -> tuple[str, IndexMap]:
    """Text prepared for a PhoBERT-style model: the syllables of each word joined by ``_``
    (``Bí_thư Tỉnh_ủy``, underthesea's segmentation) and punctuation after a word split off by a space
    (not the dot of a short capitalised abbreviation: ``TP. HCM``)."""
    joined = list(text)
    for sentence in tokenize(text):
        for token in sentence.tokens:
            for k in range(token.start, token.end):
                if text[k] == " ":
                    joined[k] = "_"
    b = _Builder()
    for i, ch in enumerate(joined):
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if ch in ".,;:!?)" and i > 0 and text[i - 1].isalnum() and nxt.isspace() and not _abbreviation_dot(text, i):
            b.insert(" ")
        b.emit(ch)
    return b.result()


def _abbreviation_dot(text: str, i: int) -> bool:
    """Tell whether ``text[i]`` is the dot of a short capitalised abbreviation ("TP. HCM")."""
    before = text[max(0, i - 4) : i].split()  # a word of 4 letters or more never fits with a space before it
    return text[i] == "." and bool(before) and len(before[-1]) <= 3 and before[-1][:1].isupper()


def compose_maps(first: IndexMap, second: IndexMap) -> IndexMap:
    """The map of applying ``first`` then ``second``."""
    return [(second[a][0], second[b - 1][1]) for a, b in first]


def chain(*steps: Perturbation) -> Perturbation:
    """Apply ``steps`` in order (each gets its own seed derived from ``seed``)."""

    def run(text: str, seed: int = 0) -> tuple[str, IndexMap]:
        imap: IndexMap = [(i, i + 1) for i in range(len(text))]
        for k, step in enumerate(steps):
            text, step_map = step(text, seed * 31 + k)
            imap = compose_maps(imap, step_map)
        return text, imap

    return run


#: Order matters in ``all``: zero-width characters go between precomposed
#: letters, then spaces change, and NFD decomposes last.
PERTURBATIONS: dict[str, Perturbation] = {
    "nfd": nfd,
    "old_tones": old_tones,
    "eth": eth,
    "nbsp": odd_spaces,
    "zero_width": zero_width,
    "crlf_double_space": windows,
    "all": chain(old_tones, eth, zero_width, odd_spaces, windows, nfd),
    "html_char_refs": char_refs,
    "mojibake": mojibake,
    "no_diacritics": no_diacritics,
    "hard_wrap": hard_wrap,
    "html_markup": html_markup,
    "word_segmented": word_segmented,
    "caps_title": caps_title,
    "all_caps": all_caps,
    "all_lower": all_lower,
}
#: Perturbations that change letters (the view keeps case and diacritics, so these change it too).
CASE_CHANGING = frozenset({"caps_title", "all_caps", "all_lower", "no_diacritics"})
#: Perturbations that the view does not absorb exactly: it guesses what they erased (case, paragraph ends,
#: diacritics), or the models read what they added (a space before punctuation in word-segmented text).
LOSSY = frozenset({"all_caps", "all_lower", "hard_wrap", "no_diacritics", "word_segmented"})

DESCRIPTIONS = {
    "clean": "the gold texts as they are",
    "nfd": "NFD decomposition of all text",
    "old_tones": "old-style tone placement (hòa→hoà, thủy→thuỷ, ủy→uỷ)",
    "eth": "look-alike capital Ð (U+00D0) for every Đ",
    "nbsp": "30% of spaces → NBSP U+00A0 / narrow NBSP U+202F",
    "zero_width": "ZWSP U+200B / soft hyphen U+00AD inside words (15% of letter pairs)",
    "crlf_double_space": "\\r\\n line endings, 50% of spaces doubled",
    "all": "all of the above combined",
    "html_char_refs": "30% of non-ASCII letters as HTML character references (&#272; / &#x110;), 10% of spaces as &nbsp;",
    "mojibake": "the whole text as UTF-8 read back as Windows-1252 (Bí thư → BÃ­ thÆ°)",
    "no_diacritics": "the whole text typed without diacritics (Bí thư Tỉnh ủy → Bi thu Tinh uy)",
    "hard_wrap": "lines wrapped at a fixed width of 60-99 characters (a space becomes a line break)",
    "html_markup": "each line a <p> paragraph, 10% of words in <strong>, <em> or a link",
    "word_segmented": "syllables of each word joined by _ (underthesea), punctuation after a word split off",
    "caps_title": "the first line (headline) in capitals",
    "all_caps": "the whole text in capitals",
    "all_lower": "the whole text in small letters",
}


# ------------------------------------------------------------------ remapping
def remap_span(imap: IndexMap, start: int, end: int) -> tuple[int, int]:
    """The new span covering what old characters ``[start, end)`` became."""
    return imap[start][0], imap[end - 1][1]


def remap_entity(ent: Entity, new_text: str, imap: IndexMap) -> Entity:
    """``ent`` moved into ``new_text`` (same label, id and score)."""
    s, e = remap_span(imap, ent.start, ent.end)
    return Entity(start=s, end=e, label=ent.label, text=new_text[s:e], score=ent.score, id=ent.id)


def perturb_doc(doc: Extraction, fn: Perturbation, seed: int = 0) -> tuple[Extraction, IndexMap]:
    """Perturb one gold document, moving its entities and relations along.

    Returns:
        ``(new_doc, index_map)``; ``new_doc`` has the same id, meta, entity ids
        and labels, and relations between the moved entities.
    """
    new_text, imap = fn(doc.text, seed)
    if len(imap) != len(doc.text):
        raise ValueError(f"index map has {len(imap)} entries for a text of {len(doc.text)} characters")
    moved = {e: remap_entity(e, new_text, imap) for e in doc.entities}
    relations = tuple(Relation(moved[r.head], moved[r.tail], r.label, r.score) for r in doc.relations)
    new = Extraction(
        text=new_text,
        entities=tuple(moved[e] for e in doc.entities),
        relations=relations,
        id=doc.id,
        meta=dict(doc.meta),
    )
    return new, imap


def doc_seed(seed: int, doc: Extraction, index: int) -> int:
    """A per-document seed, stable across runs (not Python's salted ``hash``)."""
    return zlib.crc32(f"{seed}:{doc.id or index}".encode())


#: Perturbations whose entities may end in a space-like character: a garbled "à" is "Ã" + NBSP.
EDGE_SPACES = frozenset({"mojibake"})


def perturb_docs(
    docs: Sequence[Extraction], fn: Perturbation, seed: int = 0, edge_spaces: bool = False
) -> tuple[list[Extraction], list[IndexMap]]:
    """Perturb every document; each result is checked to be a valid guidelines record.

    With ``edge_spaces`` (:data:`EDGE_SPACES`) only the round trip is checked, not the
    guidelines' "no space at an entity's edge".
    """
    out, maps = [], []
    for i, doc in enumerate(docs):
        new, imap = perturb_doc(doc, fn, doc_seed(seed, doc, i))
        back = Extraction.from_dict(new.to_dict())  # relation ids and offsets must survive a round trip
        if not edge_spaces:
            validate_document(back, schema=None)
        out.append(new)
        maps.append(imap)
    return out, maps


# ------------------------------------------------------------------- scoring
def _score_dict(s: Score | None) -> dict[str, float | int] | None:
    return None if s is None else s.to_dict()


def summarize(report: EvalReport) -> dict[str, Any]:
    """The figures of one condition."""
    return {
        "entities": _score_dict(report.micro),
        "relations": _score_dict(report.relations_micro),
        "lenient_f1": report.lenient.f1,
        "n_gold": report.n_gold,
        "n_pred": report.n_pred,
        "per_label_f1": {k: v.f1 for k, v in sorted(report.per_label.items())},
    }


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    return f"{text[max(0, start - width) : start]}[{text[start:end]}]{text[end : end + width]}"


def prediction_changes(
    clean_text: str,
    clean_pred: Extraction,
    new_pred: Extraction,
    imap: IndexMap,
    doc_id: str | None,
) -> tuple[int, int, list[dict[str, Any]]]:
    """Compare predictions on the perturbed text with the clean ones moved through the map.

    Returns:
        ``(lost, gained, examples)``: clean predictions missing after the
        perturbation, new predictions absent on clean text, and one example
        dict per difference.
    """
    expected = {}
    for e in clean_pred.entities:
        s, t = remap_span(imap, e.start, e.end)
        expected[(s, t, e.label)] = e
    got = {(e.start, e.end, e.label): e for e in new_pred.entities}
    examples = []
    lost = [k for k in expected if k not in got]
    gained = [k for k in got if k not in expected]
    for k in lost:
        e = expected[k]
        examples.append(
            {
                "doc": doc_id,
                "kind": "lost",
                "label": e.label,
                "clean": _context(clean_text, e.start, e.end),
                "perturbed_overlapping": [
                    (g.label, g.text) for g in new_pred.entities if g.start < k[1] and k[0] < g.end
                ],
            }
        )
    for k in gained:
        g = got[k]
        examples.append(
            {
                "doc": doc_id,
                "kind": "gained",
                "label": g.label,
                "perturbed": _context(new_pred.text, g.start, g.end),
            }
        )
    return len(lost), len(gained), examples


def run(
    extractor: Any,
    gold: Sequence[Extraction],
    names: Iterable[str] = tuple(PERTURBATIONS),
    seed: int = 0,
    batch_size: int = 8,
    max_examples: int = 20,
) -> dict[str, Any]:
    """Score ``extractor`` on the clean gold and on each perturbation.

    Returns:
        ``{"clean": {...}, name: {..., "delta": {...}, "prediction_changes": {...}}}``
        in the order clean, then ``names``.
    """

    def predict(docs: Sequence[Extraction]) -> tuple[list[Extraction], float]:
        t0 = time.perf_counter()
        pred = list(extractor.extract_many([d.text for d in docs], batch_size=batch_size))
        return pred, time.perf_counter() - t0

    results: dict[str, Any] = {}
    clean_pred, secs = predict(gold)
    clean = summarize(evaluate_docs(gold, clean_pred))
    clean["seconds"] = round(secs, 2)
    results["clean"] = clean
    for name in names:
        docs, maps = perturb_docs(gold, PERTURBATIONS[name], seed, edge_spaces=name in EDGE_SPACES)
        pred, secs = predict(docs)
        res = summarize(evaluate_docs(docs, pred))
        res["seconds"] = round(secs, 2)
        res["delta"] = {
            "entity_f1": res["entities"]["f1"] - clean["entities"]["f1"],
            "entity_precision": res["entities"]["precision"] - clean["entities"]["precision"],
            "entity_recall": res["entities"]["recall"] - clean["entities"]["recall"],
            "relation_f1": (None if res["relations"] is None else res["relations"]["f1"] - clean["relations"]["f1"]),
            "per_label_f1": {
                k: v - clean["per_label_f1"].get(k, 0.0)
                for k, v in res["per_label_f1"].items()
                if abs(v - clean["per_label_f1"].get(k, 0.0)) > 1e-12
            },
        }
        lost = gained = 0
        examples: list[dict[str, Any]] = []
        for g, cp, np_, imap in zip(gold, clean_pred, pred, maps):
            lo, ga, ex = prediction_changes(g.text, cp, np_, imap, g.id)
            lost, gained = lost + lo, gained + ga
            examples += ex
        res["prediction_changes"] = {"lost": lost, "gained": gained, "examples": examples[:max_examples]}
        res["chars"] = {"clean": sum(len(d.text) for d in gold), "perturbed": sum(len(d.text) for d in docs)}
        results[name] = res
    return results


def format_table(results: dict[str, Any]) -> str:
    """A fixed-width table: one row per condition."""
    head = (
        f"{'perturbation':<18} {'ent P':>7} {'ent R':>7} {'ent F1':>7} {'ΔF1':>8} "
        f"{'rel F1':>7} {'Δrel F1':>8} {'preds lost/gained':>18}"
    )
    lines = [head, "-" * len(head)]
    for name, r in results.items():
        ent = r["entities"]
        rel = r["relations"]
        delta = r.get("delta")
        changes = r.get("prediction_changes")
        lines.append(
            f"{name:<18} {ent['precision']:>7.4f} {ent['recall']:>7.4f} {ent['f1']:>7.4f} "
            f"{'' if delta is None else format(delta['entity_f1'], '+.4f'):>8} "
            f"{'n/a' if rel is None else format(rel['f1'], '.4f'):>7} "
            f"{'' if delta is None or delta['relation_f1'] is None else format(delta['relation_f1'], '+.4f'):>8} "
            f"{'' if changes is None else str(changes['lost']) + '/' + str(changes['gained']):>18}"
        )
    return "\n".join(lines)


# ------------------------------------------------------------------------ CLI
def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(description="Score an extractor on clean vs perturbed gold text.")
    parser.add_argument("--gold", required=True, help="gold JSONL in the guidelines' format")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--model", help="model directory, loaded with vnparty_ie.load")
    which.add_argument("--rules-only", action="store_true", help="rule entities + rule relations, no model")
    parser.add_argument("--out", default=DEFAULT_OUT, help=f"JSON report (default {DEFAULT_OUT})")
    parser.add_argument("--limit", type=int, help="use only the first N gold documents")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random perturbations")
    parser.add_argument(
        "--perturbations",
        nargs="+",
        choices=list(PERTURBATIONS),
        default=list(PERTURBATIONS),
        help="which perturbations to run (default: all)",
    )
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--examples", type=int, default=20, help="changed predictions listed per perturbation")
    return parser


def build_extractor(args: argparse.Namespace) -> Any:
    """The rules-only extractor, or the one in ``--model``."""
    if args.rules_only:
        from vnparty_ie.combine import CombinedEntityModel
        from vnparty_ie.extractor import Extractor

        return Extractor(CombinedEntityModel(None, "rules"))
    from vnparty_ie.extractor import load

    return load(args.model)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the comparison; print the table; return 0 (2 when the gold file or model is missing)."""
    args = build_parser().parse_args(argv)
    path = Path(args.gold)
    if not path.is_file():
        print(f"error: gold file {path} not found; give --gold PATH to a JSONL file", file=sys.stderr)
        return 2
    if args.model and not Path(args.model).is_dir():
        print(f"error: model directory {args.model} not found (or use --rules-only)", file=sys.stderr)
        return 2
    gold = read_jsonl(path, schema=None)
    if args.limit is not None:
        gold = gold[: args.limit]
    extractor = build_extractor(args)
    results = run(
        extractor, gold, args.perturbations, seed=args.seed, batch_size=args.batch_size, max_examples=args.examples
    )
    print(f"{len(gold)} docs from {path}; extractor: {'rules only' if args.rules_only else args.model}")
    print(format_table(results))
    worst = collections.Counter({n: -r["delta"]["entity_f1"] for n, r in results.items() if "delta" in r})
    if worst:
        name, drop = worst.most_common(1)[0]
        if drop > 0:
            print(f"\nlargest entity F1 drop: {name} ({-drop:+.4f})")
        else:
            print("\nno perturbation lowered entity F1")
    report = {
        "command": "python " + " ".join([sys.argv[0], *(argv if argv is not None else sys.argv[1:])]),
        "gold": str(path),
        "extractor": "rules-only" if args.rules_only else str(args.model),
        "n_docs": len(gold),
        "seed": args.seed,
        "perturbations": {n: DESCRIPTIONS[n] for n in ["clean", *args.perturbations]},
        "results": results,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"report: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
