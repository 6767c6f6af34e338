#!/usr/bin/env bash
# Build the vnparty-ie wheel (the default model inside, see setup.py), install it into a FRESH
# virtual environment outside the checkout, and check that `extract` works there.
#
#   bash training/check_wheel_install.sh            # a few minutes: installs torch and the dependencies
#   KEEP=1 bash training/check_wheel_install.sh     # keep the temporary folder
#
# Exit status 0 when the installed package finds its packaged model and extracts entities
# from a sentence (Python API and CLI), with nothing on the CLI's stderr.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/vnparty-wheel.XXXXXX")"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
export PIP_DISABLE_PIP_VERSION_CHECK=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
unset VNPARTY_IE_MODEL

echo "== copy the tracked and new (not ignored) files of the checkout to $WORK/src"
mkdir -p "$WORK/src"
(cd "$ROOT" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$WORK/src"
test -f "$WORK/src/models/vnparty-ie-ner/model.safetensors"

echo "== fresh venv $WORK/venv"
python3 -m venv "$WORK/venv"
. "$WORK/venv/bin/activate"
python -m pip install --quiet --upgrade pip
python -m pip install --quiet torch==2.13.0   # the CPU build, as in .ci/run

echo "== build the wheel"
python -m pip wheel --quiet --no-deps -w "$WORK/dist" "$WORK/src"
WHEEL="$(ls "$WORK"/dist/vnparty_ie-*.whl)"
ls -l "$WHEEL"
python -m zipfile -l "$WHEEL" | grep -q "vnparty_ie/models/vnparty-ie-ner/model.safetensors"

echo "== install the wheel (not editable) and run it outside the checkout"
python -m pip install --quiet "$WHEEL"
rm -rf "$WORK/src"   # nothing of the checkout is left to fall back on
cd "$WORK"
python - <<'PY'
import vnparty_ie
from vnparty_ie.extractor import default_model_path

path = default_model_path()
print("default model:", path)
assert "site-packages" in str(path), path
doc = vnparty_ie.extract("Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai cho biết tổng thu ngân sách năm 2023 đạt hơn 6.164 tỷ đồng.")
print([(e.label, e.text) for e in doc.entities])
labels = {e.label for e in doc.entities}
assert {"PERSON", "ORG", "METRIC"} <= labels, labels
PY
vnparty-ie extract --text "Phó Bí thư Thường trực Thành ủy Hà Nội Nguyễn Thị Tuyến dự hội nghị." >"$WORK/out.jsonl" 2>"$WORK/err.txt"
cat "$WORK/out.jsonl" | head -c 400; echo
if [ -s "$WORK/err.txt" ]; then echo "stderr of vnparty-ie extract is not empty:"; cat "$WORK/err.txt"; exit 1; fi
grep -q '"PERSON"' "$WORK/out.jsonl"
echo "OK: wheel install runs extract"
