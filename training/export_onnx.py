"""Export a saved tagger to ONNX for the ONNX Runtime inference path.

Writes ``model.onnx`` into the model directory: the float32 network (logits
from ``input_ids`` and ``attention_mask``, batch and length dynamic). Weights
that are exactly representable in float16 (all of them for a tagger saved in
float16) are stored as float16 with a ``Cast`` to float32, which ONNX Runtime
folds when it loads the session: the file is half the size and the numbers are
the same. ``--int8`` also writes ``model.int8.onnx`` (dynamic int8
quantisation of the weights): about 2x faster, not bit-identical (on the dev
set: entity micro F1 0.8810 -> 0.8814, relation 0.8000 -> 0.8011 in one
measurement; seed model of Dec 2026: dev entity F1 0.9128 -> 0.9131, relations
unchanged). ``vnparty_ie.load`` prefers ``model.int8.onnx`` when present,
then ``model.onnx`` (with ``onnxruntime`` installed: ``pip install
vnparty-ie[onnx]``), else runs the NumPy runtime; the model directory can
choose the float network instead with ``"onnx": "float32"`` in its
``pipeline.json`` (``--choose float32`` writes it; ``--choose int8`` writes
``"onnx": "int8"``, the default made explicit). Each export records the
SHA-256 of the ``model.safetensors`` it was made from; an export whose digest
does not match the directory's weights (a retrained model, a stale file) is
not used.

The export is checked: the ONNX Runtime logits of ``model.onnx`` must match
the NumPy runtime's (an independent implementation on the saved weights)
within ``--tolerance`` on a random padded batch.

Needs torch, transformers, ``onnx`` and ``onnxruntime`` (the exporting side only).

Usage::

    python training/export_onnx.py models/vnparty-ie-ner [--int8] [--choose int8|float32]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np


def export_float32(tagger, path: Path, opset: int = 17) -> None:
    """``torch.onnx.export`` of the tagger's classifier (TorchScript exporter)."""
    import torch

    class Logits(torch.nn.Module):
        def __init__(self, model: torch.nn.Module) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.model(input_ids=input_ids, attention_mask=attention_mask).logits

    model = tagger.model.float().eval()
    ids = torch.full((2, 12), 5, dtype=torch.long)
    mask = torch.ones_like(ids)
    dims = {0: "batch", 1: "length"}
    torch.onnx.export(
        Logits(model),
        (ids, mask),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={"input_ids": dims, "attention_mask": dims, "logits": dims},
        opset_version=opset,
        dynamo=False,
    )


def weights_sha256(directory: Path) -> str:
    """What ``vnparty_ie`` checks before it trusts an export (see ``runtime.WEIGHTS_KEY``)."""
    from vnparty_ie.tagger.runtime import weights_digest

    return weights_digest(directory)


def stamp(path: Path, digest: str) -> None:
    """Record the digest of the weights the export was made from in the ONNX file's metadata."""
    import onnx

    from vnparty_ie.tagger.runtime import WEIGHTS_KEY

    model = onnx.load(str(path))
    del model.metadata_props[:]
    entry = model.metadata_props.add()
    entry.key, entry.value = WEIGHTS_KEY, digest
    onnx.save(model, str(path))


def store_float16(src: Path, dst: Path) -> int:
    """Copy ``src`` to ``dst`` with exactly-fp16 float32 weights stored as fp16 + ``Cast``; returns how many."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(src))
    graph = model.graph
    casts, keep, converted = [], [], 0
    for init in graph.initializer:
        arr = numpy_helper.to_array(init)
        if arr.dtype == np.float32 and arr.size > 1 and np.array_equal(arr.astype(np.float16).astype(np.float32), arr):
            name = init.name
            keep.append(numpy_helper.from_array(arr.astype(np.float16), name + "__fp16"))
            casts.append(
                helper.make_node("Cast", [name + "__fp16"], [name], to=TensorProto.FLOAT, name=name + "__cast")
            )
            converted += 1
        else:
            keep.append(init)
    del graph.initializer[:]
    graph.initializer.extend(keep)
    nodes = list(graph.node)
    del graph.node[:]
    graph.node.extend(casts + nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(dst))
    return converted


def max_logit_difference(directory: Path, onnx_path: Path) -> float:
    """Largest |ONNX Runtime - NumPy runtime| logit on a random padded batch.

    The reference is :class:`vnparty_ie.tagger.runtime.NumpyTokenClassifier`
    on the saved weights (the torch model itself is left in a traced state by
    the exporter, so it is no reference after the export).
    """
    import onnxruntime as ort

    from vnparty_ie.tagger.runtime import NumpyTokenClassifier

    reference = NumpyTokenClassifier(directory)
    rng = np.random.default_rng(0)
    ids = rng.integers(5, reference.word.shape[0], size=(4, 40)).astype(np.int64)
    mask = np.ones_like(ids)
    mask[1, 25:] = 0
    ids[mask == 0] = reference.pad_id
    ref = reference.logits(ids, mask)
    sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    got = sess.run(None, {"input_ids": ids, "attention_mask": mask})[0]
    return float(np.abs(got - ref)[mask == 1].max())


def main(argv: list[str] | None = None) -> int:
    """Export, check, and optionally quantise."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model_dir", help="a saved tagger (model-best/ or models/vnparty-ie-ner)")
    parser.add_argument("--int8", action="store_true", help="also write model.int8.onnx (dynamic int8 weights)")
    parser.add_argument("--tolerance", type=float, default=1e-4, help="largest allowed logit difference")
    parser.add_argument(
        "--choose", choices=["int8", "float32"], help="record in pipeline.json which export vnparty_ie.load uses"
    )
    args = parser.parse_args(argv)

    from vnparty_ie.tagger import EntityTagger

    directory = Path(args.model_dir)
    tagger = EntityTagger.from_pretrained(directory, backend="torch")
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model.fp32.onnx"
        export_float32(tagger, fp32)
        digest = weights_sha256(directory)
        converted = store_float16(fp32, directory / "model.onnx")
        stamp(directory / "model.onnx", digest)
        diff = max_logit_difference(directory, directory / "model.onnx")
        print(f"wrote {directory / 'model.onnx'} ({converted} weights stored as fp16); max logit difference {diff:.2e}")
        if diff > args.tolerance:
            (directory / "model.onnx").unlink()
            print(f"error: the export differs from torch by {diff} > {args.tolerance}; removed", file=sys.stderr)
            return 1
        if args.int8:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(str(fp32), str(directory / "model.int8.onnx"), weight_type=QuantType.QInt8)
            stamp(directory / "model.int8.onnx", digest)
            diff8 = max_logit_difference(directory, directory / "model.int8.onnx")
            print(f"wrote {directory / 'model.int8.onnx'}; max logit difference {diff8:.2e} (quantised)")
    if args.choose:
        choose_export(directory, args.choose)
        print(f'{directory / "pipeline.json"}: "onnx": "{args.choose}"')
    return 0


def choose_export(directory: Path, choice: str) -> None:
    """Record in ``pipeline.json`` which ONNX export the model directory uses (``runtime.ONNX_CHOICE_KEY``)."""
    import json

    from vnparty_ie.tagger.runtime import ONNX_CHOICE_KEY

    path = directory / "pipeline.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    data[ONNX_CHOICE_KEY] = choice
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
