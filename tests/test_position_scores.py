"""Scores of the positions table (vnparty_ie.records.position_scores) and their place in the report."""

from __future__ import annotations

import json

from vnparty_ie.evaluation import evaluate_docs
from vnparty_ie.records.position_scores import CONDITIONS, score_positions
from vnparty_ie.types import Extraction, Relation, make_entity

TEXT = "Bí thư Tỉnh ủy Nguyễn Văn A. Ông Nguyễn Văn A, Bí thư Tỉnh ủy, cho biết."
#       0     6 7      14 15         27   33         45 47  53 54     61


def _ents():
    return {
        "post1": make_entity(TEXT, 0, 6, "POSITION"),
        "org1": make_entity(TEXT, 7, 14, "ORG"),
        "per1": make_entity(TEXT, 15, 27, "PERSON"),
        "per2": make_entity(TEXT, 33, 45, "PERSON"),
        "post2": make_entity(TEXT, 47, 53, "POSITION"),
        "org2": make_entity(TEXT, 54, 61, "ORG"),
    }


def _doc(links):
    e = _ents()
    rels = tuple(Relation(e[h], e[t], label) for h, t, label in links)
    return Extraction(TEXT, tuple(sorted(e.values(), key=lambda x: x.start)), rels)


GOLD = [("per1", "post1", "position"), ("post1", "org1", "organization"),
        ("per2", "post2", "position"), ("post2", "org2", "organization")]


def test_entities_are_where_the_test_says():
    e = _ents()
    assert [e[k].text for k in ("post1", "org1", "per1", "per2", "post2", "org2")] == [
        "Bí thư", "Tỉnh ủy", "Nguyễn Văn A", "Nguyễn Văn A", "Bí thư", "Tỉnh ủy"]


def test_a_perfect_prediction_scores_one_and_text_rows_count_once():
    s = score_positions([_doc(GOLD)], [_doc(GOLD)])
    assert s.n_gold_rows == s.n_pred_rows == 2
    assert s.scores["person+post"].tp == 2 and s.scores["person+post+org"].f1 == 1.0
    # the same person in the same post of the same body, named twice: one row by text
    assert s.scores["rows (text)"].tp == 1 and s.scores["rows (text)"].support == 1


def test_a_missing_organisation_costs_the_whole_row_but_not_the_text_row_of_its_twin():
    pred = _doc(GOLD[:3])  # the second mention's post has no organisation
    s = score_positions([_doc(GOLD)], [pred])
    assert (s.scores["person+post"].tp, s.scores["person+post"].fp, s.scores["person+post"].fn) == (2, 0, 0)
    assert (s.scores["person+post+org"].tp, s.scores["person+post+org"].fp, s.scores["person+post+org"].fn) == (1, 1, 1)
    # by text: ("nguyễn văn a", "bí thư", "tỉnh ủy") found, ("nguyễn văn a", "bí thư", "") extra
    rows = s.scores["rows (text)"]
    assert (rows.tp, rows.fp, rows.fn) == (1, 1, 0)


def test_none_in_both_is_a_match_and_a_missing_link_is_a_miss():
    gold = _doc([("per1", "post1", "position")])
    s = score_positions([gold], [_doc([("per1", "post1", "position")])])
    assert s.scores["person+post+org"].f1 == 1.0
    s = score_positions([gold], [_doc([])])
    assert s.n_pred_rows == 0 and s.scores["person+post"].fn == 1 and s.scores["person+post"].f1 == 0.0


def test_the_report_carries_the_positions_table_when_the_gold_has_posts():
    report = evaluate_docs([_doc(GOLD)], [_doc(GOLD[:3])])
    assert report.positions is not None and list(report.positions.scores) == list(CONDITIONS)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["positions"]["scores"]["person+post+org"]["tp"] == 1
    assert "Positions table (person, post, organisation)" in str(report)
    assert evaluate_docs([_doc([])], [_doc([])]).positions is None
