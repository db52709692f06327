"""``popularity``: the same list for every query, the most placed and most complete records first.

Popularity of a document is the number of placements in the history that name it (a candidate's past
placements; a package's past placements). Ties, and documents never placed, are ordered by profile
completeness: how many of the contract's optional fields are known. Score =
``placements + completeness``, with completeness scaled into ``[0, 1)`` so that one more placement
always outranks any completeness. It ignores the query and the hard rule: a non-personalised floor.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from evaluation.dataset import Benchmark
from evaluation.runs import Direction, Run
from evaluation.systems.base import TopK, check_k
from matcher.schema import Candidate, WorkPackage

__all__ = ["PopularitySystem", "completeness"]


def completeness(record: Candidate | WorkPackage) -> float:
    """Share of optional contract fields that are known (non-empty), in ``[0, 1]``.

    Examples
    --------
    >>> completeness(Candidate("c1"))
    0.0
    """
    if isinstance(record, Candidate):
        known = [
            record.register is not None,
            record.available_from is not None,
            record.location is not None,
            record.travel is not None,
            record.education is not None,
            record.hours is not None,
            record.schedule is not None,
            record.capacities.assessed or bool(record.capacities.levels),
            record.needs is not None,
            bool(record.competences),
            bool(record.experience),
            bool(record.wishes),
            bool(record.preferred_sectors),
        ]
    else:
        known = [
            record.function_profile is not None,
            bool(record.tasks),
            bool(record.description),
            record.location is not None,
            record.hours is not None,
            record.schedule is not None,
            bool(record.demands),
            record.offers is not None,
            bool(record.required_competences),
            record.contract is not None,
            record.start is not None,
        ]
    return sum(known) / len(known)


class PopularitySystem:
    """Most placements first, then most complete profile (see the module docstring)."""

    name = "popularity"

    def rank(self, direction: Direction, data: Benchmark, k: int) -> Run:
        k = check_k(k)
        direction = Direction(direction)
        if direction is Direction.VACANCY:
            records = data.candidates
            placed = Counter(p.candidate_id for p in data.placements)
        else:
            records = data.packages
            placed = Counter(p.package_id for p in data.placements)
        scores = np.array([placed[r.id] + 0.999 * completeness(r) for r in records])
        top = TopK([r.id for r in records]).row(scores, k)
        return Run(self.name, direction, {query: top for query in data.queries(direction)})
