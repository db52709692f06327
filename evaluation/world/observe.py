"""What an adviser gets to see: partial, noisy observations of the latent world, as arrays.

The observed arrays are what the contract records will say (:mod:`evaluation.world.records` writes
them out) and what the hard rule is checked on (:mod:`evaluation.world.fit`). ``-1`` in an integer
array and ``False`` in a ``*_known`` flag mean *not recorded*.

Observation model (scenario parameters, chosen to match what the domain notes say is missing):

* capacities: 55% of candidates have an assessment (UWV FML, labour expert, company doctor) that lists
  only deviations from the norm, with a 6% per-item chance of a one-step error; the others have no
  assessment (``assessed: false``) and list a few self- or jobcoach-reported items, mostly the ones
  where they are limited, with a bias towards overestimating themselves;
* education missing for 42% (as in UWV's candidate search, 2019), hours per day for about a third,
  days, day-parts and the fixed-schedule need for 15-25%, availability for 10%;
* needs: 8% have no needs recorded at all; of recorded lists, each true need is left out with
  probability 0.12 (a hidden need);
* packages list 100%, 85% or 55% of their demands (30/50/20% of packages), with a 5% per-item
  one-step error; accommodations and offers are the employer's own statement and are exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from evaluation.world.common import fml_scale, stream
from evaluation.world.limitations import LIMITATIONS
from evaluation.world.population import Population
from evaluation.world.workplaces import Workplaces

__all__ = [
    "ASSESSED_SOURCES",
    "NOT_RECORDED",
    "SELF_SOURCES",
    "ObservedCandidates",
    "ObservedPackages",
    "observe_candidates",
    "observe_packages",
]

NOT_RECORDED = np.iinfo(np.int32).min
"""Day offset meaning "date not recorded"."""

ASSESSED_SOURCES = ("UWV FML", "arbeidsdeskundige UWV", "bedrijfsarts")
SELF_SOURCES = ("zelfrapportage", "jobcoach")


@dataclass(frozen=True, eq=False)
class ObservedCandidates:
    """The recorded candidate fields (arrays, one row per candidate)."""

    assessed: np.ndarray  # (n,) bool
    source: np.ndarray  # (n,) int8: index into ASSESSED_SOURCES / SELF_SOURCES by ``assessed``; -1 none
    listed: np.ndarray  # (n, 31) bool: item written in capacities.levels
    level: np.ndarray  # (n, 31) int8 recorded level where listed
    capacity: np.ndarray  # (n, 31) int8 capacity as the hard rule reads it (-1 unknown)
    education: np.ndarray  # (n,) int8 (-1 not recorded)
    hours_known: np.ndarray  # (n,) bool whole hours object present
    hours_min: np.ndarray  # (n,) int16 (-1)
    hours_max: np.ndarray  # (n,) int16 (-1)
    hours_day: np.ndarray  # (n,) int16 (-1)
    days_known: np.ndarray  # (n,) bool
    dayparts_known: np.ndarray  # (n,) bool
    needs_fixed: np.ndarray  # (n,) int8 (-1 / 0 / 1)
    needs_known: np.ndarray  # (n,) bool
    needs: np.ndarray  # (n, n_needs) bool recorded needs
    modes_known: np.ndarray  # (n,) bool
    max_minutes: np.ndarray  # (n,) int16 (-1)
    avoid_rush: np.ndarray  # (n,) int8 (-1 / 0 / 1)
    available_from: np.ndarray  # (n,) int32 day offset or NOT_RECORDED
    register_since: np.ndarray  # (n,) int32 day offset or NOT_RECORDED


@dataclass(frozen=True, eq=False)
class ObservedPackages:
    """The recorded package fields (arrays, one row per package)."""

    listed: np.ndarray  # (m, 31) bool demand written
    demand: np.ndarray  # (m, 31) int8 recorded demand where listed
    effective: np.ndarray  # (m, 31) int8 recorded demand minus confirmed steps (-1 unknown)
    per_day: np.ndarray  # (m,) int16 (-1)
    days_known: np.ndarray  # (m,) bool
    dayparts_known: np.ndarray  # (m,) bool
    fixed: np.ndarray  # (m,) int8 (-1 / 0 / 1)
    offers_known: np.ndarray  # (m,) bool
    start: np.ndarray  # (m,) int32 day offset or NOT_RECORDED
    profile_known: np.ndarray  # (m,) bool function_profile written


def _step_noise(rng: np.random.Generator, shape: tuple[int, ...], p: float, down: float) -> np.ndarray:
    """-1/0/+1 errors: an error with probability ``p``, downwards with probability ``down``."""
    err = rng.random(shape) < p
    sign = np.where(rng.random(shape) < down, -1, 1)
    return (err * sign).astype(np.int16)


def _missing(rng: np.random.Generator, n: int, p: float) -> np.ndarray:
    return rng.random(n) < p


def observe_candidates(pop: Population, seed: int) -> ObservedCandidates:
    """Draw what the records of ``pop`` say (see the module notes for the observation model)."""
    scale = fml_scale()
    rng = stream(seed, "observe-candidates")
    n = pop.n
    norm, top = scale.norm[None, :].astype(np.int16), scale.max[None, :].astype(np.int16)
    latent = pop.capacity.astype(np.int16)

    assessed = rng.random(n) < 0.55
    assessed_level = np.clip(latent + _step_noise(rng, latent.shape, 0.06, 0.6), 0, top)
    source_a = rng.choice(len(ASSESSED_SOURCES), size=n, p=[0.6, 0.25, 0.15])

    source_s = rng.choice(3, size=n, p=[0.6, 0.25, 0.15])  # zelfrapportage, jobcoach, none
    overestimate = np.where(pop.limitation == [t.code for t in LIMITATIONS].index("autisme"), 0.4, 0.22)
    self_noise = np.where(
        rng.random(latent.shape) < overestimate[:, None], 1, np.where(rng.random(latent.shape) < 0.05, -1, 0)
    )
    coach_noise = _step_noise(rng, latent.shape, 0.08, 0.5)
    self_level = np.clip(latent + np.where((source_s == 1)[:, None], coach_noise, self_noise), 0, top)
    limited = latent < norm
    mentions = rng.random(latent.shape) < np.where(limited, 0.6, 0.08)
    says_nothing = rng.random(n) < 0.35
    self_listed = mentions & ~(says_nothing | (source_s == 2))[:, None]

    level = np.where(assessed[:, None], assessed_level, self_level).astype(np.int8)
    listed = np.where(assessed[:, None], assessed_level != norm, self_listed)
    capacity = np.where(assessed[:, None], assessed_level, np.where(self_listed, self_level, -1)).astype(
        np.int8
    )
    source = np.where(assessed, source_a, np.where(source_s == 2, -1, source_s)).astype(np.int8)

    education = np.where(_missing(rng, n, 0.42), -1, pop.education).astype(np.int8)
    hours_known = ~_missing(rng, n, 0.06)
    hours_min = np.where(hours_known & ~_missing(rng, n, 0.1), pop.hours_min, -1).astype(np.int16)
    hours_max = np.where(hours_known, pop.hours_max, -1).astype(np.int16)
    hours_day = np.where(hours_known & ~_missing(rng, n, 0.35), pop.hours_day, -1).astype(np.int16)
    days_known = ~_missing(rng, n, 0.15)
    dayparts_known = ~_missing(rng, n, 0.2)
    needs_fixed = np.where(_missing(rng, n, 0.25), -1, pop.needs_fixed).astype(np.int8)
    needs_known = ~_missing(rng, n, 0.08)
    needs = pop.needs & (rng.random(pop.needs.shape) >= 0.12) & needs_known[:, None]
    modes_known = ~_missing(rng, n, 0.05)
    max_minutes = np.where(_missing(rng, n, 0.08), -1, pop.max_minutes).astype(np.int16)
    avoid_rush = np.where(_missing(rng, n, 0.3), -1, pop.avoid_rush).astype(np.int8)
    available_from = np.where(_missing(rng, n, 0.1), NOT_RECORDED, pop.available_from).astype(np.int32)
    register_since = np.where(_missing(rng, n, 0.05), NOT_RECORDED, pop.register_since).astype(np.int32)

    return ObservedCandidates(
        assessed=assessed,
        source=source,
        listed=listed,
        level=level,
        capacity=capacity,
        education=education,
        hours_known=hours_known,
        hours_min=hours_min,
        hours_max=hours_max,
        hours_day=hours_day,
        days_known=days_known,
        dayparts_known=dayparts_known,
        needs_fixed=needs_fixed,
        needs_known=needs_known,
        needs=needs,
        modes_known=modes_known,
        max_minutes=max_minutes,
        avoid_rush=avoid_rush,
        available_from=available_from,
        register_since=register_since,
    )


def observe_packages(work: Workplaces, seed: int) -> ObservedPackages:
    """Draw what the records of ``work`` say (see the module notes)."""
    scale = fml_scale()
    rng = stream(seed, "observe-packages")
    m = work.m
    completeness = rng.choice([1.0, 0.85, 0.55], size=m, p=[0.3, 0.5, 0.2])
    listed = rng.random((m, len(scale))) < completeness[:, None]
    demand = np.clip(
        work.demand.astype(np.int16) + _step_noise(rng, work.demand.shape, 0.05, 0.5), 0, scale.max[None, :]
    )
    effective = np.where(listed, np.maximum(demand - work.reduce, 0), -1).astype(np.int8)
    return ObservedPackages(
        listed=listed,
        demand=demand.astype(np.int8),
        effective=effective,
        per_day=np.where(_missing(rng, m, 0.3), -1, work.per_day).astype(np.int16),
        days_known=~_missing(rng, m, 0.08),
        dayparts_known=~_missing(rng, m, 0.1),
        fixed=np.where(_missing(rng, m, 0.15), -1, work.fixed).astype(np.int8),
        offers_known=~_missing(rng, m, 0.05),
        start=np.where(_missing(rng, m, 0.1), NOT_RECORDED, work.start).astype(np.int32),
        profile_known=~_missing(rng, m, 0.15),
    )
