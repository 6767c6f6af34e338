"""Renders the model card (`README.md`) of an export from the run's logs and measurement reports.

Every number in the card is read from `trainer_state.json`, the run's `log.jsonl`,
the token-file sidecars, or the JSON reports of `train_tokenizer measure` and
`benchmark`; nothing is typed in by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CONFIG_DIR = Path(__file__).parent / "configs"

TAGGER_TODO = """## Downstream: tagger dev F1, pretrained vs random initialisation

> **TODO (lead):** fine-tune the tagger from (a) this encoder and (b) the same
> architecture randomly initialised, on the same annotated data and budget, and
> fill in both dev F1 scores with the script and command that produced them.

| initialisation | tagger dev F1 | command |
| --- | --- | --- |
| (a) this encoder | TODO | TODO |
| (b) random, same architecture | TODO | TODO |
"""


def _comparison_row(name: str, run: dict[str, Any]) -> str:
    curve = ", ".join(f"{x:.3f}" for x in run["dev_f1_by_epoch"])
    return (
        f"| {name} | {curve} | {run['dev_f1_seqeval_strict']:.4f} | {run['dev_span_f1']:.4f} "
        f"| {run['train_seconds']} |"
    )


def _tagger_section(report: dict[str, Any] | None) -> str:
    """The (a) pre-trained vs (b) random-init tagger comparison, or the TODO without a report."""
    if not report:
        return TAGGER_TODO
    a, b = report["a_pretrained"], report["b_random"]
    rows = [
        "## Downstream: tagger dev F1, pretrained vs random initialisation\n",
        f"Same recipe (`{report['config']}`: {a['epochs']} epochs, learning rate {a['learning_rate']}), same gold",
        f"train ({a['train_sentences']} sentences) and dev; only the initial weights differ. Dev F1 is seqeval",
        "strict IOB2 over words, per epoch; the best epoch's model is kept. Train seconds are wall time on a",
        "2-core machine shared with other jobs: they compare poorly across rows.\n",
        "| initialisation | dev F1 by epoch | best dev F1 | dev span F1 | train seconds |",
        "| --- | --- | --- | --- | --- |",
        _comparison_row("(a) this encoder", a),
        _comparison_row("(b) random, same architecture", b),
        *(_comparison_row(f"({chr(ord('c') + i)}) {e['name']}", e) for i, e in enumerate(report.get("extra", []))),
        "",
        f"Difference (a) - (b) in best dev F1: {a['dev_f1_seqeval_strict'] - b['dev_f1_seqeval_strict']:+.4f}.",
        "",
        f"(a): `{report['commands']['a']}`  ",
        f"(b): `{report['commands']['b']}`  ",
        *(f"({chr(ord('c') + i)}): base model `{e['base_model']}`, same command otherwise  "
          for i, e in enumerate(report.get("extra", []))),
        f"collected with `{report['commands']['collect']}`\n",
    ]
    return "\n".join(rows)


def _read_log(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _read_json(path: Path) -> dict[str, Any] | None:
    return json.loads(path.read_text()) if path.exists() else None


def _table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _tokenizer_section(report: dict[str, Any] | None, chosen: int) -> str:
    if report is None:
        return ""
    rows = [[r["vocab_size"] if r["vocab_size"] != chosen else f"**{chosen}**", f"{r['subwords_per_word']:.3f}",
             f"{r['whole_word_pct']:.1f}", f"{r['unk_token_pct']:.5f}", f"{r['unk_word_pct']:.5f}",
             f"{r['embedding_params'] / 1e6:.2f}M", f"{r['embedding_fp16_mb']:.1f}"] for r in report["results"]]
    subset = report["train_articles"] or "all"
    return ("### Vocabulary size (measured)\n\n"
            f"BPE trained on the first {subset} normalised training articles; segmentation of "
            f"{report['results'][0]['words']:,} held-out val words (`{report['val']}`); embedding cost at hidden "
            f"{report['hidden']}. Chosen in bold: beyond it each doubling of the embedding matrix buys only a few "
            "percent shorter sequences, while every extra vocabulary row is rarer and gets fewer updates in a "
            "short CPU pre-training budget.\n\n"
            + _table(["vocab", "subwords/word", "whole words %", "unk tokens %", "words with unk %",
                      "embedding params", "embedding fp16 MB"], rows) + "\n")


def _benchmark_section(report: dict[str, Any] | None, chosen: str) -> str:
    if report is None:
        return ""
    settings = report["settings"]
    rows = [[name if name != chosen else f"**{name}**", f"{r['total'] / 1e6:.1f}M",
             f"{r['non_embedding'] / 1e6:.1f}M", f"{r['seconds_per_step']:.2f}", f"{r['tokens_per_second']:.0f}"]
            for name, r in report["results"].items()]
    return ("### Model size (measured)\n\n"
            f"Training-step throughput (forward, backward, AdamW; LM head at masked positions only), "
            f"{settings['batch_size']} x {settings['seq_len']} tokens per step, vocabulary {settings['vocab_size']}, "
            f"{settings['threads']} threads, torch {settings['torch']}; one short measurement each on a 2-core "
            "machine shared with other jobs, so only the ordering is reliable (the run's own throughput is in the "
            "pre-training table). Chosen in bold: the fastest size sees the most tokens in a session's budget, "
            "which matters more than capacity at this scale.\n\n"
            + _table(["size", "params", "non-embedding", "s/step", "tokens/s"], rows) + "\n")


def _curve(log: list[dict[str, Any]]) -> str:
    evals = [r for r in log if r["event"] == "eval"]
    if not evals:
        return ""
    stride = max(1, len(evals) // 12)
    picked = evals[::stride] + ([evals[-1]] if (len(evals) - 1) % stride else [])
    rows = [[r["step"], f"{r['tokens_seen'] / 1e6:.1f}M", f"{100 * r['mlm_accuracy']:.2f}", f"{r['perplexity']:.1f}"]
            for r in picked]
    return "### Held-out curve (`log.jsonl`)\n\n" + _table(["step", "tokens seen", "MLM acc %", "perplexity"],
                                                          rows) + "\n"


def _intro(out: Path) -> str:
    return f"""# {out.name}

A compact RoBERTa encoder pre-trained with PhoBERT's recipe (masked-LM on word-segmented
Vietnamese, BPE) on Vietnamese news, for the vnparty-ie tagger. Pre-trained from scratch on
CPU: it is much smaller than PhoBERT and has seen far less text.

## Use

Input must be word-segmented (syllables joined by `_`, punctuation split off) and normalised
with `vnparty_ie.text.normalize.normalize_string`, as the pre-training corpus was.

```python
from transformers import AutoModel, AutoModelForMaskedLM, AutoTokenizer
tokenizer = AutoTokenizer.from_pretrained("{out}")
encoder = AutoModel.from_pretrained("{out}")  # its pooler is not pre-trained (unused for tagging)
mlm = AutoModelForMaskedLM.from_pretrained("{out}")
```

Weights are stored in fp16 (`model.safetensors`); `config.json` asks for float32 on load. A word
is split into the same subwords alone or in a sentence (whitespace pre-tokenisation, BPE inside
words, `##` on non-initial pieces), so word-by-word tokenisation is exact.
"""


def _model_and_data(config: dict[str, Any], meta: dict[str, Any]) -> str:
    model = _table(["", ""], [
        ["architecture", (f"RoBERTa, {config['layers']} layers, hidden {config['hidden']}, "
                          f"{config['heads']} heads, FFN {config['ffn']}")],
        ["vocabulary", f"{meta.get('vocab_size', 'n/a')} BPE tokens; `<s> <pad> </s> <unk> <mask>` are ids 0-4"],
        ["max sequence length", f"{config['seq_len']} tokens including `<s>` and `</s>`"],
    ])
    return (f"## Model\n\n{model}\n\n## Data\n\n"
            f"Training: the train split of the vietnews (VNDS) corpus, normalised (`{meta.get('text')}`): "
            f"{meta.get('articles', 0):,} articles, {meta.get('words', 0):,} words, {meta.get('tokens', 0):,} "
            f"subword tokens (one `</s>` after each article), packed into {config['seq_len']}-token sequences "
            f"in a seeded shuffled order. Held out: the first {config['eval_sequences']} sequences of the val "
            "split with fixed masks (`training/pretrain/evaluate.py`), never trained on. The corpus is not "
            "distributed with this model.\n")


def _training(config: dict[str, Any], counters: dict[str, Any], meta: dict[str, Any],
              log: list[dict[str, Any]]) -> str:
    speeds = [r["tokens_per_second"] for r in log if r["event"] == "train"]
    restarts = [f"{r['event']} at step {r['step']}" + (f" (max_steps {r['old_max_steps']} -> {r['max_steps']})"
                                                        if r["event"] == "schedule_change" else "")
                for r in log if r["event"] in ("resume", "warm_restart", "schedule_change")]
    epochs = f" ({counters['tokens_seen'] / meta['tokens']:.3f} epochs)" if meta.get("tokens") else ""
    finished = counters["step"] >= config["max_steps"]
    sequences = config["micro_batch"] * config["grad_accum"]
    rows = [
        ["status", "complete: the schedule reached zero" if finished
         else f"snapshot at step {counters['step']} of {config['max_steps']} (schedule not finished)"],
        ["optimizer steps", (f"{counters['prior_steps'] + counters['step']:,} "
                             f"({counters['prior_steps']:,} before the last warm restart)")],
        ["tokens seen", f"{counters['tokens_seen']:,}{epochs}"],
        ["wall time", f"{counters['wall_seconds'] / 3600:.2f} h ({config['threads']} thread(s), shared CPU)"],
        ["mean training tokens/s", f"{sum(speeds) / len(speeds):.0f}" if speeds else "n/a"],
        ["batch", (f"{config['micro_batch']} x {config['grad_accum']} accumulation = {sequences} sequences = "
                   f"{sequences * config['seq_len']} tokens")],
        ["objective", (f"MLM, dynamic masking of {100 * config['mask_probability']:.0f}% of tokens (80% `<mask>`, "
                       "10% random, 10% kept), LM head and loss at masked positions only")],
        ["optimizer", (f"AdamW lr {config['lr']}, betas ({config['adam_beta1']}, {config['adam_beta2']}), "
                       f"eps {config['adam_eps']}, weight decay {config['weight_decay']}, clip {config['max_grad_norm']}")],
        ["schedule", f"linear warm-up {config['warmup_steps']} steps, linear decay to 0 at step {config['max_steps']}"],
        ["restarts", ", ".join(restarts) or "none"],
        ["initialisation", _initialisation(config)],
    ]
    return "## Pre-training\n\n" + _table(["", ""], rows) + "\n"


def _initialisation(config: dict[str, Any]) -> str:
    source = config.get("init_embeddings")
    if not source:
        return "random (RoBERTa's N(0, 0.02))"
    stats = _read_json(Path(source).with_suffix(".json")) or {}
    detail = (f": gensim CBOW, window {stats['window']}, {stats['epochs']} epochs over {stats['tokens']:,} tokens "
              f"of the training token file, {stats['covered']:,} of {stats['vocab_size']:,} vocabulary rows trained "
              f"({stats['seconds']} s); rows rescaled to std 0.02") if stats else ""
    return (f"word embeddings (and the tied LM-head decoder) from word2vec vectors `{source}`{detail} "
            "(`training/pretrain/word2vec_init.py`); everything else random")


def _quality(fp32: dict[str, Any], fp16: dict[str, Any]) -> str:
    rows = [[name, f"{100 * m['mlm_accuracy']:.2f}", f"{m['perplexity']:.2f}", m["masked_tokens"]]
            for name, m in (("fp32 (checkpoint)", fp32), ("fp16 (this export)", fp16))]
    return ("## Held-out masked-LM quality\n\n"
            + _table(["weights", "MLM accuracy %", "perplexity", "masked tokens"], rows) + "\n")


def _config_file(run_dir: str) -> str:
    """The committed config whose `output_dir` is this run's (the card's commands use it)."""
    import yaml

    for path in sorted(CONFIG_DIR.glob("*.yaml")):
        if (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("output_dir") == run_dir:
            return f"training/pretrain/configs/{path.name}"
    return "training/pretrain/configs/small.yaml"


def _reproduce(run_dir: str, out: Path) -> str:
    config_file = _config_file(run_dir)
    return f"""## Reproduce / continue

From the repository root; `training/pretrain/README.md` has the whole pipeline (normalise,
tokenizer, token files, benchmark, pre-train, export) with the exact commands.

```bash
# resume this run exactly (needs {run_dir}/checkpoint.pt)
nice -n 10 python -m training.pretrain.pretrain --config {config_file}
# continue from this export on another machine: new schedule, data position and counters carried over
nice -n 10 python -m training.pretrain.pretrain --config {config_file} \\
    --set output_dir={run_dir}-phase2 --set init_from={out} --set tokenizer={out}
# re-export
python -m training.pretrain.export --run-dir {run_dir} --out {out}
```
"""


def render_card(state: dict[str, Any], log: list[dict[str, Any]], reports_dir: Path, out: Path | None = None) -> str:
    """Builds the card text.

    Args:
        state: The export's trainer state (see `export.export_run`).
        log: Parsed `log.jsonl` of the run.
        reports_dir: Directory with `tokenizer_sizes.json` and `benchmark.json`.
        out: The export directory (default: the run's `export_dir`).

    Returns:
        Markdown text.
    """
    config = state["config"]
    meta = _read_json(Path(config["train_data"]).with_suffix(".json")) or {}
    if out is None:
        out = Path(config["export_dir"] or "models/vnparty-roberta-small")
    parts = [
        _intro(out),
        _model_and_data(config, meta),
        _training(config, state["counters"], meta, log),
        _quality(state["eval_fp32"], state["eval_fp16_weights"]),
        _curve(log),
        "## How the sizes were chosen\n",
        _tokenizer_section(_read_json(reports_dir / "tokenizer_sizes.json"), meta.get("vocab_size", 0)),
        _benchmark_section(_read_json(reports_dir / "benchmark.json"), f"{config['layers']}L-{config['hidden']}"),
        _tagger_section(_read_json(reports_dir / "tagger_comparison.json")),
        _reproduce(config["output_dir"], out),
        f"Exported {state['exported']} from `{config['output_dir']}`; full state in `trainer_state.json`.\n",
    ]
    return "\n".join(part for part in parts if part)


def write_card(out_dir: Path, state: dict[str, Any], log_path: Path, reports_dir: Path) -> None:
    """Writes `README.md` into an export directory.

    Args:
        out_dir: Export directory.
        state: The export's trainer state.
        log_path: The run's `log.jsonl`.
        reports_dir: Directory with the measurement reports.
    """
    (out_dir / "README.md").write_text(render_card(state, _read_log(log_path), reports_dir, out_dir), encoding="utf-8")
