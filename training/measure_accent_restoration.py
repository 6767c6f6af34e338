"""How well diacritics come back: the gold texts stripped of them, restored, compared word by word.

Every word of letters of each gold text (its model view: NFC, canonical tone
placement) is stripped of its diacritics as ``eval_robustness.py``'s
``no_diacritics`` does, the whole text goes through
:func:`vnparty_ie.text.accents.restore_accents`, and each word is compared with
the original, case included. Words that were bare to begin with (``UBND``,
``Long``) count too. The table never counted the gold articles
(``training/build_accent_table.py`` leaves the gold plan out).

Usage:
    python training/measure_accent_restoration.py --gold work_data/gold/dev.jsonl \\
        --out training/results/accents_dev.json
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
from eval_robustness import no_diacritics

from vnparty_ie.text.accents import restore_accents
from vnparty_ie.text.normalize import normalize_string

_WORD = re.compile(r"[^\W\d_]+")


def measure(texts: list[str]) -> dict:
    """Word accuracy of restoration over ``texts``, with the most frequent errors."""
    total = right = accented = accented_right = 0
    errors: collections.Counter = collections.Counter()
    for raw in texts:
        text = normalize_string(raw)
        bare = no_diacritics(text)[0]
        restored = restore_accents(bare)
        for m in _WORD.finditer(text):
            gold, got = m.group(), restored[m.start() : m.end()]
            total += 1
            right += gold == got
            if gold != bare[m.start() : m.end()]:
                accented += 1
                accented_right += gold == got
            if gold != got:
                errors[(gold, got)] += 1
    return {
        "words": total,
        "accuracy": round(right / total, 4) if total else None,
        "words_with_diacritics": accented,
        "accuracy_on_words_with_diacritics": round(accented_right / accented, 4) if accented else None,
        "most_frequent_errors": [{"gold": g, "restored": r, "count": n} for (g, r), n in errors.most_common(25)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, required=True, help="JSONL gold (work_data/gold/dev.jsonl)")
    parser.add_argument("--out", type=Path, help="write the report as JSON")
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        print(f"no gold at {args.gold}", file=sys.stderr)
        return 2
    texts = [json.loads(line)["text"] for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    report = {"command": "python training/measure_accent_restoration.py " + " ".join(argv or sys.argv[1:]),
              "gold": str(args.gold), "docs": len(texts), **measure(texts)}  # fmt: skip
    print(f"{report['docs']} docs, {report['words']} words: accuracy {report['accuracy']}"
          f" ({report['accuracy_on_words_with_diacritics']} on the {report['words_with_diacritics']} with diacritics)")
    for e in report["most_frequent_errors"][:10]:
        print(f"  {e['count']:4d} × {e['gold']} -> {e['restored']}")
    if args.out:
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
