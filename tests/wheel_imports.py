"""Every module the app can start, and the third-party modules they name, found from the source.

"The app can start" means: the shell ``webapp/app.py`` and its page scripts (``webapp/pages``), the
``webapp``, ``matcher`` and ``evaluation`` packages (the Evaluatie page's small run starts
``python -m evaluation world`` and ``run``, which import systems and ``ranx`` inside functions). The
imports are read from the syntax tree, so an import inside a function counts as much as one at the
top; so does a module that pandas loads by name (``engine="openpyxl"``).

Run as a script by the interpreter under test (``tests/test_wheel.py`` runs it inside a fresh venv
with the installed wheel and only the ``app`` extra's dependencies)::

    python tests/wheel_imports.py

It imports every own module (except the scripts ``__main__`` and ``webapp.app``, which run when
imported) and every third-party module named, prints one JSON line and exits 1 when any failed.
``tests/test_packaging.py`` imports it for the quick check against the dependency lists.
"""

from __future__ import annotations

import ast
import importlib
import json
import sys
from pathlib import Path

PACKAGES = ("matcher", "evaluation", "webapp")
"""The packages of the wheel; everything the app runs is in them."""

SCRIPTS = frozenset({"webapp.app"})
"""Own modules that are scripts (they run the app when imported); Streamlit runs them instead."""


def package_root(package: str) -> Path:
    """The folder of an importable package (where the interpreter finds it, installed or not)."""
    module = importlib.import_module(package)
    return Path(module.__file__).resolve().parent


def source_files(roots: dict[str, Path]) -> list[Path]:
    """Every ``.py`` file of the packages, page scripts included."""
    return sorted(path for root in roots.values() for path in root.rglob("*.py"))


def own_modules(roots: dict[str, Path]) -> list[str]:
    """Dotted names of the importable modules of the packages (not the page scripts, not scripts)."""
    names = []
    for package, root in roots.items():
        for path in sorted(root.rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if not all(part.isidentifier() for part in parts):
                continue
            if not (path.parent / "__init__.py").is_file():
                continue  # webapp/pages: scripts Streamlit runs, read for their imports only
            if parts[-1] == "__main__":
                continue
            name = ".".join((package, *parts[:-1])) if parts[-1] == "__init__" else ".".join((package, *parts))
            if name not in SCRIPTS:
                names.append(name)
    return names


def named_modules(files: list[Path]) -> set[str]:
    """Top-level names of every module the files import (anywhere) or name as a pandas engine."""
    found: set[str] = set()
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
            elif (
                isinstance(node, ast.keyword)
                and node.arg == "engine"
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                found.add(node.value.value)
    return found


def third_party(names: set[str]) -> list[str]:
    """The names that are neither the standard library nor one of the packages."""
    return sorted(n for n in names if n not in sys.stdlib_module_names and n not in PACKAGES)


def main() -> int:
    roots = {package: package_root(package) for package in PACKAGES}
    failed: dict[str, str] = {}
    external = third_party(named_modules(source_files(roots)))
    modules = [*external, *own_modules(roots)]
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as exc:  # report every failure, not only the first
            failed[name] = f"{type(exc).__name__}: {exc}"
    report = {
        "roots": {package: str(root) for package, root in roots.items()},
        "third_party": external,
        "imported": len(modules) - len(failed),
        "failed": failed,
    }
    print(json.dumps(report))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
