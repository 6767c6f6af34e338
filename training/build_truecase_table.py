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

Usage:
    python training/build_truecase_table.py --docs 20000 \\
        --out src/vnparty_ie/data/text/truecase.tsv
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from vnparty_ie.text.normalize import normalize_string

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "vietnews" / "train.jsonl.gz"
_SENTENCE_END = {".", "!", "?", ":", "…", '"', "“", "”", "-", "–", "(", "'"}


def count(path: Path, n_docs: int) -> dict[str, collections.Counter]:
    """Casing counts of each word (key: lower-case view form)."""
    forms: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if i >= n_docs:
                break
            text = json.loads(line)["text"]
            for para in text.split("\n"):
                if not para.strip() or not any(c.islower() for c in para):
                    continue
                prev = "."
                for tok in para.split():
                    if (
                        prev not in _SENTENCE_END
                        and any(c.isalpha() for c in tok)
                        and all(c.isalpha() or c == "_" for c in tok)
                    ):
                        form = normalize_string(tok.replace("_", " "))
                        forms[form.lower()][form] += 1
                    prev = tok
    return forms


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


def main(argv: list[str] | None = None) -> int:
    """Write the table; return 0 (2 when the corpus is missing)."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--docs", type=int, default=20000)
    p.add_argument("--min-count", type=int, default=10)
    p.add_argument("--out", default="src/vnparty_ie/data/text/truecase.tsv")
    args = p.parse_args(argv)
    if not Path(args.corpus).is_file():
        print(f"error: corpus {args.corpus} not found", file=sys.stderr)
        return 2
    forms = count(Path(args.corpus), args.docs)
    rows = table_rows(forms, args.min_count)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    header = f"# word casing from {Path(args.corpus).name} ({args.docs} docs, min count {args.min_count}); see training/build_truecase_table.py\n"
    out.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
