"""Persistent shortlists (one per adviser and vacancy) and their export to CSV and Excel.

A shortlist row holds pseudonymous ids and counts only; exports use the Dutch column names of
:data:`matcher.texts_nl.APP_EXPORT_COLUMNS`. Cells that a spreadsheet would read as a formula are
defused with a leading apostrophe (CSV/formula injection).
"""

from __future__ import annotations

import io
from dataclasses import astuple, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from matcher import texts_nl
from webapp.database import connect, initialise

__all__ = ["ShortlistEntry", "ShortlistStore", "to_csv_bytes", "to_frame", "to_xlsx_bytes"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ShortlistEntry:
    """One candidate on one adviser's shortlist for one vacancy (field order = export column order)."""

    package_id: str
    package_title: str
    candidate_id: str
    rank: int | None
    signaleringen: int
    unknowns: int
    confidence: str
    owner: str
    added_at: str


class ShortlistStore:
    """Shortlists in the app database; adding the same candidate twice keeps the first entry."""

    def __init__(self, path: Path) -> None:
        self.path = path
        initialise(path)

    def add(
        self,
        owner: str,
        package_id: str,
        package_title: str,
        candidate_id: str,
        *,
        rank: int | None,
        signaleringen: int,
        unknowns: int,
        confidence: str,
    ) -> bool:
        """Put a candidate on ``owner``'s shortlist for a package; False when it was already there."""
        at = datetime.now(UTC).isoformat(timespec="seconds")
        with connect(self.path) as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO shortlist (owner, package_id, package_title, candidate_id, rank, "
                "signaleringen, unknowns, confidence, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    owner,
                    package_id,
                    package_title,
                    candidate_id,
                    rank,
                    signaleringen,
                    unknowns,
                    confidence,
                    at,
                ),
            )
            return cursor.rowcount == 1

    def remove(self, owner: str, package_id: str, candidate_id: str) -> bool:
        """Take a candidate off the shortlist; False when it was not on it."""
        with connect(self.path) as conn:
            cursor = conn.execute(
                "DELETE FROM shortlist WHERE owner = ? AND package_id = ? AND candidate_id = ?",
                (owner, package_id, candidate_id),
            )
            return cursor.rowcount == 1

    def entries(self, owner: str, package_id: str | None = None) -> list[ShortlistEntry]:
        """``owner``'s shortlist entries (for one package, or all), in the order they were added."""
        query = (
            "SELECT package_id, package_title, candidate_id, rank, signaleringen, unknowns, confidence, "
            "owner, added_at FROM shortlist WHERE owner = ?"
        )
        params: tuple = (owner,)
        if package_id is not None:
            query += " AND package_id = ?"
            params = (owner, package_id)
        with connect(self.path) as conn:
            rows = conn.execute(query + " ORDER BY added_at, rowid", params).fetchall()
        return [ShortlistEntry(*row) for row in rows]


def _defuse(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_frame(entries: list[ShortlistEntry]) -> pd.DataFrame:
    """The export table: one row per entry, Dutch column names, formula-like text defused."""
    names = [f.name for f in fields(ShortlistEntry)]
    columns = [texts_nl.APP_EXPORT_COLUMNS[name] for name in names]
    rows = [[_defuse(v) for v in astuple(e)] for e in entries]
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
