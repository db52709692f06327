"""webapp.reports: finding report folders, tables from metrics.json, progress, and running a command."""

from __future__ import annotations

import json
import os
import sys
import time

from webapp.reports import find_reports, metrics_tables, progress_fraction, run_evaluation


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
    assert set(tables) == {"", "vacancy", "significance.vacancy.full"}
    systems = tables["vacancy"]
    assert list(systems.index) == ["full", "tfidf"] and list(systems.columns) == ["ndcg@10", "violations@10"]
    assert systems.loc["tfidf", "violations@10"] == 7
    assert tables["significance.vacancy.full"].loc["ndcg@10", "p_student"] == 0.01
    assert tables[""].loc["baseline"].iloc[0] == "tfidf"


def test_progress_is_read_from_counters_in_log_lines():
    assert progress_fraction(" 40%|████      | 4/10 [00:01<00:02]") == 0.4
    assert progress_fraction("[3/3] full") == 1.0
    assert progress_fraction("wrote reports/x/report.md") is None
    assert progress_fraction("0/0") is None


def test_run_evaluation_streams_lines_and_returns_the_exit_code():
    lines: list[str] = []
    code = run_evaluation(
        [sys.executable, "-c", "import sys; print('stap 1/2'); print('fout', file=sys.stderr); sys.exit(3)"],
        lines.append,
    )
    assert code == 3
    assert lines == ["stap 1/2", "fout"]
