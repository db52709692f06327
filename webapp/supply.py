"""Per function profile and region: how many registered candidates could fill it now.

The profile becomes a work package at the region's central municipality (its demands, its lowest
hours, the support it offers, start today; schedule unknown). The hard rule counts the eligible
candidates (:meth:`matcher.recommend.Matcher.eligible_count`). Only aggregated counts leave this
module, and a count below :data:`SUPPRESS_BELOW` is replaced by ``None`` (shown as "< 5"), so no
individual can be singled out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from matcher.schema import FunctionProfile, Location, PackageHours, Task, WorkPackage
from webapp.regions import Region

__all__ = ["SUPPRESS_BELOW", "RegionCount", "profile_package", "supply_by_region", "suppress"]

SUPPRESS_BELOW = 5
"""Counts below this are never shown."""


@dataclass(frozen=True)
class RegionCount:
    """``count`` is ``None`` when suppressed (fewer than :data:`SUPPRESS_BELOW`)."""

    region: str
    municipality: str
    count: int | None


def suppress(count: int) -> int | None:
    """``count``, or ``None`` when it is below :data:`SUPPRESS_BELOW` (zero included)."""
    return count if count >= SUPPRESS_BELOW else None


def profile_package(profile: FunctionProfile, municipality: str, *, start: date) -> WorkPackage:
    """The work package a function profile describes, placed in ``municipality``.

    Hours are the lower end of the profile's range (the most people can do that); the schedule is
    unknown (so it never excludes anyone, and is a signalering for everyone).
    """
    return WorkPackage(
        id=f"PROFILE-{profile.id}",
        employer="",
        sector=profile.sectors[0] if profile.sectors else "",
        title=profile.title,
        function_profile=profile.id,
        tasks=tuple(Task(t) for t in profile.tasks),
        description=profile.description,
        location=Location(municipality),
        hours=PackageHours(per_week=min(profile.hours_per_week)),
        demands=dict(profile.demands),
        offers=tuple(profile.offers),
        start=start,
    )


def supply_by_region(
    profile: FunctionProfile,
    regions: Iterable[Region],
    count_eligible: Callable[[WorkPackage], int],
    *,
    start: date,
) -> list[RegionCount]:
    """Suppressed eligible counts for ``profile`` in every region, in the order given.

    Parameters
    ----------
    profile
        A catalogue entry.
    regions
        Where to place the work.
    count_eligible
        Counts the candidates the hard rule admits for a package (``Matcher.eligible_count``).
    start
        The start date ("now": normally today).
    """
    return [
        RegionCount(
            r.name,
            r.municipality,
            suppress(count_eligible(profile_package(profile, r.municipality, start=start))),
        )
        for r in regions
    ]
