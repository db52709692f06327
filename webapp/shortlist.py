"""Persistent shortlists: one per adviser and vacancy, in the app database (export: :mod:`webapp.export`).

A shortlist row holds pseudonymous ids and counts only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from webapp.database import connect, initialise

__all__ = ["ShortlistEntry", "ShortlistStore"]


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
