"""Several app processes writing to one store at once lose nothing (both engines).

Each worker is a separate Python process (with its own engine and connections), as several app
processes behind a load balancer would be. They start together and write as fast as they can; the test
counts what is missing afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from webapp.audit import Action, AuditLog
from webapp.shortlist import ShortlistStore

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 4
ADDS = 25  # per worker, candidates of its own
SHARED = 10  # candidates every worker tries to add (only one may succeed for each)
WSP, PACKAGE = "Midden-Utrecht", "P-1"


def _worker(url: str, worker: int, start_at: float) -> list[str]:
    """One app process: adds its own candidates and races the others for the shared ones."""
    store = ShortlistStore(url)
    log = AuditLog(url)
    while time.time() < start_at:
        time.sleep(0.001)
    won = []
    for n in range(ADDS):
        candidate = f"K-{worker}-{n}"
        store.add(
            WSP,
            PACKAGE,
            "Medewerker post",
            candidate,
            added_by=f"adviseur{worker}",
            rank=n + 1,
            signaleringen=0,
            unknowns=0,
            confidence="hoog",
            note=f"notitie {worker}",
        )
        log.record(
            f"adviseur{worker}", "adviseur", Action.SHORTLIST_ADD, candidate_id=candidate, package_id=PACKAGE
        )
        shared = f"K-shared-{n % SHARED}"
        if store.add(
            WSP,
            PACKAGE,
            "Medewerker post",
            shared,
            added_by=f"adviseur{worker}",
            rank=None,
            signaleringen=0,
            unknowns=0,
            confidence="hoog",
        ):
            won.append(shared)
    return won


def _run(url: str) -> list[tuple[int, list[str]]]:
    """Start the workers as separate Python processes (as app processes behind a load balancer are)."""
    start_at = time.time() + 5.0  # every worker has started and imported by then
    code = "import json, sys; from tests.app.test_concurrency import _worker; print(json.dumps(_worker(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]))))"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code, url, str(w), str(start_at)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WORKERS)
    ]
    collected = []
    for w, process in enumerate(processes):
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err[-3000:]
        collected.append((w, json.loads(out.strip().splitlines()[-1])))
    return collected


def test_concurrent_additions_from_several_processes_lose_nothing(store_url):
    won = _run(store_url)
    entries = ShortlistStore(store_url).entries(WSP, PACKAGE)
    found = {e.candidate_id: e for e in entries}
    expected = {f"K-{w}-{n}" for w in range(WORKERS) for n in range(ADDS)}
    lost = expected - set(found)
    assert len(lost) == 0, f"{len(lost)} of {len(expected)} additions lost"
    # Each shared candidate is on the list once, added by the one worker that was told it succeeded.
    shared_found = {cid: e.added_by for cid, e in found.items() if cid.startswith("K-shared-")}
    winners = {cid: f"adviseur{w}" for w, cids in won for cid in cids}
    assert len(shared_found) == SHARED and winners == shared_found
    assert all(found[f"K-{w}-0"].note == f"notitie {w}" for w in range(WORKERS))
    # The audit chain stayed one unbroken line through all of it.
    log = AuditLog(store_url)
    assert log.verify() == (WORKERS * ADDS, None)
    assert len(log.entries(actions=[Action.SHORTLIST_ADD])) == WORKERS * ADDS
