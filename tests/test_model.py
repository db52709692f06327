"""The shipped encoder ``matcher/models/banenmatch-nl``: loads offline, stable, and understands Dutch work."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from matcher.encoders import DEFAULT_MODEL_DIR

MODEL_DIR = DEFAULT_MODEL_DIR

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def model():
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(MODEL_DIR), device="cpu", local_files_only=True)


def _encode(model, texts: list[str]) -> np.ndarray:
    return model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)


def _sim(model, a: str, b: str) -> float:
    va, vb = _encode(model, [a, b])
    return float(va @ vb)


def test_folder_has_manifest_and_stays_small() -> None:
    manifest = json.loads((MODEL_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["name"] == "banenmatch-nl"
    assert "ESCO" in manifest["licence"]
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size <= 60 * 1024 * 1024


def test_dimension_matches_manifest_and_vectors_are_unit_length(model) -> None:
    manifest = json.loads((MODEL_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert model.get_embedding_dimension() == manifest["dimension"]
    vecs = model.encode(["schoonmaker", "medewerker postkamer", "tuinman in de openbare ruimte"])
    assert vecs.shape == (3, manifest["dimension"])
    assert vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-5)


def test_deterministic_across_calls_and_loads(model) -> None:
    from sentence_transformers import SentenceTransformer

    texts = ["archief digitaliseren", "koffie schenken in de kantine", "groenonderhoud"]
    first = _encode(model, texts)
    np.testing.assert_array_equal(first, _encode(model, texts))
    again = SentenceTransformer(str(MODEL_DIR), device="cpu", local_files_only=True)
    np.testing.assert_array_equal(first, _encode(again, texts))


def test_batch_composition_does_not_change_a_vector(model) -> None:
    alone = _encode(model, ["medewerker schoonmaak"])[0]
    in_batch = _encode(model, ["programmeur", "medewerker schoonmaak", "kok"])[1]
    np.testing.assert_allclose(alone, in_batch, atol=1e-6)


@pytest.mark.parametrize(
    ("anchor", "closer", "farther"),
    [
        ("groenonderhoud", "werkt graag buiten met planten", "administratief werk"),
        ("schoonmaker", "schoonmaakmedewerker", "programmeur"),
        ("medewerker postkamer", "post sorteren en verspreiden", "maaltijden bereiden"),
        ("cateringmedewerker", "maaltijden bereiden en serveren", "post sorteren en verspreiden"),
        ("archief digitaliseren", "documenten scannen", "gras maaien"),
        ("magazijnmedewerker", "orderpicker", "verpleegkundige"),
        ("kok", "keukenmedewerker", "vrachtwagenchauffeur"),
        ("groenonderhoudsmedewerker", "hovenier", "kok"),
    ],
)
def test_dutch_similarities(model, anchor: str, closer: str, farther: str) -> None:
    assert _sim(model, anchor, closer) > _sim(model, anchor, farther)


def test_compound_written_together_or_apart_is_the_same_text(model) -> None:
    # Word-initial and continuation pieces share vectors, so an unseen compound splits into known words.
    assert _sim(model, "postkamermedewerker", "medewerker postkamer") > 0.99
    assert _sim(model, "postkamermedewerker", "medewerker catering") < 0.8


def test_retrieves_the_right_occupation_among_distractors(model) -> None:
    corpus = ["schoonmaakster", "softwareontwikkelaar", "buschauffeur", "hovenier", "boekhouder", "kok"]
    queries = {
        "interieurverzorger": "schoonmaakster",
        "medewerker groenvoorziening": "hovenier",
        "chauffeur openbaar vervoer": "buschauffeur",
        "administratief medewerker financiën": "boekhouder",
    }
    docs = _encode(model, corpus)
    for query, expected in queries.items():
        best = corpus[int(np.argmax(docs @ _encode(model, [query])[0]))]
        assert best == expected, f"{query!r} -> {best!r}, expected {expected!r}"
