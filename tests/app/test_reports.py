"""webapp.reports: finding report folders, tables from metrics.json, progress, and running a command."""

from __future__ import annotations

import json
import os
import sys
import time

from webapp.reports import (
    MIN_JUDGED_QUERIES,
    find_reports,
    judged_queries,
    metrics_tables,
    progress_fraction,
    run_evaluation,
    run_steps,
    small_run_commands,
    small_run_packages,
    too_few_judged,
)


def _report(folder, metrics=None, markdown=None, plot=False):
    (folder / "plots").mkdir(parents=True, exist_ok=True)
    if metrics is not None:
        (folder / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    if markdown is not None:
        (folder / "report.md").write_text(markdown, encoding="utf-8")
    if plot:
        (folder / "plots" / "ndcg@10.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return folder


def test_report_folders_are_found_newest_first_and_image_links_are_dropped(tmp_path):
    old = _report(tmp_path / "a", metrics={"x": 1})
    past = time.time() - 3600
    os.utime(old / "metrics.json", (past, past))
    _report(tmp_path / "b", markdown="# Rapport\n\n![ndcg](plots/ndcg@10.png)\n\nTekst.\n", plot=True)
    (tmp_path / "leeg").mkdir()
    reports = find_reports(tmp_path)
    assert [r.name for r in reports] == ["b", "a"]
    assert reports[0].markdown == "# Rapport\n\n\n\nTekst.\n"
    assert [p.name for p in reports[0].images] == ["ndcg@10.png"]
    assert reports[1].metrics == {"x": 1} and reports[1].markdown is None
    assert find_reports(tmp_path / "bestaat-niet") == []


def test_metrics_tables_follow_the_evaluation_layout():
    metrics = {
        "vacancy": {
            "full": {"ndcg@10": 0.6, "violations@10": 0, "ci95": {"ndcg@10": [0.5, 0.7]}},
            "tfidf": {"ndcg@10": 0.4, "violations@10": 7, "ci95": {"ndcg@10": [0.3, 0.5]}},
        },
        "significance": {"vacancy": {"full": {"ndcg@10": {"p_student": 0.01, "significant": True}}}},
        "baseline": "tfidf",
    }
    tables = dict(metrics_tables(metrics))
    assert list(tables) == ["vacancy", "significance.vacancy.full", ""]
    systems = tables["vacancy"]
    assert list(systems.index) == ["full", "tfidf"] and list(systems.columns) == ["ndcg@10", "violations@10"]
    assert systems.loc["tfidf", "violations@10"] == 7
    assert tables["significance.vacancy.full"].loc["ndcg@10", "p_student"] == 0.01
    assert tables[""].loc["baseline"].iloc[0] == "tfidf"


def test_progress_is_read_from_step_markers_and_the_outer_bar():
    assert progress_fraction("[3/12] tfidf vacancy") == 0.25
    assert progress_fraction("systems:  75%|███████▌  | 9/12 [00:02<00:00][10/12] full candidate") == 10 / 12
    assert progress_fraction("systems:  50%|█████     | 6/12 [00:02<00:02,  2.1run/s]") == 0.5
    assert progress_fraction("full candidate:  34%|███▎      | 67/200 [00:00<00:00]") is None  # an inner bar
    assert progress_fraction("wrote reports/x/report.md and reports/x/metrics.json") is None
    assert progress_fraction("[0/0] niets") is None


def test_steps_run_in_order_report_overall_progress_and_stop_at_a_failure():
    lines: list[str] = []
    progress: list[float] = []
    ok = [sys.executable, "-c", "print('[1/2] a'); print('[2/2] b')"]
    fail = [sys.executable, "-c", "import sys; print('[1/4] c'); sys.exit(2)"]
    never = [sys.executable, "-c", "print('niet bereikt')"]
    assert run_steps([ok, ok], lines.append, progress.append) == 0
    assert progress == [0.25, 0.5, 0.5, 0.75, 1.0, 1.0]
    lines.clear()
    assert run_steps([ok, fail, never], lines.append, progress.append) == 2
    assert lines == ["[1/2] a", "[2/2] b", "[1/4] c"]


def test_a_small_run_is_a_dense_regional_world_then_a_run_on_it(tmp_path):
    world, run = small_run_commands(tmp_path / "r", candidates=1000, seed=4, encoder="hashing")
    assert world[1:] == [
        "-m",
        "evaluation",
        "world",
        "--size",
        "1000",
        "--seed",
        "4",
        "--out",
        str(tmp_path / "r" / "world"),
        "--region",
        "Utrecht",  # a national world of 200 candidates had 1 relevant pair in all
        "--n-packages",
        "200",  # one package per five candidates, not the world's one per ten
    ]
    assert run[1:4] == ["-m", "evaluation", "run"]
    assert run[run.index("--data") + 1] == str(tmp_path / "r" / "world")
    assert run[run.index("--out") + 1] == str(tmp_path / "r")
    assert run[run.index("--encoder") + 1] == "hashing"
    other, _ = small_run_commands(tmp_path / "s", candidates=300, seed=4, encoder="hashing", region="Zwolle")
    assert other[other.index("--region") + 1] == "Zwolle" and other[other.index("--n-packages") + 1] == "60"
    assert [small_run_packages(n) for n in (50, 100, 101, 2000)] == [20, 20, 20, 400]


def _directions(vacancy: int, candidate: int) -> dict:
    def rows(judged: int) -> dict:
        return {s: {"ndcg@10": 0.5, "judged_queries": judged} for s in ("tfidf", "full")}

    return {"vacancy": rows(vacancy), "candidate": rows(candidate), "baseline": "tfidf"}


def test_directions_with_too_few_judged_queries_are_named():
    assert MIN_JUDGED_QUERIES == 30
    assert judged_queries(_directions(1, 100)) == {"vacancy": 1, "candidate": 100}
    assert too_few_judged(_directions(1, 100)) == {"vacancy": 1}
    assert too_few_judged(_directions(29, 30)) == {"vacancy": 29}
    assert too_few_judged(_directions(100, 100)) == {}
    assert too_few_judged(_directions(100, 100), minimum=101) == {"vacancy": 100, "candidate": 100}
    # reports without the count (older or hand-written ones) and odd files are not flagged
    assert too_few_judged({"vacancy": {"full": {"ndcg@10": 0.6}}}) == {}
    assert too_few_judged({"vacancy": {"full": {"judged_queries": True}}}) == {}
    assert too_few_judged([1, 2]) == {} and too_few_judged(None) == {}


def test_run_evaluation_streams_lines_and_returns_the_exit_code():
    lines: list[str] = []
    code = run_evaluation(
        [sys.executable, "-c", "import sys; print('stap 1/2'); print('fout', file=sys.stderr); sys.exit(3)"],
        lines.append,
    )
    assert code == 3
    assert lines == ["stap 1/2", "fout"]
