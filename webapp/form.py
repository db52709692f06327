"""The vacancy form: plain questions about the work, mapped onto FML-lite levels, and form -> WorkPackage.

The questions and their answers are data in :data:`matcher.texts_nl.APP_DEMAND_QUESTIONS` (answer
``i`` is FML-lite level ``i``). "Weet ik niet" leaves the item out of ``demands``: unknown, which the
hard rule treats as a signalering, never as a pass. A form becomes a package through the contract
parser (:func:`matcher.io.parse_package`), so it is checked like any uploaded vacancy.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from matcher import texts_nl
from matcher.contract import load_contract
from matcher.io import Problem, parse_package, to_dict
from matcher.schema import Accommodation, WorkPackage

__all__ = [
    "FORM_FILE",
    "DemandQuestion",
    "FormValues",
    "demand_questions",
    "form_from_package",
    "form_state",
    "package_from_form",
]

FORM_FILE = "formulier"
"""The file name problems of a form carry (``formulier:1: field: message``)."""


@dataclass(frozen=True)
class DemandQuestion:
    """A plain question about one FML-lite item; ``answers[i]`` means level ``i``."""

    code: str
    group: str
    question: str
    answers: tuple[str, ...]

    def level(self, answer: str | None) -> int | None:
        """The level an answer stands for; ``None`` for "Weet ik niet" (unknown)."""
        return None if answer is None or answer not in self.answers else self.answers.index(answer)


def demand_questions() -> tuple[DemandQuestion, ...]:
    """All questions in contract order (one per FML-lite item)."""
    out = []
    for code in load_contract().fml_codes:
        question, answers = texts_nl.APP_DEMAND_QUESTIONS[code]
        group = texts_nl.APP_DEMAND_GROUPS[code[:2]]
        out.append(DemandQuestion(code, group, question, tuple(answers)))
    return tuple(out)


@dataclass(frozen=True)
class FormValues:
    """What the adviser filled in; ``None`` (or an empty list for days/day-parts) means unknown."""

    title: str
    employer: str
    sector: str
    municipality: str
    tasks: Sequence[str] = ()
    description: str = ""
    hours_per_week: int | None = None
    hours_per_day: int | None = None
    days: Sequence[str] = ()
    dayparts: Sequence[str] = ()
    fixed_schedule: bool | None = None
    offers: Sequence[str] | None = None
    demands: Mapping[str, int | None] = field(default_factory=dict)
    accommodations: Sequence[Accommodation] = ()
    contract: str | None = None
    start: date | None = None


def _contract_form(values: FormValues) -> dict:
    obj: dict = {
        "employer": values.employer.strip(),
        "sector": values.sector,
        "title": values.title.strip(),
        "tasks": [t.strip() for t in values.tasks if t.strip()],
        "description": values.description.strip(),
        "location": {"municipality": values.municipality},
        "demands": {code: level for code, level in values.demands.items() if level is not None},
    }
    hours = {"per_week": values.hours_per_week, "per_day": values.hours_per_day}
    if any(v is not None for v in hours.values()):
        obj["hours"] = {k: v for k, v in hours.items() if v is not None}
    schedule = {"days": list(values.days), "dayparts": list(values.dayparts), "fixed": values.fixed_schedule}
    schedule = {k: v for k, v in schedule.items() if v not in (None, [])}
    if schedule:
        obj["schedule"] = schedule
    if values.offers is not None:
        obj["offers"] = list(values.offers)
    if values.accommodations:
        obj["accommodations"] = [
            {"name": a.name, "reduces": dict(a.reduces), "confirmed": a.confirmed}
            for a in values.accommodations
        ]
    if values.contract:
        obj["contract"] = values.contract
    if values.start is not None:
        obj["start"] = values.start.isoformat()
    return obj


def package_from_form(values: FormValues) -> tuple[WorkPackage | None, list[Problem]]:
    """Validate the form as a contract package.

    The id is ``FORM-`` plus a hash of the content, so the same form gives the same id (and the same
    shortlist) on every rerun.

    Returns
    -------
    (WorkPackage or None, list of Problem)
        The package, or ``None`` with the problems (file :data:`FORM_FILE`, line 1).
    """
    obj = _contract_form(values)
    digest = hashlib.sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    obj = {"id": f"FORM-{digest[:10]}", **obj}
    return parse_package(obj, file=FORM_FILE, line=1)


def form_from_package(package: WorkPackage) -> FormValues:
    """The form filled in from an existing package (to start from a vacancy and change it)."""
    raw = to_dict(package)
    schedule = raw.get("schedule", {})
    hours = raw.get("hours", {})
    return FormValues(
        title=package.title,
        employer=package.employer,
        sector=package.sector,
        municipality=package.location.municipality
        if package.location and package.location.municipality
        else "",
        tasks=tuple(t.text for t in package.tasks),
        description=package.description,
        hours_per_week=hours.get("per_week"),
        hours_per_day=hours.get("per_day"),
        days=tuple(schedule.get("days", ())),
        dayparts=tuple(schedule.get("dayparts", ())),
        fixed_schedule=schedule.get("fixed"),
        offers=package.offers,
        demands=dict(package.demands),
        accommodations=package.accommodations,
        contract=package.contract,
        start=package.start,
    )


def form_state(values: FormValues) -> dict[str, object]:
    """The vacancy form's widget values (session-state keys of ``webapp/pages/vacature.py``) for ``values``.

    Used to fill the form from a vacancy, and to take a carved package from the Jobcarving page to the
    form. An unknown demand is "Weet ik niet"; an unknown fixed schedule stays "nog onbekend".
    """
    dont_know = texts_nl.APP_TEXTS["vacature"]["dont_know"]
    state: dict[str, object] = {
        "f_title": values.title,
        "f_employer": values.employer,
        "f_sector": values.sector,
        "f_municipality": values.municipality or None,
        "f_tasks": "\n".join(values.tasks),
        "f_description": values.description,
        "f_hours_week": values.hours_per_week,
        "f_hours_day": values.hours_per_day,
        "f_days": list(values.days),
        "f_dayparts": list(values.dayparts),
        "f_fixed": values.fixed_schedule,  # None stays "nog onbekend", never "no fixed schedule"
        "f_offers": list(values.offers or ()),
        "f_offers_none": values.offers == (),
        "f_acc_options": tuple(values.accommodations),
        "f_accommodations": list(range(len(values.accommodations))),
        "f_contract": values.contract,
        "f_start": values.start,
    }
    for q in demand_questions():
        level = values.demands.get(q.code)
        state[f"f_d_{q.code}"] = q.answers[level] if level is not None else dont_know
    return state
