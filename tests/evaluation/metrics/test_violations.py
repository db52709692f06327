from __future__ import annotations

import pytest

from evaluation.metrics import violations_at_k
from evaluation.runs import Run

RUN = Run(
    "sys",
    "vacancy",
    {"p1": {"c1": 0.9, "c2": 0.8, "c3": 0.7}, "p2": {"c3": 0.5, "c4": 0.4}, "p3": {}},
)
PLANTED = {("p1", "c3"), ("p2", "c4")}


def test_counts_planted_pairs_within_k():
    found = violations_at_k(RUN, lambda q, d: (q, d) in PLANTED, k=10)
    assert (found.count, found.pairs, found.queries) == (2, 5, 2)
    assert found.share == pytest.approx(2 / 5)
    assert found.examples == (("p1", "c3"), ("p2", "c4"))


def test_cutoff_hides_lower_ranks():
    # c3 is third for p1 and c4 second for p2: at k=1 neither is shown
    found = violations_at_k(RUN, lambda q, d: (q, d) in PLANTED, k=1)
    assert (found.count, found.pairs, found.queries) == (0, 2, 0)
    assert violations_at_k(RUN, lambda q, d: (q, d) in PLANTED, k=2).count == 1


def test_clean_run_is_zero():
    found = violations_at_k(RUN, lambda q, d: False, k=10)
    assert (found.count, found.share, found.examples) == (0, 0.0, ())


def test_bad_k():
    with pytest.raises(ValueError, match="positive"):
        violations_at_k(RUN, lambda q, d: False, k=0)
