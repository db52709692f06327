"""Door-to-door travel time, estimated from municipality centroids.

These are estimates, not routing: the distance is the great-circle distance between the centres of
two municipalities, lengthened by a per-mode detour factor, and turned into minutes with a per-mode
speed and a fixed overhead (walking to a stop, waiting, parking, a pickup window). All constants live
in one frozen :class:`TravelModel`, so a different set of assumptions is one keyword argument away and
is recorded with whatever it was used for.

The hard travel rule (DESIGN.md section 4) looks the estimate up in a :class:`TravelTable`: minutes for
every pair of the contract's municipalities, per mode, with and without the rush-hour penalty, rounded
to whole minutes. The scalar check, the vectorised check and :func:`estimate_travel_minutes` all read
the same table, so they always agree to the minute.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Literal

import numpy as np
import numpy.typing as npt

from matcher.contract import load_contract
from matcher.errors import SchemaError

__all__ = [
    "DEFAULT_TRAVEL_MODEL",
    "EARTH_RADIUS_KM",
    "ModeSpeed",
    "TravelMode",
    "TravelModel",
    "TravelTable",
    "estimate_travel_minutes",
    "haversine_km",
    "minutes_matrix",
    "municipality_index",
    "travel_table",
]

TravelMode = Literal["lopen", "fiets", "ov", "auto", "vervoer_op_maat"]

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG), in kilometres."""


@dataclass(frozen=True)
class ModeSpeed:
    """How one travel mode turns a straight-line distance into door-to-door minutes.

    Parameters
    ----------
    detour : float
        Route length divided by straight-line distance (roads and lines are not straight).
    local_kmh : float
        Average speed over the first ``local_km`` kilometres of route, in km/h (town streets,
        stopping buses).
    long_kmh : float
        Average speed beyond ``local_km`` (trunk roads, trains). Equal to ``local_kmh`` for modes
        without a faster long-distance network.
    local_km : float
        Route kilometres covered at ``local_kmh`` before ``long_kmh`` applies.
    overhead_minutes : float
        Fixed minutes per trip independent of distance: walking to and from a stop and waiting,
        finding a parking place, a pickup window.
    rush_hour_sensitive : bool
        Whether the rush-hour penalty of :class:`TravelModel` applies to this mode (crowded
        vehicles, congested roads). Walking and cycling are not affected.
    """

    detour: float
    local_kmh: float
    long_kmh: float
    local_km: float
    overhead_minutes: float
    rush_hour_sensitive: bool

    def __post_init__(self) -> None:
        for name in ("detour", "local_kmh", "long_kmh"):
            if not getattr(self, name) > 0:
                raise ValueError(f"ModeSpeed.{name} must be > 0, got {getattr(self, name)!r}")
        for name in ("local_km", "overhead_minutes"):
            if not getattr(self, name) >= 0:
                raise ValueError(f"ModeSpeed.{name} must be >= 0, got {getattr(self, name)!r}")

    def minutes(self, straight_km: npt.ArrayLike) -> np.ndarray:
        """Door-to-door minutes for straight-line distances ``straight_km`` (any shape, float64)."""
        route = np.asarray(straight_km, dtype=np.float64) * self.detour
        local = np.minimum(route, self.local_km)
        longer = route - local
        return self.overhead_minutes + 60.0 * (local / self.local_kmh + longer / self.long_kmh)


@dataclass(frozen=True)
class TravelModel:
    """All assumptions of the travel-time estimate; every field is a keyword argument with a default.

    The defaults are rough Dutch averages chosen so that typical trips come out plausible (a 5 km
    bike ride about 26 minutes; a 10 km bus trip about 42 minutes door to door; Utrecht to Amsterdam
    by public transport about 75 minutes, a little slower than a good train connection). They are estimates from municipality centroids, not
    routing: a large rural municipality hides distances the centroid cannot see, and the true public
    transport connection can be much better or worse than the average.

    Parameters
    ----------
    lopen, fiets, ov, auto, vervoer_op_maat : ModeSpeed
        Per-mode speed, detour and overhead (see :class:`ModeSpeed`). ``vervoer_op_maat`` (regiotaxi,
        Valys) behaves like a slow taxi: shared rides make long detours, and the pickup window adds a
        fixed wait.
    min_distance_km : float
        Straight-line distance assumed when two places are closer than this, in particular within one
        municipality (both ends at the same centroid): a typical home-to-work distance inside a
        municipality. It keeps the estimate monotone in distance.
    rush_hour_factor : float
        Multiplies the door-to-door minutes of a rush-hour-sensitive mode when the candidate avoids the
        rush hour and the work starts in the morning (travelling outside the peak means a slower,
        quieter connection or a longer wait).
    rush_hour_extra_minutes : float
        Added after ``rush_hour_factor`` in that case: arriving early to stay clear of the peak.
    """

    lopen: ModeSpeed = ModeSpeed(
        detour=1.2, local_kmh=4.5, long_kmh=4.5, local_km=0.0, overhead_minutes=0.0, rush_hour_sensitive=False
    )
    fiets: ModeSpeed = ModeSpeed(
        detour=1.2,
        local_kmh=15.0,
        long_kmh=15.0,
        local_km=0.0,
        overhead_minutes=2.0,
        rush_hour_sensitive=False,
    )
    ov: ModeSpeed = ModeSpeed(
        detour=1.3,
        local_kmh=22.0,
        long_kmh=60.0,
        local_km=10.0,
        overhead_minutes=12.0,
        rush_hour_sensitive=True,
    )
    auto: ModeSpeed = ModeSpeed(
        detour=1.3,
        local_kmh=30.0,
        long_kmh=80.0,
        local_km=10.0,
        overhead_minutes=5.0,
        rush_hour_sensitive=True,
    )
    vervoer_op_maat: ModeSpeed = ModeSpeed(
        detour=1.5,
        local_kmh=25.0,
        long_kmh=50.0,
        local_km=10.0,
        overhead_minutes=15.0,
        rush_hour_sensitive=True,
    )
    min_distance_km: float = 2.5
    rush_hour_factor: float = 1.25
    rush_hour_extra_minutes: float = 5.0

    def __post_init__(self) -> None:
        if not self.min_distance_km >= 0:
            raise ValueError(f"TravelModel.min_distance_km must be >= 0, got {self.min_distance_km!r}")
        if not self.rush_hour_factor >= 1:
            raise ValueError(f"TravelModel.rush_hour_factor must be >= 1, got {self.rush_hour_factor!r}")
        if not self.rush_hour_extra_minutes >= 0:
            raise ValueError(
                f"TravelModel.rush_hour_extra_minutes must be >= 0, got {self.rush_hour_extra_minutes!r}"
            )

    def mode(self, mode: str) -> ModeSpeed:
        """The :class:`ModeSpeed` of ``mode`` (a contract travel mode)."""
        if mode not in _MODE_FIELDS:
            raise SchemaError(
                f"travel mode: expected one of {', '.join(_MODE_FIELDS)}, found {mode!r}; "
                "use a mode from travel_modes in matcher/data/vocabularies.json"
            )
        return getattr(self, mode)

    def minutes(self, straight_km: npt.ArrayLike, mode: str, *, rush_hour: bool = False) -> np.ndarray:
        """Door-to-door minutes (float64, unrounded) for straight-line distances ``straight_km``.

        ``rush_hour`` applies the rush-hour penalty (to rush-hour-sensitive modes only).
        """
        speed = self.mode(mode)
        km = np.maximum(np.asarray(straight_km, dtype=np.float64), self.min_distance_km)
        minutes = speed.minutes(km)
        if rush_hour and speed.rush_hour_sensitive:
            minutes = minutes * self.rush_hour_factor + self.rush_hour_extra_minutes
        return minutes


_MODE_FIELDS: tuple[str, ...] = ("lopen", "fiets", "ov", "auto", "vervoer_op_maat")

DEFAULT_TRAVEL_MODEL = TravelModel()
"""The travel model used when none is passed."""


def haversine_km(
    lat1: npt.ArrayLike, lon1: npt.ArrayLike, lat2: npt.ArrayLike, lon2: npt.ArrayLike
) -> np.ndarray:
    """Great-circle distance in km between points given in decimal degrees (broadcasting)."""
    p1, l1, p2, l2 = (np.radians(np.asarray(a, dtype=np.float64)) for a in (lat1, lon1, lat2, lon2))
    h = np.sin((p2 - p1) / 2.0) ** 2 + np.cos(p1) * np.cos(p2) * np.sin((l2 - l1) / 2.0) ** 2
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def minutes_matrix(
    cand_lat: npt.ArrayLike,
    cand_lon: npt.ArrayLike,
    pkg_lat: npt.ArrayLike,
    pkg_lon: npt.ArrayLike,
    mode: str,
    *,
    rush_hour: bool = False,
    model: TravelModel = DEFAULT_TRAVEL_MODEL,
) -> np.ndarray:
    """Estimated door-to-door minutes from every candidate place to every package place.

    Parameters
    ----------
    cand_lat, cand_lon : array-like, shape (n_c,)
        Candidate coordinates in decimal degrees.
    pkg_lat, pkg_lon : array-like, shape (n_p,)
        Package coordinates in decimal degrees.
    mode : str
        A contract travel mode: ``lopen``, ``fiets``, ``ov``, ``auto`` or ``vervoer_op_maat``.
    rush_hour : bool, default False
        Apply the model's rush-hour penalty (only to rush-hour-sensitive modes).
    model : TravelModel
        The assumptions; see :class:`TravelModel`.

    Returns
    -------
    numpy.ndarray, shape (n_c, n_p), float64
        Minutes, unrounded. Symmetric in the two ends and non-decreasing in distance.

    Examples
    --------
    >>> m = minutes_matrix([52.09], [5.12], [52.09, 52.37], [5.12, 4.90], "fiets")
    >>> m.shape
    (1, 2)
    """
    clat = np.asarray(cand_lat, dtype=np.float64).reshape(-1, 1)
    clon = np.asarray(cand_lon, dtype=np.float64).reshape(-1, 1)
    plat = np.asarray(pkg_lat, dtype=np.float64).reshape(1, -1)
    plon = np.asarray(pkg_lon, dtype=np.float64).reshape(1, -1)
    return model.minutes(haversine_km(clat, clon, plat, plon), mode, rush_hour=rush_hour)


@lru_cache(maxsize=1)
def municipality_index() -> Mapping[str, int]:
    """Row/column of each contract municipality (by CBS name) in a :class:`TravelTable`."""
    return MappingProxyType({name: i for i, name in enumerate(load_contract().municipalities)})


@dataclass(frozen=True, eq=False)
class TravelTable:
    """Whole-minute travel estimates between all contract municipalities.

    Attributes
    ----------
    modes : tuple of str
        Mode order of the first axis (the contract's ``travel_modes``).
    plain : numpy.ndarray, shape (n_modes, n_municipalities, n_municipalities), int16
        Minutes without the rush-hour penalty; axis 1 is the origin, axis 2 the destination, both in
        :func:`municipality_index` order.
    rush : numpy.ndarray, same shape
        Minutes with the rush-hour penalty (equal to ``plain`` for modes that are not sensitive).
    """

    model: TravelModel
    modes: tuple[str, ...]
    plain: np.ndarray
    rush: np.ndarray

    def mode_index(self, mode: str) -> int:
        """Position of ``mode`` on the first axis."""
        try:
            return self.modes.index(mode)
        except ValueError:
            raise SchemaError(
                f"travel mode: expected one of {', '.join(self.modes)}, found {mode!r}; "
                "use a mode from travel_modes in matcher/data/vocabularies.json"
            ) from None


@lru_cache(maxsize=8)
def travel_table(model: TravelModel = DEFAULT_TRAVEL_MODEL) -> TravelTable:
    """The :class:`TravelTable` of ``model``, computed once per model (342 x 342 x 5 x 2 int16, ~2 MB)."""
    contract = load_contract()
    munis = list(contract.municipalities.values())
    lat = np.array([m.latitude for m in munis])
    lon = np.array([m.longitude for m in munis])
    plain, rush = [], []
    for mode in contract.travel_modes:
        for out, penalty in ((plain, False), (rush, True)):
            minutes = minutes_matrix(lat, lon, lat, lon, mode, rush_hour=penalty, model=model)
            out.append(np.rint(np.minimum(minutes, np.iinfo(np.int16).max)).astype(np.int16))
    plain_arr, rush_arr = np.stack(plain), np.stack(rush)
    plain_arr.flags.writeable = False
    rush_arr.flags.writeable = False
    return TravelTable(model=model, modes=tuple(contract.travel_modes), plain=plain_arr, rush=rush_arr)


def estimate_travel_minutes(
    origin: str,
    destination: str,
    mode: str,
    *,
    rush_hour: bool = False,
    model: TravelModel = DEFAULT_TRAVEL_MODEL,
) -> int | None:
    """Estimated door-to-door minutes between two municipalities, or ``None`` if either is unknown.

    Parameters
    ----------
    origin, destination : str
        Municipality names (CBS name or a listed alias, any case).
    mode : str
        A contract travel mode.
    rush_hour : bool, default False
        Apply the rush-hour penalty (only affects rush-hour-sensitive modes).
    model : TravelModel
        The assumptions.

    Examples
    --------
    >>> estimate_travel_minutes("Utrecht", "Utrecht", "fiets")
    14
    """
    contract = load_contract()
    table = travel_table(model)
    m = table.mode_index(mode)
    a, b = contract.municipality(origin), contract.municipality(destination)
    if a is None or b is None:
        return None
    index = municipality_index()
    grid = table.rush if rush_hour else table.plain
    return int(grid[m, index[a.name], index[b.name]])
