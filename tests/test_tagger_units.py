"""Pure pieces of the tagger: windows, word -> subword alignment, BIO decoding."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnparty_ie import bio
from vnparty_ie.errors import ConfigError, SchemaError
from vnparty_ie.tagger import (
    IGNORE_INDEX,
    assign_words,
    build_window_inputs,
    clip_words,
    plan_windows,
    repair_bio,
    word_spans,
)
from vnparty_ie.tagger.config import TaggerFileConfig, encoder_max_length
from vnparty_ie.tagger.decode import argmax_tags, spans_to_entities
from vnparty_ie.text.segment import Token

TAGS = ["O", "B-ORG", "I-ORG", "B-PER", "I-PER"]


@settings(max_examples=200, deadline=None)
@given(
    lengths=st.lists(st.integers(1, 6), min_size=0, max_size=80),
    budget=st.integers(6, 20),
    stride=st.integers(0, 12),
)
def test_windows_cover_fit_and_advance(lengths: list[int], budget: int, stride: int) -> None:
    windows = plan_windows(lengths, budget, stride)
    if not lengths:
        assert windows == []
        return
    assert windows[0][0] == 0 and windows[-1][1] == len(lengths)
    for (a, b), (c, d) in itertools.pairwise(windows):
        assert a < c <= b < d  # advances, overlaps or touches, no gap
        assert sum(lengths[c:b]) <= min(stride, budget // 2)
    for a, b in windows:
        assert sum(lengths[a:b]) <= budget
    owner = assign_words(lengths, windows)
    for i, w in enumerate(owner):
        a, b = windows[w]
        assert a <= i < b
    assert owner == sorted(owner)  # each window owns one contiguous stretch


def test_most_central_window_wins() -> None:
    lengths = [1] * 10
    windows = plan_windows(lengths, budget=6, stride=3)
    assert windows == [(0, 6), (3, 9), (6, 10)]
    # Word 4: one word of context on its scarcer side in either window -> tie -> the
    # earlier one; word 5 has 2 in window 1 (0 in window 0); word 8 has 2 in window 2.
    assert assign_words(lengths, windows) == [0, 0, 0, 0, 0, 1, 1, 1, 2, 2]


def test_plan_windows_rejects_bad_input() -> None:
    with pytest.raises(ConfigError):
        plan_windows([1, 9], budget=5, stride=1)
    with pytest.raises(ConfigError):
        plan_windows([1], budget=0, stride=0)
    with pytest.raises(ConfigError):
        plan_windows([1], budget=4, stride=-1)


def test_clip_words_keeps_first_subwords() -> None:
    pieces, clipped = clip_words([[1], [2, 3, 4, 5, 6], [7]], budget=3)
    assert pieces == [[1], [2, 3, 4], [7]] and clipped == [1]


def test_build_window_inputs_labels_first_subword_only() -> None:
    ids, labels, firsts = build_window_inputs([[10, 11], [12], [13, 14, 15]], [1, 0, 2], [0], [2])
    assert ids == [0, 10, 11, 12, 13, 14, 15, 2]
    assert labels == [IGNORE_INDEX, 1, IGNORE_INDEX, 0, 2, IGNORE_INDEX, IGNORE_INDEX, IGNORE_INDEX]
    assert firsts == [1, 3, 4]
    _, unlabeled, _ = build_window_inputs([[10, 11]], None, [0], [2])
    assert set(unlabeled) == {IGNORE_INDEX}


tag_lists = st.lists(st.sampled_from(TAGS), max_size=30)


@given(tags=tag_lists)
def test_repair_matches_bio_module(tags: list[str]) -> None:
    assert repair_bio(tags) == bio.repair_bio(tags)
    repaired = repair_bio(tags)
    assert repair_bio(repaired) == repaired


@given(tags=tag_lists, data=st.data())
def test_word_spans_match_bio_to_spans(tags: list[str], data) -> None:
    scores = data.draw(st.lists(st.floats(0, 1), min_size=len(tags), max_size=len(tags)))
    words = [f"w{i}" for i in range(len(tags))]
    text = " ".join(words)
    tokens, pos = [], 0
    for w in words:
        tokens.append(Token(pos, pos + len(w), w, w))
        pos += len(w) + 1
    ours = spans_to_entities(text, [t.start for t in tokens], [t.end for t in tokens], word_spans(tags, scores))
    theirs = bio.bio_to_spans(text, tokens, tags, scores)
    assert [(e.start, e.end, e.label) for e in ours] == [(e.start, e.end, e.label) for e in theirs]
    for a, b in zip(ours, theirs):
        assert a.score == pytest.approx(b.score, abs=1e-6)


def test_word_spans_confidence_is_mean_of_chosen_tags() -> None:
    probs = np.array([[0.1, 0.8, 0.1, 0, 0], [0.2, 0.1, 0.6, 0.1, 0], [0.9, 0.05, 0.05, 0, 0]])
    tags, scores = argmax_tags(probs, TAGS)
    assert tags == ["B-ORG", "I-ORG", "O"]
    assert word_spans(tags, scores) == [(0, 2, "ORG", pytest.approx(0.7))]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=20))
def test_span_confidence_is_numpy_mean_bit_for_bit(scores: list[float]) -> None:
    from vnparty_ie.tagger.decode import _mean

    assert _mean(scores) == float(np.mean(scores))


def test_invalid_tag_is_a_schema_error() -> None:
    with pytest.raises(SchemaError):
        repair_bio(["B-ORG", "E-ORG"])


def test_encoder_max_length() -> None:
    from transformers import BertConfig, RobertaConfig

    phobert_like = RobertaConfig(max_position_embeddings=258, pad_token_id=1)
    assert encoder_max_length(phobert_like) == 256
    assert encoder_max_length(BertConfig(max_position_embeddings=512)) == 512

    class Tok:
        model_max_length = 128

    assert encoder_max_length(phobert_like, Tok()) == 128


def test_file_config_round_trip(tmp_path) -> None:
    cfg = TaggerFileConfig(max_length=64, stride=8, segmenter="syllable")
    cfg.save(tmp_path)
    assert TaggerFileConfig.load(tmp_path) == cfg
