"""Benchmark: query latency of the Matcher after the index is built (issue 3's performance target).

Measures, on a world folder (``python -m evaluation world ...``) or the sample data:
- build time of the Matcher (encode both sides, faiss indexes, durability model) and peak memory;
- vacancy -> top-k explained candidates: p50 / p95 / max over random vacancies;
- candidate -> top-k explained packages: likewise;
- a naive baseline in the same run: the scalar ``check_pair`` over every candidate for one vacancy
  (the hard rule without vectorisation), reported as a ratio.

Usage::

    .venv/bin/python scripts/bench_matcher.py --data /tmp/world-10k --queries 200 [--encoder default|hashing|PATH]

Prints one JSON object; copy the figures into docs/BENCHMARKS.md with the command and the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import time
from pathlib import Path

import numpy as np
from bench_common import cpu_model

from evaluation.dataset import load_benchmark
from matcher.constraints import check_pair
from matcher.encoders import encoder_from_choice
from matcher.recommend import Matcher


def _percentiles(seconds: list[float]) -> dict[str, float]:
    ms = np.array(seconds) * 1000
    return {
        "p50_ms": round(float(np.percentile(ms, 50)), 2),
        "p95_ms": round(float(np.percentile(ms, 95)), 2),
        "max_ms": round(float(ms.max()), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--encoder", default="default")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    encoder = encoder_from_choice(args.encoder)
    data = load_benchmark(args.data)
    candidates, packages, placements = data.candidates, data.packages, data.placements

    start = time.perf_counter()
    matcher = Matcher(encoder=encoder).fit(candidates, packages, placements=placements)
    build_s = time.perf_counter() - start

    rng = np.random.default_rng(args.seed)
    pkg_ids = [
        packages[i].id for i in rng.choice(len(packages), min(args.queries, len(packages)), replace=False)
    ]
    cand_ids = [
        candidates[i].id
        for i in rng.choice(len(candidates), min(args.queries, len(candidates)), replace=False)
    ]
    matcher.for_vacancy(pkg_ids[0], k=args.k)  # warm-up (first calls touch lazily built tables)
    matcher.for_candidate(cand_ids[0], k=args.k)

    vacancy_times, candidate_times, results = [], [], []
    for pid in pkg_ids:
        t = time.perf_counter()
        results.append(len(matcher.for_vacancy(pid, k=args.k)))
        vacancy_times.append(time.perf_counter() - t)
    for cid in cand_ids:
        t = time.perf_counter()
        matcher.for_candidate(cid, k=args.k)
        candidate_times.append(time.perf_counter() - t)

    naive = []
    for pid in pkg_ids[:5]:
        package = next(p for p in packages if p.id == pid)
        t = time.perf_counter()
        for c in candidates:
            check_pair(c, package)
        naive.append(time.perf_counter() - t)

    report = {
        "data": str(args.data),
        "candidates": len(candidates),
        "packages": len(packages),
        "placements": len(placements),
        "encoder": encoder.name,
        "k": args.k,
        "build_s": round(build_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "vacancy_to_candidates": _percentiles(vacancy_times),
        "candidate_to_packages": _percentiles(candidate_times),
        "mean_results_per_vacancy": round(float(np.mean(results)), 1),
        "naive_hard_rule_only_ms": round(float(np.median(naive)) * 1000, 1),
        "speedup_vs_naive_p50": round(float(np.median(naive)) / float(np.median(vacancy_times)), 1),
        "machine": f"{os.cpu_count()} cores, {cpu_model()}, python {platform.python_version()}",
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
