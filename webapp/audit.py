"""Tamper-evident, append-only audit log: who (user, role) did what (viewed, shortlisted, exported, logged
in or failed to) with which candidate.

Only pseudonymous ids and the action are stored, never profile contents (DESIGN.md section 9). The
table refuses ``UPDATE``, ``DELETE``, ``REPLACE`` and out-of-order inserts (triggers, see the first
migration) and, on PostgreSQL, the app's role may only read and insert it. Each entry carries the hash
of the previous one (a hash chain), so that an entry changed, removed or replaced by someone who got
past all that (the owner of the file or the database) is found by :meth:`AuditLog.verify`
(``banenmatch audit verify``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

import sqlalchemy as sa

from webapp.database import Store, audit_log, open_store

__all__ = ["GENESIS", "Action", "AuditBreak", "AuditEntry", "AuditLog", "chain_hash"]

GENESIS = "0" * 64
"""The ``prev_hash`` of the first entry."""

_CHAINED = ("seq", "at", "username", "role", "action", "page", "candidate_id", "package_id", "prev_hash")


class Action(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"  # a wrong password (username as typed; never the password)
    LOCKOUT = "lockout"  # too many failed log-ins: the account is locked for a while
    LOGIN_REFUSED = "login_refused"  # a log-in while the account was locked
    LOGOUT = "logout"
    VIEW_CANDIDATE = "view_candidate"  # a candidate's card was shown (rank, counts, travel time)
    VIEW_EXPLANATION = "view_explanation"  # a card's full explanation was opened (incl. profile sentences)
    WHY_NOT = "why_not"  # an excluded candidate's reasons were shown
    SHORTLIST_ADD = "shortlist_add"
    SHORTLIST_REMOVE = "shortlist_remove"
    OUTCOME = "outcome"  # a step of a proposal was recorded (candidate_id and package_id set)
    EXPORT = "export"  # a shortlist was exported (package_id set, candidate_id empty)
    UPLOAD = "upload"  # a data file was uploaded (no ids)
    UPLOAD_REMOVE = "upload_remove"


def chain_hash(entry: Mapping[str, object]) -> str:
    """SHA-256 of an entry's fields and the previous entry's hash (canonical JSON, so both engines and
    any later reader compute the same value)."""
    payload = json.dumps([entry[name] for name in _CHAINED], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


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


@dataclass(frozen=True)
class AuditBreak:
    """The first place where the chain does not hold."""

    seq: int
    problem: str  # "missing", "link" or "changed"

    def describe(self) -> str:
        if self.problem == "missing":
            return f"entry {self.seq}: missing (the entries jump past it)"
        if self.problem == "link":
            return f"entry {self.seq}: its prev_hash is not the hash of entry {self.seq - 1} (removed or replaced)"
        return f"entry {self.seq}: its content does not match its hash (changed)"


_COLUMNS = ("seq", "at", "username", "role", "action", "page", "candidate_id", "package_id")


class AuditLog:
    """The audit log of one store.

    Parameters
    ----------
    target
        A :class:`webapp.database.Store`, a SQLAlchemy URL, or the path of an SQLite file.

    Examples
    --------
    >>> log = AuditLog(tmp_path / "db.sqlite")  # doctest: +SKIP
    >>> log.record("adviseur", "adviseur", Action.VIEW_CANDIDATE, candidate_id="K001")  # doctest: +SKIP
    """

    def __init__(self, target: Store | Path | str) -> None:
        self.store = open_store(target)

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
        candidate_ids: Iterable[str | None],
        *,
        page: str | None = None,
        package_id: str | None = None,
    ) -> None:
        """Append one entry per candidate id, in one transaction, each linked to the one before."""
        at = datetime.now(UTC).isoformat(timespec="seconds")
        with self.store.begin() as conn:
            if conn.dialect.name == "postgresql":
                # One writer at a time extends the chain (SQLite: BEGIN IMMEDIATE does this).
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext('banenmatch.audit_log'))"))
            last = conn.execute(
                sa.select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
            ).first()
            seq, previous = (last[0], last[1]) if last is not None else (0, GENESIS)
            rows = []
            for candidate_id in candidate_ids:
                seq += 1
                row = {
                    "seq": seq,
                    "at": at,
                    "username": username,
                    "role": role,
                    "action": Action(action).value,
                    "page": page,
                    "candidate_id": candidate_id,
                    "package_id": package_id,
                    "prev_hash": previous,
                }
                row["hash"] = previous = chain_hash(row)
                rows.append(row)
            if rows:
                conn.execute(sa.insert(audit_log), rows)

    def entries(
        self,
        *,
        candidate_id: str | None = None,
        username: str | None = None,
        actions: Iterable[Action] | None = None,
        since: str | None = None,
        limit: int | None = None,
    ) -> list[AuditEntry]:
        """Entries in the order they were written (optionally filtered; the last ``limit``)."""
        query = sa.select(*(audit_log.c[name] for name in _COLUMNS))
        if candidate_id is not None:
            query = query.where(audit_log.c.candidate_id == candidate_id)
        if username is not None:
            query = query.where(audit_log.c.username == username)
        if actions is not None:
            query = query.where(audit_log.c.action.in_([Action(a).value for a in actions]))
        if since is not None:
            query = query.where(audit_log.c.at >= since)
        if limit is not None:
            query = query.order_by(audit_log.c.seq.desc()).limit(limit)
        else:
            query = query.order_by(audit_log.c.seq)
        with self.store.engine.connect() as conn:
            rows = conn.execute(query).all()
        if limit is not None:
            rows.reverse()
        return [AuditEntry(r[0], r[1], r[2], r[3], Action(r[4]), r[5], r[6], r[7]) for r in rows]

    def _rows(self) -> Iterator[Mapping[str, object]]:
        with self.store.engine.connect() as conn:
            result = conn.execution_options(yield_per=2000).execute(
                sa.select(audit_log).order_by(audit_log.c.seq)
            )
            for row in result:
                yield row._mapping

    def verify(self) -> tuple[int, AuditBreak | None]:
        """Walk the chain from the first entry.

        Returns
        -------
        (checked, first_break)
            How many entries were checked, and the first broken or missing link (``None``: intact).
        """
        expected_seq, previous, checked = 1, GENESIS, 0
        for row in self._rows():
            if row["seq"] != expected_seq:
                return checked, AuditBreak(expected_seq, "missing")
            if row["prev_hash"] != previous:
                return checked, AuditBreak(row["seq"], "link")
            if chain_hash(row) != row["hash"]:
                return checked, AuditBreak(row["seq"], "changed")
            checked += 1
            expected_seq, previous = expected_seq + 1, row["hash"]
        return checked, None

    def export_csv(self, start: date | None, end: date | None) -> bytes:
        """Entries from ``start`` to ``end`` (inclusive days, UTC) as CSV for a privacy officer.

        Ids and actions only (no profile text exists in the log); ``;``-separated UTF-8 with a
        byte-order mark, Dutch column names, and every cell a spreadsheet would run as a formula defused.
        """
        from matcher import texts_nl
        from webapp.export import defuse

        query = sa.select(*(audit_log.c[name] for name in (*_COLUMNS, "hash"))).order_by(audit_log.c.seq)
        if start is not None:
            query = query.where(audit_log.c.at >= start.isoformat())
        if end is not None:
            query = query.where(audit_log.c.at < (end + timedelta(days=1)).isoformat())
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow([texts_nl.AUDIT_EXPORT_COLUMNS[name] for name in (*_COLUMNS, "hash")])
        with self.store.engine.connect() as conn:
            for row in conn.execute(query):
                writer.writerow(["" if v is None else defuse(v) for v in row])
        return out.getvalue().encode("utf-8-sig")
