"""Per-record data kept in parts, so that an update writes only the records it changes.

At national scale most of an index's bytes are the candidates' clause vectors and character n-gram
rows (about 3.5 of 5.4 GB at 300,000 people). These are ragged (a different number of clauses or
n-grams per person) and are only ever read a few rows at a time: a query's pool, one explanation.
So an update does not copy them into a new file. It keeps the stored arrays as they are (hard-linked
into the next version, with the SHA-256 already recorded) and writes the changed and new records as
a small part of their own; a row map says, for every record of the index, which part holds it and
at which row. A replaced or removed record's old row stays in its part, unreferenced.

The row map is the only thing rewritten: two small arrays. When more than :data:`MAX_PARTS` parts
exist, the parts after the first (everything added by updates since the full build) are merged
into one, so the number of parts stays bounded; the first part is only ever replaced by a full build.

Every answer is the same as with one contiguous array: a row's values are those it was stored with,
and each computation over rows is row by row (see the tests in ``tests/test_segments.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from matcher.features import ClauseBank, _widen
from matcher.store import take_rows

__all__ = ["MAX_PARTS", "SegmentedBank", "SegmentedRows", "append_rows", "is_segmented", "take_csr"]

MAX_PARTS = 4
"""Parts at most after an update: the full build's part and up to three parts of later changes."""


@dataclass(frozen=True, eq=False)
class _Parts:
    parts: tuple[Any, ...]
    part: np.ndarray  # (n,) which part holds record i
    local: np.ndarray  # (n,) its row in that part

    def __len__(self) -> int:
        return len(self.part)

    def _groups(self, rows: np.ndarray) -> list[tuple[int, np.ndarray]]:
        """(part, positions in ``rows``) for each part that ``rows`` touch, in part order."""
        which = self.part[rows]
        if len(which) and (which == which[0]).all():
            return [(int(which[0]), np.arange(len(rows)))]
        return [(int(k), np.flatnonzero(which == k)) for k in np.unique(which)]


@dataclass(frozen=True, eq=False)
class SegmentedBank(_Parts):
    """A :class:`~matcher.features.ClauseBank` in parts: record ``i`` is row ``local[i]`` of ``parts[part[i]]``."""

    parts: tuple[ClauseBank, ...]

    def locate(self, row: int) -> tuple[ClauseBank, int, int]:
        """The part holding record ``row`` and where its clauses are in it: ``bank.vectors[a:b]``."""
        return self.parts[int(self.part[row])].locate(int(self.local[row]))

    def of(self, row: int) -> tuple[np.ndarray, tuple[str, ...]]:
        return self.parts[int(self.part[row])].of(int(self.local[row]))

    def max_similarity(self, rows: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """:meth:`ClauseBank.max_similarity`, part by part: each row's value is computed on its own."""
        rows = np.asarray(rows, dtype=np.int64)
        out = np.zeros(len(rows))
        for k, at in self._groups(rows):
            goal = targets if targets.ndim == 1 else targets[at]
            out[at] = self.parts[k].max_similarity(self.local[rows[at]], goal)
        return out


@dataclass(frozen=True, eq=False)
class SegmentedRows(_Parts):
    """Sparse rows in parts, indexed like a CSR matrix (``rows[i]``, ``rows[array]``) with ``width`` columns.

    Parts written before the vocabulary grew have fewer columns; their rows are widened when read.
    """

    parts: tuple[sp.csr_matrix, ...]
    width: int

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.part), self.width)

    @property
    def nnz(self) -> int:
        """Stored values of the records (rows no record refers to any more are not counted)."""
        return sum(int(np.diff(self.parts[k].indptr)[self.local[at]].sum()) for k, at in self._all())

    def _all(self) -> list[tuple[int, np.ndarray]]:
        return [(k, np.flatnonzero(self.part == k)) for k in range(len(self.parts))]

    def __getitem__(self, rows: Any) -> sp.csr_matrix:
        rows = np.atleast_1d(np.asarray(rows, dtype=np.int64))
        if not len(rows):
            return sp.csr_matrix((0, self.width), dtype=self.parts[0].dtype)
        groups = self._groups(rows)
        if len(groups) == 1:
            k, _ = groups[0]
            return _widen(self.parts[k][self.local[rows]], self.width)
        pieces = [_widen(self.parts[k][self.local[rows[at]]], self.width) for k, at in groups]
        order = np.concatenate([at for _, at in groups])
        stacked = sp.vstack(pieces, format="csr")
        back = np.empty(len(rows), dtype=np.int64)
        back[order] = np.arange(len(rows))
        return stacked[back]

    def per_row(self, compute: Callable[[sp.csr_matrix], np.ndarray]) -> np.ndarray:
        """``compute`` (a function of a CSR matrix giving one value per row) for every record."""
        out = np.zeros(len(self.part))
        for k, at in self._all():
            if len(at):
                out[at] = compute(self.parts[k])[self.local[at]]
        return out


def is_segmented(value: Any) -> bool:
    return isinstance(value, _Parts)


def _as_parts(value: Any) -> tuple[tuple[Any, ...], np.ndarray, np.ndarray]:
    if is_segmented(value):
        return value.parts, np.asarray(value.part), np.asarray(value.local)
    n = len(value.start) - 1 if isinstance(value, ClauseBank) else value.shape[0]
    return (value,), np.zeros(n, dtype=np.int16), np.arange(n, dtype=np.int64)


def take_csr(matrix: sp.csr_matrix, rows: np.ndarray) -> sp.csr_matrix:
    """``matrix[rows]`` by runs of consecutive rows (no fancy index as long as the matrix)."""
    data, indptr = take_rows(matrix.data, matrix.indptr, rows)
    indices, _ = take_rows(matrix.indices, matrix.indptr, rows)
    return sp.csr_matrix(
        (data, indices, indptr.astype(matrix.indptr.dtype)), shape=(len(rows), matrix.shape[1])
    )


def _take(value: Any, rows: np.ndarray) -> Any:
    return value.take(rows) if isinstance(value, ClauseBank) else take_csr(value, rows)


def _concat(values: Sequence[Any], width: int | None) -> Any:
    if isinstance(values[0], ClauseBank):
        return ClauseBank.concat(values)
    return sp.vstack([_widen(v, width) for v in values], format="csr")


def append_rows(old: Any, keep: np.ndarray, new: Any, *, width: int | None = None) -> Any:
    """The records ``old[keep]`` followed by those of ``new``, without copying ``old``'s stored rows.

    ``old`` is a :class:`ClauseBank` or CSR matrix (as built) or its segmented form; ``new`` holds
    the changed and added records, built as usual. ``width`` (CSR only): the vocabulary's size now.
    Returns a :class:`SegmentedBank` or :class:`SegmentedRows` whose parts are ``old``'s parts that
    some record still uses, then ``new`` (when it has rows); with more than :data:`MAX_PARTS` parts,
    all but the first are merged into one.
    """
    parts, part, local = _as_parts(old)
    keep = np.asarray(keep, dtype=np.int64)
    part, local = part[keep], local[keep]
    n_new = len(new.start) - 1 if isinstance(new, ClauseBank) else new.shape[0]
    if n_new:
        parts = (*parts, new)
        part = np.concatenate([part, np.full(n_new, len(parts) - 1, dtype=np.int16)])
        local = np.concatenate([local, np.arange(n_new, dtype=np.int64)])
    if not len(part):  # no record left: nothing to keep in parts
        return new if isinstance(new, ClauseBank) else _widen(new, width)
    used = np.unique(part)
    if len(used) < len(parts):  # a part no record refers to any more is left out
        renumber = np.full(len(parts), -1, dtype=np.int16)
        renumber[used] = np.arange(len(used), dtype=np.int16)
        parts, part = tuple(parts[k] for k in used), renumber[part]
    if len(parts) > MAX_PARTS:
        parts, part, local = _merge_tail(parts, part, local, width)
    if isinstance(parts[0], ClauseBank):
        return SegmentedBank(parts=parts, part=part.astype(np.int16), local=local)
    if width is None:
        raise ValueError("append_rows: sparse rows need the vocabulary's width")
    return SegmentedRows(parts=parts, part=part.astype(np.int16), local=local, width=width)


def _merge_tail(parts: tuple, part: np.ndarray, local: np.ndarray, width: int | None):
    """Merge every part after the first into one, taking only the rows records still refer to."""
    tail = np.flatnonzero(part > 0)
    by_part = [(k, tail[part[tail] == k]) for k in range(1, len(parts))]
    merged = _concat([_take(parts[k], local[at]) for k, at in by_part], width)
    local = local.copy()
    local[np.concatenate([at for _, at in by_part])] = np.arange(len(tail), dtype=np.int64)
    part = np.where(part > 0, 1, 0).astype(np.int16)
    return (parts[0], merged), part, local
