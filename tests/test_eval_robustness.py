"""training/eval_robustness.py: perturbations, gold-span remapping and the report."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from training import eval_robustness as R

from vnparty_ie.text.normalize import canonical_tone, normalize_string
from vnparty_ie.types import Extraction

TEXT = (
    "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai cho biết tổng thu ngân sách năm 2023 đạt hơn 6.164 tỷ đồng.\n"
    "Phó Bí thư Thường trực Thành ủy Hà Nội Nguyễn Thị Tuyến dự Đại hội Đảng bộ thành phố.\n\n"
    "Ông Lê Văn Hòa, Chủ tịch UBND tỉnh Khánh Hòa, nói về thủy lợi, hòa bình và sức khỏe; "
    "Đảng ủy khối có 98,5% tổ chức đảng hoàn thành tốt nhiệm vụ, quý I."
)

# (surface, label), in text order; each surface is found after the previous one.
SPANS = [
    ("Bí thư", "POSITION"), ("Quận ủy Thanh Xuân", "ORG"), ("Bùi Huyền Mai", "PERSON"),
    ("tổng thu ngân sách", "TARGET"), ("năm 2023", "DATE"), ("hơn 6.164", "METRIC"), ("tỷ đồng", "UNIT"),
    ("Phó Bí thư Thường trực", "POSITION"), ("Thành ủy Hà Nội", "ORG"), ("Nguyễn Thị Tuyến", "PERSON"),
    ("Lê Văn Hòa", "PERSON"), ("Chủ tịch", "POSITION"), ("UBND tỉnh Khánh Hòa", "ORG"),
    ("Đảng ủy khối", "ORG"), ("98,5", "METRIC"), ("%", "UNIT"),
]  # fmt: skip
RELATIONS = [
    ("T3", "T1", "position"), ("T1", "T2", "organization"), ("T6", "T7", "unit"), ("T6", "T4", "target"),
    ("T6", "T5", "period"), ("T10", "T8", "position"), ("T8", "T9", "organization"), ("T11", "T12", "position"),
    ("T12", "T13", "organization"), ("T15", "T16", "unit"),
]  # fmt: skip


def _record(text: str = TEXT, doc_id: str = "d1", spans: list[tuple[str, str]] = SPANS) -> dict:
    entities, pos = [], 0
    for i, (surface, label) in enumerate(spans, start=1):
        start = text.index(surface, pos)
        pos = start + len(surface)
        entities.append({"id": f"T{i}", "start": start, "end": pos, "label": label, "text": surface})
    rels = [{"head": h, "tail": t, "label": lab} for h, t, lab in RELATIONS]
    return {"id": doc_id, "text": text, "entities": entities, "relations": rels}


@pytest.fixture
def doc() -> Extraction:
    return Extraction.from_dict(_record())


NAMES = list(R.PERTURBATIONS)


def _fold(name: str, text: str) -> str:
    """What a perturbation may change: letter case and diacritics, a space into a line break, markup."""
    if name == "html_markup":
        text = re.sub(r"</?(?:p|strong|em|a)\b[^>]*>", "", text)
    if name == "word_segmented":
        text = re.sub(r" (?=[.,;:!?)])", "", text.replace("_", " "))
    if name == "no_diacritics":
        text = R.no_diacritics(text)[0]
    if name in R.CASE_CHANGING:
        text = text.lower()
    return text.replace("\n", " ") if name == "hard_wrap" else text


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("seed", [0, 1, 7])
def test_gold_spans_move_to_the_same_normalised_text(doc, name, seed):
    new, imap = R.perturb_doc(doc, R.PERTURBATIONS[name], seed)
    assert new.text != doc.text  # the perturbation did something
    assert len(imap) == len(doc.text)
    assert len(new.entities) == len(doc.entities)
    for old, moved in zip(doc.entities, new.entities):
        assert new.text[moved.start : moved.end] == moved.text
        assert (moved.label, moved.id) == (old.label, old.id)
        assert _fold(name, normalize_string(moved.text)) == _fold(name, normalize_string(old.text)), (name, old.text)
        # nothing inserted at the edges: the span starts and ends on perturbed original characters
        assert normalize_string(moved.text[0]) and normalize_string(moved.text[-1])
    if name != "crlf_double_space" and name != "all":  # \r\n is a paragraph break in the view
        assert _fold(name, normalize_string(new.text)) == _fold(name, normalize_string(doc.text))


@pytest.mark.parametrize("name", NAMES)
def test_relations_stay_valid(doc, name):
    new, _ = R.perturb_doc(doc, R.PERTURBATIONS[name], 3)
    assert len(new.relations) == len(doc.relations)
    ids = {id(e) for e in new.entities}
    for old, rel in zip(doc.relations, new.relations):
        assert id(rel.head) in ids and id(rel.tail) in ids
        assert (rel.head.id, rel.tail.id, rel.label) == (old.head.id, old.tail.id, old.label)
    back = Extraction.from_dict(json.loads(json.dumps(new.to_dict())))
    assert [(r.head.span, r.tail.span, r.label) for r in back.relations] == [
        (r.head.span, r.tail.span, r.label) for r in new.relations
    ]


def test_each_perturbation_does_what_it_says(doc):
    t = doc.text
    assert R.nfd(t)[0] == unicodedata.normalize("NFD", t)
    old = R.old_tones(t)[0]
    assert "Quận uỷ" in old and "Khánh Hoà" in old and "thuỷ lợi" in old and "hoà bình" in old and "khoẻ" in old
    assert "hoàn thành" in old and "quý I" in old  # closed rhyme and qu- untouched
    assert "\u0110" not in R.eth(t)[0] and R.eth(t)[0].count("\u00d0") == t.count("\u0110")
    spaces = R.odd_spaces(t, 0)[0]
    assert "\u00a0" in spaces and "\u202f" in spaces and len(spaces) == len(t)
    zw = R.zero_width(t, 0)[0]
    assert "\u200b" in zw and "\u00ad" in zw
    assert all(zw[i - 1].isalpha() and zw[i + 1].isalpha() for i, c in enumerate(zw) if c in "\u200b\u00ad")
    win = R.windows(t, 0)[0]
    assert win.count("\r\n") == t.count("\n") and "  " in win


@pytest.mark.parametrize(
    "canonical, old",
    [("hòa", "hoà"), ("thủy", "thuỷ"), ("ủy", "uỷ"), ("HÒA", "HOÀ"), ("khỏe", "khoẻ"), ("Hòa", "Hoà"), ("lũy", "luỹ")],
)
def test_old_tone_is_the_inverse_of_canonical_tone(canonical, old):
    assert R.old_tone(canonical) == old
    assert canonical_tone(old) == canonical


@pytest.mark.parametrize("word", ["quý", "hoàn", "thuyết", "hoa", "Hà", "người", "a", "ủ"])
def test_old_tone_leaves_other_syllables(word):
    assert R.old_tone(word) == word


def test_perturbations_are_deterministic_and_seeded(doc):
    for name in ("nbsp", "zero_width", "crlf_double_space", "all"):
        fn = R.PERTURBATIONS[name]
        assert fn(doc.text, 5) == fn(doc.text, 5)
        assert fn(doc.text, 5)[0] != fn(doc.text, 6)[0]


def test_compose_maps():
    a = [(0, 2), (2, 3)]  # "x" -> 2 chars, "y" -> 1
    b = [(0, 1), (1, 3), (3, 4)]
    assert R.compose_maps(a, b) == [(0, 3), (3, 4)]


def test_report_has_expected_keys_and_rules_are_robust(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    swap = {"Bùi Huyền Mai": "Trần Văn Nam", "Hà Nội": "Đà Nẵng"}
    text2 = TEXT.replace("Bùi Huyền Mai", "Trần Văn Nam").replace("Hà Nội", "Đà Nẵng")
    spans2 = [(swap.get(s, s).replace("Hà Nội", "Đà Nẵng"), lab) for s, lab in SPANS]
    other = _record(text2, "d2", spans2)
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (_record(), other)) + "\n", encoding="utf-8")
    out = tmp_path / "robustness.json"
    assert R.main(["--gold", str(gold), "--rules-only", "--out", str(out)]) == 0
    table = capsys.readouterr().out
    assert "crlf_double_space" in table and "ΔF1" in table
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["n_docs"] == 2 and report["extractor"] == "rules-only"
    results = report["results"]
    assert list(results) == ["clean", *NAMES]
    for name, res in results.items():
        for key in ("precision", "recall", "f1", "tp", "fp", "fn"):
            assert key in res["entities"]
        assert res["relations"] is not None and "f1" in res["relations"]
        if name == "clean":
            assert res["entities"]["f1"] > 0.5
            continue
        assert set(res["delta"]) >= {"entity_f1", "entity_precision", "entity_recall", "relation_f1"}
        changes = res["prediction_changes"]
        if name in R.LOSSY:  # what case or a line break told is gone; the view's guess is measured on the gold
            assert changes["lost"] < 10, changes["examples"][:3]
            continue
        # The normalised view absorbs all these perturbations: same predictions, same scores.
        assert (changes["lost"], changes["gained"]) == (0, 0), (name, changes["examples"][:3])
        assert res["delta"]["entity_f1"] == 0 and res["delta"]["relation_f1"] == 0


def test_limit_and_missing_gold(tmp_path, capsys):
    assert R.main(["--gold", str(tmp_path / "none.jsonl"), "--rules-only", "--out", str(tmp_path / "x.json")]) == 2
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(_record(), ensure_ascii=False) + "\n" + json.dumps(_record(doc_id="d2"), ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.json"
    assert (
        R.main(["--gold", str(gold), "--rules-only", "--out", str(out), "--limit", "1", "--perturbations", "eth"]) == 0
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["n_docs"] == 1 and list(report["results"]) == ["clean", "eth"]


def test_no_diacritics_strips_an_nfd_text_and_the_eth_too():
    """Real articles come in NFD and with «Ð»: the perturbed text is bare all the same, spans still map."""
    nfc = "Bí thư Ðảng ủy Nguyễn Văn A."
    nfd = unicodedata.normalize("NFD", nfc)
    bare, imap = R.no_diacritics(nfd)
    assert bare == R.no_diacritics(nfc)[0] == "Bi thu Dang uy Nguyen Van A."
    assert len(imap) == len(nfd)
    start = nfd.index(unicodedata.normalize("NFD", "Nguyễn Văn A"))
    end = start + len(unicodedata.normalize("NFD", "Nguyễn Văn A"))
    assert bare[imap[start][0] : imap[end - 1][1]] == "Nguyen Van A"
