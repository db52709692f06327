"""webapp.form: plain questions -> FML-lite levels, and the form -> a validated WorkPackage."""

from __future__ import annotations

from datetime import date

import pytest

from matcher import texts_nl
from matcher.constraints import Outcome, Rule, check_pair
from matcher.contract import load_contract
from matcher.schema import Accommodation, CandidateSchedule, PackageSchedule
from tests.planted import candidate, package
from webapp.form import FORM_FILE, FormValues, demand_questions, form_from_package, package_from_form


def _values(**changes) -> FormValues:
    fields = dict(
        title="Medewerker post", employer="Gemeente Zeist", sector="gemeenten", municipality="Zeist"
    )
    fields.update(changes)
    return FormValues(**fields)


def test_there_is_one_question_per_item_and_answer_i_is_level_i():
    contract = load_contract()
    questions = demand_questions()
    assert [q.code for q in questions] == list(contract.fml_codes)
    for q in questions:
        assert len(q.answers) == contract.fml[q.code].max_level + 1, q.code
        assert [q.level(a) for a in q.answers] == list(range(len(q.answers)))
        assert q.level(texts_nl.APP_TEXTS["vacature"]["dont_know"]) is None and q.level(None) is None
    busy = next(q for q in questions if q.code == "PF09")
    assert busy.question == "Is het er rustig of druk?"
    assert busy.level("Druk: kantoortuin, balie of publieke ruimte") == 2


def test_a_filled_in_form_becomes_a_contract_package():
    package_, problems = package_from_form(
        _values(
            tasks=["Post sorteren", "  ", "Pakketten rondbrengen "],
            hours_per_week=16,
            hours_per_day=4,
            days=["ma", "di"],
            dayparts=["ochtend"],
            fixed_schedule=True,
            offers=["jobcoach"],
            demands={"PF09": 1, "DH01": None, "SF01": 0},
            contract="proefplaatsing",
            start=date(2027, 2, 1),
        )
    )
    assert problems == []
    assert package_.id.startswith("FORM-")
    assert [t.text for t in package_.tasks] == ["Post sorteren", "Pakketten rondbrengen"]
    assert package_.location.municipality == "Zeist"
    assert (package_.hours.per_week, package_.hours.per_day) == (16, 4)
    assert package_.schedule.days == ("ma", "di") and package_.schedule.fixed is True
    assert dict(package_.demands) == {"PF09": 1, "SF01": 0}  # "weet ik niet" is left out: unknown
    assert package_.offers == ("jobcoach",) and package_.start == date(2027, 2, 1)


def test_unanswered_questions_stay_unknown_for_the_hard_rule():
    package_, _ = package_from_form(_values(demands={"DH01": None}))
    checks = check_pair(candidate("K1", "post"), package_)
    lifting = next(c for c in checks if c.rule is Rule.FML and c.item == "DH01")
    assert lifting.outcome is Outcome.UNKNOWN  # never a silent pass
    days = next(c for c in checks if c.rule is Rule.DAYS)
    assert days.outcome is Outcome.UNKNOWN


def test_the_same_form_gives_the_same_id_and_a_change_a_new_one():
    a, _ = package_from_form(_values(hours_per_week=16))
    b, _ = package_from_form(_values(hours_per_week=16))
    c, _ = package_from_form(_values(hours_per_week=20))
    assert a.id == b.id != c.id


def test_a_form_with_contract_errors_reports_them_like_an_upload():
    package_, problems = package_from_form(_values(title=" ", hours_per_week=10, hours_per_day=12))
    assert package_ is None
    assert {p.field for p in problems} == {"title", "hours.per_day"}
    assert all(str(p).startswith(f"{FORM_FILE}:1: ") for p in problems)


@pytest.mark.parametrize("fixed", [True, False, None])
def test_a_package_filled_back_into_the_form_gives_the_same_constraints(fixed):
    lifting_aid = Accommodation("tilhulp", {"DH01": 1}, confirmed=True)
    original = package(
        "P1",
        "post",
        "Zeist",
        schedule=PackageSchedule(days=("ma", "di"), dayparts=("ochtend",), fixed=fixed),
        accommodations=(lifting_aid, Accommodation("vaste plek", {"PF08": 1})),
    )
    copy, problems = package_from_form(form_from_package(original))
    assert problems == []
    for field in (
        "title",
        "employer",
        "sector",
        "location",
        "hours",
        "schedule",
        "offers",
        "contract",
        "start",
        "accommodations",
    ):
        assert getattr(copy, field) == getattr(original, field), field
    assert dict(copy.demands) == dict(original.demands)
    assert copy.tasks == original.tasks
    assert copy.effective_demand("DH01") == original.effective_demand("DH01") == original.demands["DH01"] - 1
    needs_fixed = candidate(
        "K1", "post", "Zeist", schedule=CandidateSchedule(("ma", "di"), ("ochtend",), True)
    )
    outcome = {
        p.id: next(c.outcome for c in check_pair(needs_fixed, p) if c.rule is Rule.FIXED_SCHEDULE)
        for p in (original, copy)
    }
    assert outcome[original.id] == outcome[copy.id]
