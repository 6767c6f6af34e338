"""Execute the notebooks in place with the default (shipped) model and store their outputs.

    python training/execute_notebooks.py                 # both notebooks
    python training/execute_notebooks.py notebooks/evaluation.ipynb

Needs the dev extra (nbclient, ipykernel, matplotlib). With ``../shared`` beside the
checkout the evaluation notebook scores the seed gold; without it, its built-in example.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def main(argv: list[str]) -> int:
    import nbformat
    from nbclient import NotebookClient

    os.environ.pop("VNPARTY_IE_MODEL", None)
    paths = [Path(p) for p in argv] or sorted(NOTEBOOKS.glob("*.ipynb"))
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        start = time.time()
        NotebookClient(
            nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
        ).execute()
        nbformat.write(nb, path)
        print(f"{path}: executed in {time.time() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
