"""Span <-> IOB2 conversion over words."""

from vnparty_ie.bio import bio_to_spans, repair_bio, spans_to_bio
from vnparty_ie.text.segment import Token
from vnparty_ie.types import make_entity

TEXT = "Bí thư Quận ủy Thanh Xuân"
TOKENS = [Token(0, 6, "Bí thư", "Bí_thư"), Token(7, 14, "Quận ủy", "Quận_ủy"), Token(15, 25, "Thanh Xuân", "Thanh_Xuân")]


def test_aligned_entities_become_tags():
    tags, bad = spans_to_bio(TOKENS, [make_entity(TEXT, 0, 6, "POSITION"), make_entity(TEXT, 7, 25, "ORG")])
    assert tags == ["B-POSITION", "B-ORG", "I-ORG"] and bad == []


def test_entities_inside_words_are_reported_not_dropped():
    inside = make_entity(TEXT, 7, 11, "ORG")  # "Quận" is half of the word "Quận ủy"
    tags, bad = spans_to_bio(TOKENS, [inside])
    assert tags == ["O", "O", "O"] and bad == [inside]


def test_round_trip_with_scores():
    tags = ["B-POSITION", "B-ORG", "I-ORG"]
    ents = bio_to_spans(TEXT, TOKENS, tags, scores=[0.9, 0.8, 0.6])
    assert [(e.text, e.label) for e in ents] == [("Bí thư", "POSITION"), ("Quận ủy Thanh Xuân", "ORG")]
    assert abs(ents[1].score - 0.7) < 1e-9


def test_repair():
    assert repair_bio(["O", "I-ORG", "I-LOC", "B-ORG", "I-ORG"]) == ["O", "B-ORG", "B-LOC", "B-ORG", "I-ORG"]
