"""Tests of the vietnews detokenizer, word spans, sentence spans and corpus access."""

from __future__ import annotations

import gzip
import json
from itertools import pairwise
from pathlib import Path

import pytest

from vnparty_ie.errors import CorpusNotFoundError
from vnparty_ie.io.vietnews import (
    DETOKENIZER_VERSION,
    VietnewsCorpus,
    detokenize,
    detokenize_with_words,
    iter_vietnews,
    sentence_spans,
)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "vietnews"


@pytest.mark.parametrize(
    ("segmented", "expected"),
    [
        ("Bí_thư Quận_uỷ Thanh_Xuân", "Bí thư Quận uỷ Thanh Xuân"),
        ("đạt hơn 105.981 tỷ đồng , tăng 24 % .", "đạt hơn 105.981 tỷ đồng, tăng 24%."),
        ("đạt 98,5 % ; còn lại 1,5 ‰ !", "đạt 98,5%; còn lại 1,5‰!"),
        ("Nghị_quyết số 03-NQ/QU ( khoá XI )", "Nghị quyết số 03-NQ/QU (khoá XI)"),
        ("tại TP. HCM : [ ảnh ] tốt ?", "tại TP. HCM: [ảnh] tốt?"),
        ("cho biết … và ... rồi", "cho biết… và... rồi"),
        ("mô_hình “ Chi_bộ bốn tốt ” ,", "mô hình “Chi bộ bốn tốt”,"),
        ('anh " nổ " mình , " Dân_vận khéo "', 'anh "nổ" mình, "Dân vận khéo"'),
        ('" Mở đầu câu .', '"Mở đầu câu.'),
        ("nhiệm_kỳ 2016 - 2021 , 5,83 vụ / 10.000 dân", "nhiệm kỳ 2016 - 2021, 5,83 vụ / 10.000 dân"),
        ("Ea_T ' Ling", "Ea T ' Ling"),
        ("", ""),
    ],
)
def test_detokenize_cases(segmented: str, expected: str) -> None:
    assert detokenize(segmented) == expected


def test_lines_kept_one_for_one() -> None:
    segmented = "Tiêu_đề\n\nĐoạn một .\nCâu hai .\n"
    out = detokenize(segmented)
    assert out.split("\n") == ["Tiêu đề", "", "Đoạn một.", "Câu hai.", ""]


def test_straight_quote_open_across_lines_of_a_paragraph() -> None:
    out = detokenize('bà nói : " Câu một .\nCâu hai " , bà nói .')
    assert out == 'bà nói: "Câu một.\nCâu hai", bà nói.'


def test_characters_are_never_changed() -> None:
    weird = "Ð\u200bảng cấp_uỷ Tho\u0301"  # Ð (U+00D0), zero-width space, decomposed accent
    assert detokenize(weird) == weird.replace("_", " ")


def test_word_spans_match_tokens() -> None:
    segmented = 'Bí_thư Quận_uỷ ( Hà_Nội ) nói : " đạt 24 % " .\n\nCâu_hai .'
    text, words = detokenize_with_words(segmented)
    assert text == detokenize(segmented)
    tokens = [tok.replace("_", " ") for tok in segmented.split()]
    assert [text[s:e] for s, e in words] == tokens
    assert all(e <= s2 for (_, e), (s2, _) in pairwise(words))
    assert all("\n" not in text[s:e] for s, e in words)


def test_sentence_spans() -> None:
    segmented = "Tiêu_đề bài\n\nCâu một . Câu hai ! TP. HCM đạt 5 % .\ncâu cuối"
    text = detokenize(segmented)
    got = [text[s:e] for s, e in sentence_spans(segmented)]
    assert got == ["Tiêu đề bài", "Câu một.", "Câu hai!", "TP. HCM đạt 5%.", "câu cuối"]


def test_version_is_recorded() -> None:
    assert DETOKENIZER_VERSION == 1


@pytest.fixture()
def tiny_corpus(tmp_path: Path) -> Path:
    records = {
        "train": [
            {"id": "train/000001", "text": "Tiêu_đề\n\nBí_thư Quận_uỷ ."},
            {"id": "train/000002", "text": "Khác ."},
        ],
        "val": [{"id": "val/000001", "text": "Đảng_bộ quận ( mới ) ."}],
    }
    for split, rows in records.items():
        with gzip.open(tmp_path / f"{split}.jsonl.gz", "wt", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return tmp_path


def test_corpus_access(tiny_corpus: Path) -> None:
    corpus = VietnewsCorpus(tiny_corpus)
    assert corpus.get_text("train/000001") == "Tiêu đề\n\nBí thư Quận uỷ."
    assert corpus.get_text("val/000001") == "Đảng bộ quận (mới)."
    assert "train/000002" in corpus and "train/999999" not in corpus and "nonsense" not in corpus
    with pytest.raises(KeyError):
        corpus.get_text("train/999999")
    assert [r["id"] for r in iter_vietnews(tiny_corpus, "train")] == ["train/000001", "train/000002"]
    assert [r["id"] for r in iter_vietnews(tiny_corpus / "val.jsonl.gz")] == ["val/000001"]


def test_missing_corpus_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusNotFoundError, match="vietnews directory"):
        VietnewsCorpus(tmp_path / "absent")
    with pytest.raises(FileNotFoundError):  # CorpusNotFoundError is also a FileNotFoundError
        list(iter_vietnews(tmp_path / "absent", "train"))


@pytest.mark.shared
def test_real_corpus_round_trip() -> None:
    if not (SHARED / "val.jsonl.gz").is_file():
        pytest.skip("../shared/corpora/vietnews is absent")
    for n, record in enumerate(iter_vietnews(SHARED, "val")):
        text, words = detokenize_with_words(record["text"])
        tokens = [t.replace("_", " ") for line in record["text"].split("\n") for t in line.split(" ") if t]
        assert [text[s:e] for s, e in words] == tokens
        assert len(text.split("\n")) == len(record["text"].split("\n"))
        if n >= 200:
            break
