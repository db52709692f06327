"""``random``: a seeded random order of all documents; the floor every system must beat."""

from __future__ import annotations

import zlib

import numpy as np

from evaluation.dataset import Benchmark
from evaluation.runs import Direction, Run
from evaluation.systems.base import check_k

__all__ = ["RandomSystem"]


class RandomSystem:
    """Ranks every document at random, ignoring the hard rule.

    Each query gets its own generator seeded by ``(seed, crc32(direction), crc32(query id))``, so a
    query's list does not depend on which other queries are in the data. Scores are
    ``n_documents - position``, so the first ``k`` results do not depend on ``k``.

    Parameters
    ----------
    seed : int, default=0
    """

    name = "random"

    def __init__(self, *, seed: int = 0) -> None:
        self.seed = seed

    def rank(self, direction: Direction, data: Benchmark, k: int) -> Run:
        k = check_k(k)
        direction = Direction(direction)
        docs = np.array(sorted(data.documents(direction)), dtype=object)
        scores = {}
        for query in data.queries(direction):
            key = [self.seed, zlib.crc32(direction.value.encode()), zlib.crc32(query.encode())]
            picked = np.random.default_rng(key).permutation(len(docs))[:k]
            scores[query] = {str(docs[i]): float(len(docs) - pos) for pos, i in enumerate(picked)}
        return Run(self.name, direction, scores)
