"""Records kept in parts (matcher.segments): the same answers as one contiguous array, and an update
that links the stored rows instead of writing them again."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher import persist
from matcher.encoders import HashingEncoder
from matcher.errors import ArtefactMismatchError
from matcher.features import ClauseBank, Lexical
from matcher.recommend import Matcher
from matcher.segments import MAX_PARTS, SegmentedBank, SegmentedRows, append_rows
from matcher.store import StringTable, Versions
from tests.test_persist import _answers, _same, sample_records

ENCODER = HashingEncoder()


def _bank(rng: np.random.Generator, n: int, tag: str) -> ClauseBank:
    counts = rng.integers(0, 4, n)
    start = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    vectors = rng.normal(size=(int(start[-1]), 8))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    texts = StringTable.of([f"{tag}{i}" for i in range(int(start[-1]))])
    return ClauseBank(vectors=vectors.astype(np.float16), start=start, texts=texts)


def _rows(rng: np.random.Generator, n: int, width: int) -> sp.csr_matrix:
    matrix = sp.random(n, width, density=0.3, format="csr", random_state=rng, dtype=np.float32)
    matrix.sort_indices()
    return matrix


# Each step: (rows kept, as a 0/1 mask drawn per old row, and how many new rows).
_STEPS = st.lists(st.tuples(st.lists(st.booleans(), min_size=40, max_size=40), st.integers(0, 6)), max_size=8)


@settings(max_examples=30, deadline=None)
@given(steps=_STEPS, seed=st.integers(0, 2**16))
def test_appending_rows_answers_as_one_contiguous_bank_and_keeps_few_parts(steps, seed):
    rng = np.random.default_rng(seed)
    bank = want = _bank(rng, 30, "b")
    for step, (mask, n_new) in enumerate(steps):
        n = len(want.start) - 1
        keep = np.flatnonzero(np.resize(mask, n))
        new = _bank(rng, n_new, f"s{step}-")
        bank = append_rows(bank, keep, new)
        want = ClauseBank.concat([want.take(keep), new])
        parts = getattr(bank, "parts", (bank,))  # with no record left it is a plain (empty) bank again
        assert len(parts) <= MAX_PARTS
        assert sum(len(p.start) - 1 for p in parts) >= len(want.start) - 1
    n = len(want.start) - 1
    if not n:
        return
    rows = rng.integers(0, n, 25)
    targets = rng.normal(size=(25, 8)).astype(np.float32)
    # Bit for bit: each row's best clause is computed from the same numbers in the same order.
    assert np.array_equal(bank.max_similarity(rows, targets[0]), want.max_similarity(rows, targets[0]))
    assert np.array_equal(bank.max_similarity(rows, targets), want.max_similarity(rows, targets))
    same = np.full(25, rows[0])
    assert np.array_equal(bank.max_similarity(same, targets), want.max_similarity(same, targets))
    for r in rows[:5]:
        got_vectors, got_texts = bank.of(int(r))
        want_vectors, want_texts = want.of(int(r))
        assert np.array_equal(got_vectors, want_vectors) and got_texts == want_texts
        part, a, b = bank.locate(int(r))
        assert tuple(part.texts[a:b]) == want_texts


def test_rows_in_parts_read_as_one_csr_matrix_widened_to_the_vocabulary():
    rng = np.random.default_rng(3)
    base = _rows(rng, 50, 20)
    keep = np.flatnonzero(rng.random(50) > 0.2)
    new = _rows(rng, 7, 26)  # the vocabulary grew
    rows = append_rows(base, keep, new, width=26)
    want = sp.vstack([sp.csr_matrix(base[keep], shape=(len(keep), 26)), new], format="csr")
    assert isinstance(rows, SegmentedRows) and rows.shape == want.shape and rows.nnz == want.nnz
    pick = rng.integers(0, want.shape[0], 30)
    assert np.array_equal(rows[pick].toarray(), want[pick].toarray())
    assert np.array_equal(rows[int(pick[0])].toarray(), want[int(pick[0])].toarray())
    assert rows[np.array([], dtype=np.int64)].shape == (0, 26)
    lexical = Lexical(terms=[f"t{i}" for i in range(26)], df=rng.integers(1, 9, 26), n_docs=80)
    assert np.allclose(lexical.norms(rows), lexical.norms(want), rtol=0, atol=1e-12)


def test_a_part_no_record_uses_is_dropped_and_the_tail_is_merged():
    rng = np.random.default_rng(5)
    bank = _bank(rng, 10, "b")
    first = append_rows(bank, np.arange(10), _bank(rng, 3, "x"))
    assert len(first.parts) == 2
    # Every record of the second part replaced: that part goes.
    second = append_rows(first, np.arange(10), _bank(rng, 2, "y"))
    assert (
        len(second.parts) == 2
        and len(second.parts[1].start) - 1 == 2
        and second.parts[1] is not first.parts[1]
    )
    grown = second
    for step in range(MAX_PARTS + 2):
        grown = append_rows(grown, np.arange(len(grown)), _bank(rng, 2, f"z{step}"))
        assert len(grown.parts) <= MAX_PARTS
    assert grown.parts[0] is bank  # the full build's part is never copied
    assert isinstance(grown, SegmentedBank)


@pytest.fixture(scope="module")
def sample():
    return sample_records()


def _changed(matcher: Matcher, rows: range, round_: int) -> list:
    return [dataclasses.replace(matcher.candidates[i], wishes=f"iets anders, ronde {round_}") for i in rows]


def test_an_update_links_the_stored_clauses_and_ngrams_and_writes_only_the_change(sample, tmp_path):
    cands, pkgs, places = sample
    root = tmp_path / "idx"
    Matcher(encoder=ENCODER).fit(cands[:80], pkgs[:30], places[:100]).save(root)
    v1 = Versions(root).current()
    persist.update(root, candidates=_changed(Matcher.load(root), range(3), 1) + cands[80:82])
    v2 = Versions(root).current()
    for old, new in [
        ("candidates.experience.vectors.npy", "candidates.experience.p0.vectors.npy"),
        ("candidates.wishes.texts.blob.npy", "candidates.wishes.p0.texts.blob.npy"),
        ("candidates.lexical.data.npy", "candidates.lexical.p0.data.npy"),
        ("candidates.lexical.indices.npy", "candidates.lexical.p0.indices.npy"),
    ]:
        assert (v1 / old).stat().st_ino == (v2 / new).stat().st_ino, new  # the same file, not a copy
    updated = Matcher.load(root)
    assert isinstance(updated.corpus.candidates.experience, SegmentedBank)
    assert isinstance(updated.corpus.candidates.lexical, SegmentedRows)
    # The new part holds only the 5 changed and added people.
    assert len(updated.corpus.candidates.wishes.parts[1].start) - 1 == 5
    # Several more updates: the parts stay few, and the answers are those of a full build.
    for round_ in range(2, 2 + MAX_PARTS + 1):
        persist.update(root, candidates=_changed(Matcher.load(root), range(round_, round_ + 2), round_))
        assert len(Matcher.load(root).corpus.candidates.experience.parts) <= MAX_PARTS
    updated = Matcher.load(root)
    rebuilt = Matcher(encoder=ENCODER, scorer=updated.scorer, durability=updated.durability).fit(
        list(updated.candidates), list(updated.packages), list(updated.placements)
    )
    assert _same(_answers(updated), _answers(rebuilt))
    assert any(_answers(updated))


def test_an_update_refuses_a_damaged_file_it_copies_and_never_hides_damage_in_a_linked_one(sample, tmp_path):
    cands, pkgs, _ = sample
    root = tmp_path / "idx"
    Matcher(encoder=ENCODER).fit(cands[:40], pkgs[:10]).save(root)
    before = Versions(root).current()
    taken = before / "candidates.profile.npy"  # copied row by row into the next version
    raw = bytearray(taken.read_bytes())
    raw[-5] ^= 0xFF
    taken.write_bytes(bytes(raw))
    with pytest.raises(ArtefactMismatchError, match=r"candidates\.profile\.npy.*altered.*banenmatch build"):
        persist.update(root, candidates=_changed(Matcher.load(root, verify=False), range(2), 1))
    assert Versions(root).current() == before and Versions(root).numbers() == [1]
    raw[-5] ^= 0xFF
    taken.write_bytes(bytes(raw))
    linked = before / "candidates.experience.vectors.npy"  # linked into the next version as it is
    raw = bytearray(linked.read_bytes())
    raw[-3] ^= 0xFF
    linked.write_bytes(bytes(raw))
    persist.update(root, candidates=_changed(Matcher.load(root, verify=False), range(2), 2))
    # The new version records the file's old SHA-256, so its load refuses the damage too.
    with pytest.raises(ArtefactMismatchError, match=r"candidates\.experience\.p0\.vectors\.npy.*altered"):
        Matcher.load(root)
