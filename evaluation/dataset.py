"""A benchmark data folder, as written by ``python -m evaluation world``, loaded for systems and metrics.

The folder holds:

========================  ========================================================================
``candidates.jsonl``      the doelgroepregister (contract records; required)
``vacancies.jsonl``       vacancies and carved work packages (contract records; required)
``placements.jsonl``      placement history (optional; popularity and the durability model use it)
``qrels.vacancy.tsv``     graded judgements, query = package id (optional: needed for relevance metrics)
``qrels.candidate.tsv``   graded judgements, query = candidate id (optional, idem)
``audit.jsonl``           per candidate, group labels for the fairness audit only (optional)
========================  ========================================================================

Records are read with :mod:`matcher.io`: an invalid record is set aside and reported, the rest load.
Group labels never reach a system: :class:`Benchmark` hands systems only the contract records.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from evaluation.runs import Direction, Qrels, read_qrels
from matcher.errors import SchemaError
from matcher.io import read_candidates, read_packages, read_placements
from matcher.schema import Candidate, Placement, WorkPackage

__all__ = ["AUDIT_ATTRIBUTES", "Benchmark", "load_benchmark", "qrels_path"]

AUDIT_ATTRIBUTES: tuple[str, ...] = ("limitation_type", "register_route", "sex", "age_band")
"""Group attributes reported when present (``register_route`` falls back to the candidate record)."""

_ID_KEYS = ("candidate_id", "id")


def qrels_path(folder: Path | str, direction: Direction | str) -> Path:
    """``FOLDER/qrels.DIRECTION.tsv``."""
    return Path(folder) / f"qrels.{Direction(direction)}.tsv"


@dataclass(frozen=True, eq=False)
class Benchmark:
    """Everything a benchmark run needs, loaded once.

    Attributes
    ----------
    candidates, packages, placements : tuple of records
        The valid records, in file order.
    qrels : mapping of Direction to Qrels
        Judgements per direction that has a qrels file.
    audit : mapping of str to mapping of str to str
        Candidate id -> attribute -> group label (audit only; never given to a system).
    problems : tuple of str
        Every record that was set aside, as ``FILE:LINE: field: message``.
    folder : Path or None
        Where it was loaded from.
    """

    candidates: tuple[Candidate, ...]
    packages: tuple[WorkPackage, ...]
    placements: tuple[Placement, ...] = ()
    qrels: Mapping[Direction, Qrels] = field(default_factory=dict)
    audit: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    folder: Path | None = None

    @cached_property
    def candidate_by_id(self) -> Mapping[str, Candidate]:
        return MappingProxyType({c.id: c for c in self.candidates})

    @cached_property
    def package_by_id(self) -> Mapping[str, WorkPackage]:
        return MappingProxyType({p.id: p for p in self.packages})

    def queries(self, direction: Direction | str) -> tuple[str, ...]:
        """Query ids of a direction: package ids (vacancy) or candidate ids (candidate), in file order."""
        records = self.packages if Direction(direction) is Direction.VACANCY else self.candidates
        return tuple(r.id for r in records)

    def documents(self, direction: Direction | str) -> tuple[str, ...]:
        """Document ids of a direction: the other side."""
        records = self.candidates if Direction(direction) is Direction.VACANCY else self.packages
        return tuple(r.id for r in records)

    def group_labels(self, attribute: str) -> dict[str, str]:
        """Candidate id -> label of ``attribute``, for candidates that have one."""
        labels = {cid: row[attribute] for cid, row in self.audit.items() if attribute in row}
        if attribute == "register_route":
            for c in self.candidates:
                if c.id not in labels and c.register is not None and c.register.route is not None:
                    labels[c.id] = c.register.route
        return labels

    def audit_attributes(self) -> tuple[str, ...]:
        """The attributes of :data:`AUDIT_ATTRIBUTES` that at least one candidate has a label for."""
        return tuple(a for a in AUDIT_ATTRIBUTES if self.group_labels(a))


def _read_audit(path: Path) -> dict[str, dict[str, str]]:
    audit: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SchemaError(
                    f"{path}:{number}: line: expected one JSON object, found invalid JSON ({exc.msg})"
                ) from None
            if not isinstance(row, dict):
                raise SchemaError(
                    f"{path}:{number}: line: expected a JSON object, found {type(row).__name__}"
                )
            key = next((k for k in _ID_KEYS if isinstance(row.get(k), str)), None)
            if key is None:
                raise SchemaError(f"{path}:{number}: candidate_id: expected the candidate's id as a string")
            audit[row[key]] = {
                name: str(value)
                for name, value in row.items()
                if name != key and isinstance(value, str | int | bool)
            }
    return audit


def load_benchmark(folder: Path | str) -> Benchmark:
    """Load a benchmark folder.

    Parameters
    ----------
    folder : path
        A folder as written by ``python -m evaluation world``.

    Returns
    -------
    Benchmark

    Raises
    ------
    FileNotFoundError
        When the folder or one of its two required files is missing (the message names it).
    SchemaError
        A malformed qrels or audit file.
    """
    folder = Path(folder)
    for name in ("candidates.jsonl", "vacancies.jsonl"):
        if not (folder / name).is_file():
            raise FileNotFoundError(
                f"{folder / name}: not found; a benchmark folder needs candidates.jsonl and vacancies.jsonl "
                "(make one with: python -m evaluation world --size N --seed S --out DIR)"
            )
    loaded = [
        read_candidates(folder / "candidates.jsonl"),
        read_packages(folder / "vacancies.jsonl"),
    ]
    placements = folder / "placements.jsonl"
    if placements.is_file():
        loaded.append(read_placements(placements))
    qrels = {
        direction: read_qrels(qrels_path(folder, direction), direction=direction)
        for direction in Direction
        if qrels_path(folder, direction).is_file()
    }
    audit = _read_audit(folder / "audit.jsonl") if (folder / "audit.jsonl").is_file() else {}
    return Benchmark(
        candidates=tuple(loaded[0].records),
        packages=tuple(loaded[1].records),
        placements=tuple(loaded[2].records) if len(loaded) > 2 else (),
        qrels=MappingProxyType(qrels),
        audit=MappingProxyType(audit),
        problems=tuple(str(p) for part in loaded for p in part.problems),
        folder=folder,
    )
