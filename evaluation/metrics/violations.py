"""``violations@k``: pairs in the top ``k`` of a run that break the hard rule (DESIGN.md section 4).

The metric does not decide what breaks the rule: it asks a judge, ``excluded(query_id, doc_id)``. The
benchmark's judge is :mod:`evaluation.oracle`, written apart from the matcher's own constraint code
so that a bug there cannot hide itself. The target is 0 for every system that claims to filter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from evaluation.runs import Run

__all__ = ["Violations", "violations_at_k"]


@dataclass(frozen=True)
class Violations:
    """What :func:`violations_at_k` found.

    Attributes
    ----------
    count : int
        (query, doc) pairs in the top ``k`` that the judge excludes.
    pairs : int
        All (query, doc) pairs in the top ``k`` (the denominator of :attr:`share`).
    queries : int
        Queries with at least one violating pair.
    examples : tuple of (str, str)
        Up to ``max_examples`` violating pairs, in query then rank order, for the report.
    """

    count: int
    pairs: int
    queries: int
    examples: tuple[tuple[str, str], ...] = ()

    @property
    def share(self) -> float:
        """``count / pairs`` (0.0 for an empty run)."""
        return self.count / self.pairs if self.pairs else 0.0


def violations_at_k(
    run: Run, excluded: Callable[[str, str], bool], k: int, *, max_examples: int = 10
) -> Violations:
    """Count the pairs in the top ``k`` of ``run`` for which ``excluded(query_id, doc_id)`` is true.

    Parameters
    ----------
    run : Run
        The results to check.
    excluded : callable
        The judge: true when the pair breaks a hard rule.
    k : int
        Cut-off (a positive whole number).
    max_examples : int, default=10
        How many violating pairs to keep as examples.

    Examples
    --------
    >>> run = Run("demo", "vacancy", {"p1": {"c1": 0.9, "c2": 0.5}})
    >>> v = violations_at_k(run, lambda q, d: d == "c2", k=10)
    >>> (v.count, v.pairs, v.share)
    (1, 2, 0.5)
    """
    if k < 1:
        raise ValueError(f"k must be a positive whole number, got {k}")
    count = pairs = queries = 0
    examples: list[tuple[str, str]] = []
    for query in run.query_ids:
        hits = 0
        for doc, _ in run.ranked(query, k):
            pairs += 1
            if excluded(query, doc):
                hits += 1
                if len(examples) < max_examples:
                    examples.append((query, doc))
        count += hits
        queries += hits > 0
    return Violations(count, pairs, queries, tuple(examples))
