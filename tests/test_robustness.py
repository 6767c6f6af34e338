"""End-to-end robustness: extraction never raises on messy input, offsets always hold."""

import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vnparty_ie.combine import CombinedEntityModel
from vnparty_ie.extractor import Extractor

PIECES = list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐBTHQNÀÁẢÃẠàáảãạỦủỷ0123456789 .,;:%/-()“”\"'\n\t") + [
    "\u200b", "\u00a0", "\u0301", "\u00d0", "\ufeff", "Quận uỷ ", "Bí thư ", "Nghị quyết số 03-NQ/TW ",
    "năm 2023 ", "đạt 98,5% ", "Nguyễn Văn An ", "https://x.vn/a_b?c=1 ", "😀", "\u2028",
]  # fmt: skip
MESSY = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(MESSY)
@example("\n\u0301")  # a combining mark after a line break (found by hypothesis in CI)
def test_extract_never_raises_and_offsets_hold(tiny_tagger, text):
    extractor = Extractor(CombinedEntityModel(tiny_tagger, "rules_first"))
    for variant in (text, unicodedata.normalize("NFD", text)):
        doc = extractor.extract(variant)
        assert doc.text is variant
        for ent in doc.entities:
            assert variant[ent.start : ent.end] == ent.text and ent.text.strip() == ent.text
        ids = set(map(id, doc.entities))
        assert all(id(r.head) in ids and id(r.tail) in ids for r in doc.relations)


def test_very_long_word_and_long_document(tiny_tagger):
    extractor = Extractor(CombinedEntityModel(tiny_tagger, "tagger_first"))
    text = "Bí thư Quận ủy " + "x" * 5000 + " phát biểu. " + "Năm 2023 đạt 98,5%. " * 80
    doc = extractor.extract(text)
    assert all(text[e.start : e.end] == e.text for e in doc.entities)
    assert any(e.start > 5000 for e in doc.entities)  # nothing after the long word was dropped
