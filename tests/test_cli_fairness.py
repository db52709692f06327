"""`banenmatch run|match --fairness GROUPS`: fair re-ranking from the command line."""

from __future__ import annotations

import json

import pytest

from matcher.cli import main
from matcher.paths import SAMPLE_DIR

SAMPLE = str(SAMPLE_DIR)


def _args(*extra):
    return [
        "--candidates",
        f"{SAMPLE}/candidates.jsonl",
        "--vacancies",
        f"{SAMPLE}/vacancies.jsonl",
        "--placements",
        f"{SAMPLE}/placements.jsonl",
        "--encoder",
        "hashing",
        *extra,
    ]


def _vacancy() -> str:
    with open(f"{SAMPLE}/vacancies.jsonl", encoding="utf-8") as handle:
        return json.loads(handle.readlines()[1])["id"]


def test_match_json_marks_who_was_moved_up_and_keeps_the_same_results(capsys):
    assert main(["match", *_args("--vacancy", _vacancy(), "--k", "10", "--json")]) == 0
    plain = json.loads(capsys.readouterr().out)["results"]
    assert main(["match", *_args("--vacancy", _vacancy(), "--k", "10", "--json", "--fairness",
                                 f"{SAMPLE}/audit.jsonl", "--fairness-depth", "30")]) == 0  # fmt: skip
    fair = json.loads(capsys.readouterr().out)["results"]
    raised = [r for r in fair if r["explanation"]["raised_from"] is not None]
    assert raised and all(r["explanation"]["raised_from"] > r["rank"] for r in raised)
    assert all(r["explanation"]["raised_from"] is None for r in plain)
    # every result is scored as without fairness (the scores of the same pairs agree)
    plain_score = {r["candidate_id"]: r["score"] for r in plain}
    assert all(plain_score.get(r["candidate_id"], r["score"]) == r["score"] for r in fair)
    assert main(["match", *_args("--vacancy", _vacancy(), "--k", "10", "--fairness",
                                 f"{SAMPLE}/audit.jsonl", "--fairness-depth", "30")]) == 0  # fmt: skip
    assert "Hoger gezet door de eerlijke herschikking" in capsys.readouterr().out


def test_run_with_fairness_writes_scores_that_agree_with_the_ranks(tmp_path):
    out = tmp_path / "fair.trec"
    assert main(["run", *_args("--direction", "vacancy", "--k", "5", "--out", str(out), "--fairness",
                               f"{SAMPLE}/audit.jsonl")]) == 0  # fmt: skip
    rows = [line.split() for line in out.read_text(encoding="utf-8").splitlines()]
    by_query: dict[str, list[tuple[int, float]]] = {}
    for q, _, _, rank, score, _ in rows:
        by_query.setdefault(q, []).append((int(rank), float(score)))
    for ranked in by_query.values():
        assert [s for _, s in sorted(ranked)] == sorted((s for _, s in ranked), reverse=True)


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "fairness file not found"), ('{"id": "K1"}\nnot json\n', "groups.jsonl:2: line")],
)
def test_a_bad_groups_file_is_named(tmp_path, capsys, content, message):
    path = tmp_path / "groups.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code = main(["match", *_args("--vacancy", _vacancy(), "--fairness", str(path))])
    assert code == 2
    assert message in capsys.readouterr().err
