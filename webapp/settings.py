"""Where the app finds its data, its reports and its run-time state.

Every setting is an environment variable with a default relative to the repository root, so
``streamlit run app.py`` works without any configuration on the bundled sample data.

========================  =====================================  ==========================================
variable                  default                                meaning
========================  =====================================  ==========================================
``BANENMATCH_DATA``       ``data/sample``                        folder with candidates/vacancies/placements
``BANENMATCH_VAR``        ``var``                                run-time state (outside git)
``BANENMATCH_USERS``      ``$BANENMATCH_VAR/users.yaml``         users file (hashed passwords, roles)
``BANENMATCH_DB``         ``$BANENMATCH_VAR/banenmatch.sqlite``  audit log and shortlists
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

__all__ = ["ROOT", "EncoderChoice", "Settings"]

ROOT = Path(__file__).resolve().parent.parent
"""The repository root (the folder of ``app.py``)."""


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
    index: Path | None = None

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
            return chosen if chosen.is_absolute() else ROOT / chosen

        var_dir = path("BANENMATCH_VAR", ROOT / "var")
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
            data_dir=path("BANENMATCH_DATA", ROOT / "data" / "sample"),
            var_dir=var_dir,
            users_file=path("BANENMATCH_USERS", var_dir / "users.yaml"),
            database=path("BANENMATCH_DB", var_dir / "banenmatch.sqlite"),
            reports_dir=path("BANENMATCH_REPORTS", ROOT / "reports"),
            encoder=encoder,
            index=path("BANENMATCH_INDEX", ROOT) if env.get("BANENMATCH_INDEX") else None,
        )
