"""What the durability model sees beyond the pair features: contract, own history and capacity profile.

The ranker's :data:`matcher.features.FEATURES` describe how well a person and a package fit. How long
a placement lasts also depends on things that are not about fit, and the durability model alone gets
them (the ranker's features and the shipped ranker are unchanged; DESIGN.md section 5):

contract (:data:`CONTRACT_INPUTS`)
    the package's contract type, one 0/1 column per type of the contract vocabulary (all zero when
    unknown): a temporary contract often ends within a year by design.
history (:data:`HISTORY_INPUTS`)
    the person's *own* earlier placements: ``log(1 + n)`` with ``n`` the number of earlier placements
    whose outcome was known, and the share of them that ended within the horizon, smoothed by
    Laplace's rule of succession, ``(early + 1) / (n + 2)`` (one half with no history). Individual
    past behaviour, not a protected attribute. For a past placement (fitting, checking) only
    placements that started *and* were resolved strictly before its start count (:func:`earlier_counts`):
    nothing from its own future. For a new match, every placement resolved by the matcher's ``as_of``
    counts (:func:`history_counts`).
capacity (:data:`CAPACITY_INPUTS`)
    per FML-lite rubric, the share of the person's known items below the norm. Functional
    information that the hard rule already uses; never a diagnosis. It is a proxy of the kind of
    limitation, a policy choice argued with numbers in docs/BENCHMARKS.md ("Calibration on held-out
    placements, per group").

A placement is *resolved* when its outcome is known: it ended within ``horizon_days`` (ended early, on
its end date), or it reached ``horizon_days`` (lasted, on the day it did).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

import numpy as np

from matcher.contract import load_contract
from matcher.features import FEATURES

__all__ = [
    "CAPACITY_INPUTS",
    "CONTRACT_INPUTS",
    "DURABILITY_FEATURES",
    "DURABILITY_INPUTS",
    "HISTORY_INPUTS",
    "INPUT_GROUPS",
    "RUBRICS",
    "Span",
    "capacity_columns",
    "contract_columns",
    "earlier_counts",
    "history_columns",
    "history_counts",
    "resolution",
]

_CONTRACTS: tuple[str, ...] = tuple(load_contract().contracts)
_CODES: tuple[str, ...] = tuple(load_contract().fml_codes)
RUBRICS: tuple[str, ...] = tuple(dict.fromkeys(code[:2] for code in _CODES))
"""FML-lite rubrics in contract order (PF, SF, MO, OM, DH, SH, WT)."""
_NORMS = np.array([load_contract().fml[c].norm for c in _CODES], dtype=np.int16)
_RUBRIC_COLUMNS = tuple(np.array([c.startswith(rubric) for c in _CODES]) for rubric in RUBRICS)
# (both per query otherwise: capacity_columns runs for every scored pool)

CONTRACT_INPUTS: tuple[str, ...] = tuple(f"contract_{c}" for c in _CONTRACTS)
HISTORY_INPUTS: tuple[str, ...] = ("earlier_placements", "earlier_ended_early")
CAPACITY_INPUTS: tuple[str, ...] = tuple(f"limited_{r}" for r in RUBRICS)
DURABILITY_INPUTS: tuple[str, ...] = CONTRACT_INPUTS + HISTORY_INPUTS + CAPACITY_INPUTS
"""The durability-only columns, appended in this order after the pair features."""
DURABILITY_FEATURES: tuple[str, ...] = FEATURES[:-1] + DURABILITY_INPUTS
"""Every column of the durability model: the pair features without ``durability``, then the inputs above."""
INPUT_GROUPS: Mapping[str, tuple[str, ...]] = {
    "contract": CONTRACT_INPUTS,
    "history": HISTORY_INPUTS,
    "capacity": CAPACITY_INPUTS,
}
"""The durability-only inputs by what an explanation says about them (one sentence per group)."""

Span = tuple[str, date, "date | None"]
"""``(candidate_id, start, end)`` of a placement (``end`` None while it runs)."""


def contract_columns(codes: np.ndarray) -> np.ndarray:
    """From :attr:`matcher.features.PackageSide.contract` codes: one 0/1 column per contract type, shape ``(n, len(CONTRACT_INPUTS))``; all zero when unknown."""
    codes = np.asarray(codes, dtype=np.int64)
    return (codes[:, None] == np.arange(len(_CONTRACTS))[None, :]).astype(np.float64)


def resolution(start: date, end: date | None, *, horizon_days: int, as_of: date) -> tuple[date, bool] | None:
    """When a placement's outcome became known and whether it ended early; ``None`` if not by ``as_of``.

    Examples
    --------
    >>> resolution(date(2024, 1, 1), date(2024, 3, 1), horizon_days=365, as_of=date(2025, 1, 1))
    (datetime.date(2024, 3, 1), True)
    >>> resolution(date(2024, 6, 1), None, horizon_days=365, as_of=date(2025, 1, 1)) is None
    True
    """
    horizon = timedelta(days=horizon_days)
    if end is not None and end - start < horizon:
        return (end, True) if end <= as_of else None
    reached = start + horizon
    return (reached, False) if reached <= as_of else None


def history_counts(
    spans: Iterable[Span], rows: Mapping[str, int], n_rows: int, *, horizon_days: int, as_of: date
) -> np.ndarray:
    """Per candidate row: ``[placements resolved by as_of, of which ended early]``, shape ``(n_rows, 2)``.

    What a new match knows of each person's history. Placements of candidates not in ``rows`` are
    ignored.
    """
    counts = np.zeros((n_rows, 2), dtype=np.int32)
    for candidate_id, start, end in spans:
        row = rows.get(candidate_id)
        if row is None:
            continue
        known = resolution(start, end, horizon_days=horizon_days, as_of=as_of)
        if known is not None:
            counts[row, 0] += 1
            counts[row, 1] += known[1]
    return counts


def earlier_counts(
    labelled: Sequence[Span], history: Iterable[Span], *, horizon_days: int, as_of: date
) -> np.ndarray:
    """For each labelled placement: ``[earlier placements, of which ended early]``, shape ``(n, 2)``.

    Earlier means: of the same person, started and resolved *strictly before* the labelled
    placement's start (and by ``as_of``). Nothing that happened on or after its start is used, so the
    inputs of a past placement are what could have been known when it began.
    """
    resolved: dict[str, list[tuple[date, bool]]] = {}
    for candidate_id, start, end in history:
        known = resolution(start, end, horizon_days=horizon_days, as_of=as_of)
        if known is not None:  # resolved on or after its own start, so it also started before
            resolved.setdefault(candidate_id, []).append(known)
    counts = np.zeros((len(labelled), 2), dtype=np.int32)
    for k, (candidate_id, start, _) in enumerate(labelled):
        for on, early in resolved.get(candidate_id, ()):
            if on < start:
                counts[k, 0] += 1
                counts[k, 1] += early
    return counts


def history_columns(counts: np.ndarray) -> np.ndarray:
    """``[log(1 + n), (early + 1) / (n + 2)]`` from counts ``[n, early]``, shape ``(m, 2)``.

    Examples
    --------
    >>> history_columns(np.array([[0, 0], [2, 2]])).round(3).tolist()
    [[0.0, 0.5], [1.099, 0.75]]
    """
    counts = np.asarray(counts, dtype=np.float64).reshape(-1, 2)
    n, early = counts[:, 0], counts[:, 1]
    return np.column_stack([np.log1p(n), (early + 1.0) / (n + 2.0)])


def capacity_columns(capacity: np.ndarray) -> np.ndarray:
    """Per FML-lite rubric, the share of known items below the norm, shape ``(n, len(RUBRICS))``.

    ``capacity`` is :attr:`matcher.constraints.CandidateArrays.capacity` (``-1`` = unknown); a rubric
    with no known item gets 0 (nothing known to be limited).
    """
    capacity = np.asarray(capacity, dtype=np.int16).reshape(-1, len(_CODES))
    known = capacity >= 0
    limited = known & (capacity < _NORMS[None, :])
    out = np.zeros((len(capacity), len(RUBRICS)))
    for r, cols in enumerate(_RUBRIC_COLUMNS):
        out[:, r] = limited[:, cols].sum(axis=1) / np.maximum(known[:, cols].sum(axis=1), 1)
    return out
