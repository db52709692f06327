"""webapp.why_not: packages excluded for a candidate, with the excluding checks, closest misses first."""

from __future__ import annotations

from matcher.constraints import Outcome, Rule, check_pair
from matcher.schema import CandidateHours, PackageHours
from tests.planted import candidate, package
from webapp.why_not import excluded_packages


def test_only_excluded_packages_are_listed_with_their_excluding_checks_closest_first():
    person = candidate("K1", "post", hours=CandidateHours(min_per_week=12, max_per_week=20, max_per_day=8))
    fits = package("P-fits", "post", hours=PackageHours(per_week=16, per_day=4))
    one_miss = package("P-one", "post", hours=PackageHours(per_week=24, per_day=6))  # too many hours a week
    two_misses = package("P-two", "post", "Houten", hours=PackageHours(per_week=30, per_day=10))
    found = excluded_packages(person, [two_misses, fits, one_miss])
    assert [e.package.id for e in found] == ["P-one", "P-two"]
    assert [c.rule for c in found[0].checks] == [Rule.HOURS_MAX_WEEK]
    assert {c.rule for c in found[1].checks} == {Rule.HOURS_MAX_WEEK, Rule.HOURS_PER_DAY}
    for exclusion in found:
        assert all(c.outcome is Outcome.EXCLUDE for c in exclusion.checks)
        expected = {c for c in check_pair(person, exclusion.package) if c.outcome is Outcome.EXCLUDE}
        assert set(exclusion.checks) == expected
    assert len(excluded_packages(person, [one_miss, two_misses], limit=1)) == 1
