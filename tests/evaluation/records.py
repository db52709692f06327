"""Seeded random contract records with many unknowns, for oracle and system tests."""

from __future__ import annotations

import random
from datetime import date, timedelta

from matcher.contract import load_contract
from matcher.schema import (
    Accommodation,
    Candidate,
    CandidateHours,
    CandidateSchedule,
    Capacities,
    Location,
    PackageHours,
    PackageSchedule,
    Register,
    Task,
    Travel,
    WorkPackage,
)

MUNICIPALITIES = ("Utrecht", "Amsterdam", "Zeist", "Amersfoort", "Nieuwegein", "Houten")
WORK = (
    ("Medewerker postkamer", "post sorteren en rondbrengen", "brieven scannen en archiveren"),
    ("Medewerker groenonderhoud", "gras maaien en snoeien", "onkruid wieden in het park"),
    ("Medewerker schoonmaak", "bureaus en ruimtes schoonmaken", "afval scheiden"),
    ("Medewerker catering", "koffie zetten en broodjes smeren", "vaatwasser bedienen"),
    ("Medewerker ICT-ondersteuning", "laptops klaarmaken", "kabels en accounts beheren"),
)


def _maybe(rng: random.Random, value, p_unknown: float = 0.15):
    return None if rng.random() < p_unknown else value


def _subset(rng: random.Random, pool, low: int = 1):
    return tuple(sorted(rng.sample(list(pool), rng.randint(low, len(pool)))))


def random_candidate(rng: random.Random, ident: str, *, work: int | None = None) -> Candidate:
    contract = load_contract()
    levels = {
        code: rng.randint(0, item.max_level) for code, item in contract.fml.items() if rng.random() < 0.4
    }
    low = rng.choice([0, 8, 12, 16, 20])
    theme = WORK[rng.randrange(len(WORK)) if work is None else work]
    return Candidate(
        ident,
        register=Register(rng.choice(contract.register_routes), date(2015, 1, 1)),
        available_from=_maybe(rng, date(2025, 1, 1) + timedelta(days=rng.randint(0, 120))),
        location=_maybe(rng, Location(rng.choice(MUNICIPALITIES))),
        travel=_maybe(
            rng,
            Travel(
                _maybe(rng, rng.choice([20, 30, 45, 60, 90])),
                _maybe(rng, _subset(rng, contract.travel_modes, low=0)),
                _maybe(rng, rng.random() < 0.3),
            ),
        ),
        hours=_maybe(
            rng,
            CandidateHours(
                _maybe(rng, low),
                _maybe(rng, low + rng.choice([4, 8, 16])),
                _maybe(rng, rng.choice([4, 6, 8])),
            ),
        ),
        schedule=_maybe(
            rng,
            CandidateSchedule(
                _maybe(rng, _subset(rng, contract.days)),
                _maybe(rng, _subset(rng, contract.dayparts)),
                _maybe(rng, rng.random() < 0.3),
            ),
        ),
        capacities=Capacities(assessed=rng.random() < 0.6, levels=levels),
        needs=_maybe(rng, _subset(rng, list(contract.needs_offers)[:4], low=0)),
        experience=(f"Ik heb gewerkt met {theme[1]}.",),
        wishes=f"Ik wil graag {theme[2]}.",
    )


def random_package(rng: random.Random, ident: str, *, work: int | None = None) -> WorkPackage:
    contract = load_contract()
    demands = {
        code: rng.randint(0, item.max_level) for code, item in contract.fml.items() if rng.random() < 0.6
    }
    accommodations = tuple(
        Accommodation(
            f"aanpassing {i}", {rng.choice(contract.fml_codes): rng.randint(1, 2)}, rng.random() < 0.6
        )
        for i in range(rng.randint(0, 2))
    )
    theme = WORK[rng.randrange(len(WORK)) if work is None else work]
    return WorkPackage(
        ident,
        "werkgever",
        rng.choice(list(contract.sectors)),
        theme[0],
        tasks=(Task(theme[1]), Task(theme[2])),
        description=f"{theme[0]} bij een publieke werkgever.",
        location=_maybe(rng, Location(rng.choice(MUNICIPALITIES))),
        hours=_maybe(
            rng,
            PackageHours(_maybe(rng, rng.choice([8, 12, 16, 20, 24])), _maybe(rng, rng.choice([4, 6, 8]))),
        ),
        schedule=_maybe(
            rng,
            PackageSchedule(
                _maybe(rng, _subset(rng, contract.days[:5])),
                _maybe(rng, _subset(rng, list(contract.dayparts)[:2])),
                _maybe(rng, rng.random() < 0.6),
            ),
        ),
        demands=demands,
        accommodations=accommodations,
        offers=_maybe(rng, _subset(rng, list(contract.needs_offers)[:4], low=0)),
        start=_maybe(rng, date(2025, 1, 1) + timedelta(days=rng.randint(0, 120))),
    )
