#!/usr/bin/env python
"""Select party-building articles from vietnews and plan their gold annotation.

Scans the train and val splits of the word-segmented vietnews corpus, counts
party-building terms (both tone placements: ``Thành_uỷ``/``Thành_ủy``), scores
each article by term density (matches per 100 words) and writes, with ids and
numbers only (never text):

* ``corpora/manifest.jsonl``: every article with at least one core term, with
  ``id, split, words, sentences, matches, terms, score, loose, dense, pool``;
* ``corpora/annotation_plan.json``: a deterministic (seeded) choice of dense
  articles of moderate length, assigned by document to gold train/dev/test,
  grouped into batches for parallel annotators, with ~20% marked for a second
  independent pass and an ordered reserve list.

Usage::

    python corpora/build_manifest.py --vietnews ../shared/corpora/vietnews

Running it twice gives identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from vnparty_ie.errors import CorpusNotFoundError
from vnparty_ie.io.vietnews import DETOKENIZER_VERSION, iter_vietnews, sentence_spans, split_file
from vnparty_ie.text.normalize import canonical_tones

HERE = Path(__file__).resolve().parent
DEFAULT_VIETNEWS = HERE.parent.parent / "shared" / "corpora" / "vietnews"

#: Party-building terms (new tone placement, lowercase, words separated by spaces).
#: "Core" terms name party bodies, posts and documents; a match of one makes an
#: article a loose candidate. Context terms only add to the density score.
CORE_TERMS: tuple[str, ...] = (
    "thành ủy",
    "tỉnh ủy",
    "quận ủy",
    "huyện ủy",
    "thị ủy",
    "đảng ủy",
    "cấp ủy",
    "đảng bộ",
    "chi bộ",
    "bí thư",
    "đảng viên",
    "ban thường vụ",
    "ban chấp hành",
    "tổ chức đảng",
    "tổ chức cơ sở đảng",
    "xây dựng đảng",
    "ủy ban kiểm tra",
    "bộ chính trị",
    "ban bí thư",
)
CONTEXT_TERMS: tuple[str, ...] = (
    "nghị quyết",
    "chỉ thị",
    "chỉ tiêu",
    "nhiệm kỳ",
    "đại hội",
    "kết nạp",
    "ủy viên",
    "cấp ủy viên",
    "khóa",
    "sinh hoạt chi bộ",
    "ban tổ chức",
    "ban tuyên giáo",
    "ban dân vận",
    "học tập và làm theo",
)

_TERM_RE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(t) for t in sorted(CORE_TERMS + CONTEXT_TERMS, key=len, reverse=True)) + r")(?!\w)"
)
_CORE = frozenset(CORE_TERMS)


@dataclass(frozen=True)
class Criteria:
    """Thresholds of the selection (recorded in the plan)."""

    loose_min_matches: int = 3
    dense_score: float = 5.0
    dense_min_terms: int = 5
    pool_min_words: int = 150
    pool_max_words: int = 800
    pool_min_sentences: int = 14
    pool_max_sentences: int = 40
    seed: str = "vnparty-ie-gold-v1"
    n_train: int = 100
    n_dev: int = 25
    n_test: int = 25
    batch_size: int = 12
    second_pass_fraction: float = 0.2
    reserve_size: int = 150


@dataclass(frozen=True)
class DocStats:
    """Numbers kept for one article (no text)."""

    id: str
    split: str
    words: int
    sentences: int
    matches: int
    core: int
    terms: int
    score: float
    title_key: str


def normalise(segmented: str) -> str:
    """Lowercase, new tone placement, ``_`` as space: the form the terms are written in."""
    return canonical_tones(segmented.lower().replace("_", " "))


#: Every core term contains one of these (lowercase, either tone placement, ``_`` or space).
_PREFILTER = (
    "ủy",
    "uỷ",
    "đảng",
    "bí_thư",
    "bí thư",
    "chi_bộ",
    "chi bộ",
    "chính_trị",
    "chính trị",
    "thường_vụ",
    "thường vụ",
    "chấp_hành",
    "chấp hành",
)


def doc_stats(doc_id: str, split: str, segmented: str) -> DocStats | None:
    """Count words, sentences and term matches of one segmented article.

    Returns:
        The stats, or ``None`` when the article has no core term.
    """
    lower = segmented.lower()
    if not any(key in lower for key in _PREFILTER):
        return None
    found = _TERM_RE.findall(normalise(segmented))
    core = sum(1 for t in found if t in _CORE)
    if core == 0:
        return None
    words = sum(1 for tok in segmented.split() if any(ch.isalnum() for ch in tok))
    title = segmented.split("\n", 1)[0]
    title_key = hashlib.sha1(re.sub(r"\W+", "", normalise(title)).encode()).hexdigest()[:16]
    return DocStats(
        id=doc_id,
        split=split,
        words=words,
        sentences=len(sentence_spans(segmented)),
        matches=len(found),
        core=core,
        terms=len(set(found)),
        score=round(100.0 * len(found) / max(words, 1), 3),
        title_key=title_key,
    )


def scan(vietnews: Path, splits: Sequence[str] = ("train", "val")) -> list[DocStats]:
    """Scan the corpus; return stats of articles with at least one core term."""
    out = []
    for split in splits:
        for record in iter_vietnews(vietnews, split):
            stats = doc_stats(record["id"], split, record["text"])
            if stats is not None:
                out.append(stats)
    return out


def is_loose(s: DocStats, c: Criteria) -> bool:
    """Loose: at least one core term and a few term matches in all."""
    return s.matches >= c.loose_min_matches


def is_dense(s: DocStats, c: Criteria) -> bool:
    """Dense: loose, high term density and several distinct terms."""
    return is_loose(s, c) and s.score >= c.dense_score and s.terms >= c.dense_min_terms


def in_pool(s: DocStats, c: Criteria) -> bool:
    """Eligible for gold annotation: dense and of moderate length."""
    return (
        is_dense(s, c)
        and c.pool_min_words <= s.words <= c.pool_max_words
        and c.pool_min_sentences <= s.sentences <= c.pool_max_sentences
    )


def seeded_order(ids: Iterable[str], seed: str) -> list[str]:
    """Order ids by SHA-1 of ``seed/id``: a fixed pseudo-random order."""
    return sorted(ids, key=lambda i: hashlib.sha1(f"{seed}/{i}".encode()).hexdigest())


def chunk(ids: Sequence[str], size: int) -> list[list[str]]:
    """Split into ``ceil(len/size)`` consecutive chunks of near-equal length."""
    if not ids:
        return []
    n = -(-len(ids) // size)
    base, extra = divmod(len(ids), n)
    out, i = [], 0
    for k in range(n):
        step = base + (1 if k < extra else 0)
        out.append(list(ids[i : i + step]))
        i += step
    return out


def build_plan(stats: Sequence[DocStats], c: Criteria) -> dict:
    """Choose the gold documents, their splits, batches, second pass and reserve."""
    by_id = {s.id: s for s in stats}
    seen_titles: set[str] = set()
    pool = []
    for doc_id in seeded_order((s.id for s in stats if in_pool(s, c)), c.seed):
        key = by_id[doc_id].title_key
        if key in seen_titles:  # the same story twice would leak across splits
            continue
        seen_titles.add(key)
        pool.append(doc_id)
    n_gold = c.n_train + c.n_dev + c.n_test
    if len(pool) < n_gold:
        raise SystemExit(f"only {len(pool)} eligible articles for {n_gold} gold documents; relax the criteria")
    gold, reserve = pool[:n_gold], pool[n_gold : n_gold + c.reserve_size]
    splits = {
        "train": gold[: c.n_train],
        "dev": gold[c.n_train : c.n_train + c.n_dev],
        "test": gold[c.n_train + c.n_dev :],
    }
    second = []
    for ids in splits.values():
        k = round(len(ids) * c.second_pass_fraction)
        second += seeded_order(ids, c.seed + "/second-pass")[:k]
    batches = [{"batch": f"b{k + 1:02d}", "pass": 1, "docs": docs} for k, docs in enumerate(chunk(gold, c.batch_size))]
    second_sorted = [i for i in gold if i in set(second)]
    batches += [
        {"batch": f"p2-{k + 1:02d}", "pass": 2, "docs": docs}
        for k, docs in enumerate(chunk(second_sorted, c.batch_size))
    ]
    split_of = {i: name for name, ids in splits.items() for i in ids}
    docs = []
    for b in batches:
        for i in b["docs"]:
            docs.append(
                {
                    "id": i,
                    "split": split_of[i],
                    "batch": b["batch"],
                    "pass": b["pass"],
                    "words": by_id[i].words,
                    "sentences": by_id[i].sentences,
                }
            )
    totals = {
        name: {
            "docs": len(ids),
            "sentences": sum(by_id[i].sentences for i in ids),
            "words": sum(by_id[i].words for i in ids),
        }
        for name, ids in splits.items()
    }
    return {
        "version": 1,
        "created_by": "corpora/build_manifest.py",
        "detokenizer": DETOKENIZER_VERSION,
        "criteria": asdict(c),
        "eligible": len(pool),
        "totals": totals,
        "splits": splits,
        "second_pass": second_sorted,
        "batches": batches,
        "docs": docs,
        "reserve": reserve,
    }


def write_manifest(path: Path, stats: Sequence[DocStats], c: Criteria) -> None:
    """Write one line of numbers per candidate article (no text, no title)."""
    with path.open("w", encoding="utf-8") as handle:
        for s in stats:
            row = {
                "id": s.id,
                "split": s.split,
                "words": s.words,
                "sentences": s.sentences,
                "matches": s.matches,
                "terms": s.terms,
                "score": s.score,
                "loose": is_loose(s, c),
                "dense": is_dense(s, c),
                "pool": in_pool(s, c),
            }
            handle.write(json.dumps(row) + "\n")


def summary(stats: Sequence[DocStats], plan: dict, c: Criteria) -> str:
    """Human-readable counts."""
    dense = [s for s in stats if is_dense(s, c)]
    lines = [
        (
            f"articles with >=1 core term (all in manifest.jsonl): {len(stats)}"
            f" (train {sum(s.split == 'train' for s in stats)}, val {sum(s.split == 'val' for s in stats)})"
        ),
        f"loose (>=1 core term, >= {c.loose_min_matches} matches): {sum(is_loose(s, c) for s in stats)}",
        f"dense (score >= {c.dense_score}/100 words, >= {c.dense_min_terms} distinct terms): {len(dense)}",
        (
            f"annotation pool ({c.pool_min_words}-{c.pool_max_words} words, {c.pool_min_sentences}-"
            f"{c.pool_max_sentences} sentences, distinct titles): {plan['eligible']}"
        ),
    ]
    for name, t in plan["totals"].items():
        lines.append(f"gold {name}: {t['docs']} docs, ~{t['sentences']} sentences, {t['words']} words")
    lines.append(
        f"second pass: {len(plan['second_pass'])} docs; batches: "
        f"{sum(b['pass'] == 1 for b in plan['batches'])} first-pass, "
        f"{sum(b['pass'] == 2 for b in plan['batches'])} second-pass; reserve: {len(plan['reserve'])}"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vietnews", type=Path, default=DEFAULT_VIETNEWS, help="folder with train/val.jsonl.gz")
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: corpora/)")
    args = parser.parse_args(argv)
    try:
        split_file(args.vietnews, "train")
    except CorpusNotFoundError as exc:
        print(f"skipped: {exc}", file=sys.stderr)
        return 0
    c = Criteria()
    stats = scan(args.vietnews)
    plan = build_plan(stats, c)
    args.out.mkdir(parents=True, exist_ok=True)
    write_manifest(args.out / "manifest.jsonl", stats, c)
    (args.out / "annotation_plan.json").write_text(
        json.dumps(plan, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(summary(stats, plan, c))
    print(f"wrote {args.out / 'manifest.jsonl'} and {args.out / 'annotation_plan.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
