"""The Jobcarving page's task table: table rows -> :class:`~matcher.carving.CarvingTask`, with a typed
problem per bad row; a function profile as a starting table; proposals as contract JSON Lines.

The table has one row per task: the task (text), its hours per week (text, so "2,5" and a typo can be
read and answered in Dutch), and per FML-lite item of :data:`TASK_ITEMS` a short answer
(:data:`matcher.texts_nl.CARVING_ANSWERS_NL`, answer ``i`` is level ``i``). An empty answer is unknown:
it is left out of the task's demands, so it never excludes anyone and never counts as a fit.
A row is named by its place from the top (rows added in the browser have no index of their own until
the next run) and, when it has one, its task.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pandas as pd

from matcher import texts_nl
from matcher.carving import CarvedPackage, CarvingTask
from matcher.io import to_dict
from matcher.schema import FunctionProfile

__all__ = [
    "HOURS",
    "TASK_ITEMS",
    "TEXT",
    "RowIssue",
    "RowProblem",
    "answers",
    "empty_table",
    "packages_jsonl",
    "parse_hours",
    "table_from_profile",
    "table_signature",
    "tasks_from_table",
]

TASK_ITEMS: tuple[str, ...] = tuple(texts_nl.CARVING_ITEMS_NL)
"""The FML-lite items asked per task: what most often decides whether a carved task suits someone
(lifting, walking, pace, busyness, sensory load, customer contact). Six, so the table fits the page."""

TEXT = "text"
HOURS = "hours"
COLUMNS: tuple[str, ...] = (TEXT, HOURS, *TASK_ITEMS)

_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


class RowIssue(StrEnum):
    """What is wrong with a row; the value is its text's key in :data:`matcher.texts_nl.CARVING_NL`."""

    EMPTY_TEXT = "row_empty_text"
    NO_HOURS = "row_no_hours"
    BAD_HOURS = "row_bad_hours"
    ZERO_HOURS = "row_zero_hours"
    TOO_MANY_HOURS = "row_too_many_hours"
    BAD_ANSWER = "row_bad_answer"


@dataclass(frozen=True)
class RowProblem:
    """A bad row: its place from the top (1 = first), what is wrong, what was found (as typed), its task."""

    row: int
    issue: RowIssue
    found: str = ""
    item: str = ""  # the FML-lite code of a BAD_ANSWER
    text: str = ""  # the row's task, to find the row by

    def nl(self, *, max_hours: float) -> str:
        """The Dutch message: the row, what is wrong and how to fix it."""
        texts = texts_nl.CARVING_NL
        where = (
            texts["row_named"].format(row=self.row, text=self.text)
            if self.text
            else texts["row"].format(row=self.row)
        )
        return texts[self.issue.value].format(
            where=where,
            found=self.found,
            high=texts_nl.hours_nl(max_hours),
            item=texts_nl.CARVING_ITEMS_NL.get(self.item, self.item),
        )


def empty_table() -> pd.DataFrame:
    """A table without rows (text columns)."""
    return pd.DataFrame({c: pd.Series([], dtype="object") for c in COLUMNS})


def answers(code: str) -> tuple[str, ...]:
    """The answers a cell of item ``code`` offers; answer ``i`` is level ``i``."""
    return texts_nl.CARVING_ANSWERS_NL[code]


def _answer(code: str, level: int | None) -> str | None:
    return None if level is None else answers(code)[level]


def table_from_profile(profile: FunctionProfile) -> pd.DataFrame:
    """A profile's tasks as a starting table.

    A profile does not say which task demands what, so every task gets the profile's level on each
    item of :data:`TASK_ITEMS`; its lowest hours are spread evenly over the tasks (in half hours, at
    least half an hour each).
    """
    n = len(profile.tasks)
    hours = max(0.5, round(min(profile.hours_per_week) / max(n, 1) * 2) / 2)
    rows = [
        {
            TEXT: task,
            HOURS: texts_nl.hours_nl(hours),
            **{code: _answer(code, profile.demands.get(code)) for code in TASK_ITEMS},
        }
        for task in profile.tasks
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS), dtype="object")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""


def parse_hours(value: Any) -> float | None:
    """Hours per week from a cell: ``4``, ``"4"``, ``"2,5"`` or ``"2.5"``; ``None`` when it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    text = str(value).strip()
    return float(text.replace(",", ".")) if _NUMBER.fullmatch(text) else None


def tasks_from_table(table: pd.DataFrame, *, max_hours: float) -> tuple[list[CarvingTask], list[RowProblem]]:
    """The tasks of the table's good rows, and a problem for every bad row (empty rows are skipped).

    Parameters
    ----------
    table
        The edited task table (columns :data:`COLUMNS`), in the order shown.
    max_hours
        Most hours per week of a package: a longer task fits in no package.

    Returns
    -------
    (tasks, problems)
        One task per good row in table order; at most one problem per bad row, the first found.
    """
    tasks: list[CarvingTask] = []
    problems: list[RowProblem] = []
    for number, row in enumerate(table.to_dict(orient="records"), start=1):
        cells = {c: row.get(c) for c in COLUMNS}
        if all(_blank(v) for v in cells.values()):
            continue
        problem = _row_problem(number, cells, max_hours)
        if problem is not None:
            problems.append(problem)
            continue
        demands = {
            code: answers(code).index(str(cells[code])) for code in TASK_ITEMS if not _blank(cells[code])
        }
        tasks.append(CarvingTask(str(cells[TEXT]).strip(), float(parse_hours(cells[HOURS])), demands))
    return tasks, problems


def _short(value: Any) -> str:
    return " ".join(str(value).split())[:40]


def _row_problem(number: int, cells: dict[str, Any], max_hours: float) -> RowProblem | None:
    if _blank(cells[TEXT]):
        return RowProblem(number, RowIssue.EMPTY_TEXT)
    text = _short(cells[TEXT])
    raw = cells[HOURS]
    if _blank(raw):
        return RowProblem(number, RowIssue.NO_HOURS, text=text)
    hours = parse_hours(raw)
    if hours is None:
        return RowProblem(number, RowIssue.BAD_HOURS, _short(raw), text=text)
    if hours <= 0:
        return RowProblem(number, RowIssue.ZERO_HOURS, texts_nl.hours_nl(hours), text=text)
    if hours > max_hours:
        return RowProblem(number, RowIssue.TOO_MANY_HOURS, texts_nl.hours_nl(hours), text=text)
    for code in TASK_ITEMS:
        value = cells[code]
        if not _blank(value) and str(value) not in answers(code):
            return RowProblem(number, RowIssue.BAD_ANSWER, _short(value), code, text)
    return None


def packages_jsonl(proposals: Iterable[CarvedPackage]) -> bytes:
    """The proposed packages as JSON Lines in the contract's form (``vacancies.jsonl``), UTF-8."""
    lines = (json.dumps(to_dict(p.package), ensure_ascii=False) + "\n" for p in proposals)
    return "".join(lines).encode("utf-8")


def table_signature(table: pd.DataFrame, settings: Sequence[object]) -> str:
    """A stable text of the table and the settings, to tell whether a shown proposal is still current."""
    cells = [[None if _blank(v) else str(v) for v in row] for row in table.itertuples()]
    return json.dumps([cells, [str(s) for s in settings]], ensure_ascii=False)
