"""A long fuzz campaign over every reader: the mutations of ``tests/fuzzing.py`` on 100,000+ records.

Files of ``--batch`` lines per kind (candidates, vacancies, placements, carving tasks) are built from
valid records, about half of them mutated at JSON or byte level (huge integers, NaN/Infinity, deep
nesting, BOM, CRLF, invalid UTF-8, duplicate keys and ids, hostile ids, truncation, random bytes), and
read with the readers (candidates, vacancies and placements through the app's upload path,
``webapp.dataset.load_sources``, which uses ``matcher.io``; carving tasks from a file). Every rule of
``tests.fuzzing.violations`` is checked per file. Everything that loaded is fitted into a ``Matcher``
(hashing encoder) and every loaded vacancy and candidate is queried (``for_vacancy``,
``for_candidate``, k=5). Exceptions are caught and counted, never hidden: the exit code is 1 when
anything broke.

Run (numbers in docs/BENCHMARKS.md):

    .venv/bin/python scripts/fuzz_campaign.py --records 100000 --seed 12
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matcher.encoders import HashingEncoder
from matcher.io import read_candidates, read_carving_tasks, read_packages, read_placements
from matcher.recommend import Matcher
from tests.fuzzing import file_bytes, make_lines, violations
from webapp.dataset import load_sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000, help="records in all (default 100000)")
    parser.add_argument("--batch", type=int, default=400, help="lines per file and kind (default 400)")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    counts: collections.Counter[str] = collections.Counter()
    mutations: collections.Counter[str] = collections.Counter()
    broken: list[str] = []
    started = time.perf_counter()
    seconds = collections.Counter[str]()
    with tempfile.TemporaryDirectory() as tmp:
        tasks_path = Path(tmp) / "taken.jsonl"
        batch = 0
        while counts["records"] < args.records:
            start = batch * args.batch
            files = {
                kind: make_lines(rng, kind, args.batch, start=start)
                for kind in ("candidates", "packages", "placements", "tasks")
            }
            data = {kind: file_bytes(rng, lines) for kind, lines in files.items()}
            for lines in files.values():
                counts["records"] += sum(1 for line in lines if line.mutation != "empty")
                counts["lines"] += len(lines)
                for line in lines:
                    mutations[line.mutation] += 1
                    counts[line.status] += 1
            try:
                tick = time.perf_counter()
                readers = {
                    "candidates": read_candidates(data["candidates"], name="c.jsonl"),
                    "packages": read_packages(data["packages"], name="v.jsonl"),
                    "placements": read_placements(data["placements"], name="p.jsonl"),
                }
                tasks_path.write_bytes(data["tasks"])
                readers["tasks"] = read_carving_tasks(tasks_path, name="t.jsonl")
                seconds["read"] += time.perf_counter() - tick
                names = {
                    "candidates": "c.jsonl",
                    "packages": "v.jsonl",
                    "placements": "p.jsonl",
                    "tasks": "t.jsonl",
                }
                for kind, loaded in readers.items():
                    counts["loaded"] += len(loaded.records)
                    counts["set aside"] += len(loaded.set_aside)
                    counts["problems"] += len(loaded.problems)
                    broken += [
                        f"batch {batch} {kind}: {v}" for v in violations(loaded, files[kind], names[kind])
                    ]
                tick = time.perf_counter()
                dataset = load_sources(
                    data["candidates"],
                    data["packages"],
                    data["placements"],
                    names=("c.jsonl", "v.jsonl", "p.jsonl"),
                )
                seconds["upload path"] += time.perf_counter() - tick
                if len(dataset.candidates) != len(readers["candidates"].records):
                    broken.append(f"batch {batch}: the upload path loaded other candidates than the reader")
                tick = time.perf_counter()
                ids = {c.id for c in dataset.candidates}, {p.id for p in dataset.packages}
                history = [
                    p for p in dataset.placements if p.candidate_id in ids[0] and p.package_id in ids[1]
                ]
                matcher = Matcher(encoder=HashingEncoder()).fit(
                    dataset.candidates, dataset.packages, placements=history
                )
                for package in dataset.packages:
                    counts["results"] += len(matcher.for_vacancy(package.id, k=5))
                    counts["queries"] += 1
                for candidate in dataset.candidates:
                    counts["results"] += len(matcher.for_candidate(candidate.id, k=5))
                    counts["queries"] += 1
                seconds["match"] += time.perf_counter() - tick
            except Exception:  # counted and shown: the campaign's purpose is to find these
                broken.append(f"batch {batch}: exception\n{traceback.format_exc()}")
            batch += 1
            if batch % 10 == 0:
                print(
                    f"  {counts['records']:>7} records, {len(broken)} broken, {time.perf_counter() - started:.0f} s",
                    file=sys.stderr,
                )

    elapsed = time.perf_counter() - started
    print(f"fuzz campaign: seed {args.seed}, {batch} batches of {args.batch} lines per kind, {elapsed:.1f} s")
    print(
        f"records {counts['records']}, lines {counts['lines']} (valid {counts['valid']}, surely invalid {counts['invalid']}, unknown {counts['unknown']})"
    )
    print(f"loaded {counts['loaded']}, set aside {counts['set aside']}, problems {counts['problems']}")
    print(f"matcher queries {counts['queries']} (both directions), results {counts['results']}")
    print("seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in seconds.items()))
    print("mutations: " + ", ".join(f"{k} {v}" for k, v in mutations.most_common()))
    print(f"broken: {len(broken)}")
    for line in broken[:20]:
        print("  " + line)
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
