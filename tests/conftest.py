"""Shared pytest fixtures and options.

* ``--runslow`` runs tests marked ``@pytest.mark.slow`` (skipped by default).
* ``tiny_encoder_dir``: a tiny random RoBERTa encoder with a fast BPE tokenizer,
  built once per session, no network. Its window is only 32 positions, so
  windowing is exercised by short texts.
* ``tiny_slow_encoder_dir``: the same kind of encoder with a slow
  ``PhobertTokenizer`` (fastBPE ``@@`` codes), like real PhoBERT, which has no
  ``word_ids()``.
* ``tiny_tagger``: an untrained :class:`~vnparty_ie.tagger.EntityTagger` over the
  fast encoder and the default schema, with the ``syllable`` segmenter.
* Hypothesis profiles: ``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) draws the
  same examples on every run, so that CI never fails on a new random draw; the
  default profile explores new examples each run (failures are replayed from the
  local ``.hypothesis`` database).
"""

from __future__ import annotations

import collections
import itertools
import os
import sys
from pathlib import Path

import pytest

try:
    from hypothesis import settings
except ImportError:  # the property tests skip themselves without hypothesis
    pass
else:
    settings.register_profile("ci", derandomize=True, print_blob=True)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # training/ is a source folder, not an installed package

from training.bench_inference import build_bpe_tokenizer

#: Sentences the tiny tokenizers are trained on (word-segmented forms).
TINY_CORPUS = [
    "Bí_thư Quận_ủy Thanh_Xuân Bùi_Huyền_Mai cho biết tổng thu ngân_sách năm 2023 đạt hơn 6.164 tỷ đồng .",
    "Ủy_viên Ban_Thường_vụ Thành_ủy , Bí_thư Quận_ủy Thanh_Xuân chủ_trì hội_nghị .",
    "Nghị_quyết số 03-NQ/QU của Ban_Chấp_hành Đảng_bộ quận về công_tác xây_dựng Đảng .",
    "Tổng giá_trị sản_xuất trên địa_bàn quận năm 2023 đạt hơn 105.981 tỷ đồng , tăng 24 % so với năm 2020 .",
    "Đảng_bộ phường Ba_Láng kết_nạp được 28 đảng_viên mới trong nhiệm_kỳ 2020-2025 .",
    "Phó Bí_thư Thường_trực Thành_ủy Hà_Nội Nguyễn_Thị_Tuyến dự Đại_hội XIII .",
    "Hằng năm , trên 99 % tổ_chức đảng hoàn_thành tốt nhiệm_vụ tại TP Hà_Nội .",
    "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai Nguyễn Thị Tuyến Hà Nội Ba Láng",
]

TINY_MAX_POSITIONS = 32


def pytest_configure(config: pytest.Config) -> None:
    # Tiny models run fastest on one thread, and the machine is shared: with two
    # busy cores, torch's default of one thread per core is ~50x slower here.
    # Read by torch when it is first imported; an explicit setting wins.
    os.environ.setdefault("OMP_NUM_THREADS", "1")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", default=False, help="run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def _tiny_config(vocab_size: int):
    from transformers import RobertaConfig

    return RobertaConfig(
        vocab_size=vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=TINY_MAX_POSITIONS + 2,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        type_vocab_size=1,
    )


def _save_encoder(directory: Path, tokenizer, vocab_size: int) -> Path:
    import torch
    from transformers import AutoModel

    torch.manual_seed(0)
    model = AutoModel.from_config(_tiny_config(vocab_size))
    model.save_pretrained(str(directory))
    tokenizer.save_pretrained(str(directory))
    return directory


@pytest.fixture(scope="session")
def rules_extractor(tmp_path_factory: pytest.TempPathFactory):
    """An extractor of the rules alone (a model directory whose ``pipeline.json`` combines only rules)."""
    import json

    from vnparty_ie import load

    model_dir = tmp_path_factory.mktemp("rules_only")
    (model_dir / "pipeline.json").write_text(json.dumps({"entities": {"combine": "rules"}}), encoding="utf-8")
    return load(model_dir)


@pytest.fixture(scope="session")
def tiny_encoder_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random RoBERTa encoder + fast BPE tokenizer saved to a directory."""
    fast, vocab_size = build_bpe_tokenizer(TINY_CORPUS, 260, TINY_MAX_POSITIONS)
    directory = tmp_path_factory.mktemp("tiny_encoder")
    return _save_encoder(directory, fast, vocab_size)


def _learn_merges(words: list[str], n_merges: int) -> list[tuple[str, str]]:
    """Learn fastBPE merges (with ``</w>`` word ends) from a word list."""
    vocab = collections.Counter(tuple(w[:-1]) + (w[-1] + "</w>",) for w in words)
    merges: list[tuple[str, str]] = []
    for _ in range(n_merges):
        pairs: collections.Counter = collections.Counter()
        for word, count in vocab.items():
            for a, b in itertools.pairwise(word):
                pairs[(a, b)] += count
        if not pairs:
            break
        best = max(pairs, key=lambda p: (pairs[p], p))
        merges.append(best)
        new_vocab: collections.Counter = collections.Counter()
        for word, count in vocab.items():
            out, i = [], 0
            while i < len(word):
                if i < len(word) - 1 and (word[i], word[i + 1]) == best:
                    out.append(word[i] + word[i + 1])
                    i += 2
                else:
                    out.append(word[i])
                    i += 1
            new_vocab[tuple(out)] += count
        vocab = new_vocab
    return merges


@pytest.fixture(scope="session")
def tiny_slow_encoder_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random RoBERTa encoder with a slow PhoBERT (fastBPE) tokenizer."""
    from transformers import PhobertTokenizer

    directory = tmp_path_factory.mktemp("tiny_slow_encoder")
    words = [w for line in TINY_CORPUS for w in line.split()]
    merges = _learn_merges(words, 80)
    codes = directory / "src_bpe.codes"
    codes.write_text("".join(f"{a} {b} 1\n" for a, b in merges), encoding="utf-8")
    vocab_file = directory / "src_vocab.txt"
    vocab_file.write_text("a 1\n", encoding="utf-8")
    probe = PhobertTokenizer(vocab_file=str(vocab_file), merges_file=str(codes))
    pieces = sorted({p for w in words for p in probe.bpe(w).split()})
    chars = sorted({c for w in words for c in w})
    entries = list(dict.fromkeys(pieces + chars + [c + "@@" for c in chars]))
    vocab_file.write_text("".join(f"{p} 1\n" for p in entries), encoding="utf-8")
    slow = PhobertTokenizer(vocab_file=str(vocab_file), merges_file=str(codes), model_max_length=TINY_MAX_POSITIONS)
    out = directory / "encoder"
    out.mkdir()
    return _save_encoder(out, slow, len(slow))


@pytest.fixture(scope="session")
def tiny_sentencepiece_encoder_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random BERT encoder with an XLM-R-style SentencePiece (Unigram) tokenizer, like e5-small-vi."""
    import torch
    from training.convert_e5 import build_tokenizer
    from transformers import BertConfig, BertModel, XLMRobertaTokenizerFast

    words = sorted({w for line in TINY_CORPUS for w in line.split()})
    chars = sorted({c for w in words for c in w})
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "\u2581"] + ["\u2581" + w for w in words[:40]] + chars + ["<mask>"]
    pieces = list(dict.fromkeys(pieces))
    scores = [0.0] * 4 + [-2.0] + [-5.0] * (len(pieces) - 5)
    tok = XLMRobertaTokenizerFast(
        tokenizer_object=build_tokenizer(pieces, scores), bos_token="<s>", eos_token="</s>", sep_token="</s>",
        cls_token="<s>", unk_token="<unk>", pad_token="<pad>", mask_token="<mask>", model_max_length=TINY_MAX_POSITIONS,
    )  # fmt: skip
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(pieces), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=TINY_MAX_POSITIONS, pad_token_id=1)  # fmt: skip
    directory = tmp_path_factory.mktemp("tiny_sp_encoder")
    BertModel(config, add_pooling_layer=False).save_pretrained(str(directory))
    tok.save_pretrained(str(directory))
    return directory


@pytest.fixture(scope="session")
def tiny_tagger(tiny_encoder_dir: Path):
    """An untrained tagger over the tiny fast encoder (default schema, syllable segmenter)."""
    from vnparty_ie.schema import DEFAULT_SCHEMA
    from vnparty_ie.tagger import EntityTagger

    return EntityTagger.from_encoder(tiny_encoder_dir, DEFAULT_SCHEMA, segmenter="syllable")
