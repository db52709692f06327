"""Fixtures for the app tests: a small planted data folder, a users file, and signed-in AppTests."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.world import write_world
from webapp.auth import DEMO_USERS, ensure_users_file

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


@pytest.fixture
def app_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, world_dir, demo_users_file: Path) -> dict:
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
    return {"data": folder, "var": var, "reports": reports, "db": var / "banenmatch.sqlite", **world}


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
