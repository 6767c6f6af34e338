"""Post records: the status of a post from the words around its POSITION (spec table)."""

from __future__ import annotations

import pytest

from vnparty_ie.records.posts import post_status
from vnparty_ie.types import Extraction, Post, Relation, make_entity

# (text, the POSITION's text, expected status)
SPEC = [
    ("Ông Nguyễn Văn A, nguyên Chủ tịch UBND tỉnh, phát biểu.", "Chủ tịch", "former"),
    ("Cựu Bộ trưởng Trần B bị khởi tố.", "Bộ trưởng", "former"),
    ("Ông C từng là Bí thư Tỉnh uỷ Nghệ An.", "Bí thư", "former"),
    ("Ông D từng giữ chức Phó Chủ tịch UBND tỉnh.", "Phó Chủ tịch", "former"),
    ("Lễ viếng cố Tổng Bí thư Nguyễn Phú Trọng.", "Tổng Bí thư", "late"),
    ("Tân Bí thư Thành ủy Lê E nhận nhiệm vụ.", "Bí thư", "new"),
    ("Ông F vừa được bầu giữ chức Bí thư Huyện ủy.", "Bí thư", "new"),
    ("Quyền Giám đốc Sở Nội vụ Phạm G phát biểu.", "Quyền Giám đốc", "acting"),
    ("Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai chủ trì.", "Bí thư", None),
    ("Ông H, Chủ tịch UBND tỉnh (nguyên quán Nghệ An), dự.", "Chủ tịch", None),
    ("Nguyên tắc tập trung dân chủ được Bí thư nhấn mạnh.", "Bí thư", None),  # "nguyên" not right before
    ("NGUYÊN CHỦ TỊCH UBND TỈNH BỊ KỶ LUẬT", "CHỦ TỊCH", "former"),
]


@pytest.mark.parametrize(("text", "post", "status"), SPEC)
def test_post_status(text: str, post: str, status: str | None) -> None:
    start = text.index(post)
    assert post_status(text, make_entity(text, start, start + len(post), "POSITION")) == status


def test_status_round_trips_and_is_a_column() -> None:
    t = "Ông Nguyễn Văn A, nguyên Chủ tịch UBND tỉnh."
    person, post, org = make_entity(t, 4, 16, "PERSON"), make_entity(t, 25, 33, "POSITION"), make_entity(t, 34, 43, "ORG")
    doc = Extraction(
        t,
        (person, post, org),
        (Relation(person, post, "position"), Relation(post, org, "organization")),
        positions=(Post(person, post, org, status="former"),),
    )
    back = Extraction.from_dict(doc.to_dict())
    assert [p.status for p in back.positions] == ["former"]
    assert doc.tables()["positions"][0]["status"] == "former"
    assert "status" not in Post(person, post).to_dict()  # None is left out of the record
