"""Pair evaluation on arrays: the latent fit, the latent hard rule and the hard rule on the records.

All functions take two equal-length index arrays ``ci`` (candidate rows) and ``pi`` (package rows)
and work on every pair at once: no Python loop over pairs.

* :func:`latent_feasible`: the hard rule of DESIGN.md section 4 on the *true* values (capacity vs
  effective demand on all 31 items, hours, days, day-parts, fixed schedule, travel, support,
  availability). A pair that breaks it cannot work, whatever the records say.
* :func:`observed_excluded`: the same rule on the *recorded* values, with the contract's reading of
  unknowns (an unknown value never excludes). It mirrors :func:`matcher.constraints.check_pair`
  decision for decision; ``tests/evaluation/test_world.py`` checks that both agree on every pair of
  a small world.
* :func:`latent_fit`: how good a feasible pair is, 0..1, from interest, skill, capacity margin,
  working level, travel burden, hours and sector preference.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from evaluation.world.common import fml_scale
from evaluation.world.observe import NOT_RECORDED, ObservedCandidates, ObservedPackages
from evaluation.world.population import Population
from evaluation.world.workplaces import Workplaces
from matcher.travel import travel_table

__all__ = [
    "FIT_WEIGHTS",
    "FitParts",
    "combo_tables",
    "latent_feasible",
    "latent_fit",
    "latent_travel_ok",
    "observed_excluded",
    "travel_minutes",
]

_NO_ROUTE = np.int16(np.iinfo(np.int16).max)

#: Weights of the parts of :func:`latent_fit` (they sum to 1).
FIT_WEIGHTS = {
    "interest": 0.30,
    "skill": 0.22,
    "comfort": 0.14,
    "level": 0.14,
    "travel": 0.10,
    "hours": 0.06,
    "sector": 0.04,
}


@lru_cache(maxsize=1)
def combo_tables() -> tuple[np.ndarray, np.ndarray]:
    """Fastest minutes per set of modes (bitmask 0..31) between all municipalities, plain and rush."""
    table = travel_table()
    n_modes = len(table.modes)
    out = []
    for grid in (table.plain, table.rush):
        combos = np.full((1 << n_modes, *grid.shape[1:]), _NO_ROUTE, dtype=np.int16)
        for code in range(1, 1 << n_modes):
            members = [m for m in range(n_modes) if code & (1 << m)]
            combos[code] = grid[members].min(axis=0)
        out.append(combos)
    return out[0], out[1]


def travel_minutes(codes: np.ndarray, origin: np.ndarray, dest: np.ndarray, rush: np.ndarray) -> np.ndarray:
    """Fastest door-to-door minutes (:mod:`matcher.travel` estimate) for each pair; 32767 without modes."""
    plain, penalised = combo_tables()
    return np.where(rush, penalised[codes, origin, dest], plain[codes, origin, dest])


def _subset(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    return ~(part & ~whole).any(axis=1)


def latent_feasible(
    pop: Population,
    work: Workplaces,
    ci: np.ndarray,
    pi: np.ndarray,
    *,
    availability: bool = True,
    travel: bool = True,
) -> np.ndarray:
    """True where the pair satisfies every hard rule on the latent truth.

    ``availability=False`` and ``travel=False`` leave out those rules (for historic placements: the
    current ``available_from`` says nothing about the past, and a long commute is a burden that ends
    jobs sooner rather than something that makes the work itself impossible).
    """
    ok = (work.effective_demand[pi] <= pop.capacity[ci]).all(axis=1)
    per_week = work.per_week[pi]
    ok &= (
        (per_week >= pop.hours_min[ci])
        & (per_week <= pop.hours_max[ci])
        & (work.per_day[pi] <= pop.hours_day[ci])
    )
    ok &= _subset(work.days[pi], pop.days[ci]) & _subset(work.dayparts[pi], pop.dayparts[ci])
    ok &= ~pop.needs_fixed[ci] | work.fixed[pi]
    ok &= _subset(pop.needs[ci], work.offers[pi])
    if availability:
        ok &= pop.available_from[ci] <= work.start[pi]
    if travel:
        ok &= latent_travel_ok(pop, work, ci, pi)
    return ok


def latent_travel_ok(pop: Population, work: Workplaces, ci: np.ndarray, pi: np.ndarray) -> np.ndarray:
    """True where the fastest of the person's modes is within their limit (rush hour applied)."""
    rush = pop.avoid_rush[ci] & work.dayparts[pi, 0]
    minutes = travel_minutes(pop.mode_code[ci], pop.municipality[ci], work.municipality[pi], rush)
    return minutes <= pop.max_minutes[ci]


def observed_excluded(
    pop: Population,
    work: Workplaces,
    oc: ObservedCandidates,
    op: ObservedPackages,
    ci: np.ndarray,
    pi: np.ndarray,
) -> np.ndarray:
    """True where the *records* of the pair break the hard rule (known values conflict).

    Mirrors :func:`matcher.constraints.check_pair`: FML-lite items exclude when recorded capacity and
    recorded effective demand are both known and demand exceeds capacity; hours, days, day-parts,
    fixed schedule, support and availability exclude when the known values conflict; travel excludes
    when the candidate's place, modes and limit are known and no recorded mode fits (with the rush-hour
    penalty only when the candidate is recorded as avoiding the rush hour and the package's recorded
    day-parts include the morning), or when the recorded mode list is empty.
    """
    cap, dem = oc.capacity[ci], op.effective[pi]
    bad = ((cap >= 0) & (dem >= 0) & (dem > cap)).any(axis=1)

    per_week = work.per_week[pi]  # always recorded
    lo, hi, day_max, per_day = oc.hours_min[ci], oc.hours_max[ci], oc.hours_day[ci], op.per_day[pi]
    bad |= (lo >= 0) & (per_week < lo)
    bad |= (hi >= 0) & (per_week > hi)
    bad |= (day_max >= 0) & (per_day >= 0) & (per_day > day_max)

    days_both = oc.days_known[ci] & op.days_known[pi]
    bad |= days_both & ~_subset(work.days[pi], pop.days[ci])
    parts_both = oc.dayparts_known[ci] & op.dayparts_known[pi]
    bad |= parts_both & ~_subset(work.dayparts[pi], pop.dayparts[ci])
    bad |= (oc.needs_fixed[ci] == 1) & (op.fixed[pi] == 0)

    needs_both = oc.needs_known[ci] & op.offers_known[pi]
    bad |= needs_both & ~_subset(oc.needs[ci], work.offers[pi])

    avail, start = oc.available_from[ci], op.start[pi]
    bad |= (avail != NOT_RECORDED) & (start != NOT_RECORDED) & (avail > start)

    codes = pop.mode_code[ci]  # recorded modes, when known, are the true ones
    known = oc.modes_known[ci] & (oc.max_minutes[ci] >= 0)
    rush = (oc.avoid_rush[ci] == 1) & op.dayparts_known[pi] & work.dayparts[pi, 0]
    minutes = travel_minutes(codes, pop.municipality[ci], work.municipality[pi], rush)
    bad |= known & (minutes > oc.max_minutes[ci])
    return bad


@dataclass(frozen=True, eq=False)
class FitParts:
    """The parts of :func:`latent_fit` per pair (each 0..1) and their weighted sum ``fit``."""

    interest: np.ndarray
    skill: np.ndarray
    comfort: np.ndarray
    level: np.ndarray
    travel: np.ndarray
    hours: np.ndarray
    sector: np.ndarray
    fit: np.ndarray


def latent_fit(
    pop: Population, work: Workplaces, ci: np.ndarray, pi: np.ndarray, *, skill: np.ndarray | None = None
) -> FitParts:
    """How well each pair fits on the latent truth, 0..1 (meaningful for feasible pairs).

    Parts: interest in the package's kind of work; skill in it (``skill`` overrides the population's
    skill matrix, e.g. the skills *before* a historic placement); comfort = 1 minus a third per item
    where the demand is at the limit of a capacity below the norm, or above the norm; working-level
    distance (over- and under-qualification both count); travel burden (minutes over the person's
    limit); distance from the preferred hours; a preferred sector.
    """
    scale = fml_scale()
    kind = work.kind[pi]
    skills = pop.skill if skill is None else skill
    interest = pop.interest[ci, kind].astype(np.float64)
    skill_part = skills[ci, kind].astype(np.float64)
    cap, dem = pop.capacity[ci], work.effective_demand[pi]
    tight = ((dem == cap) & (cap < scale.norm)) | (dem > scale.norm)
    comfort = 1.0 - np.minimum(tight.sum(axis=1), 3) / 3.0
    level = 1.0 - np.minimum(np.abs(pop.level[ci].astype(int) - work.level[pi]), 2) / 2.0
    rush = pop.avoid_rush[ci] & work.dayparts[pi, 0]
    minutes = travel_minutes(pop.mode_code[ci], pop.municipality[ci], work.municipality[pi], rush)
    travel = np.clip(1.0 - minutes / np.maximum(pop.max_minutes[ci], 1), 0.0, 1.0)
    hours = 1.0 - np.minimum(np.abs(work.per_week[pi].astype(int) - pop.hours_pref[ci]) / 12.0, 1.0)
    sector = pop.sector_pref[ci, work.sector[pi]].astype(np.float64)
    w = FIT_WEIGHTS
    fit = (
        w["interest"] * interest
        + w["skill"] * skill_part
        + w["comfort"] * comfort
        + w["level"] * level
        + w["travel"] * travel
        + w["hours"] * hours
        + w["sector"] * sector
    )
    return FitParts(interest, skill_part, comfort, level, travel, hours, sector, fit)
