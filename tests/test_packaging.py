"""A non-editable install ships the default model (setup.py copies it into the wheel).

The default run builds the wheel (no dependencies, no build isolation: seconds)
and checks that the unpacked package finds its packaged model; the slow test
runs ``training/check_wheel_install.sh`` (a fresh venv, minutes).
"""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "vnparty-ie-ner"

requires_model = pytest.mark.skipif(not (MODEL / "config.json").is_file(), reason=f"{MODEL} absent")


def _source_tree(dest: Path) -> Path:
    """The files a build needs, copied (the checkout's build/ and egg-info stay untouched)."""
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "src" / "vnparty_ie", dest / "src" / "vnparty_ie",
                    ignore=shutil.ignore_patterns("__pycache__", "models"))  # fmt: skip
    shutil.copytree(MODEL, dest / "models" / MODEL.name)
    return dest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("setuptools")
    src = _source_tree(tmp_path_factory.mktemp("src"))
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(dist), str(src)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (path,) = dist.glob("vnparty_ie-*.whl")
    return path


@requires_model
def test_wheel_contains_the_default_model(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("model.safetensors", "config.json", "pipeline.json", "tokenizer.json", "vnparty_ie.json"):
        assert f"vnparty_ie/models/vnparty-ie-ner/{name}" in names
    assert "vnparty_ie/data/rules/specs/entities.yaml" in names
    if (MODEL / "targets" / "config.json").is_file():  # the target finder its pipeline.json names travels with it
        for name in ("model.safetensors", "config.json", "tokenizer.json", "vnparty_ie.json"):
            assert f"vnparty_ie/models/vnparty-ie-ner/targets/{name}" in names
    assert "vnparty_ie/viz.py" in names and "vnparty_ie/py.typed" in names


@requires_model
def test_unpacked_wheel_finds_its_model(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {k: v for k, v in os.environ.items() if k != "VNPARTY_IE_MODEL"}
    env["PYTHONPATH"] = str(site)
    out = subprocess.run(
        [sys.executable, "-c", "from vnparty_ie.extractor import default_model_path; print(default_model_path())"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert Path(out.stdout.strip()) == site / "vnparty_ie" / "models" / "vnparty-ie-ner"


@pytest.mark.slow
@requires_model
def test_wheel_install_in_a_fresh_venv():
    if shutil.which("git") is None:
        pytest.skip("needs git to list the checkout's files")
    subprocess.run(["bash", str(ROOT / "training" / "check_wheel_install.sh")], check=True, timeout=1800)
