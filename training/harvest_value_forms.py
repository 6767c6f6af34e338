"""Collect the distinct METRIC(+UNIT) and DATE forms of real text, with counts.

Sources:

* the gold annotations (``work_data/gold/train.jsonl``): every METRIC with the
  UNIT its ``unit`` relation points to (or the UNIT that follows it directly), and
  every DATE span;
* a sample of vietnews articles (detokenized): short regex candidates for the
  forms the gold lacks (quarters, "6 tháng đầu năm", money with scale words,
  ranges, written numbers before a counted noun).

Only short spans are written (never sentences): ``count<TAB>metric<TAB>unit`` in
``numbers.tsv`` and ``count<TAB>date`` in ``dates.tsv`` under ``--out``. They are
the raw material of ``tests/specs/*.tsv``, whose expected values are checked by
hand.

Usage::

    python training/harvest_value_forms.py --out work_data/harvest --articles 20000
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path

from vnparty_ie.io.vietnews import detokenize, iter_vietnews

_NUM = r"\d+(?:[.,]\d+)*"
_QUAL = r"(?:(?:hơn|trên|gần|khoảng|dưới|tối thiểu|tối đa|ít nhất|gần như|lên tới|bình quân|trung bình|hàng)\s+)?"
_SCALE = r"(?:\s+(?:nghìn|ngàn|triệu|tỷ|tỉ)){0,2}"
_UNIT = r"(?:%|\s*(?:đồng|USD|m2|m²|km|ha|người|đảng viên|lượt|đ\b|VNĐ|phần trăm|lần))"
_WORDNUM = (
    r"(?:hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|một)(?:\s+(?:mươi|trăm|nghìn|triệu|mốt|lăm|"
    r"hai|ba|bốn|năm|sáu|bảy|tám|chín|một|lẻ|linh))*"
)
METRIC_PATTERNS = [
    re.compile(rf"(?<![\w/.,-]){_QUAL}{_NUM}(?:\s*[-/]\s*{_NUM})?{_SCALE}{_UNIT}"),
    re.compile(rf"\b(?:gấp\s+{_NUM}\s+lần)"),
    re.compile(rf"\b(?:từ\s+{_NUM}\s+đến\s+{_NUM}{_SCALE}{_UNIT})"),
    re.compile(
        rf"(?<!\w)(?:hàng\s+(?:chục|trăm|nghìn|ngàn|triệu)|{_WORDNUM})\s+(?:người|đảng viên|tỷ đồng|triệu đồng)"
    ),
]
DATE_PATTERNS = [
    re.compile(r"\bquý\s+(?:I{1,3}|IV|[1-4])(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?"),
    re.compile(r"\b\d{1,2}\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+\d{4})?"),
    re.compile(r"\b(?:giai đoạn|nhiệm kỳ)\s+\d{4}\s*[-–]\s*\d{4}"),
    re.compile(r"\b[Tt]ừ\s+(?:năm|tháng|ngày)\s+[\d/-]+\s+đến\s+(?:nay|(?:năm|tháng|ngày)\s+[\d/-]+)"),
    re.compile(r"\b(?:cùng kỳ năm (?:trước|ngoái)|năm ngoái|năm nay|đến nay|hiện nay)"),
    re.compile(r"\b[Nn]gày\s+\d{1,2}[/-]\d{1,2}(?:[/-]\d{4})?"),
    re.compile(r"\btháng\s+\d{1,2}[/-]\d{4}"),
]


def _gold(path: Path, metrics: collections.Counter, dates: collections.Counter) -> None:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text = doc["text"]
            ents = sorted(doc["entities"], key=lambda e: e["start"])
            by_id = {e["id"]: e for e in ents}
            unit_of = {r["head"]: r["tail"] for r in doc.get("relations", []) if r["label"] == "unit"}
            for k, ent in enumerate(ents):
                span = text[ent["start"] : ent["end"]]
                if ent["label"] == "DATE":
                    dates[span] += 1
                elif ent["label"] == "METRIC":
                    unit = by_id.get(unit_of.get(ent["id"], ""))
                    if unit is None and k + 1 < len(ents) and ents[k + 1]["label"] == "UNIT":
                        nxt = ents[k + 1]
                        if nxt["start"] - ent["end"] <= 1:
                            unit = nxt
                    unit_text = text[unit["start"] : unit["end"]] if unit else ""
                    metrics[(span, unit_text)] += 1


def _vietnews(corpus: Path, articles: int, metrics: collections.Counter, dates: collections.Counter) -> None:
    for n, record in enumerate(iter_vietnews(corpus, "train")):
        if n >= articles:
            break
        text = detokenize(record["text"])
        for pat in METRIC_PATTERNS:
            for m in pat.finditer(text):
                if len(m.group(0)) <= 40:
                    metrics[(m.group(0), "")] += 1
        for pat in DATE_PATTERNS:
            for m in pat.finditer(text):
                dates[m.group(0)] += 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=Path("work_data/gold/train.jsonl"))
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpora/vietnews"))
    ap.add_argument("--articles", type=int, default=20000, help="vietnews articles to scan (0: none)")
    ap.add_argument("--out", type=Path, default=Path("work_data/harvest"))
    args = ap.parse_args()
    gold_m: collections.Counter = collections.Counter()
    gold_d: collections.Counter = collections.Counter()
    news_m: collections.Counter = collections.Counter()
    news_d: collections.Counter = collections.Counter()
    if args.gold.exists():
        _gold(args.gold, gold_m, gold_d)
    if args.articles and args.corpus.exists():
        _vietnews(args.corpus, args.articles, news_m, news_d)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "numbers.tsv").open("w", encoding="utf-8") as fh:
        for source, counter in (("gold", gold_m), ("vietnews", news_m)):
            for (metric, unit), count in counter.most_common():
                fh.write(f"{source}\t{count}\t{metric}\t{unit}\n")
    with (args.out / "dates.tsv").open("w", encoding="utf-8") as fh:
        for source, counter in (("gold", gold_d), ("vietnews", news_d)):
            for date, count in counter.most_common():
                fh.write(f"{source}\t{count}\t{date}\n")
    print(
        f"gold: {len(gold_m)} metric forms, {len(gold_d)} date forms; "
        f"vietnews: {len(news_m)} metric forms, {len(news_d)} date forms -> {args.out}"
    )


if __name__ == "__main__":
    main()
