"""Gegevens (WSP adviser): which data set is in use; upload candidates / vacancies / placements files,
validated exactly as ``banenmatch validate`` does, problems shown and the good records used. Uploads are
kept in the store for the adviser's WSP until someone removes them; each session chooses its own."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from matcher import texts_nl
from webapp import render, state
from webapp.audit import Action
from webapp.auth import Page
from webapp.dataset import FILES, load_sources
from webapp.uploads import NAME_MAX, UploadInfo, UploadStore

T = texts_nl.APP_TEXTS["gegevens"]
C = texts_nl.APP_TEXTS["common"]
PAGE = Page.GEGEVENS


def _summary(data) -> None:
    st.markdown(f"**{render.escape(T['current'].format(source=state.data_source(data)))}**")
    st.caption(
        T["counts"].format(
            candidates=len(data.candidates), packages=len(data.packages), placements=len(data.placements)
        )
    )
    if data.problems:
        st.warning(T["problems"].format(n=len(data.problems), set_aside=data.set_aside))
        st.caption(T["problems_howto"])
        render.problems(data.problems)
    else:
        st.success(T["no_problems"])


def _when(info: UploadInfo) -> str:
    return datetime.fromisoformat(info.uploaded_at).astimezone(state.DUTCH_TIME).strftime("%d-%m-%Y %H:%M")


def _choose(user: state.SignedIn, wsp: str) -> None:
    """Which data set this session uses: the data folder or one of the WSP's stored uploads."""
    uploads = UploadStore(state.store())
    stored = {u.id: u for u in uploads.list(wsp)}
    choice = state.upload_choice()
    current = choice.upload_id if choice is not None and choice.upload_id in stored else None
    folder = state.folder_dataset()
    options: list[int | None] = [None, *stored]
    picked = st.selectbox(
        T["choose"],
        options,
        index=options.index(current),
        format_func=lambda i: (
            state.data_source(folder)
            if i is None
            else T["choice_upload"].format(
                name=stored[i].name, by=stored[i].uploaded_by, when=_when(stored[i])
            )
        ),
    )
    st.caption(T["stored"].format(wsp=wsp))
    gone = choice is not None and current is None
    if gone and picked is None:
        # The session's upload was removed: going on with the folder is the adviser's choice, never ours.
        if st.button(T["reset"], key="up_reset"):
            state.use_upload(None)
            st.rerun()
    elif picked != current:
        state.use_upload(stored[picked] if picked is not None else None)
        st.rerun()
    if current is not None and st.button(T["remove"], key="up_remove"):
        info = stored[current]
        if uploads.remove(wsp, info.id):
            state.audit().record(user.username, user.role, Action.UPLOAD_REMOVE, page=PAGE.value)
        state.use_upload(None)
        st.session_state["up_flash"] = T["removed"].format(name=info.name, source=state.data_source(folder))
        st.rerun()


def _upload(user: state.SignedIn, wsp: str) -> None:
    with st.form("upload", clear_on_submit=False):
        name = st.text_input(T["name"], max_chars=NAME_MAX, key="up_name")
        cand = st.file_uploader(T["candidates"], type=["jsonl"], key="up_cand")
        vac = st.file_uploader(T["vacancies"], type=["jsonl"], key="up_vac")
        plac = st.file_uploader(T["placements"], type=["jsonl"], key="up_plac")
        submitted = st.form_submit_button(T["load"], type="primary")
    if not submitted:
        return
    if cand is None and vac is None:
        st.warning(T["need_one"])
        return
    folder = state.settings().data_dir
    sources = []
    for upload, kind in ((cand, "candidates"), (vac, "vacancies")):
        path = folder / FILES[kind]
        if upload is not None:
            sources.append((upload.getvalue(), upload.name))
        elif path.is_file():  # the other file comes from the data folder
            sources.append((path.read_bytes(), str(path)))
        else:
            sources.append((None, None))
    # Placements only from an upload: the folder's history refers to the folder's people.
    sources.append((plac.getvalue(), plac.name) if plac is not None else (None, None))
    (cb, cn), (vb, vn), (pb, pn) = sources
    if cb is None or vb is None:
        st.error(
            C["data_missing"].format(
                files=", ".join(str(folder / FILES[k]) for k in ("candidates", "vacancies"))
            )
        )
        return
    loaded = load_sources(cb, vb, pb, names=(cn, vn, pn), label="")
    state.audit().record(user.username, user.role, Action.UPLOAD, page=PAGE.value)
    if not loaded.candidates or not loaded.packages:
        st.error(T["nothing_loaded"])
        st.caption(T["problems_howto"])
        render.problems(loaded.problems)
        return
    info = UploadStore(state.store()).save(
        wsp, name or cn or vn or "", user.username, cb, vb, pb, file_names=(cn, vn, pn)
    )
    state.use_upload(info)
    st.session_state["up_flash"] = T["loaded"].format(
        candidates=len(loaded.candidates), packages=len(loaded.packages)
    )
    st.rerun()


def main() -> None:
    user = state.require(PAGE)
    wsp = state.team(user)
    st.title(T["title"])
    st.caption(T["intro"])
    flash = st.session_state.pop("up_flash", None)
    if flash:
        st.success(flash)
    choice = state.upload_choice()
    if choice is not None and state.upload_in_use() is None:
        st.error(C["upload_gone"].format(name=choice.name))
    else:
        _summary(state.dataset())
    if wsp is None:
        st.info(T["no_wsp_uploads"])
        return
    _choose(user, wsp)
    _upload(user, wsp)


main()
