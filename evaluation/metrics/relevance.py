"""Relevance metrics (nDCG, MAP, MRR, recall@k, ...) computed by ranx, per query and on average.

Which queries count: those with at least one relevant document (grade >= 1) in the qrels. A query
without any relevant document cannot be scored by these metrics (every ranking scores 0 on it), so it
is left out and counted in :attr:`RelevanceScores.unjudged`. A judged query missing from the run is
scored as an empty result list (0), never skipped: a system gains nothing by returning nothing.

The run is handed to ranx as rank-derived scores (:meth:`Run.as_rank_scores`) so that ranx ranks
exactly as the run does, ties included.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from evaluation.metrics.names import RANX_METRICS, parse_metric
from evaluation.runs import Qrels, Run

__all__ = ["RelevanceScores", "relevance_scores", "to_ranx"]


@dataclass(frozen=True)
class RelevanceScores:
    """Per-query metric values of one run.

    Attributes
    ----------
    per_query : mapping of metric to mapping of query id to float
        Over the judged queries (sorted ids), identical across runs scored on the same qrels, so
        two runs can be compared pairwise.
    unjudged : int
        Queries in the qrels without any relevant document (left out).
    """

    per_query: Mapping[str, Mapping[str, float]]
    unjudged: int

    def mean(self, metric: str) -> float:
        """Average of ``metric`` over the judged queries (0.0 when there are none)."""
        values = list(self.per_query[metric].values())
        return float(np.mean(values)) if values else 0.0

    def means(self) -> dict[str, float]:
        """Average of every metric."""
        return {metric: self.mean(metric) for metric in self.per_query}


def to_ranx(qrels: Qrels, run: Run, queries: Sequence[str]):
    """``(ranx.Qrels, ranx.Run)`` over ``queries``, the run's order encoded in its scores."""
    from ranx import Qrels as RanxQrels
    from ranx import Run as RanxRun

    rank_scores = run.as_rank_scores()
    ranx_qrels = RanxQrels({q: dict(qrels.grades[q]) for q in queries})
    # ranx cannot hold a query with no documents; a sentinel no qrels mention scores it as empty.
    ranx_run = RanxRun({q: rank_scores.get(q) or {"\x00empty": 1.0} for q in queries}, name=run.system)
    return ranx_qrels, ranx_run


def relevance_scores(qrels: Qrels, run: Run, metrics: Sequence[str]) -> RelevanceScores:
    """Score ``run`` against ``qrels`` with ranx.

    Parameters
    ----------
    qrels : Qrels
        Graded judgements of the run's direction.
    run : Run
        The ranked results.
    metrics : sequence of str
        ranx metric names, e.g. ``["ndcg@10", "map", "mrr", "recall@20"]``.

    Returns
    -------
    RelevanceScores

    Examples
    --------
    >>> qrels = Qrels("vacancy", {"p1": {"c1": 2}})
    >>> run = Run("demo", "vacancy", {"p1": {"c9": 0.9, "c1": 0.5}})
    >>> relevance_scores(qrels, run, ["mrr"]).mean("mrr")
    0.5
    """
    from ranx import evaluate

    for metric in metrics:
        if parse_metric(metric).name not in RANX_METRICS:
            raise ValueError(
                f"metric {metric!r} is not a relevance metric; expected one of {sorted(RANX_METRICS)}"
            )
    if qrels.direction != run.direction:
        raise ValueError(
            f"qrels are for the {qrels.direction} direction, run {run.system!r} for {run.direction}"
        )
    queries = qrels.judged_queries()
    unjudged = len(qrels.grades) - len(queries)
    if not queries:
        return RelevanceScores({m: {} for m in metrics}, unjudged)
    ranx_qrels, ranx_run = to_ranx(qrels, run, queries)
    # ranx keeps the per-query values in ``run.scores[metric][query_id]`` (its documented place; its
    # return_mean=False path fails for a single metric with a cut-off).
    evaluate(ranx_qrels, ranx_run, list(metrics), save_results_in_run=True)
    per_query = {m: {q: float(ranx_run.scores[m][q]) for q in queries} for m in metrics}
    return RelevanceScores(per_query, unjudged)
