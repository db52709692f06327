"""The matching pipeline, both directions, plus batch assignment.

For one query the steps are always the same (STYLE.md principle 4):

1. the hard rule decides the eligible set (:func:`matcher.constraints.eligibility`);
2. the faiss index retrieves the best ``pool_size`` of that set by dense similarity, filtering
   *inside* the search (``allowed=``), never top-k-then-filter;
3. pair features are computed and scored by a :class:`~matcher.ranking.LinearScorer`, with the
   durability model's estimate as one feature;
4. the top ``k`` get an :class:`~matcher.explain.Explanation`.

Results are ordered by score, ties broken by id, so the same input always gives the same list.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from matcher.competences import overlap
from matcher.constraints import (
    Check,
    Outcome,
    PackageArrays,
    check_pair,
    eligibility,
    eligible_for_package,
    pair_eligibility,
    travel_reach,
)
from matcher.contract import load_contract
from matcher.durability_inputs import (
    DURABILITY_FEATURES,
    INPUT_GROUPS,
    Span,
    capacity_columns,
    contract_columns,
    earlier_counts,
    history_columns,
    history_counts,
)
from matcher.encoders import Encoder, default_encoder
from matcher.errors import ArtefactMismatchError, UnknownIdError
from matcher.explain import Band, Contribution, DurabilityFactor, Evidence, Explanation
from matcher.fairness import FairRanking, fair_order
from matcher.features import FEATURES, Corpus, FeatureSpace, pair_features
from matcher.index import VectorIndex, data_hash
from matcher.ranking import DEFAULT_RANKER_DIR, DurabilityModel, LinearScorer
from matcher.schema import Candidate, Placement, WorkPackage
from matcher.travel import DEFAULT_TRAVEL_MODEL, TravelModel

__all__ = ["Assignment", "Exclusion", "Match", "Matcher"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Match:
    """One ranked result with its explanation."""

    rank: int
    candidate_id: str
    package_id: str
    score: float
    explanation: Explanation

    def to_dict(self) -> dict:
        return {
            "rank": self.rank,
            "candidate_id": self.candidate_id,
            "package_id": self.package_id,
            "score": self.score,
            "explanation": self.explanation.to_dict(),
        }


@dataclass(frozen=True)
class Exclusion:
    """A pair the hard rule excludes, with the checks that exclude it ("waarom niet?")."""

    candidate_id: str
    package_id: str
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class Assignment:
    """A batch assignment of candidates to packages.

    ``objective`` states what was optimised; ``pairs`` are ``(candidate_id, package_id, score)``.
    """

    pairs: tuple[tuple[str, str, float], ...]
    objective: str
    total_score: float
    unassigned_packages: tuple[str, ...]
    unassigned_candidates: tuple[str, ...]


_PLACED = FEATURES.index("placed_like")

_PAIR_BLOCK = 4_096
"""Pairs per call of :func:`pair_features` when featurising the placement history."""

ASSIGNMENT_OBJECTIVE = (
    "lexicographic maximum: first the number of candidates placed in a package they are eligible for "
    "(each package takes at most its capacity, each candidate at most one package), then the sum of "
    "the ranking scores of the placed pairs; solved exactly with scipy.optimize.linear_sum_assignment"
)


class Matcher:
    """Ranks candidates for packages and packages for candidates.

    The constructor only stores settings (the scikit-learn contract); :meth:`fit` builds.

    Parameters
    ----------
    encoder : Encoder, optional
        Dense text encoder; default: the shipped Dutch model (:func:`matcher.encoders.default_encoder`).
    scorer : LinearScorer, optional
        Default: the shipped ranker for the encoder, else the expert prior weights
        (:data:`matcher.ranking.DEFAULT_WEIGHTS`).
    durability : DurabilityModel, optional
        A fitted durability model to use instead of fitting one on the placement history (an
        updated index keeps the model of its last full build).
    pool_size : int, default 1000
        How many eligible records the dense retrieval passes to the scorer. ``None`` scores all.
    index_kind : {"exact", "hnsw", "ivf"}, default "exact"
    horizon_days : int, default 365
        What "lasts" means for the durability model.
    as_of : date, optional
        Reference date for censoring placements still running; default the latest date in the history.
    fairness : FairRanking, optional
        Fair re-ranking of candidates for a vacancy (:mod:`matcher.fairness`), after scoring; its group
        labels never reach the features or the scores. Default: none (order by score).

    Examples
    --------
    >>> m = Matcher().fit(candidates, packages, placements)  # doctest: +SKIP
    >>> [match.candidate_id for match in m.for_vacancy("P001", k=5)]  # doctest: +SKIP
    """

    def __init__(
        self,
        *,
        encoder: Encoder | None = None,
        scorer: LinearScorer | None = None,
        durability: DurabilityModel | None = None,
        pool_size: int | None = 1000,
        index_kind: str = "exact",
        horizon_days: int = 365,
        as_of: date | None = None,
        travel_model: TravelModel = DEFAULT_TRAVEL_MODEL,
        evidence: bool = True,
        fairness: FairRanking | None = None,
    ) -> None:
        self.encoder = encoder
        self.scorer = scorer
        self._scorer_given = scorer is not None
        self.fairness = fairness
        self.durability = durability
        self._durability_given = durability is not None
        self.pool_size = pool_size
        self.index_kind = index_kind
        self.horizon_days = horizon_days
        self.as_of = as_of
        self.travel_model = travel_model
        self.evidence = evidence

    def fit(
        self,
        candidates: Sequence[Candidate],
        packages: Sequence[WorkPackage],
        placements: Sequence[Placement] = (),
    ) -> Matcher:
        """Build everything the queries need from the data; returns ``self``.

        Parameters
        ----------
        candidates, packages : sequences of records
            The data, validated (see :mod:`matcher.io`).
        placements : sequence of Placement, optional
            History; fills the placement-based feature and trains the durability model.
        """
        if self.encoder is None:
            self.encoder = default_encoder()
        corpus = Corpus.build(candidates, packages, self.encoder, travel_model=self.travel_model)
        self._restore(corpus, tuple(placements))
        self.corpus = self.corpus.with_placements(self._placed_kinds(placements))
        self.corpus = self.corpus.with_history(self._history_counts(placements))
        self._build_indexes()
        if self._durability_given:
            _check_durability_columns(self.durability, where="Matcher(durability=...)")
        else:
            self.durability = self._fit_durability(placements, self.horizon_days, self.as_of)
        if self._scorer_given:
            self.scorer_source = "given"
        else:
            self.scorer = self._default_scorer()
        return self

    def save(self, folder: str | os.PathLike[str], **provenance) -> Path:
        """Write this fitted Matcher as the next version of the index at ``folder`` (see :mod:`matcher.persist`)."""
        from matcher import persist

        return persist.save(self, Path(folder), **provenance)

    @classmethod
    def load(
        cls, folder: str | os.PathLike[str], *, encoder: Encoder | None = None, verify: bool = True
    ) -> Matcher:
        """The Matcher saved at ``folder``, its large arrays memory-mapped (shared between processes).

        Refuses a folder with a missing, truncated or altered file, and an encoder other than the
        one the index was built with (:class:`~matcher.errors.ArtefactMismatchError`).
        """
        from matcher import persist

        return persist.load(Path(folder), encoder=encoder, verify=verify)

    def _restore(self, corpus: Corpus, placements: Sequence[Placement]) -> None:
        """Take a built or loaded corpus: records, row lookups and the hard rule's arrays."""
        self.corpus = corpus
        self.candidates = corpus.candidates.records
        self.packages = corpus.packages.records
        self.placements = placements
        self._cand_row = {c: i for i, c in enumerate(corpus.candidates.arrays.ids)}
        self._pkg_row = {p: j for j, p in enumerate(corpus.packages.arrays.ids)}
        self._ca = corpus.candidates.arrays
        self._pa = corpus.packages.arrays

    def _build_indexes(self) -> None:
        for side, attr in (
            (self.corpus.candidates, "candidate_index"),
            (self.corpus.packages, "package_index"),
        ):
            ids = side.arrays.ids
            index = VectorIndex.build(
                ids,
                side.profile,
                kind=self.index_kind,
                encoder_name=self.encoder.name,
                data_hash=data_hash(ids),
            )
            setattr(self, attr, index)

    # ------------------------------------------------------------------ queries
    def for_vacancy(self, package_id: str, k: int = 20) -> list[Match]:
        """The ``k`` best eligible candidates for a package in the data."""
        j = self._row(self._pkg_row, package_id, "package")
        return self._rank_candidates(self.corpus, self._pa, j, k)

    def for_package(self, package: WorkPackage, k: int = 20) -> list[Match]:
        """The ``k`` best eligible candidates for a package that is not in the data (e.g. a form)."""
        corpus, arrays = self._with_package(package)
        return self._rank_candidates(corpus, arrays, 0, k)

    def for_candidate(self, candidate_id: str, k: int = 20) -> list[Match]:
        """The ``k`` best eligible packages for a candidate (*van werk naar werk*)."""
        i = self._row(self._cand_row, candidate_id, "candidate")
        pool = self._package_pool(i)
        return self._score_and_explain(self.corpus, *pool, k, by="package")

    def pool_features(
        self, *, package_id: str | None = None, candidate_id: str | None = None
    ) -> tuple[list[str], np.ndarray]:
        """The retrieval pool of one query and its feature matrix, before scoring.

        Exactly what :meth:`for_vacancy` (``package_id``) or :meth:`for_candidate` (``candidate_id``)
        score: the eligible records that dense retrieval keeps, with one row of :data:`FEATURES`
        each (durability filled in). For training a ranker and for analysis.

        Returns
        -------
        ids : list of str
            The other side's ids (candidates for a package, packages for a candidate).
        features : numpy.ndarray, shape (len(ids), len(FEATURES))
        """
        if (package_id is None) == (candidate_id is None):
            raise ValueError("give exactly one of package_id and candidate_id")
        if package_id is not None:
            j = self._row(self._pkg_row, package_id, "package")
            cand_rows, pkg_rows, n_signal, n_unknown = self._candidate_pool(self.corpus, self._pa, j)
            ids = [self._ca.ids[i] for i in cand_rows]
        else:
            i = self._row(self._cand_row, candidate_id, "candidate")
            cand_rows, pkg_rows, n_signal, n_unknown = self._package_pool(i)
            ids = [self._pa.ids[j] for j in pkg_rows]
        return ids, self._features(self.corpus, cand_rows, pkg_rows, n_signal, n_unknown).values

    def eligible_count(self, package: WorkPackage | str) -> int:
        """How many candidates the hard rule admits for a package (id in the data, or a record)."""
        if isinstance(package, str):
            arrays, j = self._pa, self._row(self._pkg_row, package, "package")
        else:
            arrays, j = PackageArrays.build([package]), 0
        return int(self._reachable_eligibility(arrays, j)[1].eligible.sum())

    def _eligibility_of(self, package: WorkPackage | str):
        """The hard rule for every candidate against one package: in the data (by id) or a record."""
        if isinstance(package, str):
            cols = np.array([self._row(self._pkg_row, package, "package")])
            return eligibility(self._ca, self._pa, cols=cols, travel_model=self.travel_model)
        return eligibility(self._ca, PackageArrays.build([package]), travel_model=self.travel_model)

    def _reachable_eligibility(self, arrays: PackageArrays, j: int):
        """The hard rule for package ``j`` over the candidates within travel reach (:func:`travel_reach`).

        Returns the candidate rows the full rule checked and their
        :class:`~matcher.constraints.Eligibility`; every candidate left out is one the travel rule
        or another cheap rule excludes (:func:`~matcher.constraints.eligible_for_package`), so the
        eligible set, and the counts of each eligible row, are those of the full rule on all rows.
        """
        rows = np.flatnonzero(
            travel_reach(self._ca, int(arrays.municipality[j]), travel_model=self.travel_model)
        )
        return eligible_for_package(self._ca, arrays, j, rows, travel_model=self.travel_model)

    def excluded_for_vacancy(self, package_id: str | WorkPackage, limit: int | None = 200) -> list[Exclusion]:
        """Excluded candidates with the checks that exclude them, closest misses first."""
        package = (
            package_id
            if isinstance(package_id, WorkPackage)
            else self.packages[self._row(self._pkg_row, package_id, "package")]
        )
        elig = self._eligibility_of(package_id)
        out = [self._exclusion(self.candidates[i], package) for i in np.flatnonzero(~elig.eligible[:, 0])]
        out.sort(key=lambda e: (len(e.checks), e.candidate_id))
        return out if limit is None else out[:limit]

    def excluded_for_candidate(self, candidate_id: str, limit: int | None = 200) -> list[Exclusion]:
        """Packages the hard rule excludes for one candidate, with the excluding checks, closest misses first.

        The mirror of :meth:`excluded_for_vacancy` ("waarom niet?" in *van werk naar werk*): the
        vectorised rule finds the excluded packages, the scalar :func:`check_pair` names the reasons.
        Ordered by the number of excluding checks, then by package id.
        """
        i = self._row(self._cand_row, candidate_id, "candidate")
        elig = eligibility(self._ca, self._pa, rows=np.array([i]), travel_model=self.travel_model)
        out = [
            self._exclusion(self.candidates[i], self.packages[j]) for j in np.flatnonzero(~elig.eligible[0])
        ]
        out.sort(key=lambda e: (len(e.checks), e.package_id))
        return out if limit is None else out[:limit]

    def _exclusion(self, candidate: Candidate, package: WorkPackage) -> Exclusion:
        """The checks of an excluded pair that exclude it (the scalar rule names the reasons)."""
        checks = check_pair(candidate, package, travel_model=self.travel_model)
        return Exclusion(candidate.id, package.id, tuple(c for c in checks if c.outcome is Outcome.EXCLUDE))

    def assign(
        self,
        package_ids: Iterable[str] | None = None,
        candidate_ids: Iterable[str] | None = None,
        *,
        capacity: Mapping[str, int] | None = None,
    ) -> Assignment:
        """Assign candidates to open packages at once, optimally (see :data:`ASSIGNMENT_OBJECTIVE`).

        Parameters
        ----------
        package_ids, candidate_ids : iterables of str, optional
            The open packages and the available candidates (e.g. one arbeidsmarktregio); default all.
        capacity : mapping of package id to int, optional
            Places per package (default 1); a package with capacity ``c`` is ``c`` columns.
        """
        prow = np.array(
            [self._row(self._pkg_row, p, "package") for p in (package_ids or self._pkg_row)], dtype=np.int64
        )
        crow = np.array(
            [self._row(self._cand_row, c, "candidate") for c in (candidate_ids or self._cand_row)],
            dtype=np.int64,
        )
        elig = eligibility(self._ca, self._pa, rows=crow, cols=prow, travel_model=self.travel_model)
        ci, pj = np.nonzero(elig.eligible)
        scores = np.zeros(elig.eligible.shape)
        if len(ci):
            feats = self._features(
                self.corpus, crow[ci], prow[pj], elig.n_signal[ci, pj], elig.n_unknown[ci, pj]
            )
            scores[ci, pj] = self.scorer.score_pairs(feats.values)
        columns = (
            np.concatenate([np.full((capacity or {}).get(self._pa.ids[j], 1), n) for n, j in enumerate(prow)])
            if len(prow)
            else np.zeros(0, dtype=np.int64)
        )
        columns = columns.astype(np.int64)
        # Every eligible pair is worth more than any sum of score differences, so the solver places
        # as many people as possible first and only then maximises the total score.
        spread = float(np.ptp(scores[elig.eligible])) if len(ci) else 0.0
        big = (spread + 1.0) * (min(len(crow), len(columns)) + 1)
        benefit = np.where(
            elig.eligible[:, columns], big + scores[:, columns] - (scores.min() if len(ci) else 0.0), 0.0
        )
        rows, cols = (
            linear_sum_assignment(benefit, maximize=True)
            if benefit.size
            else (np.zeros(0, int), np.zeros(0, int))
        )
        pairs = []
        for r, c in zip(rows, cols, strict=True):
            j = columns[c]
            if elig.eligible[r, j]:
                pairs.append((self.candidates[crow[r]].id, self.packages[prow[j]].id, float(scores[r, j])))
        pairs.sort(key=lambda t: (t[1], t[0]))
        placed_c = {p[0] for p in pairs}
        filled = {p[1] for p in pairs}
        return Assignment(
            pairs=tuple(pairs),
            objective=ASSIGNMENT_OBJECTIVE,
            total_score=float(sum(p[2] for p in pairs)),
            unassigned_packages=tuple(self._pa.ids[j] for j in prow if self._pa.ids[j] not in filled),
            unassigned_candidates=tuple(self._ca.ids[i] for i in crow if self._ca.ids[i] not in placed_c),
        )

    # ------------------------------------------------------------------ internals
    @staticmethod
    def _row(rows: Mapping[str, int], key: str, kind: str) -> int:
        try:
            return rows[key]
        except KeyError:
            raise UnknownIdError(
                f"{kind} id {key!r} is not in the loaded data ({len(rows)} {kind}s); "
                f"check the id, or that the {kind} record passed validation"
            ) from None

    def _with_package(self, package: WorkPackage) -> tuple[Corpus, PackageArrays]:
        corpus = self.corpus.with_package(package, self.encoder)
        return corpus, corpus.packages.arrays

    def _retrieve(self, index: VectorIndex, query: np.ndarray, allowed: np.ndarray) -> np.ndarray:
        if len(allowed) == 0:
            return np.zeros(0, dtype=np.int64)
        pool = len(allowed) if self.pool_size is None else min(self.pool_size, len(allowed))
        found = index.search(query[None, :], pool, allowed=allowed)
        rows = found.positions[0]
        return rows[rows >= 0].astype(np.int64)

    def _rank_candidates(self, corpus: Corpus, arrays: PackageArrays, j: int, k: int) -> list[Match]:
        return self._score_and_explain(corpus, *self._candidate_pool(corpus, arrays, j), k, by="candidate")

    def _candidate_pool(self, corpus: Corpus, arrays: PackageArrays, j: int):
        """Eligible candidates for package ``j`` that retrieval keeps: aligned rows and hard-rule counts."""
        rows, elig = self._reachable_eligibility(arrays, j)
        allowed = rows[elig.eligible[:, 0]]
        cand_rows = self._retrieve(self.candidate_index, corpus.packages.profile[j], allowed)
        pkg_rows = np.full(len(cand_rows), j)
        at = np.searchsorted(rows, cand_rows)  # rows is sorted: each kept row's place in the check
        return cand_rows, pkg_rows, elig.n_signal[at, 0], elig.n_unknown[at, 0]

    def _package_pool(self, i: int):
        """Eligible packages for candidate ``i`` that retrieval keeps: aligned rows and hard-rule counts."""
        elig = eligibility(self._ca, self._pa, rows=np.array([i]), travel_model=self.travel_model)
        allowed = np.flatnonzero(elig.eligible[0])
        pkg_rows = self._retrieve(self.package_index, self.corpus.candidates.profile[i], allowed)
        cand_rows = np.full(len(pkg_rows), i)
        return cand_rows, pkg_rows, elig.n_signal[0, pkg_rows], elig.n_unknown[0, pkg_rows]

    def _features(self, corpus, cand_rows, pkg_rows, n_signal, n_unknown) -> FeatureSpace:
        """Pair features with the durability estimate filled in (the last column)."""
        return self._features_and_design(corpus, cand_rows, pkg_rows, n_signal, n_unknown)[0]

    def _features_and_design(self, corpus, cand_rows, pkg_rows, n_signal, n_unknown):
        """Pair features with the durability estimate, and the durability model's own input rows."""
        space = pair_features(corpus, cand_rows, pkg_rows, n_signal=n_signal, n_unknown=n_unknown)
        design = self._durability_design(corpus, cand_rows, pkg_rows, space.values[:, :-1])
        space.values[:, -1] = self.durability.predict_proba(design)
        return space, design

    @staticmethod
    def _durability_design(
        corpus: Corpus, cand_rows, pkg_rows, pair_values: np.ndarray, counts=None
    ) -> np.ndarray:
        """The durability model's columns (:data:`DURABILITY_FEATURES`) for aligned candidate and package rows.

        ``counts`` is each row's own placement history (``[n, ended early]``); default what the corpus
        holds as of the matcher's ``as_of`` (a new match).
        """
        cand_rows, pkg_rows = np.asarray(cand_rows, dtype=np.int64), np.asarray(pkg_rows, dtype=np.int64)
        if counts is None:
            history = corpus.candidates.history
            counts = np.zeros((len(cand_rows), 2)) if history is None else np.asarray(history)[cand_rows]
        return np.column_stack(
            [
                pair_values,
                contract_columns(np.asarray(corpus.packages.contract)[pkg_rows]),
                history_columns(counts),
                capacity_columns(np.asarray(corpus.candidates.arrays.capacity)[cand_rows]),
            ]
        )

    def _durability_factors(self, corpus: Corpus, design: np.ndarray, cand_rows, pkg_rows) -> list[tuple]:
        """Per row, how each group of the durability-only inputs moved the estimate (explain.DurabilityFactor)."""
        contributions = self.durability.contributions(design)
        history = corpus.candidates.history
        contracts = load_contract().contracts
        out = []
        for r, (i, j) in enumerate(zip(cand_rows, pkg_rows, strict=True)):
            code = int(corpus.packages.contract[j])
            earlier, early = (0, 0) if history is None else (int(history[i, 0]), int(history[i, 1]))
            out.append(
                tuple(
                    DurabilityFactor(
                        group,
                        float(contributions[r, [_DURABILITY_COLUMN[n] for n in names]].sum()),
                        contract=contracts[code] if code >= 0 else None,
                        earlier=earlier,
                        ended_early=early,
                    )
                    for group, names in INPUT_GROUPS.items()
                )
            )
        return out

    def _score_and_explain(
        self, corpus, cand_rows, pkg_rows, n_signal, n_unknown, k, *, by: str
    ) -> list[Match]:
        if len(cand_rows) == 0:
            return []
        space, design = self._features_and_design(corpus, cand_rows, pkg_rows, n_signal, n_unknown)
        values = space.values
        scores = self.scorer.score_pairs(values)
        # Ids from the rule's arrays: a loaded index parses a record only when it is explained.
        ids = [
            corpus.candidates.arrays.ids[i] if by == "candidate" else corpus.packages.arrays.ids[j]
            for i, j in zip(cand_rows, pkg_rows, strict=True)
        ]
        order, raised_from = fair_order(self.fairness if by == "candidate" else None, ids, scores, k)
        contributions = self.scorer.contributions(values[order]).tolist()
        uncertain = self.durability.uncertain(design[order])
        factors = self._durability_factors(corpus, design[order], cand_rows[order], pkg_rows[order])
        quantiles = None if self.scorer.quantiles_ is None else np.asarray(self.scorer.quantiles_).T.tolist()
        reference = np.asarray(self.scorer.reference_, dtype=np.float64).tolist()
        # A pool shares one side: parse each stored record once per query, not once per result.
        records: dict[tuple[str, int], Candidate | WorkPackage] = {}

        def record(side, row: int):
            key = (side, row)
            if key not in records:
                table = corpus.candidates.records if side == "c" else corpus.packages.records
                records[key] = table[row]
            return records[key]

        matches = []
        for rank, (n, contrib, unsure, why) in enumerate(
            zip(order, contributions, uncertain, factors, strict=True), start=1
        ):
            i, j = int(cand_rows[n]), int(pkg_rows[n])
            cand, pkg = record("c", i), record("p", j)
            row = values[n].tolist()
            explanation = Explanation(
                checks=check_pair(cand, pkg, travel_model=self.travel_model),
                competences=overlap(pkg.required_competences, pkg.optional_competences, cand.competences),
                contributions=tuple(
                    sorted(
                        (
                            Contribution(
                                f, v, c, r, None if quantiles is None else Band.locate(v, quantiles[col], r)
                            )
                            for col, (f, v, c, r) in enumerate(
                                zip(FEATURES, row, contrib, reference, strict=True)
                            )
                        ),
                        key=lambda x: -abs(x.contribution),
                    )
                ),
                evidence=self._evidence(corpus, i, j) if self.evidence else (),
                durability=row[-1],
                durability_basis=self.durability.n_examples_,
                durability_uncertain=bool(unsure) and self.durability.n_examples_ > 0,
                durability_factors=why if self.durability.n_examples_ > 0 else (),
                travel_minutes=None if np.isnan(space.travel_minutes[n]) else float(space.travel_minutes[n]),
                placed_basis=corpus.placed_others(i, j) if row[_PLACED] else 0,
                raised_from=raised_from.get(n),
            )
            matches.append(Match(rank, cand.id, pkg.id, float(scores[n]), explanation))
        return matches

    def _evidence(self, corpus: Corpus, i: int, j: int, top: int = 3) -> tuple[Evidence, ...]:
        """Each task's best-matching clause of the candidate's experience or wishes (precomputed vectors).

        Only the clauses chosen are decoded from the stored texts.
        """
        tasks_bank = corpus.packages.tasks
        ta, tb = tasks_bank.span(j)
        task_vecs = tasks_bank.vectors[ta:tb].astype(np.float32)
        found = []
        for source, clauses in (
            ("experience", corpus.candidates.experience),
            ("wishes", corpus.candidates.wishes),
        ):
            bank, a, b = clauses.locate(i)  # the bank (or the part of a segmented one) holding row i
            if b == a:
                continue
            sims = task_vecs @ bank.vectors[a:b].astype(np.float32).T
            best = sims.argmax(axis=1)
            found += [(float(sims[t, best[t]]), t, source, bank, a + int(best[t])) for t in range(tb - ta)]
        if not found:
            return ()
        tasks = tasks_bank.texts[ta:tb]
        by_task: dict[str, tuple] = {}
        for item in sorted(found, key=lambda e: (-e[0], tasks[e[1]], e[2])):
            by_task.setdefault(tasks[item[1]], item)
        strongest = [e for e in by_task.values() if e[0] > 0][:top]
        return tuple(
            Evidence(tasks[t], source, bank.texts[at], sim) for sim, t, source, bank, at in strongest
        )

    def _default_scorer(self) -> LinearScorer:
        """The shipped ranker trained for this encoder (``matcher/models/ranker``), else the expert prior.

        ``scorer_source`` says which one is in use, and why.
        """
        if (DEFAULT_RANKER_DIR / "manifest.json").is_file():
            try:
                trained = LinearScorer.load(DEFAULT_RANKER_DIR, feature_names=FEATURES)
            except ArtefactMismatchError as exc:
                self.scorer_source = f"expert prior weights: {exc}"
                log.warning("banenmatch: using %s", self.scorer_source)
                return self._prior_scorer()
            if trained.encoder_name_ == self.encoder.name:
                self.scorer_source = f"trained ranker {DEFAULT_RANKER_DIR}"
                return trained
            self.scorer_source = (
                f"expert prior weights: the shipped ranker was trained for encoder {trained.encoder_name_!r}, "
                f"not {self.encoder.name!r} (retrain with scripts/train_ranker.py)"
            )
            if self.encoder.name.startswith("st:"):
                log.warning("banenmatch: using %s", self.scorer_source)
        else:
            self.scorer_source = "expert prior weights (no trained ranker shipped)"
        return self._prior_scorer()

    def _prior_scorer(self) -> LinearScorer:
        # Reference point: the average eligible pair of a seeded sample, so a contribution reads as
        # "compared with a typical suitable pair".
        if not self.candidates or not self.packages:
            return LinearScorer(feature_names=FEATURES).fit(np.zeros((1, len(FEATURES))))
        rng = np.random.default_rng(0)
        rows = np.sort(rng.choice(len(self.candidates), min(200, len(self.candidates)), replace=False))
        cols = np.sort(rng.choice(len(self.packages), min(50, len(self.packages)), replace=False))
        elig = eligibility(self._ca, self._pa, rows=rows, cols=cols, travel_model=self.travel_model)
        ci, pj = np.nonzero(elig.eligible)
        if len(ci) == 0:
            ci, pj = np.nonzero(np.ones(elig.shape, dtype=bool))
        space = self._features(self.corpus, rows[ci], cols[pj], elig.n_signal[ci, pj], elig.n_unknown[ci, pj])
        return LinearScorer(feature_names=FEATURES).fit(space.values)

    def _placed_kinds(self, placements: Sequence[Placement]) -> np.ndarray:
        """Candidates x function profiles: who had a placement in which kind of work (loaded records only)."""
        placed = np.zeros(self.corpus.candidates.wish_affinity.shape, dtype=bool)
        kind = self.corpus.packages.kind
        pairs = (
            placements.ids()
            if hasattr(placements, "ids")
            else ((p.candidate_id, p.package_id) for p in placements)
        )
        for candidate_id, package_id in pairs:
            i, j = self._cand_row.get(candidate_id), self._pkg_row.get(package_id)
            if i is not None and j is not None:
                placed[i, kind[j]] = True
        return placed

    def _history_counts(self, placements: Sequence[Placement]) -> np.ndarray:
        """Each loaded candidate's own placements resolved by ``as_of``, and how many ended early."""
        spans = list(_spans(placements))
        as_of = self.as_of or _latest(spans)
        return history_counts(
            spans, self._cand_row, len(self._cand_row), horizon_days=self.horizon_days, as_of=as_of
        )

    def _fit_durability(
        self, placements: Sequence[Placement], horizon_days: int, as_of: date | None
    ) -> DurabilityModel:
        X, y = self.durability_examples(placements, horizon_days=horizon_days, as_of=as_of)
        return DurabilityModel(feature_names=DURABILITY_FEATURES).fit(X, y)

    def durability_examples(
        self,
        placements: Sequence[Placement],
        *,
        horizon_days: int = 365,
        as_of: date | None = None,
        history: Sequence[Placement] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The durability model's columns and labels of past placements, for fitting or checking.

        Columns: :data:`matcher.durability_inputs.DURABILITY_FEATURES` (the pair features without
        ``durability``, then contract type, the person's own earlier placements and capacity profile).
        Label 1: lasted at least ``horizon_days``; 0: ended before. A placement still running and
        younger than the horizon is censored and left out, as are placements of records not loaded.
        ``as_of`` (default: the latest date in ``placements``) is when running placements are judged.

        A placement's history columns count only that person's placements in ``history`` (default: the
        matcher's own, ``self.placements``) that started and were resolved strictly before it started
        (:func:`matcher.durability_inputs.earlier_counts`): no information from after its start. Pass
        the whole history when the matcher was fitted on part of it (checking on held-out people).
        """
        known = [p for p in placements if p.candidate_id in self._cand_row and p.package_id in self._pkg_row]
        if as_of is None:
            as_of = _latest((p.candidate_id, p.start, p.end) for p in placements)
        horizon = timedelta(days=horizon_days)
        labelled = []
        for p in known:
            if p.end is not None and p.end - p.start < horizon:
                labelled.append((p, 0))
            elif (p.end or as_of) - p.start >= horizon:
                labelled.append((p, 1))
        if not labelled:
            return np.zeros((0, len(DURABILITY_FEATURES))), np.zeros(0, dtype=int)
        ci = np.array([self._cand_row[p.candidate_id] for p, _ in labelled])
        pj = np.array([self._pkg_row[p.package_id] for p, _ in labelled])
        # The vectorised rule, package by package: the counts check_pair gives, pair by pair.
        signal, unknown, _ = pair_eligibility(self._ca, self._pa, ci, pj, travel_model=self.travel_model)
        n_signal, n_unknown = signal.astype(np.int64), unknown.astype(np.int64)
        # In blocks of pairs: every past placement's features at once would take gigabytes at national
        # scale (each pair copies its clause vectors and character n-gram rows). Rows do not interact.
        pair = np.concatenate(
            [
                pair_features(
                    self.corpus,
                    ci[a : a + _PAIR_BLOCK],
                    pj[a : a + _PAIR_BLOCK],
                    n_signal=n_signal[a : a + _PAIR_BLOCK],
                    n_unknown=n_unknown[a : a + _PAIR_BLOCK],
                ).values[:, :-1]
                for a in range(0, len(ci), _PAIR_BLOCK)
            ]
        )
        counts = earlier_counts(
            [(p.candidate_id, p.start, p.end) for p, _ in labelled],
            _spans(self.placements if history is None else history),
            horizon_days=horizon_days,
            as_of=as_of,
        )
        X = self._durability_design(self.corpus, ci, pj, pair, counts=counts)
        return X, np.array([y for _, y in labelled], dtype=int)


_DURABILITY_COLUMN = {name: k for k, name in enumerate(DURABILITY_FEATURES)}


def _spans(placements: Iterable[Placement]) -> Iterable[Span]:
    """``(candidate_id, start, end)`` of each placement; a stored history is read without parsing records."""
    if hasattr(placements, "spans"):
        return placements.spans()
    return ((p.candidate_id, p.start, p.end) for p in placements)


def _latest(spans: Iterable[Span]) -> date:
    """The latest start or end date (the default ``as_of``); today when there are none."""
    dates = [d for _, start, end in spans for d in (start, end) if d is not None]
    return max(dates) if dates else date.today()


def _check_durability_columns(model: DurabilityModel, *, where: str) -> None:
    """Refuse a durability model fitted on other columns than :data:`DURABILITY_FEATURES`."""
    names = getattr(model, "feature_names", None)
    width = len(getattr(model, "mean_", ()))
    if (names is not None and tuple(names) != DURABILITY_FEATURES) or (
        names is None and width != len(DURABILITY_FEATURES)
    ):
        found = list(names) if names is not None else f"{width} unnamed columns"
        raise ArtefactMismatchError(
            f"{where}: feature_names: expected {list(DURABILITY_FEATURES)}, found {found}; "
            "fit the durability model again with this version of banenmatch (a full build)"
        )
