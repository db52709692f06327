"""Benchmark: how well each encoder reads *what kind of work* a person's own words are about.

In the synthetic world a candidate is related to a kind of work (``groen``, ``schoonmaak``, ...) when
they have an interest in it or skill from past work (``latent.npz``: ``cand_interest > 0`` or
``cand_skill >= 0.2``, the world's relevance rule). This script scores, per world kind, how well the
matcher's text signals rank all candidates by that relation (ROC AUC), using the function profiles
the world's packages of that kind come from:

* ``affinity``: the zero-shot kind-of-work affinity of wishes plus experience (``wish_affinity`` +
  ``experience_affinity``; the encoder against the catalogue's phrases, no training);
* ``placed_like``: the profile against the leave-one-out mean profile of people placed in that kind
  (learned from the world's placement history).

The maximum over the kind's profiles is the candidate's score. Run it once per encoder::

    .venv/bin/python scripts/bench_kind_affinity.py --data /tmp/world-10k --encoder default
    .venv/bin/python scripts/bench_kind_affinity.py --data /tmp/world-10k --encoder hashing

Prints one JSON object (mean AUC over kinds, and per kind).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

from evaluation.dataset import load_benchmark
from matcher.encoders import encoder_from_choice
from matcher.recommend import Matcher


def kind_profiles(package_kind: np.ndarray, package_profile: np.ndarray) -> dict[int, list[int]]:
    """World kind -> the catalogue profile rows its packages use (each profile under its majority kind)."""
    votes: dict[int, dict[int, int]] = {}
    for kind, profile in zip(package_kind.tolist(), package_profile.tolist(), strict=True):
        votes.setdefault(profile, {}).setdefault(kind, 0)
        votes[profile][kind] += 1
    out: dict[int, list[int]] = {}
    for profile, count in sorted(votes.items()):
        majority = max(sorted(count), key=count.__getitem__)
        out.setdefault(majority, []).append(profile)
    return out


def auc_per_kind(scores: np.ndarray, related: np.ndarray, profiles: dict[int, list[int]]) -> dict[int, float]:
    """ROC AUC per world kind of the best score over the kind's profiles (kinds with both classes only)."""
    out = {}
    for kind, rows in sorted(profiles.items()):
        y = related[:, kind]
        if 0 < y.sum() < len(y):
            out[kind] = float(roc_auc_score(y, scores[:, rows].max(axis=1)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a world folder with latent.npz")
    parser.add_argument("--encoder", default="default", help="'default', 'hashing' or a model folder")
    args = parser.parse_args()
    encoder = encoder_from_choice(args.encoder)
    data = load_benchmark(args.data)
    matcher = Matcher(encoder=encoder).fit(data.candidates, data.packages, placements=data.placements)
    latent = np.load(args.data / "latent.npz")
    related = (latent["cand_interest"] > 0) | (latent["cand_skill"] >= 0.2)
    names = [str(k) for k in latent["vocab_kind"]]
    c = matcher.corpus.candidates
    profiles = kind_profiles(latent["pkg_kind"], matcher.corpus.packages.kind)
    signals = {
        "affinity": c.wish_affinity + c.experience_affinity,
        "placed_like": c.placed_affinity,
    }
    result = {"data": str(args.data), "encoder": encoder.name, "candidates": len(c.records)}
    for name, scores in signals.items():
        per_kind = auc_per_kind(scores, related, profiles)
        result[name] = {
            "mean_auc": round(float(np.mean(list(per_kind.values()))), 4),
            "per_kind": {names[k]: round(v, 4) for k, v in per_kind.items()},
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
