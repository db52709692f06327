"""Packaging, the quick checks: what the app imports is in the ``app`` extra, the bundled files are
package data read from inside the package, and no script or module names a folder outside it.

The slow check (build the wheel, install it into a fresh venv, run it) is ``tests/test_wheel.py``.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import subprocess
import tomllib
from pathlib import Path

import matcher
from matcher import paths
from matcher.competences import ESCO_DIR
from matcher.contract import DATA_DIR
from matcher.encoders import DEFAULT_MODEL_DIR
from matcher.ranking import DEFAULT_RANKER_DIR
from tests.packaging_support import ROOT, closure, project_requirements
from tests.wheel_imports import PACKAGES, named_modules, source_files, third_party
from webapp import APP_SCRIPT
from webapp.launch import STREAMLIT_OPTIONS, command

PACKAGE = Path(matcher.__file__).resolve().parent


def _missing_from(extras: set[str]) -> dict[str, list[str]]:
    needed = third_party(named_modules(source_files({p: ROOT / p for p in PACKAGES})))
    available = closure(project_requirements(extras))
    providers = metadata.packages_distributions()
    return {
        name: providers.get(name, [])
        for name in needed
        if not any(dist.lower().replace("_", "-") in available for dist in providers.get(name, []))
    }


def test_every_module_the_app_runs_is_in_the_app_extra():
    # ranx (scoring of the Evaluatie page's small run) was only in the eval extra.
    missing = _missing_from({"app"})
    assert not missing, f"imported by the app but not in the app extra's dependency closure: {missing}"


def test_the_check_sees_a_module_outside_the_core_dependencies():
    # The same check on the core dependencies alone must miss the app's own modules (not vacuous).
    missing = _missing_from(set())
    assert {"streamlit", "ranx", "openpyxl"} <= set(missing)


def test_bundled_files_live_inside_the_package():
    assert paths.DATA_DIR == DATA_DIR == PACKAGE / "data"
    assert paths.MODELS_DIR == PACKAGE / "models"
    assert ESCO_DIR == PACKAGE / "data" / "esco"
    assert paths.SAMPLE_DIR == PACKAGE / "data" / "sample"
    assert DEFAULT_MODEL_DIR == PACKAGE / "models" / "banenmatch-nl"
    assert DEFAULT_RANKER_DIR == PACKAGE / "models" / "ranker"
    for folder in (DATA_DIR, ESCO_DIR, paths.SAMPLE_DIR, DEFAULT_MODEL_DIR, DEFAULT_RANKER_DIR):
        assert folder.is_dir(), folder
    assert not (ROOT / "data").exists() and not (ROOT / "models").exists()


def _glob(pattern: str) -> re.Pattern[str]:
    """setuptools' package-data glob as a regular expression (``**`` spans folders, ``*`` does not)."""
    parts = re.split(r"(\*\*/|\*)", pattern)
    return re.compile("".join({"**/": "(?:.*/)?", "*": "[^/]*"}.get(part, re.escape(part)) for part in parts))


def test_every_tracked_file_of_data_and_models_is_declared_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = [_glob(p) for p in config["package-data"]["matcher"]]
    tracked = subprocess.run(
        ["git", "ls-files", "matcher/data", "matcher/models"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert len(tracked) > 20
    undeclared = [n for n in tracked if not any(p.fullmatch(n.removeprefix("matcher/")) for p in patterns)]
    assert not undeclared


# A path outside the repository: another machine's absolute path, or the project's shared folder next to
# the checkout (``../shared``, ``ROOT.parent / "shared"``).
_FOREIGN = re.compile(r"""["']/work/|\.\./shared|\b(?:ROOT|REPO|REPO_ROOT)\.parent\b|/\s*["']shared["']""")
# Finding bundled files by walking up from a module: ``Path(__file__)...parent.parent / "data"``.
_WALK_UP = re.compile(r"""__file__.*(?:\.parent\.parent|parents\[\d\]).*["'](?:data|models)["']""")


def _lines(pattern: re.Pattern[str]) -> list[str]:
    found = []
    for folder in ("matcher", "evaluation", "webapp", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if pattern.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_no_script_or_module_names_a_folder_outside_the_repository():
    assert not _lines(_FOREIGN)
    assert _FOREIGN.search('default=Path("/work/shared/data/esco-nl")')  # what build_catalogue.py had
    assert _FOREIGN.search('REPO.parent / "shared" / "data" / "esco-nl"')  # what build_model.py had


def test_no_module_walks_up_from_its_file_to_data_or_models():
    assert not _lines(_WALK_UP)
    assert _WALK_UP.search('DATA_DIR = Path(__file__).resolve().parent.parent / "data"')  # contract.py had


def test_the_launcher_passes_the_checkout_streamlit_settings():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    expected = {
        f"{section}.{key}": str(value).lower() if isinstance(value, bool) else str(value)
        for section, values in config.items()
        for key, value in values.items()
    }
    assert expected == STREAMLIT_OPTIONS
    line = command(["--server.port", "8599"])
    assert line[1:4] == ["-m", "streamlit", "run"] and Path(line[4]) == APP_SCRIPT and APP_SCRIPT.is_file()
    assert line[-2:] == ["--server.port", "8599"]  # the caller's options come last and win
    assert line[line.index("--client.showErrorDetails") + 1] == "type"
