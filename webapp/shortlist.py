"""Team shortlists: one per vacancy and WSP, shared by the WSP's advisers (export: :mod:`webapp.export`).

A row says who added which candidate when, with a short note; it holds pseudonymous ids and counts
only. Two advisers adding at once never lose each other's additions: each addition is one row of its
own, inserted with ``ON CONFLICT DO NOTHING`` (the same candidate added twice keeps the first row).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from webapp.database import Store, open_store, shortlist

__all__ = ["NOTE_MAX", "ShortlistEntry", "ShortlistStore"]

NOTE_MAX = 300
"""The longest note (characters); a shortlist note is a reminder, not a file."""


@dataclass(frozen=True)
class ShortlistEntry:
    """One candidate on a WSP's shortlist for one vacancy (field order = export column order)."""

    package_id: str
    package_title: str
    candidate_id: str
    rank: int | None
    signaleringen: int
    unknowns: int
    confidence: str
    added_by: str
    added_at: str
    note: str = ""


def _insert(dialect: str):
    return (postgresql if dialect == "postgresql" else sqlite).insert(shortlist)


class ShortlistStore:
    """Team shortlists in the store; adding the same candidate twice keeps the first entry."""

    def __init__(self, target: Store | Path | str) -> None:
        self.store = open_store(target)

    def add(
        self,
        wsp: str,
        package_id: str,
        package_title: str,
        candidate_id: str,
        *,
        added_by: str,
        rank: int | None,
        signaleringen: int,
        unknowns: int,
        confidence: str,
        note: str = "",
    ) -> bool:
        """Put a candidate on the WSP's shortlist for a package; False when it was already there."""
        values = {
            "wsp": wsp,
            "package_id": package_id,
            "candidate_id": candidate_id,
            "package_title": package_title,
            "rank": rank,
            "signaleringen": signaleringen,
            "unknowns": unknowns,
            "confidence": confidence,
            "added_by": added_by,
            "added_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "note": note.strip()[:NOTE_MAX],
        }
        with self.store.begin() as conn:
            statement = (
                _insert(conn.dialect.name)
                .values(**values)
                .on_conflict_do_nothing()
                .returning(shortlist.c.candidate_id)
            )
            return conn.execute(statement).first() is not None

    def _key(self, wsp: str, package_id: str, candidate_id: str):
        return sa.and_(
            shortlist.c.wsp == wsp,
            shortlist.c.package_id == package_id,
            shortlist.c.candidate_id == candidate_id,
        )

    def set_note(self, wsp: str, package_id: str, candidate_id: str, note: str) -> bool:
        """Replace the note of one entry (only that row changes); False when the entry is gone."""
        with self.store.begin() as conn:
            statement = (
                sa.update(shortlist)
                .where(self._key(wsp, package_id, candidate_id))
                .values(note=note.strip()[:NOTE_MAX])
            )
            return conn.execute(statement).rowcount == 1

    def remove(self, wsp: str, package_id: str, candidate_id: str) -> bool:
        """Take a candidate off the shortlist; False when it was not on it."""
        with self.store.begin() as conn:
            return (
                conn.execute(sa.delete(shortlist).where(self._key(wsp, package_id, candidate_id))).rowcount
                == 1
            )

    def entries(self, wsp: str, package_id: str | None = None) -> list[ShortlistEntry]:
        """The WSP's shortlist entries (for one package, or all), in the order they were added."""
        query = sa.select(
            shortlist.c.package_id,
            shortlist.c.package_title,
            shortlist.c.candidate_id,
            shortlist.c.rank,
            shortlist.c.signaleringen,
            shortlist.c.unknowns,
            shortlist.c.confidence,
            shortlist.c.added_by,
            shortlist.c.added_at,
            shortlist.c.note,
        ).where(shortlist.c.wsp == wsp)
        if package_id is not None:
            query = query.where(shortlist.c.package_id == package_id)
        query = query.order_by(shortlist.c.added_at, shortlist.c.package_id, shortlist.c.candidate_id)
        with self.store.engine.connect() as conn:
            return [ShortlistEntry(*row) for row in conn.execute(query)]
