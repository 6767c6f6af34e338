"""The cheaply loaded underthesea segmenter is underthesea's own ``word_tokenize``."""

from __future__ import annotations

import json
import subprocess
import sys

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
