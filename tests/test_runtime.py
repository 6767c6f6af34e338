"""The torch-free inference runtimes (NumPy, ONNX Runtime), threads and the cheap import."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from vnparty_ie.tagger import EntityTagger
from vnparty_ie.tagger.runtime import NumpyTokenClassifier, numpy_supported, set_threads

SHIPPED = Path(__file__).resolve().parents[1] / "models" / "vnparty-ie-ner"
needs_shipped = pytest.mark.skipif(not (SHIPPED / "config.json").is_file(), reason="no shipped model")
needs_ort = pytest.mark.skipif(importlib.util.find_spec("onnxruntime") is None, reason="onnxruntime not installed")
SENTENCES = [
    "Ủy viên Ban Thường vụ Thành ủy, Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai chủ trì hội nghị.",
    "Tổng thu ngân sách năm 2023 đạt 6.164 tỷ đồng, tăng 24% so với năm 2020.",
    "Phó Bí thư Thường trực Thành ủy Hà Nội Nguyễn Thị Tuyến dự và phát biểu chỉ đạo hội nghị.",
]


def _entities(tagger: EntityTagger, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start, e.end, e.label) for e in ents] for ents in tagger.predict(texts)]


def test_numpy_runtime_matches_torch_on_a_tiny_tagger(tiny_tagger, tmp_path: Path) -> None:
    directory = tiny_tagger.save_pretrained(tmp_path / "m")
    assert numpy_supported(directory)
    torch_tagger = EntityTagger.from_pretrained(directory, backend="torch")
    numpy_tagger = EntityTagger.from_pretrained(directory, backend="numpy")
    assert isinstance(numpy_tagger.model, NumpyTokenClassifier) and not numpy_tagger.uses_torch
    assert (numpy_tagger.prefix, numpy_tagger.suffix, numpy_tagger.pad_id, numpy_tagger.max_length) == (
        torch_tagger.prefix, torch_tagger.suffix, torch_tagger.pad_id, torch_tagger.max_length
    )  # fmt: skip
    words = [s.split() for s in ["Bí thư Quận ủy Thanh Xuân", "đạt 24 % năm 2023", "x " * 300]]
    assert numpy_tagger.subwords.encode(words[0]) == torch_tagger.subwords.encode(words[0])
    for got, ref in zip(numpy_tagger.predict_word_probs(words, 2), torch_tagger.predict_word_probs(words, 2)):
        np.testing.assert_allclose(got, ref, atol=1e-5)


def test_backend_is_checked(tiny_tagger, tmp_path: Path) -> None:
    directory = tiny_tagger.save_pretrained(tmp_path / "m")
    with pytest.raises(ValueError, match="backend"):
        EntityTagger.from_pretrained(directory, backend="tensorflow")


def test_threads_are_validated() -> None:
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="threads"):
            set_threads(bad)
    set_threads(None)
    set_threads(1)


@needs_shipped
def test_import_and_load_need_neither_torch_nor_transformers() -> None:
    code = (
        "import sys, vnparty_ie\n"
        "HEAVY = ('torch', 'transformers', 'underthesea', 'datasets', 'seqeval', 'spacy')\n"
        "assert not any(m in sys.modules for m in HEAVY), sorted(m for m in HEAVY if m in sys.modules)\n"
        f"x = vnparty_ie.load({str(SHIPPED)!r})\n"
        "doc = x.extract('Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai chủ trì hội nghị.')\n"
        "assert doc.entities\n"
        "assert not any(m in sys.modules for m in HEAVY), sorted(m for m in HEAVY if m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=600)


@needs_shipped
def test_shipped_model_same_entities_on_every_backend() -> None:
    backends = ["torch", "numpy"] + (["onnx"] if importlib.util.find_spec("onnxruntime") else [])
    results = {b: _entities(EntityTagger.from_pretrained(SHIPPED, backend=b), SENTENCES) for b in backends}
    for b in backends[1:]:
        assert results[b] == results["torch"], b


@needs_shipped
@needs_ort
def test_a_stale_onnx_export_is_not_used(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    if not (SHIPPED / "model.onnx").is_file():
        pytest.skip("the shipped model has no ONNX export")
    from safetensors.numpy import load_file, save_file

    directory = Path(shutil.copytree(SHIPPED, tmp_path / "m"))
    weights = load_file(str(directory / "model.safetensors"))
    weights["classifier.bias"] = weights["classifier.bias"] + np.float16(1.0)  # "retrained"
    save_file(weights, str(directory / "model.safetensors"))
    tagger = EntityTagger.from_pretrained(directory, backend="auto")
    assert type(tagger.model) is NumpyTokenClassifier
    assert "stale export" in caplog.text
    from vnparty_ie.errors import ModelFormatError

    with pytest.raises(ModelFormatError, match="stale"):
        EntityTagger.from_pretrained(directory, backend="onnx")


@needs_shipped
def test_load_takes_threads_and_backend() -> None:
    import vnparty_ie

    x = vnparty_ie.load(SHIPPED, threads=1, backend="numpy")
    assert type(x.tagger.tagger.model) is NumpyTokenClassifier
    assert json.loads(json.dumps([e.label for e in x.extract(SENTENCES[0]).entities]))
    with pytest.raises(ValueError, match="threads"):
        vnparty_ie.load(SHIPPED, threads=0)
