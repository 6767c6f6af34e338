"""Build the word-casing table used to restore case in ALL-CAPS lines.

Reads word-segmented news (vietnews: ``Bí_thư Quận_uỷ Thanh_Xuân``), counts
how each word is cased where its case is informative (not the first word of a
line or sentence, not in an ALL-CAPS line), and writes, for every word seen at
least ``--min-count`` times, its most frequent casing. Keys are lower-cased
and normalised like the model's view (NFC, canonical tone placement). Every
syllable gets a row ``key<TAB>form<TAB>capital share``; a multi-syllable word
gets a row ``key<TAB>form`` only when its form differs from what its syllables
give one by one (``tỉnh ủy\tTỉnh ủy``, ``nghệ an\tNghệ An``, ``ubnd\tUBND``
is a syllable row). Read by :mod:`vnparty_ie.text.case`.

With ``--context-out`` it also writes the casing of a syllable right after
another one where that context settles it (``prev<TAB>syllable<TAB>L|C|U``):
rows where the context's usual casing differs from the syllable's own
(``ông<TAB>trần<TAB>C``: «ông Trần»), or where the syllable is one the restorer
would capitalise after a capitalised syllable (a possible name) and the
context says whether to (``đảng<TAB>ủy<TAB>L``: «Đảng ủy», not «Đảng Ủy»).

Usage:
    python training/build_truecase_table.py --docs 20000 \\
        --domain-manifest corpora/manifest.jsonl \\
        --out src/vnparty_ie/data/text/truecase.tsv \\
        --context-out src/vnparty_ie/data/text/truecase_context.tsv
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from vnparty_ie.text.case import PATTERN_LETTERS, case_pattern
from vnparty_ie.text.normalize import normalize_string

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "vietnews" / "train.jsonl.gz"
_SENTENCE_END = {".", "!", "?", ":", "…", '"', "“", "”", "-", "–", "(", "'"}


Counts = dict[str, collections.Counter]
ContextCounts = dict[tuple[str, str], collections.Counter]


def domain_ids(manifest: Path, plan: Path | None = None) -> set[str]:
    """Ids of the party-building articles of the corpus manifest (``loose`` rows), less those of the gold ``plan``."""
    excluded: set[str] = set()
    if plan is not None:
        data = json.loads(plan.read_text(encoding="utf-8"))
        excluded = {d for docs in data["splits"].values() for d in docs} | set(data["reserve"])
    with manifest.open(encoding="utf-8") as handle:
        return {row["id"] for row in map(json.loads, handle) if row.get("loose") and row["id"] not in excluded}


def weighted_records(
    path: Path, n_docs: int, domain: set[str] | frozenset[str] = frozenset(), weight: int = 1
) -> Iterator[tuple[dict, int]]:
    """The first ``n_docs`` records of a vietnews file, and every record of ``domain`` wherever it is, each with
    how many times it counts (``weight`` for ``domain``, else 1)."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if i >= n_docs and not domain:
                break
            record = json.loads(line)
            times = weight if record.get("id") in domain else int(i < n_docs)
            if times:
                yield record, times


def count(
    path: Path, n_docs: int, domain: set[str] | frozenset[str] = frozenset(), weight: int = 1
) -> tuple[Counts, ContextCounts]:
    """Casing counts of each word (key: lower-case view form), and of each syllable after another.

    The first ``n_docs`` documents are counted, and every document of ``domain``
    (wherever it is in the file) ``weight`` times: the casing of party-building
    news («Trung ương», «Bác») outweighs that of news in general.
    """
    forms: Counts = collections.defaultdict(collections.Counter)
    context: ContextCounts = collections.defaultdict(collections.Counter)
    for record, times in weighted_records(path, n_docs, domain, weight):
        text = record["text"]
        for para in text.split("\n"):
            if not para.strip() or not any(c.islower() for c in para):
                continue
            prev = "."
            last: str | None = None  # the syllable before, when it is a word's and adjacent
            for tok in para.split():
                wordlike = any(c.isalpha() for c in tok) and all(c.isalpha() or c == "_" for c in tok)
                if prev not in _SENTENCE_END and wordlike:
                    form = normalize_string(tok.replace("_", " "))
                    forms[form.lower()][form] += times
                    for syllable in form.split(" "):
                        if last is not None:
                            context[(last, syllable.lower())][_pattern_letter(syllable)] += times
                        last = syllable.lower()
                else:
                    last = normalize_string(tok.replace("_", " ")).lower().split(" ")[-1] if wordlike else None
                prev = tok
    return forms, context


def _pattern_letter(form: str) -> str:
    """``L`` (lower case), ``C`` (capitalised) or ``U`` (all capitals, two letters or more): the restorer's letters."""
    return PATTERN_LETTERS[case_pattern(form)]


def _capitalised(form: str) -> bool:
    return form[:1].isupper()


def table_rows(forms: dict[str, collections.Counter], min_count: int) -> list[str]:
    """``key<TAB>form<TAB>capital share`` rows, without redundant multi-syllable words.

    A single syllable is always listed (with the share of its occurrences that
    start with a capital, which tells name syllables such as ``Quý`` from
    words that are never names); a multi-syllable word only when its usual
    form differs from the one its syllables give one by one (``Tỉnh ủy``,
    ``Nghệ An``, ``UBND`` …).
    """
    best: dict[str, tuple[str, float]] = {}
    for key, counter in forms.items():
        total = sum(counter.values())
        if total < min_count or len(key) > 60:
            continue
        form = counter.most_common(1)[0][0]
        if len(form) != len(key):
            continue
        share = sum(n for f, n in counter.items() if _capitalised(f)) / total
        best[key] = (form, share)
    rows = []
    for key, (form, share) in sorted(best.items()):
        parts = key.split(" ")
        if len(parts) > 1:
            one_by_one = " ".join(best.get(p, (p.capitalize(), 1.0))[0] for p in parts)
            if one_by_one == form:
                continue
            rows.append(f"{key}\t{form}")
        else:
            rows.append(f"{key}\t{form}\t{share:.2f}")
    return rows


def context_rows(
    forms: Counts, context: ContextCounts, min_count: int, min_share: float = 0.75, name_share: float = 0.15
) -> list[str]:
    """``prev<TAB>syllable<TAB>L|C|U`` rows where the syllable before settles the casing.

    A row is kept when the pair was seen at least ``min_count`` times, its usual
    casing covers ``min_share`` of them, and either that casing differs from the
    syllable's usual one or the syllable is a possible name syllable (lower case
    usually, capitalised in at least ``name_share`` of its occurrences), which
    the restorer would otherwise capitalise after any capitalised syllable.
    """
    own: dict[str, tuple[str, float]] = {}
    for key, counter in forms.items():
        if " " in key:
            continue
        total = sum(counter.values())
        letter = _pattern_letter(counter.most_common(1)[0][0])
        own[key] = (letter, sum(n for f, n in counter.items() if _capitalised(f)) / total)
    rows = []
    for (prev, key), counter in sorted(context.items()):
        total = sum(counter.values())
        if total < min_count or key not in own:
            continue
        letter, n = counter.most_common(1)[0]
        if n / total < min_share:
            continue
        usual, share = own[key]
        if letter != usual or (usual == "L" and share >= name_share):
            rows.append(f"{prev}\t{key}\t{letter}")
    return rows


def main(argv: list[str] | None = None) -> int:
    """Write the table; return 0 (2 when the corpus is missing)."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--docs", type=int, default=20000)
    p.add_argument("--min-count", type=int, default=10)
    p.add_argument("--out", default="src/vnparty_ie/data/text/truecase.tsv")
    p.add_argument("--context-out", help="also write the syllable-after-syllable casing table here")
    p.add_argument("--context-min-count", type=int, default=20)
    p.add_argument("--domain-manifest", help="corpus manifest (corpora/manifest.jsonl): its party-building articles")
    p.add_argument(
        "--plan", default="corpora/annotation_plan.json", help="gold annotation plan: its documents are not domain docs"
    )
    p.add_argument("--domain-weight", type=int, default=3, help="how many times each of those is counted")
    args = p.parse_args(argv)
    if not Path(args.corpus).is_file():
        print(f"error: corpus {args.corpus} not found", file=sys.stderr)
        return 2
    domain = domain_ids(Path(args.domain_manifest), Path(args.plan)) if args.domain_manifest else set()
    forms, context = count(Path(args.corpus), args.docs, domain, args.domain_weight)
    rows = table_rows(forms, args.min_count)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    source = f"{args.docs} docs" + (f" + {len(domain)} party-building docs x{args.domain_weight}" if domain else "")
    header = f"# word casing from {Path(args.corpus).name} ({source}, min count {args.min_count}); see training/build_truecase_table.py\n"
    out.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words -> {out}")
    if args.context_out:
        crow = context_rows(forms, context, args.context_min_count)
        cout = Path(args.context_out)
        cout.write_text(
            f"# syllable casing after a syllable, from {Path(args.corpus).name} ({source}, min count "
            f"{args.context_min_count}); see training/build_truecase_table.py\n" + "\n".join(crow) + "\n",
            encoding="utf-8",
        )
        print(f"{len(crow)} contexts -> {cout}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
