"""*Van werk naar werk*: whose job is ending, from the placement history.

A candidate qualifies when their most recent placement has an end date that is still to come, or
that passed at most ``recent_days`` ago (the adviser looks for the next place in time). The reference
date is today, or the last date of an older history (synthetic data sets have their own "today").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from matcher.schema import Placement

__all__ = ["EndingJob", "ending_jobs", "reference_date"]


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


def reference_date(placements: Iterable[Placement], today: date) -> date:
    """``today``, or the latest start or end date in the history when that lies before ``today``."""
    latest = max((d for p in placements for d in (p.start, p.end) if d is not None), default=today)
    return min(latest, today)
