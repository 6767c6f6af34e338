"""Batch extraction from the command line: records, CSV, kept fields, resume, workers, clear errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from vnparty_ie.cli import main

ARTICLE = (
    "Năm 2023, Đảng bộ quận kết nạp được 125 đảng viên. "
    "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai cho biết tổng thu ngân sách năm 2023 đạt hơn 6.164 tỷ đồng."
)


@pytest.fixture()
def rules_model(tmp_path: Path) -> Path:
    """A model directory that runs the rules only (no classifier weights needed)."""
    directory = tmp_path / "rules-model"
    directory.mkdir()
    (directory / "pipeline.json").write_text(json.dumps({"entities": {"combine": "rules"}}), encoding="utf-8")
    return directory


def _write(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_jsonl_keeps_input_fields(rules_model: Path, tmp_path: Path) -> None:
    src = _write(tmp_path / "in.jsonl", {"id": "a", "text": ARTICLE, "url": "http://x", "date": "2024-01-05"})
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "--model", str(rules_model), "-o", str(out), "-q"]) == 0
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == "a" and record["url"] == "http://x" and record["date"] == "2024-01-05"
    assert record["metrics"] and record["positions"]


def test_metric_rows_as_csv(rules_model: Path, tmp_path: Path) -> None:
    src = _write(tmp_path / "in.jsonl", {"id": "a", "text": ARTICLE, "url": "u1"}, {"id": "b", "text": "Không có số."})
    out = tmp_path / "metrics.csv"
    assert main(["extract", str(src), "--model", str(rules_model), "--records", "metrics", "-o", str(out), "-q"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and {r["doc_id"] for r in rows} == {"a"} and all(r["url"] == "u1" for r in rows)
    by_text = {r["metric"]: r for r in rows}
    assert float(by_text["hơn 6.164"]["value"]) == pytest.approx(6.164e12)
    assert by_text["hơn 6.164"]["unit_normalized"] == "VND" and by_text["hơn 6.164"]["qualifier"] == "over"


def test_resume_skips_done_ids(rules_model: Path, tmp_path: Path) -> None:
    src = _write(tmp_path / "in.jsonl", {"id": "a", "text": ARTICLE}, {"id": "b", "text": ARTICLE})
    out = tmp_path / "out.jsonl"
    _write(out, {"id": "a", "text": ARTICLE, "entities": [], "relations": []})
    assert main(["extract", str(src), "--model", str(rules_model), "-o", str(out), "--resume", "-q"]) == 0
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["a", "b"]


def test_two_workers_give_the_same_output(rules_model: Path, tmp_path: Path) -> None:
    records = [{"id": str(i), "text": ARTICLE if i % 2 else "Bí thư Tỉnh ủy phát biểu."} for i in range(6)]
    src = _write(tmp_path / "in.jsonl", *records)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["extract", str(src), "--model", str(rules_model), "-o", str(one), "-q", "--batch-size", "2"]) == 0
    assert main(["extract", str(src), "--model", str(rules_model), "-o", str(two), "-q", "--batch-size", "2",
                 "--workers", "2"]) == 0  # fmt: skip
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"id": 1, "text": "a"}\nnot json\n', "line 2: not JSON"),
        (b'{"id": 1, "body": "a"}\n', "line 1: expected a JSON object with a string 'text'"),
        (b'{"text": "\xff\xfe bad"}\n', "not UTF-8"),
    ],
)
def test_bad_input_is_one_line_and_status_2(rules_model: Path, tmp_path: Path, capsys, content: bytes,
                                            message: str) -> None:  # fmt: skip
    src = tmp_path / "in.jsonl"
    src.write_bytes(content)
    assert main(["extract", str(src), "--model", str(rules_model), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and "in.jsonl" in err[0]


def test_missing_file_is_one_line(rules_model: Path, tmp_path: Path, capsys) -> None:
    assert main(["extract", str(tmp_path / "missing.txt"), "--model", str(rules_model)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "missing.txt: no such file" in err[0]


def test_csv_needs_records(rules_model: Path, capsys) -> None:
    assert main(["extract", "--text", ARTICLE, "--model", str(rules_model), "--format", "csv"]) == 2
    assert "--records" in capsys.readouterr().err
