"""Paired significance tests of each system against a named baseline, per metric.

Two tests on the same per-query values:

* the two-sided paired Student's t-test, through ``ranx.compare`` (``stat_test="student"``);
* a paired randomisation test (Fisher; Smucker et al., CIKM 2007): under the null hypothesis the
  two systems are exchangeable on every query, so the sign of each per-query difference is flipped at
  random and ``p`` is the share of flips whose mean difference is at least as large as the observed
  one, ``(hits + 1) / (permutations + 1)``. It is ours, not ranx's, because ranx draws its
  permutations in parallel numba threads whose random state the seed does not fix, so its p-values
  change from run to run; this one is the same for the same seed.

When the per-query values of the two systems are identical, there is no evidence of a difference
and both p-values are 1.0 (the t statistic itself is undefined there).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from evaluation.metrics.relevance import relevance_scores, to_ranx
from evaluation.runs import Qrels, Run

__all__ = ["Comparison", "compare_to_baseline", "randomisation_test"]


@dataclass(frozen=True)
class Comparison:
    """One system against the baseline on one metric (means over the same judged queries)."""

    system: str
    baseline: str
    metric: str
    mean: float
    baseline_mean: float
    p_student: float
    p_randomisation: float
    wins: int
    ties: int
    losses: int

    @property
    def difference(self) -> float:
        """``mean - baseline_mean``."""
        return self.mean - self.baseline_mean

    def significant(self, alpha: float = 0.05) -> bool:
        """Both tests reject "no difference" at level ``alpha``."""
        return max(self.p_student, self.p_randomisation) < alpha

    def as_dict(self, alpha: float = 0.05) -> dict[str, float | int | bool]:
        """JSON-ready form."""
        return {
            "mean": self.mean,
            "baseline_mean": self.baseline_mean,
            "difference": self.difference,
            "p_student": self.p_student,
            "p_randomisation": self.p_randomisation,
            "significant": self.significant(alpha),
            "wins": self.wins,
            "ties": self.ties,
            "losses": self.losses,
        }


def randomisation_test(
    treatment: Sequence[float], control: Sequence[float], *, permutations: int = 10_000, seed: int = 0
) -> float:
    """Two-sided paired randomisation (sign-flip) test; returns the p-value.

    Examples
    --------
    >>> randomisation_test([0.5, 0.4, 0.9], [0.5, 0.4, 0.9])
    1.0
    """
    diff = np.asarray(treatment, dtype=np.float64) - np.asarray(control, dtype=np.float64)
    if diff.shape[0] == 0 or not np.any(diff):
        return 1.0
    observed = abs(diff.mean())
    rng = np.random.default_rng(seed)
    hits = 0
    done = 0
    while done < permutations:
        batch = min(2_000, permutations - done)
        signs = rng.integers(0, 2, size=(batch, diff.shape[0]), dtype=np.int8) * 2 - 1
        means = np.abs(signs @ diff) / diff.shape[0]
        # a relative tolerance so that a flip reproducing the observed mean counts as "as large"
        hits += int(np.count_nonzero(means >= observed * (1 - 1e-9)))
        done += batch
    return (hits + 1) / (permutations + 1)


def compare_to_baseline(
    qrels: Qrels,
    runs: Sequence[Run],
    baseline: str,
    metrics: Sequence[str],
    *,
    permutations: int = 10_000,
    seed: int = 0,
) -> dict[str, dict[str, Comparison]]:
    """Test every run against the run called ``baseline``, on every metric.

    Parameters
    ----------
    qrels : Qrels
        Judgements of the runs' direction; only judged queries count (as in :func:`relevance_scores`).
    runs : sequence of Run
        The systems, including the baseline, with distinct names.
    baseline : str
        Name of the control system.
    metrics : sequence of str
        ranx metric names.
    permutations : int, default=10_000
        Sign flips of the randomisation test.
    seed : int, default=0
        Seed of the randomisation test.

    Returns
    -------
    dict
        ``{system: {metric: Comparison}}`` for every system other than the baseline.
    """
    from ranx import compare

    by_name = {run.system: run for run in runs}
    if len(by_name) != len(runs):
        raise ValueError(f"run names must be distinct, got {[run.system for run in runs]}")
    if baseline not in by_name:
        raise ValueError(f"baseline {baseline!r} is not among the runs {sorted(by_name)}")
    others = [name for name in by_name if name != baseline]
    queries = qrels.judged_queries()
    if not others or not queries:
        return {}
    names = [baseline, *others]
    ranx_runs = []
    ranx_qrels = None
    for name in names:
        ranx_qrels, ranx_run = to_ranx(qrels, by_name[name], queries)
        ranx_runs.append(ranx_run)
    with warnings.catch_warnings():
        # scipy warns when the paired differences are (nearly) constant; the p-value is still right
        warnings.simplefilter("ignore", RuntimeWarning)
        report = compare(ranx_qrels, ranx_runs, list(metrics), stat_test="student", max_p=0.05)
    per_query = {name: relevance_scores(qrels, by_name[name], metrics).per_query for name in names}
    result: dict[str, dict[str, Comparison]] = {}
    for name in others:
        result[name] = {}
        for metric in metrics:
            treatment = _values(per_query[name], metric, queries)
            control = _values(per_query[baseline], metric, queries)
            p_student = float(report.comparisons[frozenset([name, baseline])][metric]["p_value"])
            if not np.any(treatment - control) or not math.isfinite(p_student):
                p_student = 1.0
            wtl = report.win_tie_loss[(name, baseline)][metric]
            result[name][metric] = Comparison(
                system=name,
                baseline=baseline,
                metric=metric,
                mean=float(treatment.mean()),
                baseline_mean=float(control.mean()),
                p_student=p_student,
                p_randomisation=randomisation_test(treatment, control, permutations=permutations, seed=seed),
                wins=int(wtl["W"]),
                ties=int(wtl["T"]),
                losses=int(wtl["L"]),
            )
    return result


def _values(per_query: Mapping[str, Mapping[str, float]], metric: str, queries: Sequence[str]) -> np.ndarray:
    return np.array([per_query[metric][q] for q in queries], dtype=np.float64)
