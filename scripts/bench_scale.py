"""Benchmark: Matcher build and query time and memory at 1k to 300k candidates, against a naive baseline.

DESIGN.md section 7 (Performance). For every size the script

1. makes (or reuses) a seeded synthetic world with ``python -m evaluation world``;
2. runs one child process for **our** Matcher (shipped encoder and ranker, as the app builds it):
   world load time, Matcher build time with a breakdown by part, vacancy -> top-k explained
   candidates and candidate -> top-k explained packages (p50 / p95 / max over a seeded sample),
   peak RSS of the process;
3. runs a second child process for the **naive** baseline on the same world and the same sample:
   build = one encoder call per record over its whole profile text (no clause banks, no TF-IDF, no
   index, no hard-rule arrays, no durability model); query = the scalar ``check_pair`` over every
   record of the other side, a brute-force numpy cosine over every record and a full sort, top k
   eligible (no explanations: the naive query does less work than ours);
4. records the load average before and after, and writes one JSON object per size (JSON Lines).

Two children per size, so each peak RSS belongs to one system at one size.

Usage::

    .venv/bin/python scripts/bench_scale.py --sizes 1000,10000,100000,300000 \\
        --json reports/bench_scale.jsonl --markdown reports/bench_scale.md
    .venv/bin/python scripts/bench_scale.py --table reports/bench_scale.jsonl   # table only

Ratios: query speed-up = naive / ours (median naive query over our p50); build and memory = ours /
naive (what the index, clause banks, TF-IDF and hard-rule arrays cost on top of plain embeddings).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from bench_common import cpu_model

ROOT = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------------------------------
# Pure helpers (tested in tests/test_bench_scale.py)
# --------------------------------------------------------------------------------------------------


def parse_sizes(text: str) -> list[int]:
    """``"1000,10k,0.1m"`` -> ``[1000, 10000, 100000]``; raises ValueError on a bad or non-positive size."""
    sizes = []
    for raw in text.split(","):
        item = raw.strip().lower()
        if not item:
            continue
        scale = {"k": 1_000, "m": 1_000_000}.get(item[-1], 1)
        number = item[:-1] if scale > 1 else item
        try:
            value = float(number) * scale
        except ValueError:
            raise ValueError(f"--sizes: {raw!r} is not a number (e.g. 1000, 10k or 0.3m)") from None
        if value < 1 or value != int(value):
            raise ValueError(f"--sizes: {raw!r} must be a positive whole number of candidates")
        sizes.append(int(value))
    if not sizes:
        raise ValueError("--sizes: expected at least one size, e.g. 1000,10000")
    return sizes


def naive_query_count(size: int) -> int:
    """How many naive queries to time at ``size`` candidates: the scalar rule costs ~0.1 ms per pair."""
    if size <= 10_000:
        return 5
    if size <= 100_000:
        return 3
    return 2


def percentiles(seconds: Sequence[float]) -> dict[str, float]:
    """p50 / p95 / max / mean in milliseconds, rounded to 0.01 ms; empty input gives NaN."""
    if len(seconds) == 0:
        return {key: float("nan") for key in ("p50_ms", "p95_ms", "max_ms", "mean_ms")} | {"n": 0}
    ms = np.asarray(seconds, dtype=float) * 1000
    return {
        "p50_ms": round(float(np.percentile(ms, 50)), 2),
        "p95_ms": round(float(np.percentile(ms, 95)), 2),
        "max_ms": round(float(ms.max()), 2),
        "mean_ms": round(float(ms.mean()), 2),
        "n": len(ms),
    }


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator`` rounded to 3 significant digits; None when either is missing or 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    if not (np.isfinite(numerator) and np.isfinite(denominator)):
        return None
    value = numerator / denominator
    return float(f"{value:.3g}")


def ratios(ours: dict[str, Any], naive: dict[str, Any]) -> dict[str, float | None]:
    """Speed-ups (naive / ours) for the two query directions; cost factors (ours / naive) for build and RSS."""
    return {
        "vacancy_speedup": ratio(
            naive.get("vacancy_to_candidates", {}).get("p50_ms"),
            ours.get("vacancy_to_candidates", {}).get("p50_ms"),
        ),
        "candidate_speedup": ratio(
            naive.get("candidate_to_packages", {}).get("p50_ms"),
            ours.get("candidate_to_packages", {}).get("p50_ms"),
        ),
        "build_cost": ratio(ours.get("build_s"), naive.get("build_s")),
        "memory_cost": ratio(ours.get("peak_rss_mb"), naive.get("peak_rss_mb")),
    }


def _fmt(value: float | None, unit: str = "", digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return "–"
    if abs(value) >= 1000:
        return f"{value:,.0f}{unit}"
    return f"{value:.{digits}f}{unit}"


def _times(value: float | None) -> str:
    return "–" if value is None else f"{value:,.3g}×"


def _ms_pair(block: dict[str, Any] | None) -> str:
    if not block:
        return "–"
    return f"{_fmt(block.get('p50_ms'))} / {_fmt(block.get('p95_ms'))}"


TABLE_HEADER = (
    "| candidates | load s | build s (naive) | build × | peak RSS MB (naive) | memory × "
    "| vacancy → 20 p50 / p95 ms | naive ms | speed-up "
    "| candidate → 20 p50 / p95 ms | naive ms | speed-up | wall s | load avg before → after |"
)


def markdown_table(rows: Sequence[dict[str, Any]]) -> str:
    """One Markdown table row per size record (as written by this script), sizes ascending.

    A size whose child failed shows its error instead of the figures it lacks.
    """
    lines = [TABLE_HEADER, "|" + "---|" * (TABLE_HEADER.count("|") - 1)]
    for row in sorted(rows, key=lambda r: r["size"]):
        ours, naive, r = row.get("ours") or {}, row.get("naive") or {}, row.get("ratios") or {}
        before, after = row.get("load_before") or [None], row.get("load_after") or [None]
        cells = [
            f"{row['size']:,}",
            _fmt(ours.get("load_s")),
            f"{_fmt(ours.get('build_s'))} ({_fmt(naive.get('build_s'))})",
            _times(r.get("build_cost")),
            f"{_fmt(ours.get('peak_rss_mb'), digits=0)} ({_fmt(naive.get('peak_rss_mb'), digits=0)})",
            _times(r.get("memory_cost")),
            _ms_pair(ours.get("vacancy_to_candidates")),
            _fmt((naive.get("vacancy_to_candidates") or {}).get("p50_ms")),
            _times(r.get("vacancy_speedup")),
            _ms_pair(ours.get("candidate_to_packages")),
            _fmt((naive.get("candidate_to_packages") or {}).get("p50_ms")),
            _times(r.get("candidate_speedup")),
            _fmt(row.get("wall_s"), digits=0),
            f"{_fmt(before[0], digits=2)} → {_fmt(after[0], digits=2)}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
        for side in ("ours", "naive"):
            error = (row.get(side) or {}).get("error")
            if error:
                lines.append(f"| {row['size']:,} | {side} failed: {error} |" + " |" * (len(cells) - 2))
    return "\n".join(lines)


INDEX_HEADER = (
    "| candidates | build s: in memory / saved index | peak RSS MB: in memory / build | load s | "
    "RSS MB after load / after queries | vacancy → 20 p50 / p95 ms: in memory / index | "
    "candidate → 20 p50 / p95 ms: in memory / index | two processes: Rss / Pss MB each | "
    "update of 1,000 s | app: first vacancy s |"
)


def index_table(rows: Sequence[dict[str, Any]]) -> str:
    """The saved index beside the in-memory build, one Markdown row per size (``--systems ours,index``)."""
    lines = [INDEX_HEADER, "|" + "---|" * (INDEX_HEADER.count("|") - 1)]
    for row in sorted(rows, key=lambda r: r["size"]):
        ours, built, served = row.get("ours") or {}, row.get("index") or {}, row.get("served") or {}
        two = served.get("two_processes") or {}
        pair = " / ".join(
            f"{_fmt(two.get(side, {}).get('rss_mb'), digits=0)} / {_fmt(two.get(side, {}).get('pss_mb'), digits=0)}"
            for side in ("this", "peer")
        )
        cells = [
            f"{row['size']:,}",
            f"{_fmt(ours.get('build_s'))} / {_fmt(built.get('build_s'))}",
            f"{_fmt(ours.get('peak_rss_mb'), digits=0)} / {_fmt(built.get('peak_rss_mb'), digits=0)}",
            _fmt(served.get("load_s")),
            f"{_fmt((served.get('after_load') or {}).get('rss_mb'), digits=0)} / "
            f"{_fmt((served.get('after_queries') or {}).get('rss_mb'), digits=0)}",
            f"{_ms_pair(ours.get('vacancy_to_candidates'))} / {_ms_pair(served.get('vacancy_to_candidates'))}",
            f"{_ms_pair(ours.get('candidate_to_packages'))} / {_ms_pair(served.get('candidate_to_packages'))}",
            pair,
            _fmt(served.get("update_1000_s")),
            _fmt((served.get("app_first_vacancy") or {}).get("seconds_from_streamlit_run")),
        ]
        lines.append("| " + " | ".join(cells) + " |")
        for side in ("ours", "index", "served"):
            error = (row.get(side) or {}).get("error")
            if error:
                lines.append(f"| {row['size']:,} | {side} failed: {error} |" + " |" * (len(cells) - 2))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# Child processes
# --------------------------------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _children_peak_rss_mb() -> float:
    """Largest peak RSS of this process's finished children (the n-gram counting process of a build)."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def _current_rss_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def _sample(n_packages: int, n_candidates: int, count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The query sample: package rows and candidate rows, the same in both children."""
    rng = np.random.default_rng(seed)
    pkg = rng.choice(n_packages, min(count, n_packages), replace=False)
    cand = rng.choice(n_candidates, min(count, n_candidates), replace=False)
    return pkg, cand


def _load_world(data: Path) -> tuple[tuple, tuple, tuple, dict[str, Any]]:
    from matcher.io import read_candidates, read_packages, read_placements

    start = time.perf_counter()
    cands = read_candidates(data / "candidates.jsonl")
    pkgs = read_packages(data / "vacancies.jsonl")
    path = data / "placements.jsonl"
    places = read_placements(path) if path.exists() else None
    info = {
        "load_s": round(time.perf_counter() - start, 2),
        "problems": len(cands.problems) + len(pkgs.problems) + (len(places.problems) if places else 0),
    }
    return cands.records, pkgs.records, places.records if places else (), info


class _PhaseTimer:
    """Wraps named callables so their cumulative wall time is recorded; behaviour is unchanged."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.peak_rise_mb: dict[str, float] = defaultdict(float)

    def wrap(self, label: str, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            start, peak = time.perf_counter(), _peak_rss_mb()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - start
                self.calls[label] += 1
                self.peak_rise_mb[label] += _peak_rss_mb() - peak

        return timed

    def install(self) -> None:
        """Time the parts of ``Matcher.__init__`` (module attributes are replaced in this process only)."""
        import matcher.features as features
        import matcher.recommend as recommend
        from matcher.index import VectorIndex

        features.candidate_text = self.wrap("texts", features.candidate_text)
        features.package_text = self.wrap("texts", features.package_text)
        features._encode_field = self.wrap("encode fields", features._encode_field)
        bank = features.ClauseBank
        bank.build = classmethod(self.wrap("encode clauses", bank.__dict__["build"].__func__))
        features.Lexical.fit = staticmethod(
            self.wrap("character tf-idf", features.Lexical.__dict__["fit"].__func__)
        )
        # Large data: the n-grams are counted in a second process during the encoding; what is
        # left here is writing the texts for it and waiting for (and reading) its result.
        job = features.LexicalFit
        job.start = classmethod(self.wrap("character tf-idf: start process", job.__dict__["start"].__func__))
        job.result = self.wrap("character tf-idf: wait and read", job.result)
        features.CandidateArrays.build = classmethod(
            self.wrap("hard-rule arrays", features.CandidateArrays.__dict__["build"].__func__)
        )
        features.PackageArrays.build = classmethod(
            self.wrap("hard-rule arrays", features.PackageArrays.__dict__["build"].__func__)
        )
        features._side_numbers_candidates = self.wrap("side numbers", features._side_numbers_candidates)
        VectorIndex.build = classmethod(self.wrap("faiss indexes", VectorIndex.__dict__["build"].__func__))
        recommend.Matcher._fit_durability = self.wrap("durability model", recommend.Matcher._fit_durability)
        recommend.Matcher._default_scorer = self.wrap("ranker load", recommend.Matcher._default_scorer)

    def install_query(self) -> None:
        """Time the steps of a query (hard rule, dense retrieval, features, explanation parts)."""
        import matcher.recommend as recommend

        recommend.eligibility = self.wrap("hard rule", recommend.eligibility)
        recommend.check_pair = self.wrap("explanation checks", recommend.check_pair)
        recommend.overlap = self.wrap("explanation competences", recommend.overlap)
        m = recommend.Matcher
        m._retrieve = self.wrap("dense retrieval", m._retrieve)
        m._features_and_design = self.wrap("pair features and durability", m._features_and_design)
        m._evidence = self.wrap("explanation text evidence", m._evidence)

    def per_call_ms(self, total: float, calls: int) -> dict[str, float]:
        """Mean milliseconds per query of each step over ``calls`` queries taking ``total`` seconds."""
        parts = {
            k: round(v / calls * 1000, 2) for k, v in sorted(self.seconds.items(), key=lambda kv: -kv[1])
        }
        parts["other"] = round((total - sum(self.seconds.values())) / calls * 1000, 2)
        return parts

    def report(self, total: float) -> dict[str, Any]:
        """Seconds per part (``other``: the rest of the build) and how much each part raised peak RSS."""
        parts = {k: round(v, 2) for k, v in sorted(self.seconds.items(), key=lambda kv: -kv[1])}
        # No wrapped call runs inside another, so the rest is other work.
        parts["other"] = round(total - sum(self.seconds.values()), 2)
        rise = {k: round(v) for k, v in sorted(self.peak_rise_mb.items(), key=lambda kv: -kv[1]) if v >= 1}
        return {"seconds": parts, "peak_rss_rise_mb": rise}


def _nbytes(value: Any) -> int:
    import scipy.sparse as sp

    if isinstance(value, np.ndarray):
        return value.nbytes
    if sp.issparse(value):
        return value.data.nbytes + value.indices.nbytes + value.indptr.nbytes
    if hasattr(value, "vectors") and hasattr(value, "start"):  # ClauseBank
        return value.vectors.nbytes + value.start.nbytes
    return 0


def _array_sizes(matcher) -> dict[str, float]:
    """Megabytes held in the main numpy / sparse arrays of the corpus (text and records not counted)."""
    import dataclasses

    out: dict[str, float] = {}
    for side in ("candidates", "packages"):
        obj = getattr(matcher.corpus, side)
        for field in dataclasses.fields(obj):
            size = _nbytes(getattr(obj, field.name))
            if size > 1 << 20:
                out[f"{side}.{field.name}"] = round(size / 2**20, 1)
    out["candidates.lexical_nnz"] = matcher.corpus.candidates.lexical.nnz
    return out


def _warm_encoder() -> tuple[Any, dict[str, Any]]:
    """The shipped encoder, loaded and warmed up, with its name and load time for the result."""
    start = time.perf_counter()
    from matcher.encoders import default_encoder

    encoder = default_encoder()
    encoder.encode_queries(["warm-up"])
    return encoder, {"encoder": encoder.name, "encoder_load_s": round(time.perf_counter() - start, 2)}


def child_ours(args: argparse.Namespace) -> dict[str, Any]:
    """Our Matcher, as the app builds it: shipped encoder, shipped ranker, placements for durability."""
    from matcher.recommend import Matcher

    encoder, out = _warm_encoder()
    out["rss_after_encoder_mb"] = _current_rss_mb()
    cands, pkgs, places, info = _load_world(args.data)
    out |= info
    out["rss_after_load_mb"] = _current_rss_mb()
    timer = _PhaseTimer()
    timer.install()
    start = time.perf_counter()
    matcher = Matcher(encoder=encoder).fit(cands, pkgs, placements=places)
    build_s = time.perf_counter() - start
    out |= {
        "build_s": round(build_s, 2),
        "build_parts": timer.report(build_s),
        "scorer": matcher.scorer_source,
        "peak_rss_after_build_mb": _peak_rss_mb(),
        "rss_after_build_mb": _current_rss_mb(),
        "arrays_mb": _array_sizes(matcher),
    }
    pkg_rows, cand_rows = _sample(len(pkgs), len(cands), args.queries, args.seed)
    pkg_ids = [pkgs[j].id for j in pkg_rows]
    cand_ids = [cands[i].id for i in cand_rows]
    matcher.for_vacancy(pkg_ids[0], k=args.k)  # warm-up: the first calls touch lazily built tables
    matcher.for_candidate(cand_ids[0], k=args.k)
    vacancy, candidate, found_v, found_c = [], [], [], []
    for pid in pkg_ids:
        t = time.perf_counter()
        found_v.append(len(matcher.for_vacancy(pid, k=args.k)))
        vacancy.append(time.perf_counter() - t)
    for cid in cand_ids:
        t = time.perf_counter()
        found_c.append(len(matcher.for_candidate(cid, k=args.k)))
        candidate.append(time.perf_counter() - t)
    out |= {
        "vacancy_to_candidates": percentiles(vacancy),
        "candidate_to_packages": percentiles(candidate),
        "mean_results_per_vacancy": round(float(np.mean(found_v)), 1),
        "mean_results_per_candidate": round(float(np.mean(found_c)), 1),
        "peak_rss_mb": _peak_rss_mb(),
        "peak_rss_children_mb": _children_peak_rss_mb(),
    }
    # Where a query's time goes: a second pass over part of the sample with the steps timed (after
    # the timed pass above, so the wrappers cannot touch its figures).
    parts = {}
    for label, query, ids in (
        ("vacancy_to_candidates", matcher.for_vacancy, pkg_ids),
        ("candidate_to_packages", matcher.for_candidate, cand_ids),
    ):
        timer = _PhaseTimer()
        timer.install_query()
        sample = ids[:50]
        start = time.perf_counter()
        for key in sample:
            query(key, k=args.k)
        parts[label] = timer.per_call_ms(time.perf_counter() - start, len(sample))
        _uninstall_query()
    out["query_parts_ms"] = parts
    return out


def _smaps(pid: int | str = "self") -> dict[str, float]:
    """Rss, Pss and the shared part of a process, MB, from ``/proc/PID/smaps_rollup``."""
    out = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("Rss", "Pss", "Shared_Clean", "Shared_Dirty", "Private_Clean", "Private_Dirty"):
            out[key.lower() + "_mb"] = round(int(rest.split()[0]) / 1024, 1)
    return out


def _index_folder(args: argparse.Namespace) -> Path:
    return args.data.parent / f"index-{args.data.name}"


def child_index(args: argparse.Namespace) -> dict[str, Any]:
    """``banenmatch build`` in-process: fit as the app would, then save the versioned index folder."""
    import shutil

    from matcher.recommend import Matcher

    encoder, out = _warm_encoder()
    cands, pkgs, places, info = _load_world(args.data)
    out |= info
    timer = _PhaseTimer()
    timer.install()
    start = time.perf_counter()
    matcher = Matcher(encoder=encoder).fit(cands, pkgs, placements=places)
    fit_s = time.perf_counter() - start
    out["fit_parts"] = timer.report(fit_s)
    folder = _index_folder(args)
    shutil.rmtree(folder, ignore_errors=True)
    t = time.perf_counter()
    version = matcher.save(folder)
    save_s = time.perf_counter() - t
    disk = sum(f.stat().st_size for f in version.rglob("*") if f.is_file())
    return out | {
        "fit_s": round(fit_s, 2),
        "save_s": round(save_s, 2),
        "build_s": round(fit_s + save_s, 2),
        "index_gb": round(disk / 2**30, 2),
        "peak_rss_mb": _peak_rss_mb(),
        "peak_rss_children_mb": _children_peak_rss_mb(),
    }


def child_peer(args: argparse.Namespace) -> None:
    """A second process on the same index: load, answer queries, say so, then wait to be measured."""
    from matcher.recommend import Matcher

    matcher = Matcher.load(_index_folder(args))
    pkg_rows, cand_rows = _sample(len(matcher.packages), len(matcher.candidates), args.queries, args.seed)
    for j in pkg_rows[:50]:
        matcher.for_vacancy(matcher.corpus.packages.arrays.ids[j], k=args.k)
    for i in cand_rows[:50]:
        matcher.for_candidate(matcher.corpus.candidates.arrays.ids[i], k=args.k)
    print("ready", flush=True)
    sys.stdin.readline()


def child_served(args: argparse.Namespace) -> dict[str, Any]:
    """Answer from the saved index: load, queries both ways, memory shared with a second process,
    an update of 1,000 changed candidates, and the app's first vacancy on the index."""

    from matcher.recommend import Matcher

    folder = _index_folder(args)
    encoder, out = _warm_encoder()
    rss0 = _smaps()
    start = time.perf_counter()
    matcher = Matcher.load(folder, encoder=encoder)
    out["load_s"] = round(time.perf_counter() - start, 2)
    out["after_load"] = _smaps()
    out["before_load"] = rss0
    ids_p, ids_c = matcher.corpus.packages.arrays.ids, matcher.corpus.candidates.arrays.ids
    pkg_rows, cand_rows = _sample(len(ids_p), len(ids_c), args.queries, args.seed)
    pkg_ids, cand_ids = [ids_p[j] for j in pkg_rows], [ids_c[i] for i in cand_rows]
    matcher.for_vacancy(pkg_ids[0], k=args.k)
    matcher.for_candidate(cand_ids[0], k=args.k)
    vacancy, candidate = [], []
    for pid in pkg_ids:
        t = time.perf_counter()
        matcher.for_vacancy(pid, k=args.k)
        vacancy.append(time.perf_counter() - t)
    for cid in cand_ids:
        t = time.perf_counter()
        matcher.for_candidate(cid, k=args.k)
        candidate.append(time.perf_counter() - t)
    out |= {"vacancy_to_candidates": percentiles(vacancy), "candidate_to_packages": percentiles(candidate)}
    out["after_queries"] = _smaps()
    command = [sys.executable, str(Path(__file__).resolve()), "--child", "peer", "--data", str(args.data)]
    command += ["--queries", str(args.queries), "--k", str(args.k), "--seed", str(args.seed)]
    peer = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        peer.stdout.readline()
        out["two_processes"] = {"this": _smaps(), "peer": _smaps(peer.pid)}
    finally:
        peer.communicate("go\n", timeout=60)
    rng = np.random.default_rng(args.seed + 1)
    del matcher
    out["update_1000_s"] = _update_1000(folder, encoder, rng, "Ik wil graag buiten werken in het groen.")
    out["peak_rss_mb"] = _peak_rss_mb()
    # The updated index answers as fast (its candidates' clauses and n-grams are now in two parts),
    # and a second update starts from parts rather than from a full build's single arrays.
    updated = Matcher.load(folder, encoder=encoder)
    updated.for_vacancy(pkg_ids[0], k=args.k)
    after = []
    for pid in pkg_ids:
        t = time.perf_counter()
        updated.for_vacancy(pid, k=args.k)
        after.append(time.perf_counter() - t)
    out["vacancy_after_update"] = percentiles(after)
    del updated
    out["second_update_1000_s"] = _update_1000(folder, encoder, rng, "Liever binnen, in een rustige ruimte.")
    out["app_first_vacancy"] = _app_first_vacancy(folder, encoder)
    return out


def _update_1000(folder: Path, encoder, rng: np.random.Generator, wishes: str) -> float:
    """Seconds of ``persist.update`` for 1,000 (or all) candidates of the index given other ``wishes``."""
    import dataclasses

    from matcher import persist
    from matcher.recommend import Matcher

    matcher = Matcher.load(folder, encoder=encoder, verify=False)
    rows = np.sort(rng.choice(len(matcher.candidates), min(1000, len(matcher.candidates)), replace=False))
    changed = [dataclasses.replace(matcher.candidates[int(i)], wishes=wishes) for i in rows]
    del matcher
    start = time.perf_counter()
    persist.update(folder, candidates=changed, encoder=encoder, change={"candidates": len(changed)})
    return round(time.perf_counter() - start, 2)


def _app_first_vacancy(folder: Path, encoder) -> dict[str, Any]:
    """Seconds from ``streamlit run`` with BANENMATCH_INDEX to the first vacancy's top candidate on screen
    (Debian's chromium via Playwright: open, log in as adviser, wait for the result)."""
    import tempfile

    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from bench_app import _start, _stop

    from matcher.recommend import Matcher
    from tests.app.server import CHROMIUM, CHROMIUM_ARGS

    matcher = Matcher.load(folder, encoder=encoder)
    first = matcher.packages[0].id
    top = matcher.for_vacancy(first, k=10)
    del matcher
    if not top:
        return {"error": f"the first vacancy {first} has no eligible candidate"}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        env = {"BANENMATCH_INDEX": str(folder), "BANENMATCH_VAR": str(Path(tmp) / "var")}
        from webapp.auth import ensure_users_file

        ensure_users_file(Path(tmp) / "var" / "users.yaml")  # bcrypt hashing is not what is measured
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        process, url, start = _start(env, Path(tmp) / "app.log")
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.get_by_label("Gebruikersnaam").fill("adviseur")
            page.get_by_label("Wachtwoord").fill("adviseur-demo")
            page.get_by_role("button", name="Inloggen").click()
            page.get_by_text(f"1. Kandidaat {top[0].candidate_id}", exact=True).wait_for(timeout=300_000)
            seconds = time.perf_counter() - start
        finally:
            _stop(process)
            browser.close()
    return {"vacancy": first, "seconds_from_streamlit_run": round(seconds, 2)}


def _uninstall_query() -> None:
    import matcher.recommend as recommend

    for name in ("eligibility", "check_pair", "overlap"):
        setattr(recommend, name, getattr(recommend, name).__wrapped__)
    for name in ("_retrieve", "_features", "_evidence"):
        setattr(recommend.Matcher, name, getattr(recommend.Matcher, name).__wrapped__)


def child_naive(args: argparse.Namespace) -> dict[str, Any]:
    """The no-index, no-vectorised-rule way: embed each profile once; per query scan, check, sort."""
    from matcher.constraints import check_pair, is_eligible
    from matcher.text import candidate_text, package_text

    encoder, out = _warm_encoder()
    cands, pkgs, _, info = _load_world(args.data)
    out |= info
    start = time.perf_counter()
    cand_vecs = encoder.encode_documents([candidate_text(c).profile for c in cands])
    pkg_vecs = encoder.encode_queries([package_text(p).profile for p in pkgs])
    out["build_s"] = round(time.perf_counter() - start, 2)
    out["peak_rss_after_build_mb"] = _peak_rss_mb()

    count = args.naive_queries or naive_query_count(len(cands))
    pkg_rows, cand_rows = _sample(len(pkgs), len(cands), args.queries, args.seed)

    def top(query: np.ndarray, vectors: np.ndarray, eligible: list[bool]) -> list[int]:
        order = np.argsort(-(vectors @ query), kind="stable")
        return [int(i) for i in order if eligible[i]][: args.k]

    vacancy, candidate, found_v = [], [], []
    for j in pkg_rows[:count]:
        t = time.perf_counter()
        eligible = [is_eligible(check_pair(c, pkgs[j])) for c in cands]
        found_v.append(len(top(pkg_vecs[j], cand_vecs, eligible)))
        vacancy.append(time.perf_counter() - t)
    for i in cand_rows[:count]:
        t = time.perf_counter()
        eligible = [is_eligible(check_pair(cands[i], p)) for p in pkgs]
        top(cand_vecs[i], pkg_vecs, eligible)
        candidate.append(time.perf_counter() - t)
    out |= {
        "vacancy_to_candidates": percentiles(vacancy),
        "candidate_to_packages": percentiles(candidate),
        "mean_results_per_vacancy": round(float(np.mean(found_v)), 1),
        "peak_rss_mb": _peak_rss_mb(),
    }
    return out


# --------------------------------------------------------------------------------------------------
# Parent
# --------------------------------------------------------------------------------------------------


def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "matcher", "scripts/bench_scale.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}+local changes" if dirty else head


def world_folder(root: Path, size: int, seed: int, n_packages: int) -> Path:
    """Where the world of one size lives (reused when its manifest matches)."""
    return root / f"world-{size}-s{seed}-p{n_packages}"


def _ensure_world(folder: Path, size: int, seed: int, n_packages: int) -> float:
    manifest = folder / "manifest.json"
    if manifest.is_file():
        meta = json.loads(manifest.read_text())
        if (meta.get("size"), meta.get("seed"), meta.get("n_packages")) == (size, seed, n_packages):
            return 0.0
        raise SystemExit(
            f"{folder} holds another world ({meta.get('size')=}, {meta.get('seed')=}); remove it"
        )
    start = time.perf_counter()
    world = ["world", "--size", str(size), "--seed", str(seed), "--n-packages", str(n_packages)]
    subprocess.run(
        [sys.executable, "-m", "evaluation", *world, "--out", str(folder), "--quiet"], cwd=ROOT, check=True
    )
    return round(time.perf_counter() - start, 1)


def _rss_gb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 2**20
    except (OSError, ValueError):
        pass
    return 0.0


def _run_child(kind: str, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Run one child; stop it (and say so) past ``--timeout`` or when its RSS passes ``--max-rss-gb``.

    The machine is shared: a child that would run it out of memory is stopped by this script rather
    than left to the kernel's OOM killer, which might pick someone else's process.
    """
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--data", str(folder)]
    command += ["--queries", str(args.queries), "--k", str(args.k), "--seed", str(args.seed)]
    if args.naive_queries:
        command += ["--naive-queries", str(args.naive_queries)]
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stopped, peak_seen = None, 0.0
    while True:
        try:
            stdout, stderr = proc.communicate(timeout=0.5)
            break
        except subprocess.TimeoutExpired:
            peak_seen = max(peak_seen, _rss_gb(proc.pid))
            if peak_seen > args.max_rss_gb:
                stopped = f"stopped by this script: RSS passed --max-rss-gb {args.max_rss_gb:g}"
            elif time.perf_counter() - start > args.timeout:
                stopped = f"stopped by this script: no result within --timeout {args.timeout:g} s"
            if stopped:
                proc.kill()
                stdout, stderr = proc.communicate()
                break
    wall = round(time.perf_counter() - start, 1)
    if stopped or proc.returncode != 0:
        tail = stderr.strip().splitlines()[-1:] or [f"exit code {proc.returncode}"]
        return {
            "error": stopped or f"exit code {proc.returncode}: {tail[0][:200]}",
            "wall_s": wall,
            "rss_seen_gb": round(peak_seen, 2),
        }
    result = json.loads(stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    return result


def run_size(size: int, args: argparse.Namespace, machine: dict[str, Any]) -> dict[str, Any]:
    folder = world_folder(args.worlds, size, args.seed, args.n_packages)
    generate_s = _ensure_world(folder, size, args.seed, args.n_packages)
    meta = json.loads((folder / "manifest.json").read_text())
    row: dict[str, Any] = {
        "size": size,
        "packages": meta["counts"]["vacancies"],
        "placements": meta["counts"]["placements"],
        "world": str(folder),
        "world_generate_s": generate_s,
        "seed": args.seed,
        "queries": args.queries,
        "k": args.k,
        "load_before": [round(x, 2) for x in os.getloadavg()],
    }
    start = time.perf_counter()
    kinds = [k.strip() for k in args.systems.split(",") if k.strip()]
    kinds = [k for k in kinds if k != "index"] + (["index", "served"] if "index" in kinds else [])
    for kind in kinds:
        print(f"size {size:,}: {kind} ...", file=sys.stderr, flush=True)
        row[kind] = _run_child(kind, folder, args)
    row["wall_s"] = round(time.perf_counter() - start, 1)
    row["load_after"] = [round(x, 2) for x in os.getloadavg()]
    if "ours" in row and "naive" in row:
        row["ratios"] = ratios(row["ours"], row["naive"])
    row |= machine
    return row


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,300000")
    parser.add_argument("--seed", type=int, default=2, help="world seed and query-sample seed")
    parser.add_argument("--n-packages", type=int, default=5000, help="work packages in every world")
    parser.add_argument("--worlds", type=Path, default=Path("/tmp/bench-scale"), help="world cache folder")
    parser.add_argument("--queries", type=int, default=200, help="timed queries per direction (ours)")
    parser.add_argument("--naive-queries", type=int, default=0, help="naive queries (default by size)")
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=3 * 3600, help="seconds per child process")
    parser.add_argument(
        "--max-rss-gb", type=float, default=round(0.8 * (_ram_gib() or 16), 1), help="stop a child above this"
    )
    parser.add_argument("--commit", help="commit to record (default: git rev-parse in this tree)")
    parser.add_argument("--json", type=Path, help="append one JSON object per size to this file")
    parser.add_argument("--markdown", type=Path, help="write the Markdown table to this file")
    parser.add_argument("--table", type=Path, help="only print the table of a JSON Lines file")
    parser.add_argument(
        "--systems", default="ours,naive", help="children per size: ours, naive, index (build, then serve)"
    )
    parser.add_argument(
        "--child", choices=("ours", "naive", "index", "served", "peer"), help=argparse.SUPPRESS
    )
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child == "peer":
        child_peer(args)
        return
    if args.child:
        children = {"ours": child_ours, "naive": child_naive, "index": child_index, "served": child_served}
        print(json.dumps(children[args.child](args)))
        return
    if args.table:
        rows = [json.loads(line) for line in args.table.read_text().splitlines() if line.strip()]
        print(index_table(rows) if any("served" in r for r in rows) else markdown_table(rows))
        return

    try:
        sizes = parse_sizes(args.sizes)
    except ValueError as exc:
        parser.error(str(exc))
    machine = {
        "commit": args.commit or _commit(),
        "machine": {
            "cpu": cpu_model(),
            "cores": os.cpu_count(),
            "ram_gib": _ram_gib(),
            "python": platform.python_version(),
        },
    }
    rows = []
    for size in sizes:
        row = run_size(size, args, machine)
        rows.append(row)
        print(json.dumps(row), flush=True)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            with args.json.open("a") as handle:
                handle.write(json.dumps(row) + "\n")
    table = index_table(rows) if "index" in args.systems else markdown_table(rows)
    print(table)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(table + "\n")


if __name__ == "__main__":
    main()
