"""Van werk naar werk (WSP adviser): a candidate whose job is ending -> ranked work packages, explained."""

from __future__ import annotations

from datetime import date

import streamlit as st

from matcher import texts_nl
from matcher.explain import render_nl
from matcher.schema import WorkPackage
from webapp import render, state
from webapp.audit import Action
from webapp.auth import Page
from webapp.ending import EndingJob, ending_jobs, first_with_packages, reference_date

T = texts_nl.APP_TEXTS["werk"]
C = texts_nl.APP_TEXTS["common"]
PAGE = Page.WERK_NAAR_WERK


def main() -> None:
    state.require(PAGE)
    data = state.dataset()
    st.title(T["title"])
    st.caption(T["intro"])
    render.data_notice(data, state.data_source(data))
    left, right = st.columns(2)
    default = reference_date(data.placements, date.today())
    as_of = left.date_input(T["as_of"], value=default, format="DD-MM-YYYY", key="wnw_as_of")
    if default != date.today():
        left.caption(T["as_of_data"].format(date=texts_nl.date_nl(default)))
    recent = right.slider(T["recent"], min_value=0, max_value=365, value=90, step=15, key="wnw_recent")
    jobs = ending_jobs(data.placements, as_of=as_of, recent_days=recent)
    if not jobs:
        st.info(T["none"])
        return
    st.caption(texts_nl.count_nl(T, "count", len(jobs)))

    def label(job: EndingJob) -> str:
        package = data.packages_by_id.get(job.package_id)
        title = package.title if package else T["unknown_job"]
        template = T["ended"] if job.ended(as_of) else T["ends"]
        return template.format(id=job.candidate_id, date=texts_nl.date_nl(job.end), title=title)

    matcher = state.matcher(data)
    first = first_with_packages(jobs, data.candidates_by_id, data.packages, travel_model=matcher.travel_model)
    job = st.selectbox(T["candidate"], jobs, index=first, format_func=label, key="wnw_job")
    if job is None:
        return
    k = st.slider(C["k"], min_value=5, max_value=50, value=10, step=5, key="wnw_k")
    matches = matcher.for_candidate(job.candidate_id, k=k)
    state.note_viewed(PAGE, [job.candidate_id], package_id=None)
    st.subheader(T["results"])
    st.caption(C["score_note"])
    if not matches:
        st.warning(T["no_results"])
    for match in matches:
        package = data.packages_by_id[match.package_id]
        expl = match.explanation
        place = _place(package)
        with st.container(border=True):
            heading = T["package"].format(
                rank=match.rank, title=package.title, employer=package.employer, place=place
            )
            facts = [
                T["current"] if package.id == job.package_id else "",
                T["hours"].format(hours=package.hours.per_week)
                if package.hours and package.hours.per_week
                else "",
                C["confidence"].format(level=expl.confidence.value),
                texts_nl.count_nl(C, "n_signals", len(expl.signaleringen)),
                C["n_unknowns"].format(n=len(expl.unknowns)),
                C["travel"].format(minutes=round(expl.travel_minutes))
                if expl.travel_minutes is not None
                else "",
            ]
            render.card_heading(heading, facts)
            details = st.expander(
                C["explanation"], key=f"uitleg-{job.candidate_id}-{package.id}", on_change="rerun"
            )
            if details.open:  # filled only when opened (see the vacancy page)
                state.note_viewed(
                    PAGE, [job.candidate_id], package_id=package.id, action=Action.VIEW_EXPLANATION
                )
                with details:
                    if package.tasks:
                        tasks = render.bullets(t.text for t in package.tasks)
                        st.markdown(f"**{render.escape(T['tasks'])}**\n\n{tasks}")
                    render.explanation(render_nl(expl))
    _why_not(data, job, matcher)


def _place(package: WorkPackage) -> str:
    if package.location and package.location.municipality:
        return package.location.municipality
    return T["unknown_place"]


def _why_not(data, job: EndingJob, matcher) -> None:
    if not st.toggle(T["why_not"], key=f"wnw-why-{job.candidate_id}"):
        return
    limit = 30
    excluded = matcher.excluded_for_candidate(job.candidate_id, limit=limit)
    if not excluded:
        st.info(T["none_excluded"])
        return
    st.caption(T["why_not_intro"])
    for exclusion in excluded:
        lines = [texts_nl.render_check_nl(c) for c in exclusion.checks]
        package = data.packages_by_id[exclusion.package_id]
        heading = T["why_not_line"].format(
            title=package.title, employer=package.employer, place=_place(package)
        )
        if package.id == job.package_id:
            heading = T["why_not_current"].format(line=heading)
        st.markdown(f"**{render.escape(heading)}**\n\n{render.bullets(lines)}")
    if len(excluded) == limit:
        st.caption(T["why_not_more"].format(n=limit))


main()
