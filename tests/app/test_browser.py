"""The app in a real browser: Debian's chromium driven by Playwright against ``streamlit run app.py``.

Logs in, opens a vacancy, reads ranked candidates and an explanation, puts one on the shortlist,
downloads the CSV export and records what happened to the proposal; visits every page of the adviser, then logs in as evaluator. Saves one
screenshot per page to ``docs/screenshots/``. Data: ``matcher/data/sample`` (the app's default) when present,
else the small planted world of the other app tests; the shipped model when present, else the
hashing encoder.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest

from matcher import texts_nl
from matcher.encoders import DEFAULT_MODEL_DIR
from matcher.paths import SAMPLE_DIR
from tests.app.server import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_app
from tests.app.world import write_world
from webapp.audit import Action, AuditLog
from webapp.outcomes import OutcomeStore
from webapp.reports import run_steps, small_run_commands

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium (/usr/bin/chromium) is not installed"
    ),
]

T = texts_nl.APP_TEXTS
OUT = texts_nl.OUTCOME_TEXTS
SAMPLE = SAMPLE_DIR
# Screenshots go to reports/screenshots (not tracked); to refresh the ones in the docs run
# BANENMATCH_SCREENSHOTS=docs/screenshots .venv/bin/python -m pytest tests/app/test_browser.py
SCREENSHOTS = ROOT / os.environ.get("BANENMATCH_SCREENSHOTS", "reports/screenshots")
LOAD = 180_000  # ms: the first query builds the index (real model on the sample data, on a busy machine)
STEP = 60_000


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    env = {
        "BANENMATCH_VAR": str(tmp / "var"),
        "BANENMATCH_REPORTS": str(tmp / "reports"),
        "BANENMATCH_ENCODER": "default" if DEFAULT_MODEL_DIR.is_dir() else "hashing",
    }
    if not (SAMPLE / "candidates.jsonl").is_file():
        write_world(tmp / "data")
        env["BANENMATCH_DATA"] = str(tmp / "data")
    else:
        env["BANENMATCH_DATA"] = str(SAMPLE)
    _report(tmp / "reports" / "voorbeeld")
    with streamlit_app(env, log=tmp / "streamlit.log") as (url, _):
        yield url, Path(env["BANENMATCH_DATA"]), tmp / "var" / "banenmatch.sqlite"


def _report(folder: Path) -> None:
    """A real evaluation report: the app's own small run (synthetic world of 100, hashing encoder)."""
    lines: list[str] = []
    commands = small_run_commands(folder, candidates=100, seed=3, encoder="hashing")
    assert run_steps(commands, lines.append, lambda _: None) == 0, "\n".join(lines[-20:])


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1600}, accept_downloads=True)
    return context, context.new_page()


def _idle(page) -> None:
    """Wait until Streamlit has finished its current run (a widget typed into mid-run can be reset)."""
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=STEP)


def _sign_in(page, url: str, username: str, password: str) -> None:
    page.goto(url)
    user = page.get_by_label(T["login"]["username"])
    user.wait_for(timeout=STEP)
    _idle(page)
    user.fill(username)
    page.get_by_label(T["login"]["password"]).fill(password)
    page.keyboard.press("Tab")
    _idle(page)
    page.get_by_role("button", name=T["login"]["submit"]).click()


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(400)  # let charts and expanders finish drawing
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def _body(page) -> str:
    return page.get_by_test_id("stMain").inner_text()


def _matcher(data_dir: Path):
    """A Matcher on the app's data with the hashing encoder: eligibility does not depend on the encoder."""
    from matcher.encoders import HashingEncoder
    from matcher.recommend import Matcher
    from webapp.dataset import load_folder

    data = load_folder(data_dir)
    return data, Matcher(encoder=HashingEncoder()).fit(
        data.candidates, data.packages, placements=data.placements
    )


def _default_vacancy(data_dir: Path) -> tuple[str, int]:
    """The vacancy the page opens on (the first of the data) and how many candidates the rule admits."""
    data, matcher = _matcher(data_dir)
    first = data.packages[0].id
    return first, matcher.eligible_count(first)


def _default_ending_candidate(data_dir: Path) -> tuple[str, int]:
    """The person *van werk naar werk* opens on (default settings) and how many packages it lists."""
    from datetime import date

    from webapp.ending import ending_jobs, first_with_packages, reference_date

    data, matcher = _matcher(data_dir)
    jobs = ending_jobs(data.placements, as_of=reference_date(data.placements, date.today()))
    job = jobs[first_with_packages(jobs, data.candidates_by_id, data.packages)]
    return job.candidate_id, len(matcher.for_candidate(job.candidate_id, k=10))


def test_an_adviser_finds_explains_shortlists_and_exports(app_url, browser, tmp_path):
    url, data_dir, database = app_url
    context, page = _page(browser)
    page.goto(url)
    page.get_by_label(T["login"]["username"]).wait_for(timeout=STEP)
    assert T["login"]["demo"] in _body(page)
    _shot(page, "login")

    _sign_in(page, url, "adviseur", "adviseur-demo")
    page.get_by_role("heading", name=T["vacature"]["title"], exact=True).wait_for(timeout=LOAD)
    # The first screen: the vacancy the page opens on, with its ranked list (README's first screenshot).
    package_id, eligible = _default_vacancy(data_dir)
    if data_dir == SAMPLE:
        assert eligible >= 10  # issue 12: the old sample opened on a vacancy with 1 candidate
    page.get_by_test_id("stMetricValue").filter(has_text=str(eligible)).wait_for(timeout=LOAD)
    first = page.get_by_text(re.compile(r"^1\. Kandidaat \S+$")).first
    first.wait_for(timeout=LOAD)
    candidate_id = first.inner_text().split()[-1]
    last = min(10, eligible)
    page.get_by_text(re.compile(rf"^{last}\. Kandidaat ")).wait_for(timeout=STEP)
    assert page.get_by_text(re.compile(r"^\d+\. Kandidaat \S+$")).count() == last
    _idle(page)
    _shot(page, "eerste-scherm")
    page.get_by_text(T["common"]["explanation"], exact=True).first.click()
    summary = page.get_by_text(texts_nl.EXPLANATION["summary"], exact=True).first
    summary.wait_for(timeout=STEP)
    body = _body(page)
    assert texts_nl.EXPLANATION["factors"] in body and "Betrouwbaarheid:" in body
    assert "\\" not in body  # markdown escapes never show

    page.get_by_role("button", name=T["vacature"]["add"]).first.click()
    page.get_by_role("button", name=T["vacature"]["on_list"]).first.wait_for(timeout=STEP)
    page.get_by_text(T["shortlist"]["privacy"]).scroll_into_view_if_needed()
    with page.expect_download(timeout=STEP) as download:
        page.get_by_role("button", name=T["shortlist"]["csv"]).click()
    saved = tmp_path / "shortlist.csv"
    download.value.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(texts_nl.APP_EXPORT_COLUMNS.values())
    assert [row[2] for row in rows[1:]] == [candidate_id]
    # Straight after the CSV, the Excel file (a download must not rerun the page and so make the other
    # button's file id stale).
    with page.expect_download(timeout=STEP) as download:
        page.get_by_role("button", name=T["shortlist"]["xlsx"]).click()
    assert download.value.suggested_filename.endswith(".xlsx")
    logged = {(e.action, e.candidate_id) for e in AuditLog(database).entries()}
    for action in (Action.VIEW_CANDIDATE, Action.VIEW_EXPLANATION, Action.SHORTLIST_ADD, Action.EXPORT):
        assert (action, candidate_id) in logged, action
    page.get_by_text(texts_nl.EXPLANATION["summary"], exact=True).first.scroll_into_view_if_needed()
    _shot(page, "vacature")

    # What happened next: proposed to the employer, then turned down by the adviser after all.
    _record_outcome(page, texts_nl.OUTCOME_STEPS_NL["voorgesteld"])
    _record_outcome(
        page,
        texts_nl.OUTCOME_STEPS_NL["afgewezen_adviseur"],
        texts_nl.OUTCOME_REASONS_NL["past_niet_ondanks_match"],
    )
    history = page.get_by_text(OUT["history"].format(id=candidate_id))
    history.scroll_into_view_if_needed()
    _shot(page, "uitkomst")
    steps = OutcomeStore(database).history("Midden-Utrecht", package_id, candidate_id)
    assert [(s.step.value, s.reason, s.adviser) for s in steps] == [
        ("voorgesteld", None, "adviseur"),
        ("afgewezen_adviseur", "past_niet_ondanks_match", "adviseur"),
    ]

    page.get_by_role("link", name=T["pages"]["werk-naar-werk"]).click()
    page.get_by_role("heading", name=T["werk"]["title"], exact=True).wait_for(timeout=STEP)
    # The person the page opens on has fitting packages (the first on the list who has any).
    _, n_packages = _default_ending_candidate(data_dir)
    assert n_packages > 0
    page.get_by_text(re.compile(rf"^{n_packages}\. ")).wait_for(timeout=LOAD)
    assert page.get_by_text(re.compile(r"^\d+\. .+ — ")).count() == n_packages
    _shot(page, "werk-naar-werk")

    page.get_by_role("link", name=T["pages"]["functieprofielen"]).click()
    page.get_by_text(T["profielen"]["supply"]).wait_for(timeout=LOAD)
    page.get_by_text(T["profielen"]["supply_note"][:40]).wait_for(timeout=STEP)
    counts = page.get_by_test_id("stDataFrame").last.locator("table").text_content()
    assert counts.startswith(
        T["profielen"]["col_region"] + T["profielen"]["col_place"] + T["profielen"]["col_count"]
    )
    shown = re.findall(r"(?:< 5|\d+)(?=[A-Z]|$)", counts.split(T["profielen"]["col_count"], 1)[1])
    assert len(shown) >= 10  # the grid renders the rows in view
    assert all(n == "< 5" or int(n) >= 5 for n in shown)
    page.get_by_text(T["profielen"]["supply"]).scroll_into_view_if_needed()
    _shot(page, "functieprofielen")

    # A fresh tab of the same browser: signed in again by the cookie; the evaluator page stays closed.
    other = context.new_page()
    other.goto(f"{url}/evaluatie")
    other.get_by_role("heading", name=T["vacature"]["title"], exact=True).wait_for(timeout=LOAD)
    assert other.get_by_role("heading", name=T["evaluatie"]["title"], exact=True).count() == 0
    # Both log-ins are audited: the form's and the cookie's.
    logins = AuditLog(database).entries(username="adviseur", actions=[Action.LOGIN])
    assert len(logins) >= 2
    context.close()


def _pick(page, label: str, option: str) -> None:
    """Choose ``option`` in the select box labelled ``label`` (opened again if a rerun closed it)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True)).first
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        _idle(page)
        box.click()
        try:
            choice.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:  # the list closed before it was drawn (a rerun): open it again
            page.keyboard.press("Escape")
    choice.click()


def _record_outcome(page, step: str, reason: str | None = None) -> None:
    """Fill in the outcome form under the shortlist and wait until the step shows in the history."""
    _pick(page, OUT["step"], step)
    if reason is not None:
        _pick(page, OUT["reason"], reason)
    page.get_by_role("button", name=OUT["save"]).click()
    line = re.compile(rf"^\d\d-\d\d-\d{{4}}: {re.escape(step)}")
    page.get_by_text(line).first.wait_for(timeout=STEP)


def test_an_evaluator_reads_a_report_and_cannot_open_adviser_pages(app_url, browser):
    url, _, _ = app_url
    context, page = _page(browser)
    _sign_in(page, url, "evaluator", "evaluator-demo")
    page.get_by_role("heading", name=T["evaluatie"]["title"], exact=True).wait_for(timeout=STEP)
    page.get_by_role("heading", name=T["evaluatie"]["plots"], exact=True).wait_for(timeout=STEP)
    page.get_by_test_id("stImage").first.wait_for(timeout=STEP)
    assert page.get_by_role("link", name=T["pages"]["vacature"]).count() == 0
    _shot(page, "evaluatie")
    page.goto(f"{url}/vacature")
    page.get_by_role("heading", name=T["evaluatie"]["title"], exact=True).wait_for(timeout=STEP)
    assert page.get_by_role("heading", name=T["vacature"]["title"], exact=True).count() == 0
    context.close()


def test_a_project_leader_carves_packages_from_a_profile(app_url, browser):
    url, _, _ = app_url
    context, page = _page(browser)
    _sign_in(page, url, "projectleider", "projectleider-demo")
    # as a user does: the first page after log-in is on screen (and its run done) before the next click
    page.get_by_role("link", name=T["pages"]["jobcarving"]).wait_for(timeout=LOAD)
    _idle(page)
    page.get_by_role("link", name=T["pages"]["jobcarving"]).click()
    carving = texts_nl.CARVING_NL
    page.get_by_role("heading", name=carving["title"], exact=True).wait_for(timeout=STEP)
    assert page.get_by_role("link", name=T["pages"]["vacature"]).count() == 0
    _idle(page)
    page.get_by_role("textbox", name=carving["employer"]).fill("Gemeente Utrecht")
    page.keyboard.press("Tab")
    _idle(page)
    page.get_by_test_id("stSelectbox").filter(has_text=carving["municipality"]).first.click()
    page.keyboard.type("Utrecht")
    page.get_by_role("option", name="Utrecht", exact=True).click()
    _idle(page)
    page.get_by_test_id("stSelectbox").filter(has_text=carving["profile"]).first.click()
    page.keyboard.type("Medewerker groen")
    page.get_by_role("option").filter(has_text="Medewerker groen").first.click()
    note = carving["profile_note"].format(title="Medewerker groen (groenvoorziening)")
    page.get_by_text(note[:50]).wait_for(timeout=STEP)
    _idle(page)
    page.get_by_role("button", name=carving["go"]).click()
    page.get_by_role("heading", name=carving["results"], exact=True).wait_for(timeout=LOAD)
    page.get_by_role("button", name=carving["download"]).wait_for(timeout=STEP)  # the last element
    counts = page.get_by_test_id("stMetricValue").all_inner_texts()
    assert counts and all(c == carving["suppressed"] or int(c) >= 5 for c in counts)
    assert page.get_by_text(re.compile(r"^Pakket 1: ")).count() == 1
    body = _body(page)
    assert "\\" not in body and carving["results_note"][:30] in body
    grid = page.get_by_test_id("stDataFrame").first.locator(".dvn-scroller")
    assert grid.evaluate("e => e.scrollWidth <= e.clientWidth + 1")  # every column in view
    page.get_by_role("heading", name=carving["section_tasks"]).evaluate("e => e.scrollIntoView()")
    _shot(page, "jobcarving")
    context.close()


def test_a_wrong_password_is_refused_in_the_browser(app_url, browser):
    url, _, _ = app_url
    context, page = _page(browser)
    _sign_in(page, url, "adviseur", "niet-het-wachtwoord")
    page.get_by_text(T["login"]["wrong"]).wait_for(timeout=STEP)
    assert page.get_by_role("link", name=T["pages"]["vacature"]).count() == 0
    context.close()


def test_the_screenshots_exist():
    assert SCREENSHOTS.is_dir()
    for name in (
        "login",
        "eerste-scherm",
        "vacature",
        "uitkomst",
        "werk-naar-werk",
        "functieprofielen",
        "jobcarving",
        "evaluatie",
    ):
        assert (SCREENSHOTS / f"{name}.png").stat().st_size > 5_000, name
