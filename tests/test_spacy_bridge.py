"""spaCy bridge: doc.ents, relations extension, displaCy, the pipeline factory."""

import pytest

spacy = pytest.importorskip("spacy")

from vnparty_ie.spacy_bridge import FACTORY_NAME, SpanAlignmentWarning, VnPartyComponent, to_displacy, to_spacy
from vnparty_ie.types import Extraction, Relation, make_entity

TEXT = "Bí thư Quận ủy Thanh Xuân"


def _extraction():
    a, b = make_entity(TEXT, 0, 6, "POSITION", 0.9), make_entity(TEXT, 7, 25, "ORG", 0.8)
    return Extraction(TEXT, (a, b), (Relation(a, b, "organization", 0.7),))


def test_to_spacy_sets_ents_and_relations():
    doc = to_spacy(_extraction(), spacy.blank("xx"))
    assert [(e.text, e.label_) for e in doc.ents] == [("Bí thư", "POSITION"), ("Quận ủy Thanh Xuân", "ORG")]
    head, label, tail, score = doc._.vnparty_relations[0]
    assert (head.text, label, tail.text, score) == ("Bí thư", "organization", "Quận ủy Thanh Xuân", 0.7)
    assert doc.ents[0]._.vnparty_score == 0.9


def test_unalignable_span_warns():
    text = "Bí thư"
    ex = Extraction(text, (make_entity(text, 0, 2, "POSITION"), make_entity(text, 1, 6, "ORG")))
    with pytest.warns(SpanAlignmentWarning):
        doc = to_spacy(ex, spacy.blank("xx"))
    assert len(doc.ents) == 1


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
