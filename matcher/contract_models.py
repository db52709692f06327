"""The data contract (DESIGN.md section 3, docs/CONTRACT.md) as frozen pydantic v2 models.

One model per record type: :class:`CandidateRecord`, :class:`WorkPackageRecord`,
:class:`PlacementRecord` and :class:`CarvingTaskRecord`, each with its parts. They hold the rules:
unknown fields are forbidden (``extra="forbid"``), codes are ``Literal`` types built from the bundled
vocabularies, numbers have their ranges, and validators check municipalities (normalised to the CBS
name), FML-lite maps, ids, dates and the cross-field rules. A value that is not allowed anywhere in
the contract is rejected by the same rule as in :mod:`matcher.io`; ``tests/test_contract_models.py``
checks that the two accept exactly the same records, on fuzzed input.

Their JSON Schema (:func:`json_schemas`, ``banenmatch schema --out DIR``) lets partners validate
their exports before sending them.

Examples
--------
>>> CandidateRecord.model_validate({"id": "K1", "location": {"municipality": "den haag"}}).location.municipality
"'s-Gravenhage"
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    WithJsonSchema,
    model_validator,
)

from matcher.contract import load_contract
from matcher.io import MAX_TRAVEL_MINUTES

__all__ = [
    "RECORD_MODELS",
    "AccommodationRecord",
    "CandidateRecord",
    "CarvingTaskRecord",
    "PlacementRecord",
    "TaskRecord",
    "WorkPackageRecord",
    "json_schemas",
]

_C = load_contract()


def _literal(values: Any) -> Any:
    return Literal[tuple(values)]  # type: ignore[valid-type]


RegisterRoute = _literal(_C.register_routes)
Education = _literal(_C.education)
Day = _literal(_C.days)
Daypart = _literal(_C.dayparts)
TravelMode = _literal(_C.travel_modes)
Support = _literal(_C.needs_offers)
Sector = _literal(_C.sectors)
ContractType = _literal(_C.contracts)
EndReason = _literal(_C.end_reasons)


# --------------------------------------------------------------------------------------------------
# Validators (messages name fields, codes and numbers only; matcher.io maps them to FILE:LINE lines)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BSN_LIKE = re.compile(r"[0-9]{9}")


def _date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("expected an ISO date YYYY-MM-DD")
    return date.fromisoformat(value)  # ValueError for an impossible date


def _id(value: str) -> str:
    if not value.strip():
        raise ValueError("id is empty")
    if _BSN_LIKE.fullmatch(value):
        raise ValueError("id looks like a BSN (9 digits)")
    if any(ch.isspace() for ch in value):
        raise ValueError("id contains whitespace")
    if any(unicodedata.category(ch)[0] in "CZ" for ch in value):
        raise ValueError("id contains an invisible or control character")
    return value


def _nonempty(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty")
    return value


def _municipality(value: str) -> str:
    found = load_contract().municipality(value)
    if found is None:
        raise ValueError("unknown municipality")
    return found.name


def _fml_map(kind: Literal["level", "steps"], keep_null: bool) -> Any:
    low = 0 if kind == "level" else 1

    def check(value: Any) -> dict[str, int | None]:
        if not isinstance(value, dict):
            raise ValueError("expected an object {FML-lite code: number}")
        fml = load_contract().fml
        kept: dict[str, int | None] = {}
        for code, number in value.items():
            item = fml.get(code) if isinstance(code, str) else None
            if item is None:
                raise ValueError("unknown FML-lite item")
            if number is None:
                if keep_null:
                    kept[code] = None
                continue
            if isinstance(number, bool) or not isinstance(number, int) or not low <= number <= item.max_level:
                raise ValueError(f"expected an integer {low}..{item.max_level} for {code}")
            kept[code] = number
        order = {code: i for i, code in enumerate(fml)}
        return {code: kept[code] for code in sorted(kept, key=order.__getitem__)}

    schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            code: {
                "type": ["integer", "null"],
                "minimum": low,
                "maximum": item.max_level,
                "description": f"{item.name_nl} ({'level' if kind == 'level' else 'steps'}; null: unknown)",
            }
            for code, item in _C.fml.items()
        },
    }
    return Annotated[dict[str, Any], BeforeValidator(check), WithJsonSchema(schema)]


Int = Annotated[int, Strict()]
Bool = Annotated[bool, Strict()]
Text = Annotated[str, Strict()]
NonEmpty = Annotated[
    str, Strict(), AfterValidator(_nonempty), WithJsonSchema({"type": "string", "pattern": r"\S"})
]
Id = Annotated[
    str,
    Strict(),
    AfterValidator(_id),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\S+$",
            "not": {"pattern": r"^[0-9]{9}$"},
            "description": "pseudonymous id without spaces or invisible characters; never a name, "
            "never a BSN (nine digits are rejected)",
        }
    ),
]
IsoDate = Annotated[
    date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
Hours = Annotated[float, Strict(), Field(ge=0, le=168, allow_inf_nan=False)]
Municipality = Annotated[
    str,
    Strict(),
    AfterValidator(_municipality),
    WithJsonSchema(
        {
            "type": "string",
            "description": "a current CBS municipality name or a listed alias, any case "
            "(matcher/data/municipalities.csv); stored as the CBS name",
            "examples": ["Utrecht", "Den Haag"],
        }
    ),
]
Levels = _fml_map("level", keep_null=True)
Demands = _fml_map("level", keep_null=False)
Steps = _fml_map("steps", keep_null=False)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


# --------------------------------------------------------------------------------------------------
# Candidate


class RegisterRecord(_Record):
    route: RegisterRoute | None = None
    since: IsoDate | None = None


class LocationRecord(_Record):
    municipality: Municipality | None = None
    postcode4: Annotated[str, Strict(), Field(pattern=r"^[1-9][0-9]{3}$")] | None = None


class TravelRecord(_Record):
    max_minutes: Annotated[int, Strict(), Field(ge=0, le=MAX_TRAVEL_MINUTES)] | None = None
    modes: tuple[TravelMode, ...] | None = None
    avoid_rush_hour: Bool | None = None


class CandidateHoursRecord(_Record):
    min_per_week: Annotated[int, Strict(), Field(ge=0, le=168)] | None = None
    max_per_week: Annotated[int, Strict(), Field(ge=0, le=168)] | None = None
    max_per_day: Annotated[int, Strict(), Field(ge=0, le=24)] | None = None

    @model_validator(mode="after")
    def _min_not_above_max(self) -> CandidateHoursRecord:
        low, high = self.min_per_week, self.max_per_week
        if low is not None and high is not None and low > high:
            raise ValueError("min_per_week is greater than max_per_week")
        return self


class CandidateScheduleRecord(_Record):
    days: tuple[Day, ...] | None = None
    dayparts: tuple[Daypart, ...] | None = None
    needs_fixed_schedule: Bool | None = None


class CapacitiesRecord(_Record):
    assessed: Bool | None = None
    source: Text | None = None
    levels: Levels | None = None


class CandidateRecord(_Record):
    """A candidate (``candidates.jsonl``); only ``id`` is required."""

    id: Id
    # "register" would shadow BaseModel.register (abc); the JSON name stays "register"
    register_: RegisterRecord | None = Field(default=None, alias="register")
    available_from: IsoDate | None = None
    location: LocationRecord | None = None
    travel: TravelRecord | None = None
    education: Education | None = None
    hours: CandidateHoursRecord | None = None
    schedule: CandidateScheduleRecord | None = None
    capacities: CapacitiesRecord | None = None
    needs: tuple[Support, ...] | None = None
    competences: tuple[NonEmpty, ...] | None = None
    experience: tuple[Text, ...] | None = None
    wishes: Text | None = None
    preferred_sectors: tuple[Sector, ...] | None = None


# --------------------------------------------------------------------------------------------------
# Work package


class TaskRecord(_Record):
    text: NonEmpty
    hours_per_week: Hours | None = None


class PackageHoursRecord(_Record):
    per_week: Annotated[int, Strict(), Field(ge=0, le=168)] | None = None
    per_day: Annotated[int, Strict(), Field(ge=0, le=24)] | None = None

    @model_validator(mode="after")
    def _day_not_above_week(self) -> PackageHoursRecord:
        if self.per_day is not None and self.per_week is not None and self.per_day > self.per_week:
            raise ValueError("per_day is greater than per_week")
        return self


class PackageScheduleRecord(_Record):
    days: tuple[Day, ...] | None = None
    dayparts: tuple[Daypart, ...] | None = None
    fixed: Bool | None = None


class AccommodationRecord(_Record):
    name: NonEmpty
    reduces: Steps | None = None
    confirmed: Bool | None = None


class WorkPackageRecord(_Record):
    """A vacancy or carved work package (``vacancies.jsonl``); ``id``, ``employer``, ``sector`` and
    ``title`` are required."""

    id: Id
    employer: NonEmpty
    sector: Sector
    title: NonEmpty
    function_profile: NonEmpty | None = None
    tasks: tuple[NonEmpty | TaskRecord, ...] | None = None
    description: Text | None = None
    location: LocationRecord | None = None
    hours: PackageHoursRecord | None = None
    schedule: PackageScheduleRecord | None = None
    demands: Demands | None = None
    accommodations: tuple[AccommodationRecord, ...] | None = None
    offers: tuple[Support, ...] | None = None
    required_competences: tuple[NonEmpty, ...] | None = None
    optional_competences: tuple[NonEmpty, ...] | None = None
    contract: ContractType | None = None
    boven_formatie: Bool | None = None
    start: IsoDate | None = None


# --------------------------------------------------------------------------------------------------
# Placement and carving task


class PlacementRecord(_Record):
    """A placement (``placements.jsonl``); ``candidate_id``, ``package_id`` and ``start`` are required."""

    candidate_id: Id
    package_id: Id
    start: IsoDate
    end: IsoDate | None = None
    end_reason: EndReason | None = None

    @model_validator(mode="after")
    def _end_not_before_start(self) -> PlacementRecord:
        if self.end is not None and self.end < self.start:
            raise ValueError("end is before start")
        return self


class CarvingTaskRecord(_Record):
    """A task of a job-carving inventory (``banenmatch carve``)."""

    text: NonEmpty
    hours_per_week: Annotated[float, Strict(), Field(gt=0, le=168, allow_inf_nan=False)]
    demands: Demands | None = None


#: The record types a partner sends, by the file they go in.
RECORD_MODELS: dict[str, type[BaseModel]] = {
    "candidates": CandidateRecord,
    "vacancies": WorkPackageRecord,
    "placements": PlacementRecord,
    "carving_tasks": CarvingTaskRecord,
}


def json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema (draft 2020-12) of every record type, by file name (``candidates`` ...)."""
    out = {}
    for name, model in RECORD_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"banenmatch {name} record (one JSON object per line of {name}.jsonl)"
        out[name] = schema
    return out
