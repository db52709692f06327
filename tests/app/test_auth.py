"""webapp.auth: the users file, password hashing and the role -> page policy."""

from __future__ import annotations

import shutil
import stat

import bcrypt
import pytest
import yaml

from matcher.errors import SchemaError
from webapp.auth import (
    DEMO_USERS,
    PAGE_ACCESS,
    Page,
    Role,
    User,
    ensure_users_file,
    may_open,
    pages_for,
    read_users,
    write_user,
)


def test_the_policy_gives_each_role_its_pages_and_personal_data_only_to_advisers():
    assert pages_for(["adviseur"]) == (
        Page.VACATURE,
        Page.WERK_NAAR_WERK,
        Page.GEGEVENS,
        Page.FUNCTIEPROFIELEN,
        Page.JOBCARVING,
    )
    assert pages_for(["projectleider"]) == (Page.FUNCTIEPROFIELEN, Page.JOBCARVING)
    assert pages_for(["evaluator"]) == (Page.EVALUATIE,)
    assert not may_open(["adviseur"], Page.EVALUATIE)
    assert not may_open(["evaluator"], Page.VACATURE)
    for page in (Page.VACATURE, Page.WERK_NAAR_WERK, Page.GEGEVENS):  # pages that show candidates
        assert PAGE_ACCESS[page] == {Role.ADVISEUR}


def test_unknown_or_missing_roles_grant_nothing_and_roles_combine():
    assert pages_for(None) == () and pages_for(["admin"]) == () and pages_for([]) == ()
    assert set(pages_for(["projectleider", "evaluator"])) == {
        Page.FUNCTIEPROFIELEN,
        Page.JOBCARVING,
        Page.EVALUATIE,
    }


def test_the_demo_users_file_is_created_once_private_and_hashed(tmp_path):
    path = tmp_path / "var" / "users.yaml"
    assert ensure_users_file(path) is True
    first = path.read_bytes()
    assert ensure_users_file(path) is False and path.read_bytes() == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    users = read_users(path)
    assert users.demo
    stored = users.credentials["usernames"]
    assert set(stored) == {u.username for u in DEMO_USERS}
    for user in DEMO_USERS:
        assert user.password not in first.decode()
        assert bcrypt.checkpw(user.password.encode(), stored[user.username]["password"].encode())
        assert stored[user.username]["roles"] == [r.value for r in user.roles]
    assert len(users.cookie_key) == 64


def test_write_user_adds_or_replaces_and_ends_demo_mode(tmp_path, demo_users_file):
    path = tmp_path / "users.yaml"
    shutil.copy(demo_users_file, path)
    write_user(path, User("Jansen", "een-lang-wachtwoord", (Role.ADVISEUR, Role.PROJECTLEIDER), "J. Jansen"))
    write_user(path, User("adviseur", "nieuw-wachtwoord", (Role.ADVISEUR,), "Adviseur"))
    users = read_users(path)
    stored = users.credentials["usernames"]
    assert not users.demo
    assert stored["jansen"]["roles"] == ["adviseur", "projectleider"]
    assert bcrypt.checkpw(b"nieuw-wachtwoord", stored["adviseur"]["password"].encode())
    assert not bcrypt.checkpw(b"adviseur-demo", stored["adviseur"]["password"].encode())


@pytest.mark.parametrize(
    "user, message",
    [
        (User("a b", "lang-genoeg", (Role.ADVISEUR,), "x"), "without spaces"),
        (User("kort", "kort", (Role.ADVISEUR,), "x"), "at least 8 characters"),
        (User("geenrol", "lang-genoeg", (), "x"), "at least one of"),
    ],
)
def test_bad_users_are_refused_with_the_reason(tmp_path, user, message):
    with pytest.raises(SchemaError, match=message):
        write_user(tmp_path / "users.yaml", user)


def test_a_broken_users_file_is_reported_with_file_field_and_fix(tmp_path, demo_users_file):
    path = tmp_path / "users.yaml"
    shutil.copy(demo_users_file, path)
    config = yaml.safe_load(path.read_text())
    config["credentials"]["usernames"]["adviseur"]["roles"] = ["beheerder"]
    path.write_text(yaml.safe_dump(config))
    with pytest.raises(
        SchemaError, match=r"users\.yaml: credentials\.usernames\.adviseur\.roles: .*make_users"
    ):
        read_users(path)
    config["credentials"]["usernames"]["adviseur"]["password"] = "adviseur-demo"
    config["credentials"]["usernames"]["adviseur"]["roles"] = ["adviseur"]
    path.write_text(yaml.safe_dump(config))
    with pytest.raises(SchemaError, match="password: expected a bcrypt hash"):
        read_users(path)
