"""The normalised view and its alignment to the original string."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnparty_ie.text.normalize import canonical_tone, normalize, normalize_string


@pytest.mark.parametrize(
    "raw, view",
    [
        ("Quận uỷ", "Quận ủy"),
        ("hoà bình", "hòa bình"),
        ("thuỷ lợi, khoẻ", "thủy lợi, khỏe"),
        ("HOÀ", "HÒA"),
        ("hoàn thành, quý, thuyết", "hoàn thành, quý, thuyết"),  # closed rhymes and qu- stay
        ("\u00d0ảng", "Đảng"),  # Latin Eth look-alike
        ("Ða\u0301ng", "Đáng"),  # decomposed accent
        ("a\u200bb\ufeffc\u00add", "abcd"),  # zero-width, BOM, soft hyphen dropped
        ("a\u00a0b\u2009c\td", "a b c d"),  # Unicode spaces
        ("Hà  Nội", "Hà Nội"),  # a run of spaces is one view space
        ("a \u00a0\t\u202fb\u3000 c", "a b c"),  # … whatever spaces it is made of
        ("a \u200b b", "a b"),  # … also across dropped zero-width characters
        ("a  \n  b", "a \n b"),  # line breaks are kept, spaces on each side collapse
        ("x\r\n\r\ny", "x\n\n\n\ny"),  # newlines are not collapsed
        ("“Chi bộ bốn tốt”", '"Chi bộ bốn tốt"'),
        ("x\r\ny", "x\n\ny"),
        ("\u0430\u043e", "ao"),  # Cyrillic look-alikes
    ],
)
def test_view(raw, view):
    assert normalize_string(raw) == view


def test_nfd_input_is_composed_and_maps_back():
    raw = unicodedata.normalize("NFD", "Bí thư Quận uỷ Thanh Xuân")
    v = normalize(raw)
    assert v.text == "Bí thư Quận ủy Thanh Xuân"
    start = v.text.index("Quận")
    s, e = v.to_original(start, len(v.text))
    assert unicodedata.normalize("NFC", raw[s:e]) == "Quận uỷ Thanh Xuân"


def test_dropped_characters_stay_inside_mapped_spans():
    raw = "Quận\u200b ủy"
    v = normalize(raw)
    assert v.to_original(0, len(v.text)) == (0, len(raw))
    assert v.to_original(0, 4) == (0, 4)


def test_canonical_tone_keeps_length():
    for s in ["uỷ", "hoà", "Thuỷ", "quý", "oe", "hoẹ", "a"]:
        assert len(canonical_tone(s)) == len(s)


def test_non_str_is_a_type_error():
    with pytest.raises(TypeError):
        normalize(b"bytes")  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_alignment_is_monotone_and_in_bounds(raw):
    v = normalize(raw)
    assert len(v.starts) == len(v.text) == len(v.ends)
    for i in range(len(v.text)):
        assert 0 <= v.starts[i] < v.ends[i] <= len(raw)
        if i:
            assert v.starts[i - 1] <= v.starts[i]
    for i in range(len(v.text)):
        for j in range(i + 1, min(len(v.text), i + 4) + 1):
            s, e = v.to_original(i, j)
            assert 0 <= s < e <= len(raw)


def test_space_run_maps_to_the_whole_run():
    raw = "Thành  ủy\u00a0 Hà\t\tNội"
    v = normalize(raw)
    assert v.text == "Thành ủy Hà Nội"
    i = v.text.index("Hà")
    assert raw[slice(*v.to_original(0, len(v.text)))] == raw
    assert v.to_original(i, len(v.text)) == (raw.index("Hà"), len(raw))
    assert v.to_original(5, 6) == (5, 7)  # the view space covers both original spaces
    assert raw[slice(*v.to_original(0, 8))] == "Thành  ủy"
    assert v.to_view(raw.index("Hà"), len(raw)) == (i, len(v.text))


@pytest.mark.parametrize("text", ["Bí thư  Quận ủy", "a\t b", "Hà\u00a0\u00a0Nội", "x \u3000y", "một hai"])
def test_labeler_fast_view_collapses_space_runs_like_normalize(text):
    from vnparty_ie.rules import view_of

    fast, full = view_of(text), normalize(text)
    assert (fast.text, fast.starts, fast.ends) == (full.text, full.starts, full.ends)
    assert "  " not in fast.text


def test_rules_find_the_same_entities_with_doubled_spaces():
    from vnparty_ie.rules import RuleLabeler as SilverLabeler

    clean = "Bí thư Thành ủy Hà Nội Nguyễn Thị Tuyến thăm Chỉ thị số 35-CT/TW tại Đà Nẵng."
    messy = clean.replace(" ", "  ")
    lab = SilverLabeler()
    got = [(e.label, " ".join(e.text.split())) for e in lab.label(messy).entities]
    want = [(e.label, e.text) for e in lab.label(clean).entities]
    assert ("LOC", "Đà Nẵng") in want
    assert got == want


def test_combining_mark_after_whitespace_is_its_own_character():
    text = "a\n\u0301b \u0301"
    view = normalize(text)
    pieces = [text[slice(*view.to_original(i, i + 1))] for i in range(len(view.text))]
    assert "\n" in pieces and "\u0301" in pieces  # never one "\n\u0301" piece
    assert all(p.strip() in ("", p) for p in pieces)


_TRICKY = st.text(
    alphabet=st.sampled_from(
        list("aeyouqOUQAEYhHn àáãảạèéẽẻẹỳýỹỷỵÀÁẢỲÝỶuỷ\n\t\r\u00a0\u2009\u3000\u200b\ufeff“”‘’«Ðð")
        + [
            "\u0301",
            "\u0300",
            "\u0323",
            "²",
            "½",
            "İ",
            "ß",
            "Σ",
            "\ud800",
            "\x00",
            "\x1c",
            "가",
            "\u1100",
            "\u1161",
            "🙂",
        ]
    ),
    max_size=14,
)


@settings(max_examples=3000, deadline=None)
@given(_TRICKY)
def test_fast_path_equals_the_general_path(raw):
    from vnparty_ie.text.normalize import _fast_view, _normalize_general

    fast, general = normalize(raw), _normalize_general(raw)
    assert (fast.text, fast.starts, fast.ends) == (general.text, general.starts, general.ends)
    if _fast_view(raw) is not None:  # the one-to-one case really is one-to-one
        assert fast.starts == tuple(range(len(raw)))


@settings(max_examples=3000, deadline=None)
@given(_TRICKY)
def test_canonical_tones_rewrites_only_where_canonical_tone_would(raw):
    from vnparty_ie.text.normalize import canonical_tones, map_letter_runs

    assert canonical_tones(raw) == map_letter_runs(raw, canonical_tone)


def test_only_o_and_u_lower_to_the_first_letter_of_a_rewritten_rhyme():
    # canonical_tones looks for [oO]/[uU] before a toned a/e/y: no other character lowers to o/u,
    # and only these 30 characters decompose to a, e or y plus one tone mark.
    import sys

    assert {c for c in map(chr, range(sys.maxunicode + 1)) if c.lower() in ("o", "u")} == set("oOuU")
    tones = set("\u0300\u0301\u0303\u0309\u0323")
    toned = set()
    for c in map(chr, range(sys.maxunicode + 1)):
        d = unicodedata.normalize("NFD", c)
        if any(x in tones for x in d) and "".join(x for x in d if x not in tones).lower() in ("a", "e", "y"):
            toned.add(c)
    assert toned == set("àáãảạÀÁÃẢẠèéẽẻẹÈÉẼẺẸỳýỹỷỵỲÝỸỶỴ")


@pytest.mark.parametrize(
    ("raw", "view"),
    [
        ("&#272;ảng bộ", "Đảng bộ"),
        ("&#x110;ảng", "Đảng"),
        ("Quận &#7911;y", "Quận ủy"),
        ("Hà&nbsp;Nội", "Hà Nội"),
        ("A&amp;B", "A&B"),
        ("R&D và &nosuch; và &amp", "R&D và &nosuch; và &amp"),  # no ";" or unknown: left as written
        ("a&#769;", "a&#769;"),  # a reference to a combining mark is left as written
    ],
)
def test_html_character_references_are_decoded_in_the_view(raw, view):
    from vnparty_ie.text.normalize import normalize

    norm = normalize(raw)
    assert norm.text == view
    for i in range(len(norm.text)):  # every view character maps into the original
        s, e = norm.to_original(i, i + 1)
        assert 0 <= s < e <= len(raw)
    if raw.startswith("&#"):
        assert norm.to_original(0, 1) == (0, raw.index(";") + 1)


def test_decode_char_refs_in_place_keeps_the_length_and_the_view():
    from vnparty_ie.text.normalize import char_ref_spans, decode_char_refs_in_place, normalize

    raw = "B&#xCD; TH&#431; T&#7880;NH&nbsp;&#7910;Y &amp; x"
    out = decode_char_refs_in_place(raw)
    assert len(out) == len(raw)
    assert normalize(out).text == normalize(raw).text == "BÍ THƯ TỈNH ỦY & x"
    assert [raw[a:b] for a, b in char_ref_spans(raw)] == ["&#xCD;", "&#431;", "&#7880;", "&nbsp;", "&#7910;", "&amp;"]


_GARBLE_SENTENCES = [
    "Ông Nguyễn Văn An, Bí thư Tỉnh ủy Nghệ An, cho biết “năm 2023” toàn tỉnh kết nạp 1.250 đảng viên – đạt 98,5%.",
    "ĐẠI HỘI ĐẢNG BỘ TỈNH QUẢNG NGÃI LẦN THỨ XX, NHIỆM KỲ 2020-2025…",
    "Trước đó tháng 8-2016, Công ty TNHH Lộc Thịnh được UBND tỉnh Quảng Ngãi cấp phép.",
]


def _garble(text: str, codec: str) -> str:
    """UTF-8 bytes read one per character: Windows-1252 (the robustness report's perturbation) or Latin-1."""
    from training.eval_robustness import mojibake

    return text.encode().decode("latin-1") if codec == "latin-1" else mojibake(text)[0]


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
@pytest.mark.parametrize("text", _GARBLE_SENTENCES)
def test_mojibake_reads_as_the_clean_text(text, codec, form):
    from vnparty_ie.text.normalize import decode_in_place, mojibake_spans

    clean = unicodedata.normalize(form, text)
    raw = _garble(clean, codec)
    view = normalize(raw)
    assert view.text == normalize(clean).text
    for i in range(len(view.text)):  # a view character covers the whole sequence it was garbled into
        s, e = view.to_original(i, i + 1)
        assert not any(a < s < b or a < e < b for a, b in mojibake_spans(raw))
    out = decode_in_place(raw)
    assert len(out) == len(raw) and normalize(out).text == view.text


@pytest.mark.parametrize(
    "clean",
    [
        "Bí thư Tỉnh ủy Nghệ An", "5 × 3 = 15", "ĐÊ” và “Ô", "Giá 30€, nhiệt độ 30°C", "Ăn «ngon»", "À¿",
        "BÍ\u00a0THƯ TỈNH ỦY", "CHÍ\u00a0MINH", "“ĐẠI HỘI XÃ” NGÃ\u00a0BA", "tha\u0301ng Ã\u00a0",
    ],
)
def test_clean_text_has_no_mojibake(clean):
    from vnparty_ie.text.normalize import decode_in_place, mojibake_spans

    assert mojibake_spans(clean) == []
    assert decode_in_place(clean) == clean


def test_extraction_of_mojibake_equals_the_clean_one():
    from vnparty_ie.combine import RuleEntityModel
    from vnparty_ie.extractor import Extractor
    from vnparty_ie.rules import RuleRelationLinker

    ex = Extractor(RuleEntityModel(), linker=RuleRelationLinker())
    text = _GARBLE_SENTENCES[0]
    clean, garbled = ex.extract(text), ex.extract(_garble(text, "cp1252"))
    assert [(e.label, normalize(e.text).text) for e in garbled.entities] == [(e.label, e.text) for e in clean.entities]
    assert [(r.label, normalize(r.head.text).text) for r in garbled.relations] == [
        (r.label, r.head.text) for r in clean.relations
    ]
    assert garbled.entities and all(garbled.text[e.start : e.end] == e.text for e in garbled.entities)


def test_mojibake_with_html_references_is_read_in_place_as_in_the_view():
    from vnparty_ie.text.normalize import decode_in_place

    # "&#272;" is Đ, a letter mojibake cannot hold: decoded first, it would make the text look clean
    raw = _garble("Bí thư Tỉnh ủy", "cp1252") + " &#272;ảng".encode().decode("latin-1")
    out = decode_in_place(raw)
    assert len(out) == len(raw)
    assert normalize(out).text == normalize(raw).text == "Bí thư Tỉnh ủy Đảng"
