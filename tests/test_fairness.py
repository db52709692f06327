"""matcher.fairness: DetConstSort re-ranking (Geyik et al., KDD 2019) as post-processing."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.errors import SchemaError
from matcher.fairness import FairRanking, desired_shares, det_const_sort, fair_order, read_groups


def test_a_hand_worked_example():
    # group b's only item has the lowest score; with equal shares it must be at rank 2 at the latest
    assert det_const_sort([0.9, 0.8, 0.7, 0.1], ["a", "a", "a", "b"], {"a": 0.5, "b": 0.5}, 4) == [0, 3, 1, 2]
    # shares that the score order already meets change nothing
    assert det_const_sort([0.9, 0.8, 0.7, 0.6], ["a", "b", "a", "b"], {"a": 0.5, "b": 0.5}, 4) == [0, 1, 2, 3]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.floats(0, 1), st.sampled_from("abc")), min_size=1, max_size=40),
    st.integers(1, 40),
)
def test_every_prefix_meets_the_minimum_counts_and_only_pool_items_come_out(items, k):
    items.sort(key=lambda t: -t[0])
    scores = [s for s, _ in items]
    groups = [g for _, g in items]
    shares = desired_shares(groups)
    order = det_const_sort(scores, groups, shares, k)
    assert len(order) == min(k, len(items)) == len(set(order))
    assert all(0 <= i < len(items) for i in order)
    available = {g: groups.count(g) for g in shares}
    for r in range(1, len(order) + 1):
        prefix = [groups[i] for i in order[:r]]
        for g, p in shares.items():
            # the paper's guarantee, as far as the group has items left
            assert prefix.count(g) >= min(math.floor(r * p), available[g]) - len(shares)
    # within one group the score order is kept
    for g in shares:
        inside = [scores[i] for i in order if groups[i] == g]
        assert inside == sorted(inside, reverse=True)


def test_fair_order_without_settings_is_the_score_order_and_reports_who_moved_up():
    ids = ["c1", "c2", "c3", "c4"]
    scores = np.array([0.9, 0.8, 0.7, 0.1])
    assert fair_order(None, ids, scores, 3) == ([0, 1, 2], {})
    fairness = FairRanking({"c1": "a", "c2": "a", "c3": "a", "c4": "b"}, depth=4)
    order, raised = fair_order(fairness, ids, scores, 4)
    # shares over the best 4: a 3/4, b 1/4 -> b must be in by rank 4: it already is, nothing moves
    assert order == [0, 1, 2, 3] and raised == {}
    fairness = FairRanking({"c1": "a", "c2": "a", "c3": "a", "c4": "b"}, depth=2)
    # shares over the best 2 are all a: nothing to protect
    assert fair_order(fairness, ids, scores, 4)[0] == [0, 1, 2, 3]
    balanced = FairRanking({"c1": "a", "c2": "a", "c3": "b", "c4": "b"}, depth=4)
    order, raised = fair_order(balanced, ids, scores, 4)
    assert order == [0, 2, 1, 3] and raised == {2: 3}
    # an id the mapping does not know is its own group, "onbekend"
    assert FairRanking({}).group_of("c9") == "onbekend"


def test_settings_are_checked():
    with pytest.raises(ValueError, match="depth"):
        FairRanking({}, depth=0)


def test_read_groups(tmp_path):
    path = tmp_path / "audit.jsonl"
    path.write_text(
        '{"id": "K1", "limitation_type": "lvb"}\n\n{"candidate_id": "K2", "limitation_type": "nah"}\n'
        '{"id": "K3"}\n',
        encoding="utf-8",
    )
    assert read_groups(path) == {"K1": "lvb", "K2": "nah"}
    path.write_text('{"id": "K1"}\n[1]\n', encoding="utf-8")
    with pytest.raises(SchemaError, match=r"audit.jsonl:2: line"):
        read_groups(path)
    path.write_text('{"limitation_type": "lvb"}\n', encoding="utf-8")
    with pytest.raises(SchemaError, match=r"audit.jsonl:1: id"):
        read_groups(path)
