from __future__ import annotations

import math

import pytest

from evaluation.metrics import UNKNOWN_GROUP, exposure_by_group, mean_by_group
from evaluation.runs import Run

GROUPS = {"c1": "a", "c2": "a", "c3": "b", "c4": "b"}


def test_exposure_shares_by_hand():
    run = Run("s", "vacancy", {"p1": {"c1": 3.0, "c3": 2.0, "c2": 1.0}, "p2": {"c3": 1.0}})
    # weights 1/log2(rank+1): p1 gives a 1 + 1/2 (ranks 1, 3), b 1/log2(3); p2 gives b 1
    a = 1 + 0.5
    b = 1 / math.log2(3) + 1
    shares = exposure_by_group(run, GROUPS, k=10)
    assert shares["a"].exposure == pytest.approx(a / (a + b))
    assert shares["b"].exposure == pytest.approx(b / (a + b))
    assert shares["a"].population == shares["b"].population == 0.5
    assert shares["a"].ratio == pytest.approx(2 * a / (a + b))


def test_cutoff_and_unlabelled_documents():
    run = Run("s", "vacancy", {"p1": {"c1": 3.0, "x9": 2.0, "c3": 1.0}})
    shares = exposure_by_group(run, GROUPS, k=2)
    # c3 is cut; x9 has no label and counts as onbekend (not part of the population)
    assert shares["b"].exposure == 0.0
    assert shares[UNKNOWN_GROUP].population == 0.0
    assert math.isnan(shares[UNKNOWN_GROUP].ratio)
    assert shares["a"].exposure == pytest.approx(1 / (1 + 1 / math.log2(3)))


def test_unbiased_ranker_is_proportional():
    # every group shown equally often at every rank -> ratio 1
    run = Run("s", "vacancy", {"p1": {"c1": 2.0, "c3": 1.0}, "p2": {"c4": 2.0, "c2": 1.0}})
    shares = exposure_by_group(run, GROUPS, k=10)
    assert shares["a"].ratio == pytest.approx(1.0)
    assert shares["b"].ratio == pytest.approx(1.0)


def test_mean_by_group():
    got = mean_by_group({"c1": 1.0, "c2": 0.5, "c3": 0.0, "zz": 0.25}, GROUPS)
    assert got == {"a": 0.75, "b": 0.0, UNKNOWN_GROUP: 0.25}
