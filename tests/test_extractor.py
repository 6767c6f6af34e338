"""The public API's input policy, batching and errors, with a stand-in entity model."""

import pytest

import vnparty_ie
from vnparty_ie.errors import ModelNotFoundError
from vnparty_ie.extractor import Extractor, default_model_path
from vnparty_ie.types import Extraction, make_entity


class CapitalisedWords:
    """A stand-in model: every capitalised word is an ORG; records its batches."""

    def __init__(self):
        self.batches = []

    def predict(self, texts, batch_size=32):
        import re

        self.batches.append(list(texts))
        return [[make_entity(t, m.start(), m.end(), "ORG", 0.5) for m in re.finditer(r"\b[A-ZĐ]\w+", t)] for t in texts]


def test_offsets_and_types():
    ex = Extractor(CapitalisedWords())
    doc = ex.extract("ở Hà Nội")
    assert isinstance(doc, Extraction)
    assert [(e.text, e.start) for e in doc.entities] == [("Hà", 2), ("Nội", 5)]
    assert all(doc.text[e.start : e.end] == e.text for e in doc.entities)


def test_non_str_is_a_type_error():
    ex = Extractor(CapitalisedWords())
    with pytest.raises(TypeError):
        ex.extract(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        list(ex.extract_many(["ok", b"bytes"]))  # type: ignore[list-item]
    with pytest.raises(TypeError):
        vnparty_ie.extract(42)  # type: ignore[arg-type]


def test_empty_text_gives_empty_result_without_a_model():
    for text in ("", "   \n\t"):
        doc = vnparty_ie.extract(text)
        assert doc == Extraction(text=text)


def test_extract_many_is_lazy_and_batched():
    model = CapitalisedWords()
    ex = Extractor(model)
    consumed = []

    def texts():
        for i in range(5):
            consumed.append(i)
            yield f"Văn bản {i} của Thành ủy"

    results = ex.extract_many(texts(), batch_size=2)
    first = next(results)
    assert consumed == [0, 1] and first.entities[0].text == "Văn"
    rest = list(results)
    assert len(rest) == 4 and [len(b) for b in model.batches] == [2, 2, 1]


def test_missing_default_model_says_how_to_fix(monkeypatch, tmp_path):
    import vnparty_ie.extractor as extractor_module

    monkeypatch.delenv("VNPARTY_IE_MODEL", raising=False)
    monkeypatch.setattr(extractor_module, "_repo_models_dir", lambda: tmp_path)
    monkeypatch.setattr(extractor_module.Path, "home", lambda: tmp_path)
    with pytest.raises(ModelNotFoundError, match="vnparty-ie train"):
        default_model_path()
    with pytest.raises(FileNotFoundError):  # the typed error is also a built-in
        vnparty_ie.load(tmp_path / "missing")


def test_model_env_var_to_a_missing_directory_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv("VNPARTY_IE_MODEL", str(tmp_path / "nothing"))
    with pytest.raises(ModelNotFoundError, match="VNPARTY_IE_MODEL"):
        default_model_path()


def test_combined_model_priorities():
    from vnparty_ie.combine import CombinedEntityModel, merge_entities

    text = "Bí thư Quận ủy Thanh Xuân"

    class Fixed:
        def __init__(self, spans):
            self.spans = spans

        def predict(self, texts, batch_size=32):
            return [[make_entity(t, s, e, label) for s, e, label in self.spans] for t in texts]

    tagger = Fixed([(0, 6, "POSITION"), (7, 14, "DATE")])  # DATE: a label the rules never widen
    rules = Fixed([(7, 25, "DATE")])
    first = CombinedEntityModel(tagger, "tagger_first", rules=rules).predict([text])[0]
    assert [(e.text, e.label) for e in first] == [("Bí thư", "POSITION"), ("Quận ủy", "DATE")]
    second = CombinedEntityModel(tagger, "rules_first", rules=rules).predict([text])[0]
    assert [(e.text, e.label) for e in second] == [("Bí thư", "POSITION"), ("Quận ủy Thanh Xuân", "DATE")]
    assert merge_entities([], []) == []
    with pytest.raises(ValueError):
        CombinedEntityModel(tagger, "vote")


@pytest.mark.parametrize(
    "text, metric, expected",
    [
        ("tỷ lệ nữ cao hơn 15%", "hơn 15", "15"),  # a comparison's "hơn"
        ("tăng lên tới 8,5%", "tới 8,5", "8,5"),  # a verb's "tới"
        ("kết nạp hơn 15 đảng viên", "hơn 15", "hơn 15"),  # an approximator stays
        ("đạt tới 98%", "tới 98", "tới 98"),  # "up to" stays
    ],
)
def test_classifier_metrics_lose_a_comparison(text, metric, expected):
    from vnparty_ie.combine import CombinedEntityModel

    class Tagger:
        def predict(self, texts, batch_size=32):
            return [[make_entity(t, t.index(metric), t.index(metric) + len(metric), "METRIC", score=0.9)] for t in texts]

    class NoRules:
        def predict(self, texts, batch_size=32):
            return [[] for _ in texts]

    (ent,) = CombinedEntityModel(Tagger(), "tagger_first", rules=NoRules()).predict([text])[0]
    assert (ent.text, text[ent.start : ent.end], ent.score) == (expected, expected, 0.9)


@pytest.mark.parametrize(
    "text, target, expected",
    [
        ("Tốc độ tăng trưởng lên tới 8,5%", "Tốc độ tăng trưởng lên", "Tốc độ tăng trưởng"),
        ("Tỷ lệ hộ nghèo giảm xuống còn 1,2%", "Tỷ lệ hộ nghèo giảm xuống", "Tỷ lệ hộ nghèo giảm"),
        ("Đại hội bầu ra 25 ủy viên", "bầu ra", "bầu ra"),  # "ra" stays: «bầu ra» is a TARGET of the gold
        ("số lên", "lên", "lên"),  # a lone particle is left alone
    ],
)
def test_classifier_targets_lose_a_directional_particle(text, target, expected):
    from vnparty_ie.rules.entities.repairs import repair

    i = text.index(target)
    ent = repair(text, make_entity(text, i, i + len(target), "TARGET", score=0.7))
    assert (ent.text, text[ent.start : ent.end], ent.score) == (expected, expected, 0.7)


@pytest.mark.parametrize(
    "text, tagged, ruled, expected",
    [
        ("đạt 8-8,5%", [("5", "METRIC"), ("%", "UNIT")], [("8-8,5", "METRIC"), ("%", "UNIT")], ["8-8,5", "%"]),
        ("khen thưởng 30 tập thể, cá nhân", [("30", "METRIC"), ("tập thể", "UNIT")],
         [("30", "METRIC"), ("tập thể, cá nhân", "UNIT")], ["30", "tập thể, cá nhân"]),
        # ORG widens (session 8); a label not widened, or a rule span reaching another classifier entity, changes nothing
        ("Bí thư Quận ủy Thanh Xuân", [("Quận ủy", "ORG")], [("Quận ủy Thanh Xuân", "ORG")], ["Quận ủy Thanh Xuân"]),
        ("cuối năm 2016 tăng", [("năm 2016", "DATE")], [("cuối năm 2016", "DATE")], ["năm 2016"]),  # DATE: not widened
        ("30 tập thể, cá nhân", [("30", "METRIC"), ("tập thể", "UNIT"), ("cá nhân", "TARGET")],
         [("30", "METRIC"), ("tập thể, cá nhân", "UNIT")], ["30", "tập thể", "cá nhân"]),
    ],
)
def test_classifier_metrics_and_units_widen_to_a_containing_rule_span(text, tagged, ruled, expected):
    from vnparty_ie.combine import CombinedEntityModel

    class Fixed:
        def __init__(self, spans):
            self.spans = spans

        def predict(self, texts, batch_size=32):
            return [[make_entity(t, t.index(s), t.index(s) + len(s), label, score=0.9) for s, label in self.spans]
                    for t in texts]  # fmt: skip

    ents = CombinedEntityModel(Fixed(tagged), "tagger_first", rules=Fixed(ruled)).predict([text])[0]
    assert [e.text for e in ents] == expected


@pytest.mark.parametrize("mode", ["tagger_first", "rules_first"])
def test_classifier_units_that_touch_no_metric_are_dropped(mode):
    from vnparty_ie.combine import CombinedEntityModel

    text = "Năm 2023 toàn tỉnh kết nạp 1.250 đảng viên, 15 người."

    class Fixed:
        def __init__(self, spans, source):
            self.spans, self.source = spans, source

        score = 0.6

        def predict(self, texts, batch_size=32):
            return [[make_entity(t, t.index(s), t.index(s) + len(s), label, self.score, source=self.source)
                     for s, label in self.spans] for t in texts]  # fmt: skip

    tagger = Fixed([("tỉnh", "UNIT"), ("1.250", "METRIC"), ("đảng viên", "UNIT")], "classifier")
    rules = Fixed([("15", "METRIC"), ("người", "UNIT")], "rules")
    ents = CombinedEntityModel(tagger, mode, rules=rules).predict([text])[0]
    assert [(e.text, e.label) for e in ents] == [
        ("1.250", "METRIC"), ("đảng viên", "UNIT"), ("15", "METRIC"), ("người", "UNIT")
    ]
    sure = Fixed([("tỉnh", "UNIT")], "classifier")
    sure.score = 0.95  # a sure UNIT stays: its METRIC was more likely missed
    assert "tỉnh" in [e.text for e in CombinedEntityModel(sure, mode, rules=rules).predict([text])[0]]
    alone = CombinedEntityModel(tagger, "tagger").predict([text])[0]  # the classifier alone keeps what it found
    assert "tỉnh" in [e.text for e in alone]
    spaced = "kết nạp 15&nbsp;\u200bngười"  # what the view reads as a space still joins them
    kept = CombinedEntityModel(Fixed([("15", "METRIC"), ("người", "UNIT")], "classifier"), mode, rules=Fixed([], "rules"))
    assert [e.text for e in kept.predict([spaced])[0]] == ["15", "người"]


def test_load_reads_pipeline_json(tiny_tagger, tmp_path):
    import json

    from vnparty_ie.combine import CombinedEntityModel
    from vnparty_ie.errors import ModelFormatError

    model_dir = tiny_tagger.save_pretrained(tmp_path / "model")
    assert not isinstance(vnparty_ie.load(model_dir).tagger, CombinedEntityModel)
    (model_dir / "pipeline.json").write_text(json.dumps({"entities": {"combine": "rules_first"}}))
    extractor = vnparty_ie.load(model_dir)
    assert isinstance(extractor.tagger, CombinedEntityModel) and extractor.tagger.mode == "rules_first"
    doc = extractor.extract("Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai phát biểu.")
    assert ("POSITION", "Bí thư") in [(e.label, e.text) for e in doc.entities]
    (model_dir / "pipeline.json").write_text(json.dumps({"entities": {"combine": "vote"}}))
    with pytest.raises(ModelFormatError):
        vnparty_ie.load(model_dir)


def test_rules_mode_and_tagger_threshold(tiny_tagger, tmp_path):
    import json

    from vnparty_ie.combine import CombinedEntityModel

    class Scored:
        def predict(self, texts, batch_size=32):
            return [[make_entity(t, 0, 6, "POSITION", 0.4), make_entity(t, 7, 14, "ORG", 0.99)] for t in texts]

    class NoRules:
        def predict(self, texts, batch_size=32):
            return [[] for _ in texts]

    kept = CombinedEntityModel(Scored(), "tagger", rules=NoRules(), min_tagger_score=0.9).predict(["Bí thư Quận ủy"])
    assert [e.text for e in kept[0]] == ["Quận ủy"]
    by_label = CombinedEntityModel(Scored(), "tagger", rules=NoRules(), min_tagger_score=0.9,
                                   min_tagger_score_by_label={"POSITION": 0.3, "ORG": 1.01})
    assert [e.text for e in by_label.predict(["Bí thư Quận ủy"])[0]] == ["Bí thư"]
    model_dir = tiny_tagger.save_pretrained(tmp_path / "model")
    (model_dir / "pipeline.json").write_text(json.dumps(
        {"entities": {"combine": "tagger", "min_tagger_score_by_label": {"TARGET": 0.5}}}))
    assert vnparty_ie.load(model_dir).tagger.min_tagger_score_by_label == {"TARGET": 0.5}
    (model_dir / "pipeline.json").write_text(json.dumps({"entities": {"combine": "rules"}}))
    extractor = vnparty_ie.load(model_dir)
    assert extractor.tagger.mode == "rules" and extractor.tagger.tagger is None
    labels = [(e.label, e.text) for e in extractor.extract("Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai phát biểu.").entities]
    assert ("ORG", "Quận ủy Thanh Xuân") in labels


@pytest.mark.parametrize(
    ("text", "tagged", "ruled", "expected"),
    [
        ("đạt 8-8,5%", (8, 9, "METRIC"), (4, 9, "METRIC"), "8-8,5"),
        ("9 nhóm ngành dịch vụ", (2, 6, "UNIT"), (2, 20, "UNIT"), "nhóm ngành dịch vụ"),
        ("tốc độ tăng trưởng kinh tế đạt 7%", (7, 26, "TARGET"), (0, 26, "TARGET"), "tốc độ tăng trưởng kinh tế"),
        ("Hà Nội có 5 quận", (0, 6, "POSITION"), (0, 10, "POSITION"), "Hà Nội"),  # POSITION, DATE are not widened
        ("Bí thư Quận ủy Thanh Xuân", (7, 14, "ORG"), (7, 25, "ORG"), "Quận ủy Thanh Xuân"),
        ("tốc độ tăng trưởng", (7, 18, "TARGET"), (0, 18, "METRIC"), "tăng trưởng"),  # only the same label
    ],
)
def test_widen_by_rules_spec(text, tagged, ruled, expected):
    from vnparty_ie.combine import widen_by_rules
    from vnparty_ie.types import make_entity

    out = widen_by_rules([make_entity(text, *tagged)], [make_entity(text, *ruled)])
    assert [e.text for e in out] == [expected]


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_classifier_repairs_read_the_normalised_view(form):
    """A repair holds however the text is encoded: «khoảng 5» + «triệu đảng viên» in NFC and NFD alike."""
    import unicodedata

    from vnparty_ie.rules.entities.repairs import repair_all

    text = unicodedata.normalize(form, "Hiện có khoảng 5 triệu đảng viên, cao hơn 15%.")
    spans = [("khoảng 5 triệu", "METRIC"), ("đảng viên", "UNIT"), ("hơn 15", "METRIC")]
    ents = []
    for surface, label in spans:
        surface = unicodedata.normalize(form, surface)
        i = text.index(surface)
        ents.append(make_entity(text, i, i + len(surface), label, score=0.9))
    got = [unicodedata.normalize("NFC", e.text) for e in repair_all(text, ents)]
    assert got == ["khoảng 5", "triệu đảng viên", "15"]
    assert all(text[e.start : e.end] == e.text for e in repair_all(text, ents))


#: (text, the classifier's DATE, the DATE after the repair): the DATE readings of the guidelines.
DATE_REPAIRS = [
    # a term is a DATE of its own (boundary rule 5); the rules give the rest
    ("Hội nghị Trung ương 9 khoá XII tháng 12/2018 đã họp.", "khoá XII tháng 12/2018", "khoá XII"),
    ("Ban Chấp hành khóa XI nhiệm kỳ 2018 - 2023 đã họp.", "khóa XI nhiệm kỳ 2018 - 2023", "khóa XI"),
    ("Đại hội khoá XIII đã họp.", "khoá XIII", "khoá XIII"),  # a term alone stays
    ("Trong tháng 12/2018 đã họp.", "tháng 12/2018", "tháng 12/2018"),  # no term: unchanged
    # a duration and the years it spans are two DATEs (boundary rule 6)
    ("Sau 5 năm 2018 - 2023, Đảng bộ phát triển.", "5 năm 2018 - 2023", "5 năm"),
    ("Nhiệm kỳ 5 năm 2017-2022 đã qua.", "Nhiệm kỳ 5 năm 2017-2022", "Nhiệm kỳ 5 năm 2017-2022"),  # a term names it
    # a list of terms or years is one DATE
    ("Ủy viên Trung ương khoá XI, XII đã họp.", "khoá XI", "khoá XI, XII"),
    ("Đại biểu khóa 11, 12 dự họp.", "khóa 11", "khóa 11, 12"),
    ("Các năm 2016, 2017, 2018 đều tăng.", "năm 2016", "năm 2016, 2017, 2018"),
    # the minutes of a clock time belong to it (calibration: the timestamp line is one DATE)
    ("04/12/2023 - 09:19\nĐảng bộ quận tổ chức hội nghị.", "04/12/2023 - 09", "04/12/2023 - 09:19"),
    # a function word never ends a DATE; "tới" does («năm tới»)
    ("Năm 2023 toàn tỉnh kết nạp 1.250 đảng viên.", "Năm 2023 toàn", "Năm 2023"),
    ("Trong năm tới các cấp ủy tập trung.", "năm tới các", "năm tới"),
    ("Trong năm tới, tỉnh tập trung.", "năm tới", "năm tới"),
]


@pytest.mark.parametrize(("text", "date", "expected"), DATE_REPAIRS)
def test_classifier_date_repairs(text, date, expected):
    from vnparty_ie.rules.entities.repairs import repair

    i = text.index(date)
    assert repair(text, make_entity(text, i, i + len(date), "DATE", score=0.9)).text == expected


#: (text, the classifier's POSITION, other classifier entities, the POSITION after the repair): a head that the
#: guidelines split from its body («Trưởng» «ban X») takes a bare body word when no body is named after it.
POSITION_REPAIRS = [
    ("Đối tượng gồm Phó trưởng ban của Trung ương.", "Phó trưởng", [], "Phó trưởng ban"),
    ("Ông nhận nhiệm vụ với chức vụ Chánh văn phòng.", "Chánh", [], "Chánh văn phòng"),
    ("Ông từng làm Chánh văn phòng kiêm người phát ngôn.", "Chánh", [], "Chánh văn phòng"),
    ("Trưởng ban là ông Nguyễn Văn A.", "Trưởng", [("Nguyễn Văn A", "PERSON")], "Trưởng ban"),
    ("Bà giữ chức Trưởng phòng, rồi Giám đốc.", "Trưởng", [], "Trưởng phòng"),
    # a named body: the split stands («Trưởng» «ban Tổ chức»), also when the classifier missed the ORG
    ("Ông là Trưởng ban Tổ chức Tỉnh ủy.", "Trưởng", [("ban Tổ chức Tỉnh ủy", "ORG")], "Trưởng"),
    ("Bà là trưởng ban dân vận Thành ủy.", "trưởng", [], "trưởng"),
    # another entity on the body word, or another head: unchanged
    ("Ông là Trưởng ban, Phó ban.", "Trưởng", [("ban", "ORG")], "Trưởng"),
    ("Ông là Giám đốc ban quản lý.", "Giám đốc", [], "Giám đốc"),
]


@pytest.mark.parametrize(("text", "post", "others", "expected"), POSITION_REPAIRS)
def test_classifier_position_repairs(text, post, others, expected):
    from vnparty_ie.rules.entities.repairs import repair_all

    i = text.index(post)
    ents = [make_entity(text, i, i + len(post), "POSITION", score=0.9)]
    ents += [make_entity(text, text.index(s), text.index(s) + len(s), label, score=0.9) for s, label in others]
    out = repair_all(text, sorted(ents, key=lambda e: e.start))
    assert [e.text for e in out if e.label == "POSITION"] == [expected]
