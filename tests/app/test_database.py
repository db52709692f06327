"""webapp.database: migrations on both engines, the revision check, and `banenmatch db` / `audit`."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from matcher import cli, texts_nl
from tests.app.conftest import APP
from webapp.audit import Action, AuditLog
from webapp.database import DatabaseState, OutdatedDatabaseError, Store, forget_stores

T = texts_nl.APP_TEXTS

# The schema of the app before migrations (webapp/database.py until this revision).
_LEGACY = """
CREATE TABLE audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, username TEXT NOT NULL,
    role TEXT NOT NULL, action TEXT NOT NULL, page TEXT, candidate_id TEXT, package_id TEXT);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'x'); END;
CREATE TABLE shortlist (owner TEXT NOT NULL, package_id TEXT NOT NULL, package_title TEXT NOT NULL,
    candidate_id TEXT NOT NULL, rank INTEGER, signaleringen INTEGER NOT NULL, unknowns INTEGER NOT NULL,
    confidence TEXT NOT NULL, added_at TEXT NOT NULL, PRIMARY KEY (owner, package_id, candidate_id));
INSERT INTO audit_log (at, username, role, action, candidate_id) VALUES
    ('2026-01-01T09:00:00+00:00', 'anna', 'adviseur', 'login', NULL),
    ('2026-01-01T09:01:00+00:00', 'anna', 'adviseur', 'view_candidate', 'K1');
"""


def test_an_empty_database_is_created_at_the_newest_revision(store_url):
    store = Store(store_url)
    assert store.revision().state is DatabaseState.EMPTY
    store.check()
    found = store.revision()
    assert found.state is DatabaseState.CURRENT and found.current == found.head
    with store.engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
    assert {"audit_log", "wsp_member", "shortlist", "outcome", "dataset_upload"} <= tables
    store.dispose()


def test_an_older_revision_is_refused_and_db_upgrade_brings_it_up(store_url, capsys):
    store = Store(store_url)
    store.upgrade("0001")
    with pytest.raises(OutdatedDatabaseError, match="banenmatch db upgrade"):
        store.check()
    assert cli.main(["db", "status", "--db", store_url]) == 1
    assert cli.main(["audit", "verify", "--db", store_url]) == 2  # refuses to read an old schema
    assert cli.main(["db", "upgrade", "--db", store_url]) == 0
    assert "0001 -> " in capsys.readouterr().out
    assert cli.main(["db", "status", "--db", store_url]) == 0
    store.check()
    store.dispose()


def test_the_app_on_an_outdated_database_says_so_in_dutch_and_writes_nothing(app_env):
    url = f"sqlite:///{app_env['db']}"
    Store(url).upgrade("0001")
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    message = T["common"]["db_outdated"].format(current="0001", head=Store(url).revision().head)
    assert [e.value for e in at.error] == [message]
    assert not at.text_input  # no log-in form, so nothing to write
    with sqlite3.connect(app_env["db"]) as conn:
        assert conn.execute("SELECT COUNT(*) FROM audit_log").fetchone() == (0,)


def test_a_database_of_the_app_before_migrations_keeps_its_log_in_the_chain(tmp_path, capsys):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript(_LEGACY)
    url = f"sqlite:///{path}"
    assert Store(url).revision().state is DatabaseState.OUTDATED
    assert cli.main(["db", "upgrade", "--db", url]) == 0
    log = AuditLog(url)
    assert [(e.seq, e.action, e.candidate_id) for e in log.entries()] == [
        (1, Action.LOGIN, None),
        (2, Action.VIEW_CANDIDATE, "K1"),
    ]
    assert log.verify() == (2, None)
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"audit_log_v0", "shortlist_v0"} <= tables  # the old tables are kept, nothing is lost
    forget_stores()


def test_audit_cli_verifies_and_exports(store_url, tmp_path, capsys):
    log = AuditLog(store_url)
    log.record("anna", "adviseur", Action.VIEW_CANDIDATE, candidate_id="K1", package_id="P1")
    assert cli.main(["audit", "verify", "--db", store_url]) == 0
    assert "1 entry, every link intact" in capsys.readouterr().err
    out = tmp_path / "audit.csv"
    assert (
        cli.main(
            [
                "audit",
                "export",
                "--from",
                "2000-01-01",
                "--to",
                "2999-12-31",
                "--out",
                str(out),
                "--db",
                store_url,
            ]
        )
        == 0
    )
    lines = out.read_bytes().decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and ";K1;P1;" in lines[1]
    assert cli.main(["audit", "export", "--from", "gisteren", "--db", store_url]) == 2


def test_switching_to_wal_waits_for_a_process_that_holds_the_new_file(tmp_path):
    import sqlite3
    import threading

    from webapp.database import _use_wal

    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE t (x)")
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _use_wal(other.cursor(), wait=0.2)  # still held after the wait: the error, not a hang
    threading.Timer(0.5, lambda: holder.execute("COMMIT")).start()
    _use_wal(other.cursor(), wait=10)  # released meanwhile: switched
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    holder.close()
    other.close()
