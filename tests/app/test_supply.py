"""webapp.supply: counts per function profile and region, suppressed below 5."""

from __future__ import annotations

from datetime import date

from matcher.catalogue import load_function_profiles
from matcher.constraints import Outcome, Rule, check_pair
from matcher.encoders import HashingEncoder
from matcher.recommend import Matcher
from tests.planted import planted_world
from webapp.regions import REGIONS, Region
from webapp.supply import SUPPRESS_BELOW, profile_package, supply_by_region, suppress

TODAY = date(2026, 11, 25)


def test_counts_below_five_are_never_shown():
    assert [suppress(n) for n in range(8)] == [None] * 5 + [5, 6, 7]
    assert SUPPRESS_BELOW == 5


def test_a_profile_becomes_a_package_in_the_region_with_its_demands_and_lowest_hours():
    profile = load_function_profiles()[0]
    package = profile_package(profile, "Zwolle", start=TODAY)
    assert package.location.municipality == "Zwolle" and package.start == TODAY
    assert dict(package.demands) == dict(profile.demands)
    assert package.hours.per_week == min(profile.hours_per_week)
    assert package.offers == tuple(profile.offers)
    assert package.schedule is None  # unknown: a signalering for everyone, never an exclusion


def test_supply_counts_what_the_hard_rule_admits_in_each_region():
    candidates, packages, _ = planted_world(seed=1)  # everyone lives around Utrecht
    matcher = Matcher(encoder=HashingEncoder()).fit(candidates, packages)
    profile = next(p for p in load_function_profiles() if 12 <= min(p.hours_per_week) <= 32)
    regions = [Region("Midden-Utrecht", "Utrecht"), Region("Zuid-Limburg", "Maastricht")]
    counts = supply_by_region(profile, regions, matcher.eligible_count, start=TODAY)
    assert [c.region for c in counts] == ["Midden-Utrecht", "Zuid-Limburg"]
    for count, region in zip(counts, regions, strict=True):
        package = profile_package(profile, region.municipality, start=TODAY)
        brute = sum(
            all(c.outcome is not Outcome.EXCLUDE for c in check_pair(person, package))
            for person in candidates
        )
        assert count.count == (brute if brute >= SUPPRESS_BELOW else None)
    assert counts[0].count is not None and counts[0].count >= SUPPRESS_BELOW
    assert counts[1].count is None  # nobody travels from Utrecht to Maastricht within the hour
    far = check_pair(candidates[0], profile_package(profile, "Maastricht", start=TODAY))
    assert any(c.rule is Rule.TRAVEL and c.outcome is Outcome.EXCLUDE for c in far)


def test_every_region_has_a_contract_municipality_and_regions_are_unique():
    from matcher.contract import load_contract

    municipalities = load_contract().municipalities
    assert len(REGIONS) == 35 == len({r.name for r in REGIONS})
    assert all(r.municipality in municipalities for r in REGIONS)
