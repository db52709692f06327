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
    banenmatch carve --tasks taken.csv --employer "Gemeente Utrecht" --sector gemeenten --candidates c.jsonl
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from matcher import texts_nl
from matcher.contract import load_contract
from matcher.encoders import encoder_from_choice
from matcher.errors import ArtefactMismatchError, SchemaError, UnknownIdError
from matcher.explain import Explanation, render_nl_text
from matcher.fairness import FairRanking, read_groups, read_weights
from matcher.io import (
    Loaded,
    Problem,
    check_placements,
    read_candidates,
    read_carving_tasks,
    read_packages,
    read_placements,
    to_dict,
)
from matcher.recommend import Matcher
from matcher.schema import Candidate, Placement, WorkPackage
from matcher.texts_nl import NO_RESULTS_NL

if TYPE_CHECKING:
    from matcher.carving import CarvedPackage

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
# run and match: ranking over the valid records (invalid ones are reported and set aside)


def _add_ranking_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--index",
        type=Path,
        metavar="INDEX",
        help="answer from a saved index (banenmatch build); C, V and P may then be left out, and when "
        "given they must be the files the index was built from",
    )
    parser.add_argument("--candidates", type=Path, metavar="C", help="candidates JSON Lines file")
    parser.add_argument("--vacancies", type=Path, metavar="V", help="vacancies JSON Lines file")
    parser.add_argument(
        "--placements", type=Path, metavar="P", help="placement history; trains the durability estimate"
    )
    parser.add_argument(
        "--encoder",
        default="default",
        metavar="E",
        help="'default' (the shipped Dutch model, or $BANENMATCH_MODEL), a sentence-transformers model "
        "folder, or 'hashing' (character n-gram hashing: fast, no model, weaker)",
    )
    parser.add_argument("--k", type=int, default=20, metavar="K", help="results per query (default 20)")
    parser.add_argument(
        "--fairness",
        type=Path,
        metavar="GROUPS",
        help="fair re-ranking of candidates (DetGreedy, matcher.fairness) by the groups in GROUPS, a JSON "
        'Lines file of {"id": candidate id, "limitation_type": group}; used only to reorder, never scored',
    )
    parser.add_argument(
        "--fairness-depth",
        type=int,
        default=20,
        metavar="N",
        help="--fairness: aim at the groups' shares among the N best-scored eligible results (default 20)",
    )
    parser.add_argument(
        "--fairness-weights",
        type=Path,
        metavar="W",
        help='--fairness: JSON {"weights": {group: number}} correcting each group\'s share (measured on '
        "data with known outcomes, see docs/BENCHMARKS.md)",
    )


def _fairness(args: argparse.Namespace) -> FairRanking | None:
    if args.fairness is None:
        return None
    if args.fairness_depth < 1:
        raise _InputError(f"--fairness-depth: expected a positive whole number, found {args.fairness_depth}")
    _check_files([(args.fairness, "fairness"), (args.fairness_weights, "fairness weights")])
    try:
        weights = read_weights(args.fairness_weights) if args.fairness_weights is not None else {}
        return FairRanking(read_groups(args.fairness), depth=args.fairness_depth, weights=weights)
    except SchemaError as exc:
        raise _InputError(str(exc)) from exc


def _add_run_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "run",
        help="rank for every query and write a TREC run",
        description=(
            "Rank candidates for every vacancy (--direction vacancy) or packages for every candidate "
            "(--direction candidate) and write a TREC run with at most K eligible results per query. "
            "Invalid records are reported as by validate, set aside, and the rest is ranked; "
            "the exit code is 0 only if nothing was set aside."
        ),
    )
    _add_ranking_arguments(parser)
    parser.add_argument("--direction", required=True, choices=("vacancy", "candidate"))
    parser.add_argument("--out", required=True, type=Path, metavar="RUN", help="TREC run file to write")
    parser.add_argument("--tag", default="banenmatch", help="run tag, the last TREC column")
    parser.set_defaults(handler=_run_run)


def _add_match_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "match",
        help="one query with full explanations",
        description="Rank for one vacancy or one candidate and explain every result (Dutch text, or --json).",
    )
    _add_ranking_arguments(parser)
    query = parser.add_mutually_exclusive_group(required=True)
    query.add_argument("--vacancy", metavar="ID", help="package id: rank candidates for it")
    query.add_argument("--candidate", metavar="ID", help="candidate id: rank packages for them")
    parser.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    parser.add_argument(
        "--why-not",
        action="store_true",
        help="also list what the hard rule excludes and why (candidates for --vacancy, packages for --candidate)",
    )
    parser.set_defaults(handler=_run_match)


def _matcher(args: argparse.Namespace) -> tuple[Matcher, int]:
    """Load the inputs, report invalid records (stdout, or stderr with --json) and build the matcher."""
    if args.k < 1:
        raise _InputError(f"--k: expected a positive number of results, found {args.k}")
    if args.index is not None:
        indexed = _indexed_matcher(args)
        indexed.fairness = _fairness(args)
        return indexed, 0
    if args.candidates is None or args.vacancies is None:
        raise _InputError("give --candidates and --vacancies, or --index INDEX (a saved index)")
    inputs = _load_inputs(args.candidates, args.vacancies, args.placements)
    out = sys.stderr if getattr(args, "json", False) else sys.stdout
    for problem in inputs.problems:
        print(problem, file=out)
    if inputs.n_set_aside:
        print(f"set aside: {_count(inputs.n_set_aside, 'invalid record')}; ranking the rest", file=sys.stderr)
    try:
        encoder = encoder_from_choice(args.encoder)
    except (ValueError, OSError) as exc:
        raise _InputError(str(exc)) from exc
    matcher = Matcher(encoder=encoder, fairness=_fairness(args)).fit(
        inputs.candidates.records,
        inputs.packages.records,
        placements=inputs.placements.records if inputs.placements else (),
    )
    return matcher, inputs.n_set_aside


def _indexed_matcher(args: argparse.Namespace) -> Matcher:
    """The Matcher of a saved index, refused when named data files or the encoder differ from its own."""
    from matcher import persist

    try:
        folder, manifest = persist.read_manifest(args.index)
        given = {
            kind: path
            for kind, path in (
                ("candidates", args.candidates),
                ("packages", args.vacancies),
                ("placements", args.placements),
            )
            if path is not None
        }
        _check_files([(path, kind) for kind, path in given.items()])
        persist.check_inputs(manifest, given, folder=folder)
        encoder = None if args.encoder == "default" else encoder_from_choice(args.encoder)
        return Matcher.load(args.index, encoder=encoder)
    except (ArtefactMismatchError, OSError) as exc:
        raise _InputError(str(exc)) from exc


def _run_run(args: argparse.Namespace) -> int:
    matcher, set_aside = _matcher(args)
    if args.direction == "vacancy":
        queries, rank = [p.id for p in matcher.packages], matcher.for_vacancy
    else:
        queries, rank = [c.id for c in matcher.candidates], matcher.for_candidate
    args.out.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for query in tqdm(queries, desc=f"ranking ({args.direction})", unit="query", disable=None):
        matches = rank(query, k=args.k)
        for match in matches:
            doc = match.candidate_id if args.direction == "vacancy" else match.package_id
            # a fairly re-ranked list is not in score order: a rank-derived score keeps the two in step
            score = match.score if matcher.fairness is None else 1.0 / match.rank
            lines.append(f"{query} Q0 {doc} {match.rank} {score:.10f} {args.tag}\n")
    args.out.write_text("".join(lines), encoding="utf-8")
    print(
        f"wrote {args.out}: {_count(len(queries), 'query')}, {_count(len(lines), 'result')}", file=sys.stderr
    )
    return EXIT_PROBLEMS if set_aside else EXIT_OK


def _run_match(args: argparse.Namespace) -> int:
    matcher, set_aside = _matcher(args)
    try:
        if args.vacancy is not None:
            results = matcher.for_vacancy(args.vacancy, k=args.k)
            excluded = matcher.excluded_for_vacancy(args.vacancy) if args.why_not else []
        else:
            results = matcher.for_candidate(args.candidate, k=args.k)
            excluded = matcher.excluded_for_candidate(args.candidate) if args.why_not else []
    except UnknownIdError as exc:
        raise _InputError(str(exc)) from exc
    if args.json:
        payload = {
            "query": {"vacancy": args.vacancy} if args.vacancy is not None else {"candidate": args.candidate},
            "results": [m.to_dict() for m in results],
            "excluded": [
                {
                    "candidate_id": e.candidate_id,
                    "package_id": e.package_id,
                    "checks": [c.as_dict() for c in e.checks],
                }
                for e in excluded
            ],
            "set_aside": set_aside,
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for m in results:
            print(f"{m.rank}. {m.candidate_id if args.vacancy is not None else m.package_id}")
            print(render_nl_text(m.explanation))
        for e in excluded:
            print(f"x {e.candidate_id if args.vacancy is not None else e.package_id}")
            print(render_nl_text(Explanation(checks=e.checks)))
        if not results:
            print(NO_RESULTS_NL)
    return EXIT_PROBLEMS if set_aside else EXIT_OK


# --------------------------------------------------------------------------------------------------
# carve: a task inventory -> proposed work packages (job carving)


def _add_carve_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "carve",
        help="bundle a task list into proposed work packages (job carving)",
        description=(
            "Group the tasks of a task list by meaning and bundle them into work packages within an hours "
            "range; with --candidates, count per package the candidates the hard rule admits and name the "
            "demand that shuts out most of the others. Tasks: a .csv (columns text, hours_per_week and one "
            'column per FML-lite code, e.g. DH01, holding levels) or a .jsonl file ({"text", '
            '"hours_per_week", "demands"} per line). Invalid rows are reported as by validate and set '
            "aside; the rest is carved. Exit 0 when nothing was set aside, 1 when something was, 2 on "
            "usage errors and unreadable files."
        ),
    )
    parser.add_argument(
        "--tasks", required=True, type=Path, metavar="TASKS", help="task list (.csv or .jsonl)"
    )
    parser.add_argument("--employer", required=True, metavar="E", help="employer (an organisation name)")
    parser.add_argument("--sector", required=True, metavar="S", help="sector code, e.g. gemeenten or umc")
    parser.add_argument(
        "--municipality",
        metavar="M",
        help="municipality of the workplace (CBS name or alias); without it travel time is unknown",
    )
    parser.add_argument(
        "--candidates",
        type=Path,
        metavar="C",
        help="candidates JSON Lines file: count who could do each package",
    )
    parser.add_argument(
        "--min-hours",
        type=float,
        default=12.0,
        metavar="H",
        help="hours per week a package should reach (12)",
    )
    parser.add_argument(
        "--max-hours", type=float, default=32.0, metavar="H", help="most hours per week of a package (32)"
    )
    parser.add_argument(
        "--encoder",
        default="default",
        metavar="E",
        help="groups the tasks by meaning: 'default' (the shipped Dutch model), a sentence-transformers "
        "model folder, or 'hashing'",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    parser.set_defaults(handler=_run_carve)


def _carve_settings(args: argparse.Namespace) -> tuple[str, str | None]:
    """The sector code and the municipality's contract name; raises :class:`_InputError` naming what is wrong."""
    contract = load_contract()
    messages = []
    if not args.employer.strip():
        messages.append("--employer: expected an organisation name, found an empty string; give the employer")
    if args.sector not in contract.sectors:
        close = difflib.get_close_matches(args.sector.lower(), list(contract.sectors), n=1)
        fix = f"did you mean {close[0]!r}?" if close else "use one of the listed codes"
        messages.append(
            f"--sector: unknown sector {args.sector!r}; expected one of {', '.join(contract.sectors)}; {fix}"
        )
    municipality = None
    if args.municipality is not None:
        found = contract.municipality(args.municipality)
        if found is None:
            messages.append(
                f"--municipality: unknown municipality {args.municipality!r}; expected a Dutch municipality "
                "(CBS name or a listed alias, see matcher/data/municipalities.csv); check the spelling"
            )
        else:
            municipality = found.name
    if not 0 < args.min_hours <= args.max_hours <= 168:
        messages.append(
            f"--min-hours/--max-hours: expected 0 < min <= max <= 168 hours per week, found "
            f"{args.min_hours:g}..{args.max_hours:g}; correct the range"
        )
    if messages:
        raise _InputError("\n".join(messages))
    return args.sector, municipality


def _too_long(tasks: Loaded[Any], max_hours: float) -> list[Problem]:
    """A task longer than a whole package fits in none: reported and set aside like an invalid row."""
    return [
        Problem(
            tasks.source,
            line,
            "hours_per_week",
            f"{task.hours_per_week:g} hours per week is more than --max-hours {max_hours:g}; expected a task "
            "that fits in one package; split the task into smaller tasks or raise --max-hours",
        )
        for task, line in zip(tasks.records, tasks.lines, strict=True)
        if task.hours_per_week > max_hours
    ]


def _carved_lines_nl(n: int, proposal: CarvedPackage, min_hours: float) -> list[str]:
    """One proposed package as Dutch text (what a project leader reads)."""
    texts = texts_nl.CARVING_NL
    hours = sum(t.hours_per_week for t in proposal.tasks)
    lines = [
        texts["package"].format(n=n, title=proposal.package.title)
        + " — "
        + texts["hours"].format(hours=texts_nl.hours_nl(hours)),
        f"  {texts['tasks']}:",
        *(f"  - {texts_nl.carving_task_nl(t.text, t.hours_per_week)}" for t in proposal.tasks),
        f"  {texts['demands']}:",
        *(f"  - {line}" for line in texts_nl.carving_demands_nl(proposal.package.demands)),
    ]
    if proposal.eligible is not None:
        lines.append("  " + texts["eligible"].format(count=proposal.eligible))
        if proposal.bottleneck is None:
            lines.append("  " + texts["no_bottleneck"])
        else:
            code, more = proposal.bottleneck
            lines.append("  " + texts_nl.carving_bottleneck_nl(code, proposal.package.demands[code], more))
    if hours < min_hours:
        lines.append(
            "  " + texts["below_min"].format(hours=texts_nl.hours_nl(hours), low=texts_nl.hours_nl(min_hours))
        )
    return lines


def _run_carve(args: argparse.Namespace) -> int:
    from matcher.carving import carve  # scikit-learn: only for this subcommand

    sector, municipality = _carve_settings(args)
    try:
        tasks = _read(read_carving_tasks, args.tasks, "tasks")
    except ValueError as exc:
        raise _InputError(f"--tasks: {exc}") from exc
    too_long = _too_long(tasks, args.max_hours)
    problems = sorted([*tasks.problems, *too_long], key=lambda p: p.line)
    skip = {p.line for p in too_long}
    usable = [t for t, line in zip(tasks.records, tasks.lines, strict=True) if line not in skip]
    set_aside = len(tasks.set_aside) + len(skip)
    candidates: Loaded[Candidate] | None = None
    if args.candidates is not None:
        candidates = _read(read_candidates, args.candidates, "candidates")
        problems += candidates.problems
        set_aside += len(candidates.set_aside)
    out = sys.stderr if args.json else sys.stdout
    for problem in problems:
        print(problem, file=out)
    if set_aside:
        print(f"set aside: {_count(set_aside, 'invalid record')}; carving the rest", file=sys.stderr)
    if not usable:
        print("banenmatch carve: no valid task left to carve; fix the lines above", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        encoder = encoder_from_choice(args.encoder)
    except (ValueError, OSError) as exc:
        raise _InputError(str(exc)) from exc
    proposals = carve(
        usable,
        encoder,
        employer=args.employer.strip(),
        sector=sector,
        municipality=municipality,
        min_hours=args.min_hours,
        max_hours=args.max_hours,
        candidates=candidates.records if candidates is not None else (),
    )
    if args.json:
        payload = {
            "employer": args.employer.strip(),
            "sector": sector,
            "municipality": municipality,
            "min_hours": args.min_hours,
            "max_hours": args.max_hours,
            "candidates": len(candidates.records) if candidates is not None else None,
            "packages": [
                {
                    "package": to_dict(p.package),
                    "tasks": [
                        {"text": t.text, "hours_per_week": t.hours_per_week, "demands": dict(t.demands)}
                        for t in p.tasks
                    ],
                    "hours_per_week": sum(t.hours_per_week for t in p.tasks),
                    "below_min_hours": sum(t.hours_per_week for t in p.tasks) < args.min_hours,
                    "eligible": p.eligible,
                    "bottleneck": None
                    if p.bottleneck is None
                    else {
                        "item": p.bottleneck[0],
                        "level": p.package.demands[p.bottleneck[0]],
                        "more_if_one_step_lower": p.bottleneck[1],
                    },
                }
                for p in proposals
            ],
            "set_aside": set_aside,
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for n, proposal in enumerate(proposals, start=1):
            print("\n".join(_carved_lines_nl(n, proposal, args.min_hours)))
    return EXIT_PROBLEMS if set_aside else EXIT_OK


# --------------------------------------------------------------------------------------------------
# db, audit and placements: the app's store (webapp.database; imported only by these subcommands)


def _add_store_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help="store URL (default: $BANENMATCH_DB_URL, else the SQLite file $BANENMATCH_DB or var/banenmatch.sqlite)",
    )


def _store_url(args: argparse.Namespace) -> str:
    from webapp.settings import Settings

    return args.db or Settings.from_env().store_url


def _shown_url(url: str) -> str:
    import sqlalchemy as sa

    return sa.engine.make_url(url).render_as_string(hide_password=True)


def _open_store(args: argparse.Namespace) -> Any:
    """The store, at the newest revision; an empty or out-of-date one is a usage error (exit 2)."""
    from webapp.database import DatabaseState, Store

    url = _store_url(args)
    store = Store(url)
    found = store.revision()
    if found.state is not DatabaseState.CURRENT:
        store.dispose()
        what = "has no banenmatch tables" if found.state is DatabaseState.EMPTY else "is out of date"
        raise _InputError(f"{_shown_url(url)} {what}; run 'banenmatch db upgrade' first")
    return store


def _add_db_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "db",
        help="the app's store: apply migrations, show the schema revision",
        description=(
            "'upgrade' applies the schema migrations shipped with banenmatch (creating the tables in an "
            "empty database); 'status' prints the revision and exits 1 when the store is out of date."
        ),
    )
    parser.add_argument("action", choices=["upgrade", "status"])
    _add_store_argument(parser)
    parser.set_defaults(handler=_run_db)


def _run_db(args: argparse.Namespace) -> int:
    from webapp.database import DatabaseState, Store

    url = _store_url(args)
    store = Store(url)
    try:
        before = store.revision()
        if args.action == "upgrade":
            store.upgrade()
            after = store.revision()
            print(f"{_shown_url(url)}: revision {before.current or 'none'} -> {after.current}")
            return EXIT_OK
        print(
            f"{_shown_url(url)}: revision {before.current or 'none'}, newest {before.head}: {before.state.value}"
        )
        return EXIT_OK if before.state is DatabaseState.CURRENT else EXIT_PROBLEMS
    finally:
        store.dispose()


def _date(value: str):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, found {value!r}") from None


def _add_audit_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="check the audit log's hash chain, or export it as CSV for a privacy officer",
        description=(
            "'verify' walks the hash chain from the first entry and reports the first broken or missing "
            "link (exit 1). 'export' writes the entries of --from..--to (inclusive, UTC days) as CSV: "
            "ids and actions only, ';'-separated, cells a spreadsheet would run as a formula defused."
        ),
    )
    parser.add_argument("action", choices=["verify", "export"])
    parser.add_argument("--from", dest="start", type=_date, metavar="YYYY-MM-DD", help="first day (export)")
    parser.add_argument("--to", dest="end", type=_date, metavar="YYYY-MM-DD", help="last day (export)")
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="CSV file to write (default: standard output)"
    )
    _add_store_argument(parser)
    parser.set_defaults(handler=_run_audit)


def _write_out(data: bytes, out: Path | None) -> None:
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)


def _run_audit(args: argparse.Namespace) -> int:
    from webapp.audit import AuditLog

    store = _open_store(args)
    try:
        log = AuditLog(store)
        if args.action == "export":
            _write_out(log.export_csv(args.start, args.end), args.out)
            return EXIT_OK
        checked, found = log.verify()
        entries = f"{checked} {'entry' if checked == 1 else 'entries'}"
        if found is None:
            print(f"ok: {entries}, every link intact", file=sys.stderr)
            return EXIT_OK
        print(f"audit_log: {found.describe()} ({entries} before it intact)")
        return EXIT_PROBLEMS
    finally:
        store.dispose()


def _add_placements_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "placements",
        help="write the placements recorded as outcomes in the app as contract placements.jsonl",
        description=(
            "'export' writes one contract placement per recorded 'geplaatst' outcome (its start date), with "
            "the end date and reason when the placement's end was recorded: the placement history that the "
            "durability model and the ranker are trained on. Check it with 'banenmatch validate "
            "--candidates C --vacancies V --placements P' against the data the advisers worked on."
        ),
    )
    parser.add_argument("action", choices=["export"])
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="JSON Lines file to write (default: standard output)"
    )
    _add_store_argument(parser)
    parser.set_defaults(handler=_run_placements)


def _run_placements(args: argparse.Namespace) -> int:
    import io

    from matcher.io import write_jsonl
    from webapp.outcomes import OutcomeStore

    store = _open_store(args)
    try:
        placements = OutcomeStore(store).placements()
    finally:
        store.dispose()
    buffer = io.StringIO()
    write_jsonl(placements, buffer)
    _write_out(buffer.getvalue().encode("utf-8"), args.out)
    print(f"ok: {_count(len(placements), 'placement')}", file=sys.stderr)
    return EXIT_OK


# --------------------------------------------------------------------------------------------------
# schema


def _add_schema_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="write the JSON Schema of every record type",
        description="Write the JSON Schema (draft 2020-12) of every record type of the data contract, one "
        "file per type (candidates.schema.json, vacancies.schema.json, placements.schema.json, "
        "carving_tasks.schema.json), so partners can check their exports before sending them.",
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to write the schemas to (created)")
    parser.set_defaults(handler=_run_schema)


def _run_schema(args: argparse.Namespace) -> int:
    from matcher.contract_models import json_schemas

    if args.out.exists() and not args.out.is_dir():
        raise _InputError(f"--out is a file, not a folder: {args.out}; give a folder")
    args.out.mkdir(parents=True, exist_ok=True)
    for name, schema in json_schemas().items():
        path = args.out / f"{name}.schema.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(path)
    return EXIT_OK


# --------------------------------------------------------------------------------------------------
# build and update: a saved index


def _add_build_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "build",
        help="build a saved index once, for match/run --index and the app (BANENMATCH_INDEX)",
        description=(
            "Build everything the matcher needs from the data and write it as the next version of the index "
            "folder INDEX (atomically: the previous version stays usable until the new one is complete). "
            "Invalid records are reported as by validate and set aside; the exit code is 0 only if none was."
        ),
    )
    parser.add_argument(
        "--candidates", required=True, type=Path, metavar="C", help="candidates JSON Lines file"
    )
    parser.add_argument(
        "--vacancies", required=True, type=Path, metavar="V", help="vacancies JSON Lines file"
    )
    parser.add_argument("--placements", type=Path, metavar="P", help="placement history")
    parser.add_argument(
        "--encoder",
        default="default",
        metavar="E",
        help="'default' (the shipped Dutch model), a sentence-transformers model folder, or 'hashing'",
    )
    parser.add_argument("--out", required=True, type=Path, metavar="INDEX", help="index folder to write")
    parser.set_defaults(handler=_run_build)


def _run_build(args: argparse.Namespace) -> int:
    import time

    from matcher import persist

    start = time.perf_counter()
    inputs = _load_inputs(args.candidates, args.vacancies, args.placements)
    for problem in inputs.problems:
        print(problem, file=sys.stdout)
    try:
        encoder = encoder_from_choice(args.encoder)
    except (ValueError, OSError) as exc:
        raise _InputError(str(exc)) from exc
    placements = inputs.placements.records if inputs.placements else ()
    matcher = Matcher(encoder=encoder).fit(inputs.candidates.records, inputs.packages.records, placements)
    fingerprints = {
        "candidates": persist.input_fingerprint(args.candidates, len(inputs.candidates.records)),
        "packages": persist.input_fingerprint(args.vacancies, len(inputs.packages.records)),
    }
    if args.placements is not None:
        fingerprints["placements"] = persist.input_fingerprint(args.placements, len(placements))
    folder = matcher.save(args.out, inputs=fingerprints, build_seconds=persist.elapsed(start))
    print(f"wrote {folder}: {inputs.summary()} in {persist.elapsed(start):.1f} s", file=sys.stderr)
    return EXIT_PROBLEMS if inputs.n_set_aside else EXIT_OK


def _add_update_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "update",
        help="apply changed, new and removed records to a saved index (next version, atomically)",
        description=(
            "Add or replace the records of the given files (matched by id), remove the listed ids, add "
            "placements to the history, and write the next version of INDEX. Only the changed records are "
            "processed in full. Invalid records are reported as by validate and set aside; nothing else "
            "changes because of them."
        ),
    )
    parser.add_argument("--index", required=True, type=Path, metavar="INDEX", help="index folder")
    parser.add_argument(
        "--candidates", type=Path, metavar="CHANGED", help="new or changed candidates (JSONL)"
    )
    parser.add_argument("--vacancies", type=Path, metavar="CHANGED", help="new or changed vacancies (JSONL)")
    parser.add_argument(
        "--placements", type=Path, metavar="NEW", help="placements to add to the history (JSONL)"
    )
    parser.add_argument(
        "--remove-candidates", type=Path, metavar="IDS", help="text file: a candidate id per line"
    )
    parser.add_argument(
        "--remove-vacancies", type=Path, metavar="IDS", help="text file: a vacancy id per line"
    )
    parser.add_argument(
        "--encoder",
        default="default",
        metavar="E",
        help="the encoder the index was built with (default: its own)",
    )
    parser.set_defaults(handler=_run_update)


#: Above this share of records changed since the last full build, ``update`` says a build is due.
REBUILD_SHARE = 0.10


def _read_ids(path: Path | None, what: str) -> list[str]:
    if path is None:
        return []
    _check_files([(path, what)])
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _run_update(args: argparse.Namespace) -> int:
    import time

    from matcher import persist

    start = time.perf_counter()
    loaded = {}
    problems: list[Problem] = []
    for kind, path, reader in (
        ("candidates", args.candidates, read_candidates),
        ("vacancies", args.vacancies, read_packages),
        ("placements", args.placements, read_placements),
    ):
        if path is not None:
            loaded[kind] = _read(reader, path, kind)
            problems += loaded[kind].problems
    for problem in problems:
        print(problem, file=sys.stdout)
    remove_c = _read_ids(args.remove_candidates, "remove-candidates")
    remove_p = _read_ids(args.remove_vacancies, "remove-vacancies")
    records = {kind: part.records for kind, part in loaded.items()}
    change = {
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "candidates": len(records.get("candidates", ())),
        "packages": len(records.get("vacancies", ())),
        "placements": len(records.get("placements", ())),
        "removed_candidates": len(remove_c),
        "removed_packages": len(remove_p),
    }
    try:
        encoder = None if args.encoder == "default" else encoder_from_choice(args.encoder)
        matcher, folder = persist.update(
            args.index,
            candidates=records.get("candidates", ()),
            packages=records.get("vacancies", ()),
            placements=records.get("placements", ()),
            remove_candidates=remove_c,
            remove_packages=remove_p,
            encoder=encoder,
            change=change,
        )
    except (ArtefactMismatchError, OSError, ValueError) as exc:
        raise _InputError(str(exc)) from exc
    _, manifest = persist.read_manifest(folder)
    share = persist.changed_share(manifest)
    print(
        f"wrote {folder}: {len(matcher.candidates)} candidates, {len(matcher.packages)} packages, "
        f"{len(matcher.placements)} placements in {persist.elapsed(start):.1f} s; "
        f"{share:.1%} of the records changed since the last full build",
        file=sys.stderr,
    )
    if share > REBUILD_SHARE:
        print(
            f"a full build is due: more than {REBUILD_SHARE:.0%} changed since the last one, and the durability "
            "model and ranker reference still reflect the old data (banenmatch build ... --out INDEX)",
            file=sys.stderr,
        )
    n_set_aside = sum(len(part.set_aside) for part in loaded.values())
    return EXIT_PROBLEMS if n_set_aside else EXIT_OK


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
    _add_run_parser(subparsers)
    _add_match_parser(subparsers)
    _add_carve_parser(subparsers)
    _add_build_parser(subparsers)
    _add_update_parser(subparsers)
    _add_db_parser(subparsers)
    _add_audit_parser(subparsers)
    _add_placements_parser(subparsers)
    _add_schema_parser(subparsers)
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
