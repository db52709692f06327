"""``python -m evaluation``: make a synthetic world, run and score the ranking benchmark, run MELO.

Subcommands::

    world   --size N --seed S --out DIR            synthetic benchmark folder (evaluation.world)
    run     --data DIR --systems all|A,B --out REPORT_DIR [--k 100] [--baseline NAME]
            [--directions vacancy,candidate] [--encoder default|hashing|PATH]
                                                  run systems, save runs, score, write the report
    score   --data DIR --runs REPORT_DIR/runs --out DIR [--baseline NAME]
                                                  re-score saved runs without running systems
    systems                                        list the systems and whether they are available
    melo    --data PATH [--encoder ...]            the MELO-nld benchmark (evaluation.melo)
    register --out FILE.md [--metrics REPORT_DIR]  draft Algoritmeregister entry (evaluation.register)

Exit status: 0 when all went well; 1 when the benchmark ran but found a problem (records set aside
as invalid, or a system that claims to apply the hard rule returned a pair that breaks it); 2 on a
usage error or a missing module or file.
"""

from __future__ import annotations

import argparse
import importlib
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from matcher.errors import BanenmatchError

__all__ = ["CONSTRAINED_SYSTEMS", "main"]

CONSTRAINED_SYSTEMS = frozenset({"embedding_constraints", "full", "full_fair"})
"""Systems that promise no pair breaking the hard rule: any violation fails the run (exit 1)."""


class _UsageError(Exception):
    """A bad option value found after parsing (reported as ``error: ...``, exit 2)."""


def _delegate(module: str, function: str, argv: Sequence[str]) -> int:
    """Hand the remaining arguments to ``module.function(argv)``, or explain clearly why not."""
    try:
        target = getattr(importlib.import_module(module), function)
    except ModuleNotFoundError as exc:
        print(
            f"error: {module} is not available ({exc.name} is missing); "
            f"this subcommand needs {module}.{function}",
            file=sys.stderr,
        )
        return 2
    except AttributeError:
        print(f"error: {module} has no {function}() yet; this subcommand needs it", file=sys.stderr)
        return 2
    return int(target(list(argv)) or 0)


def _directions(text: str):
    from evaluation.runs import Direction

    try:
        return tuple(Direction(part.strip()) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a comma-separated list of {', '.join(Direction)}, found {text!r}"
        ) from None


def _metrics(text: str) -> tuple[str, ...]:
    from evaluation.metrics import RANX_METRICS, parse_metric

    names = tuple(part.strip() for part in text.split(",") if part.strip())
    for name in names:
        try:
            parsed = parse_metric(name)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
        if parsed.name not in RANX_METRICS:
            raise argparse.ArgumentTypeError(
                f"{name!r} is not one of {', '.join(sorted(RANX_METRICS))} (with @k)"
            )
    if not names:
        raise argparse.ArgumentTypeError("expected at least one metric, e.g. ndcg@10,map,mrr,recall@20")
    return names


def _encoder_factory(choice: str):
    def make():
        from matcher.encoders import encoder_from_choice

        return encoder_from_choice(choice)

    return make


def _parser() -> argparse.ArgumentParser:
    from evaluation.experiment import DEFAULT_METRICS

    parser = argparse.ArgumentParser(
        prog="python -m evaluation",
        description="banenmatch evaluation: synthetic world, ranking benchmark, MELO.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("world", help="make a synthetic benchmark folder (see: python -m evaluation world --help)")
    sub.add_parser("melo", help="run the MELO-nld benchmark (see: python -m evaluation melo --help)")
    sub.add_parser(
        "register", help="draft Algoritmeregister entry (see: python -m evaluation register --help)"
    )
    sub.add_parser("systems", help="list the benchmark systems and whether their modules are present")

    def scoring(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", required=True, type=Path, help="benchmark folder (from `world`)")
        p.add_argument("--out", required=True, type=Path, help="report folder to write")
        p.add_argument(
            "--baseline", default="tfidf", help="system the others are tested against (default tfidf)"
        )
        p.add_argument(
            "--directions", default="vacancy,candidate", type=_directions, help="default vacancy,candidate"
        )
        p.add_argument(
            "--metrics",
            default=",".join(DEFAULT_METRICS),
            type=_metrics,
            help=f"relevance metrics (default {','.join(DEFAULT_METRICS)})",
        )
        p.add_argument("--cutoff", default=10, type=int, help="k of violations@k, coverage@k, exposure@k")
        p.add_argument("--permutations", default=10_000, type=int, help="randomisation-test flips")
        p.add_argument("--seed", default=0, type=int, help="seed of the random baseline and the tests")
        p.add_argument("--no-progress", action="store_true", help="no progress bars")

    run = sub.add_parser("run", help="run systems, save their runs, score them, write the report")
    scoring(run)
    run.add_argument("--systems", default="all", help="'all' (the available ones) or names, comma-separated")
    run.add_argument("--k", default=100, type=int, help="results per query in each run (default 100)")
    run.add_argument(
        "--encoder",
        default="default",
        help="'default' (the shipped model), 'hashing' (the small test encoder) or a model folder",
    )
    run.add_argument(
        "--ranker",
        type=Path,
        default=None,
        help="folder of a saved ranker for `full` (e.g. one trained with --encoder hashing); "
        "default: the shipped ranker when it was trained for this encoder, else the expert prior",
    )
    run.add_argument("--overwrite", action="store_true", help="delete the runs of an earlier `run` in --out")
    run.add_argument(
        "--fairness",
        action="store_true",
        help="also run full_fair (fair re-ranking of candidates by limitation type, matcher.fairness)",
    )
    run.add_argument(
        "--fairness-depth",
        type=int,
        default=20,
        help="full_fair: target shares from the groups among this many best-scored eligible results (20)",
    )
    run.add_argument(
        "--fairness-weights",
        type=Path,
        default=None,
        help="full_fair: JSON of per-group corrections learned on another world (scripts/fair_tradeoff.py)",
    )
    score = sub.add_parser("score", help="re-score saved runs without running the systems")
    scoring(score)
    score.add_argument("--runs", required=True, type=Path, help="folder of SYSTEM.DIRECTION.trec files")
    return parser


def _systems() -> int:
    from evaluation.systems import SYSTEMS, missing_modules

    for spec in SYSTEMS:
        missing = missing_modules(spec)
        state = "available" if not missing else f"missing {', '.join(missing)}"
        print(f"{spec.name:<22} {state:<28} {spec.summary}")
    return 0


def _durability(data, built: dict, runs_dir: Path, *, seed: int) -> list[dict]:
    """Held-out durability estimates from ``full``'s (or ``full_fair``'s) Matcher, saved beside the runs."""
    from evaluation.calibration import HOLDOUT_FILE, durability_holdout, write_holdout

    system = built.get("full") or built.get("full_fair")
    if system is None or not data.placements:
        return []
    print("durability: held-out calibration", file=sys.stderr, flush=True)
    rows = durability_holdout(system._matcher(data), data, seed=seed)
    write_holdout(rows, runs_dir / HOLDOUT_FILE)
    return rows


def _benchmark(args: argparse.Namespace, argv: Sequence[str]) -> int:
    from evaluation.calibration import HOLDOUT_FILE, read_holdout
    from evaluation.dataset import load_benchmark
    from evaluation.experiment import ScoreSettings, load_runs, run_systems, score_runs
    from evaluation.report import write_report
    from evaluation.systems import SystemOptions, select_systems

    for name in ("cutoff", "permutations") + (("k",) if args.command == "run" else ()):
        if getattr(args, name) < 1:
            raise _UsageError(f"--{name}: expected a positive whole number, found {getattr(args, name)}")
    data = load_benchmark(args.data)
    for problem in data.problems:
        print(problem, file=sys.stderr)
    skipped: dict[str, tuple[str, ...]] = {}
    if args.command == "run":
        old_runs = sorted((args.out / "runs").glob("*.trec"))
        if old_runs and not args.overwrite:
            raise _UsageError(
                f"{args.out / 'runs'} already holds {len(old_runs)} run files; a report must not mix runs of "
                "different invocations. Choose a new --out, or pass --overwrite to delete them first"
            )
        for path in old_runs:
            path.unlink()
        if args.fairness_depth < 1:
            raise _UsageError(
                f"--fairness-depth: expected a positive whole number, found {args.fairness_depth}"
            )
        names = args.systems
        if args.fairness and names.strip() != "all" and "full_fair" not in names.split(","):
            names = f"{names},full_fair"
        specs, skipped = select_systems(names, include_opt_in=args.fairness)
        for name, missing in skipped.items():
            print(f"skipping {name}: needs {', '.join(missing)}", file=sys.stderr)
        options = SystemOptions(
            seed=args.seed,
            encoder=_encoder_factory(args.encoder),
            progress=not args.no_progress,
            ranker=args.ranker,
            fairness_depth=args.fairness_depth,
            fairness_weights=args.fairness_weights,
        )
        built: dict[str, object] = {}
        runs = run_systems(
            data,
            specs,
            options=options,
            directions=args.directions,
            k=args.k,
            runs_dir=args.out / "runs",
            on_start=lambda i, n, label: print(f"[{i}/{n}] {label}", file=sys.stderr, flush=True),
            built=built,
        )
        durability = _durability(data, built, args.out / "runs", seed=args.seed)
    else:
        runs = load_runs(args.runs, directions=args.directions)
        held = args.runs / HOLDOUT_FILE
        durability = read_holdout(held) if held.is_file() else []
    settings = ScoreSettings(
        metrics=args.metrics,
        cutoff=args.cutoff,
        baseline=args.baseline,
        permutations=args.permutations,
        seed=args.seed,
    )
    card = score_runs(data, runs, settings, durability=durability)
    written = write_report(
        card, args.out, skipped=skipped, command="python -m evaluation " + shlex.join(argv)
    )
    print(f"wrote {written['report']} and {written['metrics']}", file=sys.stderr)
    status = 1 if data.problems else 0
    for scores in card.systems:
        if scores.system in CONSTRAINED_SYSTEMS and scores.violations.count:
            print(
                f"FAIL: {scores.system} ({scores.direction}) returned {scores.violations.count} pairs that break the "
                f"hard rule in its top {settings.cutoff}, e.g. {list(scores.violations.examples[:3])}",
                file=sys.stderr,
            )
            status = 1
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m evaluation``; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "world":
        return _delegate("evaluation.world", "world_main", argv[1:])
    if argv and argv[0] == "melo":
        return _delegate("evaluation.melo", "melo_main", argv[1:])
    if argv and argv[0] == "register":
        return _delegate("evaluation.register", "register_main", argv[1:])
    try:
        try:
            args = _parser().parse_args(argv)
        except SystemExit as exc:  # argparse has printed usage or help
            return int(exc.code or 0)
        if args.command == "systems":
            return _systems()
        return _benchmark(args, argv)
    except _UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:
        print(f"error: a module this needs is missing: {exc.name}", file=sys.stderr)
        return 2
    except (BanenmatchError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
