"""Unit tests of the simple systems, the top-k helper and the registry."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from evaluation.dataset import Benchmark, load_benchmark
from evaluation.runs import Direction
from evaluation.systems import (
    SYSTEMS,
    SystemOptions,
    SystemSpec,
    SystemUnavailableError,
    TopK,
    build_system,
    missing_modules,
    registry,
    select_systems,
)
from evaluation.systems.popularity import PopularitySystem, completeness
from evaluation.systems.random_baseline import RandomSystem
from matcher.errors import SchemaError
from matcher.schema import Candidate, Location, Placement, WorkPackage
from tests.evaluation.tiny_world import write_tiny_world


def test_topk_orders_by_score_then_id_and_respects_allowed():
    top = TopK(["d3", "d1", "d2", "d0"])
    scores = np.array([0.5, 0.9, 0.5, 0.1])
    assert top.row(scores, 3) == {"d1": 0.9, "d2": 0.5, "d3": 0.5}
    assert list(top.row(scores, 3)) == ["d1", "d2", "d3"]
    assert top.row(scores, 10, allowed=np.array([True, False, False, True])) == {"d3": 0.5, "d0": 0.1}
    assert top.row(scores, 2, allowed=np.zeros(4, dtype=bool)) == {}


def test_random_is_seeded_and_query_local():
    data = Benchmark(
        candidates=tuple(Candidate(f"c{i}") for i in range(20)),
        packages=tuple(WorkPackage(f"p{i}", "e", "rijk", "t") for i in range(3)),
    )
    a = RandomSystem(seed=1).rank(Direction.VACANCY, data, 5)
    assert a.scores == RandomSystem(seed=1).rank(Direction.VACANCY, data, 5).scores
    assert a.scores != RandomSystem(seed=2).rank(Direction.VACANCY, data, 5).scores
    assert a.ranked("p0") != a.ranked("p1")  # each query its own order
    fewer = Benchmark(candidates=data.candidates, packages=data.packages[:1])
    assert RandomSystem(seed=1).rank(Direction.VACANCY, fewer, 5).ranked("p0") == a.ranked("p0")


def test_popularity_puts_placed_then_complete_records_first():
    plain = Candidate("c1")
    complete = Candidate("c2", location=Location("Utrecht"), wishes="post", experience=("post",))
    placed = Candidate("c3")
    data = Benchmark(
        candidates=(plain, complete, placed),
        packages=(WorkPackage("p1", "e", "rijk", "t"), WorkPackage("p2", "e", "rijk", "t", description="x")),
        placements=(Placement("c3", "p2", date(2020, 1, 1)),),
    )
    run = PopularitySystem().rank(Direction.VACANCY, data, 10)
    assert [d for d, _ in run.ranked("p1")] == ["c3", "c2", "c1"]
    assert run.ranked("p1") == run.ranked("p2")  # not personalised
    assert [d for d, _ in PopularitySystem().rank(Direction.CANDIDATE, data, 1).ranked("c1")] == ["p2"]


def test_completeness_counts_known_fields():
    assert completeness(Candidate("c")) == 0.0
    assert completeness(Candidate("c", location=Location("Utrecht"), wishes="x")) == pytest.approx(2 / 13)
    assert completeness(WorkPackage("p", "e", "rijk", "t", description="d")) == pytest.approx(1 / 11)


def test_k_must_be_positive(tmp_path):
    data = load_benchmark(write_tiny_world(tmp_path))
    for k in (0, -1, True):
        with pytest.raises(SchemaError, match="k"):
            RandomSystem().rank(Direction.VACANCY, data, k)


def test_select_all_skips_missing_and_names_them(monkeypatch):
    ghost = SystemSpec(
        "ghost", "needs a module that does not exist", ("matcher.no_such_module",), lambda o: None
    )
    monkeypatch.setattr("evaluation.systems.registry.SYSTEMS", (*SYSTEMS, ghost))
    specs, skipped = select_systems("all")
    assert "ghost" not in [s.name for s in specs]
    assert skipped["ghost"] == ("matcher.no_such_module",)
    assert missing_modules(ghost) == ("matcher.no_such_module",)


def test_select_by_name_and_errors(monkeypatch):
    specs, skipped = select_systems("tfidf, random")
    assert [s.name for s in specs] == ["random", "tfidf"] and skipped == {}
    with pytest.raises(SystemUnavailableError, match="unknown system 'bm42'"):
        select_systems("random,bm42")
    with pytest.raises(SystemUnavailableError, match="expected 'all'"):
        select_systems(" , ")
    ghost = SystemSpec("ghost", "x", ("matcher.no_such_module",), lambda o: None)
    monkeypatch.setattr("evaluation.systems.registry.SYSTEMS", (*SYSTEMS, ghost))
    monkeypatch.setitem(registry._BY_NAME, "ghost", ghost)
    with pytest.raises(SystemUnavailableError, match=r"needs matcher\.no_such_module"):
        select_systems("ghost")


def test_dense_systems_need_an_encoder():
    if missing_modules(next(s for s in SYSTEMS if s.name == "embedding")):
        pytest.skip("dense modules not present")
    with pytest.raises(SystemUnavailableError, match="encoder"):
        build_system("embedding", SystemOptions())
