"""Dutch training material for the shipped encoder, read from ESCO only.

Everything here comes from ``sources/esco-nl`` (ESCO occupations with Dutch labels and
descriptions, and the public ESCO <-> VDAB Competent skills crosswalk; see ``sources/README.md``). Nothing is read from the
MELO benchmark and nothing from the official Dutch <-> ESCO occupation crosswalk: MELO-nld is a
zero-shot test set and its annotations were made from that crosswalk.

This module is a build-time helper of ``scripts/build_model.py``; the product never imports it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

OCCUPATIONS_FILE = "occupations_nl.csv"
SKILLS_FILE = "esco_skills_vdab_competent_nl.csv"
_SKILLS_HEADER_START = "Classification 1 URI"
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9ÀÁÄÉÈËÏÖÜ])")


@dataclass(frozen=True)
class Occupation:
    """One ESCO occupation with its Dutch labels."""

    uri: str
    isco_group: str
    preferred: str
    alternatives: tuple[str, ...]
    description_sentences: tuple[str, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        """Preferred label first, then the alternative and hidden labels."""
        return (self.preferred, *self.alternatives)


@dataclass(frozen=True)
class SkillPair:
    """An ESCO skill label linked to a VDAB Competent label by the skills crosswalk."""

    esco_label: str
    vdab_label: str
    relation: str


def _split_lines(cell: str | None) -> list[str]:
    if not cell:
        return []
    return [part.strip() for part in cell.split("\n") if part.strip()]


def split_sentences(text: str) -> list[str]:
    """Split a Dutch description into sentences (punctuation followed by a capital)."""
    return [s.strip() for s in _SENTENCE_SPLIT.split(text.strip()) if len(s.strip()) > 3]


def read_occupations(esco_dir: Path) -> list[Occupation]:
    """Read ``occupations_nl.csv``: preferred, alternative and hidden labels plus description sentences."""
    path = Path(esco_dir) / OCCUPATIONS_FILE
    if not path.is_file():
        raise FileNotFoundError(
            f"{path}: ESCO occupations file not found; pass --esco DIR (see docs/MODEL_CARD.md)"
        )
    out: list[Occupation] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            preferred = (row.get("preferredLabel") or "").strip()
            if not preferred:
                continue
            seen = {preferred.lower()}
            alternatives: list[str] = []
            for label in _split_lines(row.get("altLabels")) + _split_lines(row.get("hiddenLabels")):
                if label.lower() not in seen:
                    seen.add(label.lower())
                    alternatives.append(label)
            out.append(
                Occupation(
                    uri=row["conceptUri"],
                    isco_group=(row.get("iscoGroup") or "").strip(),
                    preferred=preferred,
                    alternatives=tuple(alternatives),
                    description_sentences=tuple(split_sentences(row.get("description") or "")),
                )
            )
    return out


def read_skill_pairs(esco_dir: Path) -> list[SkillPair]:
    """Read the ESCO <-> VDAB skills crosswalk (the table after its header block)."""
    path = Path(esco_dir) / SKILLS_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: ESCO-VDAB skills file not found; pass --esco DIR")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    start = next((i for i, r in enumerate(rows) if r and r[0] == _SKILLS_HEADER_START), None)
    if start is None:
        raise ValueError(f"{path}: no header row starting with {_SKILLS_HEADER_START!r}")
    header = rows[start]
    col = {name: header.index(name) for name in header}
    pairs: list[SkillPair] = []
    for r in rows[start + 1 :]:
        if len(r) < len(header):
            continue
        esco = r[col["Classification 1 PrefLabel"]].strip()
        vdab = r[col["Classification 2 PrefLabel NL"]].strip()
        if esco and vdab:
            pairs.append(SkillPair(esco, vdab, r[col["Mapping Relation"]].strip()))
    return pairs


def all_phrases(occupations: list[Occupation], skills: list[SkillPair]) -> list[str]:
    """Unique Dutch phrases in a fixed order: occupation labels, skill labels, description sentences."""
    seen: set[str] = set()
    out: list[str] = []

    def add(text: str) -> None:
        if text not in seen:
            seen.add(text)
            out.append(text)

    for occ in occupations:
        for label in occ.labels:
            add(label)
    for pair in skills:
        add(pair.esco_label)
        add(pair.vdab_label)
    for occ in occupations:
        for sentence in occ.description_sentences:
            add(sentence)
    return out
