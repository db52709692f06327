"""``python -m evaluation world``: generate a synthetic world and write it to a folder."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from tqdm import tqdm

from evaluation.world.generate import generate_world
from evaluation.world.records import PARAPHRASE_SETTINGS
from evaluation.world.write import write_world
from matcher.errors import BanenmatchError

__all__ = ["build_parser", "world_main"]


def build_parser(prog: str = "python -m evaluation world") -> argparse.ArgumentParser:
    """The argument parser of :func:`world_main`."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description=(
            "Generate a seeded synthetic world (candidates, work packages, placement history, graded "
            "qrels, audit labels and the latent truth) and write it to a folder."
        ),
    )
    parser.add_argument("--size", type=int, required=True, help="number of candidates")
    parser.add_argument(
        "--seed", type=int, required=True, help="random seed (same size and seed: same files)"
    )
    parser.add_argument("--out", required=True, help="output folder (created if needed)")
    parser.add_argument(
        "--n-packages", type=int, default=None, help="number of work packages (default: size/10, at least 20)"
    )
    parser.add_argument(
        "--region",
        default=None,
        help="limit homes and workplaces to an arbeidsmarktregio (e.g. Midden-Utrecht) or to within 15 km "
        "of a municipality (e.g. Utrecht)",
    )
    parser.add_argument(
        "--paraphrase",
        choices=PARAPHRASE_SETTINGS,
        default="none",
        help="how candidates word their work: none (default; the original world, byte for byte) or realistic "
        "(other words than the packages use for the same tasks, from ESCO, VDAB and everyday Dutch; "
        "same latent truth, records and qrels otherwise)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    return parser


def _bars(enabled: bool) -> Callable[[str, int], Callable[[int], None]] | None:
    if not enabled:
        return None
    bars: dict[str, tqdm] = {}

    def start(stage: str, total: int) -> Callable[[int], None]:
        bar = tqdm(total=total, desc=stage, unit="", leave=False, file=sys.stderr)
        bars[stage] = bar

        def tick(done: int) -> None:
            bar.update(done)
            if bar.n >= total:
                bar.close()

        return tick

    return start


def world_main(argv: list[str] | None = None) -> int:
    """Run ``python -m evaluation world --size N --seed S --out DIR [...]``; returns the exit code."""
    args = build_parser().parse_args(argv)
    if args.size < 1:
        print(f"--size: expected a positive number of candidates, found {args.size}", file=sys.stderr)
        return 2
    if args.n_packages is not None and args.n_packages < 1:
        print(f"--n-packages: expected a positive number, found {args.n_packages}", file=sys.stderr)
        return 2
    progress = _bars(not args.quiet)
    started = time.perf_counter()
    try:
        world = generate_world(
            args.size,
            args.seed,
            n_packages=args.n_packages,
            region=args.region,
            progress=progress,
            paraphrase=args.paraphrase,
        )
    except BanenmatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    generated = time.perf_counter()
    out = write_world(world, args.out, progress=progress)
    done = time.perf_counter()
    print(
        f"wrote {world.size} candidates, {world.n_packages} packages, {len(world.history)} placements and "
        f"{len(world.qrels)} relevant pairs to {out} (generate {generated - started:.1f} s, "
        f"write {done - generated:.1f} s)",
        file=sys.stderr,
    )
    return 0
