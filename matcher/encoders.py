"""Text encoders: the ``Encoder`` protocol and its implementations.

An encoder maps texts to float32 rows of unit length, so that the inner product of two rows is their
cosine similarity (what :mod:`matcher.index` searches on). Queries and documents are encoded by
separate methods because asymmetric models prepend different prompts to each.

Implementations
---------------
SentenceTransformerEncoder
    Any sentence-transformers model folder on disk (never downloaded).
HashingEncoder
    Small deterministic character n-gram encoder for tests and as a lexical baseline.

``default_encoder()`` loads the shipped Dutch model once per process.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

from matcher.errors import ArtefactMismatchError, SchemaError
from matcher.paths import MODELS_DIR

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = [
    "DEFAULT_MODEL_DIR",
    "MODEL_ENV_VAR",
    "Encoder",
    "HashingEncoder",
    "SentenceTransformerEncoder",
    "default_encoder",
    "encoder_from_choice",
    "resolve_model_dir",
]

#: Environment variable that points at the model folder used by :func:`default_encoder`.
MODEL_ENV_VAR = "BANENMATCH_MODEL"

#: The shipped Dutch model, inside the package (``matcher/models/banenmatch-nl``).
DEFAULT_MODEL_DIR = MODELS_DIR / "banenmatch-nl"

# Files that describe a model folder but do not change what it computes.
#: Texts per call of the sentence-transformers model inside one ``encode_*`` call (bounds memory).
ENCODE_CHUNK = 16_384

_NOT_HASHED = frozenset({"README.md", "readme.md", "manifest.json"})


@runtime_checkable
class Encoder(Protocol):
    """What every text encoder offers.

    Attributes
    ----------
    name : str
        Stable identifier of the encoder *and* its weights/parameters, stored in index manifests:
        two encoders with the same name must produce the same vectors.
    dimension : int
        Width ``d`` of every vector.

    Notes
    -----
    Both methods return a C-contiguous ``float32`` array of shape ``(len(texts), dimension)`` whose
    rows have unit L2 norm (a text from which the encoder extracts nothing gives an all-zero row),
    are deterministic, and do not depend on the other texts in the batch. Empty input gives shape
    ``(0, dimension)``.
    """

    name: str
    dimension: int

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts that are searched *with* (e.g. a work package's tasks)."""
        ...

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts that are searched *in* (e.g. candidates' experience and wishes)."""
        ...


def _check_texts(texts: Sequence[str], *, encoder: str) -> list[str]:
    if isinstance(texts, str):
        raise SchemaError(
            f"{encoder}: expected a sequence of texts, found a single str ({texts[:40]!r}); "
            "wrap it in a list: encode_queries([text])"
        )
    out = list(texts)
    for i, text in enumerate(out):
        if not isinstance(text, str):
            raise SchemaError(
                f"{encoder}: text {i} must be str, found {type(text).__name__}; "
                "pass '' for a missing text (it encodes as an all-zero row)"
            )
    return out


def _l2_normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


# --------------------------------------------------------------------------------------------------
# Hashing encoder
# --------------------------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def _fold(text: str) -> str:
    """Lower-case and strip accents: ``"Café Ëcht"`` -> ``"cafe echt"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class HashingEncoder:
    """Deterministic character n-gram encoder (feature hashing), for tests and lexical signals.

    Each lower-cased, accent-folded word is wrapped in boundary markers (``<onderhoud>``), cut into
    character n-grams, and each n-gram is hashed with BLAKE2b (stable across processes, unlike
    ``hash()``) to a column and a sign. Rows are the L2-normalised sums. Texts sharing word parts,
    such as the Dutch compound ``"groenonderhoud"`` and ``"onderhoud van groen"``, get a high
    cosine similarity.

    Parameters
    ----------
    dimension : int, default 256
        Number of hashed columns.
    ngram_range : tuple of int, default (3, 5)
        Smallest and largest n-gram length, both inclusive.
    seed : int, default 0
        Hash key; a different seed gives a different (equally good) projection.

    Examples
    --------
    >>> enc = HashingEncoder()
    >>> q, d = enc.encode_queries(["groenonderhoud"]), enc.encode_documents(["onderhoud van groen"])
    >>> float(q @ d.T) > 0.5
    True
    """

    def __init__(self, dimension: int = 256, *, ngram_range: tuple[int, int] = (3, 5), seed: int = 0) -> None:
        if not isinstance(dimension, int) or dimension < 1:
            raise SchemaError(f"HashingEncoder: dimension must be a positive int, found {dimension!r}")
        lo, hi = ngram_range
        if not (isinstance(lo, int) and isinstance(hi, int) and 1 <= lo <= hi):
            raise SchemaError(
                f"HashingEncoder: ngram_range must be (min, max) with 1 <= min <= max, found {ngram_range!r}"
            )
        if not isinstance(seed, int) or seed < 0:
            raise SchemaError(f"HashingEncoder: seed must be a non-negative int, found {seed!r}")
        self.dimension = dimension
        self.ngram_range = (lo, hi)
        self.seed = seed
        self.name = f"hashing-v1-d{dimension}-n{lo}-{hi}-s{seed}"
        self._key = seed.to_bytes(8, "little")
        # Word vocabularies are small and repetitive; caching per word makes corpora cheap to encode.
        self._word_features = functools.lru_cache(maxsize=200_000)(self._compute_word_features)

    def __repr__(self) -> str:
        return f"HashingEncoder(dimension={self.dimension}, ngram_range={self.ngram_range}, seed={self.seed})"

    def _compute_word_features(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        marked = f"<{word}>"
        lo, hi = self.ngram_range
        grams = [marked[i : i + n] for n in range(lo, hi + 1) for i in range(len(marked) - n + 1)]
        if not grams:  # a word shorter than the smallest n-gram: use it whole
            grams = [marked]
        columns = np.empty(len(grams), dtype=np.int64)
        signs = np.empty(len(grams), dtype=np.float32)
        for j, gram in enumerate(grams):
            digest = hashlib.blake2b(gram.encode("utf-8"), digest_size=8, key=self._key).digest()
            value = int.from_bytes(digest, "little")
            columns[j] = (value >> 1) % self.dimension
            signs[j] = 1.0 if value & 1 else -1.0
        return columns, signs

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        items = _check_texts(texts, encoder=self.name)
        out = np.zeros((len(items), self.dimension), dtype=np.float32)
        for row, text in enumerate(items):
            for word in _WORD.findall(_fold(text)):
                columns, signs = self._word_features(word)
                np.add.at(out[row], columns, signs)
        return np.ascontiguousarray(_l2_normalise(out), dtype=np.float32)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Encode query texts; returns ``(len(texts), dimension)`` float32 unit rows."""
        return self._encode(texts)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Encode document texts; identical to :meth:`encode_queries` (the encoder is symmetric)."""
        return self._encode(texts)


# --------------------------------------------------------------------------------------------------
# sentence-transformers encoder
# --------------------------------------------------------------------------------------------------


def _folder_fingerprint(folder: Path) -> str:
    """Short BLAKE2b hash over the relative paths and contents of the files that define a model."""
    digest = hashlib.blake2b(digest_size=6)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder)
        if path.name in _NOT_HASHED or any(part.startswith(".") for part in relative.parts):
            continue
        digest.update(relative.as_posix().encode("utf-8") + b"\0")
        with path.open("rb") as handle:
            for block in iter(functools.partial(handle.read, 1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def _missing_model_error(path: Path, *, source: str) -> ArtefactMismatchError:
    return ArtefactMismatchError(
        f"model folder not found: {path} (from {source}). Give the path of a sentence-transformers "
        f"model folder (one with modules.json or config.json); models are never downloaded. "
        f"Fix: set the environment variable {MODEL_ENV_VAR} to such a folder, or pass its path "
        f"(e.g. SentenceTransformerEncoder('/path/to/model'))."
    )


class SentenceTransformerEncoder:
    """A sentence-transformers model loaded from a local folder, never from a model hub.

    Parameters
    ----------
    path : str or os.PathLike
        Folder written by ``SentenceTransformer.save`` (or a Hugging Face model folder). A model
        name such as ``"all-MiniLM-L6-v2"`` is refused: nothing is downloaded.
    query_prompt, document_prompt : str, optional
        Text prepended to queries / documents. ``None`` uses the prompts saved with the model
        (``"query"``, and ``"document"``/``"passage"``/``"corpus"``) if any; ``""`` disables them.
    batch_size : int, default 64
        Texts per forward pass.
    device : str, default "cpu"
        Torch device.

    Attributes
    ----------
    name : str
        ``"st:<folder name>@<12 hex digits>"``; the digits hash every file in the folder that
        shapes the vectors (weights, tokenizer, configs, prompts), so a changed model changes the
        name and invalidates indexes built with the old one.
    dimension : int
        Embedding width of the model.

    Raises
    ------
    ArtefactMismatchError
        If ``path`` is not an existing folder holding a model.

    Examples
    --------
    >>> enc = SentenceTransformerEncoder("matcher/models/banenmatch-nl")  # doctest: +SKIP
    >>> enc.encode_queries(["groenonderhoud"]).shape  # doctest: +SKIP
    (1, 256)
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        query_prompt: str | None = None,
        document_prompt: str | None = None,
        batch_size: int = 64,
        device: str = "cpu",
    ) -> None:
        folder = Path(path).expanduser()
        if not folder.is_dir():
            raise _missing_model_error(folder, source="SentenceTransformerEncoder(path=...)")
        if not ((folder / "modules.json").is_file() or (folder / "config.json").is_file()):
            raise ArtefactMismatchError(
                f"{folder} is a folder but holds no sentence-transformers model: expected modules.json "
                f"(or a Hugging Face config.json), found {sorted(p.name for p in folder.iterdir())[:10]}. "
                f"Fix: point {MODEL_ENV_VAR} or the path argument at the folder written by "
                "SentenceTransformer.save(...)."
            )
        if not isinstance(batch_size, int) or batch_size < 1:
            raise SchemaError(f"batch_size must be a positive int, found {batch_size!r}")
        self.path = folder.resolve()
        self.query_prompt = query_prompt
        self.document_prompt = document_prompt
        self.batch_size = batch_size
        self.device = device
        self.model: SentenceTransformer = _load_sentence_transformer(self.path, device)
        get_dimension = getattr(self.model, "get_embedding_dimension", None) or (
            self.model.get_sentence_embedding_dimension
        )
        dimension = get_dimension()
        if dimension is None:
            raise ArtefactMismatchError(
                f"{self.path}: the model does not report its embedding dimension; expected an int. "
                "Fix: save it with a pooling or static-embedding module that has a fixed width."
            )
        self.dimension = int(dimension)
        prompts = ""
        if query_prompt is not None or document_prompt is not None:
            text = f"{query_prompt!r}|{document_prompt!r}".encode()
            prompts = "+p" + hashlib.blake2b(text, digest_size=3).hexdigest()
        self.name = f"st:{self.path.name}@{_folder_fingerprint(self.path)}{prompts}"

    def __repr__(self) -> str:
        return f"SentenceTransformerEncoder({str(self.path)!r}, name={self.name!r})"

    def _encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        items = _check_texts(texts, encoder=self.name)
        if not items:
            return np.zeros((0, self.dimension), dtype=np.float32)
        method = self.model.encode_query if query else self.model.encode_document
        prompt = self.query_prompt if query else self.document_prompt
        # In chunks written into one preallocated array: a single call over millions of clauses (the
        # national register) would hold the model's batch list, its stacked copy and the normalised
        # copy at once, three times the result.
        out = np.empty((len(items), self.dimension), dtype=np.float32)
        for start in range(0, len(items), ENCODE_CHUNK):
            chunk = items[start : start + ENCODE_CHUNK]
            vectors = method(
                chunk,
                prompt=prompt,
                batch_size=self.batch_size,
                show_progress_bar=False,
                convert_to_numpy=True,
                normalize_embeddings=False,
            )
            # Normalise here rather than in the model so that empty rows stay exactly zero.
            out[start : start + len(chunk)] = _l2_normalise(np.asarray(vectors, dtype=np.float32))
        return out

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Encode query texts with the model's query prompt; ``(len(texts), dimension)`` float32."""
        return self._encode(texts, query=True)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Encode document texts with the model's document prompt; ``(len(texts), dimension)`` float32."""
        return self._encode(texts, query=False)


def _load_sentence_transformer(folder: Path, device: str) -> SentenceTransformer:
    # Belt and braces: the path is local and local_files_only is set, but should anything in the
    # stack still reach for the hub, these make it fail instead of downloading.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    # Encoding short texts is bound by per-call overhead: one torch thread measured faster than two
    # on these 2-core machines (docs/MODEL_CARD.md), and leaves the other core to faiss and numpy.
    torch.set_num_threads(1)
    return SentenceTransformer(str(folder), device=device, local_files_only=True)


# --------------------------------------------------------------------------------------------------
# Default encoder
# --------------------------------------------------------------------------------------------------


def resolve_model_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The model folder to use: ``path``, else ``$BANENMATCH_MODEL``, else the shipped ``matcher/models/banenmatch-nl``.

    Raises
    ------
    ArtefactMismatchError
        If the chosen folder does not exist; the message names it and how to fix it.
    """
    if path is not None:
        chosen, source = Path(path), "the path argument"
    elif os.environ.get(MODEL_ENV_VAR):
        chosen, source = Path(os.environ[MODEL_ENV_VAR]), f"environment variable {MODEL_ENV_VAR}"
    else:
        chosen, source = DEFAULT_MODEL_DIR, "the default model location"
    chosen = chosen.expanduser()
    if not chosen.is_dir():
        raise _missing_model_error(chosen, source=source)
    return chosen.resolve()


def default_encoder(path: str | os.PathLike[str] | None = None) -> SentenceTransformerEncoder:
    """The default encoder, loaded once per process and model folder.

    Parameters
    ----------
    path : str or os.PathLike, optional
        Model folder; see :func:`resolve_model_dir` for the order in which it is chosen.

    Returns
    -------
    SentenceTransformerEncoder
        The same object on every call with the same resolved folder.
    """
    return _cached_encoder(resolve_model_dir(path))


def encoder_from_choice(choice: str) -> Encoder:
    """The encoder a command line names: ``"default"`` (the shipped model, or ``$BANENMATCH_MODEL``),
    ``"hashing"`` (:class:`HashingEncoder`, no model) or a sentence-transformers model folder.

    Raises
    ------
    ArtefactMismatchError
        When the folder is missing or not a sentence-transformers model (the message names it).
    """
    if choice == "hashing":
        return HashingEncoder()
    return default_encoder(None if choice == "default" else choice)


@functools.lru_cache(maxsize=4)
def _cached_encoder(folder: Path) -> SentenceTransformerEncoder:
    return SentenceTransformerEncoder(folder)
