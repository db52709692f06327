"""`banenmatch run` and `banenmatch match` on files, including bad input set aside."""

from __future__ import annotations

import json

import pytest

from matcher.cli import main
from matcher.io import write_jsonl
from matcher.schema import CandidateHours, PackageHours
from tests.planted import candidate, package, planted_world


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    candidates, packages, twins = planted_world(seed=5, per_kind=3)
    write_jsonl(candidates, folder / "candidates.jsonl")
    write_jsonl(packages, folder / "vacancies.jsonl")
    return folder, twins


def _args(folder, *extra):
    return [
        "--candidates",
        str(folder / "candidates.jsonl"),
        "--vacancies",
        str(folder / "vacancies.jsonl"),
        "--encoder",
        "hashing",
        *extra,
    ]


def _read_run(path):
    rows = [line.split() for line in path.read_text(encoding="utf-8").splitlines()]
    assert all(len(r) == 6 and r[1] == "Q0" for r in rows)
    return rows


def test_run_writes_a_trec_run_with_ranks_agreeing_with_scores(files, tmp_path):
    folder, twins = files
    out = tmp_path / "run.trec"
    assert main(["run", *_args(folder, "--direction", "vacancy", "--k", "4", "--out", str(out))]) == 0
    rows = _read_run(out)
    by_query: dict[str, list[list[str]]] = {}
    for row in rows:
        by_query.setdefault(row[0], []).append(row)
    assert set(by_query) == set(twins)
    for query, results in by_query.items():
        assert len(results) <= 4
        assert [int(r[3]) for r in results] == list(range(1, len(results) + 1))
        scores = [float(r[4]) for r in results]
        assert scores == sorted(scores, reverse=True)
        assert results[0][2] == twins[query]


def test_run_in_the_candidate_direction(files, tmp_path):
    folder, twins = files
    out = tmp_path / "run.trec"
    assert main(["run", *_args(folder, "--direction", "candidate", "--k", "2", "--out", str(out))]) == 0
    top = {r[0]: r[2] for r in _read_run(out) if r[3] == "1"}
    for package_id, candidate_id in twins.items():
        assert top[candidate_id] == package_id


def test_bad_records_are_reported_set_aside_and_the_rest_is_ranked(files, tmp_path, capsys):
    folder, twins = files
    bad = tmp_path / "candidates.jsonl"
    lines = (folder / "candidates.jsonl").read_text(encoding="utf-8").splitlines()
    lines.insert(1, '{"id": "X1", "hours": {"min_per_week": 30, "max_per_week": 10}}')
    lines.insert(3, "not json")
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "run.trec"
    code = main(
        [
            "run",
            "--candidates",
            str(bad),
            "--vacancies",
            str(folder / "vacancies.jsonl"),
            "--encoder",
            "hashing",
            "--direction",
            "vacancy",
            "--out",
            str(out),
        ]
    )
    printed = capsys.readouterr().out.splitlines()
    assert code == 1
    assert any(line.startswith(f"{bad}:2: hours") for line in printed)
    assert any(line.startswith(f"{bad}:4:") for line in printed)
    assert {r[0] for r in _read_run(out)} == set(twins)
    assert "X1" not in {r[2] for r in _read_run(out)}


def test_match_json_is_machine_readable_with_explanations(files, capsys):
    folder, twins = files
    package_id, candidate_id = next(iter(twins.items()))
    assert main(["match", *_args(folder, "--vacancy", package_id, "--k", "3", "--json")]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["query"] == {"vacancy": package_id}
    assert payload["results"][0]["candidate_id"] == candidate_id
    explanation = payload["results"][0]["explanation"]
    assert {"checks", "signaleringen", "unknowns", "contributions", "evidence", "competences"} <= set(
        explanation
    )


def test_match_text_is_dutch_and_unknown_ids_are_a_usage_error(files, capsys):
    folder, twins = files
    _, candidate_id = next(iter(twins.items()))
    assert main(["match", *_args(folder, "--candidate", candidate_id, "--k", "1")]) == 0
    assert "Wat de rangorde bepaalde" in capsys.readouterr().out
    assert main(["match", *_args(folder, "--vacancy", "no-such-id")]) == 2
    assert "not in the loaded data" in capsys.readouterr().err


def test_match_why_not_lists_what_the_hard_rule_excludes_in_both_directions(tmp_path, capsys):
    person = candidate("K1", "post", hours=CandidateHours(min_per_week=12, max_per_week=20, max_per_day=8))
    fits = package("P-fits", "post", hours=PackageHours(per_week=16, per_day=4))
    too_long = package("P-long", "post", hours=PackageHours(per_week=24, per_day=6))
    write_jsonl([person], tmp_path / "candidates.jsonl")
    write_jsonl([fits, too_long], tmp_path / "vacancies.jsonl")
    assert main(["match", *_args(tmp_path, "--candidate", "K1", "--why-not", "--json")]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [r["package_id"] for r in payload["results"]] == ["P-fits"]
    assert [(e["candidate_id"], e["package_id"]) for e in payload["excluded"]] == [("K1", "P-long")]
    assert [c["outcome"] for c in payload["excluded"][0]["checks"]] == ["exclude"]
    assert main(["match", *_args(tmp_path, "--candidate", "K1", "--why-not")]) == 0
    assert "x P-long" in capsys.readouterr().out
    assert main(["match", *_args(tmp_path, "--vacancy", "P-long", "--why-not", "--json")]) == 0
    assert [e["candidate_id"] for e in json.loads(capsys.readouterr().out)["excluded"]] == ["K1"]
