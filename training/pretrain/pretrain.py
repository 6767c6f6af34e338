"""Masked-LM pre-training of the compact RoBERTa encoder (PhoBERT recipe) on CPU.

The run directory holds `checkpoint.pt` (weights, optimizer, schedule, RNG states,
data position, counters) and `log.jsonl`. Starting the same command again resumes
exactly from the checkpoint (`--set max_steps=N` re-aims the linear decay, logged).
With `init_from` set and no checkpoint yet, the run warm-starts from exported
weights (fresh optimizer and schedule; the data position and counters are carried
over when the export recorded them) and logs it.

Examples:
    nice -n 10 python -m training.pretrain.pretrain --config training/pretrain/configs/small.yaml
    # continue in a later session from the shipped export, with a new schedule
    nice -n 10 python -m training.pretrain.pretrain --config training/pretrain/configs/small.yaml \
        --set output_dir=checkpoints/pretrain-phase2 --set init_from=models/vnparty-roberta-small
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from tokenizers import Tokenizer
from tqdm import tqdm
from training.pretrain.checkpoint import CHECKPOINT_NAME, load_checkpoint, save_checkpoint
from training.pretrain.config import PretrainConfig
from training.pretrain.data import PackedSequences, TokenFile, mask_tokens
from training.pretrain.evaluate import evaluate_mlm, fixed_eval_batch
from training.pretrain.model import build_config, build_model, count_parameters, masked_lm_loss
from training.pretrain.optim import build_optimizer, build_scheduler
from training.pretrain.train_tokenizer import SPECIAL_TOKENS
from transformers import AutoModelForMaskedLM

LOG_NAME = "log.jsonl"
TRAINER_STATE_NAME = "trainer_state.json"
# Fields that may change between a run and its resumption without changing the result.
RUN_CONTROL_FIELDS = {"export_dir", "init_from", "threads", "log_every", "eval_every", "checkpoint_every",
                      "max_minutes"}


@dataclass
class Counters:
    """Progress counters, cumulative over warm restarts except `step`.

    Attributes:
        step: Optimizer steps of this run (its schedule position).
        prior_steps: Optimizer steps of the runs this one warm-started from.
        tokens_seen: Training tokens consumed (all positions).
        wall_seconds: Wall time spent in training processes.
    """

    step: int = 0
    prior_steps: int = 0
    tokens_seen: int = 0
    wall_seconds: float = 0.0


class JsonlLog:
    """Appends one JSON object per line to a log file.

    Args:
        path: Log file (created with its directory if missing).
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path

    def write(self, event: str, **fields: Any) -> None:
        """Appends an event with a UTC timestamp."""
        record = {"event": event, "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **fields}
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")


def special_token_ids(tokenizer_dir: Path) -> tuple[int, dict[str, int]]:
    """Reads the vocabulary size and special-token ids, checking they occupy ids 0..4.

    Args:
        tokenizer_dir: Directory with `tokenizer.json`.

    Returns:
        (vocab_size, {token: id}).

    Raises:
        ValueError: If the special tokens are not the first ids.
    """
    tokenizer = Tokenizer.from_file(str(tokenizer_dir / "tokenizer.json"))
    ids = {token: tokenizer.token_to_id(token) for token in SPECIAL_TOKENS}
    if sorted(ids.values()) != list(range(len(SPECIAL_TOKENS))):
        raise ValueError(f"special tokens must have ids 0..{len(SPECIAL_TOKENS) - 1}, got {ids}")
    return tokenizer.get_vocab_size(), ids


class Trainer:
    """Owns the model, optimizer, data and counters of one run.

    Args:
        config: Run configuration.
    """

    def __init__(self, config: PretrainConfig) -> None:
        torch.set_num_threads(config.threads)
        self.config = config
        self.run_dir = Path(config.output_dir)
        self.log = JsonlLog(self.run_dir / LOG_NAME)
        self.vocab_size, self.special = special_token_ids(Path(config.tokenizer))
        bos, eos = self.special["<s>"], self.special["</s>"]
        self.train_data = PackedSequences(TokenFile.open(Path(config.train_data)), config.seq_len, bos, eos,
                                          config.seed)
        val_data = PackedSequences(TokenFile.open(Path(config.val_data)), config.seq_len, bos, eos, config.seed)
        self.eval_inputs, self.eval_labels = fixed_eval_batch(
            val_data, config.eval_sequences, self.special["<mask>"], len(SPECIAL_TOKENS), self.vocab_size,
            config.mask_probability)
        model_config = build_config(config.size, self.vocab_size, config.seq_len, self.special["<pad>"], bos, eos)
        self.model = build_model(model_config, config.seed)
        self.optimizer = build_optimizer(self.model, config)
        self.scheduler = build_scheduler(self.optimizer, config)
        self.mask_generator = torch.Generator().manual_seed(config.seed + 1)
        self.counters = Counters()
        self.stop_requested = False

    @property
    def checkpoint_path(self) -> Path:
        """Path of the run's checkpoint."""
        return self.run_dir / CHECKPOINT_NAME

    def state_dict(self) -> dict[str, Any]:
        """The complete training state."""
        return {"model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(),
                "scheduler": self.scheduler.state_dict(), "data": self.train_data.state_dict(),
                "mask_rng": self.mask_generator.get_state(), "torch_rng": torch.get_rng_state(),
                "counters": dataclasses.asdict(self.counters), "config": self.config.to_dict(),
                "model_config": self.model.config.to_dict()}

    def restore(self) -> str:
        """Resumes from the run's checkpoint, else warm-starts from `init_from`, else starts fresh.

        Returns:
            "resume", "warm_restart" or "fresh".

        Only `max_steps` may differ from the checkpoint's configuration (besides run-control
        fields): the linear decay is then re-aimed at the new end, and a `schedule_change` is logged.

        Raises:
            ValueError: If the checkpoint was made with a different configuration.
        """
        if self.checkpoint_path.exists():
            state = load_checkpoint(self.checkpoint_path)
            changed = {k for k, v in state["config"].items()
                       if k not in RUN_CONTROL_FIELDS and getattr(self.config, k) != v}
            if changed - {"max_steps"}:
                raise ValueError(f"config fields {sorted(changed)} differ from the checkpoint; use a new "
                                 "output_dir with init_from to continue with a new configuration")
            if self.config.max_steps <= state["counters"]["step"]:
                raise ValueError(f"max_steps {self.config.max_steps} is not after the checkpoint's step")
            self.model.load_state_dict(state["model"])
            self.optimizer.load_state_dict(state["optimizer"])
            self.scheduler.load_state_dict(state["scheduler"])
            self.train_data.load_state_dict(state["data"])
            self.mask_generator.set_state(state["mask_rng"])
            torch.set_rng_state(state["torch_rng"])
            self.counters = Counters(**state["counters"])
            self.log.write("resume", step=self.counters.step, data=state["data"])
            if changed:
                # The linear decay now ends at the new max_steps (the rate changes from the next step on).
                self.log.write("schedule_change", step=self.counters.step,
                               old_max_steps=state["config"]["max_steps"], max_steps=self.config.max_steps)
            return "resume"
        if self.config.init_from:
            self._warm_start(Path(self.config.init_from))
            return "warm_restart"
        if self.config.init_embeddings:
            self._load_embeddings(Path(self.config.init_embeddings))
        return "fresh"

    def _load_embeddings(self, path: Path) -> None:
        matrix = torch.from_numpy(np.load(path)).float()
        weight = self.model.get_input_embeddings().weight
        if tuple(matrix.shape) != tuple(weight.shape):
            raise ValueError(f"{path}: shape {tuple(matrix.shape)} does not match the word embeddings "
                             f"{tuple(weight.shape)}")
        with torch.no_grad():
            weight.copy_(matrix)  # the LM-head decoder is tied to this matrix
        self.log.write("init_embeddings", step=0, source=str(path), std=round(float(matrix.std()), 5))

    def _warm_start(self, source: Path) -> None:
        if source.is_dir():
            weights = AutoModelForMaskedLM.from_pretrained(source, dtype=torch.float32).state_dict()
            state_file = source / TRAINER_STATE_NAME
            previous = json.loads(state_file.read_text()) if state_file.exists() else {}
        else:
            checkpoint = load_checkpoint(source)
            weights = checkpoint["model"]
            previous = {"counters": checkpoint["counters"], "data": checkpoint["data"]}
        self.model.load_state_dict(weights)
        counters = previous.get("counters", {})
        self.counters = Counters(prior_steps=counters.get("prior_steps", 0) + counters.get("step", 0),
                                 tokens_seen=counters.get("tokens_seen", 0),
                                 wall_seconds=counters.get("wall_seconds", 0.0))
        data = previous.get("data")
        data_resumed = bool(data) and data["seed"] == self.config.seed and \
            data["num_sequences"] == self.train_data.num_sequences
        if data_resumed:
            self.train_data.load_state_dict(data)
        self.log.write("warm_restart", step=0, source=str(source), prior_steps=self.counters.prior_steps,
                       tokens_seen=self.counters.tokens_seen, data=data, data_position_resumed=data_resumed)

    def save(self) -> None:
        """Writes the checkpoint and logs it."""
        save_checkpoint(self.checkpoint_path, self.state_dict())
        self.log.write("checkpoint", step=self.counters.step, path=str(self.checkpoint_path))

    def train_step(self) -> tuple[float, float]:
        """Runs one optimizer step over `grad_accum` micro-batches.

        Returns:
            (mean loss, gradient norm before clipping).
        """
        config = self.config
        total = 0.0
        for _ in range(config.grad_accum):
            ids = self.train_data.next_batch(config.micro_batch)
            inputs, labels = mask_tokens(ids, self.special["<mask>"], len(SPECIAL_TOKENS), self.vocab_size,
                                         self.mask_generator, config.mask_probability)
            loss = masked_lm_loss(self.model, inputs, labels) / config.grad_accum
            loss.backward()
            total += loss.item()
        norm = torch.nn.utils.clip_grad_norm_(self.model.parameters(), config.max_grad_norm).item()
        self.optimizer.step()
        self.scheduler.step()
        self.optimizer.zero_grad(set_to_none=True)
        self.counters.step += 1
        self.counters.tokens_seen += config.tokens_per_step
        return total, norm

    def evaluate(self) -> dict[str, float]:
        """Evaluates on the fixed held-out sample and logs the result."""
        metrics = evaluate_mlm(self.model, self.eval_inputs, self.eval_labels, self.config.micro_batch)
        self.log.write("eval", step=self.counters.step, tokens_seen=self.counters.tokens_seen, **metrics)
        return metrics

    def _request_stop(self, signum: int, _frame: Any) -> None:
        self.stop_requested = True
        self.log.write("signal", signal=signum, step=self.counters.step)

    def run(self) -> bool:
        """Trains until `max_steps`, `max_minutes` or a SIGTERM/SIGINT, checkpointing on the way out.

        Returns:
            True when `max_steps` was reached.
        """
        config = self.config
        how = self.restore()
        self.log.write("start", how=how, step=self.counters.step, parameters=count_parameters(self.model),
                       config=config.to_dict())
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._request_stop)
        if self.counters.step == 0:
            self.evaluate()
        started = last_tick = time.time()
        window_loss, window_steps, window_time = 0.0, 0, 0.0
        bar = tqdm(total=config.max_steps, initial=self.counters.step, desc="pretrain", mininterval=30)
        while self.counters.step < config.max_steps and not self.stop_requested:
            step_start = time.time()
            loss, norm = self.train_step()
            window_time += time.time() - step_start
            window_loss += loss
            window_steps += 1
            bar.update(1)
            step = self.counters.step
            now = time.time()
            self.counters.wall_seconds += now - last_tick
            last_tick = now
            if step % config.log_every == 0:
                self.log.write("train", step=step, loss=window_loss / window_steps, grad_norm=norm,
                               lr=self.scheduler.get_last_lr()[0], tokens_seen=self.counters.tokens_seen,
                               tokens_per_second=window_steps * config.tokens_per_step / window_time,
                               wall_seconds=round(self.counters.wall_seconds, 1))
                bar.set_postfix(loss=f"{window_loss / window_steps:.3f}")
                window_loss, window_steps, window_time = 0.0, 0, 0.0
            if step % config.eval_every == 0 or step == config.max_steps:
                self.evaluate()
            if step % config.checkpoint_every == 0:
                self.save()
            if config.max_minutes is not None and now - started > 60 * config.max_minutes:
                self.log.write("time_limit", step=step, max_minutes=config.max_minutes)
                break
        bar.close()
        self.counters.wall_seconds += time.time() - last_tick
        self.save()
        done = self.counters.step >= config.max_steps
        self.log.write("done" if done else "stopped", step=self.counters.step, tokens_seen=self.counters.tokens_seen,
                       wall_seconds=round(self.counters.wall_seconds, 1))
        return done


def main(argv: list[str] | None = None) -> None:
    """CLI entry point: runs (or resumes) pre-training, then exports when complete and `export_dir` is set."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, required=True, help="YAML or JSON PretrainConfig")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a config field")
    args = parser.parse_args(argv)
    config = PretrainConfig.load(args.config, args.set)
    done = Trainer(config).run()
    if done and config.export_dir:
        from training.pretrain.export import export_run

        export_run(Path(config.output_dir), Path(config.export_dir))


if __name__ == "__main__":
    main()
