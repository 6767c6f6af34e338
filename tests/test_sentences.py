"""Sentence splitting: abbreviations, numbers, lines."""

import pytest

from vnparty_ie.text.sentences import split_sentences


def _split(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Một câu. Hai câu.", ["Một câu.", "Hai câu."]),
        ("Đạt 105.981 tỷ đồng. Tăng 98,5%.", ["Đạt 105.981 tỷ đồng.", "Tăng 98,5%."]),
        ("Tại TP. Hưng Yên, TS. Nguyễn Văn A nói.", ["Tại TP. Hưng Yên, TS. Nguyễn Văn A nói."]),
        ("Ông H. Nam đến. Xong!", ["Ông H. Nam đến.", "Xong!"]),
        ("Tiêu đề\n\nĐoạn một. (PNTĐ) - Đoạn hai", ["Tiêu đề", "Đoạn một.", "(PNTĐ) - Đoạn hai"]),
        ("đạt 7/9 chỉ tiêu. còn lại", ["đạt 7/9 chỉ tiêu. còn lại"]),  # lower case does not start a sentence
        ('Ông nói: "Tốt." Sau đó', ['Ông nói: "Tốt."', "Sau đó"]),
        ("", []),
        ("  \n \t ", []),
    ],
)
def test_split(text, expected):
    assert _split(text) == expected


def test_spans_are_trimmed_and_ordered():
    text = "  A b.  C d.\n\n E f  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["A b.", "C d.", "E f"]
    assert spans == sorted(spans)
