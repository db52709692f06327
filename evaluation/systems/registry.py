"""Which systems exist, what each needs, and how to build one by name.

A system is available when every matcher module it needs is present. A system whose module is
missing is reported as such (never replaced by a stand-in); a system whose module is present but
broken fails loudly when built or run.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from evaluation.systems.base import System
from matcher.errors import BanenmatchError

__all__ = [
    "SYSTEMS",
    "SystemOptions",
    "SystemSpec",
    "SystemUnavailableError",
    "available_systems",
    "build_system",
    "missing_modules",
    "select_systems",
]


class SystemUnavailableError(BanenmatchError, LookupError):
    """A system was asked for by name but is unknown or its matcher modules are missing."""


@dataclass(frozen=True)
class SystemOptions:
    """Settings shared by all systems.

    Parameters
    ----------
    seed : int, default=0
        Seed of the random baseline.
    encoder : callable returning an Encoder, optional
        Called once, only if a dense system is built (loading a model is slow). Required then.
    progress : bool, default=True
        Show progress bars.
    ranker : path, optional
        Folder of a saved :class:`matcher.ranking.LinearScorer` for ``full`` (for example one trained
        for another encoder); default the matcher's own choice (the shipped ranker for the shipped
        model, else the expert prior).
    fairness_depth : int, default 20
        ``depth`` of the fair re-ranking of ``full_fair`` (:class:`matcher.fairness.FairRanking`).
    fairness_weights : path, optional
        JSON file of per-group corrections for ``full_fair`` (:func:`matcher.fairness.read_weights`).
    """

    seed: int = 0
    encoder: Callable[[], object] | None = None
    progress: bool = True
    ranker: Path | None = None
    fairness_depth: int = 20
    fairness_weights: Path | None = None

    @cache  # noqa: B019 (one encoder per options object is the point)
    def make_encoder(self) -> object:
        if self.encoder is None:
            raise SystemUnavailableError("this system needs a text encoder; pass SystemOptions(encoder=...)")
        return self.encoder()


@dataclass(frozen=True)
class SystemSpec:
    """A named system: what it is, which matcher modules it needs, how to build it."""

    name: str
    summary: str
    requires: tuple[str, ...]
    build: Callable[[SystemOptions], System]


def _random(options: SystemOptions) -> System:
    from evaluation.systems.random_baseline import RandomSystem

    return RandomSystem(seed=options.seed)


def _popularity(options: SystemOptions) -> System:
    from evaluation.systems.popularity import PopularitySystem

    return PopularitySystem()


def _tfidf(options: SystemOptions) -> System:
    from evaluation.systems.tfidf import TfidfSystem

    return TfidfSystem(progress=options.progress)


def _embedding(options: SystemOptions) -> System:
    from evaluation.systems.dense import EmbeddingSystem

    return EmbeddingSystem(options.make_encoder(), progress=options.progress)


def _embedding_constraints(options: SystemOptions) -> System:
    from evaluation.systems.dense import EmbeddingSystem

    return EmbeddingSystem(options.make_encoder(), constraints=True, progress=options.progress)


def _full_options(options: SystemOptions) -> dict:
    if options.ranker is None:
        return {}
    from matcher.features import FEATURES
    from matcher.ranking import LinearScorer

    return {"scorer": LinearScorer.load(Path(options.ranker), feature_names=FEATURES)}


def _full(options: SystemOptions) -> System:
    from evaluation.systems.full import FullSystem

    return FullSystem(options.make_encoder(), progress=options.progress, **_full_options(options))


def _full_fair(options: SystemOptions) -> System:
    from evaluation.systems.full import FairFullSystem
    from matcher.fairness import read_weights

    return FairFullSystem(
        options.make_encoder(),
        depth=options.fairness_depth,
        weights=read_weights(options.fairness_weights) if options.fairness_weights is not None else {},
        progress=options.progress,
        **_full_options(options),
    )


_DENSE = ("matcher.text", "matcher.encoders", "matcher.index")

SYSTEMS: tuple[SystemSpec, ...] = (
    SystemSpec("random", "seeded random order of all documents, no constraints", (), _random),
    SystemSpec(
        "popularity",
        "most past placements, then most complete profile; same list for every query",
        (),
        _popularity,
    ),
    SystemSpec(
        "tfidf", "character n-gram TF-IDF cosine of record texts, no constraints", ("matcher.text",), _tfidf
    ),
    SystemSpec("embedding", "dense cosine similarity (faiss), no constraints", _DENSE, _embedding),
    SystemSpec(
        "embedding_constraints",
        "dense cosine similarity over the eligible set only",
        (*_DENSE, "matcher.constraints"),
        _embedding_constraints,
    ),
    SystemSpec("full", "the full matcher (matcher.recommend.Matcher)", ("matcher.recommend",), _full),
    SystemSpec(
        "full_fair",
        "the full matcher with fair re-ranking of candidates by limitation type (DetGreedy)",
        ("matcher.recommend", "matcher.fairness"),
        _full_fair,
    ),
)
_BY_NAME = {spec.name: spec for spec in SYSTEMS}


def missing_modules(spec: SystemSpec) -> tuple[str, ...]:
    """The modules ``spec`` needs that are not installed (empty when it is available)."""
    missing = []
    for module in spec.requires:
        try:
            found = importlib.util.find_spec(module)
        except ModuleNotFoundError:
            found = None
        if found is None:
            missing.append(module)
    return tuple(missing)


def available_systems() -> tuple[str, ...]:
    """Names of the systems whose modules are all present, in benchmark order."""
    return tuple(spec.name for spec in SYSTEMS if not missing_modules(spec))


OPT_IN = frozenset({"full_fair"})
"""Systems that ``"all"`` leaves out unless asked for (``include_opt_in``): the fair re-ranking variant."""


def select_systems(
    names: str, *, include_opt_in: bool = False
) -> tuple[tuple[SystemSpec, ...], dict[str, tuple[str, ...]]]:
    """Resolve ``"all"`` or a comma-separated list of names.

    ``"all"`` means every available system except those in :data:`OPT_IN`, unless ``include_opt_in``.

    Returns
    -------
    (specs, skipped)
        The available systems asked for, in benchmark order; and, for ``"all"``, the systems left out
        with their missing modules.

    Raises
    ------
    SystemUnavailableError
        An unknown name, or a named system whose modules are missing.
    """
    if names.strip() == "all":
        specs = tuple(
            spec
            for spec in SYSTEMS
            if not missing_modules(spec) and (include_opt_in or spec.name not in OPT_IN)
        )
        skipped = {spec.name: missing_modules(spec) for spec in SYSTEMS if missing_modules(spec)}
        return specs, skipped
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    if not wanted:
        raise SystemUnavailableError(f"--systems: expected 'all' or names from {', '.join(_BY_NAME)}")
    for name in wanted:
        if name not in _BY_NAME:
            raise SystemUnavailableError(
                f"--systems: unknown system {name!r}; expected 'all' or names from {', '.join(_BY_NAME)}"
            )
        missing = missing_modules(_BY_NAME[name])
        if missing:
            raise SystemUnavailableError(
                f"system {name!r} needs {', '.join(missing)}, which is not installed yet; "
                f"leave it out or use --systems all (available now: {', '.join(available_systems())})"
            )
    return tuple(spec for spec in SYSTEMS if spec.name in wanted), {}


def build_system(name: str, options: SystemOptions | None = None) -> System:
    """Build the system called ``name``.

    Raises
    ------
    SystemUnavailableError
        Unknown name or missing modules (see :func:`select_systems`).
    """
    (spec,), _ = select_systems(name)
    return spec.build(options or SystemOptions())
