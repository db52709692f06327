"""Tests of ``banenmatch validate`` (and the CLI shell around it)."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from matcher.cli import main

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")


@pytest.fixture
def inputs(write_jsonl_lines, candidate_dict, package_dict, placement_dict):
    """Valid candidates, vacancies and placements files (2, 1 and 1 records)."""
    second = {"id": "K000124", "hours": {"min_per_week": 8, "max_per_week": 12}}
    return {
        "candidates": write_jsonl_lines([candidate_dict, second], "candidates.jsonl"),
        "vacancies": write_jsonl_lines([package_dict], "vacancies.jsonl"),
        "placements": write_jsonl_lines([placement_dict], "placements.jsonl"),
    }


def _args(files: dict[str, Path], *, placements: bool = True) -> list[str]:
    argv = ["validate", "--candidates", str(files["candidates"]), "--vacancies", str(files["vacancies"])]
    return [*argv, "--placements", str(files["placements"])] if placements else argv


def test_all_valid_exits_0_with_a_summary_on_stderr(inputs, capsys):
    assert main(_args(inputs)) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == "ok: 2 candidates, 1 package, 1 placement"


def test_placements_are_optional(inputs, capsys):
    assert main(_args(inputs, placements=False)) == 0
    assert capsys.readouterr().err.strip() == "ok: 2 candidates, 1 package"


def test_problems_exit_1_one_line_each_and_nothing_changes(inputs, write_jsonl_lines, candidate_dict, capsys):
    bad = dict(candidate_dict, id="K000125", education="MBO2")
    bad["hours"] = {"min_per_week": 30, "max_per_week": 20}
    inputs["candidates"] = write_jsonl_lines([candidate_dict, "{oops", bad], "candidates.jsonl")
    before = {name: (path.read_bytes(), path.stat().st_mtime_ns) for name, path in inputs.items()}

    assert main(_args(inputs)) == 1

    out, err = capsys.readouterr()
    lines = out.splitlines()
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    cand_file = str(inputs["candidates"])
    assert [(m["file"], m["line"], m["field"]) for m in parsed] == [
        (cand_file, "2", "<line>"),
        (cand_file, "3", "education"),
        (cand_file, "3", "hours.min_per_week"),
    ]
    assert "did you mean 'mbo2'?" in parsed[1]["message"]
    assert "invalid: 3 problems, 2 records set aside" in err
    assert {name: (path.read_bytes(), path.stat().st_mtime_ns) for name, path in inputs.items()} == before


def test_placements_with_unknown_ids_are_reported(inputs, write_jsonl_lines, placement_dict, capsys):
    inputs["placements"] = write_jsonl_lines(
        [placement_dict, dict(placement_dict, candidate_id="K999"), dict(placement_dict, end="2020-01-01")],
        "placements.jsonl",
    )
    assert main(_args(inputs)) == 1
    lines = capsys.readouterr().out.splitlines()
    place_file = str(inputs["placements"])
    assert lines[0].startswith(f"{place_file}:2: candidate_id: unknown candidate id 'K999'")
    assert lines[1].startswith(f"{place_file}:3: end: end 2020-01-01 is before start 2024-03-01")
    assert len(lines) == 2


def test_placements_of_set_aside_candidates_count_as_unknown(
    inputs, write_jsonl_lines, candidate_dict, capsys
):
    inputs["candidates"] = write_jsonl_lines([dict(candidate_dict, education="nope")], "candidates.jsonl")
    assert main(_args(inputs)) == 1
    fields = [LINE.match(line)["field"] for line in capsys.readouterr().out.splitlines()]
    assert fields == ["education", "candidate_id"]


@pytest.mark.parametrize("missing", ["candidates", "vacancies", "placements"])
def test_missing_file_exits_2_with_a_clear_message(inputs, tmp_path, missing, capsys):
    inputs[missing] = tmp_path / "does-not-exist.jsonl"
    assert main(_args(inputs)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{missing} file not found: {inputs[missing]}" in err


def test_a_directory_is_not_a_file(inputs, tmp_path, capsys):
    inputs["vacancies"] = tmp_path
    assert main(_args(inputs)) == 2
    assert "vacancies file is a directory" in capsys.readouterr().err


def test_usage_errors_exit_2(inputs, capsys):
    assert main(["validate", "--candidates", str(inputs["candidates"])]) == 2
    assert "--vacancies" in capsys.readouterr().err
    assert main([]) == 2
    assert "validate" in capsys.readouterr().err
    assert main(["no-such-command"]) == 2


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"banenmatch {metadata.version('banenmatch')}"


def test_python_dash_m_matcher_runs_validate(inputs, write_jsonl_lines, package_dict):
    inputs["vacancies"] = write_jsonl_lines(
        [package_dict, dict(package_dict, id="P2", demands={"DH01": 7})], "vacancies.jsonl"
    )
    result = subprocess.run(
        [sys.executable, "-m", "matcher", *_args(inputs)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"{inputs['vacancies']}:2: demands.DH01: level 7 is out of range; expected an integer 0..4 "
        '(FML-lite DH01 "Tillen en dragen"); set a level within the scale'
    ]


def test_installed_console_script_matches_python_dash_m(inputs):
    script = Path(sys.executable).with_name("banenmatch")
    if not script.exists():
        pytest.skip("the banenmatch console script is not installed beside this interpreter")
    result = subprocess.run(
        [str(script), *_args(inputs)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.strip() == "ok: 2 candidates, 1 package, 1 placement"
