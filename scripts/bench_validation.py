"""Validation speed of the data contract: ``matcher.io`` reading candidates (which validates every record
with the pydantic models of ``matcher.contract_models``), and its parts, side by side in one run on the
same candidate records.

Builds ``--records`` valid candidates (seeded, every optional field present with probability 0.7; see
``tests/fuzzing.py``) as one JSON Lines file in memory, then times, each ``--repeat`` times (best kept):

- ``io.read_candidates``: what ``banenmatch validate`` does (line splitting, JSON decoding with the
  duplicate-key check, validation by the models, ``Candidate`` dataclasses);
- ``io.parse_candidate``: validation and dataclasses only, on already decoded objects;
- ``CandidateRecord.model_validate``: the pydantic models alone, on the same decoded objects;
- ``CandidateRecord.model_validate_json``: the models decoding each line themselves (no duplicate-key
  check, so io cannot use it);
- JSON decoding alone: plain ``json.loads`` (no checks); io's decoder (one reused decoder whose
  ``object_pairs_hook`` builds each object with ``dict(pairs)`` and compares lengths); and what io did
  before issue 12 (``json.loads`` with keyword arguments, so a new decoder per line, and a hook that
  loops over every key in Python).

``--src DIR`` times the ``matcher`` of another checkout instead (e.g. the commit before issue 12's
change, to compare before and after on one machine); parts that checkout lacks are skipped. Each line
gives wall time and the process's CPU time (steadier on a shared machine).

Run (figures in docs/BENCHMARKS.md):

    nice -n 10 .venv/bin/python scripts/bench_validation.py --records 100000
    mkdir /tmp/before && git archive 414184b | tar -x -C /tmp/before   # io before it used the models
    nice -n 10 .venv/bin/python scripts/bench_validation.py --records 100000 --src /tmp/before
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_common import cpu_model

ROOT = Path(__file__).resolve().parents[1]


def _best(label: str, repeat: int, run: Callable[[], int], n: int) -> float:
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        ok = run()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    wall, cpu = min(walls), min(cpus)
    print(f"{label:<48} {wall:7.2f} s wall {cpu:7.2f} s CPU  {n / cpu:>9,.0f} records/CPU-s  ({ok} valid)")
    return cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--src", type=Path, default=ROOT, help="the checkout whose matcher to time")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.src.resolve()))
    import matcher.io as io
    from matcher.contract_models import CandidateRecord
    from tests.fuzzing import random_record

    parse_candidate, read_candidates = io.parse_candidate, io.read_candidates
    print(f"matcher from {Path(io.__file__).resolve().parents[1]}")

    rng = random.Random(args.seed)
    records = [random_record(rng, "candidates", n) for n in range(args.records)]
    lines = [json.dumps(r, ensure_ascii=False).encode("utf-8") for r in records]
    texts = [line.decode("utf-8") for line in lines]
    data = b"\n".join(lines) + b"\n"
    print(
        f"{args.records} candidates, {len(data) / 1e6:.0f} MB of JSON Lines; python {platform.python_version()}, {cpu_model()}"
    )

    def io_read() -> int:
        return len(read_candidates(data, name="c.jsonl").records)

    def io_parse() -> int:
        return sum(parse_candidate(r)[0] is not None for r in records)

    def pydantic_objects() -> int:
        validate = CandidateRecord.model_validate
        return sum(1 for r in records if validate(r))

    def pydantic_json() -> int:
        validate = CandidateRecord.model_validate_json
        return sum(1 for line in lines if validate(line))

    def decode(loads: Callable[[str], object]) -> Callable[[], int]:
        return lambda: sum(1 for text in texts if loads(text) is not None)

    io_time = _best("io.read_candidates (bytes -> records)", args.repeat, io_read, args.records)
    _best("io.parse_candidate (decoded objects -> records)", args.repeat, io_parse, args.records)
    pyd_time = _best("CandidateRecord.model_validate (decoded)", args.repeat, pydantic_objects, args.records)
    _best("CandidateRecord.model_validate_json (lines)", args.repeat, pydantic_json, args.records)
    _best("json.loads, plain", args.repeat, decode(json.loads), args.records)
    if hasattr(io, "_DECODER"):
        _best("io's decoder (dict(pairs) + length check)", args.repeat, decode(io._loads), args.records)

    def old_loads(text: str) -> object:
        return json.loads(text, parse_constant=io._reject_constant, object_pairs_hook=io._no_duplicate_keys)

    _best("json.loads + Python-loop hook (io before)", args.repeat, decode(old_loads), args.records)
    print(f"io.read_candidates / CandidateRecord.model_validate (CPU): {io_time / pyd_time:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
