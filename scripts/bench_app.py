"""Benchmark of the Streamlit app (docs/BENCHMARKS.md, section "App").

Targets: the first page is interactive within 3 s of starting; a vacancy query round trip within 300 ms.

Measures, on a data folder (default: the bundled ``data/sample``):

1. **Start-up**, in fresh ``streamlit run app.py`` processes: seconds from starting the process to the
   first successful HTTP response (``GET /``), and to the log-in form being visible in Debian's chromium
   (Playwright). The first start also creates the users file (three bcrypt hashes); it is reported
   apart from the warm starts (users file present).
2. **Vacancy query**, in-process: ``Matcher.eligible_count`` + ``Matcher.for_vacancy(k=10)`` + the
   Dutch rendering of every result (``render_nl`` and the app's escaping), p50 / p95 / max over
   vacancies; plus the one-off Matcher build (what the app caches).
3. **Vacancy round trip in the browser**: signed in as adviser, pick another vacancy in the select box
   and wait until its (known) top candidate is shown: p50 / p95 / max.

The floor, in the same run and on the same machine: a bare Streamlit script with the same widgets and
no work (start-up to a visible form; select box to changed text), so the app's own cost can be read
apart from Streamlit's and the browser's.

Usage::

    .venv/bin/python scripts/bench_app.py [--data data/sample] [--encoder default|hashing] [--starts 3] [--queries 50]

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench_common import cpu_model  # noqa: E402

from matcher.encoders import HashingEncoder, default_encoder  # noqa: E402
from matcher.explain import render_nl  # noqa: E402
from tests.app.server import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402
from webapp.dataset import load_folder  # noqa: E402
from webapp.render import bullets, escape  # noqa: E402


def _stats(seconds: list[float]) -> dict[str, float]:
    ms = np.array(seconds) * 1000
    return {
        "p50_ms": round(float(np.percentile(ms, 50)), 1),
        "p95_ms": round(float(np.percentile(ms, 95)), 1),
        "max_ms": round(float(ms.max()), 1),
        "n": len(seconds),
    }


def _start(
    env: dict[str, str], log: Path, script: Path = ROOT / "app.py"
) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **env}, stdout=log.open("wb"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.02)
        if time.perf_counter() - start > 120:
            raise TimeoutError("streamlit did not answer within 120 s")
    return process, url, start


def _stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, 15)
    process.wait(timeout=20)


def startup(browser, env: dict[str, str], tmp: Path, starts: int, script: Path = ROOT / "app.py") -> dict:
    """Start-ups of ``script``; for the app, start 0 also creates the users file and is reported apart."""
    app = script == ROOT / "app.py"
    rows = []
    for n in range(starts + int(app)):
        process, url, start = _start(env, tmp / f"start-{script.stem}-{n}.log", script)
        http_s = time.perf_counter() - start
        page = browser.new_page()
        page.goto(url)
        page.get_by_label("Gebruikersnaam").wait_for(timeout=60_000)
        page.get_by_role("button", name="Inloggen").wait_for(timeout=60_000)
        login_s = time.perf_counter() - start
        page.close()
        _stop(process)
        rows.append({"first_http_s": round(http_s, 2), "login_form_visible_s": round(login_s, 2)})
    warm = rows[1:] if app else rows
    out = {
        "warm_starts": warm,
        "warm_median_login_form_s": round(statistics.median(r["login_form_visible_s"] for r in warm), 2),
        "warm_max_login_form_s": round(max(r["login_form_visible_s"] for r in warm), 2),
    }
    if app:
        out["first_start_creates_users"] = rows[0]
    return out


BARE_APP = """import streamlit as st
TOP = {top!r}
choice = st.selectbox("Vacature of werkpakket", list(TOP), format_func=lambda p: f"{{p}} ({{p}})")
st.text_input("Gebruikersnaam")
st.button("Inloggen")
st.text(f"1. Kandidaat {{TOP[choice]}}")
"""
"""The floor: a bare Streamlit script with the same widgets and no work, measured in the same run."""


def in_process(data_dir: Path, encoder_choice: str, queries: int) -> tuple[dict, dict[str, str], object]:
    from matcher.recommend import Matcher

    t = time.perf_counter()
    data = load_folder(data_dir)
    load_s = time.perf_counter() - t
    encoder = HashingEncoder() if encoder_choice == "hashing" else default_encoder()
    t = time.perf_counter()
    matcher = Matcher(encoder=encoder).fit(data.candidates, data.packages, placements=data.placements)
    build_s = time.perf_counter() - t
    rng = np.random.default_rng(0)
    ids = [
        data.packages[i].id
        for i in rng.choice(len(data.packages), min(queries, len(data.packages)), replace=False)
    ]
    matcher.for_vacancy(ids[0], k=10)  # warm-up
    times, top = [], {}
    for pid in ids:
        t = time.perf_counter()
        matcher.eligible_count(pid)
        matches = matcher.for_vacancy(pid, k=10)
        for m in matches:
            for heading, lines in render_nl(m.explanation).items():
                escape(heading)
                bullets(lines)
        times.append(time.perf_counter() - t)
        if matches:
            top[pid] = matches[0].candidate_id
    return (
        {
            "load_s": round(load_s, 2),
            "matcher_build_s": round(build_s, 2),
            "encoder": encoder.name,
            "query_and_render": _stats(times),
        },
        top,
        data,
    )


def _select_times(page, order: list[str], top: dict[str, str], queries: int) -> list[float]:
    current, times = order[0], []
    for pid in order[1:]:
        if len(times) >= queries:
            break
        if top[pid] == top[current]:
            continue  # the page would not visibly change
        page.get_by_test_id("stSelectbox").filter(has_text="Vacature of werkpakket").first.click()
        page.keyboard.type(pid)
        page.get_by_role("option").filter(has_text=f"({pid})").first.wait_for(timeout=10_000)
        t = time.perf_counter()
        page.keyboard.press("Enter")
        page.get_by_text(f"1. Kandidaat {top[pid]}", exact=True).wait_for(timeout=30_000)
        times.append(time.perf_counter() - t)
        current = pid
    return times


def browser_round_trip(
    browser, env: dict[str, str], tmp: Path, top: dict[str, str], data, queries: int
) -> dict:
    order = [p.id for p in data.packages if p.id in top]
    process, url, _ = _start(env, tmp / "round-trip.log")
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        page.get_by_label("Gebruikersnaam").fill("adviseur")
        page.get_by_label("Wachtwoord").fill("adviseur-demo")
        page.get_by_role("button", name="Inloggen").click()
        t = time.perf_counter()
        page.get_by_text(f"1. Kandidaat {top[order[0]]}", exact=True).wait_for(timeout=300_000)
        first_results_s = time.perf_counter() - t
        app_times = _select_times(page, order, top, queries)
    finally:
        _stop(process)
    bare = tmp / "bare.py"
    bare.write_text(BARE_APP.format(top={pid: top[pid] for pid in order}), encoding="utf-8")
    process, url, _ = _start(env, tmp / "round-trip-bare.log", bare)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        page.get_by_text(f"1. Kandidaat {top[order[0]]}", exact=True).wait_for(timeout=60_000)
        bare_times = _select_times(page, order, top, queries)
    finally:
        _stop(process)
    return {
        "first_results_after_login_s": round(first_results_s, 2),
        "select_to_top_candidate": _stats(app_times),
        "bare_streamlit_select_to_text": _stats(bare_times),
    }


def _bare(tmp: Path) -> Path:
    path = tmp / "bare_login.py"
    path.write_text(BARE_APP.format(top={"P": "K"}), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "sample")
    parser.add_argument("--encoder", choices=["default", "hashing"], default="default")
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--browser-queries", type=int, default=15)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = {
            "BANENMATCH_DATA": str(args.data.resolve()),
            "BANENMATCH_VAR": str(tmp / "var"),
            "BANENMATCH_REPORTS": str(tmp / "reports"),
            "BANENMATCH_ENCODER": args.encoder,
        }
        query, top, data = in_process(args.data, args.encoder, args.queries)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                report = {
                    "data": str(args.data),
                    "candidates": len(data.candidates),
                    "packages": len(data.packages),
                    "startup": startup(browser, env, tmp, args.starts),
                    "startup_bare_streamlit": startup(browser, env, tmp, args.starts, _bare(tmp)),
                    "query_in_process": query,
                    "browser": browser_round_trip(browser, env, tmp, top, data, args.browser_queries),
                }
            finally:
                browser.close()
    report["machine"] = (
        f"{os.cpu_count()} cores, {cpu_model()}, python {platform.python_version()}, chromium "
        f"{subprocess.run([str(CHROMIUM), '--version'], capture_output=True, text=True).stdout.strip()}"
    )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
