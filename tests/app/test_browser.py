"""The app in a real browser: Debian's chromium driven by Playwright against ``streamlit run app.py``.

Logs in, opens a vacancy, reads ranked candidates and an explanation, puts one on the shortlist and
downloads the CSV export; visits every page of the adviser, then logs in as evaluator. Saves one
screenshot per page to ``docs/screenshots/``. Data: ``data/sample`` (the app's default) when present,
else the small planted world of the other app tests; the shipped model when present, else the
hashing encoder.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from matcher import texts_nl
from matcher.encoders import DEFAULT_MODEL_DIR
from tests.app.server import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_app
from tests.app.world import write_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium (/usr/bin/chromium) is not installed"
    ),
]

T = texts_nl.APP_TEXTS
SAMPLE = ROOT / "data" / "sample"
SCREENSHOTS = ROOT / "docs" / "screenshots"
LOAD = 120_000  # ms: the first query builds the index (real model on the sample data)
STEP = 30_000


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
        yield url, tmp


def _report(folder: Path) -> None:
    """An evaluation report folder in the layout evaluation/report.py writes."""
    (folder / "plots").mkdir(parents=True)
    metrics = {
        "vacancy": {
            "full": {"ndcg@10": 0.58, "map": 0.41, "violations@10": 0},
            "tfidf": {"ndcg@10": 0.37, "map": 0.25, "violations@10": 12},
        },
        "baseline": "tfidf",
    }
    (folder / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    (folder / "report.md").write_text("# Benchmark\n\nHet volledige systeem schendt geen harde voorwaarde.\n")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.bar(["full", "tfidf"], [0.58, 0.37])
    ax.set_ylabel("ndcg@10")
    fig.savefig(folder / "plots" / "ndcg@10.png", dpi=80)
    plt.close(fig)


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


def _sign_in(page, url: str, username: str, password: str) -> None:
    page.goto(url)
    page.get_by_label(T["login"]["username"]).fill(username)
    page.get_by_label(T["login"]["password"]).fill(password)
    page.get_by_role("button", name=T["login"]["submit"]).click()


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(400)  # let charts and expanders finish drawing
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def _body(page) -> str:
    return page.get_by_test_id("stMain").inner_text()


def test_an_adviser_finds_explains_shortlists_and_exports(app_url, browser, tmp_path):
    url, _ = app_url
    context, page = _page(browser)
    page.goto(url)
    page.get_by_label(T["login"]["username"]).wait_for(timeout=STEP)
    assert T["login"]["demo"] in _body(page)
    _shot(page, "login")

    _sign_in(page, url, "adviseur", "adviseur-demo")
    page.get_by_role("heading", name=T["vacature"]["title"], exact=True).wait_for(timeout=STEP)
    first = page.get_by_text(re.compile(r"^1\. Kandidaat \S+$")).first
    first.wait_for(timeout=LOAD)
    candidate_id = first.inner_text().split()[-1]
    page.get_by_text(re.compile(r"^2\. Kandidaat ")).wait_for(timeout=STEP)
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
    page.get_by_text(texts_nl.EXPLANATION["summary"], exact=True).first.scroll_into_view_if_needed()
    _shot(page, "vacature")

    page.get_by_role("link", name=T["pages"]["werk-naar-werk"]).click()
    page.get_by_role("heading", name=T["werk"]["title"], exact=True).wait_for(timeout=STEP)
    results = page.get_by_role("heading", name=T["werk"]["results"], exact=True)
    if page.get_by_text(T["werk"]["none"]).count() == 0:
        results.wait_for(timeout=LOAD)
        assert page.get_by_text(re.compile(r"^1\. ")).count() >= 1
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
    context.close()


def test_an_evaluator_reads_a_report_and_cannot_open_adviser_pages(app_url, browser):
    url, _ = app_url
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


def test_a_wrong_password_is_refused_in_the_browser(app_url, browser):
    url, _ = app_url
    context, page = _page(browser)
    _sign_in(page, url, "adviseur", "niet-het-wachtwoord")
    page.get_by_text(T["login"]["wrong"]).wait_for(timeout=STEP)
    assert page.get_by_role("link", name=T["pages"]["vacature"]).count() == 0
    context.close()


def test_the_screenshots_exist():
    shutil.disk_usage(SCREENSHOTS)  # the folder exists
    for name in ("login", "vacature", "werk-naar-werk", "functieprofielen", "evaluatie"):
        assert (SCREENSHOTS / f"{name}.png").stat().st_size > 5_000, name
