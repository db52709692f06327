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

__all__ = ["FullSystem"]


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

    def _matcher(self, data: Benchmark):
        from matcher.recommend import Matcher

        if self._built is None or self._built[0] is not data:
            options = {"evidence": False, **self.matcher_options}
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
                scores[query] = {m.candidate_id: float(m.score) for m in matches}
            else:
                matches = matcher.for_candidate(query, k=k)
                scores[query] = {m.package_id: float(m.score) for m in matches}
        return Run(self.name, direction, scores)
