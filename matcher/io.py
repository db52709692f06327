"""Read, validate and write the data contract (DESIGN.md section 3) as JSON Lines.

The rules of every record type live in one place, the pydantic models of
:mod:`matcher.contract_models`. This module reads lines, decodes JSON (reporting broken lines,
NaN, repeated keys and bad encodings), has each record validated by its model, and turns the
models' errors into problems that name file, line and field (:class:`Problem`) in the project's
wording, with did-you-mean hints; valid models become the frozen dataclasses of :mod:`matcher.schema`,
and :func:`to_dict` writes a record back to its contract JSON form.

Reading never stops at a bad record: a record with any problem is set aside (quarantined) and
reported, and all good records load. Messages name fields, codes and numbers only, never free-text
profile contents (experience, wishes, descriptions), and never an id that looks like a BSN.

Examples
--------
>>> loaded = read_candidates("candidates.jsonl")  # doctest: +SKIP
>>> for problem in loaded.problems:  # doctest: +SKIP
...     print(problem)
candidates.jsonl:7: hours.max_per_wek: unknown field 'max_per_wek'; did you mean 'max_per_week'? ...
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import functools
import gc
import io
import json
import math
import os
import re
import types
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import (
    IO,
    TYPE_CHECKING,
    Annotated,
    Any,
    ClassVar,
    Generic,
    Literal,
    TypeVar,
    Union,
    get_args,
    get_origin,
)

from annotated_types import Ge, Gt, Le
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from matcher.contract import load_contract
from matcher.contract_models import (
    MAX_TRAVEL_MINUTES,
    AccommodationRecord,
    CandidateHoursRecord,
    CandidateRecord,
    CandidateScheduleRecord,
    CapacitiesRecord,
    CarvingTaskRecord,
    FmlLevels,
    FmlSteps,
    Id,
    LocationRecord,
    Noun,
    PackageHoursRecord,
    PackageScheduleRecord,
    PlacementRecord,
    RegisterRecord,
    TaskRecord,
    TravelRecord,
    WorkPackageRecord,
)
from matcher.contract_models import Kind as StringKind
from matcher.schema import (
    Accommodation,
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

if TYPE_CHECKING:
    from matcher.carving import CarvingTask

__all__ = [
    "MAX_TRAVEL_MINUTES",
    "Loaded",
    "Problem",
    "Source",
    "check_placements",
    "id_problem",
    "parse_candidate",
    "parse_carving_task",
    "parse_package",
    "parse_placement",
    "read_candidates",
    "read_carving_tasks",
    "read_packages",
    "read_placements",
    "read_table",
    "to_dict",
    "write_jsonl",
    "write_table",
]

R = TypeVar("R")

#: Where records come from: a path (``str`` is always a path), the raw bytes of an upload, or an open
#: binary (or text) file object.
Source = Union[str, "os.PathLike[str]", bytes, bytearray, IO[bytes], IO[str]]

#: Field name used for problems that concern a whole line (broken JSON, bad encoding) or a whole record.
LINE_FIELD = "<line>"
RECORD_FIELD = "<record>"

_INVALID: Any = object()  # stands for a line that could not be decoded


# --------------------------------------------------------------------------------------------------
# Public result types


@dataclass(frozen=True)
class Problem:
    """One validation problem, located by file, line and dotted field path.

    ``str(problem)`` is the one-line form the CLI prints: ``FILE:LINE: field: message``.
    """

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Loaded(Generic[R]):
    """The outcome of reading one file: the good records and everything that was set aside.

    Attributes
    ----------
    records
        The valid records, in file order.
    problems
        Every problem found, in file order (several per line are possible).
    set_aside
        Line numbers of the non-empty lines that did not become a record.
    lines
        The line number of each record in ``records`` (same length).
    source
        The file name used in problems (a path as given, or the upload's name).
    """

    records: tuple[R, ...]
    problems: tuple[Problem, ...] = ()
    set_aside: tuple[int, ...] = ()
    lines: tuple[int, ...] = ()
    source: str = "<input>"

    @property
    def ok(self) -> bool:
        """True when the file had no problem at all."""
        return not self.problems


# --------------------------------------------------------------------------------------------------
# Message helpers (privacy: user strings are only echoed when they look like a short code)

_CODE_LIKE = re.compile(r"[\w\-.()'/+]{1,40}")
_DATE_LIKE = re.compile(r"[0-9./\- T:]{1,30}")
_KEY_LIKE = re.compile(r"[A-Za-z0-9_\-]{1,40}")
_LONG_DIGITS = re.compile(r"[0-9]{8,}")  # a BSN (nine digits), a phone number: never echoed
#: Shown in a field path instead of a key that does not look like a field name or code.
HIDDEN_KEY = "<key not shown>"


def _showable(value: str, pattern: re.Pattern[str]) -> bool:
    return bool(pattern.fullmatch(value)) and not _LONG_DIGITS.search(value)


def _show(value: str, pattern: re.Pattern[str] = _CODE_LIKE) -> str:
    """Quote a user string if it looks like a code (no spaces, no long digit run); otherwise only say
    how long it is: a value in the wrong place may be a name, a BSN or a diagnosis."""
    if _showable(value, pattern):
        return repr(value)
    return f"a string of {_characters(value)} (not shown)"


def _key(name: Any) -> str:
    """A key as it appears in a field path: shown only when it looks like a field name or a code."""
    name = str(name)
    return name if _showable(name, _KEY_LIKE) else HIDDEN_KEY


def _show_key(name: Any) -> str:
    """A key in a message: quoted when it looks like a field name or a code, else only its length."""
    name = str(name)
    return repr(name) if _showable(name, _KEY_LIKE) else f"({_characters(name)}, not shown)"


def _characters(text: str) -> str:
    return f"{len(text)} character{'' if len(text) == 1 else 's'}"


def _describe(value: Any) -> str:
    """What was found, without echoing free text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"integer {_number(value)}"
    if isinstance(value, float):
        return f"number {value!r}" if not abs(value) >= 1e8 else "a very large number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'' if len(value) == 1 else 's'}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _number(value: int) -> str:
    """An integer as shown in a message; nine digits and more may be a BSN or a phone number."""
    return str(value) if abs(value) < 10**8 else "a very large number"


def _suggest(found: str, options: Iterable[str]) -> str | None:
    """The closest known name (case-insensitive first, then difflib), or None."""
    options = list(options)
    for option in options:
        if option.casefold() == found.casefold():
            return option
    by_fold = {option.casefold(): option for option in options}
    close = difflib.get_close_matches(found.casefold(), list(by_fold), n=1, cutoff=0.6)
    return by_fold[close[0]] if close else None


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


# --------------------------------------------------------------------------------------------------
# Message specs: how each kind of field is worded, turned into a record and written back. The rules
# (what is accepted) live in matcher.contract_models; these only explain a rejection and convert.


class _Spec:
    expected = "a value"
    example = ""
    #: True when a valid model value is already the record value (no conversion needed).
    plain = True

    def explain(self, kind: str, value: Any, ctx: dict[str, Any]) -> str:
        """The message for a pydantic error of type ``kind`` on ``value`` at this field."""
        return self.wrong_type(value)

    def wrong_type(self, value: Any) -> str:
        return f"expected {self.expected}, found {_describe(value)}; {self.fix_type(value)}"

    def fix_type(self, value: Any) -> str:
        if isinstance(value, str) and self.example and not self.example.startswith('"'):
            return f"write it without quotes, e.g. {self.example}"
        return f"write it as e.g. {self.example}" if self.example else "correct the value"

    def convert(self, value: Any) -> Any:
        """A valid model value as the value of a :mod:`matcher.schema` record."""
        return value

    def dump(self, value: Any) -> Any:
        """A record value as contract JSON."""
        return value


class _Text(_Spec):
    """Free text or a name; never echoed in messages."""

    def __init__(self, *, nonempty: bool = False, what: str = "") -> None:
        self.expected = ("a non-empty string" if nonempty else "a string") + (f" ({what})" if what else "")
        self.example = '"..."'

    def explain(self, kind: str, value: Any, ctx: dict[str, Any]) -> str:
        if isinstance(value, str):
            return f"is empty; expected {self.expected}; fill it in"
        return self.wrong_type(value)

    def fix_type(self, value: Any) -> str:
        return "write it as a JSON string in double quotes"


def _out_of_range(value: Any, shown: str, expected: str) -> str:
    what = f"negative value {shown}" if value < 0 else f"{shown} is out of range"
    return f"{what}; expected {expected}; use a value in that range"


class _Int(_Spec):
    def __init__(self, lo: int, hi: int, unit: str) -> None:
        self.expected = f"an integer {lo}..{hi} ({unit})"
        self.example = str(hi if hi < 60 else 24)

    def explain(self, kind: str, value: Any, ctx: dict[str, Any]) -> str:
        if isinstance(value, bool) or not isinstance(value, int):
            return self.wrong_type(value)
        return _out_of_range(value, _number(value), self.expected)

    def fix_type(self, value: Any) -> str:
        if isinstance(value, bool):
            return "true/false is not a number; write a whole number"
        if isinstance(value, float):
            return "write a whole number without a decimal point"
        return super().fix_type(value)


class _Number(_Spec):
    plain = False

    def __init__(self, lo: float, hi: float, unit: str, *, positive: bool) -> None:
        self.expected = f"a number {lo:g}..{hi:g} ({unit})"
        self.example = "4.5"
        self.positive = positive  # more than 0: a carving task takes some time

    def explain(self, kind: str, value: Any, ctx: dict[str, Any]) -> str:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self.wrong_type(value)
        if self.positive and value == 0:
            return (
                f"{value:g} hours per week; expected a positive number (a task takes some time); "
                "give the task's hours per week or remove the line"
            )
        return _out_of_range(value, _number(value) if isinstance(value, int) else repr(value), self.expected)

    def convert(self, value: Any) -> Any:
        return float(value)


class _Bool(_Spec):
    expected = "true or false"
    example = "true"

    def fix_type(self, value: Any) -> str:
        return "write true or false without quotes (0/1 and strings are not accepted)"


class _Date(_Spec):
    expected = "an ISO date YYYY-MM-DD"
    example = '"2024-03-01"'

    def explain(self, kind: str, value: Any, ctx: dict[str, Any]) -> str:
        if kind == "iso_date_format":
            return f"expected {self.expected}, found {_show(value, _DATE_LIKE)}; write the date as e.g. 2024-03-01"
        if kind == "impossible_date":
            return (
                f"impossible date {value!r} ({ctx.get('reason', 'not a calendar date')}); expected a real "
                "calendar date YYYY-MM-DD; correct the day or the month"
            )
        return self.wrong_type(value)

    def dump(self, value: Any) -> Any:
        return value.isoformat()


class _Code(_Spec):
    """A string from one closed vocabulary of the contract."""

    def __init__(self, kind: str, options: Sequence[str]) -> None:
        self.kind = kind
        self.options = list(options)
        listed = (
            ", ".join(options) if len(options) <= 15 else "a code listed in matcher/data/vocabularies.json"
        )
        self.expected = f"a code for {kind} ({listed})"
        self.example = '"..."'

    def explain(self, kind: str, value: Any, ctx: dict[str, Any]) -> str:
        if not isinstance(value, str):
            return self.wrong_type(value)
        suggestion = _suggest(value, self.options)
        fix = (
            f"did you mean {suggestion!r}?"
            if suggestion
            else "use one of the listed codes (they are case-sensitive)"
        )
        return f"unknown {self.kind} {_show(value)}; expected {self.expected}; {fix}"


class _Municipality(_Spec):
    expected = "a municipality name (string)"
    example = '"Utrecht"'

    def explain(self, kind: str, value: Any, ctx: dict[str, Any]) -> str:
        if not isinstance(value, str):
            return self.wrong_type(value)
        suggestion = _suggest(value, load_contract().municipalities)
        fix = f"did you mean {suggestion!r}?" if suggestion else "use the current CBS name"
        return (
            f"unknown municipality {_show(value)}; expected a current CBS municipality name or a listed "
            f"alias (matcher/data/municipalities.csv); {fix}"
        )


class _Postcode4(_Spec):
    expected = 'a 4-digit Dutch postcode as a string, e.g. "3511"'
    example = '"3511"'

    def explain(self, kind: str, value: Any, ctx: dict[str, Any]) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            fix = f'put it in quotes: "{value}"' if 0 <= value < 10**8 else "give the four digits as a string"
            return f"expected {self.expected}, found {_describe(value)}; {fix}"
        if not isinstance(value, str):
            return self.wrong_type(value)
        return (
            f"expected {self.expected} (1000-9999), found {_show(value)}; give only the four digits, "
            "without the letters"
        )


class _Id(_Spec):
    """A pseudonymous id. The value is never echoed: a wrong id may be a BSN or a name."""

    expected = 'a non-empty pseudonymous id string, e.g. "K000123"'
    example = '"K000123"'
    problems: ClassVar[dict[str, str]] = {
        "pseudonymous_id_empty": f"id is empty; expected {expected}; give every record its own pseudonymous id",
        "pseudonymous_id_bsn": (
            "id looks like a BSN (9 digits); banenmatch accepts pseudonymous ids only, never a BSN or a "
            'name; replace it with a pseudonymous code, e.g. "K000123"'
        ),
        "pseudonymous_id_whitespace": (
            "id contains whitespace; expected a pseudonymous code without spaces (never a name); "
            'use e.g. "K000123"'
        ),
        "pseudonymous_id_invisible": (
            "id contains an invisible or control character (e.g. a zero-width space or NUL); expected a "
            'pseudonymous code of visible characters; retype the id, e.g. "K000123"'
        ),
    }

    def explain(self, kind: str, value: Any, ctx: dict[str, Any]) -> str:
        if isinstance(value, str) and kind in self.problems:
            return self.problems[kind]
        found = (
            "an integer (not shown)"
            if isinstance(value, int) and not isinstance(value, bool)
            else _describe(value)
        )
        return f"expected {self.expected}, found {found}; {self.fix_type(value)}"

    def fix_type(self, value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            return 'ids are strings; use a pseudonymous code in quotes, e.g. "K000123"'
        return super().fix_type(value)


_ID_ADAPTER: TypeAdapter[str] = TypeAdapter(Id)


def id_problem(value: str) -> str | None:
    """Why ``value`` is not an acceptable pseudonymous id (the contract's rule for ids), or None when it is fine."""
    try:
        _ID_ADAPTER.validate_python(value)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        return _Id().explain(error["type"], value, {})
    return None


class _List(_Spec):
    def __init__(self, item: _Spec, noun: str) -> None:
        self.item = item
        self.expected = f"a list of {noun}"
        self.example = "[...]"
        self.plain = item.plain

    def fix_type(self, value: Any) -> str:
        return "write a JSON list in square brackets, even for one item"

    def convert(self, value: Any) -> Any:
        return value if self.plain else tuple(self.item.convert(v) for v in value)

    def dump(self, value: Any) -> Any:
        return [self.item.dump(v) for v in value]


class _FmlMap(_Spec):
    """``{FML-lite code: int}``: levels (0..max_level) or accommodation steps (1..max_level).

    ``null`` means unknown, like leaving the item out. With ``keep_null`` it is kept as ``None``: for an
    assessed candidate an unlisted item is at its norm, but a ``null`` one is unknown.
    """

    def __init__(self, kind: Literal["level", "steps"], *, keep_null: bool) -> None:
        self.kind = kind
        self.keep_null = keep_null
        self.plain = keep_null
        self.expected = f'an object {{FML-lite code: {kind}}}, e.g. {{"DH01": 2}}'
        self.example = '{"DH01": 2}'

    def explain_item(self, code: Any, kind: str, number: Any) -> str:
        """The message for the item ``code`` of this map."""
        fml = load_contract().fml
        item = fml.get(code) if isinstance(code, str) else None
        if item is None or kind in _UNKNOWN_KEY:
            code = str(code)
            suggestion = _suggest(code, fml)
            fix = f"did you mean {suggestion!r}?" if suggestion else "use a listed code (case-sensitive)"
            return (
                f"unknown FML-lite item {_show_key(code)}; expected a code listed in matcher/data/fml_lite.csv "
                f"(PF01..WT04); {fix}"
            )
        lo = 0 if self.kind == "level" else 1
        scale = f'{lo}..{item.max_level} (FML-lite {code} "{item.name_nl}")'
        if isinstance(number, bool) or not isinstance(number, int):
            return f"expected an integer {scale}, found {_describe(number)}; write a whole number"
        if self.kind == "level":
            what = (
                f"negative level {_number(number)}"
                if number < 0
                else f"level {_number(number)} is out of range"
            )
            return f"{what}; expected an integer {scale}; set a level within the scale"
        if number < 1:
            return (
                f"non-positive steps {_number(number)}; expected an integer {scale}; an accommodation lowers the "
                "demand by at least one step, so remove the item or give the number of steps"
            )
        return (
            f"{_number(number)} steps is more than the scale has; expected an integer {scale}; "
            "give the number of steps the accommodation lowers the demand by"
        )

    def convert(self, value: Any) -> Any:
        return value if self.keep_null else {code: n for code, n in value.items() if n is not None}

    def dump(self, value: Any) -> Any:
        return dict(value)


#: pydantic error types for a key that is not allowed (an unknown field or FML-lite item).
_UNKNOWN_KEY = frozenset({"extra_forbidden", "invalid_key"})


class _TaskSpec(_Spec):
    """A task: a plain string, or ``{"text": ..., "hours_per_week": ...}``."""

    expected = 'a task: a string or an object {"text", "hours_per_week"}'
    plain = False

    def __init__(self, text: _Spec, record: _Record) -> None:
        self.text = text
        self.record = record

    def fix_type(self, value: Any) -> str:
        return 'write the task as "..." or as {"text": "...", "hours_per_week": 4}'

    def convert(self, value: Any) -> Any:
        return Task(value) if isinstance(value, str) else self.record.convert(value)

    def dump(self, value: Any) -> Any:
        return value.text if value.hours_per_week is None else self.record.dump(value)


#: Cross-field rules: pydantic error type -> (the field the problem is reported at, its message).
_CROSS: dict[str, tuple[str, Callable[[dict[str, Any]], str]]] = {
    "min_above_max": (
        "min_per_week",
        lambda c: (
            f"min_per_week {c['low']} is greater than max_per_week {c['high']}; expected min_per_week <= "
            "max_per_week; correct or swap the two values"
        ),
    ),
    "day_above_week": (
        "per_day",
        lambda c: (
            f"per_day {c['per_day']} is greater than per_week {c['per_week']}; expected per_day <= per_week; "
            "correct one of the two values"
        ),
    ),
    "end_before_start": (
        "end",
        lambda c: (
            f"end {c['end']} is before start {c['start']}; expected an end on or after the start; "
            "correct the dates"
        ),
    ),
}


class _Record(_Spec):
    """A contract model (the rules) with the :mod:`matcher.schema` dataclass it becomes.

    Absent or ``null`` optional fields take the dataclass default (``None`` = unknown).
    """

    plain = False

    def __init__(self, model: type[BaseModel], cls: type) -> None:
        self.model = model
        self.cls = cls
        self.expected = f"an object ({model.noun})"  # type: ignore[attr-defined]
        self.fields: dict[str, _Spec] = {}
        self.index: dict[str, int] = {}
        self.required: set[str] = set()
        #: Fields a model value does not give as is: renamed (``register_``) or converted.
        self.special: list[tuple[str, str, _Spec]] = []
        for i, (name, info) in enumerate(model.model_fields.items()):
            alias = info.alias or name
            spec = _spec_of(info.annotation, info.metadata)
            self.fields[alias] = spec
            self.index[alias] = i
            if alias != name or not spec.plain:
                self.special.append((name, alias, spec))
            if info.is_required():
                self.required.add(alias)
        self.defaults: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.default is not dataclasses.MISSING:
                self.defaults[f.name] = f.default
            elif f.default_factory is not dataclasses.MISSING:
                self.defaults[f.name] = f.default_factory()
        if list(self.fields) != [f.name for f in dataclasses.fields(cls)]:
            raise TypeError(f"fields of {model.__name__} do not match {cls.__name__}")  # pragma: no cover

    def fix_type(self, value: Any) -> str:
        return "write it as a JSON object in curly braces {...}"

    def unknown(self, key: Any) -> str:
        known = list(self.fields)
        suggestion = _suggest(str(key), known)
        fix = f"did you mean {suggestion!r}?" if suggestion else "remove it or correct its name"
        return f"unknown field {_show_key(key)}; expected one of the fields {', '.join(known)}; {fix}"

    def convert(self, value: Any) -> Any:
        kwargs = {name: item for name, item in value.__dict__.items() if item is not None}
        for name, alias, spec in self.special:
            if name in kwargs:
                item = kwargs.pop(name)
                kwargs[alias] = item if spec.plain else spec.convert(item)
        return self.cls(**kwargs)

    def dump(self, value: Any) -> Any:
        out: dict[str, Any] = {}
        for name, spec in self.fields.items():
            item = getattr(value, name)
            if name not in self.required and (item is None or item == self.defaults.get(name)):
                continue
            out[name] = spec.dump(item)
        return out

    def validate(self, obj: Any, file: str, line: int) -> tuple[Any, list[Problem]]:
        """The record built from ``obj`` and no problems, or ``None`` and every problem."""
        try:
            model = self.model.model_validate(obj)
        except ValidationError as exc:
            return None, _problems(self, obj, exc, file, line)
        return self.convert(model), []


# --------------------------------------------------------------------------------------------------
# From the models' annotations to message specs, and from ValidationError to problems


def _spec_of(annotation: Any, metadata: Sequence[Any]) -> _Spec:
    """The message spec of a model field (or item) with this type and metadata."""
    tp, meta = annotation, list(metadata)
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp, *extra = get_args(tp)
            meta.extend(extra)
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(tp) if a is not type(None)]
            if len(members) == 1:
                tp = members[0]
            else:  # the one union of the contract: a task as a string or an object
                text, record = (_spec_of(m, []) for m in members)
                if not isinstance(record, _Record):
                    raise TypeError(f"unsupported union {tp}")  # pragma: no cover
                return _TaskSpec(text, record)
        else:
            break
    flat = list(meta) + [m for info in meta if isinstance(info, FieldInfo) for m in info.metadata]
    noun = next((m.text for m in reversed(flat) if isinstance(m, Noun)), "")
    kind = next((m.name for m in reversed(flat) if isinstance(m, StringKind)), None)
    ge = next((m.ge for m in flat if isinstance(m, Ge)), None)
    gt = next((m.gt for m in flat if isinstance(m, Gt)), None)
    le = next((m.le for m in flat if isinstance(m, Le)), None)
    if get_origin(tp) is Literal:
        return _Code(noun, get_args(tp))
    if get_origin(tp) is tuple:
        return _List(_spec_of(get_args(tp)[0], []), noun)
    if tp is bool:
        return _Bool()
    if tp is int:
        return _Int(ge, le, noun)  # type: ignore[arg-type]
    if tp is float:
        return _Number(gt if ge is None else ge, le, noun, positive=gt is not None)  # type: ignore[arg-type]
    if tp is FmlLevels or tp is FmlSteps:
        return _FmlMap("level" if tp is FmlLevels else "steps", keep_null=False)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _record(tp)
    strings: dict[str | None, Callable[[], _Spec]] = {
        "id": _Id,
        "text": lambda: _Text(what=noun),
        "nonempty": lambda: _Text(nonempty=True, what=noun),
        "date": _Date,
        "municipality": _Municipality,
        "postcode4": _Postcode4,
    }
    if kind not in strings:
        raise TypeError(f"no message spec for {annotation}")  # pragma: no cover
    return strings[kind]()


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list | tuple) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _position(node: Any, key: Any) -> int:
    """Where ``key`` is in the object ``node`` (problems of one object follow the input's order)."""
    return list(node).index(key) if isinstance(node, dict) and key in node else 0


def _problem(top: _Record, obj: Any, error: Any, file: str, line: int) -> tuple[list[Any], Problem]:
    """One pydantic error as a problem, and a sort key that puts the problems of one record in the
    order io has always reported them: per object, unknown fields first (in input order), then the
    fields in contract order, then the cross-field rules."""
    loc, kind, value = error["loc"], error["type"], error.get("input")
    ctx = error.get("ctx") or {}
    spec: _Spec = top
    node, path, order = obj, "", []
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(spec, _TaskSpec):  # a union tag, not a field
            spec = spec.text if part == "text" else spec.record
        elif isinstance(spec, _List):
            order.append(part if isinstance(part, int) else 0)
            path, node, spec = f"{path}[{part}]", _child(node, part), spec.item
        elif isinstance(spec, _FmlMap):
            order.append(_position(node, part))
            return order, Problem(file, line, _join(path, _key(part)), spec.explain_item(part, kind, value))
        elif isinstance(spec, _Record):
            if part not in spec.fields or (last and kind in _UNKNOWN_KEY):
                order.append((0, _position(node, part)))
                return order, Problem(file, line, _join(path, _key(part)), spec.unknown(part))
            if last and kind in _CROSS:
                field, message = _CROSS[kind]
                order.append((2, 0))
                return order, Problem(file, line, _join(path, field), message(ctx))
            order.append((1, spec.index[part]))
            child = spec.fields[part]
            path, node = _join(path, part), _child(node, part)
            if last and part in spec.required and (kind == "missing" or value is None):
                found = "nothing" if kind == "missing" else "null"
                return order, Problem(
                    file,
                    line,
                    path,
                    f"required field is missing; expected {child.expected}, found {found}; add it",
                )
            spec = child
    return order, Problem(file, line, path or RECORD_FIELD, spec.explain(kind, value, ctx))


def _problems(top: _Record, obj: Any, exc: ValidationError, file: str, line: int) -> list[Problem]:
    """Every error of ``exc`` as a problem ``FILE:LINE: field: message``: the one place where pydantic's
    errors become the project's wording."""
    found = [_problem(top, obj, error, file, line) for error in exc.errors(include_url=False)]
    found.sort(key=lambda pair: pair[0])
    return [problem for _, problem in found]


# --------------------------------------------------------------------------------------------------
# The record types


_DATACLASSES: dict[type[BaseModel], type] = {
    CandidateRecord: Candidate,
    RegisterRecord: Register,
    LocationRecord: Location,
    TravelRecord: Travel,
    CandidateHoursRecord: CandidateHours,
    CandidateScheduleRecord: CandidateSchedule,
    CapacitiesRecord: Capacities,
    TaskRecord: Task,
    WorkPackageRecord: WorkPackage,
    PackageHoursRecord: PackageHours,
    PackageScheduleRecord: PackageSchedule,
    AccommodationRecord: Accommodation,
    PlacementRecord: Placement,
}


@functools.cache
def _record(model: type[BaseModel]) -> _Record:
    if model is CarvingTaskRecord:
        # Imported here: matcher.carving pulls in scikit-learn, which reading the data contract does not need.
        from matcher.carving import CarvingTask

        return _Record(model, CarvingTask)
    spec = _Record(model, _DATACLASSES[model])
    if model is CapacitiesRecord:  # an assessed candidate's null level is unknown, an unlisted one the norm
        spec.fields["levels"] = _FmlMap("level", keep_null=True)
        spec.special = [(n, a, s) for n, a, s in spec.special if a != "levels"]
    return spec


_CANDIDATE = _record(CandidateRecord)
_PACKAGE = _record(WorkPackageRecord)
_PLACEMENT = _record(PlacementRecord)


def _all_records(spec: _Spec) -> Iterator[_Record]:
    """Every record spec reachable from ``spec`` (for :func:`to_dict` on parts)."""
    if isinstance(spec, _Record):
        yield spec
        for child in spec.fields.values():
            yield from _all_records(child)
    elif isinstance(spec, _List):
        yield from _all_records(spec.item)
    elif isinstance(spec, _TaskSpec):
        yield spec.record


_DUMPERS: dict[type, _Spec] = {}
for _top in (_CANDIDATE, _PACKAGE, _PLACEMENT):
    for _spec in _all_records(_top):
        _DUMPERS.setdefault(_spec.cls, _spec)
_DUMPERS[Task] = _PACKAGE.fields["tasks"].item  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------------
# Parsing single records (forms, uploads, API)


def parse_candidate(
    obj: Any, *, file: str = "<input>", line: int = 1
) -> tuple[Candidate | None, list[Problem]]:
    """Validate one raw candidate (a decoded JSON object) and build the :class:`~matcher.schema.Candidate`.

    Parameters
    ----------
    obj
        The decoded JSON value, normally a ``dict``.
    file, line
        Where the value came from; used in every :class:`Problem`.

    Returns
    -------
    (candidate, problems)
        ``candidate`` is ``None`` when there is any problem; ``problems`` lists all of them.

    Examples
    --------
    >>> cand, problems = parse_candidate({"id": "K1", "hours": {"min_per_week": 40, "max_per_week": 20}})
    >>> cand is None, str(problems[0]).split(";")[0]
    (True, '<input>:1: hours.min_per_week: min_per_week 40 is greater than max_per_week 20')
    """
    return _CANDIDATE.validate(obj, file, line)


def parse_package(
    obj: Any, *, file: str = "<input>", line: int = 1
) -> tuple[WorkPackage | None, list[Problem]]:
    """Validate one raw work package or vacancy; see :func:`parse_candidate`."""
    return _PACKAGE.validate(obj, file, line)


def parse_placement(
    obj: Any, *, file: str = "<input>", line: int = 1
) -> tuple[Placement | None, list[Problem]]:
    """Validate one raw placement; see :func:`parse_candidate`."""
    return _PLACEMENT.validate(obj, file, line)


def parse_carving_task(
    obj: Any, *, file: str = "<input>", line: int = 1
) -> tuple[CarvingTask | None, list[Problem]]:
    """Validate one raw task of a job-carving inventory; see :func:`parse_candidate`."""
    return _record(CarvingTaskRecord).validate(obj, file, line)


# --------------------------------------------------------------------------------------------------
# Reading JSON Lines


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON; write a number or null")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"key {_show_key(key)} appears twice in one object; keep only one")
        obj[key] = value
    return obj


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Build a JSON object; a key repeated in it raises ValueError (a later one would silently win).

    ``dict(pairs)`` runs in C, so the check costs little; only an object with a repeated key goes
    through the loop that names the key.
    """
    obj = dict(pairs)
    if len(obj) != len(pairs):
        _no_duplicate_keys(pairs)
    return obj


#: One decoder for every line: ``json.loads`` with keyword arguments builds a new decoder per call.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant, object_pairs_hook=_object)


def _loads(text: str) -> Any:
    """Decode one line as ``json.loads`` would, rejecting NaN/Infinity and repeated keys."""
    if text.startswith("\ufeff"):  # what json.loads says about a byte order mark
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    return _DECODER.decode(text)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _decode_line(raw: bytes, number: int, file: str) -> tuple[Any, Problem | None]:
    """Decode one line into a JSON value, or explain why it cannot be."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, Problem(
            file,
            number,
            LINE_FIELD,
            f"line is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at position {exc.start}); "
            "expected UTF-8 text; save the file with UTF-8 encoding",
        )
    try:
        value = _loads(text)
    except json.JSONDecodeError as exc:
        return None, Problem(
            file,
            number,
            LINE_FIELD,
            f"broken JSON ({exc.msg} at column {exc.colno}); expected one complete JSON object per line; "
            "fix the syntax (quotes, commas, brackets)",
        )
    except (ValueError, RecursionError) as exc:
        reason = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        return None, Problem(
            file,
            number,
            LINE_FIELD,
            f"unreadable JSON ({reason[:120]}); expected one JSON object per line; fix the value",
        )
    try:
        if _SURROGATE_ESCAPE.search(text):  # only a \u escape can bring a lone surrogate into decoded text
            json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return None, Problem(
            file,
            number,
            LINE_FIELD,
            "a string contains a lone surrogate escape (\\ud800-\\udfff), which is not valid Unicode; "
            "expected proper UTF-8 text; correct the escape",
        )
    return value, None


def _open(source: Source, name: str | None) -> tuple[IO[bytes], str]:
    """A binary handle over ``source`` (the caller closes it) and the name to use in problems."""
    if isinstance(source, str | os.PathLike):
        return open(source, "rb"), (name or os.fspath(source))
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(bytes(source)), (name or "<upload>")
    data = source.read()
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    display = name or getattr(source, "name", None) or "<upload>"
    return io.BytesIO(data), str(display)


def _json_lines(handle: IO[bytes], file: str) -> Iterator[tuple[int, Any, list[Problem]]]:
    """``(line number, decoded value, problems)`` for every non-empty line; the value is ``_INVALID``
    when the line could not be decoded."""
    for number, raw in enumerate(handle, start=1):
        raw = raw.rstrip(b"\r\n")
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        value, problem = _decode_line(raw, number, file)
        yield (number, _INVALID, [problem]) if problem is not None else (number, value, [])


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a file is read.

    Reading creates no reference cycles, but the collector keeps rescanning the growing set of records
    it has read (about a fifth of the reading time at 30,000 candidates); it runs again afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _collect(
    entries: Iterable[tuple[int, Any, list[Problem]]], file: str, spec: _Record, id_field: str | None
) -> Loaded[Any]:
    """Validate decoded entries, set aside every record with a problem (or a repeated id)."""
    with _cyclic_gc_paused():
        return _collect_all(entries, file, spec, id_field)


def _collect_all(
    entries: Iterable[tuple[int, Any, list[Problem]]], file: str, spec: _Record, id_field: str | None
) -> Loaded[Any]:
    records: list[Any] = []
    lines: list[int] = []
    problems: list[Problem] = []
    set_aside: list[int] = []
    first_seen: dict[str, int] = {}
    for number, value, early in entries:
        found = list(early)
        record = None
        if value is not _INVALID:
            record, parse_problems = spec.validate(value, file, number)
            found.extend(parse_problems)
            raw_id = value.get(id_field) if id_field is not None and isinstance(value, dict) else None
            if isinstance(raw_id, str) and (record is not None or id_problem(raw_id) is None):
                if raw_id in first_seen:
                    found.append(
                        Problem(
                            file,
                            number,
                            id_field or RECORD_FIELD,
                            f"duplicate id {raw_id!r}; first used on line {first_seen[raw_id]}; expected ids "
                            "unique within a file; give this record its own id or remove the copy",
                        )
                    )
                else:
                    first_seen[raw_id] = number
        if found:
            problems.extend(found)
            set_aside.append(number)
        else:
            records.append(record)
            lines.append(number)
    return Loaded(tuple(records), tuple(problems), tuple(set_aside), tuple(lines), file)


def _read(source: Source, name: str | None, spec: _Record, id_field: str | None) -> Loaded[Any]:
    handle, file = _open(source, name)
    with handle:
        return _collect(_json_lines(handle, file), file, spec, id_field)


def read_candidates(source: Source, *, name: str | None = None) -> Loaded[Candidate]:
    """Read and validate a candidates JSON Lines file.

    Parameters
    ----------
    source
        A path (``str`` or ``os.PathLike``), the raw ``bytes`` of an upload, or an open file object.
    name
        The file name to use in problems; defaults to the path as given, or ``"<upload>"``.

    Returns
    -------
    Loaded[Candidate]
        The valid candidates in file order plus every problem; a record with any problem (including a
        duplicate id: the later occurrence) is set aside. Empty lines are skipped.

    Raises
    ------
    OSError
        When a path cannot be opened (e.g. ``FileNotFoundError``).

    Examples
    --------
    >>> loaded = read_candidates(b'{"id": "K1"}\\n{"id": "K1"}\\n', name="upload.jsonl")
    >>> [c.id for c in loaded.records], loaded.set_aside
    (['K1'], (2,))
    """
    return _read(source, name, _CANDIDATE, "id")


def read_packages(source: Source, *, name: str | None = None) -> Loaded[WorkPackage]:
    """Read and validate a vacancies / work packages JSON Lines file; see :func:`read_candidates`."""
    return _read(source, name, _PACKAGE, "id")


def read_placements(source: Source, *, name: str | None = None) -> Loaded[Placement]:
    """Read and validate a placements JSON Lines file; see :func:`read_candidates`."""
    return _read(source, name, _PLACEMENT, None)


def check_placements(
    placements: Loaded[Placement] | Sequence[Placement],
    candidate_ids: Collection[str],
    package_ids: Collection[str],
) -> list[Problem]:
    """Problems for placements that name a candidate or package id that is not known.

    Parameters
    ----------
    placements
        A :class:`Loaded` result (problems then carry its file name and line numbers) or a plain
        sequence (file ``"<placements>"``, line = position from 1).
    candidate_ids, package_ids
        The ids of the loaded candidates and packages.
    """
    if isinstance(placements, Loaded):
        records, lines, file = placements.records, placements.lines, placements.source
    else:
        records, lines, file = tuple(placements), tuple(range(1, len(placements) + 1)), "<placements>"
    candidate_ids, package_ids = set(candidate_ids), set(package_ids)
    problems: list[Problem] = []
    for placement, line in zip(records, lines, strict=True):
        if placement.candidate_id not in candidate_ids:
            problems.append(
                Problem(
                    file,
                    line,
                    "candidate_id",
                    f"unknown candidate id {placement.candidate_id!r}; expected the id of a valid candidate in "
                    "the candidates file; correct the id or add the candidate",
                )
            )
        if placement.package_id not in package_ids:
            problems.append(
                Problem(
                    file,
                    line,
                    "package_id",
                    f"unknown package id {placement.package_id!r}; expected the id of a valid package in the "
                    "vacancies file; correct the id or add the package",
                )
            )
    return problems


# --------------------------------------------------------------------------------------------------
# Writing


def to_dict(record: Any) -> dict[str, Any]:
    """The contract JSON form of a record: dates as ISO strings, unknown (``None``) and default fields left out.

    Works for :class:`Candidate`, :class:`WorkPackage`, :class:`Placement` and their parts, and
    ``parse_*(to_dict(x))`` gives back ``x``.
    """
    spec = _DUMPERS.get(type(record))
    if spec is None:
        raise TypeError(
            f"to_dict() expects a contract record (Candidate, WorkPackage, Placement), got {type(record).__name__}"
        )
    return spec.dump(record)


def write_jsonl(records: Iterable[Any], path: str | os.PathLike[str] | IO[str]) -> int:
    """Write records as UTF-8 JSON Lines (one :func:`to_dict` object per line); returns the count."""
    if isinstance(path, str | os.PathLike):
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            return write_jsonl(records, handle)
    count = 0
    for record in records:
        path.write(json.dumps(to_dict(record), ensure_ascii=False) + "\n")
        count += 1
    return count


# --------------------------------------------------------------------------------------------------
# Tables (CSV, Parquet): one column per top-level field; nested fields and lists JSON-encoded

Kind = Literal["candidates", "packages", "placements"]
_KINDS: dict[str, tuple[_Record, str | None]] = {
    "candidates": (_CANDIDATE, "id"),
    "packages": (_PACKAGE, "id"),
    "placements": (_PLACEMENT, None),
}
_PLAIN = (_Text, _Code, _Id, _Date, _Municipality)  # specs whose JSON value is a plain string


def _table_format(path: str | os.PathLike[str]) -> Literal["csv", "parquet"]:
    suffix = Path(path).suffix.lower()
    if suffix in (".csv", ".parquet"):
        return "csv" if suffix == ".csv" else "parquet"
    raise ValueError(f"unsupported table format {suffix!r}; expected a .csv or .parquet file")


def write_table(records: Sequence[Any], path: str | os.PathLike[str]) -> None:
    """Write records of one type as a CSV or Parquet table (by file suffix).

    Columns are the top-level fields; plain string fields are stored as text, all others (numbers,
    booleans, objects, lists) JSON-encoded; an empty cell means unknown.
    """
    import pandas as pd

    if not records:
        raise ValueError("write_table() needs at least one record to know the columns")
    spec = _DUMPERS[type(records[0])]
    rows = []
    for record in records:
        data = spec.dump(record)
        rows.append(
            {
                name: ""
                if name not in data
                else (
                    data[name]
                    if isinstance(spec.fields[name], _PLAIN)
                    else json.dumps(data[name], ensure_ascii=False)
                )
                for name in spec.fields
            }
        )
    frame = pd.DataFrame(rows, columns=list(spec.fields), dtype="string")
    if _table_format(path) == "csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_parquet(path, index=False)


def read_table(path: str | os.PathLike[str], *, kind: Kind) -> Loaded[Any]:
    """Read a CSV or Parquet table written like :func:`write_table`, with the same validation.

    Problems carry the row number as the line: for CSV the header is line 1, so the first record is
    line 2; for Parquet the first record is line 1.
    """
    import pandas as pd

    spec, id_field = _KINDS[kind]
    fmt = _table_format(path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False) if fmt == "csv" else pd.read_parquet(path)
    file, offset = os.fspath(path), (2 if fmt == "csv" else 1)
    return _collect(_table_rows(frame, spec, file, offset), file, spec, id_field)


def _table_rows(
    frame: Any, spec: _Record, file: str, offset: int
) -> Iterator[tuple[int, Any, list[Problem]]]:
    """Table rows as decoded objects: empty cells left out, JSON-encoded cells decoded."""
    for i, row in enumerate(frame.to_dict(orient="records")):
        number = i + offset
        obj: dict[str, Any] = {}
        problems: list[Problem] = []
        for column, cell in row.items():
            if cell is None or cell == "" or (isinstance(cell, float) and math.isnan(cell)):
                continue
            column = str(column)
            if (
                column in spec.fields
                and not isinstance(spec.fields[column], _PLAIN)
                and isinstance(cell, str)
            ):
                try:
                    cell = json.loads(cell, parse_constant=_reject_constant)
                except ValueError:
                    problems.append(
                        Problem(
                            file,
                            number,
                            column,
                            "cell is not valid JSON; expected a JSON-encoded value (numbers, true/false, "
                            "lists and objects); fix the cell",
                        )
                    )
                    continue
            obj[column] = cell
        yield number, obj, problems


# --------------------------------------------------------------------------------------------------
# Task inventories for job carving (``banenmatch carve``): JSON Lines or CSV

_FML_COLUMN = re.compile(r"[A-Za-z]{2}\d{1,3}")
_CSV_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


def _csv_cell(column: str, cell: str, file: str, line: int) -> tuple[Any, Problem | None]:
    """A CSV cell of a task inventory as its JSON value: hours a number (decimal point or comma), FML-lite
    levels whole numbers, anything else the text itself."""
    if column == "hours_per_week" or _FML_COLUMN.fullmatch(column):
        whole = column != "hours_per_week"
        if _CSV_NUMBER.fullmatch(cell.strip()):
            number = float(cell.strip().replace(",", "."))
            return (int(number) if whole and number.is_integer() else number), None
        expected = (
            "a number of hours per week, e.g. 4 or 2.5"
            if not whole
            else f"a whole number (the FML-lite level of {_key(column)}), e.g. 2"
        )
        return None, Problem(
            file, line, _key(column), f"expected {expected}, found {_show(cell)}; write a number in this cell"
        )
    return cell, None


def _csv_tasks(handle: IO[bytes], file: str) -> Iterator[tuple[int, Any, list[Problem]]]:
    """CSV rows (``,`` or ``;`` separated, header on line 1) as task objects: the columns ``text`` and
    ``hours_per_week``, and one column per FML-lite code whose cells are levels (empty: not demanded)."""
    import csv

    raw = handle.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield (
            1,
            _INVALID,
            [
                Problem(
                    file,
                    1,
                    LINE_FIELD,
                    f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at position {exc.start}); "
                    "expected UTF-8 text; save the file with UTF-8 encoding",
                )
            ],
        )
        return
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = [c.strip() for c in next(rows, [])]
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        obj: dict[str, Any] = {}
        problems: list[Problem] = []
        if len(row) > len(columns):
            problems.append(
                Problem(
                    file,
                    number,
                    LINE_FIELD,
                    f"{len(row)} cells but {len(columns)} columns in the header; expected one cell per column; "
                    f"put quotes around a task that contains the separator {delimiter!r}",
                )
            )
        for column, cell in zip(columns, row, strict=False):
            if not cell.strip():
                continue
            value, problem = _csv_cell(column, cell, file, number)
            if problem is not None:
                problems.append(problem)
            elif _FML_COLUMN.fullmatch(column):
                obj.setdefault("demands", {})[column] = value
            else:
                obj[column] = value
        yield number, (obj if not problems else _INVALID), problems


def read_carving_tasks(path: str | os.PathLike[str], *, name: str | None = None) -> Loaded[CarvingTask]:
    """Read and validate a task inventory for job carving (:func:`matcher.carving.carve`).

    Two formats, by file suffix:

    - ``.jsonl``: one task per line, ``{"text": str, "hours_per_week": number, "demands": {code: level}}``
      (``demands`` optional: an item not listed is unknown);
    - ``.csv`` (``,`` or ``;`` separated, UTF-8, header on line 1): columns ``text`` and
      ``hours_per_week`` (a decimal comma is fine), and one column per FML-lite code (e.g. ``DH01``)
      whose cells are levels; an empty cell is unknown.

    A task with any problem (empty text, hours not a positive number, an unknown FML-lite code, a level
    out of range, an unknown column) is set aside and reported, file, line and field named; the rest loads.

    Raises
    ------
    ValueError
        When the suffix is neither ``.jsonl`` nor ``.csv``.
    OSError
        When the file cannot be opened.

    Examples
    --------
    >>> loaded = read_carving_tasks("taken.csv")  # doctest: +SKIP
    >>> [str(p) for p in loaded.problems]  # doctest: +SKIP
    ['taken.csv:3: hours_per_week: expected a number of hours per week, e.g. 4 or 2.5, found 'veel'; ...']
    """
    suffix = Path(path).suffix.lower()
    if suffix not in (".jsonl", ".csv"):
        raise ValueError(
            f"unsupported task file {suffix or 'without suffix'!r}; expected a .jsonl or .csv file"
        )
    handle, file = _open(path, name)
    with handle:
        entries = _csv_tasks(handle, file) if suffix == ".csv" else _json_lines(handle, file)
        return _collect(entries, file, _record(CarvingTaskRecord), None)
