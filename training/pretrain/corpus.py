"""The word-segmented news corpus: streaming readers and a one-off normalisation pass.

The source files hold one `{"id", "text"}` JSON object per line (gzip). Every line
goes through `vnparty_ie.text.normalize.normalize_string`, the function the tagger
applies at inference, so the vocabulary matches what the tagger sees. Normalising
is the slow part (pure Python), so it runs once, in parallel, into a plain text
file: one line per paragraph, articles separated by an empty line.

Example:
    nice -n 10 python -m training.pretrain.corpus \
        /work/shared/corpora/vietnews/train.jsonl.gz work_data/pretrain/train.txt
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import time
from collections.abc import Iterator
from pathlib import Path

from tqdm import tqdm


def iter_raw_articles(path: Path, limit: int | None = None) -> Iterator[str]:
    """Yields the raw `text` field of each article of a `.jsonl[.gz]` file.

    Args:
        path: Corpus file.
        limit: Stop after this many articles (all when None).

    Yields:
        One article text (title on the first line).
    """
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for count, raw in enumerate(handle):
            if limit is not None and count >= limit:
                return
            yield json.loads(raw)["text"]


def normalize_article(text: str) -> list[str]:
    """Normalises each line of an article with the project normaliser.

    Args:
        text: Raw article text.

    Returns:
        The normalised non-empty lines.
    """
    from vnparty_ie.text.normalize import normalize_string

    lines = (normalize_string(line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


def write_normalized(source: Path, target: Path, limit: int | None, workers: int) -> dict[str, int | float]:
    """Normalises a corpus file into plain text (articles separated by an empty line).

    Args:
        source: `.jsonl[.gz]` corpus file.
        target: Output text file (written atomically).
        limit: Number of articles (all when None).
        workers: Worker processes.

    Returns:
        Counts of articles, lines and words, and the seconds taken.
    """
    start = time.time()
    stats = {"articles": 0, "lines": 0, "words": 0}
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".partial")
    with multiprocessing.Pool(workers) as pool, partial.open("w", encoding="utf-8") as out:
        articles = pool.imap(normalize_article, iter_raw_articles(source, limit), chunksize=64)
        for lines in tqdm(articles, desc=f"normalise {source.name}", unit=" articles", mininterval=10):
            out.write("\n".join(lines) + "\n\n")
            stats["articles"] += 1
            stats["lines"] += len(lines)
            stats["words"] += sum(len(line.split()) for line in lines)
    partial.rename(target)
    return {**stats, "seconds": round(time.time() - start, 1)}


def iter_articles(path: Path, limit: int | None = None) -> Iterator[list[str]]:
    """Streams the articles of a normalised text file written by `write_normalized`.

    Args:
        path: Normalised text file.
        limit: Stop after this many articles (all when None).

    Yields:
        The lines of one article.
    """
    count = 0
    lines: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if line:
                lines.append(line)
                continue
            if lines:
                yield lines
                count += 1
                lines = []
                if limit is not None and count >= limit:
                    return
    if lines:
        yield lines


def iter_lines(path: Path, limit: int | None = None) -> Iterator[str]:
    """Streams the lines of the first `limit` articles of a normalised text file.

    Args:
        path: Normalised text file.
        limit: Number of articles (all when None).

    Yields:
        One line (whitespace-separated words) at a time.
    """
    for article in iter_articles(path, limit):
        yield from article


def main(argv: list[str] | None = None) -> None:
    """CLI: normalise a corpus file and print its statistics as JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="number of articles (default: all)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    stats = write_normalized(args.source, args.target, args.limit, args.workers)
    args.target.with_suffix(".stats.json").write_text(json.dumps(stats, indent=2) + "\n")
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
