"""The Jobcarving page through AppTest: a task table -> proposed packages with suppressed counts and the
bottleneck, Dutch messages for bad rows and settings, a profile as a start, and the way to the vacancy form."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from matcher import texts_nl
from matcher.catalogue import get_profile
from matcher.encoders import HashingEncoder
from matcher.recommend import Matcher
from matcher.schema import Location, PackageHours, WorkPackage
from tests.app.conftest import APP
from tests.app.test_app_pages import texts
from webapp.render import WORD_JOINER
from webapp.supply import suppress

T = texts_nl.CARVING_NL
PAGE = "webapp/pages/jobcarving.py"
HEAVY = texts_nl.CARVING_ANSWERS_NL["DH01"][4]  # "> 15 kg": above everyone's norm

# Hedge work (one task lifts more than 15 kg) and mail work; row 3 has no number for its hours.
ROWS = [
    {"text": "Hagen snoeien rond het gebouw", "hours": "8", "DH01": HEAVY},
    {"text": "Hagen en struiken snoeien", "hours": "6"},
    {"text": "Bladblazen", "hours": "veel"},
    {"text": "Post sorteren op afdeling", "hours": "6"},
    {"text": "Post rondbrengen op de afdelingen", "hours": "8"},
]


def _open(signed_in, username: str) -> AppTest:
    at = signed_in(username)
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == [T["title"]]
    return at


def _fill(at: AppTest, rows: list[dict], *, employer: str = "Gemeente Utrecht") -> AppTest:
    """Type the settings and the rows (the editor's edit state, as the browser sends it), then propose."""
    at.text_input(key="cv_employer").input(employer)
    at.selectbox(key="cv_municipality").set_value("Utrecht")
    at.session_state["cv_tasks"] = {"edited_rows": {}, "added_rows": rows, "deleted_rows": []}
    at.run()
    at.button(key="cv_go").click().run()
    assert not at.exception, at.exception
    return at


def _eligible(app_env, hours: int, demands: dict[str, int]) -> int:
    """What the Matcher counts for such a package in Utrecht (an independent path to the same rule)."""
    matcher = Matcher(encoder=HashingEncoder()).fit(app_env["candidates"], app_env["packages"])
    package = WorkPackage(
        id="verwacht",
        employer="Gemeente Utrecht",
        sector="rijk",
        title="t",
        location=Location("Utrecht"),
        hours=PackageHours(per_week=hours),
        demands=demands,
    )
    return matcher.eligible_count(package)


def _shown(n: int) -> str:
    return T["suppressed"] if suppress(n) is None else str(n)


def test_a_project_leader_gets_packages_with_suppressed_counts_and_the_bottleneck(signed_in, app_env):
    at = _fill(_open(signed_in, "projectleider"), ROWS)
    page = texts(at)
    assert T["results"] in page
    # The hedges together, the mail together; the bad row is named, in Dutch, and left out.
    assert "**Pakket 1: Hagen snoeien rond het gebouw**" in page
    assert "**Pakket 2: Post rondbrengen op de afdelingen**" in page
    for row in (ROWS[0], ROWS[1], ROWS[3], ROWS[4]):
        assert page.count(texts_nl.carving_task_nl(row["text"], float(row["hours"]))) == 1
    assert "Rij 3 ('Bladblazen'): 'veel' bij uren per week is geen getal. Vul een getal in" in page
    assert "- Bladblazen (" not in page
    # Counts as the Matcher counts them, below 5 not shown; lifting over 15 kg shuts out everyone.
    hedges, mail = _eligible(app_env, 14, {"DH01": 4}), _eligible(app_env, 14, {})
    assert hedges == 0 and mail >= 5
    assert [m.value for m in at.metric] == [_shown(hedges), _shown(mail)]
    assert all(m.label == T["eligible_label"] for m in at.metric)
    more = _eligible(app_env, 14, {"DH01": 3})
    assert texts_nl.carving_bottleneck_nl("DH01", 4, more) in page
    assert texts_nl.carving_demand_nl("DH01", 4) in page
    assert T["no_bottleneck"] in page  # the mail package demands nothing
    assert not any(c.id in page for c in app_env["candidates"])  # aggregated only
    assert [b.label for b in at.get("download_button")] == [T["download"]]
    assert "cv_open_1" not in [b.key for b in at.button]  # the vacancy form is for advisers


def test_a_changed_input_marks_the_proposal_as_outdated(signed_in):
    at = _fill(_open(signed_in, "projectleider"), ROWS)
    assert T["stale"] not in [i.value for i in at.info]
    at.number_input(key="cv_min").set_value(4)
    at.number_input(key="cv_max").set_value(10).run()
    assert T["stale"] in [i.value for i in at.info]
    at.button(key="cv_go").click().run()
    page = texts(at)
    assert T["stale"] not in [i.value for i in at.info]
    # Now no package may pass 10 hours: the two hedge tasks (14 hours together) are split.
    assert "Pakket 3: " in page and "Pakket 4: " in page


@pytest.mark.parametrize(
    "rows, employer, settings, message",
    [
        (ROWS, " ", {}, T["no_employer"]),
        (ROWS, "Gemeente Utrecht", {"cv_min": 20, "cv_max": 16}, T["bad_range"].format(low=20, high=16)),
        (
            [{"text": "", "hours": "4"}, {"text": "Post", "hours": "-2"}],
            "Gemeente Utrecht",
            {},
            T["no_tasks"],
        ),
    ],
)
def test_settings_that_cannot_work_get_a_dutch_message_and_no_proposal(
    signed_in, rows, employer, settings, message
):
    at = _open(signed_in, "projectleider")
    for key, value in settings.items():
        at.number_input(key=key).set_value(value)
    _fill(at, rows, employer=employer)
    assert [e.value for e in at.error] == [message]
    assert T["results"] not in texts(at) and not at.metric
    if not rows[0]["text"]:  # every row bad: each is named
        warning = at.warning[0].value.replace("\\", "").replace(WORD_JOINER, "")  # markdown escapes
        assert "Rij 1: de taak is leeg." in warning and "Rij 2 ('Post'): -2 uur per week kan niet" in warning


def test_starting_from_a_profile_fills_the_table_with_its_tasks(signed_in):
    at = _open(signed_in, "projectleider")
    profile = get_profile("medewerker-postkamer")
    at.selectbox(key="cv_profile").set_value(profile.id).run()
    assert not at.exception
    table = at.data_editor[0].value
    assert table["text"].tolist() == list(profile.tasks)
    assert T["profile_note"].format(title=profile.title)[:40] in texts(at)
    at.text_input(key="cv_employer").input("Rijksoverheid, ministerie X").run()
    at.button(key="cv_go").click().run()
    assert not at.exception
    page = texts(at)
    placed = [t for t in profile.tasks if f"- {t} (" in page]
    assert placed == list(profile.tasks)
    assert len(at.metric) >= 1


def test_an_adviser_takes_a_package_to_the_vacancy_form_which_counts_the_same(signed_in, app_env):
    at = _fill(_open(signed_in, "adviseur"), ROWS)
    at.button(key="cv_open_2").click().run()  # the mail package
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == [texts_nl.APP_TEXTS["vacature"]["title"]]
    assert at.radio(key="vac_mode").value == "form"
    assert at.text_input(key="f_title").value == "Post rondbrengen op de afdelingen"
    assert at.text_input(key="f_employer").value == "Gemeente Utrecht"
    assert at.selectbox(key="f_municipality").value == "Utrecht"
    assert at.number_input(key="f_hours_week").value == 14
    assert at.text_area(key="f_tasks").value == "Post rondbrengen op de afdelingen\nPost sorteren op afdeling"
    assert at.selectbox(key="f_d_DH01").value == texts_nl.APP_TEXTS["vacature"]["dont_know"]
    assert int(at.metric[0].value) == _eligible(app_env, 14, {})


def test_the_page_refuses_a_role_without_access(app_env):
    at = AppTest.from_file(str(APP.parent / "webapp" / "pages" / "jobcarving.py"), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = "iemand"
    at.session_state["roles"] = ["evaluator"]
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [texts_nl.APP_TEXTS["common"]["no_access"]]
    assert not at.title
