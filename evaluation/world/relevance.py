"""Graded relevance (0-3) of candidate-package pairs from the latent fit.

A pair is relevant (grade >= 1) when

* it satisfies the hard rule on the latent truth (:func:`~evaluation.world.fit.latent_feasible`),
* its *records* do not break the hard rule (:func:`~evaluation.world.fit.observed_excluded`): a
  system may never show such a pair, so it must not be rewarded for it either, and
* the person has an interest in the package's kind of work or some skill in it (skill >= 0.2):
  fitting the constraints alone does not make a job relevant.

Relevant pairs get grade 1, 2 or 3 by their latent fit (:func:`~evaluation.world.fit.latent_fit`):
2 from :data:`GRADE_2`, 3 from :data:`GRADE_3`. Every other pair is 0 and is not written to the
qrels files (TREC tools read a missing pair as 0).

Scale: only pairs that can be relevant are evaluated: for each kind of work and each destination
municipality, the related candidates within travel reach (one vectorised lookup per destination)
are crossed with the packages there. Work grows with the number of related pairs within travel
reach, a few percent of all candidate-package pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from evaluation.world.fit import (
    combo_tables,
    latent_feasible,
    latent_fit,
    latent_travel_ok,
    observed_excluded,
)
from evaluation.world.kinds import KINDS
from evaluation.world.observe import ObservedCandidates, ObservedPackages
from evaluation.world.population import Population
from evaluation.world.workplaces import Workplaces

__all__ = ["GRADE_2", "GRADE_3", "SKILL_MIN", "Qrels", "grade_all", "grade_pairs"]

SKILL_MIN = 0.2
GRADE_2 = 0.5
GRADE_3 = 0.62


@dataclass(frozen=True, eq=False)
class Qrels:
    """Relevant pairs (grade >= 1), sorted by package then candidate."""

    package: np.ndarray  # (q,) int32
    candidate: np.ndarray  # (q,) int32
    grade: np.ndarray  # (q,) int8 in 1..3

    def __len__(self) -> int:
        return len(self.grade)


def grade_pairs(
    pop: Population,
    work: Workplaces,
    oc: ObservedCandidates,
    op: ObservedPackages,
    ci: np.ndarray,
    pi: np.ndarray,
    *,
    travel_checked: bool = False,
) -> np.ndarray:
    """Grade 0-3 of each pair ``(ci[i], pi[i])`` (see the module notes).

    Cheap filters run first (relatedness, travel), the 31-item checks only on what is left.
    ``travel_checked`` skips the latent travel rule when the caller has already applied it.
    """
    grade = np.zeros(len(ci), dtype=np.int8)
    kind = work.kind[pi]
    idx = np.flatnonzero((pop.interest[ci, kind] > 0) | (pop.skill[ci, kind] >= SKILL_MIN))
    if not travel_checked:
        idx = idx[latent_travel_ok(pop, work, ci[idx], pi[idx])]
    idx = idx[latent_feasible(pop, work, ci[idx], pi[idx], travel=False)]
    idx = idx[~observed_excluded(pop, work, oc, op, ci[idx], pi[idx])]
    fit = latent_fit(pop, work, ci[idx], pi[idx]).fit
    grade[idx] = 1 + (fit >= GRADE_2).astype(np.int8) + (fit >= GRADE_3).astype(np.int8)
    return grade


def grade_all(
    pop: Population,
    work: Workplaces,
    oc: ObservedCandidates,
    op: ObservedPackages,
    *,
    block_pairs: int = 4_000_000,
    progress: Callable[[int], None] | None = None,
) -> Qrels:
    """All relevant pairs of the world.

    For each kind of work and each municipality with packages of that kind, the candidates related
    to the kind who can travel there within their limit (with and without the rush-hour penalty)
    are found with one lookup each; only those are crossed with the packages there, in blocks of at
    most ``block_pairs`` pairs.

    Parameters
    ----------
    pop, work, oc, op
        The latent and observed world.
    block_pairs : int
        Largest number of pairs graded at once (memory: roughly 200 bytes per pair).
    progress : callable, optional
        Called with the number of packages finished (for a progress bar).

    Returns
    -------
    Qrels
    """
    plain, penalised = combo_tables()
    out_p, out_c, out_g = [], [], []
    for k in range(len(KINDS)):
        packages = np.flatnonzero(work.kind == k)
        if not len(packages):
            continue
        cands = np.flatnonzero((pop.interest[:, k] > 0) | (pop.skill[:, k] >= SKILL_MIN))
        codes, origin = pop.mode_code[cands], pop.municipality[cands]
        limit, avoid = pop.max_minutes[cands], pop.avoid_rush[cands]
        dests = work.municipality[packages]
        for dest in np.unique(dests):
            here = packages[dests == dest]
            plain_ok = plain[codes, origin, dest] <= limit
            rush_ok = np.where(avoid, penalised[codes, origin, dest] <= limit, plain_ok)
            for morning in (False, True):
                group = here[work.dayparts[here, 0] == morning]
                reach = cands[rush_ok if morning else plain_ok]
                if not len(group) or not len(reach):
                    continue
                step = max(1, block_pairs // len(reach))
                for at in range(0, len(group), step):
                    block = group[at : at + step]
                    pi = np.repeat(block, len(reach))
                    ci = np.tile(reach, len(block))
                    grade = grade_pairs(pop, work, oc, op, ci, pi, travel_checked=True)
                    keep = grade > 0
                    out_p.append(pi[keep].astype(np.int32))
                    out_c.append(ci[keep].astype(np.int32))
                    out_g.append(grade[keep])
            if progress is not None:
                progress(len(here))
    if not out_p:
        empty = np.zeros(0, dtype=np.int32)
        return Qrels(empty, empty.copy(), np.zeros(0, dtype=np.int8))
    package, candidate, grade = np.concatenate(out_p), np.concatenate(out_c), np.concatenate(out_g)
    order = np.lexsort((candidate, package))
    return Qrels(package[order], candidate[order], grade[order])
