"""Tests of matcher.encoders.

The sentence-transformers path is tested on a tiny real model built here (a StaticEmbedding over a
word-level tokenizer with seeded random weights), saved with ``SentenceTransformer.save`` and loaded
back through the same code the shipped model uses. The shipped model is tested under
``@pytest.mark.model`` and skipped while ``models/banenmatch-nl`` is absent.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from matcher import encoders
from matcher.encoders import (
    DEFAULT_MODEL_DIR,
    MODEL_ENV_VAR,
    HashingEncoder,
    SentenceTransformerEncoder,
    default_encoder,
    encoder_from_choice,
    resolve_model_dir,
)
from matcher.errors import ArtefactMismatchError, SchemaError
from tests.encoder_contract import EncoderContract

VOCAB_WORDS = [
    "groenonderhoud",
    "en",
    "snoeien",
    "in",
    "het",
    "park",
    "schoonmaak",
    "van",
    "kantoren",
    "postbezorging",
    "archief",
    "cafe",
    "medewerker",
    "koffie",
    "zetten",
    "groen",
    "onderhoud",
    "vraag",
    "tekst",
    ":",
    "-",
]


def build_tiny_model(
    folder: Path,
    *,
    dim: int = 16,
    seed: int = 0,
    prompts: dict[str, str] | None = None,
) -> np.ndarray:
    """Save a real sentence-transformers StaticEmbedding model to ``folder``; return its weights."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    from tokenizers import Tokenizer, normalizers, pre_tokenizers
    from tokenizers.models import WordLevel

    vocab = {"[UNK]": 0} | {word: i + 1 for i, word in enumerate(dict.fromkeys(VOCAB_WORDS))}
    tokenizer = Tokenizer(WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.Sequence(
        [normalizers.NFD(), normalizers.StripAccents(), normalizers.Lowercase()]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    weights = np.random.default_rng(seed).normal(size=(len(vocab), dim)).astype(np.float32)
    model = SentenceTransformer(
        modules=[StaticEmbedding(tokenizer, embedding_weights=weights)], prompts=prompts
    )
    model.save(str(folder))
    return weights


def token_ids(text: str) -> list[int]:
    vocab = {"[UNK]": 0} | {word: i + 1 for i, word in enumerate(dict.fromkeys(VOCAB_WORDS))}
    return [vocab.get(token, 0) for token in text.lower().replace(":", " : ").split()]


def unit(vector: np.ndarray) -> np.ndarray:
    return vector / np.linalg.norm(vector)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, np.ndarray]:
    folder = tmp_path_factory.mktemp("models") / "tiny-static"
    weights = build_tiny_model(folder)
    return folder, weights


@pytest.fixture(scope="module")
def tiny_model_with_prompts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, np.ndarray]:
    folder = tmp_path_factory.mktemp("models") / "tiny-prompted"
    weights = build_tiny_model(folder, prompts={"query": "vraag : ", "document": "tekst : "})
    return folder, weights


# --------------------------------------------------------------------------------------------------
# Contract suites
# --------------------------------------------------------------------------------------------------


class TestHashingEncoderContract(EncoderContract):
    @pytest.fixture
    def encoder(self) -> HashingEncoder:
        return HashingEncoder()


class TestSmallHashingEncoderContract(EncoderContract):
    @pytest.fixture
    def encoder(self) -> HashingEncoder:
        return HashingEncoder(32, ngram_range=(2, 3), seed=7)


@pytest.fixture(scope="module")
def tiny_encoder(tiny_model: tuple[Path, np.ndarray]) -> SentenceTransformerEncoder:
    return SentenceTransformerEncoder(tiny_model[0])


@pytest.fixture(scope="module")
def prompted_encoder(tiny_model_with_prompts: tuple[Path, np.ndarray]) -> SentenceTransformerEncoder:
    return SentenceTransformerEncoder(tiny_model_with_prompts[0])


@pytest.fixture(scope="module")
def shipped_encoder() -> SentenceTransformerEncoder:
    if not DEFAULT_MODEL_DIR.is_dir():
        pytest.skip(f"shipped model not present at {DEFAULT_MODEL_DIR}")
    return default_encoder(DEFAULT_MODEL_DIR)


class TestSentenceTransformerEncoderContract(EncoderContract):
    @pytest.fixture
    def encoder(self, tiny_encoder: SentenceTransformerEncoder) -> SentenceTransformerEncoder:
        return tiny_encoder


class TestPromptedSentenceTransformerEncoderContract(EncoderContract):
    @pytest.fixture
    def encoder(self, prompted_encoder: SentenceTransformerEncoder) -> SentenceTransformerEncoder:
        return prompted_encoder


@pytest.mark.model
class TestShippedModelContract(EncoderContract):
    @pytest.fixture
    def encoder(self, shipped_encoder: SentenceTransformerEncoder) -> SentenceTransformerEncoder:
        return shipped_encoder


# --------------------------------------------------------------------------------------------------
# HashingEncoder
# --------------------------------------------------------------------------------------------------


def cosine(encoder: HashingEncoder, a: str, b: str) -> float:
    return float(encoder.encode_queries([a])[0] @ encoder.encode_documents([b])[0])


def test_hashing_relates_dutch_compounds_to_their_parts() -> None:
    encoder = HashingEncoder()
    related = cosine(encoder, "groenonderhoud", "onderhoud van groen")
    unrelated = cosine(encoder, "groenonderhoud", "schoonmaak van kantoren")
    assert related > 0.5
    assert related > unrelated + 0.3


def test_hashing_ignores_case_accents_and_punctuation() -> None:
    encoder = HashingEncoder()
    plain = encoder.encode_queries(["cafe medewerker"])
    np.testing.assert_array_equal(encoder.encode_queries(["Café-Medewerker!"]), plain)
    np.testing.assert_array_equal(encoder.encode_queries(["CAFÉ   medewerker"]), plain)


def test_hashing_text_without_words_is_a_zero_row() -> None:
    encoder = HashingEncoder()
    vectors = encoder.encode_documents(["", "  -- !", "post"])
    np.testing.assert_array_equal(vectors[:2], 0.0)
    assert np.linalg.norm(vectors[2]) == pytest.approx(1.0, abs=1e-6)


def test_hashing_vectors_match_a_hand_built_count_vector() -> None:
    # "ab" with n-grams of length 2..3 is "<ab>" -> "<a", "ab", "b>", "<ab", "ab>".
    encoder = HashingEncoder(64, ngram_range=(2, 3))
    expected = np.zeros(64, dtype=np.float32)
    for gram in ["<a", "ab", "b>", "<ab", "ab>"]:
        value = int.from_bytes(
            hashlib.blake2b(gram.encode(), digest_size=8, key=(0).to_bytes(8, "little")).digest(), "little"
        )
        expected[(value >> 1) % 64] += 1.0 if value & 1 else -1.0
    np.testing.assert_allclose(encoder.encode_queries(["ab"])[0], unit(expected), rtol=1e-6)


def test_hashing_is_the_same_in_another_process_with_another_hash_seed() -> None:
    code = "from matcher.encoders import HashingEncoder; import sys; sys.stdout.write(HashingEncoder().encode_queries(['groenonderhoud in het park']).tobytes().hex())"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    here = HashingEncoder().encode_queries(["groenonderhoud in het park"])
    assert bytes.fromhex(out.stdout) == here.tobytes()


def test_hashing_name_reflects_every_parameter() -> None:
    names = {
        HashingEncoder().name,
        HashingEncoder(128).name,
        HashingEncoder(ngram_range=(2, 4)).name,
        HashingEncoder(seed=1).name,
    }
    assert len(names) == 4
    assert HashingEncoder().name == "hashing-v1-d256-n3-5-s0"


def test_hashing_seed_changes_the_projection() -> None:
    a = HashingEncoder(seed=0).encode_queries(["schoonmaak"])
    b = HashingEncoder(seed=1).encode_queries(["schoonmaak"])
    assert not np.allclose(a, b)


@pytest.mark.parametrize(
    "kwargs",
    [{"dimension": 0}, {"dimension": 2.5}, {"ngram_range": (4, 3)}, {"ngram_range": (0, 2)}, {"seed": -1}],
)
def test_hashing_rejects_bad_parameters(kwargs: dict[str, object]) -> None:
    with pytest.raises(SchemaError):
        HashingEncoder(**kwargs)  # type: ignore[arg-type]


def test_non_string_text_is_refused_with_its_position() -> None:
    with pytest.raises(SchemaError, match=r"text 1 must be str, found NoneType"):
        HashingEncoder().encode_documents(["post", None])  # type: ignore[list-item]


# --------------------------------------------------------------------------------------------------
# SentenceTransformerEncoder
# --------------------------------------------------------------------------------------------------


def test_st_vectors_are_the_normalised_mean_of_the_saved_token_weights(
    tiny_model: tuple[Path, np.ndarray],
) -> None:
    folder, weights = tiny_model
    encoder = SentenceTransformerEncoder(folder)
    texts = ["groen onderhoud", "Schoonmaak van kantoren", "koffie"]
    expected = np.vstack([unit(weights[token_ids(t.lower())].mean(axis=0)) for t in texts])
    np.testing.assert_allclose(encoder.encode_documents(texts), expected, atol=1e-6)
    np.testing.assert_allclose(encoder.encode_queries(texts), expected, atol=1e-6)
    assert encoder.dimension == weights.shape[1]


def test_st_uses_the_prompts_saved_with_the_model(tiny_model_with_prompts: tuple[Path, np.ndarray]) -> None:
    folder, weights = tiny_model_with_prompts
    encoder = SentenceTransformerEncoder(folder)
    text = "schoonmaak van kantoren"
    np.testing.assert_allclose(
        encoder.encode_queries([text])[0], unit(weights[token_ids("vraag : " + text)].mean(axis=0)), atol=1e-6
    )
    np.testing.assert_allclose(
        encoder.encode_documents([text])[0],
        unit(weights[token_ids("tekst : " + text)].mean(axis=0)),
        atol=1e-6,
    )


def test_st_explicit_prompts_override_the_saved_ones(
    tiny_model_with_prompts: tuple[Path, np.ndarray],
) -> None:
    folder, weights = tiny_model_with_prompts
    saved = SentenceTransformerEncoder(folder)
    no_prompts = SentenceTransformerEncoder(folder, query_prompt="", document_prompt="")
    other = SentenceTransformerEncoder(folder, query_prompt="tekst : ")
    text = "postbezorging"
    plain = unit(weights[token_ids(text)].mean(axis=0))
    np.testing.assert_allclose(no_prompts.encode_queries([text])[0], plain, atol=1e-6)
    np.testing.assert_allclose(no_prompts.encode_documents([text])[0], plain, atol=1e-6)
    np.testing.assert_allclose(other.encode_queries([text]), saved.encode_documents([text]), atol=1e-6)
    # Different prompts make different vectors, so they must make different names.
    assert len({saved.name, no_prompts.name, other.name}) == 3


def test_st_name_has_folder_and_content_hash(tmp_path: Path) -> None:
    build_tiny_model(tmp_path / "a" / "nl-model", seed=1)
    build_tiny_model(tmp_path / "b" / "nl-model", seed=1)
    build_tiny_model(tmp_path / "c" / "nl-model", seed=2)
    same_a = SentenceTransformerEncoder(tmp_path / "a" / "nl-model").name
    same_b = SentenceTransformerEncoder(tmp_path / "b" / "nl-model").name
    other_weights = SentenceTransformerEncoder(tmp_path / "c" / "nl-model").name
    assert same_a.startswith("st:nl-model@")
    assert same_a == same_b  # the hash is over content, not location
    assert other_weights != same_a

    config = tmp_path / "b" / "nl-model" / "config_sentence_transformers.json"
    settings = json.loads(config.read_text())
    settings["prompts"] = {"query": "vraag : "}
    config.write_text(json.dumps(settings))
    assert SentenceTransformerEncoder(tmp_path / "b" / "nl-model").name != same_a

    (tmp_path / "a" / "nl-model" / "README.md").write_text("edited model card")
    assert SentenceTransformerEncoder(tmp_path / "a" / "nl-model").name == same_a


@pytest.mark.parametrize("name", ["sentence-transformers/all-MiniLM-L6-v2", "all-MiniLM-L6-v2"])
def test_st_refuses_hub_names(name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # make sure no folder of that name happens to exist
    with pytest.raises(ArtefactMismatchError) as error:
        SentenceTransformerEncoder(name)
    message = str(error.value)
    assert name in message
    assert "never downloaded" in message
    assert MODEL_ENV_VAR in message


def test_st_refuses_a_folder_without_a_model(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("no model here")
    with pytest.raises(ArtefactMismatchError, match=r"modules\.json.*notes\.txt"):
        SentenceTransformerEncoder(tmp_path)


def test_st_sets_offline_environment(
    monkeypatch: pytest.MonkeyPatch, tiny_model: tuple[Path, np.ndarray]
) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    SentenceTransformerEncoder(tiny_model[0])
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["TRANSFORMERS_OFFLINE"] == "1"


def test_st_rejects_bad_batch_size(tiny_model: tuple[Path, np.ndarray]) -> None:
    with pytest.raises(SchemaError, match="batch_size"):
        SentenceTransformerEncoder(tiny_model[0], batch_size=0)


# --------------------------------------------------------------------------------------------------
# default_encoder
# --------------------------------------------------------------------------------------------------


def test_default_encoder_prefers_argument_then_environment_then_repository(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tiny_model: tuple[Path, np.ndarray]
) -> None:
    from_env = tmp_path / "from-env"
    build_tiny_model(from_env, seed=3)
    repository_default = tmp_path / "repo-default"
    build_tiny_model(repository_default, seed=4)
    monkeypatch.setattr(encoders, "DEFAULT_MODEL_DIR", repository_default)

    monkeypatch.delenv(MODEL_ENV_VAR, raising=False)
    assert resolve_model_dir() == repository_default.resolve()
    monkeypatch.setenv(MODEL_ENV_VAR, str(from_env))
    assert resolve_model_dir() == from_env.resolve()
    assert resolve_model_dir(tiny_model[0]) == tiny_model[0].resolve()
    assert default_encoder().name.startswith("st:from-env@")
    assert default_encoder(tiny_model[0]).name.startswith("st:tiny-static@")


def test_default_encoder_is_loaded_once_per_folder(
    monkeypatch: pytest.MonkeyPatch, tiny_model: tuple[Path, np.ndarray]
) -> None:
    monkeypatch.setenv(MODEL_ENV_VAR, str(tiny_model[0]))
    first = default_encoder()
    assert default_encoder() is first
    assert default_encoder(tiny_model[0]) is first
    assert default_encoder(str(tiny_model[0]) + "/") is first


def test_default_encoder_missing_folder_names_path_and_fix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    absent = tmp_path / "models" / "banenmatch-nl"
    monkeypatch.setattr(encoders, "DEFAULT_MODEL_DIR", absent)
    monkeypatch.delenv(MODEL_ENV_VAR, raising=False)
    with pytest.raises(ArtefactMismatchError) as error:
        default_encoder()
    assert str(absent) in str(error.value)
    assert MODEL_ENV_VAR in str(error.value)

    monkeypatch.setenv(MODEL_ENV_VAR, str(tmp_path / "typo"))
    with pytest.raises(ArtefactMismatchError, match=rf"typo.*environment variable {MODEL_ENV_VAR}"):
        default_encoder()


def test_the_shipped_model_lives_inside_the_package() -> None:
    import matcher

    assert Path(matcher.__file__).resolve().parent / "models" / "banenmatch-nl" == DEFAULT_MODEL_DIR
    assert (DEFAULT_MODEL_DIR / "modules.json").is_file()


def test_encoder_from_choice_names_hashing_a_folder_or_the_default(tmp_path):
    assert isinstance(encoder_from_choice("hashing"), HashingEncoder)
    with pytest.raises(ArtefactMismatchError, match=str(tmp_path / "no-model")):
        encoder_from_choice(str(tmp_path / "no-model"))


@pytest.mark.model
def test_encoder_from_choice_default_is_the_shared_default_encoder():
    assert encoder_from_choice("default") is default_encoder()


@pytest.mark.model
def test_encoding_in_chunks_gives_the_same_vectors_as_one_call(monkeypatch):
    encoder = default_encoder()
    texts = [f"post sorteren en rondbrengen, dag {n}" for n in range(7)] + ["", "groenonderhoud"]
    monkeypatch.setattr(encoders, "ENCODE_CHUNK", 10**6)
    whole = encoder.encode_documents(texts), encoder.encode_queries(texts)
    monkeypatch.setattr(encoders, "ENCODE_CHUNK", 2)
    chunked = encoder.encode_documents(texts), encoder.encode_queries(texts)
    for one, other in zip(whole, chunked, strict=True):
        np.testing.assert_array_equal(one, other)
        assert one.flags["C_CONTIGUOUS"] and one.dtype == np.float32
    assert not chunked[0][7].any()  # the empty text stays an exact zero row
