"""``full``: the complete matcher (:class:`matcher.recommend.Matcher`): constraints, dense retrieval,
pair features, learned durability and the linear scorer, exactly as the product runs it.

The matcher is built once per benchmark (placements train its durability model) and asked for every
query with ``for_vacancy`` / ``for_candidate``. Explanations are not needed for scoring, so evidence
sentences are switched off (``evidence=False``); they do not change scores.
"""

from __future__ import annotations

from tqdm.auto import tqdm

from evaluation.dataset import Benchmark
from evaluation.runs import Direction, Run
from evaluation.systems.base import check_k

__all__ = ["FairFullSystem", "FullSystem"]


class FullSystem:
    """The product's own ranking.

    Parameters
    ----------
    encoder : matcher.encoders.Encoder
    progress : bool, default=True
    **matcher_options
        Passed to :class:`matcher.recommend.Matcher` (e.g. ``pool_size``).
    """

    name = "full"

    def __init__(self, encoder, *, progress: bool = True, **matcher_options) -> None:
        self.encoder = encoder
        self.progress = progress
        self.matcher_options = matcher_options
        self._built: tuple[Benchmark, object] | None = None

    def _options(self, data: Benchmark) -> dict:
        return {"evidence": False, **self.matcher_options}

    def _matcher(self, data: Benchmark):
        from matcher.recommend import Matcher

        if self._built is None or self._built[0] is not data:
            options = self._options(data)
            matcher = Matcher(encoder=self.encoder, **options).fit(
                data.candidates, data.packages, placements=data.placements
            )
            self._built = (data, matcher)
        return self._built[1]

    def rank(self, direction: Direction, data: Benchmark, k: int) -> Run:
        k = check_k(k)
        direction = Direction(direction)
        matcher = self._matcher(data)
        scores: dict[str, dict[str, float]] = {}
        for query in tqdm(
            data.queries(direction), desc=f"{self.name} {direction}", disable=not self.progress
        ):
            if direction is Direction.VACANCY:
                matches = matcher.for_vacancy(query, k=k)
                scores[query] = {m.candidate_id: self._score(m, len(matches)) for m in matches}
            else:
                matches = matcher.for_candidate(query, k=k)
                scores[query] = {m.package_id: self._score(m, len(matches)) for m in matches}
        return Run(self.name, direction, scores)

    @staticmethod
    def _score(match, n: int) -> float:
        return float(match.score)


class FairFullSystem(FullSystem):
    """``full_fair``: the full matcher with fair re-ranking of candidates (:mod:`matcher.fairness`).

    The one system that is handed audit labels: the world's ``limitation_type`` per candidate, as the
    separate group mapping of :class:`matcher.fairness.FairRanking`, which only reorders each vacancy's
    scored eligible pool. Features and scores never see it. A re-ranked list is no longer in score
    order, so the run's scores are rank-derived (``1 / rank``, the same whatever ``k``) to keep rank and
    score in agreement (DESIGN.md section 4); the list is prefix-stable for ``k`` up to ``depth``; the candidate direction has nothing to re-rank (packages have no group).

    Parameters
    ----------
    depth : int
        :attr:`matcher.fairness.FairRanking.depth`.
    attribute : str, default "limitation_type"
        The audit attribute whose groups are balanced.
    weights : mapping of group to float, optional
        :attr:`matcher.fairness.FairRanking.weights` (learned on another world).
    """

    name = "full_fair"

    def __init__(
        self, encoder, *, depth: int, attribute: str = "limitation_type", weights=None, **options
    ) -> None:
        super().__init__(encoder, **options)
        self.depth = depth
        self.attribute = attribute
        self.weights = dict(weights or {})

    def _options(self, data: Benchmark) -> dict:
        from matcher.fairness import FairRanking

        fairness = FairRanking(
            data.group_labels(self.attribute),
            depth=self.depth,
            attribute=self.attribute,
            weights=self.weights,
        )
        return {**super()._options(data), "fairness": fairness}

    @staticmethod
    def _score(match, n: int) -> float:
        return 1.0 / match.rank
