"""The pure helpers of scripts/bench_kind_affinity.py: kinds to profiles, and AUC per kind."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

_PATH = Path(__file__).resolve().parent.parent / "scripts" / "bench_kind_affinity.py"
_spec = importlib.util.spec_from_file_location("bench_kind_affinity", _PATH)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def test_each_profile_goes_to_the_kind_most_of_its_packages_have():
    package_kind = np.array([0, 0, 1, 1, 1, 2, 0])
    package_profile = np.array([5, 5, 5, 7, 7, 9, 3])
    assert bench.kind_profiles(package_kind, package_profile) == {0: [3, 5], 1: [7], 2: [9]}


def test_auc_uses_the_best_profile_of_the_kind_and_skips_kinds_without_both_classes():
    related = np.array([[True, True], [True, True], [False, True], [False, True]])
    scores = np.array([[0.1, 0.9, 0.0], [0.8, 0.0, 0.0], [0.5, 0.2, 0.0], [0.3, 0.4, 0.0]])
    got = bench.auc_per_kind(scores, related, {0: [0, 1], 1: [2]})
    assert got == {0: 1.0}  # best of profiles 0 and 1: 0.9, 0.8 vs 0.5, 0.4
    worse = np.array([[0.1, 0.2], [0.0, 0.3], [0.9, 0.1], [0.2, 0.8]])
    assert bench.auc_per_kind(worse, related, {0: [0, 1]}) == {0: 0.0}
