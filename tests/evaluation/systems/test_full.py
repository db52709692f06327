"""``full`` with a given saved ranker (``SystemOptions.ranker`` / ``evaluation run --ranker``)."""

from __future__ import annotations

import numpy as np
import pytest

from evaluation.dataset import load_benchmark
from evaluation.runs import Direction
from evaluation.systems import SystemOptions, build_system
from matcher.encoders import HashingEncoder
from matcher.errors import ArtefactMismatchError
from matcher.features import FEATURES
from matcher.ranking import LinearScorer
from tests.evaluation.tiny_world import write_tiny_world


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return load_benchmark(write_tiny_world(tmp_path_factory.mktemp("world")))


def _save(folder, weights: dict[str, float]):
    scorer = LinearScorer(feature_names=FEATURES, weights=weights).fit(np.zeros((1, len(FEATURES))))
    scorer.save(folder, encoder_name=HashingEncoder().name)
    return folder


def test_the_given_ranker_decides_the_order(data, tmp_path):
    runs = {}
    for feature in ("lexical", "hours_fit"):
        folder = _save(tmp_path / feature, {feature: 1.0})
        system = build_system("full", SystemOptions(encoder=HashingEncoder, progress=False, ranker=folder))
        runs[feature] = system.rank(Direction.VACANCY, data, 10)
        matcher = system._matcher(data)
        assert matcher.scorer_source == "given"
        assert np.flatnonzero(matcher.scorer.coef_).tolist() == [FEATURES.index(feature)]
    assert runs["lexical"].scores != runs["hours_fit"].scores


def test_a_ranker_for_other_features_is_refused_naming_the_field(tmp_path):
    folder = tmp_path / "stale"
    folder.mkdir()
    (folder / "manifest.json").write_text(
        '{"kind": "banenmatch.LinearScorer", "feature_names": ["lexical"], "coef": [1], "reference": [0]}',
        encoding="utf-8",
    )
    with pytest.raises(ArtefactMismatchError, match="feature_names"):
        build_system("full", SystemOptions(encoder=HashingEncoder, progress=False, ranker=folder))
