"""An independent judge of the hard rule (DESIGN.md section 4), for the ``violations@k`` metric.

This is a second, deliberately plain implementation of the rule: one pair at a time, one check per
function, written from the text of DESIGN.md and not from the matcher's constraint code (it never
imports :mod:`matcher.constraints`). If the two disagree, one of them is wrong and the benchmark
shows it. It shares only the data types (:mod:`matcher.schema`), the vocabularies
(:mod:`matcher.contract`) and the travel-time *model* (:mod:`matcher.travel`): how many minutes a
trip takes is an assumption of the product, not part of the rule.

Verdicts per check:

* ``EXCLUDE``: the rule is broken (an *overschrijding*); the pair may never be shown;
* ``SIGNAL``: allowed but to be discussed (a *signalering*);
* ``UNKNOWN``: a value the check needs is missing (*onbekend*), a signalering, never a pass;
* ``PASS``.

Non-FML checks are decided by the values that are known: a check is ``EXCLUDE`` when the known values
already break it whatever the missing ones turn out to be (a package of 8 hours a week for a
candidate who wants at least 12 is out even if the candidate's maximum is not recorded), ``PASS``
when the known values satisfy it whatever the missing ones are, and ``UNKNOWN`` otherwise. The FML-lite
items follow the rule's own words: an unknown demand or capacity is always ``UNKNOWN``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import NamedTuple

from matcher.contract import load_contract
from matcher.schema import Candidate, WorkPackage
from matcher.travel import DEFAULT_TRAVEL_MODEL, TravelModel, estimate_travel_minutes

__all__ = [
    "Finding",
    "Oracle",
    "Verdict",
    "check_availability",
    "check_fml",
    "check_hours",
    "check_schedule",
    "check_support",
    "check_travel",
    "excludes",
    "judge",
]

MORNING = "ochtend"


class Verdict(StrEnum):
    """Outcome of one check."""

    PASS = "pass"
    SIGNAL = "signal"
    UNKNOWN = "unknown"
    EXCLUDE = "exclude"


class Finding(NamedTuple):
    """One check of one pair: which rule, on which item, with what verdict and why (English).

    An immutable record; a named tuple rather than a frozen dataclass because the benchmark builds
    about forty per judged pair.
    """

    rule: str
    item: str
    verdict: Verdict
    detail: str


# ---------------------------------------------------------------------------------------------
# FML-lite items (including the working-time items WT01-WT04)


def _capacity(candidate: Candidate, code: str, norm: int) -> int | None:
    levels = candidate.capacities.levels
    if code in levels:
        return levels[code]
    # FML convention: an assessed candidate without a listed level is at the norm
    return norm if candidate.capacities.assessed else None


def _effective_demand(package: WorkPackage, code: str) -> int | None:
    if code not in package.demands:
        return None
    steps = 0
    for accommodation in package.accommodations:
        if accommodation.confirmed:
            steps += accommodation.reduces.get(code, 0)
    return max(0, package.demands[code] - steps)


def check_fml(candidate: Candidate, package: WorkPackage) -> list[Finding]:
    """One finding per FML-lite item of the contract."""
    findings = []
    for code, item in load_contract().fml.items():
        demand = _effective_demand(package, code)
        capacity = _capacity(candidate, code, item.norm)
        if demand is None or capacity is None:
            verdict, why = Verdict.UNKNOWN, f"demand {demand}, capacity {capacity}"
        elif demand > capacity:
            verdict, why = Verdict.EXCLUDE, f"effective demand {demand} > capacity {capacity}"
        elif demand > item.norm:
            verdict, why = Verdict.SIGNAL, f"effective demand {demand} above the norm {item.norm}"
        elif demand == capacity and capacity < item.norm:
            verdict, why = (
                Verdict.SIGNAL,
                f"effective demand {demand} equals capacity below the norm {item.norm}",
            )
        else:
            verdict, why = Verdict.PASS, f"effective demand {demand} <= capacity {capacity}"
        findings.append(Finding("fml", code, verdict, why))
    return findings


# ---------------------------------------------------------------------------------------------
# The other hard checks


def _bound(rule: str, item: str, broken: bool | None, detail: str) -> Finding:
    if broken is None:
        return Finding(rule, item, Verdict.UNKNOWN, detail)
    return Finding(rule, item, Verdict.EXCLUDE if broken else Verdict.PASS, detail)


def check_hours(candidate: Candidate, package: WorkPackage) -> list[Finding]:
    """``per_week`` within ``min_per_week..max_per_week``; ``per_day`` at most ``max_per_day``."""
    wants = candidate.hours
    offers = package.hours
    per_week = offers.per_week if offers else None
    per_day = offers.per_day if offers else None
    low = wants.min_per_week if wants else None
    high = wants.max_per_week if wants else None
    day_max = wants.max_per_day if wants else None
    return [
        _bound(
            "hours",
            "min_per_week",
            # hours are never negative: a minimum of 0 is met whatever the package's hours
            False if low == 0 else None if per_week is None or low is None else per_week < low,
            f"package {per_week} h/week, candidate minimum {low}",
        ),
        _bound(
            "hours",
            "max_per_week",
            None if per_week is None or high is None else per_week > high,
            f"package {per_week} h/week, candidate maximum {high}",
        ),
        _bound(
            "hours",
            "max_per_day",
            None if per_day is None or day_max is None else per_day > day_max,
            f"package {per_day} h/day, candidate maximum {day_max}",
        ),
    ]


def _subset(
    rule: str,
    item: str,
    needed: Iterable[str] | None,
    available: Iterable[str] | None,
    everything: Iterable[str],
) -> Finding:
    if available is not None and set(everything) <= set(available):
        return Finding(rule, item, Verdict.PASS, "everything is covered, whatever is needed")
    if needed is None or available is None:
        return Finding(rule, item, Verdict.UNKNOWN, f"needed {needed}, available {available}")
    missing = sorted(set(needed) - set(available))
    detail = f"not covered: {missing}" if missing else "all covered"
    return Finding(rule, item, Verdict.EXCLUDE if missing else Verdict.PASS, detail)


def check_schedule(candidate: Candidate, package: WorkPackage) -> list[Finding]:
    """Package days and day-parts within the candidate's; a fixed schedule if the candidate needs one."""
    cs, ps = candidate.schedule, package.schedule
    contract = load_contract()
    findings = [
        _subset("schedule", "days", ps.days if ps else None, cs.days if cs else None, contract.days),
        _subset(
            "schedule",
            "dayparts",
            ps.dayparts if ps else None,
            cs.dayparts if cs else None,
            contract.dayparts,
        ),
    ]
    needs_fixed = cs.needs_fixed_schedule if cs else None
    fixed = ps.fixed if ps else None
    if needs_fixed is False:
        broken: bool | None = False
    elif needs_fixed is None:
        # unknown need: only a fixed package is fine either way
        broken = False if fixed is True else None
    else:
        broken = None if fixed is None else not fixed
    findings.append(
        _bound("schedule", "fixed", broken, f"candidate needs fixed {needs_fixed}, package fixed {fixed}")
    )
    return findings


def check_travel(
    candidate: Candidate, package: WorkPackage, *, model: TravelModel = DEFAULT_TRAVEL_MODEL
) -> list[Finding]:
    """Door-to-door minutes by one of the candidate's modes at most ``max_minutes``.

    The rush-hour penalty applies when the candidate avoids the rush hour and the package has
    morning hours (its day-parts include ``ochtend``).
    """
    travel = candidate.travel
    origin = candidate.location.municipality if candidate.location else None
    destination = package.location.municipality if package.location else None
    limit = travel.max_minutes if travel else None
    modes = travel.modes if travel else None
    if modes is not None and not modes:
        # "by one of the candidate's modes": with no mode at all there is none that fits
        return [Finding("travel", "minutes", Verdict.EXCLUDE, "the candidate has no travel mode")]
    if origin is None or destination is None or limit is None or modes is None:
        detail = f"from {origin} to {destination}, modes {modes}, limit {limit}"
        return [Finding("travel", "minutes", Verdict.UNKNOWN, detail)]
    avoid = travel.avoid_rush_hour if travel else None
    dayparts = package.schedule.dayparts if package.schedule else None
    if avoid is False or (dayparts is not None and MORNING not in dayparts):
        penalties = {False}
    elif avoid is True and dayparts is not None:
        penalties = {True}
    else:
        penalties = {False, True}  # whether the penalty applies is unknown: try both
    outcomes = set()
    details = []
    for penalty in sorted(penalties):
        minutes = [
            estimate_travel_minutes(origin, destination, mode, rush_hour=penalty, model=model)
            for mode in modes
        ]
        known = [m for m in minutes if m is not None]
        if not known:
            return [
                Finding("travel", "minutes", Verdict.UNKNOWN, f"no estimate from {origin} to {destination}")
            ]
        best = min(known)
        outcomes.add(best > limit)
        details.append(f"{best} min{' (rush hour)' if penalty else ''}")
    broken = outcomes.pop() if len(outcomes) == 1 else None
    return [_bound("travel", "minutes", broken, f"fastest {', '.join(details)}, limit {limit}")]


def check_support(candidate: Candidate, package: WorkPackage) -> list[Finding]:
    """Every candidate need among the package's offers."""
    if candidate.needs is not None and not candidate.needs:
        return [Finding("support", "needs", Verdict.PASS, "no needs")]
    return [_subset("support", "needs", candidate.needs, package.offers, load_contract().needs_offers)]


def check_availability(candidate: Candidate, package: WorkPackage) -> list[Finding]:
    """``available_from`` on or before the package ``start``."""
    available, start = candidate.available_from, package.start
    broken = None if available is None or start is None else available > start
    return [_bound("availability", "start", broken, f"available from {available}, package starts {start}")]


def judge(
    candidate: Candidate, package: WorkPackage, *, travel_model: TravelModel = DEFAULT_TRAVEL_MODEL
) -> tuple[Finding, ...]:
    """Every check of the hard rule for one pair.

    Examples
    --------
    >>> from matcher.schema import PackageHours, CandidateHours
    >>> c = Candidate("c1", hours=CandidateHours(min_per_week=12, max_per_week=24))
    >>> p = WorkPackage("p1", "e", "rijk", "t", hours=PackageHours(per_week=8))
    >>> [f.item for f in judge(c, p) if f.verdict is Verdict.EXCLUDE]
    ['min_per_week']
    """
    return (
        *check_fml(candidate, package),
        *check_hours(candidate, package),
        *check_schedule(candidate, package),
        *check_travel(candidate, package, model=travel_model),
        *check_support(candidate, package),
        *check_availability(candidate, package),
    )


def excludes(
    candidate: Candidate, package: WorkPackage, *, travel_model: TravelModel = DEFAULT_TRAVEL_MODEL
) -> bool:
    """True when any check of :func:`judge` is ``EXCLUDE``: the pair may never appear in a result."""
    return any(f.verdict is Verdict.EXCLUDE for f in judge(candidate, package, travel_model=travel_model))


class Oracle:
    """Judges (query, doc) pairs of either direction by id, for :func:`violations_at_k`.

    Parameters
    ----------
    candidates, packages : mapping of id to record
        The records the runs refer to.
    travel_model : TravelModel
        The travel-time assumptions (the matcher's default unless told otherwise).

    Raises
    ------
    KeyError
        From :meth:`excluded` for an id that is not in the data (a run naming unknown ids is broken).
    """

    def __init__(
        self,
        candidates: Mapping[str, Candidate],
        packages: Mapping[str, WorkPackage],
        *,
        travel_model: TravelModel = DEFAULT_TRAVEL_MODEL,
    ) -> None:
        self.candidates = candidates
        self.packages = packages
        self.travel_model = travel_model
        self._cache: dict[tuple[str, str], bool] = {}

    def excluded(self, direction: str, query_id: str, doc_id: str) -> bool:
        """Whether the pair named by a run row breaks the hard rule."""
        candidate_id, package_id = (doc_id, query_id) if direction == "vacancy" else (query_id, doc_id)
        key = (candidate_id, package_id)
        if key not in self._cache:
            self._cache[key] = excludes(
                self.candidates[candidate_id], self.packages[package_id], travel_model=self.travel_model
            )
        return self._cache[key]
