"""A saved index (matcher.persist): round trip, update equals rebuild, crash safety, integrity, refusals."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher import persist
from matcher.encoders import HashingEncoder
from matcher.errors import ArtefactMismatchError
from matcher.io import read_candidates, read_packages, read_placements, write_jsonl
from matcher.paths import SAMPLE_DIR as SAMPLE
from matcher.ranking import DurabilityModel
from matcher.recommend import Matcher
from matcher.store import Versions, is_mapped

ENCODER = HashingEncoder()


def sample_records() -> tuple[list, list, list]:
    """The bundled sample's candidates, packages and placements."""
    return (
        list(read_candidates(SAMPLE / "candidates.jsonl").records),
        list(read_packages(SAMPLE / "vacancies.jsonl").records),
        list(read_placements(SAMPLE / "placements.jsonl").records),
    )


@pytest.fixture(scope="module")
def sample():
    return sample_records()


def _answers(matcher: Matcher, *, every: int = 1) -> list:
    """Every query both ways: ids in order, scores, and the checks of each explanation."""
    out = []
    for pid in list(matcher.corpus.packages.arrays.ids)[::every]:
        out.append([(m.candidate_id, m.score, m.explanation.checks) for m in matcher.for_vacancy(pid, 10)])
    for cid in list(matcher.corpus.candidates.arrays.ids)[::every]:
        out.append([(m.package_id, m.score, m.explanation.checks) for m in matcher.for_candidate(cid, 10)])
    return out


def _same(got: list, expected: list) -> bool:
    """Equal ids and checks, scores equal up to float rounding (columns summed in another order)."""
    if [[(i, c) for i, _, c in q] for q in got] != [[(i, c) for i, _, c in q] for q in expected]:
        return False
    scores = [s for q in got for _, s, _ in q], [s for q in expected for _, s, _ in q]
    return bool(np.allclose(*scores, rtol=1e-9, atol=1e-9))


def test_save_then_load_gives_identical_results(sample, tmp_path):
    cands, pkgs, places = sample
    built = Matcher(encoder=ENCODER).fit(cands[:150], pkgs[:50], places)
    built.save(tmp_path / "idx")
    loaded = Matcher.load(tmp_path / "idx")
    for pid in [p.id for p in pkgs[:50]]:
        assert [m.to_dict() for m in loaded.for_vacancy(pid, 20)] == [
            m.to_dict() for m in built.for_vacancy(pid, 20)
        ]
    for cid in [c.id for c in cands[:150:5]]:
        assert [m.to_dict() for m in loaded.for_candidate(cid, 20)] == [
            m.to_dict() for m in built.for_candidate(cid, 20)
        ]
    form = dataclasses.replace(pkgs[60], id="uit-het-formulier")
    assert [m.to_dict() for m in loaded.for_package(form)] == [m.to_dict() for m in built.for_package(form)]
    assert loaded.eligible_count(pkgs[3].id) == built.eligible_count(pkgs[3].id)
    assert is_mapped(loaded.corpus.candidates.profile)  # shared through the page cache
    assert any(built.for_vacancy(p.id, 20) for p in pkgs[:50])  # the comparison is not between empty lists


_OPS = st.lists(
    st.tuples(
        st.lists(st.integers(0, 79), max_size=6, unique=True),  # candidates replaced (wishes changed)
        st.integers(0, 20),  # new candidates from the pool
        st.lists(st.integers(0, 79), max_size=5, unique=True),  # candidates removed
        st.integers(0, 6),  # new packages
        st.lists(st.integers(0, 29), max_size=3, unique=True),  # packages removed
        st.integers(0, 30),  # new placements
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_OPS)
def test_any_sequence_of_updates_equals_a_rebuild_on_the_final_data(sample, tmp_path_factory, ops):
    cands, pkgs, places = sample
    root = tmp_path_factory.mktemp("idx") / "idx"
    Matcher(encoder=ENCODER).fit(cands[:80], pkgs[:30], places[:100]).save(root)
    pool_c, pool_p, pool_pl = iter(cands[80:]), iter(pkgs[30:]), iter(places[100:])
    for replaced, n_new, removed, n_new_p, removed_p, n_pl in ops:
        current = Matcher.load(root)
        ids = list(current.corpus.candidates.arrays.ids)
        changed = [
            dataclasses.replace(current.candidates[i], wishes=f"liever iets anders, ronde {i}")
            for i in replaced
            if i < len(ids)
        ]
        gone = {ids[i] for i in removed if i < len(ids)} - {c.id for c in changed}
        pids = list(current.corpus.packages.arrays.ids)
        persist.update(
            root,
            candidates=changed + [next(pool_c) for _ in range(n_new)],
            packages=[next(pool_p) for _ in range(n_new_p)],
            placements=[next(pool_pl) for _ in range(n_pl)],
            remove_candidates=sorted(gone),
            remove_packages=sorted({pids[j] for j in removed_p if j < len(pids)}),
        )
    updated = Matcher.load(root)
    rebuilt = Matcher(encoder=ENCODER, scorer=updated.scorer, durability=updated.durability).fit(
        list(updated.candidates), list(updated.packages), list(updated.placements)
    )
    assert _same(_answers(updated), _answers(rebuilt))


def test_an_update_sets_invalid_records_aside_and_changes_nothing_else(sample, tmp_path):
    cands, pkgs, _ = sample
    root = tmp_path / "idx"
    Matcher(encoder=ENCODER).fit(cands[:60], pkgs[:20]).save(root)
    before = _answers(Matcher.load(root))
    changes = tmp_path / "changed.jsonl"
    write_jsonl([cands[61]], changes)
    with open(changes, "a", encoding="utf-8") as handle:
        handle.write('{"id": "K-kapot", "hours": {"min_per_week": "veel"}}\n')
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "matcher",
            "update",
            "--index",
            str(root),
            "--candidates",
            str(changes),
            "--encoder",
            "hashing",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert f"{changes}:2: hours.min_per_week:" in result.stdout
    after = Matcher.load(root)
    assert (
        cands[61].id in after.corpus.candidates.arrays.ids
        and "K-kapot" not in after.corpus.candidates.arrays.ids
    )
    old_only = Matcher(encoder=ENCODER, scorer=after.scorer, durability=after.durability).fit(
        cands[:60], pkgs[:20]
    )
    assert len(_answers(old_only)) == len(before)


def _kill_at(command: list[str], delay: float) -> int | None:
    """Run ``command`` and SIGKILL it after ``delay`` seconds unless it ended before; its exit code."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        return process.wait(timeout=60)


def test_a_build_or_update_killed_at_any_moment_leaves_the_previous_version_loadable(sample, tmp_path):
    cands, pkgs, _ = sample
    data = tmp_path / "data"
    data.mkdir()
    write_jsonl(cands[:60], data / "c.jsonl")
    write_jsonl(pkgs[:20], data / "v.jsonl")
    write_jsonl(cands[60:90], data / "changed.jsonl")
    root = tmp_path / "idx"
    Matcher(encoder=ENCODER).fit(cands[:60], pkgs[:20]).save(root)
    original = _answers(Matcher.load(root), every=3)
    answers = {Versions(root).current().name: original}
    update = [
        sys.executable,
        "-m",
        "matcher",
        "update",
        "--index",
        str(root),
        "--candidates",
        str(data / "changed.jsonl"),
        "--encoder",
        "hashing",
    ]
    build = [
        sys.executable,
        "-m",
        "matcher",
        "build",
        "--candidates",
        str(data / "c.jsonl"),
        "--vacancies",
        str(data / "v.jsonl"),
        "--encoder",
        "hashing",
        "--out",
        str(root),
    ]
    start = time.perf_counter()
    assert _kill_at(update, 120) == 0  # one full run: how long it takes
    full = time.perf_counter() - start
    updated = _answers(Matcher.load(root), every=3)
    assert not _same(updated, original)
    answers[Versions(root).current().name] = updated
    # What a run that completes leaves: a build gives the original data back; an update replaces the
    # same records with the same content, so it always gives the first update's data.
    complete = {"build": original, "update": updated}
    kills = attempts = 0
    while kills < 20 and attempts < 60:  # kill points spread over the run, until 20 of them hit
        name = "build" if attempts % 4 == 3 else "update"
        command = build if name == "build" else update
        before = Versions(root).current().name
        code = _kill_at(command, full * ((attempts * 7) % 20 + 0.5) / 20)
        attempts += 1
        kills += code == -signal.SIGKILL
        now = Versions(root).current().name
        loaded = Matcher.load(root)  # verifies every file of the current version
        # The previous version with its answers, or (killed after the switch) the complete new one.
        expected = answers[before] if now == before else complete[name]
        assert _same(_answers(loaded, every=3), expected), f"attempt {attempts} ({name}), exit {code}"
        answers[now] = expected
    assert kills >= 20


@pytest.mark.parametrize("damage", ["missing", "truncated", "altered"])
def test_load_refuses_a_missing_truncated_or_altered_file_and_names_it(sample, tmp_path, damage):
    cands, pkgs, _ = sample
    Matcher(encoder=ENCODER).fit(cands[:40], pkgs[:10]).save(tmp_path / "idx")
    folder = Versions(tmp_path / "idx").current()
    victim = folder / "candidates.profile.npy"
    if damage == "missing":
        victim.unlink()
    elif damage == "truncated":
        victim.write_bytes(victim.read_bytes()[:-100])
    else:
        raw = bytearray(victim.read_bytes())
        raw[-5] ^= 0xFF
        victim.write_bytes(bytes(raw))
    with pytest.raises(ArtefactMismatchError, match=r"candidates\.profile\.npy.*banenmatch build"):
        Matcher.load(tmp_path / "idx")


def test_an_index_is_refused_with_another_encoder_or_other_data(sample, tmp_path):
    cands, pkgs, _ = sample
    write_jsonl(cands[:40], tmp_path / "c.jsonl")
    write_jsonl(pkgs[:10], tmp_path / "v.jsonl")
    write_jsonl(cands[1:41], tmp_path / "other.jsonl")
    base = [sys.executable, "-m", "matcher"]
    built = subprocess.run(
        [
            *base,
            "build",
            "--candidates",
            str(tmp_path / "c.jsonl"),
            "--vacancies",
            str(tmp_path / "v.jsonl"),
            "--encoder",
            "hashing",
            "--out",
            str(tmp_path / "idx"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    with pytest.raises(ArtefactMismatchError, match="encoder_name"):
        Matcher.load(tmp_path / "idx", encoder=HashingEncoder(dimension=64))
    query = ["match", "--index", str(tmp_path / "idx"), "--vacancy", pkgs[0].id, "--k", "3"]
    same = subprocess.run(
        [*base, *query, "--candidates", str(tmp_path / "c.jsonl")], capture_output=True, text=True
    )
    assert same.returncode == 0, same.stderr
    other = subprocess.run(
        [*base, *query, "--candidates", str(tmp_path / "other.jsonl")], capture_output=True, text=True
    )
    assert other.returncode == 2
    assert "built from other candidates data" in other.stderr and "banenmatch update" in other.stderr


def test_an_index_keeps_the_durability_inputs_and_refuses_a_model_fitted_on_other_columns(sample, tmp_path):
    import json

    cands, pkgs, places = sample
    built = Matcher(encoder=ENCODER).fit(cands[:100], pkgs[:40], places)
    folder = built.save(tmp_path / "idx")
    loaded = Matcher.load(tmp_path / "idx")
    assert np.array_equal(loaded.corpus.candidates.history, built.corpus.candidates.history)
    assert np.array_equal(loaded.corpus.packages.contract, built.corpus.packages.contract)
    assert loaded.durability.feature_names == built.durability.feature_names
    assert persist.read_manifest(tmp_path / "idx")[1]["format_version"] == persist.FORMAT_VERSION == 2
    saved = json.loads((folder / "durability.json").read_text(encoding="utf-8"))
    saved["params"]["feature_names"] = saved["params"]["feature_names"][:-1]
    with pytest.raises(ArtefactMismatchError, match="feature_names"):
        persist._durability_from(saved)
    with pytest.raises(ArtefactMismatchError, match="feature_names"):
        Matcher(encoder=ENCODER, durability=DurabilityModel.from_dict(saved)).fit(cands[:10], pkgs[:5])
