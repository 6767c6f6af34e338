"""underthesea's CRF word segmenter, computed without its per-call overhead.

``underthesea.word_tokenize`` splits a sentence into syllable tokens (a regular
expression), builds 43 feature strings per token (``"T[-1,0].lower=quận ủy"``,
in ``underthesea_core``), then looks every string up in a CRFsuite model and
runs Viterbi. Building and hashing those strings costs most of the time. Here
the same model file is read once into one table per group of templates that
read the same spans (feature value → row of weights): a token's one-token
features are one memo look-up, each two- and three-token span is looked up once
per group, the 43 weights per token are gathered and summed in NumPy, and
Viterbi over the two labels (``B-W``, ``I-W``) runs in Python.

The result is the same function as ``underthesea.word_tokenize``: same tokens
(its own regular-expression tokenizer is called), same features (the
templates are read from the model directory and interpreted the way
``underthesea_core``'s ``CRFFeaturizer`` does), same weights, same decoding
(pinned on corpus sentences by ``tests/test_segment_fast.py``). A sentence with
characters outside the Latin and Vietnamese blocks, whose case mappings could
differ between Python's and Rust's Unicode tables, is handed to
``underthesea_core`` itself.

Example:
    >>> def tokens(sentence, **_):
    ...     return sentence.split()
    >>> model = CrfModel(["B-W", "I-W"], {"T[0]": {"ủy": 2j}}, ((0.0, 0.0), (0.0, 0.0)))
    >>> WordTokenizer(tokens, model, ["T[0]"], set())("Quận ủy họp")
    ['Quận ủy', 'họp']
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["CrfModel", "WordTokenizer", "parse_template", "read_crfsuite"]

#: A template: ``T[a]`` or ``T[a,b]`` with an optional ``.function``.
_TEMPLATE = re.compile(r"T\[(?P<a>-?\d+)(?:,(?P<b>-?\d+))?\](?:\[(?P<column>.*)\])?(?:\.(?P<function>.*))?")
_FUNCTIONS = (None, "lower", "isdigit", "istitle", "is_in_dict")
#: ``str.parse::<i32>()`` in Rust: optional sign, ASCII digits (range checked separately).
_I32 = re.compile(r"[+-]?[0-9]+")


#: A character outside the blocks whose case mappings are the same in every Unicode version in use
#: (Latin up to U+02AF, Latin Extended Additional, General Punctuation to Currency Symbols).
_NOT_PLAIN = re.compile("[^\x00-\u02af\u1e00-\u1eff\u2000-\u20cf]")


@dataclass(frozen=True)
class CrfModel:
    """A two-label linear-chain CRF.

    Attributes:
        labels: Label names, in model order.
        state: Per template syntax (``"T[0].lower"``), feature value → the weights of
            the two labels as one complex number (first label real, second imaginary).
        transitions: ``transitions[i][j]``: weight of label ``i`` followed by label ``j``.
    """

    labels: Sequence[str]
    state: dict[str, dict[str, complex]]
    transitions: tuple[tuple[float, ...], ...]


def _cqdb_strings(data: bytes, offset: int) -> list[str]:
    """The strings of a CRFsuite CQDB chunk, by id."""
    chunk, _size, _flag, _order, count, backward = struct.unpack_from("<4sIIIII", data, offset)
    if chunk != b"CQDB":
        raise ValueError("not a CQDB chunk")
    raw = np.frombuffer(data, dtype=np.uint8)
    # Each record: uint32 id, uint32 size (with the final NUL), the bytes; read unaligned, little-endian.
    starts = np.frombuffer(data, dtype="<u4", count=count, offset=offset + backward).astype(np.int64) + offset
    scale = np.array([1, 1 << 8, 1 << 16, 1 << 24], dtype=np.int64)
    ids = (raw[starts[:, None] + np.arange(4)].astype(np.int64) * scale).sum(axis=1)
    sizes = (raw[starts[:, None] + np.arange(4, 8)].astype(np.int64) * scale).sum(axis=1)
    out = [""] * count
    for ident, start, size in zip(ids.tolist(), (starts + 8).tolist(), sizes.tolist()):
        out[ident] = data[start : start + size - 1].decode("utf-8")
    return out


def read_crfsuite(path: str | Path) -> CrfModel:
    """Read a CRFsuite model file (``lCRF``/``FOMC``) into a :class:`CrfModel`.

    Raises:
        ValueError: If the file is not a first-order CRFsuite model with two labels.
    """
    data = Path(path).read_bytes()
    magic, _size, kind, _version, _nf, n_labels, _na, off_feat, off_labels, off_attrs = struct.unpack_from(
        "<4sI4sIIIIIII", data, 0
    )
    if magic != b"lCRF" or kind != b"FOMC" or n_labels != 2:
        raise ValueError(f"{path}: not a two-label CRFsuite model")
    chunk, _chunk_size, count = struct.unpack_from("<4sII", data, off_feat)
    if chunk != b"FEAT":
        raise ValueError(f"{path}: no feature chunk")
    labels = _cqdb_strings(data, off_labels)
    attributes = _cqdb_strings(data, off_attrs)
    features = np.frombuffer(
        data, dtype=[("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")], count=count, offset=off_feat + 12
    )
    if not np.isin(features["type"], (0, 1)).all():
        raise ValueError(f"{path}: unknown feature type")
    state_rows = features[features["type"] == 0]
    weights = np.zeros((len(attributes), 2), dtype=np.float64)
    weights[state_rows["src"], state_rows["dst"]] = state_rows["w"]
    transitions = np.zeros((2, 2), dtype=np.float64)
    for row in features[features["type"] == 1]:
        transitions[row["src"], row["dst"]] = row["w"]
    has_state = np.zeros(len(attributes), dtype=bool)
    has_state[state_rows["src"]] = True
    state: dict[str, dict[str, complex]] = {}
    for attribute, keep, pair in zip(attributes, has_state.tolist(), (weights[:, 0] + 1j * weights[:, 1]).tolist()):
        if keep:
            syntax, _, value = attribute.partition("=")
            state.setdefault(syntax, {})[value] = pair
    return CrfModel(labels, state, tuple(tuple(float(w) for w in row) for row in transitions))


def parse_template(syntax: str) -> tuple[int, int | None, str | None]:
    """``(first offset, last offset or None, function or None)`` of a feature template.

    Example:
        >>> parse_template("T[-1,0].lower"), parse_template("T[2]")
        ((-1, 0, 'lower'), (2, None, None))

    Raises:
        ValueError: On a template this module does not interpret like ``underthesea_core``.
    """
    m = _TEMPLATE.fullmatch(syntax)
    if m is None or m.group("column") not in (None, "0") or m.group("function") not in _FUNCTIONS:
        raise ValueError(f"unsupported feature template {syntax!r}")
    b = m.group("b")
    return int(m.group("a")), None if b is None else int(b), m.group("function")


def _is_i32(text: str) -> bool:
    return _I32.fullmatch(text) is not None and -(2**31) <= int(text) < 2**31


class WordTokenizer:
    """``underthesea.word_tokenize(sentence)`` from its tokenizer, CRF model, templates and dictionary.

    Args:
        tokenize: underthesea's regular-expression tokenizer (``regex_tokenize.tokenize``).
        model: The CRF (:func:`read_crfsuite`).
        templates: The feature templates, in the featurizer's order.
        dictionary: The word dictionary of the ``is_in_dict`` features.
        reference: ``tokens -> labels`` with ``underthesea_core`` itself, built on
            first use, for sentences with a character that :data:`_NOT_PLAIN` matches.

    Raises:
        ValueError: On a template that is not understood, or labels other than B-W/I-W.
    """

    def __init__(
        self,
        tokenize: Callable[..., list[str]],
        model: CrfModel,
        templates: Sequence[str],
        dictionary: set[str],
        reference: Callable[[], Callable[[list[str]], list[str]]] | None = None,
    ) -> None:
        if list(model.labels) != ["B-W", "I-W"]:
            raise ValueError(f"expected the labels B-W, I-W, got {list(model.labels)}")
        self._tokenize = tokenize
        self._dictionary = dictionary
        # Templates that read the same spans (same width and function) share one look-up: their
        # tables are merged into one dict of weight rows, one column per template.
        groups: dict[tuple[int, str | None], list[tuple[int, dict[str, complex]]]] = {}
        self._order: list[tuple[int, int, int]] = []  # per template: group, offset, column
        for syntax in templates:
            a, b, function = parse_template(syntax)
            width = 1 if b is None else b - a + 1
            if width < 1:
                raise ValueError(f"unsupported feature template {syntax!r}")
            members = groups.setdefault((width, function), [])
            self._order.append((list(groups).index((width, function)), a, len(members)))
            members.append((a, model.state.get(syntax, {})))
        # Per group: value -> row of ``weights`` (row 0: a value the model does not know).
        self._groups: list[tuple[int, str | None, dict[str, int], np.ndarray]] = []
        for (width, function), members in groups.items():
            values = sorted({v for _, table in members for v in table})
            weights = np.zeros((len(values) + 1, len(members)), dtype=np.complex128)
            for column, (_, table) in enumerate(members):
                weights[1:, column] = [table.get(v, 0j) for v in values]
            self._groups.append((width, function, {v: i + 1 for i, v in enumerate(values)}, weights))
        self._pad = max((abs(a) + width for (width, _), members in groups.items() for a, _ in members), default=0) + 1
        # All groups' rows in one table (``_cols`` columns, zeros where a group has fewer), flattened:
        # template t of a span with row r of group g reads ``_flat[(_offset[g] + r) * _cols + column]``.
        self._cols = max((w.shape[1] for *_, w in self._groups), default=1)
        table = np.zeros((sum(w.shape[0] for *_, w in self._groups), self._cols), dtype=np.complex128)
        offsets = []
        row = 0
        for *_, w in self._groups:
            offsets.append(row)
            table[row : row + w.shape[0], : w.shape[1]] = w
            row += w.shape[0]
        self._flat = table.ravel()
        self._offset = np.array(offsets, dtype=np.intp)[:, None]
        self._t_group = np.array([g for g, _, _ in self._order], dtype=np.intp)[:, None]
        self._t_shift = np.array([self._pad + a for _, a, _ in self._order], dtype=np.intp)[:, None]
        self._t_column = np.array([c for _, _, c in self._order], dtype=np.intp)[:, None]
        self._special = [
            (index.get("BOS", 0), index.get("EOS", 0), index.get("True", 0), index.get("False", 0))
            for _, _, index, _ in self._groups
        ]
        self._bos = np.array([bos for bos, *_ in self._special], dtype=np.intp)[:, None]
        self._eos = np.array([eos for _, eos, *_ in self._special], dtype=np.intp)[:, None]
        #: Groups of one-token spans (their rows depend on the token alone, see :meth:`_token`).
        self._single = [g for g, (width, *_) in enumerate(self._groups) if width == 1]
        self._tokens: dict[str, tuple[str, bool, tuple[int, ...]]] = {}
        self._transitions = model.transitions
        self._make_reference = reference
        self._reference: Callable[[list[str]], list[str]] | None = None

    def __call__(self, sentence: str) -> list[str]:
        tokens = self._tokenize(sentence, use_token_normalize=True, fixed_words=[])
        if not tokens:
            return []
        if _NOT_PLAIN.search("".join(tokens)) is None and all(t and " " not in t for t in tokens):
            labels = self.labels(tokens)
        else:
            labels = self._labels_by_reference(tokens)
        output: list[str] = []
        for label, token in zip(labels, tokens):
            if label == "I-W" and output:
                output[-1] = output[-1] + " " + token
            else:
                output.append(token)
        return output

    def _labels_by_reference(self, tokens: list[str]) -> list[str]:
        if self._reference is None:
            if self._make_reference is None:
                raise ValueError("no reference tagger for a sentence outside the plain character range")
            self._reference = self._make_reference()
        return self._reference(tokens)

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """Per token, the summed state weights: ``B-W`` as the real part, ``I-W`` as the imaginary part.

        Each part is summed in template order, as ``underthesea_core`` sums them
        (complex addition adds the parts separately, exactly; ``np.add.reduce``
        over the first axis of a ``(templates, tokens)`` array with two or more
        columns adds the templates' rows one after the other).
        """
        n = len(tokens)
        if not n:
            return np.zeros(0, dtype=np.complex128)
        memo = self._tokens
        infos = []
        for t in tokens:
            info = memo.get(t)
            if info is None:
                info = self._token(t)
                if len(memo) < 200_000:
                    memo[t] = info
            infos.append(info)
        lowers = [info[0] for info in infos]
        titles = [info[1] for info in infos]
        pad = self._pad
        # ids[g, pad + s]: the weight row (in group g) of the span starting at token s; BOS
        # before the sentence, EOS where the span would run past its end (as underthesea_core).
        ids = np.empty((len(self._groups), 3 * pad + max(n, 2)), dtype=np.intp)
        ids[:, :pad] = self._bos
        ids[:, pad:] = self._eos
        ids[self._single, pad : pad + n] = np.array([info[2] for info in infos], dtype=np.intp).T
        joined: dict[tuple[bool, int], list[str]] = {}
        for g, ((width, function, index, _), (_, _, true, false)) in enumerate(zip(self._groups, self._special)):
            last = n - width + 1
            if width == 1 or last < 1:
                continue
            if function == "istitle":
                row = [true if all(parts) else false for parts in zip(*(titles[k : last + k] for k in range(width)))]
            else:
                lower = function in ("lower", "is_in_dict")
                texts = joined.get((lower, width))
                if texts is None:
                    source = lowers if lower else tokens
                    texts = [" ".join(parts) for parts in zip(*(source[k : last + k] for k in range(width)))]
                    joined[(lower, width)] = texts
                if function == "is_in_dict":
                    dictionary = self._dictionary
                    row = [true if t in dictionary else false for t in texts]
                elif function == "isdigit":
                    row = [true if _is_i32(t) else false for t in texts]
                else:
                    get = index.get
                    row = [get(t, 0) for t in texts]
            ids[g, pad : pad + last] = row
        ids += self._offset
        # At least two columns: a single one would be summed pairwise, not in template order.
        cells = ids[self._t_group, self._t_shift + np.arange(max(n, 2))] * self._cols + self._t_column
        return np.add.reduce(self._flat[cells], axis=0)[:n]

    def _token(self, token: str) -> tuple[str, bool, tuple[int, ...]]:
        """A token's lower case, its istitle, and its rows in the one-token groups."""
        lower = token.lower()
        title = token[:1] == token[:1].upper()
        row = []
        for g in self._single:
            _, function, index, _ = self._groups[g]
            _, _, true, false = self._special[g]
            if function == "istitle":
                row.append(true if title else false)
            elif function == "is_in_dict":
                row.append(true if lower in self._dictionary else false)
            elif function == "isdigit":
                row.append(true if _is_i32(token) else false)
            else:
                row.append(index.get(lower if function == "lower" else token, 0))
        return lower, title, tuple(row)

    def labels(self, tokens: Sequence[str]) -> list[str]:
        """Viterbi labels (``B-W``/``I-W``) of a token sequence."""
        total = self.scores(tokens)
        b_scores = total.real.tolist()
        i_scores = total.imag.tolist()
        (bb, bi), (ib, ii) = self._transitions
        best_b, best_i = b_scores[0], i_scores[0]
        back: list[tuple[int, int]] = []
        for t in range(1, len(tokens)):
            from_b_to_b, from_i_to_b = best_b + bb, best_i + ib
            from_b_to_i, from_i_to_i = best_b + bi, best_i + ii
            prev_for_b = 0 if from_b_to_b >= from_i_to_b else 1
            prev_for_i = 0 if from_b_to_i >= from_i_to_i else 1
            back.append((prev_for_b, prev_for_i))
            best_b = max(from_b_to_b, from_i_to_b) + b_scores[t]
            best_i = max(from_b_to_i, from_i_to_i) + i_scores[t]
        state = 0 if best_b >= best_i else 1
        path = [state]
        for pointers in reversed(back):
            state = pointers[state]
            path.append(state)
        names = ("B-W", "I-W")
        return [names[s] for s in reversed(path)]


def _load_pickle(path: Path) -> Any:
    """What ``joblib.load(path)`` returns (underthesea writes these files with joblib).

    A file that holds plain Python objects is a plain pickle, which the C
    unpickler reads several times faster than joblib's Python one; anything
    else goes to joblib.
    """
    import pickle

    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 - compressed or numpy-wrapped: joblib's own format
        import joblib

        return joblib.load(path)


def load_word_tokenizer(module: Any) -> WordTokenizer:
    """Build a :class:`WordTokenizer` from underthesea's ``pipeline.word_tokenize`` module.

    Args:
        module: The imported ``underthesea.pipeline.word_tokenize`` package.

    Raises:
        OSError, ValueError, ImportError: When its model files are missing or not understood.
    """
    directory = Path(module.__file__).parent / "models" / "ws_crf_vlsp2013_20230727"
    templates = list(_load_pickle(directory / "features.bin"))
    dictionary = set(_load_pickle(directory / "dictionary.bin"))
    model = read_crfsuite(directory / "models.bin")

    def reference() -> Callable[[list[str]], list[str]]:
        from underthesea_core import CRFFeaturizer, CRFTagger

        featurizer = CRFFeaturizer(templates, dictionary)
        tagger = CRFTagger()
        tagger.load(str(directory / "models.bin"))
        return lambda tokens: list(tagger.tag(featurizer.process([[[t] for t in tokens]])[0]))

    return WordTokenizer(_regex_tokenizer(module.tokenize), model, templates, dictionary, reference)


def _regex_tokenizer(tokenize: Callable[..., list[str]]) -> Callable[..., list[str]]:
    """underthesea's ``regex_tokenize.tokenize`` for ``use_token_normalize=True, fixed_words=[]``, memoised.

    The same steps (character normalisation, the module's current ``patterns``,
    per-token normalisation) with two shortcuts: every alternative of
    ``patterns`` is one named group, so the first matched named group
    (``extract_match``) is the whole match; and ``token_normalize`` is a pure
    function of the token, so it is remembered per token. Falls back to
    ``tokenize`` itself if the module does not have that shape.
    """
    scope = getattr(tokenize, "__globals__", {})
    normalize_characters = scope.get("normalize_characters_in_text")
    token_normalize = scope.get("token_normalize")
    if normalize_characters is None or token_normalize is None or not hasattr(scope.get("patterns"), "finditer"):
        return tokenize
    memo: dict[str, str] = {}

    def fast(sentence: str, use_token_normalize: bool = True, fixed_words: Sequence[str] = ()) -> list[str]:
        if not use_token_normalize or fixed_words:
            return tokenize(sentence, use_token_normalize=use_token_normalize, fixed_words=list(fixed_words))
        text = normalize_characters(sentence)
        out = []
        for m in scope["patterns"].finditer(text):
            token = m.group()
            normal = memo.get(token)
            if normal is None:
                normal = token_normalize(token, use_character_normalize=True)
                if len(memo) < 200_000:
                    memo[token] = normal
            out.append(normal)
        return out

    return fast
