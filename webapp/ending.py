"""*Van werk naar werk*: whose job is ending, from the placement history.

A candidate qualifies when their most recent placement has an end date that is still to come, or
that passed at most ``recent_days`` ago (the adviser looks for the next place in time). The reference
date is today, or the last date of an older history (synthetic data sets have their own "today").
The page opens on the first person in that list for whom the hard rule admits at least one package
(:func:`first_with_packages`); the others stay in the list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from matcher.constraints import CandidateArrays, PackageArrays, eligibility
from matcher.schema import Candidate, Placement, WorkPackage
from matcher.travel import DEFAULT_TRAVEL_MODEL, TravelModel

__all__ = ["EndingJob", "ending_jobs", "first_with_packages", "reference_date"]


@dataclass(frozen=True)
class EndingJob:
    candidate_id: str
    package_id: str
    end: date

    def ended(self, as_of: date) -> bool:
        return self.end < as_of


def ending_jobs(placements: Iterable[Placement], *, as_of: date, recent_days: int = 90) -> list[EndingJob]:
    """Candidates whose latest placement ends on or after ``as_of - recent_days``, soonest end first.

    Parameters
    ----------
    placements
        The placement history.
    as_of
        The reference date (normally today).
    recent_days
        How long after the end a candidate still counts as "job just ended".

    Returns
    -------
    list of EndingJob
        One per candidate, ordered by end date and then candidate id.
    """
    latest: dict[str, Placement] = {}
    for p in placements:
        current = latest.get(p.candidate_id)
        if current is None or (p.start, p.end or date.max) > (current.start, current.end or date.max):
            latest[p.candidate_id] = p
    since = as_of - timedelta(days=recent_days)
    jobs = [
        EndingJob(p.candidate_id, p.package_id, p.end)
        for p in latest.values()
        if p.end is not None and p.end >= since
    ]
    return sorted(jobs, key=lambda j: (j.end, j.candidate_id))


def first_with_packages(
    jobs: Sequence[EndingJob],
    candidates: Mapping[str, Candidate],
    packages: Sequence[WorkPackage],
    *,
    travel_model: TravelModel = DEFAULT_TRAVEL_MODEL,
) -> int:
    """Position in ``jobs`` of the first person the hard rule admits to at least one of ``packages``.

    0 when nobody has one (or nobody in ``jobs`` is among ``candidates``): the page then opens on the
    first person and says that nothing fits. One vectorised pass of the rule over the listed people.
    """
    known = [(i, candidates[job.candidate_id]) for i, job in enumerate(jobs) if job.candidate_id in candidates]
    if not known or not packages:
        return 0
    result = eligibility(
        CandidateArrays.build([c for _, c in known]), PackageArrays.build(packages), travel_model=travel_model
    )
    fitting = np.flatnonzero(result.eligible.any(axis=1))
    return known[int(fitting[0])][0] if len(fitting) else 0


def reference_date(placements: Iterable[Placement], today: date) -> date:
    """``today``, or the latest start or end date in the history when that lies before ``today``."""
    latest = max((d for p in placements for d in (p.start, p.end) if d is not None), default=today)
    return min(latest, today)
