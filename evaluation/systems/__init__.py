"""Benchmark systems: each turns a benchmark into TREC runs for both directions."""

from evaluation.systems.base import System, TopK
from evaluation.systems.registry import (
    SYSTEMS,
    SystemOptions,
    SystemSpec,
    SystemUnavailableError,
    available_systems,
    build_system,
    missing_modules,
    select_systems,
)

__all__ = [
    "SYSTEMS",
    "System",
    "SystemOptions",
    "SystemSpec",
    "SystemUnavailableError",
    "TopK",
    "available_systems",
    "build_system",
    "missing_modules",
    "select_systems",
]
