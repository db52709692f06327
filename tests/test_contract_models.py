"""matcher.contract_models: the contract's rules as pydantic models (matcher.io validates every record
with them), the error types matcher.io words, and their JSON Schema (``banenmatch schema``), which
accepts the bundled sample and rejects broken records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from matcher.cli import main
from matcher.contract_models import (
    CandidateRecord,
    CarvingTaskRecord,
    PlacementRecord,
    WorkPackageRecord,
    json_schemas,
)
from matcher.io import parse_candidate
from matcher.paths import SAMPLE_DIR

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = SAMPLE_DIR


def _errors(model, obj: Any) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    try:
        model.model_validate(obj)
    except ValidationError as exc:
        return [(e["type"], e["loc"], e.get("ctx") or {}) for e in exc.errors(include_url=False)]
    return []


@pytest.mark.parametrize(
    ("model", "obj", "expected"),
    [
        (CandidateRecord, {"id": "123456782"}, [("pseudonymous_id_bsn", ("id",), {})]),
        (CandidateRecord, {"id": " "}, [("pseudonymous_id_empty", ("id",), {})]),
        (CandidateRecord, {"id": "K 1"}, [("pseudonymous_id_whitespace", ("id",), {})]),
        (CandidateRecord, {"id": "K\u200b1"}, [("pseudonymous_id_invisible", ("id",), {})]),
        (
            CandidateRecord,
            {"id": "K1", "hours": {"min_per_week": 30, "max_per_week": 20}},
            [("min_above_max", ("hours", "max_per_week"), {"low": 30, "high": 20})],
        ),
        (
            WorkPackageRecord,
            {
                "id": "P1",
                "employer": "e",
                "sector": "rijk",
                "title": "t",
                "hours": {"per_week": 8, "per_day": 9},
            },
            [("day_above_week", ("hours", "per_day"), {"per_day": 9, "per_week": 8})],
        ),
        (
            PlacementRecord,
            {"candidate_id": "K1", "package_id": "P1", "start": "2024-03-01", "end": "2024-02-01"},
            [("end_before_start", ("end",), {"end": "2024-02-01", "start": "2024-03-01"})],
        ),
        (
            CandidateRecord,
            {"id": "K1", "available_from": "01-03-2024"},
            [("iso_date_format", ("available_from",), {})],
        ),
        (
            CandidateRecord,
            {"id": "K1", "available_from": "2023-02-30"},
            [("impossible_date", ("available_from",), {"reason": "day is out of range for month"})],
        ),
        (
            CandidateRecord,
            {"id": "K1", "available_from": 20240301},
            [("iso_date_type", ("available_from",), {})],
        ),
        (
            CandidateRecord,
            {"id": "K1", "location": {"municipality": "Atlantis"}},
            [("unknown_municipality", ("location", "municipality"), {})],
        ),
        (
            CarvingTaskRecord,
            {"text": "Post", "hours_per_week": 0},
            [("greater_than", ("hours_per_week",), {"gt": 0})],
        ),
    ],
    ids=lambda v: str(v)[:40],
)
def test_the_models_raise_the_error_types_io_words(model, obj, expected):
    assert _errors(model, obj) == expected


def test_every_bad_item_of_an_fml_map_is_its_own_error():
    errors = _errors(
        CandidateRecord, {"id": "K1", "capacities": {"levels": {"XX": 1, "DH01": 9, "PF01": True}}}
    )
    assert sorted((kind, loc) for kind, loc, _ in errors) == [
        ("extra_forbidden", ("capacities", "levels", "XX")),
        ("int_type", ("capacities", "levels", "PF01")),
        ("less_than_equal", ("capacities", "levels", "DH01")),
    ]


def test_fml_maps_come_out_in_fml_order_with_null_kept_as_unknown():
    record = CandidateRecord.model_validate(
        {"id": "K1", "capacities": {"levels": {"WT01": 2, "DH01": None, "PF01": 1}}}
    )
    assert list(record.capacities.levels.items()) == [("PF01", 1), ("DH01", None), ("WT01", 2)]


def test_a_task_is_a_string_or_an_object():
    base = {"id": "P1", "employer": "e", "sector": "rijk", "title": "t"}
    record = WorkPackageRecord.model_validate(
        {**base, "tasks": ["Post", {"text": "Scannen", "hours_per_week": 4}]}
    )
    assert record.tasks[0] == "Post" and record.tasks[1].hours_per_week == 4.0
    assert [kind for kind, _, _ in _errors(WorkPackageRecord, {**base, "tasks": [3]})] == [
        "union_tag_not_found"
    ]


def test_municipalities_are_normalised_to_the_cbs_name(candidate_dict):
    candidate_dict["location"]["municipality"] = "den haag"
    record = CandidateRecord.model_validate(candidate_dict)
    assert record.location.municipality == "'s-Gravenhage"
    assert parse_candidate(candidate_dict)[0].location.municipality == "'s-Gravenhage"


def test_the_json_schema_accepts_the_sample_and_rejects_broken_records():
    schemas = json_schemas()
    files = {
        "candidates": "candidates.jsonl",
        "vacancies": "vacancies.jsonl",
        "placements": "placements.jsonl",
    }
    for name, file in files.items():
        validator = jsonschema.Draft202012Validator(schemas[name])
        lines = (SAMPLE / file).read_text(encoding="utf-8").splitlines()
        assert lines
        for line in lines:
            validator.validate(json.loads(line))
    candidates = jsonschema.Draft202012Validator(schemas["candidates"])
    for broken in (
        {"id": "K1", "colour": "blue"},
        {"id": "K1", "hours": {"max_per_week": 169}},
        {"id": "K1", "travel": {"max_minutes": 2147483648}},
        {"id": "K1", "capacities": {"levels": {"DH01": 9}}},
        {"id": "K1", "schedule": {"days": ["mon"]}},
        {"id": "123456782"},
        {"id": "Jan de Vries"},
    ):
        assert not candidates.is_valid(broken), broken
    assert candidates.is_valid({"id": "K1", "capacities": {"levels": {"DH01": None}}})


def test_banenmatch_schema_writes_one_schema_per_record_type(tmp_path, capsys):
    assert main(["schema", "--out", str(tmp_path / "schemas")]) == 0
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == [
        "candidates.schema.json",
        "carving_tasks.schema.json",
        "placements.schema.json",
        "vacancies.schema.json",
    ]
    schema = json.loads((tmp_path / "schemas" / "vacancies.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False and set(schema["required"]) == {
        "id",
        "employer",
        "sector",
        "title",
    }
    assert capsys.readouterr().out.count(".schema.json") == 4
    (tmp_path / "file").write_text("x")
    assert main(["schema", "--out", str(tmp_path / "file")]) == 2


def test_models_are_frozen():
    record = CandidateRecord.model_validate({"id": "K1"})
    with pytest.raises(ValidationError):
        record.id = "K2"  # type: ignore[misc]
