"""webapp.audit on both engines: entries are appended in order, each linked to the one before; the table
refuses updates, deletes and replacements; ``verify`` finds the first changed, removed or replaced entry."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import date

import pytest
import sqlalchemy as sa

from matcher import texts_nl
from webapp.audit import GENESIS, Action, AuditBreak, AuditLog, chain_hash
from webapp.database import APP_ROLE, APPEND_ONLY_MESSAGE, forget_stores
from webapp.outcomes import OutcomeStore, Step, StepRecord
from webapp.shortlist import ShortlistStore
from webapp.teams import Teams
from webapp.uploads import UploadStore


def _three(log: AuditLog) -> None:
    log.record("adviseur", "adviseur", Action.LOGIN)
    log.record_many(
        "adviseur", "adviseur", Action.VIEW_CANDIDATE, ["K1", "K2"], page="vacature", package_id="P1"
    )


def test_entries_are_appended_in_order_with_ids_only_and_chained(store_url):
    log = AuditLog(store_url)
    _three(log)
    entries = log.entries()
    assert [(e.seq, e.action, e.candidate_id, e.package_id) for e in entries] == [
        (1, Action.LOGIN, None, None),
        (2, Action.VIEW_CANDIDATE, "K1", "P1"),
        (3, Action.VIEW_CANDIDATE, "K2", "P1"),
    ]
    assert [e.seq for e in log.entries(candidate_id="K2")] == [3]
    assert [e.seq for e in log.entries(limit=2)] == [2, 3]
    assert all(e.at.endswith("+00:00") for e in entries)
    with log.store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(sa.text("SELECT * FROM audit_log ORDER BY seq"))]
    assert rows[0]["prev_hash"] == GENESIS
    assert [r["prev_hash"] for r in rows[1:]] == [r["hash"] for r in rows[:-1]]
    assert all(r["hash"] == chain_hash(r) for r in rows)
    assert log.verify() == (3, None)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET candidate_id = 'K9'",
        "UPDATE audit_log SET username = 'iemand' WHERE seq = 1",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE seq = 3",
        # out of order, or linked to the wrong entry
        "INSERT INTO audit_log (seq, at, username, role, action, prev_hash, hash) "
        "VALUES (9, 'x', 'x', 'x', 'login', 'x', 'x')",
        "INSERT INTO audit_log (seq, at, username, role, action, prev_hash, hash) "
        "VALUES (4, 'x', 'x', 'x', 'login', 'x', 'x')",
    ],
)
def test_the_audit_table_refuses_changes_on_both_engines(store_url, statement):
    log = AuditLog(store_url)
    _three(log)
    with pytest.raises(sa.exc.DBAPIError, match=APPEND_ONLY_MESSAGE), log.store.begin() as conn:
        conn.execute(sa.text(statement))
    assert [e.candidate_id for e in log.entries()] == [None, "K1", "K2"]
    assert log.verify() == (3, None)


@pytest.mark.parametrize("verb", ["REPLACE INTO", "INSERT OR REPLACE INTO"])
def test_sqlite_replace_is_refused_even_by_a_plain_connection(tmp_path, verb):
    # A plain sqlite3 connection does not set recursive_triggers, so SQLite fires no delete trigger for
    # REPLACE; the insert trigger refuses it because the entry would not follow the last one.
    path = tmp_path / "db.sqlite"
    log = AuditLog(path)
    _three(log)
    with sqlite3.connect(path) as conn, pytest.raises(sqlite3.IntegrityError, match=APPEND_ONLY_MESSAGE):
        conn.execute(
            f"{verb} audit_log (seq, at, username, role, action, prev_hash, hash) "
            "SELECT seq, at, 'iemand', role, action, prev_hash, hash FROM audit_log WHERE seq = 2"
        )
    assert [e.username for e in log.entries()] == ["adviseur"] * 3


def _tamper_sqlite(path, statements: list[str]) -> None:
    """What the owner of the file can do: drop the triggers, then change the table."""
    with sqlite3.connect(path) as conn:
        for name in ("audit_log_no_update", "audit_log_no_delete", "audit_log_append_only"):
            conn.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            conn.execute(statement)


@pytest.mark.parametrize("verb", ["REPLACE INTO", "INSERT OR REPLACE INTO"])
def test_the_chain_catches_a_replace_that_got_past_the_triggers(tmp_path, verb):
    path = tmp_path / "db.sqlite"
    log = AuditLog(path)
    _three(log)
    # The replacement keeps seq, link and hash, and changes who looked: the content no longer hashes.
    _tamper_sqlite(
        path,
        [
            f"{verb} audit_log (seq, at, username, role, action, page, candidate_id, package_id, prev_hash, hash) "
            "SELECT seq, at, 'iemand', role, action, page, candidate_id, package_id, prev_hash, hash "
            "FROM audit_log WHERE seq = 2"
        ],
    )
    assert log.verify() == (1, AuditBreak(2, "changed"))


@pytest.mark.parametrize(
    "statements, expected",
    [
        (["DELETE FROM audit_log WHERE seq = 2"], AuditBreak(2, "missing")),
        (["UPDATE audit_log SET candidate_id = 'K7' WHERE seq = 3"], AuditBreak(3, "changed")),
        # A forger who renumbers and rehashes the changed entry still breaks the next link.
        (
            [
                "DELETE FROM audit_log WHERE seq = 2",
                "UPDATE audit_log SET seq = 2 WHERE seq = 3",
            ],
            AuditBreak(2, "link"),
        ),
    ],
)
def test_verify_reports_the_first_broken_or_missing_link(tmp_path, statements, expected):
    path = tmp_path / "db.sqlite"
    log = AuditLog(path)
    _three(log)
    _tamper_sqlite(path, statements)
    checked, found = log.verify()
    assert found == expected and checked == expected.seq - 1
    assert str(expected.seq) in found.describe()


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_postgres_app_role_may_insert_but_never_update_or_delete(store_url, pg_cluster):
    owner = AuditLog(store_url)
    _three(owner)
    database = store_url.rsplit("/", 1)[1]
    with owner.store.begin() as conn:
        conn.execute(
            sa.text(
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'adviseur_web') THEN "
                f"CREATE ROLE adviseur_web LOGIN IN ROLE {APP_ROLE}; END IF; END $$"
            )
        )
        # Even with the triggers switched off (by the owner), the app's role has no right to change rows.
        conn.execute(sa.text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
    app = AuditLog(pg_cluster.url(database, user="adviseur_web"))
    app.record("adviseur", "adviseur", Action.LOGOUT)  # inserting is allowed
    for statement in ("UPDATE audit_log SET username = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"), app.store.begin() as conn:
            conn.execute(sa.text(statement))
    assert owner.verify() == (4, None)
    # Everything else the app writes works with the role's rights.
    app_url = pg_cluster.url(database, user="adviseur_web")
    Teams(app_url).assign("adviseur", "Midden-Utrecht")
    assert ShortlistStore(app_url).add(
        "Midden-Utrecht",
        "P1",
        "t",
        "K1",
        added_by="adviseur",
        rank=1,
        signaleringen=0,
        unknowns=0,
        confidence="hoog",
    )
    OutcomeStore(app_url).record(
        StepRecord("Midden-Utrecht", "P1", "K1", Step.VOORGESTELD, date.today(), "adviseur")
    )
    upload = UploadStore(app_url).save("Midden-Utrecht", "set", "adviseur", b"", b"")
    assert UploadStore(app_url).remove("Midden-Utrecht", upload.id)


def test_export_writes_ids_only_for_the_chosen_days_and_defuses_formulas(store_url):
    log = AuditLog(store_url)
    _three(log)
    log.record("=cmd|'/c calc'!A1", "adviseur", Action.LOGIN_FAILED)
    today = date.today()
    rows = list(csv.reader(io.StringIO(log.export_csv(today, today).decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(texts_nl.AUDIT_EXPORT_COLUMNS.values())
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4"]
    assert rows[2][6:8] == ["K1", "P1"]
    assert rows[4][2] == "'=cmd|'/c calc'!A1"
    before = date(2000, 1, 1)
    assert len(list(csv.reader(io.StringIO(log.export_csv(before, before).decode("utf-8-sig"))))) == 1


def test_reopening_the_database_keeps_the_log_and_the_chain(tmp_path):
    path = tmp_path / "db.sqlite"
    AuditLog(path).record("a", "adviseur", Action.EXPORT, package_id="P1")
    forget_stores()
    again = AuditLog(path)
    again.record("b", "adviseur", Action.EXPORT, package_id="P2")
    assert [e.package_id for e in again.entries()] == ["P1", "P2"]
    assert again.verify() == (2, None)
