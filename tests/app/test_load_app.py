"""scripts/load_app.py, the whole-app load test, in miniature: it drives real app processes through
Streamlit's agent API and finds every write it made in the store (docs/BENCHMARKS.md, "The app under
many advisers"). The figures themselves are benchmarks, never asserted here."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.app.conftest import ROOT


def test_two_advisers_log_in_open_vacancies_shortlist_and_record_outcomes_without_loss(world_dir):
    folder, _ = world_dir
    run = subprocess.run(
        [
            sys.executable, str(ROOT / "scripts" / "load_app.py"), "--advisers", "2", "--duration", "12",
            "--wait-min", "0.1", "--wait-max", "0.3", "--encoder", "hashing", "--data", str(folder),
        ],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout)
    assert result["errors"] == 0, result["first_errors"]
    assert result["lost_actions"] == 0, result["first_lost"]
    assert result["actions"]["login"]["n"] >= 2
    assert result["actions"]["open_vacancy"]["n"] >= 2
    assert result["acknowledged_writes"]["shortlist"] >= 1
    assert result["lost_writes"] == {"shortlist": 0, "outcome": 0}
    assert result["audit_chain_intact"]
    assert result["audit_entries"] > result["actions"]["login"]["n"]  # log-ins, views, additions
