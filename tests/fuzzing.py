"""Valid contract records and their mutations, driven by one ``random.Random`` (for the fuzz tests and
``scripts/fuzz_campaign.py``).

A file is built as a list of :class:`Line`: the bytes of the line and what is known about it. A line
that was not mutated is ``valid`` (it must load); a mutation that surely breaks the record makes it
``invalid`` (it must be set aside and reported with its line); any other mutation leaves it
``unknown`` (it may go either way, but it is loaded or reported, never lost, never a crash).
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from matcher.contract import load_contract
from matcher.io import MAX_TRAVEL_MINUTES, Loaded

__all__ = [
    "KINDS",
    "PRIVATE",
    "Line",
    "file_bytes",
    "make_lines",
    "random_record",
    "violations",
]

Kind = Literal["candidates", "packages", "placements", "tasks"]
KINDS: tuple[Kind, ...] = ("candidates", "packages", "placements", "tasks")
Status = Literal["valid", "invalid", "unknown"]

_CONTRACT = load_contract()
_WORDS = [
    "post",
    "sorteren",
    "scannen",
    "archief",
    "schoonmaken",
    "groen",
    "koffie",
    "magazijn",
    "broodjes",
    "dozen",
    "ordenen",
    "Ik",
    "werk",
    "graag",
    "buiten",
    "café",
    "één",
    "naïef",
    "—",
    "«citaat»",
    "🙂",
    "www.voorbeeld.nl",
    "**vet**",
    "<b>x</b>",
    ":smile:",
    "\\",
    '"',
    "'",
]


@dataclass(frozen=True)
class Line:
    """One line of a fuzzed file: its bytes (without the line ending) and what it must do."""

    raw: bytes
    status: Status
    mutation: str = "none"


# --------------------------------------------------------------------------------------------------
# Valid records


def _text(rng: random.Random, words: int = 6) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, words)))


def _date(rng: random.Random) -> str:
    if rng.random() < 0.05:
        return rng.choice(["0001-01-01", "9999-12-31", "2024-02-29"])
    return f"{rng.randint(1990, 2035):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _some(rng: random.Random, values: Any, most: int = 4) -> list[str]:
    return rng.sample(sorted(values), rng.randint(0, min(most, len(values))))


def _levels(rng: random.Random, low: int = 0, nulls: bool = True) -> dict[str, int | None]:
    codes = rng.sample(_CONTRACT.fml_codes, rng.randint(0, 8))
    out: dict[str, int | None] = {}
    for code in codes:
        item = _CONTRACT.fml[code]
        out[code] = None if nulls and rng.random() < 0.1 else rng.randint(max(low, 0), item.max_level)
    return out


def _location(rng: random.Random) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if rng.random() < 0.9:
        out["municipality"] = rng.choice([*_CONTRACT.municipalities, "Den Haag", "den bosch"])
    if rng.random() < 0.5:
        out["postcode4"] = str(rng.randint(1000, 9999))
    return out


def _optional(rng: random.Random, fields: dict[str, Callable[[], Any]], p: float) -> dict[str, Any]:
    return {name: make() for name, make in fields.items() if rng.random() < p}


def _candidate(rng: random.Random, id: str) -> dict[str, Any]:
    low = rng.randint(0, 168)
    fields: dict[str, Callable[[], Any]] = {
        "register": lambda: {"route": rng.choice(_CONTRACT.register_routes), "since": _date(rng)},
        "available_from": lambda: _date(rng),
        "location": lambda: _location(rng),
        "travel": lambda: {
            "max_minutes": rng.choice([0, 30, 60, MAX_TRAVEL_MINUTES, rng.randint(0, MAX_TRAVEL_MINUTES)]),
            "modes": _some(rng, _CONTRACT.travel_modes),
            "avoid_rush_hour": rng.random() < 0.5,
        },
        "education": lambda: rng.choice(_CONTRACT.education),
        "hours": lambda: {
            "min_per_week": low,
            "max_per_week": rng.randint(low, 168),
            "max_per_day": rng.randint(0, 24),
        },
        "schedule": lambda: {
            "days": _some(rng, _CONTRACT.days, 7),
            "dayparts": _some(rng, _CONTRACT.dayparts),
            "needs_fixed_schedule": rng.random() < 0.3,
        },
        "capacities": lambda: {
            "assessed": rng.random() < 0.6,
            "source": _text(rng, 2),
            "levels": _levels(rng),
        },
        "needs": lambda: _some(rng, _CONTRACT.needs_offers, 3),
        "competences": lambda: [_text(rng, 3) for _ in range(rng.randint(0, 3))],
        "experience": lambda: [_text(rng, 12) for _ in range(rng.randint(0, 3))],
        "wishes": lambda: _text(rng, 12),
        "preferred_sectors": lambda: _some(rng, _CONTRACT.sectors, 3),
    }
    return {"id": id, **_optional(rng, fields, 0.7)}


def _package(rng: random.Random, id: str) -> dict[str, Any]:
    per_week = rng.randint(0, 168)
    fields: dict[str, Callable[[], Any]] = {
        "function_profile": lambda: f"FP-{rng.randint(1, 99)}",
        "tasks": lambda: [
            _text(rng, 4)
            if rng.random() < 0.5
            else {"text": _text(rng, 4), "hours_per_week": rng.choice([0, 0.5, 4, 168, rng.uniform(0, 168)])}
            for _ in range(rng.randint(0, 4))
        ],
        "description": lambda: _text(rng, 20),
        "location": lambda: _location(rng),
        "hours": lambda: {"per_week": per_week, "per_day": rng.randint(0, min(24, per_week))},
        "schedule": lambda: {
            "days": _some(rng, _CONTRACT.days, 7),
            "dayparts": _some(rng, _CONTRACT.dayparts),
            "fixed": rng.random() < 0.5,
        },
        "demands": lambda: _levels(rng),
        "accommodations": lambda: [
            {"name": _text(rng, 3), "reduces": _levels(rng, low=1), "confirmed": rng.random() < 0.5}
            for _ in range(rng.randint(0, 2))
        ],
        "offers": lambda: _some(rng, _CONTRACT.needs_offers, 5),
        "required_competences": lambda: [_text(rng, 2) for _ in range(rng.randint(0, 3))],
        "optional_competences": lambda: [_text(rng, 2) for _ in range(rng.randint(0, 3))],
        "contract": lambda: rng.choice(_CONTRACT.contracts),
        "boven_formatie": lambda: rng.random() < 0.5,
        "start": lambda: _date(rng),
    }
    required = {
        "id": id,
        "employer": _text(rng, 3),
        "sector": rng.choice(sorted(_CONTRACT.sectors)),
        "title": _text(rng, 3),
    }
    return {**required, **_optional(rng, fields, 0.7)}


def _placement(rng: random.Random, candidate_id: str, package_id: str) -> dict[str, Any]:
    start = _date(rng)
    out: dict[str, Any] = {"candidate_id": candidate_id, "package_id": package_id, "start": start}
    if rng.random() < 0.5:
        out["end"] = start if rng.random() < 0.2 else "9999-12-31"
        if rng.random() < 0.7:
            out["end_reason"] = rng.choice(sorted(_CONTRACT.end_reasons))
    return out


def _task(rng: random.Random) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": _text(rng, 5),
        "hours_per_week": rng.choice([0.5, 4, 168, rng.uniform(0.01, 168)]),
    }
    if rng.random() < 0.6:
        out["demands"] = _levels(rng)
    return out


def random_record(rng: random.Random, kind: Kind, n: int) -> dict[str, Any]:
    """A valid record of ``kind``; ``n`` makes its id unique (placements name ``K{n}`` and ``P{n}``)."""
    if kind == "candidates":
        return _candidate(rng, f"K{n}")
    if kind == "packages":
        return _package(rng, f"P{n}")
    if kind == "placements":
        return _placement(rng, f"K{n}", f"P{n}")
    return _task(rng)


# --------------------------------------------------------------------------------------------------
# Mutations

HUGE = int("9" * 300)
_HOSTILE_VALUES: list[Any] = [
    HUGE, -HUGE, 2**31, 2**63, -1, 10**8, 1e308, -0.0, 0.5, True, None, "", " ", "\x00", "\u200b",
    "123456782", "Jan de Vries", [], {}, [[[]]], {"a": {"b": {}}}, "2024-02-30", "nan",
]  # fmt: skip
_TOKENS = [b"NaN", b"Infinity", b"-Infinity", b"1e400", b"-1e400", b"9" * 5000, b"1" * 300, b"0.1e-400"]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON value (object keys and list indexes)."""
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            out += _paths(child, (*prefix, i))
    return out


def _set(record: Any, path: tuple[Any, ...], value: Any) -> None:
    target = record
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def _dumps(record: Any) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def _mutate(rng: random.Random, record: dict[str, Any], earlier_ids: list[str], id_field: str | None) -> Line:
    """One mutation of a valid record, at JSON or byte level."""
    record = copy.deepcopy(record)
    choice = rng.randrange(14)
    paths = _paths(record)
    if choice == 0 and paths:  # any value replaced by a hostile one
        _set(record, rng.choice(paths), rng.choice(_HOSTILE_VALUES))
        return Line(_dumps(record), "unknown", "hostile value")
    if choice == 1 and paths:  # a number token JSON or Python cannot hold, in place of any value
        path = rng.choice(paths)
        _set(record, path, "\x01TOKEN\x01")
        token = rng.choice(_TOKENS)
        raw = _dumps(record).replace(b'"\\u0001TOKEN\\u0001"', token)
        status: Status = "invalid" if token in (b"NaN", b"Infinity", b"-Infinity", b"9" * 5000) else "unknown"
        return Line(raw, status, f"token {token[:12].decode()}")
    if choice == 2:  # an unknown key, perhaps private text
        key = rng.choice(["colour", "Jan de Vries heeft ADHD", "idd", "\u200b", "hours_per_wek"])
        record[key] = 1
        return Line(_dumps(record), "invalid", "unknown key")
    if choice == 3:  # a duplicate key (text level)
        key = rng.choice(list(record))
        raw = _dumps(record)
        return Line(raw[:-1] + b", " + json.dumps(key).encode() + b": 1}", "invalid", "duplicate key")
    if choice == 4 and id_field and earlier_ids:  # a duplicate id of an earlier line
        record[id_field] = rng.choice(earlier_ids)
        return Line(_dumps(record), "invalid", "duplicate id")
    if choice == 5:  # deep nesting in any field
        depth = rng.choice([50, 500, 100_000])
        nested = b"[" * depth + b"]" * depth
        raw = _dumps({**record, "deep": 0}).replace(b'"deep": 0', b'"deep": ' + nested)
        return Line(raw, "invalid", f"nesting {depth}")
    if choice == 6:  # invalid UTF-8
        raw = bytearray(_dumps(record))
        raw.insert(rng.randrange(len(raw) + 1), rng.choice([0xFF, 0xC3, 0x80, 0xED]))
        return Line(bytes(raw), "invalid", "invalid utf-8")
    if choice == 7:  # truncated line
        raw = _dumps(record)
        return Line(raw[: rng.randrange(1, len(raw))], "invalid", "truncated")
    if choice == 8:  # a random byte changed
        raw = bytearray(_dumps(record))
        raw[rng.randrange(len(raw))] = rng.randrange(256)
        return Line(bytes(raw).replace(b"\n", b" ").replace(b"\r", b" "), "unknown", "byte flip")
    if choice == 9 and paths:  # a field deleted
        path = rng.choice(paths)
        parent: Any = record
        for part in path[:-1]:
            parent = parent[part]
        del parent[path[-1]]
        return Line(_dumps(record), "unknown", "deleted")
    if choice == 10:  # not an object at all
        value = rng.choice([[record], "text", 42, None, True])
        return Line(_dumps(value), "invalid", "not an object")
    if choice == 11 and id_field:  # a hostile id
        record[id_field] = rng.choice(
            ["", " ", "K 1", "K\u200b1", "K\x001", "123456782", "K\u202e1", "K\ufeff1", 7, None]
        )
        return Line(_dumps(record), "invalid", "bad id")
    if choice == 12:  # an escaped lone surrogate in a string
        raw = _dumps({**record, "zz": "x"}).replace(b'"zz": "x"', b'"zz": "\\ud800"')
        return Line(raw, "invalid", "lone surrogate")
    return Line(_dumps(record) + b" " + _dumps(record), "invalid", "two objects")


def make_lines(
    rng: random.Random, kind: Kind, count: int, *, p_mutate: float = 0.5, start: int = 0
) -> list[Line]:
    """``count`` lines of ``kind``: valid records, some mutated, plus now and then an empty line."""
    id_field = {"candidates": "id", "packages": "id"}.get(kind)
    lines: list[Line] = []
    ids: list[str] = []
    for n in range(start, start + count):
        record = random_record(rng, kind, n)
        if rng.random() < 0.03:
            lines.append(Line(rng.choice([b"", b"   ", b"\t"]), "unknown", "empty"))
        if rng.random() < p_mutate:
            lines.append(_mutate(rng, record, ids, id_field))
        else:
            lines.append(Line(_dumps(record), "valid"))
            if id_field:
                ids.append(record[id_field])
    return lines


def file_bytes(rng: random.Random, lines: list[Line]) -> bytes:
    """The lines as one file, sometimes with a byte-order mark and Windows line endings."""
    ending = b"\r\n" if rng.random() < 0.3 else b"\n"
    data = ending.join(line.raw for line in lines) + (ending if rng.random() < 0.8 else b"")
    return (b"\xef\xbb\xbf" + data) if rng.random() < 0.2 else data


# --------------------------------------------------------------------------------------------------
# What a reader must do with a fuzzed file

#: Private text the mutations put into records; no problem message may repeat it.
PRIVATE = ("Vries", "ADHD", "123456782", "\u200b", "\x00")


def violations(loaded: Loaded[Any], lines: list[Line], file: str) -> list[str]:
    """Every way ``loaded`` (the reader's result for ``lines``) breaks the rules; empty when it keeps them.

    Every non-empty line is loaded or set aside, never both, never lost; every set-aside line has a
    problem and every problem's line was set aside; valid lines load; surely invalid lines are set
    aside; problems are one line ``FILE:LINE: ...`` and repeat no private text.
    """
    found: list[str] = []
    nonempty = {i + 1 for i, line in enumerate(lines) if line.raw.strip()}
    loaded_lines, set_aside = set(loaded.lines), set(loaded.set_aside)
    if loaded_lines | set_aside != nonempty:
        found.append(f"lines lost or invented: {sorted(nonempty ^ (loaded_lines | set_aside))[:5]}")
    if loaded_lines & set_aside:
        found.append(f"lines both loaded and set aside: {sorted(loaded_lines & set_aside)[:5]}")
    if set_aside != {p.line for p in loaded.problems}:
        found.append("set-aside lines and problem lines differ")
    for i, line in enumerate(lines, start=1):
        if line.status == "valid" and i not in loaded_lines:
            reasons = [str(p) for p in loaded.problems if p.line == i]
            found.append(f"valid line {i} not loaded: {reasons[:2]} {line.raw[:120]!r}")
        elif line.status == "invalid" and i not in set_aside:
            found.append(f"invalid line {i} ({line.mutation}) loaded: {line.raw[:120]!r}")
    for problem in loaded.problems:
        text = str(problem)
        if not text.startswith(f"{file}:{problem.line}: ") or "\n" in text or "\r" in text:
            found.append(f"malformed problem line: {text[:160]!r}")
        if any(secret in text for secret in PRIVATE):
            found.append(f"private text in a problem: {text[:160]!r}")
    return found
