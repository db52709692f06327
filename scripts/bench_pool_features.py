"""Which ranking features separate relevant from non-relevant pairs, for one world and one encoder.

For every judged query of a direction (or a seeded sample of ``--queries`` of them) the script takes
the matcher's retrieval pool (:meth:`matcher.recommend.Matcher.pool_features`: the eligible records
dense retrieval keeps, exactly the rows the ranker scores) and reports

* ``pool_recall``: the share of the query's relevant records that are in its pool at all (what the
  encoder's retrieval lets through; the ranker cannot rank what is not there);
* per feature, the mean over queries of the ROC AUC of that feature alone for "relevant or not"
  within the pool (0.5: no signal; ties count half; queries whose pool has no relevant or no
  non-relevant record are skipped).

Used for the paraphrase world of issue 15 (docs/BENCHMARKS.md, "Paraphrase world (issue 15)")::

    .venv/bin/python scripts/bench_pool_features.py --data WORLD --encoder default --queries 400
"""

from __future__ import annotations

import argparse
import json

import numpy as np
from scipy.stats import rankdata

from evaluation.dataset import load_benchmark
from evaluation.runs import Direction
from matcher.encoders import encoder_from_choice
from matcher.features import FEATURES
from matcher.recommend import Matcher


def _auc(scores: np.ndarray, labels: np.ndarray) -> float:
    ranks = rankdata(scores)
    n_pos = int(labels.sum())
    n_neg = len(labels) - n_pos
    return float((ranks[labels].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="world folder")
    parser.add_argument("--encoder", default="default", help="'default', 'hashing' or a model folder")
    parser.add_argument("--direction", default="vacancy", choices=("vacancy", "candidate"))
    parser.add_argument("--queries", type=int, default=0, help="sample this many judged queries (0: all)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    data = load_benchmark(args.data)
    matcher = Matcher(encoder=encoder_from_choice(args.encoder)).fit(
        data.candidates, data.packages, placements=data.placements
    )
    judged = sorted(data.qrels[Direction(args.direction)].grades.items())
    if args.queries and args.queries < len(judged):
        rng = np.random.default_rng(args.seed)
        judged = [judged[k] for k in sorted(rng.choice(len(judged), args.queries, replace=False))]
    recalls, aucs = [], []
    for query, grades in judged:
        key = {"package_id": query} if args.direction == "vacancy" else {"candidate_id": query}
        ids, features = matcher.pool_features(**key)
        labels = np.array([grades.get(i, 0) > 0 for i in ids], dtype=bool)
        relevant = sum(g > 0 for g in grades.values())
        recalls.append(labels.sum() / relevant if relevant else 0.0)
        if 0 < labels.sum() < len(labels):
            aucs.append([_auc(features[:, f], labels) for f in range(features.shape[1])])
    table = np.asarray(aucs)
    print(
        json.dumps(
            {
                "data": args.data,
                "encoder": matcher.encoder.name if hasattr(matcher, "encoder") else args.encoder,
                "direction": args.direction,
                "queries": len(judged),
                "queries_with_auc": len(aucs),
                "pool_recall": round(float(np.mean(recalls)), 4),
                "auc": {
                    name: round(float(v), 4) for name, v in zip(FEATURES, table.mean(axis=0), strict=True)
                },
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
