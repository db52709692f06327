"""Significance: a planted better system beats random; identical systems do not differ."""

from __future__ import annotations

import random

import numpy as np
import pytest

from evaluation.metrics import compare_to_baseline, randomisation_test, relevance_scores
from evaluation.runs import Qrels, Run

METRICS = ["ndcg@10", "map", "mrr", "recall@20"]


def _world(n_queries: int = 60, n_docs: int = 80, seed: int = 3):
    rng = random.Random(seed)
    docs = [f"d{i:03d}" for i in range(n_docs)]
    grades = {}
    for j in range(n_queries):
        relevant = rng.sample(docs, 6)
        grades[f"q{j:03d}"] = {d: rng.randint(1, 3) for d in relevant}
    qrels = Qrels("vacancy", grades)

    def random_run(name: str, run_seed: int) -> Run:
        r = random.Random(run_seed)
        return Run(name, "vacancy", {q: {d: r.random() for d in docs} for q in grades})

    # the planted system knows the grades, blurred by noise: clearly better than random, not perfect
    r = random.Random(seed + 1)
    better = Run(
        "planted",
        "vacancy",
        {q: {d: grades[q].get(d, 0) + r.gauss(0, 1.0) for d in docs} for q in grades},
    )
    return qrels, random_run("random", 11), random_run("random_b", 12), better


def test_planted_system_beats_random():
    qrels, rand, _, better = _world()
    result = compare_to_baseline(qrels, [rand, better], "random", METRICS, permutations=2000)
    for metric in METRICS:
        c = result["planted"][metric]
        assert c.difference > 0
        assert c.p_student < 0.05, metric
        assert c.p_randomisation < 0.05, metric
        assert c.significant(0.05)
        assert c.wins > c.losses
        assert c.wins + c.ties + c.losses == len(qrels.judged_queries())


def test_identical_systems_do_not_differ():
    qrels, rand, _, better = _world()
    twin = Run("twin", "vacancy", {q: dict(d) for q, d in better.scores.items()})
    result = compare_to_baseline(qrels, [better, twin, rand], "planted", METRICS, permutations=2000)
    for metric in METRICS:
        c = result["twin"][metric]
        assert c.difference == 0.0
        assert (c.p_student, c.p_randomisation) == (1.0, 1.0)
        assert not c.significant(0.05)
        assert c.ties == len(qrels.judged_queries())


def test_two_random_systems_are_not_significant():
    qrels, rand, rand_b, _ = _world()
    result = compare_to_baseline(qrels, [rand, rand_b], "random", ["ndcg@10"], permutations=2000)
    c = result["random_b"]["ndcg@10"]
    assert c.p_student > 0.05 and c.p_randomisation > 0.05


def test_means_agree_with_relevance_scores():
    qrels, rand, _, better = _world()
    result = compare_to_baseline(qrels, [rand, better], "random", ["map"], permutations=200)
    assert result["planted"]["map"].mean == pytest.approx(
        relevance_scores(qrels, better, ["map"]).mean("map")
    )
    assert result["planted"]["map"].baseline_mean == pytest.approx(
        relevance_scores(qrels, rand, ["map"]).mean("map")
    )


def test_randomisation_test_is_reproducible_and_close_to_exact():
    rng = np.random.default_rng(5)
    a = rng.random(12)
    b = a + rng.normal(0.1, 0.2, 12)
    p1 = randomisation_test(b, a, permutations=5000, seed=1)
    assert p1 == randomisation_test(b, a, permutations=5000, seed=1)
    # exact p over all 2^12 sign flips, computed by enumeration
    diff = b - a
    flips = np.array([[1 if (m >> i) & 1 else -1 for i in range(12)] for m in range(2**12)])
    exact = np.mean(np.abs(flips @ diff) / 12 >= abs(diff.mean()) * (1 - 1e-9))
    assert p1 == pytest.approx(exact, abs=0.02)


def test_baseline_must_be_present_and_names_distinct():
    qrels, rand, _, better = _world(n_queries=5)
    with pytest.raises(ValueError, match="baseline"):
        compare_to_baseline(qrels, [rand, better], "bm25", ["map"])
    with pytest.raises(ValueError, match="distinct"):
        compare_to_baseline(qrels, [rand, rand], "random", ["map"])
