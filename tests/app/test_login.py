"""webapp.login and the log-in page: every attempt audited; repeated failures lock the account."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from matcher import texts_nl
from tests.app.conftest import APP, sign_in
from webapp.audit import Action, AuditLog
from webapp.auth import read_users
from webapp.login import LOCK_DURATION, MAX_FAILURES, LoginResult, attempt, locked_until

T = texts_nl.APP_TEXTS


def test_failures_in_a_row_lock_the_account_and_the_lock_ends(store_url, demo_users_file):
    users, log = read_users(demo_users_file), AuditLog(store_url)
    assert attempt(users, log, "Adviseur ", "adviseur-demo").result is LoginResult.OK
    for _ in range(MAX_FAILURES - 1):
        assert attempt(users, log, "adviseur", "fout-wachtwoord").result is LoginResult.WRONG
    locked = attempt(users, log, "adviseur", "fout-wachtwoord")
    assert locked.result is LoginResult.LOCKED and locked.locked_until is not None
    # Locked: even the right password is refused, and says so.
    assert attempt(users, log, "adviseur", "adviseur-demo").result is LoginResult.LOCKED
    assert [e.action for e in log.entries()] == [
        Action.LOGIN,
        *[Action.LOGIN_FAILED] * MAX_FAILURES,
        Action.LOCKOUT,
        Action.LOGIN_REFUSED,
    ]
    assert all(e.username == "adviseur" for e in log.entries())
    # Another account is not affected; after the lock has run out the right password works again.
    assert attempt(users, log, "evaluator", "evaluator-demo").result is LoginResult.OK
    later = datetime.now(UTC) + LOCK_DURATION + LOCK_DURATION / 10
    assert locked_until(log, "adviseur", later) is None
    assert attempt(users, log, "adviseur", "adviseur-demo", now=later).result is LoginResult.OK


def test_a_success_resets_the_count_and_unknown_names_are_locked_too(store_url, demo_users_file):
    users, log = read_users(demo_users_file), AuditLog(store_url)
    for _ in range(MAX_FAILURES - 1):
        attempt(users, log, "adviseur", "fout-wachtwoord")
    assert attempt(users, log, "adviseur", "adviseur-demo").result is LoginResult.OK
    assert attempt(users, log, "adviseur", "fout-wachtwoord").result is LoginResult.WRONG
    results = [attempt(users, log, "niemand", "raden").result for _ in range(MAX_FAILURES)]
    assert results == [LoginResult.WRONG] * (MAX_FAILURES - 1) + [LoginResult.LOCKED]
    assert "raden" not in repr(log.entries())  # never a password in the log


def test_the_page_locks_after_repeated_failures_and_audits_the_log_out(app_env):
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    for _ in range(MAX_FAILURES):
        sign_in(at, "adviseur", "fout-wachtwoord")
    assert not at.exception
    assert any(e.value.startswith(T["login"]["locked"][:40]) for e in at.error)
    sign_in(at, "adviseur")  # the right password, but locked
    assert not at.session_state["authentication_status"]
    log = AuditLog(app_env["db"])
    assert [e.action for e in log.entries()][-2:] == [Action.LOCKOUT, Action.LOGIN_REFUSED]

    other = AppTest.from_file(str(APP), default_timeout=60).run()
    sign_in(other, "evaluator")
    assert other.session_state["authentication_status"]
    stored = {key: other.session_state[key] for key in other.session_state}
    assert "evaluator-demo" not in repr(stored)  # the password never stays in the session state
    other.sidebar.button(key="sign_out").click().run()
    assert not other.session_state["authentication_status"]
    assert [(e.action, e.username) for e in log.entries()][-2:] == [
        (Action.LOGIN, "evaluator"),
        (Action.LOGOUT, "evaluator"),
    ]


@pytest.mark.parametrize("wrong", ["", "   "])
def test_an_empty_form_is_refused_without_counting(app_env, wrong):
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.text_input[0].input(wrong)
    at.button[0].click().run()
    assert T["login"]["wrong"] in [e.value for e in at.error]
    assert AuditLog(app_env["db"]).entries() == []
