"""Relevance metrics: hand-computed values prove we call ranx right (gain, cut-offs, ties, gaps)."""

from __future__ import annotations

import math
import random

import pytest

from evaluation.metrics import parse_metric, relevance_scores
from evaluation.runs import Qrels, Run

# grades: q1 has three relevant documents (d1=3, d2=2, d4=1) and a judged non-relevant d3;
# q2 has one relevant document; q3 has none (cannot be scored, so it is left out).
QRELS = Qrels(
    "vacancy",
    {"q1": {"d1": 3, "d2": 2, "d3": 0, "d4": 1}, "q2": {"d5": 1}, "q3": {"d9": 0}},
)
# q1 ranks d3, d2, d1, d6 (unjudged), d4; q2 ranks d7, d8, d5.
RUN = Run(
    "toy",
    "vacancy",
    {
        "q1": {"d3": 0.9, "d2": 0.8, "d1": 0.7, "d6": 0.6, "d4": 0.5},
        "q2": {"d7": 3.0, "d8": 2.0, "d5": 1.0},
        "q3": {"d9": 1.0},
    },
)


def test_ndcg_at_10_linear_gain_by_hand():
    # DCG = sum(grade_i / log2(i + 1)) over ranks i = 1..10 (Järvelin-Kekäläinen, linear gain)
    dcg_q1 = 0 / math.log2(2) + 2 / math.log2(3) + 3 / math.log2(4) + 0 / math.log2(5) + 1 / math.log2(6)
    idcg_q1 = 3 / math.log2(2) + 2 / math.log2(3) + 1 / math.log2(4)
    dcg_q2 = 1 / math.log2(4)
    idcg_q2 = 1 / math.log2(2)
    scores = relevance_scores(QRELS, RUN, ["ndcg@10"])
    assert scores.per_query["ndcg@10"]["q1"] == pytest.approx(dcg_q1 / idcg_q1)  # 0.6612
    assert scores.per_query["ndcg@10"]["q2"] == pytest.approx(dcg_q2 / idcg_q2)  # 0.5
    assert scores.mean("ndcg@10") == pytest.approx((dcg_q1 / idcg_q1 + 0.5) / 2)
    assert scores.unjudged == 1
    assert set(scores.per_query["ndcg@10"]) == {"q1", "q2"}


def test_ndcg_cutoff_drops_lower_ranks():
    # at @3, d4 (rank 5) no longer counts: DCG = 2/log2(3) + 3/log2(4); IDCG over 3 ranks as before
    dcg = 2 / math.log2(3) + 3 / math.log2(4)
    idcg = 3 + 2 / math.log2(3) + 1 / math.log2(4)
    assert relevance_scores(QRELS, RUN, ["ndcg@3"]).per_query["ndcg@3"]["q1"] == pytest.approx(dcg / idcg)


def test_map_by_hand():
    # AP = mean over the relevant documents of precision at their rank; a missed one adds 0
    ap_q1 = (1 / 2 + 2 / 3 + 3 / 5) / 3  # d2 at 2, d1 at 3, d4 at 5
    ap_q2 = (1 / 3) / 1  # d5 at 3
    scores = relevance_scores(QRELS, RUN, ["map"])
    assert scores.per_query["map"] == pytest.approx({"q1": ap_q1, "q2": ap_q2})
    assert scores.mean("map") == pytest.approx((ap_q1 + ap_q2) / 2)  # 0.4611


def test_mrr_by_hand():
    scores = relevance_scores(QRELS, RUN, ["mrr"])
    assert scores.per_query["mrr"] == pytest.approx({"q1": 1 / 2, "q2": 1 / 3})
    assert scores.mean("mrr") == pytest.approx(5 / 12)


@pytest.mark.parametrize(
    ("k", "q1", "q2"),
    [
        (1, 0 / 3, 0 / 1),
        (2, 1 / 3, 0 / 1),
        (3, 2 / 3, 1 / 1),
        (4, 2 / 3, 1.0),
        (5, 3 / 3, 1.0),
        (20, 1.0, 1.0),
    ],
)
def test_recall_at_k_by_hand(k, q1, q2):
    metric = f"recall@{k}"
    assert relevance_scores(QRELS, RUN, [metric]).per_query[metric] == pytest.approx({"q1": q1, "q2": q2})


def test_query_missing_from_run_scores_zero():
    run = Run("partial", "vacancy", {"q1": dict(RUN.scores["q1"])})
    scores = relevance_scores(QRELS, run, ["mrr", "ndcg@10"])
    assert scores.per_query["mrr"]["q2"] == 0.0
    assert scores.per_query["ndcg@10"]["q2"] == 0.0
    assert scores.mean("mrr") == pytest.approx(0.25)


def test_ties_follow_the_run_not_ranx():
    # d1 (grade 3) and d3 (grade 0) tie; the run puts d1 first (doc id order), so MRR is 1
    qrels = Qrels("vacancy", {"q": {"d1": 3, "d3": 0}})
    assert (
        relevance_scores(qrels, Run("t", "vacancy", {"q": {"d3": 0.5, "d1": 0.5}}), ["mrr"]).mean("mrr")
        == 1.0
    )
    qrels = Qrels("vacancy", {"q": {"d3": 3, "d1": 0}})
    assert (
        relevance_scores(qrels, Run("t", "vacancy", {"q": {"d3": 0.5, "d1": 0.5}}), ["mrr"]).mean("mrr")
        == 0.5
    )


def test_direction_mismatch_and_unknown_metric_are_refused():
    with pytest.raises(ValueError, match="direction"):
        relevance_scores(QRELS, Run("t", "candidate", {}), ["mrr"])
    with pytest.raises(ValueError, match="not a relevance metric"):
        relevance_scores(QRELS, RUN, ["violations@10"])


def _reference(qrels: Qrels, run: Run, metric: str) -> dict[str, float]:
    """Plain-Python textbook formulas, written apart from ranx, over the run's own order."""
    name, k = parse_metric(metric).name, parse_metric(metric).k
    out = {}
    for q in qrels.judged_queries():
        grades = qrels.grades[q]
        ranked = [d for d, _ in run.ranked(q)]
        cut = ranked[:k] if k else ranked
        relevant = {d for d, g in grades.items() if g >= 1}
        if name == "ndcg":
            ideal = sorted(grades.values(), reverse=True)[:k]
            dcg = sum(grades.get(d, 0) / math.log2(i + 2) for i, d in enumerate(cut))
            out[q] = dcg / sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
        elif name == "map":
            hits, total = 0, 0.0
            for i, d in enumerate(cut):
                if d in relevant:
                    hits += 1
                    total += hits / (i + 1)
            out[q] = total / len(relevant)
        elif name == "mrr":
            out[q] = next((1 / (i + 1) for i, d in enumerate(cut) if d in relevant), 0.0)
        elif name == "recall":
            out[q] = len(relevant & set(cut)) / len(relevant)
    return out


@pytest.mark.parametrize("metric", ["ndcg@10", "ndcg@5", "map", "mrr", "recall@20", "recall@3"])
def test_ranx_matches_textbook_formulas_on_random_runs(metric):
    rng = random.Random(7)
    docs = [f"d{i:02d}" for i in range(30)]
    qrels = Qrels(
        "candidate",
        {f"q{j}": {d: rng.choice([0, 0, 0, 1, 2, 3]) for d in rng.sample(docs, 12)} for j in range(25)},
    )
    # coarse scores make many ties, so the tie-break is exercised too
    run = Run(
        "random",
        "candidate",
        {f"q{j}": {d: float(rng.randint(0, 5)) for d in rng.sample(docs, 22)} for j in range(25)},
    )
    got = relevance_scores(qrels, run, [metric]).per_query[metric]
    assert got == pytest.approx(_reference(qrels, run, metric))
