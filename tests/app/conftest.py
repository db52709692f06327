"""Fixtures for the app tests: a small planted data folder, a users file, and signed-in AppTests."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from tests.app.postgres import Cluster, postgres_bin, throwaway_cluster
from tests.app.world import write_world
from webapp.auth import DEMO_USERS, ensure_users_file
from webapp.database import forget_stores, sqlite_url

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
PASSWORDS = {u.username: u.password for u in DEMO_USERS}


@pytest.fixture(scope="session")
def world_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("world")
    return folder, write_world(folder)


@pytest.fixture(scope="session")
def demo_users_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo users, hashed once per session (bcrypt is slow on purpose)."""
    path = tmp_path_factory.mktemp("users") / "users.yaml"
    ensure_users_file(path)
    return path


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A throw-away PostgreSQL cluster for the whole test session (stopped and removed at the end)."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        message = "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin (scripts/setup.sh dev installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with throwaway_cluster(bin_dir) as cluster:
        yield cluster


def new_database(cluster: Cluster) -> str:
    """A fresh, empty database in the cluster; its name."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name


def drop_database(cluster: Cluster, name: str) -> None:
    admin = sa.create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty store: an SQLite file, then a PostgreSQL database (same tests on both)."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "db.sqlite")
        forget_stores()
        return
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    name = new_database(cluster)
    try:
        yield cluster.url(name)
    finally:
        forget_stores()
        drop_database(cluster, name)


@pytest.fixture
def app_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, world_dir, demo_users_file: Path
) -> Iterator[dict]:
    """Environment of one app process: the planted data, a fresh var/ (database) and reports folder."""
    folder, world = world_dir
    var = tmp_path / "var"
    var.mkdir()
    shutil.copy(demo_users_file, var / "users.yaml")
    reports = tmp_path / "reports"
    reports.mkdir()
    monkeypatch.setenv("BANENMATCH_DATA", str(folder))
    monkeypatch.setenv("BANENMATCH_VAR", str(var))
    monkeypatch.setenv("BANENMATCH_REPORTS", str(reports))
    monkeypatch.setenv("BANENMATCH_ENCODER", "hashing")
    for name in ("BANENMATCH_USERS", "BANENMATCH_DB"):
        monkeypatch.delenv(name, raising=False)
    yield {"data": folder, "var": var, "reports": reports, "db": var / "banenmatch.sqlite", **world}
    forget_stores()  # each test's store is new: close its connections


def sign_in(at: AppTest, username: str, password: str | None = None) -> AppTest:
    """Fill in and submit the log-in form."""
    at.text_input[0].input(username)
    at.text_input[1].input(PASSWORDS[username] if password is None else password)
    return at.button[0].click().run()


@pytest.fixture
def signed_in(app_env) -> Callable[[str], AppTest]:
    """``signed_in("adviseur")``: an AppTest of app.py after a successful log-in."""

    def make(username: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60).run()
        sign_in(at, username)
        assert not at.exception, at.exception
        return at

    return make
