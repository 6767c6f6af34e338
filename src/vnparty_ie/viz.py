"""Looking at results: an HTML view with entity boxes and relation arcs.

Each sentence that holds entities (sentences joined by a relation are drawn
together) becomes one SVG line: every entity is a box coloured by its label
family, with its label under it; the text between entities is shown in grey
(shortened in the middle when long); each relation is an arc from the head
box to the tail box, arrow at the tail, its label on top. Nothing but the
Python standard library is needed; the page has no scripts and loads nothing.

Label families (one colour each, also for displaCy: :func:`displacy_colors`):

=====================  ==========================
family                 labels
=====================  ==========================
people, posts, orgs    PERSON, POSITION, ORG
places                 LOC
documents, events      RESOLUTION, EVENT
time                   DATE
figures                METRIC, UNIT, TARGET
=====================  ==========================

Example:
    >>> from vnparty_ie.types import Extraction, Relation, make_entity
    >>> text = "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai chủ trì hội nghị."
    >>> pos, org, per = (make_entity(text, 0, 6, "POSITION"), make_entity(text, 7, 25, "ORG"),
    ...                  make_entity(text, 26, 39, "PERSON"))
    >>> doc = Extraction(text, (pos, org, per), (Relation(per, pos, "position"), Relation(pos, org, "organization")))
    >>> html = render_html(doc)
    >>> html.count('class="vnparty-ent"'), html.count('class="vnparty-arc"')
    (3, 2)
    >>> family_of("UNIT"), family_of("NOT_A_LABEL")
    ('figures', 'other')
"""

from __future__ import annotations

import html as _html
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .types import Entity, Extraction, Relation

__all__ = [
    "FAMILIES",
    "LABEL_FAMILY",
    "MISSING",
    "colour_of",
    "displacy_colors",
    "family_of",
    "label_confusion",
    "render_html",
    "save_html",
]

#: Family -> (stroke colour, fill colour).
FAMILIES: dict[str, tuple[str, str]] = {
    "people, posts, orgs": ("#1f5fa8", "#dbe8f7"),
    "places": ("#2e7d32", "#dcf0dd"),
    "documents, events": ("#7b3fa0", "#eee2f6"),
    "time": ("#c25e00", "#ffe9d2"),
    "figures": ("#b71c1c", "#fadcdc"),
    "other": ("#555555", "#eeeeee"),
}

#: Label -> family name (short keys used by :func:`family_of`).
LABEL_FAMILY: dict[str, str] = {
    "PERSON": "people, posts, orgs",
    "POSITION": "people, posts, orgs",
    "ORG": "people, posts, orgs",
    "LOC": "places",
    "RESOLUTION": "documents, events",
    "EVENT": "documents, events",
    "DATE": "time",
    "METRIC": "figures",
    "UNIT": "figures",
    "TARGET": "figures",
}

_SHORT = {"people, posts, orgs": "people", "documents, events": "documents"}

# Layout (px). The boxes use a monospace font so text widths are known here.
_FONT = 14
_CHAR = 0.62 * _FONT
_PAD = 6
_GAP = 10
_BOX_H = 24
_LEVEL_H = 26
_TAG_H = 16
_MARGIN = 10

_CSS = """
.vnparty-viz { font-family: sans-serif; }
.vnparty-viz .vnparty-doc { margin: 0 0 1.5em 0; }
.vnparty-viz .vnparty-block { overflow-x: auto; margin: 0.2em 0; }
.vnparty-viz svg text { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; }
.vnparty-viz .vnparty-legend span { display: inline-block; margin: 0 0.6em 0.3em 0; padding: 1px 6px;
  border-radius: 3px; border: 1px solid; font-size: 12px; }
"""


#: The row/column of :func:`label_confusion` for "no entity with that exact span".
MISSING = "(none)"


def label_confusion(gold: Sequence[Extraction], pred: Sequence[Extraction]) -> dict[str, dict[str, int]]:
    """Counts of ``(gold label, predicted label)`` over exact spans, documents paired in order.

    A gold entity whose exact span was not predicted counts in column
    :data:`MISSING`; a predicted span that is not gold counts in row
    :data:`MISSING`. The diagonal is the strict true positives.

    Args:
        gold: Gold documents.
        pred: Predictions for the same texts, in the same order.

    Returns:
        ``{gold_label: {pred_label: count}}`` (labels sorted, :data:`MISSING` last).

    Example:
        >>> from vnparty_ie.types import make_entity
        >>> t = "Hà Nội năm 2023"
        >>> g = Extraction(t, (make_entity(t, 0, 6, "LOC"), make_entity(t, 7, 15, "DATE")))
        >>> p = Extraction(t, (make_entity(t, 0, 6, "ORG"), make_entity(t, 11, 15, "DATE")))
        >>> m = label_confusion([g], [p])
        >>> m["LOC"]["ORG"], m["DATE"][MISSING], m[MISSING]["DATE"]
        (1, 1, 1)
    """
    import collections

    counts: collections.Counter = collections.Counter()
    for g, p in zip(gold, pred):
        predicted = {(e.start, e.end): e.label for e in p.entities}
        gold_spans = {(e.start, e.end): e.label for e in g.entities}
        for span, label in gold_spans.items():
            counts[(label, predicted.get(span, MISSING))] += 1
        for span, label in predicted.items():
            if span not in gold_spans:
                counts[(MISSING, label)] += 1
    labels = sorted(({a for a, _ in counts} | {b for _, b in counts}) - {MISSING}) + [MISSING]
    return {a: {b: counts.get((a, b), 0) for b in labels} for a in labels}


def family_of(label: str) -> str:
    """The short family name of a label (``people``, ``places``, ``documents``, ``time``, ``figures``, ``other``).

    Example:
        >>> family_of("ORG")
        'people'
    """
    family = LABEL_FAMILY.get(label, "other")
    return _SHORT.get(family, family)


def colour_of(label: str) -> tuple[str, str]:
    """``(stroke, fill)`` colours of a label's family.

    Example:
        >>> colour_of("METRIC") == colour_of("UNIT")
        True
    """
    return FAMILIES[LABEL_FAMILY.get(label, "other")]


def displacy_colors(labels: Iterable[str] | None = None) -> dict[str, str]:
    """displaCy ``ent`` options' ``colors``: every label in its family's fill colour.

    Example:
        >>> displacy_colors(["DATE"])
        {'DATE': '#ffe9d2'}
    """
    return {label: colour_of(label)[1] for label in (labels if labels is not None else LABEL_FAMILY)}


def _as_extraction(doc: Any) -> Extraction:
    """An :class:`Extraction`, or a spaCy ``Doc`` made by :mod:`vnparty_ie.spacy_bridge`, as an Extraction."""
    if isinstance(doc, Extraction):
        return doc
    if hasattr(doc, "ents") and hasattr(doc, "text"):
        ents = [Entity(s.start_char, s.end_char, s.label_, s.text) for s in doc.ents]
        rels: list[Relation] = []
        data = getattr(doc._, "vnparty_relations", None) if doc.has_extension("vnparty_relations") else None
        for r in data or ():
            rels.append(Relation(ents[r["head"]], ents[r["tail"]], r["label"], r.get("score")))
        return Extraction(doc.text, tuple(ents), tuple(rels))
    raise TypeError(f"render_html() takes an Extraction or a spaCy Doc, got {type(doc).__name__}")


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    half = max(1, (limit - 1) // 2)
    return text[:half].rstrip() + "…" + text[-half:].lstrip()


def _blocks(doc: Extraction) -> list[tuple[int, int, list[Entity]]]:
    """Sentence groups holding entities: ``(start, end, entities)``, relations never cut across groups."""
    from .text.sentences import split_sentences

    spans = split_sentences(doc.text) or [(0, len(doc.text))]
    entities = sorted(doc.entities, key=lambda e: (e.start, e.end))

    def sentence_of(ent: Entity) -> int:
        for k, (s, e) in enumerate(spans):
            if ent.start < e:
                return k
        return len(spans) - 1

    sent = {ent: sentence_of(ent) for ent in entities}
    parent = list(range(len(spans)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for r in doc.relations:
        if r.head in sent and r.tail in sent:
            lo, hi = sorted((sent[r.head], sent[r.tail]))
            for k in range(lo + 1, hi + 1):  # everything between joins the group
                parent[find(k)] = find(lo)
    groups: dict[int, list[Entity]] = {}
    for ent in entities:
        groups.setdefault(find(sent[ent]), []).append(ent)
    out = []
    for root, ents in sorted(groups.items()):
        members = [k for k in range(len(spans)) if find(k) == root]
        start = min(spans[members[0]][0], ents[0].start)
        end = max(spans[members[-1]][1], max(e.end for e in ents))
        out.append((start, end, ents))
    return out


def _text_width(text: str) -> float:
    return len(text) * _CHAR


def _svg_block(text: str, start: int, end: int, entities: list[Entity], relations: Sequence[Relation], gap: int) -> str:
    items: list[tuple[str, Any]] = []  # ("gap", str) or ("ent", Entity)
    pos = start
    for ent in entities:
        if ent.start < pos:  # overlapping entity: drawn right after the previous one
            items.append(("ent", ent))
            pos = max(pos, ent.end)
            continue
        between = _shorten(text[pos : ent.start], gap)
        if between:
            items.append(("gap", between))
        items.append(("ent", ent))
        pos = ent.end
    tail = _shorten(text[pos:end], gap)
    if tail:
        items.append(("gap", tail))

    index = {ent: k for k, (kind, ent) in enumerate(items) if kind == "ent"}
    rels = [r for r in relations if r.head in index and r.tail in index and r.head != r.tail]
    # arc levels, shortest arcs first: an arc goes above every shorter arc it overlaps
    spans = sorted(((min(index[r.head], index[r.tail]), max(index[r.head], index[r.tail])), r) for r in rels)
    spans.sort(key=lambda s: s[0][1] - s[0][0])
    level_of: dict[int, int] = {}
    for n, ((lo, hi), _r) in enumerate(spans):
        below = [level_of[m] for m, ((a, b), _) in enumerate(spans[:n]) if a < hi and lo < b]
        level_of[n] = max(below, default=0) + 1
    levels = max(level_of.values(), default=0)
    top = _MARGIN + levels * _LEVEL_H + (8 if levels else 0)

    x = _MARGIN
    geometry: dict[int, tuple[float, float]] = {}
    parts: list[str] = []
    for k, (kind, value) in enumerate(items):
        if kind == "gap":
            width = _text_width(value)
            parts.append(
                f'<text class="vnparty-gap" x="{x:.1f}" y="{top + _BOX_H / 2 + 5:.1f}" font-size="{_FONT}" '
                f'fill="#777">{_html.escape(value)}</text>'
            )
            x += width + _GAP
            continue
        ent: Entity = value
        stroke, fill = colour_of(ent.label)
        width = max(_text_width(ent.text), _text_width(ent.label) * 0.75) + 2 * _PAD
        geometry[k] = (x, width)
        title = f"{ent.label} [{ent.start}, {ent.end})" + (f" score {ent.score:.2f}" if ent.score is not None else "")
        parts.append(
            f'<g class="vnparty-ent" data-label="{_html.escape(ent.label)}" data-start="{ent.start}" '
            f'data-end="{ent.end}" data-family="{family_of(ent.label)}"><title>{_html.escape(title)}</title>'
            f'<rect x="{x:.1f}" y="{top}" width="{width:.1f}" height="{_BOX_H}" rx="4" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="1.5"/>'
            f'<text x="{x + width / 2:.1f}" y="{top + _BOX_H / 2 + 5:.1f}" font-size="{_FONT}" '
            f'text-anchor="middle" fill="#111">{_html.escape(ent.text)}</text>'
            f'<text x="{x + width / 2:.1f}" y="{top + _BOX_H + _TAG_H - 3:.1f}" font-size="10" '
            f'font-weight="bold" text-anchor="middle" fill="{stroke}">{_html.escape(ent.label)}</text></g>'
        )
        x += width + _GAP

    arcs: list[str] = []
    for n, ((_lo, _hi), r) in enumerate(spans):
        hx, hw = geometry[index[r.head]]
        tx, tw = geometry[index[r.tail]]
        right = index[r.tail] > index[r.head]
        x1 = hx + hw / 2 + (4 if right else -4)
        x2 = tx + tw / 2 + (-4 if right else 4)
        height = level_of[n] * _LEVEL_H
        y0, y1 = top, top - height
        radius = min(10.0, abs(x2 - x1) / 2)
        sx = 1 if x2 > x1 else -1
        path = (
            f"M{x1:.1f},{y0} L{x1:.1f},{y1 + radius:.1f} Q{x1:.1f},{y1} {x1 + sx * radius:.1f},{y1} "
            f"L{x2 - sx * radius:.1f},{y1} Q{x2:.1f},{y1} {x2:.1f},{y1 + radius:.1f} L{x2:.1f},{y0 - 5}"
        )
        mid = (x1 + x2) / 2
        label = _html.escape(r.label)
        lw = _text_width(r.label) * 0.75 + 6
        score = f" score {r.score:.2f}" if r.score is not None else ""
        arcs.append(
            f'<g class="vnparty-arc" data-label="{label}" data-head="{r.head.start}-{r.head.end}" '
            f'data-tail="{r.tail.start}-{r.tail.end}"><title>{_html.escape(r.head.text)} —{label}→ '
            f"{_html.escape(r.tail.text)}{score}</title>"
            f'<path d="{path}" fill="none" stroke="#444" stroke-width="1.3"/>'
            f'<path d="M{x2 - 4:.1f},{y0 - 7} L{x2:.1f},{y0 - 1} L{x2 + 4:.1f},{y0 - 7} Z" fill="#444"/>'
            f'<rect x="{mid - lw / 2:.1f}" y="{y1 - 7}" width="{lw:.1f}" height="13" fill="white"/>'
            f'<text x="{mid:.1f}" y="{y1 + 3}" font-size="10" text-anchor="middle" fill="#222">{label}</text></g>'
        )
    width = x + _MARGIN
    height = top + _BOX_H + _TAG_H + _MARGIN
    return (
        f'<div class="vnparty-block" data-start="{start}" data-end="{end}">'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
        f'viewBox="0 0 {width:.0f} {height}">{"".join(arcs)}{"".join(parts)}</svg></div>'
    )


def _legend() -> str:
    spans = "".join(
        f'<span style="border-color:{stroke};background:{fill};color:{stroke}">'
        f"{_html.escape(name)}: {', '.join(k for k, v in LABEL_FAMILY.items() if v == name) or '…'}</span>"
        for name, (stroke, fill) in FAMILIES.items()
        if name != "other"
    )
    return f'<div class="vnparty-legend">{spans}</div>'


def render_html(doc: Any, gap: int = 40, max_blocks: int | None = None, legend: bool = True) -> str:
    """An HTML fragment drawing a document's entities as boxes and its relations as arcs.

    Show it in Jupyter with ``IPython.display.HTML(render_html(doc))``; write
    whole pages with :func:`save_html`.

    Args:
        doc: An :class:`~vnparty_ie.types.Extraction` (a result or a gold
            document) or a spaCy ``Doc`` made by :mod:`vnparty_ie.spacy_bridge`.
        gap: Longest run of text between entities shown in full; longer runs are
            shortened in the middle (``0`` leaves them out).
        max_blocks: Draw only the first N sentence groups (``None``: all).
        legend: Put the label-family legend on top.

    Returns:
        A ``<div class="vnparty-viz">`` with its own ``<style>``; one
        ``<g class="vnparty-ent">`` per entity and one ``<g class="vnparty-arc">``
        per relation.

    Example:
        >>> from vnparty_ie.types import Extraction, make_entity
        >>> html = render_html(Extraction("Năm 2023", (make_entity("Năm 2023", 0, 8, "DATE"),)))
        >>> 'data-family="time"' in html
        True
    """
    ex = _as_extraction(doc)
    blocks = _blocks(ex)
    shown = blocks if max_blocks is None else blocks[:max_blocks]
    body = "".join(_svg_block(ex.text, s, e, ents, ex.relations, gap) for s, e, ents in shown)
    title = f"<h3>{_html.escape(str(ex.id))}</h3>" if ex.id is not None else ""
    more = (
        f'<p class="vnparty-more">… {len(blocks) - len(shown)} more sentence groups not shown</p>'
        if len(shown) < len(blocks)
        else ""
    )
    counts = f"<p>{len(ex.entities)} entities, {len(ex.relations)} relations</p>"
    return (
        f'<div class="vnparty-viz"><style>{_CSS}</style>{_legend() if legend else ""}'
        f'<div class="vnparty-doc">{title}{counts}{body}{more}</div></div>'
    )


def save_html(docs: Any, path: str | os.PathLike, title: str = "vnparty-ie", **kwargs: Any) -> Path:
    """Write a standalone HTML page (UTF-8) with every document drawn by :func:`render_html`.

    Args:
        docs: One document or an iterable of them (Extractions or spaCy Docs).
        path: The ``.html`` file to write (parent folders are made).
        title: The page title.
        **kwargs: Passed to :func:`render_html` (``gap``, ``max_blocks``).

    Returns:
        The path written.

    Example:
        >>> import tempfile
        >>> from vnparty_ie.types import Extraction
        >>> out = save_html([Extraction("Không có gì.")], Path(tempfile.mkdtemp()) / "view.html")
        >>> out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        True
    """
    if isinstance(docs, Extraction) or (hasattr(docs, "ents") and hasattr(docs, "text")):
        docs = [docs]
    docs = list(docs)
    parts = [render_html(d, legend=(i == 0), **kwargs) for i, d in enumerate(docs)]
    page = (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{_html.escape(title)}</title></head><body>\n" + "\n".join(parts) + "\n</body></html>\n"
    )
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
