"""How well calibrated is the durability estimate? (DESIGN.md section 7)

Splits a world's placement history by candidate (seeded, half and half), fits the Matcher's durability
model on one half, and scores its estimate P(placement lasts a year) on the other half: Brier score
(against the base rate's), ROC AUC, expected calibration error over 10 equal-width bins, and the
reliability table (mean estimate vs observed share per bin).

Usage::

    .venv/bin/python scripts/bench_durability.py --data /tmp/world-10k [--encoder default|hashing]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.metrics import brier_score_loss, roc_auc_score

from evaluation.dataset import load_benchmark
from matcher.encoders import encoder_from_choice
from matcher.recommend import Matcher


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--encoder", default="default")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    encoder = encoder_from_choice(args.encoder)
    data = load_benchmark(args.data)
    candidates, placements = data.candidates, data.placements
    rng = np.random.default_rng(args.seed)
    train_ids = {c.id for c, keep in zip(candidates, rng.random(len(candidates)) < 0.5, strict=True) if keep}
    train = [p for p in placements if p.candidate_id in train_ids]
    test = [p for p in placements if p.candidate_id not in train_ids]
    as_of = max(d for p in placements for d in (p.start, p.end) if d is not None)
    matcher = Matcher(encoder=encoder, as_of=as_of).fit(candidates, data.packages, placements=train)
    X, y = matcher.durability_examples(test, as_of=as_of)
    p = matcher.durability.predict_proba(X)
    bins = np.minimum((p * 10).astype(int), 9)
    table = []
    ece = 0.0
    for b in range(10):
        inside = bins == b
        if inside.any():
            table.append(
                {
                    "bin": f"{b / 10:.1f}-{(b + 1) / 10:.1f}",
                    "n": int(inside.sum()),
                    "mean_estimate": round(float(p[inside].mean()), 3),
                    "observed": round(float(y[inside].mean()), 3),
                }
            )
            ece += inside.mean() * abs(p[inside].mean() - y[inside].mean())
    base = np.full(len(y), matcher.durability.base_rate_)
    print(
        json.dumps(
            {
                "data": str(args.data),
                "encoder": encoder.name,
                "train_examples": matcher.durability.n_examples_,
                "test_examples": len(y),
                "base_rate_train": round(matcher.durability.base_rate_, 3),
                "observed_rate_test": round(float(y.mean()), 3),
                "brier": round(float(brier_score_loss(y, p)), 4),
                "brier_base_rate": round(float(brier_score_loss(y, base)), 4),
                "roc_auc": round(float(roc_auc_score(y, p)), 3),
                "ece_10_bins": round(float(ece), 4),
                "reliability": table,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
