"""``python -m evaluation`` end to end on the tiny planted world.

Systems whose matcher modules are absent are skipped by ``--systems all`` (and named); a system whose
modules exist must run: if it breaks, ``main`` raises or returns non-zero and these tests fail.
"""

from __future__ import annotations

import json
import subprocess
import sys
import types

import pytest

from evaluation.cli import main
from evaluation.runs import Direction, read_run
from evaluation.systems import available_systems
from evaluation.systems.registry import OPT_IN
from tests.evaluation.tiny_world import write_tiny_world

FAST = ["--encoder", "hashing", "--k", "20", "--no-progress", "--permutations", "500"]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return write_tiny_world(tmp_path_factory.mktemp("world"))


@pytest.fixture(scope="module")
def report(world, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    status = main(
        ["run", "--data", str(world), "--systems", "all", "--out", str(out), "--baseline", "random", *FAST]
    )
    assert status == 0
    return out


def test_run_writes_runs_metrics_plots_and_report(report):
    systems = [s for s in available_systems() if s not in OPT_IN]  # 'all' leaves out full_fair
    assert {"random", "popularity"} <= set(systems)
    names = sorted(p.name for p in (report / "runs").glob("*.trec"))
    assert names == sorted(f"{s}.{d}.trec" for s in systems for d in Direction)
    metrics = json.loads((report / "metrics.json").read_text())
    assert metrics["baseline"] == "random"
    for direction in ("vacancy", "candidate"):
        assert list(metrics[direction]) == list(systems)
        for system in systems:
            row = metrics[direction][system]
            for key in ("ndcg@10", "map", "mrr", "recall@20"):
                assert 0.0 <= row[key] <= 1.0, (direction, system, key)
            assert isinstance(row["violations@10"], int)
        others = set(systems) - {"random"}
        assert set(metrics["significance"][direction]) == others
        for system in others:
            assert set(metrics["significance"][direction][system]) == {"ndcg@10", "map", "mrr", "recall@20"}
    for plot in ("plots/ndcg@10.png", "plots/exposure.vacancy.png"):
        assert (report / plot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = (report / "report.md").read_text()
    assert "# Ranking benchmark report" in text
    assert all(f"`{s}`" in text for s in systems)


def test_the_planted_ordering_shows_and_is_significant(report):
    metrics = json.loads((report / "metrics.json").read_text())
    for direction in ("vacancy", "candidate"):
        assert metrics[direction]["random"]["violations@10"] > 0
        for system in {"tfidf", "embedding", "embedding_constraints", "full"} & set(available_systems()):
            assert metrics[direction][system]["ndcg@10"] > metrics[direction]["random"]["ndcg@10"] + 0.2
            assert metrics["significance"][direction][system]["ndcg@10"]["significant"]
        for system in {"embedding_constraints", "full"} & set(available_systems()):
            assert metrics[direction][system]["violations@10"] == 0


def test_score_re_scores_saved_runs_identically(report, world, tmp_path):
    out = tmp_path / "again"
    status = main(
        [
            "score",
            "--data",
            str(world),
            "--runs",
            str(report / "runs"),
            "--out",
            str(out),
            "--baseline",
            "random",
            "--permutations",
            "500",
            "--no-progress",
        ]
    )
    assert status == 0
    assert (out / "metrics.json").read_text() == (report / "metrics.json").read_text()


def test_run_refuses_to_mix_with_old_runs(report, world, capsys):
    assert main(["run", "--data", str(world), "--systems", "random", "--out", str(report), *FAST]) == 2
    assert "--overwrite" in capsys.readouterr().err


def test_a_violating_constrained_run_fails(world, tmp_path, capsys):
    runs = tmp_path / "runs"
    runs.mkdir()
    # K0000 needs a prikkelarme werkplek that P000 does not offer: planted exclusion
    (runs / "full.vacancy.trec").write_text("P000 Q0 K0002 1 2.0 full\nP000 Q0 K0000 2 1.0 full\n")
    status = main(
        [
            "score",
            "--data",
            str(world),
            "--runs",
            str(runs),
            "--out",
            str(tmp_path / "r"),
            "--baseline",
            "full",
            "--directions",
            "vacancy",
            "--no-progress",
        ]
    )
    assert status == 1
    err = capsys.readouterr().err
    assert "FAIL: full (vacancy) returned 1 pairs" in err and "K0000" in err


def test_run_file_with_unknown_ids_is_refused(world, tmp_path, capsys):
    runs = tmp_path / "runs"
    runs.mkdir()
    (runs / "x.vacancy.trec").write_text("P000 Q0 NOBODY 1 1.0 x\n")
    assert main(["score", "--data", str(world), "--runs", str(runs), "--out", str(tmp_path / "r")]) == 2
    assert "ids not in the benchmark data" in capsys.readouterr().err


def test_invalid_records_are_reported_and_the_rest_is_ranked(world, tmp_path, capsys):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(world, data)
    with (data / "vacancies.jsonl").open("a") as out:
        out.write('{"id": "P999", "employer": "e", "sector": "nope", "title": "t"}\n')
    status = main(["run", "--data", str(data), "--systems", "random", "--out", str(tmp_path / "r"), *FAST])
    assert status == 1
    err = capsys.readouterr().err
    assert "vacancies.jsonl:16: sector" in err
    assert "[1/2] random vacancy" in err and "[2/2] random candidate" in err  # plain progress lines
    run = read_run(tmp_path / "r" / "runs" / "random.vacancy.trec")
    assert len(run.scores) == 15


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "--data", "X", "--out", "Y", "--directions", "sideways"], "--directions"),
        (["run", "--data", "X", "--out", "Y", "--metrics", "violations@10"], "--metrics"),
        (["run", "--data", "{world}", "--out", "{tmp}", "--systems", "bm42"], "unknown system 'bm42'"),
        (["run", "--data", "{tmp}/nothing", "--out", "{tmp}"], "python -m evaluation world"),
        (["run", "--data", "{world}", "--out", "{tmp}", "--k", "0"], "--k: expected a positive"),
    ],
)
def test_usage_errors_are_messages_not_tracebacks(argv, message, world, tmp_path, capsys):
    argv = [a.format(world=world, tmp=tmp_path) for a in argv]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_world_and_melo_are_delegated(monkeypatch):
    seen = {}
    fake = types.ModuleType("evaluation.world")
    fake.world_main = lambda argv: seen.setdefault("world", argv) and 0
    monkeypatch.setitem(sys.modules, "evaluation.world", fake)
    assert main(["world", "--size", "10", "--seed", "3", "--out", "w"]) == 0
    assert seen["world"] == ["--size", "10", "--seed", "3", "--out", "w"]
    melo = types.ModuleType("evaluation.melo")
    melo.melo_main = lambda argv: 7
    monkeypatch.setitem(sys.modules, "evaluation.melo", melo)
    assert main(["melo", "--data", "d"]) == 7


def test_missing_delegate_is_a_clear_message(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "evaluation.melo", None)
    assert main(["melo", "--data", "d"]) == 2
    assert "evaluation.melo is not available" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "evaluation.world", types.ModuleType("evaluation.world"))
    assert main(["world"]) == 2
    assert "has no world_main() yet" in capsys.readouterr().err


def test_python_dash_m_lists_systems():
    done = subprocess.run(
        [sys.executable, "-m", "evaluation", "systems"], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[0].startswith("random")
    assert all(name in done.stdout for name in available_systems())
