"""webapp.ending: whose job is ending (van werk naar werk)."""

from __future__ import annotations

from datetime import date

from matcher.schema import Placement
from webapp.ending import ending_jobs, reference_date

TODAY = date(2026, 6, 1)


def test_jobs_ending_soon_or_just_ended_qualify_soonest_first():
    placements = [
        Placement("K1", "P1", date(2025, 1, 1), date(2026, 9, 1)),  # ends in the future
        Placement("K2", "P2", date(2025, 1, 1), date(2026, 5, 1)),  # ended 31 days ago
        Placement("K3", "P3", date(2024, 1, 1), date(2025, 1, 1)),  # ended long ago
        Placement("K4", "P4", date(2025, 1, 1)),  # open-ended: not ending
    ]
    jobs = ending_jobs(placements, as_of=TODAY, recent_days=90)
    assert [(j.candidate_id, j.package_id) for j in jobs] == [("K2", "P2"), ("K1", "P1")]
    assert jobs[0].ended(TODAY) and not jobs[1].ended(TODAY)
    assert [j.candidate_id for j in ending_jobs(placements, as_of=TODAY, recent_days=0)] == ["K1"]


def test_only_the_latest_placement_of_a_candidate_counts():
    placements = [
        Placement("K1", "P1", date(2024, 1, 1), date(2026, 5, 15)),  # ended, but...
        Placement("K1", "P2", date(2026, 5, 16)),  # ...the person already has a new open-ended job
        Placement("K2", "P3", date(2026, 1, 1), date(2026, 7, 1)),
        Placement("K2", "P4", date(2023, 1, 1), date(2023, 6, 1)),
    ]
    assert [(j.candidate_id, j.package_id) for j in ending_jobs(placements, as_of=TODAY)] == [("K2", "P3")]


def test_the_reference_date_is_today_or_the_end_of_an_older_history():
    history = [
        Placement("K1", "P1", date(2024, 1, 1), date(2024, 12, 1)),
        Placement("K2", "P2", date(2024, 11, 3)),
    ]
    assert reference_date(history, TODAY) == date(2024, 12, 1)
    assert reference_date(history, date(2024, 6, 1)) == date(2024, 6, 1)
    assert reference_date([], TODAY) == TODAY


def test_the_page_opens_on_the_first_listed_person_with_a_fitting_package():
    from matcher.constraints import CandidateArrays, PackageArrays, eligibility
    from tests.app.world import FAR_AWAY
    from tests.planted import package, planted_world
    from webapp.ending import EndingJob, first_with_packages

    candidates, packages, _ = planted_world(seed=3)
    by_id = {c.id: c for c in candidates}
    far = package(FAR_AWAY, "post", "Maastricht")  # beyond everyone's hour of travel
    jobs = [EndingJob("K-not-in-the-data", "P", date(2025, 1, 1))]
    jobs += [EndingJob(c.id, "P", date(2025, 1, 2)) for c in candidates]
    assert first_with_packages(jobs, by_id, [far]) == 0  # nobody fits: the first of the list
    assert first_with_packages([], by_id, packages) == 0
    chosen = first_with_packages(jobs, by_id, [far, *packages])
    fits = eligibility(CandidateArrays.build(candidates), PackageArrays.build([far, *packages])).eligible.any(axis=1)
    assert chosen >= 1 and fits[chosen - 1]
    assert not fits[: chosen - 1].any()  # everyone listed before has no fitting package
