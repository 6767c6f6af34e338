"""The Ray Data recipe in local mode (skipped when Ray is not installed: pip install "vnparty-ie[ray]")."""

import json

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Ray Data's own config warnings

ray = pytest.importorskip("ray", reason='the Ray recipe needs Ray Data: pip install -e ".[ray]"')

from vnparty_ie.ray_recipe import run

ARTICLES = [
    {"id": "a1", "url": "https://example.org/1", "date": "2023-12-01",
     "text": "Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai cho biết tổng thu ngân sách năm 2023 đạt hơn 6.164 tỷ đồng."},
    {"id": "a2", "url": "https://example.org/2", "date": "không rõ",
     "text": "Phó Bí thư Thường trực Thành ủy Hà Nội Nguyễn Thị Tuyến dự hội nghị."},
    {"id": "a3", "url": "https://example.org/3", "date": None, "text": ""},
    {"id": "a4", "url": "https://example.org/4", "date": "2024-01-05",
     "text": "Năm nay, Đảng bộ phường kết nạp được 28 đảng viên mới, tăng 12% so với năm 2022."},
]  # fmt: skip


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


def test_recipe_local_mode(local_ray, tmp_path):
    import pyarrow.parquet as pq

    model = tmp_path / "rules_model"
    model.mkdir()
    (model / "pipeline.json").write_text(json.dumps({"entities": {"combine": "rules"}}), encoding="utf-8")
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")

    run(str(source), str(tmp_path / "docs"), fmt="parquet", model=str(model), batch_size=2, concurrency=1)
    docs = pq.read_table(tmp_path / "docs").to_pylist()
    by_id = {d["id"]: d for d in docs}
    assert sorted(by_id) == ["a1", "a2", "a3", "a4"]
    assert by_id["a1"]["url"] == "https://example.org/1"  # input fields kept
    labels = {e["label"] for e in json.loads(by_id["a1"]["entities"])}
    assert {"PERSON", "ORG", "METRIC", "UNIT"} <= labels
    assert by_id["a3"]["n_entities"] == 0
    assert json.loads(by_id["a2"]["relations"])

    run(str(source), str(tmp_path / "metrics"), fmt="json", model=str(model), records="metrics", batch_size=3)
    rows = [
        json.loads(line) for f in sorted((tmp_path / "metrics").glob("*.json")) for line in f.open(encoding="utf-8")
    ]
    values = {(r["doc_id"], r["metric"]): r for r in rows}
    assert values[("a1", "hơn 6.164")]["value"] == pytest.approx(6.164e12)
    assert values[("a1", "hơn 6.164")]["url"] == "https://example.org/1" and "text" not in rows[0]
