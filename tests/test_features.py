"""Kind-of-work affinity: catalogue phrases and the clause-by-phrase affinity of ``matcher.features``."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.catalogue import load_function_profiles
from matcher.competences import load_esco
from matcher.encoders import HashingEncoder, default_encoder
from matcher.features import ClauseBank, KindPhrases, placement_affinity
from matcher.store import StringTable


def _unit(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    v = rng.normal(size=(n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _bank(rng: np.random.Generator, counts: list[int], d: int = 8) -> ClauseBank:
    start = np.zeros(len(counts) + 1, dtype=np.int64)
    start[1:] = np.cumsum(counts)
    return ClauseBank(
        vectors=_unit(rng, int(start[-1]), d), start=start, texts=StringTable.of(["x"] * int(start[-1]))
    )


def _kinds(rng: np.random.Generator, sizes: list[int], d: int = 8) -> KindPhrases:
    start = np.zeros(len(sizes) + 1, dtype=np.int64)
    start[1:] = np.cumsum(sizes)
    return KindPhrases(vectors=_unit(rng, int(start[-1]), d), start=start, texts=("y",) * int(start[-1]))


def _brute_force(bank: ClauseBank, kinds: KindPhrases) -> np.ndarray:
    n, k = len(bank.start) - 1, len(kinds.start) - 1
    out = np.zeros((n, k))
    for i in range(n):
        clauses = bank.vectors[bank.start[i] : bank.start[i + 1]]
        if not len(clauses):
            continue
        best = np.array(
            [(clauses @ kinds.vectors[kinds.start[f] : kinds.start[f + 1]].T).max() for f in range(k)]
        )
        spread = best.std() or 1.0
        out[i] = (best - best.mean()) / spread
    return out


@pytest.mark.parametrize("block", [1, 2, 3, 8192])
def test_affinity_equals_brute_force_whatever_the_block_size(block: int) -> None:
    rng = np.random.default_rng(4)
    bank = _bank(rng, [3, 0, 1, 5, 0, 0, 2, 4])
    kinds = _kinds(rng, [2, 1, 4, 3])
    got = bank.affinity(kinds, block=block)
    np.testing.assert_allclose(got, _brute_force(bank, kinds), rtol=1e-5, atol=1e-5)


def test_records_without_clauses_get_zero_and_rows_are_standardised() -> None:
    rng = np.random.default_rng(9)
    bank = _bank(rng, [0, 4, 0, 2])
    got = bank.affinity(_kinds(rng, [1, 2, 2, 3, 1]))
    assert np.all(got[[0, 2]] == 0.0)
    np.testing.assert_allclose(got[[1, 3]].mean(axis=1), 0.0, atol=1e-9)
    np.testing.assert_allclose(got[[1, 3]].std(axis=1), 1.0, atol=1e-9)


def test_a_clause_identical_to_one_phrase_makes_that_kind_the_best() -> None:
    rng = np.random.default_rng(1)
    kinds = _kinds(rng, [3, 3, 3, 3])
    bank = ClauseBank(vectors=kinds.vectors[[7]], start=np.array([0, 1]), texts=("z",))
    assert int(np.argmax(bank.affinity(kinds)[0])) == 2  # phrase 7 belongs to kind 2 (rows 6-8)


def test_catalogue_phrases_hold_title_tasks_and_the_esco_occupation_labels_once() -> None:
    profile = next(p for p in load_function_profiles() if p.esco_uri in load_esco().occupations)
    phrases = KindPhrases.phrases(profile)
    occupation = load_esco().occupations[profile.esco_uri]
    assert phrases[0] == profile.title
    assert set(profile.tasks) <= set(phrases)
    assert occupation.label in phrases
    assert {a.strip().lower() for a in occupation.alt_labels if a.strip()} <= {p.lower() for p in phrases}
    assert len({p.lower() for p in phrases}) == len(phrases)


def test_phrases_are_grouped_per_profile_in_catalogue_order() -> None:
    kinds = KindPhrases.of(HashingEncoder())
    profiles = load_function_profiles()
    assert len(kinds.start) == len(profiles) + 1
    for f in (0, len(profiles) // 2, len(profiles) - 1):
        assert kinds.texts[kinds.start[f]] == profiles[f].title
        assert kinds.texts[kinds.start[f] : kinds.start[f + 1]] == KindPhrases.phrases(profiles[f])
    assert kinds.vectors.shape == (len(kinds.texts), HashingEncoder().dimension)


@pytest.mark.model
@pytest.mark.parametrize(
    ("words", "stems"),
    [
        ("hagen knippen en gras maaien", ("groen", "tuin", "terrein", "snoei", "bomen", "hovenier")),
        ("dossiers scannen en archiveren", ("archief", "dossier", "digitali", "document")),
        ("broodjes smeren in de kantine", ("kantine", "keuken", "horeca", "catering", "barista")),
    ],
)
def test_shipped_model_finds_the_kind_of_work_people_describe(words: str, stems: tuple[str, ...]) -> None:
    encoder = default_encoder()
    bank = ClauseBank.build(encoder, [[words]])
    affinity = bank.affinity(KindPhrases.of(encoder))[0]
    profiles = load_function_profiles()
    top = [profiles[f] for f in np.argsort(-affinity)[:3]]
    assert any(any(s in (p.id + " " + p.title).lower() for s in stems) for p in top), [p.id for p in top]


def _placement_brute_force(profile: np.ndarray, placed: np.ndarray, min_people: int) -> np.ndarray:
    has_text = np.linalg.norm(profile, axis=1) > 0
    centred = profile - profile[has_text].mean(axis=0)
    n, k = placed.shape
    out = np.zeros((n, k))
    for i in np.flatnonzero(has_text):
        value = np.full(k, np.nan)
        for f in range(k):
            others = placed[:, f] & has_text
            others[i] = False
            if others.sum() >= min_people:
                mean = centred[others].mean(axis=0)
                value[f] = centred[i] @ mean / np.linalg.norm(mean)
        if np.isfinite(value).sum() >= 2:
            spread = np.nanstd(value) or 1.0
            out[i] = np.nan_to_num((value - np.nanmean(value)) / spread, nan=0.0)
    return out


def test_placement_affinity_equals_a_leave_one_out_brute_force():
    rng = np.random.default_rng(3)
    profile = _unit(rng, 40, 6).astype(np.float64)
    profile[[4, 17]] = 0.0  # no text
    placed = rng.random((40, 5)) < 0.3
    placed[:, 4] = False
    placed[:3, 4] = True  # too few people placed in kind 4
    got = placement_affinity(profile, placed, min_people=4)
    np.testing.assert_allclose(got, _placement_brute_force(profile, placed, 4), atol=1e-9)
    assert np.all(got[[4, 17]] == 0.0)
    assert np.all(got[:, 4] == 0.0)


def test_a_persons_own_placement_never_changes_their_own_value():
    rng = np.random.default_rng(8)
    profile = _unit(rng, 60, 6).astype(np.float64)
    placed = rng.random((60, 4)) < 0.4
    with_own, without_own = placed.copy(), placed.copy()
    with_own[0], without_own[0] = True, False
    np.testing.assert_allclose(
        placement_affinity(profile, with_own)[0], placement_affinity(profile, without_own)[0], atol=1e-9
    )


def test_people_who_write_like_those_placed_in_a_kind_score_highest_for_it():
    encoder = HashingEncoder()
    gardeners = [f"hagen snoeien en gras maaien in de groenvoorziening {n}" for n in range(6)]
    cleaners = [f"toiletten schoonmaken en vloeren dweilen {n}" for n in range(6)]
    clerks = [f"post sorteren en dossiers archiveren {n}" for n in range(6)]
    newcomer = ["bladblazen en hagen snoeien bij de gemeente", "dweilen en schoonmaken in een school"]
    profile = encoder.encode_documents(gardeners + cleaners + clerks + newcomer)
    placed = np.zeros((len(profile), 3), dtype=bool)
    placed[:6, 0] = placed[6:12, 1] = placed[12:18, 2] = True
    got = placement_affinity(profile, placed)
    assert int(np.argmax(got[18])) == 0
    assert int(np.argmax(got[19])) == 1


@pytest.mark.parametrize("shape", ["one_package", "one_candidate", "mixed", "empty"])
def test_lexical_feature_equals_scikit_learns_tfidf_cosine_for_every_pool_shape(shape: str) -> None:
    from types import SimpleNamespace

    from sklearn.feature_extraction.text import TfidfVectorizer

    from matcher.features import Lexical, _lexical

    words = ["groenvoorziening", "schoonmaak", "postkamer", "archief", "kantine", "fietsenstalling", "koffie"]
    rng = np.random.default_rng(3)
    texts = [" ".join(rng.choice(words, rng.integers(1, 5))) for _ in range(40)] + [""]
    model, tf = Lexical.fit(texts)
    cands, pkgs = tf[:30], tf[30:]
    corpus = SimpleNamespace(
        lexical=model,
        candidates=SimpleNamespace(lexical=cands, lexical_norm=model.norms(cands)),
        packages=SimpleNamespace(lexical=pkgs, lexical_norm=model.norms(pkgs)),
    )
    oracle = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit(texts)
    dense = oracle.transform(texts).toarray()
    n = {"empty": 0}.get(shape, 30)
    a_rows = np.full(n, 7) if shape == "one_candidate" else rng.integers(0, 30, n)
    b_rows = np.full(n, 4) if shape == "one_package" else rng.integers(0, 11, n)
    expected = (dense[a_rows] * dense[30 + b_rows]).sum(axis=1)
    got = _lexical(corpus, a_rows, b_rows)
    assert got.shape == (n,)
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-6)
    if n:
        assert np.count_nonzero(expected) > 0 and (expected < 0.999).any()  # not all zeros, not all ones


def test_lexical_updates_equal_a_fit_on_the_final_texts() -> None:
    from matcher.features import Lexical

    first = ["post sorteren en rondbrengen", "groenvoorziening", "archief scannen", "kantine"]
    removed, added = [1], ["koffie zetten in de kantine", "gazon maaien"]
    model, tf = Lexical.fit(first)
    model = model.without(tf[removed])
    model, tf_added = model.term_frequencies(added, grow=True)
    final = [t for k, t in enumerate(first) if k not in removed] + added
    rebuilt, tf_rebuilt = Lexical.fit(final)
    assert model.n_docs == rebuilt.n_docs == len(final)
    weights = dict(zip(model.terms, model.idf, strict=True))
    expected = dict(zip(rebuilt.terms, rebuilt.idf, strict=True))
    assert {t: w for t, w in weights.items() if w > 0} == pytest.approx(expected)
    np.testing.assert_allclose(model.norms(tf_added), rebuilt.norms(tf_rebuilt[-2:]), rtol=1e-6)


def test_pool_competence_coverage_equals_the_pair_by_pair_rule() -> None:
    from types import SimpleNamespace

    from matcher.competences import competence_keys
    from matcher.features import _competence_side, _pair_coverage

    def _coverage(wanted, have):  # the rule on sets, as the oracle
        return sum(1 for keys in wanted if keys & have) / len(wanted) if wanted else 0.0

    terms = ["schoonmaken", "post sorteren", "gazon maaien", "koffie zetten", "Excel", "klantcontact"]
    rng = np.random.default_rng(5)
    people = [
        SimpleNamespace(competences=tuple(rng.choice(terms, rng.integers(0, 4), replace=False)))
        for _ in range(60)
    ]
    side = SimpleNamespace(**_competence_side(people))
    side.competence_keys = [frozenset().union(*(competence_keys(x) for x in p.competences)) for p in people]
    packages = [
        tuple(competence_keys(t) for t in ("schoonmaken", "gazon maaien")),
        tuple(competence_keys(t) for t in ("koffie zetten", "iets wat niemand heeft", "Excel")),
        (),
    ]
    rows = rng.integers(0, 60, 200)
    for j, wanted in enumerate(packages):
        pool = _pair_coverage(side, packages, rows, np.full(len(rows), j))
        expected = np.array([_coverage(wanted, side.competence_keys[i]) for i in rows])
        np.testing.assert_array_equal(pool, expected)
        if wanted:
            assert 0 < expected.mean() < 1  # some have it, some do not
    mixed = rng.integers(0, 3, len(rows))
    np.testing.assert_array_equal(
        _pair_coverage(side, packages, rows, mixed),
        [_coverage(packages[j], side.competence_keys[i]) for i, j in zip(rows, mixed, strict=True)],
    )
