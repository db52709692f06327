"""The one place where a record becomes text for embedding and lexical matching.

Each side is cut into *fields* that are compared with each other (DESIGN.md section 5): a package's
work (title and tasks) against a candidate's experience, wishes and competences. Vacancy boilerplate
("Wij bieden...", "Solliciteren?") is stripped so it cannot make unrelated packages look alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from matcher.schema import Candidate, WorkPackage

__all__ = [
    "CandidateText",
    "PackageText",
    "candidate_text",
    "package_text",
    "split_clauses",
    "split_sentences",
]

# Sentences that describe the employer or the procedure rather than the work.
_BOILERPLATE = re.compile(
    r"^\s*(wij bieden|wat bieden wij|we bieden|solliciteren|interesse\?|meer informatie|"
    r"voor vragen|de sollicitatieprocedure|een assessment|acquisitie)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
# Clause boundaries inside a sentence: commas, dashes, and "maar"/"of"/"en" joining two wishes.
_CLAUSE_END = re.compile(r",\s+|\s+[-–]\s+|:\s+|\s+(?:maar|of|en ook|of anders)\s+", re.IGNORECASE)


def split_sentences(text: str) -> list[str]:
    """Split Dutch free text into trimmed sentences, dropping empty pieces and boilerplate."""
    pieces = (p.strip(" \t-•*") for p in _SENTENCE_END.split(text or ""))
    return [p for p in pieces if p and not _BOILERPLATE.match(p)]


def split_clauses(text: str, *, min_words: int = 2) -> list[str]:
    """Sentences cut further into clauses (``"Ik wil buiten werken, het liefst met dieren"`` -> two).

    A free-text wish often names several kinds of work with filler around them; comparing a
    package with each clause finds the one that matches instead of averaging it away. Clauses
    shorter than ``min_words`` words are joined to the previous one.
    """
    clauses: list[str] = []
    for sentence in split_sentences(text):
        for piece in (p.strip(" .!?;") for p in _CLAUSE_END.split(sentence)):
            if not piece:
                continue
            if clauses and len(piece.split()) < min_words:
                clauses[-1] = f"{clauses[-1]} {piece}"
            else:
                clauses.append(piece)
    return clauses


@dataclass(frozen=True)
class CandidateText:
    """The candidate's text fields; an empty string means the field is empty (unknown)."""

    experience: str
    wishes: str
    competences: str

    @property
    def profile(self) -> str:
        """All fields together: what a package is retrieved against."""
        return " ".join(t for t in (self.wishes, self.experience, self.competences) if t)


@dataclass(frozen=True)
class PackageText:
    """The package's text fields."""

    work: str
    description: str
    tasks: tuple[str, ...]

    @property
    def profile(self) -> str:
        return " ".join(t for t in (self.work, self.description) if t)


def _competence_labels(terms: tuple[str, ...]) -> list[str]:
    # Competences may be ESCO URIs; embed their Dutch labels, never the URI string.
    from matcher.competences import resolve

    labels = []
    for term in terms:
        found = resolve(term)
        if found is not None:
            labels.append(found.label)
        elif not term.startswith("http"):
            labels.append(term)
    return labels


def candidate_text(candidate: Candidate) -> CandidateText:
    """Text fields of a candidate (experience items joined as sentences)."""
    experience = " ".join(_as_sentence(e) for e in candidate.experience if e.strip())
    return CandidateText(
        experience=experience,
        wishes=(candidate.wishes or "").strip(),
        competences="; ".join(_competence_labels(candidate.competences)),
    )


def package_text(package: WorkPackage) -> PackageText:
    """Text fields of a work package: title and tasks are the work; the description is cleaned."""
    tasks = tuple(t.text.strip() for t in package.tasks if t.text.strip())
    work = ". ".join((package.title, *tasks))
    required = _competence_labels(package.required_competences)
    if required:
        work = f"{work}. {'; '.join(required)}"
    description = " ".join(split_sentences(package.description))
    return PackageText(work=work, description=description, tasks=tasks)


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."
