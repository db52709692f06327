"""Users, roles and page access.

Users live in a YAML file outside git (``var/users.yaml``; see :mod:`webapp.settings`) in the format
streamlit-authenticator reads: bcrypt-hashed passwords, a role list per user and the secret key that
signs the re-login cookie. :func:`ensure_users_file` creates it with the documented demo users on
first start; ``scripts/make_users.py`` adds or replaces users.

Access is by role (least privilege: personal data only for the roles that need it):

=====================  =========  ===============  =============
page                   adviseur   projectleider    evaluator
=====================  =========  ===============  =============
Vacature invullen      yes        no               no
Van werk naar werk     yes        no               no
Gegevens (upload)      yes        no               no
Functieprofielen       yes        yes              no
Jobcarving             yes        yes              no
Evaluatie              no         no               yes
=====================  =========  ===============  =============

Project leaders see aggregated, suppressed counts only; evaluators see benchmark reports on
synthetic data only.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import bcrypt
import yaml

from matcher.errors import SchemaError

__all__ = [
    "DEMO_USERS",
    "PAGE_ACCESS",
    "Page",
    "Role",
    "User",
    "UsersConfig",
    "ensure_users_file",
    "hash_password",
    "may_open",
    "pages_for",
    "read_users",
    "write_user",
]

COOKIE_NAME = "banenmatch_login"
COOKIE_EXPIRY_DAYS = 1.0


class Role(StrEnum):
    ADVISEUR = "adviseur"  # WSP adviser: vacancies, candidates, shortlists
    PROJECTLEIDER = (
        "projectleider"  # sector project leader: function profiles, job carving, aggregated counts
    )
    EVALUATOR = "evaluator"  # benchmark reports on synthetic data


class Page(StrEnum):
    """The app's pages; the value is the page's URL path."""

    VACATURE = "vacature"
    WERK_NAAR_WERK = "werk-naar-werk"
    GEGEVENS = "gegevens"
    FUNCTIEPROFIELEN = "functieprofielen"
    JOBCARVING = "jobcarving"
    EVALUATIE = "evaluatie"


PAGE_ACCESS: Mapping[Page, frozenset[Role]] = {
    Page.VACATURE: frozenset({Role.ADVISEUR}),
    Page.WERK_NAAR_WERK: frozenset({Role.ADVISEUR}),
    Page.GEGEVENS: frozenset({Role.ADVISEUR}),
    Page.FUNCTIEPROFIELEN: frozenset({Role.ADVISEUR, Role.PROJECTLEIDER}),
    Page.JOBCARVING: frozenset({Role.ADVISEUR, Role.PROJECTLEIDER}),
    Page.EVALUATIE: frozenset({Role.EVALUATOR}),
}


def _roles(roles: Iterable[str] | None) -> set[Role]:
    known = {r.value for r in Role}
    return {Role(r) for r in (roles or ()) if r in known}


def may_open(roles: Iterable[str] | None, page: Page) -> bool:
    """True when one of ``roles`` may open ``page`` (unknown role names grant nothing)."""
    return bool(_roles(roles) & PAGE_ACCESS[page])


def pages_for(roles: Iterable[str] | None) -> tuple[Page, ...]:
    """The pages ``roles`` may open, in menu order."""
    return tuple(page for page in Page if may_open(roles, page))


@dataclass(frozen=True)
class User:
    """A user to write to the users file (the password in plain text, hashed on writing)."""

    username: str
    password: str
    roles: tuple[Role, ...]
    name: str


DEMO_USERS: tuple[User, ...] = (
    User("adviseur", "adviseur-demo", (Role.ADVISEUR,), "Demo-adviseur WSP"),
    User("projectleider", "projectleider-demo", (Role.PROJECTLEIDER,), "Demo-projectleider sector"),
    User("evaluator", "evaluator-demo", (Role.EVALUATOR,), "Demo-evaluator"),
)
"""The documented demo users (docs/APP.md), created when no users file exists."""


@dataclass(frozen=True)
class UsersConfig:
    """A users file as read: what :class:`streamlit_authenticator.Authenticate` needs."""

    credentials: dict[str, Any]
    cookie_name: str
    cookie_key: str
    cookie_expiry_days: float
    demo: bool


def hash_password(password: str) -> str:
    """A bcrypt hash (the format streamlit-authenticator checks)."""
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def _check_username(username: str) -> str:
    cleaned = username.strip().lower()
    if not cleaned or any(ch.isspace() for ch in cleaned):
        raise SchemaError(f"username: expected a non-empty name without spaces, found {username!r}")
    return cleaned


def _write(path: Path, config: dict[str, Any]) -> None:
    """Write the users file readable by its owner only (it holds hashes and the cookie key)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        yaml.safe_dump(config, handle, sort_keys=True, allow_unicode=True)
    os.replace(tmp, path)


def _new_config(demo: bool) -> dict[str, Any]:
    return {
        "cookie": {"name": COOKIE_NAME, "key": secrets.token_hex(32), "expiry_days": COOKIE_EXPIRY_DAYS},
        "credentials": {"usernames": {}},
        "demo": demo,
    }


def _user_entry(user: User) -> dict[str, Any]:
    if not user.roles:
        raise SchemaError(f"roles of {user.username!r}: expected at least one of {', '.join(Role)}")
    if len(user.password) < 8:
        raise SchemaError(f"password of {user.username!r}: expected at least 8 characters")
    return {
        "name": user.name,
        "password": hash_password(user.password),
        "roles": [Role(r).value for r in user.roles],
    }


def ensure_users_file(path: Path, users: Collection[User] = DEMO_USERS) -> bool:
    """Create the users file with ``users`` (default: the demo users) if it does not exist.

    Returns
    -------
    bool
        True when the file was created now.
    """
    if path.exists():
        return False
    config = _new_config(demo=users == DEMO_USERS)
    for user in users:
        config["credentials"]["usernames"][_check_username(user.username)] = _user_entry(user)
    _write(path, config)
    return True


def write_user(path: Path, user: User) -> None:
    """Add ``user`` to the users file, or replace the user of that name (creating the file if needed).

    A file that only held the demo users stops being marked as a demo file.
    """
    username = _check_username(user.username)
    entry = _user_entry(user)
    config = _load_yaml(path) if path.exists() else _new_config(demo=False)
    config["credentials"]["usernames"][username] = entry
    config["demo"] = False
    _write(path, config)


def _load_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    if not isinstance(config, dict):
        raise SchemaError(
            f"{path}: expected a YAML mapping with 'cookie' and 'credentials'; recreate it with scripts/make_users.py"
        )
    return config


def read_users(path: Path) -> UsersConfig:
    """Read and check a users file.

    Raises
    ------
    SchemaError
        Naming the file and the field when something is missing or a role is unknown.
    """
    config = _load_yaml(path)
    fix = "recreate it with scripts/make_users.py"
    cookie = config.get("cookie")
    if not isinstance(cookie, dict) or not cookie.get("key") or not cookie.get("name"):
        raise SchemaError(f"{path}: cookie: expected a mapping with 'name' and 'key'; {fix}")
    usernames = (config.get("credentials") or {}).get("usernames")
    if not isinstance(usernames, dict) or not usernames:
        raise SchemaError(f"{path}: credentials.usernames: expected at least one user; {fix}")
    for name, entry in usernames.items():
        where = f"{path}: credentials.usernames.{name}"
        if not isinstance(entry, dict) or not str(entry.get("password", "")).startswith("$2"):
            raise SchemaError(f"{where}.password: expected a bcrypt hash; {fix}")
        unknown = [r for r in entry.get("roles") or [] if r not in {x.value for x in Role}]
        if not entry.get("roles") or unknown:
            raise SchemaError(
                f"{where}.roles: expected one or more of {', '.join(Role)}, found {entry.get('roles')!r}; {fix}"
            )
    return UsersConfig(
        credentials={"usernames": usernames},
        cookie_name=str(cookie["name"]),
        cookie_key=str(cookie["key"]),
        cookie_expiry_days=float(cookie.get("expiry_days", COOKIE_EXPIRY_DAYS)),
        demo=bool(config.get("demo", False)),
    )
