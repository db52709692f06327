"""webapp.audit: entries are appended, read back in order, and can never be changed or deleted."""

from __future__ import annotations

import sqlite3

import pytest

from webapp.audit import Action, AuditLog
from webapp.database import APPEND_ONLY_MESSAGE


def test_entries_are_appended_in_order_with_ids_only(tmp_path):
    log = AuditLog(tmp_path / "db.sqlite")
    log.record("adviseur", "adviseur", Action.LOGIN)
    log.record_many(
        "adviseur", "adviseur", Action.VIEW_CANDIDATE, ["K1", "K2"], page="vacature", package_id="P1"
    )
    entries = log.entries()
    assert [(e.seq, e.action, e.candidate_id, e.package_id) for e in entries] == [
        (1, Action.LOGIN, None, None),
        (2, Action.VIEW_CANDIDATE, "K1", "P1"),
        (3, Action.VIEW_CANDIDATE, "K2", "P1"),
    ]
    assert [e.seq for e in log.entries(candidate_id="K2")] == [3]
    assert all(e.at.endswith("+00:00") for e in entries)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET candidate_id = 'K9'",
        "UPDATE audit_log SET username = 'iemand' WHERE seq = 1",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE seq = 1",
    ],
)
def test_the_audit_table_refuses_updates_and_deletes(tmp_path, statement):
    path = tmp_path / "db.sqlite"
    log = AuditLog(path)
    log.record("adviseur", "adviseur", Action.VIEW_CANDIDATE, candidate_id="K1")
    with sqlite3.connect(path) as conn, pytest.raises(sqlite3.IntegrityError, match=APPEND_ONLY_MESSAGE):
        conn.execute(statement)
    assert [(e.username, e.candidate_id) for e in log.entries()] == [("adviseur", "K1")]


def test_reopening_the_database_keeps_the_log_and_the_triggers(tmp_path):
    path = tmp_path / "db.sqlite"
    AuditLog(path).record("a", "adviseur", Action.EXPORT, package_id="P1")
    again = AuditLog(path)
    again.record("b", "adviseur", Action.EXPORT, package_id="P2")
    assert [e.package_id for e in again.entries()] == ["P1", "P2"]
    with sqlite3.connect(path) as conn:
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert triggers == {"audit_log_no_update", "audit_log_no_delete"}
