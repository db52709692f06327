"""Throughput and size of a sentence-transformers model folder on this machine (for docs/BENCHMARKS.md).

Encodes the bundled Dutch ESCO occupation labels (``matcher/data/esco/occupations_nl.csv``: preferred and
alternative labels, about 23,000 short texts) with ``SentenceTransformer.encode`` after one warm-up
pass, for each requested torch thread count, and prints one JSON line per setting::

    .venv/bin/python scripts/model_benchmark.py --model matcher/models/banenmatch-nl --threads 1 2
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def short_texts(path: Path) -> list[str]:
    """Preferred and alternative labels from the bundled ESCO occupations file."""
    texts: list[str] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            texts.append(row["preferredLabel"])
            texts.extend(t for t in (row.get("altLabels") or "").split("|") if t)
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=REPO / "matcher" / "models" / "banenmatch-nl")
    parser.add_argument("--texts", type=Path, default=REPO / "matcher" / "data" / "esco" / "occupations_nl.csv")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--repeats", type=int, default=3, help="timed passes; the best is reported")
    args = parser.parse_args(argv)

    import torch
    from sentence_transformers import SentenceTransformer

    texts = short_texts(args.texts)
    model = SentenceTransformer(str(args.model), device="cpu", local_files_only=True)
    size = sum(p.stat().st_size for p in args.model.rglob("*") if p.is_file())
    for threads in args.threads:
        torch.set_num_threads(threads)
        model.encode(texts[:2000], batch_size=args.batch_size)
        best = float("inf")
        for _ in range(args.repeats):
            start = time.perf_counter()
            model.encode(texts, batch_size=args.batch_size, normalize_embeddings=True)
            best = min(best, time.perf_counter() - start)
        print(
            json.dumps(
                {
                    "model": args.model.name,
                    "threads": threads,
                    "texts": len(texts),
                    "mean_chars": round(sum(map(len, texts)) / len(texts), 1),
                    "batch_size": args.batch_size,
                    "texts_per_second": round(len(texts) / best),
                    "folder_mb": round(size / 1024 / 1024, 1),
                    "nproc": os.cpu_count(),
                }
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
