"""Build the table that puts back the diacritics of text typed without them.

Reads word-segmented news (vietnews: ``Bí_thư Quận_uỷ Thanh_Xuân``), folds
every run of one to three syllables inside a sentence to its bare letters
(``bi thu quan uy``: no tones, ``đ`` as ``d``, lower case) and counts how each
folded run is written. It writes, for every folded syllable seen at least
``--min-count`` times (the documents of the gold annotation plan left out), its most frequent form, and for every folded run of two
or three syllables seen that often, its most frequent form when it differs from
what shorter runs give (``tinh uy`` → ``tỉnh ủy`` needs no row when ``tinh`` →
``tỉnh`` and ``uy`` → ``ủy``; ``bi thu`` → ``bí thư`` does, ``bi`` alone being
``bị``). Rows are ``folded<TAB>form<TAB>count``; keys and forms are normalised
like the model's view (NFC, canonical tone placement) and lower case. Read by
:mod:`vnparty_ie.text.accents`.

Usage:
    python training/build_accent_table.py --docs 20000 --min-count 5 \\
        --domain-manifest corpora/manifest.jsonl --plan corpora/annotation_plan.json \\
        --out src/vnparty_ie/data/text/accents.tsv
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_truecase_table import domain_ids, weighted_records  # the party-building articles weigh more here too

from vnparty_ie.text.accents import fold, restore_runs, syllables_counted
from vnparty_ie.text.normalize import normalize_string

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "vietnews" / "train.jsonl.gz"
_WORD = re.compile(r"[^\W\d_]+")


def gold_ids(plan: Path) -> set[str]:
    """Ids of the documents of the gold annotation plan (splits and reserve): never counted."""
    data = json.loads(plan.read_text(encoding="utf-8"))
    return {d for docs in data["splits"].values() for d in docs} | set(data["reserve"])


def count(
    path: Path,
    n_docs: int,
    excluded: set[str] | frozenset[str] = frozenset(),
    domain: set[str] | frozenset[str] = frozenset(),
    weight: int = 1,
    max_n: int = 3,
) -> dict[int, dict[str, collections.Counter]]:
    """``counts[n][folded run of n syllables][form]`` over the first ``n_docs`` documents, less ``excluded``.

    Every document of ``domain`` (wherever it is in the file) counts ``weight``
    times: party-building news says «kết nạp», general news «nắp».
    """
    counts: dict[int, dict[str, collections.Counter]] = {
        n: collections.defaultdict(collections.Counter) for n in range(1, max_n + 1)
    }
    for record, times in weighted_records(path, n_docs, domain, weight):
        if record.get("id") in excluded:
            continue
        text = normalize_string(record["text"].replace("_", " ")).lower()
        for sentence in re.split(r"[^\w\s]|\d|\n", text):
            syllables = sentence.split()
            if not all(_WORD.fullmatch(s) for s in syllables):
                continue
            folded = [fold(s) for s in syllables]
            for n in range(1, max_n + 1):
                for k in range(len(syllables) - n + 1):
                    counts[n][" ".join(folded[k : k + n])][" ".join(syllables[k : k + n])] += times
    return counts


def table_rows(counts: dict[int, dict[str, collections.Counter]], min_count: int) -> list[str]:
    """``folded<TAB>form<TAB>count`` rows: every syllable, and longer runs that shorter ones get wrong."""
    table: dict[str, tuple[str, int]] = {}
    for key, forms in counts[1].items():
        if sum(forms.values()) >= min_count:
            form, n = forms.most_common(1)[0]
            table[key] = (form, n)
    total = syllables_counted(table)  # the single-syllable rows are all in
    for size in sorted(counts)[1:]:
        for key, forms in counts[size].items():
            if sum(forms.values()) < min_count:
                continue
            form, n = forms.most_common(1)[0]
            if n < min_count or restore_runs(key.split(" "), table, total) == form.split(" "):
                continue
            table[key] = (form, n)
    return [f"{key}\t{form}\t{n}" for key, (form, n) in sorted(table.items())]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="vietnews train.jsonl.gz")
    parser.add_argument("--docs", type=int, default=30000, help="documents to count (from the start)")
    parser.add_argument("--min-count", type=int, default=5, help="least count of a kept row")
    parser.add_argument(
        "--plan", type=Path, default=Path("corpora/annotation_plan.json"), help="gold plan: its documents are left out"
    )
    parser.add_argument("--domain-manifest", type=Path, help="corpora/manifest.jsonl: its party-building articles weigh more")
    parser.add_argument("--domain-weight", type=int, default=3)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus}; pass --corpus", file=sys.stderr)
        return 2
    excluded = gold_ids(args.plan) if args.plan.is_file() else set()
    domain = domain_ids(args.domain_manifest, args.plan) if args.domain_manifest else set()
    counts = count(args.corpus, args.docs, excluded, domain, args.domain_weight)
    rows = table_rows(counts, args.min_count)
    args.out.write_text(
        f"# built by training/build_accent_table.py --docs {args.docs} --min-count {args.min_count}"
        f" --domain-weight {args.domain_weight} ({len(domain)} party-building documents weighted,"
        f" {len(excluded)} gold-plan documents left out)\n"
        + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    print(f"{len(rows)} rows -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
