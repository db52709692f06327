"""webapp.carving: the Jobcarving page's task table -> tasks, a Dutch problem per bad row, profiles as a
starting table, and proposals as contract JSON Lines."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from matcher import texts_nl
from matcher.carving import carve
from matcher.catalogue import load_function_profiles
from matcher.contract import load_contract
from matcher.encoders import HashingEncoder
from matcher.io import parse_package
from webapp.carving import (
    COLUMNS,
    TASK_ITEMS,
    RowIssue,
    answers,
    empty_table,
    packages_jsonl,
    parse_hours,
    table_from_profile,
    table_signature,
    tasks_from_table,
)

A = texts_nl.CARVING_ANSWERS_NL


def _table(*rows: dict) -> pd.DataFrame:
    """A table as the editor returns it: missing cells None."""
    return pd.DataFrame([{c: row.get(c) for c in COLUMNS} for row in rows])


def test_every_item_asked_per_task_has_one_short_answer_per_level():
    fml = load_contract().fml
    assert set(texts_nl.CARVING_ANSWERS_NL) == set(TASK_ITEMS) == set(texts_nl.CARVING_ITEMS_NL)
    for code in TASK_ITEMS:
        assert len(set(answers(code))) == fml[code].max_level + 1, code


def test_good_rows_become_tasks_with_the_levels_of_their_answers():
    table = _table(
        {"text": " Post sorteren ", "hours": "6", "DH01": A["DH01"][1], "PF09": A["PF09"][2]},
        {"text": "Scannen", "hours": "2,5"},
        {},  # a blank row the user added: not a task, not a problem
        {"text": "Archief", "hours": 4.0, "DH03": ""},
    )
    tasks, problems = tasks_from_table(table, max_hours=32)
    assert problems == []
    assert [(t.text, t.hours_per_week, dict(t.demands)) for t in tasks] == [
        ("Post sorteren", 6.0, {"DH01": 1, "PF09": 2}),
        ("Scannen", 2.5, {}),  # nothing answered: every item unknown
        ("Archief", 4.0, {}),
    ]


@pytest.mark.parametrize(
    "row, issue, message",
    [
        ({"hours": "4", "DH01": A["DH01"][0]}, RowIssue.EMPTY_TEXT, "Rij 2: de taak is leeg."),
        ({"text": "Scannen"}, RowIssue.NO_HOURS, "Rij 2 ('Scannen'): de uren per week ontbreken."),
        (
            {"text": "Scannen", "hours": "veel"},
            RowIssue.BAD_HOURS,
            "Rij 2 ('Scannen'): 'veel' bij uren per week is geen getal. Vul een getal in, bijvoorbeeld 4 of 2,5.",
        ),
        (
            {"text": "Scannen", "hours": "0"},
            RowIssue.ZERO_HOURS,
            "Rij 2 ('Scannen'): 0 uur per week kan niet",
        ),
        (
            {"text": "Alle tuinen", "hours": "40"},
            RowIssue.TOO_MANY_HOURS,
            "Rij 2 ('Alle tuinen'): 40 uur per week is meer dan het maximum van 32 uur per pakket. Splits de taak",
        ),
        (
            {"text": "Dozen", "hours": "2", "DH01": "heel zwaar"},
            RowIssue.BAD_ANSWER,
            "Rij 2 ('Dozen'): 'heel zwaar' is geen antwoord bij Tillen.",
        ),
    ],
)
def test_a_bad_row_gets_a_dutch_message_naming_the_row_and_the_fix(row, issue, message):
    tasks, problems = tasks_from_table(_table({"text": "Post", "hours": "6"}, row), max_hours=32)
    assert [t.text for t in tasks] == ["Post"]  # the good row is kept
    assert [(p.row, p.issue) for p in problems] == [(2, issue)]
    assert problems[0].nl(max_hours=32).startswith(message)


def test_rows_are_counted_from_the_top_as_shown_also_after_a_deletion():
    table = _table({"text": "a", "hours": "1"}, {"text": "b", "hours": "1"}, {"text": "c", "hours": ""})
    _, problems = tasks_from_table(table.drop(index=1), max_hours=32)  # the editor keeps the old index
    assert [p.row for p in problems] == [2]
    assert problems[0].nl(max_hours=32).startswith("Rij 2 ('c'): ")


def test_hours_read_as_people_type_them():
    assert [parse_hours(v) for v in ("4", " 2,5 ", "2.5", ",5", 3, 1.5)] == [4.0, 2.5, 2.5, 0.5, 3.0, 1.5]
    assert [parse_hours(v) for v in ("veel", "4 uur", "", "1,2,3", float("nan"), True)] == [None] * 6


def test_a_profile_starts_the_table_with_its_tasks_demands_and_lowest_hours():
    for profile in load_function_profiles():
        table = table_from_profile(profile)
        tasks, problems = tasks_from_table(table, max_hours=40)
        assert problems == [], profile.id
        assert [t.text for t in tasks] == list(profile.tasks)
        wanted = {c: profile.demands[c] for c in TASK_ITEMS if c in profile.demands}
        assert all(dict(t.demands) == wanted for t in tasks), profile.id
        per_task = min(profile.hours_per_week) / len(profile.tasks)
        assert all(abs(t.hours_per_week - per_task) <= 0.25 or t.hours_per_week == 0.5 for t in tasks)


def test_an_empty_table_has_every_column_and_no_rows():
    table = empty_table()
    assert list(table.columns) == list(COLUMNS) and len(table) == 0
    assert tasks_from_table(table, max_hours=32) == ([], [])


def test_proposals_download_as_contract_packages():
    tasks, _ = tasks_from_table(
        _table(
            {"text": "Post sorteren", "hours": "6", "DH01": A["DH01"][2]},
            {"text": "Hagen snoeien", "hours": "8"},
        ),
        max_hours=32,
    )
    proposals = carve(
        tasks, HashingEncoder(), employer="Gemeente Zeist", sector="gemeenten", municipality="Zeist"
    )
    lines = packages_jsonl(proposals).decode("utf-8").splitlines()
    assert len(lines) == len(proposals)
    for line, proposal in zip(lines, proposals, strict=True):
        parsed, problems = parse_package(json.loads(line))
        assert problems == [] and parsed == proposal.package


def test_the_signature_changes_with_a_cell_or_a_setting():
    table = _table({"text": "Post", "hours": "6"})
    same = table_signature(table.copy(), ["Gemeente Zeist", 12])
    assert table_signature(table, ["Gemeente Zeist", 12]) == same
    edited = table.copy()
    edited.loc[1, "hours"] = "7"
    assert table_signature(edited, ["Gemeente Zeist", 12]) != same
    assert table_signature(table, ["Gemeente Zeist", 16]) != same
