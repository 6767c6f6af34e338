"""CheckList-style invariance: messy spellings of a text give the same extraction.

For each perturbation (NFC → NFD, ``Đ`` → look-alike ``Ð``, new → old tone
placement, NBSP, zero-width insertions, CRLF + doubled spaces, all of these at
once, and an ALL-CAPS headline line) the perturbed text is extracted and
compared with the clean extraction moved through the perturbation's index map
(``index_map[i]`` = the span old character ``i`` became; inserted characters
belong to no old character).

"Equal" means: the same set of ``(start, end, label)`` entities once every
clean span ``[s, e)`` is moved to ``[map[s].start, map[e-1].end)`` -- the same
labels over the same characters, any inserted characters strictly inside a
span being part of it -- and the same set of relations ``(head span, tail
span, label)`` moved the same way (:func:`training.robustness_report.invariance_problems`).

Most tests use the rules-only extractor (a model directory holding only
``pipeline.json``: ``{"entities": {"combine": "rules"}}``); a few use the
shipped model ``models/vnparty-ie-ner``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _shared import SEEDS_GOLD, requires_seeds
from training import eval_robustness as R
from training.robustness_report import invariance_problems

from vnparty_ie import load
from vnparty_ie.types import Extraction

ROOT = Path(__file__).resolve().parents[1]
DEV_GOLD = ROOT / "work_data" / "gold" / "dev.jsonl"
SHIPPED = ROOT / "models" / "vnparty-ie-ner"

TEXT = (
    "BÍ THƯ TỈNH ỦY NGHỆ AN THÁI THANH QUÝ: NĂM 2023 ĐẠT 98,5%\n"
    "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai cho biết tổng thu ngân sách năm 2023 đạt hơn 6.164 tỷ đồng.\n"
    "Phó Bí thư Thường trực Thành ủy Hà Nội Nguyễn Thị Tuyến dự Đại hội Đảng bộ thành phố.\n\n"
    "Ông Lê Văn Hòa, Chủ tịch UBND tỉnh Khánh Hòa, nói về thủy lợi, hòa bình và sức khỏe; "
    "Đảng ủy khối có 98,5% tổ chức đảng hoàn thành tốt nhiệm vụ, quý I. "
    "Bí thư Tỉnh ủy Nghệ An Thái Thanh Quý phát biểu; Nghị quyết số 03-NQ/TW ngày 30/11/2023."
)


# Every perturbation of the robustness report that the view absorbs exactly; not the lossy ones (whole
# texts in capitals or small letters, hard wrapping), whose cost eval_robustness.py measures on the gold.
PERTURBATIONS = {
    **{name: fn for name, fn in R.PERTURBATIONS.items() if name not in R.LOSSY},
    "caps_all": R.chain(R.caps_title, R.PERTURBATIONS["all"]),
}


def _read(path: Path, limit: int | None = None) -> list[Extraction]:
    docs = [Extraction.from_dict(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return docs[:limit]


@pytest.fixture(scope="module")
def shipped_extractor():
    if not (SHIPPED / "config.json").is_file():
        pytest.skip(f"{SHIPPED} not present")
    return load(SHIPPED)


def assert_invariant(extractor, text: str, name: str, seed: int = 0) -> None:
    clean = extractor.extract(text)
    new_text, imap = PERTURBATIONS[name](text, seed)
    perturbed = extractor.extract(new_text)
    assert perturbed.text is new_text
    problems = invariance_problems(clean, perturbed, imap)
    assert not problems, (name, problems)


@pytest.mark.parametrize("name", list(PERTURBATIONS))
@pytest.mark.parametrize("seed", [0, 1])
def test_builtin_text_is_invariant(rules_extractor, name, seed):
    assert PERTURBATIONS[name](TEXT, seed)[0] != TEXT or name == "caps_title"  # it does perturb
    assert_invariant(rules_extractor, TEXT, name, seed)


def test_caps_headline_is_found_like_the_body(rules_extractor):
    doc = rules_extractor.extract(TEXT)
    head = [(e.label, e.text) for e in doc.entities if e.end <= TEXT.index("\n")]
    assert ("PERSON", "THÁI THANH QUÝ") in head and ("ORG", "TỈNH ỦY NGHỆ AN") in head
    assert ("METRIC", "98,5") in head and ("UNIT", "%") in head
    assert all(TEXT[e.start : e.end] == e.text for e in doc.entities)  # the caller's capitals, not the view's
    rel = {(r.head.text, r.label, r.tail.text) for r in doc.relations}
    assert ("THÁI THANH QUÝ", "position", "BÍ THƯ") in rel


def test_single_caps_headline_without_context(rules_extractor):
    text = "BÍ THƯ TỈNH ỦY NGHỆ AN THÁI THANH QUÝ"
    doc = rules_extractor.extract(text)
    assert {(e.label, e.text) for e in doc.entities} >= {("POSITION", "BÍ THƯ"), ("PERSON", "THÁI THANH QUÝ")}


@requires_seeds
@pytest.mark.parametrize("name", list(PERTURBATIONS))
def test_seed_articles_are_invariant(rules_extractor, name):
    for i, doc in enumerate(_read(SEEDS_GOLD)):
        assert_invariant(rules_extractor, doc.text, name, seed=i)


@pytest.mark.skipif(not DEV_GOLD.is_file(), reason=f"{DEV_GOLD} not present")
@pytest.mark.parametrize("name", ["all", "caps_title", "caps_all"])
def test_dev_gold_documents_are_invariant(rules_extractor, name):
    for i, doc in enumerate(_read(DEV_GOLD, 6)):
        assert_invariant(rules_extractor, doc.text, name, seed=i)


@pytest.mark.slow
@pytest.mark.skipif(not DEV_GOLD.is_file(), reason=f"{DEV_GOLD} not present")
@pytest.mark.parametrize("name", list(PERTURBATIONS))
def test_all_dev_gold_documents_are_invariant(rules_extractor, name):
    for i, doc in enumerate(_read(DEV_GOLD)):
        assert_invariant(rules_extractor, doc.text, name, seed=i)


@pytest.mark.parametrize("name", ["all", "caps_title"])
def test_shipped_model_builtin_text(shipped_extractor, name):
    assert_invariant(shipped_extractor, TEXT, name)


@requires_seeds
def test_shipped_model_seed_article(shipped_extractor):
    doc = _read(SEEDS_GOLD, 1)[0]
    for name in ("caps_all",):
        assert_invariant(shipped_extractor, doc.text, name)


@pytest.mark.slow
@pytest.mark.skipif(not DEV_GOLD.is_file(), reason=f"{DEV_GOLD} not present")
@pytest.mark.parametrize("name", list(PERTURBATIONS))
def test_shipped_model_dev_documents(shipped_extractor, name):
    for i, doc in enumerate(_read(DEV_GOLD, 5)):
        assert_invariant(shipped_extractor, doc.text, name, seed=i)


def test_html_character_references_keep_whole_in_entities(rules_extractor):
    text = "&#272;ảng bộ thành ph&#7889; kết nạp 45 đảng viên.\nBÍ TH&#431; QUẬN &#7910;Y THANH XUÂN"
    doc = rules_extractor.extract(text)
    surfaces = {(e.label, e.text) for e in doc.entities}
    assert ("ORG", "&#272;ảng bộ thành ph&#7889;") in surfaces  # ends after the reference, not inside it
    assert all(text[e.start : e.end] == e.text for e in doc.entities)
    assert any(e.label == "POSITION" and e.text.startswith("BÍ TH&#431;") for e in doc.entities)
