"""TARGET rules and ``target`` links end to end on rule entities (issue 13)."""

from __future__ import annotations

import pytest

from vnparty_ie.rules import RuleLabeler, RuleRelationLinker


@pytest.fixture(scope="module")
def pipeline():
    labeler, linker = RuleLabeler(), RuleRelationLinker()

    def run(text: str) -> dict[str, str]:
        entities = list(labeler.label(text).entities)
        return {r.head.text: r.tail.text for r in linker.link(text, entities) if r.label == "target"}

    return run


@pytest.mark.parametrize(
    "text, expected",
    [
        # A light verb: the purpose after the unit, shared by the secondary count joined by "cho".
        (
            "Trung tâm đã tổ chức được 120 lớp đào tạo, bồi dưỡng cho hơn 17.792 lượt học viên.",
            {"120": "đào tạo, bồi dưỡng", "hơn 17.792": "đào tạo, bồi dưỡng"},
        ),
        # The modal stays, the second count after "và" shares the TARGET.
        (
            "Cấp ủy các cấp phải thi hành kỷ luật đối với 2.116 tổ chức đảng và 50.499 đảng viên.",
            {"2.116": "phải thi hành kỷ luật", "50.499": "phải thi hành kỷ luật"},
        ),
        # A counted group, its modifiers (a body) and its own verb.
        (
            "Hơn 430 nhân viên y tế Bệnh viện Phụ sản Trung ương hiến máu tình nguyện.",
            {"Hơn 430": "hiến máu tình nguyện"},
        ),
        # A number in a parenthesis does not break a named rate.
        (
            "Tỷ lệ cán bộ trẻ (dưới 40 tuổi) trong Ban Chấp hành cao hơn 10%.",
            {"10": "Tỷ lệ cán bộ trẻ"},
        ),
        # No TARGET from a light verb alone.
        ("Huyện đã tổ chức được 12 lớp.", {}),
    ],
)
def test_target_links(pipeline, text: str, expected: dict[str, str]) -> None:
    assert pipeline(text) == expected
