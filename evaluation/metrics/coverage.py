"""Coverage: how much of the catalogue a system ever shows, and how many queries get any result."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from evaluation.runs import Run

__all__ = ["Coverage", "coverage_at_k"]


@dataclass(frozen=True)
class Coverage:
    """Attributes
    ----------
    documents : float
        Share of all documents (candidates in the vacancy direction, packages in the candidate
        direction) that appear in the top ``k`` of at least one query.
    queries : float
        Share of all queries with at least one result.
    """

    documents: float
    queries: float


def coverage_at_k(run: Run, *, documents: Collection[str], queries: Collection[str], k: int) -> Coverage:
    """Document and query coverage of ``run`` at cut-off ``k``.

    Parameters
    ----------
    run : Run
        The results.
    documents, queries : collection of str
        Every document and every query of the direction (from the data, not from the run: a query
        the system dropped still counts in the denominator). Ids outside these sets are ignored.
    k : int
        Cut-off.

    Examples
    --------
    >>> run = Run("demo", "vacancy", {"p1": {"c1": 1.0, "c2": 0.5}, "p2": {}})
    >>> coverage_at_k(run, documents={"c1", "c2", "c3", "c4"}, queries={"p1", "p2"}, k=1)
    Coverage(documents=0.25, queries=0.5)
    """
    if k < 1:
        raise ValueError(f"k must be a positive whole number, got {k}")
    documents, queries = set(documents), set(queries)
    shown = {doc for q in run.query_ids if q in queries for doc, _ in run.ranked(q, k)} & documents
    answered = {q for q in run.query_ids if q in queries and run.scores[q]}
    return Coverage(
        documents=len(shown) / len(documents) if documents else 0.0,
        queries=len(answered) / len(queries) if queries else 0.0,
    )
