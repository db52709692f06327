"""webapp.dataset: folders and uploads are loaded as banenmatch validate checks them."""

from __future__ import annotations

import pytest

from matcher import cli
from tests.app.world import write_world
from webapp.dataset import DataFolderError, load_folder, load_sources


@pytest.fixture
def folder(tmp_path):
    write_world(tmp_path / "data")
    return tmp_path / "data"


def test_a_folder_loads_all_three_files(folder):
    data = load_folder(folder)
    assert (len(data.candidates), len(data.packages), len(data.placements)) == (40, 11, 6)
    assert data.problems == () and data.set_aside == 0
    assert set(data.packages_by_id) == {p.id for p in data.packages}
    assert load_folder(folder).fingerprint == data.fingerprint


def test_a_missing_file_is_named(tmp_path, folder):
    (folder / "vacancies.jsonl").unlink()
    with pytest.raises(DataFolderError, match=r"vacancies\.jsonl"):
        load_folder(folder)


def test_problems_match_the_command_line_and_good_records_survive(folder, capsys, monkeypatch):
    monkeypatch.chdir(folder)
    lines = (folder / "candidates.jsonl").read_bytes().splitlines()
    lines[2] = b'{"id": "K1", "hours": {"min_per_week": 30, "max_per_week": 20}}'
    lines.append(lines[0])  # a duplicate id
    (folder / "candidates.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    placements = (
        folder / "placements.jsonl"
    ).read_bytes() + b'{"candidate_id": "ONBEKEND", "package_id": "P-post-Utrecht", "start": "2024-01-01"}\n'
    (folder / "placements.jsonl").write_bytes(placements)
    assert (
        cli.main(
            [
                "validate",
                "--candidates",
                "candidates.jsonl",
                "--vacancies",
                "vacancies.jsonl",
                "--placements",
                "placements.jsonl",
            ]
        )
        == 1
    )
    printed = capsys.readouterr().out.splitlines()
    data = load_sources(
        (folder / "candidates.jsonl").read_bytes(),
        (folder / "vacancies.jsonl").read_bytes(),
        (folder / "placements.jsonl").read_bytes(),
        names=("candidates.jsonl", "vacancies.jsonl", "placements.jsonl"),
    )
    assert [str(p) for p in data.problems] == printed
    assert len(data.candidates) == 39  # line 3 set aside (and the duplicate of line 1)
    assert len(data.placements) == 6  # the placement of an unknown candidate is not used
    assert data.set_aside == 3


def test_the_fingerprint_changes_with_the_content(folder):
    a = load_folder(folder)
    with (folder / "vacancies.jsonl").open("ab") as handle:
        handle.write(b"\n")
    assert load_folder(folder).fingerprint != a.fingerprint
