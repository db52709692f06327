"""Shared constants and small helpers of the synthetic world (dates, seeds, FML-lite scales)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import numpy as np

from matcher.contract import load_contract

__all__ = [
    "TODAY",
    "FmlScale",
    "day_to_date",
    "fml_scale",
    "hours_day_level",
    "hours_week_level",
    "stream",
]

#: The world's "today": open packages start after it, placement history ends at it. Fixed (never the
#: wall clock) so that the same size and seed give byte-identical files.
TODAY = date(2025, 1, 1)


def day_to_date(offset: int) -> date:
    """The date ``offset`` days after :data:`TODAY` (negative: before)."""
    return TODAY + timedelta(days=int(offset))


def stream(seed: int, name: str) -> np.random.Generator:
    """An independent, reproducible random stream for one part of the generator.

    Each part (candidates, packages, history, observation noise, ...) draws from its own stream, so a
    change in one part does not shift the random numbers of another.
    """
    key = int.from_bytes(name.encode("utf-8"), "little") % (2**63)
    return np.random.default_rng(np.random.SeedSequence([int(seed) % (2**63), key]))


class FmlScale:
    """FML-lite codes, norms and maxima as arrays in contract order."""

    def __init__(self) -> None:
        fml = load_contract().fml
        self.codes: tuple[str, ...] = tuple(fml)
        self.norm = np.array([item.norm for item in fml.values()], dtype=np.int8)
        self.max = np.array([item.max_level for item in fml.values()], dtype=np.int8)
        self.index = {code: i for i, code in enumerate(self.codes)}

    def __len__(self) -> int:
        return len(self.codes)


@lru_cache(maxsize=1)
def fml_scale() -> FmlScale:
    """The shared :class:`FmlScale`."""
    return FmlScale()


def hours_week_level(hours: np.ndarray) -> np.ndarray:
    """FML-lite WT02 level of a number of hours per week ("0 ~10 | 1 ~20 | 2 ~30 | 3 ~40 | 4 > 40").

    The same monotone mapping is used for capacities and demands, so in the latent world the WT02
    item never contradicts the hours rule.
    """
    h = np.asarray(hours)
    return np.select([h < 15, h < 25, h < 35, h <= 40], [0, 1, 2, 3], 4).astype(np.int8)


def hours_day_level(hours: np.ndarray) -> np.ndarray:
    """FML-lite WT01 level of a number of hours per day ("0 ~2 | 1 ~4 | 2 ~6 | 3 ~8 | 4 > 8")."""
    h = np.asarray(hours)
    return np.select([h < 3, h < 5, h < 7, h <= 8], [0, 1, 2, 3], 4).astype(np.int8)
