"""The wheel works on its own: ``python -m build``, a non-editable install into a fresh venv, and
``banenmatch validate``, ``match`` and ``carve`` on the bundled sample, every module the app can start
importable with only the ``app`` extra, and a smoke start of the app (``banenmatch-app``).

The venv is made without system site-packages and with the built wheel installed by pip
(``--no-deps``). Its dependencies are those of the ``app`` extra (and the core), found by following
``Requires-Dist`` from ``pyproject.toml``, shown to the venv through a folder of symbolic links to
exactly those distributions of this interpreter (``tests/packaging_support.py``): a full ``pip install
'banenmatch[app]'`` unpacks 2 GB and takes about three minutes here. Set
``BANENMATCH_WHEEL_FULL_INSTALL=1`` to let pip install the dependencies as well.

Everything runs in a scratch folder, never from the checkout, so nothing of the repository can be
found on ``sys.path``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.app.server import free_port, wait_healthy
from tests.packaging_support import ROOT, closure, link_distributions, project_requirements

pytestmark = pytest.mark.wheel

EXAMPLE_TASKS = ROOT / "docs" / "examples" / "taken.csv"


@dataclass(frozen=True)
class Installed:
    python: Path
    bin: Path
    site: Path
    work: Path
    env: dict[str, str]
    sample: Path

    def run(self, *command: str | os.PathLike[str], timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(c) for c in command], cwd=self.work, env=self.env, capture_output=True, text=True, timeout=timeout
        )


def _check(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{command}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _clean_env(venv: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BANENMATCH_", "PYTHON", "VIRTUAL_ENV", "STREAMLIT_")) and k != "PYTEST_CURRENT_TEST"
    }
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    env["HF_HUB_OFFLINE"] = env["TRANSFORMERS_OFFLINE"] = "1"
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    # An sdist first, then the wheel from the sdist: both must carry matcher/data and matcher/models.
    _check([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], timeout=300)
    (wheel,) = dist.glob("banenmatch-*.whl")
    venv = tmp / "venv"
    _check([sys.executable, "-m", "venv", str(venv)])  # no --system-site-packages
    python = venv / "bin" / "python"
    site = Path(
        _check([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    )
    if os.environ.get("BANENMATCH_WHEEL_FULL_INSTALL") == "1":
        _check([str(python), "-m", "pip", "install", "--quiet", f"{wheel}[app]"], timeout=900)
    else:
        # Named like an installed site folder: Streamlit takes any other location for its own source
        # checkout and switches to development mode (which refuses --server.port).
        deps = tmp / "deps" / "site-packages"
        links = link_distributions(closure(project_requirements({"app"})), deps)
        assert links > 20
        (site / "banenmatch-test-dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")
        _check([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)])
    work = tmp / "work"
    work.mkdir()
    env = _clean_env(venv)
    where = _check(
        [str(python), "-c", "from matcher.paths import SAMPLE_DIR; print(SAMPLE_DIR)"], cwd=work, env=env
    )
    return Installed(python, venv / "bin", site, work, env, Path(where.stdout.strip()))


def _sample_args(installed: Installed) -> list[Path | str]:
    s = installed.sample
    return [
        "--candidates", s / "candidates.jsonl", "--vacancies", s / "vacancies.jsonl",
        "--placements", s / "placements.jsonl",
    ]  # fmt: skip


def test_the_wheel_carries_the_data_and_models_and_reads_them_from_site_packages(installed):
    probe = textwrap.dedent(
        """
        import json, sys
        import matcher, webapp
        from matcher.paths import DATA_DIR, MODELS_DIR
        from matcher.contract import load_contract
        from matcher.competences import load_esco
        from matcher.catalogue import load_function_profiles
        print(json.dumps({
            "matcher": matcher.__file__, "webapp": webapp.__file__, "data": str(DATA_DIR),
            "models": str(MODELS_DIR), "sys_path": sys.path,
            "municipalities": len(load_contract().municipalities),
            "occupations": len(load_esco().occupations),
            "profiles": len(load_function_profiles()),
        }))
        """
    )
    done = installed.run(installed.python, "-c", probe)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    for key in ("matcher", "webapp", "data", "models"):
        assert Path(found[key]).is_relative_to(installed.site), (key, found[key])
    assert not any(str(ROOT) == p or p.startswith(f"{ROOT}/") for p in found["sys_path"] if p), found["sys_path"]
    assert found["municipalities"] > 300 and found["occupations"] > 1000 and found["profiles"] > 20
    record = next(installed.site.glob("banenmatch-*.dist-info")) / "RECORD"
    shipped = {line.split(",")[0] for line in record.read_text(encoding="utf-8").splitlines()}
    tracked = _check(
        ["git", "ls-files", "matcher/data", "matcher/models", "webapp/pages"], cwd=ROOT
    ).stdout.split()
    assert set(tracked) <= shipped, sorted(set(tracked) - shipped)


def test_validate_accepts_the_bundled_sample(installed):
    done = installed.run(installed.bin / "banenmatch", "validate", *_sample_args(installed))
    assert done.returncode == 0, done.stdout + done.stderr


def test_match_ranks_candidates_for_a_sample_vacancy_with_the_shipped_model(installed):
    first = json.loads((installed.sample / "vacancies.jsonl").read_text(encoding="utf-8").splitlines()[0])
    done = installed.run(
        installed.bin / "banenmatch", "match", *_sample_args(installed), "--vacancy", first["id"], "--k", "5", "--json"
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["query"] == {"vacancy": first["id"]}
    assert result["results"], "no eligible candidate for the first sample vacancy"
    assert all(row["explanation"]["eligible"] for row in result["results"])


def test_carve_bundles_the_example_task_list(installed):
    done = installed.run(
        installed.bin / "banenmatch", "carve", "--tasks", EXAMPLE_TASKS, "--employer", "Gemeente Utrecht",
        "--sector", "gemeenten", "--municipality", "Utrecht",
        "--candidates", installed.sample / "candidates.jsonl", "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def test_every_module_the_app_can_start_imports_with_only_the_app_extra(installed):
    script = installed.work / "wheel_imports.py"
    shutil.copy(ROOT / "tests" / "wheel_imports.py", script)
    done = installed.run(installed.python, "-I", script)
    report = json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else {}
    assert done.returncode == 0, report.get("failed") or done.stderr
    assert {"streamlit", "ranx", "openpyxl", "torch"} <= set(report["third_party"])
    assert all(Path(root).is_relative_to(installed.site) for root in report["roots"].values()), report["roots"]


def test_the_app_signs_in_and_opens_every_page_from_the_installed_wheel(installed):
    # AppTest runs the installed shell webapp/app.py with its installed page scripts (fast encoder). No
    # BANENMATCH_VAR: the users file and database go to var/ in the working folder, not site-packages.
    script = textwrap.dedent(
        """
        import sys
        from streamlit.testing.v1 import AppTest
        from webapp import APP_SCRIPT
        from webapp.auth import DEMO_USERS

        password = {u.username: u.password for u in DEMO_USERS}["adviseur"]
        at = AppTest.from_file(str(APP_SCRIPT), default_timeout=240).run()
        at.text_input[0].input("adviseur")
        at.text_input[1].input(password)
        at = at.button[0].click().run()
        assert not at.exception, at.exception
        opened = []
        for page in ("vacature", "werk_naar_werk", "gegevens", "functieprofielen", "jobcarving"):
            at.switch_page(str(APP_SCRIPT.parent / "pages" / f"{page}.py")).run()
            assert not at.exception, (page, at.exception)
            assert at.title, page
            opened.append(page)
        print("opened:", " ".join(opened))
        """
    )
    env = {**installed.env, "BANENMATCH_ENCODER": "hashing"}
    done = subprocess.run(
        [str(installed.python), "-c", script], cwd=installed.work, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert done.stdout.splitlines()[-1].split() == [
        "opened:", "vacature", "werk_naar_werk", "gegevens", "functieprofielen", "jobcarving"
    ], done.stdout
    assert (installed.work / "var" / "users.yaml").is_file()
    assert not (installed.site / "var").exists()


def test_banenmatch_app_starts_headless_and_answers_on_loopback(installed):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**installed.env, "BANENMATCH_VAR": str(installed.work / "var")}
    log = installed.work / "streamlit.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                str(installed.bin / "banenmatch-app"), "--server.headless", "true", "--server.port", str(port),
                "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
                "--browser.gatherUsageStats", "false",
            ],
            cwd=installed.work, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while process.poll() is None and time.monotonic() < deadline:
                try:
                    wait_healthy(url, timeout=1)
                    break
                except TimeoutError:
                    continue
            assert process.poll() is None, log.read_text(encoding="utf-8", errors="replace")[-3000:]
            wait_healthy(url, timeout=1)
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
                assert response.read().decode() == "ok"
            with urllib.request.urlopen(url, timeout=5) as response:
                assert response.status == 200 and b"<html" in response.read().lower()
        finally:
            os.killpg(process.pid, signal.SIGTERM)  # the group this Popen started, nothing else
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text, text[-3000:]
