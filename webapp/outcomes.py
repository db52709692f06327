"""Outcomes of proposals: what happened to each shortlisted candidate (the process data of the VUM
standard), the end of a placement, contract ``placements.jsonl`` from them, and k-anonymous figures.

A proposal is one candidate on one WSP's shortlist for one vacancy. Its steps are rows of their own
(appended, never changed), each with a date, the adviser and, where it applies, a reason from a closed
list. The open steps may repeat or be skipped (a trial placement is not always needed); a closing step
(placed and ended, rejected, withdrawn) ends the proposal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path

import sqlalchemy as sa

from matcher.contract import load_contract
from matcher.errors import SchemaError
from matcher.schema import Placement
from webapp.database import Store, open_store, outcome

__all__ = [
    "K_ANONYMITY",
    "REJECTIONS",
    "REJECTION_REASONS",
    "OutcomeError",
    "OutcomeStore",
    "Step",
    "StepRecord",
    "suppress",
]

K_ANONYMITY = 5
"""Figures of outcomes are shown only from this count up (a smaller count could point at a person)."""


class Step(StrEnum):
    VOORGESTELD = "voorgesteld"  # voorgesteld aan werkgever
    KENNISMAKING = "kennismaking"
    PROEFPLAATSING = "proefplaatsing"
    GEPLAATST = "geplaatst"  # with start date, contract type and hours
    AFGEWEZEN_WERKGEVER = "afgewezen_werkgever"
    AFGEWEZEN_KANDIDAAT = "afgewezen_kandidaat"
    AFGEWEZEN_ADVISEUR = "afgewezen_adviseur"
    TERUGGETROKKEN = "teruggetrokken"
    BEEINDIGD = "beeindigd"  # the end of a placement, with a contract end reason


FUNNEL = (Step.VOORGESTELD, Step.KENNISMAKING, Step.PROEFPLAATSING, Step.GEPLAATST)
"""The steps forward, in order: a proposal that reached one also passed the ones before."""
REJECTIONS = (Step.AFGEWEZEN_WERKGEVER, Step.AFGEWEZEN_KANDIDAAT, Step.AFGEWEZEN_ADVISEUR)
CLOSING = (*REJECTIONS, Step.TERUGGETROKKEN, Step.BEEINDIGD)

DISAGREEMENT = "past_niet_ondanks_match"
REJECTION_REASONS = (
    DISAGREEMENT,  # the adviser disagrees with the ranking: the match does not fit after all
    "taken_passen_niet",
    "belasting_te_hoog",
    "reistijd",
    "uren_of_rooster",
    "begeleiding_ontbreekt",
    "werkgever_koos_ander",
    "kandidaat_wil_ander_werk",
    "kandidaat_niet_beschikbaar",
    "gezondheid",
    "anders",
)
"""The closed list of reasons for a rejection (Dutch names in ``texts_nl.OUTCOME_REASONS_NL``)."""


class OutcomeError(SchemaError):
    """A step that cannot be recorded; ``key`` names the Dutch message in ``texts_nl``."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        super().__init__(message)


@dataclass(frozen=True)
class StepRecord:
    wsp: str
    package_id: str
    candidate_id: str
    step: Step
    on_date: date
    adviser: str
    reason: str | None = None
    start_date: date | None = None
    contract: str | None = None
    hours: int | None = None
    rank: int | None = None


def suppress(count: int) -> str:
    """A count as shown: ``"< 5"`` under :data:`K_ANONYMITY`, else the number."""
    return f"< {K_ANONYMITY}" if count < K_ANONYMITY else str(count)


def _check(record: StepRecord, earlier: list[StepRecord]) -> None:
    contract = load_contract()
    last = earlier[-1].step if earlier else None
    if last in CLOSING:
        raise OutcomeError("closed", f"step: the proposal was closed with {last.value!r}")
    if last is Step.GEPLAATST and record.step is not Step.BEEINDIGD:
        raise OutcomeError("placed", "step: after 'geplaatst' only the end of the placement can follow")
    if earlier and record.on_date < earlier[-1].on_date:
        raise OutcomeError(
            "date_order", f"on_date: expected on or after {earlier[-1].on_date}, found {record.on_date}"
        )
    if record.step in REJECTIONS and record.reason not in REJECTION_REASONS:
        raise OutcomeError(
            "reason_missing",
            f"reason: expected one of {', '.join(REJECTION_REASONS)}, found {record.reason!r}",
        )
    if record.step is Step.GEPLAATST:
        if record.start_date is None:
            raise OutcomeError("start_missing", "start_date: a placement needs its start date")
        if record.contract not in contract.contracts:
            raise OutcomeError(
                "contract_missing",
                f"contract: expected one of {', '.join(contract.contracts)}, found {record.contract!r}",
            )
        if record.hours is None or not 1 <= record.hours <= 60:
            raise OutcomeError(
                "hours_missing", f"hours: expected 1 to 60 hours per week, found {record.hours!r}"
            )
    if record.step is Step.BEEINDIGD:
        if last is not Step.GEPLAATST:
            raise OutcomeError("not_placed", "step: only a placement can end; record 'geplaatst' first")
        placed = earlier[-1]
        if record.reason not in contract.end_reasons:
            raise OutcomeError(
                "end_reason_missing",
                f"reason: expected one of {', '.join(contract.end_reasons)}, found {record.reason!r}",
            )
        if placed.start_date is not None and record.on_date < placed.start_date:
            raise OutcomeError("end_before_start", f"on_date: the placement started on {placed.start_date}")


class OutcomeStore:
    """Outcome steps in the store."""

    def __init__(self, target: Store | Path | str) -> None:
        self.store = open_store(target)

    def record(self, step: StepRecord) -> None:
        """Append one step after checking it against the steps before.

        Raises
        ------
        OutcomeError
            When the step does not fit (reason missing or not in its list, a placement without start,
            contract or hours, a step after the proposal was closed, a date before the last step).
        """
        step = StepRecord(**{**step.__dict__, "step": Step(step.step)})
        with self.store.begin() as conn:
            earlier = self._history(conn, step.wsp, step.package_id, step.candidate_id)
            _check(step, earlier)
            conn.execute(
                sa.insert(outcome).values(
                    wsp=step.wsp,
                    package_id=step.package_id,
                    candidate_id=step.candidate_id,
                    step=step.step.value,
                    rank=step.rank,
                    on_date=step.on_date,
                    adviser=step.adviser,
                    reason=step.reason,
                    start_date=step.start_date,
                    contract=step.contract,
                    hours=step.hours,
                    recorded_at=datetime.now(UTC).isoformat(timespec="seconds"),
                )
            )

    @staticmethod
    def _rows(conn, query) -> list[StepRecord]:
        return [
            StepRecord(
                r.wsp,
                r.package_id,
                r.candidate_id,
                Step(r.step),
                r.on_date,
                r.adviser,
                r.reason,
                r.start_date,
                r.contract,
                r.hours,
                r.rank,
            )
            for r in conn.execute(query.order_by(outcome.c.id))
        ]

    def _history(self, conn, wsp: str, package_id: str, candidate_id: str) -> list[StepRecord]:
        query = sa.select(outcome).where(
            outcome.c.wsp == wsp, outcome.c.package_id == package_id, outcome.c.candidate_id == candidate_id
        )
        return self._rows(conn, query)

    def history(self, wsp: str, package_id: str, candidate_id: str) -> list[StepRecord]:
        """The steps of one proposal, in the order they were recorded."""
        with self.store.engine.connect() as conn:
            return self._history(conn, wsp, package_id, candidate_id)

    def all_steps(self, wsp: str | None = None, package_id: str | None = None) -> list[StepRecord]:
        query = sa.select(outcome)
        if wsp is not None:
            query = query.where(outcome.c.wsp == wsp)
        if package_id is not None:
            query = query.where(outcome.c.package_id == package_id)
        with self.store.engine.connect() as conn:
            return self._rows(conn, query)

    def latest(self, wsp: str, package_id: str) -> dict[str, StepRecord]:
        """The last step per candidate of one WSP's shortlist for one vacancy."""
        return {r.candidate_id: r for r in self.all_steps(wsp, package_id)}

    def placements(self) -> list[Placement]:
        """Contract placements from the recorded outcomes: each ``geplaatst`` step (start date) with the
        ``beeindigd`` step after it (end date and reason), sorted by candidate, package and start."""
        result = []
        for steps in _proposals(self.all_steps()).values():
            placed: StepRecord | None = None
            for record in steps:
                if record.step is Step.GEPLAATST:
                    placed = record
                elif record.step is Step.BEEINDIGD and placed is not None:
                    result.append(
                        Placement(
                            placed.candidate_id,
                            placed.package_id,
                            placed.start_date,
                            record.on_date,
                            record.reason,
                        )
                    )
                    placed = None
            if placed is not None:
                result.append(Placement(placed.candidate_id, placed.package_id, placed.start_date))
        return sorted(result, key=lambda p: (p.candidate_id, p.package_id, p.start))

    def figures(self) -> Figures:
        """How far proposals got and how often advisers disagreed with the top 10 (all WSPs together)."""
        return figures(self.all_steps())


def _proposals(steps: Iterable[StepRecord]) -> dict[tuple[str, str, str], list[StepRecord]]:
    grouped: dict[tuple[str, str, str], list[StepRecord]] = {}
    for record in steps:
        grouped.setdefault((record.wsp, record.package_id, record.candidate_id), []).append(record)
    return grouped


@dataclass(frozen=True)
class Figures:
    """Counts over proposals (show them through :func:`suppress`)."""

    proposals: int
    reached: Mapping[Step, int]  # proposals that reached each funnel step (or a later one)
    closed: Mapping[Step, int]  # proposals closed by each rejection / withdrawal / end
    top10: int  # proposals of candidates ranked 1-10 when shortlisted
    top10_disagreed: int  # of those: rejected by the adviser as "past niet ondanks match"


def figures(steps: Iterable[StepRecord]) -> Figures:
    proposals = _proposals(steps)
    reached: Counter[Step] = Counter()
    closed: Counter[Step] = Counter()
    top10 = disagreed = 0
    for history in proposals.values():
        furthest = max((FUNNEL.index(r.step) for r in history if r.step in FUNNEL), default=-1)
        for step in FUNNEL[: furthest + 1]:
            reached[step] += 1
        for record in history:
            if record.step in CLOSING:
                closed[record.step] += 1
        rank = next((r.rank for r in history if r.rank is not None), None)
        if rank is not None and rank <= 10:
            top10 += 1
            disagreed += any(r.step is Step.AFGEWEZEN_ADVISEUR and r.reason == DISAGREEMENT for r in history)
    return Figures(len(proposals), dict(reached), dict(closed), top10, disagreed)
