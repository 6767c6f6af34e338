"""The TARGET error breakdown (training/target_errors.py): kinds, the verb-phrase probe, the report."""

from __future__ import annotations

import doctest
import json
from types import SimpleNamespace as NS

import pytest
from training import target_errors
from training.target_errors import KINDS, analyse, target_kind, verb_phrase


def test_doctests():
    assert doctest.testmod(target_errors).failed == 0


@pytest.mark.parametrize(
    ("gold", "pred", "kind"),
    [
        (None, None, "right"),
        ((0, 4), (2, 6), "right"),
        ((0, 4), (4, 6), "wrong"),  # touching is not overlapping
        ((0, 4), None, "missed"),
        (None, (0, 4), "spurious"),
    ],
)
def test_target_kind(gold, pred, kind):
    assert target_kind(gold, pred) == kind


def _doc(text, metric, target=None, extra_targets=()):
    m = NS(label="METRIC", span=metric)
    ents = [m] + [NS(label="TARGET", span=s) for s in extra_targets]
    rels = []
    if target is not None:
        t = NS(label="TARGET", span=target)
        ents.append(t)
        rels.append(NS(label="target", head=m, tail=t))
    return NS(text=text, entities=ents, relations=rels)


def test_analyse_counts_each_kind_and_a_linking_miss():
    text = "Quận đã kết nạp 28 đảng viên"
    gold = [_doc(text, (16, 18), (8, 15)), _doc(text, (16, 18)), _doc(text, (16, 18), (8, 15))]
    pred = [
        _doc(text, (16, 18), extra_targets=[(8, 15)]),  # found, not linked
        _doc(text, (16, 18), (0, 4)),  # spurious
        _doc(text, (0, 4)),  # the METRIC not found: not counted
    ]
    report = analyse(gold, pred, examples=5)
    assert report.metrics_found == 2
    assert report.kinds == {"right": 0, "missed": 1, "spurious": 1, "wrong": 0}
    assert report.missed_entity_found == 1 and report.missed_gold_before_metric == 1
    assert report.examples["missed"][0]["gold"] == "kết nạp"
    assert report.probe is None
    data = json.loads(json.dumps(report.to_dict()))
    assert data["accuracy"] == 0.0 and set(data["kinds"]) == set(KINDS)
    assert "missed 1" in str(report)


def test_probe_skips_copulas_and_strips_closing_function_words():
    clause = " ban hành quyết định kỷ luật với "
    tags = [("ban hành", "V"), ("quyết định", "N"), ("kỷ luật", "V"), ("với", "E")]
    start, end = verb_phrase(clause, tags)
    assert clause[start:end] == "ban hành quyết định kỷ luật"
    assert verb_phrase(" là ", [("là", "V")]) is None
    assert verb_phrase(" có với ", [("có", "V"), ("với", "E")]) is None
