"""Readers against hostile or absurd input (issue 12): one bad value never stops a file, every accepted
value is one the matcher handles, and problem messages never repeat private text."""

from __future__ import annotations

import json
from typing import Any

import pytest

from matcher.cli import main
from matcher.contract import load_contract
from matcher.encoders import HashingEncoder
from matcher.io import (
    id_problem,
    parse_candidate,
    parse_package,
    read_candidates,
    read_carving_tasks,
    read_packages,
)
from matcher.recommend import Matcher

HUGE = int("9" * 400)
PRIVATE = "Jan de Vries heeft autisme en ADHD"


def make_matcher(candidates, packages) -> Matcher:
    return Matcher(encoder=HashingEncoder()).fit(candidates, packages)


# --------------------------------------------------------------------------------------------------
# One absurd number is one problem, never a crash


@pytest.mark.parametrize("value", [HUGE, -HUGE, 10**20])
def test_a_huge_integer_in_a_decimal_field_is_a_problem_of_its_line(package_dict, value):
    package_dict["tasks"] = [{"text": "Post sorteren", "hours_per_week": value}]
    data = (
        b'{"id": "P1", "employer": "e", "sector": "rijk", "title": "t"}\n' + json.dumps(package_dict).encode()
    )
    loaded = read_packages(data, name="v.jsonl")
    assert [p.id for p in loaded.records] == ["P1"]
    assert [(p.line, p.field) for p in loaded.problems] == [(2, "tasks[0].hours_per_week")]
    assert "out of range" in loaded.problems[0].message or "negative" in loaded.problems[0].message
    assert "9999999999" not in loaded.problems[0].message


def test_a_huge_integer_in_a_carving_task_is_a_problem_of_its_line(tmp_path):
    path = tmp_path / "taken.jsonl"
    path.write_text(
        json.dumps({"text": "Post", "hours_per_week": HUGE})
        + "\n"
        + json.dumps({"text": "Scannen", "hours_per_week": 2}),
        encoding="utf-8",
    )
    loaded = read_carving_tasks(path)
    assert [t.text for t in loaded.records] == ["Scannen"]
    assert [(p.line, p.field) for p in loaded.problems] == [(1, "hours_per_week")]


def test_validate_reports_a_huge_integer_as_a_line_not_a_traceback(tmp_path, capsys, package_dict):
    package_dict["tasks"] = [{"text": "Post", "hours_per_week": HUGE}]
    (tmp_path / "c.jsonl").write_text('{"id": "K1"}\n', encoding="utf-8")
    (tmp_path / "v.jsonl").write_text(json.dumps(package_dict) + "\n", encoding="utf-8")
    code = main(
        ["validate", "--candidates", str(tmp_path / "c.jsonl"), "--vacancies", str(tmp_path / "v.jsonl")]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith(f"{tmp_path / 'v.jsonl'}:1: tasks[0].hours_per_week: ")


# --------------------------------------------------------------------------------------------------
# Every accepted value is one the matcher handles: the largest and smallest of every range


def _extreme_records(high: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    fml = load_contract().fml
    pick = (lambda item: item.max_level) if high else (lambda item: 0)
    candidate = {
        "id": "K1",
        "available_from": "9999-12-31" if high else "0001-01-01",
        "travel": {"max_minutes": 1440 if high else 0, "modes": ["ov"]},
        "hours": {
            "min_per_week": 168 if high else 0,
            "max_per_week": 168 if high else 0,
            "max_per_day": 24 if high else 0,
        },
        "capacities": {"assessed": True, "levels": {code: pick(item) for code, item in fml.items()}},
        "location": {"municipality": "Utrecht", "postcode4": "9999" if high else "1000"},
    }
    package = {
        "id": "P1",
        "employer": "e",
        "sector": "rijk",
        "title": "t",
        "start": "9999-12-31" if high else "0001-01-01",
        "hours": {"per_week": 168 if high else 0, "per_day": 24 if high else 0},
        "tasks": [{"text": "Post", "hours_per_week": 168 if high else 0}],
        "demands": {code: pick(item) for code, item in fml.items()},
        "accommodations": [
            {"name": "a", "reduces": {code: item.max_level for code, item in fml.items()}, "confirmed": True}
        ],
        "location": {"municipality": "Groningen"},
    }
    return candidate, package


@pytest.mark.parametrize("high", [True, False], ids=["largest", "smallest"])
def test_the_ends_of_every_range_go_through_match_in_both_directions(high):
    raw_candidate, raw_package = _extreme_records(high)
    candidate, problems = parse_candidate(raw_candidate)
    assert problems == []
    package, problems = parse_package(raw_package)
    assert problems == []
    matcher = make_matcher([candidate], [package])
    matcher.for_vacancy("P1", k=5)
    matcher.for_candidate("K1", k=5)


def test_max_minutes_beyond_a_day_is_out_of_range(candidate_dict):
    candidate_dict["travel"]["max_minutes"] = 2147483648
    _, problems = parse_candidate(candidate_dict)
    assert [p.field for p in problems] == ["travel.max_minutes"]
    assert "expected an integer 0..1440" in problems[0].message


# --------------------------------------------------------------------------------------------------
# Messages name fields, codes and numbers only


def _texts(problems) -> str:
    return "\n".join(str(p) for p in problems)


def test_an_unknown_key_with_private_text_is_not_echoed(candidate_dict):
    candidate_dict[PRIVATE] = True
    candidate_dict["hours"][PRIVATE] = 1
    _, problems = parse_candidate(candidate_dict)
    assert len(problems) == 2
    assert "Vries" not in _texts(problems)
    assert all("unknown field" in p.message for p in problems)


def test_an_unknown_fml_key_with_private_text_is_not_echoed(candidate_dict, package_dict):
    candidate_dict["capacities"]["levels"][PRIVATE] = 1
    package_dict["demands"][PRIVATE] = 1
    package_dict["accommodations"][0]["reduces"][PRIVATE] = 1
    _, cand_problems = parse_candidate(candidate_dict)
    _, pkg_problems = parse_package(package_dict)
    assert len(cand_problems) == 1 and len(pkg_problems) == 2
    assert "Vries" not in _texts(cand_problems + pkg_problems)
    assert "unknown FML-lite item" in cand_problems[0].message


@pytest.mark.parametrize(
    "path",
    [
        "sector",
        "contract",
        "location.municipality",
        "schedule.days.0",
        "offers.0",
        "start",
        "location.postcode4",
    ],
)
def test_a_bsn_shaped_value_in_a_code_field_is_not_echoed(package_dict, path):
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    target: Any = package_dict
    for part in parents:
        target = target[part]
    target[last] = "123456782"
    _, problems = parse_package(package_dict)
    assert len(problems) == 1
    assert "123456782" not in str(problems[0])


@pytest.mark.parametrize("value", ["Jan de Vries", "Jan.de.Vries@example.nl 0612345678"])
def test_a_name_in_a_code_field_is_not_echoed(candidate_dict, value):
    candidate_dict["education"] = value
    candidate_dict["location"]["municipality"] = value
    _, problems = parse_candidate(candidate_dict)
    assert len(problems) == 2
    assert "Vries" not in _texts(problems)


def test_a_bsn_given_as_an_integer_id_is_not_echoed(candidate_dict, placement_dict):
    candidate_dict["id"] = 123456782
    _, problems = parse_candidate(candidate_dict)
    assert [p.field for p in problems] == ["id"] and "123456782" not in str(problems[0])


def test_a_duplicate_private_key_is_not_echoed():
    line = json.dumps({"id": "K1"})[:-1] + f', "{PRIVATE}": 1, "{PRIVATE}": 2}}'
    loaded = read_candidates(line.encode(), name="c.jsonl")
    assert len(loaded.problems) == 1 and "appears twice" in loaded.problems[0].message
    assert "Vries" not in str(loaded.problems[0])


def test_code_shaped_keys_and_values_are_still_shown(candidate_dict):
    candidate_dict["colour"] = "blue"
    candidate_dict["education"] = "MBO2"
    _, problems = parse_candidate(candidate_dict)
    assert "unknown field 'colour'" in _texts(problems) and "'MBO2'" in _texts(problems)


# --------------------------------------------------------------------------------------------------
# null as an FML-lite level or demand means unknown, as docs/CONTRACT.md says


def test_null_demand_is_unknown(package_dict):
    package_dict["demands"] = {"DH01": None, "PF05": 1}
    package_dict["accommodations"][0]["reduces"] = {"DH01": None}
    package, problems = parse_package(package_dict)
    assert problems == []
    assert dict(package.demands) == {"PF05": 1}
    assert package.effective_demand("DH01") is None
    assert dict(package.accommodations[0].reduces) == {}


def test_null_level_of_an_assessed_candidate_is_unknown_not_the_norm(candidate_dict):
    candidate_dict["capacities"] = {"assessed": True, "levels": {"DH01": None, "PF05": 1}}
    candidate, problems = parse_candidate(candidate_dict)
    assert problems == []
    assert candidate.capacities.level("DH01") is None
    assert candidate.capacities.level("PF05") == 1
    assert candidate.capacities.level("DH03") == load_contract().fml["DH03"].norm


def test_null_demand_in_a_carving_task_is_unknown(tmp_path):
    path = tmp_path / "taken.jsonl"
    path.write_text(
        json.dumps({"text": "Post", "hours_per_week": 2, "demands": {"DH01": None}}), encoding="utf-8"
    )
    loaded = read_carving_tasks(path)
    assert loaded.ok and dict(loaded.records[0].demands) == {}


# --------------------------------------------------------------------------------------------------
# Ids: no invisible or control characters


@pytest.mark.parametrize(
    "char", ["\u200b", "\x00", "\x07", "\u202e", "\ufeff", "\u2060", "\u00ad", "\U000e0001"]
)
def test_ids_with_invisible_or_control_characters_are_refused(char):
    problem = id_problem(f"K00{char}0123")
    assert problem is not None and "invisible or control character" in problem
    assert char not in problem


def test_ordinary_unicode_ids_are_accepted():
    assert id_problem("K-000.123_é") is None
