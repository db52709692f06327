"""Benchmark helper: time both query directions on a saved index and keep every answer, to compare commits.

Loads a saved index (``banenmatch build``), answers the seeded query sample of ``bench_scale.py``
(vacancy -> top 20 explained candidates, candidate -> top 20 explained packages), prints p50 / p95 /
mean per direction as one JSON line, and writes every answer (``Match.to_dict()``) to ``--out``.
``--compare A B`` says how many answers of two such files are identical (ids, order, scores and every
explanation field) and the largest score difference.

Usage (one run per commit, from an export of each, on the same index)::

    PYTHONPATH=. .venv/bin/python scripts/bench_answers.py --index INDEX --queries 100 --out before.json
    .venv/bin/python scripts/bench_answers.py --compare before.json after.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))


def run(index: Path, queries: int, seed: int, out: Path) -> dict:
    from bench_scale import _sample

    from matcher.encoders import default_encoder
    from matcher.recommend import Matcher

    encoder = default_encoder()
    encoder.encode_queries(["warm-up"])
    start = time.perf_counter()
    matcher = Matcher.load(index, encoder=encoder, verify=False)
    result: dict = {"load_s": round(time.perf_counter() - start, 2)}
    ids_p, ids_c = matcher.corpus.packages.arrays.ids, matcher.corpus.candidates.arrays.ids
    pkg_rows, cand_rows = _sample(len(ids_p), len(ids_c), queries, seed)
    pkg_ids, cand_ids = [ids_p[j] for j in pkg_rows], [ids_c[i] for i in cand_rows]
    matcher.for_vacancy(pkg_ids[0])  # warm-up, as bench_scale.py does
    matcher.for_candidate(cand_ids[0])
    answers = {}
    for label, query, keys in (
        ("vacancy_to_candidates", matcher.for_vacancy, pkg_ids),
        ("candidate_to_packages", matcher.for_candidate, cand_ids),
    ):
        seconds = []
        for key in keys:
            t = time.perf_counter()
            found = query(key, k=20)
            seconds.append(time.perf_counter() - t)
            answers[f"{label}:{key}"] = [m.to_dict() for m in found]
        ms = np.asarray(seconds) * 1000
        result[label] = {
            "p50_ms": round(float(np.percentile(ms, 50)), 1),
            "p95_ms": round(float(np.percentile(ms, 95)), 1),
            "mean_ms": round(float(ms.mean()), 1),
        }
    out.write_text(json.dumps(answers, default=str), encoding="utf-8")
    return result


def compare(a: Path, b: Path) -> dict:
    first, second = json.loads(a.read_text(encoding="utf-8")), json.loads(b.read_text(encoding="utf-8"))
    if first.keys() != second.keys():
        raise SystemExit(f"{a} and {b} answer different queries; run both with the same --queries and --seed")
    same_ids = same_all = 0
    largest = 0.0
    for key, answer in first.items():
        other = second[key]
        ids = [(m["candidate_id"], m["package_id"]) for m in answer]
        if ids == [(m["candidate_id"], m["package_id"]) for m in other]:
            same_ids += 1
            largest = max([largest] + [abs(x["score"] - y["score"]) for x, y in zip(answer, other, strict=True)])
        same_all += answer == other
    return {"queries": len(first), "same_ids_in_order": same_ids, "identical": same_all, "max_score_diff": largest}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--index", type=Path, help="a saved index folder")
    parser.add_argument("--queries", type=int, default=100, help="queries per direction")
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--out", type=Path, help="write every answer here (JSON)")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("A", "B"), help="compare two answer files")
    args = parser.parse_args()
    if args.compare:
        print(json.dumps(compare(*args.compare)))
        return
    if args.index is None or args.out is None:
        parser.error("give --index and --out (or --compare A B)")
    print(json.dumps(run(args.index, args.queries, args.seed, args.out)))


if __name__ == "__main__":
    main()
