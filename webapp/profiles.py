"""Searching the function-profile catalogue (:func:`matcher.catalogue.load_function_profiles`)."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable

from matcher.schema import FunctionProfile

__all__ = ["search_profiles"]


def _fold(text: str) -> str:
    """Lower case without accents ("geëmailleerd" -> "geemailleerd")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_profiles(
    profiles: Iterable[FunctionProfile], query: str = "", sectors: Collection[str] = ()
) -> list[FunctionProfile]:
    """Profiles in one of ``sectors`` (all when empty) whose title, tasks, description or ESCO label
    contain every word of ``query`` (case and accents ignored), in alphabetical order of title."""
    words = _fold(query).split()
    wanted = set(sectors)
    found = []
    for profile in profiles:
        if wanted and not wanted.intersection(profile.sectors):
            continue
        haystack = _fold(
            " ".join([profile.title, *profile.tasks, profile.description, profile.esco_label or ""])
        )
        if all(word in haystack for word in words):
            found.append(profile)
    return sorted(found, key=lambda p: (_fold(p.title), p.id))
