"""The data the app works on: the bundled folder, or uploaded JSON Lines files.

Files are validated exactly as ``banenmatch validate`` does (same library calls, same problem lines
``FILE:LINE: field: message``, same order); records with a problem are set aside and the good ones
are used, so one bad record never takes the rest down.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from matcher.io import Problem, Source, check_placements, read_candidates, read_packages, read_placements
from matcher.schema import Candidate, Placement, WorkPackage

__all__ = ["FILES", "DataFolderError", "Dataset", "load_folder", "load_sources"]

FILES = {"candidates": "candidates.jsonl", "vacancies": "vacancies.jsonl", "placements": "placements.jsonl"}
"""The file names of a data folder (``placements.jsonl`` is optional)."""


class DataFolderError(FileNotFoundError):
    """The data folder or one of its required files does not exist."""


@dataclass(frozen=True)
class Dataset:
    """Validated records plus everything that was set aside.

    ``fingerprint`` identifies the content (SHA-256 over the raw bytes of the files); the app caches
    its Matcher per fingerprint and encoder, so unchanged data is never embedded twice.
    """

    candidates: tuple[Candidate, ...]
    packages: tuple[WorkPackage, ...]
    placements: tuple[Placement, ...]
    problems: tuple[Problem, ...]
    set_aside: int
    source: str
    fingerprint: str

    @cached_property
    def packages_by_id(self) -> dict[str, WorkPackage]:
        return {p.id: p for p in self.packages}

    @cached_property
    def candidates_by_id(self) -> dict[str, Candidate]:
        return {c.id: c for c in self.candidates}


def _bytes(source: Source) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    data = source.read()
    return data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data


def load_sources(
    candidates: Source,
    vacancies: Source,
    placements: Source | None = None,
    *,
    names: Sequence[str | None] = (None, None, None),
    label: str = "",
) -> Dataset:
    """Validate and load three sources (paths, bytes of uploads or file objects).

    Parameters
    ----------
    candidates, vacancies, placements
        What :func:`matcher.io.read_candidates` and friends accept; ``placements`` is optional.
    names
        The file names to use in problem lines (default: the path, or ``<upload>``).
    label
        How the app names this data set.

    Returns
    -------
    Dataset
        With ``problems`` in the order ``banenmatch validate`` prints them.
    """
    raw = [_bytes(candidates), _bytes(vacancies), _bytes(placements) if placements is not None else b""]
    default_names = [
        str(s) if isinstance(s, str | Path) else None for s in (candidates, vacancies, placements)
    ]
    file_names = [n or d for n, d in zip(names, default_names, strict=True)]
    cand = read_candidates(raw[0], name=file_names[0] or "<upload>")
    pkgs = read_packages(raw[1], name=file_names[1] or "<upload>")
    problems: list[Problem] = [*cand.problems, *pkgs.problems]
    set_aside = len(cand.set_aside) + len(pkgs.set_aside)
    placement_records: tuple[Placement, ...] = ()
    if placements is not None:
        plac = read_placements(raw[2], name=file_names[2] or "<upload>")
        cross = check_placements(plac, (c.id for c in cand.records), (p.id for p in pkgs.records))
        problems += sorted([*plac.problems, *cross], key=lambda p: p.line)
        bad_lines = {p.line for p in cross}
        placement_records = tuple(
            r for r, line in zip(plac.records, plac.lines, strict=True) if line not in bad_lines
        )
        set_aside += len(plac.set_aside) + len(plac.records) - len(placement_records)
    digest = hashlib.sha256()
    for part in raw:
        digest.update(hashlib.sha256(part).digest())
    return Dataset(
        candidates=cand.records,
        packages=pkgs.records,
        placements=placement_records,
        problems=tuple(problems),
        set_aside=set_aside,
        source=label,
        fingerprint=digest.hexdigest(),
    )


def load_folder(folder: Path) -> Dataset:
    """Load ``candidates.jsonl``, ``vacancies.jsonl`` and (if present) ``placements.jsonl`` from a folder.

    Raises
    ------
    DataFolderError
        When the folder or a required file is missing; the message names it.
    """
    paths = {kind: folder / name for kind, name in FILES.items()}
    missing = [str(paths[k]) for k in ("candidates", "vacancies") if not paths[k].is_file()]
    if missing:
        raise DataFolderError(", ".join(missing))
    placements = paths["placements"] if paths["placements"].is_file() else None
    return load_sources(paths["candidates"], paths["vacancies"], placements, label=str(folder))
