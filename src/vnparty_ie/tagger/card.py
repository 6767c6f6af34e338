"""The ``README.md`` card of a saved tagger directory (written by :meth:`EntityTagger.save_metrics`)."""

from __future__ import annotations

from typing import Any

from .. import __version__

__all__ = ["model_card"]


def model_card(tagger: Any, metrics: dict[str, Any] | None) -> str:
    """The card of ``tagger`` (an :class:`~vnparty_ie.tagger.EntityTagger`) with its ``metrics``, as Markdown."""
    cfg = tagger.model.config
    lines = [
        "---",
        "library_name: vnparty-ie",
        "language: vi",
        "pipeline_tag: token-classification",
        "---",
        "",
        "# vnparty-ie entity tagger",
        "",
        f"Token classifier for Vietnamese party-building news (vnparty-ie {__version__}, "
        + f"schema {tagger.schema.name} {tagger.schema.version}).",
        "",
        f"- base model: `{tagger.base_model}`",
        f"- encoder: {cfg.model_type}, {getattr(cfg, 'num_hidden_layers', '?')} layers, "
        + f"hidden {getattr(cfg, 'hidden_size', '?')}",
        f"- labels: {', '.join(tagger.schema.entity_labels)}",
        f"- output layer: {tagger.head}"
        + (" (Viterbi over `crf.json`)" if tagger.head == "crf" else "")
        + (f"; character CNN of {tagger.char_features} filters" if tagger.char_features else ""),
        f"- segmenter: `{tagger.segmenter}`; windows of {tagger.max_length} subwords, overlap {tagger.stride}",
        "",
        "## Usage",
        "",
        "```python",
        "from vnparty_ie.tagger import EntityTagger",
        "tagger = EntityTagger.from_pretrained('PATH')",
        "print(tagger.predict(['Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai'])[0])",
        "```",
        "",
    ]
    if metrics:
        lines += ["## Scores", "", "| metric | value |", "|---|---|"]
        for key, value in metrics.items():
            if isinstance(value, (int, float, str)):
                shown = f"{value:.4f}" if isinstance(value, float) else str(value)
                lines.append(f"| {key} | {shown} |")
        lines.append("")
    return "\n".join(lines)
