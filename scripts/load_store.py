"""Load test of the app's store (docs/BENCHMARKS.md, section "Store under many advisers").

Simulated advisers, each a thread of an "app process" (a separate Python process, as behind a load
balancer), repeat what an adviser does and what the app then writes, waiting a random 5-15 s between
actions: log in (bcrypt check, lockout count and audit entry), open a vacancy (ten candidates viewed:
audit entries), read an explanation (audit), add a candidate to the WSP's shortlist (row + audit), record
an outcome for it (row + audit). Each action's time is measured; afterwards the store is counted:
every acknowledged write must be there (lost writes), and the audit chain must verify.

What it does not measure: Streamlit's rendering and reruns, the Matcher and the browser. It is the part
that several processes share, so it is the part that decides whether two processes on one PostgreSQL
behave like one.

Bounded and local: it runs for ``--duration`` seconds and stops; PostgreSQL is a throw-away cluster on
127.0.0.1 (Debian's server binaries, as in the tests) unless ``--db`` names another local database.

Usage::

    .venv/bin/python scripts/load_store.py --engine sqlite|postgresql [--processes 1] [--advisers 50]
        [--duration 300] [--db URL]

Prints one JSON object (p50 / p95 / max per action in milliseconds, errors, lost writes).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench_common import machine  # noqa: E402 (scripts/ is on the path when a script runs)

WSP = "Midden-Utrecht"
ACTIONS = ("login", "open_vacancy", "explanation", "shortlist_add", "outcome")


def _adviser(
    n: int, url: str, users_file: Path, deadline: float, wait: tuple[float, float], seed: int, out: dict
) -> None:
    from webapp.audit import Action, AuditLog
    from webapp.auth import read_users
    from webapp.login import LoginResult, attempt
    from webapp.outcomes import OutcomeStore, Step, StepRecord
    from webapp.shortlist import ShortlistStore

    rng = random.Random(seed)
    users, log = read_users(users_file), AuditLog(url)
    shortlists, outcomes = ShortlistStore(url), OutcomeStore(url)
    name = f"load-{n}"
    times: dict[str, list[float]] = {a: [] for a in ACTIONS}
    errors: list[str] = []
    written = {"audit": 0, "shortlist": 0, "outcome": 0}
    added: list[tuple[str, str]] = []
    step = 0
    time.sleep(rng.uniform(0, wait[1]))  # advisers do not all start in the same second
    while time.time() < deadline:
        action = ACTIONS[step % len(ACTIONS)]
        package = f"P-{rng.randrange(20)}"
        start = time.perf_counter()
        try:
            if action == "login":
                if attempt(users, log, "adviseur", "adviseur-demo").result is not LoginResult.OK:
                    errors.append("login refused")
                written["audit"] += 1
            elif action == "open_vacancy":
                log.record_many(
                    name,
                    "adviseur",
                    Action.VIEW_CANDIDATE,
                    [f"K-{rng.randrange(500)}" for _ in range(10)],
                    package_id=package,
                )
                written["audit"] += 10
            elif action == "explanation":
                log.record(
                    name,
                    "adviseur",
                    Action.VIEW_EXPLANATION,
                    candidate_id=f"K-{rng.randrange(500)}",
                    package_id=package,
                )
                written["audit"] += 1
            elif action == "shortlist_add":
                candidate = f"K-{n}-{step}"  # one of this adviser's own, so every add must be stored
                if shortlists.add(
                    WSP,
                    package,
                    "Medewerker",
                    candidate,
                    added_by=name,
                    rank=rng.randint(1, 10),
                    signaleringen=0,
                    unknowns=0,
                    confidence="hoog",
                ):
                    written["shortlist"] += 1
                    added.append((package, candidate))
                log.record(name, "adviseur", Action.SHORTLIST_ADD, candidate_id=candidate, package_id=package)
                written["audit"] += 1
            elif action == "outcome" and added:
                package, candidate = added.pop()
                outcomes.record(
                    StepRecord(WSP, package, candidate, Step.VOORGESTELD, date.today(), name, rank=1)
                )
                written["outcome"] += 1
                log.record(name, "adviseur", Action.OUTCOME, candidate_id=candidate, package_id=package)
                written["audit"] += 1
            times[action].append((time.perf_counter() - start) * 1000)
        except Exception:
            errors.append(traceback.format_exc(limit=3))
        step += 1
        time.sleep(rng.uniform(*wait))
    out[n] = {"times": times, "errors": errors, "written": written}


def _process(args: argparse.Namespace) -> None:
    """One app process: its share of the advisers as threads; prints its results as JSON."""
    deadline = float(args.deadline)
    first, count = args.first, args.count
    results: dict[int, dict] = {}
    threads = [
        threading.Thread(
            target=_adviser,
            args=(n, args.db, Path(args.users), deadline, (args.wait_min, args.wait_max), n, results),
        )
        for n in range(first, first + count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps(results))


def _percentile(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1]
        if len(values) > 1
        else (values or [0.0])[0]
    )


def _run(args: argparse.Namespace, url: str, users_file: Path) -> dict:
    from webapp.audit import AuditLog
    from webapp.database import Store
    from webapp.outcomes import OutcomeStore
    from webapp.shortlist import ShortlistStore

    Store(url).check()
    deadline = time.time() + 3 + args.duration
    per = [
        args.advisers // args.processes + (1 if i < args.advisers % args.processes else 0)
        for i in range(args.processes)
    ]
    firsts = [sum(per[:i]) for i in range(args.processes)]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--worker",
                "--db",
                url,
                "--users",
                str(users_file),
                "--deadline",
                str(deadline),
                "--first",
                str(first),
                "--count",
                str(count),
                "--wait-min",
                str(args.wait_min),
                "--wait-max",
                str(args.wait_max),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for first, count in zip(firsts, per, strict=True)
    ]
    merged: dict[str, dict] = {}
    for process in processes:
        out, _ = process.communicate(timeout=args.duration + 600)
        merged.update(json.loads(out.strip().splitlines()[-1]))
    times = {a: [t for r in merged.values() for t in r["times"][a]] for a in ACTIONS}
    errors = [e for r in merged.values() for e in r["errors"]]
    written = {k: sum(r["written"][k] for r in merged.values()) for k in ("audit", "shortlist", "outcome")}
    log = AuditLog(url)
    checked, broken = log.verify()
    stored = {
        "audit": checked,
        "shortlist": len(ShortlistStore(url).entries(WSP)),
        "outcome": len(OutcomeStore(url).all_steps(WSP)),
    }
    return {
        "engine": url.split(":", 1)[0],
        "processes": args.processes,
        "advisers": args.advisers,
        "duration_s": args.duration,
        "wait_s": [args.wait_min, args.wait_max],
        "actions": {
            a: {
                "n": len(times[a]),
                "p50_ms": round(_percentile(times[a], 50), 1),
                "p95_ms": round(_percentile(times[a], 95), 1),
                "max_ms": round(max(times[a], default=0.0), 1),
            }
            for a in ACTIONS
        },
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
        "acknowledged_writes": written,
        "stored": stored,
        "lost_writes": {k: written[k] - stored[k] for k in written},
        "audit_chain_intact": broken is None,
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
    parser.add_argument(
        "--db", default=None, help="a local store URL (default: a new SQLite file / throw-away cluster)"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--users", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--deadline", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--first", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _process(args)
        return 0
    from tests.app.postgres import postgres_bin, throwaway_cluster
    from webapp.auth import ensure_users_file

    with tempfile.TemporaryDirectory(prefix="banenmatch-load-") as tmp:
        users_file = Path(tmp) / "users.yaml"
        ensure_users_file(users_file)
        if args.db:
            result = _run(args, args.db, users_file)
        elif args.engine == "sqlite":
            result = _run(args, f"sqlite:///{tmp}/store.sqlite", users_file)
        else:
            bin_dir = postgres_bin()
            if bin_dir is None:
                print(
                    "PostgreSQL server binaries not found (scripts/setup.sh dev installs them)",
                    file=sys.stderr,
                )
                return 2
            with throwaway_cluster(bin_dir) as cluster:
                result = _run(args, cluster.url(), users_file)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
