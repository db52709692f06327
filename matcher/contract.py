"""The closed vocabularies of the data contract, loaded once from the package's ``matcher/data/`` folder.

The files are copies of ``shared/contract/`` (see ``matcher/data/README.md`` for provenance); a test checks
that the copies still match when the project's shared folder is present (tests only).
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from matcher.errors import ContractError
from matcher.paths import DATA_DIR as _DATA_DIR

__all__ = [
    "DATA_DIR",
    "Contract",
    "FmlItem",
    "Municipality",
    "load_contract",
]

DATA_DIR = _DATA_DIR
"""The bundled contract files (``matcher/data``; see :mod:`matcher.paths`)."""


@dataclass(frozen=True)
class FmlItem:
    """One FML-lite item: capacity and demand meet on the ordinal scale ``0..max_level``."""

    code: str
    name_nl: str
    gloss_en: str
    max_level: int
    norm: int
    levels: str
    fml_source: str


@dataclass(frozen=True)
class Municipality:
    """A Dutch municipality (CBS code, current name) with an approximate centre."""

    gm_code: str
    name: str
    latitude: float
    longitude: float


def _fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key for municipality names and aliases."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if ch.isalnum())
    return kept.casefold()


@dataclass(frozen=True)
class Contract:
    """All closed vocabularies. Get the shared instance with :func:`load_contract`."""

    fml: Mapping[str, FmlItem]
    register_routes: tuple[str, ...]
    education: tuple[str, ...]
    days: tuple[str, ...]
    dayparts: Mapping[str, str]
    travel_modes: tuple[str, ...]
    needs_offers: Mapping[str, str]
    sectors: Mapping[str, str]
    contracts: tuple[str, ...]
    end_reasons: Mapping[str, str]
    municipalities: Mapping[str, Municipality]
    _lookup: Mapping[str, str]

    @property
    def fml_codes(self) -> tuple[str, ...]:
        """FML-lite codes in file order (the column order of every capacity/demand matrix)."""
        return tuple(self.fml)

    def municipality(self, name: str) -> Municipality | None:
        """The municipality called ``name`` (CBS name or listed alias, any case), or ``None``."""
        key = self._lookup.get(_fold(name))
        return self.municipalities[key] if key is not None else None

    def education_rank(self, level: str) -> int:
        """Position of an education level in the ordered list (``geen`` = 0)."""
        return self.education.index(level)


def _read_fml(path: Path) -> dict[str, FmlItem]:
    items: dict[str, FmlItem] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            items[row["code"]] = FmlItem(
                code=row["code"],
                name_nl=row["name_nl"],
                gloss_en=row["gloss_en"],
                max_level=int(row["max_level"]),
                norm=int(row["norm"]),
                levels=row["levels"],
                fml_source=row["fml_source"],
            )
    return items


def _read_municipalities(path: Path) -> tuple[dict[str, Municipality], dict[str, str]]:
    by_name: dict[str, Municipality] = {}
    lookup: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            muni = Municipality(row["gm_code"], row["name"], float(row["latitude"]), float(row["longitude"]))
            by_name[muni.name] = muni
            lookup[_fold(muni.name)] = muni.name
            for alias in filter(None, (a.strip() for a in row["aliases"].split("|"))):
                lookup.setdefault(_fold(alias), muni.name)
    return by_name, lookup


@lru_cache(maxsize=4)
def load_contract(data_dir: Path = DATA_DIR) -> Contract:
    """Load the vocabularies from ``data_dir`` (default: the bundled ``matcher/data/``), once per folder."""
    try:
        vocab = json.loads((data_dir / "vocabularies.json").read_text(encoding="utf-8"))
        fml = _read_fml(data_dir / "fml_lite.csv")
        municipalities, lookup = _read_municipalities(data_dir / "municipalities.csv")
        return Contract(
            fml=MappingProxyType(fml),
            register_routes=tuple(vocab["register_route"]),
            education=tuple(vocab["education"]),
            days=tuple(vocab["days"]),
            dayparts=MappingProxyType(dict(vocab["dayparts"])),
            travel_modes=tuple(vocab["travel_modes"]),
            needs_offers=MappingProxyType(dict(vocab["needs_offers"])),
            sectors=MappingProxyType(dict(vocab["sectors"])),
            contracts=tuple(vocab["contract"]),
            end_reasons=MappingProxyType(dict(vocab["end_reason"])),
            municipalities=MappingProxyType(municipalities),
            _lookup=MappingProxyType(lookup),
        )
    except (OSError, KeyError, ValueError) as exc:
        raise ContractError(
            f"cannot load the contract vocabularies from {data_dir}: {exc}. "
            "Reinstall banenmatch or restore matcher/data/ from the repository."
        ) from exc
