"""The shipped ranker belongs to the shipped model: a retrained model must come with a retrained ranker."""

from __future__ import annotations

import json

import numpy as np
import pytest

from matcher.encoders import DEFAULT_MODEL_DIR, default_encoder
from matcher.features import FEATURES
from matcher.ranking import DEFAULT_RANKER_DIR, DEFAULT_WEIGHTS, QUANTILE_LEVELS, LinearScorer

pytestmark = pytest.mark.model


@pytest.mark.skipif(not (DEFAULT_RANKER_DIR / "manifest.json").is_file(), reason="no ranker shipped")
def test_shipped_ranker_matches_the_shipped_model_and_the_features():
    manifest = json.loads((DEFAULT_RANKER_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["feature_names"] == list(FEATURES)
    assert (DEFAULT_MODEL_DIR / "modules.json").is_file()
    assert manifest["encoder_name"] == default_encoder().name, (
        "models/ranker was trained for another model version; rerun scripts/train_ranker.py"
    )
    scorer = LinearScorer.load(DEFAULT_RANKER_DIR, feature_names=FEATURES)
    for name, weight in zip(FEATURES, scorer.coef_, strict=True):
        assert weight == 0 or (weight > 0) == (DEFAULT_WEIGHTS[name] > 0), name
    assert manifest["provenance"]["trained_on"]["seed"] not in (1, 2), "never train on an evaluation seed"


@pytest.mark.skipif(not (DEFAULT_RANKER_DIR / "manifest.json").is_file(), reason="no ranker shipped")
def test_shipped_ranker_knows_the_scale_of_every_feature_for_the_explanations():
    scorer = LinearScorer.load(DEFAULT_RANKER_DIR, feature_names=FEATURES)
    assert scorer.quantiles_ is not None, "models/ranker has no quantiles; rerun scripts/train_ranker.py"
    assert scorer.quantiles_.shape == (len(QUANTILE_LEVELS), len(FEATURES))
    assert (np.diff(scorer.quantiles_, axis=0) >= 0).all()
