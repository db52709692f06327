"""matcher.contract_models: the contract as pydantic models accepts exactly what matcher.io accepts,
and its JSON Schema (``banenmatch schema``) accepts the bundled sample and rejects broken records."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from matcher.cli import main
from matcher.contract_models import (
    CandidateRecord,
    CarvingTaskRecord,
    PlacementRecord,
    WorkPackageRecord,
    json_schemas,
)
from matcher.io import _carving_task_spec, _parse, parse_candidate, parse_package, parse_placement
from matcher.paths import SAMPLE_DIR
from tests.fuzzing import _mutate, random_record
from tests.test_io import BAD_FIELD_CASES, set_path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = SAMPLE_DIR
MODELS = {
    "candidates": (CandidateRecord, parse_candidate),
    "packages": (WorkPackageRecord, parse_package),
    "placements": (PlacementRecord, parse_placement),
    "tasks": (CarvingTaskRecord, lambda obj: _parse(_carving_task_spec(), obj, "<input>", 1)),
}


def _model_accepts(model, obj: Any) -> bool:
    try:
        model.model_validate(obj)
    except ValidationError:
        return False
    return True


def _io_accepts(parse, obj: Any) -> bool:
    record, problems = parse(obj)
    return record is not None and not problems


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(MODELS)), st.randoms(use_true_random=False), st.booleans())
def test_the_models_accept_exactly_what_io_accepts(kind, rng, mutate):
    record = random_record(rng, kind, rng.randrange(100))
    if mutate:
        line = _mutate(rng, record, ["K1", "P1"], "id" if kind in ("candidates", "packages") else None)
        try:
            obj = json.loads(line.raw.decode("utf-8"))
        except (ValueError, RecursionError):  # not JSON: the line reader's business, not the records'
            return
    else:
        obj = record
    model, parse = MODELS[kind]
    assert _model_accepts(model, obj) == _io_accepts(parse, obj), json.dumps(obj, ensure_ascii=False)[:400]


@pytest.mark.parametrize(
    ("kind", "path", "value", "field", "parts"), BAD_FIELD_CASES, ids=lambda v: str(v)[:30]
)
def test_every_rule_of_io_is_a_rule_of_the_models(
    kind, path, value, field, parts, candidate_dict, package_dict, placement_dict
):
    from tests.test_io import DELETE

    raw = {"candidate": candidate_dict, "package": package_dict, "placement": placement_dict}[kind]
    model = {"candidate": CandidateRecord, "package": WorkPackageRecord, "placement": PlacementRecord}[kind]
    assert _model_accepts(model, copy.deepcopy(raw))
    assert not _model_accepts(
        model, set_path(raw, path, value) if value is not DELETE else set_path(raw, path, DELETE)
    )


def test_municipalities_are_normalised_like_io(candidate_dict):
    candidate_dict["location"]["municipality"] = "den haag"
    record = CandidateRecord.model_validate(candidate_dict)
    assert record.location.municipality == parse_candidate(candidate_dict)[0].location.municipality


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
