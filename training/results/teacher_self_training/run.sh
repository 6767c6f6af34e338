#!/usr/bin/env bash
# Self-training of the teacher (issue 11: "and on rule-labelled party articles if that helps: measure").
# Commit 9022f43 era code and gold (before the multiplier step of build_gold.py); 2 cores, 48 min.
set -euo pipefail
cd "$(dirname "$0")/../../.."
# run from the repository root with the project installed; needs ../shared/corpora/vietnews and work_data/gold
date
PYTHONPATH=. python training/distill.py --teacher models/vnparty-ie-ner --vietnews ../shared/corpora/vietnews --docs 160 --out work_data/teacher_self/silver.jsonl
python training/distill.py --combine work_data/gold/train.jsonl work_data/teacher_self/silver.jsonl --out work_data/teacher_self/train.jsonl
date
vnparty-ie train training/configs/teacher_e5.yaml --set train_path=work_data/teacher_self/train.jsonl --set output_dir=work_data/runs/teacher_self --set progress=false
date
