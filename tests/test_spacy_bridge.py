"""spaCy bridge: exact doc.ents (tokens cut at entity edges), records on doc._, DocBin, the pipeline factory."""

import json

import pytest

spacy = pytest.importorskip("spacy")

from tests._shared import SEEDS_GOLD, requires_seeds

from vnparty_ie.spacy_bridge import (
    FACTORY_NAME,
    SpanAlignmentWarning,
    VnPartyComponent,
    relation_spans,
    to_displacy,
    to_spacy,
    words_and_spaces,
)
from vnparty_ie.types import Extraction, Relation, make_entity

TEXT = "Bí thư Quận ủy Thanh Xuân"
ISSUE_TEXT = "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai chủ trì hội nghị."


def _extraction():
    a, b = make_entity(TEXT, 0, 6, "POSITION", 0.9), make_entity(TEXT, 7, 25, "ORG", 0.8)
    return Extraction(TEXT, (a, b), (Relation(a, b, "organization", 0.7),))


def _issue_extraction():
    t = ISSUE_TEXT
    pos, org, person = make_entity(t, 0, 6, "POSITION"), make_entity(t, 7, 25, "ORG"), make_entity(t, 26, 39, "PERSON")
    event = make_entity(t, 48, 56, "EVENT")
    rels = (Relation(person, pos, "position"), Relation(pos, org, "organization"))
    return Extraction(t, (pos, org, person, event), rels)


def _spans(doc):
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def _gold_spans(ex):
    return sorted((e.start, e.end, e.label) for e in ex.entities)


@pytest.fixture(scope="module", params=["vi", "xx"])
def nlp(request):
    if request.param == "vi":
        pytest.importorskip("pyvi", reason="spacy.blank('vi') needs pyvi (dev extra)")
    return spacy.blank(request.param)


def test_to_spacy_sets_ents_and_relations():
    doc = to_spacy(_extraction(), spacy.blank("xx"))
    assert [(e.text, e.label_) for e in doc.ents] == [("Bí thư", "POSITION"), ("Quận ủy Thanh Xuân", "ORG")]
    assert doc._.vnparty_relations == [
        {"head": 0, "tail": 1, "label": "organization", "score": 0.7, "head_text": "Bí thư",
         "tail_text": "Quận ủy Thanh Xuân"}
    ]  # fmt: skip
    head, label, tail, score = relation_spans(doc)[0]
    assert (head.text, label, tail.text, score) == ("Bí thư", "organization", "Quận ủy Thanh Xuân", 0.7)
    assert doc.ents[0]._.vnparty_score == 0.9


def test_issue_sentence_is_exact(nlp):
    """The issue's example: the vi tokenizer merges «Thanh Xuân Bùi»; the full stop stays out of the EVENT."""
    ex = _issue_extraction()
    doc = to_spacy(ex, nlp)
    assert doc.text == ISSUE_TEXT
    assert _spans(doc) == _gold_spans(ex)
    assert [e.text for e in doc.ents][-1] == "hội nghị"
    assert doc[-1].text == "."
    assert [(h.label_, lab, t.label_) for h, lab, t, _ in relation_spans(doc)] == [
        ("PERSON", "position", "POSITION"), ("POSITION", "organization", "ORG")
    ]  # fmt: skip


def test_vocab_only_and_whitespace():
    text = "Bí thư  Quận ủy\n\nThanh Xuân."
    ex = Extraction(text, (make_entity(text, 0, 6, "POSITION"), make_entity(text, 8, 15, "ORG")))
    doc = to_spacy(ex, spacy.blank("xx").vocab)
    assert doc.text == text and _spans(doc) == _gold_spans(ex)


def test_words_and_spaces_rebuild_text():
    text = "a  Quận ủy Thanh Xuân Bùi\tMai ."
    ents = [make_entity(text, 3, 21, "ORG"), make_entity(text, 22, 29, "PERSON")]
    words, spaces = words_and_spaces(text, [(0, 1), (3, 25), (26, 29), (30, 31)], ents)
    assert "".join(w + " " * s for w, s in zip(words, spaces)) == text
    assert "Quận ủy Thanh Xuân" in words and "Bùi" in words


def test_entity_with_space_edges_still_exact():
    text = "Quận ủy  Thanh Xuân"
    ex = Extraction(text, (make_entity(text, 0, 8, "ORG"),))  # ends on a space: odd, but exact
    doc = to_spacy(ex, spacy.blank("xx"))
    assert _spans(doc) == [(0, 8, "ORG")]


def test_overlapping_span_warns():
    text = "Bí thư"
    ex = Extraction(text, (make_entity(text, 0, 2, "POSITION"), make_entity(text, 1, 6, "ORG")))
    with pytest.warns(SpanAlignmentWarning):
        doc = to_spacy(ex, spacy.blank("xx"))
    assert len(doc.ents) == 1


def test_records_on_doc_are_json_and_survive_docbin():
    from spacy.tokens import DocBin

    from vnparty_ie.types import DateValue, Metric, Post

    t = "Bí thư Bùi Huyền Mai cho biết năm 2023 đạt 6.164 tỷ đồng."
    pos, person = make_entity(t, 0, 6, "POSITION"), make_entity(t, 7, 20, "PERSON")
    date, metric, unit = (
        make_entity(t, 30, 38, "DATE"),
        make_entity(t, 43, 48, "METRIC"),
        make_entity(t, 49, 56, "UNIT"),
    )
    ex = Extraction(
        t, (pos, person, date, metric, unit), (Relation(metric, unit, "unit"),),
        metrics=(Metric(metric, unit=unit, period=date, value=6.164e12, unit_normalized="VND"),),
        positions=(Post(person, pos),), dates=(DateValue(date, "2023-01-01", "2023-12-31", "year"),),
    )  # fmt: skip
    nlp = spacy.blank("xx")
    doc = to_spacy(ex, nlp)
    payload = {
        k: getattr(doc._, k) for k in ("vnparty_relations", "vnparty_metrics", "vnparty_positions", "vnparty_dates")
    }
    json.dumps(payload)
    assert doc._.vnparty_metrics[0]["value"] == 6.164e12 and doc._.vnparty_metrics[0]["unit"] == "tỷ đồng"
    assert doc._.vnparty_positions[0]["person"] == "Bùi Huyền Mai"
    assert doc._.vnparty_dates[0]["start"] == "2023-01-01"
    docbin = DocBin(store_user_data=True)
    docbin.add(doc)
    (back,) = DocBin().from_bytes(docbin.to_bytes()).get_docs(nlp.vocab)
    assert _spans(back) == _spans(doc)
    assert list(back._.vnparty_metrics) == list(doc._.vnparty_metrics)  # msgpack gives tuples for lists
    assert list(back._.vnparty_relations) == list(doc._.vnparty_relations)


def test_displacy_manual_format():
    data = to_displacy(_extraction())
    assert data["ents"][1] == {"start": 7, "end": 25, "label": "ORG"}
    assert "<mark" in spacy.displacy.render(data, style="ent", manual=True)


def test_pipeline_component():
    class Fixed:
        def extract(self, text):
            return _extraction()

        def extract_many(self, texts, batch_size=16):
            return (_extraction() for _ in texts)

    nlp = spacy.blank("xx")
    component = VnPartyComponent(extractor=Fixed())
    doc = component(nlp.make_doc(TEXT))
    assert len(doc.ents) == 2
    assert [len(d.ents) for d in component.pipe([nlp.make_doc(TEXT)] * 3, batch_size=2)] == [2, 2, 2]
    assert spacy.language.Language.has_factory(FACTORY_NAME)


@pytest.fixture(scope="module")
def rules_model(tmp_path_factory):
    directory = tmp_path_factory.mktemp("rules_model")
    (directory / "pipeline.json").write_text(json.dumps({"entities": {"combine": "rules"}}), encoding="utf-8")
    return directory


def test_component_on_rules_model_is_exact(nlp, rules_model):
    from vnparty_ie import load

    extractor = load(rules_model)
    nlp = spacy.blank(nlp.lang)
    nlp.add_pipe(FACTORY_NAME, config={"model": str(rules_model)})
    texts = [
        ISSUE_TEXT,
        (
            "Ủy viên Ban Thường vụ Thành ủy, Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai cho biết tổng thu ngân sách "
            "năm 2023 đạt hơn 6.164 tỷ đồng, tăng 31% so với năm 2020. Dự Đại hội XIII."
        ),
    ]
    for text, doc in zip(texts, nlp.pipe(texts)):
        ex = extractor.extract(text)
        assert ex.entities, text
        assert doc.text == text
        assert _spans(doc) == _gold_spans(ex)
        assert all(not e.text.endswith((".", ",")) for e in doc.ents)
        assert len(doc._.vnparty_relations) == len(ex.relations)
        assert len(doc._.vnparty_metrics) == len(ex.metrics)
        json.dumps([doc._.vnparty_relations, doc._.vnparty_metrics, doc._.vnparty_positions, doc._.vnparty_dates])


@requires_seeds
def test_seeds_gold_ents_are_exact(nlp):
    from vnparty_ie.io.jsonl import read_jsonl

    docs = list(read_jsonl(SEEDS_GOLD))
    assert docs
    for gold in docs:
        doc = to_spacy(gold, nlp)
        assert doc.text == gold.text
        assert _spans(doc) == _gold_spans(gold), gold.id
        assert len(doc._.vnparty_relations) == len(gold.relations), gold.id
