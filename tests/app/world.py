"""A small data folder for the app tests: the planted world of ``tests.planted`` plus placements.

One extra package lies too far away for everyone. Placements: for each of the first three candidates a job that ends 30 days after ``TODAY`` (so they
appear on *van werk naar werk*), one that ended long ago (so they do not), and history for the
durability model.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from matcher.io import write_jsonl
from matcher.schema import Placement
from tests.planted import package, planted_world

__all__ = ["ENDING", "FAR_AWAY", "write_world"]

ENDING = 3
"""How many candidates have a job ending soon."""

FAR_AWAY = "P-post-Maastricht"
"""A package in Maastricht: every candidate (all around Utrecht) is excluded by travel time."""


def write_world(folder: Path, *, today: date | None = None, seed: int = 3) -> dict[str, object]:
    """Write candidates.jsonl, vacancies.jsonl and placements.jsonl; return what the tests need to know."""
    today = today or date.today()
    candidates, packages, twins = planted_world(seed=seed)
    packages = [*packages, package(FAR_AWAY, "post", "Maastricht")]  # beyond everyone's hour of travel
    placements = []
    ending = sorted(twins.values())[:ENDING]
    for n, cid in enumerate(ending):
        pid = packages[n].id
        placements.append(Placement(cid, pid, today - timedelta(days=300), today + timedelta(days=30 + n)))
    long_ago = sorted(c.id for c in candidates if c.id not in twins.values())[:3]
    for n, cid in enumerate(long_ago):
        placements.append(
            Placement(cid, packages[n].id, date(2020, 1, 1), date(2021, 1, 1), "contract_niet_verlengd")
        )
    folder.mkdir(parents=True, exist_ok=True)
    write_jsonl(candidates, folder / "candidates.jsonl")
    write_jsonl(packages, folder / "vacancies.jsonl")
    write_jsonl(placements, folder / "placements.jsonl")
    return {
        "candidates": candidates,
        "packages": packages,
        "twins": twins,
        "ending": ending,
        "ended_long_ago": long_ago,
    }
