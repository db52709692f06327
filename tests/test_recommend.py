"""The matching pipeline: planted answers both ways, the hard rule, exact contributions, assignment."""

from __future__ import annotations

import dataclasses
import itertools
import json
from datetime import date

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import matcher.recommend as recommend
from matcher.constraints import Outcome, Rule, check_pair
from matcher.encoders import HashingEncoder
from matcher.errors import UnknownIdError
from matcher.features import FEATURES, pair_features
from matcher.recommend import Matcher
from matcher.schema import CandidateHours, CandidateSchedule, Capacities, PackageHours
from tests.planted import KINDS, candidate, package, planted_world


@pytest.fixture(scope="module")
def world():
    return planted_world(seed=3)


@pytest.fixture(scope="module")
def matcher(world):
    candidates, packages, _ = world
    return Matcher(encoder=HashingEncoder()).fit(candidates, packages)


def test_the_planted_candidate_ranks_first_for_every_vacancy(world, matcher):
    _, packages, twins = world
    for p in packages:
        results = matcher.for_vacancy(p.id, k=5)
        assert results[0].candidate_id == twins[p.id], p.id
        assert [m.rank for m in results] == list(range(1, len(results) + 1))


def test_the_planted_package_ranks_first_for_every_twin(world, matcher):
    _, _, twins = world
    for package_id, candidate_id in twins.items():
        results = matcher.for_candidate(candidate_id, k=3)
        assert results[0].package_id == package_id


def test_results_are_sorted_by_score_and_contributions_add_up(world, matcher):
    _, packages, _ = world
    results = matcher.for_vacancy(packages[0].id, k=20)
    scores = [m.score for m in results]
    assert scores == sorted(scores, reverse=True)
    for m in results:
        total = matcher.scorer.base_ + sum(c.contribution for c in m.explanation.contributions)
        assert total == pytest.approx(m.score, abs=1e-9)
        assert {c.feature for c in m.explanation.contributions} == set(FEATURES)


def test_exhaustive_ranking_equals_scoring_every_eligible_candidate(world):
    candidates, packages, _ = world
    m = Matcher(encoder=HashingEncoder(), pool_size=None).fit(candidates, packages)
    j = 3
    results = m.for_vacancy(packages[j].id, k=len(candidates))
    eligible = [
        i
        for i, c in enumerate(candidates)
        if all(ch.outcome is not Outcome.EXCLUDE for ch in check_pair(c, packages[j]))
    ]
    assert {r.candidate_id for r in results} == {candidates[i].id for i in eligible}
    rows = np.array(eligible)
    n_signal = np.array(
        [sum(ch.outcome is Outcome.SIGNAL for ch in check_pair(candidates[i], packages[j])) for i in eligible]
    )
    n_unknown = np.array(
        [
            sum(ch.outcome is Outcome.UNKNOWN for ch in check_pair(candidates[i], packages[j]))
            for i in eligible
        ]
    )
    values = pair_features(
        m.corpus, rows, np.full(len(rows), j), n_signal=n_signal, n_unknown=n_unknown
    ).values
    values[:, -1] = m.durability.predict_proba(values[:, :-1])
    brute = sorted(
        zip(m.scorer.score_pairs(values), (candidates[i].id for i in eligible), strict=True),
        key=lambda t: (-t[0], t[1]),
    )
    assert [r.candidate_id for r in results] == [cid for _, cid in brute]


def test_a_small_pool_keeps_the_dense_top_and_never_an_ineligible_candidate(world):
    candidates, packages, twins = world
    m = Matcher(encoder=HashingEncoder(), pool_size=5).fit(candidates, packages)
    results = m.for_vacancy(packages[0].id, k=10)
    assert len(results) == 5
    assert results[0].candidate_id == twins[packages[0].id]


def test_an_excluded_candidate_never_appears_and_is_explained(world):
    candidates, packages, twins = world
    target = packages[0]
    twin = next(c for c in candidates if c.id == twins[target.id])
    weak = dataclasses.replace(twin, capacities=Capacities(assessed=True, levels={"DH01": 1}))
    others = [c for c in candidates if c.id != twin.id] + [weak]
    m = Matcher(encoder=HashingEncoder()).fit(others, packages)
    assert twin.id not in [r.candidate_id for r in m.for_vacancy(target.id, k=50)]
    why = {e.candidate_id: e for e in m.excluded_for_vacancy(target.id)}
    assert [(c.item, c.candidate_value, c.package_value) for c in why[twin.id].checks] == [("DH01", 1, 2)]
    assert m.eligible_count(target.id) == len(others) - len(why)


def test_packages_excluded_for_a_candidate_come_with_their_excluding_checks_closest_first():
    person = candidate("K1", "post", hours=CandidateHours(min_per_week=12, max_per_week=20, max_per_day=8))
    fits = package("P-fits", "post", hours=PackageHours(per_week=16, per_day=4))
    one_miss = package("P-one", "post", hours=PackageHours(per_week=24, per_day=6))  # too many hours a week
    two_misses = package("P-two", "post", "Houten", hours=PackageHours(per_week=30, per_day=10))
    m = Matcher(encoder=HashingEncoder()).fit([person], [two_misses, fits, one_miss])
    found = m.excluded_for_candidate("K1")
    assert [e.package_id for e in found] == ["P-one", "P-two"]
    assert [c.rule for c in found[0].checks] == [Rule.HOURS_MAX_WEEK]
    assert {c.rule for c in found[1].checks} == {Rule.HOURS_MAX_WEEK, Rule.HOURS_PER_DAY}
    by_id = {p.id: p for p in (fits, one_miss, two_misses)}
    for exclusion in found:
        expected = {
            c for c in check_pair(person, by_id[exclusion.package_id]) if c.outcome is Outcome.EXCLUDE
        }
        assert set(exclusion.checks) == expected and expected
    assert [r.package_id for r in m.for_candidate("K1", k=10)] == ["P-fits"]
    assert len(m.excluded_for_candidate("K1", limit=1)) == 1
    with pytest.raises(UnknownIdError):
        m.excluded_for_candidate("K-none")


def test_an_ad_hoc_package_ranks_like_the_same_package_in_the_data(world, matcher):
    _, packages, _ = world
    by_id = [(r.candidate_id, round(r.score, 9)) for r in matcher.for_vacancy(packages[2].id, k=10)]
    ad_hoc = [(r.candidate_id, round(r.score, 9)) for r in matcher.for_package(packages[2], k=10)]
    assert ad_hoc == by_id


def test_same_input_same_output(world):
    candidates, packages, _ = world
    a = Matcher(encoder=HashingEncoder()).fit(candidates, packages).for_vacancy(packages[1].id, k=10)
    b = Matcher(encoder=HashingEncoder()).fit(candidates, packages).for_vacancy(packages[1].id, k=10)
    assert [(m.candidate_id, m.score) for m in a] == [(m.candidate_id, m.score) for m in b]


def test_unknown_ids_raise_a_clear_error(matcher):
    with pytest.raises(UnknownIdError, match="not in the loaded data"):
        matcher.for_vacancy("nope")
    with pytest.raises(KeyError):
        matcher.for_candidate("nope")


def test_explanations_carry_evidence_from_the_candidates_own_text(world, matcher):
    _, packages, twins = world
    top = matcher.for_vacancy(packages[0].id, k=1)[0]
    assert top.explanation.evidence
    assert top.explanation.evidence[0].task in {t.text for t in packages[0].tasks}
    twin = next(c for c in world[0] if c.id == twins[packages[0].id])
    assert top.explanation.evidence[0].sentence.rstrip(".") in " ".join(twin.experience) + " " + twin.wishes


def _brute_force_assignment(eligible: np.ndarray, scores: np.ndarray) -> tuple[int, float]:
    best = (0, -np.inf)
    n_c, n_p = eligible.shape
    for perm in itertools.permutations(range(n_c), min(n_c, n_p)):
        placed = [(c, p) for p, c in enumerate(perm) if eligible[c, p]]
        value = (len(placed), sum(scores[c, p] for c, p in placed))
        best = max(best, value)
    return best


def test_assignment_is_optimal_against_brute_force():
    kinds = list(KINDS)
    candidates = [candidate(f"c{i}", kinds[i % 3], hours=CandidateHours(12, 20 + 4 * i, 8)) for i in range(5)]
    packages = [package(f"p{j}", kinds[j % 3], hours=PackageHours(16 + 4 * j, 6)) for j in range(4)]
    m = Matcher(encoder=HashingEncoder()).fit(candidates, packages)
    result = m.assign()
    eligible = np.array(
        [
            [all(ch.outcome is not Outcome.EXCLUDE for ch in check_pair(c, p)) for p in packages]
            for c in candidates
        ]
    )
    scores = np.zeros(eligible.shape)
    for i, c in enumerate(candidates):
        for r in m.for_candidate(c.id, k=10):
            scores[i, int(r.package_id[1:])] = r.score
    placed, total = _brute_force_assignment(eligible, scores)
    assert len(result.pairs) == placed
    assert result.total_score == pytest.approx(total)
    assert len({p for _, p, _ in result.pairs}) == len(result.pairs)
    assert "linear_sum_assignment" in result.objective


_levels = st.dictionaries(
    st.sampled_from(["DH01", "PF09", "OM01", "SF01", "WT01"]), st.integers(0, 2), max_size=4
)
_days = st.lists(st.sampled_from(["ma", "di", "wo", "do", "vr", "za"]), unique=True, max_size=6)
_parts = st.lists(st.sampled_from(["ochtend", "middag", "avond"]), unique=True, max_size=3)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            _levels,
            st.booleans(),
            st.one_of(st.none(), _days),
            st.one_of(st.none(), _parts),
            st.integers(4, 40),
            st.one_of(
                st.none(), st.lists(st.sampled_from(["jobcoach", "buddy", "thuiswerken"]), unique=True)
            ),
            st.integers(5, 90),
        ),
        min_size=3,
        max_size=12,
    )
)
def test_no_returned_match_ever_breaks_a_hard_rule(specs):
    kinds = list(KINDS)
    candidates = []
    for n, (levels, assessed, days, parts, max_week, needs, minutes) in enumerate(specs):
        c = candidate(
            f"c{n}",
            kinds[n % len(kinds)],
            capacities=Capacities(assessed=assessed, levels=levels),
            schedule=CandidateSchedule(
                days=None if days is None else tuple(days), dayparts=None if parts is None else tuple(parts)
            ),
            hours=CandidateHours(min(8, max_week), max_week, None),
            needs=None if needs is None else tuple(needs),
        )
        candidates.append(dataclasses.replace(c, travel=dataclasses.replace(c.travel, max_minutes=minutes)))
    packages = [
        package(f"p{k}", kind, town)
        for k, (kind, town) in enumerate(
            zip(kinds, ["Utrecht", "Zeist", "Houten", "Utrecht", "Amersfoort"], strict=True)
        )
    ]
    m = Matcher(encoder=HashingEncoder(), evidence=False).fit(candidates, packages)
    by_id = {c.id: c for c in candidates}
    pk = {p.id: p for p in packages}
    for p in packages:
        for r in m.for_vacancy(p.id, k=20):
            assert all(ch.outcome is not Outcome.EXCLUDE for ch in check_pair(by_id[r.candidate_id], p))
    for c in candidates:
        for r in m.for_candidate(c.id, k=20):
            assert all(ch.outcome is not Outcome.EXCLUDE for ch in check_pair(c, pk[r.package_id]))
    for c_id, p_id, _ in m.assign().pairs:
        assert all(ch.outcome is not Outcome.EXCLUDE for ch in check_pair(by_id[c_id], pk[p_id]))


def test_a_ranker_saved_for_other_features_falls_back_to_the_prior_and_says_why(world, tmp_path, monkeypatch):
    candidates, packages, _ = world
    folder = tmp_path / "ranker"
    folder.mkdir()
    stale = {
        "kind": "banenmatch.LinearScorer",
        "feature_names": ["sim_profile"],
        "coef": [1.0],
        "reference": [0],
    }
    (folder / "manifest.json").write_text(json.dumps(stale), encoding="utf-8")
    monkeypatch.setattr(recommend, "DEFAULT_RANKER_DIR", folder)
    m = Matcher(encoder=HashingEncoder()).fit(candidates, packages)
    assert m.scorer_source.startswith("expert prior weights") and "feature_names" in m.scorer_source
    assert m.for_vacancy(packages[0].id, k=3)


def test_explanations_say_how_many_others_placed_in_this_kind_of_work_the_profile_was_compared_with(world):
    from matcher.explain import render_nl
    from matcher.schema import Placement
    from matcher.texts_nl import EXPLANATION

    candidates, packages, twins = world
    # everyone is placed once, in a package of the kind they wish for (planted wishes name the kind)
    kind_of = {c.id: next(k for k, (_, wish, _) in KINDS.items() if c.wishes == wish) for c in candidates}
    first = {kind_of[twins[p.id]]: p.id for p in reversed(packages)}
    placements = [Placement(c.id, first[kind_of[c.id]], date(2024, 1, 1)) for c in candidates]
    m = Matcher(encoder=HashingEncoder()).fit(candidates, packages, placements=placements)
    kind = m.corpus.packages.kind
    row = {p.id: j for j, p in enumerate(packages)}
    target = packages[0]
    top = m.for_vacancy(target.id, k=1)[0]
    placed_here = {pl.candidate_id for pl in placements if kind[row[pl.package_id]] == kind[row[target.id]]}
    expected = len(placed_here - {top.candidate_id})
    assert expected >= 5 and top.explanation.placed_basis == expected
    summary = render_nl(top.explanation)[EXPLANATION["summary"]]
    assert EXPLANATION["placed_basis"].format(n=expected) in summary
    without = Matcher(encoder=HashingEncoder()).fit(candidates, packages).for_vacancy(target.id, k=1)[0]
    assert without.explanation.placed_basis == 0
    assert not any(
        "eerder in dit soort werk" in line for line in render_nl(without.explanation)[EXPLANATION["summary"]]
    )


def test_the_constructor_only_stores_settings_and_fit_builds(world):
    candidates, packages, _ = world
    m = Matcher(encoder=HashingEncoder(), pool_size=7)
    assert not hasattr(m, "corpus") and m.pool_size == 7
    assert m.fit(candidates, packages) is m
    assert len(m.candidates) == len(candidates) and m.for_vacancy(packages[0].id, k=3)
