"""The target finder: marking a METRIC, its training examples, and how its spans relink METRICs."""

from __future__ import annotations

import json

import pytest

from vnparty_ie.errors import ModelFormatError
from vnparty_ie.extractor import Extractor, load
from vnparty_ie.target_finder import MARKER, TargetFinder, mark_metric, training_examples
from vnparty_ie.types import Entity, Relation, make_entity

TEXT = "Năm 2023, quận kết nạp 28 đảng viên, tổng thu ngân sách đạt 105 tỷ đồng."


class FakeTagger:
    """Tags the first occurrence of a phrase in each marked sentence as TARGET, with a score."""

    def __init__(self, answers: dict[str, tuple[str, float]]) -> None:
        self.answers = answers  # the METRIC's surface -> (phrase, score)
        self.seen: list[str] = []

    def predict(self, texts, batch_size: int = 32):
        out = []
        for text in texts:
            self.seen.append(text)
            metric = text.split(MARKER)[1].strip().replace("\u200b", "")
            phrase, score = self.answers.get(metric, ("", 0.0))
            kept = [i for i, c in enumerate(text) if c != "\u200b"]  # the view's padding, as the real tagger drops it
            k = "".join(text[i] for i in kept).find(phrase) if phrase else -1
            found = make_entity(text, kept[k], kept[k + len(phrase) - 1] + 1, "TARGET", score=score) if k >= 0 else None
            out.append([found] if found else [])
        return out


def ent(text: str, surface: str, label: str, nth: int = 0) -> Entity:
    k = -1
    for _ in range(nth + 1):
        k = text.index(surface, k + 1)
    return make_entity(text, k, k + len(surface), label, source="rules")


@pytest.mark.parametrize(
    "text, metric, expected",
    [
        ("kết nạp 28 đảng viên", "28", "kết nạp @ 28 @ đảng viên"),
        ("đạt 98,5%", "98,5", "đạt @ 98,5 @%"),
        ("Câu trước. Sau đó 3 người.", "3", "Sau đó @ 3 @ người."),  # only the METRIC's sentence
    ],
)
def test_mark_metric_marks_the_metric_in_its_sentence(text, metric, expected):
    k = text.index(metric)
    assert mark_metric(text, k, k + len(metric)).text == expected


def test_to_source_maps_both_sides_and_refuses_the_metric():
    m = mark_metric(TEXT, TEXT.index("28"), TEXT.index("28") + 2)
    before = m.text.index("kết nạp")
    assert m.to_source(before, before + 7) == (TEXT.index("kết nạp"), TEXT.index("kết nạp") + 7)
    after = m.text.index("đảng viên")
    a, b = m.to_source(after, after + 9)
    assert TEXT[a:b] == "đảng viên"
    assert m.to_source(m.text.index("28"), m.text.index("28") + 2) is None
    assert m.to_source(before, m.text.index("28")) is None  # runs into the marker


def gold_doc(*surfaces: tuple[str, str]) -> dict:
    """A gold record of TEXT: (surface, label) mentions T1, T2 …, and «28» → «kết nạp» linked."""
    entities = [
        {"id": f"T{i}", "start": TEXT.index(s), "end": TEXT.index(s) + len(s), "label": label}
        for i, (s, label) in enumerate(surfaces, 1)
    ]
    ids = {e["label"] + TEXT[e["start"] : e["end"]]: e["id"] for e in entities}
    return {"id": "d", "text": TEXT, "entities": entities,
            "relations": [{"head": ids["METRIC28"], "tail": ids["TARGETkết nạp"], "label": "target"}]}  # fmt: skip


GOLD = (("kết nạp", "TARGET"), ("28", "METRIC"), ("105", "METRIC"))


def test_training_examples_keep_the_gold_target_surface():
    doc = gold_doc(*GOLD, ("ngân sách", "TARGET"))
    examples = list(training_examples(doc))
    assert [x["id"] for x in examples] == ["d#T2", "d#T3"]
    first, second = examples
    (span,) = first["entities"]
    assert first["text"][span["start"] : span["end"]] == "kết nạp"
    assert second["entities"] == []  # no link in the gold: no TARGET, although one is annotated nearby


def _doc_entities():
    return [
        ent(TEXT, "Năm 2023", "DATE"),
        ent(TEXT, "kết nạp", "TARGET"),
        ent(TEXT, "28", "METRIC"),
        ent(TEXT, "đảng viên", "UNIT"),
        ent(TEXT, "105", "METRIC"),
        ent(TEXT, "tỷ đồng", "UNIT"),
    ]


def test_apply_replaces_a_link_and_adds_the_new_target():
    entities = _doc_entities()
    kn, m28, m105 = entities[1], entities[2], entities[4]
    relations = [Relation(m28, kn, "target"), Relation(m105, kn, "target")]  # the rules' wrong link for 105
    finder = TargetFinder(FakeTagger({"105": ("tổng thu ngân sách", 0.9), "28": ("kết nạp", 0.95)}))
    out_entities, out_relations = finder.apply(TEXT, entities, relations)
    targets = {r.head.text: r.tail.text for r in out_relations if r.label == "target"}
    assert targets == {"28": "kết nạp", "105": "tổng thu ngân sách"}
    new = next(e for e in out_entities if e.text == "tổng thu ngân sách")
    assert new.label == "TARGET" and new.source == "classifier" and new.score == 0.9
    assert [e.start for e in out_entities] == sorted(e.start for e in out_entities)


def test_apply_keeps_the_rules_link_when_unsure_and_drops_orphans():
    entities = _doc_entities()
    kn, m28 = entities[1], entities[2]
    relations = [Relation(m28, kn, "target")]
    unsure = TargetFinder(FakeTagger({"28": ("quận", 0.4)}), min_score=0.5)
    assert unsure.apply(TEXT, entities, relations) == (entities, relations)
    # fallback "none": an unsure finder unlinks, and the TARGET left unlinked goes
    out_entities, out_relations = TargetFinder(FakeTagger({}), fallback="none").apply(TEXT, entities, relations)
    assert out_relations == [] and kn not in out_entities


def test_apply_never_overlaps_an_entity_of_another_label():
    entities = _doc_entities()
    finder = TargetFinder(FakeTagger({"28": ("Năm 2023, quận", 0.99)}))  # runs over the DATE
    relations = [Relation(entities[2], entities[1], "target")]
    assert finder.apply(TEXT, entities, relations) == (entities, relations)


def test_apply_links_to_an_overlapping_target_already_there():
    entities = _doc_entities()
    finder = TargetFinder(FakeTagger({"28": ("quận kết nạp", 0.99)}))
    _, relations = finder.apply(TEXT, entities, [])
    assert [(r.head.text, r.tail.text) for r in relations] == [("28", "kết nạp")]


def test_find_asks_once_per_metric_in_its_sentence():
    tagger = FakeTagger({})
    entities = _doc_entities()
    TargetFinder(tagger).find(TEXT, [e for e in entities if e.label == "METRIC"])
    assert len(tagger.seen) == 2 and all(s.count(MARKER) == 2 for s in tagger.seen)
    assert TargetFinder(tagger).find(TEXT, []) == []


def test_bad_fallback_is_refused():
    with pytest.raises(ValueError, match="fallback"):
        TargetFinder(FakeTagger({}), fallback="maybe")


def test_extractor_runs_the_finder_after_the_linker(rules_extractor):
    finder = TargetFinder(FakeTagger({"105": ("tổng thu ngân sách", 0.9)}))
    doc = Extractor(rules_extractor.tagger, linker=rules_extractor.linker, targets=finder).extract(TEXT)
    targets = {r.head.text: r.tail.text for r in doc.relations if r.label == "target"}
    assert targets.get("105") == "tổng thu ngân sách"
    (metric,) = [m for m in doc.metrics if m.metric.text == "105"]
    assert metric.target is not None and metric.target.text == "tổng thu ngân sách"


@pytest.mark.parametrize("garble", [lambda t: t.replace("ổ", "&#7893;"), lambda t: t.encode().decode("latin-1")])
def test_finder_entities_keep_the_callers_surface(garble):
    # an HTML reference or mojibake is read in the view: the finder's span must come back as the caller wrote it
    class MetricsOnly:
        def predict(self, texts, batch_size=32):
            return [[make_entity(t, t.index("105"), t.index("105") + 3, "METRIC")] for t in texts]

    text = garble(TEXT)
    finder = TargetFinder(FakeTagger({"105": ("tổng thu ngân sách", 0.9)}))
    doc = Extractor(MetricsOnly(), targets=finder).extract(text)
    (relation,) = [r for r in doc.relations if r.label == "target"]
    assert relation.tail.source == "classifier"
    assert relation.tail.text == text[relation.tail.start : relation.tail.end] != "tổng thu ngân sách"
    assert all(e.text == text[e.start : e.end] for e in doc.entities)


@pytest.mark.parametrize(
    "spec, message",
    [
        ("targets", "must be"),
        ({"model": "nowhere"}, "is missing"),
    ],
)
def test_load_refuses_a_bad_targets_entry(tmp_path, spec, message):
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    (tmp_path / "pipeline.json").write_text(
        json.dumps({"entities": {"combine": "rules"}, "targets": spec}), encoding="utf-8"
    )
    with pytest.raises(ModelFormatError, match=message):
        load(tmp_path)


def test_build_target_data_writes_one_example_per_gold_metric(tmp_path):
    from training.build_target_data import main

    doc = gold_doc(*GOLD)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "targets.jsonl"
    assert main(["--gold", str(gold), "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [len(r["entities"]) for r in rows] == [1, 0]
    assert main(["--gold", str(tmp_path / "absent.jsonl"), "--out", str(out)]) == 1


def test_the_committed_finder_finds_a_target_the_default_was_not_given():
    from vnparty_ie.extractor import _repo_models_dir

    finder_dir = _repo_models_dir() / "vnparty-ie-target-finder"
    if not (finder_dir / "config.json").is_file():
        pytest.skip("no committed target finder")
    finder = TargetFinder.from_pretrained(finder_dir, min_score=0.5)
    text = "Năm 2023, Đảng bộ quận đã kết nạp 120 đảng viên mới."
    k = text.index("120")
    (found,) = finder.find(text, [make_entity(text, k, k + 3, "METRIC")])
    assert found is not None and "kết nạp" in found.text


def test_a_model_directory_naming_the_finder_loads_it(tmp_path):
    from vnparty_ie.extractor import _repo_models_dir

    default, finder_dir = _repo_models_dir() / "vnparty-ie-ner", _repo_models_dir() / "vnparty-ie-target-finder"
    if not (default / "config.json").is_file() or not (finder_dir / "config.json").is_file():
        pytest.skip("no default model or no committed target finder")
    for path in default.iterdir():
        if path.is_file() and path.name != "pipeline.json":
            (tmp_path / path.name).symlink_to(path)
    (tmp_path / "targets").symlink_to(finder_dir)
    pipeline = json.loads((default / "pipeline.json").read_text(encoding="utf-8"))
    pipeline["targets"] = {"model": "targets", "min_score": 0.95}
    (tmp_path / "pipeline.json").write_text(json.dumps(pipeline), encoding="utf-8")
    extractor = load(tmp_path)
    assert extractor.targets is not None and extractor.targets.min_score == 0.95
    assert load(tmp_path, target_finder=False).targets is None
    assert load(default).targets is None  # the shipped default names no finder
    doc = extractor.extract("Năm 2023, Đảng bộ quận đã kết nạp 120 đảng viên mới.")
    assert all(e.text == doc.text[e.start : e.end] for e in doc.entities)


def test_target_agreement_counts_overlap_exact_and_none():
    from corpora.target_agreement import compare

    from vnparty_ie.types import Extraction

    def doc(target: tuple[int, int] | None) -> Extraction:
        metric = make_entity(TEXT, TEXT.index("28"), TEXT.index("28") + 2, "METRIC")
        other = make_entity(TEXT, TEXT.index("105"), TEXT.index("105") + 3, "METRIC")
        if target is None:
            return Extraction(text=TEXT, entities=(metric, other))
        tail = make_entity(TEXT, *target, "TARGET")
        return Extraction(text=TEXT, entities=(tail, metric, other), relations=(Relation(metric, tail, "target"),))

    k = TEXT.index("kết nạp")
    result = compare([doc((k, k + 7)), doc(None)], [doc((k + 4, k + 7)), doc((k, k + 7))])
    # first document: 28 overlaps (not exact), 105 none in both; second: 28 none against a TARGET, 105 none in both
    assert result == {"metrics_both": 4, "both_without_target": 2, "overlapping": 0.75, "exact": 0.5}


def test_load_refuses_a_finder_that_tags_more_than_target_and_a_bad_fallback(tiny_tagger, tmp_path):
    finder_dir = tiny_tagger.save_pretrained(tmp_path / "targets")  # the full schema: not a target finder
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    pipeline = tmp_path / "pipeline.json"
    pipeline.write_text(json.dumps({"entities": {"combine": "rules"}, "targets": {"model": "targets"}}), encoding="utf-8")
    with pytest.raises(ModelFormatError, match="TARGET only"):
        load(tmp_path)
    assert load(tmp_path, target_finder=False).targets is None  # left out: not even read
    spec = {"model": finder_dir.name, "fallback": "maybe"}
    pipeline.write_text(json.dumps({"entities": {"combine": "rules"}, "targets": spec}), encoding="utf-8")
    with pytest.raises(ModelFormatError, match="fallback"):
        load(tmp_path)
