"""Profile helper: where a Matcher build's resident memory peaks, step by step (issue 11).

Builds (and optionally saves) a Matcher on a world folder with the shipped encoder, as
``bench_scale.py --systems index`` does, while a thread samples the process's RSS every 0.2 s and
notes which step of the build is running. Prints, per step, when it first and last ran (seconds
from the start) and the largest RSS sampled while it ran, then one JSON line with the fit and save
seconds, the peak RSS of the process and of its finished children (the n-gram counting process),
and the largest sampled sum of this process's RSS and its running children's: what the machine held.

Steps nest (the field encoding runs inside the candidate side); a sample belongs to the innermost.

Usage::

    .venv/bin/python scripts/profile_build_memory.py /tmp/B/world-100000-s2-p5000 --save /tmp/B/idx100
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import _current_rss_mb, _load_world, _peak_rss_mb, _warm_encoder


def _children_rss_mb() -> float:
    """Summed RSS of this process's running children (fresh interpreters: they share no pages with it)."""
    total = 0
    for task in Path("/proc/self/task").iterdir():
        try:
            pids = (task / "children").read_text().split()
        except OSError:
            continue
        for pid in pids:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                continue
    return total / 1024


class _Timeline:
    def __init__(self) -> None:
        self.step = "start"
        self.samples: list[tuple[float, float, str]] = []
        self._stop = threading.Event()
        self.together = 0.0  # largest RSS of this process and its running children, sampled together

    def run(self) -> None:
        while not self._stop.is_set():
            own = _current_rss_mb() or 0.0
            self.samples.append((time.perf_counter(), own, self.step))
            self.together = max(self.together, own + _children_rss_mb())
            time.sleep(0.2)

    def stop(self) -> None:
        self._stop.set()

    def wrap(self, label: str, fn: Callable) -> Callable:
        def stepped(*args, **kwargs):
            previous, self.step = self.step, label
            try:
                return fn(*args, **kwargs)
            finally:
                self.step = previous

        return stepped

    def install(self) -> None:
        import matcher.features as features
        import matcher.recommend as recommend
        from matcher.index import VectorIndex

        def method(owner, name: str, label: str, kind: type = classmethod) -> None:
            setattr(owner, name, kind(self.wrap(label, owner.__dict__[name].__func__)))

        features._encode_field = self.wrap("encode fields", features._encode_field)
        features._competence_side = self.wrap("competence side", features._competence_side)
        method(features.ClauseBank, "build", "encode clauses")
        method(features.CandidateArrays, "build", "hard-rule arrays")
        method(features.Lexical, "fit", "character tf-idf in this process", staticmethod)
        if hasattr(features, "LexicalFit"):  # not on commits before the second process
            method(features.LexicalFit, "start", "character tf-idf: start process")
            job = features.LexicalFit
            job.result = self.wrap("character tf-idf: wait and read", job.result)
        method(features.Corpus, "_package_side", "package side", staticmethod)
        method(VectorIndex, "build", "faiss indexes")
        features.ClauseBank.affinity = self.wrap("clause affinity", features.ClauseBank.affinity)
        features.Corpus.with_placements = self.wrap("placement affinity", features.Corpus.with_placements)
        recommend.Matcher._fit_durability = self.wrap("durability model", recommend.Matcher._fit_durability)

    def table(self) -> list[str]:
        steps: dict[str, list[float]] = {}
        base = self.samples[0][0] if self.samples else 0.0
        for t, rss, step in self.samples:
            first, _, top = steps.setdefault(step, [t, t, 0.0])
            steps[step] = [first, t, max(top, rss)]
        return [
            f"{step:36s} {first - base:7.1f} -> {last - base:7.1f} s   max RSS {top:8,.0f} MB"
            for step, (first, last, top) in sorted(steps.items(), key=lambda kv: kv[1][0])
        ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("world", type=Path, help="a world folder (python -m evaluation world ...)")
    parser.add_argument("--save", type=Path, help="also save the index to this folder (replaced)")
    args = parser.parse_args(argv)

    from matcher.recommend import Matcher

    timeline = _Timeline()
    threading.Thread(target=timeline.run, daemon=True).start()
    timeline.install()
    encoder, _ = _warm_encoder()
    timeline.step = "load world"
    cands, pkgs, places, _ = _load_world(args.world)
    timeline.step = "other"
    start = time.perf_counter()
    matcher = Matcher(encoder=encoder).fit(cands, pkgs, placements=places)
    fit_s = time.perf_counter() - start
    save_s = None
    if args.save:
        timeline.step = "save"
        shutil.rmtree(args.save, ignore_errors=True)
        start = time.perf_counter()
        matcher.save(args.save)
        save_s = round(time.perf_counter() - start, 1)
    timeline.stop()
    print("\n".join(timeline.table()))
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "fit_s": round(fit_s, 1),
                "save_s": save_s,
                "peak_rss_mb": _peak_rss_mb(),
                "children_peak_rss_mb": round(children, 1),
                "together_peak_rss_mb": round(timeline.together, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
