"""Diacritics put back into Vietnamese typed without them (vnparty_ie.text.accents)."""

from __future__ import annotations

import random

import pytest

from vnparty_ie.text.accents import (
    MIN_WORDS,
    TABLE_PATH,
    fold,
    is_unaccented,
    load_table,
    restore_accents,
    restore_runs,
)

#: (bare text, restored text): sentences of the kind party-building news prints.
RESTORED = [
    ("Bi thu Tinh uy Nghe An cho biet toan tinh ket nap 1.250 dang vien moi.",
     "Bí thư Tỉnh ủy Nghệ An cho biết toàn tỉnh kết nạp 1.250 đảng viên mới."),
    ("Ong Nguyen Van An, Pho Chu tich UBND tinh, chu tri hoi nghi.",
     "Ông Nguyễn Văn An, Phó Chủ tịch UBND tỉnh, chủ trì hội nghị."),
    ("BAN CHAP HANH DANG BO TINH KHOA XX HOP PHIEN THU NHAT",
     "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH KHÓA XX HỌP PHIÊN THỨ NHẤT"),
    # a unit in bare letters after a number stays as it is
    ("Chinh sach doi voi 321 ho dan trong khu vuc 4,3 ha cua du an.",
     "Chính sách đối với 321 hộ dân trong khu vực 4,3 ha của dự án."),
]  # fmt: skip


@pytest.mark.parametrize(("bare", "restored"), RESTORED)
def test_restores_news_sentences(bare, restored):
    out = restore_accents(bare)
    assert out == restored
    assert len(out) == len(bare)


@pytest.mark.parametrize(
    "text",
    [
        "Bí thư Tỉnh ủy Nghệ An cho biết toàn tỉnh kết nạp 1.250 đảng viên mới.",  # has its diacritics
        "The party committee held a meeting in the city on Monday to discuss the plan.",  # English
        "Bi thu Tinh uy",  # too short to tell
        "for i in range(10): print(i) if x else y; return value",  # code
        "",
    ],
)
def test_leaves_other_text_alone(text):
    assert restore_accents(text) is text


def test_fold_and_runs():
    assert fold("Đảng ủy") == "dang uy" and fold("NGHỆ") == "nghe"
    table = {"bi": ("bị", 9), "thu": ("thu", 5), "bi thu": ("bí thư", 6)}
    assert restore_runs(["bi", "thu"], table) == ["bí", "thư"]
    assert restore_runs(["bi", "xyz"], table) == ["bị", "xyz"]  # an unknown syllable stays bare


def test_random_bare_text_keeps_its_length_letters_and_case():
    rng = random.Random(0)
    vocab = [k for k in load_table() if " " not in k][:3000]
    for _ in range(200):
        words = [rng.choice(vocab) for _ in range(rng.randint(MIN_WORDS, 30))]
        words = [w.upper() if rng.random() < 0.1 else w.capitalize() if rng.random() < 0.3 else w for w in words]
        text = " ".join(words) + rng.choice([".", ",", " 12", ""])
        assert is_unaccented(text)
        out = restore_accents(text)
        assert len(out) == len(text)
        assert fold(out) == text.lower()  # only diacritics change
        assert [c.isupper() for c in out] == [c.isupper() for c in text]


def test_table_says_how_it_was_built():
    first = TABLE_PATH.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith("# built by training/build_accent_table.py")
    assert len(load_table()) > 50_000


def test_extraction_of_bare_text_finds_names_and_posts():
    from vnparty_ie.combine import RuleEntityModel
    from vnparty_ie.extractor import Extractor
    from vnparty_ie.rules import RuleRelationLinker

    ex = Extractor(RuleEntityModel(), linker=RuleRelationLinker())
    text = "Ngay 5/9/2023, ong Nguyen Van An, Bi thu Tinh uy Nghe An, cho biet nam 2023 toan tinh ket nap 1.250 dang vien."
    doc = ex.extract(text)
    found = {(e.label, e.text) for e in doc.entities}
    assert {("PERSON", "Nguyen Van An"), ("POSITION", "Bi thu"), ("ORG", "Tinh uy Nghe An")} <= found
    (metric,) = [m for m in doc.metrics if m.value == 1250]
    assert metric.unit_normalized == "đảng viên" and metric.period_start == "2023-01-01"
