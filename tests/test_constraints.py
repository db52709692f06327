"""The hard rule (DESIGN.md section 4): matcher.constraints and its Dutch rendering in matcher.texts_nl."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher import constraints
from matcher.constraints import (
    CandidateArrays,
    Check,
    Eligibility,
    Outcome,
    PackageArrays,
    Rule,
    check_pair,
    eligibility,
    is_eligible,
    iter_eligibility,
)
from matcher.contract import load_contract
from matcher.errors import SchemaError
from matcher.schema import (
    Accommodation,
    Candidate,
    CandidateHours,
    CandidateSchedule,
    Capacities,
    Location,
    PackageHours,
    PackageSchedule,
    Travel,
    WorkPackage,
)
from matcher.texts_nl import FML_LEVELS_NL, render_check_nl
from matcher.travel import estimate_travel_minutes

CONTRACT = load_contract()
CODES = CONTRACT.fml_codes
OTHER_RULES = [rule for rule in Rule if rule is not Rule.FML]

# A planted pair on which every check passes: an assessed candidate (every capacity at its norm) and a
# package that demands level 1 on every item, in neighbouring municipalities, reachable by bike.
BASE_CANDIDATE = Candidate(
    id="K1",
    available_from=date(2025, 1, 1),
    location=Location("Utrecht"),
    travel=Travel(max_minutes=60, modes=("fiets",), avoid_rush_hour=False),
    hours=CandidateHours(min_per_week=16, max_per_week=32, max_per_day=8),
    schedule=CandidateSchedule(
        days=("ma", "di", "wo", "do", "vr"), dayparts=("ochtend", "middag"), needs_fixed_schedule=False
    ),
    capacities=Capacities(assessed=True),
    needs=("jobcoach",),
)
BASE_PACKAGE = WorkPackage(
    id="P1",
    employer="Gemeente Zeist",
    sector="gemeenten",
    title="Medewerker postkamer",
    location=Location("Zeist"),
    hours=PackageHours(per_week=24, per_day=6),
    schedule=PackageSchedule(days=("ma", "di"), dayparts=("ochtend",), fixed=True),
    demands=dict.fromkeys(CODES, 1),
    offers=("jobcoach", "buddy"),
    start=date(2025, 3, 1),
)


def outcome(checks: tuple[Check, ...], rule: Rule, item: str | None = None) -> Outcome:
    (found,) = [c for c in checks if c.rule is rule and c.item == item]
    return found.outcome


def the_check(checks: tuple[Check, ...], rule: Rule, item: str | None = None) -> Check:
    (found,) = [c for c in checks if c.rule is rule and c.item == item]
    return found


def cand(**changes: object) -> Candidate:
    return replace(BASE_CANDIDATE, **changes)


def pkg(**changes: object) -> WorkPackage:
    return replace(BASE_PACKAGE, **changes)


def c_hours(**changes: object) -> CandidateHours:
    return replace(BASE_CANDIDATE.hours, **changes)


def c_sched(**changes: object) -> CandidateSchedule:
    return replace(BASE_CANDIDATE.schedule, **changes)


def c_travel(**changes: object) -> Travel:
    return replace(BASE_CANDIDATE.travel, **changes)


def p_hours(**changes: object) -> PackageHours:
    return replace(BASE_PACKAGE.hours, **changes)


def p_sched(**changes: object) -> PackageSchedule:
    return replace(BASE_PACKAGE.schedule, **changes)


def agree_with_vectorised(candidate: Candidate, package: WorkPackage) -> tuple[Check, ...]:
    """check_pair, after asserting that eligibility() says exactly the same about the pair."""
    checks = check_pair(candidate, package)
    result = eligibility(CandidateArrays.build([candidate]), PackageArrays.build([package]))
    assert_same(checks, result, 0, 0)
    return checks


def assert_same(checks: tuple[Check, ...], result: Eligibility, i: int, j: int) -> None:
    counts = Counter(c.outcome for c in checks)
    mask = 0
    for c in checks:
        if c.outcome is Outcome.EXCLUDE:
            mask |= c.rule.bit
    assert int(result.excluded_by[i, j]) == mask
    assert bool(result.eligible[i, j]) == is_eligible(checks) == (mask == 0)
    assert int(result.n_signal[i, j]) == counts[Outcome.SIGNAL]
    assert int(result.n_unknown[i, j]) == counts[Outcome.UNKNOWN]


# --------------------------------------------------------------------------------------------------
# The planted pair and the shape of the result
# --------------------------------------------------------------------------------------------------


def test_planted_pair_passes_every_check() -> None:
    checks = agree_with_vectorised(BASE_CANDIDATE, BASE_PACKAGE)
    assert {c.outcome for c in checks} == {Outcome.PASS}
    assert is_eligible(checks)


def test_one_check_per_item_and_rule_in_a_fixed_order() -> None:
    checks = check_pair(BASE_CANDIDATE, BASE_PACKAGE)
    assert [(c.rule, c.item) for c in checks] == [(Rule.FML, code) for code in CODES] + [
        (rule, None) for rule in OTHER_RULES
    ]
    assert len(checks) == 31 + 9


def test_check_values_are_plain_json() -> None:
    sparse_cand = Candidate(
        id="K2", travel=Travel(max_minutes=30, modes=("ov", "fiets")), location=Location("Utrecht")
    )
    sparse_pkg = WorkPackage(id="P2", employer="e", sector="rijk", title="t", location=Location("Utrecht"))
    for checks in (check_pair(BASE_CANDIDATE, BASE_PACKAGE), check_pair(sparse_cand, sparse_pkg)):
        for c in checks:
            round_trip = json.loads(json.dumps(c.as_dict()))
            assert round_trip["rule"] == c.rule.value
            assert round_trip["outcome"] == c.outcome.value
            assert round_trip["candidate_value"] == c.candidate_value
            assert round_trip["package_value"] == c.package_value


def test_rule_bits_are_distinct_and_decode() -> None:
    bits = [rule.bit for rule in Rule]
    assert len(set(bits)) == len(Rule)
    assert all(bit & (bit - 1) == 0 for bit in bits)
    assert Rule.from_mask(Rule.TRAVEL.bit | Rule.FML.bit) == (Rule.FML, Rule.TRAVEL)
    assert Rule.from_mask(0) == ()


# --------------------------------------------------------------------------------------------------
# FML-lite
# --------------------------------------------------------------------------------------------------


def test_assessed_unlisted_capacity_is_the_norm_and_excludes_a_demand_above_it() -> None:
    checks = agree_with_vectorised(cand(), pkg(demands={**BASE_PACKAGE.demands, "DH01": 4}))
    dh01 = the_check(checks, Rule.FML, "DH01")
    assert (dh01.outcome, dh01.candidate_value, dh01.package_value) == (Outcome.EXCLUDE, 3, 4)
    assert not is_eligible(checks)


def test_recorded_higher_capacity_turns_the_exclusion_into_a_signalering() -> None:
    capable = cand(capacities=Capacities(assessed=True, levels={"DH01": 4}))
    checks = agree_with_vectorised(capable, pkg(demands={**BASE_PACKAGE.demands, "DH01": 4}))
    assert outcome(checks, Rule.FML, "DH01") is Outcome.SIGNAL  # demand above the norm
    assert is_eligible(checks)


def test_unassessed_unlisted_capacity_is_unknown_never_a_pass() -> None:
    unassessed = cand(capacities=Capacities(assessed=False, levels={"PF01": 2}))
    checks = agree_with_vectorised(unassessed, BASE_PACKAGE)
    assert outcome(checks, Rule.FML, "PF01") is Outcome.PASS
    for code in CODES[1:]:
        c = the_check(checks, Rule.FML, code)
        assert (c.outcome, c.candidate_value) == (Outcome.UNKNOWN, None)


def test_unlisted_demand_is_unknown_even_for_an_assessed_candidate() -> None:
    demands = {code: 1 for code in CODES if code != "SF01"}
    checks = agree_with_vectorised(cand(), pkg(demands=demands))
    sf01 = the_check(checks, Rule.FML, "SF01")
    assert (sf01.outcome, sf01.candidate_value, sf01.package_value) == (Outcome.UNKNOWN, 2, None)


@pytest.mark.parametrize(
    ("capacity", "demand", "expected"),
    [
        (1, 1, Outcome.SIGNAL),  # equal to a capacity below the norm (2)
        (1, 0, Outcome.PASS),
        (2, 2, Outcome.PASS),  # equal to a capacity at the norm
        (1, 2, Outcome.EXCLUDE),
        (0, 0, Outcome.SIGNAL),
    ],
)
def test_fml_levels_against_the_norm(capacity: int, demand: int, expected: Outcome) -> None:
    c = cand(capacities=Capacities(assessed=True, levels={"PF07": capacity}))
    p = pkg(demands={**BASE_PACKAGE.demands, "PF07": demand})
    assert outcome(agree_with_vectorised(c, p), Rule.FML, "PF07") is expected


def test_confirmed_accommodations_lower_the_demand_and_unconfirmed_do_not() -> None:
    c = cand(capacities=Capacities(assessed=True, levels={"DH01": 2}))
    heavy = {**BASE_PACKAGE.demands, "DH01": 4}
    trolley = Accommodation("steekwagen", reduces={"DH01": 2}, confirmed=True)
    planned = Accommodation("tilhulp", reduces={"DH01": 2}, confirmed=False)

    unconfirmed = the_check(
        agree_with_vectorised(c, pkg(demands=heavy, accommodations=(planned,))), Rule.FML, "DH01"
    )
    assert (unconfirmed.outcome, unconfirmed.package_value) == (Outcome.EXCLUDE, 4)

    confirmed = the_check(
        agree_with_vectorised(c, pkg(demands=heavy, accommodations=(trolley,))), Rule.FML, "DH01"
    )
    # 4 - 2 = 2 equals the candidate's capacity 2, which is below the norm 3: a signalering.
    assert (confirmed.outcome, confirmed.package_value) == (Outcome.SIGNAL, 2)

    one_step = Accommodation("kleinere dozen", reduces={"DH01": 1}, confirmed=True)
    summed = the_check(
        agree_with_vectorised(c, pkg(demands=heavy, accommodations=(one_step, one_step, one_step))),
        Rule.FML,
        "DH01",
    )
    assert (summed.outcome, summed.package_value) == (Outcome.PASS, 1)

    too_much = Accommodation("geen tillen", reduces={"DH01": 9}, confirmed=True)
    floored = the_check(
        agree_with_vectorised(c, pkg(demands=heavy, accommodations=(too_much,))), Rule.FML, "DH01"
    )
    assert (floored.outcome, floored.package_value) == (Outcome.PASS, 0)


def test_working_time_items_are_fml_items_checked_on_their_own() -> None:
    # WT01 capacity ~4 h/day against a demand of ~8 h/day excludes, although the package's 6 hours per
    # day are within max_per_day 8: no conversion between FML-lite levels and hours.
    c = cand(capacities=Capacities(assessed=True, levels={"WT01": 1}))
    checks = agree_with_vectorised(c, pkg(demands={**BASE_PACKAGE.demands, "WT01": 3}))
    assert outcome(checks, Rule.FML, "WT01") is Outcome.EXCLUDE
    assert outcome(checks, Rule.HOURS_PER_DAY) is Outcome.PASS


def test_several_fml_exclusions_share_one_bit() -> None:
    c = cand(capacities=Capacities(assessed=True, levels={"DH01": 0, "PF05": 0, "SF01": 0}))
    checks = agree_with_vectorised(c, BASE_PACKAGE)
    assert sum(ch.outcome is Outcome.EXCLUDE for ch in checks) == 3
    result = eligibility(CandidateArrays.build([c]), PackageArrays.build([BASE_PACKAGE]))
    assert Rule.from_mask(result.excluded_by[0, 0]) == (Rule.FML,)


# --------------------------------------------------------------------------------------------------
# The other rules: one case per rule and outcome
# --------------------------------------------------------------------------------------------------

ALL_NEEDS = tuple(CONTRACT.needs_offers)
Case = tuple[Rule, Callable[[], Candidate], Callable[[], WorkPackage], Outcome]

CASES: dict[str, Case] = {
    # hours per week, minimum
    "min_week_pass": (Rule.HOURS_MIN_WEEK, cand, lambda: pkg(hours=p_hours(per_week=16)), Outcome.PASS),
    "min_week_exclude": (Rule.HOURS_MIN_WEEK, cand, lambda: pkg(hours=p_hours(per_week=12)), Outcome.EXCLUDE),
    "min_week_unknown_candidate": (
        Rule.HOURS_MIN_WEEK,
        lambda: cand(hours=c_hours(min_per_week=None)),
        pkg,
        Outcome.UNKNOWN,
    ),
    "min_week_unknown_package": (
        Rule.HOURS_MIN_WEEK,
        cand,
        lambda: pkg(hours=p_hours(per_week=None)),
        Outcome.UNKNOWN,
    ),
    "min_week_zero_minimum_decides": (
        Rule.HOURS_MIN_WEEK,
        lambda: cand(hours=c_hours(min_per_week=0)),
        lambda: pkg(hours=None),
        Outcome.PASS,
    ),
    # hours per week, maximum
    "max_week_pass": (Rule.HOURS_MAX_WEEK, cand, lambda: pkg(hours=p_hours(per_week=32)), Outcome.PASS),
    "max_week_exclude": (Rule.HOURS_MAX_WEEK, cand, lambda: pkg(hours=p_hours(per_week=36)), Outcome.EXCLUDE),
    "max_week_unknown": (
        Rule.HOURS_MAX_WEEK,
        lambda: cand(hours=c_hours(max_per_week=None)),
        pkg,
        Outcome.UNKNOWN,
    ),
    # hours per day
    "per_day_pass": (Rule.HOURS_PER_DAY, cand, lambda: pkg(hours=p_hours(per_day=8)), Outcome.PASS),
    "per_day_exclude": (Rule.HOURS_PER_DAY, cand, lambda: pkg(hours=p_hours(per_day=9)), Outcome.EXCLUDE),
    "per_day_unknown_candidate": (
        Rule.HOURS_PER_DAY,
        lambda: cand(hours=c_hours(max_per_day=None)),
        pkg,
        Outcome.UNKNOWN,
    ),
    "per_day_unknown_package": (
        Rule.HOURS_PER_DAY,
        cand,
        lambda: pkg(hours=p_hours(per_day=None)),
        Outcome.UNKNOWN,
    ),
    # days
    "days_pass": (Rule.DAYS, cand, lambda: pkg(schedule=p_sched(days=("ma", "vr"))), Outcome.PASS),
    "days_exclude": (Rule.DAYS, cand, lambda: pkg(schedule=p_sched(days=("ma", "za"))), Outcome.EXCLUDE),
    "days_unknown_candidate": (Rule.DAYS, lambda: cand(schedule=c_sched(days=None)), pkg, Outcome.UNKNOWN),
    "days_unknown_package": (Rule.DAYS, cand, lambda: pkg(schedule=None), Outcome.UNKNOWN),
    "days_every_day_decides": (
        Rule.DAYS,
        lambda: cand(schedule=c_sched(days=CONTRACT.days)),
        lambda: pkg(schedule=p_sched(days=None)),
        Outcome.PASS,
    ),
    # day-parts
    "dayparts_pass": (
        Rule.DAYPARTS,
        cand,
        lambda: pkg(schedule=p_sched(dayparts=("middag", "ochtend"))),
        Outcome.PASS,
    ),
    "dayparts_exclude": (
        Rule.DAYPARTS,
        cand,
        lambda: pkg(schedule=p_sched(dayparts=("avond",))),
        Outcome.EXCLUDE,
    ),
    "dayparts_unknown_package": (
        Rule.DAYPARTS,
        cand,
        lambda: pkg(schedule=p_sched(dayparts=None)),
        Outcome.UNKNOWN,
    ),
    "dayparts_unknown_candidate": (
        Rule.DAYPARTS,
        lambda: cand(schedule=c_sched(dayparts=None)),
        pkg,
        Outcome.UNKNOWN,
    ),
    # fixed schedule
    "fixed_pass_not_needed": (
        Rule.FIXED_SCHEDULE,
        lambda: cand(schedule=c_sched(needs_fixed_schedule=False)),
        lambda: pkg(schedule=p_sched(fixed=None)),
        Outcome.PASS,
    ),
    "fixed_pass_offered": (
        Rule.FIXED_SCHEDULE,
        lambda: cand(schedule=c_sched(needs_fixed_schedule=None)),
        lambda: pkg(schedule=p_sched(fixed=True)),
        Outcome.PASS,
    ),
    "fixed_exclude": (
        Rule.FIXED_SCHEDULE,
        lambda: cand(schedule=c_sched(needs_fixed_schedule=True)),
        lambda: pkg(schedule=p_sched(fixed=False)),
        Outcome.EXCLUDE,
    ),
    "fixed_unknown_package": (
        Rule.FIXED_SCHEDULE,
        lambda: cand(schedule=c_sched(needs_fixed_schedule=True)),
        lambda: pkg(schedule=p_sched(fixed=None)),
        Outcome.UNKNOWN,
    ),
    "fixed_unknown_candidate": (
        Rule.FIXED_SCHEDULE,
        lambda: cand(schedule=c_sched(needs_fixed_schedule=None)),
        lambda: pkg(schedule=p_sched(fixed=False)),
        Outcome.UNKNOWN,
    ),
    # travel (the estimate itself is read from the travel model, never hard-coded)
    "travel_pass_at_the_limit": (
        Rule.TRAVEL,
        lambda: cand(travel=c_travel(max_minutes=estimate_travel_minutes("Utrecht", "Zeist", "fiets"))),
        pkg,
        Outcome.PASS,
    ),
    "travel_exclude": (
        Rule.TRAVEL,
        lambda: cand(travel=c_travel(max_minutes=estimate_travel_minutes("Utrecht", "Zeist", "fiets") - 1)),
        pkg,
        Outcome.EXCLUDE,
    ),
    "travel_exclude_far": (Rule.TRAVEL, cand, lambda: pkg(location=Location("Maastricht")), Outcome.EXCLUDE),
    "travel_exclude_no_modes": (Rule.TRAVEL, lambda: cand(travel=c_travel(modes=())), pkg, Outcome.EXCLUDE),
    "travel_unknown_home": (Rule.TRAVEL, lambda: cand(location=None), pkg, Outcome.UNKNOWN),
    "travel_unknown_workplace": (Rule.TRAVEL, cand, lambda: pkg(location=Location(None)), Outcome.UNKNOWN),
    "travel_unknown_modes": (Rule.TRAVEL, lambda: cand(travel=c_travel(modes=None)), pkg, Outcome.UNKNOWN),
    "travel_unknown_limit": (
        Rule.TRAVEL,
        lambda: cand(travel=c_travel(max_minutes=None)),
        pkg,
        Outcome.UNKNOWN,
    ),
    # support
    "support_pass": (Rule.SUPPORT, cand, pkg, Outcome.PASS),
    "support_pass_nothing_needed": (
        Rule.SUPPORT,
        lambda: cand(needs=()),
        lambda: pkg(offers=None),
        Outcome.PASS,
    ),
    "support_pass_everything_offered": (
        Rule.SUPPORT,
        lambda: cand(needs=None),
        lambda: pkg(offers=ALL_NEEDS),
        Outcome.PASS,
    ),
    "support_exclude": (
        Rule.SUPPORT,
        lambda: cand(needs=("jobcoach", "prikkelarme_werkplek")),
        pkg,
        Outcome.EXCLUDE,
    ),
    "support_unknown_offers": (Rule.SUPPORT, cand, lambda: pkg(offers=None), Outcome.UNKNOWN),
    "support_unknown_needs": (Rule.SUPPORT, lambda: cand(needs=None), pkg, Outcome.UNKNOWN),
    # availability
    "available_pass_same_day": (
        Rule.AVAILABILITY,
        lambda: cand(available_from=date(2025, 3, 1)),
        pkg,
        Outcome.PASS,
    ),
    "available_exclude": (
        Rule.AVAILABILITY,
        lambda: cand(available_from=date(2025, 3, 2)),
        pkg,
        Outcome.EXCLUDE,
    ),
    "available_unknown_candidate": (
        Rule.AVAILABILITY,
        lambda: cand(available_from=None),
        pkg,
        Outcome.UNKNOWN,
    ),
    "available_unknown_start": (Rule.AVAILABILITY, cand, lambda: pkg(start=None), Outcome.UNKNOWN),
}


@pytest.mark.parametrize("name", list(CASES))
def test_rule_outcome(name: str) -> None:
    rule, make_candidate, make_package, expected = CASES[name]
    checks = agree_with_vectorised(make_candidate(), make_package())
    assert outcome(checks, rule) is expected
    # Any exclusion comes from the rule under test alone.
    others = {c.rule: c.outcome for c in checks if c.rule is not rule}
    assert Outcome.EXCLUDE not in others.values(), others


def test_every_rule_has_each_of_its_outcomes_covered() -> None:
    covered = {(rule, expected) for rule, _, _, expected in CASES.values()}
    for rule in OTHER_RULES:
        assert {(rule, o) for o in (Outcome.PASS, Outcome.EXCLUDE, Outcome.UNKNOWN)} <= covered


def test_travel_values_carry_the_fastest_mode() -> None:
    c = cand(travel=c_travel(modes=("lopen", "fiets", "auto")))
    travel = the_check(check_pair(c, BASE_PACKAGE), Rule.TRAVEL)
    fastest = min(("lopen", "fiets", "auto"), key=lambda m: estimate_travel_minutes("Utrecht", "Zeist", m))
    assert travel.candidate_value == 60
    assert travel.package_value == [estimate_travel_minutes("Utrecht", "Zeist", fastest), fastest, False]


class TestRushHour:
    """The penalty applies when the candidate avoids the rush hour and the work starts in the morning."""

    plain = estimate_travel_minutes("Utrecht", "Zeist", "ov")
    rush = estimate_travel_minutes("Utrecht", "Zeist", "ov", rush_hour=True)

    def check(self, avoid: bool | None, dayparts: tuple[str, ...] | None, max_minutes: int) -> Check:
        c = cand(
            travel=Travel(max_minutes=max_minutes, modes=("ov",), avoid_rush_hour=avoid),
            schedule=c_sched(dayparts=("ochtend", "middag", "avond")),
        )
        p = pkg(schedule=p_sched(dayparts=dayparts))
        return the_check(agree_with_vectorised(c, p), Rule.TRAVEL)

    def test_the_penalty_is_real(self) -> None:
        assert self.rush > self.plain

    def test_penalty_applied_excludes(self) -> None:
        check = self.check(True, ("ochtend",), self.plain)
        assert (check.outcome, check.package_value) == (Outcome.EXCLUDE, [self.rush, "ov", True])

    def test_no_penalty_without_avoidance(self) -> None:
        check = self.check(False, ("ochtend",), self.plain)
        assert (check.outcome, check.package_value) == (Outcome.PASS, [self.plain, "ov", False])

    def test_no_penalty_for_an_afternoon_package(self) -> None:
        assert self.check(True, ("middag",), self.plain).outcome is Outcome.PASS

    def test_unknown_avoidance_is_unknown_when_it_matters(self) -> None:
        check = self.check(None, ("ochtend",), self.plain)
        assert (check.outcome, check.package_value) == (Outcome.UNKNOWN, [self.plain, "ov", None])
        assert self.check(True, None, self.plain).outcome is Outcome.UNKNOWN

    def test_unknown_avoidance_is_decided_when_it_does_not_matter(self) -> None:
        assert self.check(None, ("ochtend",), self.rush).outcome is Outcome.PASS
        assert self.check(True, None, self.plain - 1).outcome is Outcome.EXCLUDE


def test_a_package_without_dayparts_is_unknown_unless_the_candidate_can_do_every_daypart() -> None:
    p = pkg(schedule=p_sched(dayparts=None))
    assert outcome(agree_with_vectorised(cand(), p), Rule.DAYPARTS) is Outcome.UNKNOWN
    always = cand(schedule=c_sched(dayparts=tuple(CONTRACT.dayparts)))
    assert outcome(agree_with_vectorised(always, p), Rule.DAYPARTS) is Outcome.PASS


def test_an_empty_record_is_unknown_everywhere_and_never_excluded() -> None:
    checks = agree_with_vectorised(
        Candidate(id="K0"), WorkPackage(id="P0", employer="e", sector="rijk", title="t")
    )
    assert {c.outcome for c in checks} == {Outcome.UNKNOWN}
    assert is_eligible(checks)


# --------------------------------------------------------------------------------------------------
# Arrays: build errors, selection and chunking
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (cand(schedule=c_sched(days=("maandag",))), "schedule.days"),
        (cand(travel=c_travel(modes=("scooter",))), "travel.modes"),
        (cand(needs=("geen_spitsreizen",)), "needs"),
        (cand(capacities=Capacities(assessed=True, levels={"DH01": 5})), "capacities.levels.DH01"),
        (cand(hours=c_hours(max_per_week=-4)), "hours.max_per_week"),
    ],
)
def test_candidate_arrays_reject_values_outside_the_contract(record: Candidate, field: str) -> None:
    with pytest.raises(SchemaError, match=rf"candidate K1: {field}"):
        CandidateArrays.build([record])


def test_package_arrays_reject_values_outside_the_contract() -> None:
    with pytest.raises(SchemaError, match="package P1: offers"):
        PackageArrays.build([pkg(offers=("koffie",))])
    with pytest.raises(SchemaError, match=r"package P1: demands \(effective\)\.WT02"):
        PackageArrays.build([pkg(demands={"WT02": 7})])


@pytest.fixture(scope="module")
def grid() -> tuple[list[Candidate], list[WorkPackage], CandidateArrays, PackageArrays]:
    rng = np.random.default_rng(7)
    munis = ["Utrecht", "Zeist", "De Bilt", "Houten", "Amsterdam", None]
    cands = [
        cand(
            id=f"K{i}",
            location=Location(munis[rng.integers(len(munis))]),
            travel=c_travel(max_minutes=int(rng.integers(10, 90)), modes=("fiets", "ov")[: 1 + i % 2]),
            hours=c_hours(min_per_week=int(rng.integers(0, 30))),
            capacities=Capacities(assessed=bool(i % 3), levels={"DH01": int(rng.integers(0, 5))}),
        )
        for i in range(23)
    ]
    pkgs = [
        pkg(
            id=f"P{j}",
            location=Location(munis[rng.integers(len(munis))]),
            hours=p_hours(per_week=int(rng.integers(8, 36))),
            demands={"DH01": int(rng.integers(0, 5)), "PF01": 1},
        )
        for j in range(11)
    ]
    return cands, pkgs, CandidateArrays.build(cands), PackageArrays.build(pkgs)


def test_full_grid_agrees_with_check_pair(grid) -> None:
    cands, pkgs, ca, pa = grid
    result = eligibility(ca, pa)
    assert result.shape == (23, 11)
    assert result.eligible.any() and not result.eligible.all()
    for i, c in enumerate(cands):
        for j, p in enumerate(pkgs):
            assert_same(check_pair(c, p), result, i, j)


@pytest.mark.parametrize("max_pairs", [1, 5, 11, 12, 100, 10_000])
def test_blocks_give_the_same_result_as_one_pass(grid, max_pairs: int) -> None:
    _, _, ca, pa = grid
    whole = eligibility(ca, pa)
    rows, cols = [20, 3, 3, 0, 7, 22], [10, 0, 4]
    chunked = eligibility(ca, pa, max_pairs=max_pairs)
    picked = eligibility(ca, pa, rows=rows, cols=cols, max_pairs=max_pairs)
    for name in ("eligible", "n_signal", "n_unknown", "excluded_by"):
        assert np.array_equal(getattr(chunked, name), getattr(whole, name))
        assert np.array_equal(getattr(picked, name), getattr(whole, name)[np.ix_(rows, cols)])
    assert list(picked.rows) == rows and list(picked.cols) == cols


def test_iter_eligibility_covers_the_grid_once(grid) -> None:
    _, _, ca, pa = grid
    whole = eligibility(ca, pa)
    seen = np.zeros(whole.shape, dtype=int)
    for block in iter_eligibility(ca, pa, max_pairs=7):
        assert block.eligible.size <= 7
        seen[np.ix_(block.rows, block.cols)] += 1
        assert np.array_equal(block.excluded_by, whole.excluded_by[np.ix_(block.rows, block.cols)])
    assert (seen == 1).all()


def test_empty_selections(grid) -> None:
    _, _, ca, pa = grid
    assert eligibility(ca, pa, rows=[]).shape == (0, 11)
    assert eligibility(CandidateArrays.build([]), pa).eligible.shape == (0, 11)
    with pytest.raises(IndexError):
        eligibility(ca, pa, cols=[11])


# --------------------------------------------------------------------------------------------------
# Property: the vectorised path agrees exactly with the scalar reference
# --------------------------------------------------------------------------------------------------

MUNICIPALITIES = [
    "Utrecht",
    "Zeist",
    "De Bilt",
    "Bunnik",
    "Houten",
    "Nieuwegein",
    "Amsterdam",
    "Den Haag",
    "Atlantis",
]
START = date(2025, 1, 1)


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """The value, or None (unknown) one time in five, so that nested optional fields stay mostly known."""
    return st.tuples(st.integers(0, 4), strategy).map(lambda t: None if t[0] == 0 else t[1])


def subsets(vocabulary: tuple[str, ...]) -> st.SearchStrategy:
    return st.lists(st.sampled_from(vocabulary), unique=True, max_size=len(vocabulary)).map(tuple) | st.just(
        vocabulary
    )


levels_strategy = (
    st.dictionaries(st.sampled_from(CODES), st.integers(0, 4))
    | st.lists(maybe(st.integers(0, 4)), min_size=len(CODES), max_size=len(CODES)).map(
        lambda levels: {code: level for code, level in zip(CODES, levels, strict=True) if level is not None}
    )
).map(lambda d: {code: min(level, CONTRACT.fml[code].max_level) for code, level in d.items()})
dates = maybe(st.integers(0, 60).map(lambda d: START + timedelta(days=d)))
hours = maybe(st.sampled_from([0, 8, 16, 24, 32]) | st.integers(0, 40))  # ties and zeros are the edge cases
locations = maybe(st.builds(Location, municipality=maybe(st.sampled_from(MUNICIPALITIES))))

candidate_strategy = st.builds(
    Candidate,
    id=st.just("K"),
    available_from=dates,
    location=locations,
    travel=maybe(
        st.builds(
            Travel,
            max_minutes=maybe(st.integers(0, 120)),
            modes=maybe(subsets(CONTRACT.travel_modes)),
            avoid_rush_hour=maybe(st.booleans()),
        )
    ),
    hours=maybe(
        st.builds(
            CandidateHours,
            min_per_week=hours,
            max_per_week=hours,
            max_per_day=maybe(st.sampled_from([0, 4, 8]) | st.integers(0, 10)),
        )
    ),
    schedule=maybe(
        st.builds(
            CandidateSchedule,
            days=maybe(subsets(CONTRACT.days)),
            dayparts=maybe(subsets(tuple(CONTRACT.dayparts))),
            needs_fixed_schedule=maybe(st.booleans()),
        )
    ),
    capacities=st.builds(Capacities, assessed=st.booleans(), levels=levels_strategy),
    needs=maybe(subsets(ALL_NEEDS)),
)
accommodation_strategy = st.builds(
    Accommodation,
    name=st.just("aanpassing"),
    reduces=st.dictionaries(st.sampled_from(CODES), st.integers(0, 3), max_size=4),
    confirmed=st.booleans(),
)
package_strategy = st.builds(
    WorkPackage,
    id=st.just("P"),
    employer=st.just("e"),
    sector=st.just("gemeenten"),
    title=st.just("t"),
    location=locations,
    hours=maybe(
        st.builds(
            PackageHours, per_week=hours, per_day=maybe(st.sampled_from([0, 4, 8]) | st.integers(0, 10))
        )
    ),
    schedule=maybe(
        st.builds(
            PackageSchedule,
            days=maybe(subsets(CONTRACT.days)),
            dayparts=maybe(subsets(tuple(CONTRACT.dayparts))),
            fixed=maybe(st.booleans()),
        )
    ),
    demands=levels_strategy,
    accommodations=st.lists(accommodation_strategy, max_size=3).map(tuple),
    offers=maybe(subsets(ALL_NEEDS)),
    start=dates,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cands=st.lists(candidate_strategy, min_size=1, max_size=5),
    pkgs=st.lists(package_strategy, min_size=1, max_size=4),
    max_pairs=st.integers(1, 25),
    gather_budget=st.sampled_from([0, 1 << 22]),
)
def test_eligibility_agrees_exactly_with_check_pair(
    cands: list[Candidate], pkgs: list[WorkPackage], max_pairs: int, gather_budget: int
) -> None:
    # Both ways of computing the FML-lite sums: gathering rows (small blocks) and the matrix product.
    with mock.patch.object(constraints, "_GATHER_BUDGET", gather_budget):
        result = eligibility(CandidateArrays.build(cands), PackageArrays.build(pkgs), max_pairs=max_pairs)
    assert result.shape == (len(cands), len(pkgs))
    for i, c in enumerate(cands):
        for j, p in enumerate(pkgs):
            checks = check_pair(c, p)
            assert_same(checks, result, i, j)
            for check in checks:
                assert check.outcome is not Outcome.SIGNAL or check.rule is Rule.FML
                text = render_check_nl(check)
                assert text and "{" not in text
                assert text.startswith("Onbekend") == (check.outcome is Outcome.UNKNOWN)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cands=st.lists(candidate_strategy, min_size=1, max_size=6),
    pkgs=st.lists(package_strategy, min_size=1, max_size=3),
)
def test_travel_reach_leaves_out_only_candidates_the_travel_rule_excludes(
    cands: list[Candidate], pkgs: list[WorkPackage]
) -> None:
    ca, pa = CandidateArrays.build(cands), PackageArrays.build(pkgs)
    whole = eligibility(ca, pa)
    for j in range(len(pkgs)):
        kept = constraints.travel_reach(ca, int(pa.municipality[j]))
        for i in np.flatnonzero(~kept):
            assert whole.excluded_by[i, j] & Rule.TRAVEL.bit, (i, j)
        part = eligibility(ca, pa, rows=np.flatnonzero(kept), cols=[j])
        assert np.array_equal(part.eligible[:, 0], whole.eligible[kept, j])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cands=st.lists(candidate_strategy, min_size=1, max_size=8),
    pkgs=st.lists(package_strategy, min_size=1, max_size=3),
)
def test_cheap_rules_first_keep_exactly_the_eligible_set_and_its_counts(
    cands: list[Candidate], pkgs: list[WorkPackage]
) -> None:
    ca, pa = CandidateArrays.build(cands), PackageArrays.build(pkgs)
    whole = eligibility(ca, pa)
    for j in range(len(pkgs)):
        rows, part = constraints.eligible_for_package(ca, pa, j, np.arange(len(cands)))
        assert np.array_equal(part.rows, rows) and list(rows) == sorted(rows)
        left_out = np.setdiff1d(np.arange(len(cands)), rows)
        assert not whole.eligible[left_out, j].any()  # only rows the full rule excludes are left out
        assert np.array_equal(rows[part.eligible[:, 0]], np.flatnonzero(whole.eligible[:, j]))
        for name in ("n_signal", "n_unknown", "excluded_by"):
            assert np.array_equal(getattr(part, name)[:, 0], getattr(whole, name)[rows, j]), name


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cands=st.lists(candidate_strategy, min_size=1, max_size=5),
    pkgs=st.lists(package_strategy, min_size=1, max_size=4),
    data=st.data(),
)
def test_pair_eligibility_counts_each_pair_as_check_pair_does(
    cands: list[Candidate], pkgs: list[WorkPackage], data: st.DataObject
) -> None:
    pairs = data.draw(st.lists(st.tuples(st.integers(0, len(cands) - 1), st.integers(0, len(pkgs) - 1))))
    rows = np.array([i for i, _ in pairs], dtype=int)
    cols = np.array([j for _, j in pairs], dtype=int)
    n_signal, n_unknown, excluded_by = constraints.pair_eligibility(
        CandidateArrays.build(cands), PackageArrays.build(pkgs), rows, cols
    )
    for k, (i, j) in enumerate(pairs):
        checks = check_pair(cands[i], pkgs[j])
        assert n_signal[k] == sum(c.outcome is Outcome.SIGNAL for c in checks)
        assert n_unknown[k] == sum(c.outcome is Outcome.UNKNOWN for c in checks)
        assert (excluded_by[k] == 0) == is_eligible(checks)


def test_travel_reach_is_selective(grid) -> None:
    _, _, ca, pa = grid
    far = [constraints.travel_reach(ca, int(d)) for d in pa.municipality]
    assert any(not kept.all() for kept in far)  # someone lives too far from some workplace


# --------------------------------------------------------------------------------------------------
# Dutch rendering
# --------------------------------------------------------------------------------------------------


def test_rendering_examples() -> None:
    c = cand(capacities=Capacities(assessed=True, levels={"DH01": 2}), travel=c_travel(max_minutes=30))
    p = pkg(demands={**BASE_PACKAGE.demands, "DH01": 4})
    checks = check_pair(c, p)
    assert render_check_nl(the_check(checks, Rule.FML, "DH01")) == (
        "Tillen en dragen: het werk vraagt niveau 4 (> 15 kg), de kandidaat kan niveau 2 (≤ 10 kg) — overschrijding"
    )
    minutes = estimate_travel_minutes("Utrecht", "Zeist", "fiets")
    assert render_check_nl(the_check(checks, Rule.TRAVEL)) == (
        f"Reistijd: ca. {minutes} min met de fiets, maximaal 30 min gewenst — te ver"
    )
    unknown = check_pair(cand(hours=c_hours(max_per_day=None)), BASE_PACKAGE)
    assert render_check_nl(the_check(unknown, Rule.HOURS_PER_DAY)) == (
        "Onbekend: er is niet vastgelegd hoeveel uur per dag de kandidaat kan werken"
    )


def test_rendering_names_what_is_missing() -> None:
    days = check_pair(cand(), pkg(schedule=p_sched(days=("za", "ma", "zo"))))
    assert "zaterdag en zondag" in render_check_nl(the_check(days, Rule.DAYS))
    support = check_pair(cand(needs=("prikkelarme_werkplek", "jobcoach")), BASE_PACKAGE)
    assert "prikkelarme werkplek" in render_check_nl(the_check(support, Rule.SUPPORT))
    later = check_pair(cand(available_from=date(2025, 4, 15)), BASE_PACKAGE)
    assert "15 april 2025" in render_check_nl(the_check(later, Rule.AVAILABILITY))


def test_rendering_covers_every_rule_and_outcome_that_check_pair_produces() -> None:
    produced: dict[tuple[Rule, Outcome], Check] = {}
    pairs = [(make_c(), make_p()) for _, make_c, make_p, _ in CASES.values()]
    signal = cand(capacities=Capacities(assessed=True, levels={"PF07": 1}))
    pairs += [
        (signal, pkg(demands={**BASE_PACKAGE.demands, "PF07": 1, "DH01": 4, "SF01": 3})),
        (cand(capacities=Capacities(assessed=False)), pkg(demands={})),
    ]
    for c, p in pairs:
        for check in check_pair(c, p):
            produced.setdefault((check.rule, check.outcome), check)
            assert render_check_nl(check)
    expected = {(Rule.FML, o) for o in Outcome} | {
        (rule, o) for rule in OTHER_RULES for o in (Outcome.PASS, Outcome.EXCLUDE, Outcome.UNKNOWN)
    }
    assert set(produced) == expected


def test_signal_on_a_non_fml_rule_is_refused_with_a_clear_error() -> None:
    with pytest.raises(ValueError, match="only FML-lite items"):
        render_check_nl(Check(Rule.DAYS, None, Outcome.SIGNAL, ["ma"], ["ma"]))


def test_every_fml_level_has_a_dutch_anchor() -> None:
    assert set(FML_LEVELS_NL) == set(CODES)
    for code, item in CONTRACT.fml.items():
        assert len(FML_LEVELS_NL[code]) == item.max_level + 1, code
