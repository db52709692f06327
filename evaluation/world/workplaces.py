"""The latent work packages: true demands, accommodations, support, hours, schedule, place, contract.

Packages are drawn from the function-profile catalogue (each profile is mapped to a kind of work,
:func:`profile_kind`): the profile gives title, tasks, sectors, hours and (where it lists them)
demands; the kind fills in the demands the profile leaves out. Each package then gets its own noise
(demands +-1 step), an employer with a site, and the rest of its latent truth. The observed record
(:mod:`evaluation.world.observe`) lists only part of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from evaluation.world.common import fml_scale, hours_day_level, hours_week_level, stream
from evaluation.world.kinds import KINDS
from evaluation.world.places import EMPLOYERS, display_name, municipality_names, population_weights
from matcher.catalogue import load_function_profiles
from matcher.contract import load_contract
from matcher.schema import Accommodation, FunctionProfile

__all__ = [
    "ACCOMMODATIONS",
    "CONTRACT_SHARE",
    "MIN_PROFILE_HOURS",
    "Workplaces",
    "default_profiles",
    "generate_workplaces",
    "profile_kind",
]

#: How common packages of each kind are (relative), before the profile catalogue splits them.
_KIND_PREVALENCE = {
    "groen": 1.2, "dieren": 0.3, "schoonmaak": 1.3, "facilitair": 1.0, "horeca": 0.9, "logistiek": 1.0,
    "administratie": 1.3, "archief": 0.8, "ict": 0.5, "onderwijs": 0.7, "techniek": 0.6, "beeld": 0.3,
    "kenniswerk": 0.5,
}  # fmt: skip

#: Contract types of open packages (scenario parameters; no public distribution for carved packages).
CONTRACT_SHARE = {
    "vast": 0.22, "tijdelijk": 0.4, "detachering": 0.12, "uitzend": 0.08, "proefplaatsing": 0.1,
    "leerwerkplek": 0.08,
}  # fmt: skip

#: Support offered, base probability per word (scaled by the employer's latent commitment).
_OFFER_BASE = {
    "jobcoach": 0.92, "vaste_begeleider": 0.9, "buddy": 0.6, "prikkelarme_werkplek": 0.4,
    "vaste_werkplek": 0.7, "schriftelijke_instructies": 0.82, "aangepaste_werkplek": 0.45,
    "rolstoeltoegankelijk": 0.5, "vaste_werktijden": 0.6, "extra_pauzes": 0.8, "thuiswerken": 0.12,
}  # fmt: skip

#: Workplace accommodations (domain.md section 5): name and the FML-lite steps they take off.
ACCOMMODATIONS: tuple[tuple[str, dict[str, int]], ...] = (
    ("eigen afgeschermde werkplek", {"PF09": 2, "OM01": 1}),
    ("vaste taken, vaste plek en vaste tijden", {"PF08": 1}),
    ("schriftelijke werkinstructies en een dagplanning", {"PF03": 1, "PF04": 1}),
    ("afgeschermd van klanten; conflicten gaan naar een collega", {"SF01": 1, "SF03": 1}),
    ("geen pieken, werken in eigen tempo", {"PF06": 1, "PF05": 1}),
    ("takenmix die de schermtijd beperkt", {"DH02": 1}),
    ("koptelefoon en rustiger licht", {"OM01": 1}),
    ("checklists en pictogrammen", {"PF03": 1, "SF07": 1}),
    ("tilhulp en trolley", {"DH01": 1}),
    ("sta-zitwerkplek", {"SH01": 1}),
    ("één taak tegelijk", {"PF02": 1}),
    ("telefoon en inloop gaan naar een collega", {"PF07": 1}),
)


def profile_kind(profile: FunctionProfile) -> int:
    """The kind of work (index into :data:`KINDS`) of a function profile, from its words.

    Scores every kind by how many of its keywords occur in the profile's title (counted three
    times), ESCO label and tasks; ties go to the first kind. A profile matching nothing is
    ``facilitair`` (general support work). A few catalogue ids are mapped by hand.
    """
    if profile.id in _KIND_OVERRIDES:
        return [k.code for k in KINDS].index(_KIND_OVERRIDES[profile.id])
    title = profile.title.lower()
    rest = " ".join((profile.esco_label or "", *profile.tasks)).lower()
    scores = [sum(3 * (word in title) + (word in rest) for word in kind.keywords) for kind in KINDS]
    best = int(np.argmax(scores))
    return best if scores[best] > 0 else [k.code for k in KINDS].index("facilitair")


#: Catalogue profiles whose words point to the wrong kind (checked by the tests).
_KIND_OVERRIDES = {"dierverzorging": "dieren", "interne-jobcoach": "kenniswerk"}

#: Profiles with fewer hours than this at most are roles for colleagues (e.g. buddy), not packages.
MIN_PROFILE_HOURS = 8


def default_profiles() -> tuple[FunctionProfile, ...]:
    """The bundled function-profile catalogue, without roles of under :data:`MIN_PROFILE_HOURS` hours."""
    return tuple(p for p in load_function_profiles() if p.hours_per_week[1] >= MIN_PROFILE_HOURS)


@dataclass(frozen=True, eq=False)
class Workplaces:
    """The latent truth about ``m`` work packages (one row per package, id ``W{j+1:06d}``)."""

    m: int
    profiles: tuple[FunctionProfile, ...]
    profile: np.ndarray  # (m,) int32 index into profiles
    kind: np.ndarray  # (m,) int8
    employer: tuple[str, ...]
    sector: np.ndarray  # (m,) int8 contract sector order
    municipality: np.ndarray  # (m,) int16
    level: np.ndarray  # (m,) int8 working level 0..4
    demand: np.ndarray  # (m, 31) int8 true demand, before accommodations
    reduce: np.ndarray  # (m, 31) int8 steps taken off by confirmed accommodations
    accommodations: tuple[tuple[Accommodation, ...], ...]
    offers: np.ndarray  # (m, n_needs) bool
    per_week: np.ndarray  # (m,) int16
    per_day: np.ndarray  # (m,) int16
    days: np.ndarray  # (m, 7) bool
    dayparts: np.ndarray  # (m, 4) bool
    fixed: np.ndarray  # (m,) bool
    contract: np.ndarray  # (m,) int8 contract order
    boven_formatie: np.ndarray  # (m,) int8: 1 yes, 0 no, -1 not recorded
    start: np.ndarray  # (m,) int32 day offset from TODAY
    competences: tuple[tuple[str, ...], ...]  # ESCO labels, required first
    n_required: np.ndarray  # (m,) int8 how many of ``competences`` are required

    @property
    def effective_demand(self) -> np.ndarray:
        """(m, 31) int8 true demand minus confirmed accommodation steps, never below 0."""
        return np.maximum(self.demand - self.reduce, 0).astype(np.int8)


_LOCAL_SECTORS = ("gemeenten", "po", "vo")


def _sites(sector: str, weights: np.ndarray) -> list[tuple[str, int]]:
    """Named employers of ``sector`` with a site where ``weights`` > 0, as (name, municipality row)."""
    names = municipality_names()
    return [
        (e.name, names.index(site))
        for e in EMPLOYERS.get(sector, ())
        for site in e.sites
        if weights[names.index(site)] > 0
    ]


def _employer(rng: np.random.Generator, sector: str, weights: np.ndarray) -> tuple[str, int]:
    names = municipality_names()
    if sector in _LOCAL_SECTORS:
        muni = int(rng.choice(len(names), p=weights))
        place = display_name(names[muni])
        patterns = {
            "gemeenten": ("Gemeente {}",),
            "po": ("Stichting Openbaar Primair Onderwijs {}", "Stichting Katholiek Primair Onderwijs {}",
                   "Stichting Christelijk Primair Onderwijs {}"),
            "vo": ("Scholengroep {}", "Openbare Scholengemeenschap {}", "Stichting Voortgezet Onderwijs {}"),
        }.get(sector, ("Gemeente {}",))  # fmt: skip
        return patterns[int(rng.integers(len(patterns)))].format(place), muni
    sites = _sites(sector, weights)
    return sites[int(rng.integers(len(sites)))]


def generate_workplaces(
    m: int,
    seed: int,
    profiles: tuple[FunctionProfile, ...],
    *,
    municipality_weights: np.ndarray | None = None,
) -> Workplaces:
    """Draw the latent truth of ``m`` work packages from ``profiles``.

    Parameters
    ----------
    m : int
        Number of packages.
    seed : int
        Seed; the same ``(m, seed, profiles)`` always gives the same packages.
    profiles : tuple of FunctionProfile
        The function-profile catalogue.
    municipality_weights : numpy.ndarray, optional
        Where local employers are (weights per municipality; named employers only at sites with a
        positive weight); default: by population, everywhere.
    """
    contract = load_contract()
    scale = fml_scale()
    rng = stream(seed, "workplaces")
    weights = (
        population_weights()
        if municipality_weights is None
        else municipality_weights / municipality_weights.sum()
    )
    sectors = tuple(contract.sectors)
    with_sites = {s for s in sectors if s in _LOCAL_SECTORS or _sites(s, weights)}
    needs_words = tuple(contract.needs_offers)

    kinds_of = np.array([profile_kind(p) for p in profiles])
    per_kind = np.bincount(kinds_of, minlength=len(KINDS))
    prevalence = np.array([_KIND_PREVALENCE[k.code] for k in KINDS])
    p_profile = prevalence[kinds_of] / np.maximum(per_kind[kinds_of], 1)
    profile = rng.choice(len(profiles), size=m, p=p_profile / p_profile.sum()).astype(np.int32)
    kind = kinds_of[profile].astype(np.int8)

    level = np.array([rng.integers(KINDS[k].levels[0], KINDS[k].levels[1] + 1) for k in kind], dtype=np.int8)

    employer: list[str] = []
    sector = np.empty(m, dtype=np.int8)
    municipality = np.empty(m, dtype=np.int16)
    for j in range(m):
        prof = profiles[profile[j]]
        options = (
            [s for s in prof.sectors if s in with_sites]
            or [s for s in KINDS[kind[j]].sectors if s in with_sites]
            or ["gemeenten"]
        )
        s = options[int(rng.integers(len(options)))]
        name, muni = _employer(rng, s, weights)
        employer.append(name)
        sector[j] = sectors.index(s)
        municipality[j] = muni

    lo = np.array([profiles[p].hours_per_week[0] for p in profile])
    hi = np.array([profiles[p].hours_per_week[1] for p in profile])
    per_week = (2 * np.rint((lo + rng.beta(1.5, 2.5, m) * (hi - lo)) / 2)).astype(np.int16)
    per_week = np.maximum(per_week, 4)
    n_days = np.clip(np.ceil(per_week / 5.5), 1, 5).astype(int)
    per_day = np.ceil(per_week / n_days).astype(np.int16)
    days = np.zeros((m, 7), dtype=bool)
    order = np.argsort(rng.random((m, 5)), axis=1)
    days[:, :5] = order < n_days[:, None]
    weekend = rng.random(m) < np.array([KINDS[k].weekend for k in kind])
    first_day = np.argmax(days[:, :5], axis=1)
    days[np.flatnonzero(weekend), first_day[weekend]] = False
    days[weekend, 5] = True
    dayparts = np.zeros((m, 4), dtype=bool)
    long_day = per_day >= 5
    morning_only = rng.random(m) < 0.7
    dayparts[:, 0] = long_day | morning_only
    dayparts[:, 1] = long_day | ~morning_only
    evening = rng.random(m) < np.array([KINDS[k].evening for k in kind])
    dayparts[:, 2] = evening
    fixed = rng.random(m) < np.where(evening | weekend, 0.4, 0.8)

    demand = np.zeros((m, len(scale)), dtype=np.int16)
    for j in range(m):
        base = {**KINDS[kind[j]].demands, **profiles[profile[j]].demands}
        for code, value in base.items():
            demand[j, scale.index[code]] = value
    noise = rng.choice([-1, 0, 1], size=demand.shape, p=[0.2, 0.75, 0.05])
    demand = demand + noise
    occasional_evening = (~evening) & (rng.random(m) < 0.12)
    demand[:, scale.index["WT01"]] = hours_day_level(per_day)
    demand[:, scale.index["WT02"]] = hours_week_level(per_week)
    demand[:, scale.index["WT03"]] = np.select([dayparts[:, 3], evening, occasional_evening], [3, 2, 1], 0)
    demand[:, scale.index["WT04"]] = np.where(fixed, (rng.random(m) < 0.7).astype(int), 2)
    demand = np.clip(demand, 0, scale.max[None, :]).astype(np.int8)

    reduce = np.zeros((m, len(scale)), dtype=np.int8)
    accommodations: list[tuple[Accommodation, ...]] = []
    for j in range(m):
        relevant = [a for a in ACCOMMODATIONS if all(demand[j, scale.index[code]] > 0 for code in a[1])]
        count = min(len(relevant), int(rng.choice([0, 1, 2, 3], p=[0.35, 0.35, 0.2, 0.1])))
        chosen = (
            [relevant[i] for i in sorted(rng.choice(len(relevant), size=count, replace=False))]
            if count
            else []
        )
        items = []
        for name, steps in chosen:
            confirmed = bool(rng.random() < 0.6)
            reduces = {code: min(s, int(demand[j, scale.index[code]])) for code, s in steps.items()}
            items.append(Accommodation(name=name, reduces=reduces, confirmed=confirmed))
            if confirmed:
                for code, s in reduces.items():
                    reduce[j, scale.index[code]] += s
        accommodations.append(tuple(items))

    commitment = 0.6 + 0.6 * rng.random(m)
    offers = np.zeros((m, len(needs_words)), dtype=bool)
    listed = np.array([[word in profiles[p].offers for word in needs_words] for p in profile], dtype=bool)
    for w, word in enumerate(needs_words):
        p_offer = np.where(listed[:, w], 0.95, np.minimum(_OFFER_BASE[word] * commitment, 0.97))
        offers[:, w] = rng.random(m) < p_offer
    offers[:, needs_words.index("vaste_werktijden")] |= fixed & (rng.random(m) < 0.6)
    offers[:, needs_words.index("prikkelarme_werkplek")] |= reduce[:, scale.index["PF09"]] > 0

    contracts = tuple(contract.contracts)
    contract_kind = rng.choice(len(contracts), size=m, p=[CONTRACT_SHARE[c] for c in contracts]).astype(
        np.int8
    )
    boven = rng.choice([1, 0, -1], size=m, p=[0.15, 0.6, 0.25]).astype(np.int8)
    start = rng.integers(14, 181, m).astype(np.int32)

    competences: list[tuple[str, ...]] = []
    n_required = np.empty(m, dtype=np.int8)
    for j in range(m):
        labels = KINDS[kind[j]].esco
        prof = profiles[profile[j]]
        words = {w for w in " ".join((prof.title, *prof.tasks)).lower().split() if len(w) >= 5}
        overlap = np.array([sum(w[:5] in label.lower() for w in words) for label in labels], dtype=np.float64)
        weights = (1.0 + 3.0 * overlap) / (1.0 + 3.0 * overlap).sum()
        size = min(len(labels), int(rng.integers(2, 6)))
        chosen = rng.choice(len(labels), size=size, replace=False, p=weights)
        picked = tuple(labels[i] for i in chosen)
        n_required[j] = min(len(picked), int(rng.integers(1, 4)))
        competences.append(picked)

    return Workplaces(
        m=m,
        profiles=profiles,
        profile=profile,
        kind=kind,
        employer=tuple(employer),
        sector=sector,
        municipality=municipality,
        level=level,
        demand=demand,
        reduce=reduce,
        accommodations=tuple(accommodations),
        offers=offers,
        per_week=per_week,
        per_day=per_day,
        days=days,
        dayparts=dayparts,
        fixed=fixed,
        contract=contract_kind,
        boven_formatie=boven,
        start=start,
        competences=tuple(competences),
        n_required=n_required,
    )
