"""Load test of the whole app (docs/BENCHMARKS.md, section "The app under many advisers").

Simulated advisers drive real app processes (``streamlit run app.py``) through Streamlit's agent API
(``POST /_stcore/agent/interact``): every action is a real rerun of the app's script, with its log-in
form, the Matcher, the explanations, the shortlist buttons and the outcome form, exactly the path a
browser click takes on the server. What it does not measure is the browser's own rendering.

Each adviser is a thread here, with its own app session, and waits a random 5-15 s between actions:

- ``open_app``: a new session, the log-in page (a browser opening the app);
- ``login``: the log-in form submitted; it must land on "Vacature invullen";
- ``open_vacancy``: another vacancy picked; its results must be shown;
- ``explanation``: one result's "Uitleg" opened; the explanation must be there;
- ``shortlist_add``: "Op de shortlist" clicked; the candidate must show as on the list;
- ``outcome``: the outcome form submitted (a step "voorgesteld" or "kennismaking") for a
  candidate on the WSP's shortlist; the step must be recorded;

and after five rounds it starts again with a new session (``open_app``, ``login``). An action whose
result is missing from the page it gets back is a *lost action* (the "log-in click had no effect" of
the browser test); an error page, an HTTP error or a Streamlit exception element is an *error*.
Afterwards the store is counted: every acknowledged shortlist addition and outcome must be there
(*lost writes*), and the audit chain must verify.

With ``--processes 2`` the advisers are spread over two app processes (sticky: one adviser, one
process, as a load balancer with session affinity does), which share the store: PostgreSQL
(``--engine postgresql``, a throw-away cluster on 127.0.0.1 as in the tests) or one SQLite file.

Bounded and local: app processes listen on 127.0.0.1 only, the run stops after ``--duration``
seconds, and everything it started is stopped. The agent API is switched on for these app processes
only; the product's own settings keep it off.

Usage::

    .venv/bin/python scripts/load_app.py [--engine sqlite|postgresql] [--processes 1] [--advisers 50]
        [--duration 300] [--wait-min 5] [--wait-max 15] [--encoder hashing|default] [--data FOLDER]

Prints one JSON object: p50 / p95 / max per action in milliseconds, errors, lost actions, lost writes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench_common import machine  # noqa: E402 (scripts/ is on the path when a script runs)

from matcher.texts_nl import APP_TEXTS  # noqa: E402 (after the checkout is on the path)

ACTIONS = ("open_app", "login", "open_vacancy", "explanation", "shortlist_add", "outcome")
ROUND = ("open_vacancy", "explanation", "shortlist_add", "outcome")
ROUNDS_PER_VISIT = 5
HOME_TITLE = "Vacature invullen"
OUTCOME_STEPS = ("voorgesteld", "kennismaking")
NO_RESULTS = APP_TEXTS["vacature"]["no_results"]  # what the page says for a vacancy nobody can fill


class ActionFailed(Exception):
    """The app answered, but not with what the action should have produced (or with an error)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind  # "error" or "lost"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _nodes(tree: object):
    """Every element node of a snapshot's tree, depth first."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "type" in node:
                yield node
            stack.extend(v for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            stack.extend(node)


class Session:
    """One adviser's app session over the agent API."""

    def __init__(self, base: str, timeout: float) -> None:
        self.url = f"{base}/_stcore/agent/interact"
        self.timeout = timeout
        self.id: str | None = None
        self.snapshot: dict = {}
        self.timeouts = 0  # runs that outlasted the server's wait and were collected by calling again

    def call(self, **body) -> dict:
        if self.id is not None:
            body["session_id"] = self.id
        for _ in range(20):  # a run that outlasts the server's wait is collected by calling again
            request = urllib.request.Request(
                self.url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    status, answer = response.status, json.load(response)
            except urllib.error.HTTPError as exc:
                detail = exc.read()[:300].decode("utf-8", "replace")
                raise ActionFailed("error", f"HTTP {exc.code}: {detail}") from None
            except (urllib.error.URLError, TimeoutError, ConnectionError, ValueError) as exc:
                raise ActionFailed("error", f"connection: {exc}") from None
            if status == 202 or "tree" not in answer:  # wait_timed_out: the run goes on; collect it
                session_id = answer.get("session_id") or answer.get("error", {}).get("session_id") or self.id
                if session_id is None:
                    raise ActionFailed("error", f"HTTP {status} without a session: {str(answer)[:200]}")
                self.id, body = session_id, {"session_id": session_id}
                self.timeouts += 1
                continue
            self.id = answer["session_id"]
            self.snapshot = answer
            if answer.get("status") == "error" or any(
                n["type"] == "exception" for n in _nodes(answer["tree"])
            ):
                raise ActionFailed("error", f"the app raised on page {answer['page'].get('title')!r}")
            return answer
        raise ActionFailed("error", "the run did not settle")

    def actions(self) -> dict[str, dict]:
        return {a["key"]: a for a in self.snapshot.get("actions", [])}

    def node(self, key: str) -> dict | None:
        return next((n for n in _nodes(self.snapshot.get("tree", {})) if n.get("key") == key), None)

    def key_by_label(self, label: str, kind: str | None = None) -> str | None:
        return next(
            (
                a["key"]
                for a in self.snapshot.get("actions", [])
                if a.get("label") == label and (kind is None or a["type"] == kind)
            ),
            None,
        )


def _package_of(option: str) -> str:
    return option.rsplit("(", 1)[-1].rstrip(")")


def _adviser(n: int, base: str, deadline: float, args: argparse.Namespace, out: dict) -> None:
    rng = random.Random(args.seed * 1000 + n)
    times: dict[str, list[float]] = {a: [] for a in ACTIONS}
    problems: list[tuple[str, str, str]] = []
    added: list[tuple[str, str]] = []
    outcomes = timeouts = 0
    session = Session(base, timeout=args.request_timeout)
    plan: list[str] = []
    time.sleep(rng.uniform(0, args.wait_max))  # advisers do not all start in the same second
    while time.time() < deadline:
        if not plan:
            timeouts += session.timeouts
            session = Session(base, timeout=args.request_timeout)
            plan = ["open_app", "login", *(ROUND * ROUNDS_PER_VISIT)]
        action = plan.pop(0)
        start = time.perf_counter()
        try:
            result = _act(action, session, rng)
        except (ActionFailed, KeyError, TypeError, ValueError) as exc:
            times[action].append(time.perf_counter() - start)
            kind = exc.kind if isinstance(exc, ActionFailed) else "error"
            problems.append(
                (action, kind, str(exc) if kind != "error" or isinstance(exc, ActionFailed) else repr(exc))
            )
            if action in ("open_app", "login") or kind == "error":
                plan = []  # start a new visit
        else:
            times[action].append(time.perf_counter() - start)
            if action == "shortlist_add" and result:
                added.append(result)
            elif action == "outcome" and result:
                outcomes += 1
        time.sleep(rng.uniform(args.wait_min, args.wait_max))
    out[n] = {
        "times": times,
        "problems": problems,
        "added": added,
        "outcomes": outcomes,
        "timeouts": timeouts + session.timeouts,
    }


def _act(action: str, s: Session, rng: random.Random):
    if action == "open_app":
        s.call()
        if s.key_by_label("Inloggen", "form_submit_button") is None:
            raise ActionFailed("lost", "the log-in form is not shown")
        return None
    if action == "login":
        name, password = s.key_by_label("Gebruikersnaam"), s.key_by_label("Wachtwoord")
        submit = s.key_by_label("Inloggen", "form_submit_button")
        if not (name and password and submit):
            raise ActionFailed("lost", "the log-in form is not shown")
        s.call(widget_state={name: "adviseur", password: "adviseur-demo"}, trigger={"key": submit})
        if s.snapshot["page"].get("title") != HOME_TITLE or "vac_pick" not in s.actions():
            raise ActionFailed("lost", "the log-in click had no effect")
        return None
    pick = s.node("vac_pick")
    if pick is None:
        raise ActionFailed("lost", "the vacancy page is not shown")
    package = _package_of(pick["value"])
    if action == "open_vacancy":
        options = [o for o in pick["props"]["options"] if o != pick["value"]]
        choice = rng.choice(options)
        s.call(widget_state={"vac_pick": choice})
        now = s.node("vac_pick")
        package = _package_of(choice)
        shown = [k for k in s.actions() if k.startswith((f"add-{package}-", f"uitleg-{package}-"))]
        empty = any(
            n["type"] == "warning" and n["props"].get("body") == NO_RESULTS
            for n in _nodes(s.snapshot["tree"])
        )
        if now is None or now["value"] != choice or not (shown or empty):
            raise ActionFailed("lost", "the picked vacancy's results are not shown")
        return None
    if action == "explanation":
        closed = [k for k in s.actions() if k.startswith(f"uitleg-{package}-") and not s.node(k)["value"]]
        if not closed:
            return None
        key = rng.choice(closed)
        s.call(widget_state={key: True})
        node = s.node(key)
        if node is None or node["value"] is not True or not node.get("children"):
            raise ActionFailed("lost", "the opened explanation is empty")
        return None
    if action == "shortlist_add":
        buttons = [k for k in s.actions() if k.startswith(f"add-{package}-")]
        if not buttons:
            return None
        key = rng.choice(buttons)
        candidate = key.removeprefix(f"add-{package}-")
        s.call(trigger={"key": key})
        if s.node(f"on-{package}-{candidate}") is None:
            raise ActionFailed("lost", "the candidate added is not shown as on the shortlist")
        return (package, candidate)
    if action == "outcome":
        form = f"oc-{package}"
        submit = next((k for k in s.actions() if k.startswith(f"FormSubmitter:{form}-")), None)
        candidates = s.node(f"{form}-cand")
        steps = s.node(f"{form}-step")
        if submit is None or candidates is None or steps is None:
            return None  # nothing on this vacancy's shortlist yet
        wanted = rng.choice(OUTCOME_STEPS)
        step = next((o for o in steps["props"]["options"] if o.lower().startswith(wanted)), None)
        if step is None:
            raise ActionFailed("lost", f"the outcome form has no step {wanted!r}")
        s.call(
            widget_state={
                f"{form}-cand": rng.choice(candidates["props"]["options"]),
                f"{form}-step": step,
                f"{form}-date": date.today().isoformat(),
            },
            trigger={"key": submit},
        )
        if any(n["type"] == "error" for n in _nodes(s.snapshot["tree"])):
            raise ActionFailed("lost", "the outcome form answered with an error message")
        return True
    raise ValueError(action)


def _percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return (values or [0.0])[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


@contextmanager
def _app_processes(count: int, env: dict[str, str], log_dir: Path):
    """Start ``count`` app processes on 127.0.0.1 with the agent API on; yields their base URLs."""
    with ExitStack() as stack:
        bases, processes = [], []
        for i in range(count):
            port = _free_port()
            log = stack.enter_context(open(log_dir / f"app-{i}.log", "w"))
            process = subprocess.Popen(
                [
                    sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                    "--server.headless", "true", "--server.address", "127.0.0.1",
                    "--server.port", str(port), "--server.enableAgentApi", "true",
                    "--server.agentWaitTimeout", "120", "--server.agentMaxSessions", "1000",
                    "--server.agentSessionTTL", "600", "--browser.gatherUsageStats", "false",
                ],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
            processes.append(process)
            bases.append(f"http://127.0.0.1:{port}")
        try:
            for base, process in zip(bases, processes, strict=True):
                for _ in range(120):
                    if process.poll() is not None:
                        raise RuntimeError(f"an app process stopped at start; see {log_dir}")
                    try:
                        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                            break
                    except OSError:
                        time.sleep(0.5)
            yield bases
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()


def _run(args: argparse.Namespace, url: str, env: dict[str, str], log_dir: Path) -> dict:
    from webapp.audit import AuditLog
    from webapp.database import Store
    from webapp.outcomes import OutcomeStore
    from webapp.shortlist import ShortlistStore
    from webapp.teams import DEMO_WSP

    Store(url).check()
    with _app_processes(args.processes, env, log_dir) as bases:
        warm = []
        for base in bases:  # the first visit builds the Matcher: timed apart from the advisers
            start = time.perf_counter()
            s = Session(base, timeout=600)
            _act("open_app", s, random.Random(0))
            _act("login", s, random.Random(0))
            warm.append(round(time.perf_counter() - start, 1))
        deadline = time.time() + args.duration
        results: dict[int, dict] = {}
        threads = [
            threading.Thread(target=_adviser, args=(n, bases[n % len(bases)], deadline, args, results))
            for n in range(args.advisers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    times = {a: [t for r in results.values() for t in r["times"][a]] for a in ACTIONS}
    problems = [p for r in results.values() for p in r["problems"]]
    added = {pair for r in results.values() for pair in r["added"]}
    acknowledged_outcomes = sum(r["outcomes"] for r in results.values())
    stored_pairs = {(e.package_id, e.candidate_id) for e in ShortlistStore(url).entries(DEMO_WSP)}
    stored_outcomes = len(OutcomeStore(url).all_steps(DEMO_WSP))
    checked, broken = AuditLog(url).verify()
    errors = [p for p in problems if p[1] == "error"]
    lost = [p for p in problems if p[1] == "lost"]
    return {
        "engine": url.split(":", 1)[0],
        "processes": args.processes,
        "advisers": args.advisers,
        "duration_s": args.duration,
        "wait_s": [args.wait_min, args.wait_max],
        "encoder": args.encoder,
        "warm_up_s": warm,
        "actions": {
            a: {
                "n": len(times[a]),
                "p50_ms": round(_percentile(times[a], 50) * 1000),
                "p95_ms": round(_percentile(times[a], 95) * 1000),
                "max_ms": round(max(times[a], default=0.0) * 1000),
            }
            for a in ACTIONS
        },
        "runs_over_server_wait": sum(r["timeouts"] for r in results.values()),
        "errors": len(errors),
        "first_errors": sorted({f"{a}: {m}" for a, _, m in errors})[:5],
        "lost_actions": len(lost),
        "lost_by_action": {a: sum(1 for p in lost if p[0] == a) for a in ACTIONS},
        "first_lost": sorted({f"{a}: {m}" for a, _, m in lost})[:5],
        "acknowledged_writes": {"shortlist": len(added), "outcome": acknowledged_outcomes},
        "lost_writes": {
            "shortlist": len(added - stored_pairs),
            "outcome": max(0, acknowledged_outcomes - stored_outcomes),
        },
        "audit_entries": checked,
        "audit_chain_intact": broken is None,
        "load_average_after": os.getloadavg(),
        "machine": machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--advisers", type=int, default=50)
    parser.add_argument("--duration", type=float, default=300.0)
    parser.add_argument("--wait-min", type=float, default=5.0)
    parser.add_argument("--wait-max", type=float, default=15.0)
    parser.add_argument("--encoder", choices=["hashing", "default"], default="default")
    parser.add_argument("--data", default=None, help="data folder (default: the bundled sample)")
    parser.add_argument("--request-timeout", type=float, default=300.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    from tests.app.postgres import postgres_bin, throwaway_cluster
    from webapp.auth import ensure_users_file

    with tempfile.TemporaryDirectory(prefix="banenmatch-load-app-") as tmp:
        users_file = Path(tmp) / "users.yaml"
        ensure_users_file(users_file)
        env = {
            **os.environ,
            "BANENMATCH_VAR": f"{tmp}/var",
            "BANENMATCH_USERS": str(users_file),
            "BANENMATCH_ENCODER": args.encoder,
            "BANENMATCH_REPORTS": f"{tmp}/reports",
        }
        env.pop("BANENMATCH_INDEX", None)
        if args.data:
            env["BANENMATCH_DATA"] = str(Path(args.data).resolve())
        if args.engine == "sqlite":
            url = f"sqlite:///{tmp}/store.sqlite"
            env["BANENMATCH_DB_URL"] = url
            result = _run(args, url, env, Path(tmp))
        else:
            bin_dir = postgres_bin()
            if bin_dir is None:
                print(
                    "PostgreSQL server binaries not found (scripts/setup.sh dev installs them)",
                    file=sys.stderr,
                )
                return 2
            with throwaway_cluster(bin_dir) as cluster:
                env["BANENMATCH_DB_URL"] = cluster.url()
                result = _run(args, cluster.url(), env, Path(tmp))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
