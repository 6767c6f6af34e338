"""HTML markup and word-joining underscores read as spaces in the view (vnparty_ie.text.markup)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnparty_ie.text.markup import unmark

# (input, view): one character for one, line breaks for block tags.
CASES = [
    ("<p>Bí thư</p>", "\n  Bí thư\n   "),
    ("Bí thư <b>Thái Thanh Quý</b>", "Bí thư    Thái Thanh Quý    "),
    ('<a href="https://x.vn/a>b">Đảng bộ</a>', "                           Đảng bộ    "),
    ("Năm 2023<br/>kết nạp", "Năm 2023\n    kết nạp"),
    ("<P CLASS='x'>Hà Nội</P>", "\n" + " " * 12 + "Hà Nội\n   "),
    ("Hà Nội<!-- quảng cáo -->.", "Hà Nội                  ."),
    ("A<script>var x = '<p>';\n</script>B", "A" + " " * 22 + "\n" + " " * 9 + "B"),  # its own line break kept
    ("Bí_thư Tỉnh_ủy Nghệ_An", "Bí thư Tỉnh ủy Nghệ An"),
]
# Left as they are: no known element, or an underscore not between two letters.
UNCHANGED = [
    "tỷ lệ <5% và >3%",
    "<<Nghị quyết>> số 03",
    "<Bí thư> Tỉnh ủy",
    "ảnh_1.jpg, __init__, 2023_2024",
    "Bí thư Tỉnh ủy Nghệ An",
    "",
]


@pytest.mark.parametrize(("text", "view"), CASES)
def test_markup_is_blanked(text, view):
    assert unmark(text) == view
    assert len(unmark(text)) == len(text)


@pytest.mark.parametrize("text", UNCHANGED)
def test_other_text_is_left_alone(text):
    assert unmark(text) is text


def test_line_breaks_stay_where_they_are():
    text = "<p>Dòng một</p>\n<p>Dòng hai</p>"
    view = unmark(text)
    assert [i for i, c in enumerate(text) if c == "\n"] == [i for i, c in enumerate(view) if c == "\n" and text[i] == "\n"]
    assert view.split() == ["Dòng", "một", "Dòng", "hai"]


CLEAN = "Bí thư Tỉnh ủy Nghệ An Thái Thanh Quý chủ trì hội nghị. Năm 2023, tỉnh kết nạp 3.500 đảng viên."


def _found(doc):
    return {(e.label, e.text.replace("_", " ")) for e in doc.entities}, {
        (r.head.text.replace("_", " "), r.label, r.tail.text.replace("_", " ")) for r in doc.relations
    }


@pytest.mark.parametrize(
    "messy",
    [
        (
            "<p>Bí thư Tỉnh ủy Nghệ An <strong>Thái Thanh Quý</strong> chủ trì hội nghị.</p>"
            "<p>Năm 2023, tỉnh kết nạp 3.500 đảng viên.</p>"
        ),
        "Bí_thư Tỉnh_ủy Nghệ_An Thái_Thanh_Quý chủ_trì hội_nghị. Năm 2023, tỉnh kết_nạp 3.500 đảng_viên.",
    ],
)
def test_extract_reads_markup_like_clean_text(rules_extractor, messy):
    clean = rules_extractor.extract(CLEAN)
    doc = rules_extractor.extract(messy)
    assert doc.text is messy
    assert all(messy[e.start : e.end] == e.text for e in doc.entities)  # the caller's surfaces
    assert _found(doc) == _found(clean)
    assert ("Thái Thanh Quý", "position", "Bí thư") in _found(doc)[1]
    assert [m.value for m in doc.metrics] == [3500.0]


def test_surfaces_are_the_callers(rules_extractor):
    doc = rules_extractor.extract("Bí_thư Tỉnh_ủy Nghệ_An Thái_Thanh_Quý phát_biểu.")
    assert ("PERSON", "Thái_Thanh_Quý") in {(e.label, e.text) for e in doc.entities}


DEV_GOLD = Path(__file__).resolve().parents[1] / "work_data" / "gold" / "dev.jsonl"


@pytest.mark.skipif(not DEV_GOLD.is_file(), reason=f"{DEV_GOLD} not present")
def test_no_gold_text_changes():
    for line in DEV_GOLD.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        assert unmark(text) is text
