"""scripts/make_users.py: the command line around webapp.auth."""

from __future__ import annotations

import io
import runpy
import shutil
import sys

import bcrypt
import pytest

from webapp.auth import read_users

SCRIPT = "scripts/make_users.py"


def run(monkeypatch, *argv: str, stdin: str = "") -> int:
    monkeypatch.setattr(sys, "argv", [SCRIPT, *argv])
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    with pytest.raises(SystemExit) as exit_:
        runpy.run_path(SCRIPT, run_name="__main__")
    return exit_.value.code


def test_add_then_list_without_showing_passwords(monkeypatch, tmp_path, demo_users_file, capsys):
    path = tmp_path / "users.yaml"
    shutil.copy(demo_users_file, path)
    assert run(monkeypatch, "--file", str(path), "list") == 0
    assert "(demo users" in capsys.readouterr().out
    code = run(
        monkeypatch, "--file", str(path), "add", "Pieters", "--role", "projectleider", "--name", "P. Pieters",
        "--password-stdin",
        stdin="geheim-wachtwoord\n",
    )  # fmt: skip
    assert code == 0
    stored = read_users(path).credentials["usernames"]["pieters"]
    assert stored["roles"] == ["projectleider"] and stored["name"] == "P. Pieters"
    assert bcrypt.checkpw(b"geheim-wachtwoord", stored["password"].encode())
    capsys.readouterr()
    assert run(monkeypatch, "--file", str(path), "list") == 0
    out = capsys.readouterr().out
    assert "pieters\tprojectleider\tP. Pieters" in out and "geheim" not in out and "$2" not in out
    assert "(demo users" not in out


def test_a_short_password_is_refused_and_nothing_changes(monkeypatch, tmp_path, demo_users_file, capsys):
    path = tmp_path / "users.yaml"
    shutil.copy(demo_users_file, path)
    before = path.read_bytes()
    assert (
        run(
            monkeypatch,
            "--file",
            str(path),
            "add",
            "x",
            "--role",
            "adviseur",
            "--password-stdin",
            stdin="kort\n",
        )
        == 1
    )
    assert "at least 8 characters" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_add_with_a_wsp_puts_the_adviser_in_that_team(monkeypatch, tmp_path, capsys):
    from webapp.teams import Teams

    monkeypatch.setenv("BANENMATCH_DB", str(tmp_path / "db.sqlite"))
    monkeypatch.delenv("BANENMATCH_DB_URL", raising=False)
    path = tmp_path / "users.yaml"
    argv = ("--file", str(path), "add", "jansen", "--role", "adviseur", "--password-stdin")
    assert run(monkeypatch, *argv, "--wsp", "midden-utrecht", stdin="een-lang-wachtwoord\n") == 0
    assert "WSP Midden-Utrecht" in capsys.readouterr().out
    assert Teams(tmp_path / "db.sqlite").wsp_of("jansen") == "Midden-Utrecht"
    assert run(monkeypatch, *argv, "--wsp", "Atlantis", stdin="een-lang-wachtwoord\n") == 1
    assert "arbeidsmarktregio" in capsys.readouterr().err
