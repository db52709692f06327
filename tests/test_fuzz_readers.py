"""Fuzzing every reader (issue 12): valid records mutated at JSON and byte level (huge integers,
NaN/Infinity, deep nesting, BOM, CRLF, invalid UTF-8, duplicate keys and ids, hostile ids, truncation,
random bytes), read as files, uploads and through the app's loading path.

For every file: no exception escapes; every valid line loads; every surely invalid line is set aside
and reported with its line; every line is loaded or reported, never lost; no message repeats private
text; and everything that loads goes through ``match`` in both directions. Bounded examples keep it
fast; ``scripts/fuzz_campaign.py`` runs the same mutations on 100,000+ records.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.encoders import HashingEncoder
from matcher.io import (
    Loaded,
    check_placements,
    read_candidates,
    read_carving_tasks,
    read_packages,
    read_placements,
)
from matcher.recommend import Matcher
from tests.fuzzing import PRIVATE, Line, file_bytes, make_lines, violations
from webapp.dataset import load_sources

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_file(loaded: Loaded[Any], lines: list[Line], file: str) -> None:
    assert violations(loaded, lines, file) == []


def match_everything(candidates, packages, placements=()) -> None:
    """Everything that loaded goes through the matcher in both directions without an error."""
    if not candidates or not packages:
        return
    ids = {c.id for c in candidates}, {p.id for p in packages}
    history = [p for p in placements if p.candidate_id in ids[0] and p.package_id in ids[1]]
    matcher = Matcher(encoder=HashingEncoder()).fit(candidates, packages, placements=history)
    for package in packages:
        matcher.for_vacancy(package.id, k=3)
        matcher.excluded_for_vacancy(package.id, limit=3)
    for candidate in candidates:
        matcher.for_candidate(candidate.id, k=3)


def _file(rng: random.Random, kind: str, count: int) -> tuple[list[Line], bytes]:
    lines = make_lines(rng, kind, count)
    data = file_bytes(rng, lines)
    return lines, data


@FUZZ
@given(st.randoms(use_true_random=False), st.integers(1, 8), st.integers(1, 8))
def test_candidates_and_packages_files(rng, n_candidates, n_packages):
    cand_lines, cand_data = _file(rng, "candidates", n_candidates)
    pkg_lines, pkg_data = _file(rng, "packages", n_packages)
    candidates = read_candidates(cand_data, name="c.jsonl")
    packages = read_packages(pkg_data, name="v.jsonl")
    check_file(candidates, cand_lines, "c.jsonl")
    check_file(packages, pkg_lines, "v.jsonl")
    match_everything(candidates.records, packages.records)


@FUZZ
@given(st.randoms(use_true_random=False), st.integers(1, 8))
def test_placements_files(rng, count):
    lines, data = _file(rng, "placements", count)
    loaded = read_placements(data, name="p.jsonl")
    check_file(loaded, lines, "p.jsonl")
    for problem in check_placements(loaded, (), ()):  # every id unknown: reported, never echoed if private
        assert problem.line in loaded.lines and not any(secret in str(problem) for secret in PRIVATE)


@FUZZ
@given(st.randoms(use_true_random=False), st.integers(1, 8))
def test_carving_task_files(tmp_path_factory, rng, count):
    lines, data = _file(rng, "tasks", count)
    path = Path(tmp_path_factory.mktemp("tasks")) / "taken.jsonl"
    path.write_bytes(data)
    loaded = read_carving_tasks(path)
    check_file(loaded, lines, str(path))
    assert all(t.hours_per_week > 0 and None not in t.demands.values() for t in loaded.records)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.sampled_from(
                    ["Post", "4", "2,5", "0", "-1", "1e400", "nan", "9" * 400, "", " ", "2", "x;y", '"']
                ),
                st.text(max_size=8),
            ),
            min_size=1,
            max_size=5,
        ),
        max_size=6,
    ),
    st.sampled_from([";", ","]),
)
def test_carving_task_csv_files(tmp_path_factory, rows, separator):
    header = separator.join(["text", "hours_per_week", "DH01", "PF09", "XX1"])
    body = "\n".join(separator.join(row) for row in rows)
    path = Path(tmp_path_factory.mktemp("tasks")) / "taken.csv"
    path.write_text(header + "\n" + body + "\n", encoding="utf-8", errors="surrogatepass")
    loaded = read_carving_tasks(path)
    assert set(loaded.set_aside) == {p.line for p in loaded.problems}
    assert all(t.hours_per_week > 0 and t.text.strip() for t in loaded.records)


@FUZZ
@given(st.randoms(use_true_random=False), st.integers(1, 6), st.integers(1, 6), st.integers(0, 6))
def test_uploads_through_the_apps_loading_path(rng, n_candidates, n_packages, n_placements):
    cand_lines, cand_data = _file(rng, "candidates", n_candidates)
    pkg_lines, pkg_data = _file(rng, "packages", n_packages)
    _plac_lines, plac_data = _file(rng, "placements", n_placements)
    data = load_sources(cand_data, pkg_data, plac_data, names=("c.jsonl", "v.jsonl", "p.jsonl"))
    for file, lines in (("c.jsonl", cand_lines), ("v.jsonl", pkg_lines)):
        numbers = {p.line for p in data.problems if p.file == file}
        for i, line in enumerate(lines):
            if line.status == "invalid":
                assert i + 1 in numbers, (file, line.mutation)
            elif line.status == "valid":
                assert i + 1 not in numbers
    assert not any(secret in str(p) for p in data.problems for secret in PRIVATE)
    match_everything(data.candidates, data.packages, data.placements)
