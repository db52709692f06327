"""Functieprofielen (sector project leader, adviser): browse and search the catalogue; per profile and
arbeidsmarktregio, how many candidates could fill it now (aggregated, counts below 5 suppressed)."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from matcher import texts_nl
from matcher.catalogue import load_function_profiles
from matcher.contract import load_contract
from matcher.schema import FunctionProfile
from webapp import render, state
from webapp.auth import Page
from webapp.profiles import search_profiles
from webapp.regions import REGIONS
from webapp.supply import supply_by_region

T = texts_nl.APP_TEXTS["profielen"]
PAGE = Page.FUNCTIEPROFIELEN


@st.cache_resource(show_spinner=False)
def _profiles() -> tuple[FunctionProfile, ...]:
    return load_function_profiles()


@st.cache_data(show_spinner=False, max_entries=256)
def _supply_table(
    fingerprint: str, encoder: str, profile_id: str, start: date, _matcher, _profile
) -> pd.DataFrame:
    counts = supply_by_region(_profile, REGIONS, _matcher.eligible_count, start=start)
    return pd.DataFrame(
        {
            T["col_region"]: [c.region for c in counts],
            T["col_place"]: [c.municipality for c in counts],
            T["col_count"]: [T["suppressed"] if c.count is None else str(c.count) for c in counts],
            T["col_bar"]: [0 if c.count is None else c.count for c in counts],
        }
    )


def _chart(table: pd.DataFrame) -> alt.Chart:
    base = alt.Chart(table).encode(
        y=alt.Y(
            field=T["col_region"],
            type="nominal",
            sort=None,
            title=None,
            axis=alt.Axis(labelOverlap=False, labelLimit=240),
        ),
        x=alt.X(field=T["col_bar"], type="quantitative", title=T["col_count"]),
    )
    bars = base.mark_bar(color="#1f6f8b")
    labels = base.mark_text(align="left", dx=3).encode(text=alt.Text(field=T["col_count"], type="nominal"))
    return (bars + labels).properties(height=alt.Step(18))


def main() -> None:
    state.require(PAGE)
    st.title(T["title"])
    st.caption(T["intro"])
    left, right = st.columns([2, 3])
    query = left.text_input(T["search"], key="fp_query")
    sectors = right.multiselect(
        T["sectors"],
        list(load_contract().sectors),
        format_func=texts_nl.APP_SECTOR_NAMES.get,
        placeholder=T["all_sectors"],
        key="fp_sectors",
    )
    found = search_profiles(_profiles(), query, sectors)
    if not found:
        st.info(T["none"])
        return
    st.caption(texts_nl.count_nl(T, "found", len(found)))
    st.dataframe(
        pd.DataFrame(
            {
                T["col_title"]: [p.title for p in found],
                T["col_sectors"]: [
                    ", ".join(texts_nl.APP_SECTOR_NAMES.get(s, s) for s in p.sectors) for p in found
                ],
                T["col_hours"]: [f"{p.hours_per_week[0]}–{p.hours_per_week[1]}" for p in found],
                T["col_tasks"]: ["; ".join(p.tasks) for p in found],
            }
        ),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(found), 300),
    )
    by_id = {p.id: p for p in found}
    profile_id = st.selectbox(
        T["choose"], list(by_id), format_func=lambda pid: by_id[pid].title, key="fp_choice"
    )
    profile = by_id[profile_id]
    st.subheader(render.escape(profile.title))
    st.caption(
        render.escape(T["hours"].format(low=profile.hours_per_week[0], high=profile.hours_per_week[1]))
    )
    if profile.description:
        st.write(render.escape(profile.description))
    details, chart = st.columns([2, 3])
    with details:
        st.markdown(f"**{render.escape(T['tasks'])}**\n\n{render.bullets(profile.tasks)}")
        offers = ", ".join(texts_nl.APP_OFFER_NAMES.get(o, o) for o in profile.offers) or T["no_offers"]
        st.caption(render.escape(T["offers"].format(offers=offers)))
        with st.expander(T["demands"]):
            # A list, not a table: the level's words are too long for a narrow table column.
            st.markdown(
                render.bullets(
                    T["demand_line"].format(
                        item=texts_nl.fml_name_nl(code),
                        level=level,
                        words=texts_nl.fml_level_nl(code, level),
                    )
                    for code, level in profile.demands.items()
                )
            )
    with chart:
        st.markdown(f"**{render.escape(T['supply'])}**")
        data = state.dataset()
        matcher = state.matcher(data)
        table = _supply_table(
            data.fingerprint, state.settings().encoder.value, profile.id, date.today(), matcher, profile
        )
        st.altair_chart(_chart(table), width="stretch")
        st.dataframe(table.drop(columns=[T["col_bar"]]), hide_index=True, width="stretch")
        st.caption(T["supply_note"])


main()
