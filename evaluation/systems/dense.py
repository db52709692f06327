"""``embedding`` and ``embedding_constraints``: dense retrieval with :mod:`matcher.encoders` and
:mod:`matcher.index`.

Both encode record texts from :mod:`matcher.text` the way the matcher does (package texts as queries,
candidate texts as documents, so asymmetric models get their prompts right) and rank by cosine
similarity in an exact :class:`~matcher.index.VectorIndex`. ``embedding`` searches every document;
``embedding_constraints`` searches only the documents the hard rule admits for the query
(:func:`matcher.constraints.eligibility`), passed *into* the search as ``allowed=``. The difference
between the two is what the constraints alone do; the difference to ``full`` is what scoring adds.

faiss orders equal scores as it finds them; the run then breaks ties by doc id, so only a tie exactly
at rank ``k`` can leave out a document that an id order would have kept.
"""

from __future__ import annotations

import numpy as np
from tqdm.auto import tqdm

from evaluation.dataset import Benchmark
from evaluation.runs import Direction, Run
from evaluation.systems.base import check_k
from evaluation.systems.tfidf import record_texts

__all__ = ["EmbeddingSystem"]


class EmbeddingSystem:
    """Dense similarity only, optionally restricted to the eligible set.

    Parameters
    ----------
    encoder : matcher.encoders.Encoder
        The text encoder (the real runs use ``default_encoder()``).
    constraints : bool, default=False
        Search only eligible documents. The name is ``embedding_constraints`` when true.
    block : int, default=256
        Queries whose eligibility is evaluated at once.
    progress : bool, default=True
    """

    def __init__(
        self, encoder, *, constraints: bool = False, block: int = 256, progress: bool = True
    ) -> None:
        self.encoder = encoder
        self.constraints = constraints
        self.block = block
        self.progress = progress
        self.name = "embedding_constraints" if constraints else "embedding"
        self._arrays: tuple | None = None  # (data, CandidateArrays, PackageArrays), built once per data

    def rank(self, direction: Direction, data: Benchmark, k: int) -> Run:
        from matcher.index import VectorIndex, data_hash

        k = check_k(k)
        direction = Direction(direction)
        cand_texts, pkg_texts = record_texts(data)
        pkg_vecs = self.encoder.encode_queries(pkg_texts) if pkg_texts else None
        cand_vecs = self.encoder.encode_documents(cand_texts) if cand_texts else None
        if direction is Direction.VACANCY:
            query_vecs, doc_vecs = pkg_vecs, cand_vecs
        else:
            query_vecs, doc_vecs = cand_vecs, pkg_vecs
        queries = data.queries(direction)
        doc_ids = data.documents(direction)
        if not queries or not doc_ids:
            return Run(self.name, direction, {q: {} for q in queries})
        index = VectorIndex.build(
            list(doc_ids),
            doc_vecs,
            kind="exact",
            encoder_name=self.encoder.name,
            data_hash=data_hash(doc_ids),
        )
        scores: dict[str, dict[str, float]] = {}
        starts = range(0, len(queries), self.block)
        for start in tqdm(starts, desc=f"{self.name} {direction}", unit="block", disable=not self.progress):
            rows = np.arange(start, min(start + self.block, len(queries)))
            if not self.constraints:
                found = index.search(query_vecs[rows], min(k, len(doc_ids)))
                for r, q in enumerate(rows):
                    scores[queries[q]] = dict(found.hits(r))
                continue
            allowed = self._eligible(direction, data, rows)
            for r, q in enumerate(rows):
                found = index.search(
                    query_vecs[q : q + 1], min(k, len(doc_ids)), allowed=np.flatnonzero(allowed[r])
                )
                scores[queries[q]] = dict(found.hits(0))
        return Run(self.name, direction, scores)

    def _eligible(self, direction: Direction, data: Benchmark, rows: np.ndarray) -> np.ndarray:
        """Boolean ``(len(rows), n_docs)``: which documents the hard rule admits for each query row."""
        from matcher.constraints import CandidateArrays, PackageArrays, eligibility

        if self._arrays is None or self._arrays[0] is not data:
            self._arrays = (data, CandidateArrays.build(data.candidates), PackageArrays.build(data.packages))
        _, cand_arrays, pkg_arrays = self._arrays
        if direction is Direction.VACANCY:
            return eligibility(cand_arrays, pkg_arrays, cols=rows).eligible.T
        return eligibility(cand_arrays, pkg_arrays, rows=rows).eligible
