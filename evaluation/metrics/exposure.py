"""Exposure by group: whose documents a system puts in front of the adviser (fairness audit).

Exposure of a document at rank ``r`` is the position weight ``1 / log2(r + 1)`` (the nDCG discount:
rank 1 gets 1.0, rank 3 gets 0.5). A group's exposure share is the sum of its members' exposure in
the top ``k`` of every query, divided by the total. Set beside the group's share of the population,
it shows whether a group is shown more or less than its size alone would predict. Group labels come
from the world's audit file and are used for this audit only, never as features.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from evaluation.runs import Run

__all__ = ["UNKNOWN_GROUP", "GroupExposure", "exposure_by_group", "mean_by_group"]

UNKNOWN_GROUP = "onbekend"


@dataclass(frozen=True)
class GroupExposure:
    """Attributes
    ----------
    exposure : float
        The group's share of all position-weighted exposure in the top ``k`` (sums to 1 over groups).
    population : float
        The group's share of the documents (sums to 1 over groups).
    """

    exposure: float
    population: float

    @property
    def ratio(self) -> float:
        """``exposure / population``: 1.0 is proportional, below 1 under-exposed (``nan`` if empty)."""
        return self.exposure / self.population if self.population else math.nan


def exposure_by_group(run: Run, groups: Mapping[str, str], *, k: int) -> dict[str, GroupExposure]:
    """Position-weighted exposure share of each group of documents in the top ``k``.

    Parameters
    ----------
    run : Run
        The results (documents are the ids grouped by ``groups``).
    groups : mapping of str to str
        Document id -> group label, for every document of the population. A returned document
        without a label counts as :data:`UNKNOWN_GROUP`.
    k : int
        Cut-off.

    Examples
    --------
    >>> run = Run("demo", "vacancy", {"p1": {"c1": 2.0, "c2": 1.0}})
    >>> shares = exposure_by_group(run, {"c1": "m", "c2": "v"}, k=10)
    >>> round(shares["m"].exposure, 3), round(shares["v"].exposure, 3), shares["v"].population
    (0.613, 0.387, 0.5)
    """
    if k < 1:
        raise ValueError(f"k must be a positive whole number, got {k}")
    weight: Counter[str] = Counter()
    for query in run.query_ids:
        for rank, (doc, _) in enumerate(run.ranked(query, k), start=1):
            weight[groups.get(doc, UNKNOWN_GROUP)] += 1.0 / math.log2(rank + 1)
    population = Counter(groups.values())
    total_weight = sum(weight.values())
    total_population = sum(population.values())
    return {
        group: GroupExposure(
            exposure=weight[group] / total_weight if total_weight else 0.0,
            population=population[group] / total_population if total_population else 0.0,
        )
        for group in sorted(set(weight) | set(population))
    }


def mean_by_group(per_query: Mapping[str, float], groups: Mapping[str, str]) -> dict[str, float]:
    """Average a per-query metric over the queries of each group (e.g. nDCG@10 per candidate group).

    Queries without a label count as :data:`UNKNOWN_GROUP`; groups without scored queries are left out.

    Examples
    --------
    >>> mean_by_group({"c1": 1.0, "c2": 0.0, "c3": 0.5}, {"c1": "m", "c2": "m", "c3": "v"})
    {'m': 0.5, 'v': 0.5}
    """
    buckets: dict[str, list[float]] = {}
    for query, value in per_query.items():
        buckets.setdefault(groups.get(query, UNKNOWN_GROUP), []).append(value)
    return {group: float(np.mean(values)) for group, values in sorted(buckets.items())}
