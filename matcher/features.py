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
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

from matcher.catalogue import load_function_profiles
from matcher.competences import competence_keys, load_esco
from matcher.constraints import CandidateArrays, PackageArrays
from matcher.contract import load_contract
from matcher.encoders import Encoder
from matcher.lexical_worker import MIN_TEXTS, LexicalFit, split_fit
from matcher.schema import Candidate, FunctionProfile, WorkPackage
from matcher.store import StringTable, ragged_take, take_rows
from matcher.text import candidate_text, package_text, split_clauses
from matcher.travel import DEFAULT_TRAVEL_MODEL, TravelModel, municipality_index, travel_table

__all__ = [
    "FEATURES",
    "ClauseBank",
    "Corpus",
    "FeatureSpace",
    "KindPhrases",
    "Lexical",
    "pair_features",
    "placement_affinity",
]

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


CLAUSE_DTYPE = np.float16
"""Storage type of clause vectors: unit vectors in half precision lose at most about 1e-3 of a cosine,
and the clauses are the largest part of a national index (2.6 M vectors at 300k people)."""
_ENCODE_BLOCK = 16_384
_SIM_BLOCK = 2_048  # clauses per block of ClauseBank.max_similarity (float32 copy: 3 MB at d = 384)

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

    vectors: np.ndarray  # (total clauses, d) float16, unit rows (half the memory; see CLAUSE_DTYPE)
    start: np.ndarray  # (n + 1,) int64
    texts: StringTable

    @classmethod
    def build(cls, encoder: Encoder, clauses: Sequence[Sequence[str]], *, query: bool = False) -> ClauseBank:
        flat = [c for row in clauses for c in row]
        start = np.zeros(len(clauses) + 1, dtype=np.int64)
        start[1:] = np.cumsum([len(row) for row in clauses])
        encode = encoder.encode_queries if query else encoder.encode_documents
        vectors = np.zeros((len(flat), encoder.dimension), dtype=CLAUSE_DTYPE)
        # In blocks, so the float32 copy of all clauses (4 GB at national scale) never exists at once.
        for a in range(0, len(flat), _ENCODE_BLOCK):
            vectors[a : a + _ENCODE_BLOCK] = encode(flat[a : a + _ENCODE_BLOCK])
        return cls(vectors=vectors, start=start, texts=StringTable.of(flat))

    def span(self, row: int) -> tuple[int, int]:
        """Where record ``row``'s clauses are: ``vectors[a:b]``, ``texts[a:b]``."""
        return int(self.start[row]), int(self.start[row + 1])

    def locate(self, row: int) -> tuple[ClauseBank, int, int]:
        """The bank holding record ``row``'s clauses and where: ``bank.vectors[a:b]``, ``bank.texts[a:b]``.

        Here always this bank; a :class:`~matcher.segments.SegmentedBank` answers with one of its parts.
        """
        return self, int(self.start[row]), int(self.start[row + 1])

    def of(self, row: int) -> tuple[np.ndarray, tuple[str, ...]]:
        """Vectors (float32) and texts of one record's clauses."""
        a, b = int(self.start[row]), int(self.start[row + 1])
        return self.vectors[a:b].astype(np.float32), self.texts[a:b]

    def take(self, rows: np.ndarray, *, then: ClauseBank | None = None) -> ClauseBank:
        """The clauses of ``rows`` (in that order) as a bank of its own; followed by those of ``then``.

        ``take(rows, then=b)`` equals ``ClauseBank.concat([take(rows), b])`` with one copy of the
        vectors (an update keeps nearly all of a national bank's 1.3 GB).
        """
        more = None if then is None else (then.vectors, then.start)
        vectors, start = take_rows(self.vectors, self.start, rows, then=more)
        texts = self.texts.take(_flat_rows(self.start, rows), then=None if then is None else then.texts)
        return ClauseBank(vectors=vectors, start=start, texts=texts)

    @staticmethod
    def concat(banks: Sequence[ClauseBank]) -> ClauseBank:
        starts = [np.zeros(1, dtype=np.int64)]
        base = 0
        for bank in banks:
            starts.append(np.asarray(bank.start[1:]) + base)
            base += int(bank.start[-1])
        return ClauseBank(
            vectors=np.concatenate([np.asarray(b.vectors) for b in banks]),
            start=np.concatenate(starts),
            texts=StringTable.concat([b.texts for b in banks]),
        )

    def affinity(self, kinds: KindPhrases, *, block: int = 2048) -> np.ndarray:
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
            # In float64: a float32 product's last bits depend on how many rows share the call, and an
            # updated index computes the changed records' rows apart from the rest.
            sims = self.vectors[lo:hi].astype(np.float64) @ kinds.vectors.T.astype(np.float64)
            per_kind = np.maximum.reduceat(sims, kinds.start[:-1], axis=1)
            best[rows] = np.maximum.reduceat(per_kind, self.start[rows] - lo, axis=0)
        out = np.zeros((n, n_kinds))
        has = counts > 0
        spread = best[has].std(axis=1, keepdims=True)
        spread[spread == 0] = 1.0
        out[has] = (best[has] - best[has].mean(axis=1, keepdims=True)) / spread
        return out

    def max_similarity(self, rows: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Best clause similarity of ``rows[i]`` with ``targets[i]``; 0 for a record without clauses.

        ``targets`` of shape ``(d,)`` is one target for every row (a vacancy's pool). When every row
        is the same record (a candidate's pool), that record's clauses are compared with all targets
        through broadcast views instead of being copied once per pair. Every path sums the same
        products in the same order (``einsum`` over the last axis), so the values are identical.
        """
        rows = np.asarray(rows, dtype=np.int64)
        out = np.zeros(len(rows))
        if not len(rows):
            return out
        if targets.ndim == 2 and np.all(rows == rows[0]):
            a, b = int(self.start[rows[0]]), int(self.start[rows[0] + 1])
            if b > a:
                vecs = self.vectors[a:b].astype(np.float32)
                shape = (len(rows), b - a, vecs.shape[1])
                # Broadcast views, no copies; the same sums, bit for bit, as the pair-by-pair einsum.
                sims = np.einsum(
                    "pcj,pcj->pc",
                    np.broadcast_to(vecs[None], shape),
                    np.broadcast_to(np.asarray(targets, dtype=np.float32)[:, None, :], shape),
                )
                out[:] = sims.max(axis=1)
            return out
        counts = self.start[rows + 1] - self.start[rows]
        has = counts > 0
        if not has.any():
            return out
        counts_h = counts[has]
        ends = np.cumsum(counts_h)
        index = (
            np.arange(ends[-1])
            - np.repeat(ends - counts_h, counts_h)
            + np.repeat(self.start[rows[has]], counts_h)
        )
        # In blocks of clauses: each block's float32 copy stays in the CPU cache for its products (a
        # vacancy's pool at national scale has tens of thousands of clauses); sums are per clause, so
        # the blocks do not change a bit of them.
        sims = np.empty(len(index), dtype=np.float32)
        if targets.ndim == 1:  # the same sums, bit for bit, as with the target copied per clause
            target = np.asarray(targets, dtype=np.float32)
            for a in range(0, len(index), _SIM_BLOCK):
                block = self.vectors[index[a : a + _SIM_BLOCK]].astype(np.float32)
                sims[a : a + _SIM_BLOCK] = np.einsum("ij,j->i", block, target)
        else:
            owner = np.repeat(np.arange(len(counts_h)), counts_h)
            wanted = targets[has]
            for a in range(0, len(index), _SIM_BLOCK):
                block = self.vectors[index[a : a + _SIM_BLOCK]].astype(np.float32)
                sims[a : a + _SIM_BLOCK] = np.einsum("ij,ij->i", block, wanted[owner[a : a + _SIM_BLOCK]])
        out[has] = np.maximum.reduceat(sims, ends - counts_h)
        return out


def _flat_rows(start: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The flat positions of the ragged ``rows`` (in order): which clause texts a take keeps."""
    return ragged_take(start, rows)[0]


@dataclass(frozen=True, eq=False)
class CandidateSide:
    """Per-candidate precomputed data, rows in input order."""

    records: Sequence[Candidate]
    # After an update these three are kept in parts (matcher.segments: SegmentedBank, SegmentedRows),
    # read through the same methods; everything else is one contiguous array.
    wishes: ClauseBank
    experience: ClauseBank
    competences: np.ndarray
    profile: np.ndarray
    lexical: sp.csr_matrix  # (n, n_terms) sublinear term frequencies, weighted by Lexical.idf when used
    lexical_norm: np.ndarray  # (n,) length of each idf-weighted row (0 = no text)
    # competence keys as a (n, n_keys) 0/1 matrix, columns named by competence_index
    competence_matrix: sp.csr_matrix
    competence_index: Mapping[str, int]
    level: np.ndarray  # working level 0..1, nan = unknown
    min_week: np.ndarray
    max_week: np.ndarray
    max_minutes: np.ndarray
    municipality: np.ndarray  # row in the travel table, -1 = unknown
    modes: np.ndarray  # bool (n, n_modes)
    rush: np.ndarray  # avoids rush hour
    sectors: np.ndarray  # (n, n_sectors) bool: preferred sectors, columns in contract order
    arrays: CandidateArrays  # the hard rule's view, built once and shared with the matcher
    wish_affinity: np.ndarray  # (n, n_profiles): how much more a wish is about each kind of work
    experience_affinity: np.ndarray
    # (n, n_profiles): how much the profile resembles those of people placed in each kind of work
    # before (see placement_affinity); None until placements are given (Corpus.with_placements)
    placed_affinity: np.ndarray | None = None
    placed_kinds: np.ndarray | None = None  # (n, n_profiles) bool: who was placed in which kind before
    placed_counts: np.ndarray | None = None  # (n_profiles,) int: how many people were placed in each kind
    # (n, 2) int32: each person's own placements resolved by the matcher's as_of, and how many of them
    # ended early (matcher.durability_inputs.history_counts); None until placements are given
    history: np.ndarray | None = None


@dataclass(frozen=True, eq=False)
class PackageSide:
    """Per-package precomputed data, rows in input order."""

    records: Sequence[WorkPackage]
    work: np.ndarray
    profile: np.ndarray
    lexical: sp.csr_matrix
    lexical_norm: np.ndarray
    required_keys: tuple[tuple[frozenset[str], ...], ...]
    optional_keys: tuple[tuple[frozenset[str], ...], ...]
    level: np.ndarray
    per_week: np.ndarray
    municipality: np.ndarray
    morning: np.ndarray
    sector: np.ndarray  # column of the package's sector in CandidateSide.sectors
    arrays: PackageArrays
    kind: np.ndarray  # row of the package's kind of work in the function-profile catalogue
    tasks: ClauseBank  # each task (or the title when there are none), for text evidence
    contract: np.ndarray  # (n,) int8 position in the contract vocabulary, -1 unknown (durability model only)


def _indicator(columns: Sequence[Sequence[int]], width: int) -> sp.csr_matrix:
    """A sparse 0/1 matrix whose row ``r`` has ones in the columns ``columns[r]``."""
    rows = np.repeat(np.arange(len(columns)), [len(c) for c in columns])
    flat = np.array([col for c in columns for col in c], dtype=np.int64)
    return sp.csr_matrix((np.ones(len(flat), dtype=np.float32), (rows, flat)), shape=(len(columns), width))


def _competence_side(cands: Sequence[Candidate], index: Mapping[str, int] | None = None) -> dict:
    """Each candidate's competence keys as one sparse 0/1 matrix; columns named by ``index``.

    Without ``index`` the columns are all keys in sorted order; with one (an index being updated),
    keys it lacks get new columns at the end. Coverage only asks whether keys are shared, so the
    column order never changes a value.
    """
    keys = [frozenset().union(*(competence_keys(x) for x in c.competences)) for c in cands]
    if index is None:
        index = {key: col for col, key in enumerate(sorted(frozenset().union(*keys)))}
    else:
        index = dict(index)
        for key in sorted(frozenset().union(*keys) - index.keys()):
            index[key] = len(index)
    matrix = _indicator([[index[key] for key in k] for k in keys], max(len(index), 1))
    return {"competence_matrix": matrix, "competence_index": index}


def _sector_matrix(cands: Sequence[Candidate]) -> np.ndarray:
    column = {s: k for k, s in enumerate(load_contract().sectors)}
    out = np.zeros((len(cands), len(column)), dtype=bool)
    for i, c in enumerate(cands):
        for s in c.preferred_sectors:
            if s in column:
                out[i, column[s]] = True
    return out


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


_ANALYZER = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()


@dataclass(frozen=True, eq=False)
class Lexical:
    """Character 3-5-gram TF-IDF over both sides' profile texts, kept so that it can be updated.

    The same numbers as scikit-learn's ``TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5),
    sublinear_tf=True)`` fitted on every candidate's and package's profile text: each side stores
    its sublinear term frequencies (``1 + ln(count)``) unweighted, and the document frequency of
    every term is kept. The smooth idf (``ln((1 + n) / (1 + df)) + 1``) and each row's length are
    derived from them, so adding or removing records changes ``df`` and ``n_docs`` by the records
    changed, and the idf and row lengths are recomputed in one pass over the stored frequencies,
    without cutting any text into n-grams again. A term no record contains any more (df 0) weighs
    0, as it would be absent from a vocabulary fitted anew. Term columns are in the order terms were
    first seen; dot products do not depend on it.
    """

    terms: Sequence[str]  # column -> term
    df: np.ndarray  # (n_terms,) int64
    n_docs: int

    @property
    def idf(self) -> np.ndarray:
        df = np.asarray(self.df, dtype=np.float64)
        idf = np.log((1.0 + self.n_docs) / (1.0 + df)) + 1.0
        idf[df == 0] = 0.0
        return idf

    @staticmethod
    def fit(texts: Sequence[str]) -> tuple[Lexical, sp.csr_matrix]:
        """Fit on ``texts`` (candidates' then packages' profile texts); returns the model and their tf rows."""
        vectorizer = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5), dtype=np.float32)
        counts = vectorizer.fit_transform(list(texts) or [""])[: len(texts)].tocsr()
        terms = vectorizer.get_feature_names_out().tolist()
        np.log(counts.data, out=counts.data)
        counts.data += 1
        df = np.bincount(counts.indices, minlength=len(terms)).astype(np.int64)
        return Lexical(terms=terms, df=df, n_docs=len(texts)), counts

    def term_frequencies(self, texts: Sequence[str], *, grow: bool) -> tuple[Lexical, sp.csr_matrix]:
        """Sublinear tf rows of ``texts`` in this model's columns.

        ``grow=True`` (records added to the data): terms not seen before get new columns and the
        returned model counts the texts in ``df`` and ``n_docs``. ``grow=False`` (a record that is
        not part of the data, e.g. a vacancy typed in a form): unknown terms are dropped, nothing
        is counted, as a vectorizer fitted on the data would do.
        """
        column = {t: k for k, t in enumerate(self.terms)}
        terms = list(self.terms)
        rows, cols, vals = [], [], []
        for r, text in enumerate(texts):
            for term, count in Counter(_ANALYZER(text)).items():
                k = column.get(term)
                if k is None:
                    if not grow:
                        continue
                    k = column[term] = len(terms)
                    terms.append(term)
                rows.append(r)
                cols.append(k)
                vals.append(count)
        # 1 + ln(count) in float32, exactly as fit() computes it (a float64 log rounds differently).
        data = np.asarray(vals, dtype=np.float32)
        np.log(data, out=data)
        data += 1
        tf = sp.csr_matrix(
            (data, (np.asarray(rows, np.int64), np.asarray(cols, np.int64))), shape=(len(texts), len(terms))
        )
        tf.sort_indices()
        if not grow:
            return self, tf
        df = np.zeros(len(terms), dtype=np.int64)
        df[: len(self.df)] = self.df
        df += np.bincount(tf.indices, minlength=len(terms))
        return Lexical(terms=terms, df=df, n_docs=self.n_docs + len(texts)), tf

    def without(self, tf: sp.csr_matrix) -> Lexical:
        """This model with the documents of ``tf`` (rows removed from the data) no longer counted."""
        df = np.array(self.df, dtype=np.int64)
        df -= np.bincount(tf.indices, minlength=len(df))[: len(df)]
        return Lexical(terms=self.terms, df=df, n_docs=self.n_docs - tf.shape[0])

    def norms(self, tf: sp.csr_matrix) -> np.ndarray:
        """Length of each idf-weighted row of ``tf`` (one pass over the stored frequencies)."""
        from matcher.segments import SegmentedRows

        if isinstance(tf, SegmentedRows):
            return tf.per_row(self.norms)
        # Blocks of rows whose squares share the structure of ``tf`` (no copy of its indices, and no
        # float64 copy of all its values at national scale); each row's sum is the same in any block.
        weight = np.square(self.idf[: tf.shape[1]])
        out = np.zeros(tf.shape[0])
        for a in range(0, tf.shape[0], _NORM_BLOCK):
            b = min(a + _NORM_BLOCK, tf.shape[0])
            lo, hi = int(tf.indptr[a]), int(tf.indptr[b])
            squared = sp.csr_matrix(
                (np.square(tf.data[lo:hi], dtype=np.float64), tf.indices[lo:hi], tf.indptr[a : b + 1] - lo),
                shape=(b - a, tf.shape[1]),
            )
            out[a:b] = squared @ weight
        return np.sqrt(out)


_NORM_BLOCK = 32_768


def _widen(matrix: sp.csr_matrix, width: int) -> sp.csr_matrix:
    """The same rows with ``width`` columns (columns added at the end are empty); not a copy."""
    if not sp.isspmatrix_csr(matrix):
        matrix = sp.csr_matrix(matrix)
    if matrix.shape[1] == width:
        return matrix
    return sp.csr_matrix((matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], width))


@dataclass(frozen=True, eq=False)
class Corpus:
    """Both sides of the matching problem, precomputed once.

    Build it with :meth:`build`; it holds no scoring logic.
    """

    candidates: CandidateSide
    packages: PackageSide
    encoder_name: str
    lexical: Lexical
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
        profiles = [candidate_text(c).profile for c in candidates] + [
            package_text(p).profile for p in packages
        ]
        # Large data: the n-grams are counted in a second process while this one encodes (the two
        # longest single-core parts of a build, side by side). Small data: after the encoding, so
        # the n-gram counts and the encoder's working memory are never held at the same time.
        parts = (len(candidates), len(packages))
        job = LexicalFit.start(profiles, parts) if len(profiles) >= MIN_TEXTS else None
        pending = profiles if job is None else ()
        del profiles
        try:
            csides = cls._candidate_side(candidates, encoder)
            psides = cls._package_side(packages, encoder)
            lexical, tfs, norms = job.result() if job is not None else split_fit(pending, parts)
        finally:
            if job is not None:
                job.cancel()
        return cls(
            dataclasses.replace(csides, lexical=tfs[0], lexical_norm=norms[0]),
            dataclasses.replace(psides, lexical=tfs[1], lexical_norm=norms[1]),
            encoder.name,
            lexical,
            travel_model,
        )

    @staticmethod
    def _with_lexical(side, tf: sp.csr_matrix, lexical: Lexical):
        tf = _widen(tf, len(lexical.terms))
        return dataclasses.replace(side, lexical=tf, lexical_norm=lexical.norms(tf))

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

    def with_history(self, counts: np.ndarray) -> Corpus:
        """This corpus with each candidate's own placement history (``(n, 2)`` counts) filled in."""
        side = dataclasses.replace(self.candidates, history=np.asarray(counts, dtype=np.int32))
        return dataclasses.replace(self, candidates=side)

    def placed_others(self, cand_row: int, pkg_row: int) -> int:
        """How many *other* candidates were placed before in the kind of work of package ``pkg_row``."""
        c = self.candidates
        if c.placed_kinds is None or c.placed_counts is None:
            return 0
        kind = self.packages.kind[pkg_row]
        return int(c.placed_counts[kind] - c.placed_kinds[cand_row, kind])

    def with_package(self, package: WorkPackage, encoder: Encoder) -> Corpus:
        """This corpus with ``package`` (not part of the data) as its only package, for one query."""
        side = self._package_side([package], encoder)
        _, tf = self.lexical.term_frequencies([package_text(package).profile], grow=False)
        return dataclasses.replace(self, packages=self._with_lexical(side, tf, self.lexical))

    @staticmethod
    def _candidate_side(cands, encoder, competence_index=None) -> CandidateSide:
        texts = [candidate_text(c) for c in cands]
        wishes = _encode_field(encoder, [t.wishes for t in texts], query=False)
        experience = _encode_field(encoder, [t.experience for t in texts], query=False)
        competences = _encode_field(encoder, [t.competences for t in texts], query=False)
        # Wishes count double in the profile vector used for retrieval (prior-art: JobTech). Made
        # before the clauses are encoded, so the two field matrices are not held during that peak.
        profile = _rows_normalised(2 * wishes + experience + 0.5 * competences)
        del wishes, experience
        wish_clauses = ClauseBank.build(encoder, [split_clauses(t.wishes) for t in texts])
        experience_clauses = ClauseBank.build(encoder, [split_clauses(t.experience) for t in texts])
        kinds = KindPhrases.of(encoder)
        numbers = _side_numbers_candidates(cands)
        return CandidateSide(
            records=tuple(cands),
            wishes=wish_clauses,
            experience=experience_clauses,
            competences=competences,
            profile=profile,
            lexical=sp.csr_matrix((len(cands), 0), dtype=np.float32),
            lexical_norm=np.zeros(len(cands)),
            **_competence_side(cands, competence_index),
            sectors=_sector_matrix(cands),
            arrays=CandidateArrays.build(cands),
            wish_affinity=wish_clauses.affinity(kinds),
            experience_affinity=experience_clauses.affinity(kinds),
            **numbers,
        )

    @staticmethod
    def _package_side(pkgs, encoder) -> PackageSide:
        texts = [package_text(p) for p in pkgs]
        work = _encode_field(encoder, [t.work for t in texts], query=True)
        description = _encode_field(encoder, [t.description for t in texts], query=True)
        index = municipality_index()
        sector_column = {s: k for k, s in enumerate(load_contract().sectors)}
        contract_position = {c: k for k, c in enumerate(load_contract().contracts)}
        return PackageSide(
            records=tuple(pkgs),
            work=work,
            profile=_rows_normalised(2 * work + description),
            lexical=sp.csr_matrix((len(pkgs), 0), dtype=np.float32),
            lexical_norm=np.zeros(len(pkgs)),
            required_keys=tuple(tuple(competence_keys(x) for x in p.required_competences) for p in pkgs),
            optional_keys=tuple(tuple(competence_keys(x) for x in p.optional_competences) for p in pkgs),
            level=np.array([_package_level(p) for p in pkgs]),
            per_week=np.array([_num(p.hours and p.hours.per_week) for p in pkgs]),
            municipality=np.array([_muni_row(p.location, index) for p in pkgs], dtype=np.int64),
            morning=np.array(
                [bool(p.schedule and p.schedule.dayparts and "ochtend" in p.schedule.dayparts) for p in pkgs],
                dtype=bool,
            ),
            sector=np.array([sector_column.get(p.sector, -1) for p in pkgs], dtype=np.int64),
            arrays=PackageArrays.build(pkgs),
            kind=_package_kinds(pkgs, work, encoder),
            tasks=ClauseBank.build(
                encoder, [t.tasks or (p.title,) for t, p in zip(texts, pkgs, strict=True)], query=True
            ),
            contract=np.array([contract_position.get(p.contract, -1) for p in pkgs], dtype=np.int8),
        )


_ROW_BLOCK = 16_384


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
    centre = profile[has_text].mean(axis=0)
    # Centred in float32, then widened, a block of rows at a time: no float32 copy of all profiles
    # beside the float64 one. Everything after the two products is per row and goes by blocks too,
    # so no temporary as large as all profiles (or many as large as ``out``) is held: at national
    # scale this step set the build's peak memory. The same operations on the same rows: the same bits.
    centred = np.empty(profile.shape, dtype=np.float64)
    for a in range(0, n, _ROW_BLOCK):
        centred[a : a + _ROW_BLOCK] = profile[a : a + _ROW_BLOCK] - centre
    centred[~has_text] = 0.0
    y = (placed & has_text[:, None]).astype(np.float64)
    sums = y.T @ centred  # (n_kinds, d): sum of the placed people's profiles per kind
    counts = y.sum(axis=0)
    all_dots = centred @ sums.T  # x_i . S_k
    sums_sq = (sums * sums).sum(axis=1)[None, :]
    for a in range(0, n, _ROW_BLOCK):
        b = min(n, a + _ROW_BLOCK)
        x, yb, dots = centred[a:b], y[a:b], all_dots[a:b]
        own = (x * x).sum(axis=1)[:, None]  # |x_i|^2
        # x_i . m_k / |m_k| with m_k the mean of the others placed in k; the count cancels.
        numerator = dots - yb * own
        norm_sq = sums_sq - 2 * yb * dots + yb * own
        usable = ((counts[None, :] - yb) >= min_people) & (norm_sq > 1e-12) & has_text[a:b, None]
        value = np.where(usable, numerator / np.sqrt(np.where(usable, norm_sq, 1.0)), np.nan)
        rows = usable.sum(axis=1) >= 2
        if rows.any():
            v = value[rows]
            mean = np.nanmean(v, axis=1, keepdims=True)
            spread = np.nanstd(v, axis=1, keepdims=True)
            spread[spread == 0] = 1.0
            out[a:b][rows] = np.nan_to_num((v - mean) / spread, nan=0.0)
    return out


@dataclass(frozen=True)
class FeatureSpace:
    """Feature matrix of a list of pairs, with the travel estimate kept for the explanation."""

    values: np.ndarray  # (n_pairs, len(FEATURES)), float64
    travel_minutes: np.ndarray  # best estimated minutes, nan = unknown


_WANTED_CACHE: list[tuple[object, object, tuple[np.ndarray, sp.csr_matrix]]] = []
_WANTED_CACHE_SIZE = 8


def _wanted(
    keys_per_package: Sequence[tuple[frozenset[str], ...]], index: Mapping[str, int], width: int
) -> tuple[np.ndarray, sp.csr_matrix]:
    """Every package's competences as rows of one sparse 0/1 matrix over the candidates' key columns.

    Returns ``start`` (package ``j``'s competences are rows ``start[j]:start[j + 1]``) and the
    matrix; a key no candidate has gets no column (a competence of only such keys is an empty row,
    never matched). Made once per (packages, key columns) and kept: the objects are held by the
    cache, so an identity check cannot be fooled by a reused ``id``.
    """
    for keys, cols, made in _WANTED_CACHE:
        if keys is keys_per_package and cols is index and made[1].shape[1] == width:
            return made
    start = np.zeros(len(keys_per_package) + 1, dtype=np.int64)
    start[1:] = np.cumsum([len(wanted) for wanted in keys_per_package])
    columns = [[index[key] for key in keys if key in index] for wanted in keys_per_package for keys in wanted]
    made = (start, _indicator(columns, width))
    _WANTED_CACHE.append((keys_per_package, index, made))
    del _WANTED_CACHE[:-_WANTED_CACHE_SIZE]
    return made


def _pair_coverage(
    c: CandidateSide, keys_per_package: Sequence[tuple[frozenset[str], ...]], cand_rows, pkg_rows
) -> np.ndarray:
    """Share of each pair's package competences (required or optional) that its candidate has.

    A competence counts when any of its keys is among the candidate's keys. All as sparse products
    over :func:`_wanted`: a vacancy's pool (one package) multiplies the pool's key rows with the
    package's competence rows; a candidate's pool (one candidate) multiplies every competence row
    with the candidate's keys once; any other pair list intersects each pair's rows element-wise.
    """
    cand_rows = np.asarray(cand_rows, dtype=np.int64)
    pkg_rows = np.asarray(pkg_rows, dtype=np.int64)
    out = np.zeros(len(cand_rows))
    if not len(cand_rows):
        return out
    matrix = c.competence_matrix
    start, wanted = _wanted(keys_per_package, c.competence_index, matrix.shape[1])
    n_wanted = np.diff(start)
    if np.all(pkg_rows == pkg_rows[0]):
        j = int(pkg_rows[0])
        if not n_wanted[j]:
            return out
        rows = wanted[int(start[j]) : int(start[j + 1])]
        hits = (matrix[cand_rows] @ rows.T).toarray() > 0
        return hits.sum(axis=1) / n_wanted[j]
    if np.all(cand_rows == cand_rows[0]):
        have = matrix[int(cand_rows[0])].toarray().ravel()
        hit = (wanted @ have) > 0
        counts = np.concatenate([[0], np.cumsum(hit, dtype=np.int64)])
        per_package = counts[start[1:]] - counts[start[:-1]]
    else:
        index, pair_start = ragged_take(start, pkg_rows)
        owner = np.repeat(np.arange(len(pkg_rows)), np.diff(pair_start))
        hit = np.asarray(wanted[index].multiply(matrix[cand_rows[owner]]).sum(axis=1)).ravel() > 0
        counts = np.concatenate([[0], np.cumsum(hit, dtype=np.int64)])
        taken = counts[pair_start[1:]] - counts[pair_start[:-1]]
        has = n_wanted[pkg_rows] > 0
        out[has] = taken[has] / n_wanted[pkg_rows][has]
        return out
    has = n_wanted[pkg_rows] > 0
    out[has] = per_package[pkg_rows][has] / n_wanted[pkg_rows][has]
    return out


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
    # A vacancy's pool: one target for all (no copy of it per clause of every candidate).
    target = p.work[pkg_rows[0]] if n and np.all(pkg_rows == pkg_rows[0]) else work
    sim_w = c.wishes.max_similarity(cand_rows, target)
    sim_e = c.experience.max_similarity(cand_rows, target)
    sim_c = np.einsum("ij,ij->i", c.competences[cand_rows], work)
    kind = p.kind[pkg_rows]
    wish_aff = c.wish_affinity[cand_rows, kind]
    exp_aff = c.experience_affinity[cand_rows, kind]
    placed = np.zeros(n) if c.placed_affinity is None else c.placed_affinity[cand_rows, kind]
    lexical = _lexical(corpus, cand_rows, pkg_rows)

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
    sector_col = p.sector[pkg_rows]
    sector = np.where(sector_col >= 0, c.sectors[cand_rows, np.maximum(sector_col, 0)], False).astype(float)
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


def _lexical(corpus: Corpus, cand_rows: np.ndarray, pkg_rows: np.ndarray) -> np.ndarray:
    """Cosine of the idf-weighted character n-gram rows of each pair, shape ``(n,)``.

    A query's pool shares one side (one package against many candidates, or the reverse): then the
    shared row, weighted and made dense, multiplies the other side's rows (a sparse matrix-vector
    product) instead of being repeated once per pair for an element-wise product.
    """
    if not len(cand_rows):
        return np.zeros(0)
    c, p = corpus.candidates, corpus.packages
    weight = np.square(corpus.lexical.idf)  # both sides' columns are the model's terms
    if np.all(pkg_rows == pkg_rows[0]):
        dots = c.lexical[cand_rows] @ (p.lexical[pkg_rows[0]].toarray().ravel() * weight)
    elif np.all(cand_rows == cand_rows[0]):
        dots = p.lexical[pkg_rows] @ (c.lexical[cand_rows[0]].toarray().ravel() * weight)
    else:
        dots = c.lexical[cand_rows].multiply(p.lexical[pkg_rows]).tocsr() @ weight
    norms = c.lexical_norm[cand_rows] * p.lexical_norm[pkg_rows]
    return np.where(norms > 0, np.asarray(dots, dtype=np.float64) / np.where(norms > 0, norms, 1.0), 0.0)


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
