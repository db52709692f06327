"""``--paraphrase none|realistic``: the old world unchanged, and a world whose two sides use other words.

All worlds here are tiny (150 candidates around Utrecht, a few seconds each).
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
from collections import Counter

import numpy as np
import pytest

from evaluation.world import generate_world, world_main, write_world
from evaluation.world.kinds import KINDS
from evaluation.world.paraphrase_nl import ENTRIES, REALISTIC_WORDS, char_4grams, package_wording
from evaluation.world.records import candidate_id, package_id
from matcher.paths import DATA_DIR

#: SHA-256 of ``manifest.json`` (which holds the SHA-256 of every other file) of
#: ``--size 150 --seed 11 --n-packages 50 --region Utrecht``, made with the generator of commit 414184b,
#: before ``--paraphrase`` existed.
ORIGINAL_MANIFEST_SHA256 = "f22e06c65ab892f82db0949b7c75b16140ad60eae54d93d1a7240ca21d4a4139"
ARGS = ["--size", "150", "--seed", "11", "--n-packages", "50", "--region", "Utrecht", "--quiet"]


@pytest.fixture(scope="module")
def worlds():
    return {
        p: generate_world(150, 11, n_packages=50, region="Utrecht", paraphrase=p)
        for p in ("none", "realistic")
    }


@pytest.mark.parametrize("extra", [[], ["--paraphrase", "none"]])
def test_none_reproduces_the_original_world_byte_for_byte(tmp_path, extra):
    assert world_main([*ARGS, "--out", str(tmp_path), *extra]) == 0
    digest = hashlib.sha256((tmp_path / "manifest.json").read_bytes()).hexdigest()
    assert digest == ORIGINAL_MANIFEST_SHA256


def test_realistic_is_deterministic_per_seed_and_says_so_in_the_manifest(tmp_path):
    for name in ("a", "b"):
        assert world_main([*ARGS, "--out", str(tmp_path / name), "--paraphrase", "realistic"]) == 0
    for name in ("candidates.jsonl", "vacancies.jsonl", "qrels.vacancy.tsv", "manifest.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert (
        json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))["paraphrase"]
        == "realistic"
    )
    other = generate_world(150, 12, n_packages=50, region="Utrecht", paraphrase="realistic")
    assert [c.experience for c in other.candidates()] != [
        c.experience
        for c in generate_world(150, 11, n_packages=50, region="Utrecht", paraphrase="realistic").candidates()
    ]


def test_unknown_setting_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        world_main([*ARGS, "--out", str(tmp_path), "--paraphrase", "poetic"])
    assert exc.value.code == 2
    assert "--paraphrase" in capsys.readouterr().err
    with pytest.raises(ValueError, match="paraphrase"):
        generate_world(20, 1, paraphrase="poetic")


def test_relevance_and_every_field_but_the_words_are_identical(worlds, tmp_path):
    none, real = worlds["none"], worlds["realistic"]
    for name in ("package", "candidate", "grade"):
        assert np.array_equal(getattr(none.qrels, name), getattr(real.qrels, name))
    assert len(none.qrels.grade) > 20
    assert list(none.packages()) == list(real.packages())
    assert list(none.placements()) == list(real.placements())
    changed = 0
    for a, b in zip(none.candidates(), real.candidates(), strict=True):
        assert dataclasses.replace(a, experience=(), wishes=None) == dataclasses.replace(
            b, experience=(), wishes=None
        )
        assert (a.wishes is None) == (b.wishes is None)
        changed += a.experience != b.experience or a.wishes != b.wishes
    assert changed > 100
    for p in ("none", "realistic"):
        write_world(worlds[p], tmp_path / p)
    for name in (
        "qrels.vacancy.tsv",
        "qrels.candidate.tsv",
        "placements.jsonl",
        "vacancies.jsonl",
        "audit.jsonl",
    ):
        assert (tmp_path / "none" / name).read_bytes() == (tmp_path / "realistic" / name).read_bytes(), name


def _distinctive_shared(world) -> float:
    """Mean over relevant pairs: how many distinctive 4-grams the candidate's experience and wishes share
    with the package's title and tasks. Distinctive: in at most a fifth of the packages and of the
    candidates (so template words such as "werk" or "gewerkt" and Dutch endings do not count)."""
    packages = {p.id: char_4grams(" ".join((p.title, *(t.text for t in p.tasks)))) for p in world.packages()}
    candidates = {c.id: char_4grams(" ".join((*c.experience, c.wishes or ""))) for c in world.candidates()}
    df_p = Counter(g for grams in packages.values() for g in grams)
    df_c = Counter(g for grams in candidates.values() for g in grams)
    counts = []
    for p_row, c_row in zip(world.qrels.package, world.qrels.candidate, strict=True):
        shared = candidates[candidate_id(int(c_row))] & packages[package_id(int(p_row))]
        counts.append(sum(df_p[g] <= len(packages) / 5 and df_c[g] <= len(candidates) / 5 for g in shared))
    return float(np.mean(counts))


def test_realistic_candidates_share_far_fewer_4grams_with_their_relevant_packages(worlds):
    # measured: 4.5 with none, 2.3 with realistic (the rest: incidental words such as "leidinggevende")
    none, real = _distinctive_shared(worlds["none"]), _distinctive_shared(worlds["realistic"])
    assert real < 0.6 * none, (none, real)


def test_table_phrases_share_far_fewer_4grams_with_their_kinds_package_wording():
    def mean_shared(source) -> float:
        counts = []
        for kind in KINDS:
            pkg = set().union(*(char_4grams(t) for t in package_wording(kind.code)))
            words = source(kind)
            counts += [
                len(char_4grams(t) & pkg) for f in ("places", "acts", "wishes") for t in getattr(words, f)
            ]
        return sum(counts) / len(counts)

    assert mean_shared(lambda kind: REALISTIC_WORDS[kind.code]) < 0.5 * mean_shared(lambda kind: kind)


def test_every_kind_has_a_full_realistic_vocabulary_of_mostly_new_phrases():
    assert set(REALISTIC_WORDS) == {k.code for k in KINDS}
    for kind in KINDS:
        words = REALISTIC_WORDS[kind.code]
        assert len(words.acts) >= 8 and len(words.wishes) >= 4 and len(words.places) >= 5, kind.code
        # a few original phrases that already shared nothing with the packages are kept
        assert len(set(words.acts) & set(kind.acts)) <= len(words.acts) / 3, kind.code


def test_every_sourced_entry_names_a_label_that_exists_in_its_source():
    esco = DATA_DIR / "esco"
    with (esco / "skills_nl.csv").open(encoding="utf-8") as handle:
        skills = list(csv.DictReader(handle))
    with (esco / "occupations_nl.csv").open(encoding="utf-8") as handle:
        occupations = list(csv.DictReader(handle))
    labels = {
        "vdab": {row["vdabLabel"] for row in skills},
        "esco-skill": {row["preferredLabel"] for row in skills},
        "esco-occupation": {row["preferredLabel"] for row in occupations}
        | {alt for row in occupations for alt in row["altLabels"].split("|")},
        "hand": {""},
    }
    for entry in ENTRIES:
        assert entry.origin in labels, entry
        assert entry.ref in labels[entry.origin], entry
