"""Evaluation: hand-computed scores, agreement with seqeval, relations, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnparty_ie.bio import bio_to_spans, repair_bio
from vnparty_ie.errors import AnnotationError, ConfigError
from vnparty_ie.evaluation import EvalReport, evaluate, evaluate_docs, main, seqeval_report
from vnparty_ie.text.segment import tokenize
from vnparty_ie.types import Extraction, Relation, make_entity

TEXT = "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai phát biểu tại Hà Nội"


def ent(mention: str, label: str, text: str = TEXT):
    start = text.index(mention)
    return make_entity(text, start, start + len(mention), label)


def hand_docs() -> tuple[list[Extraction], list[Extraction]]:
    gold = Extraction(
        TEXT,
        (
            ent("Bí thư", "POSITION"),
            ent("Quận ủy Thanh Xuân", "ORG"),
            ent("Bùi Huyền Mai", "PERSON"),
            ent("Hà Nội", "LOC"),
        ),
    )
    pred = Extraction(
        TEXT,
        (
            ent("Bí thư", "POSITION"),  # correct
            ent("Quận ủy", "ORG"),  # boundary error: too short
            ent("Bùi Huyền Mai", "ORG"),  # label confusion PERSON -> ORG
            ent("phát biểu", "PERSON"),  # spurious
            ent("Hà Nội", "LOC"),  # correct
        ),
    )
    return [gold], [pred]


def test_hand_computed_scores() -> None:
    report = evaluate_docs(*hand_docs())
    assert (report.n_docs, report.n_gold, report.n_pred) == (1, 4, 5)
    assert (report.micro.tp, report.micro.fp, report.micro.fn) == (2, 3, 2)
    assert report.micro.precision == pytest.approx(0.4)
    assert report.micro.recall == pytest.approx(0.5)
    assert report.micro.f1 == pytest.approx(2 * 0.4 * 0.5 / 0.9)
    assert report.per_label["POSITION"].f1 == 1.0 and report.per_label["LOC"].f1 == 1.0
    assert (report.per_label["ORG"].tp, report.per_label["ORG"].fp, report.per_label["ORG"].fn) == (0, 2, 1)
    assert (report.per_label["PERSON"].tp, report.per_label["PERSON"].fp, report.per_label["PERSON"].fn) == (0, 1, 1)
    assert report.macro.f1 == pytest.approx(0.5)
    assert report.macro.precision == pytest.approx(0.5) and report.macro.recall == pytest.approx(0.5)
    # lenient: 3 of 5 predictions overlap a same-label gold; 3 of 4 gold are overlapped
    assert (report.lenient.tp, report.lenient.fp, report.lenient.fn) == (3, 2, 1)
    assert report.lenient.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)
    by_label = {k: (v.tp, v.fp, v.fn) for k, v in report.lenient_per_label.items()}
    assert by_label == {"POSITION": (1, 0, 0), "ORG": (1, 1, 0), "PERSON": (0, 1, 1), "LOC": (1, 0, 0)}
    assert "lenient F1 by label: LOC 1.000, ORG 0.667" in str(report)
    assert report.boundary_errors == [
        {"label": "ORG", "gold": "Quận ủy Thanh Xuân", "pred": "Quận ủy", "kind": "too short", "count": 1}
    ]
    assert report.label_confusions == [{"gold_label": "PERSON", "pred_label": "ORG", "count": 1}]
    assert report.seqeval["micro avg"]["precision"] == pytest.approx(0.4)
    assert report.seqeval["micro avg"]["recall"] == pytest.approx(0.5)
    assert report.relations_micro is None and report.misaligned == 0


def test_report_prints_and_saves(tmp_path: Path) -> None:
    report = evaluate_docs(*hand_docs())
    table = str(report)
    for needle in ("micro avg", "macro avg", "lenient", "seqeval strict IOB2", "PERSON -> ORG", "too short"):
        assert needle in table
    path = report.to_json(tmp_path / "out" / "report.json")
    data = json.loads(path.read_text())
    assert data["micro"]["f1"] == pytest.approx(report.micro.f1) and data["per_label"]["LOC"]["f1"] == 1.0


def test_perfect_and_empty() -> None:
    gold, _ = hand_docs()
    assert evaluate_docs(gold, gold).micro.f1 == 1.0
    empty = evaluate_docs([Extraction("")], [Extraction("")])
    assert empty.micro.f1 == 0.0 and empty.seqeval == {}


def test_mismatched_inputs() -> None:
    gold, pred = hand_docs()
    with pytest.raises(ConfigError):
        evaluate_docs(gold, pred * 2)
    with pytest.raises(AnnotationError):
        evaluate_docs(gold, [Extraction("other text")])


def test_relations_scored_per_label() -> None:
    t = "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai"
    pos, org, per = ent("Bí thư", "POSITION", t), ent("Quận ủy Thanh Xuân", "ORG", t), ent("Bùi Huyền Mai", "PERSON", t)
    gold = Extraction(t, (pos, org, per), (Relation(per, pos, "position"), Relation(pos, org, "organization")))
    short_org = ent("Quận ủy", "ORG", t)
    pred = Extraction(
        t, (pos, short_org, per), (Relation(per, pos, "position", 0.9), Relation(pos, short_org, "organization", 0.8))
    )
    report = evaluate_docs([gold], [pred])
    assert report.relations["position"].f1 == 1.0
    assert (report.relations["organization"].tp, report.relations["organization"].fp) == (0, 1)
    assert report.relations_micro.precision == 0.5 and report.relations_micro.recall == 0.5
    assert "Relations" in str(report)


SEQ_TEXT = "Ủy viên Ban Thường vụ Thành ủy , Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai vừa chủ trì hội nghị"
SEQ_TOKENS = tokenize(SEQ_TEXT, segmenter="syllable")[0].tokens
TAGS = ["O", "B-ORG", "I-ORG", "B-PER", "I-PER", "B-LOC"]


@settings(max_examples=60, deadline=None)
@given(
    gold_tags=st.lists(st.sampled_from(TAGS), min_size=len(SEQ_TOKENS), max_size=len(SEQ_TOKENS)),
    pred_tags=st.lists(st.sampled_from(TAGS), min_size=len(SEQ_TOKENS), max_size=len(SEQ_TOKENS)),
)
def test_span_scores_agree_with_seqeval(gold_tags: list[str], pred_tags: list[str]) -> None:
    gold = Extraction(SEQ_TEXT, tuple(bio_to_spans(SEQ_TEXT, SEQ_TOKENS, gold_tags)))
    pred = Extraction(SEQ_TEXT, tuple(bio_to_spans(SEQ_TEXT, SEQ_TOKENS, pred_tags)))
    report = evaluate_docs([gold], [pred])
    direct = seqeval_report([repair_bio(gold_tags)], [repair_bio(pred_tags)])
    if not direct:
        assert report.n_gold == report.n_pred == 0
        return
    assert report.seqeval == direct
    assert report.micro.precision == pytest.approx(direct["micro avg"]["precision"])
    assert report.micro.recall == pytest.approx(direct["micro avg"]["recall"])
    assert report.micro.f1 == pytest.approx(direct["micro avg"]["f1-score"])
    for label, score in report.per_label.items():
        assert score.f1 == pytest.approx(direct[label]["f1-score"])
    assert report.macro.f1 == pytest.approx(direct["macro avg"]["f1-score"])


class ExtractOnly:
    """An extractor with only ``extract`` that returns the gold it was given."""

    def __init__(self, docs: list[Extraction]) -> None:
        self.by_text = {d.text: d for d in docs}

    def extract(self, text: str) -> Extraction:
        return self.by_text[text]


def test_evaluate_runs_any_extractor(tiny_tagger, tmp_path: Path) -> None:
    gold, pred = hand_docs()
    assert evaluate(ExtractOnly(pred), gold).micro.f1 == evaluate_docs(gold, pred).micro.f1
    report = evaluate(tiny_tagger, gold)
    assert isinstance(report, EvalReport) and report.n_docs == 1
    with pytest.raises(TypeError):
        evaluate(object(), gold)


def test_package_level_evaluate_stays_callable() -> None:
    import vnparty_ie
    import vnparty_ie.evaluation

    gold, pred = hand_docs()
    assert vnparty_ie.evaluate(ExtractOnly(pred), gold).micro.tp == 2


def test_main_writes_report(tiny_tagger, tmp_path: Path, capsys) -> None:
    model = tiny_tagger.save_pretrained(tmp_path / "model")
    gold_path = tmp_path / "gold.jsonl"
    gold, _ = hand_docs()
    gold_path.write_text(json.dumps(gold[0].to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "report.json"
    assert main(["--model", str(model), "--gold", str(gold_path), "--output", str(out)]) == 0
    assert "micro avg" in capsys.readouterr().out
    assert json.loads(out.read_text())["n_docs"] == 1
    assert main(["--model", str(model), "--gold", str(gold_path), "--entities-only"]) == 0
    assert main(["--model", str(tmp_path / "missing"), "--gold", str(gold_path)]) == 2


CONLL = "Bí_thư\tO\nQuận_ủy\tB-ORG\nThanh_Xuân\tI-ORG\nphát_biểu\tO\n\nÔng\tO\nBùi_Huyền_Mai\tB-PER\nđến\tO\nBa_Láng\tB-LOC\n"


def test_evaluate_conll_scores_the_files_words(tiny_tagger, tmp_path: Path, capsys) -> None:
    from vnparty_ie.evaluation import evaluate_conll
    from vnparty_ie.io.conll import read_conll

    path = tmp_path / "gold.conll"
    path.write_text(CONLL, encoding="utf-8")
    report = evaluate_conll(tiny_tagger, path)
    sentences = read_conll(path)
    predicted = [tags for tags, _ in tiny_tagger.predict_words([s.words for s in sentences])]
    direct = seqeval_report([s.tags for s in sentences], predicted)
    assert report.n_gold == 3 and report.misaligned == 0
    assert report.seqeval == direct
    assert report.micro.f1 == pytest.approx(direct.get("micro avg", {}).get("f1-score", 0.0))
    model = tiny_tagger.save_pretrained(tmp_path / "model")
    assert main(["--model", str(model), "--gold", str(path)]) == 0
    assert "Entities (strict spans): 2 docs, 3 gold" in capsys.readouterr().out
