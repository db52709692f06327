"""Metrics: relevance through ranx, plus our own violations, coverage, exposure and significance."""

from evaluation.metrics.coverage import Coverage, coverage_at_k
from evaluation.metrics.exposure import UNKNOWN_GROUP, GroupExposure, exposure_by_group, mean_by_group
from evaluation.metrics.names import RANX_METRICS, MetricName, parse_metric
from evaluation.metrics.relevance import RelevanceScores, relevance_scores
from evaluation.metrics.significance import Comparison, compare_to_baseline, randomisation_test
from evaluation.metrics.violations import Violations, violations_at_k

__all__ = [
    "RANX_METRICS",
    "UNKNOWN_GROUP",
    "Comparison",
    "Coverage",
    "GroupExposure",
    "MetricName",
    "RelevanceScores",
    "Violations",
    "compare_to_baseline",
    "coverage_at_k",
    "exposure_by_group",
    "mean_by_group",
    "parse_metric",
    "randomisation_test",
    "relevance_scores",
    "violations_at_k",
]
