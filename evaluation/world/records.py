"""Contract records (:mod:`matcher.schema`) of the synthetic world, built one at a time.

Records are made on demand from the observed arrays plus generated Dutch text, so a 300,000-person
world never holds 300,000 record objects at once. Each record's text comes from its own seeded
:class:`random.Random`, so record ``i`` is the same however the records are iterated.

Only contract fields are written: the audit labels (limitation type, sex, age band) never enter a
record, and neither does any latent value that is not also observed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from functools import lru_cache

import numpy as np

from evaluation.world.common import day_to_date, fml_scale
from evaluation.world.durability import DAYS_PER_MONTH, NOT_ENDED, History
from evaluation.world.kinds import KINDS, WorkKind
from evaluation.world.limitations import LIMITATIONS
from evaluation.world.observe import (
    ASSESSED_SOURCES,
    NOT_RECORDED,
    SELF_SOURCES,
    ObservedCandidates,
    ObservedPackages,
)
from evaluation.world.paraphrase_nl import REALISTIC_WORDS, CandidateWords
from evaluation.world.places import display_name, municipality_names
from evaluation.world.population import PRIOR_FORMS, Population
from evaluation.world.text_nl import describe_package, experience_item, paraphrase_task, wishes_text
from evaluation.world.workplaces import Workplaces
from matcher.competences import resolve
from matcher.contract import load_contract
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

__all__ = [
    "PARAPHRASE_SETTINGS",
    "candidate_id",
    "candidate_record",
    "package_id",
    "package_record",
    "placement_record",
    "record_rng",
]

#: How a person names an employer of a sector in their own words.
_SECTOR_PLACES: dict[str, tuple[str, ...]] = {
    "rijk": ("een ministerie", "de Rijksoverheid", "een rijksdienst"),
    "gemeenten": ("de gemeente", "het gemeentehuis", "de gemeente hier"),
    "provincies": ("de provincie", "het provinciehuis"),
    "waterschappen": ("het waterschap",),
    "defensie": ("Defensie", "een kazerne"),
    "politie": ("de politie", "het politiebureau"),
    "rechtspraak": ("de rechtbank",),
    "po": ("een basisschool", "de basisschool"),
    "vo": ("een middelbare school", "een school"),
    "mbo": ("het ROC", "een mbo-school"),
    "hbo": ("de hogeschool", "een hogeschool"),
    "wo": ("de universiteit", "een universiteit"),
    "umc": ("het ziekenhuis", "het UMC"),
    "onderzoeksinstellingen": ("een onderzoeksinstituut", "een instituut"),
    "overig_publiek": ("een overheidsorganisatie", "een uitvoeringsorganisatie"),
}


def candidate_id(i: int) -> str:
    """Pseudonymous id of candidate row ``i``."""
    return f"K{i + 1:06d}"


def package_id(j: int) -> str:
    """Id of package row ``j``."""
    return f"W{j + 1:06d}"


#: How candidates word their work: ``none`` with the vocabulary of :mod:`evaluation.world.kinds` (the
#: original world), ``realistic`` with the table of :mod:`evaluation.world.paraphrase_nl`.
PARAPHRASE_SETTINGS = ("none", "realistic")


def record_rng(seed: int, what: str, i: int) -> random.Random:
    """The text random stream of record ``i`` of type ``what`` (``"c"`` candidate, ``"p"`` package)."""
    return random.Random(f"banenmatch-world/{seed}/{what}/{i}")


@lru_cache(maxsize=4096)
def _uri(label: str) -> str:
    competence = resolve(label)
    return competence.uri if competence is not None else label


def _competence(rng: random.Random, label: str, p_uri: float) -> str:
    return _uri(label) if rng.random() < p_uri else label


def _opt_date(offset: int) -> date | None:
    return None if offset == NOT_RECORDED else day_to_date(offset)


def _listed(flags: np.ndarray, words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w, f in zip(words, flags, strict=True) if f)


def candidate_record(
    i: int,
    *,
    seed: int,
    pop: Population,
    oc: ObservedCandidates,
    work: Workplaces,
    history: History,
    history_rows: range,
    prior_rows: range,
    paraphrase: str = "none",
) -> Candidate:
    """The contract record of candidate row ``i``.

    ``history_rows`` and ``prior_rows`` are this candidate's rows in ``history`` and ``pop.prior``.
    ``paraphrase`` is one of :data:`PARAPHRASE_SETTINGS`: with ``realistic`` the experience and wishes
    are written again, from their own random stream, with the candidate wording of
    :mod:`evaluation.world.paraphrase_nl`; everything else in the record is the same as with ``none``
    (the record's main stream is used exactly as with ``none``).
    """
    if paraphrase not in PARAPHRASE_SETTINGS:
        raise ValueError(f"paraphrase must be one of {', '.join(PARAPHRASE_SETTINGS)}, got {paraphrase!r}")
    contract = load_contract()
    scale = fml_scale()
    rng = record_rng(seed, "c", i)
    days, parts = contract.days, tuple(contract.dayparts)

    levels = {scale.codes[k]: int(oc.level[i, k]) for k in np.flatnonzero(oc.listed[i])}
    if oc.assessed[i]:
        capacities = Capacities(assessed=True, source=ASSESSED_SOURCES[oc.source[i]], levels=levels)
    else:
        source = SELF_SOURCES[oc.source[i]] if oc.source[i] >= 0 else None
        capacities = Capacities(assessed=False, source=source, levels=levels)

    hours = None
    if oc.hours_known[i]:
        hours = CandidateHours(
            min_per_week=int(oc.hours_min[i]) if oc.hours_min[i] >= 0 else None,
            max_per_week=int(oc.hours_max[i]),
            max_per_day=int(oc.hours_day[i]) if oc.hours_day[i] >= 0 else None,
        )
    schedule = CandidateSchedule(
        days=_listed(pop.days[i], days) if oc.days_known[i] else None,
        dayparts=_listed(pop.dayparts[i], parts) if oc.dayparts_known[i] else None,
        needs_fixed_schedule=bool(oc.needs_fixed[i]) if oc.needs_fixed[i] >= 0 else None,
    )
    travel = Travel(
        max_minutes=int(oc.max_minutes[i]) if oc.max_minutes[i] >= 0 else None,
        modes=_listed(pop.modes[i], contract.travel_modes) if oc.modes_known[i] else None,
        avoid_rush_hour=bool(oc.avoid_rush[i]) if oc.avoid_rush[i] >= 0 else None,
    )

    experience = _experience(rng, seed, pop, work, history, history_rows, prior_rows)
    competences: list[str] = []
    if rng.random() < 0.65:
        for k in np.argsort(-pop.skill[i], kind="stable"):
            if pop.skill[i, k] < 0.3 or len(competences) >= 5:
                break
            for label in rng.sample(KINDS[k].esco, rng.randint(1, min(3, len(KINDS[k].esco)))):
                competences.append(_competence(rng, label, 0.4))
    wishes = None
    if rng.random() < 0.9:
        kinds = [KINDS[k] for k in np.argsort(-pop.interest[i], kind="stable") if pop.interest[i, k] > 0]
        conditions = list(LIMITATIONS[pop.limitation[i]].conditions)
        if pop.limitation2[i] >= 0 and rng.random() < 0.4:
            conditions += LIMITATIONS[pop.limitation2[i]].conditions
        disliked = [KINDS[k] for k in range(len(KINDS)) if pop.skill[i, k] >= 0.3 and pop.interest[i, k] == 0]
        dislike = rng.choice(disliked) if disliked and rng.random() < 0.3 else None
        wish_args = {
            "conditions": conditions,
            "hours_per_week": int(pop.hours_pref[i]),
            "daytime_only": not pop.dayparts[i, 2],
        }
        wishes = wishes_text(rng, kinds, dislike=dislike, **wish_args)
        if paraphrase == "realistic":
            words = REALISTIC_WORDS
            text_rng = record_rng(seed, "c-realistic-wishes", i)
            wishes = wishes_text(
                text_rng,
                [words[k.code] for k in kinds],
                dislike=None if dislike is None else words[dislike.code],
                **wish_args,
            )
    if paraphrase == "realistic":
        experience = _experience(
            record_rng(seed, "c-realistic", i), seed, pop, work, history, history_rows, prior_rows,
            voice=lambda kind: REALISTIC_WORDS[kind.code],
        )  # fmt: skip

    return Candidate(
        id=candidate_id(i),
        register=Register(
            route=contract.register_routes[pop.route[i]], since=_opt_date(int(oc.register_since[i]))
        ),
        available_from=_opt_date(int(oc.available_from[i])),
        location=Location(municipality=municipality_names()[pop.municipality[i]]),
        travel=travel,
        education=contract.education[oc.education[i]] if oc.education[i] >= 0 else None,
        hours=hours,
        schedule=None if schedule == CandidateSchedule() else schedule,
        capacities=capacities,
        needs=_listed(oc.needs[i], tuple(contract.needs_offers)) if oc.needs_known[i] else None,
        competences=tuple(dict.fromkeys(competences)),
        experience=tuple(experience),
        wishes=wishes,
        preferred_sectors=_listed(pop.sector_pref[i], tuple(contract.sectors)),
    )


def _experience(
    rng: random.Random,
    seed: int,
    pop: Population,
    work: Workplaces,
    history: History,
    history_rows: range,
    prior_rows: range,
    voice: Callable[[WorkKind], WorkKind | CandidateWords] = lambda kind: kind,
) -> list[str]:
    contract = load_contract()
    reasons = tuple(contract.end_reasons)
    sectors = tuple(contract.sectors)
    items: list[tuple[int, str]] = []
    for r in prior_rows:
        if rng.random() < 0.9:
            kind = voice(KINDS[pop.prior.kind[r]])
            text = experience_item(
                rng, kind, months=float(pop.prior.months[r]), form=PRIOR_FORMS[pop.prior.form[r]]
            )
            items.append((-(10**6) + r, text))
    for r in history_rows:
        if rng.random() >= 0.85:
            continue
        j = int(history.package[r])
        kind = voice(KINDS[work.kind[j]])
        roll = rng.random()
        if roll < 0.3:
            place = work.employer[j]
        elif roll < 0.8:
            place = rng.choice(_SECTOR_PLACES[sectors[work.sector[j]]])
        else:
            place = None
        ongoing = history.end[r] == NOT_ENDED
        end = 0 if ongoing else int(history.end[r])
        months = (end - int(history.start[r])) / DAYS_PER_MONTH
        text = experience_item(
            rng,
            kind,
            months=months,
            place=place,
            end_reason=None if ongoing else reasons[history.reason[r]],
            ongoing=ongoing,
            since_year=day_to_date(int(history.start[r])).year,
        )
        items.append((int(history.start[r]), text))
    items.sort(key=lambda item: item[0], reverse=rng.random() < 0.7)
    return [text for _, text in items]


def package_record(j: int, *, seed: int, work: Workplaces, op: ObservedPackages) -> WorkPackage:
    """The contract record of package row ``j``."""
    contract = load_contract()
    scale = fml_scale()
    rng = record_rng(seed, "p", j)
    profile = work.profiles[work.profile[j]]
    kind = KINDS[work.kind[j]]
    needs_words = tuple(contract.needs_offers)

    base = list(profile.tasks) or list(kind.tasks[:3])
    if len(base) > 3:
        drop = set(rng.sample(range(len(base)), rng.randint(0, len(base) // 3)))
        base = [task for t, task in enumerate(base) if t not in drop]
    extra = [t for t in kind.tasks if t not in base]
    base += rng.sample(extra, min(len(extra), rng.choice((0, 0, 0, 1))))
    texts = [paraphrase_task(rng, t) for t in base]
    if rng.random() < 0.3:
        weights = [rng.random() + 0.3 for _ in texts]
        total = sum(weights)
        tasks = tuple(
            Task(text, hours_per_week=round(int(work.per_week[j]) * w / total, 1))
            for text, w in zip(texts, weights, strict=True)
        )
    else:
        tasks = tuple(Task(text) for text in texts)

    demand = work.demand[j]
    idx = scale.index
    setting = []
    if demand[idx["PF09"]] == 0:
        setting.append("Je werkt op een rustige, afgeschermde plek.")
    elif demand[idx["PF09"]] == 2:
        setting.append("Het is een drukke omgeving met veel mensen om je heen.")
    if demand[idx["SF01"]] == 2:
        setting.append("Je hebt veel contact met bezoekers.")
    elif demand[idx["SF01"]] == 0:
        setting.append("Je hebt geen klantcontact.")
    if demand[idx["OM02"]] >= 1:
        setting.append("Je werkt veel buiten, ook bij slecht weer.")
    if demand[idx["DH01"]] >= 3:
        setting.append("Je tilt regelmatig dozen of zakken tot 15 kilo.")
    if demand[idx["DH03"]] >= 3:
        setting.append("Je bent de hele dag op de been.")
    if demand[idx["SH02"]] >= 3:
        setting.append("Je werkt vooral zittend achter een beeldscherm.")
    if demand[idx["PF05"]] == 2:
        setting.append("Het werktempo ligt hoog.")
    if demand[idx["PF08"]] == 0:
        setting.append("Elke dag ziet er hetzelfde uit.")
    offer_text = {
        "jobcoach": "Een jobcoach is welkom op de werkvloer.",
        "vaste_begeleider": "Je hebt een vaste begeleider.",
        "buddy": "Een collega is je buddy.",
        "schriftelijke_instructies": "Je krijgt schriftelijke werkinstructies.",
        "prikkelarme_werkplek": "Er is een prikkelarme werkplek.",
        "extra_pauzes": "Extra pauzes zijn geen probleem.",
    }
    support = [
        offer_text[w] for w, on in zip(needs_words, work.offers[j], strict=True) if on and w in offer_text
    ]
    extra_text = []
    if work.boven_formatie[j] == 1:
        extra_text.append("Het is een extra plek, boven de formatie.")
    code = contract.contracts[work.contract[j]]
    extra_text.append(
        {
            "vast": "Het gaat om een vaste aanstelling.",
            "tijdelijk": rng.choice(("Je krijgt een tijdelijk contract.", "Eerst een jaarcontract.")),
            "detachering": "Je wordt gedetacheerd via het SW-bedrijf.",
            "uitzend": "Je werkt via een uitzendbureau.",
            "proefplaatsing": "We starten met een proefplaatsing.",
            "leerwerkplek": "Het is een leerwerkplek.",
        }[code]
    )
    place = display_name(municipality_names()[work.municipality[j]])
    description = describe_package(
        rng,
        employer=work.employer[j],
        title=profile.title,
        hours_per_week=int(work.per_week[j]),
        place=place,
        setting=setting,
        support=support,
        extra=extra_text,
    )

    required = work.competences[j][: work.n_required[j]]
    optional = work.competences[j][work.n_required[j] :]
    days, parts = contract.days, tuple(contract.dayparts)
    demands = {scale.codes[k]: int(op.demand[j, k]) for k in np.flatnonzero(op.listed[j])}
    return WorkPackage(
        id=package_id(j),
        employer=work.employer[j],
        sector=tuple(contract.sectors)[work.sector[j]],
        title=profile.title,
        function_profile=profile.id if op.profile_known[j] else None,
        tasks=tasks,
        description=description,
        location=Location(municipality=municipality_names()[work.municipality[j]]),
        hours=PackageHours(
            per_week=int(work.per_week[j]), per_day=int(op.per_day[j]) if op.per_day[j] >= 0 else None
        ),
        schedule=PackageSchedule(
            days=_listed(work.days[j], days) if op.days_known[j] else None,
            dayparts=_listed(work.dayparts[j], parts) if op.dayparts_known[j] else None,
            fixed=bool(op.fixed[j]) if op.fixed[j] >= 0 else None,
        ),
        demands=demands,
        accommodations=work.accommodations[j],
        offers=_listed(work.offers[j], needs_words) if op.offers_known[j] else None,
        required_competences=tuple(_competence(rng, label, 0.5) for label in required),
        optional_competences=tuple(_competence(rng, label, 0.5) for label in optional),
        contract=code,
        boven_formatie=None if work.boven_formatie[j] < 0 else bool(work.boven_formatie[j]),
        start=_opt_date(int(op.start[j])),
    )


def placement_record(r: int, *, history: History) -> Placement:
    """The contract record of history row ``r``."""
    reasons = tuple(load_contract().end_reasons)
    ongoing = history.end[r] == NOT_ENDED
    return Placement(
        candidate_id=candidate_id(int(history.candidate[r])),
        package_id=package_id(int(history.package[r])),
        start=day_to_date(int(history.start[r])),
        end=None if ongoing else day_to_date(int(history.end[r])),
        end_reason=None if ongoing else reasons[history.reason[r]],
    )
