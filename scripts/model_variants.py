"""Compare encoder variants on the held-out selection task (and, once chosen, on MELO-nld).

Variants (docs/MODEL_CARD.md, "Variants compared for issue 15"):

* ``static:FOLDER`` - a sentence-transformers folder (the shipped recipe, rebuilt with ``--holdout``);
* ``use`` - USE multilingual v3 zero-shot (``scripts/model_use.py``);
* ``char:N1-N2:DIM`` - hashed character n-grams alone (word-bounded, sublinear TF, no IDF);
* ``FOLDER+char:N1-N2:DIM:W`` / ``FOLDER+use:W`` - one vector that concatenates the static vector with
  ``W`` times the second one (so cosine = (static cosine + W^2 * second cosine) / (1 + W^2)).

Usage::

    .venv/bin/python scripts/model_variants.py heldout static:build/heldout-e5 use \\
        build/heldout-e5+char:2-4:4096:0.5
    .venv/bin/python scripts/model_variants.py melo matcher/models/banenmatch-nl+use:0.6

``heldout`` runs the selection task; ``melo`` runs MELO-nld (report once per chosen variant).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPO = Path(__file__).resolve().parent.parent


def char_ngrams(text: str, lo: int, hi: int) -> list[str]:
    """Word-bounded character n-grams (as scikit-learn's ``char_wb``), lower-cased."""
    out: list[str] = []
    for word in text.lower().split():
        padded = f" {word} "
        for n in range(lo, hi + 1):
            if len(padded) < n:
                break
            out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


def char_hash_vectors(texts: Sequence[str], lo: int, hi: int, dim: int) -> np.ndarray:
    """Hashed character n-gram vectors (crc32 bucket, sublinear TF), L2-normalised."""
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for i, text in enumerate(texts):
        counts: dict[int, int] = {}
        for g in char_ngrams(text, lo, hi):
            h = zlib.crc32(g.encode("utf-8")) % dim
            counts[h] = counts.get(h, 0) + 1
        for h, c in counts.items():
            out[i, h] = 1.0 + np.log(c)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-12)


def _normalise(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


class Variant:
    """An ``encode(texts) -> (n, d)`` L2-normalised function parsed from a variant name."""

    def __init__(self, spec: str) -> None:
        self.spec = spec
        base, _, extra = spec.partition("+")
        self.base = base
        self.extra = extra
        self._st = None
        self._use = None

    def _static(self, texts: Sequence[str], folder: str) -> np.ndarray:
        if self._st is None:
            from sentence_transformers import SentenceTransformer

            self._st = SentenceTransformer(folder, device="cpu", local_files_only=True)
        return self._st.encode(list(texts), batch_size=512, normalize_embeddings=True, convert_to_numpy=True)

    def _use_vecs(self, texts: Sequence[str]) -> np.ndarray:
        if self._use is None:
            from model_use import UseCache

            self._use = UseCache(REPO / "build" / "use-eval-cache")
        self._use.fill(list(texts), threads=1, log=False)
        return self._use.get(list(texts))

    def _part(self, part: str, texts: Sequence[str]) -> np.ndarray:
        kind, _, rest = part.partition(":")
        if kind == "use":
            return self._use_vecs(texts)
        if kind == "char":
            rng, dim = rest.split(":")[:2]
            lo, hi = (int(x) for x in rng.split("-"))
            return char_hash_vectors(texts, lo, hi, int(dim))
        if kind == "static":
            return self._static(texts, rest)
        return self._static(texts, part)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        first = self._part(self.base, texts)
        if not self.extra:
            return first
        weight = float(self.extra.rsplit(":", 1)[1])
        second = self._part(self.extra.rsplit(":", 1)[0], texts)
        return _normalise(np.concatenate([first, weight * second], axis=1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("task", choices=("heldout", "melo"))
    parser.add_argument("variants", nargs="+")
    parser.add_argument("--esco", type=Path, default=REPO / "sources" / "esco-nl")
    parser.add_argument("--melo", type=Path, default=REPO / "sources" / "melo-nld")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    for spec in args.variants:
        variant = Variant(spec)
        start = time.perf_counter()
        if args.task == "heldout":
            from model_data import read_occupations
            from model_heldout import evaluate, heldout_task

            result = evaluate(heldout_task(read_occupations(args.esco)), variant)
        else:
            from evaluation.melo import run_melo

            result = run_melo(variant, variant, data_dir=args.melo)
        result = {k: round(v, 4) for k, v in result.items()}
        print(json.dumps({"task": args.task, "variant": spec, **result,
                          "seconds": round(time.perf_counter() - start, 1)}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
