"""webapp.outcomes on both engines: the steps of a proposal, their checks, contract placements from them
(valid for `banenmatch validate`), and k-anonymous figures; the form on the Vacature page."""

from __future__ import annotations

from datetime import date

import pytest

from matcher import cli, texts_nl
from matcher.io import read_placements
from matcher.schema import Placement
from webapp.audit import Action, AuditLog
from webapp.outcomes import OutcomeError, OutcomeStore, Step, StepRecord, figures, suppress

OUT = texts_nl.OUTCOME_TEXTS
W = "Midden-Utrecht"


def _step(store, candidate, step, day, *, package="P1", rank=1, **fields):
    store.record(StepRecord(W, package, candidate, step, day, "anna", rank=rank, **fields))


def test_a_placement_from_proposal_to_end_becomes_a_contract_placement(store_url):
    store = OutcomeStore(store_url)
    _step(store, "K1", Step.VOORGESTELD, date(2026, 3, 1))
    _step(store, "K1", Step.KENNISMAKING, date(2026, 3, 8))
    _step(store, "K1", Step.PROEFPLAATSING, date(2026, 3, 15))
    _step(
        store,
        "K1",
        Step.GEPLAATST,
        date(2026, 4, 1),
        start_date=date(2026, 4, 1),
        contract="tijdelijk",
        hours=24,
    )
    _step(
        store, "K2", Step.GEPLAATST, date(2026, 5, 1), start_date=date(2026, 5, 6), contract="vast", hours=20
    )
    _step(store, "K1", Step.BEEINDIGD, date(2027, 4, 1), reason="contract_niet_verlengd")
    _step(store, "K3", Step.VOORGESTELD, date(2026, 3, 1))
    assert [r.step for r in store.history(W, "P1", "K1")] == [
        Step.VOORGESTELD,
        Step.KENNISMAKING,
        Step.PROEFPLAATSING,
        Step.GEPLAATST,
        Step.BEEINDIGD,
    ]
    assert store.placements() == [
        Placement("K1", "P1", date(2026, 4, 1), date(2027, 4, 1), "contract_niet_verlengd"),
        Placement("K2", "P1", date(2026, 5, 6)),
    ]
    assert {cid: r.step for cid, r in store.latest(W, "P1").items()} == {
        "K1": Step.BEEINDIGD,
        "K2": Step.GEPLAATST,
        "K3": Step.VOORGESTELD,
    }


@pytest.mark.parametrize(
    "steps, key",
    [
        ([(Step.AFGEWEZEN_WERKGEVER, {})], "reason_missing"),
        ([(Step.AFGEWEZEN_ADVISEUR, {"reason": "vind ik niks"})], "reason_missing"),
        ([(Step.GEPLAATST, {"contract": "vast", "hours": 20})], "start_missing"),
        (
            [(Step.GEPLAATST, {"start_date": date(2026, 4, 1), "contract": "los", "hours": 20})],
            "contract_missing",
        ),
        (
            [(Step.GEPLAATST, {"start_date": date(2026, 4, 1), "contract": "vast", "hours": 0})],
            "hours_missing",
        ),
        ([(Step.BEEINDIGD, {"reason": "conflict"})], "not_placed"),
        ([(Step.TERUGGETROKKEN, {}), (Step.VOORGESTELD, {})], "closed"),
        (
            [
                (Step.GEPLAATST, {"start_date": date(2026, 4, 1), "contract": "vast", "hours": 20}),
                (Step.KENNISMAKING, {}),
            ],
            "placed",
        ),
        (
            [
                (Step.GEPLAATST, {"start_date": date(2026, 4, 1), "contract": "vast", "hours": 20}),
                (Step.BEEINDIGD, {"reason": "ruzie"}),
            ],
            "end_reason_missing",
        ),
    ],
)
def test_a_step_that_does_not_fit_is_refused_with_its_reason(store_url, steps, key):
    store = OutcomeStore(store_url)
    *good, (last, fields) = steps
    for step, extra in good:
        _step(store, "K1", step, date(2026, 4, 1), **extra)
    with pytest.raises(OutcomeError) as refused:
        _step(store, "K1", last, date(2026, 4, 2), **fields)
    assert refused.value.key == key and key in OUT
    assert len(store.history(W, "P1", "K1")) == len(good)


def test_figures_count_how_far_proposals_got_and_disagreement_with_the_top_10():
    steps = []
    for n in range(7):
        steps.append(StepRecord(W, "P1", f"K{n}", Step.VOORGESTELD, date(2026, 1, 1), "anna", rank=n + 1))
    for n in range(5):
        steps.append(
            StepRecord(
                W,
                "P1",
                f"K{n}",
                Step.AFGEWEZEN_ADVISEUR,
                date(2026, 1, 2),
                "anna",
                reason="past_niet_ondanks_match",
            )
        )
    steps.append(StepRecord(W, "P1", "K6", Step.KENNISMAKING, date(2026, 1, 3), "anna"))
    steps.append(StepRecord(W, "P2", "K20", Step.VOORGESTELD, date(2026, 1, 1), "anna", rank=14))
    found = figures(steps)
    assert (
        found.proposals == 8
        and found.reached[Step.VOORGESTELD] == 8
        and found.reached[Step.KENNISMAKING] == 1
    )
    assert found.closed[Step.AFGEWEZEN_ADVISEUR] == 5
    assert (found.top10, found.top10_disagreed) == (7, 5)
    assert [suppress(n) for n in (0, 4, 5, 12)] == ["< 5", "< 5", "5", "12"]


def test_placements_export_writes_what_validate_accepts(store_url, world_dir, tmp_path, capsys):
    folder, world = world_dir
    store = OutcomeStore(store_url)
    candidate, package = world["candidates"][0].id, world["packages"][0].id
    other = world["candidates"][1].id
    store.record(
        StepRecord(
            W,
            package,
            candidate,
            Step.GEPLAATST,
            date(2026, 2, 1),
            "anna",
            start_date=date(2026, 2, 2),
            contract="vast",
            hours=20,
        )
    )
    store.record(
        StepRecord(W, package, candidate, Step.BEEINDIGD, date(2026, 9, 30), "anna", reason="overbelasting")
    )
    store.record(
        StepRecord(
            W,
            package,
            other,
            Step.GEPLAATST,
            date(2026, 3, 1),
            "anna",
            start_date=date(2026, 3, 1),
            contract="tijdelijk",
            hours=16,
        )
    )
    out = tmp_path / "placements.jsonl"
    assert cli.main(["placements", "export", "--out", str(out), "--db", store_url]) == 0
    assert "2 placements" in capsys.readouterr().err
    assert {(p.candidate_id, p.end_reason) for p in read_placements(out).records} == {
        (candidate, "overbelasting"),
        (other, None),
    }
    arguments = [
        "--candidates",
        str(folder / "candidates.jsonl"),
        "--vacancies",
        str(folder / "vacancies.jsonl"),
    ]
    assert cli.main(["validate", *arguments, "--placements", str(out)]) == 0


def test_an_adviser_records_outcomes_and_the_evaluator_sees_only_suppressed_counts(signed_in, app_env):
    at = signed_in("adviseur")
    package = app_env["packages"][0]
    first = app_env["twins"][package.id]
    at.selectbox(key="vac_pick").set_value(package.id).run()
    at.button(key=f"add-{package.id}-{first}").click().run()
    key = f"oc-{package.id}"
    assert at.selectbox(key=f"{key}-cand").value == first
    at.selectbox(key=f"{key}-step").set_value(Step.AFGEWEZEN_ADVISEUR)
    save = next(b for b in at.button if b.label == OUT["save"])
    save.click().run()
    assert [e.value for e in at.error] == [OUT["reason_missing"]]  # no reason: refused, nothing stored
    at.selectbox(key=f"{key}-reason").set_value("past_niet_ondanks_match")
    next(b for b in at.button if b.label == OUT["save"]).click().run()
    assert not at.exception and not at.error
    status = at.dataframe[0].value[OUT["status"]].tolist()
    assert status == [texts_nl.OUTCOME_STEPS_NL["afgewezen_adviseur"]]
    history = OutcomeStore(app_env["db"]).history("Midden-Utrecht", package.id, first)
    assert [(r.step, r.reason, r.adviser, r.rank) for r in history] == [
        (Step.AFGEWEZEN_ADVISEUR, "past_niet_ondanks_match", "adviseur", 1)
    ]
    assert (Action.OUTCOME, first) in {(e.action, e.candidate_id) for e in AuditLog(app_env["db"]).entries()}

    evaluator = signed_in("evaluator")
    assert not evaluator.exception
    assert [m.value for m in evaluator.metric][:2] == [
        "< 5",
        OUT["disagree_value"].format(disagreed="< 5", top10="< 5"),
    ]
    counts = evaluator.dataframe[0].value[OUT["col_count"]].tolist()
    assert set(counts) == {"< 5"}
    assert first not in str(evaluator.dataframe[0].value)
