"""The held-out selection task for encoder variants: ESCO alternative label -> preferred label.

Variants of the Dutch encoder are chosen here, not on MELO-nld, so that MELO stays a test set
(issue 15: "choose variants on a held-out split of a *different* set"). One occupation in ten
(chosen by a hash of its ESCO URI, so the split is fixed and independent of file order) is held out:

* a variant under test is trained with those occupations left out entirely (their labels and
  description sentences are neither distilled nor paired; ``train_occupations``);
* each alternative or hidden label of a held-out occupation is a query that ranks the preferred
  labels of *all* ESCO occupations (about 3,000); the one relevant answer is its own occupation's
  preferred label.

Reported: MRR, success@1 and success@10 (the same metric code as MELO, ``evaluation.melo``).
Build-time helper only; the product never imports it.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from model_data import Occupation

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HOLDOUT_MODULUS = 10


def is_held_out(occ: Occupation, *, modulus: int = HOLDOUT_MODULUS) -> bool:
    """True for about one occupation in ``modulus`` (sha1 of the ESCO URI)."""
    return int(hashlib.sha1(occ.uri.encode("utf-8")).hexdigest(), 16) % modulus == 0


def train_occupations(occupations: list[Occupation], *, modulus: int = HOLDOUT_MODULUS) -> list[Occupation]:
    """The occupations a held-out variant may be trained on."""
    return [o for o in occupations if not is_held_out(o, modulus=modulus)]


@dataclass(frozen=True)
class HeldOutTask:
    queries: tuple[str, ...]
    documents: tuple[str, ...]
    relevant: tuple[np.ndarray, ...]


def heldout_task(occupations: list[Occupation], *, modulus: int = HOLDOUT_MODULUS) -> HeldOutTask:
    """Queries: alternative labels of held-out occupations; corpus: every occupation's preferred label."""
    documents = tuple(o.preferred for o in occupations)
    queries: list[str] = []
    relevant: list[np.ndarray] = []
    for i, occ in enumerate(occupations):
        if not is_held_out(occ, modulus=modulus):
            continue
        for alt in occ.alternatives:
            queries.append(alt)
            relevant.append(np.array([i], dtype=np.int64))
    return HeldOutTask(tuple(queries), documents, tuple(relevant))


def evaluate(task: HeldOutTask, encode: Callable[[Sequence[str]], np.ndarray]) -> dict[str, float]:
    """MRR, success@1 and success@10 of ``encode`` (texts -> L2-normalised rows) on the task."""
    from evaluation.melo import score_embeddings

    docs = np.asarray(encode(list(task.documents)), dtype=np.float32)
    queries = np.asarray(encode(list(task.queries)), dtype=np.float32)
    result = score_embeddings(queries, docs, task.relevant)
    return {k: result[k] for k in ("mrr", "success@1", "success@10")}
