"""Placement histories from a durability model calibrated to seed 003 (``docs/domain.md`` section 10).

Each person with a work history lives through alternating job spells and gaps from the start of
their career (at most :data:`BURN_IN_YEARS` before the window) until :data:`~evaluation.world.common.TODAY`.
Only spells that overlap the 5-year observation window ``[TODAY - 5 years, TODAY)`` are kept; a spell
still running on ``TODAY`` is right-censored (no end date). Window, censoring and the "ended jobs
only" view are those of the UWV study, so the statistics are computed the same way.

A spell
    takes a package of the world: a kind of work is drawn from the person's interests and skills
    (rarely any other kind), then :data:`N_OPTIONS` packages of that kind near home (distance kernel
    :data:`DISTANCE_KM`); one is taken with weight ``exp(CHOICE_FIT * fit)``, times
    :data:`INFEASIBLE_CHOICE` when the pair breaks the hard rule on the latent truth and 0.3 when the
    commute is beyond the person's limit: placements in the past were made without this system, so
    poor fits happen. A package id is a post that several people can hold over time; history refers
    only to the packages of the world (no extra historic packages are written). Its duration is
    Weibull with a per-contract scale and shape (:data:`CONTRACT_WEIBULL`), the hazard multiplied by
    the person's instability (a frailty: young, male, psychiatric and developmental conditions
    higher), by ``exp(FIT_HAZARD * (FIT_CENTRE - fit))``, by :data:`INFEASIBLE_HAZARD` when the pair
    breaks the latent hard rule (availability and travel left out), by :data:`TRAVEL_HAZARD` for a
    commute beyond the limit and by :data:`COACH_HAZARD` when a needed job coach is offered. Poor
    latent fit ends placements early: this is the signal a learned durability model can pick up.
A gap
    follows the re-employment curve of jobs without a coach (29% within a week, 36% a month, 48% three
    months, 58% six months, 68% a year, 78% two years, 82% three, 85% four; the other 15% do not
    return within the simulation).

End reasons are *latent scenario parameters*: no UWV system registers why a job ends (seed 003), so
no empirical distribution exists. :func:`end_reason_weights` makes the reasons plausible given the
contract, the fit and the duration (contract not renewed for temporary contracts, task mismatch and
overload for poor or infeasible fits, own choice to grow after long good spells); never present the
mix as realistic, and vary it in sensitivity analyses.

Calibration (fitted on a 20,000-candidate world; tests check it within tolerance on 5,000): endings
per person in the window among people with at least one job, durations of ended jobs, mean ended
duration by contract (vast > tijdelijk > uitzend), and the yearly ending hazard of about 1/3. The
measured figures and the known misfit are in ``docs/BENCHMARKS.md`` ("Synthetic world: calibration").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from evaluation.world.common import stream
from evaluation.world.fit import latent_feasible, latent_fit, latent_travel_ok
from evaluation.world.kinds import KINDS
from evaluation.world.places import municipality_names
from evaluation.world.population import Population, sample_rows
from evaluation.world.workplaces import Workplaces
from matcher.contract import load_contract
from matcher.travel import haversine_km

__all__ = [
    "BURN_IN_YEARS",
    "CONTRACT_WEIBULL",
    "REEMPLOYMENT_CURVE",
    "WINDOW_DAYS",
    "History",
    "end_reason_weights",
    "simulate_history",
]

DAYS_PER_MONTH = 365.25 / 12
WINDOW_DAYS = round(5 * 365.25)
BURN_IN_YEARS = 8

#: Weibull (scale in months, shape) of job duration per contract type, before the hazard multipliers.
CONTRACT_WEIBULL: dict[str, tuple[float, float]] = {
    "vast": (149.0, 1.1),
    "tijdelijk": (19.5, 1.18),
    "detachering": (27.5, 1.18),
    "uitzend": (13.6, 1.18),
    "proefplaatsing": (8.3, 1.18),
    "leerwerkplek": (25.8, 1.18),
}
FIT_HAZARD = 2.5
FIT_CENTRE = 0.55
INFEASIBLE_HAZARD = 1.8
TRAVEL_HAZARD = 1.4
COACH_HAZARD = 0.85
CHOICE_FIT = 3.0
INFEASIBLE_CHOICE = 0.05
N_OPTIONS = 12
DISTANCE_KM = 8.0

#: (days after the end, share with a new job by then); beyond the last point: never back.
REEMPLOYMENT_CURVE: tuple[tuple[float, float], ...] = (
    (0.0, 0.0),
    (7.0, 0.29),
    (30.0, 0.36),
    (91.0, 0.48),
    (182.0, 0.58),
    (365.0, 0.68),
    (730.0, 0.78),
    (1095.0, 0.82),
    (1461.0, 0.85),
)

NOT_ENDED = np.iinfo(np.int32).max


@dataclass(frozen=True, eq=False)
class History:
    """Placements overlapping the observation window, one row per placement.

    ``start``/``end`` are day offsets from TODAY (``end == NOT_ENDED`` and ``reason == -1`` for
    placements still running); ``reason`` indexes the contract's end reasons.
    """

    candidate: np.ndarray  # (h,) int32
    package: np.ndarray  # (h,) int32
    start: np.ndarray  # (h,) int32
    end: np.ndarray  # (h,) int32
    reason: np.ndarray  # (h,) int8
    contract: np.ndarray  # (h,) int8 contract order
    fit: np.ndarray  # (h,) float32 latent fit of the pair at the start
    feasible: np.ndarray  # (h,) bool latent hard rule holds (availability and travel left out)
    far: np.ndarray  # (h,) bool the commute is beyond the person's limit

    @property
    def ended(self) -> np.ndarray:
        """Placements that ended before TODAY."""
        return self.end != NOT_ENDED

    def __len__(self) -> int:
        return len(self.candidate)


def _gap_days(rng: np.random.Generator, n: int) -> np.ndarray:
    """Days until the next job, from :data:`REEMPLOYMENT_CURVE` (``inf`` = does not return)."""
    days, share = (np.array(v) for v in zip(*REEMPLOYMENT_CURVE, strict=True))
    u = rng.random(n)
    gap = np.interp(u, share, days)
    return np.where(u >= share[-1], np.inf, gap)


def _nearby_cdfs(work: Workplaces) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per kind: (its package rows, (n_municipalities, m_k) cumulative choice weights by distance)."""
    contract = load_contract()
    munis = [contract.municipalities[name] for name in municipality_names()]
    lat = np.array([m.latitude for m in munis])
    lon = np.array([m.longitude for m in munis])
    out = []
    for k in range(len(KINDS)):
        rows = np.flatnonzero(work.kind == k)
        if not len(rows):
            out.append((rows, np.zeros((len(munis), 0), dtype=np.float32)))
            continue
        where = work.municipality[rows]
        km = haversine_km(lat[:, None], lon[:, None], lat[None, where], lon[None, where])
        cdf = np.cumsum(np.exp(-km / DISTANCE_KM), axis=1)
        out.append((rows, (cdf / cdf[:, -1:]).astype(np.float32)))
    return out


def _choose_packages(
    rng: np.random.Generator,
    pop: Population,
    work: Workplaces,
    cdfs: list[tuple[np.ndarray, np.ndarray]],
    people: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One package per person in ``people``.

    The kind of work is drawn from the person's interests and skills (with a little chance of any
    kind the world has), then N_OPTIONS packages of that kind near home; one of them is taken with
    weight ``exp(CHOICE_FIT * fit)``, times INFEASIBLE_CHOICE when the pair breaks the hard rule.
    """
    available = np.array([len(rows) > 0 for rows, _ in cdfs])
    appeal = (pop.interest[people] + 0.5 * pop.skill[people] + 0.03) * available[None, :]
    kinds = sample_rows(rng, appeal)
    homes = pop.municipality[people]
    options = np.empty((len(people), N_OPTIONS), dtype=np.int64)
    u = rng.random((len(people), N_OPTIONS))
    order = np.lexsort((homes, kinds))
    keys = kinds[order].astype(np.int64) * 1000 + homes[order]
    bounds = np.flatnonzero(np.diff(keys)) + 1
    for group in np.split(order, bounds):
        rows_k, cdf = cdfs[kinds[group[0]]]
        picked = np.minimum(np.searchsorted(cdf[homes[group[0]]], u[group]), len(rows_k) - 1)
        options[group] = rows_k[picked]
    ci = np.repeat(people, N_OPTIONS)
    pi = options.reshape(-1)
    fit = latent_fit(pop, work, ci, pi).fit.reshape(options.shape)
    feasible = latent_feasible(pop, work, ci, pi, availability=False, travel=False).reshape(options.shape)
    travel_ok = latent_travel_ok(pop, work, ci, pi).reshape(options.shape)
    weight = (
        np.exp(CHOICE_FIT * fit) * np.where(feasible, 1.0, INFEASIBLE_CHOICE) * np.where(travel_ok, 1.0, 0.3)
    )
    cum = np.cumsum(weight, axis=1)
    pick = np.minimum((cum < rng.random((len(people), 1)) * cum[:, -1:]).sum(axis=1), N_OPTIONS - 1)
    rows = np.arange(len(people))
    return options[rows, pick], fit[rows, pick], feasible[rows, pick], travel_ok[rows, pick]


def end_reason_weights(
    contract_code: np.ndarray,
    fit: np.ndarray,
    feasible: np.ndarray,
    far: np.ndarray,
    months: np.ndarray,
    instability: np.ndarray,
) -> np.ndarray:
    """(h, n_reasons) relative weights of each end reason (contract order); scenario parameters."""
    contract = load_contract()
    reasons = tuple(contract.end_reasons)
    temporary = contract_code != contract.contracts.index("vast")
    poor = 1.0 - fit
    infeasible = (~feasible).astype(np.float64)
    long_good = ((months > 12) * fit).astype(np.float64)
    table = {
        "contract_niet_verlengd": np.where(temporary, 3.0, 0.1),
        "taken_passen_niet": 0.4 + 3.0 * poor + 2.0 * infeasible,
        "overbelasting": 0.3 + 1.0 * poor + 2.5 * infeasible,
        "conflict": 0.6 * instability,
        "gezondheid": np.full(len(fit), 0.8),
        "prive_omstandigheden": 0.5 * instability,
        "reorganisatie": 0.2 + 0.3 * (months > 24),
        "wisseling_leidinggevende": np.full(len(fit), 0.3),
        "eigen_keuze_groei": 0.2 + 2.0 * long_good,
        "faillissement": np.full(len(fit), 0.03),
        "verwijtbaar_ontslag": 0.15 * instability,
        "reistijd": 0.15 + 1.5 * far,
        "onbekend": np.full(len(fit), 0.6),
    }
    return np.stack([np.asarray(table[r], dtype=np.float64) for r in reasons], axis=1)


def simulate_history(pop: Population, work: Workplaces, seed: int) -> History:
    """Draw the placement histories of everyone in ``pop`` with ``works`` set.

    Parameters
    ----------
    pop : Population
        Latent candidates (their skills before the history are ``pop.skill``).
    work : Workplaces
        The packages placements refer to.
    seed : int

    Returns
    -------
    History
        Placements overlapping ``[TODAY - 5 years, TODAY)``, sorted by candidate and start.
    """
    contract = load_contract()
    rng = stream(seed, "history")
    cdfs = _nearby_cdfs(work)
    needs_coach = pop.needs[:, tuple(contract.needs_offers).index("jobcoach")]
    coach_offered = work.offers[:, tuple(contract.needs_offers).index("jobcoach")]
    scales = np.array([CONTRACT_WEIBULL[c][0] for c in contract.contracts]) * DAYS_PER_MONTH
    shapes = np.array([CONTRACT_WEIBULL[c][1] for c in contract.contracts])

    people = np.flatnonzero(pop.works)
    career_start = -np.rint((pop.age[people] - 18) * 365.25).astype(np.int64)
    sim_start = np.maximum(career_start, -WINDOW_DAYS - int(BURN_IN_YEARS * 365.25))
    t = sim_start + np.where(
        rng.random(len(people)) < 0.5, 0, np.minimum(_gap_days(rng, len(people)), 3 * 365.25)
    )
    t = np.asarray(t, dtype=np.float64)
    out: dict[str, list[np.ndarray]] = {k: [] for k in ("c", "p", "s", "e", "fit", "ok", "far")}
    active = t < 0
    while active.any():
        who = people[active]
        start = t[active]
        pkg, fit, feasible, travel_ok = _choose_packages(rng, pop, work, cdfs, who)
        kind = work.contract[pkg]
        hazard = pop.instability[who] * np.exp(FIT_HAZARD * (FIT_CENTRE - fit))
        hazard = hazard * np.where(feasible, 1.0, INFEASIBLE_HAZARD) * np.where(travel_ok, 1.0, TRAVEL_HAZARD)
        hazard = hazard * np.where(needs_coach[who] & coach_offered[pkg], COACH_HAZARD, 1.0)
        e = rng.exponential(1.0, len(who))
        duration = np.maximum(scales[kind] * (e / hazard) ** (1.0 / shapes[kind]), 1.0)
        end = start + duration
        for key, value in (
            ("c", who),
            ("p", pkg),
            ("s", start),
            ("e", end),
            ("fit", fit),
            ("ok", feasible),
            ("far", ~travel_ok),
        ):
            out[key].append(value)
        t[active] = end + _gap_days(rng, len(who))
        active = t < 0

    cand = np.concatenate(out["c"]).astype(np.int32)
    pkg = np.concatenate(out["p"]).astype(np.int32)
    start = np.floor(np.concatenate(out["s"])).astype(np.int64)
    end = np.floor(np.concatenate(out["e"])).astype(np.int64)
    fit = np.concatenate(out["fit"]).astype(np.float32)
    feasible = np.concatenate(out["ok"])
    far = np.concatenate(out["far"])
    keep = end >= -WINDOW_DAYS
    cand, pkg, start, end, fit, feasible, far = (a[keep] for a in (cand, pkg, start, end, fit, feasible, far))
    running = end >= 0
    months = (np.minimum(end, 0) - start) / DAYS_PER_MONTH
    weights = end_reason_weights(work.contract[pkg], fit, feasible, far, months, pop.instability[cand])
    cum = np.cumsum(weights, axis=1)
    reason = (cum < rng.random((len(cand), 1)) * cum[:, -1:]).sum(axis=1)
    reason = np.where(running, -1, np.minimum(reason, weights.shape[1] - 1)).astype(np.int8)
    end = np.where(running, NOT_ENDED, end).astype(np.int32)
    order = np.lexsort((start, cand))
    return History(
        candidate=cand[order],
        package=pkg[order],
        start=start[order].astype(np.int32),
        end=end[order],
        reason=reason[order],
        contract=work.contract[pkg][order].astype(np.int8),
        fit=fit[order],
        feasible=feasible[order],
        far=far[order],
    )
