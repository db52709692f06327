"""Scorers keep the scikit-learn contract and their contributions are exact."""

from __future__ import annotations

import json

import numpy as np
import pytest

from matcher.errors import ArtefactMismatchError, NotFittedError
from matcher.ranking import DEFAULT_WEIGHTS, QUANTILE_LEVELS, DurabilityModel, LinearScorer

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


def test_fit_records_quantiles_that_occur_in_the_rows_and_split_them_as_their_level_says():
    rng = np.random.default_rng(6)
    # an integer column (ties, like a count), a mostly-zero column and a continuous one
    X = np.column_stack(
        [rng.integers(0, 5, 200), (rng.random(200) > 0.93).astype(float), rng.normal(size=200)]
    )
    scorer = LinearScorer(feature_names=("a", "b", "c"), weights={"a": 1.0}).fit(X)
    assert scorer.quantiles_.shape == (len(QUANTILE_LEVELS), 3)
    for f in range(3):
        column = X[:, f]
        assert np.all(np.diff(scorer.quantiles_[:, f]) >= 0)
        for level, q in zip(QUANTILE_LEVELS, scorer.quantiles_[:, f], strict=True):
            assert q in column
            assert (column <= q).mean() >= level > (column < q).mean()
    assert scorer.quantiles_[:, 1].tolist() == [0.0] * len(QUANTILE_LEVELS)


def test_quantiles_survive_save_and_load_exactly(tmp_path):
    X = np.random.default_rng(8).normal(size=(40, len(NAMES)))
    scorer = LinearScorer(feature_names=NAMES).fit(X)
    scorer.save(tmp_path / "scorer")
    manifest = json.loads((tmp_path / "scorer" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["quantiles"]["levels"] == list(QUANTILE_LEVELS)
    assert list(manifest["quantiles"]["by_feature"]) == list(NAMES)
    loaded = LinearScorer.load(tmp_path / "scorer", feature_names=NAMES)
    assert loaded.quantiles_.tolist() == scorer.quantiles_.tolist()
    assert loaded.coef_.tolist() == scorer.coef_.tolist()
    assert loaded.reference_.tolist() == scorer.reference_.tolist()


def test_a_manifest_saved_before_quantiles_loads_without_a_scale_and_scores_the_same(tmp_path):
    X = np.random.default_rng(9).normal(size=(40, len(NAMES)))
    scorer = LinearScorer(feature_names=NAMES).fit(X)
    scorer.save(tmp_path / "scorer")
    path = tmp_path / "scorer" / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    del manifest["quantiles"]
    path.write_text(json.dumps(manifest), encoding="utf-8")
    old = LinearScorer.load(tmp_path / "scorer", feature_names=NAMES)
    assert old.quantiles_ is None
    assert old.score_pairs(X).tolist() == scorer.score_pairs(X).tolist()
    # and saving it again writes no empty scale
    old.save(tmp_path / "again")
    assert "quantiles" not in json.loads((tmp_path / "again" / "manifest.json").read_text(encoding="utf-8"))


def test_a_scorer_fitted_on_no_rows_has_no_scale():
    scorer = LinearScorer(feature_names=("a",), weights={"a": 1.0}).fit(np.zeros((0, 1)))
    assert scorer.quantiles_ is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda q: q.update(levels=[0.05, 0.25, 0.5, 0.75, 0.95]), "quantiles.levels"),
        (lambda q: q["by_feature"].pop("sim_wishes"), "quantiles.by_feature"),
        (lambda q: q["by_feature"]["lexical"].pop(), "quantiles.by_feature"),
    ],
)
def test_a_scale_saved_for_other_quantiles_or_features_is_refused_naming_the_field(tmp_path, change, field):
    X = np.random.default_rng(10).normal(size=(20, len(NAMES)))
    LinearScorer(feature_names=NAMES).fit(X).save(tmp_path / "scorer")
    path = tmp_path / "scorer" / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest["quantiles"])
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ArtefactMismatchError, match=field.replace(".", r"\.")):
        LinearScorer.load(tmp_path / "scorer", feature_names=NAMES)


def _miscalibrated(n: int, seed: int):
    """Outcomes whose log-odds are not linear in the feature: an uncalibrated logistic fit is off."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    p = np.clip(0.5 + 0.45 * np.tanh(3 * X[:, 0]) ** 3, 0.02, 0.98)
    return X, (rng.random(n) < p).astype(int)


def test_durability_is_calibrated_on_held_out_placements_by_the_method_with_the_lower_ece():
    from sklearn.linear_model import LogisticRegression

    from matcher.ranking import expected_calibration_error

    X, y = _miscalibrated(4000, 7)
    model = DurabilityModel().fit(X, y)
    assert set(model.holdout_ece_) == {"sigmoid", "isotonic"}
    assert model.calibration_ == min(model.holdout_ece_, key=model.holdout_ece_.get)
    X_test, y_test = _miscalibrated(4000, 8)
    raw = LogisticRegression(C=0.5, max_iter=1000).fit((X - model.mean_) / model.scale_, y)
    raw_ece = expected_calibration_error(
        raw.predict_proba((X_test - model.mean_) / model.scale_)[:, 1], y_test
    )
    ece = expected_calibration_error(model.predict_proba(X_test), y_test)
    assert ece < 0.03 < raw_ece


def test_durability_predictions_equal_scikit_learns_calibrated_classifier():
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression

    X, y = _miscalibrated(1500, 9)
    model = DurabilityModel().fit(X, y)
    reference = CalibratedClassifierCV(
        LogisticRegression(C=0.5, max_iter=1000), method=model.calibration_, cv=5, ensemble=False
    ).fit((X - model.mean_) / model.scale_, y)
    X_new = np.random.default_rng(10).normal(size=(50, 2))
    expected = reference.predict_proba((X_new - model.mean_) / model.scale_)[:, 1]
    assert np.allclose(model.predict_proba(X_new), expected, atol=1e-9)


def test_durability_saves_as_json_and_loads_without_pickle(tmp_path):
    X, y = _miscalibrated(1000, 11)
    model = DurabilityModel().fit(X, y)
    model.save(tmp_path / "m")
    text = (tmp_path / "m" / "durability.json").read_text(encoding="utf-8")
    assert text.lstrip().startswith("{")  # plain JSON
    loaded = DurabilityModel.load(tmp_path / "m")
    assert np.allclose(loaded.predict_proba(X[:20]), model.predict_proba(X[:20]))
    assert np.array_equal(loaded.uncertain(X[:20]), model.uncertain(X[:20]))
    few = DurabilityModel().fit(X[:5], y[:5])
    assert np.allclose(DurabilityModel.from_dict(few.to_dict()).predict_proba(X[:3]), few.base_rate_)
    (tmp_path / "m" / "durability.json").write_text('{"kind": "other"}', encoding="utf-8")
    with pytest.raises(ArtefactMismatchError, match="kind"):
        DurabilityModel.load(tmp_path / "m")


def test_an_estimate_far_from_past_placements_is_marked_uncertain():
    rng = np.random.default_rng(12)
    X = rng.normal(size=(2000, 3))
    y = (X[:, 0] + rng.normal(size=2000) > 0).astype(int)
    model = DurabilityModel().fit(X, y)
    typical, unusual = np.zeros((1, 3)), np.array([[0.0, 6.0, -6.0]])
    assert model.uncertainty(unusual)[0] > 3 * model.uncertainty(typical)[0]
    assert model.uncertain(unusual)[0] and not model.uncertain(typical)[0]
    assert 0.05 < model.uncertain(X).mean() < 0.15  # about 1 in 10 of the training examples


def test_durability_keeps_its_column_names_and_refuses_other_columns_or_an_old_format(tmp_path):
    X, y = _miscalibrated(600, 13)
    model = DurabilityModel(feature_names=("a", "b")).fit(X, y)
    loaded = DurabilityModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert loaded.feature_names == ("a", "b")
    assert np.allclose(loaded.predict_proba(X[:10]), model.predict_proba(X[:10]))
    with pytest.raises(ValueError, match="feature_names"):
        DurabilityModel(feature_names=("a", "b", "c")).fit(X, y)
    old = model.to_dict() | {"format": 1}
    with pytest.raises(ArtefactMismatchError, match="format: expected 2, found 1"):
        DurabilityModel.from_dict(old)
