"""Helpers of the packaging tests: the project's declared requirements and their installed closure.

:func:`closure` follows ``Requires-Dist`` of the distributions installed in the running interpreter
(markers evaluated, extras followed), starting from ``pyproject.toml``. :func:`link_distributions`
makes a folder that shows only the files of some distributions (symbolic links into this
interpreter's site-packages), so a fresh venv can import exactly those and nothing else.
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
import tomllib
from collections import defaultdict
from pathlib import Path, PurePosixPath

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = "banenmatch"


def project_requirements(extras: set[str]) -> list[Requirement]:
    """The core dependencies of ``pyproject.toml`` plus those of ``extras`` (self-references expanded)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    optional = project.get("optional-dependencies", {})
    found = [Requirement(line) for line in project["dependencies"]]
    todo, seen = list(extras), set()
    while todo:
        extra = todo.pop()
        if extra in seen:
            continue
        seen.add(extra)
        for line in optional[extra]:
            requirement = Requirement(line)
            if canonicalize_name(requirement.name) == PROJECT:
                todo.extend(requirement.extras)
            else:
                found.append(requirement)
    return found


def _applies(requirement: Requirement, extras: set[str]) -> bool:
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({"extra": extra}) for extra in extras | {""})


def closure(requirements: list[Requirement]) -> dict[str, metadata.Distribution]:
    """Every installed distribution the requirements need, by canonical name (transitively).

    Raises
    ------
    LookupError
        When a needed distribution is not installed, or its version does not satisfy a requirement.
    """
    found: dict[str, metadata.Distribution] = {}
    todo = [(requirement, set()) for requirement in requirements]
    done: set[tuple[str, frozenset[str]]] = set()
    while todo:
        requirement, parent_extras = todo.pop()
        if not _applies(requirement, parent_extras):
            continue
        name = canonicalize_name(requirement.name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            raise LookupError(f"{requirement}: not installed") from None
        if requirement.specifier and not requirement.specifier.contains(dist.version, prereleases=True):
            raise LookupError(f"{requirement}: installed version {dist.version} does not satisfy it")
        key = (name, frozenset(requirement.extras))
        if key in done:
            continue
        done.add(key)
        found[name] = dist
        todo.extend((Requirement(line), set(requirement.extras)) for line in dist.requires or ())
    return found


def _files(dist: metadata.Distribution) -> list[PurePosixPath]:
    files = dist.files
    if files is None:
        raise LookupError(f"{dist.metadata['Name']}: installed without a RECORD; cannot tell its files")
    return [PurePosixPath(str(f)) for f in files if not str(f).startswith("..")]


def link_distributions(dists: dict[str, metadata.Distribution], target: Path) -> int:
    """Fill ``target`` with symbolic links to the files of ``dists`` (and their ``.dist-info``).

    A folder that only these distributions own is linked whole; a folder shared with other installed
    distributions (a namespace such as ``google``) is made in ``target`` and its entries linked one
    by one, so nothing of the others shows. Returns the number of links made.
    """
    site = {Path(dist.locate_file("")).resolve() for dist in dists.values()}
    if len(site) != 1:
        raise LookupError(f"the distributions are in more than one folder: {sorted(map(str, site))}")
    site_dir = site.pop()
    owners: dict[PurePosixPath, set[str]] = defaultdict(set)
    for dist in metadata.distributions(path=[str(site_dir)]):
        name = canonicalize_name(dist.metadata["Name"])
        for path in _files(dist):
            for depth in range(1, len(path.parts) + 1):
                owners[PurePosixPath(*path.parts[:depth])].add(name)
    wanted = set(dists)
    links = 0

    def place(relative: PurePosixPath) -> None:
        nonlocal links
        source = site_dir / relative
        destination = target / relative
        if relative.name == "__pycache__" or relative.suffix == ".pth" or not source.exists():
            return
        if owners[relative] <= wanted or not source.is_dir():
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(source, destination)
            links += 1
            return
        destination.mkdir(parents=True, exist_ok=True)
        children = {
            PurePosixPath(*path.parts[: len(relative.parts) + 1])
            for name in wanted
            for path in _files(dists[name])
            if len(path.parts) > len(relative.parts) and path.parts[: len(relative.parts)] == relative.parts
        }
        for child in sorted(children):
            place(child)

    tops = {PurePosixPath(path.parts[0]) for dist in dists.values() for path in _files(dist)}
    for top in sorted(tops):
        place(top)
    return links
