"""The notebooks execute (nbclient) so they cannot rot.

By default they run with a rules-only model (``VNPARTY_IE_MODEL`` pointing to a
directory holding only ``pipeline.json``), which keeps each under ~20 s; the
slow variant runs them with the shipped model, as they are stored. Outputs are
not written back: the stored notebooks are executed with the shipped model by
``python training/execute_notebooks.py``.
"""

import json
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="notebook tests need nbclient/nbformat/ipykernel (dev extra)")
nbclient = pytest.importorskip("nbclient", reason="notebook tests need nbclient (dev extra)")
pytest.importorskip("ipykernel", reason="notebook tests need ipykernel (dev extra)")
pytest.importorskip("matplotlib", reason="the evaluation notebook needs matplotlib (dev extra)")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = ["quickstart.ipynb", "evaluation.ipynb"]


def _execute(path: Path, timeout: int = 120):
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})  # fmt: skip
    client.execute()
    return nb


def _errors(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_with_rules_model(name, tmp_path, monkeypatch):
    model = tmp_path / "rules_model"
    model.mkdir()
    (model / "pipeline.json").write_text(json.dumps({"entities": {"combine": "rules"}}), encoding="utf-8")
    monkeypatch.setenv("VNPARTY_IE_MODEL", str(model))
    nb = _execute(NOTEBOOKS / name)
    assert not _errors(nb)


@pytest.mark.parametrize("name", NAMES)
def test_stored_notebooks_have_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.get("outputs") for c in code), "store the notebook executed (training/execute_notebooks.py)"
    assert not _errors(nb)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_with_shipped_model(name, monkeypatch):
    monkeypatch.delenv("VNPARTY_IE_MODEL", raising=False)
    assert not _errors(_execute(NOTEBOOKS / name, timeout=300))
