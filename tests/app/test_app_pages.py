"""The app through Streamlit's AppTest: log-in, role-based access, and every page's main behaviour."""

from __future__ import annotations

import csv
import io
import json
import logging
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from matcher import cli, texts_nl
from matcher.catalogue import load_function_profiles
from matcher.encoders import HashingEncoder
from matcher.io import read_placements, write_jsonl
from matcher.recommend import Matcher
from matcher.schema import Accommodation, CandidateSchedule, PackageSchedule, Placement
from tests.app.conftest import APP, sign_in
from tests.app.world import FAR_AWAY
from tests.planted import candidate, package
from webapp.audit import Action, AuditLog
from webapp.render import WORD_JOINER
from webapp.uploads import UploadStore

T = texts_nl.APP_TEXTS


def texts(at: AppTest) -> str:
    """Everything readable on the page (markdown, captions, titles, alerts), one string."""
    parts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "text",
    ):
        parts.extend(str(e.value) for e in getattr(at, kind))
    return "\n".join(parts).replace("\\", "").replace(WORD_JOINER, "")  # markdown escapes


def actions(db) -> list[tuple[str, str | None]]:
    return [(e.action.value, e.candidate_id) for e in AuditLog(db).entries()]


class _StreamlitWarnings(logging.Handler):
    """Collects what Streamlit logs (its loggers do not propagate to pytest's caplog)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def deferred_files(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], object]]:
    """The data callables of deferred download buttons by file id (what a click in the browser runs)."""
    made: dict[str, Callable[[], object]] = {}
    register = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, *args, **kwargs):
        file_id = register(self, data_callable, *args, **kwargs)
        made[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return made


# ------------------------------------------------------------------------------------------ log-in
def test_the_login_form_comes_first_and_shows_no_data(app_env):
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert [t.label for t in at.text_input] == [T["login"]["username"], T["login"]["password"]]
    assert T["login"]["demo"] in texts(at)
    assert not at.metric and "Kandidaat" not in texts(at)


@pytest.mark.parametrize(
    "username, password", [("adviseur", "verkeerd-wachtwoord"), ("niemand", "adviseur-demo")]
)
def test_a_wrong_password_or_unknown_user_is_refused(app_env, username, password):
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    sign_in(at, "adviseur", password) if username == "adviseur" else sign_in_unknown(at, username, password)
    assert not at.exception
    assert T["login"]["wrong"] in [e.value for e in at.error]
    assert [t.label for t in at.text_input] == [T["login"]["username"], T["login"]["password"]]
    assert not at.session_state["authentication_status"]
    entries = AuditLog(app_env["db"]).entries()
    assert [(e.action, e.username, e.candidate_id) for e in entries] == [
        (Action.LOGIN_FAILED, username, None)
    ]


def sign_in_unknown(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    return at.button[0].click().run()


PAGE_FILES = {
    "vacature": "webapp/pages/vacature.py",
    "werk-naar-werk": "webapp/pages/werk_naar_werk.py",
    "gegevens": "webapp/pages/gegevens.py",
    "functieprofielen": "webapp/pages/functieprofielen.py",
    "jobcarving": "webapp/pages/jobcarving.py",
    "evaluatie": "webapp/pages/evaluatie.py",
}


@pytest.mark.parametrize(
    "username, menu",
    [
        ("adviseur", ["vacature", "werk-naar-werk", "gegevens", "functieprofielen", "jobcarving"]),
        ("projectleider", ["functieprofielen", "jobcarving"]),
        ("evaluator", ["evaluatie"]),
    ],
)
def test_each_role_opens_exactly_its_own_pages(signed_in, app_env, username, menu):
    at = signed_in(username)
    assert [t.value for t in at.title] == [T["pages"][menu[0]]]
    assert actions(app_env["db"])[0] == (Action.LOGIN.value, None)
    for page, path in PAGE_FILES.items():
        if page in menu:
            at.switch_page(path).run()
            assert not at.exception, page
            assert [t.value for t in at.title] == [T["pages"][page]]
        else:  # not in this role's navigation: Streamlit has no such page for this session
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(path)


@pytest.mark.parametrize(
    "page, roles",
    [
        ("evaluatie.py", ["adviseur"]),
        ("vacature.py", ["evaluator"]),
        ("werk_naar_werk.py", ["projectleider"]),
    ],
)
def test_each_page_checks_the_role_itself(app_env, page, roles):
    at = AppTest.from_file(str(APP.parent / "webapp" / "pages" / page), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = "iemand"
    at.session_state["roles"] = roles
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [T["common"]["no_access"]]
    assert not at.title


def test_logging_out_returns_to_the_login_form(signed_in):
    at = signed_in("adviseur")
    at.sidebar.button(key="sign_out").click().run()
    assert not at.exception
    assert [t.label for t in at.text_input] == [T["login"]["username"], T["login"]["password"]]
    assert not at.session_state["authentication_status"]


# ------------------------------------------------------------------------------------------ vacature
def _matcher(app_env) -> Matcher:
    return Matcher(encoder=HashingEncoder()).fit(app_env["candidates"], app_env["packages"])


def test_a_vacancy_shows_ranked_candidates_with_explanations(signed_in, app_env):
    at = signed_in("adviseur")
    package = app_env["packages"][0]
    at.selectbox(key="vac_pick").set_value(package.id).run()
    expected = _matcher(app_env).for_vacancy(package.id, k=10)
    page = texts(at)
    shown = [line.strip() for line in page.splitlines() if "Kandidaat" in line and line.startswith("**")]
    assert shown[: len(expected)] == [f"**{m.rank}. Kandidaat {m.candidate_id}**" for m in expected]
    twin = app_env["twins"][package.id]
    assert shown[0] == f"**1. Kandidaat {twin}**"  # the planted answer
    assert texts_nl.EXPLANATION["summary"] not in page  # explanations are filled when opened
    at.session_state[f"uitleg-{package.id}-{twin}"] = True  # what a click on "Uitleg" does
    at.run()
    page = texts(at)
    for heading in ("summary", "factors", "evidence"):
        assert page.count(texts_nl.EXPLANATION[heading]) == 1
    assert (Action.VIEW_EXPLANATION.value, twin) in actions(app_env["db"])
    assert [m.value for m in at.metric] == [str(_matcher(app_env).eligible_count(package.id))]
    viewed = {c for a, c in actions(app_env["db"]) if a == Action.VIEW_CANDIDATE.value}
    assert viewed == {m.candidate_id for m in expected}


def test_the_form_count_follows_the_inputs_and_why_not_gives_reasons(signed_in, app_env):
    at = signed_in("adviseur")
    at.radio(key="vac_mode").set_value("form").run()
    assert T["vacature"]["fill_required"] in texts(at)
    at.text_input(key="f_title").input("Medewerker groen")
    at.text_input(key="f_employer").input("Gemeente Utrecht")
    at.selectbox(key="f_municipality").set_value("Utrecht")
    at.text_area(key="f_tasks").input("Hagen snoeien\nGras maaien")
    at.run()
    assert not at.exception
    open_count = int(at.metric[0].value)
    assert open_count == len(app_env["candidates"])  # nothing known yet excludes anyone
    # Lifting more than 15 kg is above every assessed candidate's norm: everyone is excluded.
    heavy = texts_nl.APP_DEMAND_QUESTIONS["DH01"][1][4]
    at.selectbox(key="f_d_DH01").set_value(heavy).run()
    assert int(at.metric[0].value) == 0
    assert T["vacature"]["no_results"] in texts(at)
    at.toggle[0].set_value(True).run()
    page = texts(at)
    assert "Tillen en dragen" in page and "overschrijding" in page
    assert page.count("Kandidaat ") >= 10
    assert any(a == Action.WHY_NOT.value for a, _ in actions(app_env["db"]))


def test_a_form_started_from_a_vacancy_counts_like_the_vacancy(signed_in, app_env, monkeypatch, tmp_path):
    # A vacancy whose lifting demand is above everyone's norm but lowered by a confirmed lifting aid, with
    # no word on whether its schedule is fixed; and someone who needs a fixed schedule.
    vacancy = package(
        "P-tilhulp",
        "post",
        "Utrecht",
        demands={"PF01": 1, "DH01": 4},
        accommodations=(Accommodation("tilhulp en trolley", {"DH01": 1}, confirmed=True),),
        schedule=PackageSchedule(days=("ma", "di"), dayparts=("ochtend",), fixed=None),
    )
    fixed = candidate(
        "C-vast", "post", "Utrecht", schedule=CandidateSchedule(("ma", "di", "wo"), ("ochtend",), True)
    )
    folder = tmp_path / "data"
    folder.mkdir()
    write_jsonl([*app_env["candidates"], fixed], folder / "candidates.jsonl")
    write_jsonl([*app_env["packages"], vacancy], folder / "vacancies.jsonl")
    monkeypatch.setenv("BANENMATCH_DATA", str(folder))
    matcher = Matcher(encoder=HashingEncoder()).fit(
        [*app_env["candidates"], fixed], [*app_env["packages"], vacancy]
    )
    expected = matcher.eligible_count(vacancy.id)
    assert (
        expected == len(app_env["candidates"]) + 1
    )  # the aid lets everyone lift; "onbekend" excludes no one

    at = signed_in("adviseur")
    at.selectbox(key="vac_pick").set_value(vacancy.id).run()
    assert int(at.metric[0].value) == expected
    assert "Onbekend" in at.metric[0].help  # unknowns counted here are explained, not passed off as a fit
    at.radio(key="vac_mode").set_value("form").run()
    warnings = _StreamlitWarnings()
    logging.getLogger("streamlit.elements.lib.policies").addHandler(warnings)
    try:
        at.selectbox(key="f_prefill").set_value(vacancy.id).run()
    finally:
        logging.getLogger("streamlit.elements.lib.policies").removeHandler(warnings)
    assert not at.exception
    assert warnings.messages == []  # no widget both defaulted and filled in through the session state
    assert at.date_input(key="f_start").value == vacancy.start
    assert at.selectbox(key="f_fixed").value is None  # still unknown, not "no fixed schedule"
    assert at.multiselect(key="f_accommodations").value == [0]
    assert int(at.metric[0].value) == expected
    # Taking the aid off: now nobody can lift what the work asks.
    at.multiselect(key="f_accommodations").set_value([]).run()
    assert int(at.metric[0].value) == 0


def test_the_shortlist_persists_and_exports_are_audited(signed_in, app_env, deferred_files):
    at = signed_in("adviseur")
    package = app_env["packages"][0]
    at.selectbox(key="vac_pick").set_value(package.id).run()
    first = app_env["twins"][package.id]
    at.button(key=f"add-{package.id}-{first}").click().run()
    assert not at.exception
    table = at.dataframe[0].value
    columns = texts_nl.APP_EXPORT_COLUMNS
    # On the vacancy's own page, no columns that repeat the vacancy (the exports have them); who added
    # the candidate is shown, since the list is shared by the WSP.
    shown = [v for k, v in columns.items() if k not in ("package_id", "package_title")]
    assert list(table.columns) == [shown[0], texts_nl.OUTCOME_TEXTS["status"], *shown[1:]]
    assert table[columns["added_by"]].tolist() == ["adviseur"]
    assert table[columns["candidate_id"]].tolist() == [first]
    buttons = at.get("download_button")
    assert [b.label for b in buttons] == [T["shortlist"]["csv"], T["shortlist"]["xlsx"]]
    assert (Action.EXPORT.value, first) not in actions(app_env["db"])  # showing the buttons is no export
    # A click makes the file (what the browser asks the server for) and does not rerun the page: a rerun
    # would give the other button's file a new id, so a second download clicked right after the first
    # would ask for an id that no longer exists (both downloads were lost that way).
    assert all(b.proto.ignore_rerun for b in buttons)
    made = deferred_files[buttons[0].proto.deferred_file_id]()
    rows = list(csv.reader(io.StringIO(made.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(columns.values()) and [row[2] for row in rows[1:]] == [first]
    log = actions(app_env["db"])
    assert (Action.SHORTLIST_ADD.value, first) in log and (Action.EXPORT.value, first) in log
    deferred_files[buttons[1].proto.deferred_file_id]()
    assert actions(app_env["db"]).count((Action.EXPORT.value, first)) == 2
    # A new session of the same user sees the same shortlist (SQLite, not session state).
    again = AppTest.from_file(str(APP), default_timeout=60).run()
    sign_in(again, "adviseur")
    again.selectbox(key="vac_pick").set_value(package.id).run()
    assert again.dataframe[0].value[texts_nl.APP_EXPORT_COLUMNS["candidate_id"]].tolist() == [first]
    with sqlite3.connect(app_env["db"]) as conn:
        assert conn.execute("SELECT candidate_id FROM shortlist").fetchall() == [(first,)]


# ------------------------------------------------------------------------------------------ werk naar werk
def test_werk_naar_werk_lists_ending_jobs_and_ranks_packages(signed_in, app_env):
    at = signed_in("adviseur")
    at.switch_page("webapp/pages/werk_naar_werk.py").run()
    assert not at.exception
    labels = at.selectbox(key="wnw_job").options
    assert len(labels) == len(app_env["ending"])
    assert all(any(f"Kandidaat {cid} " in label for label in labels) for cid in app_env["ending"])
    assert not any(f"Kandidaat {cid} " in " ".join(labels) for cid in app_env["ended_long_ago"])
    chosen = at.selectbox(key="wnw_job").value
    assert chosen.candidate_id == app_env["ending"][0]  # the soonest end first
    expected = _matcher(app_env).for_candidate(chosen.candidate_id, k=10)
    page = texts(at)
    by_id = {p.id: p for p in app_env["packages"]}
    for m in expected:
        assert f"{m.rank}. {by_id[m.package_id].title}" in page
    assert T["werk"]["current"] in page or all(m.package_id != chosen.package_id for m in expected)
    at.session_state[f"uitleg-{chosen.candidate_id}-{expected[0].package_id}"] = True
    at.run()
    assert texts(at).count(texts_nl.EXPLANATION["summary"]) == 1
    assert f"**{T['werk']['tasks']}**" in texts(at)  # the package's tasks under their own heading
    assert (Action.VIEW_CANDIDATE.value, chosen.candidate_id) in actions(app_env["db"])
    # Waarom niet: the package in Maastricht is beyond the candidate's hour of travel.
    at.toggle(key=f"wnw-why-{chosen.candidate_id}").set_value(True).run()
    assert not at.exception
    page = texts(at)
    assert T["werk"]["why_not_intro"] in page
    assert "**Medewerker post — Gemeente Utrecht, Maastricht**" in page and "Reistijd" in page


def test_werk_naar_werk_marks_the_current_job_among_the_excluded(signed_in, app_env, monkeypatch, tmp_path):
    # The latest job of an ending candidate is the package in Maastricht, beyond their travel time; it
    # ends before the other ending jobs, so this candidate comes first.
    person = app_env["ending"][1]
    folder = tmp_path / "data"
    shutil.copytree(app_env["data"], folder)
    today = date.today()
    placements = [*read_placements(folder / "placements.jsonl").records]
    placements.append(Placement(person, FAR_AWAY, today - timedelta(days=10), today + timedelta(days=20)))
    write_jsonl(placements, folder / "placements.jsonl")
    monkeypatch.setenv("BANENMATCH_DATA", str(folder))
    at = signed_in("adviseur")
    at.switch_page("webapp/pages/werk_naar_werk.py").run()
    chosen = at.selectbox(key="wnw_job").value
    assert (chosen.candidate_id, chosen.package_id) == (person, FAR_AWAY)
    at.toggle(key=f"wnw-why-{person}").set_value(True).run()
    assert not at.exception
    page = texts(at)
    current = T["werk"]["why_not_current"].format(
        line=T["werk"]["why_not_line"].format(
            title="Medewerker post", employer="Gemeente Utrecht", place="Maastricht"
        )
    )
    assert f"**{current}**" in page
    assert page.count(T["werk"]["why_not_current"].format(line="")) == 1  # only the current job


# ------------------------------------------------------------------------------------------ functieprofielen
def test_functieprofielen_searches_and_counts_with_suppression(signed_in, app_env):
    at = signed_in("projectleider")
    assert not at.exception
    at.text_input(key="fp_query").input("schoonmaak").run()
    listed = at.dataframe[0].value[T["profielen"]["col_title"]].tolist()
    catalogue = load_function_profiles()
    expected = [
        p.title for p in catalogue if "schoonmaak" in " ".join([p.title, *p.tasks, p.description]).lower()
    ]
    assert listed == sorted(expected, key=str.casefold) and 0 < len(listed) < len(catalogue)
    # What the chosen profile demands, each level in full words (a narrow table cut them off).
    chosen = next(p for p in catalogue if p.title == listed[0])
    page = texts(at)
    for code, level in chosen.demands.items():
        line = T["profielen"]["demand_line"].format(
            item=texts_nl.fml_name_nl(code), level=level, words=texts_nl.fml_level_nl(code, level)
        )
        assert line in page, line
    at.text_input(key="fp_query").input("").run()
    everything = at.dataframe[0].value[T["profielen"]["col_title"]].tolist()
    assert everything == sorted((p.title for p in catalogue), key=str.casefold)
    assert everything != [p.title for p in catalogue]  # the catalogue's own order is not alphabetical
    counts = at.dataframe[-1].value
    column = counts[T["profielen"]["col_count"]].tolist()
    assert len(column) == 35
    shown = [int(c) for c in column if c != T["profielen"]["suppressed"]]
    assert all(n >= 5 for n in shown)
    assert T["profielen"]["suppressed"] in column  # the planted people live around Utrecht only
    region = counts[T["profielen"]["col_region"]].tolist()
    assert int(column[region.index("Midden-Utrecht")]) >= 5
    assert not any(a == Action.VIEW_CANDIDATE.value for a, _ in actions(app_env["db"]))


# ------------------------------------------------------------------------------------------ evaluatie
def test_evaluatie_shows_a_report(signed_in, app_env):
    folder = app_env["reports"] / "run-1"
    (folder / "plots").mkdir(parents=True)
    metrics = {
        "vacancy": {
            "full": {"ndcg@10": 0.61, "violations@10": 0},
            "bm25": {"ndcg@10": 0.42, "violations@10": 3},
        }
    }
    (folder / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    (folder / "report.md").write_text(
        "# Benchmark\n\n![ndcg](plots/ndcg.png)\n\nAlles in orde.\n", encoding="utf-8"
    )
    from PIL import Image

    Image.new("RGB", (20, 10), "white").save(folder / "plots" / "ndcg.png")
    at = signed_in("evaluator")
    assert not at.exception
    table = at.dataframe[0].value
    assert table.loc["full", "ndcg@10"] == pytest.approx(0.61) and table.loc["bm25", "violations@10"] == 3
    assert len(at.get("image")) == 1
    assert "Alles in orde." in texts(at) and "![ndcg]" not in texts(at)


def _scored(judged: int) -> dict:
    return {
        system: {"ndcg@10": value, "violations@10": 0, "judged_queries": judged}
        for system, value in (("tfidf", 0.1), ("full", 0.4))
    }


def _tested(p: float) -> dict:
    return {
        "full": {"ndcg@10": {"difference": 0.3, "p_student": p, "p_randomisation": p, "significant": False}}
    }


def test_evaluatie_says_when_a_direction_has_too_few_judged_queries(signed_in, app_env):
    # was: "Means over 1 judged queries" and p = 1.000 everywhere, shown like any other figure
    folder = app_env["reports"] / "klein"
    folder.mkdir()
    metrics = {
        "vacancy": _scored(1),
        "candidate": _scored(100),
        "significance": {"vacancy": _tested(1.0), "candidate": _tested(0.0123)},
        "baseline": "tfidf",
    }
    (folder / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    at = signed_in("evaluator")
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1
    assert warnings[0].startswith(texts_nl.count_nl(T["evaluatie"], "too_few_vacancy", 1))
    assert "1 vacature heeft" in warnings[0] and "minstens 30" in warnings[0]
    shown = [d.value for d in at.dataframe]
    assert [len(t) for t in shown[:2]] == [2, 2]  # both directions' systems are still shown
    tests = [t for t in shown if "p_student" in t.columns]  # the candidate direction's test only
    assert len(tests) == 1 and tests[0].loc["ndcg@10", "p_student"] == pytest.approx(0.0123)


def test_evaluatie_runs_a_small_evaluation_and_shows_its_report(signed_in, app_env):
    at = signed_in("evaluator")
    assert T["evaluatie"]["none"].format(folder=app_env["reports"]) in texts(at)
    assert "rond Utrecht" in texts(at) and "{region}" not in texts(at)
    at.number_input(key="ev_size").set_value(300)
    at.button(key="ev_start").click().run(timeout=240)
    assert not at.exception
    flash = [s.value for s in at.success]
    assert len(flash) == 1 and flash[0].startswith("Klaar: rapport app-")
    folder = next(app_env["reports"].glob("app-*"))
    assert (folder / "metrics.json").is_file() and (folder / "world" / "candidates.jsonl").is_file()
    systems = at.dataframe[0].value
    assert [c.value for c in at.caption if c.value.startswith("Vacature →")]
    assert "full" in systems.index and (systems.filter(like="violations@").loc["full"] == 0).all()
    assert len(at.get("image")) >= 1
    # the regional world has enough judged queries in both directions (the national one of 100 had 1)
    judged = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    assert min(judged[d]["full"]["judged_queries"] for d in ("vacancy", "candidate")) >= 30
    assert not at.warning


# ------------------------------------------------------------------------------------------ gegevens
def test_an_upload_is_validated_like_banenmatch_validate_and_the_good_records_are_used(
    signed_in, app_env, tmp_path, monkeypatch, capsys
):
    good = (app_env["data"] / "candidates.jsonl").read_bytes().splitlines()
    bad_lines = [b'{"id": "K9", "education": "universiteit"}', b"{not json", b'{"id": "123456789"}']
    upload = b"\n".join([*good[:5], *bad_lines, good[5]]) + b"\n"
    at = signed_in("adviseur")
    at.switch_page("webapp/pages/gegevens.py").run()
    folder = T["gegevens"]["source_folder"].format(folder=app_env["data"])
    assert T["gegevens"]["current"].format(source=folder) in texts(at)
    at.file_uploader(key="up_cand").set_value(("mijn.jsonl", upload, "application/jsonl"))
    at.get("form_submit_button")[0].click().run()
    assert not at.exception
    # The same files through the command line: identical problem lines, in the same order.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mijn.jsonl").write_bytes(upload)
    vacancies = str(app_env["data"] / "vacancies.jsonl")
    capsys.readouterr()
    assert cli.main(["validate", "--candidates", "mijn.jsonl", "--vacancies", vacancies]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) >= 3
    assert at.code[0].value.splitlines() == printed
    page = texts(at)
    assert "6 kandidaten" in page
    assert T["gegevens"]["problems_howto"] in page  # how to read the lines and what to do
    # The good records are in use, on this page and on the ranking pages, which say so.
    at.switch_page("webapp/pages/vacature.py").run()
    assert int(at.metric[0].value) <= 6
    upload = UploadStore(app_env["db"]).list("Midden-Utrecht")
    assert [(u.name, u.uploaded_by) for u in upload] == [("mijn.jsonl", "adviseur")]  # kept in the store
    assert "mijn.jsonl" in texts(at)
    source = T["common"]["data_upload_named"].format(name="mijn.jsonl", by="adviseur", when="")
    notice = T["common"]["data_source"].format(source=source, candidates=6, packages=len(app_env["packages"]))
    notice = notice.split(", )")[0]  # the time of the upload varies
    page = texts(at)
    assert notice in page and "(6 kandidaten, " in page and T["common"]["data_problems"].format(n=3) in page
    at.switch_page("webapp/pages/werk_naar_werk.py").run()
    assert notice in texts(at)
