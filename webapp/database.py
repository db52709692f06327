"""The app's store: one database for the audit log, WSP membership, team shortlists, outcomes and uploads.

Two engines behind SQLAlchemy 2 Core:

* **SQLite** (default): one embedded file, ``var/banenmatch.sqlite`` (``BANENMATCH_DB``), for one app
  process. WAL journalling lets readers work beside the one writer; every transaction starts with
  ``BEGIN IMMEDIATE`` so that writers queue instead of failing half-way.
* **PostgreSQL**: when ``BANENMATCH_DB_URL=postgresql+psycopg://...`` is set; one database shared by any
  number of app processes (docs/APP.md, "Several app processes").

The schema is made by Alembic migrations shipped inside this package (``webapp/migrations``), so a wheel
install can run them: ``banenmatch db upgrade``. A fresh, empty database is brought to the newest
revision when the app first opens it (so ``streamlit run app.py`` needs no step of its own); a database
with an older revision is never written to: :meth:`Store.check` raises :class:`OutdatedDatabaseError`.

The audit log is append-only on both engines (triggers, and on PostgreSQL the ``banenmatch_app`` role
that may only read and insert it); see :mod:`webapp.audit` for its hash chain.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from matcher.errors import BanenmatchError

__all__ = [
    "APPEND_ONLY_MESSAGE",
    "APP_ROLE",
    "DatabaseState",
    "OutdatedDatabaseError",
    "Store",
    "audit_log",
    "dataset_upload",
    "metadata",
    "open_store",
    "outcome",
    "shortlist",
    "sqlite_url",
    "wsp_member",
]

APPEND_ONLY_MESSAGE = "audit_log is append-only"
APP_ROLE = "banenmatch_app"
"""PostgreSQL role for the app's log-in users: reads and inserts the audit log, never updates or deletes."""

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

metadata = sa.MetaData()

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.String(40), nullable=False),  # UTC, ISO 8601
    sa.Column("username", sa.String(200), nullable=False),
    sa.Column("role", sa.String(200), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("page", sa.String(40)),
    sa.Column("candidate_id", sa.String(200)),  # pseudonymous id only
    sa.Column("package_id", sa.String(200)),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

wsp_member = sa.Table(
    "wsp_member",
    metadata,
    sa.Column("username", sa.String(200), primary_key=True),
    sa.Column("wsp", sa.String(200), nullable=False),  # arbeidsmarktregio (webapp.regions)
    sa.Column("since", sa.String(40), nullable=False),
)

shortlist = sa.Table(
    "shortlist",
    metadata,
    sa.Column("wsp", sa.String(200), primary_key=True),
    sa.Column("package_id", sa.String(200), primary_key=True),
    sa.Column("candidate_id", sa.String(200), primary_key=True),  # pseudonymous id only
    sa.Column("package_title", sa.String(500), nullable=False),
    sa.Column("rank", sa.Integer),
    sa.Column("signaleringen", sa.Integer, nullable=False),
    sa.Column("unknowns", sa.Integer, nullable=False),
    sa.Column("confidence", sa.String(40), nullable=False),
    sa.Column("added_by", sa.String(200), nullable=False),
    sa.Column("added_at", sa.String(40), nullable=False),
    sa.Column("note", sa.String(500), nullable=False, server_default=""),
)

outcome = sa.Table(
    "outcome",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("wsp", sa.String(200), nullable=False),
    sa.Column("package_id", sa.String(200), nullable=False),
    sa.Column("candidate_id", sa.String(200), nullable=False),
    sa.Column("step", sa.String(40), nullable=False),
    sa.Column("rank", sa.Integer),  # the candidate's rank when put on the shortlist (None: not known)
    sa.Column("on_date", sa.Date, nullable=False),
    sa.Column("adviser", sa.String(200), nullable=False),
    sa.Column("reason", sa.String(60)),
    sa.Column("start_date", sa.Date),
    sa.Column("contract", sa.String(40)),
    sa.Column("hours", sa.Integer),
    sa.Column("recorded_at", sa.String(40), nullable=False),
)

dataset_upload = sa.Table(
    "dataset_upload",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("wsp", sa.String(200), nullable=False),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("uploaded_by", sa.String(200), nullable=False),
    sa.Column("uploaded_at", sa.String(40), nullable=False),
    sa.Column("fingerprint", sa.String(64), nullable=False),
    sa.Column("candidates", sa.LargeBinary, nullable=False),
    sa.Column("vacancies", sa.LargeBinary, nullable=False),
    sa.Column("placements", sa.LargeBinary),
    sa.Column("candidates_name", sa.String(300)),
    sa.Column("vacancies_name", sa.String(300)),
    sa.Column("placements_name", sa.String(300)),
)


class OutdatedDatabaseError(BanenmatchError, RuntimeError):
    """The database's schema revision is not the one this code was written for."""

    def __init__(self, current: str | None, head: str) -> None:
        self.current = current
        self.head = head
        super().__init__(
            f"database schema: expected revision {head}, found {current or 'no revision (an older app)'}; "
            "run 'banenmatch db upgrade' (with the same BANENMATCH_DB_URL / BANENMATCH_DB) first"
        )


class DatabaseState(StrEnum):
    EMPTY = "empty"  # no tables at all: a first start
    CURRENT = "current"
    OUTDATED = "outdated"  # an older revision, or tables of the app before migrations


@dataclass(frozen=True)
class Revision:
    current: str | None
    head: str
    state: DatabaseState


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"


def _use_wal(cursor, *, wait: float = 30.0) -> None:
    """Switch the database to write-ahead logging, waiting while other processes hold it.

    The mode is stored in the file, so this is a read once any process has set it. The switch itself
    answers "database is locked" at once, without the busy timeout, when another process is creating
    or writing the same new file (seen with several app processes starting together): retried.
    """
    deadline = time.monotonic() + wait
    while True:
        try:
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_engine(url: str) -> Engine:
    path = sa.engine.make_url(url).database
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event below decide how transactions start (pysqlite's own handling
        # would start them lazily and deferred, so two writers could both read the old chain head).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=30000")
        _use_wal(cursor)
        # REPLACE then runs the delete triggers too (the audit log's append-only rule holds for it).
        cursor.execute("PRAGMA recursive_triggers=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


class Store:
    """One database (SQLite file or PostgreSQL) with the app's tables.

    Parameters
    ----------
    url
        A SQLAlchemy URL: ``sqlite:////abs/path.sqlite`` or ``postgresql+psycopg://user@host/db``.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _engine(url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A transaction that commits on success and rolls back on an error."""
        with self.engine.begin() as conn:
            yield conn

    # -------------------------------------------------------------------------------- migrations
    def _alembic_config(self, connection: Connection | None = None):
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        config.attributes["connection"] = connection
        return config

    def _head(self) -> str:
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(self._alembic_config()).get_current_head()

    def _revision_on(self, conn: Connection) -> Revision:
        from alembic.runtime.migration import MigrationContext

        head = self._head()
        current = MigrationContext.configure(conn).get_current_revision()
        tables = set(sa.inspect(conn).get_table_names())
        if current == head:
            state = DatabaseState.CURRENT
        elif current is None and not (tables - {"alembic_version"}):
            state = DatabaseState.EMPTY
        else:
            state = DatabaseState.OUTDATED
        return Revision(current, head, state)

    def revision(self) -> Revision:
        """Where the database stands against the newest migration of this code."""
        with self.engine.connect() as conn:
            return self._revision_on(conn)

    @contextmanager
    def _migration_lock(self) -> Iterator[Connection]:
        """A transaction that only one process at a time holds (several app processes may start at once
        on a new database): an advisory lock on PostgreSQL, the write lock (BEGIN IMMEDIATE) on SQLite."""
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext('banenmatch.migrations'))"))
            yield conn

    def upgrade(self, revision: str = "head") -> None:
        """Apply the migrations up to ``revision`` (``banenmatch db upgrade``)."""
        from alembic import command

        with self._migration_lock() as conn:
            command.upgrade(self._alembic_config(conn), revision)

    def check(self) -> None:
        """Create the schema in an empty database; refuse an out-of-date one.

        Raises
        ------
        OutdatedDatabaseError
            When the database has an older (or unknown) revision: nothing is written to it.
        """
        from alembic import command

        if self.revision().state is DatabaseState.CURRENT:
            return
        with self._migration_lock() as conn:
            found = self._revision_on(conn)  # again, now that no other process can be migrating
            if found.state is DatabaseState.EMPTY:
                command.upgrade(self._alembic_config(conn), "head")
            elif found.state is DatabaseState.OUTDATED:
                raise OutdatedDatabaseError(found.current, found.head)

    def dispose(self) -> None:
        self.engine.dispose()


_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()


def open_store(target: Store | Path | str, *, check: bool = True) -> Store:
    """The (process-wide, shared) :class:`Store` of a URL or SQLite path, checked once when opened.

    A path means an SQLite file; a string with ``://`` is a SQLAlchemy URL.
    """
    if isinstance(target, Store):
        return target
    url = target if isinstance(target, str) and "://" in target else sqlite_url(Path(target))
    with _stores_lock:
        store = _stores.get(url)
        if store is None:
            store = Store(url)
            if check:
                store.check()
            _stores[url] = store
    return store


def forget_stores() -> None:
    """Close every shared store's connections (tests that drop a database; a process about to fork)."""
    with _stores_lock:
        for store in _stores.values():
            store.dispose()
        _stores.clear()
