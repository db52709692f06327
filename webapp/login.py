"""Checking a log-in: the password against the users file, and a lockout after repeated failures.

Every attempt is audited: a success (``login``), a wrong user name or password (``login_failed``, with
the user name as typed and never the password), the moment an account is locked (``lockout``) and an
attempt while it is locked (``login_refused``). The failures are counted from the audit log itself, so
the lockout holds across sessions and across app processes that share the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

import bcrypt

from webapp.audit import Action, AuditLog
from webapp.auth import UsersConfig

__all__ = ["LOCK_DURATION", "MAX_FAILURES", "WINDOW", "LoginResult", "Outcome", "attempt", "locked_until"]

MAX_FAILURES = 5
"""Failed log-ins in a row (within :data:`WINDOW`) that lock an account."""
WINDOW = timedelta(minutes=15)
LOCK_DURATION = timedelta(minutes=15)
_NAME_MAX = 64  # a user name as typed is stored cut to this length (someone may type a password there)
# Checked for an unknown user name, so that it takes as long as a wrong password for a known one.
_DUMMY_HASH = bcrypt.hashpw(b"banenmatch", bcrypt.gensalt()).decode("ascii")


class LoginResult(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"


@dataclass(frozen=True)
class Outcome:
    result: LoginResult
    username: str
    locked_until: datetime | None = None

    def minutes_left(self, now: datetime | None = None) -> int:
        if self.locked_until is None:
            return 0
        left = self.locked_until - (now or datetime.now(UTC))
        return max(1, -(-int(left.total_seconds()) // 60))


_TRACKED = (Action.LOGIN, Action.LOGIN_FAILED, Action.LOCKOUT)


def locked_until(log: AuditLog, username: str, now: datetime | None = None) -> datetime | None:
    """When the current lock of ``username`` ends, or None when it is not locked."""
    now = now or datetime.now(UTC)
    since = (now - LOCK_DURATION).isoformat(timespec="seconds")
    locks = log.entries(username=username, actions=[Action.LOCKOUT], since=since, limit=1)
    if not locks:
        return None
    until = datetime.fromisoformat(locks[-1].at) + LOCK_DURATION
    return until if until > now else None


def _failures_in_a_row(log: AuditLog, username: str, now: datetime) -> int:
    since = (now - WINDOW).isoformat(timespec="seconds")
    recent = log.entries(username=username, actions=_TRACKED, since=since, limit=MAX_FAILURES * 4)
    count = 0
    for entry in reversed(recent):
        if entry.action is not Action.LOGIN_FAILED:
            break
        count += 1
    return count


def attempt(
    users: UsersConfig, log: AuditLog, username: str, password: str, *, now: datetime | None = None
) -> Outcome:
    """Check one log-in and audit it.

    Returns
    -------
    Outcome
        ``OK`` (the caller signs the user in), ``WRONG`` or ``LOCKED`` (with the end of the lock).
    """
    now = now or datetime.now(UTC)
    name = username.strip().lower()[:_NAME_MAX]
    until = locked_until(log, name, now)
    if until is not None:
        log.record(name, "-", Action.LOGIN_REFUSED)
        return Outcome(LoginResult.LOCKED, name, until)
    entry = users.credentials["usernames"].get(name)
    stored = entry["password"] if entry else _DUMMY_HASH
    matches = bcrypt.checkpw(password.encode("utf-8"), str(stored).encode("utf-8"))
    if entry and matches:
        log.record(name, ",".join(entry.get("roles") or ()), Action.LOGIN)
        return Outcome(LoginResult.OK, name)
    log.record(name, "-", Action.LOGIN_FAILED)
    if _failures_in_a_row(log, name, now) >= MAX_FAILURES:
        log.record(name, "-", Action.LOCKOUT)
        return Outcome(LoginResult.LOCKED, name, now + LOCK_DURATION)
    return Outcome(LoginResult.WRONG, name)
