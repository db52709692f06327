"""Exposure relative to merit (evaluation.metrics.merit): hand-computed cases."""

from __future__ import annotations

import math

import pytest

from evaluation.metrics.merit import bootstrap_group_means, exposure_ratio_by_group, relevant_eligible
from evaluation.runs import Qrels, Run

W2 = 1 / math.log2(3)  # position weight of rank 2
GROUPS = {"c1": "a", "c2": "a", "c3": "b", "c4": "b"}


def test_relevant_eligible_drops_grade_zero_excluded_pairs_and_empty_queries():
    qrels = Qrels("vacancy", {"p1": {"c1": 2, "c2": 0, "c3": 1}, "p2": {"c4": 0}, "p3": {"c1": 3}})
    got = relevant_eligible(qrels, lambda q, d: (q, d) in {("p1", "c3"), ("p3", "c1")})
    assert got == {"p1": frozenset({"c1"})}


def test_vacancy_ratio_by_hand():
    # p1: a at rank 1, b at rank 2; relevant: one a and one b -> merit split half and half.
    # p2: only b shown (rank 1) and only b relevant -> b merits all of p2's exposure.
    run = Run("s", "vacancy", {"p1": {"c1": 2.0, "c3": 1.0}, "p2": {"c4": 1.0}})
    relevant = {"p1": frozenset({"c2", "c3"}), "p2": frozenset({"c4"})}
    got = exposure_ratio_by_group(run, relevant, GROUPS, k=10)
    total = 1 + W2 + 1
    exposure_a, merit_a = 1 / total, (1 + W2) / 2 / total
    assert got["a"].exposure == pytest.approx(exposure_a)
    assert got["a"].merit == pytest.approx(merit_a)
    assert got["a"].ratio == pytest.approx(exposure_a / merit_a)
    assert got["b"].ratio == pytest.approx((W2 + 1) / total / (1 - merit_a))
    assert got["a"].queries == 1 and got["b"].queries == 2


def test_proportional_to_merit_is_one_and_unrelated_documents_count_against_nobody_with_merit():
    # both queries show exactly their relevant documents, one of each group at ranks that alternate
    run = Run("s", "vacancy", {"p1": {"c1": 2.0, "c3": 1.0}, "p2": {"c4": 2.0, "c2": 1.0}})
    relevant = {"p1": frozenset({"c1", "c3"}), "p2": frozenset({"c2", "c4"})}
    got = exposure_ratio_by_group(run, relevant, GROUPS, k=10)
    assert got["a"].ratio == pytest.approx(1.0) and got["b"].ratio == pytest.approx(1.0)
    # a group without merit anywhere has no ratio; a shown document of it takes exposure from the rest
    run2 = Run("s", "vacancy", {"p1": {"x9": 3.0, "c1": 2.0, "c3": 1.0}})
    got2 = exposure_ratio_by_group(run2, {"p1": frozenset({"c1", "c3"})}, GROUPS, k=10)
    assert set(got2) == {"a", "b"}
    assert got2["a"].exposure + got2["b"].exposure == pytest.approx(1.0)


def test_candidate_direction_compares_relevant_exposure_with_the_ideal():
    # c1 (group a) has 2 relevant packages, both at the top; c3 (group b) has 1, shown at rank 2.
    run = Run("s", "candidate", {"c1": {"j1": 2.0, "j2": 1.0}, "c3": {"j9": 2.0, "j3": 1.0}})
    relevant = {"c1": frozenset({"j1", "j2"}), "c3": frozenset({"j3"})}
    got = exposure_ratio_by_group(run, relevant, GROUPS, k=10)
    e_a, e_b = 1 + W2, W2
    i_a, i_b = 1 + W2, 1.0
    assert got["a"].ratio == pytest.approx((e_a / (e_a + e_b)) / (i_a / (i_a + i_b)))
    assert got["b"].ratio == pytest.approx((e_b / (e_a + e_b)) / (i_b / (i_a + i_b)))
    assert got["b"].ratio < 1 < got["a"].ratio


def test_cutoff_and_intervals():
    run = Run("s", "vacancy", {f"p{i}": {"c1": 2.0, "c3": 1.0} for i in range(20)})
    relevant = {f"p{i}": frozenset({"c1", "c3"}) for i in range(20)}
    at_one = exposure_ratio_by_group(run, relevant, GROUPS, k=1)
    assert at_one["b"].ratio == 0.0 and at_one["a"].ratio == pytest.approx(2.0)
    full = exposure_ratio_by_group(run, relevant, GROUPS, k=10)
    low, high = full["a"].ci95
    assert low == pytest.approx(full["a"].ratio) == pytest.approx(high)  # every query alike
    with pytest.raises(ValueError, match="k must be"):
        exposure_ratio_by_group(run, relevant, GROUPS, k=0)


def test_bootstrap_group_means_bracket_the_mean():
    per_query = {"c1": 1.0, "c2": 0.0, "c3": 0.5, "c4": 0.5}
    got = bootstrap_group_means(per_query, GROUPS, seed=1)
    assert got["a"][0] <= 0.5 <= got["a"][1]
    assert got["b"] == (0.5, 0.5)
    assert "x" not in bootstrap_group_means({"c9": 1.0}, {"c9": "x"})
