"""Explanations as data, and their one Dutch rendering.

An :class:`Explanation` says, for one match: every hard-constraint check with its outcome, the
signaleringen to discuss, what is unknown, matched and missing competences, the factors that raised or
lowered the score with their exact values and contributions (and where each value lies on that
factor's scale, see :class:`Band`), and text evidence (which task matched which sentence of the
candidate's experience or wishes). Scoring code builds it; :func:`render_nl` turns it into Dutch
for the CLI, the app and exports. No scoring code formats text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum

from matcher import texts_nl
from matcher.competences import CompetenceOverlap
from matcher.constraints import Check, Outcome, Rule
from matcher.contract import load_contract
from matcher.ranking import QUANTILE_LEVELS

__all__ = [
    "Band",
    "Confidence",
    "Contribution",
    "DurabilityFactor",
    "Evidence",
    "Explanation",
    "render_nl",
    "render_nl_text",
]


MIN_SHOWN_CONTRIBUTION = 0.01
"""Factors that moved the score less than this are summarised, not listed, in the Dutch rendering."""

MIN_SHOWN_DURABILITY = 0.1
"""Durability inputs that moved the estimate's log-odds less than this are not mentioned."""

STRONG_SHARE = 0.5
"""A shown factor counts as strong when it moved the score at least this share of the strongest one
(and its value is not in the :attr:`Band.MIDDLE`, whose push is small by construction)."""


class Confidence(StrEnum):
    """How much of what the hard rule needs was known for this pair."""

    HIGH = "hoog"
    MEDIUM = "middel"
    LOW = "laag"


class Band(StrEnum):
    """Where a feature value lies among the pairs the scorer was fitted on: its quantiles and its mean.

    The outer bands are claims that hold exactly for those pairs, because the quantiles are values
    that occur in them (see :data:`matcher.ranking.QUANTILE_LEVELS`): ``ABOVE_P90`` is higher than for
    at least 9 in 10 of them, ``ABOVE_P75`` than for at least 3 in 4, ``ABOVE_P50`` than for at least
    half; the ``BELOW_*`` bands likewise lower than for more than that share. ``MIDDLE`` is from the
    median to the mean (both included, in whichever order they come).

    Because the mean is also the scorer's reference point, a value above ``MIDDLE`` always raises the
    score of a feature with a positive weight and a value below it lowers it: the band never reads
    "high" for a factor that pushed a result down for being low.
    """

    BELOW_P10 = "below_p10"
    BELOW_P25 = "below_p25"
    BELOW_P50 = "below_p50"
    MIDDLE = "middle"
    ABOVE_P50 = "above_p50"
    ABOVE_P75 = "above_p75"
    ABOVE_P90 = "above_p90"

    @classmethod
    def locate(cls, value: float, quantiles: Sequence[float], mean: float) -> Band:
        """The band of ``value`` from the feature's quantiles and its mean over the same pairs.

        Parameters
        ----------
        value : float
        quantiles : sequence of float
            The feature's quantiles at :data:`~matcher.ranking.QUANTILE_LEVELS`, in that order.
        mean : float
            The feature's mean (the scorer's reference point for it).

        Examples
        --------
        >>> Band.locate(0.95, [0.1, 0.25, 0.5, 0.75, 0.9], mean=0.5).value
        'above_p90'
        >>> Band.locate(0.0, [0.0, 0.0, 0.0, 0.0, 0.0], mean=0.02).value
        'middle'
        """
        if len(quantiles) != len(QUANTILE_LEVELS):
            raise ValueError(
                f"quantiles must hold {len(QUANTILE_LEVELS)} values (at levels {QUANTILE_LEVELS}); "
                f"got {len(quantiles)}"
            )
        q = dict(zip(QUANTILE_LEVELS, quantiles, strict=True))
        low, high = sorted((q[0.50], mean))
        if value < low:
            return cls.BELOW_P10 if value < q[0.10] else cls.BELOW_P25 if value < q[0.25] else cls.BELOW_P50
        if value > high:
            return cls.ABOVE_P90 if value > q[0.90] else cls.ABOVE_P75 if value > q[0.75] else cls.ABOVE_P50
        return cls.MIDDLE


@dataclass(frozen=True)
class Contribution:
    """One feature's exact share of the score, relative to a typical eligible pair."""

    feature: str
    value: float
    contribution: float
    reference: float = 0.0  # the feature's value for a typical eligible pair
    # where ``value`` lies on the feature's scale; None when the scorer does not know that scale
    # (a ranker saved before it recorded quantiles)
    band: Band | None = None


@dataclass(frozen=True)
class DurabilityFactor:
    """How one group of the durability model's own inputs moved this pair's durability estimate.

    ``group`` is a key of :data:`matcher.durability_inputs.INPUT_GROUPS` (``"contract"``, ``"history"``,
    ``"capacity"``); ``contribution`` is its share of the model's log-odds relative to the average past
    placement (positive: raises the estimated chance; the calibration keeps the direction). What it
    rests on: the package's ``contract`` (None when unknown), and for the history the person's
    ``earlier`` placements with a known outcome and how many of them ``ended_early``.
    """

    group: str
    contribution: float
    contract: str | None = None
    earlier: int = 0
    ended_early: int = 0


@dataclass(frozen=True)
class Evidence:
    """A package task and the candidate sentence that matches it best."""

    task: str
    source: str  # "experience" | "wishes" | "competences"
    sentence: str
    similarity: float


@dataclass(frozen=True)
class Explanation:
    """Why a pair is (or is not) a match. Every field is data; see :func:`render_nl`."""

    checks: tuple[Check, ...]
    competences: CompetenceOverlap | None = None
    contributions: tuple[Contribution, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    durability: float | None = None
    durability_basis: int = 0
    # the durability model's standard error for this pair is above that of 9 in 10 past placements
    # (few comparable placements: "less certain for people like this"), DurabilityModel.uncertain
    durability_uncertain: bool = False
    # the durability model's own inputs (contract, own history, capacity profile) and how they moved it
    durability_factors: tuple[DurabilityFactor, ...] = ()
    travel_minutes: float | None = None
    # other people placed before in this kind of work, whose profiles ``placed_like`` compares with
    # (0 when the placement history is too thin for the comparison to count)
    placed_basis: int = 0
    # the rank by score alone of a result the fair re-ranking moved up (matcher.fairness); else None
    raised_from: int | None = None

    @property
    def eligible(self) -> bool:
        return not self.exclusions

    @property
    def exclusions(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.outcome is Outcome.EXCLUDE)

    @property
    def signaleringen(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.outcome is Outcome.SIGNAL)

    @property
    def unknowns(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.outcome is Outcome.UNKNOWN)

    @property
    def passed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.outcome is Outcome.PASS)

    @property
    def confidence(self) -> Confidence:
        """High when almost everything was known; low when many checks could not be made."""
        unknown = len(self.unknowns)
        if unknown <= 2:
            return Confidence.HIGH
        if unknown <= 8:
            return Confidence.MEDIUM
        return Confidence.LOW

    def to_dict(self) -> dict:
        """JSON-able form (the machine-readable explanation of ``banenmatch match --json``)."""

        return {
            "eligible": self.eligible,
            "confidence": self.confidence.value,
            "checks": [c.as_dict() for c in self.checks],
            "signaleringen": [c.as_dict() for c in self.signaleringen],
            "unknowns": [c.as_dict() for c in self.unknowns],
            "competences": asdict(self.competences) if self.competences else None,
            "contributions": [asdict(c) for c in self.contributions],
            "evidence": [asdict(e) for e in self.evidence],
            "durability": self.durability,
            "durability_basis": self.durability_basis,
            "durability_uncertain": self.durability_uncertain,
            "durability_factors": [asdict(f) for f in self.durability_factors],
            "travel_minutes": self.travel_minutes,
            "placed_basis": self.placed_basis,
            "raised_from": self.raised_from,
        }


def render_nl(explanation: Explanation) -> dict[str, list[str]]:
    """Dutch sections of an explanation, in reading order; empty sections are left out.

    Returns
    -------
    dict of str to list of str
        Section heading (Dutch) to its lines (Dutch sentences).
    """
    t = texts_nl.EXPLANATION
    sections: dict[str, list[str]] = {}
    if explanation.exclusions:
        sections[t["excluded"]] = [texts_nl.render_check_nl(c) for c in explanation.exclusions]
    sections[t["summary"]] = [
        texts_nl.count_nl(t, "confidence", len(explanation.unknowns), level=explanation.confidence.value),
        texts_nl.count_nl(t, "passed", len(explanation.passed), total=len(explanation.checks)),
    ]
    if explanation.durability is not None:
        sections[t["summary"]].append(
            texts_nl.durability_nl(explanation.durability, explanation.durability_basis)
        )
        if explanation.durability_uncertain:
            sections[t["summary"]].append(t["durability_uncertain"])
        sections[t["summary"]] += [
            texts_nl.durability_factor_nl(f.group, f.contribution, f.contract, f.earlier, f.ended_early)
            for f in explanation.durability_factors
            if abs(f.contribution) >= MIN_SHOWN_DURABILITY
        ]
    if explanation.placed_basis:
        sections[t["summary"]].append(texts_nl.count_nl(t, "placed_basis", explanation.placed_basis))
    if explanation.raised_from is not None:
        sections[t["summary"]].append(t["raised_by_fairness"].format(rank=explanation.raised_from))
    if explanation.signaleringen:
        sections[t["signals"]] = [texts_nl.render_check_nl(c) for c in explanation.signaleringen]
    if explanation.unknowns:
        sections[t["unknowns"]] = _unknown_lines(explanation.unknowns)
    comp = explanation.competences
    if comp is not None and (comp.matched_required or comp.missing_required or comp.matched_optional):
        lines = []
        if comp.matched_required or comp.matched_optional:
            lines.append(
                t["comp_matched"].format(items=", ".join(comp.matched_required + comp.matched_optional))
            )
        if comp.missing_required:
            lines.append(t["comp_missing"].format(items=", ".join(comp.missing_required)))
        sections[t["competences"]] = lines
    if explanation.contributions:
        shown = [c for c in explanation.contributions if abs(c.contribution) >= MIN_SHOWN_CONTRIBUTION][:6]
        strongest = max((abs(c.contribution) for c in explanation.contributions), default=0.0)
        lines = [
            texts_nl.contribution_nl(
                c.feature,
                c.value,
                c.contribution,
                c.reference,
                band=c.band,
                strong=abs(c.contribution) >= STRONG_SHARE * strongest and c.band is not Band.MIDDLE,
            )
            for c in shown
        ]
        if len(shown) < len(explanation.contributions):
            lines.append(t["factors_rest"])
        sections[t["factors"]] = lines
    if explanation.evidence:
        sections[t["evidence"]] = [
            t["evidence_line"].format(task=e.task, source=texts_nl.SOURCE_NL[e.source], sentence=e.sentence)
            for e in explanation.evidence
        ]
    return sections


def _unknown_lines(unknowns: tuple[Check, ...]) -> list[str]:
    """Unknown FML-lite items grouped per missing side (one line each); other rules one line each.

    When nothing at all is known of the candidate's capacities, one line says so instead of naming
    every item; the items the work leaves open are then listed on the package's line.
    """
    t = texts_nl.EXPLANATION
    fml: list[tuple[str, str]] = []  # (missing side, item name), in the order of the checks
    lines = []
    for check in unknowns:
        if check.rule is Rule.FML and check.item is not None:
            side = (
                "both"
                if check.candidate_value is None and check.package_value is None
                else "candidate"
                if check.candidate_value is None
                else "package"
            )
            fml.append((side, texts_nl.fml_name_nl(check.item)))
        else:
            lines.append(texts_nl.render_check_nl(check))
    total = len(load_contract().fml_codes)
    grouped = []
    if sum(side != "package" for side, _ in fml) == total:
        grouped.append(t["fml_unknown_candidate_all"].format(n=total))
        fml = [("package", name) for side, name in fml if side == "both"]
    for side in ("package", "candidate", "both"):
        names = [name for s, name in fml if s == side]
        if names:
            grouped.append(t[f"fml_unknown_{side}"].format(items=", ".join(names)))
    return grouped + lines


def render_nl_text(explanation: Explanation) -> str:
    """Plain-text Dutch rendering for the terminal."""
    out = []
    for heading, lines in render_nl(explanation).items():
        out.append(f"  {heading}:")
        out.extend(f"    - {line}" for line in lines)
    return "\n".join(out)
