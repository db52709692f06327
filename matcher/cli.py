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
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

from matcher.io import Loaded, Problem, check_placements, read_candidates, read_packages, read_placements

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


def _print_problems(problems: Sequence[Problem], out: TextIO) -> None:
    for problem in problems:
        print(problem, file=out)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


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
    _check_files(
        [(args.candidates, "candidates"), (args.vacancies, "vacancies"), (args.placements, "placements")]
    )
    candidates = _read(read_candidates, args.candidates, "candidates")
    packages = _read(read_packages, args.vacancies, "vacancies")
    placements = _read(read_placements, args.placements, "placements") if args.placements else None

    problems = [*candidates.problems, *packages.problems]
    if placements is not None:
        cross = check_placements(
            placements, (c.id for c in candidates.records), (p.id for p in packages.records)
        )
        problems += sorted([*placements.problems, *cross], key=lambda p: p.line)

    counts = [_count(len(candidates.records), "candidate"), _count(len(packages.records), "package")]
    if placements is not None:
        counts.append(_count(len(placements.records), "placement"))
    if not problems:
        print(f"ok: {', '.join(counts)}", file=sys.stderr)
        return EXIT_OK
    _print_problems(problems, sys.stdout)
    set_aside = (
        len(candidates.set_aside) + len(packages.set_aside) + (len(placements.set_aside) if placements else 0)
    )
    print(
        f"invalid: {_count(len(problems), 'problem')}, {_count(set_aside, 'record')} set aside "
        f"(loaded: {', '.join(counts)})",
        file=sys.stderr,
    )
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
