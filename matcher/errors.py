"""Typed exceptions. Each refines a builtin so callers can catch either."""

from __future__ import annotations

__all__ = [
    "ArtefactMismatchError",
    "BanenmatchError",
    "ContractError",
    "NotFittedError",
    "SchemaError",
    "UnknownIdError",
]


class BanenmatchError(Exception):
    """Base class of every error banenmatch raises on purpose."""


class SchemaError(BanenmatchError, ValueError):
    """A record or file does not follow the data contract (DESIGN.md section 3)."""


class ContractError(BanenmatchError, RuntimeError):
    """The bundled vocabularies in ``matcher/data/`` are missing or malformed (a packaging fault)."""


class ArtefactMismatchError(BanenmatchError, ValueError):
    """A saved artefact (index, model, scorer) does not fit what it is loaded with."""


class UnknownIdError(BanenmatchError, KeyError):
    """A query names a candidate or package id that is not in the loaded data."""

    def __str__(self) -> str:  # KeyError quotes its message; keep it readable
        return str(self.args[0]) if self.args else ""


class NotFittedError(BanenmatchError, AttributeError):
    """A learned component was used before ``fit``."""
