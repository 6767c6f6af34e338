"""Word segmentation with offsets into the original string."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnparty_ie.text.segment import tokenize


def _forms(text, segmenter="underthesea"):
    return [t.form for s in tokenize(text, segmenter) for t in s.tokens]


def test_syllable_segmenter_atoms():
    assert _forms("Nghị quyết số 03-NQ/QU ngày 5-9-2021 đạt 98,5% và 16.000m", "syllable") == [
        "Nghị", "quyết", "số", "03-NQ/QU", "ngày", "5-9-2021", "đạt", "98,5", "%", "và", "16.000", "m",
    ]  # fmt: skip


def test_abbreviation_keeps_its_period():
    assert _forms("TP. Hưng Yên", "syllable") == ["TP.", "Hưng", "Yên"]


@pytest.mark.parametrize("segmenter", ["underthesea", "pyvi"])
def test_statistical_segmenters_join_words(segmenter):
    pytest.importorskip(segmenter)
    forms = _forms("Bí thư Quận ủy Thanh Xuân phát biểu tại hội nghị.", segmenter)
    assert "Bí_thư" in forms and "hội_nghị" in forms
    # never join a lower-case syllable to a following capitalised one
    assert not any("ủy_Thanh" in f for f in forms)


def test_offsets_point_into_the_original_messy_string():
    raw = unicodedata.normalize("NFD", "Bí thư Quận uỷ\u200b Thanh\u00a0Xuân “Ðảng” 24%")
    for sent in tokenize(raw):
        for tok in sent.tokens:
            assert raw[tok.start : tok.end] == tok.text
            assert tok.text.strip() == tok.text and tok.text
    forms = _forms(raw)
    assert "Đảng" in forms and "ủy" in " ".join(forms)


def test_empty_text():
    assert tokenize("") == [] and tokenize(" \n\t") == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠàáảãạỦủỷĐÐ0123456789 .,;:%/-()“”\"'\n\u200b\u00a0\u0301")), max_size=80))
def test_segmentation_never_raises_and_maps_back(raw):
    for segmenter in ("syllable", "underthesea"):
        last_end = 0
        for sent in tokenize(raw, segmenter):
            assert raw[sent.start : sent.end].strip()
            for tok in sent.tokens:
                assert tok.start >= last_end and raw[tok.start : tok.end] == tok.text
                assert sent.start <= tok.start < tok.end <= sent.end
                last_end = tok.end
