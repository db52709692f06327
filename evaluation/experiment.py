"""A comparison of systems: run them (saving the runs), then score the runs. The two never mix.

:func:`run_systems` asks each system for a run per direction and writes it as
``RUNS/SYSTEM.DIRECTION.trec``. :func:`score_runs` scores any set of runs against the benchmark (the
same runs read back from disk give the same :class:`Scorecard`), so a comparison can be re-scored
without re-running it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm.auto import tqdm

from evaluation.dataset import Benchmark
from evaluation.metrics import (
    Comparison,
    Coverage,
    GroupExposure,
    Violations,
    compare_to_baseline,
    coverage_at_k,
    exposure_by_group,
    mean_by_group,
    relevance_scores,
    violations_at_k,
)
from evaluation.metrics.merit import (
    MeritExposure,
    bootstrap_group_means,
    exposure_ratio_by_group,
    relevant_eligible,
)
from evaluation.oracle import Oracle
from evaluation.runs import Direction, Run, read_run, run_path, runs_in, write_run
from evaluation.systems import SYSTEMS, SystemOptions, SystemSpec
from matcher.errors import SchemaError

__all__ = [
    "DEFAULT_METRICS",
    "ScoreSettings",
    "Scorecard",
    "SystemScores",
    "bootstrap_ci95",
    "load_runs",
    "run_systems",
    "score_runs",
]

DEFAULT_METRICS: tuple[str, ...] = ("ndcg@10", "map", "mrr", "recall@20")


@dataclass(frozen=True)
class ScoreSettings:
    """How runs are scored.

    Parameters
    ----------
    metrics : tuple of str
        Relevance metrics (ranx names); the first ``ndcg@k`` one is also reported by group.
    cutoff : int, default=10
        ``k`` of violations@k, coverage@k, exposure@k.
    baseline : str, default="tfidf"
        The system every other one is tested against.
    permutations : int, default=10_000
        Sign flips of the randomisation test.
    seed : int, default=0
        Seed of the randomisation test.
    alpha : float, default=0.05
        Significance level shown in the report.
    """

    metrics: tuple[str, ...] = DEFAULT_METRICS
    cutoff: int = 10
    baseline: str = "tfidf"
    permutations: int = 10_000
    seed: int = 0
    alpha: float = 0.05

    @property
    def group_metric(self) -> str | None:
        """The relevance metric reported per group (the first nDCG one)."""
        return next((m for m in self.metrics if m.startswith("ndcg")), None)


@dataclass(frozen=True)
class SystemScores:
    """All scores of one run.

    Attributes
    ----------
    means : mapping of metric to float
        Relevance metrics averaged over judged queries (empty without qrels for the direction).
    per_query : mapping of metric to mapping of query id to float
    unjudged : int
        Queries of the qrels without a relevant document (left out of ``means``).
    violations, coverage
        At ``ScoreSettings.cutoff``.
    exposure : mapping of attribute to mapping of group to GroupExposure
        Vacancy direction only (documents are candidates).
    by_group : mapping of attribute to mapping of group to float
        Candidate direction only: the group metric averaged over the queries of each candidate group.
    intervals : mapping of metric to (low, high)
        Percentile-bootstrap 95% interval of each mean (see :func:`bootstrap_ci95`).
    exposure_ratio : mapping of attribute to mapping of group to MeritExposure
        Both directions: exposure against the group's share of the relevant eligible documents
        (:mod:`evaluation.metrics.merit`), with a bootstrap interval.
    by_group_ci : mapping of attribute to mapping of group to (low, high)
        Bootstrap 95% interval of each ``by_group`` mean.
    """

    system: str
    direction: Direction
    means: Mapping[str, float]
    per_query: Mapping[str, Mapping[str, float]]
    unjudged: int
    violations: Violations
    coverage: Coverage
    exposure: Mapping[str, Mapping[str, GroupExposure]] = field(default_factory=dict)
    by_group: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    intervals: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    exposure_ratio: Mapping[str, Mapping[str, MeritExposure]] = field(default_factory=dict)
    by_group_ci: Mapping[str, Mapping[str, tuple[float, float]]] = field(default_factory=dict)

    def ci95(self, metric: str) -> tuple[float, float] | None:
        """The bootstrap 95% interval of the mean of ``metric`` (``None`` with fewer than 2 queries)."""
        return self.intervals.get(metric)


@dataclass(frozen=True)
class Scorecard:
    """The result of :func:`score_runs`: every run's scores, the significance tests, and notes."""

    settings: ScoreSettings
    systems: tuple[SystemScores, ...]
    significance: Mapping[Direction, Mapping[str, Mapping[str, Comparison]]]
    data_summary: Mapping[str, int]
    notes: tuple[str, ...] = ()
    calibration: Mapping = field(default_factory=dict)

    def directions(self) -> tuple[Direction, ...]:
        """Directions that have runs, in :class:`Direction` order."""
        present = {s.direction for s in self.systems}
        return tuple(d for d in Direction if d in present)

    def of(self, direction: Direction) -> tuple[SystemScores, ...]:
        """The scores of one direction, in run order."""
        return tuple(s for s in self.systems if s.direction is direction)

    def to_json(self) -> dict:
        """The ``metrics.json`` form (see :mod:`evaluation.report`)."""
        s = self.settings
        k = s.cutoff
        out: dict = {}
        for direction in self.directions():
            table = {}
            for scores in self.of(direction):
                row: dict = {m: scores.means.get(m) for m in s.metrics}
                row[f"violations@{k}"] = scores.violations.count
                row[f"violations_share@{k}"] = scores.violations.share
                row[f"violating_queries@{k}"] = scores.violations.queries
                row[f"violation_examples@{k}"] = [list(pair) for pair in scores.violations.examples]
                row[f"coverage@{k}"] = scores.coverage.documents
                row["query_coverage"] = scores.coverage.queries
                row["judged_queries"] = len(next(iter(scores.per_query.values()), {}))
                row["unjudged_queries"] = scores.unjudged
                row["ci95"] = {m: scores.ci95(m) for m in s.metrics if scores.ci95(m) is not None}
                if scores.exposure:
                    row[f"exposure@{k}"] = {
                        attr: {
                            g: {
                                "exposure": e.exposure,
                                "population": e.population,
                                "ratio": None if math.isnan(e.ratio) else e.ratio,
                            }
                            for g, e in groups.items()
                        }
                        for attr, groups in scores.exposure.items()
                    }
                if scores.exposure_ratio:
                    row[f"exposure_ratio@{k}"] = {
                        attr: {g: e.ratio for g, e in groups.items() if not math.isnan(e.ratio)}
                        for attr, groups in scores.exposure_ratio.items()
                    }
                    row[f"exposure_ratio@{k}_ci95"] = {
                        attr: {g: list(e.ci95) for g, e in groups.items() if e.ci95 is not None}
                        for attr, groups in scores.exposure_ratio.items()
                    }
                    row[f"exposure_merit@{k}"] = {
                        attr: {
                            g: {"exposure": e.exposure, "merit": e.merit, "queries": e.queries}
                            for g, e in groups.items()
                        }
                        for attr, groups in scores.exposure_ratio.items()
                    }
                if scores.by_group:
                    row[f"{s.group_metric}_by_group"] = {a: dict(g) for a, g in scores.by_group.items()}
                    row[f"{s.group_metric}_by_group_ci95"] = {
                        a: {g: list(ci) for g, ci in groups.items()}
                        for a, groups in scores.by_group_ci.items()
                    }
                table[scores.system] = row
            out[direction.value] = table
        out["significance"] = {
            direction.value: {
                system: {metric: c.as_dict(s.alpha) for metric, c in metrics.items()}
                for system, metrics in systems.items()
            }
            for direction, systems in self.significance.items()
        }
        out["baseline"] = s.baseline
        out["settings"] = {
            "metrics": list(s.metrics),
            "cutoff": k,
            "alpha": s.alpha,
            "tests": ["paired Student t (ranx compare)", "paired randomisation (sign flip)"],
            "permutations": s.permutations,
            "seed": s.seed,
        }
        out["data"] = dict(self.data_summary)
        out["notes"] = list(self.notes)
        if self.calibration:
            out["calibration"] = dict(self.calibration)
        return out


def bootstrap_ci95(
    values: Sequence[float], *, resamples: int = 2000, seed: int = 0
) -> tuple[float, float] | None:
    """Percentile-bootstrap 95% interval of the mean of ``values`` (``None`` with fewer than 2 values).

    A bootstrap rather than mean +- 1.96 standard errors: per-query values are bounded and skewed (many
    zeros), and a normal interval would reach below 0.

    Examples
    --------
    >>> bootstrap_ci95([0.0, 0.0, 1.0, 1.0])[0] >= 0.0
    True
    """
    data = np.asarray(values, dtype=np.float64)
    if data.size < 2:
        return None
    rng = np.random.default_rng(seed)
    means = np.empty(resamples)
    for start in range(0, resamples, 500):
        stop = min(start + 500, resamples)
        means[start:stop] = data[rng.integers(0, data.size, size=(stop - start, data.size))].mean(axis=1)
    low, high = np.quantile(means, [0.025, 0.975])
    return float(low), float(high)


def run_systems(
    data: Benchmark,
    specs: Sequence[SystemSpec],
    *,
    options: SystemOptions,
    directions: Sequence[Direction] = tuple(Direction),
    k: int = 100,
    runs_dir: Path | str | None = None,
    on_start: Callable[[int, int, str], None] | None = None,
    built: dict[str, object] | None = None,
) -> list[Run]:
    """Run every system in every direction; write each run to ``runs_dir`` as soon as it is done.

    ``on_start(i, n, label)`` is called before run ``i`` of ``n`` (1-based), e.g. to log progress.
    ``built``, when given, receives each built system by name (e.g. to reuse ``full``'s Matcher).
    A system that fails raises: a benchmark never reports a partial comparison as complete.
    """
    runs = []
    jobs = [(spec, Direction(d)) for spec in specs for d in directions]
    built = {} if built is None else built
    for i, (spec, direction) in enumerate(
        tqdm(jobs, desc="systems", unit="run", disable=not options.progress)
    ):
        if on_start is not None:
            on_start(i + 1, len(jobs), f"{spec.name} {direction}")
        if spec.name not in built:
            built[spec.name] = spec.build(options)
        run = built[spec.name].rank(direction, data, k)
        if runs_dir is not None:
            write_run(run, run_path(runs_dir, run.system, direction))
        runs.append(run)
    return runs


def load_runs(folder: Path | str, *, directions: Iterable[Direction | str] | None = None) -> list[Run]:
    """Read every ``SYSTEM.DIRECTION.trec`` in ``folder`` (optionally only some directions)."""
    wanted = {Direction(d) for d in directions} if directions is not None else set(Direction)
    paths = list(runs_in(folder))
    if not paths:
        raise FileNotFoundError(f"{folder}: no SYSTEM.DIRECTION.trec run files found")
    runs = [read_run(p) for p in paths]
    return [r for r in runs if r.direction in wanted]


def _check_ids(run: Run, data: Benchmark) -> None:
    queries, documents = set(data.queries(run.direction)), set(data.documents(run.direction))
    bad_q = sorted(q for q in run.scores if q not in queries)
    bad_d = sorted({d for docs in run.scores.values() for d in docs if d not in documents})
    if bad_q or bad_d:
        raise SchemaError(
            f"run {run.system}.{run.direction}: ids not in the benchmark data "
            f"(queries {bad_q[:3]}, documents {bad_d[:3]}); score runs against the data they were made from"
        )


def score_runs(
    data: Benchmark,
    runs: Sequence[Run],
    settings: ScoreSettings = ScoreSettings(),
    *,
    durability: Sequence[Mapping] = (),
) -> Scorecard:
    """Score ``runs`` on ``data``: relevance, violations, coverage, exposure, significance.

    Parameters
    ----------
    data : Benchmark
        The data the runs were made from (qrels, records for the oracle, audit labels).
    runs : sequence of Run
        Any mix of systems and directions; names must be unique per direction.
    settings : ScoreSettings
    durability : sequence of mapping, optional
        Held-out durability estimates (:func:`evaluation.calibration.durability_holdout`); scored into
        ``Scorecard.calibration``.

    Raises
    ------
    SchemaError
        A run that names ids outside the data.
    """
    oracle = Oracle(data.candidate_by_id, data.package_by_id)
    k = settings.cutoff
    # benchmark order (registry order, then by name), so runs read back from disk score identically
    order = {spec.name: i for i, spec in enumerate(SYSTEMS)}
    runs = sorted(runs, key=lambda r: (order.get(r.system, len(order)), r.system))
    notes = [f"set aside (invalid record): {p}" for p in data.problems[:20]]
    if len(data.problems) > 20:
        notes.append(f"... and {len(data.problems) - 20} more invalid records")
    attributes = data.audit_attributes()
    labels = {a: data.group_labels(a) for a in attributes}
    scores: list[SystemScores] = []
    significance: dict[Direction, dict[str, dict[str, Comparison]]] = {}
    for direction in Direction:
        these = [r for r in runs if r.direction is direction]
        if not these:
            continue
        qrels = data.qrels.get(direction)
        if qrels is None:
            notes.append(f"{direction}: no qrels.{direction}.tsv, so no relevance metrics")
        relevant = (
            relevant_eligible(qrels, lambda q, d, dr=direction: oracle.excluded(dr, q, d))
            if qrels is not None
            else None
        )
        for run in these:
            _check_ids(run, data)
            relevance = relevance_scores(qrels, run, list(settings.metrics)) if qrels is not None else None
            per_query = relevance.per_query if relevance else {}
            exposure, by_group, by_group_ci, ratio = {}, {}, {}, {}
            if direction is Direction.VACANCY:
                exposure = {a: exposure_by_group(run, labels[a], k=k) for a in attributes}
            elif settings.group_metric and per_query:
                by_group = {a: mean_by_group(per_query[settings.group_metric], labels[a]) for a in attributes}
                by_group_ci = {
                    a: bootstrap_group_means(per_query[settings.group_metric], labels[a], seed=settings.seed)
                    for a in attributes
                }
            if relevant is not None:
                ratio = {
                    a: exposure_ratio_by_group(run, relevant, labels[a], k=k, seed=settings.seed)
                    for a in attributes
                }
            scores.append(
                SystemScores(
                    system=run.system,
                    direction=direction,
                    means=relevance.means() if relevance else {},
                    per_query=per_query,
                    unjudged=relevance.unjudged if relevance else 0,
                    violations=violations_at_k(run, lambda q, d, dr=direction: oracle.excluded(dr, q, d), k),
                    coverage=coverage_at_k(
                        run, documents=data.documents(direction), queries=data.queries(direction), k=k
                    ),
                    exposure=exposure,
                    by_group=by_group,
                    by_group_ci=by_group_ci,
                    exposure_ratio=ratio,
                    intervals={
                        m: ci
                        for m, values in per_query.items()
                        if (ci := bootstrap_ci95(list(values.values()), seed=settings.seed)) is not None
                    },
                )
            )
        names = {r.system for r in these}
        if qrels is None:
            continue
        if settings.baseline not in names:
            notes.append(f"{direction}: baseline {settings.baseline!r} has no run, so no significance tests")
            continue
        significance[direction] = compare_to_baseline(
            qrels,
            these,
            settings.baseline,
            list(settings.metrics),
            permutations=settings.permutations,
            seed=settings.seed,
        )
    summary = {
        "candidates": len(data.candidates),
        "packages": len(data.packages),
        "placements": len(data.placements),
        "invalid_records": len(data.problems),
    }
    from evaluation.calibration import calibration_report

    return Scorecard(
        settings,
        tuple(scores),
        significance,
        summary,
        tuple(notes),
        calibration=calibration_report(durability),
    )
