"""Fair re-ranking of candidates: post-processing over the eligible, scored pool (DetGreedy, DetConstSort).

The methods are DetGreedy and DetConstSort from

    Sahin Cem Geyik, Stuart Ambler and Krishnaram Kenthapadi. "Fairness-Aware Ranking in Search &
    Recommendation Systems with Application to LinkedIn Talent Search". KDD 2019, pp. 2221-2231
    (Algorithms 1 and 3), https://doi.org/10.1145/3292500.3330691

Given a desired share ``p_g`` per group, both build the top ``k`` so that every prefix of length ``r``
holds at least ``floor(r * p_g)`` members of each group (DetGreedy also at most ``ceil(r * p_g)`` while
another group can take the place), and within that order by score as far as the constraints allow.
FA*IR (Zehlike et al., CIKM 2017; the ``fairsearchcore`` package on PyPI, 1.0.4 of 2019) was the other
candidate; it protects a single binary group, while the audit's limitation type has eight groups, so the
LinkedIn algorithms, which handle any number of groups, are used (and no dependency is added).

Why the group labels cannot all be seen at once: the re-ranking is per query, so a group whose share
times ``k`` is below one has no guaranteed place in a top ``k``; exposure proportional to merit for such
a group would need allocation across queries (amortised fairness), which this module does not do.

What it may and may not do (DESIGN.md section 4): it reorders the results the matcher already scored
for one query, all of which the hard rule admitted. It never adds a pair, so it can never admit an
excluded one, and it never changes a score.

The desired shares. LinkedIn aims at each group's share among the *qualified* candidates of the query.
Merit is unknown at ranking time, so the re-ranker starts from each group's share among the ``depth``
best-scored eligible results and multiplies it by a per-group correction ``weights[g]`` (default 1),
then normalises. The corrections are measured, not guessed: on a world with known relevance, a group's
mean share of the relevant eligible candidates divided by its mean share of the top ``depth``
(:func:`evaluation.metrics.merit.merit_weights`; the evaluation learns them on another world than it
measures on). Without them the shares of the scored pool carry the scorer's own bias, and the
re-ranking only reproduces it (docs/BENCHMARKS.md has both).

Where the groups come from. A group label (e.g. the kind of limitation) is sensitive, health-derived data
and must never reach scoring. So the labels are not a field of any record and no feature sees them:
they are handed, as a separate ``{candidate_id: group}`` mapping, only to this post-processing step
(:class:`FairRanking`). The scores, and therefore the features and the learned weights, are computed
without them and are identical with or without fair re-ranking; a test checks this. The organisation
that switches it on supplies the mapping (the evaluation uses the synthetic world's audit file; the app
the ``audit.jsonl`` beside its data; the CLI a file given with ``--fairness``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from matcher.errors import SchemaError

__all__ = [
    "DEFAULT_DEPTH",
    "UNLABELLED",
    "FairRanking",
    "desired_shares",
    "det_const_sort",
    "det_greedy",
    "fair_order",
    "read_groups",
    "read_weights",
]

DEFAULT_DEPTH = 20
"""Best-scored eligible results whose group shares are the target (see the module docstring)."""

UNLABELLED = "onbekend"
"""The group of a candidate the mapping does not name."""


@dataclass(frozen=True)
class FairRanking:
    """Settings of the fair re-ranking (``Matcher(..., fairness=FairRanking(groups))``).

    Parameters
    ----------
    groups : mapping of candidate id to group label
        Used only to reorder results; never a feature.
    depth : int, default DEFAULT_DEPTH
        The desired shares are the groups' shares among this many best-scored eligible results.
    attribute : str, default "limitation_type"
        What the labels are (for the record and the documentation only).
    weights : mapping of group to float, optional
        Correction of each group's share of the pool towards its share of the suitable people (see the
        module docstring); a group not named keeps weight 1.
    method : {"detgreedy", "detconstsort"}, default "detgreedy"
        :func:`det_greedy` or :func:`det_const_sort` (both Geyik et al. 2019). DetGreedy is the default
        because it measured better here: DetConstSort's minimum counts leave groups whose share times
        ``k`` is below one without a place, and push them down further (docs/BENCHMARKS.md).
    """

    groups: Mapping[str, str] = field(default_factory=dict)
    depth: int = DEFAULT_DEPTH
    attribute: str = "limitation_type"
    weights: Mapping[str, float] = field(default_factory=dict)
    method: str = "detgreedy"

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"method: expected one of {', '.join(METHODS)}, found {self.method!r}")
        if isinstance(self.depth, bool) or not isinstance(self.depth, int) or self.depth < 1:
            raise ValueError(f"depth: expected a positive whole number, found {self.depth!r}")
        object.__setattr__(self, "groups", MappingProxyType({str(k): str(v) for k, v in self.groups.items()}))
        for group, weight in self.weights.items():
            if not (isinstance(weight, int | float) and math.isfinite(weight) and weight >= 0):
                raise ValueError(f"weights[{group!r}]: expected a non-negative number, found {weight!r}")
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))

    def group_of(self, candidate_id: str) -> str:
        return self.groups.get(candidate_id, UNLABELLED)


def desired_shares(groups: Sequence[str], weights: Mapping[str, float] | None = None) -> dict[str, float]:
    """Each group's share of ``groups`` (the labels of the best-scored results), times its weight, normalised.

    Examples
    --------
    >>> desired_shares(["a", "a", "a", "b"], {"b": 3.0})
    {'a': 0.5, 'b': 0.5}
    """
    counts: dict[str, float] = {}
    for g in groups:
        counts[g] = counts.get(g, 0.0) + 1.0
    weighted = {g: n * (weights or {}).get(g, 1.0) for g, n in sorted(counts.items())}
    total = sum(weighted.values())
    return {g: w / total for g, w in weighted.items()} if total else {}


def det_const_sort(
    scores: Sequence[float], groups: Sequence[str], shares: Mapping[str, float], k: int
) -> list[int]:
    """DetConstSort (Geyik et al., KDD 2019, Algorithm 3): positions of the re-ranked top ``k``.

    Parameters
    ----------
    scores : sequence of float
        Scores of the items, best first (ties already broken).
    groups : sequence of str
        Group of each item.
    shares : mapping of group to float
        Desired share of each group (summing to at most 1).
    k : int
        Length of the re-ranked list.

    Returns
    -------
    list of int
        Indices into ``scores``, the new order (``min(k, len(scores))`` of them). After the groups'
        minimum counts are met, the rest follow by score.

    Examples
    --------
    >>> det_const_sort([0.9, 0.8, 0.7, 0.1], ["a", "a", "a", "b"], {"a": 0.5, "b": 0.5}, 4)
    [0, 3, 1, 2]
    """
    n = len(scores)
    k = min(k, n)
    queues: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        queues.setdefault(g, []).append(i)
    taken = dict.fromkeys(queues, 0)
    minimum = dict.fromkeys(queues, 0)
    placed: list[int] = []  # item indices in the new order
    latest: list[int] = []  # the last rank (1-based) each placed item may take
    step = 0
    while len(placed) < k and step <= k + len(queues):
        step += 1
        wanted = {g: math.floor(step * shares.get(g, 0.0)) for g in queues}
        changed = [g for g in queues if minimum[g] < wanted[g] and taken[g] < len(queues[g])]
        changed.sort(key=lambda g: (-scores[queues[g][taken[g]]], queues[g][taken[g]]))
        for g in changed:
            item = queues[g][taken[g]]
            taken[g] += 1
            placed.append(item)
            latest.append(step)
            pos = len(placed) - 1
            # move up past lower-scored items as long as they may still sit one place lower
            while pos > 0 and latest[pos - 1] >= pos + 1 and scores[placed[pos - 1]] < scores[placed[pos]]:
                placed[pos - 1], placed[pos] = placed[pos], placed[pos - 1]
                latest[pos - 1], latest[pos] = latest[pos], latest[pos - 1]
                pos -= 1
        minimum = wanted
    chosen = set(placed)
    rest = [i for i in range(n) if i not in chosen]
    return (placed + rest)[:k]


def det_greedy(
    scores: Sequence[float], groups: Sequence[str], shares: Mapping[str, float], k: int
) -> list[int]:
    """DetGreedy (Geyik et al., KDD 2019, Algorithm 1): positions of the re-ranked top ``k``.

    At each rank ``r``: if a group is below its minimum ``floor(r * p_g)``, the best next item of such a
    group; otherwise the best next item of a group still below its maximum ``ceil(r * p_g)``; otherwise
    (every such group used up) the best remaining item. Unlike :func:`det_const_sort` it fills every
    rank as it goes, so a small group (``p_g * k < 1``) can still take a place its score earns, while a
    large group cannot take more than its ceiling.

    Examples
    --------
    >>> det_greedy([0.9, 0.8, 0.7, 0.1], ["a", "a", "a", "b"], {"a": 0.5, "b": 0.5}, 4)
    [0, 3, 1, 2]
    """
    n = len(scores)
    k = min(k, n)
    queues: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        queues.setdefault(g, []).append(i)
    taken = dict.fromkeys(queues, 0)
    order: list[int] = []
    for r in range(1, k + 1):
        open_ = [g for g in queues if taken[g] < len(queues[g])]
        below_min = [g for g in open_ if taken[g] < math.floor(r * shares.get(g, 0.0))]
        below_max = [g for g in open_ if taken[g] < math.ceil(r * shares.get(g, 0.0))]
        pool = below_min or below_max or open_
        g = min(pool, key=lambda g: (-scores[queues[g][taken[g]]], queues[g][taken[g]]))
        order.append(queues[g][taken[g]])
        taken[g] += 1
    return order


METHODS = {"detconstsort": det_const_sort, "detgreedy": det_greedy}
"""The re-ranking algorithms of Geyik et al. (KDD 2019) offered by :class:`FairRanking`."""


def fair_order(
    fairness: FairRanking | None, ids: Sequence[str], scores: Sequence[float], k: int
) -> tuple[list[int], dict[int, int]]:
    """The top ``k`` of one query's scored pool, fairly re-ranked when ``fairness`` is given.

    Parameters
    ----------
    fairness : FairRanking or None
        ``None``: by score (ties by id), nothing moved.
    ids : sequence of str
        Candidate ids of the scored pool (every one eligible).
    scores : sequence of float
    k : int

    Returns
    -------
    order : list of int
        Positions into ``ids``, best first.
    raised_from : dict of int to int
        For each position moved *up* by the re-ranking: its rank (1-based) by score alone.
    """
    by_score = sorted(range(len(scores)), key=lambda n: (-round(float(scores[n]), 12), ids[n]))
    if fairness is None or not by_score:
        return by_score[:k], {}
    top = by_score[: max(fairness.depth, k)]
    groups = [fairness.group_of(ids[n]) for n in top]
    shares = desired_shares(groups[: fairness.depth], fairness.weights)
    # the rounded scores that ordered the pool, so near-ties compare as ties everywhere
    reordered = METHODS[fairness.method]([round(float(scores[n]), 12) for n in top], groups, shares, k)
    order = [top[i] for i in reordered]
    score_rank = {n: r for r, n in enumerate(by_score, start=1)}
    raised = {n: score_rank[n] for rank, n in enumerate(order, start=1) if score_rank[n] > rank}
    return order, raised


def read_groups(path: Path | str, attribute: str = "limitation_type") -> dict[str, str]:
    """``{candidate_id: label}`` from a JSON Lines file with ``id`` (or ``candidate_id``) and ``attribute``.

    The format of the synthetic world's ``audit.jsonl``. Raises :class:`SchemaError` naming FILE:LINE.
    """
    path = Path(path)
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SchemaError(f"{path}:{number}: line: expected one JSON object ({exc.msg})") from None
            if not isinstance(row, dict):
                raise SchemaError(
                    f"{path}:{number}: line: expected a JSON object, found {type(row).__name__}"
                )
            key = row.get("id", row.get("candidate_id"))
            if not isinstance(key, str):
                raise SchemaError(f"{path}:{number}: id: expected the candidate's id as a string")
            value = row.get(attribute)
            if value is not None:
                if not isinstance(value, str | int):
                    raise SchemaError(f"{path}:{number}: {attribute}: expected a group label as a string")
                out[key] = str(value)
    return out


def read_weights(path: Path | str) -> dict[str, float]:
    """Per-group corrections from a JSON file ``{"weights": {group: number}}`` (as the evaluation writes)."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SchemaError(f"{path}:{exc.lineno}: weights: expected JSON ({exc.msg})") from None
    weights = raw.get("weights") if isinstance(raw, dict) else None
    if not isinstance(weights, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) and v >= 0 for v in weights.values()
    ):
        raise SchemaError(f"{path}:1: weights: expected an object of group -> non-negative number")
    return {str(k): float(v) for k, v in weights.items()}
