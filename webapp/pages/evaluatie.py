"""Evaluatie (evaluator): benchmark reports (tables, plots, report text) and a small run on a fresh
synthetic world, with progress. A direction with too few judged queries gets a plain notice instead of
its significance tests."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from matcher import texts_nl
from webapp import state
from webapp.auth import Page
from webapp.outcomes import CLOSING, FUNNEL, K_ANONYMITY, suppress
from webapp.reports import (
    DIRECTIONS,
    MIN_JUDGED_QUERIES,
    SMALL_RUN_CANDIDATES_PER_PACKAGE,
    SMALL_RUN_REGION,
    Report,
    find_reports,
    metrics_tables,
    run_steps,
    small_run_commands,
    too_few_judged,
)

T = texts_nl.APP_TEXTS["evaluatie"]
OUT = texts_nl.OUTCOME_TEXTS
TABLES = texts_nl.APP_EVALUATION_TABLES
MAIN_TABLES = DIRECTIONS  # the per-system tables of both directions; the rest on request
PAGE = Page.EVALUATIE


def _too_few(direction: str, n: int) -> str:
    return " ".join(
        [
            texts_nl.count_nl(T, f"too_few_{direction}", n),
            T["too_few_why"].format(minimum=MIN_JUDGED_QUERIES),
            T["too_few_hint"],
        ]
    )


def _show(report: Report) -> None:
    tables = metrics_tables(report.metrics) if report.metrics is not None else []
    too_few = too_few_judged(report.metrics)
    untested = tuple(f"significance.{direction}" for direction in too_few)
    main = [(title, table) for title, table in tables if title in MAIN_TABLES]
    rest = [
        (title, table)
        for title, table in tables
        if title not in MAIN_TABLES and not any(title == u or title.startswith(u + ".") for u in untested)
    ]
    if main:
        st.subheader(T["metrics"])
        for title, table in main:
            st.caption(TABLES.get(title, title))
            if title in too_few:
                st.warning(_too_few(title, too_few[title]))
            st.dataframe(table, width="stretch")
    if report.images:
        st.subheader(T["plots"])
        for image in report.images:
            st.image(str(image), caption=image.name)
    if rest:
        with st.expander(T["more_tables"]):
            for title, table in rest:
                st.caption(TABLES.get(title, title))
                st.dataframe(table, width="stretch")
    if report.markdown:
        with st.expander(T["report"]):
            st.markdown(report.markdown)


def _fairness() -> None:
    """The evaluator's switch for the fair re-ranking of every adviser's vacancy lists."""
    from webapp.fairness import GROUPS_FILE, FairnessSetting, fairness_for, load_setting, save_setting

    st.subheader(T["fair"])
    var_dir, data_dir = state.settings().var_dir, state.settings().data_dir
    setting = load_setting(var_dir)
    _, labelled = fairness_for(FairnessSetting(enabled=True, depth=setting.depth), data_dir)
    if not labelled:
        st.info(T["fair_no_groups"].format(file=GROUPS_FILE))
        return
    st.caption(T["fair_intro"].format(depth=setting.depth, file=GROUPS_FILE, n=labelled))
    left, right = st.columns(2)
    enabled = left.toggle(T["fair_enabled"], value=setting.enabled, key="ev_fair_on")
    depth = right.number_input(
        T["fair_depth"], min_value=10, max_value=1000, value=setting.depth, step=10, key="ev_fair_depth"
    )
    if st.button(T["fair_save"], key="ev_fair_save"):
        save_setting(var_dir, FairnessSetting(enabled=bool(enabled), depth=int(depth)))
        st.success(T["fair_saved"].format(state=T["fair_on"] if enabled else T["fair_off"]))


def _run(reports_dir) -> None:
    st.subheader(T["run"])
    st.caption(T["run_intro"].format(region=SMALL_RUN_REGION, per_package=SMALL_RUN_CANDIDATES_PER_PACKAGE))
    left, right = st.columns(2)
    size = left.number_input(
        T["candidates"], min_value=300, max_value=2000, value=1000, step=100, key="ev_size"
    )
    seed = right.number_input(T["seed"], min_value=0, max_value=10_000, value=7, step=1, key="ev_seed")
    if not st.button(T["start"], type="primary", key="ev_start"):
        return
    out = reports_dir / f"app-{datetime.now():%Y%m%d-%H%M%S}"
    commands = small_run_commands(
        out, candidates=int(size), seed=int(seed), encoder=state.settings().encoder.value
    )
    lines: list[str] = []
    progress = st.progress(0.0)
    with st.status(T["running"], expanded=True) as status:
        log = st.empty()

        def on_line(line: str) -> None:
            lines.append(line)
            log.code("\n".join(lines[-8:]), language=None)

        code = run_steps(commands, on_line, lambda fraction: progress.progress(min(fraction, 1.0)))
        if code == 0:
            st.session_state["ev_flash"] = T["done"].format(name=out.name)
            st.rerun()
        status.update(label=T["failed"].format(code=code), state="error", expanded=True)
        st.code("\n".join(lines[-30:]), language=None)


def _outcome_figures() -> None:
    """How far proposals got, over all WSPs, k-anonymous (no count under 5 is shown)."""
    st.subheader(OUT["figures"])
    st.caption(OUT["figures_intro"])
    figures = state.outcomes().figures()
    if not figures.proposals:
        st.info(OUT["figures_none"])
        return
    rows = [
        {
            OUT["col_step"]: texts_nl.OUTCOME_STEPS_NL[step],
            OUT["col_count"]: suppress(figures.reached.get(step, 0)),
        }
        for step in FUNNEL
    ] + [
        {
            OUT["col_step"]: texts_nl.OUTCOME_STEPS_NL[step],
            OUT["col_count"]: suppress(figures.closed.get(step, 0)),
        }
        for step in CLOSING
    ]
    left, right = st.columns(2)
    left.metric(OUT["proposals"], suppress(figures.proposals))
    disagreed, top10 = figures.top10_disagreed, figures.top10
    if disagreed >= K_ANONYMITY and top10 >= K_ANONYMITY:
        value = OUT["disagree_share"].format(
            disagreed=disagreed, top10=top10, share=round(100 * disagreed / top10)
        )
    else:
        value = OUT["disagree_value"].format(disagreed=suppress(disagreed), top10=suppress(top10))
    right.metric(OUT["disagree"], value)
    st.dataframe(rows, hide_index=True, width="stretch")


def main() -> None:
    state.require(PAGE)
    st.title(T["title"])
    st.caption(T["intro"])
    _outcome_figures()
    flash = st.session_state.pop("ev_flash", None)
    if flash:
        st.success(flash)
    reports_dir = state.settings().reports_dir
    reports = find_reports(reports_dir)
    if not reports:
        st.info(T["none"].format(folder=reports_dir))
    else:
        chosen = st.selectbox(
            T["choose"],
            reports,
            format_func=lambda r: T["report_label"].format(name=r.name, when=f"{r.modified:%d-%m-%Y %H:%M}"),
            key="ev_report",
        )
        if chosen is not None:
            _show(chosen)
    _fairness()
    _run(reports_dir)


main()
