"""The latent candidate population: true capacities, interests, skills, limits and places, as arrays.

Nothing here is observed by an adviser. :mod:`evaluation.world.observe` turns these arrays into
partial, noisy contract records; :mod:`evaluation.world.relevance` grades pairs on them.

Every array has one row per candidate (row ``i`` is candidate ``K{i+1:06d}``). Codes index the
contract vocabularies (``load_contract()``), the kinds of :mod:`evaluation.world.kinds` and the
limitation types of :mod:`evaluation.world.limitations`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from evaluation.world.common import fml_scale, hours_day_level, hours_week_level, stream
from evaluation.world.kinds import KINDS
from evaluation.world.limitations import LIMITATIONS
from evaluation.world.places import population_weights
from matcher.contract import load_contract

__all__ = ["AGE_BANDS", "PRIOR_FORMS", "Population", "PriorExperience", "generate_population", "sample_rows"]

#: Age bands (inclusive lower, exclusive upper) used for sampling and in ``audit.jsonl``.
AGE_BANDS: tuple[tuple[int, int], ...] = ((18, 25), (25, 35), (35, 45), (45, 55), (55, 67))
_AGE_BAND_SHARE = (0.22, 0.3, 0.2, 0.16, 0.12)

#: Forms of earlier experience (before the placement history): internship, job, volunteering,
#: work-experience place, secondment from an SW company.
PRIOR_FORMS: tuple[str, ...] = ("stage", "baan", "vrijwilligerswerk", "werkervaringsplek", "detachering")
_PRIOR_FORM_SHARE = (0.33, 0.3, 0.15, 0.13, 0.09)

#: Working level 0 (very simple work) .. 4 (higher education), per limitation type.
_LEVEL_SHARE = {
    "lvb": (0.45, 0.4, 0.15, 0.0, 0.0),
    "autisme": (0.08, 0.2, 0.3, 0.26, 0.16),
    "psychisch": (0.08, 0.2, 0.35, 0.25, 0.12),
    "lichamelijk": (0.08, 0.2, 0.32, 0.25, 0.15),
    "nah": (0.1, 0.2, 0.3, 0.25, 0.15),
    "chronisch": (0.08, 0.22, 0.32, 0.24, 0.14),
    "visueel": (0.05, 0.15, 0.3, 0.3, 0.2),
    "auditief": (0.1, 0.25, 0.35, 0.2, 0.1),
}

#: Education given a working level (contract education codes with probabilities).
_EDUCATION_BY_LEVEL: tuple[dict[str, float], ...] = (
    {"geen": 0.2, "praktijkonderwijs": 0.5, "vso": 0.3},
    {"praktijkonderwijs": 0.3, "vso": 0.3, "entree": 0.4},
    {"entree": 0.25, "mbo2": 0.6, "mbo3": 0.15},
    {"mbo3": 0.45, "mbo4": 0.45, "hbo": 0.1},
    {"hbo": 0.7, "wo": 0.3},
)

#: Shape of the gamma-distributed personal frailty (mean 1; variance 1/shape), calibrated with the
#: durability model (:mod:`evaluation.world.durability`).
FRAILTY_SHAPE = 2.5

_MODE_SHARE = {"lopen": 0.35, "fiets": 0.65, "ov": 0.55, "auto": 0.15, "vervoer_op_maat": 0.06}
_MAX_MINUTES = ((20, 0.08), (30, 0.32), (40, 0.2), (45, 0.22), (60, 0.18))


@dataclass(frozen=True, eq=False)
class PriorExperience:
    """Earlier jobs, internships and volunteering (before the placement history), one row per item."""

    candidate: np.ndarray  # (k,) int32
    kind: np.ndarray  # (k,) int8
    months: np.ndarray  # (k,) int16
    form: np.ndarray  # (k,) int8, index into PRIOR_FORMS


@dataclass(frozen=True, eq=False)
class Population:
    """The latent truth about ``n`` candidates (arrays, one row per candidate)."""

    n: int
    limitation: np.ndarray  # (n,) int8 main limitation type
    limitation2: np.ndarray  # (n,) int8 second type or -1
    sex: np.ndarray  # (n,) int8: 0 man, 1 vrouw
    age: np.ndarray  # (n,) int16 years on TODAY
    route: np.ndarray  # (n,) int8 register route
    register_since: np.ndarray  # (n,) int32 day offset from TODAY
    level: np.ndarray  # (n,) int8 working level 0..4
    education: np.ndarray  # (n,) int8 true education (contract order)
    capacity: np.ndarray  # (n, 31) int8 true FML-lite capacity
    interest: np.ndarray  # (n, K) float32 strength of interest per kind (0 = none)
    skill: np.ndarray  # (n, K) float32 skill per kind from earlier experience, 0..1
    hours_min: np.ndarray  # (n,) int16 per week
    hours_max: np.ndarray  # (n,) int16 per week
    hours_day: np.ndarray  # (n,) int16 max per day
    hours_pref: np.ndarray  # (n,) int16 preferred per week
    days: np.ndarray  # (n, 7) bool
    dayparts: np.ndarray  # (n, 4) bool
    needs_fixed: np.ndarray  # (n,) bool
    needs: np.ndarray  # (n, n_needs) bool
    municipality: np.ndarray  # (n,) int16
    modes: np.ndarray  # (n, 5) bool
    max_minutes: np.ndarray  # (n,) int16
    avoid_rush: np.ndarray  # (n,) bool
    available_from: np.ndarray  # (n,) int32 day offset
    instability: np.ndarray  # (n,) float32 personal multiplier on the job-ending hazard
    sector_pref: np.ndarray  # (n, n_sectors) bool
    works: np.ndarray  # (n,) bool has a work history in the observation window
    prior: PriorExperience

    @cached_property
    def mode_code(self) -> np.ndarray:
        """(n,) int16 bitmask of ``modes`` in contract travel-mode order."""
        return (
            (self.modes.astype(np.int16) << np.arange(self.modes.shape[1], dtype=np.int16))
            .sum(axis=1)
            .astype(np.int16)
        )


def sample_rows(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One categorical draw per row of ``probs`` (rows need not be normalised; all-zero rows give 0)."""
    cum = np.cumsum(probs, axis=1)
    total = cum[:, -1:]
    u = rng.random((len(probs), 1)) * np.where(total > 0, total, 1.0)
    return np.minimum((cum <= u).sum(axis=1), probs.shape[1] - 1)


def _choice(rng: np.random.Generator, n: int, shares: dict[str, float] | tuple[float, ...]) -> np.ndarray:
    p = np.array(list(shares.values()) if isinstance(shares, dict) else shares, dtype=np.float64)
    return rng.choice(len(p), size=n, p=p / p.sum())


def _capacities(rng: np.random.Generator, lim: np.ndarray, lim2: np.ndarray) -> np.ndarray:
    """Norm on every item, a higher lifting capacity for some, then the limitation profiles' drops."""
    scale = fml_scale()
    n = len(lim)
    cap = np.tile(scale.norm, (n, 1)).astype(np.int16)
    dh01 = scale.index["DH01"]
    cap[:, dh01] += rng.random(n) < 0.4
    for t, ltype in enumerate(LIMITATIONS):
        for weight, rows in ((1.0, lim == t), (0.5, lim2 == t)):
            idx = np.flatnonzero(rows)
            if not len(idx):
                continue
            for code, (prob, mean) in ltype.items.items():
                hit = rng.random(len(idx)) < prob * weight
                steps = 1 + (rng.random(len(idx)) < 0.6 * (mean - 1.0))
                cap[idx, scale.index[code]] -= np.where(hit, steps, 0)
    generic = rng.random(cap.shape) < 0.02
    cap -= generic
    return np.clip(cap, 0, scale.max[None, :]).astype(np.int8)


def _kind_demand_matrix() -> np.ndarray:
    """(K, 31) typical demand per kind (WT items 0: they follow hours and schedule)."""
    scale = fml_scale()
    out = np.zeros((len(KINDS), len(scale)), dtype=np.int8)
    for k, kind in enumerate(KINDS):
        for code, level in kind.demands.items():
            out[k, scale.index[code]] = level
    return out


def _level_compat(level: np.ndarray) -> np.ndarray:
    """(n, K) how plausible each kind is at each person's working level."""
    lo = np.array([k.levels[0] for k in KINDS])[None, :]
    hi = np.array([k.levels[1] for k in KINDS])[None, :]
    lv = level[:, None]
    distance = np.maximum(lo - lv, 0) + np.maximum(lv - hi, 0)
    return np.select([distance == 0, distance == 1], [1.0, 0.25], 0.03)


def _interests(rng: np.random.Generator, level: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """1-3 kinds of work per person, favouring kinds at their level that they can physically do.

    People do not always want what they can do: infeasible interests stay possible (weight 0.4 per
    item the kind typically demands beyond the person's capacity), which is exactly what the hard
    rule has to catch.
    """
    n = len(level)
    popularity = np.array([k.popularity for k in KINDS])[None, :]
    kind_demand = _kind_demand_matrix()
    over = np.stack([(kind_demand[k][None, :] > capacity).sum(axis=1) for k in range(len(KINDS))], axis=1)
    weights = popularity * _level_compat(level) * 0.4**over
    interest = np.zeros((n, len(KINDS)), dtype=np.float32)
    second = rng.random(n) < 0.7
    third = second & (rng.random(n) < 0.5)
    w = weights.copy()
    for strength, active in ((1.0, np.ones(n, dtype=bool)), (0.6, second), (0.35, third)):
        rows = np.flatnonzero(active & (w.sum(axis=1) > 0))
        pick = sample_rows(rng, w[rows])
        interest[rows, pick] = strength
        w[rows, pick] = 0.0
    return interest


def _prior(
    rng: np.random.Generator, interest: np.ndarray, level: np.ndarray, age: np.ndarray
) -> PriorExperience:
    n = len(level)
    count = _choice(rng, n, (0.2, 0.35, 0.3, 0.15))
    count = np.where(age >= 30, np.minimum(count + (rng.random(n) < 0.3), 3), count)
    cand = np.repeat(np.arange(n, dtype=np.int32), count)
    popularity = np.array([k.popularity for k in KINDS])[None, :]
    random_kind = sample_rows(rng, (popularity * _level_compat(level))[cand])
    interest_kind = sample_rows(rng, interest[cand])
    kind = np.where(rng.random(len(cand)) < 0.7, interest_kind, random_kind).astype(np.int8)
    form = _choice(rng, len(cand), _PRIOR_FORM_SHARE).astype(np.int8)
    months = np.exp(rng.normal(np.log(8.0), 0.9, len(cand)))
    months = np.where(form == PRIOR_FORMS.index("stage"), np.minimum(months, 6), months)
    months = np.clip(np.rint(months), 1, 96).astype(np.int16)
    return PriorExperience(candidate=cand, kind=kind, months=months, form=form)


def skill_from_months(months: np.ndarray) -> np.ndarray:
    """Skill 0..1 from months of experience in a kind (saturating: 18 months gives 0.63)."""
    return (1.0 - np.exp(-np.asarray(months, dtype=np.float64) / 18.0)).astype(np.float32)


def generate_population(n: int, seed: int, *, municipality_weights: np.ndarray | None = None) -> Population:
    """Draw the latent truth of ``n`` candidates.

    Parameters
    ----------
    n : int
        Number of candidates.
    seed : int
        Seed; the same ``(n, seed)`` always gives the same population.
    municipality_weights : numpy.ndarray, optional
        Where people live (weights per municipality); default: by population.

    Returns
    -------
    Population
    """
    contract = load_contract()
    scale = fml_scale()
    rng = stream(seed, "population")

    lim = _choice(rng, n, tuple(t.share for t in LIMITATIONS)).astype(np.int8)
    lim2 = _choice(rng, n, tuple(t.share for t in LIMITATIONS)).astype(np.int8)
    lim2 = np.where((rng.random(n) < 0.25) & (lim2 != lim), lim2, -1).astype(np.int8)
    sex = (rng.random(n) < 0.4).astype(np.int8)
    band = _choice(rng, n, _AGE_BAND_SHARE)
    lo = np.array([b[0] for b in AGE_BANDS])[band]
    hi = np.array([b[1] for b in AGE_BANDS])[band]
    age = (lo + np.floor(rng.random(n) * (hi - lo))).astype(np.int16)

    level = np.empty(n, dtype=np.int8)
    for t, ltype in enumerate(LIMITATIONS):
        rows = np.flatnonzero(lim == t)
        level[rows] = _choice(rng, len(rows), _LEVEL_SHARE[ltype.code])
    education = np.empty(n, dtype=np.int8)
    for lv, shares in enumerate(_EDUCATION_BY_LEVEL):
        rows = np.flatnonzero(level == lv)
        codes = [contract.education.index(code) for code in shares]
        education[rows] = np.array(codes)[_choice(rng, len(rows), tuple(shares.values()))]

    routes = contract.register_routes
    route_p = np.tile(np.array([0.36, 0.36, 0.06, 0.08, 0.1, 0.04]), (n, 1))  # contract order
    young = age < 27
    route_p[young, routes.index("vso_pro")] = 0.5
    route_p[young, routes.index("wsw")] = 0.0
    route_p[age >= 45, routes.index("vso_pro")] = 0.0
    route = sample_rows(rng, route_p).astype(np.int8)
    years_in = np.minimum(np.maximum(age - 17, 1), 14)
    register_since = -np.rint((0.3 + rng.random(n) * (years_in - 0.3)) * 365.25).astype(np.int32)

    capacity = _capacities(rng, lim, lim2)

    # Hours: the type's typical maximum, lower where the profile lowered the hours items.
    mean = np.array([t.hours[0] for t in LIMITATIONS])[lim]
    spread = np.array([t.hours[1] for t in LIMITATIONS])[lim]
    hours_max = rng.normal(mean, spread)
    hours_max = np.where(
        capacity[:, scale.index["WT02"]] < scale.norm[scale.index["WT02"]], hours_max * 0.7, hours_max
    )
    hours_max = (2 * np.rint(np.clip(hours_max, 8, 40) / 2)).astype(np.int16)
    hours_min = np.maximum(4, 2 * np.rint(hours_max * rng.uniform(0.25, 0.6, n) / 2)).astype(np.int16)
    hours_pref = (2 * np.rint((hours_min + hours_max) / 4)).astype(np.int16)
    per_day = np.clip(np.rint(hours_max / 3.6 + rng.normal(0, 0.8, n)), 3, 9)
    per_day = np.where(
        capacity[:, scale.index["WT01"]] < scale.norm[scale.index["WT01"]], np.minimum(per_day, 5), per_day
    )
    hours_day = np.clip(per_day, 2, np.maximum(hours_max, 2)).astype(np.int16)
    capacity[:, scale.index["WT02"]] = hours_week_level(hours_max)
    capacity[:, scale.index["WT01"]] = hours_day_level(hours_day)

    # Schedule, consistent with WT03 (time of day) and WT04 (regularity).
    days = np.ones((n, 7), dtype=bool)
    days[:, 5] = rng.random(n) < 0.25
    days[:, 6] = rng.random(n) < 0.15
    fewer = np.flatnonzero(rng.random(n) < 0.15)
    order = np.argsort(rng.random((len(fewer), 5)), axis=1)
    drop = order < rng.integers(1, 3, len(fewer))[:, None]  # 1 or 2 random weekdays off
    days[fewer, :5] = ~drop
    wt03 = capacity[:, scale.index["WT03"]]
    dayparts = np.zeros((n, 4), dtype=bool)  # ochtend, middag, avond, nacht
    dayparts[:, 0] = rng.random(n) < 0.97
    dayparts[:, 1] = (rng.random(n) < 0.87) | ~dayparts[:, 0]
    dayparts[:, 2] = (wt03 >= 2) & (rng.random(n) < 0.35)
    dayparts[:, 3] = (wt03 >= 3) & (rng.random(n) < 0.08)
    needs_fixed = capacity[:, scale.index["WT04"]] <= 1

    needs_words = tuple(contract.needs_offers)
    needs = np.zeros((n, len(needs_words)), dtype=bool)
    for t, ltype in enumerate(LIMITATIONS):
        rows = np.flatnonzero(lim == t)
        for word, prob in ltype.needs.items():
            needs[rows, needs_words.index(word)] = rng.random(len(rows)) < prob
    needs[needs_fixed, needs_words.index("vaste_werktijden")] |= rng.random(int(needs_fixed.sum())) < 0.5

    interest = _interests(rng, level, capacity)
    prior = _prior(rng, interest, level, age)
    months = np.zeros((n, len(KINDS)), dtype=np.float64)
    weight = np.where(prior.form == PRIOR_FORMS.index("stage"), 0.5, 1.0)
    np.add.at(months, (prior.candidate, prior.kind), prior.months * weight)
    skill = skill_from_months(months)

    home_weights = (
        population_weights()
        if municipality_weights is None
        else municipality_weights / municipality_weights.sum()
    )
    municipality = rng.choice(len(contract.municipalities), size=n, p=home_weights).astype(np.int16)
    modes_words = contract.travel_modes
    modes = np.zeros((n, len(modes_words)), dtype=bool)
    lim_index = {t.code: i for i, t in enumerate(LIMITATIONS)}
    physical = np.isin(lim, [lim_index["lichamelijk"], lim_index["visueel"]])
    for m, word in enumerate(modes_words):
        p = np.full(n, _MODE_SHARE[word])
        if word == "vervoer_op_maat":
            p = np.where(physical, 0.3, p)
        if word in ("auto", "fiets"):
            p = np.where(lim == lim_index["visueel"], 0.02, p)
        modes[:, m] = rng.random(n) < p
    none = ~modes.any(axis=1)
    modes[none, modes_words.index("ov")] = True
    max_minutes = np.array([m for m, _ in _MAX_MINUTES], dtype=np.int16)[
        _choice(rng, n, tuple(p for _, p in _MAX_MINUTES))
    ]
    avoid_rush = rng.random(n) < np.array([t.avoid_rush_hour for t in LIMITATIONS])[lim]

    later = rng.random(n) < 0.22
    available_from = np.where(later, rng.integers(7, 181, n), -rng.integers(0, 721, n)).astype(np.int32)

    # Personal instability (a frailty): most people near 1, a few much higher (seed 003: "a few people
    # with many short jobs"); higher for the young, men and psychiatric/developmental conditions.
    frailty = rng.gamma(FRAILTY_SHAPE, 1 / FRAILTY_SHAPE, n)
    type_factor = np.array([t.instability for t in LIMITATIONS])[lim]
    age_factor = np.select([age < 25, age < 35, age < 45, age < 55], [1.25, 1.1, 1.0, 0.9], 0.85)
    sex_factor = np.where(sex == 0, 1.08, 0.9)
    edu_factor = np.select([level <= 1, level >= 3], [1.1, 0.9], 1.0)
    instability = (frailty * type_factor * age_factor * sex_factor * edu_factor).astype(np.float32)

    sectors = tuple(contract.sectors)
    sector_pref = np.zeros((n, len(sectors)), dtype=bool)
    main = np.argmax(interest, axis=1)
    has_pref = rng.random(n) < 0.6
    for k, kind in enumerate(KINDS):
        rows = np.flatnonzero(has_pref & (main == k))
        options = [sectors.index(s) for s in kind.sectors]
        first = np.array(options)[rng.integers(0, len(options), len(rows))]
        sector_pref[rows, first] = True
        second = rng.random(len(rows)) < 0.4
        sector_pref[rows[second], np.array(options)[rng.integers(0, len(options), int(second.sum()))]] = True

    works = rng.random(n) < np.where(age < 21, 0.45, 0.72)

    return Population(
        n=n,
        limitation=lim,
        limitation2=lim2,
        sex=sex,
        age=age,
        route=route,
        register_since=register_since,
        level=level,
        education=education,
        capacity=capacity,
        interest=interest,
        skill=skill,
        hours_min=hours_min,
        hours_max=hours_max,
        hours_day=hours_day,
        hours_pref=hours_pref,
        days=days,
        dayparts=dayparts,
        needs_fixed=needs_fixed,
        needs=needs,
        municipality=municipality,
        modes=modes,
        max_minutes=max_minutes,
        avoid_rush=avoid_rush,
        available_from=available_from,
        instability=instability,
        sector_pref=sector_pref,
        works=works,
        prior=prior,
    )
