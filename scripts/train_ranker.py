"""Train the shipped ranker on a synthetic *training* world and save it to ``models/ranker``.

The ranker is :class:`matcher.ranking.LinearScorer` fitted (pointwise logistic regression of
"relevant or not") on the pair features of every query's retrieval pool: exactly the rows the matcher
scores at query time, in both directions. Labels come from the world's graded qrels.

Train on a world whose seed differs from every world used to evaluate (the evaluation commands in
docs/BENCHMARKS.md use other seeds), so the benchmark never scores the data the weights were fit on.
The saved manifest records the encoder; the matcher uses the ranker only with that same encoder and
falls back to the expert prior weights otherwise.

Usage::

    .venv/bin/python -m evaluation world --size 10000 --seed 7 --out /tmp/train-world
    .venv/bin/python scripts/train_ranker.py --data /tmp/train-world --out models/ranker
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from tqdm import tqdm

from evaluation.dataset import load_benchmark
from evaluation.runs import Direction
from matcher.encoders import encoder_from_choice
from matcher.features import FEATURES
from matcher.ranking import DEFAULT_RANKER_DIR, LinearScorer
from matcher.recommend import Matcher


def _pool_rows(matcher, qrels, direction, negatives, rng):
    X, y = [], []
    for query, judged in tqdm(sorted(qrels.grades.items()), desc=f"pools ({direction})", disable=None):
        key = {"package_id": query} if direction == "vacancy" else {"candidate_id": query}
        ids, features = matcher.pool_features(**key)
        grades = np.array([judged.get(i, 0) for i in ids])
        positive = np.flatnonzero(grades > 0)
        negative = np.flatnonzero(grades == 0)
        if len(negative) > negatives:
            negative = rng.choice(negative, negatives, replace=False)
        keep = np.concatenate([positive, np.sort(negative)])
        X.append(features[keep])
        y.append(grades[keep])
    return np.vstack(X), np.concatenate(y)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the ranker on a synthetic training world.")
    parser.add_argument("--data", type=Path, required=True, help="training world folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_RANKER_DIR)
    parser.add_argument("--encoder", default="default", help="'default', 'hashing' or a model folder")
    parser.add_argument("--negatives", type=int, default=50, help="non-relevant pool rows kept per query")
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    encoder = encoder_from_choice(args.encoder)
    data = load_benchmark(args.data)
    matcher = Matcher(encoder=encoder).fit(data.candidates, data.packages, placements=data.placements)
    rng = np.random.default_rng(args.seed)
    parts = [
        _pool_rows(matcher, data.qrels[Direction(d)], d, args.negatives, rng)
        for d in ("vacancy", "candidate")
    ]
    X = np.vstack([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    scorer = LinearScorer(feature_names=FEATURES, C=args.C).fit(X, y)
    world = json.loads((args.data / "manifest.json").read_text(encoding="utf-8"))
    provenance = {
        "trained_on": {
            "size": world.get("size"),
            "seed": world.get("seed"),
            "generator": world.get("generator"),
        },
        "pairs": len(y),
        "relevant_pairs": int((y > 0).sum()),
        "negatives_per_query": args.negatives,
        "C": args.C,
        "command": "scripts/train_ranker.py " + " ".join(sys.argv[1:] if argv is None else argv),
    }
    scorer.save(args.out, encoder_name=encoder.name, provenance=provenance)
    weights = dict(zip(FEATURES, np.round(scorer.coef_, 4).tolist(), strict=True))
    print(
        json.dumps({"saved": str(args.out), "encoder": encoder.name, **provenance, "coef": weights}, indent=2)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
