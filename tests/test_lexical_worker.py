"""The n-gram counting in a second process (``matcher.lexical_worker``) equals an in-process fit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from matcher import lexical_worker
from matcher.encoders import HashingEncoder
from matcher.features import Corpus, Lexical
from matcher.io import read_candidates, read_packages
from matcher.lexical_worker import LexicalFit, LexicalWorkerError, split_fit

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "matcher" / "data" / "sample"

TEXTS = [
    "Ik wil graag buiten werken in het groen.",
    "Schoonmaak van kantoren, 's ochtends.",
    "",
    "Magazijn: orderpicken en inpakken; heftruck-certificaat.",
    "groen groen groen",
    "Café, bediening – één dag per week (ß, ü, 😀).",
]


def _assert_same(a: tuple[Lexical, object], b: tuple[Lexical, object]) -> None:
    (la, ta), (lb, tb) = a, b
    assert list(la.terms) == list(lb.terms)
    np.testing.assert_array_equal(la.df, lb.df)
    assert la.n_docs == lb.n_docs
    assert ta.shape == tb.shape and ta.dtype == tb.dtype
    for part in ("data", "indices", "indptr"):
        np.testing.assert_array_equal(getattr(ta, part), getattr(tb, part))


def test_split_fit_cuts_the_rows_of_one_fit_and_gives_their_lengths() -> None:
    model, tf = Lexical.fit(TEXTS)
    got, rows, norms = split_fit(TEXTS, (2, 0, 4))
    _assert_same((got, sp.vstack(rows, format="csr")), (model, tf))
    assert [r.shape[0] for r in rows] == [2, 0, 4]
    np.testing.assert_array_equal(np.concatenate(norms), model.norms(tf))
    with pytest.raises(ValueError, match="summing to 6"):
        split_fit(TEXTS, (2, 3))


@pytest.mark.parametrize("parts", [(4, 2), (6, 0), (0, 6)])
def test_second_process_gives_the_in_process_result_bit_for_bit(parts: tuple[int, int]) -> None:
    job = LexicalFit.start(TEXTS, parts)
    lexical, rows, norms = job.result()
    expected, expected_rows, expected_norms = split_fit(TEXTS, parts)
    for k in range(2):
        _assert_same((lexical, rows[k]), (expected, expected_rows[k]))
        np.testing.assert_array_equal(norms[k], expected_norms[k])
    assert job.peak_rss_mb is not None and job.peak_rss_mb > 0
    assert not job.folder.exists()


def test_a_failed_process_raises_and_leaves_no_folder() -> None:
    job = LexicalFit.start(TEXTS, (3, 3))
    job.process.wait()
    (job.folder / "meta.json").unlink()  # as if the process had died before writing its result
    job.process.returncode = 1
    with pytest.raises(LexicalWorkerError, match="exited with code 1"):
        job.result()
    assert not job.folder.exists()


def test_cancel_stops_a_running_process_and_removes_its_folder() -> None:
    job = LexicalFit.start(TEXTS * 2000, (6000, 6000))
    job.cancel()
    assert job.process.poll() is not None
    assert not job.folder.exists()


_PARENT = """
import sys, time
from matcher.lexical_worker import LexicalFit
texts = ["Ik wil graag buiten werken in het groen, ronde %d." % i for i in range(int(sys.argv[1]))]
job = LexicalFit.start(texts, (len(texts), 0))
print(job.process.pid, job.folder, flush=True)
time.sleep(600)
"""


@pytest.mark.parametrize("texts", [50, 60_000])  # done before the parent dies; still counting then
def test_a_worker_whose_build_was_killed_stops_and_removes_its_folder(texts: int) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT, str(texts)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    pid, folder = parent.stdout.readline().split()
    if texts < 100:
        time.sleep(3)  # let the worker finish and write its result first
    os.kill(parent.pid, signal.SIGKILL)  # as a build killed with SIGKILL: no cleanup runs in it
    parent.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (_running(int(pid)) or Path(folder).exists()):
        time.sleep(0.2)
        if texts < 100 and not _running(int(pid)):
            # The worker had ended before its build: the next build removes what is left.
            LexicalFit.start(TEXTS, (6, 0)).cancel()
    assert not _running(int(pid)), "the n-gram worker still runs without its build"
    assert not Path(folder).exists(), "the n-gram worker's folder was left behind"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(") ")[-1][:1] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def test_corpus_is_the_same_whichever_way_the_ngrams_are_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    candidates = read_candidates(SAMPLE / "candidates.jsonl").records
    packages = read_packages(SAMPLE / "vacancies.jsonl").records
    encoder = HashingEncoder()
    in_process = Corpus.build(candidates, packages, encoder)
    monkeypatch.setattr(lexical_worker, "MIN_TEXTS", 0)
    monkeypatch.setattr("matcher.features.MIN_TEXTS", 0)
    started = []
    original = LexicalFit.start.__func__

    def spy(cls, texts, parts):
        started.append(tuple(parts))
        return original(cls, texts, parts)

    monkeypatch.setattr(LexicalFit, "start", classmethod(spy))
    second = Corpus.build(candidates, packages, encoder)
    assert started == [(len(candidates), len(packages))]
    _assert_same(
        (in_process.lexical, in_process.candidates.lexical), (second.lexical, second.candidates.lexical)
    )
    for side in ("candidates", "packages"):
        a, b = getattr(in_process, side), getattr(second, side)
        np.testing.assert_array_equal(a.lexical.toarray(), b.lexical.toarray())
        np.testing.assert_array_equal(a.lexical_norm, b.lexical_norm)
