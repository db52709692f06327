"""Metric names as parseable strings, ``"name@k"`` or ``"name"`` (as ranx and ir_measures do)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RANX_METRICS", "MetricName", "parse_metric"]

# Metrics computed by ranx (the name is passed through unchanged). ``ndcg`` is the Järvelin-Kekäläinen
# form with linear gain (as trec_eval), not ranx's ``ndcg_burges`` (exponential gain).
RANX_METRICS = frozenset({"ndcg", "map", "mrr", "recall", "precision", "hit_rate"})


@dataclass(frozen=True)
class MetricName:
    """A parsed metric name: ``ndcg@10`` is ``MetricName("ndcg", 10)``; ``mrr`` has ``k=None``."""

    name: str
    k: int | None = None

    def __str__(self) -> str:
        return self.name if self.k is None else f"{self.name}@{self.k}"


def parse_metric(text: str) -> MetricName:
    """Parse ``"ndcg@10"``, ``"map"``, ``"violations@10"``...

    Raises
    ------
    ValueError
        An empty name, or a cut-off that is not a positive whole number.
    """
    name, sep, cutoff = text.strip().partition("@")
    if not name:
        raise ValueError(f"metric {text!r}: expected NAME or NAME@K, e.g. ndcg@10")
    if not sep:
        return MetricName(name)
    if not cutoff.isdigit() or int(cutoff) < 1:
        raise ValueError(f"metric {text!r}: the cut-off after @ must be a positive whole number")
    return MetricName(name, int(cutoff))
