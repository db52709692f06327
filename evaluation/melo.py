"""MELO-nld: the external Dutch occupation-linking benchmark, for any encoder.

Protocol (``sources/melo-nld/README.md``): every query (a Dutch national job title) ranks
the whole corpus of Dutch ESCO occupation surface forms; the annotations are TREC qrels. Reported:
MAP (mean over queries of average precision over the full ranking), MRR, success@1, success@10 and
recall@10, plus the encoder's throughput in texts per second.

The metrics are computed here with numpy from the rank of every relevant element (exact, no cut-off);
``tests/test_melo.py`` checks them against hand-computed cases and against ``ranx``.

Command line (wired as ``python -m evaluation melo``)::

    python -m evaluation melo --data sources/melo-nld --encoder default
    python -m evaluation melo --encoder tfidf --limit 200
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from matcher.encoders import DEFAULT_MODEL_DIR

DEFAULT_DATA_DIR = Path("sources") / "melo-nld"
"""The copy of MELO-nld in the repository (``sources/melo-nld``), relative to the current directory:
run from the repository root, or pass ``--data``."""
METRIC_KEYS = ("map", "mrr", "success@1", "success@10", "recall@10")
RESULT_KEYS = (*METRIC_KEYS, "texts_per_second")

EncodeFn = Callable[[Sequence[str]], np.ndarray]


class MeloDataError(FileNotFoundError):
    """The MELO-nld folder is missing or malformed."""


@runtime_checkable
class QueryDocumentEncoder(Protocol):
    """What ``matcher.encoders.Encoder`` offers and this runner needs."""

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class MeloData:
    """Queries, corpus and relevance of one MELO dataset.

    ``relevant[i]`` holds the corpus row indices judged relevant for query ``i`` (sorted, unique).
    """

    query_ids: tuple[str, ...]
    queries: tuple[str, ...]
    doc_ids: tuple[str, ...]
    documents: tuple[str, ...]
    relevant: tuple[np.ndarray, ...]

    def head(self, n: int) -> MeloData:
        """The first ``n`` queries with the full corpus (for a quick run)."""
        return MeloData(self.query_ids[:n], self.queries[:n], self.doc_ids, self.documents, self.relevant[:n])


def _read_tsv(path: Path, n_fields: int) -> list[list[str]]:
    if not path.is_file():
        raise MeloDataError(
            f"{path}: MELO file not found; pass --data DIR with queries.tsv, corpus_elements.tsv "
            "and annotations.tsv (default sources/melo-nld, from the repository root)"
        )
    rows: list[list[str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line_no, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row:
                continue
            if len(row) < n_fields:
                raise MeloDataError(
                    f"{path}:{line_no}: expected {n_fields} tab-separated fields, found {len(row)}"
                )
            rows.append(row)
    return rows


def load_melo(data_dir: Path | str | None = None) -> MeloData:
    """Read a MELO dataset folder (``queries.tsv``, ``corpus_elements.tsv``, ``annotations.tsv``).

    Queries without any relevant corpus element are dropped (none in MELO-nld); annotations naming
    an unknown query or corpus element raise :class:`MeloDataError`.
    """
    data_dir = Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR
    if not data_dir.is_dir():
        raise MeloDataError(
            f"{data_dir}: MELO-nld folder not found; pass --data DIR "
            "(the repository has a copy in sources/melo-nld; run from the repository root)"
        )
    queries = _read_tsv(data_dir / "queries.tsv", 2)
    corpus = _read_tsv(data_dir / "corpus_elements.tsv", 2)
    qrels = _read_tsv(data_dir / "annotations.tsv", 4)
    doc_index = {row[0]: i for i, row in enumerate(corpus)}
    query_index = {row[0]: i for i, row in enumerate(queries)}
    rel_sets: list[set[int]] = [set() for _ in queries]
    for line_no, (qid, _, cid, grade) in enumerate((r[:4] for r in qrels), start=1):
        if qid not in query_index or cid not in doc_index:
            raise MeloDataError(
                f"{data_dir / 'annotations.tsv'}:{line_no}: unknown query {qid!r} or corpus element {cid!r}"
            )
        if float(grade) > 0:
            rel_sets[query_index[qid]].add(doc_index[cid])
    keep = [i for i, rel in enumerate(rel_sets) if rel]
    return MeloData(
        query_ids=tuple(queries[i][0] for i in keep),
        queries=tuple(queries[i][1] for i in keep),
        doc_ids=tuple(row[0] for row in corpus),
        documents=tuple(row[1] for row in corpus),
        relevant=tuple(np.array(sorted(rel_sets[i]), dtype=np.int64) for i in keep),
    )


def relevant_ranks(scores: np.ndarray, relevant: np.ndarray) -> np.ndarray:
    """1-based ranks of the ``relevant`` columns in one query's full ranking, ascending.

    The ranking sorts by descending score; ties keep corpus order (a stable sort), so the result is
    deterministic without materialising the sort.
    """
    rel_scores = scores[relevant]
    higher = (scores[None, :] > rel_scores[:, None]).sum(axis=1)
    tie_before = (
        (scores[None, :] == rel_scores[:, None]) & (np.arange(scores.shape[0])[None, :] < relevant[:, None])
    ).sum(axis=1)
    return np.sort(higher + tie_before + 1)


def metrics_from_ranks(ranks: Sequence[np.ndarray]) -> dict[str, float]:
    """MAP, MRR, success@1, success@10 and recall@10 from each query's ascending relevant ranks."""
    if not ranks:
        raise ValueError("metrics_from_ranks: no queries to score")
    ap, rr, s1, s10, r10 = [], [], [], [], []
    for r in ranks:
        r = np.asarray(r, dtype=np.float64)
        ap.append(float(np.mean(np.arange(1, len(r) + 1) / r)))
        rr.append(1.0 / r[0])
        s1.append(float(r[0] <= 1))
        s10.append(float(r[0] <= 10))
        r10.append(float(np.mean(r <= 10)))
    return {
        "map": float(np.mean(ap)),
        "mrr": float(np.mean(rr)),
        "success@1": float(np.mean(s1)),
        "success@10": float(np.mean(s10)),
        "recall@10": float(np.mean(r10)),
    }


def score_embeddings(
    query_vecs: np.ndarray, doc_vecs: np.ndarray, relevant: Sequence[np.ndarray], *, chunk: int = 256
) -> dict[str, float]:
    """Rank the corpus by dot product (cosine for L2-normalised vectors) and compute the metrics."""
    q = np.asarray(query_vecs, dtype=np.float32)
    d = np.asarray(doc_vecs, dtype=np.float32)
    if q.ndim != 2 or d.ndim != 2 or q.shape[1] != d.shape[1]:
        raise ValueError(
            f"score_embeddings: expected (n, d) and (m, d) arrays, found {q.shape} and {d.shape}"
        )
    if len(q) != len(relevant):
        raise ValueError(f"score_embeddings: {len(q)} query vectors but {len(relevant)} relevance lists")
    ranks: list[np.ndarray] = []
    for start in range(0, len(q), chunk):
        block = q[start : start + chunk] @ d.T
        ranks.extend(relevant_ranks(block[i], relevant[start + i]) for i in range(len(block)))
    return metrics_from_ranks(ranks)


def run_melo(
    encode_queries: EncodeFn,
    encode_documents: EncodeFn,
    *,
    data_dir: Path | str | None = None,
    limit: int | None = None,
    data: MeloData | None = None,
) -> dict[str, float]:
    """Encode MELO's queries and corpus, rank the whole corpus per query and score the ranking.

    Parameters
    ----------
    encode_queries, encode_documents
        ``list[str] -> (n, d)`` float arrays, L2-normalised (as ``matcher.encoders.Encoder`` returns).
    data_dir
        MELO dataset folder; default ``sources/melo-nld`` (relative: run from the repository root).
    limit
        Score only the first ``limit`` queries (the corpus stays whole).
    data
        Already loaded data (skips reading ``data_dir``).

    Returns
    -------
    dict
        ``map, mrr, success@1, success@10, recall@10, texts_per_second``; the last is queries plus
        corpus elements encoded per second of wall-clock encoding time.

    Examples
    --------
    >>> enc = TfidfSystem()  # doctest: +SKIP
    >>> run_melo(enc.encode_queries, enc.encode_documents, limit=100)["mrr"]  # doctest: +SKIP
    """
    data = data if data is not None else load_melo(data_dir)
    if limit is not None:
        if limit < 1:
            raise ValueError(f"limit: expected a positive number of queries, found {limit}")
        data = data.head(limit)
    start = time.perf_counter()
    doc_vecs = np.asarray(encode_documents(list(data.documents)), dtype=np.float32)
    query_vecs = np.asarray(encode_queries(list(data.queries)), dtype=np.float32)
    elapsed = time.perf_counter() - start
    result = score_embeddings(query_vecs, doc_vecs, data.relevant)
    n_texts = len(data.documents) + len(data.queries)
    result["texts_per_second"] = float(n_texts / elapsed) if elapsed > 0 else float("inf")
    return result


class TfidfSystem:
    """Character n-gram TF-IDF baseline (word-bounded 2-4-grams, fitted on the corpus it encodes)."""

    name = "character TF-IDF (ours, 2-4)"

    def __init__(self, *, ngram_range: tuple[int, int] = (2, 4)) -> None:
        self.ngram_range = ngram_range

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizer_ = TfidfVectorizer(
            analyzer="char_wb", ngram_range=self.ngram_range, lowercase=True, sublinear_tf=True
        )
        return self.vectorizer_.fit_transform(texts)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not hasattr(self, "vectorizer_"):
            raise RuntimeError("TfidfSystem: encode_documents (the corpus) must run before encode_queries")
        return self.vectorizer_.transform(texts)


def _run_tfidf(data: MeloData) -> dict[str, float]:
    system = TfidfSystem()
    start = time.perf_counter()
    docs = system.encode_documents(list(data.documents))
    queries = system.encode_queries(list(data.queries))
    elapsed = time.perf_counter() - start
    ranks: list[np.ndarray] = []
    for s in range(0, len(data.queries), 256):
        block = (queries[s : s + 256] @ docs.T).toarray()
        ranks.extend(relevant_ranks(block[i], data.relevant[s + i]) for i in range(len(block)))
    result = metrics_from_ranks(ranks)
    result["texts_per_second"] = (len(data.documents) + len(data.queries)) / elapsed
    return result


class SentenceTransformerSystem:
    """A local sentence-transformers model directory (never a hub name: loading is offline)."""

    def __init__(self, path: Path | str, *, batch_size: int = 512) -> None:
        path = Path(path)
        if not (path / "modules.json").is_file():
            raise MeloDataError(
                f"{path}: not a sentence-transformers model folder (no modules.json); "
                "pass --encoder default, tfidf or a local model directory"
            )
        from sentence_transformers import SentenceTransformer

        self.name = path.name
        self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.batch_size = batch_size

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True
        )

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)


def evaluate_system(
    system: QueryDocumentEncoder | str | Path,
    *,
    data_dir: Path | str | None = None,
    limit: int | None = None,
) -> dict[str, float]:
    """Run MELO for an encoder object, a model directory, ``"default"`` or ``"tfidf"``."""
    if limit is not None and limit < 1:
        raise ValueError(f"limit: expected a positive number of queries, found {limit}")
    if isinstance(system, str) and system == "tfidf":
        data = load_melo(data_dir)
        return _run_tfidf(data.head(limit) if limit else data)
    if isinstance(system, str | Path):
        system = SentenceTransformerSystem(DEFAULT_MODEL_DIR if str(system) == "default" else system)
    if not isinstance(system, QueryDocumentEncoder):
        raise TypeError(
            f"encoder: expected an object with encode_queries/encode_documents or a model path, "
            f"found {type(system).__name__}"
        )
    return run_melo(system.encode_queries, system.encode_documents, data_dir=data_dir, limit=limit)


def published_rows(data_dir: Path | str) -> list[list[str]]:
    """The paper's table rows (method, MAP, MRR, success@1, success@10, recall@10) from the README."""
    readme = Path(data_dir) / "README.md"
    if not readme.is_file():
        return []
    rows = []
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if (
            line.startswith("|")
            and len(cells) == 6
            and cells[0] not in ("method", "")
            and cells[1][:1].isdigit()
        ):
            rows.append(cells)
    return rows


def markdown_table(name: str, result: dict[str, float], published: list[list[str]]) -> str:
    """Our row in bold above the paper's published figures."""
    lines = [
        "| method | MAP | MRR | success@1 | success@10 | recall@10 |",
        "|---|---|---|---|---|---|",
        "| **" + name + "** | " + " | ".join(f"**{result[k]:.4f}**" for k in METRIC_KEYS) + " |",
    ]
    lines.extend("| " + " | ".join(row) + " |" for row in published)
    return "\n".join(lines)


def melo_main(argv: list[str] | None = None) -> int:
    """``python -m evaluation melo``: one JSON line of results, then a Markdown table."""
    parser = argparse.ArgumentParser(prog="python -m evaluation melo", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="MELO-nld folder")
    parser.add_argument(
        "--encoder", default="default", help="'default' (the shipped matcher/models/banenmatch-nl), 'tfidf', or a model directory"
    )
    parser.add_argument("--limit", type=int, default=None, help="score only the first N queries")
    args = parser.parse_args(argv)
    try:
        result = evaluate_system(args.encoder, data_dir=args.data, limit=args.limit)
    except MeloDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({k: round(result[k], 4) for k in RESULT_KEYS}))
    name = {"default": "banenmatch-nl (default)", "tfidf": TfidfSystem.name}.get(
        args.encoder, Path(args.encoder).name
    )
    if args.limit:
        name += f" (first {args.limit} queries)"
    print()
    print(markdown_table(name, result, published_rows(args.data)))
    return 0
