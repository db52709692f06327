"""Runs and qrels in memory and in the TREC text formats (DESIGN.md section 3).

In memory both are ranx-style nested mappings, ``{query_id: {doc_id: value}}``:

* a :class:`Run` maps each query to the scores of the documents a system returned for it. The score
  orders the results; ties are broken by doc id (ascending), so the order is a pure function of the
  scores and two runs with equal scores rank identically;
* a :class:`Qrels` maps each query to graded relevance judgements (0-3).

On disk:

* qrels: ``query_id 0 doc_id grade``, one judgement a line;
* runs: ``query_id Q0 doc_id rank score tag``, with ``rank`` counting from 1 in score order. A file
  whose ranks disagree with its scores is rejected, naming the line.

A query is a package id in the ``vacancy`` direction (a vacated post looks for candidates) and a
candidate id in the ``candidate`` direction (a person looks for work packages).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

from matcher.errors import SchemaError

__all__ = [
    "MAX_GRADE",
    "Direction",
    "Qrels",
    "Run",
    "read_qrels",
    "read_run",
    "run_path",
    "runs_in",
    "write_qrels",
    "write_run",
]

MAX_GRADE = 3


class Direction(StrEnum):
    """Which side is the query."""

    VACANCY = "vacancy"
    """query = package id, documents = candidate ids"""
    CANDIDATE = "candidate"
    """query = candidate id, documents = package ids"""


def _freeze(nested: Mapping[str, Mapping[str, float]], cast: type) -> Mapping[str, Mapping[str, float]]:
    return MappingProxyType(
        {str(q): MappingProxyType({str(d): cast(v) for d, v in docs.items()}) for q, docs in nested.items()}
    )


@dataclass(frozen=True)
class Run:
    """The ranked output of one system in one direction.

    Parameters
    ----------
    system : str
        The system's name; written as the TREC ``tag``.
    direction : Direction
        Which side the queries are.
    scores : mapping of str to mapping of str to float
        ``{query_id: {doc_id: score}}``; a query with an empty mapping returned nothing. Scores must
        be finite (a NaN cannot be ordered).

    Examples
    --------
    >>> run = Run("demo", Direction.VACANCY, {"p1": {"c2": 0.5, "c1": 0.5, "c3": 0.9}})
    >>> run.ranked("p1")
    [('c3', 0.9), ('c1', 0.5), ('c2', 0.5)]
    """

    system: str
    direction: Direction
    scores: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.system or any(ch.isspace() for ch in self.system):
            raise ValueError(f"system name must be a non-empty word without spaces, got {self.system!r}")
        object.__setattr__(self, "direction", Direction(self.direction))
        frozen = _freeze(self.scores, float)
        for query, docs in frozen.items():
            for doc, score in docs.items():
                if not math.isfinite(score):
                    raise ValueError(
                        f"run {self.system!r}: score of ({query}, {doc}) is {score}; scores must be finite"
                    )
        object.__setattr__(self, "scores", frozen)

    @property
    def query_ids(self) -> tuple[str, ...]:
        """Query ids in sorted order."""
        return tuple(sorted(self.scores))

    def ranked(self, query_id: str, k: int | None = None) -> list[tuple[str, float]]:
        """``(doc_id, score)`` pairs of one query in rank order (score descending, then doc id).

        Parameters
        ----------
        query_id : str
            The query; an id absent from the run has no results.
        k : int, optional
            Keep only the first ``k`` results.
        """
        docs = self.scores.get(query_id, {})
        order = sorted(docs.items(), key=lambda item: (-item[1], item[0]))
        return order if k is None else order[:k]

    def top(self, k: int) -> Run:
        """The same run cut off after rank ``k`` for every query."""
        return Run(self.system, self.direction, {q: dict(self.ranked(q, k)) for q in self.scores})

    def as_rank_scores(self) -> dict[str, dict[str, float]]:
        """``{query: {doc: n - rank + 1}}``: strictly decreasing scores that encode our exact order.

        Metric libraries sort by score and may break ties differently from us; feeding them these
        values makes them see the order this run defines.
        """
        out: dict[str, dict[str, float]] = {}
        for query in self.scores:
            ranked = self.ranked(query)
            out[query] = {doc: float(len(ranked) - i) for i, (doc, _) in enumerate(ranked)}
        return out


@dataclass(frozen=True)
class Qrels:
    """Graded relevance judgements, ``{query_id: {doc_id: grade}}`` with grades 0..3."""

    direction: Direction
    grades: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "direction", Direction(self.direction))
        frozen = _freeze(self.grades, int)
        for query, docs in frozen.items():
            for doc, grade in docs.items():
                if not 0 <= grade <= MAX_GRADE:
                    raise ValueError(f"qrels: grade of ({query}, {doc}) is {grade}; expected 0..{MAX_GRADE}")
        object.__setattr__(self, "grades", frozen)

    def judged_queries(self, min_grade: int = 1) -> tuple[str, ...]:
        """Queries with at least one document of grade ``>= min_grade`` (sorted)."""
        return tuple(
            sorted(q for q, docs in self.grades.items() if any(g >= min_grade for g in docs.values()))
        )


def run_path(folder: Path | str, system: str, direction: Direction | str) -> Path:
    """Where :func:`write_run` puts a run inside ``folder``: ``SYSTEM.DIRECTION.trec``."""
    return Path(folder) / f"{system}.{Direction(direction)}.trec"


def write_run(run: Run, path: Path | str) -> Path:
    """Write ``run`` as a TREC run file (queries sorted; ``repr`` scores, so reading it back is exact).

    Queries without results leave no line (the format cannot express them); the set of queries a
    system was asked comes from the data, not from the run file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for query in run.query_ids:
            for rank, (doc, score) in enumerate(run.ranked(query), start=1):
                out.write(f"{query} Q0 {doc} {rank} {score!r} {run.system}\n")
    return path


def _fields(line: str, path: Path, number: int, names: tuple[str, ...]) -> list[str]:
    parts = line.split()
    if len(parts) != len(names):
        raise SchemaError(
            f"{path}:{number}: line: expected {len(names)} space-separated fields "
            f"({' '.join(names)}), found {len(parts)}: {line.strip()!r}. Fix or remove the line."
        )
    return parts


def read_run(path: Path | str, *, direction: Direction | str | None = None, system: str | None = None) -> Run:
    """Read a TREC run file, checking that ranks agree with scores.

    Parameters
    ----------
    path : path
        ``query_id Q0 doc_id rank score tag`` lines.
    direction : Direction, optional
        Default: taken from a file name of the form ``SYSTEM.DIRECTION.trec``.
    system : str, optional
        Default: the ``tag`` column (which must then be the same on every line).

    Raises
    ------
    SchemaError
        A malformed line, a duplicate (query, doc) pair, a tag that changes, or ranks that do not
        follow the scores (each naming the file and line).
    """
    path = Path(path)
    if direction is None:
        parts = path.name.split(".")
        if len(parts) < 3 or parts[-2] not in set(Direction):
            raise SchemaError(
                f"{path}: cannot tell the direction from the file name; expected SYSTEM.DIRECTION.trec "
                f"with DIRECTION one of {', '.join(Direction)}, or pass direction="
            )
        direction = parts[-2]
    names = ("query_id", "Q0", "doc_id", "rank", "score", "tag")
    rows: dict[str, list[tuple[int, float, str, int]]] = {}
    tags: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            query, _, doc, rank_text, score_text, tag = _fields(line, path, number, names)
            try:
                rank = int(rank_text)
            except ValueError:
                raise SchemaError(
                    f"{path}:{number}: rank: expected a whole number, found {rank_text!r}"
                ) from None
            try:
                score = float(score_text)
            except ValueError:
                raise SchemaError(
                    f"{path}:{number}: score: expected a number, found {score_text!r}"
                ) from None
            if not math.isfinite(score):
                raise SchemaError(f"{path}:{number}: score: expected a finite number, found {score_text!r}")
            tags.add(tag)
            rows.setdefault(query, []).append((rank, score, doc, number))
    if system is None:
        if len(tags) > 1:
            raise SchemaError(f"{path}: tag: expected one system tag, found {sorted(tags)}; pass system=")
        system = tags.pop() if tags else path.name.split(".")[0]
    scores: dict[str, dict[str, float]] = {}
    for query, items in rows.items():
        items.sort()
        docs: dict[str, float] = {}
        for position, (rank, score, doc, number) in enumerate(items):
            if doc in docs:
                raise SchemaError(f"{path}:{number}: doc_id: {doc} appears twice for query {query}")
            if position > 0:
                prev_rank, prev_score, prev_doc, _ = items[position - 1]
                in_order = prev_score > score or (prev_score == score and prev_doc < doc)
                if rank == prev_rank or not in_order:
                    raise SchemaError(
                        f"{path}:{number}: rank: {doc} at rank {rank} (score {score!r}) does not follow "
                        f"{prev_doc} at rank {prev_rank} (score {prev_score!r}); ranks must follow "
                        "descending scores with ties broken by ascending doc id. Re-rank the file."
                    )
            docs[doc] = score
        scores[query] = docs
    return Run(system, Direction(direction), scores)


def write_qrels(qrels: Qrels, path: Path | str) -> Path:
    """Write ``qrels`` as ``query_id 0 doc_id grade`` lines (queries and docs sorted)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for query in sorted(qrels.grades):
            for doc in sorted(qrels.grades[query]):
                out.write(f"{query} 0 {doc} {qrels.grades[query][doc]}\n")
    return path


def read_qrels(path: Path | str, *, direction: Direction | str) -> Qrels:
    """Read a TREC qrels file (``query_id 0 doc_id grade``, grades 0..3).

    Raises
    ------
    SchemaError
        A malformed line, a grade outside 0..3, or a (query, doc) pair judged twice.
    """
    path = Path(path)
    grades: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            query, _, doc, grade_text = _fields(line, path, number, ("query_id", "0", "doc_id", "grade"))
            try:
                grade = int(grade_text)
            except ValueError:
                grade = -1
            if not 0 <= grade <= MAX_GRADE:
                raise SchemaError(
                    f"{path}:{number}: grade: expected a whole number 0..{MAX_GRADE}, found {grade_text!r}"
                )
            docs = grades.setdefault(query, {})
            if doc in docs:
                raise SchemaError(f"{path}:{number}: doc_id: ({query}, {doc}) is judged twice")
            docs[doc] = grade
    return Qrels(Direction(direction), grades)


def runs_in(folder: Path | str) -> Iterable[Path]:
    """The ``*.trec`` run files in ``folder``, sorted by name."""
    return sorted(Path(folder).glob("*.trec"))
