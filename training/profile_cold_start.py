"""Where the seconds of a cold start (and of a batch) go.

Runs, each in a fresh interpreter:

1. ``python -X importtime`` of ``import vnparty_ie; vnparty_ie.load(); extract(...)``:
   the slowest imports (cumulative), and which heavy packages got imported
   (torch, transformers, underthesea's package, datasets, seqeval, spacy);
2. cProfile of ``load()`` + the first ``extract``, top functions by cumulative time;
3. with ``--seeds``: cProfile of ``extract_many`` over the seed paragraphs, with the
   time split into segmentation, the classifier's forward pass, rules, relations
   and records.

Usage::

    python training/profile_cold_start.py [--model DIR] [--seeds ../shared/gold/seeds.jsonl] [--top 25]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHORT = "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai chủ trì hội nghị."
HEAVY = ("torch", "transformers", "underthesea", "datasets", "seqeval", "spacy", "sklearn", "scipy", "joblib")

COLD = """
import time
t0 = time.perf_counter()
import vnparty_ie
t1 = time.perf_counter()
x = vnparty_ie.load({model!r})
t2 = time.perf_counter()
x.extract({short!r})
t3 = time.perf_counter()
import sys
print("TIMES", t1 - t0, t2 - t1, t3 - t2, sorted(m for m in {heavy!r} if m in sys.modules))
"""

PROFILE_LOAD = """
import cProfile, pstats, io
pr = cProfile.Profile(); pr.enable()
import vnparty_ie
x = vnparty_ie.load({model!r})
x.extract({short!r})
pr.disable()
s = io.StringIO(); pstats.Stats(pr, stream=s).sort_stats("cumulative").print_stats({top}); print(s.getvalue())
"""

PROFILE_BATCH = """
import cProfile, pstats, io, json, time
import vnparty_ie
paragraphs = [p for line in open({seeds!r}, encoding="utf-8") if line.strip()
              for p in json.loads(line)["text"].split("\\n") if p.strip()]
x = vnparty_ie.load({model!r})
list(x.extract_many(paragraphs[:3]))
pr = cProfile.Profile(); t = time.perf_counter(); pr.enable()
list(x.extract_many(paragraphs, batch_size=32))
pr.disable(); total = time.perf_counter() - t
st = pstats.Stats(pr)
parts = {{"segmentation (text.segment.tokenize)": "segment.py:.*\\\\(tokenize\\\\)",
          "classifier forward (predict_word_probs)": "model.py:.*\\\\(predict_word_probs\\\\)",
          "rules (RuleEntityModel.predict)": "combine.py:.*\\\\(predict\\\\)",
          "relations (linker.link)": "linker.py:.*\\\\(link\\\\)",
          "records (add_records)": "assemble.py:.*\\\\(add_records\\\\)"}}
import re
print(f"extract_many over {{len(paragraphs)}} paragraphs: {{total:.2f}} s (profiled)")
for name, pat in parts.items():
    cum = [v[3] for k, v in st.stats.items() if re.search(pat, f"{{k[0]}}:{{k[1]}}({{k[2]}})")]
    cum = max(cum) if name.startswith("rules") and cum else sum(cum)
    print(f"  {{name:<42}} {{cum:7.2f}} s")
s = io.StringIO(); st.stream = s; st.sort_stats("tottime").print_stats({top}); print(s.getvalue())
"""


def run(code: str, *flags: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter from the repository root."""
    return subprocess.run([sys.executable, *flags, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)


def main() -> int:
    """Print the three profiles."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=str(ROOT / "models" / "vnparty-ie-ner"))
    parser.add_argument("--seeds", default=str(ROOT.parent / "shared" / "gold" / "seeds.jsonl"))
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    fmt = {"model": args.model, "short": SHORT, "heavy": HEAVY, "top": args.top, "seeds": args.seeds}

    done = run(COLD.format(**fmt), "-X", "importtime")
    times = next(line for line in done.stdout.splitlines() if line.startswith("TIMES")).split(maxsplit=4)
    print(
        f"import vnparty_ie {float(times[1]):.2f} s, load() {float(times[2]):.2f} s, "
        f"first extract {float(times[3]):.2f} s; heavy packages imported: {times[4]}"
    )
    rows = []
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(2)), len(m.group(3)) // 2, m.group(4)))
    print("\nslowest imports (cumulative ms, top level first): ")
    for cum, depth, name in sorted(rows, reverse=True)[: args.top]:
        print(f"  {cum / 1000:8.1f} ms  {'  ' * depth}{name}")

    print("\ncProfile of import + load() + first extract (cumulative):")
    print("\n".join(run(PROFILE_LOAD.format(**fmt)).stdout.splitlines()[: args.top + 12]))
    if Path(args.seeds).is_file():
        print("\ncProfile of extract_many over the seed paragraphs:")
        print("\n".join(run(PROFILE_BATCH.format(**fmt)).stdout.splitlines()[: args.top + 16]))
    else:
        print(f"\n(no seed articles at {args.seeds}: batch profile skipped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
