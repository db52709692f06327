from __future__ import annotations

import pytest

from evaluation.metrics import MetricName, parse_metric


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("ndcg@10", MetricName("ndcg", 10)),
        ("map", MetricName("map")),
        ("violations@5", MetricName("violations", 5)),
    ],
)
def test_parse_and_print(text, parsed):
    assert parse_metric(text) == parsed
    assert str(parsed) == text


@pytest.mark.parametrize("text", ["", "@10", "ndcg@", "ndcg@0", "ndcg@x", "ndcg@-1"])
def test_bad_names(text):
    with pytest.raises(ValueError, match="metric"):
        parse_metric(text)
