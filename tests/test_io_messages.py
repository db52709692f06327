"""The wording of problem messages, pinned word for word.

matcher.io words the errors of the contract's pydantic models (matcher.contract_models); these are the
messages users have always seen (FILE:LINE: field: what was expected, what was found, the fix), taken
from the hand-written validator the models replaced. A change of wording must be deliberate.
"""

from __future__ import annotations

from typing import Any

import pytest

from matcher.io import parse_candidate, parse_package, parse_placement

PRIVATE = "Jan de Vries heeft autisme"
PARSERS = {"candidate": parse_candidate, "package": parse_package, "placement": parse_placement}

PINNED: list[tuple[str, Any, list[str]]] = [
    (
        "candidate",
        {"id": "K1", "hours": {"max_per_wek": 20}},
        [
            "in.jsonl:7: hours.max_per_wek: unknown field 'max_per_wek'; expected one of the fields min_per_week, max_per_week, max_per_day; did you mean 'max_per_week'?"
        ],
    ),
    (
        "candidate",
        {"id": "K1", PRIVATE: 1},
        [
            "in.jsonl:7: <key not shown>: unknown field (26 characters, not shown); expected one of the fields id, register, available_from, location, travel, education, hours, schedule, capacities, needs, competences, experience, wishes, preferred_sectors; remove it or correct its name"
        ],
    ),
    (
        "candidate",
        {"id": "K1", "hours": {"max_per_week": True}},
        [
            "in.jsonl:7: hours.max_per_week: expected an integer 0..168 (hours per week), found boolean true; true/false is not a number; write a whole number"
        ],
    ),
    (
        "candidate",
        {"id": "K1", "hours": {"max_per_week": "16"}},
        [
            "in.jsonl:7: hours.max_per_week: expected an integer 0..168 (hours per week), found a string; write it without quotes, e.g. 24"
        ],
    ),
    (
        "candidate",
        {"id": "K1", "travel": {"max_minutes": 30.5}},
        [
            "in.jsonl:7: travel.max_minutes: expected an integer 0..1440 (minutes, one way), found number 30.5; write a whole number without a decimal point"
        ],
    ),
    (
        "candidate",
        {"id": "K1", "travel": {"max_minutes": 2147483648}},
        [
            "in.jsonl:7: travel.max_minutes: a very large number is out of range; expected an integer 0..1440 (minutes, one way); use a value in that range"
        ],
    ),
    (
        "candidate",
        {"id": "K1", "hours": {"min_per_week": 30, "max_per_week": 20}},
        [
            "in.jsonl:7: hours.min_per_week: min_per_week 30 is greater than max_per_week 20; expected min_per_week <= max_per_week; correct or swap the two values"
        ],
    ),
    (
        "candidate",
        {"id": "K1", "capacities": {"levels": {"DH01": 7}}},
        [
            'in.jsonl:7: capacities.levels.DH01: level 7 is out of range; expected an integer 0..4 (FML-lite DH01 "Tillen en dragen"); set a level within the scale'
        ],
    ),
    (
        "candidate",
        {"id": "K1", "capacities": {"levels": {"DH1": 2}}},
        [
            "in.jsonl:7: capacities.levels.DH1: unknown FML-lite item 'DH1'; expected a code listed in matcher/data/fml_lite.csv (PF01..WT04); did you mean 'DH01'?"
        ],
    ),
    (
        "candidate",
        {"id": "K1", "capacities": {"levels": {PRIVATE: 2}}},
        [
            "in.jsonl:7: capacities.levels.<key not shown>: unknown FML-lite item (26 characters, not shown); expected a code listed in matcher/data/fml_lite.csv (PF01..WT04); use a listed code (case-sensitive)"
        ],
    ),
    (
        "candidate",
        {"id": "K1", "capacities": {"assessed": 1}},
        [
            "in.jsonl:7: capacities.assessed: expected true or false, found integer 1; write true or false without quotes (0/1 and strings are not accepted)"
        ],
    ),
    (
        "candidate",
        {"id": "K1", "education": "MBO2"},
        [
            "in.jsonl:7: education: unknown education level 'MBO2'; expected a code for education level (geen, praktijkonderwijs, vso, entree, mbo2, mbo3, mbo4, hbo, wo); did you mean 'mbo2'?"
        ],
    ),
    (
        "candidate",
        {"id": "K1", "education": "123456782"},
        [
            "in.jsonl:7: education: unknown education level a string of 9 characters (not shown); expected a code for education level (geen, praktijkonderwijs, vso, entree, mbo2, mbo3, mbo4, hbo, wo); use one of the listed codes (they are case-sensitive)"
        ],
    ),
    (
        "candidate",
        {"id": "K1", "needs": "jobcoach"},
        [
            "in.jsonl:7: needs: expected a list of support codes, found a string; write a JSON list in square brackets, even for one item"
        ],
    ),
    (
        "candidate",
        {"id": "K1", "location": {"municipality": "Amsterdm", "postcode4": 3511}},
        [
            "in.jsonl:7: location.municipality: unknown municipality 'Amsterdm'; expected a current CBS municipality name or a listed alias (matcher/data/municipalities.csv); did you mean 'Amsterdam'?",
            'in.jsonl:7: location.postcode4: expected a 4-digit Dutch postcode as a string, e.g. "3511", found integer 3511; put it in quotes: "3511"',
        ],
    ),
    (
        "candidate",
        {"id": "K1", "location": {"postcode4": "3511AB"}},
        [
            "in.jsonl:7: location.postcode4: expected a 4-digit Dutch postcode as a string, e.g. \"3511\" (1000-9999), found '3511AB'; give only the four digits, without the letters"
        ],
    ),
    (
        "candidate",
        {"id": "K1", "location": ["Utrecht"]},
        [
            "in.jsonl:7: location: expected an object (location), found a list of 1 item; write it as a JSON object in curly braces {...}"
        ],
    ),
    (
        "candidate",
        {"id": "K1", "available_from": "2023-02-30"},
        [
            "in.jsonl:7: available_from: impossible date '2023-02-30' (day is out of range for month); expected a real calendar date YYYY-MM-DD; correct the day or the month"
        ],
    ),
    (
        "candidate",
        {"id": "K1", "register": {"since": "01-03-2024"}},
        [
            "in.jsonl:7: register.since: expected an ISO date YYYY-MM-DD, found '01-03-2024'; write the date as e.g. 2024-03-01"
        ],
    ),
    (
        "candidate",
        {"id": 123456782},
        [
            'in.jsonl:7: id: expected a non-empty pseudonymous id string, e.g. "K000123", found an integer (not shown); ids are strings; use a pseudonymous code in quotes, e.g. "K000123"'
        ],
    ),
    (
        "candidate",
        {"id": "123456782"},
        [
            'in.jsonl:7: id: id looks like a BSN (9 digits); banenmatch accepts pseudonymous ids only, never a BSN or a name; replace it with a pseudonymous code, e.g. "K000123"'
        ],
    ),
    (
        "candidate",
        {"id": "Jan de Vries"},
        [
            'in.jsonl:7: id: id contains whitespace; expected a pseudonymous code without spaces (never a name); use e.g. "K000123"'
        ],
    ),
    (
        "candidate",
        {"id": "K\u200b1"},
        [
            'in.jsonl:7: id: id contains an invisible or control character (e.g. a zero-width space or NUL); expected a pseudonymous code of visible characters; retype the id, e.g. "K000123"'
        ],
    ),
    (
        "candidate",
        {"id": None},
        [
            'in.jsonl:7: id: required field is missing; expected a non-empty pseudonymous id string, e.g. "K000123", found null; add it'
        ],
    ),
    (
        "candidate",
        {},
        [
            'in.jsonl:7: id: required field is missing; expected a non-empty pseudonymous id string, e.g. "K000123", found nothing; add it'
        ],
    ),
    (
        "candidate",
        ["K1"],
        [
            "in.jsonl:7: <record>: expected an object (candidate), found a list of 1 item; write it as a JSON object in curly braces {...}"
        ],
    ),
    (
        "package",
        {
            "id": "P1",
            "employer": "Gemeente",
            "sector": "gemeenten",
            "title": "Post",
            "tasks": ["  ", 3, {"text": "Scannen", "hours_per_week": -2}],
        },
        [
            "in.jsonl:7: tasks[0]: is empty; expected a non-empty string (task text); fill it in",
            'in.jsonl:7: tasks[1]: expected a task: a string or an object {"text", "hours_per_week"}, found integer 3; write the task as "..." or as {"text": "...", "hours_per_week": 4}',
            "in.jsonl:7: tasks[2].hours_per_week: negative value -2; expected a number 0..168 (hours per week); use a value in that range",
        ],
    ),
    (
        "package",
        {
            "id": "P1",
            "employer": "Gemeente",
            "sector": "gemeenten",
            "title": "Post",
            "hours": {"per_week": 20, "per_day": 21},
        },
        [
            "in.jsonl:7: hours.per_day: per_day 21 is greater than per_week 20; expected per_day <= per_week; correct one of the two values"
        ],
    ),
    (
        "package",
        {
            "id": "P1",
            "employer": "Gemeente",
            "sector": "gemeenten",
            "title": "Post",
            "demands": {"PF01": 3, "XX99": None},
        },
        [
            'in.jsonl:7: demands.PF01: level 3 is out of range; expected an integer 0..2 (FML-lite PF01 "Vasthouden van de aandacht"); set a level within the scale',
            "in.jsonl:7: demands.XX99: unknown FML-lite item 'XX99'; expected a code listed in matcher/data/fml_lite.csv (PF01..WT04); use a listed code (case-sensitive)",
        ],
    ),
    (
        "package",
        {
            "id": "P1",
            "employer": "Gemeente",
            "sector": "gemeenten",
            "title": "Post",
            "accommodations": [{"name": "Trolley", "reduces": {"DH01": 0, "PF01": 9}}],
        },
        [
            'in.jsonl:7: accommodations[0].reduces.DH01: non-positive steps 0; expected an integer 1..4 (FML-lite DH01 "Tillen en dragen"); an accommodation lowers the demand by at least one step, so remove the item or give the number of steps',
            'in.jsonl:7: accommodations[0].reduces.PF01: 9 steps is more than the scale has; expected an integer 1..2 (FML-lite PF01 "Vasthouden van de aandacht"); give the number of steps the accommodation lowers the demand by',
        ],
    ),
    (
        "package",
        {
            "id": "P1",
            "employer": "Gemeente",
            "sector": "gemeenten",
            "title": "Post",
            "accommodations": [{"reduces": {}}],
        },
        [
            "in.jsonl:7: accommodations[0].name: required field is missing; expected a non-empty string (accommodation name), found nothing; add it"
        ],
    ),
    (
        "package",
        {"id": "P1", "employer": "Gemeente", "sector": "Rijk", "title": "Post", "contract": "flex"},
        [
            "in.jsonl:7: sector: unknown sector 'Rijk'; expected a code for sector (rijk, gemeenten, provincies, waterschappen, defensie, politie, rechtspraak, po, vo, mbo, hbo, wo, umc, onderzoeksinstellingen, overig_publiek); did you mean 'rijk'?",
            "in.jsonl:7: contract: unknown contract type 'flex'; expected a code for contract type (vast, tijdelijk, detachering, uitzend, proefplaatsing, leerwerkplek); use one of the listed codes (they are case-sensitive)",
        ],
    ),
    (
        "package",
        {"id": "P1", "employer": "Gemeente", "sector": "gemeenten", "title": ""},
        ["in.jsonl:7: title: is empty; expected a non-empty string (function title); fill it in"],
    ),
    (
        "package",
        {
            "id": "P1",
            "employer": "Gemeente",
            "sector": "gemeenten",
            "title": "Post",
            "schedule": {"fixed": "true", "days": ["mon"]},
        },
        [
            "in.jsonl:7: schedule.days[0]: unknown day 'mon'; expected a code for day (ma, di, wo, do, vr, za, zo); use one of the listed codes (they are case-sensitive)",
            "in.jsonl:7: schedule.fixed: expected true or false, found a string; write true or false without quotes (0/1 and strings are not accepted)",
        ],
    ),
    (
        "placement",
        {
            "candidate_id": "K1",
            "package_id": "P1",
            "start": "2024-03-01",
            "end": "2024-02-01",
            "end_reason": "ziek",
        },
        [
            "in.jsonl:7: end_reason: unknown end reason 'ziek'; expected a code for end reason (contract_niet_verlengd, taken_passen_niet, overbelasting, conflict, gezondheid, prive_omstandigheden, reorganisatie, wisseling_leidinggevende, eigen_keuze_groei, faillissement, verwijtbaar_ontslag, reistijd, onbekend); use one of the listed codes (they are case-sensitive)",
            "in.jsonl:7: end: end 2024-02-01 is before start 2024-03-01; expected an end on or after the start; correct the dates",
        ],
    ),
    (
        "placement",
        {"candidate_id": "K1", "package_id": "P 45"},
        [
            'in.jsonl:7: package_id: id contains whitespace; expected a pseudonymous code without spaces (never a name); use e.g. "K000123"',
            "in.jsonl:7: start: required field is missing; expected an ISO date YYYY-MM-DD, found nothing; add it",
        ],
    ),
]


@pytest.mark.parametrize(("kind", "obj", "expected"), PINNED, ids=lambda v: str(v)[:40])
def test_problem_messages_keep_their_wording(kind, obj, expected):
    record, problems = PARSERS[kind](obj, file="in.jsonl", line=7)
    assert record is None
    assert [str(p) for p in problems] == expected
