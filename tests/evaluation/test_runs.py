"""Runs and qrels: ordering, TREC round trips, and rejection of malformed files."""

from __future__ import annotations

import pytest

from evaluation.runs import (
    Direction,
    Qrels,
    Run,
    read_qrels,
    read_run,
    run_path,
    write_qrels,
    write_run,
)
from matcher.errors import SchemaError


def test_ranked_orders_by_score_then_doc_id():
    run = Run("sys", Direction.VACANCY, {"p1": {"c3": 0.2, "c2": 0.7, "c1": 0.7, "c4": -1.0}})
    assert run.ranked("p1") == [("c1", 0.7), ("c2", 0.7), ("c3", 0.2), ("c4", -1.0)]
    assert run.ranked("p1", k=2) == [("c1", 0.7), ("c2", 0.7)]
    assert run.ranked("absent") == []


def test_top_cuts_every_query():
    run = Run("sys", "candidate", {"c1": {"p1": 3, "p2": 2, "p3": 1}, "c2": {"p9": 1}})
    top = run.top(2)
    assert top.direction is Direction.CANDIDATE
    assert dict(top.scores["c1"]) == {"p1": 3.0, "p2": 2.0}
    assert dict(top.scores["c2"]) == {"p9": 1.0}


def test_rank_scores_encode_tie_break():
    run = Run("sys", "vacancy", {"q": {"b": 1.0, "a": 1.0, "c": 2.0}})
    assert run.as_rank_scores() == {"q": {"c": 3.0, "a": 2.0, "b": 1.0}}


def test_run_rejects_nan_and_bad_names():
    with pytest.raises(ValueError, match="finite"):
        Run("sys", "vacancy", {"q": {"d": float("nan")}})
    with pytest.raises(ValueError, match="without spaces"):
        Run("two words", "vacancy", {})
    with pytest.raises(ValueError):
        Run("sys", "sideways", {})


def test_run_round_trip_is_exact(tmp_path):
    scores = {"p2": {"c1": 0.1 + 0.2, "c2": 1 / 3, "c3": 1 / 3}, "p1": {"c9": -2.5e-12}, "p3": {}}
    run = Run("tfidf", Direction.VACANCY, scores)
    path = write_run(run, run_path(tmp_path, "tfidf", "vacancy"))
    assert path.name == "tfidf.vacancy.trec"
    lines = path.read_text().splitlines()
    assert lines[0] == "p1 Q0 c9 1 -2.5e-12 tfidf"
    # ties (c2, c3 share 1/3) are ranked by doc id, before the lower 0.30000000000000004
    assert [line.split()[2:4] for line in lines[1:]] == [["c2", "1"], ["c3", "2"], ["c1", "3"]]
    back = read_run(path)
    assert back.system == "tfidf"
    assert back.direction is Direction.VACANCY
    # the empty query p3 cannot be written in TREC; everything else comes back bit for bit
    assert {q: dict(d) for q, d in back.scores.items()} == {"p2": scores["p2"], "p1": scores["p1"]}


def test_read_run_rejects_ranks_that_disagree_with_scores(tmp_path):
    path = tmp_path / "x.vacancy.trec"
    path.write_text("q Q0 a 1 0.5 x\nq Q0 b 2 0.9 x\n")
    with pytest.raises(SchemaError, match=r"x\.vacancy\.trec:2: rank"):
        read_run(path)


def test_read_run_rejects_tie_in_wrong_doc_order(tmp_path):
    path = tmp_path / "x.vacancy.trec"
    path.write_text("q Q0 b 1 0.5 x\nq Q0 a 2 0.5 x\n")
    with pytest.raises(SchemaError, match="ties broken by ascending doc id"):
        read_run(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("q Q0 a 1 0.5\n", r":1: line: expected 6"),
        ("q Q0 a one 0.5 x\n", r":1: rank: expected a whole number"),
        ("q Q0 a 1 high x\n", r":1: score: expected a number"),
        ("q Q0 a 1 nan x\n", r":1: score: expected a finite"),
        ("q Q0 a 1 0.5 x\nq Q0 a 2 0.4 x\n", r":2: doc_id: a appears twice"),
        ("q Q0 a 1 0.5 x\nq Q0 b 1 0.4 x\n", r"rank"),
        ("q Q0 a 1 0.5 x\nr Q0 b 1 0.4 y\n", r"one system tag"),
    ],
)
def test_read_run_errors_name_line_and_field(tmp_path, text, message):
    path = tmp_path / "sys.candidate.trec"
    path.write_text(text)
    with pytest.raises(SchemaError, match=message):
        read_run(path)


def test_read_run_needs_direction(tmp_path):
    path = tmp_path / "run.txt"
    path.write_text("q Q0 a 1 0.5 x\n")
    with pytest.raises(SchemaError, match=r"SYSTEM\.DIRECTION\.trec"):
        read_run(path)
    assert read_run(path, direction="candidate").direction is Direction.CANDIDATE


def test_qrels_round_trip(tmp_path):
    qrels = Qrels("candidate", {"c1": {"p2": 3, "p1": 0}, "c2": {"p1": 1}})
    path = write_qrels(qrels, tmp_path / "qrels.candidate.tsv")
    assert path.read_text().splitlines() == ["c1 0 p1 0", "c1 0 p2 3", "c2 0 p1 1"]
    back = read_qrels(path, direction="candidate")
    assert {q: dict(d) for q, d in back.grades.items()} == {"c1": {"p1": 0, "p2": 3}, "c2": {"p1": 1}}
    assert back.judged_queries() == ("c1", "c2")
    assert back.judged_queries(min_grade=2) == ("c1",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("q 0 a 4\n", r":1: grade: expected a whole number 0\.\.3"),
        ("q 0 a x\n", r":1: grade"),
        ("q 0 a\n", r":1: line: expected 4"),
        ("q 0 a 1\nq 0 a 2\n", r":2: doc_id: \(q, a\) is judged twice"),
    ],
)
def test_read_qrels_errors(tmp_path, text, message):
    path = tmp_path / "qrels.tsv"
    path.write_text(text)
    with pytest.raises(SchemaError, match=message):
        read_qrels(path, direction="vacancy")


def test_qrels_rejects_grade_out_of_range():
    with pytest.raises(ValueError, match=r"expected 0\.\.3"):
        Qrels("vacancy", {"q": {"d": 7}})
