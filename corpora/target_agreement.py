"""How often two annotators give a METRIC the same TARGET: the ceiling of the value+target score.

On the documents annotated twice (``corpora/annotations``, second pass against
the first, before adjudication, as ``build_gold.py`` measures agreement), for
every METRIC both passes marked with the same span: do their ``target`` links
agree — both none, or TARGETs that overlap (as value+target counts a hit), or
the same span (as value+target_exact does)? The model's comparable figure is
the "target" accuracy on the METRICs found that ``training/eval_records.py``
prints. The passes' texts come from the vietnews corpus; without it the script
says so and stops.

Usage::

    python corpora/target_agreement.py --vietnews ../shared/corpora/vietnews \\
        --output training/results/target_agreement.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpora.build_gold import DEFAULT_VIETNEWS, collect


def metric_targets(doc: Any) -> dict[tuple[int, int], tuple[int, int] | None]:
    """Each METRIC's span and the span of its TARGET (``None`` when it has none)."""
    targets = {r.head.span: r.tail.span for r in doc.relations if r.label == "target"}
    return {e.span: targets.get(e.span) for e in doc.entities if e.label == "METRIC"}


def target_counts(first: Sequence[Any], second: Sequence[Any]) -> dict[str, int]:
    """Over the METRICs two readings of the same documents mark alike: how many, how many have no
    TARGET in either, overlapping TARGETs (or none in both), the same TARGET (or none in both).

    Also how ``training/cv_target_finder.py`` counts a model's TARGETs against the gold.

    >>> from types import SimpleNamespace as NS
    >>> m = NS(label="METRIC", span=(10, 12))
    >>> target_counts([NS(entities=[m], relations=[])], [NS(entities=[m], relations=[])])
    {'metrics': 1, 'both_without_target': 1, 'overlapping': 1, 'exact': 1}
    """
    n = overlap = exact = both_none = 0
    for a, b in zip(first, second):
        ta, tb = metric_targets(a), metric_targets(b)
        for span in ta.keys() & tb.keys():
            x, y = ta[span], tb[span]
            n += 1
            if x is None and y is None:
                both_none += 1
                overlap += 1
                exact += 1
            elif x is not None and y is not None:
                overlap += x[0] < y[1] and y[0] < x[1]
                exact += x == y
    return {"metrics": n, "both_without_target": both_none, "overlapping": overlap, "exact": exact}


def compare(first: Sequence[Any], second: Sequence[Any]) -> dict[str, Any]:
    """Agreement on the TARGET of the METRICs both passes marked alike.

    Example:
        >>> from types import SimpleNamespace as NS
        >>> def doc(target):
        ...     m, t = NS(label="METRIC", span=(10, 12)), NS(label="TARGET", span=target)
        ...     return NS(entities=[m, t], relations=[NS(label="target", head=m, tail=t)])
        >>> r = compare([doc((0, 5))], [doc((2, 5))])
        >>> r["metrics_both"], r["overlapping"], r["exact"]
        (1, 1.0, 0.0)
    """
    c = target_counts(first, second)
    n = c["metrics"]
    return {
        "metrics_both": n,
        "both_without_target": c["both_without_target"],
        "overlapping": round(c["overlapping"] / n, 4) if n else None,
        "exact": round(c["exact"] / n, 4) if n else None,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotations", type=Path, default=HERE / "annotations")
    parser.add_argument("--vietnews", type=Path, default=DEFAULT_VIETNEWS)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)

    from vnparty_ie.io.standoff import document_from_record
    from vnparty_ie.io.vietnews import open_corpus_or_skip

    first, second, _, _ = collect(args.annotations)
    both = sorted(set(first) & set(second))
    corpus = open_corpus_or_skip(args.vietnews)
    if corpus is None or not both:
        return 1
    corpus.prefetch(both)
    a = [document_from_record(first[d], corpus.get_text(d)) for d in both]
    b = [document_from_record(second[d], corpus.get_text(d)) for d in both]
    result = {"documents": len(both), **compare(a, b)}
    print(json.dumps(result, indent=2))
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
