"""What every page shares: settings, the signed-in user, cached data and Matcher, the database.

Caching (the Streamlit docs' rule): ``st.cache_resource`` for the data set and the Matcher (built
once per data fingerprint and encoder, never re-embedded on a rerun), ``st.cache_data`` for small
tables. The Matcher module is imported lazily, so the login page does not wait for faiss and
scikit-learn.
"""

from __future__ import annotations

import copy
import gc
import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import streamlit as st
import streamlit_authenticator as stauth

from matcher import texts_nl
from matcher.encoders import Encoder, HashingEncoder, default_encoder
from matcher.errors import ArtefactMismatchError
from matcher.paths import SAMPLE_DIR
from webapp.audit import Action, AuditLog
from webapp.auth import DEMO_USERS, Page, Role, UsersConfig, ensure_users_file, may_open, read_users
from webapp.database import OutdatedDatabaseError, Store, open_store
from webapp.dataset import DataFolderError, Dataset, load_folder
from webapp.outcomes import OutcomeStore
from webapp.settings import EncoderChoice, Settings
from webapp.shortlist import ShortlistStore
from webapp.teams import DEMO_WSP, Teams
from webapp.uploads import UploadInfo, UploadStore

if TYPE_CHECKING:
    from matcher.fairness import FairRanking
    from matcher.recommend import Match, Matcher

__all__ = [
    "SignedIn",
    "audit",
    "authenticator",
    "current_user",
    "data_source",
    "dataset",
    "encoder",
    "matcher",
    "note_viewed",
    "outcomes",
    "prewarm",
    "require",
    "settings",
    "shortlists",
    "store",
    "team",
    "upload_choice",
    "upload_in_use",
    "use_upload",
    "users",
]

T = texts_nl.APP_TEXTS
_UPLOAD_KEY = "dataset_upload"  # session key: the UploadChoice in use (absent: the data folder)
DUTCH_TIME = ZoneInfo("Europe/Amsterdam")


def settings() -> Settings:
    """The settings of this process (read from the environment on each call: cheap, never stale)."""
    return Settings.from_env()


# ------------------------------------------------------------------------------------------ users
@st.cache_data(show_spinner=False)
def _users(path: str, stamp: float) -> UsersConfig:
    return read_users(Path(path))


def users() -> UsersConfig:
    """The users file as read (created with the demo users if absent; re-read when it changes)."""
    path = settings().users_file
    ensure_users_file(path)
    return _users(str(path), path.stat().st_mtime)


def authenticator() -> stauth.Authenticate:
    """The streamlit-authenticator object for this run: its re-login cookie and its log-out."""
    users_config = users()
    return stauth.Authenticate(
        {"usernames": {k: dict(v) for k, v in users_config.credentials["usernames"].items()}},
        users_config.cookie_name,
        users_config.cookie_key,
        users_config.cookie_expiry_days,
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


def sign_in(username: str) -> None:
    """Mark this session as signed in as ``username`` (the keys streamlit-authenticator reads, so its
    re-login cookie and log-out work as usual)."""
    entry = users().credentials["usernames"][username]
    st.session_state.update(
        authentication_status=True,
        username=username,
        name=entry.get("name") or username,
        roles=list(entry.get("roles") or ()),
        email=entry.get("email"),
    )


# ------------------------------------------------------------------------------------------ database
def store() -> Store:
    """The store of the settings (one per process, shared by all sessions); stops the page with a Dutch
    message when the database is out of date (nothing is written to it then)."""
    try:
        return open_store(settings().store_url)
    except OutdatedDatabaseError as exc:
        common = T["common"]
        st.error(
            common["db_outdated"].format(current=exc.current or common["db_outdated_none"], head=exc.head)
        )
        st.stop()


def audit() -> AuditLog:
    return AuditLog(store())


def shortlists() -> ShortlistStore:
    return ShortlistStore(store())


def outcomes() -> OutcomeStore:
    return OutcomeStore(store())


def team(user: SignedIn) -> str | None:
    """The WSP whose shortlists, outcomes and uploads ``user`` shares (None: not in a WSP yet).

    The demo adviser of a demo users file is put in :data:`webapp.teams.DEMO_WSP` on first use.
    """
    teams = Teams(store())
    wsp = teams.wsp_of(user.username)
    demo_advisers = {u.username for u in DEMO_USERS if Role.ADVISEUR in u.roles}
    if wsp is None and user.username in demo_advisers and users_are_demo():
        teams.assign(user.username, DEMO_WSP)
        wsp = DEMO_WSP
    return wsp


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


@dataclass(frozen=True)
class UploadChoice:
    """The upload a session works on: its id, and its name to say so when it has been removed."""

    upload_id: int
    name: str


@st.cache_resource(show_spinner=False, max_entries=8)
def _upload_dataset(url: str, wsp: str, upload_id: int, fingerprint: str) -> Dataset | None:
    # Keyed by id and content: an entry pushed out of this cache is read again from the store, never
    # replaced by other data.
    return UploadStore(url).load(wsp, upload_id)


def use_upload(info: UploadInfo | None) -> None:
    """Work on a stored upload in this session (``None``: back to the data folder)."""
    if info is None:
        st.session_state.pop(_UPLOAD_KEY, None)
    else:
        st.session_state[_UPLOAD_KEY] = UploadChoice(info.id, info.name)


def upload_choice() -> UploadChoice | None:
    return st.session_state.get(_UPLOAD_KEY)


def upload_in_use() -> UploadInfo | None:
    """The stored upload this session works on (None: the data folder, or the upload was removed)."""
    choice = upload_choice()
    user = current_user()
    wsp = team(user) if user is not None and choice is not None else None
    if choice is None or wsp is None:
        return None
    return UploadStore(store()).info(wsp, choice.upload_id)


IN_APP_BUILD_MAX = 20_000
"""Most candidates the app builds a Matcher for by itself (about a minute on 2 cores); more need a saved
index (``banenmatch build``, then ``BANENMATCH_INDEX``), so a request never starts a national build."""


@st.cache_resource(show_spinner=T["common"]["loading"], max_entries=2)
def _index(folder: str, version: str) -> tuple[Dataset, Matcher]:
    """A saved index (one per version: an update makes the next rerun load the new one)."""
    from matcher.recommend import Matcher

    loaded = Matcher.load(Path(folder))
    _freeze()
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
    """The data set this session works on: its upload, or the data folder.

    When the session's upload has been removed, the page stops with a Dutch message: it never goes on
    with other data without saying so.
    """
    choice = upload_choice()
    if choice is None:
        return folder_dataset()
    info = upload_in_use()
    data = None
    if info is not None:
        data = _upload_dataset(settings().store_url, info.wsp, info.id, info.fingerprint)
    if data is None:
        st.error(T["common"]["upload_gone"].format(name=choice.name))
        st.stop()
    return data


def data_source(data: Dataset) -> str:
    """Which data set is in use, in Dutch: the named upload, the bundled sample, or a folder."""
    if data.fingerprint.startswith("index:"):
        return T["common"]["data_index"].format(
            folder=data.source, version=data.fingerprint.rsplit(":", 1)[1]
        )
    info = upload_in_use()
    if info is not None and not data.source:
        when = datetime.fromisoformat(info.uploaded_at).astimezone(DUTCH_TIME).strftime("%d-%m-%Y %H:%M")
        return T["common"]["data_upload_named"].format(name=info.name, by=info.uploaded_by, when=when)
    if Path(data.source).resolve() == SAMPLE_DIR.resolve():
        return T["gegevens"]["source_sample"]
    return T["gegevens"]["source_folder"].format(folder=data.source)


def _encoder(choice: EncoderChoice) -> Encoder:
    if choice is EncoderChoice.HASHING:
        return HashingEncoder()
    return default_encoder()


@st.cache_resource(show_spinner=T["common"]["loading"], max_entries=4)
def _matcher(fingerprint: str, encoder: str, _data: Dataset) -> Matcher:
    from matcher.recommend import Matcher

    built = Matcher(encoder=_encoder(EncoderChoice(encoder))).fit(
        _data.candidates, _data.packages, placements=_data.placements
    )
    _freeze()
    return built


def _freeze() -> None:
    """Move everything alive now (the Matcher just built or loaded) out of the garbage collector's sight.

    The Matcher lives as long as the process; scanning its objects in every collection cost more than
    the pages' own work under many advisers (docs/BENCHMARKS.md, "The app under many advisers").
    """
    gc.collect()
    gc.freeze()


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
    """The Matcher for ``data``: the saved index's, or built once per data fingerprint and encoder; with
    the evaluator's fair re-ranking setting applied (:mod:`webapp.fairness`; the data folder's groups)."""
    if data.fingerprint.startswith("index:"):
        return _with_fairness(_saved_index()[1], data)
    if len(data.candidates) > IN_APP_BUILD_MAX:  # an upload: never a national build on request
        st.error(
            T["common"]["data_too_large"].format(
                candidates=len(data.candidates), limit=IN_APP_BUILD_MAX, folder="MAP"
            )
        )
        st.stop()
    choice = settings().encoder
    try:
        built = _matcher(data.fingerprint, choice.value, data)
    except ArtefactMismatchError as exc:
        st.error(T["common"]["model_missing"].format(error=str(exc)))
        st.stop()
    return _with_fairness(built, data)


def _with_fairness(built: Matcher, data: Dataset) -> Matcher:
    """``built``, or a shallow copy of it with the fair re-ranking when it is on for this data folder."""
    fair = fairness() if data.source == str(settings().data_dir) else None
    if fair is None:
        return built
    # the re-ranking is a setting used only at query time: a shallow copy shares everything built
    with_fairness = copy.copy(built)
    with_fairness.fairness = fair
    return with_fairness


def vacancy_matches(data: Dataset, matcher: Matcher, package_id: str, k: int) -> tuple[Match, ...]:
    """``matcher.for_vacancy(package_id, k=k)``, computed once per data version, encoder, fair re-ranking
    setting, vacancy and k, and shared by every session of this process.

    The page reruns on every click (opening an explanation, adding to the shortlist, saving an
    outcome), and the ranking does not change between those: docs/BENCHMARKS.md, "The app under many
    advisers". The results are frozen dataclasses, never changed by the pages.
    """
    return _vacancy_matches(
        data.fingerprint, settings().encoder.value, _fairness_key(data), package_id, k, matcher
    )


@st.cache_resource(show_spinner=False, max_entries=512)
def _vacancy_matches(
    fingerprint: str, encoder: str, fairness_key: tuple, package_id: str, k: int, _matcher: Matcher
) -> tuple[Match, ...]:
    return tuple(_matcher.for_vacancy(package_id, k=k))


def _fairness_key(data: Dataset) -> tuple:
    """What the fair re-ranking of ``data`` depends on: the evaluator's setting and the groups file."""
    if data.source != str(settings().data_dir):
        return ()
    from webapp.fairness import GROUPS_FILE, load_setting

    setting = load_setting(settings().var_dir)
    try:
        stat = (settings().data_dir / GROUPS_FILE).stat()
    except OSError:
        return (setting.enabled, setting.depth, None)
    return (setting.enabled, setting.depth, stat.st_mtime_ns, stat.st_size, stat.st_ino)


def fairness() -> FairRanking | None:
    """The fair re-ranking the evaluator switched on for the data folder, else ``None``."""
    from webapp.fairness import fairness_for, load_setting

    return fairness_for(load_setting(settings().var_dir), settings().data_dir)[0]
