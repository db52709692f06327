"""The contract every :class:`matcher.encoders.Encoder` must keep, as a reusable test suite.

Use it by subclassing and providing an ``encoder`` fixture::

    from tests.encoder_contract import EncoderContract

    class TestMyEncoder(EncoderContract):
        @pytest.fixture
        def encoder(self):
            return MyEncoder(...)

``contract_texts`` may be overridden too; it must hold at least three different texts the encoder
can tell apart.
"""

from __future__ import annotations

import numpy as np
import pytest

from matcher.encoders import Encoder
from matcher.errors import SchemaError

METHODS = ("encode_queries", "encode_documents")


class EncoderContract:
    """Tests shared by all encoders. Subclasses provide the ``encoder`` fixture."""

    @pytest.fixture
    def encoder(self) -> Encoder:
        pytest.fail("subclasses of EncoderContract must override the `encoder` fixture")

    @pytest.fixture
    def contract_texts(self) -> list[str]:
        return [
            "groenonderhoud en snoeien in het park",
            "schoonmaak van kantoren",
            "postbezorging en archief",
            "Café-medewerker: koffie zetten",
        ]

    def test_is_an_encoder(self, encoder: Encoder) -> None:
        assert isinstance(encoder, Encoder)
        assert isinstance(encoder.name, str) and encoder.name.strip() == encoder.name != ""
        assert isinstance(encoder.dimension, int) and encoder.dimension > 0

    @pytest.mark.parametrize("method", METHODS)
    def test_shape_dtype_and_layout(self, encoder: Encoder, contract_texts: list[str], method: str) -> None:
        vectors = getattr(encoder, method)(contract_texts)
        assert isinstance(vectors, np.ndarray)
        assert vectors.shape == (len(contract_texts), encoder.dimension)
        assert vectors.dtype == np.float32
        assert vectors.flags["C_CONTIGUOUS"]
        assert np.isfinite(vectors).all()

    @pytest.mark.parametrize("method", METHODS)
    def test_rows_have_unit_length(self, encoder: Encoder, contract_texts: list[str], method: str) -> None:
        norms = np.linalg.norm(getattr(encoder, method)(contract_texts), axis=1)
        np.testing.assert_allclose(norms, 1.0, atol=1e-5)

    @pytest.mark.parametrize("method", METHODS)
    def test_empty_input_gives_zero_rows(self, encoder: Encoder, method: str) -> None:
        for empty in ([], ()):
            vectors = getattr(encoder, method)(empty)
            assert vectors.shape == (0, encoder.dimension)
            assert vectors.dtype == np.float32

    @pytest.mark.parametrize("method", METHODS)
    def test_deterministic(self, encoder: Encoder, contract_texts: list[str], method: str) -> None:
        first = getattr(encoder, method)(contract_texts)
        second = getattr(encoder, method)(tuple(contract_texts))
        np.testing.assert_array_equal(first, second)

    @pytest.mark.parametrize("method", METHODS)
    def test_rows_do_not_depend_on_the_batch(
        self, encoder: Encoder, contract_texts: list[str], method: str
    ) -> None:
        encode = getattr(encoder, method)
        together = encode(contract_texts)
        reversed_batch = encode(contract_texts[::-1])[::-1]
        one_by_one = np.vstack([encode([text]) for text in contract_texts])
        np.testing.assert_allclose(reversed_batch, together, atol=1e-5)
        np.testing.assert_allclose(one_by_one, together, atol=1e-5)

    @pytest.mark.parametrize("method", METHODS)
    def test_different_texts_give_different_vectors(
        self, encoder: Encoder, contract_texts: list[str], method: str
    ) -> None:
        vectors = getattr(encoder, method)(contract_texts)
        similarity = vectors @ vectors.T
        off_diagonal = similarity[~np.eye(len(contract_texts), dtype=bool)]
        assert off_diagonal.max() < 0.999

    @pytest.mark.parametrize("method", METHODS)
    def test_a_single_string_is_refused(self, encoder: Encoder, method: str) -> None:
        # A bare str is a Sequence[str] of characters; encoding it letter by letter is never meant.
        with pytest.raises(SchemaError, match="single str"):
            getattr(encoder, method)("schoonmaak")

    def test_name_is_stable(self, encoder: Encoder, contract_texts: list[str]) -> None:
        before = encoder.name
        encoder.encode_queries(contract_texts)
        encoder.encode_documents(contract_texts)
        assert encoder.name == before
