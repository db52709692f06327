"""ESCO resolution and competence overlap (matcher.competences) on the bundled Dutch ESCO extract."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

from matcher.competences import (
    ESCO_DIR,
    Competence,
    competence_keys,
    fold,
    is_known,
    load_esco,
    overlap,
    resolve,
)
from matcher.errors import ContractError
from matcher.paths import DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
ESCO_SOURCE = ROOT / "sources" / "esco-nl"
ACK = "This product uses the ESCO classification of the European Commission"

OCC = "http://data.europa.eu/esco/occupation/"
SKILL = "http://data.europa.eu/esco/skill/"
CONCIERGE = OCC + "1822bfc2-e735-449f-ba00-ca71eb5c062b"
CLEANER = OCC + "303a1e34-cb16-4054-b323-81e5eec17397"
CLEANING_TECHNIQUES = SKILL + "ce2dbe33-9e13-47bb-91bf-00cf799ac34c"


@pytest.fixture(scope="module")
def vocab():
    return load_esco()


# --- the bundled extract ------------------------------------------------------------------------------


def test_extract_matches_its_manifest_and_stays_small():
    manifest = json.loads((ESCO_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert ACK in manifest["acknowledgement"]
    total = 0
    for name, meta in manifest["outputs"].items():
        path = ESCO_DIR / name
        data = path.read_bytes()
        total += len(data)
        assert hashlib.sha256(data).hexdigest() == meta["sha256"], name
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == meta["columns"]
            assert sum(1 for _ in reader) == meta["rows"]
    assert total < 6 * 1024 * 1024


def test_loaded_vocabulary_covers_every_row(vocab):
    manifest = json.loads((ESCO_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert len(vocab.occupations) == manifest["outputs"]["occupations_nl.csv"]["rows"]
    assert len(vocab.skills) == manifest["outputs"]["skills_nl.csv"]["distinct_skills"]
    assert all(uri.startswith(OCC) for uri in vocab.occupations)
    assert all(uri.startswith(SKILL) for uri in vocab.skills)


def test_readme_carries_the_esco_acknowledgement():
    assert ACK in (ESCO_DIR / "README.md").read_text(encoding="utf-8")
    assert ACK in (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert ACK in (ROOT / "sources" / "README.md").read_text(encoding="utf-8")


def test_extract_is_rebuilt_byte_for_byte_from_the_source_in_the_repository(tmp_path):
    spec = importlib.util.spec_from_file_location("build_catalogue", ROOT / "scripts" / "build_catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build_esco(ESCO_SOURCE, tmp_path)
    for name in ("occupations_nl.csv", "skills_nl.csv", "manifest.json"):
        assert (tmp_path / name).read_bytes() == (ESCO_DIR / name).read_bytes(), name


def test_missing_extract_is_a_contract_error(tmp_path):
    with pytest.raises(ContractError, match=r"build_catalogue\.py esco"):
        load_esco(tmp_path)


# --- resolution -----------------------------------------------------------------------------------------


def test_fold_ignores_case_accents_and_punctuation():
    assert fold("  Conciërge / HUISMEESTER ") == "concierge huismeester"
    assert fold("samenwerken met collega’s") == fold("Samenwerken met collega's")
    assert fold("...") == ""


def test_uri_and_its_labels_resolve_to_the_same_competence():
    by_uri = resolve(CONCIERGE)
    assert by_uri == Competence(CONCIERGE, "conciërge", "occupation")
    assert resolve("conciërge") == by_uri
    assert resolve("CONCIERGE") == by_uri
    assert resolve("https://data.europa.eu/esco/occupation/1822bfc2-e735-449f-ba00-ca71eb5c062b/") == by_uri


def test_alternative_label_resolves_to_its_occupation():
    competence = resolve("Schoonmaakster")
    assert competence is not None and competence.uri == CLEANER
    assert competence.label == "schoonmaker gebouwen"


def test_vdab_label_is_a_name_of_the_esco_skill_only_for_close_relations():
    # 'Reinigingstechnieken' is mapped to the ESCO skill as exactMatch
    assert resolve("Reinigingstechnieken") == Competence(CLEANING_TECHNIQUES, "schoonmaaktechnieken", "skill")
    # 'Vloeren schoonmaken' is only mapped as broadMatch / narrowMatch: not a synonym
    assert resolve("Vloeren schoonmaken") is None


def test_every_preferred_label_resolves_to_a_concept_with_that_label(vocab):
    for concept in [*vocab.occupations.values(), *vocab.skills.values()]:
        competence = resolve(concept.label)
        assert competence is not None, concept.uri
        assert fold(competence.label) == fold(concept.label)
        assert concept.uri in vocab.senses(concept.label)


def test_vdab_labels_with_only_loose_relations_stay_unknown(vocab):
    relations: dict[str, set[str]] = {}
    with (ESCO_DIR / "skills_nl.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            relations.setdefault(fold(row["vdabLabel"]), set()).add(row["relation"])
    esco_labels = {fold(c.label) for c in vocab.skills.values()} | {
        fold(o.label) for o in vocab.occupations.values()
    }
    esco_labels |= {fold(a) for o in vocab.occupations.values() for a in o.alt_labels}
    loose = [
        key
        for key, rels in relations.items()
        if rels <= {"broadMatch", "narrowMatch"} and key not in esco_labels
    ]
    assert loose, "expected some VDAB labels with only broad/narrow relations"
    assert not any(is_known(key) for key in loose)


def test_ambiguous_label_resolves_deterministically_to_the_smallest_uri(vocab):
    senses = vocab.senses("portier")
    assert len(senses) == 2
    assert resolve("Portier").uri == min(senses)


def test_unknown_and_empty_terms():
    assert resolve("klantvriendelijk") is None
    assert not is_known("klantvriendelijk")
    assert resolve("") is None and resolve("   ") is None
    assert resolve(OCC + "00000000-0000-0000-0000-000000000000") is None
    assert is_known("gebarentaal")


# --- overlap ----------------------------------------------------------------------------------------------


def test_overlap_compares_resolved_competences_and_free_text():
    result = overlap(
        required=[CONCIERGE, "schoonmaaktechnieken", "omgaan met drukte", "gebarentaal"],
        optional=["samenwerken met collega's", "vorkheftruck besturen"],
        candidate_terms=["Concierge", CLEANING_TECHNIQUES, "Omgaan met  DRUKTE", "samenwerken met collega’s"],
    )
    assert result.matched_required == ("conciërge", "schoonmaaktechnieken", "omgaan met drukte")
    assert result.missing_required == ("gebarentaal",)
    assert result.matched_optional == ("samenwerken met collega’s",)
    assert result.missing_optional == ("vorkheftruck besturen",)
    assert result.required_coverage == pytest.approx(3 / 4)
    assert result.optional_coverage == pytest.approx(1 / 2)


def test_overlap_counts_a_competence_once_and_ignores_empty_terms():
    result = overlap([CONCIERGE, "conciërge", "  ", "CONCIERGE"], [], [])
    assert result.missing_required == ("conciërge",)
    assert result.matched_required == ()


def test_overlap_via_alternative_and_vdab_labels():
    result = overlap([CLEANER, CLEANING_TECHNIQUES], [], ["schoonmaakster", "Reinigingstechnieken"])
    assert result.matched_required == ("schoonmaker gebouwen", "schoonmaaktechnieken")
    assert result.missing_required == ()


def test_ambiguous_candidate_label_matches_either_sense(vocab):
    first, second = vocab.senses("portier")
    assert overlap([second], [], ["portier"]).matched_required == ("portier",)
    assert overlap(["portier"], [], [first]).matched_required == ("portier",)


def test_free_text_does_not_match_a_different_competence():
    result = overlap(["schoonmaaktechnieken"], ["conciërge"], ["schoonmaken", "concierge werk"])
    assert result.matched_required == () and result.matched_optional == ()
    assert result.required_coverage == 0.0


def test_no_competences_means_no_coverage_figure():
    result = overlap([], [], ["conciërge"])
    assert result.required_coverage is None and result.optional_coverage is None


def test_competence_keys_agree_with_overlap(vocab):
    assert competence_keys(CONCIERGE) == competence_keys("Conciërge") == frozenset({CONCIERGE})
    assert competence_keys("portier") == frozenset(vocab.senses("portier"))
    assert competence_keys("Omgaan met drukte") == competence_keys("omgaan met  drukte")
    assert competence_keys("  ") == frozenset()
    candidate = ["schoonmaakster", "omgaan met drukte"]
    have = frozenset().union(*(competence_keys(t) for t in candidate))
    required = [CLEANER, "Omgaan met drukte", "gebarentaal"]
    by_keys = [bool(competence_keys(t) & have) for t in required]
    result = overlap(required, [], candidate)
    assert by_keys == [True, True, False]
    assert len(result.matched_required) == sum(by_keys)
