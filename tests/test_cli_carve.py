"""`banenmatch carve`: a task list from a file -> proposed packages, counts and bottleneck; bad rows set aside."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from matcher.cli import main
from matcher.io import write_jsonl
from matcher.schema import Capacities
from matcher.texts_nl import CARVING_NL, carving_bottleneck_nl, carving_task_nl
from tests.planted import candidate

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "taken.csv"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")

# Two kinds of work: hedges (one task lifts up to 15 kg) and mail. Line numbers are the CSV's.
CSV = (
    "text;hours_per_week;DH01;OM02\n"
    "Hagen snoeien rond het gebouw;8;3;1\n"  # line 2
    "Hagen en struiken snoeien;6;2;\n"  # line 3
    "Post sorteren op afdeling;6;1;\n"  # line 4
    "Post rondbrengen op de afdelingen;8;;\n"  # line 5
)


@pytest.fixture
def people(tmp_path):
    """Three people around Utrecht who may lift up to 10 kg, and one with no recorded limit (norm: 15 kg)."""
    weak = Capacities(assessed=True, levels={"DH01": 2})
    records = [candidate(f"K-zwak-{i}", "groen", capacities=weak) for i in range(3)]
    records.append(candidate("K-sterk", "groen"))
    path = tmp_path / "candidates.jsonl"
    write_jsonl(records, path)
    return path


def _carve(tasks, *extra, candidates=None):
    argv = ["carve", "--tasks", str(tasks), "--employer", "Gemeente Utrecht", "--sector", "gemeenten"]
    argv += ["--municipality", "utrecht", "--encoder", "hashing", "--max-hours", "16", *extra]
    return main([*argv, "--candidates", str(candidates)] if candidates else argv)


def _packages(out: str) -> list[list[str]]:
    """The printed packages, each as its lines."""
    blocks: list[list[str]] = []
    for line in out.splitlines():
        if line.startswith("Pakket "):
            blocks.append([])
        blocks[-1].append(line)
    return blocks


def test_a_good_task_list_gives_packages_with_counts_and_the_bottleneck(tmp_path, people, capsys):
    tasks = tmp_path / "taken.csv"
    tasks.write_text(CSV, encoding="utf-8")
    assert _carve(tasks, candidates=people) == 0
    out, err = capsys.readouterr()
    assert err == ""
    packages = _packages(out)
    hedges = next(p for p in packages if any("Hagen snoeien rond" in line for line in p))
    assert any("Hagen en struiken snoeien" in line for line in hedges)
    assert not any("Post " in line for line in hedges)  # no mail work with the hedges
    assert hedges[0] == "Pakket 1: Hagen snoeien rond het gebouw — 14 uur per week"
    # Lifting up to 15 kg is the most any hedge task lifts; it leaves only the person without a limit,
    # and one step less would let the three others in as well.
    assert "  - Tillen en dragen: Hooguit 15 kilo" in hedges
    assert "  " + CARVING_NL["eligible"].format(count=1) in hedges
    assert "  " + carving_bottleneck_nl("DH01", 3, 3) in hedges
    mail = next(p for p in packages if p is not hedges)
    assert f"  - {carving_task_nl('Post rondbrengen op de afdelingen', 8)}" in mail
    assert "  " + CARVING_NL["eligible"].format(count=4) in mail
    assert sum(len(p) for p in packages) == len(out.splitlines())


def test_a_bad_row_is_reported_and_skipped_and_the_rest_is_carved(tmp_path, capsys):
    tasks = tmp_path / "taken.csv"
    bad_rows = (
        "Bladblazen;veel;;\n"  # line 6: hours not a number
        ";3;;\n"  # line 7: no task
        "Alle tuinen onderhouden;40;;\n"  # line 8: longer than a whole package
        "Dozen sjouwen;2;7;\n"  # line 9: DH01 has levels 0..4
    )
    tasks.write_text(CSV + bad_rows, encoding="utf-8")
    assert _carve(tasks) == 1
    out, err = capsys.readouterr()
    problems = [LINE.match(line) for line in out.splitlines() if LINE.match(line)]
    assert [(m["file"], m["line"], m["field"]) for m in problems] == [
        (str(tasks), "6", "hours_per_week"),
        (str(tasks), "7", "text"),
        (str(tasks), "8", "hours_per_week"),
        (str(tasks), "9", "demands.DH01"),
    ]
    assert "more than --max-hours 16" in problems[2]["message"] and "split the task" in problems[2]["message"]
    assert "set aside: 4 invalid records; carving the rest" in err
    carved = "\n".join(line for line in out.splitlines() if not LINE.match(line))
    task_lines = [line for line in carved.splitlines() if line.startswith("  - ") and "uur per week" in line]
    for text in ("Hagen snoeien rond", "Hagen en struiken", "Post sorteren", "Post rondbrengen"):
        assert sum(text in line for line in task_lines) == 1, text  # each good task in one package
    for text in ("Bladblazen", "Alle tuinen", "Dozen sjouwen"):
        assert text not in carved
    assert CARVING_NL["eligible"].split(":")[0] not in carved  # no candidates given: nothing counted


def test_json_output_has_one_entry_per_package_and_problems_go_to_stderr(tmp_path, people, capsys):
    tasks = tmp_path / "taken.jsonl"
    lines = [
        {"text": "Hagen snoeien rond het gebouw", "hours_per_week": 8, "demands": {"DH01": 3}},
        {"text": "Post sorteren op afdeling", "hours_per_week": 6},
        {"text": "Post rondbrengen", "hours_per_week": 8, "demand": {"DH03": 2}},  # misspelt field
        {"text": "Hagen en struiken snoeien", "hours_per_week": 6.5, "demands": {"DH04": 2}},
    ]
    tasks.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    assert _carve(tasks, "--json", "--min-hours", "10", candidates=people) == 1
    out, err = capsys.readouterr()
    assert f"{tasks}:3: demand: unknown field 'demand'" in err
    payload = json.loads(out)
    assert set(payload) == {
        "employer",
        "sector",
        "municipality",
        "min_hours",
        "max_hours",
        "candidates",
        "packages",
        "set_aside",
    }
    assert (payload["municipality"], payload["candidates"], payload["set_aside"]) == ("Utrecht", 4, 1)
    entries = payload["packages"]
    assert [e["package"]["id"] for e in entries] == [f"carved-{n}" for n in range(1, len(entries) + 1)]
    placed = sorted(t["text"] for e in entries for t in e["tasks"])
    assert placed == sorted(x["text"] for x in lines if "demand" not in x)
    hedges = next(e for e in entries if e["package"]["title"].startswith("Hagen snoeien rond"))
    assert hedges["package"]["demands"] == {"DH01": 3, "DH04": 2}  # the most demanding task per item
    assert hedges["package"]["location"] == {"municipality": "Utrecht"}
    assert hedges["hours_per_week"] == 14.5 and hedges["below_min_hours"] is False
    assert hedges["eligible"] == 1
    assert hedges["bottleneck"] == {"item": "DH01", "level": 3, "more_if_one_step_lower": 3}
    mail = next(e for e in entries if e is not hedges)
    assert (mail["hours_per_week"], mail["below_min_hours"], mail["bottleneck"]) == (6, True, None)


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--sector", "gemeente"], "--sector: unknown sector 'gemeente'"),
        (["--municipality", "Atlantis"], "--municipality: unknown municipality 'Atlantis'"),
        (["--min-hours", "20", "--max-hours", "10"], "--min-hours/--max-hours: expected 0 < min <= max"),
        (["--employer", " "], "--employer: expected an organisation name"),
    ],
)
def test_wrong_settings_are_usage_errors_naming_the_option(tmp_path, capsys, extra, message):
    tasks = tmp_path / "taken.csv"
    tasks.write_text(CSV, encoding="utf-8")
    argv = [
        "carve",
        "--tasks",
        str(tasks),
        "--employer",
        "e",
        "--sector",
        "gemeenten",
        "--encoder",
        "hashing",
    ]
    assert main([*argv, *extra]) == 2
    err = capsys.readouterr().err
    assert f"banenmatch carve: {message}" in err
    if "gemeente'" in message:
        assert "did you mean 'gemeenten'?" in err


def test_a_missing_or_unsupported_task_file_is_a_usage_error(tmp_path, capsys):
    assert _carve(tmp_path / "nergens.csv") == 2
    assert "tasks file not found" in capsys.readouterr().err
    other = tmp_path / "taken.xlsx"
    other.write_bytes(b"PK")
    assert _carve(other) == 2
    assert "expected a .jsonl or .csv file" in capsys.readouterr().err


def test_the_example_task_list_of_the_docs_carves_every_task_without_problems(capsys):
    argv = ["carve", "--tasks", str(EXAMPLE), "--employer", "Gemeente Utrecht", "--sector", "gemeenten"]
    assert main([*argv, "--encoder", "hashing"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    with EXAMPLE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    task_lines = [line for line in out.splitlines() if line.startswith("  - ") and "uur per week)" in line]
    assert sorted(task_lines) == sorted(
        f"  - {carving_task_nl(r['text'], float(r['hours_per_week']))}" for r in rows
    )
