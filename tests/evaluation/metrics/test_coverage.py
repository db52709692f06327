from __future__ import annotations

import pytest

from evaluation.metrics import coverage_at_k
from evaluation.runs import Run


def test_document_and_query_coverage():
    run = Run(
        "sys",
        "candidate",
        {"c1": {"p1": 2.0, "p2": 1.0}, "c2": {"p1": 1.0, "p3": 0.5}, "c3": {}, "stray": {"p4": 1.0}},
    )
    docs = {"p1", "p2", "p3", "p4", "p5"}
    queries = {"c1", "c2", "c3", "c4"}
    # @1 shows p1 only (the stray query is not one of ours); @2 adds p2 and p3
    assert coverage_at_k(run, documents=docs, queries=queries, k=1).documents == pytest.approx(1 / 5)
    both = coverage_at_k(run, documents=docs, queries=queries, k=2)
    assert both.documents == pytest.approx(3 / 5)
    assert both.queries == pytest.approx(2 / 4)  # c3 got nothing, c4 was never answered


def test_empty_population():
    cov = coverage_at_k(Run("s", "vacancy", {}), documents=(), queries=(), k=5)
    assert (cov.documents, cov.queries) == (0.0, 0.0)
