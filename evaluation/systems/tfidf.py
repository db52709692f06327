"""``tfidf``: lexical similarity of record texts, character n-gram TF-IDF (scikit-learn), no constraints.

Texts come from :mod:`matcher.text` (the one place a record becomes text): a package's work and
description against a candidate's wishes, experience and competences. Character n-grams within words
(3-5, sublinear tf) catch Dutch compounds (*postkamer* / *post*). The vectoriser is fitted on the texts of
both sides of the benchmark; scores are cosine similarities.
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from tqdm.auto import tqdm

from evaluation.dataset import Benchmark
from evaluation.runs import Direction, Run
from evaluation.systems.base import TopK, check_k

__all__ = ["TfidfSystem", "record_texts"]


def record_texts(data: Benchmark) -> tuple[list[str], list[str]]:
    """``(candidate texts, package texts)`` in record order, from :mod:`matcher.text`."""
    from matcher.text import candidate_text, package_text

    return [candidate_text(c).profile for c in data.candidates], [
        package_text(p).profile for p in data.packages
    ]


class TfidfSystem:
    """Cosine similarity of TF-IDF vectors.

    Parameters
    ----------
    ngram_range : (int, int), default=(3, 5)
    batch_size : int, default=256
        Queries scored at once (a dense ``batch_size x n_docs`` block).
    progress : bool, default=True
    """

    name = "tfidf"

    def __init__(
        self, *, ngram_range: tuple[int, int] = (3, 5), batch_size: int = 256, progress: bool = True
    ) -> None:
        self.ngram_range = ngram_range
        self.batch_size = batch_size
        self.progress = progress

    def rank(self, direction: Direction, data: Benchmark, k: int) -> Run:
        k = check_k(k)
        direction = Direction(direction)
        cand_texts, pkg_texts = record_texts(data)
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=self.ngram_range, sublinear_tf=True)
        vectorizer.fit(cand_texts + pkg_texts or [""])
        cand_vecs, pkg_vecs = vectorizer.transform(cand_texts), vectorizer.transform(pkg_texts)
        if direction is Direction.VACANCY:
            query_vecs, doc_vecs = pkg_vecs, cand_vecs
        else:
            query_vecs, doc_vecs = cand_vecs, pkg_vecs
        queries = data.queries(direction)
        top = TopK(data.documents(direction))
        scores: dict[str, dict[str, float]] = {}
        starts = range(0, len(queries), self.batch_size)
        for start in tqdm(starts, desc=f"{self.name} {direction}", unit="batch", disable=not self.progress):
            block = slice(start, start + self.batch_size)
            sims = np.asarray((query_vecs[block] @ doc_vecs.T).todense())
            scores.update(top.rows(queries[block], sims, k))
        return Run(self.name, direction, scores)
