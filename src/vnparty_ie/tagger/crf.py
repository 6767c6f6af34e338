"""An optional CRF output layer for the token classifier (training config ``head: crf``).

The classifier's logits at the first subword of each word are the CRF's
emission scores; a linear-chain CRF over the word tags adds learned start, end
and tag-to-tag transition scores.

* Training (torch, ``pip install vnparty-ie[crf]`` for ``pytorch-crf``):
  :func:`crf_token_classifier` wraps the ``transformers`` token classifier; its
  ``forward(..., labels=...)`` returns the CRF negative log-likelihood per word
  (mean over the words of the batch, the scale of the softmax head's
  cross-entropy). The CRF's scores learn at :data:`CRF_LEARNING_RATE` (see
  :func:`parameter_groups`).
* Saving: the encoder and emission layer as usual (``model.safetensors``, so the
  NumPy and ONNX runtimes compute the emissions unchanged), the CRF in
  ``crf.json`` (:data:`CRF_NAME`), and ``"head": "crf"`` in ``vnparty_ie.json``.
* Decoding, torch-free, for every backend: :meth:`CrfParams.decode` runs Viterbi
  over a sentence's word emissions (stitched from its windows), with the
  transitions IOB2 forbids (``O`` or ``B-X`` -> ``I-Y``, ``Y != X``; start ->
  ``I-X``) excluded; a word's score is the CRF marginal probability of its tag
  (forward-backward), so confidence thresholds keep their meaning.
  :meth:`CrfParams.decode_many` decodes the sentences of a batch together (the
  tagger's path): each Viterbi recursion does exactly what it does alone, and
  forward-backward runs for all sentences in one loop.

Emissions may be given as log-softmax probabilities instead of logits: a
constant added to every tag of one word changes neither the best path nor the
marginals.

Example:
    >>> import numpy as np
    >>> tags = ["O", "B-ORG", "I-ORG"]
    >>> crf = CrfParams(np.zeros(3), np.zeros(3), np.zeros((3, 3)))
    >>> probs = np.array([[0.45, 0.4, 0.15], [0.1, 0.1, 0.8]])  # argmax: O, I-ORG (invalid)
    >>> crf.decode(np.log(probs), tags)[0]
    ['B-ORG', 'I-ORG']
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..bio import split_tag
from ..errors import ConfigError, ModelFormatError

__all__ = [
    "CRF_LEARNING_RATE",
    "CRF_NAME",
    "HEADS",
    "CrfParams",
    "allowed_transitions",
    "crf_token_classifier",
    "output_layers",
    "parameter_groups",
]

#: File holding a CRF head's parameters inside a model directory.
CRF_NAME = "crf.json"
#: Output layers of the token classifier.
HEADS = ("softmax", "crf")
#: Learning rate of the CRF's scores (few, and from near zero: they learn faster than the
#: encoder's fine-tuning rate; the encoder's rate when that is higher). The schedule applies.
CRF_LEARNING_RATE = 1.0e-2
#: Score of a transition IOB2 forbids (finite, so sums stay finite).
FORBIDDEN = -1.0e4


def allowed_transitions(tags: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """IOB2 constraints: ``(start_ok (T,), ok (T, T) from -> to)`` as booleans.

    Example:
        >>> start, ok = allowed_transitions(["O", "B-ORG", "I-ORG", "I-LOC"])
        >>> start.tolist(), ok[0].tolist(), ok[1].tolist()
        ([True, True, False, False], [True, True, False, False], [True, True, True, False])
    """
    return _allowed(tuple(tags))


@functools.lru_cache(maxsize=16)
def _allowed(tags: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    parts = [split_tag(t) for t in tags]
    start = np.array([prefix != "I" for prefix, _ in parts])
    ok = np.ones((len(tags), len(tags)), dtype=bool)
    for j, (prefix, label) in enumerate(parts):
        if prefix == "I":
            ok[:, j] = [p in ("B", "I") and lab == label for p, lab in parts]
    return start, ok


@dataclass(frozen=True)
class CrfParams:
    """A linear-chain CRF's scores (NumPy): ``start (T,)``, ``end (T,)``, ``transitions (T, T)`` from -> to."""

    start: np.ndarray
    end: np.ndarray
    transitions: np.ndarray
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def constrained(self, tags: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The scores with the IOB2-forbidden moves set to :data:`FORBIDDEN` (float64)."""
        start_ok, ok = allowed_transitions(tags)
        start = np.where(start_ok, np.asarray(self.start, dtype=np.float64), FORBIDDEN)
        trans = np.where(ok, np.asarray(self.transitions, dtype=np.float64), FORBIDDEN)
        return start, np.asarray(self.end, dtype=np.float64), trans

    def decode(self, emissions: np.ndarray, tags: Sequence[str]) -> tuple[list[str], list[float]]:
        """Viterbi tags of one sentence and the marginal probability of each.

        Args:
            emissions: ``(n_words, n_tags)`` logits (or log-probabilities).
            tags: The tag of each column.

        Returns:
            ``(tags, scores)`` as :func:`vnparty_ie.tagger.decode.argmax_tags` gives them.
        """
        return self.decode_many([emissions], tags)[0]

    def decode_many(self, emissions: Sequence[np.ndarray], tags: Sequence[str]) -> list[tuple[list[str], list[float]]]:
        """:meth:`decode` of several sentences at once (the same paths; scores equal to ~1e-15).

        The Viterbi recursion runs sentence by sentence with the same floating-point
        operations as one sentence alone, so paths (ties included) do not depend on
        the batch. Forward-backward runs for every sentence at once, forward and
        backward in the same loop (one matrix product per word position for all).
        """
        out: list[tuple[list[str], list[float]]] = [([], []) for _ in emissions]
        rows = [k for k, e in enumerate(emissions) if len(e)]
        if not rows:
            return out
        start, end, trans_t, block, first, last = self._prepared(tags)
        n_tags = len(tags)
        lengths = [len(emissions[k]) for k in rows]
        offsets = np.cumsum([0, *lengths])
        em_all = np.concatenate([emissions[k] for k in rows]).astype(np.float64, copy=False)
        ems = np.split(em_all, offsets[1:-1])
        paths = _viterbi_paths(ems, start, end, trans_t)
        # Forward-backward in probability space, each step rescaled. Row r's state at step s
        # is [u_s | beta_(n-1-s)] with alpha_s ∝ u_s * e_s: both halves follow
        # x_s ∝ (x_(s-1) * e) @ M (M: exp(trans) forward, its transpose backward), so one
        # product with the block-diagonal [[exp(trans), 0], [0, exp(trans).T]] makes a step.
        # Forbidden transitions are exp(-inf) = 0.
        n_rows, width = len(rows), max(lengths)
        e_all = np.exp(em_all - em_all.max(axis=1, keepdims=True))
        np.maximum(e_all, 1e-300, out=e_all)  # no all-zero row
        e2 = np.ones((width, n_rows, 2 * n_tags))
        for r, n in enumerate(lengths):
            e = e_all[offsets[r] : offsets[r + 1]]
            e2[:n, r, :n_tags] = e
            e2[:n, r, n_tags:] = e[::-1]
        hist = np.empty((width, n_rows, 2 * n_tags))
        hist[0, :, :n_tags] = first
        hist[0, :, n_tags:] = last
        tmp = np.empty((n_rows, 2 * n_tags))
        for s in range(1, width):
            np.multiply(hist[s - 1], e2[s - 1], out=tmp)
            step = np.matmul(tmp, block, out=hist[s]).reshape(n_rows, 2, n_tags)
            step /= np.add.reduce(step, axis=2, keepdims=True)
        word_row = np.repeat(np.arange(n_rows), lengths)
        word_pos = np.arange(len(em_all)) - offsets[word_row]
        backward_pos = np.asarray(lengths)[word_row] - 1 - word_pos
        gamma = hist[word_pos, word_row, :n_tags] * e_all * hist[backward_pos, word_row, n_tags:]
        flat_path = np.concatenate(paths)
        chosen = gamma[np.arange(len(flat_path)), flat_path] / gamma.sum(axis=1)
        scores = np.minimum(chosen, 1.0).tolist()
        for r, k in enumerate(rows):
            out[k] = ([tags[j] for j in paths[r]], scores[offsets[r] : offsets[r + 1]])
        return out

    def _prepared(self, tags: Sequence[str]) -> tuple[np.ndarray, ...]:
        """What decoding needs for ``tags``, computed once per tag list (the scores never change)."""
        key = tuple(tags)
        cached = self._cache.get(key)
        if cached is None:
            start, end, trans = self.constrained(tags)
            n = len(key)
            top = max(float(trans[np.isfinite(trans)].max(initial=0.0)), 0.0)
            t_exp = np.exp(trans - top)
            block = np.zeros((2 * n, 2 * n))
            block[:n, :n] = t_exp
            block[n:, n:] = t_exp.T
            first = np.exp(start - start.max())
            last = np.exp(end - end.max())
            cached = (start, end, np.ascontiguousarray(trans.T), block, first / first.sum(), last / last.sum())
            self._cache[key] = cached
        return cached

    def save(self, directory: str | Path, tags: Sequence[str]) -> Path:
        """Write :data:`CRF_NAME` (the tags in column order and the scores) into ``directory``."""
        path = Path(directory) / CRF_NAME
        data = {
            "tags": list(tags),
            "start": np.asarray(self.start, dtype=np.float64).round(6).tolist(),
            "end": np.asarray(self.end, dtype=np.float64).round(6).tolist(),
            "transitions": np.asarray(self.transitions, dtype=np.float64).round(6).tolist(),
        }
        path.write_text(json.dumps(data) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, directory: str | Path, tags: Sequence[str] | None = None) -> CrfParams:
        """Read :data:`CRF_NAME` from ``directory``.

        Args:
            directory: A model directory.
            tags: The model's tags in column order (default: ``id2label`` of its ``config.json``).

        Raises:
            ModelFormatError: When it is missing, unreadable, or does not fit ``tags``.
        """
        path = Path(directory) / CRF_NAME
        if tags is None:
            try:
                raw = json.loads((Path(directory) / "config.json").read_text(encoding="utf-8"))
                tags = [str(v) for _, v in sorted((int(k), v) for k, v in raw["id2label"].items())]
            except (OSError, ValueError, KeyError, AttributeError) as exc:
                raise ModelFormatError(f"{directory} has no readable config.json with id2label: {exc}") from None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            params = cls(*(np.asarray(data[k], dtype=np.float32) for k in ("start", "end", "transitions")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelFormatError(f"the CRF model in {directory} has no readable {CRF_NAME}: {exc}") from None
        n = len(tags)
        if (
            list(data.get("tags", tags)) != list(tags)
            or params.start.shape != (n,)
            or params.end.shape != (n,)
            or params.transitions.shape != (n, n)
        ):
            raise ModelFormatError(f"{path} does not fit the model's {n} tags {list(tags)}")
        return params


#: Sentences whose Viterbi recursions run together (sorted by length): more makes each step's
#: reductions slower than the Python loop they save.
_VITERBI_GROUP = 16


def _viterbi_paths(
    ems: Sequence[np.ndarray], start: np.ndarray, end: np.ndarray, trans_t: np.ndarray
) -> list[list[int]]:
    """Best tag path (column indices) of each sentence's float64 emissions (none empty).

    Every sentence sees the same floating-point operations whether it runs alone or in
    a group (``cand[to, from] = score[from] + trans[from, to]``, first maximum on ties),
    so a path never depends on the other sentences.
    """
    n_tags = len(start)
    columns = np.arange(n_tags)
    paths: list[list[int]] = [[] for _ in ems]
    order = sorted(range(len(ems)), key=lambda k: len(ems[k]))
    for g in range(0, len(order), _VITERBI_GROUP):
        group = order[g : g + _VITERBI_GROUP]
        if len(group) > 2:
            for k, path in zip(group, _viterbi_group([ems[k] for k in group], start, end, trans_t)):
                paths[k] = path
            continue
        cand = np.empty((n_tags, n_tags))
        for k in group:
            em = ems[k]
            score = start + em[0]
            back = []
            for i in range(1, len(em)):
                np.add(trans_t, score, out=cand)
                best = cand.argmax(axis=1)
                back.append(best)
                score = cand[columns, best]
                score += em[i]
            p = int((score + end).argmax())
            path = [p]
            for best in reversed(back):
                p = int(best[p])
                path.append(p)
            path.reverse()
            paths[k] = path
    return paths


def _viterbi_group(
    ems: Sequence[np.ndarray], start: np.ndarray, end: np.ndarray, trans_t: np.ndarray
) -> list[list[int]]:
    """:func:`_viterbi_paths` of a few sentences in one recursion (rows past their end are ignored)."""
    n_rows, n_tags = len(ems), len(start)
    lengths = [len(e) for e in ems]
    width = max(lengths)
    em = np.zeros((width, n_rows, n_tags))
    ends: dict[int, list[int]] = {}
    for r, e in enumerate(ems):
        em[: len(e), r] = e
        ends.setdefault(len(e) - 1, []).append(r)
    score = start + em[0]
    final = np.empty((n_rows, n_tags))
    if 0 in ends:
        final[ends[0]] = score[ends[0]]
    cand = np.empty((n_rows, n_tags, n_tags))
    flat = cand.reshape(n_rows * n_tags, n_tags)
    cells = np.arange(n_rows * n_tags)
    back = np.empty((width, n_rows, n_tags), dtype=np.intp)
    for i in range(1, width):
        np.add(trans_t, score[:, None, :], out=cand)
        best = flat.argmax(axis=1)
        back[i] = best.reshape(n_rows, n_tags)
        score = flat[cells, best].reshape(n_rows, n_tags)
        score += em[i]
        done = ends.get(i)
        if done is not None:
            final[done] = score[done]
    lasts = (final + end).argmax(axis=1).tolist()
    paths = []
    for r, n in enumerate(lengths):
        p = lasts[r]
        path = [p]
        for best in reversed(back[1:n, r].tolist()):
            p = best[p]
            path.append(p)
        path.reverse()
        paths.append(path)
    return paths


def parameter_groups(model: Any, weight_decay: float, learning_rate: float) -> list[dict[str, Any]]:
    """AdamW parameter groups of a torch tagger model: no decay on biases and norms; a CRF's scores
    (``crf.*``) without decay at :data:`CRF_LEARNING_RATE` (or ``learning_rate`` when higher)."""
    no_decay = ("bias", "LayerNorm.weight", "layer_norm.weight", "norm.weight")
    groups: dict[str, dict[str, Any]] = {}
    for name, param in model.named_parameters():
        if name.startswith("crf."):
            key, decay, lr = "crf", 0.0, max(learning_rate, CRF_LEARNING_RATE)
        elif any(k in name for k in no_decay):
            key, decay, lr = "no_decay", 0.0, learning_rate
        else:
            key, decay, lr = "decay", weight_decay, learning_rate
        groups.setdefault(key, {"params": [], "weight_decay": decay, "lr": lr})["params"].append(param)
    return list(groups.values())


def output_layers(model: Any, tokenizer: Any, head: str, chars: int, saved: Path | None = None, crf: Any = None) -> Any:
    """Wrap a torch token classifier with its character CNN (:mod:`vnparty_ie.tagger.chars`) and its CRF.

    New layers, or those of the ``saved`` directory (``crf``: its :class:`CrfParams`).
    """
    if chars:
        from .chars import char_token_classifier

        model = char_token_classifier(model, chars, tokenizer=tokenizer, directory=saved)
    if head == "crf":
        model = crf_token_classifier(model, crf)
    return model


def crf_token_classifier(classifier: Any, params: CrfParams | None = None) -> Any:
    """Wrap a ``transformers`` token classifier with a CRF output layer (torch).

    Args:
        classifier: ``AutoModelForTokenClassification`` (its logits are the emissions).
        params: Saved CRF scores to start from (else pytorch-crf's small random init).

    Raises:
        ConfigError: When ``pytorch-crf`` is not installed.
    """
    return _wrapper_class()(classifier, params)


@functools.cache
def _wrapper_class() -> type:
    try:
        from torchcrf import CRF
    except ImportError:
        raise ConfigError(
            "head: crf needs the pytorch-crf package: pip install 'vnparty-ie[crf]' (or pip install pytorch-crf)"
        ) from None
    import torch
    from transformers.modeling_outputs import TokenClassifierOutput

    from .alignment import IGNORE_INDEX

    class CrfTokenClassifier(torch.nn.Module):
        """A token classifier whose logits feed a linear-chain CRF over the words (first subwords)."""

        def __init__(self, classifier: Any, params: CrfParams | None) -> None:
            super().__init__()
            self.classifier = classifier
            self.crf = CRF(int(classifier.config.num_labels), batch_first=True)
            if params is not None:
                with torch.no_grad():
                    for name in ("start", "end", "transitions"):
                        target = getattr(self.crf, "transitions" if name == "transitions" else f"{name}_transitions")
                        target.copy_(torch.as_tensor(np.asarray(getattr(params, name)), dtype=target.dtype))

        @property
        def config(self) -> Any:
            return self.classifier.config

        def forward(self, input_ids: Any, attention_mask: Any = None, labels: Any = None, **kwargs: Any) -> Any:
            logits = self.classifier(input_ids=input_ids, attention_mask=attention_mask, **kwargs).logits
            loss = None if labels is None else self.nll(logits, labels)
            return TokenClassifierOutput(loss=loss, logits=logits)

        def nll(self, logits: Any, labels: Any) -> Any:
            """CRF negative log-likelihood per word over the labelled positions (one per word)."""
            keep = labels != IGNORE_INDEX
            counts = keep.sum(dim=1)
            rows = counts > 0
            if not bool(rows.any()):
                return logits.sum() * 0.0
            width = int(counts.max())
            # word positions first, in order: a stable sort of "not a word" flags
            order = torch.sort((~keep).to(torch.int8), dim=1, stable=True).indices[:, :width]
            emissions = logits.gather(1, order.unsqueeze(-1).expand(-1, -1, logits.size(-1)))
            mask = torch.arange(width, device=logits.device)[None, :] < counts[:, None]
            tags = labels.gather(1, order).masked_fill(~mask, 0)
            llh = self.crf(emissions[rows].float(), tags[rows], mask=mask[rows], reduction="sum")
            return -llh / mask.sum()

        def crf_params(self) -> CrfParams:
            """The current CRF scores as NumPy arrays."""
            crf = self.crf
            return CrfParams(
                *(
                    t.detach().float().cpu().numpy()
                    for t in (crf.start_transitions, crf.end_transitions, crf.transitions)
                )
            )

        def save_pretrained(self, directory: str, **kwargs: Any) -> None:
            self.classifier.save_pretrained(directory, **kwargs)
            tags = [self.config.id2label[i] for i in range(len(self.config.id2label))]
            self.crf_params().save(directory, tags)

    return CrfTokenClassifier
