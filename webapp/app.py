"""banenmatch: the Streamlit app for WSP advisers, sector project leaders and evaluators.

This file is the shell: log-in, the role-based menu and the sidebar. It ships in the wheel: an
installed banenmatch starts it with ``banenmatch-app`` (``streamlit run`` on this file); in a checkout,
``streamlit run app.py`` runs this same file (see docs/APP.md). The pages live in ``webapp/pages/``;
all logic lives in ``matcher`` and ``webapp``; all Dutch text in ``matcher.texts_nl.APP_TEXTS``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from matcher.texts_nl import APP_TEXTS
from webapp import render, state
from webapp.audit import Action
from webapp.auth import Page, pages_for
from webapp.login import LoginResult, attempt

T = APP_TEXTS

# By absolute path: Streamlit resolves them the same whether it runs this file or the checkout's app.py.
PAGES_DIR = Path(__file__).resolve().parent / "pages"
PAGE_FILES = {
    Page.VACATURE: PAGES_DIR / "vacature.py",
    Page.WERK_NAAR_WERK: PAGES_DIR / "werk_naar_werk.py",
    Page.GEGEVENS: PAGES_DIR / "gegevens.py",
    Page.FUNCTIEPROFIELEN: PAGES_DIR / "functieprofielen.py",
    Page.JOBCARVING: PAGES_DIR / "jobcarving.py",
    Page.EVALUATIE: PAGES_DIR / "evaluatie.py",
}

st.set_page_config(page_title=T["common"]["app_title"], layout="wide")
state.store()  # an out-of-date database stops here, in Dutch, before anything is written to it
authenticator = state.authenticator()
signed_in_before = state.current_user() is not None
authenticator.login(location="unrendered")  # signs in again by the re-login cookie, renders nothing
user = state.current_user()
if user is not None and not signed_in_before:
    state.audit().record(user.username, user.role, Action.LOGIN)  # a log-in by the re-login cookie

if user is not None and st.sidebar.button(T["common"]["logout"], key="sign_out"):
    state.audit().record(user.username, user.role, Action.LOGOUT)
    authenticator.logout(location="unrendered")
    user = None

if user is None:
    st.title(T["common"]["app_title"])
    st.write(T["login"]["intro"])
    login = T["login"]
    # Our own form (not streamlit-authenticator's): every attempt is audited and counted for the lockout.
    # Unkeyed fields cleared on submit: the password never stays in the session state.
    with st.form("login", clear_on_submit=True):
        st.subheader(login["form"])
        typed_name = st.text_input(login["username"], autocomplete="off")
        typed_password = st.text_input(login["password"], type="password", autocomplete="off")
        submitted = st.form_submit_button(login["submit"])
    if submitted and typed_name.strip() and typed_password:
        outcome = attempt(state.users(), state.audit(), typed_name, typed_password)
        if outcome.result is LoginResult.OK:
            state.sign_in(outcome.username)
            st.session_state["_remember_login"] = True
            st.rerun()
        elif outcome.result is LoginResult.LOCKED:
            st.error(login["locked"].format(minutes=outcome.minutes_left()))
        else:
            st.error(login["wrong"])
    elif submitted:
        st.error(login["wrong"])
    if state.users_are_demo():
        st.info(login["demo"])
    st.caption(T["common"]["synthetic"])
    state.prewarm()
    st.stop()

navigation = st.navigation(
    [
        st.Page(PAGE_FILES[page], title=T["pages"][page.value], url_path=page.value)
        for page in pages_for(user.roles)
    ]
)
with st.sidebar:
    st.markdown(f"**{render.escape(T['common']['signed_in_as'].format(name=user.name))}**")
    st.caption(T["common"]["role"].format(roles=", ".join(T["roles"].get(r, r) for r in user.roles)))
    if "adviseur" in user.roles:
        wsp = state.team(user)
        st.caption(T["common"]["wsp"].format(wsp=wsp) if wsp else T["common"]["no_wsp"])
    st.caption(T["common"]["synthetic"])
navigation.run()
if st.session_state.pop("_remember_login", False):
    # The re-login cookie is written by a browser component; written in the run that logs in, it would
    # be discarded by that run's rerun before the browser had executed it.
    authenticator.cookie_controller.set_cookie()
