"""Update equals rebuild at 30k, and how far rankings drift until the next full build.

On a world (default 30,000 candidates, python -m evaluation world), the script

1. builds an index from all but the last 10% of candidates and packages and part of the history;
2. applies one update: ``--changed`` candidates get other wishes, the held-back candidates and
   packages are added, ``--removed`` candidates are removed, the held-back placements are added;
3. fits a Matcher on the final data with the index's durability model and ranker (what an update
   keeps) and compares the top-20 ids of ``--queries`` random queries in each direction with the
   updated index: they must be equal;
4. fits a Matcher on the final data from scratch (what ``build`` gives: durability model and ranker
   reference refitted) and reports how many of those top-20 lists differ and their mean overlap: the
   drift that an update leaves until the next full build.

Usage::

    .venv/bin/python scripts/bench_update.py --data /tmp/world-30k [--encoder default|hashing]

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench_common import cpu_model  # noqa: E402

from matcher import persist  # noqa: E402
from matcher.encoders import encoder_from_choice  # noqa: E402
from matcher.io import read_candidates, read_packages, read_placements  # noqa: E402
from matcher.recommend import Matcher  # noqa: E402


def _tops(matcher: Matcher, pkg_ids: list[str], cand_ids: list[str], k: int = 20) -> list[list[str]]:
    out = [[m.candidate_id for m in matcher.for_vacancy(p, k)] for p in pkg_ids]
    return out + [[m.package_id for m in matcher.for_candidate(c, k)] for c in cand_ids]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="world folder")
    parser.add_argument("--encoder", default="default")
    parser.add_argument("--changed", type=int, default=500)
    parser.add_argument("--removed", type=int, default=200)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    encoder = encoder_from_choice(args.encoder)
    cands = list(read_candidates(args.data / "candidates.jsonl").records)
    pkgs = list(read_packages(args.data / "vacancies.jsonl").records)
    places = list(read_placements(args.data / "placements.jsonl").records)
    n_c, n_p, n_pl = int(len(cands) * 0.9), int(len(pkgs) * 0.9), int(len(places) * 0.9)
    rng = np.random.default_rng(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "index"
        start = time.perf_counter()
        Matcher(encoder=encoder).fit(cands[:n_c], pkgs[:n_p], places[:n_pl]).save(root)
        build_s = time.perf_counter() - start
        picked = rng.choice(n_c, args.changed + args.removed, replace=False)
        changed = [
            dataclasses.replace(cands[i], wishes="Het liefst iets met de computer, archief of administratie.")
            for i in picked[: args.changed]
        ]
        removed = [cands[i].id for i in picked[args.changed :]]
        start = time.perf_counter()
        updated, _ = persist.update(
            root,
            candidates=changed + cands[n_c:],
            packages=pkgs[n_p:],
            placements=places[n_pl:],
            remove_candidates=removed,
            encoder=encoder,
        )
        update_s = time.perf_counter() - start
        updated = Matcher.load(root, encoder=encoder)
    final = (list(updated.candidates), list(updated.packages), list(updated.placements))
    same_models = Matcher(encoder=encoder, scorer=updated.scorer, durability=updated.durability).fit(*final)
    rebuilt = Matcher(encoder=encoder).fit(*final)
    ids_p, ids_c = updated.corpus.packages.arrays.ids, updated.corpus.candidates.arrays.ids
    pkg_ids = [ids_p[j] for j in rng.choice(len(ids_p), min(args.queries, len(ids_p)), replace=False)]
    cand_ids = [ids_c[i] for i in rng.choice(len(ids_c), min(args.queries, len(ids_c)), replace=False)]
    got = _tops(updated, pkg_ids, cand_ids)
    same = _tops(same_models, pkg_ids, cand_ids)
    fresh = _tops(rebuilt, pkg_ids, cand_ids)
    n = len(pkg_ids)
    overlap = [len(set(a) & set(b)) / max(1, len(b)) for a, b in zip(got, fresh, strict=True) if b]
    print(
        json.dumps(
            {
                "world": str(args.data),
                "encoder": encoder.name,
                "built_from": {"candidates": n_c, "packages": n_p, "placements": n_pl},
                "update": {
                    "changed": args.changed,
                    "added_candidates": len(cands) - n_c,
                    "removed": args.removed,
                    "added_packages": len(pkgs) - n_p,
                    "added_placements": len(places) - n_pl,
                },
                "build_s": round(build_s, 1),
                "update_s": round(update_s, 1),
                "queries": {"vacancy": n, "candidate": len(cand_ids)},
                "top20_equal_to_fit_with_kept_models": {
                    "vacancy": sum(a == b for a, b in zip(got[:n], same[:n], strict=True)),
                    "candidate": sum(a == b for a, b in zip(got[n:], same[n:], strict=True)),
                },
                "drift_against_full_build": {
                    "top20_lists_equal_vacancy": sum(a == b for a, b in zip(got[:n], fresh[:n], strict=True)),
                    "top20_lists_equal_candidate": sum(
                        a == b for a, b in zip(got[n:], fresh[n:], strict=True)
                    ),
                    "mean_top20_overlap": round(float(np.mean(overlap)), 4) if overlap else None,
                },
                "machine": f"{os.cpu_count()} cores, {cpu_model()}, python {platform.python_version()}",
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
