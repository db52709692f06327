"""Evaluation reports on disk, and starting a small evaluation run.

A report is a folder written by ``python -m evaluation run ... --out FOLDER``: ``metrics.json``,
``report.md`` and PNG plots (in ``plots/``). The app lists the folders under the reports directory
(and the directory itself when it is one), newest first. A small run is the evaluation command line in
a subprocess (the app never imports ``evaluation``), on a world limited to one region so that a few
hundred candidates already give enough judged queries (see docs/BENCHMARKS.md, "The app's small run").
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from matcher import texts_nl
from webapp.settings import BASE_DIR

__all__ = [
    "DIRECTIONS",
    "MIN_JUDGED_QUERIES",
    "SMALL_RUN_CANDIDATES_PER_PACKAGE",
    "SMALL_RUN_REGION",
    "Report",
    "find_reports",
    "judged_queries",
    "metrics_tables",
    "progress_fraction",
    "run_evaluation",
    "run_steps",
    "small_run_commands",
    "small_run_packages",
    "too_few_judged",
]

DIRECTIONS = ("vacancy", "candidate")
"""The ranking directions of a ``metrics.json``: a table of systems under each."""

MIN_JUDGED_QUERIES = 30
"""Fewer judged queries (queries with at least one relevant document) than this in a direction, and its
means and tests say nothing; the page says so and leaves the tests out (as ``evaluation.report`` does)."""

SMALL_RUN_REGION = "Utrecht"
"""Centre of a small run's world: homes and workplaces within 15 km (``world --region``), so travel is
feasible for most pairs. A national world of 200 candidates had 1 relevant pair in all."""

SMALL_RUN_CANDIDATES_PER_PACKAGE = 5
"""A small run's world has one package per this many candidates (the world's default is 10): twice the
judged vacancies for the same candidates, at about 10 s more run time per 1,000 candidates."""

_MARKERS = ("metrics.json", "report.md")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")  # image links: the app shows the PNGs itself


@dataclass(frozen=True)
class Report:
    path: Path
    modified: datetime
    metrics: Any | None
    markdown: str | None
    images: tuple[Path, ...]

    @property
    def name(self) -> str:
        return self.path.name


def _read_report(folder: Path) -> Report:
    metrics_file, markdown_file = folder / "metrics.json", folder / "report.md"
    metrics = json.loads(metrics_file.read_text(encoding="utf-8")) if metrics_file.is_file() else None
    markdown = _IMAGE.sub("", markdown_file.read_text(encoding="utf-8")) if markdown_file.is_file() else None
    stamp = max((folder / m).stat().st_mtime for m in _MARKERS if (folder / m).is_file())
    return Report(
        path=folder,
        modified=datetime.fromtimestamp(stamp),
        metrics=metrics,
        markdown=markdown,
        images=tuple(sorted([*folder.glob("*.png"), *folder.glob("plots/*.png")])),
    )


def find_reports(reports_dir: Path) -> list[Report]:
    """Report folders: ``reports_dir`` itself and its sub-folders that hold a marker file, newest first."""
    if not reports_dir.is_dir():
        return []
    candidates = [reports_dir, *sorted(p for p in reports_dir.iterdir() if p.is_dir())]
    found = [_read_report(p) for p in candidates if any((p / m).is_file() for m in _MARKERS)]
    return sorted(found, key=lambda r: (r.modified, r.name), reverse=True)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, bool | int | float | str)


def _tables(obj: Any, path: str) -> Iterator[tuple[str, pd.DataFrame]]:
    if not isinstance(obj, dict) or not obj:
        if (
            isinstance(obj, list)
            and obj
            and all(isinstance(x, dict) and all(map(_is_scalar, x.values())) for x in obj)
        ):
            yield path, pd.DataFrame(obj)
        return
    if all(isinstance(v, dict) and any(map(_is_scalar, v.values())) for v in obj.values()):
        rows = {k: {m: x for m, x in v.items() if _is_scalar(x)} for k, v in obj.items()}
        yield path, pd.DataFrame.from_dict(rows, orient="index")
        return
    for key, value in obj.items():
        if not _is_scalar(value):
            yield from _tables(value, f"{path}.{key}" if path else str(key))
    scalars = {k: v for k, v in obj.items() if _is_scalar(v)}
    if scalars:
        yield path, pd.DataFrame({texts_nl.APP_TEXTS["evaluatie"]["value"]: scalars}).rename_axis(None)


def metrics_tables(metrics: Any) -> list[tuple[str, pd.DataFrame]]:
    """Tables found in a ``metrics.json``, labelled by their dotted path: every mapping of rows (e.g.
    system -> metric -> value; a row's nested values are left out), every list of flat records, and
    after them the scalars of each level."""
    return list(_tables(metrics, ""))


_STEP = re.compile(r"\[(\d+)/(\d+)\]")  # "[3/12] tfidf vacancy": a system run starts
_BAR = re.compile(r"^\w+:.*?\|\s*(\d+)/(\d+)")  # a tqdm bar "systems:  25%|██  | 3/12 [...]"


def progress_fraction(line: str) -> float | None:
    """A progress fraction from an evaluation log line (a ``[i/n]`` step marker, else a progress bar)."""
    match = _STEP.search(line) or _BAR.search(line)
    if match is None:
        return None
    done, total = int(match.group(1)), int(match.group(2))
    return min(done / total, 1.0) if total else None


def small_run_packages(candidates: int) -> int:
    """Packages in a small run's world of ``candidates``: one per five, at least 20 (as the world)."""
    return max(20, candidates // SMALL_RUN_CANDIDATES_PER_PACKAGE)


def small_run_commands(
    out: Path, *, candidates: int, seed: int, encoder: str, region: str = SMALL_RUN_REGION
) -> list[list[str]]:
    """The two commands of a small evaluation: a fresh synthetic world around ``region`` in ``out/world``
    (with :func:`small_run_packages` packages), then every available system run and scored into the
    report folder ``out``."""
    world = out / "world"
    evaluation = [sys.executable, "-m", "evaluation"]
    return [
        [
            *evaluation, "world", "--size", str(candidates), "--seed", str(seed), "--out", str(world),
            "--region", region, "--n-packages", str(small_run_packages(candidates)),
        ],
        [
            *evaluation, "run", "--data", str(world), "--out", str(out), "--encoder", encoder,
            "--seed", str(seed), "--permutations", "1000",
        ],
    ]  # fmt: skip


def judged_queries(metrics: Any) -> dict[str, int]:
    """Judged queries per direction of a ``metrics.json`` (each system row's ``judged_queries``; they
    share the qrels, so the largest is taken). Directions without that count are left out."""
    found: dict[str, int] = {}
    if not isinstance(metrics, dict):
        return found
    for direction in DIRECTIONS:
        rows = metrics.get(direction)
        if not isinstance(rows, dict):
            continue
        counts = [
            row["judged_queries"]
            for row in rows.values()
            if isinstance(row, dict)
            and isinstance(row.get("judged_queries"), int)
            and not isinstance(row.get("judged_queries"), bool)
        ]
        if counts:
            found[direction] = max(counts)
    return found


def too_few_judged(metrics: Any, *, minimum: int = MIN_JUDGED_QUERIES) -> dict[str, int]:
    """The directions of a ``metrics.json`` with fewer than ``minimum`` judged queries, with their count."""
    return {direction: n for direction, n in judged_queries(metrics).items() if n < minimum}


def run_steps(
    commands: list[list[str]], on_line: Callable[[str], None], on_progress: Callable[[float], None]
) -> int:
    """Run commands one after the other (stopping at the first failure); progress over all of them."""
    for index, command in enumerate(commands):

        def line(text: str, index: int = index) -> None:
            on_line(text)
            fraction = progress_fraction(text)
            if fraction is not None:
                on_progress((index + fraction) / len(commands))

        code = run_evaluation(command, line)
        if code != 0:
            return code
        on_progress((index + 1) / len(commands))
    return 0


def run_evaluation(
    command: list[str], on_line: Callable[[str], None], *, env: dict[str, str] | None = None
) -> int:
    """Run ``command`` from :data:`~webapp.settings.BASE_DIR`, feeding each output line to ``on_line``; the exit code."""
    with subprocess.Popen(
        command,
        cwd=BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
        env=env,
    ) as process:
        for line in process.stdout or ():
            on_line(line.rstrip("\n"))
        return process.wait()
