"""A tiny hand-built benchmark folder with planted answers, for system and CLI tests.

Five kinds of work, 8 candidates and 3 packages per kind. Every record is fully known and the pairs fit,
except two planted exclusions per kind:

* candidate slot 0 needs a low-stimulus workplace that no package offers (excluded everywhere);
* candidate slot 1 can lift at most 5 kg (DH01 = 1) and the groen and schoonmaak packages demand
  DH01 = 2 (excluded there only).

Relevance (both directions): an eligible pair of the same kind is 3 when the candidate's experience is
of that kind too and 2 when only the wishes are; an eligible pair where only the experience matches is
1; everything else, and every excluded pair, is 0. Candidate slots 2 and 3 have many past placements
(popularity). The folder looks like one written by ``python -m evaluation world``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from evaluation.oracle import excludes
from evaluation.runs import Qrels, write_qrels
from matcher.contract import load_contract
from matcher.io import write_jsonl
from matcher.schema import (
    Candidate,
    CandidateHours,
    CandidateSchedule,
    Capacities,
    Location,
    PackageHours,
    PackageSchedule,
    Placement,
    Register,
    Task,
    Travel,
    WorkPackage,
)

KINDS = (
    ("post", "Medewerker postkamer", "post sorteren en rondbrengen", "brieven scannen en archiveren"),
    ("groen", "Medewerker groenonderhoud", "gras maaien en heggen snoeien", "onkruid wieden in het park"),
    (
        "schoon",
        "Medewerker schoonmaak",
        "bureaus en toiletten schoonmaken",
        "afval scheiden en containers legen",
    ),
    ("catering", "Medewerker catering", "koffie zetten en broodjes smeren", "de vaatwasser vullen en legen"),
    ("ict", "Medewerker ICT-werkplek", "laptops installeren en klaarzetten", "kabels en printers aansluiten"),
)
HEAVY = {"groen", "schoon"}
PER_KIND_CANDIDATES = 8
PER_KIND_PACKAGES = 3


def candidates() -> list[Candidate]:
    out = []
    routes = load_contract().register_routes
    for t, (_, title, task_a, task_b) in enumerate(KINDS):
        for slot in range(PER_KIND_CANDIDATES):
            n = t * PER_KIND_CANDIDATES + slot
            experience_kind = t if slot % 2 == 0 else (t + 1) % len(KINDS)
            exp = KINDS[experience_kind]
            out.append(
                Candidate(
                    f"K{n:04d}",
                    register=Register(routes[n % 2], date(2018, 1, 1)),
                    available_from=date(2025, 1, 1),
                    location=Location("Utrecht"),
                    travel=Travel(60, ("fiets", "ov"), False),
                    education="mbo2",
                    hours=CandidateHours(8, 32, 8),
                    schedule=CandidateSchedule(("ma", "di", "wo", "do", "vr"), ("ochtend", "middag"), False),
                    capacities=Capacities(assessed=True, levels={"DH01": 1} if slot == 1 else {}),
                    needs=("prikkelarme_werkplek",) if slot == 0 else (),
                    experience=(f"Eerder werk als {exp[1].lower()}: {exp[2]}.",),
                    wishes=f"Ik wil graag werken als {title.lower()}, bijvoorbeeld {task_a} en {task_b}.",
                )
            )
    return out


def packages() -> list[WorkPackage]:
    out = []
    for t, (code, title, task_a, task_b) in enumerate(KINDS):
        for slot in range(PER_KIND_PACKAGES):
            n = t * PER_KIND_PACKAGES + slot
            out.append(
                WorkPackage(
                    f"P{n:03d}",
                    f"werkgever-{slot}",
                    "gemeenten",
                    title,
                    tasks=(Task(task_a, 8), Task(task_b, 8)),
                    description=f"{title} bij de gemeente.",
                    location=Location("Utrecht" if slot else "Zeist"),
                    hours=PackageHours(16, 4),
                    schedule=PackageSchedule(("ma", "di", "wo"), ("ochtend",), True),
                    demands={"DH01": 2 if code in HEAVY else 1, "PF05": 1, "SF01": 1},
                    offers=("jobcoach",),
                    contract="tijdelijk",
                    start=date(2025, 3, 1),
                )
            )
    return out


def placements() -> list[Placement]:
    out = []
    for t in range(len(KINDS)):
        for slot, times in ((2, 3), (3, 2)):
            cid = f"K{t * PER_KIND_CANDIDATES + slot:04d}"
            out += [
                Placement(
                    cid, f"H{t}{i}", date(2020 + i, 1, 1), date(2020 + i, 6, 1), "contract_niet_verlengd"
                )
                for i in range(times)
            ]
    return out


def grade(candidate_index: int, package_index: int, excluded: bool) -> int:
    if excluded:
        return 0
    wish = candidate_index // PER_KIND_CANDIDATES
    slot = candidate_index % PER_KIND_CANDIDATES
    experience = wish if slot % 2 == 0 else (wish + 1) % len(KINDS)
    kind = package_index // PER_KIND_PACKAGES
    if wish == kind:
        return 3 if experience == kind else 2
    return 1 if experience == kind else 0


def write_tiny_world(folder: Path) -> Path:
    """Write the tiny world into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    cands, pkgs = candidates(), packages()
    write_jsonl(cands, folder / "candidates.jsonl")
    write_jsonl(pkgs, folder / "vacancies.jsonl")
    write_jsonl(placements(), folder / "placements.jsonl")
    by_package: dict[str, dict[str, int]] = {}
    by_candidate: dict[str, dict[str, int]] = {}
    for i, c in enumerate(cands):
        for j, p in enumerate(pkgs):
            excluded = excludes(c, p)
            g = grade(i, j, excluded)
            if g or excluded:  # judged: every relevant pair and every excluded pair
                by_package.setdefault(p.id, {})[c.id] = g
                by_candidate.setdefault(c.id, {})[p.id] = g
    write_qrels(Qrels("vacancy", by_package), folder / "qrels.vacancy.tsv")
    write_qrels(Qrels("candidate", by_candidate), folder / "qrels.candidate.tsv")
    sexes = ("man", "vrouw")
    limitations = ("lvb", "autisme", "psychisch", "lichamelijk")
    bands = ("18-25", "25-35", "35-45")
    with (folder / "audit.jsonl").open("w", encoding="utf-8") as out:
        for i, c in enumerate(cands):
            out.write(
                f'{{"candidate_id": "{c.id}", "sex": "{sexes[i % 2]}", "age_band": "{bands[i % 3]}", '
                f'"limitation_type": "{limitations[i % 4]}"}}\n'
            )
    return folder
