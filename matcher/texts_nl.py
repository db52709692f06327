"""Every text an adviser reads, in Dutch, in one place (so a translation is one new module).

Sections: explanations and ranking factors (:data:`EXPLANATION`, :data:`FEATURE_NL`), hard-constraint
checks (:data:`CONSTRAINT_TEXTS`, :func:`render_check_nl`), and the app's interface texts.
Code never builds adviser-facing Dutch elsewhere.
"""

from __future__ import annotations

# ---------------------------------------------------------------- explanations (matcher.explain)
EXPLANATION: dict[str, str] = {
    "excluded": "Uitgesloten door harde voorwaarden",
    "summary": "Samenvatting",
    "confidence": "Betrouwbaarheid: {level} ({unknown} onbekende punten)",
    "passed": "{n} van de {total} voorwaarden zijn zeker in orde",
    "signals": "Bespreken (signaleringen)",
    "unknowns": "Onbekend (navragen; telt niet als passend)",
    "competences": "Competenties",
    "comp_matched": "Aanwezig: {items}",
    "comp_missing": "Ontbreekt: {items}",
    "factors": "Wat de rangorde bepaalde",
    "evidence": "Onderbouwing uit het profiel",
    "evidence_line": "Taak \u201c{task}\u201d past bij {source}: \u201c{sentence}\u201d",
}

SOURCE_NL: dict[str, str] = {
    "experience": "werkervaring",
    "wishes": "wensen",
    "competences": "competenties",
}

FEATURE_NL: dict[str, str] = {
    "sim_wishes": "taken passen bij de wensen",
    "sim_experience": "taken passen bij eerdere werkervaring",
    "sim_competences": "taken passen bij de competenties",
    "lexical": "zelfde woorden in taken en profiel",
    "required_competences": "vereiste competenties aanwezig",
    "optional_competences": "gewenste competenties aanwezig",
    "travel_burden": "reistijd ten opzichte van het maximum",
    "hours_fit": "uren passen bij wat de kandidaat wil werken",
    "sector_preference": "voorkeurssector",
    "signaleringen": "aantal signaleringen",
    "unknowns": "aantal onbekende punten",
    "level_gap": "verschil tussen werkniveau en opleidingsniveau",
    "durability": "geschatte kans dat de plaatsing standhoudt",
}


def contribution_nl(feature: str, value: float, contribution: float) -> str:
    """One ranking factor as a Dutch sentence: which way it pushed the rank, and how much."""
    direction = "verhoogt" if contribution > 0 else "verlaagt" if contribution < 0 else "verandert niet"
    return f"{FEATURE_NL[feature].capitalize()} ({value:.2f}) {direction} de rangorde ({contribution:+.2f})"


def durability_nl(probability: float, basis: int) -> str:
    """The durability estimate in plain words, with what it is based on; never a '% match'."""
    pct = int(round(probability * 100 / 5) * 5)
    if basis == 0:
        return "Geen eerdere plaatsingen bekend: de kans dat de plaatsing een jaar standhoudt is niet te schatten"
    return (
        f"Geschatte kans dat de plaatsing minstens een jaar standhoudt: ongeveer {pct}% "
        f"(op basis van {basis} eerdere plaatsingen; een schatting, geen garantie)"
    )
