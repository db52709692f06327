"""Export of a shortlist to CSV and Excel, with the Dutch column names of
:data:`matcher.texts_nl.APP_EXPORT_COLUMNS` and pseudonymous ids only.

Cells that a spreadsheet would read as a formula are defused with a leading apostrophe (CSV/formula
injection). pandas is imported here, not in :mod:`webapp.shortlist`, so the log-in page does not load it.
"""

from __future__ import annotations

import io
from dataclasses import astuple, fields, replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd

from matcher import texts_nl
from webapp.shortlist import ShortlistEntry

__all__ = ["defuse", "to_csv_bytes", "to_frame", "to_xlsx_bytes"]

DUTCH_TIME = ZoneInfo("Europe/Amsterdam")
"""Shortlists are stored with UTC times; advisers read them in Dutch time."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: object) -> object:
    """``value``, with a leading apostrophe when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _local_time(stamp: str) -> str:
    """A stored UTC time (ISO 8601) as Dutch advisers read it: ``25-11-2026 19:48``, Dutch time."""
    return datetime.fromisoformat(stamp).astimezone(DUTCH_TIME).strftime("%d-%m-%Y %H:%M")


def to_frame(entries: list[ShortlistEntry]) -> pd.DataFrame:
    """The export table: one row per entry, Dutch column names and times, formula-like text defused."""
    names = [f.name for f in fields(ShortlistEntry)]
    columns = [texts_nl.APP_EXPORT_COLUMNS[name] for name in names]
    rows = [[defuse(v) for v in astuple(replace(e, added_at=_local_time(e.added_at)))] for e in entries]
    return pd.DataFrame(rows, columns=columns)


def to_csv_bytes(entries: list[ShortlistEntry]) -> bytes:
    """CSV as Dutch spreadsheet programs open it: ``;``-separated, UTF-8 with a byte-order mark."""
    return to_frame(entries).to_csv(index=False, sep=";").encode("utf-8-sig")


def to_xlsx_bytes(entries: list[ShortlistEntry]) -> bytes:
    """An Excel workbook with one sheet (``texts_nl.APP_TEXTS['shortlist']['sheet']``)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        to_frame(entries).to_excel(writer, index=False, sheet_name=texts_nl.APP_TEXTS["shortlist"]["sheet"])
    return buffer.getvalue()
