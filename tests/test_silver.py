"""Tests of the rule labeler (``vnparty_ie.rules``) beyond its spec table.

What each rule finds is specified in ``vnparty_ie/data/rules/specs/entities.yaml``
and run by ``tests/test_rule_specs.py``; here: invariants on messy input, the
input policy, provenance and scores, switching rules off, the deprecated
``vnparty_ie.silver`` alias, the seeds floor and the evaluation script.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from _shared import SEEDS_GOLD, requires_seeds

from vnparty_ie.rules import ENTITY_RULES, RuleLabeler, view_of
from vnparty_ie.text.normalize import normalize
from vnparty_ie.types import entities_overlap

#: Floor on strict micro F1 on the five seed articles (measured 0.95; margin left
#: so that reasonable rule changes do not break the build, regressions do).
SEEDS_MICRO_F1_FLOOR = 0.88

SilverLabeler = RuleLabeler


@pytest.fixture(scope="module")
def labeler() -> RuleLabeler:
    return RuleLabeler()


def test_every_entity_has_a_rule_a_source_and_a_score(labeler: RuleLabeler) -> None:
    doc = labeler.label("Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai cho biết năm 2023 kết nạp 28 đảng viên.")
    assert doc.entities
    for e in doc.entities:
        assert e.source == "rules" and e.rule in ENTITY_RULES
        assert e.score is not None and 0.0 <= e.score <= 1.0


def test_rules_can_be_switched_off_by_id(labeler: RuleLabeler) -> None:
    text = "Bí thư Quận ủy Thanh Xuân phát biểu."
    assert [e.rule for e in labeler.label(text).entities] == ["position.post", "org.party_committee"]
    off = RuleLabeler(disabled=["org.party_committee"])
    # Without the committee rule, the district name alone is a known place.
    assert [e.rule for e in off.label(text).entities] == ["position.post", "loc.bare_place"]
    with pytest.raises(ValueError, match="unknown entity rule"):
        RuleLabeler(disabled=["org.no_such_rule"])


def test_label_many_refuses_a_single_string(labeler: RuleLabeler) -> None:
    with pytest.raises(TypeError):
        list(labeler.label_many("Bí thư"))
    assert [len(d.entities) for d in labeler.label_many(["Bí thư", ""])] == [1, 0]


def test_silver_is_a_deprecated_alias() -> None:
    import importlib
    import sys

    sys.modules.pop("vnparty_ie.silver", None)
    with pytest.warns(DeprecationWarning):
        silver = importlib.import_module("vnparty_ie.silver")
    assert silver.SilverLabeler is RuleLabeler


def test_no_word_list_in_rule_code() -> None:
    """Vocabulary lives in data/rules/words/*.yaml: no rule module holds a literal list of words."""
    import re

    root = Path(__file__).resolve().parents[1] / "src" / "vnparty_ie" / "rules"
    word_list = re.compile(r"""(?:frozenset|terms|\bin)\s*\(\s*[\[({]?\s*"[^\W\dA-Z_][^\W\d]*"(?:\s*,\s*"[^\W\d]+"){3,}""")
    offenders = [p.name for p in root.rglob("*.py") if word_list.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_modules_stay_small() -> None:
    root = Path(__file__).resolve().parents[1] / "src" / "vnparty_ie"
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in (root / "rules").rglob("*.py")}
    assert max(sizes.values()) < 700, sizes


# ------------------------------------------------------------- invariants
MESSY = [
    # NFD accents, Latin Eth for Đ, zero-width spaces, old tone placement, NBSP.
    unicodedata.normalize("NFD", "Bí thư Thành uỷ Hà Nội Nguyễn Văn An cho biết năm 2023 đạt 98,5%."),
    "\u00d0ảng bộ phường Ba Đình\u200b kết nạp 12\u00a0đảng viên.",
    "Phó Bí\u200b thư Thường trực Quận uỷ Cầu Giấy\ufeff Trần Thị Hoa; Chỉ thị 05-CT/TW.",
    "\r\nHội nghị Trung ương 4 (khoá XII)\u2028ngày 5-9-2021\u00ad tại TP. HCM.",
]


@pytest.mark.parametrize("text", MESSY)
def test_offsets_point_into_the_original_text(labeler: RuleLabeler, text: str) -> None:
    doc = labeler.label(text)
    assert doc.text == text and doc.entities
    for e in doc.entities:
        assert text[e.start : e.end] == e.text
        assert e.text == e.text.strip() and e.text[0] not in ",.;:()" and e.text[-1] not in ",.;:()"
    assert entities_overlap(doc.entities) == []
    assert list(doc.entities) == sorted(doc.entities, key=lambda e: (e.start, e.end))


def test_messy_input_gets_the_same_labels_as_clean_input(labeler: RuleLabeler) -> None:
    clean = "Bí thư Thành ủy Hà Nội Nguyễn Văn An cho biết năm 2023 đạt 98,5%."
    messy = unicodedata.normalize("NFD", clean.replace("ủy", "uỷ").replace("Đ", "\u00d0")).replace(" ", " \u200b", 2)
    assert [e.label for e in labeler.label(messy).entities] == [e.label for e in labeler.label(clean).entities]
    assert [normalize(e.text).text.replace(" ", "") for e in labeler.label(messy).entities] == [
        e.text.replace(" ", "") for e in labeler.label(clean).entities
    ]


@pytest.mark.parametrize("text", MESSY + ["Thành uỷ “Hà Nội”\u00a0hoà\u2009bình", "plain ascii 12 %"])
def test_fast_view_equals_normalize(text: str) -> None:
    fast, full = view_of(text), normalize(text)
    assert (fast.text, fast.starts, fast.ends) == (full.text, full.starts, full.ends)


def test_input_policy(labeler: RuleLabeler) -> None:
    assert labeler.label("", doc_id="d0").entities == ()
    assert labeler.label("   \n").entities == ()
    assert labeler.label("Bí thư", doc_id="d1").id == "d1"
    with pytest.raises(TypeError):
        labeler.label(b"bytes")  # type: ignore[arg-type]


# ------------------------------------------------------------------ seeds
def _eval_module():
    """Import ``training/eval_silver.py`` (a script, not a package module)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "eval_silver", Path(__file__).resolve().parents[1] / "training" / "eval_silver.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
@requires_seeds
def test_seeds_micro_f1_floor(labeler: RuleLabeler) -> None:
    from vnparty_ie.io.jsonl import read_jsonl

    module = _eval_module()

    gold = read_jsonl(SEEDS_GOLD, schema=None)
    report, speed = module.score(gold, labeler)
    assert report.micro.f1 >= SEEDS_MICRO_F1_FLOOR, str(report)
    assert speed > 0


def test_eval_script_writes_a_report(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    text = "Bí thư Quận ủy Thanh Xuân cho biết."
    gold.write_text(
        json.dumps(
            {
                "id": "g1",
                "text": text,
                "entities": [
                    {"id": "T1", "start": 0, "end": 6, "label": "POSITION"},
                    {"id": "T2", "start": 7, "end": 25, "label": "ORG"},
                ],
                "relations": [{"head": "T1", "tail": "T2", "label": "organization"}],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    module = _eval_module()
    out = tmp_path / "report.json"
    assert module.main(["--gold", str(gold), "--output", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["micro"]["f1"] == 1.0 and data["per_label"]["ORG"]["tp"] == 1
    assert module.main(["--gold", str(tmp_path / "missing.jsonl")]) == 2
