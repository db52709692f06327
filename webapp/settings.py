"""Where the app finds its data, its reports and its run-time state.

Every setting is an environment variable. The data defaults to the sample bundled in the package
(``matcher/data/sample``), so the app works without any configuration. Run-time state and reports
default to ``var/`` and ``reports/`` under :data:`BASE_DIR`: the repository root when the app runs
from a checkout, else the current directory (an installed wheel never writes into site-packages).
Relative values are taken relative to :data:`BASE_DIR` too.

========================  =====================================  ==========================================
variable                  default                                meaning
========================  =====================================  ==========================================
``BANENMATCH_DATA``       bundled sample                         folder with candidates/vacancies/placements
``BANENMATCH_VAR``        ``var``                                run-time state (outside git)
``BANENMATCH_USERS``      ``$BANENMATCH_VAR/users.yaml``         users file (hashed passwords, roles)
``BANENMATCH_DB``         ``$BANENMATCH_VAR/banenmatch.sqlite``  the embedded store (SQLite file)
``BANENMATCH_DB_URL``     (unset)                                a shared store instead, e.g.
                                                                 ``postgresql+psycopg://user@host/db``
``BANENMATCH_REPORTS``    ``reports``                            evaluation reports (one folder each)
``BANENMATCH_ENCODER``    ``default``                            ``default`` (shipped model) or ``hashing``
``BANENMATCH_INDEX``      (none)                                 a saved index (``banenmatch build``): used
                                                                 instead of BANENMATCH_DATA, loaded in seconds
========================  =====================================  ==========================================
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from matcher.errors import SchemaError
from matcher.paths import SAMPLE_DIR

__all__ = ["BASE_DIR", "CHECKOUT", "EncoderChoice", "Settings"]

_ABOVE_PACKAGE = Path(__file__).resolve().parent.parent

CHECKOUT = (_ABOVE_PACKAGE / "pyproject.toml").is_file() and (_ABOVE_PACKAGE / "app.py").is_file()
"""Whether the app runs from a repository checkout (an editable install) rather than an installed wheel."""

BASE_DIR = _ABOVE_PACKAGE if CHECKOUT else Path.cwd()
"""The folder ``var/``, ``reports/`` and relative settings are taken from (see the module docstring)."""


class EncoderChoice(StrEnum):
    """Which text encoder the app's Matcher uses."""

    DEFAULT = "default"  # the shipped Dutch sentence-transformers model (matcher.encoders.default_encoder)
    HASHING = "hashing"  # the small deterministic HashingEncoder: fast start, for tests and demos


@dataclass(frozen=True)
class Settings:
    """Paths and choices of one app process; see the module docstring for the variables."""

    data_dir: Path
    var_dir: Path
    users_file: Path
    database: Path
    reports_dir: Path
    encoder: EncoderChoice
    database_url: str = ""
    index: Path | None = None

    @property
    def store_url(self) -> str:
        """The SQLAlchemy URL of the store: ``BANENMATCH_DB_URL``, else the SQLite file ``database``."""
        return self.database_url or f"sqlite:///{self.database}"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from ``environ`` (default: ``os.environ``).

        Raises
        ------
        SchemaError
            When ``BANENMATCH_ENCODER`` is not one of the known choices.
        """
        env = os.environ if environ is None else environ

        def path(name: str, default: Path) -> Path:
            value = env.get(name)
            chosen = Path(value).expanduser() if value else default
            return chosen if chosen.is_absolute() else BASE_DIR / chosen

        var_dir = path("BANENMATCH_VAR", BASE_DIR / "var")
        raw_encoder = env.get("BANENMATCH_ENCODER", "") or EncoderChoice.DEFAULT.value
        try:
            encoder = EncoderChoice(raw_encoder.strip().lower())
        except ValueError:
            choices = ", ".join(c.value for c in EncoderChoice)
            raise SchemaError(
                f"BANENMATCH_ENCODER: expected one of {choices}, found {raw_encoder!r}; "
                "unset it for the shipped model or set it to 'hashing' for the fast test encoder"
            ) from None
        return cls(
            data_dir=path("BANENMATCH_DATA", SAMPLE_DIR),
            var_dir=var_dir,
            users_file=path("BANENMATCH_USERS", var_dir / "users.yaml"),
            database=path("BANENMATCH_DB", var_dir / "banenmatch.sqlite"),
            reports_dir=path("BANENMATCH_REPORTS", BASE_DIR / "reports"),
            encoder=encoder,
            index=path("BANENMATCH_INDEX", BASE_DIR) if env.get("BANENMATCH_INDEX") else None,
            database_url=env.get("BANENMATCH_DB_URL", "").strip(),
        )
