"""Shared pytest fixtures. Keep this file small: fixtures used by one test module belong in that module."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def candidate_dict() -> dict[str, Any]:
    """A valid candidate in contract JSON form with every field filled in (a fresh copy per test)."""
    return {
        "id": "K000123",
        "register": {"route": "participatiewet", "since": "2019-06-01"},
        "available_from": "2024-02-01",
        "location": {"municipality": "Utrecht", "postcode4": "3511"},
        "travel": {"max_minutes": 45, "modes": ["ov", "fiets"], "avoid_rush_hour": True},
        "education": "mbo2",
        "hours": {"min_per_week": 16, "max_per_week": 24, "max_per_day": 6},
        "schedule": {
            "days": ["ma", "di", "do"],
            "dayparts": ["ochtend", "middag"],
            "needs_fixed_schedule": True,
        },
        "capacities": {"assessed": True, "source": "FML 2023", "levels": {"PF05": 1, "DH01": 2}},
        "needs": ["vaste_begeleider", "prikkelarme_werkplek"],
        "competences": ["archiveren", "http://data.europa.eu/esco/skill/0a1b2c"],
        "experience": ["Magazijnmedewerker bij een groothandel", "Stage in de postkamer"],
        "wishes": "Rustig werk met papier, liefst in de ochtend",
        "preferred_sectors": ["gemeenten", "rijk"],
    }


@pytest.fixture
def package_dict() -> dict[str, Any]:
    """A valid work package in contract JSON form with every field filled in (a fresh copy per test)."""
    return {
        "id": "P000045",
        "employer": "Gemeente Utrecht",
        "sector": "gemeenten",
        "title": "Medewerker postkamer",
        "function_profile": "FP-postkamer",
        "tasks": ["Post sorteren", {"text": "Scannen van stukken", "hours_per_week": 8}],
        "description": "Ondersteunende taken in de postkamer van het stadskantoor.",
        "location": {"municipality": "Utrecht", "postcode4": "3521"},
        "hours": {"per_week": 20, "per_day": 5},
        "schedule": {"days": ["ma", "di", "do"], "dayparts": ["ochtend"], "fixed": True},
        "demands": {"PF05": 1, "DH01": 3},
        "accommodations": [{"name": "Trolley voor postbakken", "reduces": {"DH01": 1}, "confirmed": True}],
        "offers": ["vaste_begeleider", "prikkelarme_werkplek", "jobcoach"],
        "required_competences": ["post sorteren"],
        "optional_competences": ["scannen"],
        "contract": "tijdelijk",
        "boven_formatie": False,
        "start": "2024-03-01",
    }


@pytest.fixture
def placement_dict() -> dict[str, Any]:
    """A valid placement in contract JSON form with every field filled in (a fresh copy per test)."""
    return {
        "candidate_id": "K000123",
        "package_id": "P000045",
        "start": "2024-03-01",
        "end": "2025-02-28",
        "end_reason": "contract_niet_verlengd",
    }


@pytest.fixture
def write_jsonl_lines(tmp_path: Path) -> Callable[..., Path]:
    """``write_jsonl_lines(lines, name="data.jsonl")``: write raw lines (dicts are JSON-encoded) to a file."""

    def write(lines: Iterable[dict[str, Any] | str | bytes], name: str = "data.jsonl") -> Path:
        path = tmp_path / name
        with path.open("wb") as handle:
            for line in lines:
                if isinstance(line, dict):
                    line = json.dumps(line, ensure_ascii=False)
                handle.write((line.encode("utf-8") if isinstance(line, str) else line) + b"\n")
        return path

    return write
