"""training/robustness_report.py: a fast subset of the generated messy-input cases."""

from __future__ import annotations

import json

from training import robustness_report as RR


def test_fast_subset_has_no_failures():
    results = RR.run(RR.rules_only_extractor(), cases=8, seed=1, use_seeds=False, code_point_chunk=None)
    assert len(results) >= 25
    tried = sum(r["tried"] for r in results.values())
    assert tried >= 250
    failed = {name: r["failures"] for name, r in results.items() if r["failed"]}
    assert not failed, failed


def test_every_code_point_sweep_covers_unicode():
    texts = RR.every_code_point_texts(65536)
    assert len(texts) == 17 and sum((len(t) + 1) // 2 for t in texts) == 0x110000


def test_main_writes_report(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert RR.main(["--rules-only", "--cases", "1", "--code-point-chunk", "0", "--no-seeds", "--out", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["failed"] == 0 and report["categories"] >= 25 and "rules-only" in report["extractor"]
    assert "TOTAL" in capsys.readouterr().out
