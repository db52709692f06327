"""Scorers keep the scikit-learn contract and their contributions are exact."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.errors import ArtefactMismatchError, NotFittedError
from matcher.ranking import DEFAULT_WEIGHTS, DurabilityModel, LinearScorer

NAMES = tuple(DEFAULT_WEIGHTS)


def test_contributions_sum_to_the_score_relative_to_the_reference():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(50, len(NAMES)))
    scorer = LinearScorer(feature_names=NAMES).fit(X)
    contributions = scorer.contributions(X)
    assert np.allclose(contributions.sum(axis=1) + scorer.base_, scorer.score_pairs(X))
    # A pair exactly at the reference point has no contribution at all.
    assert np.allclose(scorer.contributions(scorer.reference_[None, :]), 0.0)
    assert scorer.coef_[NAMES.index("signaleringen")] < 0 < scorer.coef_[NAMES.index("sim_wishes")]


def test_fitting_to_labels_learns_the_sign_of_a_planted_signal():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(400, 3))
    y = (X[:, 1] - X[:, 2] + 0.1 * rng.normal(size=400) > 0).astype(int)
    scorer = LinearScorer(feature_names=("a", "b", "c")).fit(X, y)
    assert scorer.coef_[1] > 0 > scorer.coef_[2]
    assert abs(scorer.coef_[0]) < abs(scorer.coef_[1])


def test_bad_shapes_and_unknown_weights_are_named():
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        LinearScorer(feature_names=("a", "b")).fit(np.zeros((3, 5)))
    with pytest.raises(ValueError, match="'zz'"):
        LinearScorer(feature_names=("a",), weights={"zz": 1.0}).fit(np.zeros((1, 1)))


def test_unfitted_scorers_refuse_to_score():
    with pytest.raises(Exception, match="not fitted"):
        LinearScorer(feature_names=("a",)).score_pairs(np.zeros((1, 1)))
    with pytest.raises(NotFittedError):
        DurabilityModel().predict_proba(np.zeros((1, 2)))


def test_save_and_load_round_trip_and_refuse_other_features(tmp_path):
    X = np.random.default_rng(3).normal(size=(10, len(NAMES)))
    scorer = LinearScorer(feature_names=NAMES).fit(X)
    scorer.save(tmp_path / "scorer")
    loaded = LinearScorer.load(tmp_path / "scorer", feature_names=NAMES)
    assert np.allclose(loaded.score_pairs(X), scorer.score_pairs(X))
    with pytest.raises(ArtefactMismatchError, match="feature_names"):
        LinearScorer.load(tmp_path / "scorer", feature_names=NAMES[:-1])


def test_durability_learns_from_history_and_falls_back_to_the_base_rate():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(300, 2))
    y = (X[:, 0] + 0.3 * rng.normal(size=300) > 0).astype(int)
    model = DurabilityModel().fit(X, y)
    p = model.predict_proba(np.array([[2.0, 0.0], [-2.0, 0.0]]))
    assert p[0] > 0.8 > 0.2 > p[1]
    few = DurabilityModel(min_examples=30).fit(X[:10], y[:10])
    assert np.allclose(few.predict_proba(X[:5]), y[:10].mean())
    assert np.allclose(few.contributions(X[:5]), 0.0)


def test_learned_weights_keep_the_direction_an_adviser_expects():
    # Planted: in this data a longer commute goes with relevance. A ranker that learned that would
    # push people into long trips; the sign constraint leaves the feature out instead.
    rng = np.random.default_rng(5)
    X = rng.normal(size=(500, len(NAMES)))
    travel, wishes = NAMES.index("travel_burden"), NAMES.index("sim_wishes")
    y = (X[:, travel] + X[:, wishes] > 0).astype(int)
    scorer = LinearScorer(feature_names=NAMES).fit(X, y)
    assert scorer.coef_[travel] == 0.0
    assert scorer.coef_[wishes] > 0
    assert "travel_burden" in scorer.dropped_
