"""The fair re-ranking's trade-off: DetConstSort at several depths, replayed over a saved ``full`` run.

``full_fair`` (``matcher.fairness``) re-ranks each vacancy's scored eligible pool; with ``--k 100`` and
a depth of at most 100 it reorders exactly the top 100 by score, which is what the saved ``full`` run
holds. So the whole curve is computed here from one ``full`` run, without re-running the matcher for
each depth (``tests/evaluation/test_fair_tradeoff.py`` checks that the replay equals the system). For
every depth: nDCG@10 (vacancy direction) and its change against ``full`` with the paired tests, the
exposure ratio of every limitation-type group (exposure share / share of the relevant eligible
candidates, ``evaluation.metrics.merit``), whether all lie in [0.8, 1.25], and violations@10. The
candidate direction is not re-ranked (packages have no group), so its loss is 0 by construction.

Usage::

    .venv/bin/python scripts/fair_tradeoff.py --data /tmp/world-10k --runs REPORT/runs \\
        --depths 10,20,30,50,100 [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from evaluation.dataset import load_benchmark
from evaluation.experiment import ScoreSettings, score_runs
from evaluation.metrics.merit import merit_weights, relevant_eligible
from evaluation.oracle import Oracle
from evaluation.report import FAIR_BAND
from evaluation.runs import Direction, Run, read_run, run_path
from matcher.fairness import FairRanking, fair_order

ATTRIBUTE = "limitation_type"


def replay(
    run: Run,
    groups: dict[str, str],
    depth: int,
    name: str,
    weights: dict | None = None,
    method: str | None = None,
) -> Run:
    """``run`` re-ranked per query as ``full_fair`` would (rank-derived scores, as that system writes)."""
    fairness = FairRanking(
        groups, depth=depth, weights=weights or {}, **({"method": method} if method else {})
    )
    scores = {}
    for query in run.scores:
        ranked = run.ranked(query)
        ids = [doc for doc, _ in ranked]
        order, _ = fair_order(fairness, ids, [score for _, score in ranked], len(ids))
        scores[query] = {ids[n]: 1.0 / rank for rank, n in enumerate(order, start=1)}
    return Run(name, Direction.VACANCY, scores)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the benchmark folder the run was made on")
    parser.add_argument("--runs", type=Path, required=True, help="folder with full.vacancy.trec")
    parser.add_argument("--depths", default="10,20,30,50,100", help="comma-separated depths")
    parser.add_argument("--permutations", type=int, default=1000)
    parser.add_argument("--methods", default="detgreedy", help="comma-separated: detgreedy, detconstsort")
    parser.add_argument("--json", type=Path, help="also write the table as JSON")
    parser.add_argument(
        "--train-data", type=Path, help="another world whose relevance sets the per-group corrections"
    )
    parser.add_argument("--train-runs", type=Path, help="folder with that world's full.vacancy.trec")
    parser.add_argument(
        "--weights-out", type=Path, help="write the learned corrections as WEIGHTS_OUT/weights.dDEPTH.json"
    )
    args = parser.parse_args(argv)
    data = load_benchmark(args.data)
    full = read_run(run_path(args.runs, "full", Direction.VACANCY))
    groups = data.group_labels(ATTRIBUTE)
    depths = [int(d) for d in args.depths.split(",") if d.strip()]
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    short = {"detconstsort": "dcs", "detgreedy": "greedy"}
    runs = [full, *(replay(full, groups, d, f"{short[m]}_d{d}", method=m) for m in methods for d in depths)]
    if args.train_data is not None:
        train = load_benchmark(args.train_data)
        train_run = read_run(run_path(args.train_runs, "full", Direction.VACANCY))
        oracle = Oracle(train.candidate_by_id, train.package_by_id)
        relevant = relevant_eligible(
            train.qrels[Direction.VACANCY], lambda q, d: oracle.excluded("vacancy", q, d)
        )
        for depth in depths:
            weights = merit_weights(train_run, relevant, train.group_labels(ATTRIBUTE), depth=depth)
            runs += [replay(full, groups, depth, f"{short[m]}_w_d{depth}", weights, m) for m in methods]
            if args.weights_out is not None:
                args.weights_out.mkdir(parents=True, exist_ok=True)
                (args.weights_out / f"weights.d{depth}.json").write_text(
                    json.dumps({"attribute": ATTRIBUTE, "depth": depth, "learned_on": str(args.train_data),
                                "weights": weights}, indent=2) + "\n",
                    encoding="utf-8",
                )  # fmt: skip
    card = score_runs(
        data,
        runs,
        ScoreSettings(metrics=("ndcg@10",), baseline="full", permutations=args.permutations),
    )
    tests = card.significance.get(Direction.VACANCY, {})
    base = next(s for s in card.systems if s.system == "full").means["ndcg@10"]
    rows = []
    by_name = {s.system: s for s in card.systems}
    for scores in (by_name[r.system] for r in runs):
        ratios = {g: e.ratio for g, e in scores.exposure_ratio[ATTRIBUTE].items() if e.merit}
        others = {
            a: [
                min(e.ratio for e in groups_.values() if e.merit),
                max(e.ratio for e in groups_.values() if e.merit),
            ]
            for a, groups_ in scores.exposure_ratio.items()
            if a != ATTRIBUTE
        }
        test = tests.get(scores.system, {}).get("ndcg@10")
        ndcg = scores.means["ndcg@10"]
        rows.append(
            {
                "system": scores.system,
                "ndcg@10": ndcg,
                "change": ndcg / base - 1.0,
                "p_student": None if test is None else test.p_student,
                "p_randomisation": None if test is None else test.p_randomisation,
                "violations@10": scores.violations.count,
                f"exposure_ratio@10.{ATTRIBUTE}": ratios,
                "all_in_band": all(FAIR_BAND[0] <= r <= FAIR_BAND[1] for r in ratios.values()),
                "other_attributes_min_max": others,
            }
        )
    groups_order = sorted(rows[0][f"exposure_ratio@10.{ATTRIBUTE}"])
    print(
        "| system | nDCG@10 | change | p (t / rand.) | "
        + " | ".join(groups_order)
        + " | all in band | viol.@10 |"
    )
    print("|---" * (6 + len(groups_order)) + "|")
    for row in rows:
        p = "–" if row["p_student"] is None else f"{row['p_student']:.3f} / {row['p_randomisation']:.3f}"
        ratios = row[f"exposure_ratio@10.{ATTRIBUTE}"]
        print(
            f"| `{row['system']}` | {row['ndcg@10']:.4f} | {row['change']:+.1%} | {p} | "
            + " | ".join(f"{ratios.get(g, float('nan')):.2f}" for g in groups_order)
            + f" | {'yes' if row['all_in_band'] else 'no'} | {row['violations@10']} |"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
