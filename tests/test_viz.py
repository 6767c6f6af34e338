"""The HTML view: entity boxes and relation arcs, checked in headless Chromium when it is installed."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from tests._shared import SEEDS_GOLD, requires_seeds

from vnparty_ie.types import Extraction, Relation, make_entity
from vnparty_ie.viz import colour_of, displacy_colors, family_of, render_html, save_html

TEXT = (
    "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai cho biết tổng thu ngân sách năm 2023 đạt hơn 6.164 tỷ đồng. "
    "Hội nghị diễn ra tại Hà Nội."
)

CHROMIUM = os.environ.get("VNPARTY_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
requires_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).is_file(),
    reason="headless browser check needs Debian's chromium (apt-get install -y chromium); /usr/bin/chromium absent",
)


def _ent(surface, label):
    start = TEXT.index(surface)
    return make_entity(TEXT, start, start + len(surface), label)


def _doc():
    pos, org, per = _ent("Bí thư", "POSITION"), _ent("Quận ủy Thanh Xuân", "ORG"), _ent("Bùi Huyền Mai", "PERSON")
    target, date = _ent("tổng thu ngân sách", "TARGET"), _ent("năm 2023", "DATE")
    metric, unit, loc = _ent("hơn 6.164", "METRIC"), _ent("tỷ đồng", "UNIT"), _ent("Hà Nội", "LOC")
    rels = (
        Relation(per, pos, "position"), Relation(pos, org, "organization"), Relation(metric, unit, "unit"),
        Relation(metric, target, "target"), Relation(metric, date, "period"),
    )  # fmt: skip
    return Extraction(TEXT, (pos, org, per, target, date, metric, unit, loc), rels, id="example")


def test_render_counts_boxes_and_arcs():
    doc = _doc()
    html = render_html(doc)
    assert html.count('class="vnparty-ent"') == len(doc.entities)
    assert html.count('class="vnparty-arc"') == len(doc.relations)
    assert html.count('class="vnparty-block"') == 2  # two sentences
    assert 'data-family="figures"' in html and 'data-family="places"' in html


def test_one_colour_per_family():
    assert colour_of("PERSON") == colour_of("ORG") == colour_of("POSITION")
    assert colour_of("METRIC") == colour_of("UNIT") == colour_of("TARGET")
    assert len({colour_of(x) for x in ("PERSON", "LOC", "EVENT", "DATE", "METRIC")}) == 5
    assert family_of("RESOLUTION") == "documents"
    assert set(displacy_colors()) >= {"METRIC", "UNIT", "TARGET"}


def test_escapes_and_limits():
    t = "<b>Đảng bộ</b> & Hà Nội"
    doc = Extraction(t, (make_entity(t, 3, 10, "ORG"),))
    html = render_html(doc, max_blocks=0)
    assert "<b>" not in html and "1 more sentence groups" in html


def test_spacy_doc_input():
    spacy = pytest.importorskip("spacy")
    from vnparty_ie.spacy_bridge import to_spacy

    html = render_html(to_spacy(_doc(), spacy.blank("xx")))
    assert html.count('class="vnparty-arc"') == 5


def _dump_dom(page: Path, tmp_path: Path, screenshot: Path | None = None) -> str:
    args = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip
    if screenshot is not None:
        subprocess.run(args + ["--window-size=1400,900", f"--screenshot={screenshot}", page.as_uri()],
                       capture_output=True, timeout=90, check=True)  # fmt: skip
    out = subprocess.run(args + ["--dump-dom", page.as_uri()], capture_output=True, timeout=90, check=True, text=True)
    return out.stdout


@requires_chromium
def test_rendered_in_chromium(tmp_path):
    doc = _doc()
    page = save_html([doc, doc], tmp_path / "view.html")
    shot = tmp_path / "view.png"
    dom = _dump_dom(page, tmp_path, screenshot=shot)
    assert dom.count('class="vnparty-ent"') == 2 * len(doc.entities)
    assert dom.count('class="vnparty-arc"') == 2 * len(doc.relations)
    assert len(re.findall(r"<rect[^>]*stroke=", dom)) >= 2 * len(doc.entities)  # the boxes
    assert len(re.findall(r'<path d="M[^"]*Q', dom)) == 2 * len(doc.relations)  # the arcs
    assert "Bùi Huyền Mai" in dom  # UTF-8 survives
    assert shot.stat().st_size > 5000


@requires_chromium
@requires_seeds
def test_seeds_rendered_in_chromium(tmp_path):
    from vnparty_ie.io.jsonl import read_jsonl

    docs = read_jsonl(SEEDS_GOLD)
    dom = _dump_dom(save_html(docs, tmp_path / "seeds.html"), tmp_path)
    assert dom.count('class="vnparty-ent"') == sum(len(d.entities) for d in docs)
    assert dom.count('class="vnparty-arc"') == sum(len(d.relations) for d in docs)
