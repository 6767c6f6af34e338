"""Speed of the whole extractor on real articles, against underthesea's ``ner`` in the same run.

On the seed articles (``../shared/gold/seeds.jsonl``, one paragraph per line;
the benchmark is skipped cleanly when the file is absent) it reports:

* **cold start**: wall time from starting a fresh ``python`` to its first
  result, which imports ``vnparty_ie``, loads the model and extracts one
  sentence (with the parts), next to a fresh ``python`` that imports
  underthesea and runs ``ner`` on the same sentence;
* **peak RSS** of a fresh extractor process after the cold start and after
  extracting every paragraph;
* **latency** of one short sentence once loaded (median and 90th percentile);
* **throughput** (paragraphs = articles' paragraphs/s, sentences/s, words/s)
  of ``extract`` one paragraph at a time (batch 1) and ``extract_many``
  (``--batch-size``), and of underthesea's ``ner`` on the same paragraphs in
  the same process (it has no batching: its batch-1 figure is used for both);
* with ``--busy``: the latency and throughput once more while a CPU-burning
  process runs on the other core, and the slowdown factors.

Sentences and words are counted with the extractor's own segmentation.
The machine may be shared: the load average before and after is recorded;
each timing is the best of ``--repeats`` runs.

Usage::

    python training/bench_speed.py --output training/results/speed_bench.json
    python training/bench_speed.py --busy --output training/results/speed_bench_busy.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "gold" / "seeds.jsonl"
SHORT = "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai chủ trì hội nghị."

COLD_OURS = """
import json, resource, sys, time
t0 = time.perf_counter()
import vnparty_ie
t1 = time.perf_counter()
try:
    x = vnparty_ie.load({model!r}, threads={threads!r}, backend={backend!r})
except TypeError:  # a vnparty-ie without threads/backend (before/after comparisons)
    x = vnparty_ie.load({model!r})
t2 = time.perf_counter()
doc = x.extract({short!r})
t3 = time.perf_counter()
first_result_at = time.time()
rss_first = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
paragraphs = json.load(open({paragraphs!r}, encoding="utf-8"))
for _ in x.extract_many(paragraphs, batch_size={batch_size}):
    pass
print(json.dumps({{"first_result_at": first_result_at, "import_s": t1 - t0, "load_s": t2 - t1, "first_extract_s": t3 - t2,
    "entities": len(doc.entities), "peak_rss_mb_first": rss_first,
    "peak_rss_mb_all": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "torch_imported": "torch" in sys.modules, "transformers_imported": "transformers" in sys.modules}}))
"""

COLD_UNDERTHESEA = """
import json, resource, time
t0 = time.perf_counter()
from underthesea import ner
t1 = time.perf_counter()
ner({short!r})
t2 = time.perf_counter()
first_result_at = time.time()
print(json.dumps({{"first_result_at": first_result_at, "import_s": t1 - t0, "first_ner_s": t2 - t1,
    "peak_rss_mb_first": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def read_paragraphs(path: Path) -> list[str]:
    """The non-empty lines (paragraphs) of every article's ``text``."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.extend(p for p in json.loads(line)["text"].split("\n") if p.strip())
    return out


def run_cold(code: str) -> dict[str, float]:
    """Run ``code`` in a fresh interpreter: its JSON line, plus ``cold_start_s``.

    ``cold_start_s`` is the wall time from starting the process (interpreter
    start-up included) to the first result; ``process_wall_s`` is the whole
    process (for the extractor it also extracts every paragraph, for the peak RSS).
    """
    spawned = time.time()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=900, cwd=ROOT
    )
    wall = time.perf_counter() - started
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["cold_start_s"] = result.pop("first_result_at") - spawned
    result["process_wall_s"] = wall
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}


def best_of(repeats: int, fn: Callable[[], object]) -> float:
    """The fastest of ``repeats`` timed calls of ``fn`` (seconds)."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def rates(seconds: float, paragraphs: int, sentences: int, words: int) -> dict[str, float]:
    """Throughput figures of one timed pass over the text."""
    return {
        "seconds": round(seconds, 3),
        "articles_per_s": round(paragraphs / seconds, 2),
        "sentences_per_s": round(sentences / seconds, 1),
        "words_per_s": round(words / seconds, 1),
    }


def latency(fn: Callable[[], object], n: int) -> dict[str, float]:
    """Median and 90th percentile of ``n`` calls, in milliseconds."""
    fn()
    times = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"median_ms": round(statistics.median(times), 2), "p90_ms": round(times[int(0.9 * (len(times) - 1))], 2)}


def measure(extractor, ner, paragraphs, n_sent, n_words, args) -> dict[str, object]:
    """Latency and throughput of the extractor and of underthesea's ner, in this process."""
    n = len(paragraphs)
    out: dict[str, object] = {"latency_short_sentence": latency(lambda: extractor.extract(SHORT), args.latency_runs)}
    out["extractor_batch_1"] = rates(
        best_of(args.repeats, lambda: [extractor.extract(p) for p in paragraphs]), n, n_sent, n_words
    )
    out["extractor_batched"] = dict(
        batch_size=args.batch_size,
        **rates(
            best_of(args.repeats, lambda: list(extractor.extract_many(paragraphs, batch_size=args.batch_size))),
            n,
            n_sent,
            n_words,
        ),
    )
    if ner is not None:
        out["underthesea_ner"] = rates(best_of(args.repeats, lambda: [ner(p) for p in paragraphs]), n, n_sent, n_words)
        ref = out["underthesea_ner"]["seconds"]
        out["speedup_vs_underthesea"] = {
            "batch_1": round(ref / out["extractor_batch_1"]["seconds"], 2),
            "batched": round(ref / out["extractor_batched"]["seconds"], 2),
        }
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print a table and the JSON report (and save it with ``--output``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=str(ROOT / "models" / "vnparty-ie-ner"))
    parser.add_argument("--seeds", default=str(SEEDS), help="JSONL articles with a 'text' field")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1, help="vnparty_ie.load(threads=...)")
    parser.add_argument("--backend", default="auto", help="vnparty_ie.load(backend=...)")
    parser.add_argument("--repeats", type=int, default=2, help="timed passes (the fastest is kept)")
    parser.add_argument("--latency-runs", type=int, default=50)
    parser.add_argument("--busy", action="store_true", help="measure again with a CPU burner on another core")
    parser.add_argument("--no-underthesea", action="store_true", help="skip the underthesea reference")
    parser.add_argument("--output", help="write the JSON report here")
    args = parser.parse_args(argv)

    seeds = Path(args.seeds)
    if not seeds.is_file():
        print(f"skipped: no seed articles at {seeds}", file=sys.stderr)
        return 0
    paragraphs = read_paragraphs(seeds)
    report: dict[str, object] = {
        "command": " ".join(["python", *sys.argv]),
        "machine": {
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_1_5_15_before": [round(x, 2) for x in os.getloadavg()],
        },
        "settings": {"threads": args.threads, "backend": args.backend, "batch_size": args.batch_size},
    }
    cache = ROOT / "training" / "results" / ".bench_paragraphs.json"
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(paragraphs, ensure_ascii=False), encoding="utf-8")
    fmt = {
        "model": args.model,
        "threads": args.threads,
        "backend": args.backend,
        "short": SHORT,
        "paragraphs": str(cache),
        "batch_size": args.batch_size,
    }
    report["cold_start"] = {"extractor": run_cold(COLD_OURS.format(**fmt))}
    if not args.no_underthesea:
        report["cold_start"]["underthesea_ner"] = run_cold(COLD_UNDERTHESEA.format(short=SHORT))
        report["cold_start"]["ratio_to_underthesea"] = round(
            report["cold_start"]["extractor"]["cold_start_s"] / report["cold_start"]["underthesea_ner"]["cold_start_s"],
            2,
        )
    cache.unlink()

    import vnparty_ie
    from vnparty_ie.text.segment import tokenize

    try:
        extractor = vnparty_ie.load(args.model, threads=args.threads, backend=args.backend)
    except TypeError:  # a vnparty-ie without threads/backend (before/after comparisons)
        extractor = vnparty_ie.load(args.model)
        report["settings"] = {"legacy_load": True, "batch_size": args.batch_size}
    sentences = [s for p in paragraphs for s in tokenize(p) if s.tokens]
    n_sent, n_words = len(sentences), sum(len(s.tokens) for s in sentences)
    report["text"] = {
        "source": str(seeds),
        "articles": len(paragraphs),
        "sentences": n_sent,
        "words": n_words,
        "characters": sum(len(p) for p in paragraphs),
        "unit": "article = one paragraph of a seed",
    }
    ner = None
    if not args.no_underthesea:
        from underthesea import ner

        ner(SHORT)
    report["idle"] = measure(extractor, ner, paragraphs, n_sent, n_words, args)
    if args.busy:
        burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        try:
            time.sleep(1.0)
            report["busy"] = measure(extractor, ner, paragraphs, n_sent, n_words, args)
        finally:
            burner.kill()
            burner.wait()
        idle, busy = report["idle"], report["busy"]
        report["slowdown_under_contention"] = {
            "latency_median": round(
                busy["latency_short_sentence"]["median_ms"] / idle["latency_short_sentence"]["median_ms"], 2
            ),
            "extractor_batch_1": round(busy["extractor_batch_1"]["seconds"] / idle["extractor_batch_1"]["seconds"], 2),
            "extractor_batched": round(busy["extractor_batched"]["seconds"] / idle["extractor_batched"]["seconds"], 2),
        }
        if ner is not None:
            report["slowdown_under_contention"]["underthesea_ner"] = round(
                busy["underthesea_ner"]["seconds"] / idle["underthesea_ner"]["seconds"], 2
            )
    report["machine"]["load_average_1_5_15_after"] = [round(x, 2) for x in os.getloadavg()]

    cold = report["cold_start"]
    rows = [("", "articles/s", "sentences/s", "words/s")]
    for phase in ("idle", "busy"):
        if phase not in report:
            continue
        for key, name in (
            ("extractor_batch_1", "vnparty-ie, batch 1"),
            ("extractor_batched", f"vnparty-ie, batch {args.batch_size}"),
            ("underthesea_ner", "underthesea ner"),
        ):
            if key in report[phase]:
                r = report[phase][key]
                rows.append(
                    (
                        f"{name}{' (busy)' if phase == 'busy' else ''}",
                        r["articles_per_s"],
                        r["sentences_per_s"],
                        r["words_per_s"],
                    )
                )
    for row in rows:
        print(f"{row[0]:<34}{row[1]:>12}{row[2]:>13}{row[3]:>10}", file=sys.stderr)
    ours = cold["extractor"]
    print(
        f"cold start (fresh process to the first result): {ours['cold_start_s']} s"
        + (f"; underthesea ner: {cold['underthesea_ner']['cold_start_s']} s" if "underthesea_ner" in cold else ""),
        file=sys.stderr,
    )
    print(
        f"peak RSS: {ours['peak_rss_mb_first']:.0f} MB after the first extract, "
        f"{ours['peak_rss_mb_all']:.0f} MB after all articles",
        file=sys.stderr,
    )
    print(f"short sentence: {report['idle']['latency_short_sentence']}", file=sys.stderr)
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
