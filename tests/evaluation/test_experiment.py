"""Scoring runs: systems and metrics never mix; missing parts become notes, not crashes."""

from __future__ import annotations

import json
import math

import pytest

from evaluation.dataset import load_benchmark
from evaluation.experiment import ScoreSettings, load_runs, run_systems, score_runs
from evaluation.report import write_report
from evaluation.runs import Direction, Run
from evaluation.systems import SystemOptions, select_systems
from matcher.errors import SchemaError
from tests.evaluation.tiny_world import write_tiny_world


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return load_benchmark(write_tiny_world(tmp_path_factory.mktemp("world")))


def test_run_systems_saves_and_load_runs_reads_back(data, tmp_path):
    specs, _ = select_systems("random,popularity")
    runs = run_systems(data, specs, options=SystemOptions(progress=False), k=5, runs_dir=tmp_path)
    assert [(r.system, r.direction) for r in runs] == [
        ("random", Direction.VACANCY),
        ("random", Direction.CANDIDATE),
        ("popularity", Direction.VACANCY),
        ("popularity", Direction.CANDIDATE),
    ]
    back = load_runs(tmp_path, directions=["candidate"])
    assert sorted(r.system for r in back) == ["popularity", "random"]
    with pytest.raises(FileNotFoundError, match=r"no SYSTEM\.DIRECTION\.trec"):
        load_runs(tmp_path / "empty")


def test_group_metrics_by_direction(data):
    specs, _ = select_systems("random")
    runs = run_systems(data, specs, options=SystemOptions(progress=False), k=10)
    card = score_runs(data, runs, ScoreSettings(baseline="random", permutations=100))
    vacancy, candidate = card.of(Direction.VACANCY)[0], card.of(Direction.CANDIDATE)[0]
    assert set(vacancy.exposure) == {"limitation_type", "register_route", "sex", "age_band"}
    assert sum(g.exposure for g in vacancy.exposure["sex"].values()) == pytest.approx(1.0)
    assert not vacancy.by_group and not candidate.exposure
    # nDCG@10 by the query candidate's sex: each group mean is the mean of its queries
    per_query = candidate.per_query["ndcg@10"]
    men = [v for q, v in per_query.items() if data.audit[q]["sex"] == "man"]
    assert candidate.by_group["sex"]["man"] == pytest.approx(sum(men) / len(men))
    lo, hi = candidate.ci95("ndcg@10")
    assert lo < candidate.means["ndcg@10"] < hi


def test_missing_qrels_and_baseline_become_notes(data, tmp_path):
    no_qrels = type(data)(data.candidates, data.packages, data.placements, {}, data.audit)
    run = Run("random", "vacancy", {"P000": {"K0002": 1.0}})
    card = score_runs(no_qrels, [run], ScoreSettings(baseline="random"))
    assert card.of(Direction.VACANCY)[0].means == {}
    assert any("no qrels.vacancy.tsv" in n for n in card.notes)
    metrics = card.to_json()
    assert metrics["vacancy"]["random"]["ndcg@10"] is None
    assert metrics["significance"] == {}
    card = score_runs(data, [run], ScoreSettings(baseline="tfidf"))
    assert any("baseline 'tfidf' has no run" in n for n in card.notes)
    written = write_report(card, tmp_path)
    assert json.loads(written["metrics"].read_text())["notes"] == list(card.notes)
    assert "baseline 'tfidf' has no run" in written["report"].read_text()


def test_runs_with_foreign_ids_are_refused(data):
    with pytest.raises(SchemaError, match="ids not in the benchmark data"):
        score_runs(data, [Run("x", "candidate", {"K0000": {"P404": 1.0}})])


def test_metrics_json_is_strict_even_with_empty_groups(data, tmp_path):
    # a run that shows nobody: exposure shares are 0, ratios undefined -> null, never NaN
    card = score_runs(data, [Run("random", "vacancy", {})], ScoreSettings(baseline="random"))
    text = write_report(card, tmp_path)["metrics"].read_text()
    assert "NaN" not in text
    sex = json.loads(text)["vacancy"]["random"]["exposure@10"]["sex"]
    assert sex["man"]["exposure"] == 0.0 and sex["man"]["population"] == 0.5
    assert not math.isnan(sex["man"]["ratio"])


def test_bootstrap_interval():
    from evaluation.experiment import bootstrap_ci95

    values = [0.0] * 30 + [1.0] * 10  # mean 0.25, skewed
    low, high = bootstrap_ci95(values)
    assert 0.0 <= low < 0.25 < high <= 1.0
    assert (low, high) == bootstrap_ci95(values)  # seeded
    assert bootstrap_ci95([0.5, 0.5, 0.5]) == (0.5, 0.5)
    assert bootstrap_ci95([0.7]) is None
    # roughly the textbook width for a proportion: 1.96 * sqrt(p(1-p)/n) = 0.134
    assert high - low == pytest.approx(2 * 0.134, abs=0.05)
