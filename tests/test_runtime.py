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


def test_the_model_directory_chooses_its_onnx_export(tmp_path: Path) -> None:
    from vnparty_ie.errors import ModelFormatError
    from vnparty_ie.tagger.runtime import onnx_choice, onnx_file, onnx_files

    assert onnx_file(tmp_path) is None and onnx_choice(tmp_path) == "int8"
    (tmp_path / "model.onnx").write_bytes(b"")
    assert onnx_file(tmp_path) == tmp_path / "model.onnx"
    (tmp_path / "model.int8.onnx").write_bytes(b"")
    assert onnx_file(tmp_path) == tmp_path / "model.int8.onnx"  # int8 first when present (the default)
    pipeline = tmp_path / "pipeline.json"
    pipeline.write_text(json.dumps({"entities": {"combine": "tagger"}, "onnx": "float32"}), encoding="utf-8")
    assert onnx_files(tmp_path) == ("model.onnx",) and onnx_file(tmp_path) == tmp_path / "model.onnx"
    pipeline.write_text(json.dumps({"onnx": "int8"}), encoding="utf-8")
    assert onnx_file(tmp_path) == tmp_path / "model.int8.onnx"
    (tmp_path / "model.int8.onnx").unlink()
    assert onnx_file(tmp_path) == tmp_path / "model.onnx"  # int8 chosen but absent: the float export
    pipeline.write_text(json.dumps({"onnx": "int4"}), encoding="utf-8")
    with pytest.raises(ModelFormatError, match="onnx"):
        onnx_files(tmp_path)


@needs_ort
def test_int8_export_is_used_when_present_unless_the_directory_chooses_float(tiny_tagger, tmp_path: Path) -> None:
    pytest.importorskip("onnx")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
    try:
        import export_onnx
    finally:
        sys.path.pop(0)
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from vnparty_ie.tagger.runtime import OnnxTokenClassifier

    directory = Path(tiny_tagger.save_pretrained(tmp_path / "m"))
    digest = export_onnx.weights_sha256(directory)
    export_onnx.export_float32(tiny_tagger, tmp_path / "fp32.onnx")  # what export_onnx.py --int8 writes
    export_onnx.store_float16(tmp_path / "fp32.onnx", directory / "model.onnx")
    quantize_dynamic(str(tmp_path / "fp32.onnx"), str(directory / "model.int8.onnx"), weight_type=QuantType.QInt8)
    for name in ("model.onnx", "model.int8.onnx"):
        export_onnx.stamp(directory / name, digest)
    words = [s.split() for s in SENTENCES]
    chosen = EntityTagger.from_pretrained(directory, backend="auto")
    assert isinstance(chosen.model, OnnxTokenClassifier) and chosen.model.path.name == "model.int8.onnx"
    int8_probs = chosen.predict_word_probs(words)
    for i, sentence in enumerate(words):  # each window alone: the same numbers whatever the batch
        np.testing.assert_array_equal(chosen.predict_word_probs([sentence])[0], int8_probs[i])
    export_onnx.choose_export(Path(directory), "float32")
    assert json.loads((Path(directory) / "pipeline.json").read_text(encoding="utf-8"))["onnx"] == "float32"
    floating = EntityTagger.from_pretrained(directory, backend="auto")
    assert floating.model.path.name == "model.onnx"
    reference = EntityTagger.from_pretrained(directory, backend="numpy").predict_word_probs(words)
    for got, ref, approx in zip(floating.predict_word_probs(words), reference, int8_probs):
        np.testing.assert_allclose(got, ref, atol=1e-4)
        np.testing.assert_allclose(approx, ref, atol=0.1)  # quantised: close, not identical
