"""Real browsers against one app process (docs/BENCHMARKS.md, "The app under many advisers").

N sessions in Debian's chromium (Playwright, one browser, one context per session, all at once): each
opens the app, logs in as the demo adviser and then switches vacancies without pause until the time
is up, the way issue 13's browser figures were taken (2, 10 and 20 sessions). Measured per session:

- **log-in**: from the click on "Inloggen" to the first vacancy's known top candidate on the page. When
  nothing has happened 30 s after the click and the password is still in its field (the form is
  cleared once the server has run the submission), the click counts as
  **lost** and is repeated (what the issue saw in 3 of 10 sessions);
- **vacancy switch**: from pressing Enter on another vacancy in the select box to that vacancy's known
  top candidate (from an in-process Matcher on the same data) on the page.

Bounded and local: the app listens on 127.0.0.1 and is stopped at the end; chromium is started with
the flags of the browser tests (no background networking).

Usage::

    .venv/bin/python scripts/load_browser.py --sessions 10 [--duration 120] [--encoder default|hashing]
        [--data FOLDER]

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "scripts"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from bench_app import _start, _stats, _stop, in_process  # noqa: E402
from playwright.async_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from tests.app.server import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from webapp.auth import ensure_users_file  # noqa: E402

LOST_AFTER_S = 30.0


async def _session(
    browser, url: str, order: list[str], top: dict[str, str], deadline: float, out: dict
) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    try:
        await page.goto(url, timeout=120_000)
        await page.get_by_label("Gebruikersnaam").fill("adviseur", timeout=120_000)
        await page.get_by_label("Wachtwoord").fill("adviseur-demo")
        first = page.get_by_text(f"1. Kandidaat {top[order[0]]}", exact=True)
        login = page.get_by_role("button", name="Inloggen")
        start = time.perf_counter()
        await login.click()
        while True:
            try:
                await first.wait_for(timeout=LOST_AFTER_S * 1000)
                break
            except PlaywrightTimeout:
                if time.perf_counter() - start > 300:
                    raise
                # The form is cleared when the server has run the submission (clear_on_submit): a
                # password still in its field this long after the click means the click was lost.
                password = page.get_by_label("Wachtwoord")
                if await password.count() and await password.input_value():
                    out["lost_login_clicks"] += 1
                    await login.click()
        out["login"].append(time.perf_counter() - start)
        current = order[0]
        position = 1
        while time.time() < deadline:
            pid = order[position % len(order)]
            position += 1
            if top[pid] == top[current]:
                continue  # the page would not visibly change
            await page.get_by_test_id("stSelectbox").filter(has_text="Vacature of werkpakket").first.click()
            await page.keyboard.type(pid)
            await page.get_by_role("option").filter(has_text=f"({pid})").first.wait_for(timeout=60_000)
            start = time.perf_counter()
            await page.keyboard.press("Enter")
            await page.get_by_text(f"1. Kandidaat {top[pid]}", exact=True).wait_for(timeout=120_000)
            out["switch"].append(time.perf_counter() - start)
            current = pid
    except Exception as exc:  # a timeout or a page error: counted, the other sessions go on
        out["errors"].append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
    finally:
        await context.close()


async def _run(args: argparse.Namespace, url: str, order: list[str], top: dict[str, str]) -> dict:
    from playwright.async_api import async_playwright

    out = {"login": [], "switch": [], "lost_login_clicks": 0, "errors": []}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        # the first visit builds the Matcher in the app: timed apart, by one session before the others
        warm = {"login": [], "switch": [], "lost_login_clicks": 0, "errors": []}
        await _session(browser, url, order, top, 0.0, warm)
        deadline = time.time() + args.duration
        await asyncio.gather(
            *(_session(browser, url, order, top, deadline, out) for _ in range(args.sessions))
        )
        await browser.close()
    return {
        "sessions": args.sessions,
        "duration_s": args.duration,
        "warm_up_login_s": round(warm["login"][0], 1) if warm["login"] else None,
        "login": _stats(out["login"]) if out["login"] else None,
        "lost_login_clicks": out["lost_login_clicks"],
        "vacancy_switch": _stats(out["switch"]) if out["switch"] else None,
        "errors": len(out["errors"]),
        "first_errors": out["errors"][:5],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--duration", type=float, default=120.0)
    parser.add_argument("--encoder", choices=["default", "hashing"], default="default")
    parser.add_argument("--data", type=Path, default=ROOT / "matcher" / "data" / "sample")
    args = parser.parse_args(argv)
    _, top, data = in_process(args.data, args.encoder, queries=len(load_ids(args.data)))
    order = [p.id for p in data.packages if p.id in top]
    with tempfile.TemporaryDirectory(prefix="banenmatch-load-browser-") as tmp:
        users = Path(tmp) / "users.yaml"
        ensure_users_file(users)
        env = {
            "BANENMATCH_VAR": f"{tmp}/var",
            "BANENMATCH_USERS": str(users),
            "BANENMATCH_ENCODER": args.encoder,
            "BANENMATCH_DATA": str(args.data.resolve()),
        }
        process, url, _ = _start(env, Path(tmp) / "app.log")
        try:
            result = asyncio.run(_run(args, url, order, top))
        finally:
            _stop(process)
    result["encoder"] = args.encoder
    result["load_average_after"] = os.getloadavg()
    result["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version()}
    print(json.dumps(result, indent=2))
    return 0


def load_ids(folder: Path) -> list[str]:
    from webapp.dataset import load_folder

    return [p.id for p in load_folder(folder).packages]


if __name__ == "__main__":
    sys.exit(main())
