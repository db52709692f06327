"""Calibration of the durability estimate per audit group (evaluation.calibration) and in the report."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from evaluation.calibration import HOLDOUT_FILE, MIN_GROUP_EXAMPLES, calibration_report
from evaluation.cli import main
from matcher import texts_nl
from matcher.explain import Explanation, render_nl
from matcher.paths import SAMPLE_DIR

SAMPLE = SAMPLE_DIR


def _rows(n: int, group: str, *, offset: float, seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    p = rng.uniform(0.1, 0.9, n)
    y = (rng.random(n) < np.clip(p + offset, 0, 1)).astype(int)
    return [
        {"limitation_type": group, "p": float(a), "y": int(b), "uncertain": i % 4 == 0, "method": "isotonic",
         "train_examples": 999}
        for i, (a, b) in enumerate(zip(p, y, strict=True))
    ]  # fmt: skip


def test_groups_are_checked_only_when_large_enough_and_a_biased_group_fails():
    rows = _rows(20_000, "lvb", offset=0.0, seed=1) + _rows(1_000, "nah", offset=0.2, seed=2)
    rows += _rows(MIN_GROUP_EXAMPLES - 1, "visueel", offset=0.0, seed=3)
    report = calibration_report(rows)
    groups = report["by_group"]["limitation_type"]
    assert groups["lvb"]["ece"] < 0.02 and groups["lvb"]["target_met"] is True
    assert groups["nah"]["ece"] == pytest.approx(0.2, abs=0.04) and groups["nah"]["target_met"] is False
    assert groups["visueel"]["checked"] is False and groups["visueel"]["target_met"] is None
    assert groups["visueel"]["uncertain_share"] == pytest.approx(0.25, abs=0.01)
    assert report["test_examples"] == len(rows) and report["method"] == "isotonic"
    assert 0.5 < report["auc"] < 1.0 and report["brier"] < report["brier_base_rate"]
    assert sum(b["n"] for b in report["reliability"]) == len(rows)
    assert set(report["group_reliability"]) == {"lvb", "nah"}
    assert calibration_report([]) == {}


def test_run_reports_held_out_calibration_and_score_rescores_it(tmp_path):
    out = tmp_path / "report"
    assert main(["run", "--data", str(SAMPLE), "--systems", "full", "--encoder", "hashing", "--out", str(out),
                 "--no-progress", "--permutations", "50", "--directions", "vacancy"]) == 0  # fmt: skip
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    c = metrics["calibration"]
    assert c["method"] in ("none", "sigmoid", "isotonic")
    assert {"ece", "brier", "auc", "reliability", "by_group"} <= set(c)
    assert set(c["by_group"]) == {"limitation_type", "register_route", "sex", "age_band"}
    assert (out / "plots" / "reliability.durability.png").is_file()
    report_md = (out / "report.md").read_text("utf-8")
    assert "Durability estimate: calibration on held-out placements" in report_md
    assert "noise floor (mean / p95)" in report_md
    assert {"noise_floor", "noise_floor_p95", "within_noise"} <= set(c)
    assert all("noise_floor_p95" in e for e in c["by_group"]["limitation_type"].values())
    rows = (out / "runs" / HOLDOUT_FILE).read_text(encoding="utf-8").splitlines()
    assert len(rows) == c["test_examples"]
    again = tmp_path / "again"
    assert main(["score", "--data", str(SAMPLE), "--runs", str(out / "runs"), "--out", str(again),
                 "--permutations", "50", "--directions", "vacancy"]) == 0  # fmt: skip
    assert json.loads((again / "metrics.json").read_text(encoding="utf-8"))["calibration"] == c
    shutil.rmtree(out)


def test_the_explanation_says_when_the_estimate_is_less_certain():
    sure = render_nl(Explanation(checks=(), durability=0.6, durability_basis=300))
    unsure = render_nl(
        Explanation(checks=(), durability=0.6, durability_basis=300, durability_uncertain=True)
    )
    line = texts_nl.EXPLANATION["durability_uncertain"]
    summary = texts_nl.EXPLANATION["summary"]
    assert line in unsure[summary] and line not in sure[summary]


def test_the_noise_floor_is_the_ece_a_calibrated_model_reaches_by_chance():
    from evaluation.calibration import noise_floor
    from matcher.ranking import expected_calibration_error

    rng = np.random.default_rng(5)
    p = rng.uniform(0.1, 0.9, 300)
    mean, p95 = noise_floor(p)
    assert 0 < mean < p95
    # oracle: independent outcome sets drawn from p (another seed) score around the floor's mean, and
    # about 95 in 100 of them stay at or below its 95th percentile
    eces = np.array([expected_calibration_error(p, (rng.random(len(p)) < p).astype(int)) for _ in range(400)])
    assert eces.mean() == pytest.approx(mean, rel=0.1)
    assert 0.91 <= (eces <= p95).mean() <= 0.99
    assert noise_floor(p) == (mean, p95)  # seeded
    # more examples, less scatter; a certain estimate has none
    assert noise_floor(rng.uniform(0.1, 0.9, 5000))[1] < p95
    assert noise_floor(np.ones(50)) == (0.0, 0.0)


def test_the_report_puts_the_noise_floor_beside_each_group():
    rows = _rows(20_000, "lvb", offset=0.0, seed=1) + _rows(1_000, "nah", offset=0.2, seed=2)
    rows += _rows(MIN_GROUP_EXAMPLES + 20, "visueel", offset=0.0, seed=3)
    report = calibration_report(rows)
    groups = report["by_group"]["limitation_type"]
    assert all(g["noise_floor"] < g["noise_floor_p95"] for g in groups.values())
    assert groups["visueel"]["noise_floor"] > groups["lvb"]["noise_floor"]  # fewer examples, higher floor
    assert groups["nah"]["within_noise"] is False  # a real bias stands out of the noise
    assert groups["lvb"]["within_noise"] is True
    assert report["noise_floor"] <= report["noise_floor_p95"] and isinstance(report["within_noise"], bool)
