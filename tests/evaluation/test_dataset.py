from __future__ import annotations

import pytest

from evaluation.dataset import load_benchmark
from evaluation.runs import Direction
from matcher.errors import SchemaError
from tests.evaluation.tiny_world import write_tiny_world


def test_loads_every_part(tmp_path):
    data = load_benchmark(write_tiny_world(tmp_path))
    assert (len(data.candidates), len(data.packages), len(data.placements)) == (40, 15, 25)
    assert set(data.qrels) == {Direction.VACANCY, Direction.CANDIDATE}
    assert data.queries("vacancy") == data.documents("candidate") == tuple(p.id for p in data.packages)
    assert data.queries("candidate")[0] == "K0000"
    assert data.candidate_by_id["K0003"].id == "K0003"
    assert data.audit["K0001"] == {"sex": "vrouw", "age_band": "25-35", "limitation_type": "autisme"}
    assert data.audit_attributes() == ("limitation_type", "register_route", "sex", "age_band")
    # register_route is not in this audit file: it comes from the candidate records
    assert data.group_labels("register_route")["K0000"] == data.candidates[0].register.route
    assert data.problems == ()


def test_bad_record_is_set_aside_and_reported(tmp_path):
    folder = write_tiny_world(tmp_path)
    with (folder / "candidates.jsonl").open("a") as out:
        out.write('{"id": "K9999", "wishes": 42}\n')
    data = load_benchmark(folder)
    assert len(data.candidates) == 40
    assert len(data.problems) == 1
    assert data.problems[0].startswith(f"{folder / 'candidates.jsonl'}:41: wishes")


def test_optional_files_may_be_absent(tmp_path):
    folder = write_tiny_world(tmp_path)
    for name in ("placements.jsonl", "qrels.candidate.tsv", "audit.jsonl"):
        (folder / name).unlink()
    data = load_benchmark(folder)
    assert data.placements == () and set(data.qrels) == {Direction.VACANCY} and data.audit == {}
    assert data.audit_attributes() == ("register_route",)


def test_missing_required_file_says_how_to_make_one(tmp_path):
    with pytest.raises(FileNotFoundError, match="python -m evaluation world"):
        load_benchmark(tmp_path)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", r"audit\.jsonl:1: line: expected one JSON object"),
        ("[1]", "expected a JSON object"),
        ('{"sex": "man"}', "candidate_id"),
    ],
)
def test_bad_audit_lines(tmp_path, line, message):
    folder = write_tiny_world(tmp_path)
    (folder / "audit.jsonl").write_text(line + "\n")
    with pytest.raises(SchemaError, match=message):
        load_benchmark(folder)
