"""The cheaply loaded underthesea segmenter is underthesea's own ``word_tokenize``."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from _shared import SEEDS_GOLD

pytest.importorskip("underthesea")

SAMPLES = [
    "Ủy viên Ban Thường vụ Thành ủy, Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai chủ trì hội nghị.",
    "Tổng thu ngân sách năm 2023 đạt 6.164 tỷ đồng, tăng 24% so với năm 2020 (Nghị quyết số 03-NQ/QU).",
    "BÍ THƯ TỈNH ỦY NGHỆ AN THÁI THANH QUÝ",
    "Bi thu Tinh uy",
]


def test_loading_the_segmenter_does_not_import_torch_or_underthesea() -> None:
    code = (
        "import sys\n"
        "from vnparty_ie.text.segment import _load_underthesea_word_tokenize\n"
        "f = _load_underthesea_word_tokenize()\n"
        "words = f('Bí thư Quận ủy Thanh Xuân')\n"
        "bad = sorted(m for m in ('torch', 'transformers', 'underthesea') if m in sys.modules)\n"
        "assert not bad, bad\n"
        "from underthesea import word_tokenize\n"  # the ordinary import still works afterwards
        "assert word_tokenize('Bí thư Quận ủy Thanh Xuân') == words, words\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300)


def test_same_words_as_underthesea() -> None:
    texts = list(SAMPLES)
    if SEEDS_GOLD.is_file():
        for line in SEEDS_GOLD.read_text(encoding="utf-8").splitlines():
            texts.extend(p for p in json.loads(line)["text"].split("\n") if p.strip())
    code = (
        "import json, sys\n"
        "from vnparty_ie.text.segment import _load_underthesea_word_tokenize\n"
        "fast = _load_underthesea_word_tokenize()\n"
        "texts = json.load(sys.stdin)\n"
        "mine = [fast(t) for t in texts]\n"
        "from underthesea import word_tokenize\n"
        "ref = [word_tokenize(t) for t in texts]\n"
        "print(json.dumps([i for i, (a, b) in enumerate(zip(mine, ref)) if a != b]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True, check=True, timeout=600
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


TRICKY = [
    "+5 -0 99999999999 2147483647 -2147483648 2147483648 ² İstanbul ß Straße",
    "ΣΑΣ αβγ 東京 🙂 Ð ð x\u0301",  # outside the plain range: underthesea_core itself
    "TP. HCM, 03-NQ/TW, 5-9-2021, 24%, 1.234,5 tỷ đồng, www.dangcongsan.vn, a@b.vn",
    "A",
    "Uỷ ban nhân dân tỉnh Thừa Thiên - Huế",
]


def test_fast_segmenter_equals_underthesea_word_tokenize() -> None:
    from vnparty_ie.text.crf_words import WordTokenizer
    from vnparty_ie.text.segment import _load_fast_word_tokenize, _load_underthesea_word_tokenize

    fast, reference = _load_fast_word_tokenize(), _load_underthesea_word_tokenize()
    assert isinstance(fast, WordTokenizer)
    texts = SAMPLES + TRICKY
    if SEEDS_GOLD.is_file():
        for line in SEEDS_GOLD.read_text(encoding="utf-8").splitlines():
            texts.extend(p for p in json.loads(line)["text"].split("\n") if p.strip())
    assert [fast(t) for t in texts] == [reference(t) for t in texts]


def test_crf_scores_are_summed_in_template_order() -> None:
    from vnparty_ie.text.crf_words import CrfModel, WordTokenizer

    model = CrfModel(
        ["B-W", "I-W"], {"T[0]": {"a": 1 + 0j}, "T[-1,0].lower": {"a b": 0.5 + 3j}}, ((0.0, 0.0), (0.0, 0.0))
    )
    tok = WordTokenizer(lambda s, **_: s.split(), model, ["T[0]", "T[-1,0].lower"], set())
    assert list(tok.scores(["a", "B"])) == [1 + 0j, 0.5 + 3j]
    assert tok("a B") == ["a B"]


def _reference_scores(model: Any, templates: list[str], dictionary: set[str], tokens: list[str]) -> list[complex]:
    """The feature strings of every token, looked up template by template and summed in order."""
    from vnparty_ie.text.crf_words import _is_i32, parse_template

    total = []
    for i in range(len(tokens)):
        acc = 0j
        for syntax in templates:
            a, b, function = parse_template(syntax)
            lo, hi = (a, a) if b is None else (a, b)
            if i + lo < 0:
                value = "BOS"
            elif i + hi >= len(tokens):
                value = "EOS"
            else:
                span = tokens[i + lo : i + hi + 1]
                if function == "istitle":
                    value = str(all(t[:1] == t[:1].upper() for t in span))
                elif function in ("lower", "is_in_dict"):
                    text = " ".join(t.lower() for t in span)
                    value = str(text in dictionary) if function == "is_in_dict" else text
                elif function == "isdigit":
                    value = str(_is_i32(" ".join(span)))
                else:
                    value = " ".join(span)
            acc += model.state.get(syntax, {}).get(value, 0j)
        total.append(acc)
    return total


def test_crf_scores_equal_a_template_by_template_sum() -> None:
    """Every template kind and width, sentences of 1 to 7 tokens (1: the summation order is not pairwise)."""
    import random

    from vnparty_ie.text.crf_words import CrfModel, WordTokenizer

    rng = random.Random(0)
    vocab = ["Hà", "Nội", "hà", "nội", "12", "-3", "x", "Bí", "thư", "BOS"]
    templates = [
        "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]", "T[-1,0]", "T[0,1]", "T[-1,1]",
        "T[0].lower", "T[-1,0].lower", "T[0].isdigit", "T[1].isdigit", "T[0].istitle", "T[-1,0].istitle",
        "T[-2,0].istitle", "T[0].is_in_dict", "T[0,1].is_in_dict", "T[-1,1].is_in_dict",
    ]  # fmt: skip
    dictionary = {"hà nội", "bí thư", "x", "nội"}
    state: dict[str, dict[str, complex]] = {}
    for syntax in templates:
        values = ["BOS", "EOS", "True", "False", *vocab, "Hà Nội", "hà nội", "Bí thư", "hà nội x"]
        state[syntax] = {v: complex(rng.uniform(-3, 3), rng.uniform(-3, 3)) for v in values if rng.random() < 0.7}
    model = CrfModel(["B-W", "I-W"], state, ((0.1, -0.2), (0.3, 0.05)))
    tok = WordTokenizer(lambda s, **_: s.split(), model, templates, dictionary)
    for _ in range(300):
        tokens = [rng.choice(vocab) for _ in range(rng.randint(1, 7))]
        assert list(tok.scores(tokens)) == _reference_scores(model, templates, dictionary, tokens), tokens
    assert tok.scores([]).shape == (0,)
