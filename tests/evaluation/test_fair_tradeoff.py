"""scripts/fair_tradeoff.py replays ``full_fair`` over a saved ``full`` run: the replay must equal the system."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from evaluation.dataset import load_benchmark
from evaluation.runs import Direction
from evaluation.systems import SystemOptions, build_system
from matcher.encoders import HashingEncoder
from tests.evaluation.tiny_world import write_tiny_world

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fair_tradeoff.py"


@pytest.fixture(scope="module")
def tradeoff():
    spec = importlib.util.spec_from_file_location("fair_tradeoff", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("depth", [5, 20])
def test_replaying_the_full_run_equals_the_full_fair_system(tradeoff, tmp_path, depth):
    data = load_benchmark(write_tiny_world(tmp_path))
    options = SystemOptions(encoder=HashingEncoder, progress=False, fairness_depth=depth)
    full = build_system("full", options).rank(Direction.VACANCY, data, 20)
    fair = build_system("full_fair", options).rank(Direction.VACANCY, data, 20)
    replayed = tradeoff.replay(full, data.group_labels("limitation_type"), depth, "full_fair")
    assert {q: [d for d, _ in fair.ranked(q)] for q in fair.scores} == {
        q: [d for d, _ in replayed.ranked(q)] for q in replayed.scores
    }
    assert fair.scores != full.scores  # the tiny world has something to re-rank


def test_the_script_prints_the_curve(tradeoff, tmp_path, capsys):
    data_dir = write_tiny_world(tmp_path / "world")
    data = load_benchmark(data_dir)
    from evaluation.runs import run_path, write_run

    full = build_system("full", SystemOptions(encoder=HashingEncoder, progress=False)).rank(
        Direction.VACANCY, data, 30
    )
    write_run(full, run_path(tmp_path / "runs", "full", Direction.VACANCY))
    out = tmp_path / "curve.json"
    assert tradeoff.main(["--data", str(data_dir), "--runs", str(tmp_path / "runs"), "--depths", "10,24",
                          "--permutations", "50", "--json", str(out)]) == 0  # fmt: skip
    table = capsys.readouterr().out
    assert "`greedy_d10`" in table and "`greedy_d24`" in table
    assert out.read_text(encoding="utf-8").count('"violations@10": 0') == 3
