"""Job carving groups tasks by meaning, respects the hours range, and reports the bottleneck."""

from __future__ import annotations

import pytest

from matcher.carving import CarvingTask, carve
from matcher.encoders import HashingEncoder
from matcher.errors import SchemaError
from matcher.schema import Capacities
from tests.planted import candidate

TASKS = [
    CarvingTask("Post sorteren op afdeling", 6, {"DH01": 1}),
    CarvingTask("Post rondbrengen op de afdelingen", 8, {"DH03": 2}),
    CarvingTask("Poststukken scannen", 6, {"DH02": 2}),
    CarvingTask("Hagen snoeien rond het gebouw", 8, {"DH01": 3, "OM02": 1}),
    CarvingTask("Hagen en struiken snoeien", 6, {"DH04": 2}),
]


def test_every_task_lands_in_exactly_one_package_within_the_hours_cap():
    proposals = carve(TASKS, HashingEncoder(), employer="Gemeente Utrecht", sector="gemeenten", max_hours=16)
    placed = [t.text for p in proposals for t in p.tasks]
    assert sorted(placed) == sorted(t.text for t in TASKS)
    assert all(sum(t.hours_per_week for t in p.tasks) <= 16 for p in proposals)
    post = next(p for p in proposals if any("Post sorteren" in t.text for t in p.tasks))
    assert all("nijd" not in t.text for t in post.tasks)  # no hedge work in the mail package


def test_package_demand_is_the_maximum_over_its_tasks():
    proposals = carve(TASKS[3:], HashingEncoder(), employer="e", sector="gemeenten", max_hours=40)
    assert len(proposals) == 1
    assert proposals[0].package.demands == {"DH01": 3, "OM02": 1, "DH04": 2}
    assert proposals[0].package.hours.per_week == 14


def test_eligible_counts_and_bottleneck_from_the_candidate_pool():
    weak = [
        candidate(f"w{i}", "groen", capacities=Capacities(assessed=True, levels={"DH01": 2}))
        for i in range(3)
    ]
    strong = [candidate("s1", "groen")]
    proposals = carve(
        TASKS[3:],
        HashingEncoder(),
        employer="e",
        sector="gemeenten",
        municipality="Utrecht",
        candidates=weak + strong,
    )
    assert proposals[0].eligible == 1
    assert proposals[0].bottleneck == ("DH01", 3)


def test_bad_inventory_is_refused_with_the_field_named():
    with pytest.raises(SchemaError, match=r"tasks\[0\].hours_per_week"):
        carve([CarvingTask("x", 0)], HashingEncoder(), employer="e", sector="rijk")
    with pytest.raises(SchemaError, match=r"tasks\[0\].demands.ZZ01"):
        carve([CarvingTask("x", 2, {"ZZ01": 1})], HashingEncoder(), employer="e", sector="rijk")


def test_a_task_without_a_word_the_encoder_knows_is_a_package_of_its_own():
    # "?" and "-" encode to zero vectors, which have no cosine distance (carve raised a ValueError).
    tasks = [CarvingTask("?", 2), *TASKS[:2], CarvingTask("-", 3)]
    proposals = carve(tasks, HashingEncoder(), employer="e", sector="rijk", max_hours=40)
    groups = sorted(sorted(t.text for t in p.tasks) for p in proposals)
    assert groups == [["-"], ["?"], sorted(t.text for t in TASKS[:2])]


def _hours(proposal) -> float:
    return sum(t.hours_per_week for t in proposal.tasks)


@pytest.mark.parametrize("max_hours", [16, 24, 40])
def test_a_proposal_below_the_minimum_is_merged_when_it_fits_somewhere(max_hours):
    proposals = carve(
        TASKS, HashingEncoder(), employer="e", sector="gemeenten", min_hours=12, max_hours=max_hours
    )
    assert sorted(t.text for p in proposals for t in p.tasks) == sorted(t.text for t in TASKS)
    assert all(_hours(p) <= max_hours or len(p.tasks) == 1 for p in proposals)
    small = [p for p in proposals if _hours(p) < 12]
    for p in small:  # what is still below the minimum fits with no other proposal
        assert all(_hours(p) + _hours(q) > max_hours for q in proposals if q is not p)


def test_without_a_minimum_grouping_by_meaning_leaves_small_proposals_that_the_minimum_merges():
    loose = carve(TASKS, HashingEncoder(), employer="e", sector="gemeenten", min_hours=0.5, max_hours=40)
    merged = carve(TASKS, HashingEncoder(), employer="e", sector="gemeenten", min_hours=12, max_hours=40)
    assert any(_hours(p) < 12 for p in loose)  # the case this is about
    assert len(merged) < len(loose)
    assert not any(_hours(p) < 12 for p in merged) or len(merged) == 1


def test_a_small_task_that_fits_nowhere_stays_its_own_proposal():
    tasks = [CarvingTask("post sorteren en rondbrengen", 10), CarvingTask("gras maaien", 9)]
    proposals = carve(tasks, HashingEncoder(), employer="e", sector="gemeenten", min_hours=12, max_hours=12)
    assert sorted(_hours(p) for p in proposals) == [9, 10]
