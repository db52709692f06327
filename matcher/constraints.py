"""The hard rule (DESIGN.md section 4): every candidate-package pair, every check, as data.

Two implementations of one rule set:

* :func:`check_pair` is the scalar reference. It returns one :class:`Check` per FML-lite item and per
  other rule, with the values it compared, for explanations.
* :func:`eligibility` / :func:`iter_eligibility` evaluate the same rules for many pairs at once on
  numpy arrays precomputed by :meth:`CandidateArrays.build` and :meth:`PackageArrays.build`. They
  return counts and bitmasks, not explanations; a property test checks that both agree exactly.

Outcomes
--------
FML-lite items (the working-time items WT01-WT04 included) compare the candidate's capacity with the
package's effective demand (demand minus the steps of confirmed accommodations, never below 0):
demand above capacity is an overschrijding (EXCLUDE); demand above the item's norm, or equal to a
capacity below the norm, is a signalering (SIGNAL); an unknown value on either side is onbekend
(UNKNOWN). The other rules (hours, days, day-parts, fixed schedule, travel, support, availability)
yield PASS, EXCLUDE or UNKNOWN.

Unknown values
--------------
``None`` in a record is unknown. A check that needs an unknown value yields UNKNOWN: never a pass,
never an exclusion. A value is *not* needed when the outcome is the same whatever it is, and then the
check is decided: a candidate without needs passes support whatever the package offers; a package with
a fixed schedule passes the fixed-schedule check whatever the candidate needs; a candidate available on
all seven days passes the day check whatever the package's days; a candidate with a minimum of 0 hours
passes the minimum-hours check (hours are never negative). The FML-lite items follow the design
literally: an unknown side is always onbekend.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from matcher.contract import load_contract
from matcher.errors import SchemaError
from matcher.schema import Candidate, WorkPackage
from matcher.travel import (
    DEFAULT_TRAVEL_MODEL,
    TravelModel,
    TravelTable,
    estimate_travel_minutes,
    municipality_index,
    travel_table,
)

__all__ = [
    "DEFAULT_MAX_PAIRS",
    "CandidateArrays",
    "Check",
    "Eligibility",
    "Outcome",
    "PackageArrays",
    "Rule",
    "check_pair",
    "eligibility",
    "estimate_travel_minutes",
    "is_eligible",
    "iter_eligibility",
    "travel_reach",
]

JsonValue = int | str | bool | list | None


class Outcome(enum.Enum):
    """Result of one check."""

    PASS = "pass"
    SIGNAL = "signal"  # signalering: eligible, to discuss with the adviser
    UNKNOWN = "unknown"  # onbekend: a signalering, never a pass
    EXCLUDE = "exclude"  # overschrijding / does not fit: the pair is excluded


class Rule(enum.Enum):
    """The hard rules. The declaration order fixes each rule's bit in ``Eligibility.excluded_by``."""

    FML = "fml"
    HOURS_MIN_WEEK = "hours_min_week"
    HOURS_MAX_WEEK = "hours_max_week"
    HOURS_PER_DAY = "hours_per_day"
    DAYS = "days"
    DAYPARTS = "dayparts"
    FIXED_SCHEDULE = "fixed_schedule"
    TRAVEL = "travel"
    SUPPORT = "support"
    AVAILABILITY = "availability"

    @property
    def bit(self) -> int:
        """This rule's bit in an ``excluded_by`` mask (all FML-lite items share one bit)."""
        return 1 << _RULE_ORDER[self]

    @staticmethod
    def from_mask(mask: int) -> tuple[Rule, ...]:
        """The rules whose bits are set in ``mask``, in declaration order."""
        return tuple(rule for rule in Rule if int(mask) & rule.bit)


_RULE_ORDER = {rule: i for i, rule in enumerate(Rule)}


@dataclass(frozen=True)
class Check:
    """One check of one pair.

    Attributes
    ----------
    rule : Rule
        Which rule.
    item : str or None
        The FML-lite code for :attr:`Rule.FML` checks, else ``None``.
    outcome : Outcome
        The result.
    candidate_value, package_value : int, str, bool, list or None
        The values compared, JSON-able; ``None`` = unknown. Per rule:

        - FML: capacity level; effective demand level.
        - HOURS_MIN_WEEK / HOURS_MAX_WEEK: candidate ``min_per_week`` / ``max_per_week``; package
          ``per_week``. HOURS_PER_DAY: ``max_per_day``; ``per_day``.
        - DAYS / DAYPARTS: the two lists. FIXED_SCHEDULE: ``needs_fixed_schedule``; ``fixed``.
        - TRAVEL: ``max_minutes``; ``[minutes, mode, rush_hour]``: the fastest of the candidate's
          modes, and whether the rush-hour penalty is in those minutes (``True``/``False``, or
          ``None`` when it is unknown whether it applies; the minutes are then without the penalty).
          ``None`` when no estimate is possible (a place or the modes unknown, or no mode at all).
        - SUPPORT: the candidate's needs; the package's offers.
        - AVAILABILITY: ``available_from``; ``start`` (ISO dates).
    """

    rule: Rule
    item: str | None
    outcome: Outcome
    candidate_value: JsonValue
    package_value: JsonValue

    def as_dict(self) -> dict[str, JsonValue]:
        """Plain JSON form: ``{"rule": "fml", "item": "DH01", "outcome": "exclude", ...}``."""
        return {
            "rule": self.rule.value,
            "item": self.item,
            "outcome": self.outcome.value,
            "candidate_value": self.candidate_value,
            "package_value": self.package_value,
        }


def is_eligible(checks: Sequence[Check]) -> bool:
    """True when no check excludes the pair."""
    return all(check.outcome is not Outcome.EXCLUDE for check in checks)


# --------------------------------------------------------------------------------------------------
# Scalar reference
# --------------------------------------------------------------------------------------------------


def _fml_outcome(capacity: int | None, demand: int | None, norm: int) -> Outcome:
    if capacity is None or demand is None:
        return Outcome.UNKNOWN
    if demand > capacity:
        return Outcome.EXCLUDE
    if demand > norm or (demand == capacity and capacity < norm):
        return Outcome.SIGNAL
    return Outcome.PASS


def _compare(ok: bool | None, *, decided_pass: bool = False) -> Outcome:
    """PASS/EXCLUDE from a known comparison, PASS if decided without it, else UNKNOWN."""
    if ok is not None:
        return Outcome.PASS if ok else Outcome.EXCLUDE
    return Outcome.PASS if decided_pass else Outcome.UNKNOWN


def _subset_outcome(
    part: Sequence[str] | None, whole: Sequence[str] | None, universe: Sequence[str]
) -> Outcome:
    """Is every element of ``part`` in ``whole``? Decided when ``part`` is empty or ``whole`` is everything."""
    if part is not None and len(part) == 0:
        return Outcome.PASS
    if whole is not None and set(universe) <= set(whole):
        return Outcome.PASS
    if part is None or whole is None:
        return Outcome.UNKNOWN
    return Outcome.PASS if set(part) <= set(whole) else Outcome.EXCLUDE


def _listed(values: Sequence[str] | None) -> list[str] | None:
    return None if values is None else list(values)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _municipality_position(name: str | None) -> int | None:
    if name is None:
        return None
    muni = load_contract().municipality(name)
    return None if muni is None else municipality_index()[muni.name]


def _rush_applies(avoid: bool | None, dayparts: Sequence[str] | None) -> bool | None:
    """Whether the rush-hour penalty applies: the candidate avoids the rush hour and the work starts
    in the morning. ``None`` when that depends on an unknown value."""
    morning = None if dayparts is None else "ochtend" in dayparts
    if (avoid is not None and not avoid) or morning is False:
        return False
    if avoid and morning:
        return True
    return None


def _fastest(
    table: TravelTable, grid: np.ndarray, modes: Sequence[str], origin: int, dest: int
) -> tuple[int, str]:
    by_mode = {mode: int(grid[table.mode_index(mode), origin, dest]) for mode in modes}
    best = min(by_mode, key=lambda mode: (by_mode[mode], table.modes.index(mode)))
    return by_mode[best], best


def _travel_check(candidate: Candidate, package: WorkPackage, model: TravelModel) -> Check:
    travel = candidate.travel
    max_minutes = travel.max_minutes if travel else None
    modes = travel.modes if travel else None
    rush = _rush_applies(
        travel.avoid_rush_hour if travel else None, package.schedule.dayparts if package.schedule else None
    )
    if modes is not None and len(modes) == 0:
        return Check(Rule.TRAVEL, None, Outcome.EXCLUDE, max_minutes, None)
    origin = _municipality_position(candidate.location.municipality if candidate.location else None)
    dest = _municipality_position(package.location.municipality if package.location else None)
    if origin is None or dest is None or modes is None:
        return Check(Rule.TRAVEL, None, Outcome.UNKNOWN, max_minutes, None)
    table = travel_table(model)
    plain = _fastest(table, table.plain, modes, origin, dest)
    penalised = _fastest(table, table.rush, modes, origin, dest)
    shown = penalised if rush else plain
    value = [shown[0], shown[1], rush]
    if max_minutes is None:
        outcome = Outcome.UNKNOWN
    elif rush is None:
        if penalised[0] <= max_minutes:
            outcome = Outcome.PASS
        elif plain[0] > max_minutes:
            outcome = Outcome.EXCLUDE
        else:
            outcome = Outcome.UNKNOWN
    else:
        outcome = Outcome.PASS if shown[0] <= max_minutes else Outcome.EXCLUDE
    return Check(Rule.TRAVEL, None, outcome, max_minutes, value)


def check_pair(
    candidate: Candidate, package: WorkPackage, *, travel_model: TravelModel = DEFAULT_TRAVEL_MODEL
) -> tuple[Check, ...]:
    """Every hard check of one candidate against one package.

    Parameters
    ----------
    candidate : Candidate
    package : WorkPackage
    travel_model : TravelModel, optional
        Assumptions of the travel-time estimate.

    Returns
    -------
    tuple of Check
        One check per FML-lite item (contract order), then one per other :class:`Rule` (declaration
        order): 31 + 9 checks. The pair is eligible iff no check is :attr:`Outcome.EXCLUDE`
        (:func:`is_eligible`).

    Examples
    --------
    >>> from matcher.schema import Capacities
    >>> cand = Candidate(id="c1", capacities=Capacities(assessed=True))
    >>> pkg = WorkPackage(id="p1", employer="e", sector="gemeenten", title="t", demands={"DH01": 4})
    >>> [c.outcome.value for c in check_pair(cand, pkg) if c.item == "DH01"]
    ['exclude']
    """
    contract = load_contract()
    checks = [
        Check(Rule.FML, code, _fml_outcome(cap, dem, item.norm), cap, dem)
        for code, item in contract.fml.items()
        for cap, dem in [(candidate.capacities.level(code), package.effective_demand(code))]
    ]

    hours, p_hours = candidate.hours, package.hours
    min_week = hours.min_per_week if hours else None
    max_week = hours.max_per_week if hours else None
    max_day = hours.max_per_day if hours else None
    per_week = p_hours.per_week if p_hours else None
    per_day = p_hours.per_day if p_hours else None
    both = min_week is not None and per_week is not None
    checks.append(
        Check(
            Rule.HOURS_MIN_WEEK,
            None,
            _compare(per_week >= min_week if both else None, decided_pass=min_week == 0),
            min_week,
            per_week,
        )
    )
    both = max_week is not None and per_week is not None
    checks.append(
        Check(
            Rule.HOURS_MAX_WEEK,
            None,
            _compare(per_week <= max_week if both else None, decided_pass=per_week == 0),
            max_week,
            per_week,
        )
    )
    both = max_day is not None and per_day is not None
    checks.append(
        Check(
            Rule.HOURS_PER_DAY,
            None,
            _compare(per_day <= max_day if both else None, decided_pass=per_day == 0),
            max_day,
            per_day,
        )
    )

    sched, p_sched = candidate.schedule, package.schedule
    c_days = sched.days if sched else None
    p_days = p_sched.days if p_sched else None
    checks.append(
        Check(
            Rule.DAYS, None, _subset_outcome(p_days, c_days, contract.days), _listed(c_days), _listed(p_days)
        )
    )
    c_parts = sched.dayparts if sched else None
    p_parts = p_sched.dayparts if p_sched else None
    checks.append(
        Check(
            Rule.DAYPARTS,
            None,
            _subset_outcome(p_parts, c_parts, tuple(contract.dayparts)),
            _listed(c_parts),
            _listed(p_parts),
        )
    )
    needs_fixed = sched.needs_fixed_schedule if sched else None
    fixed = p_sched.fixed if p_sched else None
    if (needs_fixed is not None and not needs_fixed) or fixed:
        fixed_outcome = Outcome.PASS
    elif needs_fixed and fixed is not None:
        fixed_outcome = Outcome.EXCLUDE
    else:
        fixed_outcome = Outcome.UNKNOWN
    checks.append(Check(Rule.FIXED_SCHEDULE, None, fixed_outcome, needs_fixed, fixed))

    checks.append(_travel_check(candidate, package, travel_model))

    checks.append(
        Check(
            Rule.SUPPORT,
            None,
            _subset_outcome(candidate.needs, package.offers, tuple(contract.needs_offers)),
            _listed(candidate.needs),
            _listed(package.offers),
        )
    )
    start, available = package.start, candidate.available_from
    both = start is not None and available is not None
    checks.append(
        Check(
            Rule.AVAILABILITY,
            None,
            _compare(available <= start if both else None),
            _iso(available),
            _iso(start),
        )
    )
    return tuple(checks)


# --------------------------------------------------------------------------------------------------
# Vectorised
# --------------------------------------------------------------------------------------------------
#
# FML-lite in one matrix product. For item i and level l, column i*L + l of a package's one-hot row is
# 1 when its effective demand on i is l (L = 5 levels, K = 31 * L + 31 columns). The candidate's weight
# vector holds, at the same position, what that demand would mean: 1 for an overschrijding
# (l > capacity), SIGNAL_WEIGHT for a signalering, 0 for a pass or an unknown capacity. The last 31
# positions pair "capacity unknown" (BOTH_WEIGHT) with "demand unknown" (1). The product of the two
# then gives, per pair,
#     n_exceed + SIGNAL_WEIGHT * n_signal + BOTH_WEIGHT * n_both_unknown,
# every count at most 31 and so below the next weight, all exact in float32 (< 2**24). The unknown
# count is n_cap_unknown + n_demand_unknown - n_both_unknown. Because each package selects exactly
# 31 positions (``fml_index``), the product is also a gather-and-add, used for small blocks.

_SIGNAL_SHIFT, _BOTH_SHIFT = 6, 12
_SIGNAL_WEIGHT, _BOTH_WEIGHT = 1 << _SIGNAL_SHIFT, 1 << _BOTH_SHIFT
_FIELD_MASK = _SIGNAL_WEIGHT - 1  # each count is at most 31 items < 64
_UNKNOWN = -1


@lru_cache(maxsize=1)
def _fml_scale() -> tuple[tuple[str, ...], np.ndarray, np.ndarray, int]:
    contract = load_contract()
    codes = contract.fml_codes
    norms = np.array([contract.fml[c].norm for c in codes], dtype=np.int16)
    max_levels = np.array([contract.fml[c].max_level for c in codes], dtype=np.int16)
    return codes, norms, max_levels, int(max_levels.max()) + 1


def _bits(vocabulary: Sequence[str]) -> dict[str, int]:
    return {word: 1 << i for i, word in enumerate(vocabulary)}


def _mask(values: Sequence[str] | None, bits: dict[str, int], *, record: str, field: str) -> tuple[int, bool]:
    if values is None:
        return 0, False
    mask = 0
    for value in values:
        bit = bits.get(value)
        if bit is None:
            raise SchemaError(
                f"{record}: {field}: expected one of {', '.join(bits)}, found {value!r}; "
                "validate the records with `banenmatch validate` before building arrays"
            )
        mask |= bit
    return mask, True


def _count(value: int | None, *, record: str, field: str) -> int:
    if value is None:
        return _UNKNOWN
    if value < 0:
        raise SchemaError(
            f"{record}: {field}: expected a number >= 0, found {value!r}; "
            "validate the records with `banenmatch validate` before building arrays"
        )
    return int(value)


def _tristate(value: bool | None) -> int:
    return _UNKNOWN if value is None else int(bool(value))


def _level_row(
    levels: dict[str, int | None], codes: Sequence[str], max_levels: np.ndarray, *, record: str, field: str
) -> list[int]:
    row = []
    for i, code in enumerate(codes):
        level = levels.get(code)
        if level is None:
            row.append(_UNKNOWN)
        elif 0 <= level <= max_levels[i]:
            row.append(int(level))
        else:
            raise SchemaError(
                f"{record}: {field}.{code}: expected a level 0..{max_levels[i]}, found {level!r}; "
                "validate the records with `banenmatch validate` before building arrays"
            )
    return row


def _frozen(**arrays: np.ndarray) -> dict[str, np.ndarray]:
    for array in arrays.values():
        array.flags.writeable = False
    return arrays


@dataclass(frozen=True, eq=False)
class CandidateArrays:
    """Candidates as numpy arrays for :func:`eligibility`; build once with :meth:`build`.

    Unknown values are ``-1`` in integer arrays, or a ``*_known`` flag next to a bitmask.

    Attributes
    ----------
    ids : tuple of str
        Candidate ids; row ``i`` of every array is ``ids[i]``.
    capacity : (n, 31) int8
        FML-lite capacity per item in contract order (``-1`` unknown; assessed & unlisted = norm).
    fml_weights : (31 * L + 31, n) float32
        The candidate side of the FML-lite matrix product, one column per candidate (see the module
        source).
    fml_unknown : (n,) int8
        Number of unknown capacities.
    min_week, max_week, max_day, max_minutes, available_from : (n,) int32
        Hours, travel limit in minutes, and ``available_from`` as a proleptic ordinal (``-1`` unknown).
    days, dayparts, modes : (n,) uint8; needs : (n,) uint16
        Bitmasks in contract vocabulary order, with boolean ``days_known``, ``dayparts_known``,
        ``modes_known``, ``needs_known``.
    needs_fixed, avoid_rush : (n,) int8
        ``needs_fixed_schedule`` and ``avoid_rush_hour`` as 0/1 (``-1`` unknown).
    municipality : (n,) int16
        Row in :func:`matcher.travel.municipality_index` (``-1`` unknown).
    """

    ids: tuple[str, ...]
    capacity: np.ndarray
    fml_weights: np.ndarray
    fml_unknown: np.ndarray
    min_week: np.ndarray
    max_week: np.ndarray
    max_day: np.ndarray
    days: np.ndarray
    days_known: np.ndarray
    dayparts: np.ndarray
    dayparts_known: np.ndarray
    needs_fixed: np.ndarray
    modes: np.ndarray
    modes_known: np.ndarray
    max_minutes: np.ndarray
    avoid_rush: np.ndarray
    municipality: np.ndarray
    needs: np.ndarray
    needs_known: np.ndarray
    available_from: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def build(cls, candidates: Sequence[Candidate]) -> CandidateArrays:
        """Precompute the arrays of ``candidates`` (validated records).

        Raises
        ------
        SchemaError
            A value outside the contract vocabularies or ranges (naming the candidate and field):
            arrays cannot hold it, so validate the records first (:mod:`matcher.io`).
        """
        contract = load_contract()
        codes, norms, max_levels, _ = _fml_scale()
        day_bits, part_bits = _bits(contract.days), _bits(tuple(contract.dayparts))
        mode_bits, need_bits = _bits(contract.travel_modes), _bits(tuple(contract.needs_offers))
        norm_levels = dict(zip(codes, norms.tolist(), strict=True))
        muni_cache: dict[str | None, int | None] = {}

        n = len(candidates)
        capacity = np.empty((n, len(codes)), dtype=np.int8)
        ints = np.empty((n, 5), dtype=np.int32)  # min_week, max_week, max_day, max_minutes, available_from
        masks = np.empty((n, 4), dtype=np.int64)  # days, dayparts, modes, needs
        known = np.empty((n, 4), dtype=bool)
        small = np.empty((n, 3), dtype=np.int16)  # needs_fixed, avoid_rush, municipality
        for r, cand in enumerate(candidates):
            record = f"candidate {cand.id}"
            caps = cand.capacities
            levels = {**norm_levels, **caps.levels} if caps.assessed else dict(caps.levels)
            capacity[r] = _level_row(levels, codes, max_levels, record=record, field="capacities.levels")
            hours, sched, travel, loc = cand.hours, cand.schedule, cand.travel, cand.location
            ints[r] = (
                _count(hours.min_per_week if hours else None, record=record, field="hours.min_per_week"),
                _count(hours.max_per_week if hours else None, record=record, field="hours.max_per_week"),
                _count(hours.max_per_day if hours else None, record=record, field="hours.max_per_day"),
                _count(travel.max_minutes if travel else None, record=record, field="travel.max_minutes"),
                cand.available_from.toordinal() if cand.available_from else _UNKNOWN,
            )
            for j, (values, bits, field) in enumerate(
                (
                    (sched.days if sched else None, day_bits, "schedule.days"),
                    (sched.dayparts if sched else None, part_bits, "schedule.dayparts"),
                    (travel.modes if travel else None, mode_bits, "travel.modes"),
                    (cand.needs, need_bits, "needs"),
                )
            ):
                masks[r, j], known[r, j] = _mask(values, bits, record=record, field=field)
            name = loc.municipality if loc else None
            if name not in muni_cache:
                muni_cache[name] = _municipality_position(name)
            muni = muni_cache[name]
            small[r] = (
                _tristate(sched.needs_fixed_schedule if sched else None),
                _tristate(travel.avoid_rush_hour if travel else None),
                _UNKNOWN if muni is None else muni,
            )
        weights, unknown = _candidate_fml(capacity)
        return cls(
            ids=tuple(c.id for c in candidates),
            **_frozen(
                capacity=capacity,
                fml_weights=weights,
                fml_unknown=unknown,
                min_week=ints[:, 0].copy(),
                max_week=ints[:, 1].copy(),
                max_day=ints[:, 2].copy(),
                max_minutes=ints[:, 3].copy(),
                available_from=ints[:, 4].copy(),
                days=masks[:, 0].astype(np.uint8),
                dayparts=masks[:, 1].astype(np.uint8),
                modes=masks[:, 2].astype(np.uint8),
                needs=masks[:, 3].astype(np.uint16),
                days_known=known[:, 0].copy(),
                dayparts_known=known[:, 1].copy(),
                modes_known=known[:, 2].copy(),
                needs_known=known[:, 3].copy(),
                needs_fixed=small[:, 0].astype(np.int8),
                avoid_rush=small[:, 1].astype(np.int8),
                municipality=small[:, 2].copy(),
            ),
        )


def _candidate_fml(capacity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    _, norms, _, n_levels = _fml_scale()
    cap = capacity.astype(np.int16)[:, :, None]
    level = np.arange(n_levels, dtype=np.int16)[None, None, :]
    norm = norms[None, :, None]
    cap_known = cap >= 0
    exceed = cap_known & (level > cap)
    signal = cap_known & (level <= cap) & ((level > norm) | ((level == cap) & (cap < norm)))
    graded = exceed.astype(np.float32) + _SIGNAL_WEIGHT * signal.astype(np.float32)
    unknown = capacity < 0
    weights = np.concatenate(
        [
            graded.reshape(len(capacity), capacity.shape[1] * n_levels),
            _BOTH_WEIGHT * unknown.astype(np.float32),
        ],
        axis=1,
    )
    return np.ascontiguousarray(weights.T, dtype=np.float32), unknown.sum(axis=1).astype(np.int8)


@dataclass(frozen=True, eq=False)
class PackageArrays:
    """Work packages as numpy arrays for :func:`eligibility`; build once with :meth:`build`.

    Attributes
    ----------
    ids : tuple of str
        Package ids; row ``j`` of every array is ``ids[j]``.
    demand : (n, 31) int8
        Effective FML-lite demand per item (confirmed accommodations applied; ``-1`` unknown).
    fml_onehot : (n, 31 * L + 31) float32
        The package side of the FML-lite matrix product (see the module source).
    fml_index : (n, 31) intp
        Per item, the one column of ``fml_onehot`` that is 1 (the same product as a gather).
    fml_unknown : (n,) int8
        Number of unknown demands.
    per_week, per_day, start : (n,) int32
        Hours and ``start`` as a proleptic ordinal (``-1`` unknown).
    days, dayparts : (n,) uint8; offers : (n,) uint16
        Bitmasks with ``days_known``, ``dayparts_known``, ``offers_known``.
    fixed, morning : (n,) int8
        ``fixed`` and "day-parts include ochtend" as 0/1 (``-1`` unknown).
    municipality : (n,) int16
        Row in :func:`matcher.travel.municipality_index` (``-1`` unknown).
    """

    ids: tuple[str, ...]
    demand: np.ndarray
    fml_onehot: np.ndarray
    fml_index: np.ndarray
    fml_unknown: np.ndarray
    per_week: np.ndarray
    per_day: np.ndarray
    days: np.ndarray
    days_known: np.ndarray
    dayparts: np.ndarray
    dayparts_known: np.ndarray
    fixed: np.ndarray
    morning: np.ndarray
    municipality: np.ndarray
    offers: np.ndarray
    offers_known: np.ndarray
    start: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def build(cls, packages: Sequence[WorkPackage]) -> PackageArrays:
        """Precompute the arrays of ``packages`` (validated records).

        Raises
        ------
        SchemaError
            A value outside the contract vocabularies or ranges (naming the package and field).
        """
        contract = load_contract()
        codes, _, max_levels, n_levels = _fml_scale()
        day_bits, part_bits = _bits(contract.days), _bits(tuple(contract.dayparts))
        need_bits = _bits(tuple(contract.needs_offers))
        muni_cache: dict[str | None, int | None] = {}

        n = len(packages)
        demand = np.empty((n, len(codes)), dtype=np.int8)
        ints = np.empty((n, 3), dtype=np.int32)  # per_week, per_day, start
        masks = np.empty((n, 3), dtype=np.int64)  # days, dayparts, offers
        known = np.empty((n, 3), dtype=bool)
        small = np.empty((n, 3), dtype=np.int16)  # fixed, morning, municipality
        for r, pkg in enumerate(packages):
            record = f"package {pkg.id}"
            effective = {code: pkg.effective_demand(code) for code in pkg.demands}
            demand[r] = _level_row(effective, codes, max_levels, record=record, field="demands (effective)")
            hours, sched, loc = pkg.hours, pkg.schedule, pkg.location
            ints[r] = (
                _count(hours.per_week if hours else None, record=record, field="hours.per_week"),
                _count(hours.per_day if hours else None, record=record, field="hours.per_day"),
                pkg.start.toordinal() if pkg.start else _UNKNOWN,
            )
            parts = sched.dayparts if sched else None
            for j, (values, bits, field) in enumerate(
                (
                    (sched.days if sched else None, day_bits, "schedule.days"),
                    (parts, part_bits, "schedule.dayparts"),
                    (pkg.offers, need_bits, "offers"),
                )
            ):
                masks[r, j], known[r, j] = _mask(values, bits, record=record, field=field)
            name = loc.municipality if loc else None
            if name not in muni_cache:
                muni_cache[name] = _municipality_position(name)
            muni = muni_cache[name]
            small[r] = (
                _tristate(sched.fixed if sched else None),
                _tristate(None if parts is None else "ochtend" in parts),
                _UNKNOWN if muni is None else muni,
            )
        level = np.arange(n_levels, dtype=np.int8)[None, None, :]
        onehot = (demand[:, :, None] == level).reshape(n, len(codes) * n_levels)
        unknown = demand < 0
        return cls(
            ids=tuple(p.id for p in packages),
            **_frozen(
                demand=demand,
                fml_onehot=np.ascontiguousarray(np.concatenate([onehot, unknown], axis=1), dtype=np.float32),
                fml_index=np.where(
                    unknown,
                    len(codes) * n_levels + np.arange(len(codes)),
                    np.arange(len(codes)) * n_levels + demand,
                ).astype(np.intp),
                fml_unknown=unknown.sum(axis=1).astype(np.int8),
                per_week=ints[:, 0].copy(),
                per_day=ints[:, 1].copy(),
                start=ints[:, 2].copy(),
                days=masks[:, 0].astype(np.uint8),
                dayparts=masks[:, 1].astype(np.uint8),
                offers=masks[:, 2].astype(np.uint16),
                days_known=known[:, 0].copy(),
                dayparts_known=known[:, 1].copy(),
                offers_known=known[:, 2].copy(),
                fixed=small[:, 0].astype(np.int8),
                morning=small[:, 1].astype(np.int8),
                municipality=small[:, 2].copy(),
            ),
        )


@dataclass(frozen=True, eq=False)
class Eligibility:
    """Hard-rule results for a grid of pairs.

    Attributes
    ----------
    rows : (n_c,) intp
        Positions of the grid's candidates in the :class:`CandidateArrays`.
    cols : (n_p,) intp
        Positions of the grid's packages in the :class:`PackageArrays`.
    eligible : (n_c, n_p) bool
        No check excludes the pair.
    n_signal : (n_c, n_p) int8
        Number of FML-lite signaleringen (SIGNAL checks).
    n_unknown : (n_c, n_p) int8
        Number of onbekend checks (UNKNOWN), FML-lite items and other rules together.
    excluded_by : (n_c, n_p) uint16
        Bitmask of the rules that exclude the pair (:attr:`Rule.bit`; all FML-lite items share one
        bit); ``eligible == (excluded_by == 0)``. Decode with :meth:`Rule.from_mask`.
    """

    rows: np.ndarray
    cols: np.ndarray
    eligible: np.ndarray
    n_signal: np.ndarray
    n_unknown: np.ndarray
    excluded_by: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.rows), len(self.cols))


DEFAULT_MAX_PAIRS = 1 << 20
"""Default pairs per block in :func:`iter_eligibility` (about 40 MB of temporaries per block)."""

_Index = slice | np.ndarray


def _positions(selection: Sequence[int] | np.ndarray | None, n: int) -> np.ndarray | None:
    if selection is None:
        return None
    positions = np.asarray(selection, dtype=np.intp).reshape(-1)
    if positions.size and (positions.min() < -n or positions.max() >= n):
        raise IndexError(f"selection out of range: positions must lie in 0..{n - 1}")
    return np.where(positions < 0, positions + n, positions)


def _chunks(positions: np.ndarray | None, n: int, size: int) -> Iterator[tuple[_Index, np.ndarray]]:
    """Blocks of ``size``: a slice when nothing was selected (no copies), else index arrays."""
    total = n if positions is None else len(positions)
    for start in range(0, total, size):
        stop = min(start + size, total)
        if positions is None:
            yield slice(start, stop), np.arange(start, stop, dtype=np.intp)
        else:
            block = positions[start:stop]
            yield block, block


def iter_eligibility(
    cands: CandidateArrays,
    pkgs: PackageArrays,
    *,
    rows: Sequence[int] | np.ndarray | None = None,
    cols: Sequence[int] | np.ndarray | None = None,
    max_pairs: int = DEFAULT_MAX_PAIRS,
    travel_model: TravelModel = DEFAULT_TRAVEL_MODEL,
) -> Iterator[Eligibility]:
    """Evaluate the hard rules block by block, so any grid fits in memory.

    The grid (``rows`` x ``cols``, default everything) is cut into blocks of at most ``max_pairs``
    pairs: all selected packages at once when they fit (``max_pairs // n_p`` candidates per block),
    else ``max_pairs`` packages against one candidate at a time. Each yielded :class:`Eligibility`
    carries its own ``rows``/``cols``; temporaries are about 40 bytes per pair of a block, and
    nothing is kept between blocks.

    Parameters
    ----------
    cands : CandidateArrays
    pkgs : PackageArrays
    rows, cols : sequence of int, optional
        Positions to evaluate (default: all candidates / all packages).
    max_pairs : int, default 2**20
        Largest block.
    travel_model : TravelModel, optional
        Assumptions of the travel-time estimate.

    Yields
    ------
    Eligibility
        One block; together the blocks cover the grid exactly once, candidates slowest within each
        package block.
    """
    if max_pairs < 1:
        raise ValueError(f"max_pairs must be >= 1, got {max_pairs!r}")
    row_pos, col_pos = _positions(rows, len(cands)), _positions(cols, len(pkgs))
    n_p = len(pkgs) if col_pos is None else len(col_pos)
    block_p = max(1, min(n_p, max_pairs))
    block_c = max(1, max_pairs // block_p)
    table = travel_table(travel_model)
    for c_index, c_pos in _chunks(col_pos, len(pkgs), block_p):
        for r_index, r_pos in _chunks(row_pos, len(cands), block_c):
            yield _evaluate(cands, pkgs, r_index, c_index, r_pos, c_pos, table)


def eligibility(
    cands: CandidateArrays,
    pkgs: PackageArrays,
    *,
    rows: Sequence[int] | np.ndarray | None = None,
    cols: Sequence[int] | np.ndarray | None = None,
    max_pairs: int = DEFAULT_MAX_PAIRS,
    travel_model: TravelModel = DEFAULT_TRAVEL_MODEL,
) -> Eligibility:
    """Evaluate the hard rules for every selected candidate-package pair.

    Same rules and results as :func:`check_pair`, as counts and bitmasks. The result holds 5 bytes
    per pair (10,000 x 5,000 pairs: 250 MB); for larger grids iterate :func:`iter_eligibility`, or
    pass ``rows``/``cols`` per partition. Work is done in blocks of ``max_pairs`` pairs.

    Parameters
    ----------
    cands : CandidateArrays
    pkgs : PackageArrays
    rows, cols : sequence of int, optional
        Positions to evaluate (default: all).
    max_pairs : int, default 2**20
        Largest block of temporaries (about 40 bytes per pair).
    travel_model : TravelModel, optional

    Returns
    -------
    Eligibility
        Arrays of shape ``(len(rows), len(cols))``.

    Examples
    --------
    >>> from matcher.schema import Capacities
    >>> ca = CandidateArrays.build([Candidate(id="c1", capacities=Capacities(assessed=True))])
    >>> pa = PackageArrays.build([WorkPackage(id="p1", employer="e", sector="rijk", title="t", demands={"DH01": 4})])
    >>> result = eligibility(ca, pa)
    >>> bool(result.eligible[0, 0]), Rule.from_mask(result.excluded_by[0, 0])
    (False, (<Rule.FML: 'fml'>,))
    """
    row_pos, col_pos = _positions(rows, len(cands)), _positions(cols, len(pkgs))
    n_c = len(cands) if row_pos is None else len(row_pos)
    n_p = len(pkgs) if col_pos is None else len(col_pos)
    blocks = iter_eligibility(
        cands, pkgs, rows=row_pos, cols=col_pos, max_pairs=max_pairs, travel_model=travel_model
    )
    if n_c * n_p <= max_pairs:  # one block (the common single-vacancy case): no copying
        only = next(blocks, None)
        if only is not None:
            return only
    n_signal = np.zeros((n_c, n_p), dtype=np.int8)
    n_unknown = np.zeros((n_c, n_p), dtype=np.int8)
    excluded_by = np.zeros((n_c, n_p), dtype=np.uint16)
    r_at, c_at = 0, 0  # blocks come package block by package block, candidates in order within each
    for block in blocks:
        r_len, c_len = block.shape
        rs, cs = slice(r_at, r_at + r_len), slice(c_at, c_at + c_len)
        n_signal[rs, cs] = block.n_signal
        n_unknown[rs, cs] = block.n_unknown
        excluded_by[rs, cs] = block.excluded_by
        r_at += r_len
        if r_at >= n_c:
            r_at, c_at = 0, c_at + c_len
    all_rows = np.arange(len(cands), dtype=np.intp) if row_pos is None else row_pos
    all_cols = np.arange(len(pkgs), dtype=np.intp) if col_pos is None else col_pos
    return Eligibility(all_rows, all_cols, excluded_by == 0, n_signal, n_unknown, excluded_by)


def travel_reach(
    cands: CandidateArrays, destination: int, *, travel_model: TravelModel = DEFAULT_TRAVEL_MODEL
) -> np.ndarray:
    """Which candidates the travel rule may admit for work in municipality row ``destination``, shape ``(n,)``.

    A cheap, selective first pass before :func:`eligibility`: a candidate is left out only when the
    travel rule surely excludes them, i.e. their home, modes and maximum are known and even the
    fastest mode of all (without the rush-hour penalty, which only adds time) takes longer than
    their maximum. Everyone else (unknowns included) is kept for the full rule, so the full rule on
    the kept rows gives exactly the eligible set of the full rule on all rows.
    """
    if destination < 0:
        return np.ones(len(cands), dtype=bool)
    fastest = _fastest_to(travel_model, destination)
    home = cands.municipality
    known = (home >= 0) & cands.modes_known & (cands.max_minutes >= 0)
    return ~(known & (fastest[np.maximum(home, 0)] > cands.max_minutes))


def eligible_for_package(
    cands: CandidateArrays,
    pkgs: PackageArrays,
    col: int,
    rows: np.ndarray,
    *,
    travel_model: TravelModel = DEFAULT_TRAVEL_MODEL,
) -> tuple[np.ndarray, Eligibility]:
    """The hard rule for package ``col`` over candidate ``rows``, the cheap rules first.

    Hours, days, dayparts, schedule, travel, support and availability are a few comparisons per
    candidate; the 31 FML-lite items are the costly part. Those rules run over all ``rows`` first,
    and the full rule (FML-lite included) only over the candidates none of them excludes. Returns
    those rows (a subset of ``rows``, same order) and their :class:`Eligibility`: every row left
    out is excluded by the full rule too, so the eligible set and the counts of every eligible row
    are exactly those of ``eligibility(cands, pkgs, rows=rows, cols=[col])``.
    """
    rows = np.asarray(rows, dtype=np.intp)
    cols = np.array([col], dtype=np.intp)
    table = travel_table(travel_model)
    kept = []
    for start in range(0, len(rows), DEFAULT_MAX_PAIRS):
        block = rows[start : start + DEFAULT_MAX_PAIRS]
        cheap = _evaluate(cands, pkgs, block, cols, block, cols, table, fml=False)
        kept.append(block[cheap.eligible[:, 0]])
    survivors = np.concatenate(kept) if kept else rows[:0]
    return survivors, eligibility(cands, pkgs, rows=survivors, cols=cols, travel_model=travel_model)


def pair_eligibility(
    cands: CandidateArrays,
    pkgs: PackageArrays,
    rows: np.ndarray,
    cols: np.ndarray,
    *,
    travel_model: TravelModel = DEFAULT_TRAVEL_MODEL,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The hard rule for a list of pairs ``(rows[k], cols[k])`` (not a grid), e.g. past placements.

    The same rules as :func:`eligibility`, evaluated pair by pair in one pass over aligned arrays,
    so the values are those of :func:`eligibility` (and of :func:`check_pair`) for each pair.

    Returns
    -------
    n_signal, n_unknown : int8 arrays, excluded_by : uint16 array, each of shape ``(len(rows),)``
    """
    rows = np.asarray(rows, dtype=np.intp)
    cols = np.asarray(cols, dtype=np.intp)
    n_signal = np.zeros(len(rows), dtype=np.int8)
    n_unknown = np.zeros(len(rows), dtype=np.int8)
    excluded_by = np.zeros(len(rows), dtype=np.uint16)
    if not len(rows):
        return n_signal, n_unknown, excluded_by
    table = travel_table(travel_model)
    for a in range(0, len(rows), DEFAULT_MAX_PAIRS):
        r, c = rows[a : a + DEFAULT_MAX_PAIRS], cols[a : a + DEFAULT_MAX_PAIRS]
        result = _evaluate(cands, pkgs, r, c, r, c, table, pairs=True)
        n_signal[a : a + len(r)] = result.n_signal
        n_unknown[a : a + len(r)] = result.n_unknown
        excluded_by[a : a + len(r)] = result.excluded_by
    return n_signal, n_unknown, excluded_by


_FASTEST: dict[tuple[TravelModel, int], np.ndarray] = {}


def _fastest_to(model: TravelModel, destination: int) -> np.ndarray:
    """Minutes of the fastest mode from every municipality to ``destination`` (no rush-hour penalty)."""
    key = (model, destination)
    if key not in _FASTEST:
        table = travel_table(model)
        _FASTEST[key] = np.minimum(
            table.plain[:, :, destination].min(axis=0), table.rush[:, :, destination].min(axis=0)
        )
    return _FASTEST[key]


_GATHER_BUDGET = 1 << 22


def _fml_sums(weights: np.ndarray, pa: PackageArrays, r: _Index, c: _Index) -> np.ndarray:
    """The FML-lite product (candidate weights x package one-hot) as exact int32, shape (n_rows, n_cols).

    When one side of the block is small (a single vacancy, a single candidate), gather the 31 weight
    rows each package selects and add them: cheaper than a BLAS call, whose threads can stall on a
    busy machine. Otherwise (and when the gathered (n_cols, 31, n_rows) block would exceed
    ``_GATHER_BUDGET`` floats), one matrix product.
    """
    index = pa.fml_index[c]
    n_rows = len(range(weights.shape[1])[r]) if isinstance(r, slice) else len(r)
    if min(n_rows, len(index)) <= 8 and n_rows * index.size <= _GATHER_BUDGET:
        picked = weights[index, r] if isinstance(r, slice) else weights[index[:, :, None], r[None, None, :]]
        sums = picked.sum(axis=1).T
    else:
        sums = weights[:, r].T @ pa.fml_onehot[c].T
    return sums.astype(np.int32)


def _fml_pair_sums(weights: np.ndarray, pa: PackageArrays, r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """:func:`_fml_sums` for the pairs ``(r[k], c[k])``: each pair gathers its 31 weights and adds them."""
    picked = weights[pa.fml_index[c], np.asarray(r)[:, None]]  # (n_pairs, 31)
    return picked.sum(axis=1).astype(np.int32)


def _subset(
    part: np.ndarray, part_known: np.ndarray, whole: np.ndarray, whole_known: np.ndarray, full: int
) -> tuple[np.ndarray, np.ndarray]:
    """Broadcast (passes, fails) of "part is a subset of whole" with the decided cases of the scalar."""
    both = part_known & whole_known
    outside = (part & ~whole) != 0
    passes = (both & ~outside) | (part_known & (part == 0)) | (whole_known & (whole == full))
    return passes, both & outside


def _evaluate(
    ca: CandidateArrays,
    pa: PackageArrays,
    r: _Index,
    c: _Index,
    r_pos: np.ndarray,
    c_pos: np.ndarray,
    table: TravelTable,
    *,
    fml: bool = True,
    pairs: bool = False,
) -> Eligibility:
    """The hard rule over the grid ``r`` x ``c``, or with ``pairs`` over the pairs ``(r[k], c[k])``.

    In the grid, candidate values are columns (``[:, None]``) and package values rows
    (``[None, :]``); for pairs both are the same axis. Every rule is written once for both.
    """
    contract = load_contract()
    col = np.s_[...] if pairs else np.s_[:, None]
    row = np.s_[...] if pairs else np.s_[None, :]
    if fml:
        mixed = _fml_pair_sums(ca.fml_weights, pa, r, c) if pairs else _fml_sums(ca.fml_weights, pa, r, c)
        n_both = mixed >> _BOTH_SHIFT
        n_signal = ((mixed >> _SIGNAL_SHIFT) & _FIELD_MASK).astype(np.int8)
        n_unknown = (ca.fml_unknown[r].astype(np.int32)[col] + pa.fml_unknown[c][row]) - n_both
        excluded_by = ((mixed & _FIELD_MASK) > 0).astype(np.uint16) * np.uint16(Rule.FML.bit)
    else:  # the other rules only (see eligible_for_package); FML-lite counts left at 0
        shape = (len(r_pos),) if pairs else (len(r_pos), len(c_pos))
        n_signal = np.zeros(shape, dtype=np.int8)
        n_unknown = np.zeros(shape, dtype=np.int32)
        excluded_by = np.zeros(shape, dtype=np.uint16)

    def record(rule: Rule, passes: np.ndarray, fails: np.ndarray) -> None:
        # Plain arithmetic: ufuncs with where= are an order of magnitude slower here.
        excluded_by[...] |= fails.astype(np.uint16) * np.uint16(rule.bit)
        n_unknown[...] += ~(passes | fails)

    min_week, max_week, max_day = ca.min_week[r][col], ca.max_week[r][col], ca.max_day[r][col]
    per_week, per_day = pa.per_week[c][row], pa.per_day[c][row]
    both = (min_week >= 0) & (per_week >= 0)
    record(
        Rule.HOURS_MIN_WEEK, (both & (per_week >= min_week)) | (min_week == 0), both & (per_week < min_week)
    )
    both = (max_week >= 0) & (per_week >= 0)
    record(
        Rule.HOURS_MAX_WEEK, (both & (per_week <= max_week)) | (per_week == 0), both & (per_week > max_week)
    )
    both = (max_day >= 0) & (per_day >= 0)
    record(Rule.HOURS_PER_DAY, (both & (per_day <= max_day)) | (per_day == 0), both & (per_day > max_day))

    record(
        Rule.DAYS,
        *_subset(
            pa.days[c][row],
            pa.days_known[c][row],
            ca.days[r][col],
            ca.days_known[r][col],
            (1 << len(contract.days)) - 1,
        ),
    )
    record(
        Rule.DAYPARTS,
        *_subset(
            pa.dayparts[c][row],
            pa.dayparts_known[c][row],
            ca.dayparts[r][col],
            ca.dayparts_known[r][col],
            (1 << len(contract.dayparts)) - 1,
        ),
    )
    needs_fixed, fixed = ca.needs_fixed[r][col], pa.fixed[c][row]
    record(Rule.FIXED_SCHEDULE, (needs_fixed == 0) | (fixed == 1), (needs_fixed == 1) & (fixed == 0))

    record(Rule.TRAVEL, *_travel(ca, pa, r, c, table, pairs=pairs))

    record(
        Rule.SUPPORT,
        *_subset(
            ca.needs[r][col],
            ca.needs_known[r][col],
            pa.offers[c][row],
            pa.offers_known[c][row],
            (1 << len(contract.needs_offers)) - 1,
        ),
    )
    available, start = ca.available_from[r][col], pa.start[c][row]
    both = (available >= 0) & (start >= 0)
    record(Rule.AVAILABILITY, both & (available <= start), both & (available > start))

    return Eligibility(
        rows=r_pos,
        cols=c_pos,
        eligible=excluded_by == 0,
        n_signal=n_signal,
        n_unknown=n_unknown.astype(np.int8),
        excluded_by=excluded_by,
    )


def _travel(
    ca: CandidateArrays, pa: PackageArrays, r: _Index, c: _Index, table: TravelTable, *, pairs: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    col = np.s_[...] if pairs else np.s_[:, None]
    row = np.s_[...] if pairs else np.s_[None, :]
    c_muni, p_muni = ca.municipality[r], pa.municipality[c]
    max_minutes = ca.max_minutes[r][col]
    modes, modes_known = ca.modes[r], ca.modes_known[r]
    known = ((c_muni >= 0) & modes_known & (ca.max_minutes[r] >= 0))[col] & (p_muni >= 0)[row]
    avoid, morning = ca.avoid_rush[r][col], pa.morning[c][row]
    not_applied = (avoid == 0) | (morning == 0)
    applied = (avoid == 1) & (morning == 1)
    need_rush = bool((~not_applied).any())
    origin, dest = np.maximum(c_muni, 0), np.maximum(p_muni, 0)
    shape = (len(c_muni),) if pairs else (len(c_muni), len(p_muni))
    fits_plain = np.zeros(shape, dtype=bool)
    fits_rush = np.zeros(shape, dtype=bool)

    def lookup(grid: np.ndarray) -> np.ndarray:
        if pairs:
            return grid[origin, dest]
        # Gather along the shorter side first: (few x 342) then (few x many), never (342 x many) twice.
        return grid[origin][:, dest] if len(origin) <= len(dest) else grid[:, dest][origin]

    for m in range(len(table.modes)):
        has = (modes & (1 << m)) != 0
        if not has.any():
            continue
        fits_plain |= has[col] & (lookup(table.plain[m]) <= max_minutes)
        if need_rush:
            fits_rush |= has[col] & (lookup(table.rush[m]) <= max_minutes)
    no_modes = (modes_known & (modes == 0))[col]
    passes = known & np.where(not_applied, fits_plain, fits_rush)
    fails = (known & ~np.where(applied, fits_rush, fits_plain)) | no_modes
    return passes, fails
