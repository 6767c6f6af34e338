"""Exports a pre-training checkpoint as an offline-loadable Hugging Face directory (fp16 weights).

Writes `config.json`, `model.safetensors` (fp16), the tokenizer files,
`trainer_state.json` (counters, data position, held-out metrics in fp32 and after
the fp16 round trip; `pretrain.py` warm-starts from it) and the `README.md` card.
Safe to run while training continues: it reads the last atomic checkpoint.

Example:
    nice -n 10 python -m training.pretrain.export --run-dir checkpoints/pretrain-small \
        --out models/vnparty-roberta-small
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

import torch
from training.pretrain.card import write_card
from training.pretrain.checkpoint import CHECKPOINT_NAME, load_checkpoint
from training.pretrain.config import PretrainConfig
from training.pretrain.data import PackedSequences, TokenFile
from training.pretrain.evaluate import evaluate_mlm, fixed_eval_batch
from training.pretrain.pretrain import LOG_NAME, TRAINER_STATE_NAME, special_token_ids
from training.pretrain.train_tokenizer import SPECIAL_TOKENS
from transformers import AutoModelForMaskedLM, RobertaConfig, RobertaForMaskedLM

DEFAULT_REPORTS = Path(__file__).parent / "reports"


def _eval_sample(config: PretrainConfig) -> tuple[torch.Tensor, torch.Tensor]:
    vocab_size, special = special_token_ids(Path(config.tokenizer))
    val = PackedSequences(TokenFile.open(Path(config.val_data)), config.seq_len, special["<s>"], special["</s>"],
                          config.seed)
    return fixed_eval_batch(val, config.eval_sequences, special["<mask>"], len(SPECIAL_TOKENS), vocab_size,
                            config.mask_probability)


def export_run(run_dir: Path, out_dir: Path, reports_dir: Path = DEFAULT_REPORTS) -> dict:
    """Exports the run's checkpoint to `out_dir` and writes the model card.

    Args:
        run_dir: Run directory with `checkpoint.pt` and `log.jsonl`.
        out_dir: Export directory (created or overwritten).
        reports_dir: Directory with the tokenizer and benchmark measurement reports for the card.

    Returns:
        The trainer state written to `trainer_state.json`.
    """
    state = load_checkpoint(run_dir / CHECKPOINT_NAME)
    config = PretrainConfig.from_dict(state["config"])
    model = RobertaForMaskedLM(RobertaConfig.from_dict(state["model_config"]))
    model.load_state_dict(state["model"])
    inputs, labels = _eval_sample(config)
    fp32 = evaluate_mlm(model, inputs, labels, config.micro_batch)

    out_dir.mkdir(parents=True, exist_ok=True)
    model.half().save_pretrained(out_dir)
    # Weights are stored in fp16; loading without an explicit dtype gives fp32 for CPU fine-tuning.
    config_path = out_dir / "config.json"
    model_config = json.loads(config_path.read_text())
    model_config["dtype"] = "float32"
    config_path.write_text(json.dumps(model_config, indent=2, sort_keys=True) + "\n")
    for path in Path(config.tokenizer).iterdir():
        shutil.copy2(path, out_dir / path.name)

    reloaded = AutoModelForMaskedLM.from_pretrained(out_dir, dtype=torch.float32)
    fp16 = evaluate_mlm(reloaded, inputs, labels, config.micro_batch)
    trainer_state = {"exported": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                     "run_dir": str(run_dir), "counters": state["counters"], "data": state["data"],
                     "config": state["config"], "eval_fp32": fp32, "eval_fp16_weights": fp16}
    (out_dir / TRAINER_STATE_NAME).write_text(json.dumps(trainer_state, indent=2) + "\n")
    write_card(out_dir, trainer_state, run_dir / LOG_NAME, reports_dir)
    return trainer_state


def main(argv: list[str] | None = None) -> None:
    """CLI entry point; prints the held-out metrics of the export."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--reports-dir", type=Path, default=DEFAULT_REPORTS)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    state = export_run(args.run_dir, args.out, args.reports_dir)
    print(json.dumps({"step": state["counters"]["step"], "fp32": state["eval_fp32"],
                      "fp16_weights": state["eval_fp16_weights"]}))


if __name__ == "__main__":
    main()
