"""A fitted :class:`~matcher.recommend.Matcher` on disk: save, load (memory-mapped), verify, update.

An index is a folder of versions (:class:`matcher.store.Versions`); each version holds

``manifest.json``
    format and version, code version, encoder name (which hashes the model's files), the hash and
    record count of every input file, the SHA-256 and size of every other file, the settings, the
    build time and what the last update changed;
``layout.json``
    which file holds which part of the :class:`~matcher.features.Corpus`;
``candidates.*``, ``packages.*``, ``lexical.*``
    the corpus as ``.npy`` arrays, CSR triples and string tables (records as canonical contract
    JSON, one per row, parsed only when a result needs them);
``placements.*``, ``durability.json``, ``scorer/``, ``candidate_index/``, ``package_index/``
    the placement history, the durability model, the ranker and the two faiss indexes.

Nothing is pickled. :func:`load` checks every file against the manifest before using it, and
refuses an index built with another encoder or from other data than the caller names.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from matcher.constraints import CandidateArrays, PackageArrays
from matcher.errors import ArtefactMismatchError
from matcher.features import CandidateSide, ClauseBank, Corpus, Lexical, PackageSide, _widen
from matcher.index import VectorIndex, data_hash
from matcher.ranking import DurabilityModel, LinearScorer
from matcher.segments import SegmentedBank, SegmentedRows, append_rows, is_segmented, take_csr
from matcher.store import (
    ArrayFolder,
    StringTable,
    Versions,
    check_sizes,
    file_sha256,
    hash_files,
    verify_files,
)
from matcher.travel import ModeSpeed, TravelModel

if TYPE_CHECKING:
    from matcher.recommend import Matcher

__all__ = ["FORMAT", "FORMAT_VERSION", "RecordTable", "input_fingerprint", "load", "read_manifest", "save"]

FORMAT = "banenmatch-index"
FORMAT_VERSION = 2
"""2: the durability model's own inputs (issue 14): ``packages.contract``, ``candidates.history``, and
a ``durability.json`` of format 2 with its ``feature_names``."""
MANIFEST = "manifest.json"
_REBUILD = (
    "Fix: rebuild it with 'banenmatch build --candidates C --vacancies V [--placements P] --out INDEX'."
)


class RecordTable(Sequence[Any]):
    """Contract records kept as their canonical JSON lines; a record is parsed when it is asked for.

    A national index holds 300,000 candidate records; parsing them all would take most of a load.
    Results need only the few records they explain. The last :data:`RECENT` records parsed are
    kept (records are immutable): a vacancy's package, or a candidate asked for again, is parsed
    once, not once per result and query.
    """

    RECENT = 4096

    def __init__(self, lines: StringTable, parse: Callable[[Any], Any]) -> None:
        self.lines = lines
        self._parse = parse
        self._all: tuple[Any, ...] | None = None
        self._fields: list[tuple[str, str, str, str | None]] | None = None
        self._row = functools.lru_cache(maxsize=self.RECENT)(self._parse_row)

    @classmethod
    def of(cls, records: Sequence[Any], parse: Callable[[Any], Any]) -> RecordTable:
        from matcher.io import to_dict

        lines = [json.dumps(to_dict(r), ensure_ascii=False, sort_keys=True) for r in records]
        return cls(StringTable.of(lines), parse)

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, key):  # type: ignore[override]
        if self._all is not None:
            return self._all[key]
        if isinstance(key, slice):
            return tuple(self[i] for i in range(*key.indices(len(self))))
        i = int(key)
        if not -len(self) <= i < len(self):
            raise IndexError(f"record {key} out of range (table of {len(self)})")
        return self._row(i % len(self))

    def _parse_row(self, key: int) -> Any:
        record, problems = self._parse(json.loads(self.lines[key]))
        if record is None:  # written by save() from valid records: only a changed file gets here
            raise ArtefactMismatchError(f"stored record {key} no longer parses ({problems[0]}). {_REBUILD}")
        return record

    def ids(self) -> Iterator[tuple[str, str]]:
        """``(candidate_id, package_id)`` of each stored placement, read without parsing the records.

        An update needs only these of the whole history (who was placed in which kind of work);
        the stored lines were validated when they were saved.
        """
        for candidate_id, package_id, _, _ in self._placement_fields():
            yield candidate_id, package_id

    def spans(self) -> Iterator[tuple[str, date, date | None]]:
        """``(candidate_id, start, end)`` of each stored placement, read without parsing the records.

        What the durability model's history inputs need of the whole history (see :meth:`ids`).
        """
        for candidate_id, _, start, end in self._placement_fields():
            yield candidate_id, date.fromisoformat(start), date.fromisoformat(end) if end else None

    def _placement_fields(self) -> list[tuple[str, str, str, str | None]]:
        """What :meth:`ids` and :meth:`spans` read of each line, read once (an update asks for both)."""
        if self._fields is None:
            fields = []
            for line in self.lines:
                obj = json.loads(line)
                fields.append((obj["candidate_id"], obj["package_id"], obj["start"], obj.get("end")))
            self._fields = fields
        return self._fields

    def __iter__(self) -> Iterator[Any]:
        # Whoever walks all records (the app's placement list, job carving's counts) is likely to do
        # it again on the next page load: parse them once and keep them.
        if self._all is None:
            self._all = tuple(self[i] for i in range(len(self)))
        return iter(self._all)


def _parser(kind: str) -> Callable[[Any], Any]:
    from matcher import io

    return {"candidate": io.parse_candidate, "package": io.parse_package, "placement": io.parse_placement}[
        kind
    ]


def _lines(records: Sequence[Any], kind: str) -> StringTable:
    if isinstance(records, RecordTable):
        return records.lines
    return RecordTable.of(records, _parser(kind)).lines


# ---------------------------------------------------------------------------------------- dump
def _dump(out: ArrayFolder, name: str, value: Any) -> Any:
    """Write ``value`` under ``name``; returns its layout entry (how to read it back)."""
    if value is None:
        return "none"
    if isinstance(value, SegmentedBank | SegmentedRows):  # parts, then the row map (see matcher.segments)
        layout = {
            "type": type(value).__name__,
            "parts": [_dump(out, f"{name}.p{k}", part) for k, part in enumerate(value.parts)],
            "part": _dump(out, f"{name}.part", value.part),
            "local": _dump(out, f"{name}.local", value.local),
        }
        if isinstance(value, SegmentedRows):
            layout["width"] = value.width
        return layout
    if isinstance(value, np.ndarray | np.memmap):
        out.put_array(name, value)
        return "array"
    if sp.issparse(value):
        out.put_csr(name, value)
        return "csr"
    if isinstance(value, StringTable):
        out.put_strings(name, value)
        return "strings"
    if isinstance(value, ClauseBank | CandidateArrays | PackageArrays):
        return {
            "type": type(value).__name__,
            "fields": {
                f.name: _dump(out, f"{name}.{f.name}", getattr(value, f.name))
                for f in dataclasses.fields(value)
            },
        }
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        out.put_strings(name, value)
        return "str_tuple"
    if isinstance(value, dict):
        out.put_json(name, value)
        return "json"
    if isinstance(value, tuple):  # a package's competence keys: tuples of frozensets of str
        out.put_json(name, [[sorted(keys) for keys in per] for per in value])
        return "keys"
    raise TypeError(f"{name}: cannot save a {type(value).__name__}")


_TYPES = {"ClauseBank": ClauseBank, "CandidateArrays": CandidateArrays, "PackageArrays": PackageArrays}


def _restore(src: ArrayFolder, name: str, layout: Any) -> Any:
    if isinstance(layout, dict) and layout.get("type") in ("SegmentedBank", "SegmentedRows"):
        parts = tuple(_restore(src, f"{name}.p{k}", sub) for k, sub in enumerate(layout["parts"]))
        part, local = src.array(f"{name}.part"), src.array(f"{name}.local")
        if layout["type"] == "SegmentedBank":
            return SegmentedBank(parts=parts, part=part, local=local)
        return SegmentedRows(parts=parts, part=part, local=local, width=int(layout["width"]))
    if isinstance(layout, dict):
        cls = _TYPES[layout["type"]]
        return cls(**{f: _restore(src, f"{name}.{f}", sub) for f, sub in layout["fields"].items()})
    if layout == "none":
        return None
    if layout == "array":
        return src.array(name)
    if layout == "csr":
        return src.csr(name)
    if layout == "strings":
        return src.strings(name)
    if layout == "str_tuple":
        return tuple(src.strings(name))
    if layout == "json":
        return src.json(name)
    if layout == "keys":
        return tuple(tuple(frozenset(keys) for keys in per) for per in src.json(name))
    raise ArtefactMismatchError(f"layout of {name}: unknown entry {layout!r}. {_REBUILD}")


def _dump_side(out: ArrayFolder, prefix: str, side: Any, kind: str) -> dict[str, Any]:
    layout = {}
    for f in dataclasses.fields(side):
        value = getattr(side, f.name)
        if f.name == "records":
            out.put_strings(f"{prefix}.records", _lines(value, kind))
            layout[f.name] = "records"
        else:
            layout[f.name] = _dump(out, f"{prefix}.{f.name}", value)
    return layout


def _restore_side(src: ArrayFolder, prefix: str, cls: type, layout: dict[str, Any], kind: str) -> Any:
    values = {}
    for name, entry in layout.items():
        if entry == "records":
            values[name] = RecordTable(src.strings(f"{prefix}.records"), _parser(kind))
        else:
            values[name] = _restore(src, f"{prefix}.{name}", entry)
    return cls(**values)


def _travel_model(fields: dict[str, Any]) -> TravelModel:
    return TravelModel(**{k: ModeSpeed(**v) if isinstance(v, dict) else v for k, v in fields.items()})


def _durability_json(model: DurabilityModel) -> dict[str, Any]:
    """The fitted durability model as plain JSON (its own :meth:`DurabilityModel.to_dict`)."""
    return model.to_dict()


def _durability_from(data: dict[str, Any]) -> DurabilityModel:
    """:meth:`DurabilityModel.from_dict`: fails naming the field when the index holds another kind or
    a model fitted on other columns than this version's durability inputs."""
    from matcher.recommend import _check_durability_columns

    model = DurabilityModel.from_dict(data, where="durability.json")
    _check_durability_columns(model, where="durability.json")
    return model


def input_fingerprint(path: Path, count: int) -> dict[str, Any]:
    """What the manifest records of one input file: its name, SHA-256 and number of valid records."""
    return {"file": Path(path).name, "sha256": file_sha256(Path(path)), "records": count}


def _code_version() -> str:
    import importlib.metadata

    try:
        return importlib.metadata.version("banenmatch")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


# ---------------------------------------------------------------------------------------- save
def save(
    matcher: Matcher,
    root: Path,
    *,
    inputs: dict[str, Any] | None = None,
    history: Sequence[dict[str, Any]] = (),
    build_seconds: float | None = None,
    reuse: tuple[Path, dict[str, dict[str, Any]]] | None = None,
    before_commit: Callable[[ArrayFolder], None] | None = None,
) -> Path:
    """Write ``matcher`` as the next version of the index at ``root``; returns that version's folder.

    ``inputs`` (``{"candidates": input_fingerprint(...), ...}``) names the data it was built from;
    ``history`` lists the updates applied since the build. ``reuse`` (a version folder and its
    manifest's ``files``): arrays still exactly as read from that folder are hard-linked with their
    recorded SHA-256 instead of written and hashed again (see :class:`~matcher.store.ArrayFolder`).
    ``before_commit`` is called with the folder's writer once every file is written and before the
    manifest is: an exception there leaves the version unwritten (``update`` verifies what it read).
    """
    corpus = matcher.corpus

    def fill(folder: Path) -> None:
        out = ArrayFolder(folder, reuse=reuse)
        layout = {
            "candidates": _dump_side(out, "candidates", corpus.candidates, "candidate"),
            "packages": _dump_side(out, "packages", corpus.packages, "package"),
        }
        out.put_strings("lexical.terms", corpus.lexical.terms)
        out.put_array("lexical.df", np.asarray(corpus.lexical.df))
        out.put_strings("placements.records", _lines(matcher.placements, "placement"))
        out.put_json("durability", _durability_json(matcher.durability))
        out.put_json("layout", layout)
        matcher.scorer.save(folder / "scorer", encoder_name=matcher.encoder.name)
        matcher.candidate_index.save(folder / "candidate_index")
        matcher.package_index.save(folder / "package_index")
        if before_commit is not None:
            before_commit(out)
        names = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]
        files = hash_files(folder, [n for n in names if n not in out.reused]) | {
            n: out.reused[n] for n in names if n in out.reused
        }
        files = dict(sorted(files.items()))
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "code_version": _code_version(),
            "encoder_name": matcher.encoder.name,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "build_seconds": build_seconds,
            "counts": {
                "candidates": len(matcher.candidates),
                "packages": len(matcher.packages),
                "placements": len(matcher.placements),
            },
            "lexical_docs": corpus.lexical.n_docs,
            "data_hash": _ids_hash_of(corpus),
            "inputs": inputs or {},
            "history": list(history),
            "settings": {
                "pool_size": matcher.pool_size,
                "index_kind": matcher.index_kind,
                "horizon_days": matcher.horizon_days,
                "as_of": matcher.as_of.isoformat() if matcher.as_of else None,
                "evidence": matcher.evidence,
                "travel_model": dataclasses.asdict(matcher.travel_model),
                "scorer_source": matcher.scorer_source,
            },
            "files": files,
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")

    return Versions(root).write(fill)


# ---------------------------------------------------------------------------------------- load
def read_manifest(root: Path) -> tuple[Path, dict[str, Any]]:
    """The folder of the current version of the index at ``root`` (or a version folder) and its manifest."""
    root = Path(root)
    folder = root if (root / MANIFEST).is_file() else Versions(root).current()
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArtefactMismatchError(
            f"{path}: not a readable manifest ({type(exc).__name__}). {_REBUILD}"
        ) from None
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise ArtefactMismatchError(
            f"{path}: format {manifest.get('format')!r} version {manifest.get('format_version')!r}, "
            f"expected {FORMAT!r} version {FORMAT_VERSION}. {_REBUILD}"
        )
    return folder, manifest


def load(root: Path, *, encoder=None, verify: bool = True) -> Matcher:
    """The Matcher saved at ``root`` (the current version), its large arrays memory-mapped.

    Parameters
    ----------
    root : path
        An index folder (``banenmatch build --out``) or one of its version folders.
    encoder : Encoder, optional
        The encoder queries will use. Default: the one the index was built with when it can be
        made here (the shipped model, or the hashing encoder); an encoder with another name is
        refused.
    verify : bool, default True
        Check every file's size and SHA-256 against the manifest first.
    """
    from matcher.recommend import Matcher

    folder, manifest = read_manifest(root)
    if verify:
        verify_files(folder, manifest["files"], what=f"index {folder}", fix=_REBUILD)
    encoder = _encoder_for(manifest["encoder_name"], encoder, folder)
    src = ArrayFolder(folder)
    layout = src.json("layout")
    lexical = Lexical(
        terms=src.strings("lexical.terms"), df=src.array("lexical.df"), n_docs=manifest["lexical_docs"]
    )
    settings = manifest["settings"]
    travel = _travel_model(settings["travel_model"])
    corpus = Corpus(
        candidates=_restore_side(src, "candidates", CandidateSide, layout["candidates"], "candidate"),
        packages=_restore_side(src, "packages", PackageSide, layout["packages"], "package"),
        encoder_name=manifest["encoder_name"],
        lexical=lexical,
        travel_model=travel,
    )
    scorer = LinearScorer.load(folder / "scorer", feature_names=_features())
    matcher = Matcher(
        encoder=encoder,
        scorer=scorer,
        pool_size=settings["pool_size"],
        index_kind=settings["index_kind"],
        horizon_days=settings["horizon_days"],
        as_of=date.fromisoformat(settings["as_of"]) if settings["as_of"] else None,
        travel_model=travel,
        evidence=settings["evidence"],
    )
    placements = RecordTable(src.strings("placements.records"), _parser("placement"))
    matcher._restore(corpus, placements)
    matcher.durability = _durability_from(src.json("durability"))
    matcher.scorer_source = settings["scorer_source"]
    ids_hash = _ids_hash_of(corpus)
    matcher.candidate_index = VectorIndex.load(
        folder / "candidate_index",
        encoder_name=encoder.name,
        data_hash=data_hash(corpus.candidates.arrays.ids),
        mmap=True,
    )
    matcher.package_index = VectorIndex.load(
        folder / "package_index",
        encoder_name=encoder.name,
        data_hash=data_hash(corpus.packages.arrays.ids),
        mmap=True,
    )
    if ids_hash != manifest["data_hash"]:
        raise ArtefactMismatchError(
            f"{folder}: the stored records do not match the manifest's data_hash. {_REBUILD}"
        )
    matcher.index_folder_ = folder
    matcher.manifest_ = manifest
    return matcher


def _ids_hash_of(corpus: Corpus) -> str:
    return data_hash([*corpus.candidates.arrays.ids, "\0", *corpus.packages.arrays.ids])


def _features() -> tuple[str, ...]:
    from matcher.features import FEATURES

    return FEATURES


def _encoder_for(name: str, given, folder: Path):
    from matcher.encoders import HashingEncoder, default_encoder

    if given is not None:
        if given.name != name:
            raise ArtefactMismatchError(
                f"index {folder}: encoder_name: built with {name!r}, the queries would use {given.name!r}. "
                "Fix: use the encoder the index was built with, or build the index again with this one."
            )
        return given
    if name == HashingEncoder().name:
        return HashingEncoder()
    if name.startswith("st:"):
        shipped = default_encoder()
        if shipped.name == name:
            return shipped
    raise ArtefactMismatchError(
        f"index {folder}: encoder_name: built with {name!r}, which is not the shipped model nor the hashing "
        "encoder; pass the same encoder (--encoder FOLDER), or build the index again."
    )


def check_inputs(manifest: dict[str, Any], given: dict[str, Path], *, folder: Path) -> None:
    """Refuse to answer for data files other than those the index was built from (or last updated with).

    ``given`` maps ``"candidates"`` / ``"packages"`` / ``"placements"`` to the files a user names.
    """
    for kind, path in given.items():
        recorded = manifest["inputs"].get(kind)
        if recorded is None:
            raise ArtefactMismatchError(
                f"index {folder} was not built from a {kind} file, but {path} was given. "
                "Fix: leave it out, or build the index with it."
            )
        digest = file_sha256(Path(path))
        if digest != recorded["sha256"]:
            raise ArtefactMismatchError(
                f"index {folder} was built from other {kind} data than {path} "
                f"(its SHA-256 differs from that of {recorded['file']}). "
                "Fix: 'banenmatch update --index INDEX ...' with the changes, or build the index again from this file."
            )


def elapsed(start: float) -> float:
    return round(time.perf_counter() - start, 3)


# ---------------------------------------------------------------------------------------- update
# Fields of the hard rule's arrays stored one record per column (CandidateArrays.fml_weights).
_BY_COLUMN = {"fml_weights"}


def _concat(a: Any, b: Any) -> Any:
    """``a``'s records followed by ``b``'s: the placement history and its new records, or two CSR matrices."""
    if isinstance(a, RecordTable):
        lines = b.lines if isinstance(b, RecordTable) else RecordTable.of(b, a._parse).lines
        return RecordTable(StringTable.concat([a.lines, lines]), a._parse)
    width = max(a.shape[1], b.shape[1])
    return sp.vstack([_widen(a, width), _widen(b, width)], format="csr")


# Recomputed from the whole side after rows are taken and added (see update()).
_DERIVED = {
    "competence_index",
    "lexical",
    "lexical_norm",
    "placed_affinity",
    "placed_kinds",
    "placed_counts",
    "history",
}


def _rows_then(value: np.ndarray, rows: np.ndarray, new: np.ndarray, *, axis: int) -> np.ndarray:
    """``np.concatenate([value.take(rows, axis), new], axis)`` written once into one new array."""
    k = len(rows)
    shape = list(value.shape)
    shape[axis] = k + new.shape[axis]
    out = np.empty(shape, dtype=np.result_type(value, new))
    head = (slice(None),) * axis + (slice(0, k),)
    tail = (slice(None),) * axis + (slice(k, None),)
    np.take(value, rows, axis=axis, out=out[head], mode="clip")  # rows are in range; "clip" skips a buffer
    out[tail] = new
    return out


def _take_then(value: Any, rows: np.ndarray, new: Any) -> Any:
    """The ``rows`` of ``value`` (in that order) followed by all of ``new``, in one copy where it counts:
    arrays, clause banks and record texts are not taken first and concatenated after."""
    if value is None:
        return None
    if isinstance(value, CandidateArrays | PackageArrays):
        return dataclasses.replace(
            value,
            **{
                f.name: _rows_then(getattr(value, f.name), rows, getattr(new, f.name), axis=1)
                if f.name in _BY_COLUMN
                else _take_then(getattr(value, f.name), rows, getattr(new, f.name))
                for f in dataclasses.fields(value)
            },
        )
    if isinstance(value, RecordTable):
        lines = new.lines if isinstance(new, RecordTable) else RecordTable.of(new, value._parse).lines
        return RecordTable(value.lines.take(rows, then=lines), value._parse)
    if isinstance(value, ClauseBank | StringTable):
        return value.take(rows, then=new)
    if sp.issparse(value):
        return _concat(take_csr(value, rows), new)
    if isinstance(value, tuple):  # a package's competence keys
        return tuple(value[int(r)] for r in rows) + tuple(new)
    return _rows_then(np.asarray(value), rows, np.asarray(new), axis=0)


def _merge_side(old: Any, keep: np.ndarray, new: Any, *, in_parts: tuple[str, ...] = ()) -> dict[str, Any]:
    """The kept rows of each field of ``old`` followed by those of ``new``; fields named in ``in_parts``
    keep their stored rows where they are and get the new ones as a part of their own (matcher.segments)."""
    # A side the update leaves alone keeps its arrays as read, so save() links their files.
    unchanged = len(keep) == len(old.arrays.ids) and len(new.arrays.ids) == 0

    def merged(name: str) -> Any:
        if unchanged:
            return getattr(old, name)
        if name in in_parts:
            return append_rows(getattr(old, name), keep, getattr(new, name))
        return _take_then(getattr(old, name), keep, getattr(new, name))

    return {f.name: merged(f.name) for f in dataclasses.fields(old) if f.name not in _DERIVED}


# The candidates' clause banks and n-gram rows: most of an index's bytes, read a few rows at a time.
_IN_PARTS = ("wishes", "experience")


# Files an update writes anew without reading them (recomputed or rebuilt): not verified.
_RECOMPUTED = (
    "candidate_index/",
    "package_index/",
    "layout.json",
    "candidates.lexical_norm.npy",
    "packages.lexical_norm.npy",
    "candidates.placed_affinity.npy",
    "candidates.placed_kinds.npy",
    "candidates.placed_counts.npy",
    "candidates.history.npy",
)


def update(
    root: Path,
    *,
    candidates: Sequence[Any] = (),
    packages: Sequence[Any] = (),
    placements: Sequence[Any] = (),
    remove_candidates: Sequence[str] = (),
    remove_packages: Sequence[str] = (),
    encoder=None,
    change: dict[str, Any] | None = None,
) -> tuple[Matcher, Path]:
    """Apply a change to the index at ``root`` and write it as the next version.

    Records of ``candidates`` / ``packages`` replace the stored record with the same id or are
    added; ids in ``remove_*`` are removed; ``placements`` are added to the history. Only the
    changed records are encoded, cut into n-grams and put through the hard rule's arrays; what
    depends on all records is recomputed from stored numbers (see docs/CLI.md, "What an update
    recomputes"):

    - character TF-IDF: document frequencies are corrected by the removed and added rows, then
      the idf and every row's length follow in one pass over the stored term frequencies;
    - placement-based affinity: recomputed from all profile vectors and the whole history (one
      matrix product); each person's own history counts (the durability model's history inputs):
      recounted from the dates of the whole history;
    - faiss indexes: rebuilt from the stored profile vectors (exact kind: a copy);
    - the durability model and the ranker stay those of the last full build; ``update`` reports
      how much has changed since, so that a full build can be run when that share is large.

    Records keep their order; changed and new records go to the end, in the order given.
    The candidates' clause banks and character n-gram rows (most of the index's bytes) are not
    copied: their stored files are linked into the new version and the changed and added records
    become a part of their own (:mod:`matcher.segments`). Everything the new version takes from the
    old one by copying is verified before the new version is committed; a linked file keeps its
    recorded SHA-256, which the new version's load checks.
    Returns the updated Matcher and the new version's folder.
    """
    old_folder, manifest = read_manifest(root)
    carried = {name: meta for name, meta in manifest["files"].items() if not name.startswith(_RECOMPUTED)}
    what = f"index {old_folder}"
    check_sizes(old_folder, carried, what=what, fix=_REBUILD)  # a missing or cut file, before reading
    try:
        return _update_from(
            root,
            old_folder,
            manifest,
            carried,
            candidates=candidates,
            packages=packages,
            placements=placements,
            remove_candidates=remove_candidates,
            remove_packages=remove_packages,
            encoder=encoder,
            change=change,
        )
    except ArtefactMismatchError:
        raise
    except Exception:
        # A damaged file can fail a computation on its numbers before it is verified (before_commit):
        # then the damage, not its symptom, is what to report.
        verify_files(old_folder, carried, what=what, fix=_REBUILD)
        raise


def _update_from(
    root: Path,
    old_folder: Path,
    manifest: dict[str, Any],
    carried: dict[str, dict[str, Any]],
    *,
    candidates: Sequence[Any],
    packages: Sequence[Any],
    placements: Sequence[Any],
    remove_candidates: Sequence[str],
    remove_packages: Sequence[str],
    encoder,
    change: dict[str, Any] | None,
) -> tuple[Matcher, Path]:
    from matcher.recommend import Matcher

    what = f"index {old_folder}"
    old = load(old_folder, encoder=encoder, verify=False)
    corpus = old.corpus
    enc = old.encoder

    def rows_to_drop(side: Any, ids: set[str]) -> tuple[np.ndarray, np.ndarray]:
        gone = np.array([i in ids for i in side.arrays.ids], dtype=bool)
        return np.flatnonzero(~gone), np.flatnonzero(gone)

    cand_ids = {c.id for c in candidates} | set(remove_candidates)
    pkg_ids = {p.id for p in packages} | set(remove_packages)
    keep_c, drop_c = rows_to_drop(corpus.candidates, cand_ids)
    keep_p, drop_p = rows_to_drop(corpus.packages, pkg_ids)

    from matcher.text import candidate_text, package_text

    lexical = corpus.lexical.without(corpus.candidates.lexical[drop_c]).without(
        corpus.packages.lexical[drop_p]
    )
    lexical, tf_c = lexical.term_frequencies([candidate_text(c).profile for c in candidates], grow=True)
    lexical, tf_p = lexical.term_frequencies([package_text(p).profile for p in packages], grow=True)

    new_c = Corpus._candidate_side(candidates, enc, corpus.candidates.competence_index)
    new_p = Corpus._package_side(packages, enc)
    c_fields = _merge_side(corpus.candidates, keep_c, new_c, in_parts=_IN_PARTS)
    p_fields = _merge_side(corpus.packages, keep_p, new_p)
    width = len(lexical.terms)

    def merged_tf(side_tf: Any, keep: np.ndarray, tf: sp.csr_matrix, *, in_parts: bool = False) -> Any:
        if len(keep) == side_tf.shape[0] and tf.shape[0] == 0:  # the rows as stored: only the width may grow
            return (
                dataclasses.replace(side_tf, width=width) if is_segmented(side_tf) else _widen(side_tf, width)
            )
        if in_parts:
            return append_rows(side_tf, keep, tf, width=width)
        return _take_then(side_tf, keep, _widen(tf, width))

    c_tf = merged_tf(corpus.candidates.lexical, keep_c, tf_c, in_parts=True)
    p_tf = merged_tf(corpus.packages.lexical, keep_p, tf_p)
    cand_side = CandidateSide(
        **c_fields,
        competence_index=new_c.competence_index,
        lexical=c_tf,
        lexical_norm=lexical.norms(c_tf),
    )
    cand_side = dataclasses.replace(
        cand_side, competence_matrix=_widen(cand_side.competence_matrix, max(len(new_c.competence_index), 1))
    )
    pkg_side = PackageSide(**p_fields, lexical=p_tf, lexical_norm=lexical.norms(p_tf))
    merged = Corpus(cand_side, pkg_side, corpus.encoder_name, lexical, corpus.travel_model)

    history_records = _concat(old.placements, tuple(placements)) if placements else old.placements
    matcher = Matcher(
        encoder=enc,
        scorer=old.scorer,
        durability=old.durability,
        pool_size=old.pool_size,
        index_kind=old.index_kind,
        horizon_days=old.horizon_days,
        as_of=old.as_of,
        travel_model=old.travel_model,
        evidence=old.evidence,
    )
    matcher._restore(merged, history_records)
    matcher.corpus = matcher.corpus.with_placements(matcher._placed_kinds(history_records))
    matcher.corpus = matcher.corpus.with_history(matcher._history_counts(history_records))
    packages_unchanged = len(keep_p) == len(corpus.packages.arrays.ids) and not len(packages)
    if packages_unchanged:  # the same package vectors: the same index
        matcher.package_index = old.package_index
        matcher.candidate_index = VectorIndex.build(
            matcher.corpus.candidates.arrays.ids,
            matcher.corpus.candidates.profile,
            kind=matcher.index_kind,
            encoder_name=enc.name,
            data_hash=data_hash(matcher.corpus.candidates.arrays.ids),
        )
    else:
        matcher._build_indexes()
    matcher.durability = old.durability
    matcher.scorer_source = old.scorer_source

    history = [*manifest.get("history", []), change or {}]
    inputs = dict(manifest.get("inputs", {}))
    for kind in ("candidates", "packages", "placements"):
        inputs.pop(kind, None)  # the data now differs from every file the index was built from
    folder = save(
        matcher,
        root,
        inputs=inputs,
        history=history,
        build_seconds=manifest.get("build_seconds"),
        reuse=(old_folder, manifest["files"]),
        # What the new version took from the old one is verified before it is committed, so a damaged
        # file is never copied under a new hash. Files linked unchanged keep their recorded SHA-256
        # (the new version's load checks them); files in _RECOMPUTED were not read.
        before_commit=lambda out: verify_files(
            old_folder,
            {name: meta for name, meta in carried.items() if name not in out.linked_from},
            what=what,
            fix=_REBUILD,
        ),
    )
    return matcher, folder


def changed_share(manifest: dict[str, Any]) -> float:
    """Share of the records changed (added, replaced, removed) since the last full build."""
    changed = sum(
        h.get("candidates", 0)
        + h.get("packages", 0)
        + h.get("removed_candidates", 0)
        + h.get("removed_packages", 0)
        for h in manifest.get("history", [])
    )
    total = max(1, manifest["counts"]["candidates"] + manifest["counts"]["packages"])
    return changed / total
