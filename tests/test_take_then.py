"""An update's merge in one copy: ``take(rows, then=...)`` equals taking the rows, then concatenating."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from matcher import store
from matcher.features import ClauseBank
from matcher.segments import take_csr
from matcher.store import StringTable, ragged_take, take_rows


def _ragged(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    counts = rng.integers(0, 4, size=n)
    start = np.zeros(n + 1, dtype=np.int64)
    start[1:] = np.cumsum(counts)
    return rng.normal(size=(int(start[-1]), 3)).astype(np.float16), start


def _rows(rng: np.random.Generator, n: int, kind: str) -> np.ndarray:
    if kind == "kept in order":  # an update: most rows kept, a few runs
        return np.flatnonzero(rng.random(n) > 0.05)
    if kind == "shuffled":
        return rng.permutation(n)[: n // 2]
    return np.zeros(0, dtype=np.int64)


@pytest.mark.parametrize("kind", ["kept in order", "shuffled", "none"])
@pytest.mark.parametrize("max_runs", [4096, 1])
def test_take_rows_then_equals_take_then_concatenate(kind: str, max_runs: int, monkeypatch) -> None:
    monkeypatch.setattr(store, "_MAX_RUNS", max_runs)  # 1: the index-array path for any rows
    rng = np.random.default_rng(5)
    flat, start = _ragged(rng, 200)
    more_flat, more_start = _ragged(rng, 7)
    rows = _rows(rng, 200, kind)
    got, got_start = take_rows(flat, start, rows, then=(more_flat, more_start))
    taken, taken_start = take_rows(flat, start, rows)
    np.testing.assert_array_equal(taken, flat[ragged_take(start, rows)[0]])
    np.testing.assert_array_equal(got, np.concatenate([taken, more_flat]))
    np.testing.assert_array_equal(got_start, np.concatenate([taken_start, more_start[1:] + taken_start[-1]]))
    assert got_start.dtype == np.int64 and got.dtype == flat.dtype


@pytest.mark.parametrize("kind", ["kept in order", "shuffled", "none"])
def test_string_table_and_clause_bank_take_then_equal_concat(kind: str) -> None:
    rng = np.random.default_rng(8)
    texts = [f"zin {i} " + "é" * int(rng.integers(0, 5)) for i in range(300)]
    table, extra = StringTable.of(texts), StringTable.of(["nieuw", "", "ander"])
    rows = _rows(rng, 300, kind)
    got = table.take(rows, then=extra)
    want = StringTable.concat([table.take(rows), extra])
    assert list(got) == list(want) == [texts[i] for i in rows] + ["nieuw", "", "ander"]
    np.testing.assert_array_equal(got.offsets, want.offsets)
    assert got.offsets.dtype == want.offsets.dtype

    vectors, start = _ragged(rng, 100)
    bank = ClauseBank(
        vectors=vectors, start=start, texts=StringTable.of([f"c{i}" for i in range(len(vectors))])
    )
    v2, s2 = _ragged(rng, 4)
    new = ClauseBank(vectors=v2, start=s2, texts=StringTable.of([f"n{i}" for i in range(len(v2))]))
    rows = _rows(rng, 100, kind)
    got, want = bank.take(rows, then=new), ClauseBank.concat([bank.take(rows), new])
    np.testing.assert_array_equal(got.vectors, want.vectors)
    np.testing.assert_array_equal(got.start, want.start)
    assert got.start.dtype == want.start.dtype and got.vectors.dtype == want.vectors.dtype
    assert list(got.texts) == list(want.texts)


@pytest.mark.parametrize("kind", ["kept in order", "shuffled", "none"])
def test_take_csr_equals_fancy_row_indexing(kind: str) -> None:
    rng = np.random.default_rng(11)
    matrix = sp.random(150, 40, density=0.1, format="csr", random_state=3, dtype=np.float32)
    rows = _rows(rng, 150, kind)
    got, want = take_csr(matrix, rows), matrix[rows]
    assert got.shape == want.shape
    for part in ("data", "indices", "indptr"):
        np.testing.assert_array_equal(getattr(got, part), getattr(want, part))
        assert getattr(got, part).dtype == getattr(want, part).dtype
