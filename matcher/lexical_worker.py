"""The character n-gram counting of a build, in a second process while the parent encodes (issue 11).

A build's two longest single-core parts are the dense encoding of every field and clause (torch,
one thread) and the counting of the character TF-IDF's n-grams (:meth:`Lexical.fit`: scikit-learn's
analyzer, pure Python). A thread would not run them side by side (the analyzer holds the GIL), so
:class:`LexicalFit` writes the profile texts to a temporary folder, starts a fresh interpreter
(``python -m matcher.lexical_worker FOLDER BUILD_PID``) that runs the same :meth:`Lexical.fit` on them and
writes the model, each side's term-frequency rows and their idf-weighted lengths back as ``.npy``
files (no pickle); the parent reads them once its encoding is done. The numbers are those of an
in-process fit, bit for bit (:func:`split_fit` is the one computation both use). The counting's
working memory (the vectorizer's vocabulary and index lists, the sliced and squared copies of the
matrix) lives in the other process, and the parent receives the sides' rows apart, never the whole
matrix and a slice of it at once.
"""

from __future__ import annotations

import itertools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from matcher.errors import BanenmatchError
from matcher.store import ArrayFolder

if TYPE_CHECKING:
    from matcher.features import Lexical

__all__ = ["MIN_TEXTS", "LexicalFit", "LexicalWorkerError", "split_fit"]

MIN_TEXTS = 20_000
"""Fewest texts for which :meth:`Corpus.build` counts n-grams in a second process: below it, starting
an interpreter and importing scikit-learn (about 2 s) costs more than the overlap saves."""


_PREFIX = "banenmatch-ngrams-"  # then the build's process id: banenmatch-ngrams-PID-XXXXXXXX


class LexicalWorkerError(BanenmatchError, RuntimeError):
    """The n-gram counting process ended without a result."""


def _check_parts(texts: Sequence[str], parts: Sequence[int]) -> None:
    if sum(parts) != len(texts) or any(p < 0 for p in parts):
        raise ValueError(
            f"parts: expected non-negative counts summing to {len(texts)} texts, found {list(parts)}"
        )


def split_fit(
    texts: Sequence[str], parts: Sequence[int]
) -> tuple[Lexical, list[sp.csr_matrix], list[np.ndarray]]:
    """:meth:`Lexical.fit` on ``texts``, its tf rows cut into consecutive ``parts`` (counts) and their lengths.

    Returns the model, the tf rows of each part (float32 CSR, every column of the model) and the
    idf-weighted length of each row (:meth:`Lexical.norms`).
    """
    from matcher.features import Lexical

    _check_parts(texts, parts)
    lexical, tf = Lexical.fit(texts)
    bounds = np.concatenate([[0], np.cumsum(parts)]).astype(int)
    # Consecutive rows as views of the one matrix (``tf[a:b]`` would copy them): the same arrays.
    rows = []
    for a, b in itertools.pairwise(bounds):
        lo, hi = int(tf.indptr[a]), int(tf.indptr[b])
        indptr = tf.indptr[a : b + 1] - lo
        rows.append(sp.csr_matrix((tf.data[lo:hi], tf.indices[lo:hi], indptr), shape=(b - a, tf.shape[1])))
    return lexical, rows, [lexical.norms(r) for r in rows]


class LexicalFit:
    """:func:`split_fit` of ``texts`` running in a second process; :meth:`result` waits for it.

    Examples
    --------
    >>> job = LexicalFit.start(["groen werk", "schoonmaak", "magazijn"], parts=(2, 1))  # doctest: +SKIP
    >>> lexical, (tf_a, tf_b), (norms_a, norms_b) = job.result()  # doctest: +SKIP
    """

    def __init__(self, folder: Path, process: subprocess.Popen) -> None:
        self.folder = folder
        self.process = process
        self.peak_rss_mb: float | None = None

    @classmethod
    def start(cls, texts: Sequence[str], parts: Sequence[int]) -> LexicalFit:
        """Write ``texts`` to a temporary folder and start counting; ``parts`` as in :func:`split_fit`."""
        _check_parts(texts, parts)
        _remove_orphaned_folders()
        folder = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-"))
        try:
            store = ArrayFolder(folder)
            store.put_strings("texts", list(texts))
            store.put_json("parts", [int(p) for p in parts])
            process = subprocess.Popen(
                [sys.executable, "-m", "matcher.lexical_worker", str(folder), str(os.getpid())],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return cls(folder, process)

    def result(self) -> tuple[Lexical, list[sp.csr_matrix], list[np.ndarray]]:
        """Wait for the process; what :func:`split_fit` returns for the texts and parts given."""
        from matcher.features import Lexical

        try:
            _, stderr = self.process.communicate()
            if self.process.returncode != 0:
                last = (stderr or "").strip().splitlines()[-1:] or ["no message"]
                raise LexicalWorkerError(
                    f"the n-gram counting process (python -m matcher.lexical_worker) exited with code "
                    f"{self.process.returncode}: {last[0][:300]}. Fix: check free memory and the temporary "
                    f"folder ({tempfile.gettempdir()}), then build again."
                )
            out = ArrayFolder(self.folder, mmap=False)
            meta = out.json("meta")
            self.peak_rss_mb = meta["peak_rss_mb"]
            lexical = Lexical(terms=list(out.strings("terms")), df=out.array("df"), n_docs=meta["n_docs"])
            count = len(out.json("parts"))
            return (
                lexical,
                [out.csr(f"tf{k}") for k in range(count)],
                [out.array(f"norms{k}") for k in range(count)],
            )
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Stop the process if it still runs and remove its folder (also after :meth:`result`)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def _run(folder: Path) -> None:
    store = ArrayFolder(folder, mmap=False)
    texts = list(store.strings("texts"))
    lexical, rows, norms = split_fit(texts, store.json("parts"))
    del texts
    store.put_strings("terms", lexical.terms)
    store.put_array("df", np.asarray(lexical.df))
    for k, (tf, norm) in enumerate(zip(rows, norms, strict=True)):
        store.put_csr(f"tf{k}", tf)
        store.put_array(f"norms{k}", norm)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Written last: its presence with exit code 0 means every other file is complete.
    store.put_json("meta", {"n_docs": lexical.n_docs, "peak_rss_mb": round(peak, 1)})


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _remove_orphaned_folders() -> None:
    """Remove the folders of builds that were killed after their worker had finished (nobody else will).

    A folder is named after the process of its build (``banenmatch-ngrams-PID-...``); it is removed
    only when that process no longer exists.
    """
    for path in Path(tempfile.gettempdir()).glob(f"{_PREFIX}*-*"):
        owner = path.name[len(_PREFIX) :].split("-", 1)[0]
        if owner.isdigit() and not _alive(int(owner)):
            shutil.rmtree(path, ignore_errors=True)


def _orphaned(parent: int) -> bool:
    """Whether the build that started this process is gone (this process was handed to another parent)."""
    return os.getppid() != parent


def _watch(folder: Path, parent: int, every: float = 0.5) -> None:
    """End this process and remove its folder as soon as the build that started it is gone.

    A build killed with SIGKILL cannot stop its worker: without this the counting went on for minutes
    at national scale and its folder (1.4 GB) stayed in the temporary folder.
    """
    while True:
        time.sleep(every)
        if _orphaned(parent):
            shutil.rmtree(folder, ignore_errors=True)
            os._exit(3)


def main(argv: Sequence[str]) -> None:
    if len(argv) != 2 or not argv[1].isdigit():
        sys.exit("usage: python -m matcher.lexical_worker FOLDER BUILD_PID")
    folder, parent = Path(argv[0]), int(argv[1])
    threading.Thread(target=_watch, args=(folder, parent), daemon=True).start()
    _run(folder)
    if _orphaned(parent):  # the build ended while the result was written: nobody will read or remove it
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
