"""Contrastive pairs from ESCO for the shipped encoder (build time only).

Groups: each ESCO occupation is one group (its labels and description name the same thing); each
ESCO skill with its VDAB Competent counterparts is another; each compound word of the vocabulary
with its split form is a third kind. Hard negatives are labels of a sibling
occupation in the same 4-digit ISCO group. Nothing here reads MELO or the Dutch <-> ESCO occupation
crosswalk.
"""

from __future__ import annotations

import random
from collections import defaultdict

import numpy as np
from model_data import Occupation, SkillPair
from model_train import PairSet


def compound_splits(words: list[str], *, min_length: int = 8, min_part: int = 3) -> list[tuple[str, str]]:
    """Whole-word vocabulary entries that are two other entries glued together, with the split form.

    ``groenonderhoud`` -> ``groen onderhoud``: training the two forms as a pair keeps a compound's
    own vector close to the mean of its parts, which is what an unseen compound gets.
    """
    known = set(words)
    out: list[tuple[str, str]] = []
    for word in sorted(known):
        if len(word) < min_length:
            continue
        for k in range(len(word) - min_part, min_part - 1, -1):
            head, tail = word[:k], word[k:]
            if head in known and tail in known:
                out.append((word, f"{head} {tail}"))
                break
    return out


def build_pairs(
    occupations: list[Occupation],
    skills: list[SkillPair],
    row_of: dict[str, int],
    *,
    alt_alt: bool = True,
    descriptions: str = "first",
    skill_relations: tuple[str, ...] = ("skos:exactMatch", "skos:closeMatch"),
    hard_negatives: bool = True,
    compounds: tuple[tuple[str, str], ...] = (),
    seed: int = 13,
) -> PairSet:
    """ESCO pairs over the text table ``row_of`` (text -> row); ``descriptions``: none, first or all."""
    rng = random.Random(seed)
    by_isco: dict[str, list[int]] = defaultdict(list)
    for i, occ in enumerate(occupations):
        by_isco[occ.isco_group].append(i)
    anchor: list[int] = []
    positive: list[int] = []
    group: list[int] = []
    negative: list[int] = []

    def sibling_label(i: int) -> int:
        siblings = [j for j in by_isco[occupations[i].isco_group] if j != i]
        if not hard_negatives or not siblings:
            return -1
        return row_of[rng.choice(occupations[rng.choice(siblings)].labels)]

    for i, occ in enumerate(occupations):
        labels = occ.labels
        for k, alt in enumerate(labels[1:], start=1):
            anchor.append(row_of[alt])
            positive.append(row_of[occ.preferred])
            group.append(i)
            negative.append(sibling_label(i))
            if alt_alt and len(labels) > 2:
                other = rng.choice([j for j in range(1, len(labels)) if j != k])
                anchor.append(row_of[alt])
                positive.append(row_of[labels[other]])
                group.append(i)
                negative.append(sibling_label(i))
        sentences = {"none": (), "first": occ.description_sentences[:1], "all": occ.description_sentences}
        for sentence in sentences[descriptions]:
            anchor.append(row_of[sentence])
            positive.append(row_of[rng.choice(labels)])
            group.append(i)
            negative.append(sibling_label(i))
    skill_group: dict[str, int] = {}
    base = len(occupations)
    for pair in skills:
        if pair.relation not in skill_relations or pair.esco_label == pair.vdab_label:
            continue
        g = skill_group.setdefault(pair.esco_label, base + len(skill_group))
        anchor.append(row_of[pair.vdab_label])
        positive.append(row_of[pair.esco_label])
        group.append(g)
        negative.append(-1)
    next_group = base + len(skill_group)
    for k, (word, split) in enumerate(compounds):
        anchor.append(row_of[word])
        positive.append(row_of[split])
        group.append(next_group + k)
        negative.append(-1)
    return PairSet(
        anchor=np.asarray(anchor, dtype=np.int64),
        positive=np.asarray(positive, dtype=np.int64),
        group=np.asarray(group, dtype=np.int64),
        negative=np.asarray(negative, dtype=np.int64),
    )
