"""Generate a synthetic world: latent truth, observed records, placement history and graded qrels.

Order of generation (each step from its own seeded stream, :func:`~evaluation.world.common.stream`):

1. the latent population (:mod:`~evaluation.world.population`) and packages
   (:mod:`~evaluation.world.workplaces`, from the function-profile catalogue);
2. placement histories (:mod:`~evaluation.world.durability`); people still working on TODAY become
   available only after a notice period, and their skills grow with the months they worked;
3. observations (:mod:`~evaluation.world.observe`): what the records say;
4. graded relevance (:mod:`~evaluation.world.relevance`).

Records (:meth:`World.candidates`, ...) are built lazily, one at a time, with their Dutch text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from evaluation.world.common import stream
from evaluation.world.durability import DAYS_PER_MONTH, NOT_ENDED, History, simulate_history
from evaluation.world.limitations import LIMITATIONS
from evaluation.world.observe import (
    ObservedCandidates,
    ObservedPackages,
    observe_candidates,
    observe_packages,
)
from evaluation.world.places import LABOUR_MARKET_REGIONS, municipality_names, population_weights
from evaluation.world.population import (
    AGE_BANDS,
    PRIOR_FORMS,
    Population,
    generate_population,
    skill_from_months,
)
from evaluation.world.records import (
    PARAPHRASE_SETTINGS,
    candidate_id,
    candidate_record,
    package_record,
    placement_record,
)
from evaluation.world.relevance import Qrels, grade_all
from evaluation.world.workplaces import Workplaces, default_profiles, generate_workplaces
from matcher.contract import load_contract
from matcher.errors import SchemaError
from matcher.schema import Candidate, FunctionProfile, Placement, WorkPackage
from matcher.travel import haversine_km

__all__ = ["REGION_KM", "World", "default_n_packages", "generate_world", "region_weights"]

REGION_KM = 15.0
"""Radius of a ``region`` world around its centre municipality."""


def default_n_packages(size: int) -> int:
    """Packages in a world of ``size`` candidates when not given: ``size // 10``, at least 20."""
    return max(20, size // 10)


def region_weights(centre: str, *, radius_km: float = REGION_KM) -> np.ndarray:
    """Population weights of the municipalities of a region (others 0).

    ``centre`` is an arbeidsmarktregio of :data:`~evaluation.world.places.LABOUR_MARKET_REGIONS` (for
    example ``Midden-Utrecht``: its municipalities), or a municipality (those within ``radius_km``).

    Raises
    ------
    SchemaError
        ``centre`` is neither a listed arbeidsmarktregio nor a municipality of the contract.
    """
    if centre in LABOUR_MARKET_REGIONS:
        members = LABOUR_MARKET_REGIONS[centre]
        weights = np.array([members.get(name, 0) for name in municipality_names()], dtype=np.float64)
        return weights / weights.sum()
    contract = load_contract()
    muni = contract.municipality(centre)
    if muni is None:
        raise SchemaError(
            f"region: unknown municipality {centre!r}; expected an arbeidsmarktregio "
            f"({', '.join(LABOUR_MARKET_REGIONS)}) or a CBS municipality name or listed alias "
            "(matcher/data/municipalities.csv); use e.g. --region Utrecht"
        )
    rows = [contract.municipalities[name] for name in municipality_names()]
    km = haversine_km(muni.latitude, muni.longitude, [m.latitude for m in rows], [m.longitude for m in rows])
    return population_weights() * (km <= radius_km)


@dataclass(frozen=True, eq=False)
class World:
    """A generated world. Arrays hold the latent truth and the observations; records are built lazily.

    Attributes
    ----------
    seed : int
    region : str or None
        The arbeidsmarktregio or centre municipality when the world is limited to one region.
    pop, work : Population, Workplaces
        The latent truth (``pop.skill`` includes what people learned in their placements).
    oc, op : ObservedCandidates, ObservedPackages
        What the records say.
    history : History
        Placements overlapping the 5-year window before TODAY.
    qrels : Qrels
        Relevant pairs (grade 1-3).
    paraphrase : str
        How candidates word their work (:data:`~evaluation.world.records.PARAPHRASE_SETTINGS`); only
        the text of experience and wishes depends on it.
    """

    seed: int
    region: str | None
    pop: Population
    work: Workplaces
    oc: ObservedCandidates
    op: ObservedPackages
    history: History
    qrels: Qrels
    paraphrase: str = "none"

    @property
    def size(self) -> int:
        """Number of candidates."""
        return self.pop.n

    @property
    def n_packages(self) -> int:
        """Number of packages."""
        return self.work.m

    def _rows(self) -> tuple[np.ndarray, np.ndarray]:
        idx = np.arange(self.size + 1)
        return (
            np.searchsorted(self.history.candidate, idx),
            np.searchsorted(self.pop.prior.candidate, idx),
        )

    def candidate(self, i: int) -> Candidate:
        """The contract record of candidate row ``i``."""
        h, p = self._rows()
        return self._candidate(i, h, p)

    def _candidate(self, i: int, h: np.ndarray, p: np.ndarray) -> Candidate:
        return candidate_record(
            i,
            seed=self.seed,
            pop=self.pop,
            oc=self.oc,
            work=self.work,
            history=self.history,
            history_rows=range(int(h[i]), int(h[i + 1])),
            prior_rows=range(int(p[i]), int(p[i + 1])),
            paraphrase=self.paraphrase,
        )

    def candidates(self) -> Iterator[Candidate]:
        """All candidate records, in row order."""
        h, p = self._rows()
        for i in range(self.size):
            yield self._candidate(i, h, p)

    def package(self, j: int) -> WorkPackage:
        """The contract record of package row ``j``."""
        return package_record(j, seed=self.seed, work=self.work, op=self.op)

    def packages(self) -> Iterator[WorkPackage]:
        """All package records, in row order."""
        for j in range(self.n_packages):
            yield self.package(j)

    def placements(self) -> Iterator[Placement]:
        """All placement records, by candidate and start."""
        for r in range(len(self.history)):
            yield placement_record(r, history=self.history)

    def audit(self) -> Iterator[dict[str, Any]]:
        """Audit labels per candidate, for fairness slices only (never in a contract record)."""
        routes = load_contract().register_routes
        for i in range(self.size):
            age = int(self.pop.age[i])
            band = next(f"{lo}-{hi - 1}" for lo, hi in AGE_BANDS if lo <= age < hi)
            second = int(self.pop.limitation2[i])
            yield {
                "id": candidate_id(i),
                "limitation_type": LIMITATIONS[self.pop.limitation[i]].code,
                "limitation_secondary": LIMITATIONS[second].code if second >= 0 else None,
                "register_route": routes[self.pop.route[i]],
                "sex": ("man", "vrouw")[self.pop.sex[i]],
                "age_band": band,
            }


def generate_world(
    size: int,
    seed: int,
    *,
    n_packages: int | None = None,
    region: str | None = None,
    profiles: tuple[FunctionProfile, ...] | None = None,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
    paraphrase: str = "none",
) -> World:
    """Generate a seeded synthetic world.

    Parameters
    ----------
    size : int
        Number of candidates (at least 1).
    seed : int
        Seed. The same arguments always give the same world (and byte-identical files).
    n_packages : int, optional
        Number of work packages; default :func:`default_n_packages` (``size // 10``, at least 20).
    region : str, optional
        Limit homes and workplaces to one region: an arbeidsmarktregio such as ``Midden-Utrecht`` (its
        municipalities; the bundled sample), or a municipality (within :data:`REGION_KM` of it; the
        Evaluatie page's small run), so that every package has candidates nearby.
    profiles : tuple of FunctionProfile, optional
        The function-profile catalogue; default :func:`~evaluation.world.workplaces.default_profiles`.
    progress : callable, optional
        ``progress(stage, total)`` returns a callback that is called with the number of units done;
        used by the command line for progress bars.
    paraphrase : str
        ``none`` (default; the original world) or ``realistic``: candidates describe experience and
        wishes with the wording of :mod:`evaluation.world.paraphrase_nl`, which shares far fewer
        character 4-grams with the package wording. Latent truth, structured fields, placements and
        qrels are the same for both settings.

    Returns
    -------
    World

    Examples
    --------
    >>> world = generate_world(300, 7, n_packages=100)  # doctest: +SKIP
    >>> next(world.candidates()).id  # doctest: +SKIP
    'K000001'
    """
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size!r}")
    if paraphrase not in PARAPHRASE_SETTINGS:
        raise ValueError(f"paraphrase must be one of {', '.join(PARAPHRASE_SETTINGS)}, got {paraphrase!r}")
    m = default_n_packages(size) if n_packages is None else n_packages
    if m < 1:
        raise ValueError(f"n_packages must be at least 1, got {n_packages!r}")
    weights = None if region is None else region_weights(region)
    pop = generate_population(size, seed, municipality_weights=weights)
    work = generate_workplaces(m, seed, profiles or default_profiles(), municipality_weights=weights)
    history = simulate_history(pop, work, seed)

    months = np.zeros_like(pop.skill, dtype=np.float64)
    weight = np.where(pop.prior.form == PRIOR_FORMS.index("stage"), 0.5, 1.0)
    np.add.at(months, (pop.prior.candidate, pop.prior.kind), pop.prior.months * weight)
    end = np.where(history.end == NOT_ENDED, 0, history.end)
    np.add.at(months, (history.candidate, work.kind[history.package]), (end - history.start) / DAYS_PER_MONTH)
    working = np.zeros(size, dtype=bool)
    working[history.candidate[history.end == NOT_ENDED]] = True
    rng = stream(seed, "after-history")
    notice = working & (rng.random(size) < 0.6)
    available = np.where(notice, rng.integers(30, 121, size), pop.available_from).astype(np.int32)
    pop = dataclasses.replace(pop, skill=skill_from_months(months), available_from=available)

    oc = observe_candidates(pop, seed)
    op = observe_packages(work, seed)
    report = progress("qrels", m) if progress is not None else None
    qrels = grade_all(pop, work, oc, op, progress=report)
    return World(
        seed=seed,
        region=region,
        pop=pop,
        work=work,
        oc=oc,
        op=op,
        history=history,
        qrels=qrels,
        paraphrase=paraphrase,
    )
