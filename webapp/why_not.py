"""*Waarom niet?* for the candidate direction: packages the hard rule excludes for one candidate, with the
checks that exclude them, closest misses first.

The mirror of :meth:`matcher.recommend.Matcher.excluded_for_vacancy`, built from the same scalar
:func:`matcher.constraints.check_pair`; it belongs in the Matcher once that offers it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from matcher.constraints import Check, Outcome, check_pair
from matcher.schema import Candidate, WorkPackage
from matcher.travel import DEFAULT_TRAVEL_MODEL, TravelModel

__all__ = ["PackageExclusion", "excluded_packages"]


@dataclass(frozen=True)
class PackageExclusion:
    package: WorkPackage
    checks: tuple[Check, ...]  # the excluding checks only


def excluded_packages(
    candidate: Candidate,
    packages: Iterable[WorkPackage],
    *,
    limit: int | None = 50,
    travel_model: TravelModel = DEFAULT_TRAVEL_MODEL,
) -> list[PackageExclusion]:
    """Packages that break the hard rule for ``candidate``: fewest excluding checks first, then by id."""
    out = []
    for package in packages:
        excluding = tuple(
            c
            for c in check_pair(candidate, package, travel_model=travel_model)
            if c.outcome is Outcome.EXCLUDE
        )
        if excluding:
            out.append(PackageExclusion(package, excluding))
    out.sort(key=lambda e: (len(e.checks), e.package.id))
    return out if limit is None else out[:limit]
