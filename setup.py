"""Build hook: put the default model (``models/vnparty-ie-ner``) into the wheel.

Everything else about the package is in ``pyproject.toml``. A regular build
(``pip install .``, ``pip wheel .``, ``python -m build``) copies the model
directory to ``vnparty_ie/models/vnparty-ie-ner`` inside the package, where
:func:`vnparty_ie.extractor.default_model_path` finds it. An editable install
(``pip install -e .``) copies nothing: it finds ``models/`` in the checkout.
Set ``VNPARTY_IE_NO_MODEL=1`` to build a wheel without the model (about 37 MB
smaller); that install then needs ``VNPARTY_IE_MODEL`` or ``load(path)``.
"""

import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MODEL_NAME = "vnparty-ie-ner"
MODEL_FILES = (
    "README.md", "config.json", "crf.json", "eval_dev.json", "eval_test.json", "metrics.json", "model.safetensors", "model.onnx",
    "model.int8.onnx",
    "pipeline.json", "tokenizer.json", "tokenizer_config.json", "vnparty_ie.json",
)  # fmt: skip
#: Sub-directories of the model directory that are models of their own (``pipeline.json``'s ``"targets"``).
SUBMODELS = ("targets",)


class BuildPyWithModel(build_py):
    """``build_py`` that also copies the default model directory into the built package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False) or os.environ.get("VNPARTY_IE_NO_MODEL"):
            return
        source = Path(__file__).resolve().parent / "models" / MODEL_NAME
        if not (source / "config.json").is_file():
            raise SystemExit(f"setup.py: {source} is missing; set VNPARTY_IE_NO_MODEL=1 to build without the model")
        target = Path(self.build_lib) / "vnparty_ie" / "models" / MODEL_NAME
        target.mkdir(parents=True, exist_ok=True)
        for sub in ("", *SUBMODELS):  # the model, then the models its pipeline.json names (the target finder)
            if sub and not (source / sub).is_dir():
                continue
            (target / sub).mkdir(parents=True, exist_ok=True)
            for name in MODEL_FILES:
                if (source / sub / name).is_file():
                    shutil.copy2(source / sub / name, target / sub / name)


setup(cmdclass={"build_py": BuildPyWithModel})
