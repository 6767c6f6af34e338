"""Case restoration of ALL-CAPS lines: word table, syllable-after-syllable contexts, names."""

from __future__ import annotations

import pytest

from vnparty_ie.text.case import restore_case

# (ALL-CAPS line, the casing news would use): each row exercises one rule of vnparty_ie.text.case.
SPEC = [
    # the word table: known words and multi-syllable forms
    ("BÍ THƯ TỈNH ỦY NGHỆ AN THÁI THANH QUÝ", "Bí thư Tỉnh ủy Nghệ An Thái Thanh Quý"),
    # party-building news capitalises the Central Committee and Uncle Ho
    ("BỘ CHÍNH TRỊ TRÌNH TRUNG ƯƠNG XEM XÉT", "Bộ Chính trị trình Trung ương xem xét"),
    ("LÀM THEO BÁC PHẢI BẰNG KẾT QUẢ CỤ THỂ", "Làm theo Bác phải bằng kết quả cụ thể"),
    # the syllable before settles it: a surname after "ông", no capital after "Đảng"
    ("ÔNG TRẦN LƯU HẢI, NGUYÊN PHÓ TRƯỞNG BAN", "Ông Trần Lưu Hải, nguyên Phó Trưởng Ban"),
    ("ĐẢNG UỶ CÔNG AN TRUNG ƯƠNG XÂY DỰNG ĐỀ ÁN", "Đảng uỷ Công an Trung ương xây dựng đề án"),
    # a place name after its administrative unit
    ("ĐẢNG BỘ QUẬN THANH XUÂN KẾT NẠP 120 ĐẢNG VIÊN", "Đảng bộ quận Thanh Xuân kết nạp 120 đảng viên"),
    # unknown non-syllables stay in capitals
    ("HĐND TỈNH THÔNG QUA NGHỊ QUYẾT", "HĐND tỉnh thông qua nghị quyết"),
]


@pytest.mark.parametrize(("caps", "expected"), SPEC)
def test_restore_case_spec(caps: str, expected: str) -> None:
    assert restore_case(caps) == expected


@pytest.mark.parametrize(("caps", "_"), SPEC)
def test_same_length_and_only_case_changes(caps: str, _: str) -> None:
    out = restore_case(caps)
    assert len(out) == len(caps) and out.upper() == caps


def test_mixed_case_lines_untouched() -> None:
    text = "ông trần văn a\nBí thư Đảng ủy"
    assert restore_case(text) is text


def test_text_without_any_capital_is_restored() -> None:
    text = "năm 2023, đảng bộ quận thanh xuân kết nạp 120 đảng viên. đồng chí nguyễn văn an phát biểu."
    assert restore_case(text) == (
        "Năm 2023, Đảng bộ quận Thanh Xuân kết nạp 120 đảng viên. Đồng chí Nguyễn Văn An phát biểu."
    )


def test_short_lower_case_text_and_numbers_stay() -> None:
    short = "ông nguyễn văn a"  # too few words to say the text was typed without capitals
    assert restore_case(short) is short
    caps = "TỔNG THU ĐẠT HƠN 6.164 TỶ ĐỒNG"  # the dot of a number does not end a sentence
    assert restore_case(caps) == "Tổng thu đạt hơn 6.164 tỷ đồng"


def test_one_sentence_without_capitals_is_left_alone() -> None:
    # ordinary cased text has sentences without a capital; a model trained on them must see them as they are
    sentence = "sau đó, bệnh nhân được chuyển tới bệnh viện để điều trị tiếp."
    assert restore_case(sentence) is sentence
