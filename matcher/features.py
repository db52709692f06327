"""Pair features: what the ranking score and the durability model see of a (candidate, package) pair.

A :class:`Corpus` precomputes everything per record once (embeddings per text field, character
n-gram vectors, competence keys, numbers); :func:`pair_features` then computes the feature matrix for
any list of pairs with array operations, so both directions (vacancy -> candidates and candidate ->
packages) and batch assignment share one code path.

Unknown values never pass for a fit: a feature whose input is missing takes a neutral value, and the
number of unknowns is itself a feature that lowers the score (DESIGN.md section 5).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from matcher.catalogue import load_function_profiles
from matcher.competences import competence_keys, load_esco
from matcher.constraints import CandidateArrays, PackageArrays
from matcher.contract import load_contract
from matcher.encoders import Encoder
from matcher.schema import Candidate, FunctionProfile, WorkPackage
from matcher.text import CandidateText, PackageText, candidate_text, package_text, split_clauses
from matcher.travel import DEFAULT_TRAVEL_MODEL, TravelModel, municipality_index, travel_table

__all__ = ["FEATURES", "Corpus", "FeatureSpace", "KindPhrases", "pair_features", "placement_affinity"]

FEATURES: tuple[str, ...] = (
    "sim_profile",
    "sim_wishes",
    "sim_experience",
    "sim_competences",
    "wish_affinity",
    "experience_affinity",
    "placed_like",
    "lexical",
    "required_competences",
    "optional_competences",
    "travel_burden",
    "hours_fit",
    "sector_preference",
    "signaleringen",
    "unknowns",
    "unknown_risk",
    "level_gap",
    "durability",
)
"""Feature names, in column order. ``durability`` is filled in by the durability model."""

# Education levels placed on a 0..1 working-level scale (geen .. wo).
_EDUCATION_LEVEL = {level: i / 8 for i, level in enumerate(load_contract().education)}
# FML-lite items whose demand says how complex the work is (autonomy, divided attention, memory,
# reading/writing, supervising); their mean demand relative to the maximum is the package's level.
_LEVEL_ITEMS = ("PF02", "PF03", "PF04", "SF06", "SF07")


def _rows_normalised(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


def _encode_field(encoder: Encoder, texts: Sequence[str], *, query: bool) -> np.ndarray:
    """Vectors of a text field; an empty text gets a zero vector (similarity 0, never a fit)."""
    present = np.array([bool(t.strip()) for t in texts], dtype=bool)
    vectors = np.zeros((len(texts), encoder.dimension), dtype=np.float32)
    if present.any():
        chosen = [t for t, p in zip(texts, present, strict=True) if p]
        encode = encoder.encode_queries if query else encoder.encode_documents
        vectors[present] = encode(chosen)
    return vectors


_KIND_CACHE: dict[str, np.ndarray] = {}
_PHRASE_CACHE: dict[str, KindPhrases] = {}


def _kind_vectors(encoder: Encoder) -> np.ndarray:
    """One vector per kind of work: the function-profile catalogue's titles and tasks, encoded once."""
    if encoder.name not in _KIND_CACHE:
        profiles = load_function_profiles()
        texts = [". ".join((f.title, *f.tasks)) for f in profiles]
        _KIND_CACHE[encoder.name] = encoder.encode_queries(texts)
    return _KIND_CACHE[encoder.name]


@dataclass(frozen=True, eq=False)
class KindPhrases:
    """Every kind of work of the function-profile catalogue as a group of short phrases, embedded.

    Profile ``f``'s phrases are ``vectors[start[f]:start[f + 1]]``: its title, each of its tasks, and
    the preferred and alternative labels of its closest ESCO occupation. A person writes a few words
    ("hagen knippen", "in de groenvoorziening"); such a clause is compared with each short phrase of
    a kind rather than with one long text whose vector averages the tasks away, and the ESCO labels
    add the other names people use for the same work.
    """

    vectors: np.ndarray  # (n_phrases, d) float32, grouped by profile in catalogue order
    start: np.ndarray  # (n_profiles + 1,) int64
    texts: tuple[str, ...]

    @staticmethod
    def phrases(profile: FunctionProfile) -> tuple[str, ...]:
        """The phrases of one function profile, without duplicates (case-insensitive), in order."""
        items = [profile.title, *profile.tasks]
        occupation = load_esco().occupations.get(profile.esco_uri or "")
        if occupation is not None:
            items += [occupation.label, *occupation.alt_labels]
        seen: set[str] = set()
        unique = []
        for item in (i.strip() for i in items):
            if item and item.lower() not in seen:
                seen.add(item.lower())
                unique.append(item)
        return tuple(unique)

    @classmethod
    def of(cls, encoder: Encoder) -> KindPhrases:
        """The catalogue's phrases encoded (as queries) with ``encoder``, once per encoder name."""
        if encoder.name not in _PHRASE_CACHE:
            groups = [cls.phrases(f) for f in load_function_profiles()]
            start = np.zeros(len(groups) + 1, dtype=np.int64)
            start[1:] = np.cumsum([len(g) for g in groups])
            texts = tuple(t for g in groups for t in g)
            vectors = np.asarray(encoder.encode_queries(list(texts)), dtype=np.float32)
            _PHRASE_CACHE[encoder.name] = cls(vectors=vectors, start=start, texts=texts)
        return _PHRASE_CACHE[encoder.name]


def _package_kinds(packages: Sequence[WorkPackage], work: np.ndarray, encoder: Encoder) -> np.ndarray:
    """The catalogue row of each package's function profile, or the nearest profile by its work text."""
    rows = {f.id: n for n, f in enumerate(load_function_profiles())}
    nearest = (work @ _kind_vectors(encoder).T).argmax(axis=1) if len(packages) else np.zeros(0, int)
    return np.array(
        [rows.get(p.function_profile, int(nearest[j])) for j, p in enumerate(packages)], dtype=np.int64
    )


@dataclass(frozen=True, eq=False)
class ClauseBank:
    """Embedded clauses of one text field for every record, stored contiguously.

    Row ``i``'s clauses are ``vectors[start[i]:start[i + 1]]``. :meth:`max_similarity` gives, per pair,
    the best cosine similarity between a target vector and any of the record's clauses: the one part
    of a wish or of past work that matches, rather than an average diluted by filler.
    """

    vectors: np.ndarray  # (total clauses, d) float32, unit rows
    start: np.ndarray  # (n + 1,) int64
    texts: tuple[str, ...]

    @classmethod
    def build(cls, encoder: Encoder, clauses: Sequence[Sequence[str]], *, query: bool = False) -> ClauseBank:
        flat = [c for row in clauses for c in row]
        start = np.zeros(len(clauses) + 1, dtype=np.int64)
        start[1:] = np.cumsum([len(row) for row in clauses])
        encode = encoder.encode_queries if query else encoder.encode_documents
        vectors = encode(flat) if flat else np.zeros((0, encoder.dimension), np.float32)
        return cls(vectors=np.asarray(vectors, dtype=np.float32), start=start, texts=tuple(flat))

    def of(self, row: int) -> tuple[np.ndarray, tuple[str, ...]]:
        """Vectors and texts of one record's clauses."""
        a, b = int(self.start[row]), int(self.start[row + 1])
        return self.vectors[a:b], self.texts[a:b]

    def affinity(self, kinds: KindPhrases, *, block: int = 8192) -> np.ndarray:
        """Per record and kind of work: best clause-phrase similarity, standardised over the kinds.

        For each clause and kind, the similarity with the kind's closest phrase; for each record and
        kind, its best clause. A static model rates most texts as somewhat alike; what tells is
        whether a person's words are *more* about this kind of work than about the others, so each
        record's row is standardised over the kinds. Records without clauses get 0. Works through
        the clauses ``block`` records at a time, so memory stays small at national scale.
        """
        n = len(self.start) - 1
        n_kinds = len(kinds.start) - 1
        best = np.zeros((n, n_kinds))
        counts = np.diff(self.start)
        for a in range(0, n, block):
            b = min(n, a + block)
            rows = np.flatnonzero(counts[a:b] > 0) + a
            if not len(rows):
                continue
            lo, hi = int(self.start[a]), int(self.start[b])
            sims = self.vectors[lo:hi] @ kinds.vectors.T
            per_kind = np.maximum.reduceat(sims, kinds.start[:-1], axis=1)
            best[rows] = np.maximum.reduceat(per_kind, self.start[rows] - lo, axis=0)
        out = np.zeros((n, n_kinds))
        has = counts > 0
        spread = best[has].std(axis=1, keepdims=True)
        spread[spread == 0] = 1.0
        out[has] = (best[has] - best[has].mean(axis=1, keepdims=True)) / spread
        return out

    def max_similarity(self, rows: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Best clause similarity of ``rows[i]`` with ``targets[i]``; 0 for a record without clauses."""
        counts = self.start[rows + 1] - self.start[rows]
        out = np.zeros(len(rows))
        has = counts > 0
        if not has.any():
            return out
        counts_h = counts[has]
        ends = np.cumsum(counts_h)
        owner = np.repeat(np.arange(len(counts_h)), counts_h)
        index = (
            np.arange(ends[-1])
            - np.repeat(ends - counts_h, counts_h)
            + np.repeat(self.start[rows[has]], counts_h)
        )
        sims = np.einsum("ij,ij->i", self.vectors[index], targets[has][owner])
        out[has] = np.maximum.reduceat(sims, ends - counts_h)
        return out


@dataclass(frozen=True, eq=False)
class CandidateSide:
    """Per-candidate precomputed data, rows in input order."""

    records: tuple[Candidate, ...]
    texts: tuple[CandidateText, ...]
    wishes: ClauseBank
    experience: ClauseBank
    competences: np.ndarray
    profile: np.ndarray
    lexical: sp.csr_matrix
    competence_keys: tuple[frozenset[str], ...]
    # the same keys as a (n, n_keys) 0/1 matrix, columns named by competence_index (for whole pools)
    competence_matrix: sp.csr_matrix
    competence_index: Mapping[str, int]
    level: np.ndarray  # working level 0..1, nan = unknown
    min_week: np.ndarray
    max_week: np.ndarray
    max_minutes: np.ndarray
    municipality: np.ndarray  # row in the travel table, -1 = unknown
    modes: np.ndarray  # bool (n, n_modes)
    rush: np.ndarray  # avoids rush hour
    sectors: tuple[frozenset[str], ...]
    arrays: CandidateArrays  # the hard rule's view, built once and shared with the matcher
    wish_affinity: np.ndarray  # (n, n_profiles): how much more a wish is about each kind of work
    experience_affinity: np.ndarray
    # (n, n_profiles): how much the profile resembles those of people placed in each kind of work
    # before (see placement_affinity); None until placements are given (Corpus.with_placements)
    placed_affinity: np.ndarray | None = None
    placed_kinds: np.ndarray | None = None  # (n, n_profiles) bool: who was placed in which kind before
    placed_counts: np.ndarray | None = None  # (n_profiles,) int: how many people were placed in each kind


@dataclass(frozen=True, eq=False)
class PackageSide:
    """Per-package precomputed data, rows in input order."""

    records: tuple[WorkPackage, ...]
    texts: tuple[PackageText, ...]
    work: np.ndarray
    profile: np.ndarray
    lexical: sp.csr_matrix
    required_keys: tuple[tuple[frozenset[str], ...], ...]
    optional_keys: tuple[tuple[frozenset[str], ...], ...]
    level: np.ndarray
    per_week: np.ndarray
    municipality: np.ndarray
    morning: np.ndarray
    sector: np.ndarray
    arrays: PackageArrays
    kind: np.ndarray  # row of the package's kind of work in the function-profile catalogue
    tasks: ClauseBank  # each task (or the title when there are none), for text evidence


def _indicator(columns: Sequence[Sequence[int]], width: int) -> sp.csr_matrix:
    """A sparse 0/1 matrix whose row ``r`` has ones in the columns ``columns[r]``."""
    rows = np.repeat(np.arange(len(columns)), [len(c) for c in columns])
    flat = np.array([col for c in columns for col in c], dtype=np.int64)
    return sp.csr_matrix((np.ones(len(flat), dtype=np.float32), (rows, flat)), shape=(len(columns), width))


def _competence_side(cands: Sequence[Candidate]) -> dict:
    """Each candidate's competence keys, as sets and as one sparse 0/1 matrix over all their keys."""
    keys = tuple(frozenset().union(*(competence_keys(x) for x in c.competences)) for c in cands)
    index = {key: col for col, key in enumerate(sorted(frozenset().union(*keys)))}
    matrix = _indicator([[index[key] for key in k] for k in keys], max(len(index), 1))
    return {"competence_keys": keys, "competence_matrix": matrix, "competence_index": index}


def _side_numbers_candidates(cands: Sequence[Candidate]) -> dict[str, np.ndarray]:
    contract = load_contract()
    index = municipality_index()
    modes = contract.travel_modes
    nan = np.nan
    out = {
        "level": np.array([_EDUCATION_LEVEL.get(c.education, nan) if c.education else nan for c in cands]),
        "min_week": np.array([_num(c.hours and c.hours.min_per_week) for c in cands]),
        "max_week": np.array([_num(c.hours and c.hours.max_per_week) for c in cands]),
        "max_minutes": np.array([_num(c.travel and c.travel.max_minutes) for c in cands]),
        "municipality": np.array([_muni_row(c.location, index) for c in cands], dtype=np.int64),
        "modes": np.array(
            [[bool(c.travel and c.travel.modes and m in c.travel.modes) for m in modes] for c in cands],
            dtype=bool,
        ).reshape(len(cands), len(modes)),
        "rush": np.array([bool(c.travel and c.travel.avoid_rush_hour) for c in cands], dtype=bool),
    }
    return out


def _num(value: float | None) -> float:
    return np.nan if value is None else float(value)


def _muni_row(location, index) -> int:
    if location is None or location.municipality is None:
        return -1
    return index.get(location.municipality, -1)


def _package_level(package: WorkPackage) -> float:
    fml = load_contract().fml
    known = [package.demands[c] / fml[c].max_level for c in _LEVEL_ITEMS if c in package.demands]
    return float(np.mean(known)) if known else np.nan


@dataclass(frozen=True, eq=False)
class Corpus:
    """Both sides of the matching problem, precomputed once.

    Build it with :meth:`build`; it holds no scoring logic.
    """

    candidates: CandidateSide
    packages: PackageSide
    encoder_name: str
    vectorizer: TfidfVectorizer
    travel_model: TravelModel

    @classmethod
    def build(
        cls,
        candidates: Sequence[Candidate],
        packages: Sequence[WorkPackage],
        encoder: Encoder,
        *,
        travel_model: TravelModel = DEFAULT_TRAVEL_MODEL,
    ) -> Corpus:
        """Encode and index every record of both sides.

        Parameters
        ----------
        candidates, packages : sequences of records
            The data; row ``i`` of every array is record ``i``.
        encoder : Encoder
            Dense text encoder; package work texts are encoded as queries, candidate fields as
            documents (asymmetric models get their prompts right).
        """
        ctexts = tuple(candidate_text(c) for c in candidates)
        ptexts = tuple(package_text(p) for p in packages)
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=1)
        vectorizer.fit([t.profile for t in ctexts] + [t.profile for t in ptexts] or [""])
        csides = cls._candidate_side(candidates, ctexts, encoder, vectorizer)
        psides = cls._package_side(packages, ptexts, encoder, vectorizer)
        return cls(csides, psides, encoder.name, vectorizer, travel_model)

    def with_placements(self, placed: np.ndarray, *, min_people: int = 5) -> Corpus:
        """This corpus with the placement-history feature filled in (see :func:`placement_affinity`).

        ``placed[i, f]`` says whether candidate row ``i`` had a placement in a package of catalogue
        profile ``f`` (shape: candidates x function profiles).
        """
        c = self.candidates
        placed = np.asarray(placed, dtype=bool)
        affinity = placement_affinity(c.profile, placed, min_people=min_people)
        side = dataclasses.replace(
            c, placed_affinity=affinity, placed_kinds=placed, placed_counts=placed.sum(axis=0)
        )
        return dataclasses.replace(self, candidates=side)

    def placed_others(self, cand_row: int, pkg_row: int) -> int:
        """How many *other* candidates were placed before in the kind of work of package ``pkg_row``."""
        c = self.candidates
        if c.placed_kinds is None or c.placed_counts is None:
            return 0
        kind = self.packages.kind[pkg_row]
        return int(c.placed_counts[kind] - c.placed_kinds[cand_row, kind])

    @staticmethod
    def _candidate_side(cands, texts, encoder, vectorizer) -> CandidateSide:
        wishes = _encode_field(encoder, [t.wishes for t in texts], query=False)
        experience = _encode_field(encoder, [t.experience for t in texts], query=False)
        competences = _encode_field(encoder, [t.competences for t in texts], query=False)
        wish_clauses = ClauseBank.build(encoder, [split_clauses(t.wishes) for t in texts])
        experience_clauses = ClauseBank.build(encoder, [split_clauses(t.experience) for t in texts])
        kinds = KindPhrases.of(encoder)
        # Wishes count double in the profile vector used for retrieval (prior-art: JobTech).
        profile = _rows_normalised(2 * wishes + experience + 0.5 * competences)
        numbers = _side_numbers_candidates(cands)
        return CandidateSide(
            records=tuple(cands),
            texts=texts,
            wishes=wish_clauses,
            experience=experience_clauses,
            competences=competences,
            profile=profile,
            lexical=vectorizer.transform([t.profile for t in texts]).tocsr(),
            **_competence_side(cands),
            sectors=tuple(frozenset(c.preferred_sectors) for c in cands),
            arrays=CandidateArrays.build(cands),
            wish_affinity=wish_clauses.affinity(kinds),
            experience_affinity=experience_clauses.affinity(kinds),
            **numbers,
        )

    @staticmethod
    def _package_side(pkgs, texts, encoder, vectorizer) -> PackageSide:
        work = _encode_field(encoder, [t.work for t in texts], query=True)
        description = _encode_field(encoder, [t.description for t in texts], query=True)
        index = municipality_index()
        return PackageSide(
            records=tuple(pkgs),
            texts=texts,
            work=work,
            profile=_rows_normalised(2 * work + description),
            lexical=vectorizer.transform([t.profile for t in texts]).tocsr(),
            required_keys=tuple(tuple(competence_keys(x) for x in p.required_competences) for p in pkgs),
            optional_keys=tuple(tuple(competence_keys(x) for x in p.optional_competences) for p in pkgs),
            level=np.array([_package_level(p) for p in pkgs]),
            per_week=np.array([_num(p.hours and p.hours.per_week) for p in pkgs]),
            municipality=np.array([_muni_row(p.location, index) for p in pkgs], dtype=np.int64),
            morning=np.array(
                [bool(p.schedule and p.schedule.dayparts and "ochtend" in p.schedule.dayparts) for p in pkgs]
            ),
            sector=np.array([p.sector for p in pkgs], dtype=object),
            arrays=PackageArrays.build(pkgs),
            kind=_package_kinds(pkgs, work, encoder),
            tasks=ClauseBank.build(
                encoder, [t.tasks or (p.title,) for t, p in zip(texts, pkgs, strict=True)], query=True
            ),
        )


def placement_affinity(profile: np.ndarray, placed: np.ndarray, *, min_people: int = 5) -> np.ndarray:
    """Per person and kind of work: how much their profile resembles those of people placed in it before.

    The placement history shows how people who took up each kind of work describe themselves ("ik
    heb bij de groenvoorziening gewerkt", "wil graag buiten werken"). For every kind with at least
    ``min_people`` placed people, a person's profile vector (centred on the population mean, so that
    what everybody writes does not count) is projected on the mean profile of *the others* placed
    in that kind: leave-one-out, so that a person's own past placement never vouches for them, and
    the value is the same whether or not they are in the history. Each row is then standardised
    over the kinds with enough history, like :meth:`ClauseBank.affinity`. Kinds with too little
    history, and people without any text, get 0 (no information, never a fit).

    Parameters
    ----------
    profile : numpy.ndarray, shape (n, d)
        Candidate profile vectors (unit rows; zero rows for people without text).
    placed : numpy.ndarray of bool, shape (n, n_kinds)
        Whether each person had a placement in each kind of work.
    min_people : int, default 5
        Fewest placed people (besides the person) a kind needs to be used.

    Returns
    -------
    numpy.ndarray, shape (n, n_kinds), float64
    """
    n, n_kinds = placed.shape
    out = np.zeros((n, n_kinds))
    has_text = np.linalg.norm(profile, axis=1) > 0
    if not has_text.any() or not placed.any():
        return out
    centred = (profile - profile[has_text].mean(axis=0)).astype(np.float64)
    centred[~has_text] = 0.0
    y = (placed & has_text[:, None]).astype(np.float64)
    sums = y.T @ centred  # (n_kinds, d): sum of the placed people's profiles per kind
    counts = y.sum(axis=0)
    dots = centred @ sums.T  # x_i . S_k
    own = (centred * centred).sum(axis=1)[:, None]  # |x_i|^2
    # x_i . m_k / |m_k| with m_k the mean of the others placed in k; the count cancels.
    numerator = dots - y * own
    norm_sq = (sums * sums).sum(axis=1)[None, :] - 2 * y * dots + y * own
    usable = ((counts[None, :] - y) >= min_people) & (norm_sq > 1e-12) & has_text[:, None]
    value = np.where(usable, numerator / np.sqrt(np.where(usable, norm_sq, 1.0)), np.nan)
    rows = usable.sum(axis=1) >= 2
    if rows.any():
        v = value[rows]
        mean = np.nanmean(v, axis=1, keepdims=True)
        spread = np.nanstd(v, axis=1, keepdims=True)
        spread[spread == 0] = 1.0
        out[rows] = np.nan_to_num((v - mean) / spread, nan=0.0)
    return out


@dataclass(frozen=True)
class FeatureSpace:
    """Feature matrix of a list of pairs, with the travel estimate kept for the explanation."""

    values: np.ndarray  # (n_pairs, len(FEATURES)), float64
    travel_minutes: np.ndarray  # best estimated minutes, nan = unknown


def _coverage(keys_list: tuple[frozenset[str], ...], have: frozenset[str]) -> float:
    if not keys_list:
        return 0.0
    return sum(1 for keys in keys_list if keys & have) / len(keys_list)


def _pair_coverage(
    c: CandidateSide, keys_per_package: Sequence[tuple[frozenset[str], ...]], cand_rows, pkg_rows
) -> np.ndarray:
    """Share of each pair's package competences (required or optional) that its candidate has.

    A vacancy's pool (one package, many candidates) is one sparse product of the candidates' key
    matrix with the package's competences; other pair lists go pair by pair with the same rule.
    """
    if len(pkg_rows) and np.all(pkg_rows == pkg_rows[0]):
        wanted = keys_per_package[pkg_rows[0]]
        if not wanted:
            return np.zeros(len(cand_rows))
        index = c.competence_index
        # A key no candidate has cannot be matched; a competence of only such keys is simply missing.
        cols = [[index[key] for key in keys if key in index] for keys in wanted]
        wanted_matrix = _indicator(cols, c.competence_matrix.shape[1])
        hits = (c.competence_matrix[cand_rows] @ wanted_matrix.T).toarray() > 0
        return hits.sum(axis=1) / len(wanted)
    return np.array(
        [
            _coverage(keys_per_package[j], c.competence_keys[i])
            for i, j in zip(cand_rows, pkg_rows, strict=True)
        ]
    )


def pair_features(
    corpus: Corpus,
    cand_rows: np.ndarray,
    pkg_rows: np.ndarray,
    *,
    n_signal: np.ndarray,
    n_unknown: np.ndarray,
    durability: np.ndarray | None = None,
) -> FeatureSpace:
    """Features of the pairs ``(cand_rows[i], pkg_rows[i])``.

    Parameters
    ----------
    corpus : Corpus
    cand_rows, pkg_rows : int arrays of equal length ``n``
        Row numbers of the pairs on each side.
    n_signal, n_unknown : int arrays of length ``n``
        Signaleringen and unknown checks per pair, from the hard-constraint check.
    durability : float array of length ``n``, optional
        Estimated probability of lasting; 0.5 (no information) when absent.

    Returns
    -------
    FeatureSpace
        ``values`` has shape ``(n, len(FEATURES))`` in :data:`FEATURES` order.
    """
    c, p = corpus.candidates, corpus.packages
    cand_rows = np.asarray(cand_rows, dtype=np.int64)
    pkg_rows = np.asarray(pkg_rows, dtype=np.int64)
    n = len(cand_rows)
    work = p.work[pkg_rows]
    sim_profile = np.einsum("ij,ij->i", c.profile[cand_rows], p.profile[pkg_rows])
    sim_w = c.wishes.max_similarity(cand_rows, work)
    sim_e = c.experience.max_similarity(cand_rows, work)
    sim_c = np.einsum("ij,ij->i", c.competences[cand_rows], work)
    kind = p.kind[pkg_rows]
    wish_aff = c.wish_affinity[cand_rows, kind]
    exp_aff = c.experience_affinity[cand_rows, kind]
    placed = np.zeros(n) if c.placed_affinity is None else c.placed_affinity[cand_rows, kind]
    lexical = _pair_dots(c.lexical, cand_rows, p.lexical, pkg_rows)

    req = _pair_coverage(c, p.required_keys, cand_rows, pkg_rows)
    opt = _pair_coverage(c, p.optional_keys, cand_rows, pkg_rows)

    minutes = _best_minutes(corpus, cand_rows, pkg_rows)
    max_minutes = c.max_minutes[cand_rows]
    with np.errstate(invalid="ignore", divide="ignore"):
        burden = np.where(
            np.isnan(minutes) | np.isnan(max_minutes), 0.5, minutes / np.maximum(max_minutes, 1)
        )
        lo, hi, want = c.min_week[cand_rows], c.max_week[cand_rows], p.per_week[pkg_rows]
        # The middle of the candidate's range is the best guess of the hours they prefer; the fit
        # falls linearly to 0 at 12 hours from it (0.5 = unknown).
        hours_fit = np.where(
            np.isnan(lo) | np.isnan(hi) | np.isnan(want), 0.5, 1.0 - np.abs(want - (lo + hi) / 2) / 12.0
        )
    hours_fit = np.clip(hours_fit, 0.0, 1.0)
    sector = np.array(
        [p.sector[j] in c.sectors[i] for i, j in zip(cand_rows, pkg_rows, strict=True)], dtype=float
    )
    level_c, level_p = c.level[cand_rows], p.level[pkg_rows]
    level_gap = np.where(np.isnan(level_c) | np.isnan(level_p), 0.0, np.abs(level_c - level_p))
    values = np.column_stack(
        [
            sim_profile,
            sim_w,
            sim_e,
            sim_c,
            wish_aff,
            exp_aff,
            placed,
            lexical,
            req,
            opt,
            np.clip(burden, 0.0, 1.5),
            hours_fit,
            sector,
            np.asarray(n_signal, dtype=float),
            np.asarray(n_unknown, dtype=float),
            _unknown_risk(c.arrays.capacity[cand_rows], p.arrays.demand[pkg_rows]),
            level_gap,
            np.full(n, 0.5) if durability is None else np.asarray(durability, dtype=float),
        ]
    ).reshape(n, len(FEATURES))
    return FeatureSpace(values=values.astype(np.float64), travel_minutes=minutes)


def _pair_dots(a: sp.csr_matrix, a_rows: np.ndarray, b: sp.csr_matrix, b_rows: np.ndarray) -> np.ndarray:
    """Dot products of the sparse rows ``a[a_rows[i]]`` and ``b[b_rows[i]]``, shape ``(n,)``.

    A query's pool shares one side (one package against many candidates, or the reverse): then the
    shared row, made dense, multiplies the other side's rows (a sparse matrix-vector product) instead of being
    repeated once per pair for an element-wise product, which costs several times more.
    """
    if not len(a_rows):
        return np.zeros(0)
    if np.all(b_rows == b_rows[0]):
        return a[a_rows] @ b[b_rows[0]].toarray().ravel()
    if np.all(a_rows == a_rows[0]):
        return b[b_rows] @ a[a_rows[0]].toarray().ravel()
    return np.asarray(a[a_rows].multiply(b[b_rows]).sum(axis=1)).ravel()


_FML = load_contract().fml
_MAX_LEVEL = np.array([item.max_level for item in _FML.values()], dtype=np.float64)
_NORM = np.array([item.norm for item in _FML.values()], dtype=np.float64)


def _unknown_risk(capacity: np.ndarray, demand: np.ndarray) -> np.ndarray:
    """How much could go wrong where the hard rule could not decide, per pair (0 = nothing unknown).

    Unknowns are not equal: an unknown capacity where the work demands a lot is a bigger risk than
    one where it demands little, and an unknown demand matters most where the person is limited.
    Summed over FML-lite items, each on the item's 0..1 scale: unknown capacity -> demand / max;
    unknown demand -> (norm - capacity) / max for a capacity below the norm; both unknown -> 0.25.
    """
    cap = capacity.astype(np.float64)
    dem = demand.astype(np.float64)
    cap_unknown, dem_unknown = cap < 0, dem < 0
    risk = np.where(cap_unknown & ~dem_unknown, dem / _MAX_LEVEL, 0.0)
    risk += np.where(dem_unknown & ~cap_unknown, np.maximum(_NORM - cap, 0.0) / _MAX_LEVEL, 0.0)
    risk += np.where(cap_unknown & dem_unknown, 0.25, 0.0)
    return risk.sum(axis=1)


def _best_minutes(corpus: Corpus, cand_rows: np.ndarray, pkg_rows: np.ndarray) -> np.ndarray:
    """Fastest estimated minutes over each candidate's modes; nan where unknown."""
    c, p = corpus.candidates, corpus.packages
    table = travel_table(corpus.travel_model)
    origin, dest = c.municipality[cand_rows], p.municipality[pkg_rows]
    known = (origin >= 0) & (dest >= 0)
    rush = c.rush[cand_rows] & p.morning[pkg_rows]
    best = np.full(len(cand_rows), np.inf)
    for m in range(len(table.modes)):
        uses = c.modes[cand_rows, m] & known
        if not uses.any():
            continue
        o, d = origin[uses], dest[uses]
        minutes = np.where(rush[uses], table.rush[m, o, d], table.plain[m, o, d]).astype(float)
        best[uses] = np.minimum(best[uses], minutes)
    best[np.isinf(best)] = np.nan
    return best
