"""Job carving: turn a task inventory into proposed work packages.

Supporting tasks taken out of existing jobs are grouped by meaning (so a package is a coherent kind of
work), packed into packages within an hours range, and given the demand of their most demanding task on
every FML-lite item. Given candidates, each proposal also says how many the hard rule admits and which
demand shuts out most of the others: the task to reconsider when carving (domain.md section 3).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from matcher.constraints import CandidateArrays, PackageArrays, eligibility
from matcher.encoders import Encoder
from matcher.errors import SchemaError
from matcher.io import parse_carving_task
from matcher.schema import Candidate, Location, PackageHours, PackageSchedule, Task, WorkPackage

__all__ = ["CarvedPackage", "CarvingTask", "carve"]


@dataclass(frozen=True)
class CarvingTask:
    """One task from an inventory: what it is, how many hours a week, what it demands."""

    text: str
    hours_per_week: float
    demands: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CarvedPackage:
    """A proposed package with its tasks, and what the candidate pool says about it."""

    package: WorkPackage
    tasks: tuple[CarvingTask, ...]
    eligible: int | None = None
    bottleneck: tuple[str, int] | None = None  # (FML code or rule, candidates it alone would admit more)


def carve(
    tasks: Sequence[CarvingTask],
    encoder: Encoder,
    *,
    employer: str,
    sector: str,
    municipality: str | None = None,
    min_hours: float = 12,
    max_hours: float = 32,
    similarity_threshold: float = 0.35,
    candidates: Sequence[Candidate] = (),
    schedule: PackageSchedule | None = None,
    offers: tuple[str, ...] | None = None,
) -> list[CarvedPackage]:
    """Propose work packages from a task inventory.

    Parameters
    ----------
    tasks : sequence of CarvingTask
        The inventory; every task goes into exactly one proposal.
    encoder : Encoder
        Groups tasks by meaning (average-linkage clustering on cosine distance).
    employer, sector, municipality : str
        Where the packages are.
    min_hours, max_hours : float
        Hours range of a package; a group larger than ``max_hours`` is split (largest tasks first),
        and a proposal below ``min_hours`` is merged into the most similar proposal it fits with; one
        that fits nowhere is still returned (the adviser decides).
    similarity_threshold : float, default 0.35
        Tasks less similar than this (cosine) are not put in one group.
    candidates : sequence of Candidate, optional
        When given, every proposal gets its eligible count and bottleneck.

    Returns
    -------
    list of CarvedPackage
        Ordered by total hours, largest first; ids ``carved-1``, ``carved-2``, ...
    """
    if not tasks:
        return []
    if max_hours <= 0 or min_hours > max_hours:
        raise SchemaError(f"hours range: expected 0 < min_hours <= max_hours, found {min_hours}..{max_hours}")
    for n, task in enumerate(tasks):  # the contract's rules for a task (matcher.contract_models)
        raw = {"text": task.text, "hours_per_week": task.hours_per_week, "demands": dict(task.demands)}
        _, problems = parse_carving_task(raw)
        if problems:
            raise SchemaError(f"tasks[{n}].{problems[0].field}: {problems[0].message}")
    vectors = encoder.encode_documents([t.text for t in tasks])
    groups = _group(tasks, vectors, similarity_threshold)
    bins: list[list[CarvingTask]] = []
    for group in groups:
        bins.extend(_pack(sorted(group, key=lambda t: (-t.hours_per_week, t.text)), max_hours))
    bins = _merge_small(bins, {id(t): v for t, v in zip(tasks, vectors, strict=True)}, min_hours, max_hours)
    bins.sort(key=lambda b: (-sum(t.hours_per_week for t in b), b[0].text))
    proposals = [
        _package(f"carved-{n}", b, employer, sector, municipality, schedule, offers)
        for n, b in enumerate(bins, start=1)
    ]
    if not candidates:
        return [CarvedPackage(package=p, tasks=tuple(b)) for p, b in zip(proposals, bins, strict=True)]
    arrays = CandidateArrays.build(candidates)
    out = []
    for package, group in zip(proposals, bins, strict=True):
        result = eligibility(arrays, PackageArrays.build([package]))
        out.append(
            CarvedPackage(
                package=package,
                tasks=tuple(group),
                eligible=int(result.eligible.sum()),
                bottleneck=_bottleneck(arrays, package),
            )
        )
    return out


def _group(tasks: Sequence[CarvingTask], vectors: np.ndarray, threshold: float) -> list[list[CarvingTask]]:
    if len(tasks) == 1:
        return [list(tasks)]
    # A text without a single word the encoder knows (e.g. "?" or "-") has no meaning to group by, and a
    # zero vector has no cosine distance: such a task is a group of its own.
    meaningful = np.flatnonzero(np.linalg.norm(vectors, axis=1) > 0)
    labels = np.arange(len(tasks)) + len(tasks)
    if len(meaningful) > 1:
        labels[meaningful] = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=1 - threshold
        ).fit_predict(vectors[meaningful])
    groups: dict[int, list[CarvingTask]] = {}
    for label, task in zip(labels, tasks, strict=True):
        groups.setdefault(int(label), []).append(task)
    return list(groups.values())


def _pack(tasks: list[CarvingTask], max_hours: float) -> list[list[CarvingTask]]:
    """First-fit decreasing into bins of at most ``max_hours`` (a single larger task gets its own bin)."""
    bins: list[list[CarvingTask]] = []
    for task in tasks:
        for b in bins:
            if sum(t.hours_per_week for t in b) + task.hours_per_week <= max_hours:
                b.append(task)
                break
        else:
            bins.append([task])
    return bins


def _merge_small(
    bins: list[list[CarvingTask]], vectors: dict[int, np.ndarray], min_hours: float, max_hours: float
) -> list[list[CarvingTask]]:
    """Merge each proposal below ``min_hours`` into the most similar one it fits with (at most ``max_hours``).

    Grouping by meaning can leave a task or two on their own (a few hours a week is no job); an adviser
    would add them to the package whose work is closest. Smallest first; a proposal that fits nowhere,
    or whose tasks have no word the encoder knows, stays as it is (and is shown as below the minimum).
    """
    bins = [list(b) for b in bins]

    def hours(b: list[CarvingTask]) -> float:
        return sum(t.hours_per_week for t in b)

    def centre(b: list[CarvingTask]) -> np.ndarray:
        mean = np.mean([vectors[id(t)] for t in b], axis=0)
        norm = np.linalg.norm(mean)
        return mean / norm if norm > 0 else mean

    stuck: set[int] = set()
    while True:
        small = [b for b in bins if hours(b) < min_hours and id(b) not in stuck]
        if not small:
            return bins
        b = min(small, key=lambda x: (hours(x), x[0].text))
        here = centre(b)
        # Tasks without a word the encoder knows have no meaning to merge by: they stay apart.
        fits = [c for c in bins if c is not b and hours(b) + hours(c) <= max_hours and np.any(centre(c))]
        if not np.any(here):
            fits = []
        if not fits:
            stuck.add(id(b))
            continue
        best = max(fits, key=lambda c: (float(centre(c) @ here), hours(c), [t.text for t in c]))
        best.extend(b)
        bins.remove(b)


def _package(id, group, employer, sector, municipality, schedule, offers) -> WorkPackage:
    demands: dict[str, int] = {}
    for task in group:
        for code, level in task.demands.items():
            demands[code] = max(demands.get(code, 0), level)
    hours = sum(t.hours_per_week for t in group)
    return WorkPackage(
        id=id,
        employer=employer,
        sector=sector,
        title=group[0].text,
        tasks=tuple(Task(t.text, t.hours_per_week) for t in group),
        location=Location(municipality) if municipality else None,
        hours=PackageHours(per_week=round(hours)),
        schedule=schedule,
        demands=demands,
        offers=offers,
    )


def _bottleneck(arrays: CandidateArrays, package: WorkPackage) -> tuple[str, int] | None:
    """The one demand whose lowering by one step admits the most extra candidates."""
    base = int(eligibility(arrays, PackageArrays.build([package])).eligible.sum())
    best: tuple[str, int] | None = None
    for code, level in sorted(package.demands.items()):
        if level == 0:
            continue
        eased = dataclasses.replace(package, demands={**package.demands, code: level - 1})
        gain = int(eligibility(arrays, PackageArrays.build([eased])).eligible.sum()) - base
        if gain > 0 and (best is None or gain > best[1]):
            best = (code, gain)
    return best
