"""The normalised view and its alignment to the original string."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnparty_ie.text.normalize import canonical_tone, normalize, normalize_string


@pytest.mark.parametrize(
    "raw, view",
    [
        ("Quận uỷ", "Quận ủy"),
        ("hoà bình", "hòa bình"),
        ("thuỷ lợi, khoẻ", "thủy lợi, khỏe"),
        ("HOÀ", "HÒA"),
        ("hoàn thành, quý, thuyết", "hoàn thành, quý, thuyết"),  # closed rhymes and qu- stay
        ("\u00d0ảng", "Đảng"),  # Latin Eth look-alike
        ("Ða\u0301ng", "Đáng"),  # decomposed accent
        ("a\u200bb\ufeffc\u00add", "abcd"),  # zero-width, BOM, soft hyphen dropped
        ("a\u00a0b\u2009c\td", "a b c d"),  # Unicode spaces
        ("“Chi bộ bốn tốt”", '"Chi bộ bốn tốt"'),
        ("x\r\ny", "x\n\ny"),
        ("\u0430\u043e", "ao"),  # Cyrillic look-alikes
    ],
)
def test_view(raw, view):
    assert normalize_string(raw) == view


def test_nfd_input_is_composed_and_maps_back():
    raw = unicodedata.normalize("NFD", "Bí thư Quận uỷ Thanh Xuân")
    v = normalize(raw)
    assert v.text == "Bí thư Quận ủy Thanh Xuân"
    start = v.text.index("Quận")
    s, e = v.to_original(start, len(v.text))
    assert unicodedata.normalize("NFC", raw[s:e]) == "Quận uỷ Thanh Xuân"


def test_dropped_characters_stay_inside_mapped_spans():
    raw = "Quận\u200b ủy"
    v = normalize(raw)
    assert v.to_original(0, len(v.text)) == (0, len(raw))
    assert v.to_original(0, 4) == (0, 4)


def test_canonical_tone_keeps_length():
    for s in ["uỷ", "hoà", "Thuỷ", "quý", "oe", "hoẹ", "a"]:
        assert len(canonical_tone(s)) == len(s)


def test_non_str_is_a_type_error():
    with pytest.raises(TypeError):
        normalize(b"bytes")  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_alignment_is_monotone_and_in_bounds(raw):
    v = normalize(raw)
    assert len(v.starts) == len(v.text) == len(v.ends)
    for i in range(len(v.text)):
        assert 0 <= v.starts[i] < v.ends[i] <= len(raw)
        if i:
            assert v.starts[i - 1] <= v.starts[i]
    for i in range(len(v.text)):
        for j in range(i + 1, min(len(v.text), i + 4) + 1):
            s, e = v.to_original(i, j)
            assert 0 <= s < e <= len(raw)
