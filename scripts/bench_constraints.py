"""Timing of matcher.constraints on synthetic records (seeded). Run: .venv/bin/python scripts/bench_constraints.py"""

from __future__ import annotations

import resource
import statistics
import time
from datetime import date, timedelta

import numpy as np

from matcher.constraints import CandidateArrays, PackageArrays, check_pair, eligibility, iter_eligibility
from matcher.contract import load_contract
from matcher.schema import (
    Accommodation,
    Candidate,
    CandidateHours,
    CandidateSchedule,
    Capacities,
    Location,
    PackageHours,
    PackageSchedule,
    Travel,
    WorkPackage,
)

C = load_contract()
rng = np.random.default_rng(0)
munis = list(C.municipalities)[:40]
codes = C.fml_codes


def pick(vocab, p=0.5):
    return tuple(v for v in vocab if rng.random() < p)


def maybe(x, p=0.1):
    return None if rng.random() < p else x


def cand(i):
    return Candidate(
        id=f"K{i}",
        available_from=maybe(date(2025, 1, 1) + timedelta(int(rng.integers(0, 90)))),
        location=Location(munis[rng.integers(len(munis))]),
        travel=Travel(
            int(rng.integers(15, 90)), pick(C.travel_modes, 0.4) or ("fiets",), bool(rng.random() < 0.2)
        ),
        hours=CandidateHours(
            int(rng.integers(8, 24)), int(rng.integers(24, 40)), maybe(int(rng.integers(4, 9)))
        ),
        schedule=CandidateSchedule(pick(C.days, 0.8), pick(tuple(C.dayparts), 0.6), bool(rng.random() < 0.3)),
        capacities=Capacities(
            assessed=bool(rng.random() < 0.7),
            levels={c: int(rng.integers(0, C.fml[c].max_level + 1)) for c in codes if rng.random() < 0.3},
        ),
        needs=maybe(pick(tuple(C.needs_offers), 0.1)),
    )


def pkg(j):
    return WorkPackage(
        id=f"P{j}",
        employer="e",
        sector="gemeenten",
        title="t",
        location=Location(munis[rng.integers(len(munis))]),
        hours=PackageHours(int(rng.integers(8, 36)), maybe(int(rng.integers(3, 8)))),
        schedule=PackageSchedule(
            pick(C.days[:5], 0.6), pick(("ochtend", "middag"), 0.6), bool(rng.random() < 0.5)
        ),
        demands={c: int(rng.integers(0, C.fml[c].max_level + 1)) for c in codes if rng.random() < 0.8},
        accommodations=(Accommodation("a", {"DH01": 1}, True),),
        offers=pick(tuple(C.needs_offers), 0.5),
        start=maybe(date(2025, 2, 1) + timedelta(int(rng.integers(0, 60)))),
    )


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return out, times


cands = [cand(i) for i in range(10_000)]
pkgs = [pkg(j) for j in range(5_000)]
t = time.perf_counter()
ca = CandidateArrays.build(cands)
t_bc = time.perf_counter() - t
t = time.perf_counter()
pa = PackageArrays.build(pkgs)
t_bp = time.perf_counter() - t
print(f"build: 10,000 candidates {t_bc * 1000:.0f} ms; 5,000 packages {t_bp * 1000:.0f} ms")
eligibility(ca, pa, cols=[0])  # warm the travel table and caches

res, times = timed(lambda: eligibility(ca, pa, cols=[17]), 300)
print(
    f"10,000 x 1 (one vacancy): median {statistics.median(times) * 1000:.2f} ms, "
    f"p90 {np.percentile(times, 90) * 1000:.2f} ms, min {min(times) * 1000:.2f} ms over 300 runs; "
    f"eligible {int(res.eligible.sum())}"
)
res, times = timed(lambda: eligibility(ca, pa, rows=[17]), 100)
print(
    f"1 x 5,000 (one candidate): median {statistics.median(times) * 1000:.2f} ms; eligible {int(res.eligible.sum())}"
)

t = time.perf_counter()
scalar = [check_pair(c, pkgs[17]) for c in cands[:1000]]
t_scalar = (time.perf_counter() - t) * 10
print(f"scalar check_pair loop, 10,000 x 1 (extrapolated from 1,000): {t_scalar * 1000:.0f} ms")

rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
n_eligible = 0
n_blocks = 0
for block in iter_eligibility(ca, pa):
    n_eligible += int(block.eligible.sum())
    n_blocks += 1
t_iter = time.perf_counter() - t
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(
    f"10,000 x 5,000 via iter_eligibility: {t_iter:.2f} s in {n_blocks} blocks "
    f"({t_iter / 5e7 * 1e9:.0f} ns/pair); eligible pairs {n_eligible}; peak RSS grew {(rss1 - rss0) / 1024:.0f} MB"
)
t = time.perf_counter()
full = eligibility(ca, pa)
t_full = time.perf_counter() - t
rss2 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(
    f"10,000 x 5,000 via eligibility (full result, 5 B/pair = 250 MB): {t_full:.2f} s; "
    f"peak RSS grew further {(rss2 - rss1) / 1024:.0f} MB; eligible {int(full.eligible.sum())}"
)
