"""The durability model's own inputs (matcher.durability_inputs): no leakage, counts, columns, explanation."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher import texts_nl
from matcher.durability_inputs import (
    CAPACITY_INPUTS,
    CONTRACT_INPUTS,
    DURABILITY_FEATURES,
    HISTORY_INPUTS,
    INPUT_GROUPS,
    capacity_columns,
    contract_columns,
    earlier_counts,
    history_columns,
    history_counts,
    resolution,
)
from matcher.encoders import HashingEncoder
from matcher.explain import DurabilityFactor, Explanation, render_nl
from matcher.features import FEATURES
from matcher.io import read_candidates, read_packages, read_placements
from matcher.paths import SAMPLE_DIR
from matcher.recommend import Matcher

D0 = date(2020, 1, 1)
AS_OF = date(2025, 1, 1)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def test_the_columns_are_the_pair_features_then_the_durability_only_inputs():
    assert FEATURES[:-1] + CONTRACT_INPUTS + HISTORY_INPUTS + CAPACITY_INPUTS == DURABILITY_FEATURES
    assert "durability" not in DURABILITY_FEATURES
    assert sum(len(names) for names in INPUT_GROUPS.values()) == len(DURABILITY_FEATURES) - len(FEATURES) + 1


def test_a_placement_counts_only_once_resolved_and_only_before_the_start_of_the_one_labelled():
    history = [
        ("K1", day(0), day(60)),  # ended early: resolved on day 60
        ("K1", day(30), None),  # running: lasted, resolved on day 395
        ("K1", day(400), day(1200)),  # lasted, resolved on day 765
        ("K2", day(0), day(10)),  # another person
    ]
    labelled = [
        ("K1", day(60), None),  # day 60 itself: the placement ending that day does not count yet
        ("K1", day(61), None),
        ("K1", day(395), None),
        ("K1", day(396), None),
        ("K1", day(766), None),
    ]
    counts = earlier_counts(labelled, history, horizon_days=365, as_of=AS_OF)
    assert counts.tolist() == [[0, 0], [1, 1], [1, 1], [2, 1], [3, 1]]
    # as_of bounds what is known: a placement resolved after it never counts
    assert earlier_counts(labelled[-1:], history, horizon_days=365, as_of=day(700)).tolist() == [[2, 1]]


def test_resolution_and_query_time_history():
    assert resolution(day(0), day(364), horizon_days=365, as_of=AS_OF) == (day(364), True)
    assert resolution(day(0), day(365), horizon_days=365, as_of=AS_OF) == (day(365), False)
    assert resolution(day(0), None, horizon_days=365, as_of=day(364)) is None
    spans = [("K1", day(0), day(10)), ("K1", day(100), None), ("K3", day(0), None), ("X", day(0), None)]
    counts = history_counts(spans, {"K1": 0, "K2": 1, "K3": 2}, 3, horizon_days=365, as_of=day(400))
    assert counts.tolist() == [[1, 1], [0, 0], [1, 0]]


_SPAN = st.tuples(st.integers(0, 2), st.integers(0, 2000), st.one_of(st.none(), st.integers(0, 900)))


@settings(max_examples=60, deadline=None)
@given(spans=st.lists(_SPAN, min_size=1, max_size=12), at=st.integers(0, 2500))
def test_nothing_from_on_or_after_a_start_changes_that_placements_history(spans, at):
    history = [(f"K{c}", day(s), None if length is None else day(s + length)) for c, s, length in spans]
    labelled = [("K0", day(at), None)]
    counts = earlier_counts(labelled, history, horizon_days=365, as_of=AS_OF)
    # oracle: brute force over the resolution dates
    known = [resolution(s, e, horizon_days=365, as_of=AS_OF) for c, s, e in history if c == "K0"]
    expected = [
        sum(k is not None and k[0] < day(at) for k in known),
        sum(k is not None and k[0] < day(at) and k[1] for k in known),
    ]
    assert counts.tolist() == [expected]
    # leakage check: change or drop everything that started on or after the start, or that was not yet
    # resolved by then; the counts must not move
    past_only = [
        (c, s, e)
        for c, s, e in history
        if (k := resolution(s, e, horizon_days=365, as_of=AS_OF)) is not None and k[0] < day(at)
    ]
    future = [
        ("K0", day(at), day(at + 1)),
        ("K0", day(at + 5), None),
        ("K0", day(max(at - 10, 0)), day(at + 3)),
    ]
    assert earlier_counts(labelled, past_only + future, horizon_days=365, as_of=AS_OF).tolist() == [expected]


def test_history_contract_and_capacity_columns():
    assert history_columns(np.array([[0, 0], [3, 3], [3, 0]])).round(4).tolist() == [
        [0.0, 0.5],
        [round(float(np.log(4)), 4), 0.8],
        [round(float(np.log(4)), 4), 0.2],
    ]
    onehot = contract_columns(np.array([0, -1, 5]))
    assert onehot.shape == (3, len(CONTRACT_INPUTS))
    assert onehot.sum(axis=1).tolist() == [1, 0, 1] and onehot[0, 0] == 1 and onehot[2, 5] == 1
    capacity = np.full((2, 31), -1, dtype=np.int8)
    capacity[1, :10] = 0  # PF01-PF10 known and at level 0 (below every norm above 0)
    shares = capacity_columns(capacity)
    assert shares.shape == (2, len(CAPACITY_INPUTS))
    assert shares[0].tolist() == [0.0] * len(CAPACITY_INPUTS)  # nothing known: nothing limited
    assert 0 < shares[1, 0] <= 1 and shares[1, 1:].tolist() == [0.0] * (len(CAPACITY_INPUTS) - 1)


@pytest.fixture(scope="module")
def sample_matcher():
    cands = list(read_candidates(SAMPLE_DIR / "candidates.jsonl").records)
    pkgs = list(read_packages(SAMPLE_DIR / "vacancies.jsonl").records)
    places = list(read_placements(SAMPLE_DIR / "placements.jsonl").records)
    return Matcher(encoder=HashingEncoder(), evidence=False).fit(cands, pkgs, places), places


def test_a_placements_examples_do_not_change_when_later_placements_are_added(sample_matcher):
    matcher, places = sample_matcher
    as_of = max(d for p in places for d in (p.start, p.end) if d is not None)
    X, y = matcher.durability_examples(places, as_of=as_of)
    assert X.shape[1] == len(DURABILITY_FEATURES) and len(X) == len(y)
    first = min(places, key=lambda p: p.start)
    later = [
        dataclasses.replace(
            first, start=first.start + timedelta(days=1), end=first.start + timedelta(days=20)
        ),
        dataclasses.replace(first, start=first.start + timedelta(days=2), end=None),
    ]
    leaky = Matcher(encoder=HashingEncoder(), evidence=False, durability=matcher.durability).fit(
        matcher.candidates, matcher.packages, [*places, *later]
    )
    before, _ = matcher.durability_examples([first], as_of=as_of)
    after, _ = leaky.durability_examples([first], as_of=as_of)
    assert np.array_equal(before, after)
    # ... while a placement of that person after those does see them (a non-vacuous check)
    probe = dataclasses.replace(first, start=first.start + timedelta(days=400), end=None)
    seen, _ = leaky.durability_examples([probe], as_of=first.start + timedelta(days=800))
    unseen, _ = matcher.durability_examples([probe], as_of=first.start + timedelta(days=800))
    column = DURABILITY_FEATURES.index("earlier_placements")
    assert seen[0, column] > unseen[0, column]


def test_the_history_columns_of_past_placements_match_a_brute_force_count(sample_matcher):
    matcher, places = sample_matcher
    as_of = max(d for p in places for d in (p.start, p.end) if d is not None)
    X, _ = matcher.durability_examples(places, as_of=as_of)
    labelled = [p for p in places if resolution(p.start, p.end, horizon_days=365, as_of=as_of) is not None]
    col = DURABILITY_FEATURES.index("earlier_placements")
    for row, p in list(zip(X, labelled, strict=True))[::7]:
        mine = [
            resolution(q.start, q.end, horizon_days=365, as_of=as_of)
            for q in places
            if q.candidate_id == p.candidate_id
        ]
        n = sum(k is not None and k[0] < p.start for k in mine)
        early = sum(k is not None and k[0] < p.start and k[1] for k in mine)
        assert row[col : col + 2].tolist() == pytest.approx(
            history_columns(np.array([[n, early]]))[0].tolist()
        )


def test_a_new_match_uses_the_whole_known_history_and_explains_it(sample_matcher):
    matcher, _places = sample_matcher
    history = matcher.corpus.candidates.history
    assert history.shape == (len(matcher.candidates), 2) and history[:, 0].sum() > 0
    assert (history[:, 1] <= history[:, 0]).all()
    results = [m for p in matcher.packages[:20] for m in matcher.for_vacancy(p.id, 5)]
    factors = [f for m in results for f in m.explanation.durability_factors]
    assert {f.group for f in factors} == set(INPUT_GROUPS)
    for m in results:
        row = matcher._cand_row[m.candidate_id]
        got = {f.group: f for f in m.explanation.durability_factors}
        assert (got["history"].earlier, got["history"].ended_early) == tuple(history[row].tolist())
        package = next(p for p in matcher.packages if p.id == m.package_id)
        assert got["contract"].contract == package.contract


def test_each_durability_input_has_a_dutch_reason_shown_only_when_it_mattered():
    summary = texts_nl.EXPLANATION["summary"]
    factors = (
        DurabilityFactor("contract", -0.8, contract="tijdelijk"),
        DurabilityFactor("history", -0.5, earlier=3, ended_early=2),
        DurabilityFactor("capacity", 0.05),
    )
    lines = render_nl(
        Explanation(checks=(), durability=0.4, durability_basis=500, durability_factors=factors)
    )[summary]
    assert texts_nl.durability_factor_nl("contract", -0.8, "tijdelijk") in lines
    assert "Soort contract: tijdelijk; dat verlaagt de geschatte kans dat de plaatsing standhoudt" in lines
    assert (
        "Eerdere plaatsingen van de kandidaat met bekende afloop: 3, waarvan 2 binnen een jaar gestopt"
        in " ".join(lines)
    )
    assert not any("FML-lite" in line for line in lines)  # moved the estimate too little to mention
    assert texts_nl.durability_factor_nl("history", 0.3).startswith("Nog geen eerdere plaatsingen")
    assert "verhoogt" in texts_nl.durability_factor_nl("capacity", 0.3)
    assert "niet vastgelegd" in texts_nl.durability_factor_nl("contract", 0.2, None)
