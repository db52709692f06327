"""ESCO competences in Dutch: resolve URIs and labels to one canonical competence, and compare lists.

Candidates and packages name competences as ESCO URIs or as Dutch labels (DESIGN.md section 3). This
module maps both onto the same :class:`Competence` so that ``http://data.europa.eu/esco/skill/...``
and its Dutch label count as one competence, and compares a package's required and optional
competences with a candidate's (:func:`overlap`).

The vocabulary is the bundled extract in ``matcher/data/esco/`` (see its README): ESCO occupations with their
Dutch preferred and alternative labels, and ESCO skills with their Dutch label plus the Dutch labels of
the VDAB Competent concepts mapped to them as ``exactMatch`` or ``closeMatch``. Label lookup is
case-, accent- and punctuation-insensitive (:func:`fold`). When a label is ambiguous, the most
specific tier wins: an ESCO preferred label before an ESCO alternative label before a VDAB label. If
several concepts remain, :func:`resolve` returns the one with the smallest URI and :func:`overlap`
accepts any of them. Terms that resolve to nothing still take part in :func:`overlap`, compared by
their folded text.

This product uses the ESCO classification of the European Commission.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from matcher.contract import DATA_DIR
from matcher.errors import ContractError

__all__ = [
    "ESCO_DIR",
    "Competence",
    "CompetenceOverlap",
    "EscoOccupation",
    "EscoSkill",
    "EscoVocabulary",
    "competence_keys",
    "fold",
    "is_known",
    "load_esco",
    "overlap",
    "resolve",
]

ESCO_DIR = DATA_DIR / "esco"
ESCO_URI_PREFIX = "http://data.europa.eu/esco/"

#: VDAB crosswalk relations close enough to use the VDAB label as another name of the ESCO skill.
_VDAB_SYNONYM_RELATIONS = frozenset({"exactMatch", "closeMatch"})

CompetenceKind = Literal["skill", "occupation"]


@dataclass(frozen=True)
class Competence:
    """One ESCO concept: its URI, Dutch preferred label and whether it is a skill or an occupation."""

    uri: str
    label: str
    kind: CompetenceKind


@dataclass(frozen=True)
class EscoOccupation:
    """An ESCO occupation as bundled in ``matcher/data/esco/occupations_nl.csv``."""

    uri: str
    isco_group: str
    label: str
    alt_labels: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class EscoSkill:
    """An ESCO skill with the Dutch labels of the VDAB concepts mapped to it (any relation)."""

    uri: str
    label: str
    vdab_labels: tuple[str, ...]


@dataclass(frozen=True)
class CompetenceOverlap:
    """How a candidate's competences cover a package's required and optional ones.

    Every field holds display labels in the order of the package's list, one per distinct competence:
    the Dutch ESCO label for a resolved term, the term itself (whitespace-normalised) otherwise.
    """

    matched_required: tuple[str, ...]
    missing_required: tuple[str, ...]
    matched_optional: tuple[str, ...]
    missing_optional: tuple[str, ...]

    @property
    def required_coverage(self) -> float | None:
        """Share of distinct required competences the candidate has; ``None`` if none are required."""
        total = len(self.matched_required) + len(self.missing_required)
        return len(self.matched_required) / total if total else None

    @property
    def optional_coverage(self) -> float | None:
        """Share of distinct optional competences the candidate has; ``None`` if none are listed."""
        total = len(self.matched_optional) + len(self.missing_optional)
        return len(self.matched_optional) / total if total else None


def fold(text: str) -> str:
    """Comparison key for a label: accents removed, case folded, punctuation runs turned into one space.

    >>> fold("  Conciërge / Huismeester ")
    'concierge huismeester'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    out: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        out.append(ch if ch.isalnum() else " ")
    return " ".join("".join(out).casefold().split())


def _normalise_uri(term: str) -> str:
    uri = term.strip()
    if uri.startswith("https://data.europa.eu/esco/"):
        uri = "http://" + uri[len("https://") :]
    return uri.rstrip("/")


@dataclass(frozen=True)
class EscoVocabulary:
    """The loaded ESCO extract with lookup tables. Get the shared instance with :func:`load_esco`."""

    occupations: Mapping[str, EscoOccupation]
    skills: Mapping[str, EscoSkill]
    #: folded label -> URIs, one table per tier (most specific first)
    _tiers: tuple[Mapping[str, tuple[str, ...]], ...]

    def concept(self, uri: str) -> Competence | None:
        """The competence with exactly this URI (``https`` and a trailing slash tolerated), or ``None``."""
        key = _normalise_uri(uri)
        if key in self.occupations:
            return Competence(key, self.occupations[key].label, "occupation")
        if key in self.skills:
            return Competence(key, self.skills[key].label, "skill")
        return None

    def senses(self, term: str) -> tuple[str, ...]:
        """All URIs ``term`` may denote (sorted; empty if unknown): the URI itself, or the label's tier."""
        if self.concept(term) is not None:
            return (_normalise_uri(term),)
        key = fold(term)
        if not key:
            return ()
        for tier in self._tiers:
            if key in tier:
                return tier[key]
        return ()


def _split_labels(field: str) -> tuple[str, ...]:
    return tuple(label for label in (part.strip() for part in field.split("|")) if label)


def _add(table: dict[str, set[str]], label: str, uri: str) -> None:
    key = fold(label)
    if key:
        table.setdefault(key, set()).add(uri)


def _freeze(table: dict[str, set[str]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({key: tuple(sorted(uris)) for key, uris in table.items()})


@lru_cache(maxsize=4)
def load_esco(esco_dir: Path = ESCO_DIR) -> EscoVocabulary:
    """Load the ESCO extract from ``esco_dir`` (default: the bundled ``matcher/data/esco/``), once per folder.

    Raises
    ------
    ContractError
        If the files are missing or lack the expected columns.
    """
    occupations: dict[str, EscoOccupation] = {}
    skill_labels: dict[str, str] = {}
    skill_vdab: dict[str, list[str]] = {}
    preferred: dict[str, set[str]] = {}
    alternative: dict[str, set[str]] = {}
    vdab: dict[str, set[str]] = {}
    try:
        with (esco_dir / "occupations_nl.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                occ = EscoOccupation(
                    uri=row["conceptUri"],
                    isco_group=row["iscoGroup"],
                    label=row["preferredLabel"],
                    alt_labels=_split_labels(row["altLabels"]),
                    description=row["description"],
                )
                occupations[occ.uri] = occ
                _add(preferred, occ.label, occ.uri)
                for alt in occ.alt_labels:
                    _add(alternative, alt, occ.uri)
        with (esco_dir / "skills_nl.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                uri = row["conceptUri"]
                if uri not in skill_labels:
                    skill_labels[uri] = row["preferredLabel"]
                    _add(preferred, row["preferredLabel"], uri)
                if row["vdabLabel"]:
                    skill_vdab.setdefault(uri, []).append(row["vdabLabel"])
                    if row["relation"] in _VDAB_SYNONYM_RELATIONS:
                        _add(vdab, row["vdabLabel"], uri)
    except (OSError, KeyError) as exc:
        raise ContractError(
            f"cannot load the ESCO extract from {esco_dir}: {exc}. "
            "Restore matcher/data/esco/ from the repository or rebuild it with scripts/build_catalogue.py esco."
        ) from exc
    skills = {
        uri: EscoSkill(uri, label, tuple(dict.fromkeys(skill_vdab.get(uri, ()))))
        for uri, label in skill_labels.items()
    }
    return EscoVocabulary(
        occupations=MappingProxyType(occupations),
        skills=MappingProxyType(skills),
        _tiers=(_freeze(preferred), _freeze(alternative), _freeze(vdab)),
    )


@lru_cache(maxsize=65536)
def _senses(term: str) -> tuple[str, ...]:
    return load_esco().senses(term)


def resolve(term: str) -> Competence | None:
    """The canonical ESCO competence for a URI or a Dutch label, or ``None`` if it names none.

    Parameters
    ----------
    term : str
        An ESCO occupation or skill URI, or a Dutch preferred, alternative or VDAB label (any case,
        accents and punctuation optional).

    Examples
    --------
    >>> resolve("conciërge").kind
    'occupation'
    >>> resolve("CONCIERGE") == resolve("conciërge")
    True
    """
    senses = _senses(term)
    return load_esco().concept(senses[0]) if senses else None


def is_known(term: str) -> bool:
    """Whether ``term`` resolves to an ESCO competence."""
    return bool(_senses(term))


@lru_cache(maxsize=65536)
def competence_keys(term: str) -> frozenset[str]:
    """Comparison keys of a term: two terms name the same competence when their keys intersect.

    The keys are the ESCO URIs the term may denote, or ``"text:" + fold(term)`` when it resolves to
    nothing; a blank term has no keys. Use this to precompute a candidate's keys once for many
    packages; :func:`overlap` uses the same rule.
    """
    senses = _senses(term)
    if senses:
        return frozenset(senses)
    key = fold(term)
    return frozenset({"text:" + key}) if key else frozenset()


@lru_cache(maxsize=65536)
def _display(term: str) -> str:
    competence = resolve(term)
    return competence.label if competence is not None else " ".join(term.split())


def _split(terms: Iterable[str], have: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    matched: list[str] = []
    missing: list[str] = []
    seen: set[frozenset[str]] = set()
    for term in terms:
        keys = competence_keys(term)
        if not keys or keys in seen:
            continue
        seen.add(keys)
        (matched if keys & have else missing).append(_display(term))
    return tuple(matched), tuple(missing)


def overlap(
    required: Iterable[str], optional: Iterable[str], candidate_terms: Iterable[str]
) -> CompetenceOverlap:
    """Compare a package's required and optional competences with a candidate's.

    Terms are compared after resolving: a URI and its Dutch label are the same competence; a term that
    resolves to nothing matches only a term with the same folded text. An ambiguous label matches any
    concept it may denote. Repeated competences are counted once; empty terms are ignored.

    Parameters
    ----------
    required, optional : iterable of str
        The package's ``required_competences`` and ``optional_competences``.
    candidate_terms : iterable of str
        The candidate's ``competences``.

    Returns
    -------
    CompetenceOverlap
        Display labels of matched and missing competences, in the package's order.

    Examples
    --------
    >>> o = overlap(["schoonmaaktechnieken", "klantvriendelijk"], [], ["Schoonmaaktechnieken"])
    >>> o.matched_required, o.missing_required
    (('schoonmaaktechnieken',), ('klantvriendelijk',))
    """
    have: set[str] = set()
    for term in candidate_terms:
        have |= competence_keys(term)
    have_frozen = frozenset(have)
    matched_required, missing_required = _split(required, have_frozen)
    matched_optional, missing_optional = _split(optional, have_frozen)
    return CompetenceOverlap(matched_required, missing_required, matched_optional, missing_optional)
