"""Calibration of the durability estimate, overall and per audit group, on held-out placements.

:func:`durability_holdout` splits the world's candidates in two (seeded), fits a fresh
:class:`matcher.ranking.DurabilityModel` (logistic regression, calibrated as the product does) on the
placements of one half, and estimates the placements of the other half. The estimates are saved beside
the runs (``runs/durability.holdout.jsonl``: audit labels, estimate, outcome, uncertain) so that
``score`` can re-score them, like a run. Features come from the ``full`` system's Matcher, so they are
the product's own; its placement signal was built from all placements, but leaves each person's own
placements out.

:func:`calibration_report` scores them: expected calibration error (10 equal-width bins), Brier score,
ROC AUC, the reliability table, and the same per group of every audit attribute. A group is checked
against the target (ECE at most :data:`GROUP_TARGET`) only with at least :data:`MIN_GROUP_EXAMPLES`
examples; smaller groups are reported as too small to check, and the share of their estimates the
model itself marks as less certain (``DurabilityModel.uncertain``, no group label needed) is given beside
it.

ECE over 10 bins is not zero even for a perfectly calibrated model: on a few hundred examples the
observed share in a bin scatters around the true one. :func:`noise_floor` measures that scatter for
each group's own estimates (outcomes drawn from the estimates themselves, seeded); the report gives its
mean and 95th percentile beside the measured ECE, and ``within_noise`` says whether the measured ECE is
no larger than what a calibrated model reaches in 95 of 100 draws. A group whose floor is near or
above the target cannot show at that size whether the target is met; the target itself is unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import numpy as np

from evaluation.dataset import Benchmark
from evaluation.metrics.exposure import UNKNOWN_GROUP

__all__ = [
    "GROUP_TARGET",
    "HOLDOUT_FILE",
    "MIN_GROUP_EXAMPLES",
    "NOISE_DRAWS",
    "OVERALL_TARGET",
    "calibration_report",
    "durability_holdout",
    "noise_floor",
    "read_holdout",
    "write_holdout",
]

HOLDOUT_FILE = "durability.holdout.jsonl"
OVERALL_TARGET = 0.03
GROUP_TARGET = 0.05
MIN_GROUP_EXAMPLES = 200
NOISE_DRAWS = 1000
"""Simulated outcome sets per noise floor."""


def durability_holdout(matcher, data: Benchmark, *, test_share: float = 0.5, seed: int = 0) -> list[dict]:
    """Held-out durability estimates, one row per labelled test placement.

    Parameters
    ----------
    matcher : matcher.recommend.Matcher
        Fitted on ``data`` (its features are used; its own durability model is not).
    data : Benchmark
    test_share : float
        Share of the candidates whose placements are held out.
    seed : int

    Returns
    -------
    list of dict
        ``{attribute: label, ..., "p": estimate, "y": 1 lasted / 0 ended early, "uncertain": bool}``
        plus ``"method"`` and ``"train_examples"`` on every row (the fitted model's facts).
    """
    from matcher.durability_inputs import DURABILITY_FEATURES
    from matcher.ranking import DurabilityModel

    attributes = data.audit_attributes()
    labels = {a: data.group_labels(a) for a in attributes}
    rng = np.random.default_rng(seed)
    held = {
        c.id
        for c, draw in zip(data.candidates, rng.random(len(data.candidates)), strict=True)
        if draw < test_share
    }
    as_of = _as_of(data)
    fit_placements = [p for p in data.placements if p.candidate_id not in held]
    X, y = matcher.durability_examples(fit_placements, horizon_days=matcher.horizon_days, as_of=as_of)
    model = DurabilityModel(feature_names=DURABILITY_FEATURES).fit(X, y)
    # one call per cell of audit labels, so every estimate keeps its labels
    cells: dict[tuple[str, ...], list] = {}
    for p in data.placements:
        if p.candidate_id in held:
            key = tuple(labels[a].get(p.candidate_id, UNKNOWN_GROUP) for a in attributes)
            cells.setdefault(key, []).append(p)
    rows = []
    for key, placements in sorted(cells.items()):
        X_test, y_test = matcher.durability_examples(
            placements, horizon_days=matcher.horizon_days, as_of=as_of
        )
        if not len(y_test):
            continue
        estimates, unsure = model.predict_proba(X_test), model.uncertain(X_test)
        for p_, y_, u_ in zip(estimates, y_test, unsure, strict=True):
            rows.append(
                {
                    **dict(zip(attributes, key, strict=True)),
                    "p": float(p_),
                    "y": int(y_),
                    "uncertain": bool(u_),
                    "method": model.calibration_,
                    "train_examples": model.n_examples_,
                }
            )
    return rows


def _as_of(data: Benchmark) -> date | None:
    dates = [d for p in data.placements for d in (p.start, p.end) if d is not None]
    return max(dates) if dates else None


def write_holdout(rows: Sequence[Mapping], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(dict(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def read_holdout(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def noise_floor(p: np.ndarray, *, draws: int = NOISE_DRAWS, seed: int = 0) -> tuple[float, float]:
    """Mean and 95th percentile of the ECE a perfectly calibrated model would get on estimates ``p``.

    Each draw takes outcomes ``y ~ Bernoulli(p)`` (seeded) and scores ``p`` against them with the same
    10 equal-width bins as :func:`matcher.ranking.expected_calibration_error`.

    Examples
    --------
    >>> mean, p95 = noise_floor(np.full(400, 0.5))
    >>> 0.01 < mean < p95 < 0.06
    True
    """
    from matcher.ranking import ECE_BINS

    p = np.asarray(p, dtype=np.float64)
    if len(p) == 0:
        return 0.0, 0.0
    which = np.minimum((p * ECE_BINS).astype(int), ECE_BINS - 1)
    onehot = np.zeros((len(p), ECE_BINS))
    onehot[np.arange(len(p)), which] = 1.0
    counts = onehot.sum(axis=0)
    used = counts > 0
    expected = (p @ onehot)[used] / counts[used]
    rng = np.random.default_rng(seed)
    eces = []
    for start in range(0, draws, 100):  # in blocks: draws x examples floats at once would be large
        y = (rng.random((min(100, draws - start), len(p))) < p).astype(np.float64)
        observed = (y @ onehot)[:, used] / counts[used]
        eces.append(np.abs(observed - expected) @ (counts[used] / len(p)))
    eces = np.concatenate(eces)
    return float(eces.mean()), float(np.quantile(eces, 0.95))


def _scores(p: np.ndarray, y: np.ndarray) -> dict:
    from sklearn.metrics import brier_score_loss, roc_auc_score

    from matcher.ranking import expected_calibration_error

    ece = expected_calibration_error(p, y)
    floor, floor_p95 = noise_floor(p)
    return {
        "n": len(y),
        "ece": ece,
        "noise_floor": floor,
        "noise_floor_p95": floor_p95,
        "within_noise": bool(ece <= floor_p95),
        "brier": float(brier_score_loss(y, p)) if len(y) else None,
        "auc": float(roc_auc_score(y, p)) if len(set(y.tolist())) == 2 else None,
        "observed": float(y.mean()) if len(y) else None,
        "mean_estimate": float(p.mean()) if len(y) else None,
    }


def _reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict]:
    which = np.minimum((p * bins).astype(int), bins - 1)
    return [
        {
            "bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}",
            "n": int((which == b).sum()),
            "mean_estimate": float(p[which == b].mean()),
            "observed": float(y[which == b].mean()),
        }
        for b in range(bins)
        if (which == b).any()
    ]


def calibration_report(rows: Sequence[Mapping]) -> dict:
    """Calibration figures of held-out estimates (see the module docstring); ``{}`` without rows."""
    if not rows:
        return {}
    p = np.array([r["p"] for r in rows], dtype=np.float64)
    y = np.array([r["y"] for r in rows], dtype=int)
    unsure = np.array([bool(r.get("uncertain")) for r in rows])
    reserved = {"p", "y", "uncertain", "method", "train_examples"}
    attributes = [k for k in rows[0] if k not in reserved]
    overall = _scores(p, y)
    by_group: dict[str, dict[str, dict]] = {}
    for attribute in attributes:
        values = np.array([r[attribute] for r in rows], dtype=object)
        by_group[attribute] = {}
        for group in sorted(set(values.tolist())):
            inside = values == group
            entry = _scores(p[inside], y[inside])
            checked = entry["n"] >= MIN_GROUP_EXAMPLES
            entry["checked"] = checked
            entry["target_met"] = bool(entry["ece"] <= GROUP_TARGET) if checked else None
            entry["uncertain_share"] = float(unsure[inside].mean())
            by_group[attribute][group] = entry
    return {
        "method": rows[0].get("method"),
        "train_examples": rows[0].get("train_examples"),
        "test_examples": overall["n"],
        "ece": overall["ece"],
        "noise_floor": overall["noise_floor"],
        "noise_floor_p95": overall["noise_floor_p95"],
        "within_noise": overall["within_noise"],
        "brier": overall["brier"],
        "brier_base_rate": float(np.mean((y - y.mean()) ** 2)),
        "auc": overall["auc"],
        "observed": overall["observed"],
        "mean_estimate": overall["mean_estimate"],
        "uncertain_share": float(unsure.mean()),
        "overall_target": OVERALL_TARGET,
        "overall_target_met": bool(overall["ece"] <= OVERALL_TARGET),
        "group_target": GROUP_TARGET,
        "min_group_examples": MIN_GROUP_EXAMPLES,
        "reliability": _reliability(p, y),
        "by_group": by_group,
        "group_reliability": {
            group: _reliability(p[inside], y[inside])
            for group in by_group.get("limitation_type", {})
            if (inside := np.array([r.get("limitation_type") == group for r in rows])).sum()
            >= MIN_GROUP_EXAMPLES
        },
    }
