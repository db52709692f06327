"""How well calibrated is the durability estimate, and what does each of its inputs add? (DESIGN.md section 7)

Splits a world's placement history by candidate (seeded, half and half), fits the Matcher's durability
model on one half, and scores its estimate P(placement lasts a year) on the other half: Brier score
(against the base rate's), ROC AUC, expected calibration error over 10 equal-width bins, and the
reliability table (mean estimate vs observed share per bin). The held-out people's own earlier
placements come from the whole history (what the matcher would know of them).

``--ablation`` also refits the model on growing sets of its columns (pair features; + contract type;
+ own earlier placements; + FML-lite capacity profile, i.e. all of
:data:`matcher.durability_inputs.DURABILITY_FEATURES`) and reports, per limitation type of the world's
audit labels (evaluation only; never an input), the ECE, its noise floor (95th percentile,
:func:`evaluation.calibration.noise_floor`) and the calibration in the large (observed share minus mean
estimate).

Usage::

    .venv/bin/python scripts/bench_durability.py --data /tmp/world-10k [--encoder default|hashing] [--ablation]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.metrics import brier_score_loss, roc_auc_score

from evaluation.calibration import noise_floor
from evaluation.dataset import load_benchmark
from matcher.durability_inputs import (
    CAPACITY_INPUTS,
    CONTRACT_INPUTS,
    DURABILITY_FEATURES,
    HISTORY_INPUTS,
)
from matcher.encoders import encoder_from_choice
from matcher.features import FEATURES
from matcher.ranking import DurabilityModel, expected_calibration_error
from matcher.recommend import Matcher

INPUT_SETS = {
    "pair": FEATURES[:-1],
    "+contract": FEATURES[:-1] + CONTRACT_INPUTS,
    "+history": FEATURES[:-1] + CONTRACT_INPUTS + HISTORY_INPUTS,
    "+capacity (all)": FEATURES[:-1] + CONTRACT_INPUTS + HISTORY_INPUTS + CAPACITY_INPUTS,
}


def _ablation(X_train, y_train, X_test, y_test, groups: np.ndarray) -> dict:
    out = {}
    for name, columns in INPUT_SETS.items():
        cols = [DURABILITY_FEATURES.index(c) for c in columns]
        model = DurabilityModel(feature_names=columns).fit(X_train[:, cols], y_train)
        p = model.predict_proba(X_test[:, cols])
        row = {
            "method": model.calibration_,
            "ece": round(expected_calibration_error(p, y_test), 4),
            "brier": round(float(brier_score_loss(y_test, p)), 4),
            "auc": round(float(roc_auc_score(y_test, p)), 3),
            "by_limitation_type": {},
        }
        for g in sorted(set(groups.tolist())):
            inside = groups == g
            row["by_limitation_type"][g] = {
                "n": int(inside.sum()),
                "ece": round(expected_calibration_error(p[inside], y_test[inside]), 4),
                "noise_floor_p95": round(noise_floor(p[inside])[1], 4),
                "observed_minus_estimate": round(float(y_test[inside].mean() - p[inside].mean()), 4),
            }
        out[name] = row
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--encoder", default="default")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--ablation", action="store_true", help="refit on growing sets of inputs, per group")
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
    X, y = matcher.durability_examples(test, as_of=as_of, history=placements)
    p = matcher.durability.predict_proba(X)
    bins = np.minimum((p * 10).astype(int), 9)
    table = [
        {
            "bin": f"{b / 10:.1f}-{(b + 1) / 10:.1f}",
            "n": int((bins == b).sum()),
            "mean_estimate": round(float(p[bins == b].mean()), 3),
            "observed": round(float(y[bins == b].mean()), 3),
        }
        for b in range(10)
        if (bins == b).any()
    ]
    base = np.full(len(y), matcher.durability.base_rate_)
    result = {
        "data": str(args.data),
        "encoder": encoder.name,
        "train_examples": matcher.durability.n_examples_,
        "test_examples": len(y),
        "calibration": matcher.durability.calibration_,
        "base_rate_train": round(matcher.durability.base_rate_, 3),
        "observed_rate_test": round(float(y.mean()), 3),
        "brier": round(float(brier_score_loss(y, p)), 4),
        "brier_base_rate": round(float(brier_score_loss(y, base)), 4),
        "roc_auc": round(float(roc_auc_score(y, p)), 3),
        "ece_10_bins": round(expected_calibration_error(p, y), 4),
        "reliability": table,
    }
    if args.ablation:
        X_train, y_train = matcher.durability_examples(train, as_of=as_of)
        labels = data.group_labels("limitation_type")
        # durability_examples keeps the order of the labelled placements it is given
        labelled = [q for q in test if _labelled(q, as_of, matcher.horizon_days)]
        groups = np.array([labels.get(q.candidate_id, "unknown") for q in labelled], dtype=object)
        if len(groups) != len(y):
            raise RuntimeError(
                f"{len(groups)} group labels for {len(y)} examples: the labelling rules differ"
            )
        result["ablation"] = _ablation(X_train, y_train, X, y, groups)
    print(json.dumps(result, indent=2))


def _labelled(placement, as_of, horizon_days: int) -> bool:
    from matcher.durability_inputs import resolution

    return resolution(placement.start, placement.end, horizon_days=horizon_days, as_of=as_of) is not None


if __name__ == "__main__":
    main()
