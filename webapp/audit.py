"""Append-only audit log: who (user, role) did what (viewed, shortlisted, exported) with which candidate.

Only pseudonymous ids and the action are stored, never profile contents (DESIGN.md section 9). The
table refuses ``UPDATE`` and ``DELETE`` (see :mod:`webapp.database`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from webapp.database import connect, initialise

__all__ = ["Action", "AuditEntry", "AuditLog"]


class Action(StrEnum):
    LOGIN = "login"
    VIEW_CANDIDATE = "view_candidate"  # a candidate's card was shown (rank, counts, travel time)
    VIEW_EXPLANATION = "view_explanation"  # a card's full explanation was opened (incl. profile sentences)
    WHY_NOT = "why_not"  # an excluded candidate's reasons were shown
    SHORTLIST_ADD = "shortlist_add"
    SHORTLIST_REMOVE = "shortlist_remove"
    EXPORT = "export"  # a shortlist was exported (package_id set, candidate_id empty)
    UPLOAD = "upload"  # a data file was uploaded (no ids)


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    username: str
    role: str
    action: Action
    page: str | None
    candidate_id: str | None
    package_id: str | None


class AuditLog:
    """The audit table of one database file.

    Examples
    --------
    >>> log = AuditLog(tmp_path / "db.sqlite")  # doctest: +SKIP
    >>> log.record("adviseur", "adviseur", Action.VIEW_CANDIDATE, candidate_id="K001")  # doctest: +SKIP
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        initialise(path)

    def record(
        self,
        username: str,
        role: str,
        action: Action,
        *,
        page: str | None = None,
        candidate_id: str | None = None,
        package_id: str | None = None,
    ) -> None:
        """Append one entry (UTC timestamp)."""
        self.record_many(username, role, action, [candidate_id], page=page, package_id=package_id)

    def record_many(
        self,
        username: str,
        role: str,
        action: Action,
        candidate_ids: list[str | None],
        *,
        page: str | None = None,
        package_id: str | None = None,
    ) -> None:
        """Append one entry per candidate id, in one transaction."""
        at = datetime.now(UTC).isoformat(timespec="seconds")
        with connect(self.path) as conn:
            conn.executemany(
                "INSERT INTO audit_log (at, username, role, action, page, candidate_id, package_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(at, username, role, Action(action).value, page, c, package_id) for c in candidate_ids],
            )

    def entries(self, *, candidate_id: str | None = None, limit: int | None = None) -> list[AuditEntry]:
        """Entries in the order they were written (optionally for one candidate, the last ``limit``)."""
        query = "SELECT seq, at, username, role, action, page, candidate_id, package_id FROM audit_log"
        params: tuple = ()
        if candidate_id is not None:
            query += " WHERE candidate_id = ?"
            params = (candidate_id,)
        query += " ORDER BY seq"
        with connect(self.path) as conn:
            rows = conn.execute(query, params).fetchall()
        if limit is not None:
            rows = rows[-limit:]
        return [AuditEntry(r[0], r[1], r[2], r[3], Action(r[4]), r[5], r[6], r[7]) for r in rows]
