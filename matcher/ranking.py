"""Scorers with the scikit-learn contract.

:class:`LinearScorer` turns pair features into a ranking score whose per-feature contributions are
exact: ``score == base_ + contributions.sum()``, with ``contribution_i = coef_i * (x_i - reference_i)``,
so an explanation can say which factor raised or lowered a result relative to a typical eligible pair.
It also keeps each feature's quantiles over the rows it was fitted on (:data:`QUANTILE_LEVELS`), so an
explanation can place a value on that feature's own scale ("higher than for 9 in 10 pairs") instead of
showing the raw number.

:class:`DurabilityModel` estimates the probability that a placement lasts at least a year, learned
from placement history (logistic regression, then Platt or isotonic calibration chosen on held-out
placements by measured ECE), with a per-estimate uncertainty. It sees the pair features plus the inputs
of :mod:`matcher.durability_inputs` (contract type, the person's own earlier placements, the FML-lite
capacity profile per rubric): never age, sex, origin or diagnosis (the contract records none of them).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from matcher.errors import ArtefactMismatchError, NotFittedError
from matcher.paths import MODELS_DIR

__all__ = [
    "CALIBRATION_METHODS",
    "DEFAULT_RANKER_DIR",
    "DEFAULT_WEIGHTS",
    "DURABILITY_FORMAT",
    "ECE_BINS",
    "QUANTILE_LEVELS",
    "DurabilityModel",
    "LinearScorer",
    "expected_calibration_error",
]

DEFAULT_RANKER_DIR = MODELS_DIR / "ranker"
"""Where ``scripts/train_ranker.py`` saves the shipped ranker; used when its encoder matches."""

# Expert prior: what an adviser weighs (DESIGN.md section 5). Wishes outrank past jobs (JobTech's
# candidate search weighs a wished occupation twice an experienced one); every signalering and
# unknown lowers the rank; a long commute and a level mismatch raise the risk of an early end.
DEFAULT_WEIGHTS: Mapping[str, float] = {
    "sim_profile": 1.0,
    "sim_wishes": 2.0,
    "sim_experience": 1.0,
    "sim_competences": 0.6,
    "wish_affinity": 0.3,
    "experience_affinity": 0.15,
    "placed_like": 0.3,
    "lexical": 0.8,
    "required_competences": 0.8,
    "optional_competences": 0.3,
    "travel_burden": -0.6,
    "hours_fit": 0.3,
    "sector_preference": 0.3,
    "signaleringen": -0.15,
    "unknowns": -0.02,
    "unknown_risk": -0.15,
    "level_gap": -0.5,
    "durability": 1.0,
}

QUANTILE_LEVELS: tuple[float, ...] = (0.10, 0.25, 0.50, 0.75, 0.90)
"""The quantiles of each feature that :meth:`LinearScorer.fit` records, in ``quantiles_`` row order.

They are taken with numpy's ``inverted_cdf`` method: each is a value that occurs in the fitted rows and
at least that share of the rows is at or below it, so "above the 0.9 quantile" means "higher than for at
least 9 in 10 of those rows", exactly.
"""


class LinearScorer(BaseEstimator):
    """Linear ranking score with exact per-feature contributions.

    Parameters
    ----------
    feature_names : sequence of str
        Column names of ``X``, in order.
    weights : mapping of str to float, optional
        Prior weights per feature; used as ``coef_`` when :meth:`fit` is not called with labels.
    C : float, default=1.0
        Inverse regularisation strength when fitting to graded labels.

    Examples
    --------
    >>> scorer = LinearScorer(feature_names=["a", "b"], weights={"a": 1.0, "b": -1.0}).fit(np.zeros((2, 2)))
    >>> float(scorer.score_pairs(np.array([[1.0, 0.0]]))[0])
    1.0
    """

    def __init__(self, feature_names: Sequence[str] = tuple(DEFAULT_WEIGHTS), weights=None, C: float = 1.0):
        self.feature_names = feature_names
        self.weights = weights
        self.C = C

    def fit(self, X: np.ndarray, y: np.ndarray | None = None) -> LinearScorer:
        """Set the reference point (feature means of ``X``) and, given graded labels ``y``, learn weights.

        Also records ``quantiles_``, shape ``(len(QUANTILE_LEVELS), n_features)``: each feature's
        quantiles over the rows of ``X`` (``None`` when ``X`` has no rows). They place an explained
        value on the feature's scale and play no part in the score.

        With ``y`` the weights come from a logistic regression of ``y > 0`` on the standardised
        features (a pointwise learning-to-rank model) whose signs must agree with the prior
        ``weights`` (features that disagree are dropped, see ``dropped_``); without ``y`` the prior
        weights are used.
        """
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != len(self.feature_names):
            raise ValueError(
                f"X must have shape (n, {len(self.feature_names)}) for features {list(self.feature_names)}; "
                f"got {X.shape}"
            )
        self.reference_ = X.mean(axis=0) if len(X) else np.zeros(X.shape[1])
        self.quantiles_ = np.quantile(X, QUANTILE_LEVELS, axis=0, method="inverted_cdf") if len(X) else None
        if y is None:
            prior = dict(DEFAULT_WEIGHTS if self.weights is None else self.weights)
            unknown = set(prior) - set(self.feature_names)
            if unknown:
                raise ValueError(f"weights name features that are not in feature_names: {sorted(unknown)}")
            self.coef_ = np.array([prior.get(name, 0.0) for name in self.feature_names])
        else:
            self.coef_ = self._fit_signed(X, np.asarray(y))
        self.base_ = 0.0
        return self

    def _fit_signed(self, X: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Logistic regression whose weights keep the sign of the prior (an explainable ranker).

        A feature whose learned weight contradicts the direction an adviser expects (a longer commute
        raising the rank, say) is left out and the rest is refitted, until every weight agrees.
        """
        prior = dict(DEFAULT_WEIGHTS if self.weights is None else self.weights)
        sign = np.array([np.sign(prior.get(name, 0.0)) for name in self.feature_names])
        scale = X.std(axis=0)
        scale[scale == 0] = 1.0
        Z = (X - self.reference_) / scale
        active = np.ones(X.shape[1], dtype=bool)
        coef = np.zeros(X.shape[1])
        while active.any():
            model = LogisticRegression(C=self.C, max_iter=1000).fit(Z[:, active], (y > 0).astype(int))
            coef = np.zeros(X.shape[1])
            coef[active] = model.coef_[0]
            wrong = (sign != 0) & (np.sign(coef) != sign) & active & (coef != 0)
            if not wrong.any():
                break
            active &= ~wrong
        self.dropped_ = tuple(name for name, keep in zip(self.feature_names, active, strict=True) if not keep)
        return coef / scale

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """Per-feature contributions, shape ``(n, n_features)``; rows sum to the score minus ``base_``."""
        check_is_fitted(self, "coef_")
        return (np.asarray(X, dtype=np.float64) - self.reference_) * self.coef_

    def score_pairs(self, X: np.ndarray) -> np.ndarray:
        """Ranking scores, shape ``(n,)``: ``base_ + contributions(X).sum(axis=1)``."""
        contributions = self.contributions(X)
        return self.base_ + contributions.sum(axis=1)

    def save(self, folder: Path, *, encoder_name: str | None = None, provenance: dict | None = None) -> None:
        """Write ``manifest.json`` with names, weights, reference and quantiles (plain JSON, no pickle).

        ``encoder_name`` records which encoder's similarities the weights were fitted on;
        ``provenance`` (data, seed, command, metrics) is stored as given. The quantiles go under the
        optional key ``"quantiles"`` (``{"levels": [...], "by_feature": {name: [...]}}``); scorers
        saved before it existed load without it.
        """
        check_is_fitted(self, "coef_")
        folder.mkdir(parents=True, exist_ok=True)
        manifest = {
            "kind": "banenmatch.LinearScorer",
            "format": 1,
            "feature_names": list(self.feature_names),
            "coef": self.coef_.tolist(),
            "reference": self.reference_.tolist(),
        }
        if getattr(self, "quantiles_", None) is not None:
            manifest["quantiles"] = {
                "levels": list(QUANTILE_LEVELS),
                "by_feature": {
                    name: self.quantiles_[:, f].tolist() for f, name in enumerate(self.feature_names)
                },
            }
        manifest |= {"encoder_name": encoder_name, "provenance": provenance or {}}
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, *, feature_names: Sequence[str]) -> LinearScorer:
        """Load a saved scorer; fails naming the field when it was built for other features.

        A manifest without ``"quantiles"`` (saved before they were recorded) loads with
        ``quantiles_ = None``: the scale of each feature is then unknown.
        """
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("kind") != "banenmatch.LinearScorer":
            raise ArtefactMismatchError(
                f"{folder}/manifest.json: kind: expected 'banenmatch.LinearScorer', found {manifest.get('kind')!r}"
            )
        if manifest["feature_names"] != list(feature_names):
            raise ArtefactMismatchError(
                f"{folder}/manifest.json: feature_names: expected {list(feature_names)}, "
                f"found {manifest['feature_names']}; retrain the scorer for this version of banenmatch"
            )
        scorer = cls(feature_names=tuple(feature_names))
        scorer.coef_ = np.array(manifest["coef"], dtype=np.float64)
        scorer.reference_ = np.array(manifest["reference"], dtype=np.float64)
        scorer.quantiles_ = _load_quantiles(manifest.get("quantiles"), feature_names, folder)
        scorer.base_ = 0.0
        scorer.encoder_name_ = manifest.get("encoder_name")
        return scorer


def _load_quantiles(saved: dict | None, feature_names: Sequence[str], folder: Path) -> np.ndarray | None:
    """The ``"quantiles"`` entry of a manifest as an array ``(len(QUANTILE_LEVELS), n_features)``."""
    if saved is None:
        return None
    where = f"{folder}/manifest.json: quantiles"
    if not isinstance(saved, dict):
        raise ArtefactMismatchError(
            f"{where}: expected an object with 'levels' and 'by_feature', found {type(saved).__name__}; "
            "retrain the scorer for this version of banenmatch"
        )
    if saved.get("levels") != list(QUANTILE_LEVELS):
        raise ArtefactMismatchError(
            f"{where}.levels: expected {list(QUANTILE_LEVELS)}, found {saved.get('levels')!r}; "
            "retrain the scorer for this version of banenmatch"
        )
    by_feature = saved.get("by_feature") or {}
    found = {name: len(values) for name, values in by_feature.items()}
    if found != dict.fromkeys(feature_names, len(QUANTILE_LEVELS)):
        raise ArtefactMismatchError(
            f"{where}.by_feature: expected {len(QUANTILE_LEVELS)} values for each of {list(feature_names)}, "
            f"found {found}; retrain the scorer for this version of banenmatch"
        )
    return np.array([by_feature[name] for name in feature_names], dtype=np.float64).T


CALIBRATION_METHODS: tuple[str, ...] = ("sigmoid", "isotonic")
"""Calibrators tried on held-out placements: Platt scaling and isotonic regression (scikit-learn)."""

ECE_BINS = 10

DURABILITY_FORMAT = 2
"""Version of :meth:`DurabilityModel.to_dict`'s layout; 2 added ``feature_names`` (issue 14)."""
"""Equal-width bins of the expected calibration error."""


def expected_calibration_error(p: np.ndarray, y: np.ndarray, bins: int = ECE_BINS) -> float:
    """ECE over ``bins`` equal-width bins: sum over bins of (share of examples) * |mean estimate - observed|.

    Examples
    --------
    >>> expected_calibration_error(np.array([0.25, 0.25, 0.75, 0.75]), np.array([0, 1, 1, 1]))
    0.25
    """
    p = np.asarray(p, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if len(p) == 0:
        return 0.0
    which = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in np.unique(which):
        inside = which == b
        total += inside.mean() * abs(p[inside].mean() - y[inside].mean())
    return float(total)


class DurabilityModel(BaseEstimator):
    """P(placement lasts at least ``horizon_days``) from features of past placements, calibrated.

    A logistic regression on standardised features (the Matcher passes the pair features and the inputs of
    :mod:`matcher.durability_inputs`), calibrated on held-out placements: a share
    ``holdout`` of the examples (stratified, seeded) is set aside; on the rest, Platt scaling and
    isotonic regression are each fitted with scikit-learn's ``CalibratedClassifierCV`` (5-fold,
    ``ensemble=False``) and scored by their expected calibration error on the held-out part; the one
    with the lower ECE is then refitted on all examples (``calibration_``, ``holdout_ece_``).

    It also knows how sure it is of each estimate (``uncertainty``): the standard error of the
    logistic model's log-odds by the delta method, ``sqrt(z' Cov z)`` with ``Cov`` the inverse of the
    penalised Fisher information of the fitted model. It is large where past placements are few (a
    profile unlike those placed before) and small where many were alike. An estimate whose standard
    error is above the ``uncertain_quantile`` of the training examples' is marked uncertain. This uses
    the model's own inputs only, so no group label is needed to say "less certain for people like this".

    Everything learned is plain arrays: :meth:`to_dict` / :meth:`from_dict` save and load it as JSON
    (no pickle).

    Parameters
    ----------
    C : float, default=0.5
        Inverse regularisation strength of the logistic regression.
    min_examples : int, default=30
        Below this many usable placements the model falls back to the base rate (and says so).
    holdout : float, default=0.3
        Share of the examples held out to choose the calibrator.
    min_calibration : int, default=200
        Below this many examples the logistic model is used uncalibrated (``calibration_ = "none"``).
    uncertain_quantile : float, default=0.9
    random_state : int, default=0
    feature_names : sequence of str, optional
        Names of the columns of ``X``, saved with the model so that a model fitted on other columns is
        refused when loaded (the Matcher passes :data:`matcher.durability_inputs.DURABILITY_FEATURES`).
    """

    def __init__(
        self,
        C: float = 0.5,
        min_examples: int = 30,
        holdout: float = 0.3,
        min_calibration: int = 200,
        uncertain_quantile: float = 0.9,
        random_state: int = 0,
        feature_names: Sequence[str] | None = None,
    ):
        self.C = C
        self.min_examples = min_examples
        self.holdout = holdout
        self.min_calibration = min_calibration
        self.uncertain_quantile = uncertain_quantile
        self.random_state = random_state
        self.feature_names = feature_names

    def fit(self, X: np.ndarray, y: np.ndarray) -> DurabilityModel:
        """Fit on features ``X`` (n, f) of past placements and ``y`` (1 = lasted, 0 = ended early)."""
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=int)
        if self.feature_names is not None and (X.ndim != 2 or X.shape[1] != len(self.feature_names)):
            raise ValueError(
                f"X must have shape (n, {len(self.feature_names)}) for feature_names {list(self.feature_names)}; "
                f"got {X.shape}"
            )
        self.n_examples_ = len(y)
        self.base_rate_ = float(y.mean()) if len(y) else 0.5
        self.mean_ = X.mean(axis=0) if len(X) else np.zeros(X.shape[1])
        scale = X.std(axis=0) if len(X) else np.ones(X.shape[1])
        scale[scale == 0] = 1.0
        self.scale_ = scale
        self.calibration_ = "none"
        self.holdout_ece_ = {}
        self.calibrator_ = np.zeros((0, 2))
        self.covariance_ = None
        self.uncertain_above_ = math.inf
        if not (len(y) >= self.min_examples and len(set(y.tolist())) == 2):
            self.coef_ = None
            self.intercept_ = 0.0
            return self
        Z = (X - self.mean_) / scale
        model = LogisticRegression(C=self.C, max_iter=1000).fit(Z, y)
        self.coef_, self.intercept_ = model.coef_[0].copy(), float(model.intercept_[0])
        self._fit_uncertainty(Z)
        if len(y) >= self.min_calibration and min(np.bincount(y)) >= 10:
            self._calibrate(Z, y)
        return self

    def _calibrate(self, Z: np.ndarray, y: np.ndarray) -> None:
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.model_selection import train_test_split

        Z_fit, Z_held, y_fit, y_held = train_test_split(
            Z, y, test_size=self.holdout, stratify=y, random_state=self.random_state
        )
        base = LogisticRegression(C=self.C, max_iter=1000)
        for method in CALIBRATION_METHODS:
            calibrated = CalibratedClassifierCV(base, method=method, cv=5, ensemble=False).fit(Z_fit, y_fit)
            self.holdout_ece_[method] = expected_calibration_error(
                calibrated.predict_proba(Z_held)[:, 1], y_held
            )
        method = min(self.holdout_ece_, key=self.holdout_ece_.get)
        final = CalibratedClassifierCV(base, method=method, cv=5, ensemble=False).fit(Z, y)
        inner = final.calibrated_classifiers_[0]
        self.coef_ = inner.estimator.coef_[0].copy()
        self.intercept_ = float(inner.estimator.intercept_[0])
        calibrator = inner.calibrators[0]
        if method == "isotonic":
            self.calibrator_ = np.column_stack([calibrator.X_thresholds_, calibrator.y_thresholds_])
        else:
            self.calibrator_ = np.array([[calibrator.a_, calibrator.b_]])
        self.calibration_ = method

    def _fit_uncertainty(self, Z: np.ndarray) -> None:
        design = np.column_stack([Z, np.ones(len(Z))])
        p = 1.0 / (1.0 + np.exp(-(design[:, :-1] @ self.coef_ + self.intercept_)))
        information = (design * (p * (1 - p))[:, None]).T @ design
        penalty = np.eye(design.shape[1]) / self.C
        penalty[-1, -1] = 0.0  # the intercept is not penalised
        self.covariance_ = np.linalg.pinv(information + penalty)
        self.uncertain_above_ = float(np.quantile(self._standard_error(design), self.uncertain_quantile))

    def _standard_error(self, design: np.ndarray) -> np.ndarray:
        return np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", design, self.covariance_, design), 0.0))

    def _check(self) -> None:
        if not hasattr(self, "n_examples_"):
            raise NotFittedError("DurabilityModel is not fitted; call fit(X, y) on placement history first")

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """Log-odds of the logistic model before calibration, shape ``(n,)``."""
        self._check()
        X = np.asarray(X, dtype=np.float64)
        if self.coef_ is None:
            return np.zeros(len(X))
        return ((X - self.mean_) / self.scale_) @ self.coef_ + self.intercept_

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Calibrated probability of lasting, shape ``(n,)``."""
        self._check()
        X = np.asarray(X, dtype=np.float64)
        if self.coef_ is None:
            return np.full(len(X), self.base_rate_)
        z = self.decision_function(X)
        if self.calibration_ == "isotonic":
            return np.interp(z, self.calibrator_[:, 0], self.calibrator_[:, 1])
        if self.calibration_ == "sigmoid":
            a, b = self.calibrator_[0]
            return 1.0 / (1.0 + np.exp(a * z + b))
        return 1.0 / (1.0 + np.exp(-z))

    def uncertainty(self, X: np.ndarray) -> np.ndarray:
        """Standard error of each estimate's log-odds, shape ``(n,)`` (``inf`` without a model)."""
        self._check()
        X = np.asarray(X, dtype=np.float64)
        if self.covariance_ is None:
            return np.full(len(X), math.inf)
        design = np.column_stack([(X - self.mean_) / self.scale_, np.ones(len(X))])
        return self._standard_error(design)

    def uncertain(self, X: np.ndarray) -> np.ndarray:
        """Whether each estimate is less certain than 9 in 10 of the training examples' (boolean ``(n,)``)."""
        return self.uncertainty(X) > self.uncertain_above_

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """Per-feature contributions to the log-odds, relative to the average past placement."""
        if getattr(self, "coef_", None) is None:
            return np.zeros(np.asarray(X).shape)
        return (np.asarray(X, dtype=np.float64) - self.mean_) / self.scale_ * self.coef_

    def to_dict(self) -> dict:
        """Everything learned, as JSON-able lists and numbers (see :meth:`from_dict`)."""
        self._check()
        return {
            "kind": "banenmatch.DurabilityModel",
            "format": DURABILITY_FORMAT,
            "params": {
                **self.get_params(),
                "feature_names": None if self.feature_names is None else list(self.feature_names),
            },
            "n_examples": self.n_examples_,
            "base_rate": self.base_rate_,
            "mean": self.mean_.tolist(),
            "scale": self.scale_.tolist(),
            "coef": None if self.coef_ is None else self.coef_.tolist(),
            "intercept": self.intercept_,
            "calibration": self.calibration_,
            "calibrator": self.calibrator_.tolist(),
            "holdout_ece": dict(self.holdout_ece_),
            "covariance": None if self.covariance_ is None else self.covariance_.tolist(),
            "uncertain_above": None if math.isinf(self.uncertain_above_) else self.uncertain_above_,
        }

    @classmethod
    def from_dict(cls, saved: dict, *, where: str = "durability") -> DurabilityModel:
        """Load what :meth:`to_dict` wrote; fails naming the field when it is not such a model."""
        if not isinstance(saved, dict) or saved.get("kind") != "banenmatch.DurabilityModel":
            found = saved.get("kind") if isinstance(saved, dict) else type(saved).__name__
            raise ArtefactMismatchError(
                f"{where}: kind: expected 'banenmatch.DurabilityModel', found {found!r}"
            )
        if saved.get("format") != DURABILITY_FORMAT:
            raise ArtefactMismatchError(
                f"{where}: format: expected {DURABILITY_FORMAT}, found {saved.get('format')!r}; "
                "fit the durability model again with this version of banenmatch (a full build)"
            )
        if saved.get("calibration") not in ("none", *CALIBRATION_METHODS):
            raise ArtefactMismatchError(
                f"{where}: calibration: expected one of none, {', '.join(CALIBRATION_METHODS)}, "
                f"found {saved.get('calibration')!r}"
            )
        params = dict(saved.get("params", {}))
        if params.get("feature_names") is not None:
            params["feature_names"] = tuple(params["feature_names"])
        model = cls(**params)
        model.n_examples_ = int(saved["n_examples"])
        model.base_rate_ = float(saved["base_rate"])
        model.mean_ = np.array(saved["mean"], dtype=np.float64)
        model.scale_ = np.array(saved["scale"], dtype=np.float64)
        model.coef_ = None if saved["coef"] is None else np.array(saved["coef"], dtype=np.float64)
        model.intercept_ = float(saved["intercept"])
        model.calibration_ = saved["calibration"]
        model.calibrator_ = np.array(saved["calibrator"], dtype=np.float64).reshape(-1, 2)
        model.holdout_ece_ = dict(saved.get("holdout_ece", {}))
        model.covariance_ = (
            None if saved["covariance"] is None else np.array(saved["covariance"], dtype=np.float64)
        )
        model.uncertain_above_ = (
            math.inf if saved["uncertain_above"] is None else float(saved["uncertain_above"])
        )
        return model

    def save(self, folder: Path) -> None:
        """Write ``durability.json`` into ``folder`` (plain JSON)."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "durability.json").write_text(json.dumps(self.to_dict(), indent=1), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> DurabilityModel:
        """Load ``folder/durability.json`` as written by :meth:`save` (no pickle)."""
        path = folder / "durability.json"
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")), where=str(path))
