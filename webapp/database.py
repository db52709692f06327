"""The app's embedded SQLite database: the audit log and the shortlists.

One file (``var/banenmatch.sqlite`` by default). Every operation opens its own short connection:
Streamlit runs each session in its own thread, and SQLite connections must not be shared across
threads. WAL journalling lets readers and the one writer work side by side.

The audit log is append-only: triggers abort every ``UPDATE`` and ``DELETE`` on it, so a mistake in
the app (or a curious user with the Python console) cannot rewrite history through SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["APPEND_ONLY_MESSAGE", "connect", "initialise"]

APPEND_ONLY_MESSAGE = "audit_log is append-only"

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS audit_log (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TEXT NOT NULL,              -- UTC, ISO 8601
    username     TEXT NOT NULL,
    role         TEXT NOT NULL,
    action       TEXT NOT NULL,
    page         TEXT,
    candidate_id TEXT,                       -- pseudonymous id only
    package_id   TEXT
);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END;

CREATE TABLE IF NOT EXISTS shortlist (
    owner         TEXT NOT NULL,
    package_id    TEXT NOT NULL,
    package_title TEXT NOT NULL,
    candidate_id  TEXT NOT NULL,             -- pseudonymous id only
    rank          INTEGER,
    signaleringen INTEGER NOT NULL,
    unknowns      INTEGER NOT NULL,
    confidence    TEXT NOT NULL,
    added_at      TEXT NOT NULL,
    PRIMARY KEY (owner, package_id, candidate_id)
);
"""


def initialise(path: Path) -> None:
    """Create the folder, the tables and the triggers when they do not exist yet (idempotent).

    Also switches the file to WAL journalling (a property of the file, so once is enough).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(_SCHEMA)


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """A short-lived connection that commits on success and rolls back on an error."""
    conn = sqlite3.connect(path, timeout=10)
    try:
        with conn:
            yield conn
    finally:
        conn.close()
