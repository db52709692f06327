"""Write a :class:`~evaluation.world.generate.World` to a folder.

Files (all deterministic: the same world gives byte-identical files):

``candidates.jsonl``, ``vacancies.jsonl``, ``placements.jsonl``
    Contract records (DESIGN.md section 3), written with :func:`matcher.io.write_jsonl`.
``qrels.vacancy.tsv``, ``qrels.candidate.tsv``
    TREC qrels ``query_id 0 doc_id grade``: the query is a package id (vacancy -> candidates) or a
    candidate id (candidate -> packages). Only grades 1-3 are written; a missing pair is grade 0.
``audit.jsonl``
    Per candidate: ``id``, ``limitation_type``, ``limitation_secondary``, ``register_route``, ``sex``,
    ``age_band`` (the attribute names of :data:`evaluation.dataset.AUDIT_ATTRIBUTES`). For fairness audits only; these labels never appear in the contract records.
``latent.npz``
    The hidden truth as named numpy arrays (``cand_*``, ``pkg_*``, ``hist_*``, ``qrels_*`` and the
    ``vocab_*`` code lists they index); load with ``numpy.load(path, allow_pickle=False)``.
``manifest.json``
    Generator, size, seed, region, the world's date, counts, grade totals and a SHA-256 per file;
    ``paraphrase`` when the world was made with ``--paraphrase realistic``.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

from evaluation.world.common import TODAY, fml_scale
from evaluation.world.generate import World
from evaluation.world.kinds import KIND_CODES
from evaluation.world.limitations import LIMITATION_CODES
from evaluation.world.places import municipality_names
from evaluation.world.records import candidate_id, package_id
from matcher.contract import load_contract
from matcher.io import write_jsonl

__all__ = ["FILES", "write_world"]

FILES = (
    "candidates.jsonl",
    "vacancies.jsonl",
    "placements.jsonl",
    "qrels.vacancy.tsv",
    "qrels.candidate.tsv",
    "audit.jsonl",
    "latent.npz",
)

_EPOCH = (1980, 1, 1, 0, 0, 0)


def _save_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Like :func:`numpy.savez_compressed`, but with fixed zip timestamps (byte-identical output)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def _latent_arrays(world: World) -> dict[str, np.ndarray]:
    contract = load_contract()
    pop, work, hist, q = world.pop, world.work, world.history, world.qrels
    cand_fields = (
        "limitation", "limitation2", "sex", "age", "route", "register_since", "level", "education",
        "capacity", "interest", "skill", "hours_min", "hours_max", "hours_day", "hours_pref", "days",
        "dayparts", "needs_fixed", "needs", "municipality", "modes", "max_minutes", "avoid_rush",
        "available_from", "instability", "sector_pref", "works",
    )  # fmt: skip
    pkg_fields = (
        "profile", "kind", "sector", "municipality", "level", "demand", "reduce", "offers", "per_week",
        "per_day", "days", "dayparts", "fixed", "contract", "boven_formatie", "start",
    )  # fmt: skip
    hist_fields = ("candidate", "package", "start", "end", "reason", "contract", "fit", "feasible", "far")
    arrays: dict[str, np.ndarray] = {f"cand_{name}": getattr(pop, name) for name in cand_fields}
    arrays.update({f"pkg_{name}": getattr(work, name) for name in pkg_fields})
    arrays["pkg_effective_demand"] = work.effective_demand
    arrays.update({f"hist_{name}": getattr(hist, name) for name in hist_fields})
    arrays.update({"qrels_package": q.package, "qrels_candidate": q.candidate, "qrels_grade": q.grade})
    arrays.update(
        {
            "prior_candidate": pop.prior.candidate,
            "prior_kind": pop.prior.kind,
            "prior_months": pop.prior.months,
            "prior_form": pop.prior.form,
        }
    )
    vocab = {
        "kind": KIND_CODES,
        "limitation": LIMITATION_CODES,
        "fml": fml_scale().codes,
        "route": contract.register_routes,
        "education": contract.education,
        "sector": tuple(contract.sectors),
        "contract": contract.contracts,
        "end_reason": tuple(contract.end_reasons),
        "needs": tuple(contract.needs_offers),
        "mode": contract.travel_modes,
        "day": contract.days,
        "daypart": tuple(contract.dayparts),
        "municipality": municipality_names(),
        "profile": tuple(p.id for p in work.profiles),
    }
    arrays.update({f"vocab_{name}": np.array(values, dtype=str) for name, values in vocab.items()})
    return arrays


def _write_lines(path: Path, lines: Iterable[str]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            out.write(line + "\n")
            count += 1
    return count


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_world(
    world: World,
    out_dir: str | Path,
    *,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> Path:
    """Write ``world`` to ``out_dir`` (created if needed; existing world files are replaced).

    Parameters
    ----------
    world : World
    out_dir : str or Path
    progress : callable, optional
        ``progress(stage, total)`` returns a callback called with units done (progress bars).

    Returns
    -------
    Path
        The folder, with the files listed in :data:`FILES` and ``manifest.json``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    def counted(stage: str, total: int, items: Iterable[Any]) -> Iterable[Any]:
        tick = progress(stage, total) if progress is not None else None
        for item in items:
            yield item
            if tick is not None:
                tick(1)

    counts = {
        "candidates": write_jsonl(
            counted("candidates", world.size, world.candidates()), out / "candidates.jsonl"
        ),
        "vacancies": write_jsonl(
            counted("packages", world.n_packages, world.packages()), out / "vacancies.jsonl"
        ),
        "placements": write_jsonl(world.placements(), out / "placements.jsonl"),
    }
    q = world.qrels
    counts["qrels"] = _write_lines(
        out / "qrels.vacancy.tsv",
        (
            f"{package_id(p)} 0 {candidate_id(c)} {g}"
            for p, c, g in zip(q.package, q.candidate, q.grade, strict=True)
        ),
    )
    by_candidate = np.lexsort((q.package, q.candidate))
    _write_lines(
        out / "qrels.candidate.tsv",
        (f"{candidate_id(q.candidate[r])} 0 {package_id(q.package[r])} {q.grade[r]}" for r in by_candidate),
    )
    _write_lines(out / "audit.jsonl", (json.dumps(row, ensure_ascii=False) for row in world.audit()))
    _save_npz(out / "latent.npz", _latent_arrays(world))

    manifest = {
        "generator": "evaluation.world.generate_world",
        "format_version": 1,
        "size": world.size,
        "seed": world.seed,
        "n_packages": world.n_packages,
        "region": world.region,
        "today": TODAY.isoformat(),
        "counts": counts,
        "grades": {str(g): int((q.grade == g).sum()) for g in (1, 2, 3)},
        "files": {name: {"sha256": _sha256(out / name)} for name in FILES},
    }
    if world.paraphrase != "none":  # a "none" world's manifest stays byte-identical to the original one
        manifest["paraphrase"] = world.paraphrase
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return out
