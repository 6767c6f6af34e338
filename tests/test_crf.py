"""The optional CRF output layer: NumPy Viterbi and marginals, the torch loss, training, saving, every backend."""

from __future__ import annotations

import importlib.util
import itertools
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from vnparty_ie.errors import ConfigError, ModelFormatError
from vnparty_ie.tagger.crf import CRF_LEARNING_RATE, CRF_NAME, CrfParams, allowed_transitions, parameter_groups

TAGS = ["O", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
needs_torchcrf = pytest.mark.skipif(importlib.util.find_spec("torchcrf") is None, reason="pytorch-crf not installed")


def _random_crf(rng: np.random.Generator, n_tags: int) -> CrfParams:
    return CrfParams(rng.normal(size=n_tags), rng.normal(size=n_tags), rng.normal(size=(n_tags, n_tags)))


def _path_scores(crf: CrfParams, emissions: np.ndarray, tags: list[str]) -> dict[tuple[int, ...], float]:
    """Score of every tag path, by enumeration (IOB2-forbidden paths left out)."""
    start_ok, ok = allowed_transitions(tags)
    out = {}
    for path in itertools.product(range(len(tags)), repeat=len(emissions)):
        if not start_ok[path[0]] or not all(ok[a, b] for a, b in itertools.pairwise(path)):
            continue
        score = crf.start[path[0]] + crf.end[path[-1]] + sum(emissions[i, t] for i, t in enumerate(path))
        out[path] = score + sum(crf.transitions[a, b] for a, b in itertools.pairwise(path))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_viterbi_and_marginals_match_enumeration(seed: int) -> None:
    rng = np.random.default_rng(seed)
    crf = _random_crf(rng, len(TAGS))
    emissions = rng.normal(scale=2.0, size=(1 + seed % 4, len(TAGS)))
    scores = _path_scores(crf, emissions, TAGS)
    best = max(scores, key=scores.get)
    tags, probs = crf.decode(emissions, TAGS)
    assert tags == [TAGS[t] for t in best]
    z = np.logaddexp.reduce(np.array(list(scores.values())))
    for i, t in enumerate(best):
        marginal = np.exp(np.logaddexp.reduce([s for p, s in scores.items() if p[i] == t]) - z)
        assert probs[i] == pytest.approx(marginal, rel=1e-6)


def test_decode_is_valid_iob2_and_shift_invariant() -> None:
    from vnparty_ie.bio import repair_bio

    rng = np.random.default_rng(7)
    crf = _random_crf(rng, len(TAGS))
    for _ in range(50):
        emissions = rng.normal(scale=3.0, size=(int(rng.integers(1, 12)), len(TAGS)))
        tags, probs = crf.decode(emissions, TAGS)
        assert repair_bio(tags) == tags and all(0.0 <= p <= 1.0 for p in probs)
        # log-softmax instead of logits: a constant per word changes nothing
        shifted = emissions - np.logaddexp.reduce(emissions, axis=1, keepdims=True)
        again = crf.decode(shifted, TAGS)
        assert again[0] == tags and np.allclose(again[1], probs)
    assert crf.decode(np.zeros((0, len(TAGS))), TAGS) == ([], [])


def test_save_and_load_check_the_tags(tmp_path: Path) -> None:
    crf = _random_crf(np.random.default_rng(0), len(TAGS))
    crf.save(tmp_path, TAGS)
    again = CrfParams.load(tmp_path, TAGS)
    np.testing.assert_allclose(again.transitions, crf.transitions, atol=1e-6)
    with pytest.raises(ModelFormatError, match="does not fit"):
        CrfParams.load(tmp_path, TAGS[::-1])
    (tmp_path / CRF_NAME).unlink()
    with pytest.raises(ModelFormatError, match=CRF_NAME):
        CrfParams.load(tmp_path, TAGS)


@needs_torchcrf
def test_torch_loss_is_the_crf_nll_over_first_subwords(tiny_encoder_dir: Path) -> None:
    import torch

    from vnparty_ie.schema import DEFAULT_SCHEMA
    from vnparty_ie.tagger import EntityTagger
    from vnparty_ie.tagger.alignment import IGNORE_INDEX

    tagger = EntityTagger.from_encoder(tiny_encoder_dir, DEFAULT_SCHEMA, segmenter="syllable", head="crf")
    assert tagger.head == "crf"
    model = tagger.model
    ids = torch.tensor([[0, 11, 12, 13, 14, 2], [0, 15, 16, 2, 1, 1]])
    mask = (ids != 1).long()
    labels = torch.tensor(
        [[IGNORE_INDEX, 1, IGNORE_INDEX, 2, 0, IGNORE_INDEX], [IGNORE_INDEX, 3, 0, IGNORE_INDEX] + [IGNORE_INDEX] * 2]
    )
    out = model(input_ids=ids, attention_mask=mask, labels=labels)
    logits = out.logits.detach()
    expected = (
        -(
            model.crf(logits[0, [1, 3, 4]][None], torch.tensor([[1, 2, 0]]), reduction="sum")
            + model.crf(logits[1, [1, 2]][None], torch.tensor([[3, 0]]), reduction="sum")
        )
        / 5
    )
    assert float(out.loss) == pytest.approx(float(expected), rel=1e-5)
    out.loss.backward()
    assert model.crf.transitions.grad is not None and model.crf.transitions.grad.abs().sum() > 0
    groups = parameter_groups(model, 0.01, 1e-4)
    crf_group = next(g for g in groups if any(p is model.crf.transitions for p in g["params"]))
    assert crf_group["lr"] == pytest.approx(CRF_LEARNING_RATE) and crf_group["weight_decay"] == 0.0
    assert sum(len(g["params"]) for g in groups) == len(list(model.parameters()))


def test_unknown_head_is_refused(tiny_encoder_dir: Path) -> None:
    from vnparty_ie.schema import DEFAULT_SCHEMA
    from vnparty_ie.tagger import EntityTagger
    from vnparty_ie.train import TrainConfig

    with pytest.raises(ConfigError, match="head"):
        TrainConfig.from_dict({"base_model": "e", "train_path": "t", "head": "mlp"})
    with pytest.raises(ConfigError, match="head"):
        EntityTagger.from_encoder(tiny_encoder_dir, DEFAULT_SCHEMA, head="mlp")


def test_softmax_taggers_keep_format_1(tiny_tagger, tmp_path: Path) -> None:
    directory = tiny_tagger.save_pretrained(tmp_path / "m")
    ours = json.loads((directory / "vnparty_ie.json").read_text())
    assert (ours["head"], ours["format_version"]) == ("softmax", 1) and not (directory / CRF_NAME).exists()


@needs_torchcrf
def test_train_a_crf_tagger_then_every_backend(tiny_encoder_dir: Path, tmp_path: Path) -> None:
    from test_train import SENTENCES, make_docs, quick_config

    from vnparty_ie import load
    from vnparty_ie.bio import repair_bio
    from vnparty_ie.tagger import EntityTagger
    from vnparty_ie.train import train

    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in make_docs()), encoding="utf-8")
    result = train(quick_config(tiny_encoder_dir, data, tmp_path / "run", compose=False, head="crf"))
    best = result.best_dir
    ours = json.loads((best / "vnparty_ie.json").read_text())
    assert (ours["head"], ours["format_version"]) == ("crf", 2) and (best / CRF_NAME).is_file()
    assert "output layer: crf" in (best / "README.md").read_text()
    assert result.metrics["dev_f1"] >= 0.8, result.metrics  # three sentences learnt by heart
    saved = json.loads((best / CRF_NAME).read_text())
    start = dict(zip(saved["tags"], saved["start"]))
    # learnt: two of the three sentences start with a POSITION, none with an I- tag
    assert start["B-POSITION"] > max(v for t, v in start.items() if t.startswith("I-"))

    words = [["Bí", "thư", "Quận", "ủy", "Thanh", "Xuân", "Bùi", "Huyền", "Mai"], ["x"] * 70]
    taggers = {b: EntityTagger.from_pretrained(best, backend=b) for b in ("torch", "numpy")}
    assert taggers["torch"].head == taggers["numpy"].head == "crf"
    results = {b: t.predict_words(words) for b, t in taggers.items()}
    for (tags, scores), (tags2, scores2) in zip(results["torch"], results["numpy"]):
        assert tags == tags2 and repair_bio(tags) == tags
        np.testing.assert_allclose(scores, scores2, atol=1e-4)
    text = SENTENCES[0][0]
    entities = taggers["numpy"].predict([text])[0]
    assert {(e.text, e.label) for e in entities} & {("Bùi Huyền Mai", "PERSON"), ("Quận ủy Thanh Xuân", "ORG")}
    assert [e.span for e in load(best).extract(text).entities] == [e.span for e in entities]

    if importlib.util.find_spec("onnx") and importlib.util.find_spec("onnxruntime"):
        from training.export_onnx import export_float32, stamp, weights_sha256

        # the export writes the emission layer; crf.json stays beside it
        export_float32(EntityTagger.from_pretrained(best, backend="torch"), best / "model.onnx")
        stamp(best / "model.onnx", weights_sha256(best))
        onnx_tagger = EntityTagger.from_pretrained(best, backend="onnx")
        assert onnx_tagger.head == "crf"
        assert [t for t, _ in onnx_tagger.predict_words(words)] == [t for t, _ in results["torch"]]

    # a CRF directory without its crf.json is refused, not decoded as softmax
    broken = Path(shutil.copytree(best, tmp_path / "broken"))
    (broken / CRF_NAME).unlink()
    for backend in ("torch", "numpy"):
        with pytest.raises(ModelFormatError, match=CRF_NAME):
            EntityTagger.from_pretrained(broken, backend=backend)
    ours["head"] = "mlp"
    (broken / "vnparty_ie.json").write_text(json.dumps(ours))
    with pytest.raises(ModelFormatError, match="head"):
        EntityTagger.from_pretrained(broken)


def test_decode_many_is_decode_sentence_by_sentence() -> None:
    """Batched decoding: the same paths (ties included), scores equal to float rounding, empty rows kept."""
    rng = np.random.default_rng(11)
    crf = _random_crf(rng, len(TAGS))
    for n_sentences in (1, 2, 3, 5, 20, 40):
        emissions = [rng.normal(scale=3.0, size=(int(rng.integers(0, 15)), len(TAGS))) for _ in range(n_sentences)]
        emissions[0] = np.round(emissions[0])  # ties
        together = crf.decode_many(emissions, TAGS)
        assert len(together) == n_sentences
        for em, (tags, probs) in zip(emissions, together):
            alone_tags, alone_probs = crf.decode(em, TAGS)
            assert tags == alone_tags
            np.testing.assert_allclose(probs, alone_probs, rtol=0, atol=1e-12)
    assert crf.decode_many([], TAGS) == []
    assert crf.decode_many([np.zeros((0, len(TAGS)))], TAGS) == [([], [])]
