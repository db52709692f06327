"""The data contract (DESIGN.md section 3, docs/CONTRACT.md) as frozen pydantic v2 models: the one place
that holds its rules.

One model per record type: :class:`CandidateRecord`, :class:`WorkPackageRecord`,
:class:`PlacementRecord` and :class:`CarvingTaskRecord`, each with its parts. Unknown fields are
forbidden (``extra="forbid"``), codes are ``Literal`` types built from the bundled vocabularies, numbers
have their ranges, FML-lite maps are typed dicts with one key per item and its own scale, and small
validators check municipalities (normalised to the CBS name), ids, dates and the cross-field rules.

:mod:`matcher.io` validates every record with these models and only turns their errors into problem
lines (``FILE:LINE: field: message``) and the valid models into the dataclasses of
:mod:`matcher.schema`. What a message needs beyond a rule (the noun of a field, "hours per week") is
metadata here: :class:`Noun` and :class:`Kind`. Custom errors carry a ``type`` that io maps to its
wording (``pseudonymous_id_bsn``, ``min_above_max``, ...).

Their JSON Schema (:func:`json_schemas`, ``banenmatch schema --out DIR``) lets partners validate
their exports before sending them.

Examples
--------
>>> CandidateRecord.model_validate({"id": "K1", "location": {"municipality": "den haag"}}).location.municipality
"'s-Gravenhage"
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal, NotRequired

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    GetJsonSchemaHandler,
    Strict,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    with_config,
)
from pydantic_core import PydanticCustomError, core_schema
from typing_extensions import TypedDict

from matcher.contract import load_contract

__all__ = [
    "MAX_TRAVEL_MINUTES",
    "RECORD_MODELS",
    "AccommodationRecord",
    "CandidateRecord",
    "CarvingTaskRecord",
    "FmlLevels",
    "FmlSteps",
    "Kind",
    "Noun",
    "PlacementRecord",
    "TaskRecord",
    "WorkPackageRecord",
    "json_schemas",
]

#: The longest one-way travel time a candidate may accept: a day. Larger values are input errors, and
#: the constraint arrays hold minutes as 32-bit integers.
MAX_TRAVEL_MINUTES = 1440

_C = load_contract()


# --------------------------------------------------------------------------------------------------
# Metadata for messages (matcher.io) and the JSON Schema


@dataclass(frozen=True)
class Noun:
    """What a value is, in the words of problem messages ("hours per week", "day", "task text"); also
    its ``description`` in the JSON Schema."""

    text: str

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        json_schema = handler(schema)
        json_schema.setdefault("description", self.text)
        return json_schema


@dataclass(frozen=True)
class Kind:
    """Which kind of string a field holds, for the wording of its problems: ``id``, ``text``,
    ``nonempty``, ``date``, ``municipality`` or ``postcode4``."""

    name: Literal["id", "text", "nonempty", "date", "municipality", "postcode4"]


def _code(values: Any, noun: str) -> Any:
    return Annotated[Literal[tuple(values)], Noun(noun)]  # type: ignore[valid-type]


RegisterRoute = _code(_C.register_routes, "register route")
Education = _code(_C.education, "education level")
Day = _code(_C.days, "day")
Daypart = _code(_C.dayparts, "day-part")
TravelMode = _code(_C.travel_modes, "travel mode")
Support = _code(_C.needs_offers, "support need/offer")
Sector = _code(_C.sectors, "sector")
ContractType = _code(_C.contracts, "contract type")
EndReason = _code(_C.end_reasons, "end reason")


# --------------------------------------------------------------------------------------------------
# Validators: each raises a PydanticCustomError whose type matcher.io words; no user text in them

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BSN_LIKE = re.compile(r"[0-9]{9}")


def _date(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):  # from Python callers (forms)
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("iso_date_type", "expected an ISO date YYYY-MM-DD")
    if not _ISO_DATE.fullmatch(value):
        raise PydanticCustomError("iso_date_format", "expected an ISO date YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise PydanticCustomError(
            "impossible_date", "impossible date ({reason})", {"reason": str(exc)}
        ) from None


def _id(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("pseudonymous_id_empty", "id is empty")
    if _BSN_LIKE.fullmatch(value):
        raise PydanticCustomError("pseudonymous_id_bsn", "id looks like a BSN (9 digits)")
    if value.split() != [value]:  # str.split() splits at exactly the characters str.isspace() names
        raise PydanticCustomError("pseudonymous_id_whitespace", "id contains whitespace")
    if not value.isprintable():  # without whitespace: a character of Unicode category C or Z
        raise PydanticCustomError(
            "pseudonymous_id_invisible", "id contains an invisible or control character"
        )
    return value


def _nonempty(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty_text", "is empty")
    return value


def _municipality(value: str) -> str:
    if value in _C.municipalities:  # the CBS name itself, as in most files
        return value
    found = _C.municipality(value)
    if found is None:
        raise PydanticCustomError("unknown_municipality", "unknown municipality")
    return found.name


def _fml_map(name: str, low: int, noun: str) -> Any:
    """A typed dict with one optional key per FML-lite item, each an integer ``low..max_level`` or null
    (unknown); any other key is forbidden. Keys come out in the order of ``fml_lite.csv``."""
    fields = {
        code: NotRequired[
            Annotated[
                int | None,
                Strict(),
                Field(ge=low, le=item.max_level, description=f"{item.name_nl} ({noun}; null: unknown)"),
            ]
        ]
        for code, item in _C.fml.items()
    }
    return with_config(ConfigDict(extra="forbid"))(TypedDict(name, fields, total=False))  # type: ignore[operator]


#: ``{FML-lite code: level 0..max_level or null}``: capacities and demands.
FmlLevels = _fml_map("FmlLevels", 0, "level")
#: ``{FML-lite code: steps 1..max_level or null}``: what an accommodation lowers a demand by.
FmlSteps = _fml_map("FmlSteps", 1, "steps")

Bool = Annotated[bool, Strict()]
Text = Annotated[str, Strict(), Kind("text")]
NonEmpty = Annotated[
    str,
    Strict(),
    AfterValidator(_nonempty),
    Kind("nonempty"),
    WithJsonSchema({"type": "string", "pattern": r"\S"}),
]
Id = Annotated[
    str,
    Strict(),
    AfterValidator(_id),
    Kind("id"),
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
    Kind("date"),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
Municipality = Annotated[
    str,
    Strict(),
    AfterValidator(_municipality),
    Kind("municipality"),
    WithJsonSchema(
        {
            "type": "string",
            "description": "a current CBS municipality name or a listed alias, any case "
            "(matcher/data/municipalities.csv); stored as the CBS name",
            "examples": ["Utrecht", "Den Haag"],
        }
    ),
]
Postcode4 = Annotated[str, Strict(), Field(pattern=r"^[1-9][0-9]{3}$"), Kind("postcode4")]
HoursPerWeek = Annotated[int, Strict(), Field(ge=0, le=168), Noun("hours per week")]
HoursPerDay = Annotated[int, Strict(), Field(ge=0, le=24), Noun("hours per day")]
TaskHours = Annotated[float, Strict(), Field(ge=0, le=168, allow_inf_nan=False), Noun("hours per week")]
Competences = Annotated[
    tuple[Annotated[NonEmpty, Noun("competence")], ...], Noun("competences (ESCO URIs or Dutch labels)")
]


def _codes(item: Any, noun: str) -> Any:
    return Annotated[tuple[item, ...], Noun(noun)]


TravelModes = _codes(TravelMode, "travel modes")
Days = _codes(Day, "day codes")
Dayparts = _codes(Daypart, "day-part codes")
Supports = _codes(Support, "support codes")
Sectors = _codes(Sector, "sector codes")
FreeTexts = _codes(Text, "strings (Dutch free text)")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)
    #: What the record is called in messages ("expected an object (location)").
    noun: ClassVar[str] = "record"


# --------------------------------------------------------------------------------------------------
# Candidate


class RegisterRecord(_Record):
    noun: ClassVar[str] = "register"
    route: RegisterRoute | None = None
    since: IsoDate | None = None


class LocationRecord(_Record):
    noun: ClassVar[str] = "location"
    municipality: Municipality | None = None
    postcode4: Postcode4 | None = None


class TravelRecord(_Record):
    noun: ClassVar[str] = "travel"
    max_minutes: (
        Annotated[int, Strict(), Field(ge=0, le=MAX_TRAVEL_MINUTES), Noun("minutes, one way")] | None
    ) = None
    modes: TravelModes | None = None
    avoid_rush_hour: Bool | None = None


class CandidateHoursRecord(_Record):
    noun: ClassVar[str] = "hours"
    min_per_week: HoursPerWeek | None = None
    max_per_week: HoursPerWeek | None = None
    max_per_day: HoursPerDay | None = None

    @field_validator("max_per_week")
    @classmethod
    def _min_not_above_max(cls, high: int | None, info: ValidationInfo) -> int | None:
        low = info.data.get("min_per_week")
        if low is not None and high is not None and low > high:
            raise PydanticCustomError(
                "min_above_max", "min_per_week is greater than max_per_week", {"low": low, "high": high}
            )
        return high


class CandidateScheduleRecord(_Record):
    noun: ClassVar[str] = "schedule"
    days: Days | None = None
    dayparts: Dayparts | None = None
    needs_fixed_schedule: Bool | None = None


class CapacitiesRecord(_Record):
    noun: ClassVar[str] = "capacities"
    assessed: Bool | None = None
    source: Text | None = None
    levels: FmlLevels | None = None


class CandidateRecord(_Record):
    """A candidate (``candidates.jsonl``); only ``id`` is required."""

    noun: ClassVar[str] = "candidate"
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
    needs: Supports | None = None
    competences: Competences | None = None
    experience: FreeTexts | None = None
    wishes: Text | None = None
    preferred_sectors: Sectors | None = None


# --------------------------------------------------------------------------------------------------
# Work package


class TaskRecord(_Record):
    noun: ClassVar[str] = "task"
    text: Annotated[NonEmpty, Noun("task text")]
    hours_per_week: TaskHours | None = None


def _task_form(value: Any) -> str | None:
    if isinstance(value, str):
        return "text"
    return "object" if isinstance(value, dict | TaskRecord) else None


#: A task: a plain string, or ``{"text": ..., "hours_per_week": ...}``.
TaskItem = Annotated[
    Annotated[Annotated[NonEmpty, Noun("task text")], Tag("text")] | Annotated[TaskRecord, Tag("object")],
    Discriminator(_task_form),
]


class PackageHoursRecord(_Record):
    noun: ClassVar[str] = "hours"
    per_week: HoursPerWeek | None = None
    per_day: HoursPerDay | None = None

    @field_validator("per_day")
    @classmethod
    def _day_not_above_week(cls, per_day: int | None, info: ValidationInfo) -> int | None:
        per_week = info.data.get("per_week")
        if per_day is not None and per_week is not None and per_day > per_week:
            raise PydanticCustomError(
                "day_above_week",
                "per_day is greater than per_week",
                {"per_day": per_day, "per_week": per_week},
            )
        return per_day


class PackageScheduleRecord(_Record):
    noun: ClassVar[str] = "schedule"
    days: Days | None = None
    dayparts: Dayparts | None = None
    fixed: Bool | None = None


class AccommodationRecord(_Record):
    noun: ClassVar[str] = "accommodation"
    name: Annotated[NonEmpty, Noun("accommodation name")]
    reduces: FmlSteps | None = None
    confirmed: Bool | None = None


class WorkPackageRecord(_Record):
    """A vacancy or carved work package (``vacancies.jsonl``); ``id``, ``employer``, ``sector`` and
    ``title`` are required."""

    noun: ClassVar[str] = "work package"
    id: Id
    employer: Annotated[NonEmpty, Noun("employer name")]
    sector: Sector
    title: Annotated[NonEmpty, Noun("function title")]
    function_profile: Annotated[NonEmpty, Noun("function-profile id")] | None = None
    tasks: Annotated[tuple[TaskItem, ...], Noun("tasks")] | None = None
    description: Text | None = None
    location: LocationRecord | None = None
    hours: PackageHoursRecord | None = None
    schedule: PackageScheduleRecord | None = None
    demands: FmlLevels | None = None
    accommodations: Annotated[tuple[AccommodationRecord, ...], Noun("accommodations")] | None = None
    offers: Supports | None = None
    required_competences: Competences | None = None
    optional_competences: Competences | None = None
    contract: ContractType | None = None
    boven_formatie: Bool | None = None
    start: IsoDate | None = None


# --------------------------------------------------------------------------------------------------
# Placement and carving task


class PlacementRecord(_Record):
    """A placement (``placements.jsonl``); ``candidate_id``, ``package_id`` and ``start`` are required."""

    noun: ClassVar[str] = "placement"
    candidate_id: Id
    package_id: Id
    start: IsoDate
    end: IsoDate | None = None
    end_reason: EndReason | None = None

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, end: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("start")
        if end is not None and start is not None and end < start:
            raise PydanticCustomError(
                "end_before_start",
                "end is before start",
                {"end": end.isoformat(), "start": start.isoformat()},
            )
        return end


class CarvingTaskRecord(_Record):
    """A task of a job-carving inventory (``banenmatch carve``): it takes some time (more than 0 hours)."""

    noun: ClassVar[str] = "task"
    text: Annotated[NonEmpty, Noun("task text")]
    hours_per_week: Annotated[
        float, Strict(), Field(gt=0, le=168, allow_inf_nan=False), Noun("hours per week")
    ]
    demands: FmlLevels | None = None


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
