"""Where the files shipped inside the package live: ``matcher/data`` and ``matcher/models``.

Both folders are package data (``pyproject.toml``), so a plain wheel install carries them and nothing
here walks up from the package to a repository checkout. Code that needs a bundled file takes its
location from these constants (or from the module constant derived from them, for example
:data:`matcher.contract.DATA_DIR`); scripts take them as their default and accept another folder as
an argument.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["DATA_DIR", "MODELS_DIR", "PACKAGE_DIR", "SAMPLE_DIR"]

PACKAGE_DIR = Path(os.fspath(resources.files("matcher")))
"""The installed ``matcher`` package folder (a regular folder: the wheel is installed unzipped)."""

DATA_DIR = PACKAGE_DIR / "data"
"""Contract vocabularies, the ESCO extract, the function-profile catalogue and the sample data."""

SAMPLE_DIR = DATA_DIR / "sample"
"""The bundled synthetic sample (candidates, vacancies, placements; see ``matcher/data/README.md``)."""

MODELS_DIR = PACKAGE_DIR / "models"
"""The shipped Dutch sentence-transformers model (``banenmatch-nl``) and the trained ranker."""
