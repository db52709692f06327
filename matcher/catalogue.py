"""The function-profile catalogue (``data/function_profiles.json``): loading and validation.

A function profile describes a function or carved work package that the seed documents name (a
conciërge, a toetsenbordschoonmaker, a camerabeeldspecialist, ...): typical Dutch tasks, typical
FML-lite demands for all 31 items, usual hours, support usually offered, and the closest ESCO
occupation. Packages refer to a profile by ``function_profile`` id; the carving and text components use
the tasks and demands as defaults.

Validation checks every profile against the contract vocabularies and reports each problem with the
file, the profile id and the field (:class:`CatalogueProblem`). :func:`parse_function_profiles` keeps
the valid profiles and returns the problems beside them; :func:`load_function_profiles` is strict and
raises :class:`~matcher.errors.SchemaError` listing every problem.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from pydantic import TypeAdapter, ValidationError

from matcher.competences import load_esco
from matcher.contract import DATA_DIR, Contract, load_contract
from matcher.contract_models import FmlLevels
from matcher.errors import SchemaError, UnknownIdError
from matcher.schema import FunctionProfile

__all__ = [
    "CATALOGUE_PATH",
    "CatalogueProblem",
    "ParsedCatalogue",
    "get_profile",
    "load_function_profiles",
    "parse_function_profiles",
]

CATALOGUE_PATH = DATA_DIR / "function_profiles.json"

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SOURCE = re.compile(r"^\d{3}(?::\d{1,2})?$")
_MAX_HOURS = 60
_PROFILE_FIELDS = (
    "id",
    "title",
    "sectors",
    "hours_per_week",
    "tasks",
    "demands",
    "offers",
    "description",
    "esco_uri",
    "esco_label",
    "sources",
)
_REQUIRED = frozenset({"id", "title", "sectors", "hours_per_week", "tasks", "demands"})
_TOP_FIELDS = frozenset({"_about", "acknowledgement", "profiles"})


@dataclass(frozen=True)
class CatalogueProblem:
    """One validation problem: ``str()`` gives ``"FILE: profile ID: field: message"``."""

    file: str
    profile: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: profile {self.profile}: {self.field}: {self.message}"


@dataclass(frozen=True)
class ParsedCatalogue:
    """The valid profiles of a catalogue document (in file order) and the problems found."""

    profiles: tuple[FunctionProfile, ...]
    problems: tuple[CatalogueProblem, ...]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


_FML_LEVELS: TypeAdapter[dict[str, int | None]] = TypeAdapter(FmlLevels)


def _fml_errors(levels: dict[object, object]) -> dict[object, str]:
    """The pydantic error type for every FML-lite item of ``levels`` the contract rejects, by code."""
    try:
        _FML_LEVELS.validate_python(levels)
    except ValidationError as exc:
        return {error["loc"][0]: error["type"] for error in exc.errors(include_url=False) if error["loc"]}
    return {}


class _ProfileChecker:
    """Validates one raw profile object and builds the :class:`FunctionProfile` when it is clean."""

    def __init__(self, raw: Mapping[str, object], *, file: str, label: str, contract: Contract) -> None:
        self.raw = raw
        self.file = file
        self.label = label
        self.contract = contract
        self.problems: list[CatalogueProblem] = []

    def fail(self, field: str, message: str) -> None:
        self.problems.append(CatalogueProblem(self.file, self.label, field, message))

    def string_list(self, field: str, *, allowed: Mapping[str, str] | None, noun: str) -> tuple[str, ...]:
        value = self.raw.get(field, [])
        if not isinstance(value, list):
            self.fail(field, f"expected a list of {noun}, found {_show(value)}")
            return ()
        out: list[str] = []
        for i, item in enumerate(value):
            where = f"{field}[{i}]"
            if not isinstance(item, str) or not item.strip():
                self.fail(where, f"expected a non-empty string, found {_show(item)}")
            elif allowed is not None and item not in allowed:
                close = difflib.get_close_matches(item, list(allowed), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                self.fail(where, f"unknown {noun} {item!r}; expected one of {sorted(allowed)}{hint}")
            elif item in out:
                self.fail(where, f"{item!r} is listed twice; keep one")
            else:
                out.append(item)
        return tuple(out)

    def check(self) -> FunctionProfile | None:
        raw = self.raw
        for key in raw:
            if key not in _PROFILE_FIELDS:
                close = difflib.get_close_matches(str(key), _PROFILE_FIELDS, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                self.fail(str(key), f"unknown field; expected one of {list(_PROFILE_FIELDS)}{hint}")
        for key in sorted(_REQUIRED - raw.keys()):
            self.fail(key, "required field is missing")

        profile_id = raw.get("id")
        if "id" in raw and (not isinstance(profile_id, str) or not _ID.match(profile_id)):
            self.fail(
                "id", f"expected a lowercase slug such as 'toetsenbordschoonmaker', found {_show(profile_id)}"
            )
        title = raw.get("title")
        if "title" in raw and (not isinstance(title, str) or not title.strip()):
            self.fail("title", f"expected a non-empty Dutch title, found {_show(title)}")

        sectors = self.string_list("sectors", allowed=self.contract.sectors, noun="sector code")
        if "sectors" in raw and isinstance(raw["sectors"], list) and not raw["sectors"]:
            self.fail("sectors", "expected at least one sector code, found an empty list")
        tasks = self.string_list("tasks", allowed=None, noun="Dutch task phrases")
        if "tasks" in raw and isinstance(raw["tasks"], list) and not raw["tasks"]:
            self.fail("tasks", "expected at least one task, found an empty list")
        offers = self.string_list("offers", allowed=self.contract.needs_offers, noun="needs/offers word")
        sources = self.string_list("sources", allowed=None, noun="seed references")
        for i, source in enumerate(sources):
            if not _SOURCE.match(source):
                self.fail(f"sources[{i}]", f"expected a seed id like '002' or '002:14', found {source!r}")

        hours = self.hours()
        demands = self.demands()
        description = raw.get("description", "")
        if not isinstance(description, str):
            self.fail("description", f"expected a Dutch text, found {_show(description)}")
        esco_uri, esco_label = self.esco()

        if self.problems:
            return None
        return FunctionProfile(
            id=str(profile_id),
            title=str(title),
            sectors=sectors,
            tasks=tasks,
            demands=demands,
            hours_per_week=hours,
            description=str(description),
            offers=offers,
            esco_uri=esco_uri,
            esco_label=esco_label,
            sources=sources,
        )

    def hours(self) -> tuple[int, int]:
        value = self.raw.get("hours_per_week")
        if "hours_per_week" not in self.raw:
            return (0, 0)
        if not (isinstance(value, list) and len(value) == 2 and all(_is_int(v) for v in value)):
            self.fail("hours_per_week", f"expected [min, max] as two whole numbers, found {_show(value)}")
            return (0, 0)
        low, high = value
        if not 1 <= low <= high <= _MAX_HOURS:
            self.fail("hours_per_week", f"expected 1 <= min <= max <= {_MAX_HOURS}, found {_show(value)}")
        return (low, high)

    def demands(self) -> Mapping[str, int]:
        if "demands" not in self.raw:
            return MappingProxyType({})
        value = self.raw["demands"]
        if not isinstance(value, dict):
            self.fail("demands", f"expected an object {{FML-lite code: level}}, found {_show(value)}")
            return MappingProxyType({})
        fml = self.contract.fml
        before = len(self.problems)
        rejected = _fml_errors(value)  # the contract's rule for FML-lite levels (matcher.contract_models)
        for code, level in value.items():
            if rejected.get(code) in ("extra_forbidden", "invalid_key"):
                close = difflib.get_close_matches(str(code), list(fml), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                self.fail(f"demands.{code}", f"unknown FML-lite code (see matcher/data/fml_lite.csv){hint}")
            elif code in rejected or level is None:  # a catalogue profile knows every level
                self.fail(
                    f"demands.{code}",
                    f"expected a whole number 0..{fml[code].max_level} (see matcher/data/fml_lite.csv), found {_show(level)}",
                )
        missing = [code for code in fml if code not in value]
        if missing:
            self.fail(
                "demands", f"a catalogue profile lists all {len(fml)} FML-lite items; missing {missing}"
            )
        if len(self.problems) > before:
            return MappingProxyType({})
        return MappingProxyType({code: value[code] for code in fml})

    def esco(self) -> tuple[str | None, str | None]:
        uri = self.raw.get("esco_uri")
        label = self.raw.get("esco_label")
        if uri is None and label is None:
            return None, None
        if not isinstance(uri, str):
            self.fail(
                "esco_uri",
                f"expected an ESCO occupation URI (or null with esco_label null), found {_show(uri)}",
            )
            return None, None
        occupation = load_esco().occupations.get(uri)
        if occupation is None:
            self.fail(
                "esco_uri",
                f"{uri!r} is not an ESCO occupation in data/esco/occupations_nl.csv; "
                "pick one there or set esco_uri and esco_label to null",
            )
            return None, None
        if label != occupation.label:
            self.fail(
                "esco_label",
                f"expected the preferred label {occupation.label!r} of {uri}, found {_show(label)}",
            )
        return uri, occupation.label


def parse_function_profiles(document: object, *, file: str = "function_profiles.json") -> ParsedCatalogue:
    """Validate a decoded catalogue document; keep the valid profiles and report the rest.

    Parameters
    ----------
    document : object
        The decoded JSON: ``{"profiles": [profile, ...]}`` (``_about`` and ``acknowledgement`` allowed).
    file : str
        File name used in the problems.

    Returns
    -------
    ParsedCatalogue
        Valid profiles in file order; a profile with any problem, or a repeated id, is left out.
    """
    contract = load_contract()
    if not isinstance(document, dict) or not isinstance(document.get("profiles"), list):
        problem = CatalogueProblem(
            file, "-", "profiles", 'expected an object {"profiles": [...]} at the top level'
        )
        return ParsedCatalogue((), (problem,))
    problems: list[CatalogueProblem] = [
        CatalogueProblem(
            file, "-", str(key), f"unknown top-level field; expected one of {sorted(_TOP_FIELDS)}"
        )
        for key in document
        if key not in _TOP_FIELDS
    ]
    profiles: list[FunctionProfile] = []
    seen: set[str] = set()
    for index, raw in enumerate(document["profiles"]):
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        label = raw_id if isinstance(raw_id, str) and raw_id else f"#{index + 1}"
        if not isinstance(raw, dict):
            problems.append(CatalogueProblem(file, label, "-", f"expected an object, found {_show(raw)}"))
            continue
        checker = _ProfileChecker(raw, file=file, label=label, contract=contract)
        profile = checker.check()
        problems.extend(checker.problems)
        if profile is None:
            continue
        if profile.id in seen:
            problems.append(
                CatalogueProblem(file, label, "id", f"duplicate id {profile.id!r}; ids must be unique")
            )
            continue
        seen.add(profile.id)
        profiles.append(profile)
    return ParsedCatalogue(tuple(profiles), tuple(problems))


@lru_cache(maxsize=4)
def _load(path: Path) -> tuple[FunctionProfile, ...]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SchemaError(f"{path}: cannot read the function-profile catalogue: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise SchemaError(
            f"{path}:{exc.lineno}: invalid JSON at column {exc.colno}: {exc.msg}. Fix the syntax "
            "or regenerate the bundled file with scripts/build_catalogue.py profiles."
        ) from exc
    parsed = parse_function_profiles(document, file=str(path))
    if parsed.problems:
        lines = "\n".join(str(p) for p in parsed.problems)
        raise SchemaError(
            f"{path}: {len(parsed.problems)} problem(s) in the function-profile catalogue:\n{lines}"
        )
    return parsed.profiles


def load_function_profiles(path: Path | str | None = None) -> tuple[FunctionProfile, ...]:
    """All profiles of the catalogue at ``path`` (default: the bundled one), validated, loaded once.

    Raises
    ------
    SchemaError
        If the file cannot be read or any profile is invalid; the message lists every problem as
        ``FILE: profile ID: field: message``.
    """
    return _load(Path(path) if path is not None else CATALOGUE_PATH)


@lru_cache(maxsize=4)
def _index(path: Path) -> Mapping[str, FunctionProfile]:
    return MappingProxyType({p.id: p for p in _load(path)})


def get_profile(profile_id: str, path: Path | str | None = None) -> FunctionProfile:
    """The profile with id ``profile_id``.

    Raises
    ------
    UnknownIdError
        If no profile has that id (the message suggests the closest ids).
    """
    index = _index(Path(path) if path is not None else CATALOGUE_PATH)
    if profile_id in index:
        return index[profile_id]
    close = difflib.get_close_matches(profile_id, list(index), n=3)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise UnknownIdError(
        f"unknown function profile {profile_id!r}{hint} ({len(index)} profiles in the catalogue)"
    )
