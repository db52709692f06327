"""report.md: a direction with too few judged queries says so in plain words and shows no p-values."""

from __future__ import annotations

import json

import pytest

from evaluation.experiment import Scorecard, ScoreSettings, SystemScores
from evaluation.metrics.coverage import Coverage
from evaluation.metrics.significance import Comparison
from evaluation.metrics.violations import Violations
from evaluation.report import MIN_JUDGED_QUERIES, write_report
from evaluation.runs import Direction

SETTINGS = ScoreSettings(metrics=("ndcg@10",), permutations=100)
TOO_FEW = "**Too few judged queries to conclude anything**"


def _scores(system: str, direction: Direction, judged: int, value: float) -> SystemScores:
    per_query = {"ndcg@10": {f"Q{i:03d}": value for i in range(judged)}}
    return SystemScores(
        system=system,
        direction=direction,
        means={"ndcg@10": value},
        per_query=per_query,
        unjudged=0,
        violations=Violations(count=0, pairs=10 * judged, queries=0),
        coverage=Coverage(documents=0.5, queries=1.0),
    )


def _card(vacancy: int, candidate: int) -> Scorecard:
    judged = {Direction.VACANCY: vacancy, Direction.CANDIDATE: candidate}
    systems = tuple(
        _scores(name, direction, judged[direction], value)
        for direction in Direction
        for name, value in (("tfidf", 0.2), ("full", 0.6))
    )
    comparison = Comparison("full", "tfidf", "ndcg@10", 0.6, 0.2, 0.0421, 0.0437, 1, 0, 0)
    significance = {d: {"full": {"ndcg@10": comparison}} for d in Direction}
    summary = {"candidates": 200, "packages": 20, "placements": 0, "invalid_records": 0}
    return Scorecard(SETTINGS, systems, significance, summary)


def _sections(text: str) -> dict[str, str]:
    parts = text.split("\n## ")
    return {part.split("\n", 1)[0].split(" ", 1)[0]: part for part in parts[1:]}


def test_a_direction_with_one_judged_query_says_it_is_too_few_and_shows_no_p_values(tmp_path):
    # was: "Means over 1 judged queries" followed by a table of p-values, as if they meant something
    written = write_report(_card(vacancy=1, candidate=100), tmp_path)
    sections = _sections(written["report"].read_text(encoding="utf-8"))
    vacancy, candidate = sections["vacancy"], sections["candidate"]
    assert "Means over 1 judged queries" in vacancy
    assert TOO_FEW in vacancy and f"at least {MIN_JUDGED_QUERIES}" in vacancy
    assert "Against `tfidf`" not in vacancy and "0.042" not in vacancy
    assert TOO_FEW not in candidate
    assert "Against `tfidf`" in candidate and "+0.400* (0.042 / 0.044)" in candidate
    # metrics.json keeps the tests of both directions
    metrics = json.loads(written["metrics"].read_text(encoding="utf-8"))
    assert metrics["significance"]["vacancy"]["full"]["ndcg@10"]["p_student"] == pytest.approx(0.0421)
    assert metrics["vacancy"]["full"]["judged_queries"] == 1


@pytest.mark.parametrize(("judged", "too_few"), [(MIN_JUDGED_QUERIES - 1, True), (MIN_JUDGED_QUERIES, False)])
def test_the_notice_starts_below_the_minimum(tmp_path, judged, too_few):
    report = write_report(_card(vacancy=judged, candidate=judged), tmp_path)["report"]
    text = report.read_text(encoding="utf-8")
    assert text.count(TOO_FEW) == (2 if too_few else 0)
    assert text.count("Against `tfidf`") == (0 if too_few else 2)


def test_a_direction_without_qrels_gets_no_notice(tmp_path):
    card = _card(vacancy=100, candidate=100)
    # the candidate direction without qrels: no means, no per-query values, no tests
    bare = tuple(
        SystemScores(s.system, s.direction, {}, {}, 0, s.violations, s.coverage)
        if s.direction is Direction.CANDIDATE
        else s
        for s in card.systems
    )
    card = Scorecard(
        card.settings, bare, {Direction.VACANCY: card.significance[Direction.VACANCY]}, card.data_summary
    )
    text = write_report(card, tmp_path)["report"].read_text(encoding="utf-8")
    assert TOO_FEW not in text
