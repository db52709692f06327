"""The ``banenmatch`` command line (DESIGN.md section 3, "Command line").

A thin shell over the library: each subcommand has an ``_add_<name>_parser(subparsers)`` function that
declares its arguments and a ``_run_<name>(args) -> int`` handler. Exit codes: 0 all good, 1 problems
in the input (reported one per line on stdout as ``FILE:LINE: field: message``), 2 usage errors and
files that cannot be read.

Examples
--------
::

    banenmatch validate --candidates candidates.jsonl --vacancies vacancies.jsonl
    python -m matcher validate --candidates c.jsonl --vacancies v.jsonl --placements p.jsonl
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from matcher.io import Loaded, Problem, check_placements, read_candidates, read_packages, read_placements
from matcher.schema import Candidate, Placement, WorkPackage

__all__ = ["main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class _InputError(Exception):
    """An input file cannot be read at all (missing, a directory, no permission)."""


def _version() -> str:
    try:
        return metadata.version("banenmatch")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def _check_files(files: Sequence[tuple[Path | None, str]]) -> None:
    """Raise :class:`_InputError` naming every given input file that does not exist or is a directory."""
    messages = []
    for path, what in files:
        if path is None:
            continue
        if not path.exists():
            messages.append(f"{what} file not found: {path}; check the path (relative to {Path.cwd()})")
        elif path.is_dir():
            messages.append(f"{what} file is a directory, not a file: {path}; give the path of a .jsonl file")
    if messages:
        raise _InputError("\n".join(messages))


def _read(reader: Callable[..., Loaded[Any]], path: Path, what: str) -> Loaded[Any]:
    """Read one input file, turning an unreadable file into :class:`_InputError`."""
    _check_files([(path, what)])
    try:
        return reader(path, name=str(path))
    except OSError as exc:
        raise _InputError(f"cannot read {what} file {path}: {exc.strerror or exc}") from exc


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass(frozen=True)
class _Inputs:
    """The loaded input files of a subcommand, with every problem (cross-file references included)."""

    candidates: Loaded[Candidate]
    packages: Loaded[WorkPackage]
    placements: Loaded[Placement] | None
    problems: tuple[Problem, ...]

    @property
    def n_set_aside(self) -> int:
        loaded = [self.candidates, self.packages] + ([self.placements] if self.placements else [])
        return sum(len(part.set_aside) for part in loaded)

    def summary(self) -> str:
        """E.g. ``"300 candidates, 100 packages, 250 placements"`` (the records that loaded)."""
        counts = [
            _count(len(self.candidates.records), "candidate"),
            _count(len(self.packages.records), "package"),
        ]
        if self.placements is not None:
            counts.append(_count(len(self.placements.records), "placement"))
        return ", ".join(counts)


def _load_inputs(candidates: Path, vacancies: Path, placements: Path | None = None) -> _Inputs:
    """Read and validate the input files; raises :class:`_InputError` when one cannot be read."""
    _check_files([(candidates, "candidates"), (vacancies, "vacancies"), (placements, "placements")])
    cands = _read(read_candidates, candidates, "candidates")
    packages = _read(read_packages, vacancies, "vacancies")
    problems = [*cands.problems, *packages.problems]
    loaded_placements = None
    if placements is not None:
        loaded_placements = _read(read_placements, placements, "placements")
        cross = check_placements(
            loaded_placements, (c.id for c in cands.records), (p.id for p in packages.records)
        )
        problems += sorted([*loaded_placements.problems, *cross], key=lambda p: p.line)
    return _Inputs(cands, packages, loaded_placements, tuple(problems))


def _report_problems(inputs: _Inputs) -> None:
    """One line per problem on stdout, then a summary on stderr."""
    for problem in inputs.problems:
        print(problem, file=sys.stdout)
    print(
        f"invalid: {_count(len(inputs.problems), 'problem')}, {_count(inputs.n_set_aside, 'record')} set aside "
        f"(loaded: {inputs.summary()})",
        file=sys.stderr,
    )


# --------------------------------------------------------------------------------------------------
# validate


def _add_validate_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check input files against the data contract; changes nothing",
        description=(
            "Check candidates, vacancies and (optionally) placements against the data contract. "
            "Prints one line per problem as FILE:LINE: field: message on stdout. "
            "Exit 0 when every record is valid, 1 when there are problems, 2 when a file cannot be read."
        ),
    )
    parser.add_argument(
        "--candidates", required=True, type=Path, metavar="C", help="candidates JSON Lines file"
    )
    parser.add_argument(
        "--vacancies", required=True, type=Path, metavar="V", help="vacancies / work packages JSON Lines file"
    )
    parser.add_argument(
        "--placements",
        type=Path,
        metavar="P",
        help="placements JSON Lines file; its candidate and package ids are checked against C and V",
    )
    parser.set_defaults(handler=_run_validate)


def _run_validate(args: argparse.Namespace) -> int:
    inputs = _load_inputs(args.candidates, args.vacancies, args.placements)
    if not inputs.problems:
        print(f"ok: {inputs.summary()}", file=sys.stderr)
        return EXIT_OK
    _report_problems(inputs)
    return EXIT_PROBLEMS


# --------------------------------------------------------------------------------------------------
# the parser and the entry point


def build_parser() -> argparse.ArgumentParser:
    """The ``banenmatch`` argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="banenmatch",
        description="Match people in the doelgroepregister to public-sector vacancies and work packages.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_validate_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``banenmatch`` with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors: argparse has printed already
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.handler(args)
    except _InputError as exc:
        for line in str(exc).splitlines():
            print(f"banenmatch {args.command}: {line}", file=sys.stderr)
        return EXIT_USAGE
