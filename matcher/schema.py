"""Typed, immutable records of the data contract (DESIGN.md section 3).

``None`` always means *unknown*: a missing optional field is never read as "fits". Collections are
tuples; ``None`` for a collection (e.g. ``needs``) means the list itself is unknown, while an empty
tuple means "known to be empty". Parsing and validation of raw JSON live in :mod:`matcher.io`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from matcher.contract import load_contract

__all__ = [
    "Accommodation",
    "Candidate",
    "CandidateHours",
    "CandidateSchedule",
    "Capacities",
    "FunctionProfile",
    "Location",
    "PackageHours",
    "PackageSchedule",
    "Placement",
    "Register",
    "Task",
    "Travel",
    "WorkPackage",
]

RegisterRoute = Literal["wajong", "participatiewet", "vso_pro", "praktijkroute", "wsw", "other"]
ContractType = Literal["vast", "tijdelijk", "detachering", "uitzend", "proefplaatsing", "leerwerkplek"]


@dataclass(frozen=True)
class Register:
    route: str | None = None
    since: date | None = None


@dataclass(frozen=True)
class Location:
    """A place: ``municipality`` is always the normalised CBS name."""

    municipality: str | None = None
    postcode4: str | None = None


@dataclass(frozen=True)
class Travel:
    max_minutes: int | None = None
    modes: tuple[str, ...] | None = None
    avoid_rush_hour: bool | None = None


@dataclass(frozen=True)
class CandidateHours:
    min_per_week: int | None = None
    max_per_week: int | None = None
    max_per_day: int | None = None


@dataclass(frozen=True)
class CandidateSchedule:
    days: tuple[str, ...] | None = None
    dayparts: tuple[str, ...] | None = None
    needs_fixed_schedule: bool | None = None


@dataclass(frozen=True)
class Capacities:
    """Functional capacities on the FML-lite scale.

    If ``assessed`` is true, an item not listed is at its norm (the FML records only deviations);
    if false, listed items are known and unlisted items are unknown. An item listed as ``None`` (``null``
    in the contract) is unknown either way.
    """

    assessed: bool = False
    source: str | None = None
    levels: Mapping[str, int | None] = field(default_factory=dict)

    def level(self, code: str) -> int | None:
        """Capacity on item ``code``, or ``None`` when it is unknown."""
        if code in self.levels:
            return self.levels[code]
        if self.assessed:
            return load_contract().fml[code].norm
        return None


@dataclass(frozen=True)
class Candidate:
    """A person in the doelgroepregister, by pseudonymous id only."""

    id: str
    register: Register | None = None
    available_from: date | None = None
    location: Location | None = None
    travel: Travel | None = None
    education: str | None = None
    hours: CandidateHours | None = None
    schedule: CandidateSchedule | None = None
    capacities: Capacities = field(default_factory=Capacities)
    needs: tuple[str, ...] | None = None
    competences: tuple[str, ...] = ()
    experience: tuple[str, ...] = ()
    wishes: str | None = None
    preferred_sectors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Task:
    text: str
    hours_per_week: float | None = None


@dataclass(frozen=True)
class PackageHours:
    per_week: int | None = None
    per_day: int | None = None


@dataclass(frozen=True)
class PackageSchedule:
    days: tuple[str, ...] | None = None
    dayparts: tuple[str, ...] | None = None
    fixed: bool | None = None


@dataclass(frozen=True)
class Accommodation:
    """A workplace adjustment that lowers the demand on FML-lite items by whole steps."""

    name: str
    reduces: Mapping[str, int] = field(default_factory=dict)
    confirmed: bool = False


@dataclass(frozen=True)
class WorkPackage:
    """A vacancy or a carved work package at a public employer."""

    id: str
    employer: str
    sector: str
    title: str
    function_profile: str | None = None
    tasks: tuple[Task, ...] = ()
    description: str = ""
    location: Location | None = None
    hours: PackageHours | None = None
    schedule: PackageSchedule | None = None
    demands: Mapping[str, int] = field(default_factory=dict)
    accommodations: tuple[Accommodation, ...] = ()
    offers: tuple[str, ...] | None = None
    required_competences: tuple[str, ...] = ()
    optional_competences: tuple[str, ...] = ()
    contract: str | None = None
    boven_formatie: bool | None = None
    start: date | None = None

    def effective_demand(self, code: str) -> int | None:
        """Demand on ``code`` minus all confirmed accommodation steps (never below 0); ``None`` if unknown."""
        if code not in self.demands:
            return None
        steps = sum(a.reduces.get(code, 0) for a in self.accommodations if a.confirmed)
        return max(0, self.demands[code] - steps)


@dataclass(frozen=True)
class Placement:
    """A (past or current) placement of a candidate in a package."""

    candidate_id: str
    package_id: str
    start: date
    end: date | None = None
    end_reason: str | None = None


@dataclass(frozen=True)
class FunctionProfile:
    """An entry of the function-profile catalogue (``matcher/data/function_profiles.json``)."""

    id: str
    title: str
    sectors: tuple[str, ...]
    tasks: tuple[str, ...]
    demands: Mapping[str, int]
    hours_per_week: tuple[int, int]
    description: str = ""
    offers: tuple[str, ...] = ()
    esco_uri: str | None = None
    esco_label: str | None = None
    sources: tuple[str, ...] = ()
