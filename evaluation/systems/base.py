"""The one interface every benchmark system implements, and the helpers they share.

A system turns a :class:`~evaluation.dataset.Benchmark` into a :class:`~evaluation.runs.Run` for one
direction: for every query (each package in the ``vacancy`` direction, each candidate in the
``candidate`` direction) at most ``k`` documents with scores. Systems never see qrels, nor audit labels
(the one exception, ``full_fair``, hands the limitation type to its fair re-ranking only, never to scoring).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from evaluation.dataset import Benchmark
from evaluation.runs import Direction, Run
from matcher.errors import SchemaError

__all__ = ["System", "TopK", "check_k"]


@runtime_checkable
class System(Protocol):
    """A ranker under test.

    Attributes
    ----------
    name : str
        Unique, one word; the run's tag and file name.
    """

    name: str

    def rank(self, direction: Direction, data: Benchmark, k: int) -> Run:
        """Rank documents for every query of ``direction``; at most ``k`` per query."""
        ...


def check_k(k: int) -> int:
    """``k`` as a positive int, or a :class:`SchemaError` naming it."""
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        raise SchemaError(f"k: expected a positive whole number, found {k!r}")
    return int(k)


class TopK:
    """Cuts rows of a score matrix to the ``k`` best documents, ties broken by doc id.

    Parameters
    ----------
    doc_ids : sequence of str
        The documents, in the column order of the score rows.

    Examples
    --------
    >>> top = TopK(["b", "a", "c"])
    >>> top.row(np.array([0.5, 0.5, 0.9]), 2)
    {'c': 0.9, 'a': 0.5}
    """

    def __init__(self, doc_ids: Sequence[str]) -> None:
        ids = np.asarray(list(doc_ids), dtype=object)
        self._order = np.argsort(ids.astype(str), kind="stable")
        self._ids = ids[self._order]

    def row(self, scores: np.ndarray, k: int, *, allowed: np.ndarray | None = None) -> dict[str, float]:
        """The ``k`` best of one row (shape ``(n_docs,)``); ``allowed`` is a boolean mask over columns."""
        values = np.asarray(scores, dtype=np.float64)[self._order]
        if allowed is not None:
            keep = np.asarray(allowed, dtype=bool)[self._order]
            values = np.where(keep, values, -np.inf)
        # a stable sort of the negated scores over id-sorted columns: score descending, then doc id
        best = np.argsort(-values, kind="stable")[:k]
        return {str(self._ids[i]): float(values[i]) for i in best if values[i] != -np.inf}

    def rows(
        self, queries: Sequence[str], scores: np.ndarray, k: int, *, allowed: np.ndarray | None = None
    ) -> Iterable[tuple[str, dict[str, float]]]:
        """:meth:`row` for each query of a block (``scores`` shape ``(n_queries, n_docs)``)."""
        for i, query in enumerate(queries):
            yield query, self.row(scores[i], k, allowed=None if allowed is None else allowed[i])
