"""Jobcarving (sector project leader, adviser): a task list -> proposed work packages, each with how many
registered candidates the hard rule admits (counts below 5 suppressed) and the demand that shuts out
most of the others; a proposal goes to the vacancy form (advisers) or is downloaded as JSON Lines."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from matcher import texts_nl
from matcher.carving import CarvedPackage, carve
from matcher.catalogue import load_function_profiles
from matcher.contract import load_contract
from matcher.schema import FunctionProfile
from webapp import render, state
from webapp.auth import Page, may_open
from webapp.carving import (
    COLUMNS,
    HOURS,
    TASK_ITEMS,
    TEXT,
    RowProblem,
    answers,
    empty_table,
    packages_jsonl,
    table_from_profile,
    table_signature,
    tasks_from_table,
)
from webapp.form import form_from_package, form_state
from webapp.supply import suppress

T = texts_nl.CARVING_NL
PAGE = Page.JOBCARVING
VACANCY_PAGE = "webapp/pages/vacature.py"
_TABLE = "cv_table"  # the table the editor starts from: a profile's tasks, or empty
_EDITOR = "cv_tasks"
_RESULT = "cv_result"


@dataclass(frozen=True)
class _Result:
    """The proposal shown, with what it was made from (to tell when the input has changed since)."""

    signature: str
    proposals: tuple[CarvedPackage, ...]
    problems: tuple[RowProblem, ...]
    min_hours: float
    max_hours: float
    candidates: int


@st.cache_resource(show_spinner=False)
def _profiles() -> dict[str, FunctionProfile]:
    return {p.id: p for p in sorted(load_function_profiles(), key=lambda p: p.title.casefold())}


def _start_from_profile() -> None:
    """Replace the task table by the chosen profile's tasks (or an empty one); an on_change callback."""
    profile_id = st.session_state.get("cv_profile")
    profile = _profiles().get(profile_id) if profile_id else None
    st.session_state[_TABLE] = table_from_profile(profile) if profile else empty_table()


def _column_config() -> dict[str, object]:
    config: dict[str, object] = {
        TEXT: st.column_config.TextColumn(T["col_text"], width=266),
        HOURS: st.column_config.TextColumn(T["col_hours"], help=T["col_hours_help"], width=64),
    }
    # Short answers in narrow columns, so that every column fits the page next to the task.
    for code in TASK_ITEMS:
        config[code] = st.column_config.SelectboxColumn(
            texts_nl.CARVING_ITEMS_NL[code],
            options=list(answers(code)),
            help=texts_nl.APP_DEMAND_QUESTIONS[code][0],
            width=104 if code == TASK_ITEMS[-1] else 94,  # room for the last heading
        )
    return config


def _count(n: int | None) -> str:
    """A count as shown to a project leader: below 5 it is not shown."""
    shown = suppress(n or 0)
    return T["suppressed"] if shown is None else str(shown)


def _propose(table: pd.DataFrame, settings: dict, signature: str, candidates: tuple) -> None:
    """Carve the table's tasks and keep the result in the session; errors are shown in Dutch."""
    st.session_state.pop(_RESULT, None)
    low, high = settings["min_hours"], settings["max_hours"]
    tasks, problems = tasks_from_table(table, max_hours=high)
    errors = []
    if not settings["employer"].strip():
        errors.append(T["no_employer"])
    if low > high:
        errors.append(T["bad_range"].format(low=texts_nl.hours_nl(low), high=texts_nl.hours_nl(high)))
    elif not tasks:
        errors.append(T["no_tasks"])
    if errors:
        st.error("\n\n".join(errors))  # our own texts, with numbers only
        _row_problems(problems, high)
        return
    proposals = carve(
        tasks,
        state.encoder(),
        employer=settings["employer"].strip(),
        sector=settings["sector"],
        municipality=settings["municipality"],
        min_hours=low,
        max_hours=high,
        candidates=candidates,
        offers=tuple(settings["offers"]) or None,
    )
    st.session_state[_RESULT] = _Result(
        signature, tuple(proposals), tuple(problems), low, high, len(candidates)
    )


def _row_problems(problems: tuple[RowProblem, ...] | list[RowProblem], max_hours: float) -> None:
    if problems:
        heading = texts_nl.count_nl(T, "skipped", len(problems))
        lines = [p.nl(max_hours=max_hours) for p in problems]
        st.warning(f"{render.escape(heading)}\n\n{render.bullets(lines)}")


def _package_card(n: int, proposal: CarvedPackage, result: _Result, to_vacancy: bool) -> None:
    package = proposal.package
    hours = sum(t.hours_per_week for t in proposal.tasks)
    with st.container(border=True):
        title = package.title[:1].upper() + package.title[1:]  # catalogue tasks start in lower case
        render.card_heading(
            T["package"].format(n=n, title=title),
            [
                T["hours"].format(hours=texts_nl.hours_nl(hours)),
                texts_nl.count_nl(T, "n_tasks", len(proposal.tasks)),
            ],
        )
        st.metric(T["eligible_label"], _count(proposal.eligible))
        tasks, demands = st.columns(2)
        tasks.markdown(
            f"**{render.escape(T['tasks'])}**\n\n"
            + render.bullets(texts_nl.carving_task_nl(t.text, t.hours_per_week) for t in proposal.tasks)
        )
        demands.markdown(
            f"**{render.escape(T['demands'])}**\n\n"
            + render.bullets(texts_nl.carving_demands_nl(package.demands))
        )
        if proposal.bottleneck is not None:
            code, more = proposal.bottleneck
            shown = suppress(more)
            st.markdown(
                render.escape(
                    texts_nl.carving_bottleneck_nl(
                        code, package.demands[code], T["fewer"] if shown is None else shown
                    )
                )
            )
        elif proposal.eligible is not None:
            st.caption(T["no_bottleneck"])
        if hours < result.min_hours:
            st.caption(
                render.escape(
                    T["below_min"].format(
                        hours=texts_nl.hours_nl(hours), low=texts_nl.hours_nl(result.min_hours)
                    )
                )
            )
        if to_vacancy and st.button(T["to_vacancy"], key=f"cv_open_{n}", help=T["to_vacancy_help"]):
            st.session_state.update(form_state(form_from_package(package)))
            st.session_state["vac_mode"] = "form"
            st.switch_page(VACANCY_PAGE)


def _results(result: _Result, user: state.SignedIn) -> None:
    st.subheader(T["results"])
    st.caption(T["results_note"].format(n=result.candidates))
    _row_problems(result.problems, result.max_hours)
    to_vacancy = may_open(user.roles, Page.VACATURE)
    for n, proposal in enumerate(result.proposals, start=1):
        _package_card(n, proposal, result, to_vacancy)
    st.download_button(
        T["download"],
        packages_jsonl(result.proposals),
        file_name=T["file"],
        mime="application/jsonl",
        help=T["download_help"],
        key="cv_download",
        on_click="ignore",
    )


def main() -> None:
    user = state.require(PAGE)
    data = state.dataset()
    contract = load_contract()
    st.title(T["title"])
    st.caption(T["intro"])
    render.data_notice(data, state.data_source(data))
    with st.expander(T["section_where"], expanded=True):
        left, right = st.columns(2)
        settings = {
            "employer": left.text_input(T["employer"], help=T["employer_help"], key="cv_employer"),
            "sector": right.selectbox(
                T["sector"],
                list(contract.sectors),
                format_func=texts_nl.APP_SECTOR_NAMES.get,
                key="cv_sector",
            ),
            "municipality": left.selectbox(
                T["municipality"],
                list(contract.municipalities),
                index=None,
                placeholder=T["unknown"],
                help=T["municipality_help"],
                key="cv_municipality",
            ),
            "offers": right.multiselect(
                T["offers"],
                list(contract.needs_offers),
                format_func=texts_nl.APP_OFFER_NAMES.get,
                placeholder=T["unknown"],
                key="cv_offers",
            ),
            "min_hours": left.number_input(
                T["min_hours"], min_value=1, max_value=40, value=12, step=1, key="cv_min"
            ),
            "max_hours": right.number_input(
                T["max_hours"], min_value=1, max_value=40, value=32, step=1, key="cv_max"
            ),
        }
    st.subheader(T["section_tasks"])
    profiles = _profiles()
    profile_id = st.selectbox(
        T["profile"],
        [None, *profiles],
        format_func=lambda pid: T["profile_none"] if pid is None else profiles[pid].title,
        key="cv_profile",
        on_change=_start_from_profile,
    )
    if profile_id is not None:
        st.caption(render.escape(T["profile_note"].format(title=profiles[profile_id].title)))
    st.caption(T["tasks_help"])
    table = st.data_editor(
        st.session_state.get(_TABLE, empty_table()),
        key=_EDITOR,
        num_rows="dynamic",
        column_config=_column_config(),
        column_order=COLUMNS,
        hide_index=True,
        placeholder="",
        width="stretch",
    )
    signature = table_signature(table, [*settings.values(), data.fingerprint, state.settings().encoder.value])
    if st.button(T["go"], type="primary", key="cv_go"):
        _propose(table, settings, signature, data.candidates)
    result = st.session_state.get(_RESULT)
    if result is None:
        return
    if result.signature != signature:
        st.info(T["stale"])
    _results(result, user)


main()
