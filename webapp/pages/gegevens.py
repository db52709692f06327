"""Gegevens (WSP adviser): which data is in use; upload candidates / vacancies / placements files,
validated exactly as ``banenmatch validate`` does, problems shown and the good records used."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from matcher import texts_nl
from matcher.paths import SAMPLE_DIR
from webapp import render, state
from webapp.audit import Action
from webapp.auth import Page
from webapp.dataset import FILES, load_sources

T = texts_nl.APP_TEXTS["gegevens"]
C = texts_nl.APP_TEXTS["common"]
PAGE = Page.GEGEVENS


def _source(data) -> str:
    """How an adviser knows the data set: an upload, the bundled sample, or a folder on the server."""
    if not data.source:
        return C["data_upload"]
    if Path(data.source).resolve() == SAMPLE_DIR.resolve():
        return T["source_sample"]
    return T["source_folder"].format(folder=data.source)


def _summary(data) -> None:
    st.markdown(f"**{render.escape(T['current'].format(source=_source(data)))}**")
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


def main() -> None:
    user = state.require(PAGE)
    st.title(T["title"])
    st.caption(T["intro"])
    summary = st.container()  # filled last, so it shows the data set in use after an upload

    with st.form("upload", clear_on_submit=False):
        cand = st.file_uploader(T["candidates"], type=["jsonl"], key="up_cand")
        vac = st.file_uploader(T["vacancies"], type=["jsonl"], key="up_vac")
        plac = st.file_uploader(T["placements"], type=["jsonl"], key="up_plac")
        submitted = st.form_submit_button(T["load"], type="primary")
    if submitted:
        if cand is None and vac is None:
            st.warning(T["need_one"])
        else:
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
            state.use_upload(loaded)
            st.success(T["loaded"].format(candidates=len(loaded.candidates), packages=len(loaded.packages)))
    if st.session_state.get("dataset_upload") and st.button(T["reset"], key="up_reset"):
        state.use_upload(None)
        st.rerun()
    with summary:
        _summary(state.dataset())


main()
