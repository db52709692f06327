"""What every page shares: settings, the signed-in user, cached data and Matcher, the database.

Caching (the Streamlit docs' rule): ``st.cache_resource`` for the data set and the Matcher (built
once per data fingerprint and encoder, never re-embedded on a rerun), ``st.cache_data`` for small
tables. The Matcher module is imported lazily, so the login page does not wait for faiss and
scikit-learn.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st
import streamlit_authenticator as stauth

from matcher import texts_nl
from matcher.encoders import Encoder, HashingEncoder, default_encoder
from matcher.errors import ArtefactMismatchError
from webapp.audit import Action, AuditLog
from webapp.auth import Page, UsersConfig, ensure_users_file, may_open, read_users
from webapp.dataset import DataFolderError, Dataset, load_folder
from webapp.settings import EncoderChoice, Settings
from webapp.shortlist import ShortlistStore

if TYPE_CHECKING:
    from matcher.recommend import Matcher

__all__ = [
    "SignedIn",
    "audit",
    "authenticator",
    "current_user",
    "dataset",
    "encoder",
    "matcher",
    "note_viewed",
    "prewarm",
    "require",
    "settings",
    "shortlists",
    "use_upload",
]

T = texts_nl.APP_TEXTS
_UPLOAD_KEY = "dataset_upload"  # session key: fingerprint of the uploaded data set in use
_MAX_UPLOADS = 8


def settings() -> Settings:
    """The settings of this process (read from the environment on each call: cheap, never stale)."""
    return Settings.from_env()


# ------------------------------------------------------------------------------------------ users
@st.cache_data(show_spinner=False)
def _users(path: str, stamp: float) -> UsersConfig:
    return read_users(Path(path))


def authenticator() -> stauth.Authenticate:
    """The streamlit-authenticator object for this run (users file created with demo users if absent)."""
    path = settings().users_file
    ensure_users_file(path)
    users = _users(str(path), path.stat().st_mtime)
    return stauth.Authenticate(
        {"usernames": {k: dict(v) for k, v in users.credentials["usernames"].items()}},
        users.cookie_name,
        users.cookie_key,
        users.cookie_expiry_days,
        auto_hash=False,
        login_sleep_time=0,
    )


def users_are_demo() -> bool:
    path = settings().users_file
    return path.exists() and _users(str(path), path.stat().st_mtime).demo


@dataclass(frozen=True)
class SignedIn:
    username: str
    name: str
    roles: tuple[str, ...]

    @property
    def role(self) -> str:
        """The role written to the audit log (all roles, comma-separated)."""
        return ",".join(self.roles)


def current_user() -> SignedIn | None:
    """The signed-in user of this session, or ``None``."""
    state = st.session_state
    if not state.get("authentication_status") or not state.get("username"):
        return None
    return SignedIn(
        state["username"], state.get("name") or state["username"], tuple(state.get("roles") or ())
    )


def require(page: Page) -> SignedIn:
    """Stop the page unless the signed-in user's role may open it (checked on every page, not only in
    the menu)."""
    user = current_user()
    if user is None or not may_open(user.roles, page):
        st.error(T["common"]["no_access"])
        st.stop()
    return user


# ------------------------------------------------------------------------------------------ database
@st.cache_resource(show_spinner=False)
def _audit_log(path: str) -> AuditLog:
    return AuditLog(Path(path))


@st.cache_resource(show_spinner=False)
def _shortlists(path: str) -> ShortlistStore:
    return ShortlistStore(Path(path))


def audit() -> AuditLog:
    return _audit_log(str(settings().database))


def shortlists() -> ShortlistStore:
    return _shortlists(str(settings().database))


def note_viewed(
    page: Page, candidate_ids: list[str], *, package_id: str | None, action: Action = Action.VIEW_CANDIDATE
) -> None:
    """Audit that the signed-in user saw these candidates (once per session, candidate, package, action)."""
    user = current_user()
    if user is None:
        return
    seen: set = st.session_state.setdefault("_audited", set())
    new = [c for c in candidate_ids if (action, c, package_id) not in seen]
    if new:
        audit().record_many(
            user.username, user.role, action, list(new), page=page.value, package_id=package_id
        )
        seen.update((action, c, package_id) for c in new)


# ------------------------------------------------------------------------------------------ data
def _folder_stamp(folder: Path) -> tuple:
    return tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(folder.glob("*.jsonl"))
        if p.is_file()
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def _folder_dataset(folder: str, stamp: tuple) -> Dataset:
    return load_folder(Path(folder))


@st.cache_resource(show_spinner=False)
def _uploads() -> OrderedDict[str, Dataset]:
    return OrderedDict()


def use_upload(data: Dataset | None) -> None:
    """Work on an uploaded data set in this session (``None``: back to the data folder)."""
    if data is None:
        st.session_state.pop(_UPLOAD_KEY, None)
        return
    store = _uploads()
    store[data.fingerprint] = data
    store.move_to_end(data.fingerprint)
    while len(store) > _MAX_UPLOADS:
        store.popitem(last=False)
    st.session_state[_UPLOAD_KEY] = data.fingerprint


IN_APP_BUILD_MAX = 20_000
"""Most candidates the app builds a Matcher for by itself (about a minute on 2 cores); more need a saved
index (``banenmatch build``, then ``BANENMATCH_INDEX``), so a request never starts a national build."""


@st.cache_resource(show_spinner=T["common"]["loading"], max_entries=2)
def _index(folder: str, version: str) -> tuple[Dataset, Matcher]:
    """A saved index (one per version: an update makes the next rerun load the new one)."""
    from matcher.recommend import Matcher

    loaded = Matcher.load(Path(folder))
    data = Dataset(
        candidates=loaded.candidates,
        packages=tuple(loaded.packages),
        placements=loaded.placements,
        problems=(),
        set_aside=0,
        source=folder,
        fingerprint=f"index:{loaded.manifest_['data_hash']}:{version}",
    )
    return data, loaded


def _saved_index() -> tuple[Dataset, Matcher]:
    """The index of ``BANENMATCH_INDEX``; stops the page with a Dutch message when it cannot be used."""
    from matcher.store import Versions

    folder = settings().index
    try:
        return _index(str(folder), Versions(folder).current().name)
    except (ArtefactMismatchError, OSError) as exc:
        st.error(T["common"]["index_unusable"].format(error=str(exc)))
        st.stop()


@st.cache_data(show_spinner=False, max_entries=4)
def _line_count(path: str, stamp: tuple) -> int:
    count = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 22):
            count += chunk.count(b"\n")
    return count


def folder_dataset() -> Dataset:
    """The data set in use: the saved index of ``BANENMATCH_INDEX``, else the data folder's files.

    Stops the page with a Dutch message when the folder is incomplete, or too large to build a
    Matcher for inside the app (the message gives the command that builds an index).
    """
    if settings().index is not None:
        return _saved_index()[0]
    folder = settings().data_dir
    stamp = _folder_stamp(folder) if folder.is_dir() else ()
    candidates = folder / "candidates.jsonl"
    if candidates.is_file():
        n = _line_count(str(candidates), stamp)
        if n > IN_APP_BUILD_MAX:
            st.error(
                T["common"]["data_too_large"].format(candidates=n, limit=IN_APP_BUILD_MAX, folder=folder)
            )
            st.stop()
    try:
        return _folder_dataset(str(folder), stamp)
    except DataFolderError as exc:
        st.error(T["common"]["data_missing"].format(files=str(exc)))
        st.stop()


def dataset() -> Dataset:
    """The data set this session works on: its upload, or the data folder."""
    key = st.session_state.get(_UPLOAD_KEY)
    if key is not None and key in _uploads():
        return _uploads()[key]
    return folder_dataset()


def _encoder(choice: EncoderChoice) -> Encoder:
    if choice is EncoderChoice.HASHING:
        return HashingEncoder()
    return default_encoder()


@st.cache_resource(show_spinner=T["common"]["loading"], max_entries=4)
def _matcher(fingerprint: str, encoder: str, _data: Dataset) -> Matcher:
    from matcher.recommend import Matcher

    return Matcher(encoder=_encoder(EncoderChoice(encoder))).fit(
        _data.candidates, _data.packages, placements=_data.placements
    )


PREWARM_DELAY_S = 2.0
"""The prewarm waits this long, so the log-in page renders first (on 2 cores the build would slow it);
typing a user name and password takes longer."""

_prewarm_lock = threading.Lock()
_prewarm_started = False


def prewarm() -> None:
    """Build the data folder's Matcher in the background while someone logs in (once per process).

    Uses the same cached functions as the pages, so the first page after the log-in finds it ready.
    Errors are left to the page that needs the Matcher (it shows them in Dutch).
    """
    global _prewarm_started
    with _prewarm_lock:
        if _prewarm_started:
            return
        _prewarm_started = True
    folder, choice, index = settings().data_dir, settings().encoder, settings().index

    def build() -> None:
        time.sleep(PREWARM_DELAY_S)
        try:
            if index is not None:
                from matcher.store import Versions

                _index(str(index), Versions(index).current().name)
                return
            stamp = _folder_stamp(folder)
            if _line_count(str(folder / "candidates.jsonl"), stamp) > IN_APP_BUILD_MAX:
                return  # never a national build: the page says which command builds an index
            data = _folder_dataset(str(folder), stamp)
            _matcher(data.fingerprint, choice.value, data)
        except Exception:  # reported, in Dutch, by the page that needs the Matcher
            logging.getLogger(__name__).info("prewarm of the matcher failed; the page will report why")

    threading.Thread(target=build, name="banenmatch-prewarm", daemon=True).start()


def encoder() -> Encoder:
    """The text encoder of the settings (the default model is loaded once per process and shared); stops
    the page with a Dutch message when the model cannot be loaded."""
    try:
        return _encoder(settings().encoder)
    except ArtefactMismatchError as exc:
        st.error(T["common"]["model_missing"].format(error=str(exc)))
        st.stop()


def matcher(data: Dataset) -> Matcher:
    """The Matcher for ``data``: the saved index's, or built once per data fingerprint and encoder."""
    if data.fingerprint.startswith("index:"):
        return _saved_index()[1]
    choice = settings().encoder
    try:
        return _matcher(data.fingerprint, choice.value, data)
    except ArtefactMismatchError as exc:
        st.error(T["common"]["model_missing"].format(error=str(exc)))
        st.stop()
