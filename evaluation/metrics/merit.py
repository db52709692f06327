"""Exposure relative to merit: is a group shown as much as its share of the *relevant* eligible documents?

:func:`~evaluation.metrics.exposure.exposure_by_group` sets a group's exposure beside its share of the
population. That mixes two things: the hard rule admits fewer pairs for some groups (a person with a
lifting limitation fits fewer packages) and relevance differs between groups, so under-exposure against
the population may be merit or bias. Here the yardstick is merit, in the sense of "fairness of exposure"
(Singh & Joachims, KDD 2018) and "equity of attention" (Biega, Gummadi & Weikum, SIGIR 2018): exposure
should be proportional to relevance.

Vacancy direction (documents are candidates, so they have a group). For every judged query ``q`` (at
least one relevant eligible candidate), with ``E_q(g)`` the position-weighted exposure
(``1 / log2(rank + 1)``) of group ``g`` in the top ``k``, ``E_q`` its sum over groups and ``M_q(g)``
the share of ``q``'s relevant eligible candidates that belong to ``g``::

    exposure share(g) = sum_q E_q(g) / sum_q E_q
    merit share(g)    = sum_q E_q * M_q(g) / sum_q E_q
    exposure ratio(g) = exposure share(g) / merit share(g)

so the exposure each query hands out is compared with what it would hand out if it followed the
relevant eligible candidates of each group. 1.0 is proportional to merit; below 1 a group is shown
less than its relevant members would warrant.

Candidate direction (documents are packages, which have no group; the query candidate has). A
candidate's exposure is how much relevant work their top ``k`` shows them, ``E_q`` = the summed
position weight of the relevant eligible packages in the top ``k``; their merit is what a ranking by
relevance would show them, ``I_q`` = the summed weight of ranks ``1..min(k, |relevant eligible|)``.
The ratio is ``(sum_{q in g} E_q / sum_q E_q) / (sum_{q in g} I_q / sum_q I_q)``.

"Relevant eligible" means graded >= 1 in the qrels and not excluded by the independent oracle. Group
labels come from the world's audit file; they are used to measure, never as features. Intervals are a
percentile bootstrap over queries (the ratio is recomputed on each resample).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from evaluation.metrics.exposure import UNKNOWN_GROUP
from evaluation.runs import Direction, Qrels, Run

__all__ = [
    "MeritExposure",
    "bootstrap_group_means",
    "exposure_ratio_by_group",
    "merit_weights",
    "relevant_eligible",
]


@dataclass(frozen=True)
class MeritExposure:
    """One group's exposure against its merit.

    Attributes
    ----------
    exposure : float
        Share of the exposure (see the module docstring for each direction).
    merit : float
        Share of the exposure it would get in proportion to its relevant eligible documents.
    ci95 : (float, float) or None
        Percentile-bootstrap 95% interval of :attr:`ratio` over queries (``None`` with < 2 queries).
    queries : int
        Judged queries in which the group has merit (vacancy) or that belong to it (candidate).
    """

    exposure: float
    merit: float
    ci95: tuple[float, float] | None = None
    queries: int = 0

    @property
    def ratio(self) -> float:
        """``exposure / merit`` (``nan`` when the group has no merit at all)."""
        return self.exposure / self.merit if self.merit else math.nan


def relevant_eligible(qrels: Qrels, excluded: Callable[[str, str], bool]) -> dict[str, frozenset[str]]:
    """Per judged query, the documents graded >= 1 that the hard rule admits (``excluded(q, d)`` false)."""
    out = {}
    for query, docs in qrels.grades.items():
        relevant = frozenset(d for d, grade in docs.items() if grade >= 1 and not excluded(query, d))
        if relevant:
            out[query] = relevant
    return out


def _weights(k: int) -> np.ndarray:
    return 1.0 / np.log2(np.arange(2, k + 2))


def _ratio_matrices(
    run: Run, relevant: Mapping[str, frozenset[str]], groups: Mapping[str, str], k: int
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Groups, and per judged query (rows) and group (columns) the exposure and the merit exposure."""
    weight = _weights(k)
    queries = sorted(relevant)
    if run.direction is Direction.VACANCY:
        names = sorted({groups.get(d, UNKNOWN_GROUP) for docs in relevant.values() for d in docs})
        col = {g: n for n, g in enumerate(names)}
        exposure = np.zeros((len(queries), len(names)))
        merit = np.zeros((len(queries), len(names)))
        for row, query in enumerate(queries):
            total = 0.0
            for rank, (doc, _) in enumerate(run.ranked(query, k)):
                group = groups.get(doc, UNKNOWN_GROUP)
                total += weight[rank]
                if group in col:  # a group without any relevant document anywhere has no merit
                    exposure[row, col[group]] += weight[rank]
            docs = relevant[query]
            for doc in docs:
                merit[row, col[groups.get(doc, UNKNOWN_GROUP)]] += total / len(docs)
        return names, exposure, merit
    names = sorted({groups.get(q, UNKNOWN_GROUP) for q in queries})
    col = {g: n for n, g in enumerate(names)}
    exposure = np.zeros((len(queries), len(names)))
    merit = np.zeros((len(queries), len(names)))
    for row, query in enumerate(queries):
        docs = relevant[query]
        c = col[groups.get(query, UNKNOWN_GROUP)]
        exposure[row, c] = sum(weight[r] for r, (doc, _) in enumerate(run.ranked(query, k)) if doc in docs)
        merit[row, c] = weight[: min(k, len(docs))].sum()
    return names, exposure, merit


def _ratios(exposure: np.ndarray, merit: np.ndarray) -> np.ndarray:
    """Ratio per group from summed matrices (last axis groups); ``nan`` where undefined."""
    e_total = exposure.sum(axis=-1, keepdims=True)
    m_total = merit.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (exposure / e_total) / (merit / m_total)


def exposure_ratio_by_group(
    run: Run,
    relevant: Mapping[str, frozenset[str]],
    groups: Mapping[str, str],
    *,
    k: int,
    resamples: int = 1000,
    seed: int = 0,
) -> dict[str, MeritExposure]:
    """Exposure share against merit share of each group, with a bootstrap interval over queries.

    Parameters
    ----------
    run : Run
        The results of either direction.
    relevant : mapping of query id to set of document ids
        The relevant eligible documents of each judged query (:func:`relevant_eligible`).
    groups : mapping of str to str
        Candidate id -> group label (documents in the vacancy direction, queries in the candidate
        direction); a candidate without a label counts as :data:`UNKNOWN_GROUP`.
    k : int
        Cut-off.
    resamples, seed : int
        Bootstrap resamples of the queries, and their seed.

    Returns
    -------
    dict of group to MeritExposure
        Every group with merit somewhere (a group without relevant documents has no ratio).

    Examples
    --------
    >>> run = Run("demo", "vacancy", {"p1": {"c1": 2.0, "c2": 1.0}})
    >>> out = exposure_ratio_by_group(run, {"p1": frozenset({"c1", "c2"})}, {"c1": "m", "c2": "v"}, k=10)
    >>> round(out["m"].ratio, 3), round(out["v"].ratio, 3)
    (1.226, 0.774)
    """
    if k < 1:
        raise ValueError(f"k must be a positive whole number, got {k}")
    relevant = {q: docs for q, docs in relevant.items() if docs}
    names, exposure, merit = _ratio_matrices(run, relevant, groups, k)
    if not names:
        return {}
    e_sum, m_sum = exposure.sum(axis=0), merit.sum(axis=0)
    e_total, m_total = e_sum.sum(), m_sum.sum()
    intervals: list[tuple[float, float] | None] = [None] * len(names)
    n = len(exposure)
    if n >= 2 and e_total > 0:
        rng = np.random.default_rng(seed)
        values = np.empty((resamples, len(names)))
        for start in range(0, resamples, 250):
            stop = min(start + 250, resamples)
            counts = np.stack([np.bincount(rng.integers(0, n, n), minlength=n) for _ in range(stop - start)])
            values[start:stop] = _ratios(counts @ exposure, counts @ merit)
        for c in range(len(names)):
            finite = values[:, c][np.isfinite(values[:, c])]
            if len(finite) >= 2:
                low, high = np.quantile(finite, [0.025, 0.975])
                intervals[c] = (float(low), float(high))
    return {
        g: MeritExposure(
            exposure=float(e_sum[c] / e_total) if e_total else 0.0,
            merit=float(m_sum[c] / m_total) if m_total else 0.0,
            ci95=intervals[c],
            queries=int((merit[:, c] > 0).sum()),
        )
        for c, g in enumerate(names)
    }


def bootstrap_group_means(
    per_query: Mapping[str, float], groups: Mapping[str, str], *, resamples: int = 1000, seed: int = 0
) -> dict[str, tuple[float, float]]:
    """Percentile-bootstrap 95% interval of a per-query metric's mean within each query group.

    Groups with fewer than 2 queries have no interval and are left out.
    """
    buckets: dict[str, list[float]] = {}
    for query, value in per_query.items():
        buckets.setdefault(groups.get(query, UNKNOWN_GROUP), []).append(value)
    out = {}
    rng = np.random.default_rng(seed)
    for group, values in sorted(buckets.items()):
        data = np.asarray(values, dtype=np.float64)
        if data.size < 2:
            continue
        means = data[rng.integers(0, data.size, size=(resamples, data.size))].mean(axis=1)
        low, high = np.quantile(means, [0.025, 0.975])
        out[group] = (float(low), float(high))
    return out


def merit_weights(
    run: Run, relevant: Mapping[str, frozenset[str]], groups: Mapping[str, str], *, depth: int
) -> dict[str, float]:
    """Per group: mean share of the relevant eligible candidates / mean share of the top ``depth``.

    Over the judged queries of a vacancy-direction run; these are the corrections
    :class:`matcher.fairness.FairRanking` multiplies the pool's shares by. A group absent from every
    top ``depth`` is left out (weight 1). Learn them on another world than the one measured.

    Examples
    --------
    >>> run = Run("s", "vacancy", {"p1": {"c1": 3.0, "c2": 2.0, "c3": 1.0}})
    >>> merit_weights(run, {"p1": frozenset({"c1", "c3"})}, {"c1": "a", "c2": "a", "c3": "b"}, depth=3)
    {'a': 0.75, 'b': 1.5}
    """
    pool: dict[str, float] = {}
    merit: dict[str, float] = {}
    queries = [q for q in sorted(relevant) if relevant[q]]
    for query in queries:
        top = [doc for doc, _ in run.ranked(query, depth)]
        for doc in top:
            g = groups.get(doc, UNKNOWN_GROUP)
            pool[g] = pool.get(g, 0.0) + 1.0 / len(top)
        for doc in relevant[query]:
            g = groups.get(doc, UNKNOWN_GROUP)
            merit[g] = merit.get(g, 0.0) + 1.0 / len(relevant[query])
    return {g: merit.get(g, 0.0) / share for g, share in sorted(pool.items()) if share > 0}
