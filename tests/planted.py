"""Seeded synthetic records with planted answers, for matcher tests.

Every package belongs to one *kind* of work; for each package exactly one candidate (its "twin") wishes
for and has done that kind of work and lives nearby; every other candidate wants another kind. All
records pass the hard rule unless a test breaks one on purpose.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from matcher.schema import (
    Candidate,
    CandidateHours,
    CandidateSchedule,
    Capacities,
    Location,
    PackageHours,
    PackageSchedule,
    Task,
    Travel,
    WorkPackage,
)

KINDS = {
    "groen": (
        ("Hagen snoeien", "Onkruid wieden in de plantsoenen", "Gras maaien"),
        "Ik werk het liefst buiten in het groen, snoeien en maaien vind ik fijn.",
        "Drie jaar bij een hoveniersbedrijf gewerkt: hagen snoeien, gras maaien en onkruid wieden.",
    ),
    "schoonmaak": (
        ("Toetsenborden reinigen", "Bureaus afnemen", "Vloeren dweilen"),
        "Ik wil graag schoonmaakwerk doen, ik houd van opruimen en poetsen.",
        "Bij een schoonmaakbedrijf kantoren gepoetst, bureaus afgenomen en vloeren gedweild.",
    ),
    "post": (
        ("Post sorteren", "Pakketten rondbrengen in het gebouw", "Poststukken scannen"),
        "Ik zou graag in een postkamer werken, post sorteren en rondbrengen.",
        "Op de postkamer van een ziekenhuis brieven gesorteerd, gescand en pakketten rondgebracht.",
    ),
    "catering": (
        ("Broodjes smeren", "Koffie en thee rondbrengen", "Vaatwasser in- en uitruimen"),
        "Ik wil graag in een keuken of kantine werken en broodjes maken.",
        "In de kantine van een school broodjes gesmeerd, koffie gezet en de vaatwasser gedaan.",
    ),
    "archief": (
        ("Dossiers digitaliseren", "Documenten scannen en controleren", "Archiefdozen ordenen"),
        "Ik wil rustig werken met papieren en de computer, dossiers scannen en ordenen.",
        "Bij een archief dossiers gescand, ingevoerd in de computer en dozen geordend.",
    ),
}
TOWNS = ("Utrecht", "Amersfoort", "Zeist", "Nieuwegein", "Houten")
WEEK = ("ma", "di", "wo", "do", "vr")


def candidate(id: str, kind: str, town: str = "Utrecht", **changes) -> Candidate:
    _, wish, experience = KINDS[kind]
    fields = dict(
        id=id,
        available_from=date(2026, 1, 1),
        location=Location(town),
        travel=Travel(max_minutes=60, modes=("fiets", "ov"), avoid_rush_hour=False),
        education="mbo2",
        hours=CandidateHours(min_per_week=12, max_per_week=32, max_per_day=8),
        schedule=CandidateSchedule(days=WEEK, dayparts=("ochtend", "middag"), needs_fixed_schedule=False),
        capacities=Capacities(assessed=True, source="UWV FML", levels={}),
        needs=(),
        experience=(experience,),
        wishes=wish,
    )
    fields.update(changes)
    return Candidate(**fields)


def package(id: str, kind: str, town: str = "Utrecht", **changes) -> WorkPackage:
    tasks, _, _ = KINDS[kind]
    fields = dict(
        id=id,
        employer="Gemeente Utrecht",
        sector="gemeenten",
        title=f"Medewerker {kind}",
        tasks=tuple(Task(t) for t in tasks),
        description="",
        location=Location(town),
        hours=PackageHours(per_week=24, per_day=6),
        schedule=PackageSchedule(days=("ma", "di", "wo", "do"), dayparts=("ochtend",), fixed=True),
        demands={"PF01": 1, "DH01": 2},
        offers=("jobcoach", "vaste_begeleider"),
        contract="tijdelijk",
        start=date(2027, 1, 1),
    )
    fields.update(changes)
    return WorkPackage(**fields)


def planted_world(
    seed: int = 0, per_kind: int = 6
) -> tuple[list[Candidate], list[WorkPackage], dict[str, str]]:
    """Candidates, packages and ``{package_id: twin_candidate_id}``.

    For every package the twin shares its kind and town; the other candidates of the same kind live
    in towns without packages (farther away) and the rest want other work, so the twin is the one
    right answer.
    """
    rng = np.random.default_rng(seed)
    candidates: list[Candidate] = []
    packages: list[WorkPackage] = []
    twins: dict[str, str] = {}
    n = 0
    for kind in KINDS:
        for town in TOWNS[:2]:
            pid = f"P-{kind}-{town}"
            packages.append(package(pid, kind, town))
            cid = f"C{n:03d}"
            n += 1
            candidates.append(candidate(cid, kind, town))
            twins[pid] = cid
        for _ in range(per_kind):
            other = [k for k in KINDS if k != kind][int(rng.integers(len(KINDS) - 1))]
            candidates.append(candidate(f"C{n:03d}", other, TOWNS[2 + int(rng.integers(len(TOWNS) - 2))]))
            n += 1
    order = rng.permutation(len(candidates))
    return [candidates[i] for i in order], packages, twins
