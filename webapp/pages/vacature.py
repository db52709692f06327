"""Vacature invullen (WSP adviser): a vacancy or a form -> live eligible count, ranked candidates with
explanations, "waarom niet?", and a persistent shortlist with CSV / Excel export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from matcher import texts_nl
from matcher.contract import load_contract
from matcher.explain import render_nl
from matcher.schema import Accommodation, WorkPackage
from webapp import render, state
from webapp.audit import Action
from webapp.auth import Page
from webapp.dataset import Dataset
from webapp.export import to_csv_bytes, to_frame, to_xlsx_bytes
from webapp.form import FormValues, demand_questions, form_from_package, form_state, package_from_form
from webapp.outcomes import REJECTION_REASONS, REJECTIONS, OutcomeError, Step, StepRecord
from webapp.shortlist import NOTE_MAX, ShortlistEntry

T = texts_nl.APP_TEXTS["vacature"]
C = texts_nl.APP_TEXTS["common"]
S = texts_nl.APP_TEXTS["shortlist"]
OUT = texts_nl.OUTCOME_TEXTS
PAGE = Page.VACATURE


def package_label(package: WorkPackage) -> str:
    place = (
        package.location.municipality
        if package.location and package.location.municipality
        else T["unknown_place"]
    )
    return T["pick_label"].format(title=package.title, employer=package.employer, place=place, id=package.id)


def accommodation_label(accommodation: Accommodation) -> str:
    """An adjustment of the workplace, and whether it counts (only when confirmed)."""
    template = T["accommodation_confirmed" if accommodation.confirmed else "accommodation_unconfirmed"]
    return template.format(name=accommodation.name)


# ------------------------------------------------------------------------------------------ the form
def _prefill(data: Dataset) -> None:
    """Copy the chosen package into the form widgets (an on_change callback)."""
    package_id = st.session_state.get("f_prefill")
    if not package_id or package_id not in data.packages_by_id:
        return
    st.session_state.update(form_state(form_from_package(data.packages_by_id[package_id])))


def _form(data: Dataset) -> WorkPackage | None:
    contract = load_contract()
    st.selectbox(
        T["prefill"],
        [None, *data.packages_by_id],
        format_func=lambda pid: T["prefill_none"] if pid is None else package_label(data.packages_by_id[pid]),
        key="f_prefill",
        on_change=_prefill,
        args=(data,),
    )
    with st.expander(T["section_work"], expanded=True):
        left, right = st.columns(2)
        title = left.text_input(T["title_field"], key="f_title")
        employer = right.text_input(T["employer"], key="f_employer")
        sector = left.selectbox(
            T["sector"], list(contract.sectors), format_func=texts_nl.APP_SECTOR_NAMES.get, key="f_sector"
        )
        municipality = right.selectbox(
            T["municipality"],
            list(contract.municipalities),
            index=None,
            placeholder=T["choose"],
            key="f_municipality",
        )
        tasks = st.text_area(T["tasks"], key="f_tasks")
        description = st.text_input(T["description"], key="f_description")
    with st.expander(T["section_time"], expanded=True):
        left, right = st.columns(2)
        hours_week = left.number_input(
            T["hours_week"], min_value=1, max_value=60, value=None, step=1, key="f_hours_week"
        )
        hours_day = right.number_input(
            T["hours_day"], min_value=1, max_value=24, value=None, step=1, key="f_hours_day"
        )
        days = left.multiselect(
            T["days"],
            list(contract.days),
            format_func=texts_nl.DAY_NAMES_NL.get,
            placeholder=T["unknown"],
            key="f_days",
        )
        dayparts = right.multiselect(
            T["dayparts"],
            list(contract.dayparts),
            format_func=texts_nl.DAYPART_NAMES_NL.get,
            placeholder=T["unknown"],
            key="f_dayparts",
        )
        # Three answers, like days and day-parts: an unanswered question is unknown (a signalering for
        # whoever needs a fixed schedule), never "no fixed schedule" (which would exclude them).
        fixed = left.selectbox(
            T["fixed"],
            [True, False],
            index=None,
            format_func=lambda yes: T["fixed_yes"] if yes else T["fixed_no"],
            placeholder=T["unknown"],
            key="f_fixed",
        )
        # Default today; a start date filled in from a vacancy comes through the session state.
        start = right.date_input(T["start"], format="DD-MM-YYYY", key="f_start")
        contract_type = left.selectbox(
            T["contract"],
            list(contract.contracts),
            index=None,
            format_func=texts_nl.APP_CONTRACT_NAMES.get,
            placeholder=T["unknown"],
            key="f_contract",
        )
    with st.expander(T["section_offers"], expanded=True):
        chosen_offers = st.multiselect(
            T["offers"],
            list(contract.needs_offers),
            format_func=texts_nl.APP_OFFER_NAMES.get,
            placeholder=T["unknown"],
            key="f_offers",
        )
        no_offers = st.checkbox(T["offers_none"], key="f_offers_none")
        # Nothing chosen is "not known yet" (a signalering), unless the adviser says there is no support.
        offers = [] if no_offers else (chosen_offers or None)
        # The adjustments of the vacancy the form started from: kept, so that the same vacancy gives the
        # same count here as when it is picked; the adviser takes off one that will not be made.
        options: tuple[Accommodation, ...] = st.session_state.get("f_acc_options", ())
        accommodations: list[Accommodation] = []
        if options:
            picked = st.multiselect(
                T["accommodations"],
                list(range(len(options))),
                format_func=lambda i: accommodation_label(options[i]),
                help=T["accommodations_help"],
                key="f_accommodations",
            )
            accommodations = [options[i] for i in picked]
    demands: dict[str, int | None] = {}
    with st.expander(T["section_demands"], expanded=False):
        st.caption(T["demands_intro"])
        group = None
        for q in demand_questions():
            if q.group != group:
                group = q.group
                st.markdown(f"**{render.escape(group)}**")
            answer = st.selectbox(q.question, [T["dont_know"], *q.answers], key=f"f_d_{q.code}")
            demands[q.code] = q.level(answer)

    if not title.strip() or not employer.strip() or not municipality:
        st.info(T["fill_required"])
        return None
    package, problems = package_from_form(
        FormValues(
            title=title,
            employer=employer,
            sector=sector,
            municipality=municipality,
            tasks=tasks.splitlines(),
            description=description,
            hours_per_week=hours_week,
            hours_per_day=hours_day,
            days=days,
            dayparts=dayparts,
            fixed_schedule=fixed,
            offers=offers,
            demands=demands,
            accommodations=accommodations,
            contract=contract_type,
            start=start,
        )
    )
    if package is None:
        st.warning(T["form_problems"])
        render.problems(problems)
    return package


# ------------------------------------------------------------------------------------------ results
def _candidate_cards(package: WorkPackage, matches: list, user: state.SignedIn, wsp: str | None) -> None:
    store = state.shortlists()
    on_list = {e.candidate_id for e in store.entries(wsp, package.id)} if wsp else set()
    for match in matches:
        expl = match.explanation
        with st.container(border=True):
            head, button = st.columns([4, 1])
            facts = [
                C["confidence"].format(level=expl.confidence.value),
                texts_nl.count_nl(C, "n_signals", len(expl.signaleringen)),
                C["n_unknowns"].format(n=len(expl.unknowns)),
                C["travel"].format(minutes=round(expl.travel_minutes))
                if expl.travel_minutes is not None
                else "",
            ]
            with head:
                render.card_heading(T["candidate"].format(rank=match.rank, id=match.candidate_id), facts)
            if wsp is None:
                pass
            elif match.candidate_id in on_list:
                button.button(T["on_list"], key=f"on-{package.id}-{match.candidate_id}", disabled=True)
            elif button.button(T["add"], key=f"add-{package.id}-{match.candidate_id}", type="primary"):
                store.add(
                    wsp,
                    package.id,
                    package.title,
                    match.candidate_id,
                    added_by=user.username,
                    rank=match.rank,
                    signaleringen=len(expl.signaleringen),
                    unknowns=len(expl.unknowns),
                    confidence=expl.confidence.value,
                )
                state.audit().record(
                    user.username,
                    user.role,
                    Action.SHORTLIST_ADD,
                    page=PAGE.value,
                    candidate_id=match.candidate_id,
                    package_id=package.id,
                )
                st.toast(render.escape(T["added"].format(id=match.candidate_id)))
                st.rerun()
            # Filled only when opened: the page stays light, and opening is audited as a closer look.
            details = st.expander(
                C["explanation"], key=f"uitleg-{package.id}-{match.candidate_id}", on_change="rerun"
            )
            if details.open:
                state.note_viewed(
                    PAGE, [match.candidate_id], package_id=package.id, action=Action.VIEW_EXPLANATION
                )
                with details:
                    render.explanation(render_nl(expl))


def _why_not(package: WorkPackage, matcher, in_data: bool) -> None:
    if not st.toggle(T["why_not"], key=f"why-{package.id}"):
        return
    limit = 50
    excluded = matcher.excluded_for_vacancy(package.id if in_data else package, limit=limit)
    if not excluded:
        st.info(T["none_excluded"])
        return
    state.note_viewed(PAGE, [e.candidate_id for e in excluded], package_id=package.id, action=Action.WHY_NOT)
    st.caption(T["why_not_intro"])
    for exclusion in excluded:
        lines = [texts_nl.render_check_nl(c) for c in exclusion.checks]
        st.markdown(
            f"**{render.escape(T['why_not_line'].format(id=exclusion.candidate_id))}**\n\n{render.bullets(lines)}"
        )
    if len(excluded) == limit:
        st.caption(T["why_not_more"].format(n=limit))


def _shortlist(package: WorkPackage, user: state.SignedIn, wsp: str | None) -> None:
    st.subheader(S["title"])
    if wsp is None:
        st.info(C["no_wsp"])
        return
    st.caption(S["shared"].format(wsp=wsp))
    store = state.shortlists()
    entries = store.entries(wsp, package.id)
    if not entries:
        st.info(S["empty"])
        return

    # On this vacancy's own page its id and title only push the useful columns out of view; the exports
    # keep every column.
    same = [texts_nl.APP_EXPORT_COLUMNS[c] for c in ("package_id", "package_title")]
    latest = state.outcomes().latest(wsp, package.id)
    table = to_frame(entries).drop(columns=same)
    # Where each proposal stands comes right after the candidate, before the columns that scroll away.
    status = [
        texts_nl.OUTCOME_STEPS_NL[latest[e.candidate_id].step]
        if e.candidate_id in latest
        else OUT["none_yet"]
        for e in entries
    ]
    table.insert(1, OUT["status"], status)
    st.dataframe(table, hide_index=True, width="stretch")
    left, middle, right = st.columns([2, 3, 2], vertical_alignment="bottom")
    by_id = {e.candidate_id: e for e in entries}
    pick = left.selectbox(S["remove_pick"], list(by_id), key=f"rm-pick-{package.id}")
    note = middle.text_input(
        S["note"], value=by_id[pick].note if pick else "", max_chars=NOTE_MAX, key=f"note-{package.id}-{pick}"
    )
    if pick and note.strip() != by_id[pick].note and store.set_note(wsp, package.id, pick, note):
        st.toast(S["note_saved"].format(id=pick))
        st.rerun()
    if right.button(S["remove"], key=f"rm-{package.id}") and pick and store.remove(wsp, package.id, pick):
        state.audit().record(
            user.username,
            user.role,
            Action.SHORTLIST_REMOVE,
            page=PAGE.value,
            candidate_id=pick,
            package_id=package.id,
        )
        st.toast(render.escape(S["removed"].format(id=pick)))
        st.rerun()

    log = state.audit()

    def audited(make: Callable[[list], bytes]) -> Callable[[], bytes]:
        """The file, made when the button is clicked; making it is the export, so it is audited then."""

        def data() -> bytes:
            log.record_many(
                user.username,
                user.role,
                Action.EXPORT,
                [e.candidate_id for e in entries],
                page=PAGE.value,
                package_id=package.id,
            )
            return make(entries)

        return data

    name = S["file"].format(id=package.id)
    left, right, _ = st.columns([1, 1, 2])
    # Files are made only when a button is clicked (deferred download), not on every rerun. A click
    # must not rerun the page either: a rerun gives every deferred file a new id, and a second
    # download clicked before the page has redrawn would ask for an id that no longer exists.
    left.download_button(
        S["csv"],
        audited(to_csv_bytes),
        file_name=f"{name}.csv",
        mime="text/csv",
        key="dl-csv",
        on_click="ignore",
    )
    right.download_button(
        S["xlsx"],
        audited(to_xlsx_bytes),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl-xlsx",
        on_click="ignore",
    )
    st.caption(S["privacy"])
    _outcome_form(package, user, wsp, entries)


def _outcome_form(
    package: WorkPackage, user: state.SignedIn, wsp: str, entries: list[ShortlistEntry]
) -> None:
    """Record the next step of a proposal (VUM process data): one form, the fields that apply are used."""
    st.subheader(OUT["title"])
    st.caption(OUT["intro"])
    contract = load_contract()
    by_id = {e.candidate_id: e for e in entries}
    key = f"oc-{package.id}"
    with st.form(key):
        left, middle, right = st.columns(3)
        candidate_id = left.selectbox(OUT["candidate"], list(by_id), key=f"{key}-cand")
        step = middle.selectbox(
            OUT["step"], list(Step), format_func=lambda s: texts_nl.OUTCOME_STEPS_NL[s], key=f"{key}-step"
        )
        on_date = right.date_input(OUT["date"], value=date.today(), format="DD-MM-YYYY", key=f"{key}-date")
        left, right = st.columns(2)
        reason = left.selectbox(
            OUT["reason"],
            list(REJECTION_REASONS),
            index=None,
            format_func=texts_nl.OUTCOME_REASONS_NL.get,
            placeholder=T["choose"],
            key=f"{key}-reason",
        )
        end_reason = right.selectbox(
            OUT["end_reason"],
            list(contract.end_reasons),
            index=None,
            format_func=texts_nl.END_REASONS_NL.get,
            placeholder=T["choose"],
            key=f"{key}-end",
        )
        left, middle, right = st.columns(3)
        start = left.date_input(OUT["start"], value=None, format="DD-MM-YYYY", key=f"{key}-start")
        contract_type = middle.selectbox(
            OUT["contract"],
            list(contract.contracts),
            index=None,
            format_func=texts_nl.APP_CONTRACT_NAMES.get,
            placeholder=T["choose"],
            key=f"{key}-contract",
        )
        hours = right.number_input(
            OUT["hours"], min_value=1, max_value=60, value=None, step=1, key=f"{key}-hours"
        )
        submitted = st.form_submit_button(OUT["save"], type="primary")
    outcomes = state.outcomes()
    if submitted and candidate_id:
        step = Step(step)
        placed = step is Step.GEPLAATST
        record = StepRecord(
            wsp,
            package.id,
            candidate_id,
            step,
            on_date,
            user.username,
            reason=end_reason if step is Step.BEEINDIGD else reason if step in REJECTIONS else None,
            start_date=start if placed else None,
            contract=contract_type if placed else None,
            hours=int(hours) if placed and hours is not None else None,
            rank=by_id[candidate_id].rank,
        )
        try:
            outcomes.record(record)
        except OutcomeError as exc:
            st.error(OUT[exc.key])
        else:
            state.audit().record(
                user.username,
                user.role,
                Action.OUTCOME,
                page=PAGE.value,
                candidate_id=candidate_id,
                package_id=package.id,
            )
            st.toast(OUT["saved"].format(step=texts_nl.OUTCOME_STEPS_NL[step], id=candidate_id))
            st.rerun()
    if candidate_id:
        history = outcomes.history(wsp, package.id, candidate_id)
        if history:
            lines = [
                OUT["history_line"].format(
                    date=f"{r.on_date:%d-%m-%Y}",
                    step=texts_nl.OUTCOME_STEPS_NL[r.step],
                    reason=f" ({(texts_nl.OUTCOME_REASONS_NL | texts_nl.END_REASONS_NL).get(r.reason, r.reason)})"
                    if r.reason
                    else "",
                    adviser=r.adviser,
                )
                for r in history
            ]
            st.markdown(
                f"**{render.escape(OUT['history'].format(id=candidate_id))}**\n\n{render.bullets(lines)}"
            )


def main() -> None:
    user = state.require(PAGE)
    wsp = state.team(user)
    data = state.dataset()
    st.title(T["title"])
    st.caption(T["intro"])
    render.data_notice(data, state.data_source(data))
    mode = st.radio(
        T["mode"], ["pick", "form"], format_func=lambda m: T[f"mode_{m}"], horizontal=True, key="vac_mode"
    )
    if mode == "pick":
        package_id = st.selectbox(
            T["pick"],
            list(data.packages_by_id),
            format_func=lambda pid: package_label(data.packages_by_id[pid]),
            key="vac_pick",
        )
        package = data.packages_by_id.get(package_id) if package_id else None
        if package is not None and package.tasks:
            st.caption(
                render.escape(T["package_tasks"].format(tasks="; ".join(t.text for t in package.tasks)))
            )
    else:
        package = _form(data)
    if package is None:
        return
    matcher = state.matcher(data)
    in_data = mode == "pick"
    count = matcher.eligible_count(package.id if in_data else package)
    st.metric(T["eligible"], count, help=T["eligible_help"])
    k = st.slider(C["k"], min_value=5, max_value=50, value=10, step=5, key="vac_k")
    matches = (
        state.vacancy_matches(data, matcher, package.id, k) if in_data else matcher.for_package(package, k=k)
    )
    st.subheader(T["results"])
    st.caption(C["score_note"])
    if not matches:
        st.warning(T["no_results"])
    else:
        state.note_viewed(PAGE, [m.candidate_id for m in matches], package_id=package.id)
        _candidate_cards(package, matches, user, wsp)
    _why_not(package, matcher, in_data)
    _shortlist(package, user, wsp)


main()
