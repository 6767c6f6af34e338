"""Hard-wrapped text: breaks inside paragraphs read as spaces, offsets unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnparty_ie import load
from vnparty_ie.text.wrap import unwrap

PARAGRAPH = (
    "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai cho biết tổng thu ngân sách năm 2023 đạt hơn 6.164 tỷ đồng, "
    "tăng 12% so với năm 2022. Phó Bí thư Thường trực Thành ủy Hà Nội Nguyễn Thị Tuyến dự Đại hội Đảng bộ "
    "thành phố. Đảng bộ quận đã kết nạp 120 đảng viên mới trong năm 2023, đạt 105% kế hoạch đề ra. "
    "Ông Lê Văn Hòa, Chủ tịch UBND tỉnh Khánh Hòa, nói về thủy lợi, hòa bình và sức khỏe; Đảng ủy khối "
    "có 98,5% tổ chức đảng hoàn thành tốt nhiệm vụ."
)


def wrap(text: str, width: int) -> str:
    """Greedy wrapping at ``width`` (a space becomes a line break)."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


@pytest.mark.parametrize("width", [40, 60, 72, 99])
def test_wrapped_paragraph_reads_as_one_line(width: int) -> None:
    wrapped = wrap(PARAGRAPH, width)
    assert "\n" in wrapped
    assert unwrap(wrapped) == PARAGRAPH


def test_paragraph_ends_and_list_items_stay() -> None:
    first, second = wrap(PARAGRAPH, 60), wrap(PARAGRAPH, 60)
    text = first + "\n\n" + second + "\n- Ông Trần Văn Nam, Phó Bí thư Thường trực Quận ủy\n- Bà Lê Thị Hoa"
    out = unwrap(text)
    assert len(out) == len(text)
    assert out.split("\n\n")[0] == PARAGRAPH  # the blank line stays
    assert "\n- Ông Trần Văn Nam" in out and "\n- Bà Lê Thị Hoa" in out  # list items are not joined


def test_crlf_becomes_two_spaces() -> None:
    text = wrap(PARAGRAPH, 60).replace("\n", "\r\n")
    out = unwrap(text)
    assert len(out) == len(text) and "\r" not in out and "  " in out


@pytest.mark.parametrize(
    "text",
    [
        "Dòng một.\nDòng hai.",  # too few lines
        PARAGRAPH + "\n" + PARAGRAPH + "\n" + PARAGRAPH + "\n" + PARAGRAPH + "\n" + PARAGRAPH,  # one paragraph a line
        "Ông A\nBà B\nÔng C\nBà D\nÔng E\nBà F",  # short lines: a list, not a wrap
        "không xuống dòng",
    ],
)
def test_news_layout_is_left_alone(text: str) -> None:
    assert unwrap(text) is text


def test_gold_news_is_never_unwrapped() -> None:
    root = Path(__file__).resolve().parents[1] / "work_data" / "gold"
    files = sorted(root.glob("*.jsonl"))
    if not files:
        pytest.skip("gold not materialised (python corpora/materialize.py)")
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            assert unwrap(text) is text, json.loads(line)["id"]


def test_extract_finds_a_name_across_a_wrap(tmp_path: Path) -> None:
    (tmp_path / "pipeline.json").write_text(json.dumps({"entities": {"combine": "rules"}}), encoding="utf-8")
    extractor = load(tmp_path)
    clean = extractor.extract(PARAGRAPH)
    for width in (45, 60, 80):
        wrapped = wrap(PARAGRAPH, width)
        doc = extractor.extract(wrapped)
        assert [(e.start, e.end, e.label) for e in doc.entities] == [(e.start, e.end, e.label) for e in clean.entities]
        assert all(wrapped[e.start : e.end] == e.text for e in doc.entities)  # the caller's line breaks
