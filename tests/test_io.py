"""Tests of matcher.io: the data contract in code (parsing, validation, quarantine, writing)."""

from __future__ import annotations

import copy
import io
import json
import pickle
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.contract import load_contract
from matcher.io import (
    Loaded,
    Problem,
    check_placements,
    id_problem,
    parse_candidate,
    parse_package,
    parse_placement,
    read_candidates,
    read_carving_tasks,
    read_packages,
    read_placements,
    read_table,
    to_dict,
    write_jsonl,
    write_table,
)
from matcher.schema import Accommodation, Candidate, Capacities, Location, Placement, Task, WorkPackage

PARSERS = {"candidate": parse_candidate, "package": parse_package, "placement": parse_placement}
DELETE = object()


def set_path(record: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """Set (or, with DELETE, remove) ``record[a][b][0]...`` for the dotted ``path`` ("tasks.1.text")."""
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    target: Any = record
    for part in parents:
        target = target[part]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return record


# --------------------------------------------------------------------------------------------------
# Valid records and round trips


def test_full_records_parse_without_problems(candidate_dict, package_dict, placement_dict):
    cand, problems = parse_candidate(candidate_dict)
    assert problems == []
    assert cand.id == "K000123"
    assert cand.available_from == date(2024, 2, 1)
    assert cand.hours.max_per_week == 24
    assert cand.capacities.levels == {"PF05": 1, "DH01": 2}
    assert cand.needs == ("vaste_begeleider", "prikkelarme_werkplek")
    pkg, problems = parse_package(package_dict)
    assert problems == []
    assert pkg.tasks == (Task("Post sorteren"), Task("Scannen van stukken", 8.0))
    assert pkg.accommodations == (Accommodation("Trolley voor postbakken", {"DH01": 1}, True),)
    assert pkg.effective_demand("DH01") == 2
    placement, problems = parse_placement(placement_dict)
    assert problems == []
    assert placement == Placement(
        "K000123", "P000045", date(2024, 3, 1), date(2025, 2, 28), "contract_niet_verlengd"
    )


@pytest.mark.parametrize("kind", ["candidate", "package", "placement"])
def test_round_trip_full_record(kind, candidate_dict, package_dict, placement_dict):
    raw = {"candidate": candidate_dict, "package": package_dict, "placement": placement_dict}[kind]
    record, _ = PARSERS[kind](raw)
    assert to_dict(record) == raw  # the fixtures are in canonical form already
    again, problems = PARSERS[kind](json.loads(json.dumps(to_dict(record))))
    assert problems == []
    assert again == record


def test_minimal_records_keep_unknown_as_none():
    cand, problems = parse_candidate({"id": "K1"})
    assert problems == []
    assert cand == Candidate("K1")
    assert cand.needs is None and cand.hours is None and cand.location is None
    assert cand.capacities == Capacities() and cand.capacities.level("DH01") is None
    assert to_dict(cand) == {"id": "K1"}
    pkg, problems = parse_package({"id": "P1", "employer": "Rijk", "sector": "rijk", "title": "Archief"})
    assert problems == []
    assert pkg.offers is None and pkg.demands == {} and pkg.effective_demand("DH01") is None
    assert to_dict(pkg) == {"id": "P1", "employer": "Rijk", "sector": "rijk", "title": "Archief"}


def test_empty_list_means_none_and_survives_round_trip():
    cand, _ = parse_candidate({"id": "K1", "needs": []})
    assert cand.needs == ()
    assert to_dict(cand) == {"id": "K1", "needs": []}
    unknown, _ = parse_candidate({"id": "K1"})
    assert unknown.needs is None and unknown != cand


def test_null_means_unknown_for_optional_fields():
    cand, problems = parse_candidate(
        {"id": "K1", "needs": None, "hours": {"max_per_day": None}, "education": None}
    )
    assert problems == []
    assert cand.needs is None and cand.education is None and cand.hours.max_per_day is None


def test_municipality_alias_and_case_are_normalised_to_the_cbs_name(candidate_dict):
    for given_name, expected in [
        ("Den Haag", "'s-Gravenhage"),
        ("den bosch", "'s-Hertogenbosch"),
        ("UTRECHT", "Utrecht"),
    ]:
        cand, problems = parse_candidate(
            set_path(copy.deepcopy(candidate_dict), "location.municipality", given_name)
        )
        assert problems == []
        assert cand.location == Location(expected, "3511")
        assert to_dict(cand)["location"]["municipality"] == expected


def test_levels_are_stored_in_fml_file_order():
    cand, _ = parse_candidate({"id": "K1", "capacities": {"levels": {"WT01": 2, "PF01": 1, "DH01": 3}}})
    assert list(cand.capacities.levels) == ["PF01", "DH01", "WT01"]


def test_records_are_picklable_for_caching(candidate_dict, package_dict):
    cand, _ = parse_candidate(candidate_dict)
    pkg, _ = parse_package(package_dict)
    assert pickle.loads(pickle.dumps((cand, pkg))) == (cand, pkg)


def test_write_jsonl_then_read_gives_the_same_records(tmp_path, candidate_dict, package_dict, placement_dict):
    for raw, parse, read in [
        (candidate_dict, parse_candidate, read_candidates),
        (package_dict, parse_package, read_packages),
        (placement_dict, parse_placement, read_placements),
    ]:
        record, _ = parse(raw)
        path = tmp_path / "out.jsonl"
        assert write_jsonl([record, record], path) == 2
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") == 2 and "\\u" not in text  # UTF-8, not ASCII escapes
        loaded = read(path)
        if read is read_placements:
            assert loaded.records == (record, record) and loaded.ok
        else:  # the second copy repeats the id
            assert loaded.records == (record,) and loaded.set_aside == (2,)


def test_to_dict_rejects_other_objects():
    with pytest.raises(TypeError, match="contract record"):
        to_dict({"id": "K1"})


# --------------------------------------------------------------------------------------------------
# One rule, one bad input: (kind, path to change, new value, expected field, key parts of the message)

BAD_FIELD_CASES = [
    # unknown fields at every level, with a suggestion
    ("candidate", "colour", "blue", "colour", ["unknown field 'colour'", "remove it"]),
    (
        "candidate",
        "hours.max_per_wek",
        20,
        "hours.max_per_wek",
        ["unknown field", "did you mean 'max_per_week'?"],
    ),
    ("candidate", "capacities.level", {}, "capacities.level", ["did you mean 'levels'?"]),
    ("candidate", "location.postcode", "3511", "location.postcode", ["did you mean 'postcode4'?"]),
    (
        "package",
        "accommodations.0.confirmd",
        True,
        "accommodations[0].confirmd",
        ["did you mean 'confirmed'?"],
    ),
    ("package", "tasks.1.hour_per_week", 2, "tasks[1].hour_per_week", ["did you mean 'hours_per_week'?"]),
    ("placement", "end_reasn", "conflict", "end_reasn", ["did you mean 'end_reason'?"]),
    # wrong types (bool is not int)
    (
        "candidate",
        "hours.max_per_week",
        True,
        "hours.max_per_week",
        ["expected an integer 0..168", "found boolean true"],
    ),
    (
        "candidate",
        "travel.max_minutes",
        30.5,
        "travel.max_minutes",
        ["expected an integer", "found number 30.5"],
    ),
    ("candidate", "hours.min_per_week", "16", "hours.min_per_week", ["found a string", "without quotes"]),
    ("package", "schedule.fixed", "true", "schedule.fixed", ["expected true or false", "found a string"]),
    (
        "candidate",
        "capacities.assessed",
        1,
        "capacities.assessed",
        ["expected true or false", "found integer 1"],
    ),
    (
        "candidate",
        "needs",
        "jobcoach",
        "needs",
        ["expected a list of support codes", "found a string", "square brackets"],
    ),
    (
        "candidate",
        "location",
        ["Utrecht"],
        "location",
        ["expected an object (location)", "found a list of 1 item"],
    ),
    ("candidate", "wishes", 3, "wishes", ["expected a string", "found integer 3"]),
    (
        "candidate",
        "capacities.levels.DH01",
        True,
        "capacities.levels.DH01",
        ["expected an integer 0..4", "boolean true"],
    ),
    ("package", "tasks.0", 3, "tasks[0]", ["expected a task: a string or an object", "found integer 3"]),
    ("package", "tasks.0", "  ", "tasks[0]", ["is empty"]),
    ("package", "tasks.1.text", DELETE, "tasks[1].text", ["required field is missing"]),
    ("candidate", "id", 123, "id", ["ids are strings"]),
    # FML-lite levels out of range
    (
        "candidate",
        "capacities.levels.DH01",
        7,
        "capacities.levels.DH01",
        [
            'level 7 is out of range; expected an integer 0..4 (FML-lite DH01 "Tillen en dragen"); set a level within the scale'
        ],
    ),
    (
        "package",
        "demands.PF01",
        3,
        "demands.PF01",
        ["level 3 is out of range", "0..2", "Vasthouden van de aandacht"],
    ),
    ("candidate", "capacities.levels.SF04", -1, "capacities.levels.SF04", ["negative level -1", "0..3"]),
    # unknown codes
    (
        "candidate",
        "capacities.levels.DH1",
        2,
        "capacities.levels.DH1",
        ["unknown FML-lite item 'DH1'", "did you mean 'DH01'?"],
    ),
    ("package", "demands.XX99", 1, "demands.XX99", ["unknown FML-lite item 'XX99'"]),
    (
        "candidate",
        "schedule.days.1",
        "mon",
        "schedule.days[1]",
        ["unknown day 'mon'", "ma, di, wo, do, vr, za, zo"],
    ),
    (
        "package",
        "schedule.dayparts.0",
        "Ochtend",
        "schedule.dayparts[0]",
        ["unknown day-part", "did you mean 'ochtend'?"],
    ),
    (
        "candidate",
        "needs.0",
        "jobcoch",
        "needs[0]",
        ["unknown support need/offer 'jobcoch'", "did you mean 'jobcoach'?"],
    ),
    ("package", "offers.2", "koffie", "offers[2]", ["unknown support", "'koffie'"]),
    (
        "candidate",
        "preferred_sectors.0",
        "gemeente",
        "preferred_sectors[0]",
        ["unknown sector", "did you mean 'gemeenten'?"],
    ),
    ("package", "sector", "Rijk", "sector", ["unknown sector 'Rijk'", "did you mean 'rijk'?"]),
    (
        "candidate",
        "education",
        "MBO2",
        "education",
        ["unknown education level 'MBO2'", "did you mean 'mbo2'?"],
    ),
    (
        "candidate",
        "register.route",
        "bijstand",
        "register.route",
        ["unknown register route", "wajong, participatiewet"],
    ),
    ("package", "contract", "flex", "contract", ["unknown contract type 'flex'", "vast, tijdelijk"]),
    ("placement", "end_reason", "ziek", "end_reason", ["unknown end reason 'ziek'"]),
    ("candidate", "travel.modes.0", "bus", "travel.modes[0]", ["unknown travel mode 'bus'", "ov"]),
    (
        "candidate",
        "location.municipality",
        "Amsterdm",
        "location.municipality",
        ["unknown municipality 'Amsterdm'", "did you mean 'Amsterdam'?"],
    ),
    (
        "package",
        "location.municipality",
        "Atlantis",
        "location.municipality",
        ["current CBS municipality name"],
    ),
    (
        "candidate",
        "location.postcode4",
        3511,
        "location.postcode4",
        ["4-digit Dutch postcode", 'put it in quotes: "3511"'],
    ),
    ("candidate", "location.postcode4", "3511AB", "location.postcode4", ["four digits"]),
    # impossible dates
    (
        "candidate",
        "available_from",
        "2023-02-30",
        "available_from",
        ["impossible date '2023-02-30'", "YYYY-MM-DD"],
    ),
    ("package", "start", "01-03-2024", "start", ["expected an ISO date YYYY-MM-DD", "found '01-03-2024'"]),
    ("placement", "start", 20240301, "start", ["expected an ISO date", "found integer 20240301"]),
    ("candidate", "register.since", "2024-13-01", "register.since", ["impossible date", "month"]),
    # min > max
    (
        "candidate",
        "hours.min_per_week",
        30,
        "hours.min_per_week",
        ["min_per_week 30 is greater than max_per_week 24", "min_per_week <= max_per_week"],
    ),
    ("package", "hours.per_day", 21, "hours.per_day", ["per_day 21 is greater than per_week 20"]),
    ("placement", "end", "2024-02-01", "end", ["end 2024-02-01 is before start 2024-03-01"]),
    # negative numbers and impossible amounts
    (
        "candidate",
        "travel.max_minutes",
        -5,
        "travel.max_minutes",
        ["negative value -5", "expected an integer 0..1440"],
    ),
    ("package", "hours.per_week", -1, "hours.per_week", ["negative value -1"]),
    ("package", "tasks.1.hours_per_week", -2, "tasks[1].hours_per_week", ["negative value -2"]),
    ("candidate", "hours.max_per_day", 25, "hours.max_per_day", ["25 is out of range", "0..24"]),
    # accommodations
    (
        "package",
        "accommodations.0.reduces.DH1",
        1,
        "accommodations[0].reduces.DH1",
        ["unknown FML-lite item 'DH1'"],
    ),
    (
        "package",
        "accommodations.0.reduces.DH01",
        0,
        "accommodations[0].reduces.DH01",
        ["non-positive steps 0", "1..4"],
    ),
    (
        "package",
        "accommodations.0.reduces.DH01",
        -1,
        "accommodations[0].reduces.DH01",
        ["non-positive steps -1"],
    ),
    (
        "package",
        "accommodations.0.reduces.DH01",
        9,
        "accommodations[0].reduces.DH01",
        ["9 steps is more than the scale"],
    ),
    ("package", "accommodations.0.name", DELETE, "accommodations[0].name", ["required field is missing"]),
    # required fields and ids
    ("candidate", "id", DELETE, "id", ["required field is missing", "pseudonymous id", "found nothing"]),
    ("candidate", "id", None, "id", ["required field is missing", "found null"]),
    ("package", "employer", DELETE, "employer", ["required field is missing"]),
    ("package", "sector", DELETE, "sector", ["required field is missing", "rijk, gemeenten"]),
    ("package", "title", "", "title", ["is empty", "function title"]),
    ("placement", "candidate_id", DELETE, "candidate_id", ["required field is missing"]),
    ("placement", "package_id", DELETE, "package_id", ["required field is missing"]),
    ("placement", "start", DELETE, "start", ["required field is missing"]),
    ("candidate", "id", "", "id", ["id is empty"]),
    ("placement", "package_id", "P 45", "package_id", ["contains whitespace", "pseudonymous"]),
]


@pytest.mark.parametrize(
    ("kind", "path", "value", "field", "parts"), BAD_FIELD_CASES, ids=lambda v: str(v)[:30]
)
def test_each_rule_reports_file_line_field_and_message(
    kind, path, value, field, parts, candidate_dict, package_dict, placement_dict
):
    raw = {"candidate": candidate_dict, "package": package_dict, "placement": placement_dict}[kind]
    record, problems = PARSERS[kind](set_path(raw, path, value), file="in.jsonl", line=7)
    assert record is None
    assert [p.field for p in problems] == [field]
    problem = problems[0]
    assert str(problem).startswith(f"in.jsonl:7: {field}: ")
    for part in parts:
        assert part in problem.message
    assert "\n" not in str(problem)


def test_bsn_like_id_is_rejected_without_echoing_it(candidate_dict):
    _, problems = parse_candidate(set_path(candidate_dict, "id", "123456782"))
    assert [p.field for p in problems] == ["id"]
    assert "looks like a BSN" in problems[0].message and "pseudonymous ids only" in problems[0].message
    assert "123456782" not in str(problems[0])


def test_id_with_a_name_is_rejected_without_echoing_it(candidate_dict):
    _, problems = parse_candidate(set_path(candidate_dict, "id", "Jan de Vries"))
    assert "contains whitespace" in problems[0].message
    assert "Vries" not in str(problems[0])


def test_id_problem_accepts_ordinary_pseudonymous_ids():
    assert id_problem("K000123") is None
    assert id_problem("1234567890") is None  # ten digits: not a BSN pattern
    assert id_problem("12345678 9") is not None


def test_free_text_never_appears_in_messages(candidate_dict, package_dict):
    secret = "GEHEIM-medisch-verhaal-over-de-rug-en-de-knieen"
    candidate_dict.update(
        experience=secret,
        wishes=[secret],
        competences=[secret, 7],
        education=secret,
        capacities={"source": 5},
    )
    package_dict.update(description=[secret], tasks=[secret, {"text": secret, "hours_per_week": "veel"}])
    _, cand_problems = parse_candidate(candidate_dict)
    _, pkg_problems = parse_package(package_dict)
    assert len(cand_problems) == 5 and len(pkg_problems) == 2
    for problem in cand_problems + pkg_problems:
        assert "GEHEIM" not in str(problem)


def test_all_problems_of_one_record_are_reported(candidate_dict):
    candidate_dict["hours"] = {"min_per_week": 30, "max_per_week": 20, "max_per_wek": 1, "max_per_day": -1}
    candidate_dict["schedule"]["days"] = ["ma", "mon", "tue"]
    candidate_dict["available_from"] = "2023-02-30"
    candidate_dict["capacities"]["levels"] = {"DH01": 9, "XX": 1}
    _, problems = parse_candidate(candidate_dict, file="c.jsonl", line=3)
    assert [p.field for p in problems] == [
        "available_from",
        "hours.max_per_wek",
        "hours.max_per_day",
        "hours.min_per_week",
        "schedule.days[1]",
        "schedule.days[2]",
        "capacities.levels.DH01",
        "capacities.levels.XX",
    ]
    assert all(p.file == "c.jsonl" and p.line == 3 for p in problems)


def test_python_callers_may_pass_dates_and_tuples():
    cand, problems = parse_candidate({"id": "K1", "available_from": date(2024, 5, 1), "needs": ("jobcoach",)})
    assert problems == []
    assert cand.available_from == date(2024, 5, 1) and cand.needs == ("jobcoach",)
    assert to_dict(cand) == {"id": "K1", "available_from": "2024-05-01", "needs": ["jobcoach"]}


def test_non_string_keys_from_python_callers_are_reported_not_crashed():
    _, problems = parse_candidate({"id": "K1", 1: 2, "capacities": {"levels": {3: 1}}})
    assert [p.field for p in problems] == ["1", "capacities.levels.3"]


def test_whole_record_that_is_not_an_object():
    _, problems = parse_candidate(["K1"], file="x", line=2)
    assert str(problems[0]).startswith(
        "x:2: <record>: expected an object (candidate), found a list of 1 item"
    )


def test_problem_str_is_the_cli_line():
    problem = Problem("data/c.jsonl", 12, "hours.max_per_week", "expected an integer")
    assert str(problem) == "data/c.jsonl:12: hours.max_per_week: expected an integer"


# --------------------------------------------------------------------------------------------------
# Reading files: quarantine, line-level problems, uploads


def test_mixed_file_loads_every_good_record(write_jsonl_lines, candidate_dict):
    good_2 = set_path(copy.deepcopy(candidate_dict), "id", "K2")
    bad_hours = set_path(copy.deepcopy(candidate_dict), "id", "K3")
    bad_hours["hours"]["max_per_week"] = True
    path = write_jsonl_lines(
        [
            {"id": "K1"},
            "",
            "{broken",
            good_2,
            bad_hours,
            "   ",
            "[1, 2]",
            b'{"id": "K4", "wishes": "caf\xe9"}',
            '{"id": "K5"}',
            '{"id": "K1"}',
        ],
        name="cands.jsonl",
    )
    loaded = read_candidates(path)
    assert [c.id for c in loaded.records] == ["K1", "K2", "K5"]
    assert loaded.lines == (1, 4, 9)
    assert loaded.set_aside == (3, 5, 7, 8, 10)
    assert loaded.source == str(path)
    assert [(p.line, p.field) for p in loaded.problems] == [
        (3, "<line>"),
        (5, "hours.max_per_week"),
        (7, "<record>"),
        (8, "<line>"),
        (10, "id"),
    ]
    assert not loaded.ok
    by_line = {p.line: p.message for p in loaded.problems}
    assert by_line[3].startswith("broken JSON")
    assert "not valid UTF-8 (byte 0xe9" in by_line[8]
    assert "duplicate id 'K1'; first used on line 1" in by_line[10]
    assert all(str(p).startswith(f"{path}:{p.line}: ") for p in loaded.problems)


def test_duplicate_id_names_the_first_line_even_when_the_first_was_set_aside():
    loaded = read_packages(
        b'{"id": "P1", "employer": "x", "sector": "rijk", "title": "t", "hours": {"per_week": -1}}\n'
        b'{"id": "P1", "employer": "x", "sector": "rijk", "title": "t"}\n',
        name="v.jsonl",
    )
    assert loaded.records == ()
    assert [str(p).split(";")[0] for p in loaded.problems] == [
        "v.jsonl:1: hours.per_week: negative value -1",
        "v.jsonl:2: id: duplicate id 'P1'",
    ]
    assert "first used on line 1" in loaded.problems[1].message


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b'{"id": "K1", "x": NaN}', "NaN is not valid JSON"),
        (b'{"id": "K1", "id": "K2"}', "key 'id' appears twice"),
        (b'\xef\xbb\xbf{"id": "K1"}', "broken JSON (Unexpected UTF-8 BOM"),  # a BOM only on line 1
        (b'{"id": "K1", "wishes": "\\ud800"}', "lone surrogate"),
        (b"[" * 100_000, "nested too deeply"),
        (b'"just a string"', "expected an object (candidate), found a string"),
        (b"42", "found integer 42"),
        (b"null", "found null"),
        (b'{"id": "K1"} {"id": "K2"}', "broken JSON (Extra data"),
    ],
)
def test_line_level_problems(line, message):
    loaded = read_candidates(b'{"id": "K0"}\n' + line + b"\n", name="c.jsonl")
    assert [c.id for c in loaded.records] == ["K0"]
    assert loaded.set_aside == (2,)
    assert len(loaded.problems) == 1 and message in loaded.problems[0].message
    assert loaded.problems[0].line == 2


@pytest.mark.parametrize(
    "line",
    [
        b'{"id": "K1", "hours": {"min_per_week": 4, "max_per_week": 8, "min_per_week": 2}}',
        b'{"id" : "K1", "wishes": "x", "id":"K2"}',  # whitespace before a colon
        b'{"id": "K1", "experience": ["zei \\"ja\\": goed"], "wishes": "a", "wishes": "b"}',
        b'{"id": "K1", "capacities": {"levels": {"DH01": 1, "DH01": 1}}}',
        b'[{"a": 1, "a": 2}]',
    ],
    ids=["nested", "spaced", "escaped-quote-colon", "fml", "in-a-list"],
)
def test_a_repeated_key_is_found_wherever_it_is(line):
    loaded = read_candidates(b'{"id": "K0"}\n' + line + b"\n", name="c.jsonl")
    assert [c.id for c in loaded.records] == ["K0"]
    assert [(p.line, p.field) for p in loaded.problems] == [(2, "<line>")]
    assert "appears twice in one object" in loaded.problems[0].message


def test_an_escaped_quote_before_a_colon_in_text_is_not_a_repeated_key():
    loaded = read_candidates(b'{"id": "K1", "wishes": "zei \\"ja\\": goed", "experience": ["a\\":b"]}\n')
    assert loaded.ok and loaded.records[0].wishes == 'zei "ja": goed'


def test_bom_and_crlf_are_accepted():
    loaded = read_candidates(b'\xef\xbb\xbf{"id": "K1"}\r\n{"id": "K2"}\r\n', name="win.jsonl")
    assert loaded.ok and [c.id for c in loaded.records] == ["K1", "K2"]


def test_empty_input_loads_nothing_without_problems():
    loaded = read_candidates(b"\n\n  \n")
    assert loaded == Loaded((), (), (), (), "<upload>")


@pytest.mark.parametrize(
    "source",
    [
        b'{"id": "K1"}\n{"id": 5}\n',
        bytearray(b'{"id": "K1"}\n{"id": 5}\n'),
        io.BytesIO(b'{"id": "K1"}\n{"id": 5}\n'),
        io.StringIO('{"id": "K1"}\n{"id": 5}\n'),
    ],
    ids=["bytes", "bytearray", "binary-file", "text-file"],
)
def test_uploads_are_read_like_files(source):
    loaded = read_candidates(source, name="upload.jsonl")
    assert [c.id for c in loaded.records] == ["K1"]
    assert str(loaded.problems[0]).startswith("upload.jsonl:2: id: expected a non-empty pseudonymous id")


def test_upload_without_name_is_called_upload():
    assert read_candidates(b"{").problems[0].file == "<upload>"


def test_missing_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_candidates(tmp_path / "nope.jsonl")


# --------------------------------------------------------------------------------------------------
# Cross-file references


def test_check_placements_reports_unknown_ids_with_their_lines(write_jsonl_lines):
    path = write_jsonl_lines(
        [
            {"candidate_id": "K1", "package_id": "P1", "start": "2024-01-01"},
            "{",
            {"candidate_id": "K9", "package_id": "P1", "start": "2024-01-01"},
            {"candidate_id": "K1", "package_id": "P9", "start": "2024-01-01"},
        ],
        name="placements.jsonl",
    )
    loaded = read_placements(path)
    problems = check_placements(loaded, {"K1", "K2"}, ["P1"])
    assert [(p.line, p.field) for p in problems] == [(3, "candidate_id"), (4, "package_id")]
    assert "unknown candidate id 'K9'" in problems[0].message
    assert "unknown package id 'P9'" in problems[1].message
    assert all(p.file == str(path) for p in problems)


def test_check_placements_on_a_plain_sequence():
    placements = [Placement("K1", "P1", date(2024, 1, 1)), Placement("K2", "P1", date(2024, 1, 1))]
    problems = check_placements(placements, ["K1"], ["P1"])
    assert [str(p).split(";")[0] for p in problems] == [
        "<placements>:2: candidate_id: unknown candidate id 'K2'"
    ]


# --------------------------------------------------------------------------------------------------
# Tables (CSV, Parquet)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_table_round_trip(tmp_path, suffix, candidate_dict, package_dict, placement_dict):
    for raw, parse, kind in [
        (candidate_dict, parse_candidate, "candidates"),
        (package_dict, parse_package, "packages"),
        (placement_dict, parse_placement, "placements"),
    ]:
        record, _ = parse(raw)
        required = {"candidates": ["id"], "packages": ["id", "employer", "sector", "title"]}.get(
            kind, ["candidate_id", "package_id", "start"]
        )
        minimal, _ = parse({k: ("X1" if k == "id" else raw[k]) for k in required})
        path = tmp_path / f"{kind}{suffix}"
        write_table([record, minimal], path)
        loaded = read_table(path, kind=kind)
        assert loaded.problems == ()
        assert loaded.records == (record, minimal)


def test_table_problems_use_row_lines(tmp_path, package_dict):
    pkg, _ = parse_package(package_dict)
    path = tmp_path / "v.csv"
    write_table([pkg], path)
    text = path.read_text(encoding="utf-8").splitlines()
    text.append(text[1].replace("P000045", "P2").replace('""per_week"": 20', '""per_week"": -20'))
    text.append(text[1].replace("P000045", "P3").replace('""Post sorteren""', "not json"))
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    loaded = read_table(path, kind="packages")
    assert [p.id for p in loaded.records] == ["P000045"]
    assert [(p.line, p.field) for p in loaded.problems] == [(3, "hours.per_week"), (4, "tasks")]
    assert loaded.set_aside == (3, 4)


def test_table_format_is_checked(tmp_path, placement_dict):
    placement, _ = parse_placement(placement_dict)
    with pytest.raises(ValueError, match=r"\.csv or \.parquet"):
        write_table([placement], tmp_path / "p.xlsx")


# --------------------------------------------------------------------------------------------------
# Properties (hypothesis)

CONTRACT = load_contract()
PLAIN_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
NONEMPTY_TEXT = PLAIN_TEXT.filter(lambda s: s.strip() != "")
DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)).map(date.isoformat)
MUNICIPALITY_NAMES = [*CONTRACT.municipalities, "Den Haag", "Den Bosch", "nuenen"]


def _codes(values) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(sorted(values)), max_size=4)


def _levels() -> st.SearchStrategy[dict[str, int]]:
    codes = st.lists(st.sampled_from(CONTRACT.fml_codes), unique=True, max_size=6)
    return codes.flatmap(
        lambda cs: st.fixed_dictionaries({c: st.integers(0, CONTRACT.fml[c].max_level) for c in cs})
    )


def _hours() -> st.SearchStrategy[dict[str, int]]:
    pair = st.tuples(st.integers(0, 168), st.integers(0, 168)).map(sorted)
    return st.builds(
        lambda p, day: {"min_per_week": p[0], "max_per_week": p[1], "max_per_day": day},
        pair,
        st.integers(0, 24),
    )


def valid_candidates() -> st.SearchStrategy[dict[str, Any]]:
    """Valid candidate dicts in contract JSON form, with any subset of the optional fields."""
    optional = {
        "register": st.fixed_dictionaries(
            {}, optional={"route": st.sampled_from(CONTRACT.register_routes), "since": DATES}
        ),
        "available_from": DATES,
        "location": st.fixed_dictionaries(
            {},
            optional={
                "municipality": st.sampled_from(MUNICIPALITY_NAMES),
                "postcode4": st.integers(1000, 9999).map(str),
            },
        ),
        "travel": st.fixed_dictionaries(
            {},
            optional={
                "max_minutes": st.integers(0, 240),
                "modes": _codes(CONTRACT.travel_modes),
                "avoid_rush_hour": st.booleans(),
            },
        ),
        "education": st.sampled_from(CONTRACT.education),
        "hours": _hours(),
        "schedule": st.fixed_dictionaries(
            {},
            optional={
                "days": _codes(CONTRACT.days),
                "dayparts": _codes(CONTRACT.dayparts),
                "needs_fixed_schedule": st.booleans(),
            },
        ),
        "capacities": st.fixed_dictionaries(
            {}, optional={"assessed": st.booleans(), "source": PLAIN_TEXT, "levels": _levels()}
        ),
        "needs": _codes(CONTRACT.needs_offers),
        "competences": st.lists(NONEMPTY_TEXT, max_size=3),
        "experience": st.lists(PLAIN_TEXT, max_size=3),
        "wishes": PLAIN_TEXT,
        "preferred_sectors": _codes(CONTRACT.sectors),
    }
    return st.fixed_dictionaries({"id": st.integers(0, 10**6).map(lambda n: f"cand-{n}")}, optional=optional)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | PLAIN_TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(PLAIN_TEXT, children, max_size=3),
    max_leaves=10,
)
GARBAGE_LINES = (
    st.one_of(
        st.binary(max_size=60),
        JSON_VALUES.map(lambda v: json.dumps(v, ensure_ascii=False).encode("utf-8")),
        st.dictionaries(
            st.sampled_from(["id", "hours", "needs", "capacities", "wishes", "idd"]), JSON_VALUES
        ).map(lambda v: json.dumps(v).encode("utf-8")),
    )
    .map(lambda b: b.replace(b"\n", b" "))
    .filter(lambda b: b"cand-" not in b)
)


def _check_invariants(loaded: Loaded[Any], data: bytes) -> None:
    n_lines = len(data.split(b"\n"))
    assert all(
        isinstance(p, Problem) and 1 <= p.line <= n_lines and "\n" not in str(p) for p in loaded.problems
    )
    assert set(loaded.set_aside) == {p.line for p in loaded.problems}
    assert not set(loaded.set_aside) & set(loaded.lines)
    assert len(loaded.records) == len(loaded.lines)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_loaders_never_crash_on_arbitrary_bytes(data):
    for read in (read_candidates, read_packages, read_placements):
        _check_invariants(read(data), data)


@settings(max_examples=150, deadline=None)
@given(st.lists(GARBAGE_LINES, max_size=8))
def test_loaders_never_crash_on_json_like_garbage(lines):
    data = b"\n".join(lines)
    for read in (read_candidates, read_packages, read_placements):
        _check_invariants(read(data), data)


@settings(max_examples=150, deadline=None)
@given(valid_candidates())
def test_valid_candidates_parse_and_round_trip(raw):
    cand, problems = parse_candidate(raw)
    assert problems == []
    again, problems = parse_candidate(json.loads(json.dumps(to_dict(cand))))
    assert problems == [] and again == cand


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(valid_candidates(), max_size=6, unique_by=lambda d: d["id"]),
    st.lists(GARBAGE_LINES, max_size=8),
    st.randoms(use_true_random=False),
)
def test_loader_never_drops_a_valid_record(valid, garbage, rng):
    lines = [("valid", json.dumps(v, ensure_ascii=False).encode("utf-8")) for v in valid]
    lines += [("garbage", g) for g in garbage]
    rng.shuffle(lines)
    data = b"\n".join(line for _, line in lines)
    loaded = read_candidates(data, name="mixed.jsonl")
    _check_invariants(loaded, data)
    valid_lines = [i for i, (kind, _) in enumerate(lines, start=1) if kind == "valid"]
    assert set(valid_lines) <= set(loaded.lines)
    by_line = dict(zip(loaded.lines, loaded.records, strict=True))
    expected = [parse_candidate(json.loads(line))[0] for kind, line in lines if kind == "valid"]
    assert [by_line[n] for n in valid_lines] == expected


def test_schema_types_cover_every_nested_record():
    # to_dict works on parts too, so the app can serialise a form section on its own
    assert to_dict(Location("Utrecht")) == {"municipality": "Utrecht"}
    assert to_dict(Task("Post sorteren")) == "Post sorteren"
    assert to_dict(Task("Scannen", 4.0)) == {"text": "Scannen", "hours_per_week": 4.0}
    assert isinstance(
        parse_package({"id": "P", "employer": "e", "sector": "po", "title": "t"})[0], WorkPackage
    )


# --------------------------------------------------------------------------------------------------
# Task inventories for job carving


def test_a_csv_task_inventory_loads_its_good_rows_and_names_each_bad_one(tmp_path):
    path = tmp_path / "taken.csv"
    path.write_text(
        "text;hours_per_week;DH01;PF09;DH1\n"
        "Post sorteren;6;1;;\n"
        ";4;;;\n"
        "Scannen;veel;;1;\n"
        "Archief ordenen;2,5;3;;\n"
        "Dozen sjouwen;3;9;;\n"
        "Planten water geven;0;;;\n"
        "Koffie zetten;2;;;2\n"
        '"Koffie; thee rondbrengen";3;;2;\n'
        "\n",
        encoding="utf-8",
    )
    loaded = read_carving_tasks(path)
    assert [(t.text, t.hours_per_week, dict(t.demands)) for t in loaded.records] == [
        ("Post sorteren", 6.0, {"DH01": 1}),
        ("Archief ordenen", 2.5, {"DH01": 3}),  # a decimal comma is a decimal
        ("Koffie; thee rondbrengen", 3.0, {"PF09": 2}),  # a quoted separator stays in the text
    ]
    assert loaded.lines == (2, 5, 9) and loaded.set_aside == (3, 4, 6, 7, 8)
    where = [(p.line, p.field) for p in loaded.problems]
    assert where == [
        (3, "text"),
        (4, "hours_per_week"),
        (6, "demands.DH01"),
        (7, "hours_per_week"),
        (8, "demands.DH1"),
    ]
    messages = [p.message for p in loaded.problems]
    assert "expected a number of hours per week" in messages[1] and "write a number" in messages[1]
    assert "expected an integer 0..4" in messages[2]
    assert "expected a positive number" in messages[3]
    assert "did you mean 'DH01'?" in messages[4]


def test_a_jsonl_task_inventory_rejects_unknown_fields_and_empty_tasks(tmp_path):
    path = tmp_path / "taken.jsonl"
    lines = [
        {"text": "Post sorteren", "hours_per_week": 6, "demands": {"DH01": 1}},
        {"text": "  ", "hours_per_week": 4},
        {"text": "Scannen", "hours_per_week": 4, "demand": {"PF09": 1}},
        {"text": "Archief", "hours_per_week": 3},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    loaded = read_carving_tasks(path)
    assert [t.text for t in loaded.records] == ["Post sorteren", "Archief"]
    assert loaded.records[1].demands == {}  # nothing listed: every item unknown
    assert [str(p).split(";")[0] for p in loaded.problems] == [
        f"{path}:2: text: is empty",
        f"{path}:3: demand: unknown field 'demand'",
    ]
    assert "did you mean 'demands'?" in loaded.problems[1].message


def test_a_task_inventory_must_be_csv_or_jsonl(tmp_path):
    with pytest.raises(ValueError, match=r"expected a \.jsonl or \.csv file"):
        read_carving_tasks(tmp_path / "taken.xlsx")
