"""Vector index over unit-length embeddings, with filtering inside the search.

A :class:`VectorIndex` holds one vector per string id (a candidate or a work package) in a faiss
index searched by inner product, which on the L2-normalised vectors of :mod:`matcher.encoders` is
cosine similarity. The eligible set computed by the hard constraints is passed as ``allowed=`` and
applied by a faiss id selector *during* the search, so a result list never holds an excluded id
and is never short because excluded ids took the top places.

Saved indexes are folders::

    index.faiss     faiss.write_index output
    ids.npy         the ids, fixed-width unicode (loads with allow_pickle=False)
    manifest.json   format, encoder name, dimension, kind, count, data hash, code version

and :meth:`VectorIndex.load` refuses a folder built with another encoder or other data.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import faiss
import numpy as np

from matcher.errors import ArtefactMismatchError, SchemaError, UnknownIdError

__all__ = [
    "EXACT_SEARCH_MAX_ALLOWED",
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_THREADS",
    "IndexKind",
    "IndexManifest",
    "SearchResult",
    "VectorIndex",
    "data_hash",
    "read_manifest",
]

IndexKind = Literal["exact", "hnsw", "ivf"]
_KINDS: tuple[str, ...] = get_args(IndexKind)

FORMAT = "banenmatch-vector-index"
FORMAT_VERSION = 1

#: Approximate indexes search an allowed set of at most this many ids exhaustively: it is cheap
#: (only allowed vectors are scored) and graph/cluster search degrades when most ids are filtered out.
EXACT_SEARCH_MAX_ALLOWED = 20_000

_INDEX_FILE = "index.faiss"
_IDS_FILE = "ids.npy"
_MANIFEST_FILE = "manifest.json"
_REBUILD = (
    "Fix: rebuild the index from the current data with the current encoder "
    "(VectorIndex.build(...).save(folder)) and replace the folder."
)
_NORM_TOLERANCE = 1e-3

#: faiss never uses more OpenMP threads than this (the machines have 2 cores and are shared).
MAX_THREADS = 2
#: Batches with fewer queries run on one thread: faiss splits a single query's scan across threads,
#: which on a busy 2-core machine was measured 25x slower (10 ms instead of 0.4 ms for 10k x 256).
_SINGLE_THREAD_BELOW = 20

faiss.omp_set_num_threads(max(1, min(MAX_THREADS, faiss.omp_get_max_threads())))


@contextlib.contextmanager
def _faiss_threads(count: int) -> Iterator[None]:
    """Run the block with ``count`` OpenMP threads (libgomp keeps this setting per OS thread)."""
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(max(1, min(count, MAX_THREADS)))
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def data_hash(items: Iterable[str]) -> str:
    """Order-sensitive SHA-256 of a sequence of strings, e.g. ids or ``f"{id}\\t{text}"`` lines.

    Each string is fed as its UTF-8 length, a colon and its UTF-8 bytes, so no two different
    sequences serialise alike (``["ab", "c"]`` differs from ``["a", "bc"]``).

    Returns
    -------
    str
        ``"sha256:"`` followed by 64 hex digits.

    Examples
    --------
    >>> data_hash(["c1", "c2"]) == data_hash(("c1", "c2")) != data_hash(["c2", "c1"])
    True
    """
    digest = hashlib.sha256()
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise SchemaError(f"data_hash: item {i} must be str, found {type(item).__name__}")
        encoded = item.encode("utf-8")
        digest.update(f"{len(encoded)}:".encode("ascii"))
        digest.update(encoded)
    return "sha256:" + digest.hexdigest()


def _code_version() -> str:
    try:
        return importlib.metadata.version("banenmatch")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class IndexManifest:
    """The ``manifest.json`` of a saved index.

    Attributes
    ----------
    encoder_name : str
        ``Encoder.name`` of the encoder that made the vectors.
    dimension : int
        Vector width.
    kind : {"exact", "hnsw", "ivf"}
        faiss index type.
    count : int
        Number of ids/vectors.
    data_hash : str
        Caller-supplied fingerprint of the indexed data (see :func:`data_hash`).
    params : dict
        Build parameters of the approximate kinds (HNSW ``m``, ``ef_search``; IVF ``nlist``, ``nprobe``).
    code_version, faiss_version : str
        Versions that wrote the folder (recorded, not checked: ``format_version`` guards the layout).
    """

    encoder_name: str
    dimension: int
    kind: str
    count: int
    data_hash: str
    params: dict[str, int] = field(default_factory=dict)
    metric: str = "inner_product"
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    code_version: str = field(default_factory=_code_version)
    faiss_version: str = faiss.__version__
    created_by: str = "matcher.index.VectorIndex"

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"


@dataclass(frozen=True, eq=False)
class SearchResult:
    """Top-k results of a batch of queries, best first; rows shorter than k are padded.

    Attributes
    ----------
    ids : numpy.ndarray of object, shape (n, k)
        Ids as ``str``; ``None`` where padded.
    positions : numpy.ndarray of int64, shape (n, k)
        Row of each hit in :attr:`VectorIndex.ids`; ``-1`` where padded.
    scores : numpy.ndarray of float32, shape (n, k)
        Cosine similarity, descending along each row; ``-inf`` where padded.
    """

    ids: np.ndarray
    positions: np.ndarray
    scores: np.ndarray

    def hits(self, row: int) -> list[tuple[str, float]]:
        """The ``(id, score)`` pairs of query ``row``, padding dropped."""
        keep = self.positions[row] >= 0
        return [(str(i), float(s)) for i, s in zip(self.ids[row][keep], self.scores[row][keep], strict=True)]


def _check_unit_rows(vectors: Any, *, what: str, dimension: int | None = None) -> np.ndarray:
    array = np.asarray(vectors)
    if array.ndim != 2:
        raise SchemaError(f"{what}: expected a 2-D array (n, d), found shape {array.shape}")
    if not np.issubdtype(array.dtype, np.number) or np.iscomplexobj(array):
        raise SchemaError(f"{what}: expected real numbers, found dtype {array.dtype}")
    if dimension is not None and array.shape[1] != dimension:
        raise ArtefactMismatchError(
            f"{what}: dimension: expected {dimension} (the index's), found {array.shape[1]}. "
            "The vectors come from another encoder than the index was built with. " + _REBUILD
        )
    if array.shape[1] < 1:
        raise SchemaError(f"{what}: expected at least one column, found shape {array.shape}")
    array = np.ascontiguousarray(array, dtype=np.float32)
    if not np.isfinite(array).all():
        bad = int(np.argwhere(~np.isfinite(array))[0, 0])
        raise SchemaError(f"{what}: row {bad} holds NaN or infinity; expected finite numbers")
    norms = np.linalg.norm(array, axis=1)
    off = (np.abs(norms - 1.0) > _NORM_TOLERANCE) & (norms > 0)
    if off.any():
        bad = int(np.flatnonzero(off)[0])
        raise SchemaError(
            f"{what}: row {bad} has L2 norm {norms[bad]:.4f}; expected 1 (or 0 for an empty text). "
            "Fix: encode with a matcher.encoders.Encoder, whose rows are normalised."
        )
    return array


def _default_nlist(count: int) -> int:
    # About 4*sqrt(n) lists, but at least 39 training points per list (below that faiss warns).
    return max(1, min(round(4 * math.sqrt(count)), count // 39))


class VectorIndex:
    """Cosine-similarity index over string ids, searched with an optional allowed set.

    Build with :meth:`build` or :meth:`load`; the constructor is internal.

    Examples
    --------
    >>> from matcher.encoders import HashingEncoder
    >>> enc = HashingEncoder()
    >>> texts = ["groenonderhoud", "schoonmaak", "postbezorging"]
    >>> index = VectorIndex.build(["c1", "c2", "c3"], enc.encode_documents(texts),
    ...                           encoder_name=enc.name, data_hash=data_hash(texts))
    >>> index.search(enc.encode_queries(["onderhoud van groen"]), 2, allowed=["c2", "c3"]).ids.shape
    (1, 2)
    """

    def __init__(self, index: faiss.Index, ids: np.ndarray, manifest: IndexManifest) -> None:
        self._index = index
        self._ids = ids
        self._ids_obj = np.array(ids.tolist(), dtype=object)
        self._position = {identifier: i for i, identifier in enumerate(self._ids_obj)}
        self.manifest = manifest

    # ---------------------------------------------------------------------------------------------
    # construction
    # ---------------------------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        ids: Sequence[str],
        vectors: np.ndarray,
        *,
        kind: IndexKind = "exact",
        encoder_name: str,
        data_hash: str,
        hnsw_m: int = 32,
        hnsw_ef_construction: int = 200,
        hnsw_ef_search: int = 128,
        ivf_nlist: int | None = None,
        ivf_nprobe: int | None = None,
    ) -> VectorIndex:
        """Index ``vectors[i]`` under ``ids[i]``.

        Parameters
        ----------
        ids : sequence of str, length n
            Unique, non-empty ids.
        vectors : numpy.ndarray, shape (n, d)
            L2-normalised rows (all-zero rows allowed), e.g. ``Encoder.encode_documents`` output.
        kind : {"exact", "hnsw", "ivf"}, default "exact"
            ``"exact"`` scans every allowed vector (``IndexFlatIP``); ``"hnsw"`` (``IndexHNSWFlat``)
            and ``"ivf"`` (``IndexIVFFlat``) are approximate and faster at large n.
        encoder_name : str
            ``Encoder.name`` of the encoder that made ``vectors``; checked again on load.
        data_hash : str
            Fingerprint of the indexed data (see :func:`data_hash`); checked again on load.
        hnsw_m, hnsw_ef_construction, hnsw_ef_search : int
            HNSW graph degree, build beam and search beam.
        ivf_nlist, ivf_nprobe : int, optional
            IVF list count (default about ``4*sqrt(n)``, at least 39 vectors per list) and lists
            probed per query (default ``nlist // 8``, at least 1).

        Returns
        -------
        VectorIndex

        Notes
        -----
        HNSW graphs are built on one thread: a parallel build inserts in a timing-dependent order,
        and the same input must give the same index.
        """
        if kind not in _KINDS:
            raise SchemaError(f"kind: expected one of {_KINDS}, found {kind!r}")
        for name, value in (("encoder_name", encoder_name), ("data_hash", data_hash)):
            if not isinstance(value, str) or not value:
                raise SchemaError(f"{name}: expected a non-empty str, found {value!r}")
        id_array = _check_ids(ids)
        matrix = _check_unit_rows(vectors, what="vectors")
        if matrix.shape[0] != id_array.shape[0]:
            raise SchemaError(
                f"vectors: expected one row per id ({id_array.shape[0]} ids), found {matrix.shape[0]} rows"
            )
        count, dimension = matrix.shape
        params: dict[str, int] = {}
        if kind == "exact":
            index: faiss.Index = faiss.IndexFlatIP(dimension)
            index.add(matrix)
        elif kind == "hnsw":
            _check_positive(
                hnsw_m=hnsw_m, hnsw_ef_construction=hnsw_ef_construction, hnsw_ef_search=hnsw_ef_search
            )
            index = faiss.IndexHNSWFlat(dimension, hnsw_m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = hnsw_ef_construction
            index.hnsw.efSearch = hnsw_ef_search
            with _faiss_threads(1):
                index.add(matrix)
            params = {"m": hnsw_m, "ef_construction": hnsw_ef_construction, "ef_search": hnsw_ef_search}
        else:
            if count == 0:
                raise SchemaError("vectors: an ivf index needs at least one vector to train on; found none")
            nlist = _default_nlist(count) if ivf_nlist is None else ivf_nlist
            nprobe = max(1, nlist // 8) if ivf_nprobe is None else ivf_nprobe
            _check_positive(ivf_nlist=nlist, ivf_nprobe=nprobe)
            if nlist > count:
                raise SchemaError(
                    f"ivf_nlist: expected at most the number of vectors ({count}), found {nlist}"
                )
            quantizer = faiss.IndexFlatIP(dimension)
            index = faiss.IndexIVFFlat(quantizer, dimension, nlist, faiss.METRIC_INNER_PRODUCT)
            with _faiss_threads(MAX_THREADS):
                index.train(matrix)
                index.add(matrix)
            index.nprobe = min(nprobe, nlist)
            params = {"nlist": nlist, "nprobe": min(nprobe, nlist)}
        manifest = IndexManifest(
            encoder_name=encoder_name,
            dimension=dimension,
            kind=kind,
            count=count,
            data_hash=data_hash,
            params=params,
        )
        return cls(index, id_array, manifest)

    # ---------------------------------------------------------------------------------------------
    # properties
    # ---------------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return self.manifest.count

    def __repr__(self) -> str:
        m = self.manifest
        return f"VectorIndex(kind={m.kind!r}, count={m.count}, dimension={m.dimension}, encoder={m.encoder_name!r})"

    @property
    def ids(self) -> np.ndarray:
        """The indexed ids in position order (read-only fixed-width unicode array)."""
        view = self._ids.view()
        view.flags.writeable = False
        return view

    @property
    def kind(self) -> str:
        return self.manifest.kind

    @property
    def dimension(self) -> int:
        return self.manifest.dimension

    @property
    def encoder_name(self) -> str:
        return self.manifest.encoder_name

    @property
    def data_hash(self) -> str:
        return self.manifest.data_hash

    def positions_of(self, ids: Iterable[str]) -> np.ndarray:
        """Positions of ``ids`` in the index, as int64.

        Raises
        ------
        UnknownIdError
            If any id is not indexed; the message lists the first few.
        """
        wanted = list(ids)
        positions = np.fromiter(
            (self._position.get(i, -1) for i in wanted), dtype=np.int64, count=len(wanted)
        )
        missing = positions < 0
        if missing.any():
            unknown = [wanted[i] for i in np.flatnonzero(missing)[:5]]
            raise UnknownIdError(
                f"{int(missing.sum())} id(s) not in the index, e.g. {unknown}. The index is older than the "
                "data or was built from other records. " + _REBUILD
            )
        return positions

    # ---------------------------------------------------------------------------------------------
    # search
    # ---------------------------------------------------------------------------------------------

    def search(
        self,
        queries: np.ndarray,
        k: int,
        *,
        allowed: np.ndarray | Sequence[str] | None = None,
    ) -> SearchResult:
        """The ``k`` most similar allowed ids for each query row.

        Parameters
        ----------
        queries : numpy.ndarray, shape (n, d)
            L2-normalised query vectors (``Encoder.encode_queries``).
        k : int
            Results per query; rows are padded when fewer ids are allowed.
        allowed : optional
            Ids that may be returned; ``None`` allows all. One of: a sequence (or array) of id
            strings; an integer array of positions; a boolean mask of length ``len(self)``. An empty
            allowed set gives an all-padding result.

        Returns
        -------
        SearchResult
            Arrays of shape ``(n, k)``, best first.

        Raises
        ------
        UnknownIdError
            If ``allowed`` names an id (or position) that is not in the index.
        ArtefactMismatchError
            If the query width differs from the index's.

        Notes
        -----
        The filter is a faiss ``IDSelectorBitmap`` passed in the search parameters, so excluded ids
        are skipped during the scan rather than removed afterwards. For ``"hnsw"``/``"ivf"``, an
        allowed set of at most :data:`EXACT_SEARCH_MAX_ALLOWED` ids is searched exhaustively, and a
        query that the approximate search answers with fewer than ``min(k, allowed)`` hits is
        searched again exhaustively, so a short list always means there was nothing more to find.
        """
        if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
            raise SchemaError(f"k: expected a positive int, found {k!r}")
        k = int(k)
        matrix = _check_unit_rows(queries, what="queries", dimension=self.dimension)
        n = matrix.shape[0]
        mask = None if allowed is None else self._allowed_mask(allowed)
        n_allowed = len(self) if mask is None else int(mask.sum())
        if n == 0 or n_allowed == 0:
            return _padding(n, k)

        selector = None if mask is None else faiss.IDSelectorBitmap(np.packbits(mask, bitorder="little"))
        exhaustive = self.kind == "exact" or (mask is not None and n_allowed <= EXACT_SEARCH_MAX_ALLOWED)
        with _faiss_threads(1 if n < _SINGLE_THREAD_BELOW else MAX_THREADS):
            scores, positions = self._search(matrix, k, selector, exhaustive=exhaustive)
            if not exhaustive:
                short = (positions >= 0).sum(axis=1) < min(k, n_allowed)
                if short.any():
                    again = self._search(matrix[short], k, selector, exhaustive=True)
                    scores[short], positions[short] = again
        return self._result(scores, positions)

    def _search(
        self, matrix: np.ndarray, k: int, selector: faiss.IDSelector | None, *, exhaustive: bool
    ) -> tuple[np.ndarray, np.ndarray]:
        if self.kind == "exact":
            return self._index.search(matrix, k, params=faiss.SearchParameters(sel=selector))
        if self.kind == "hnsw":
            if exhaustive:
                storage = faiss.downcast_index(self._index.storage)
                return storage.search(matrix, k, params=faiss.SearchParameters(sel=selector))
            params = faiss.SearchParametersHNSW(sel=selector, efSearch=max(self._index.hnsw.efSearch, k))
            return self._index.search(matrix, k, params=params)
        nprobe = self._index.nlist if exhaustive else self._index.nprobe
        return self._index.search(matrix, k, params=faiss.SearchParametersIVF(sel=selector, nprobe=nprobe))

    def _allowed_mask(self, allowed: np.ndarray | Sequence[str]) -> np.ndarray:
        array = allowed if isinstance(allowed, np.ndarray) else None
        if array is not None and array.dtype == np.bool_:
            if array.shape != (len(self),):
                raise SchemaError(
                    f"allowed: a boolean mask must have shape ({len(self)},) (one flag per indexed id), "
                    f"found {array.shape}"
                )
            return np.ascontiguousarray(array)
        mask = np.zeros(len(self), dtype=bool)
        if array is not None and np.issubdtype(array.dtype, np.integer):
            positions = array.reshape(-1).astype(np.int64)
            bad = (positions < 0) | (positions >= len(self))
            if bad.any():
                raise UnknownIdError(
                    f"allowed: position {int(positions[bad][0])} is outside the index (0..{len(self) - 1})"
                )
        else:
            if isinstance(allowed, str):
                raise SchemaError(f"allowed: expected a collection of ids, found a single str {allowed!r}")
            positions = self.positions_of(str(i) if isinstance(i, np.str_) else i for i in allowed)
        mask[positions] = True
        return mask

    def _result(self, scores: np.ndarray, positions: np.ndarray) -> SearchResult:
        padded = positions < 0
        scores = np.where(padded, np.float32(-np.inf), scores).astype(np.float32, copy=False)
        ids = np.full(positions.shape, None, dtype=object)
        ids[~padded] = self._ids_obj[positions[~padded]]
        return SearchResult(ids=ids, positions=positions.astype(np.int64, copy=False), scores=scores)

    # ---------------------------------------------------------------------------------------------
    # persistence
    # ---------------------------------------------------------------------------------------------

    def save(self, folder: str | Path) -> Path:
        """Write ``index.faiss``, ``ids.npy`` and ``manifest.json`` into ``folder`` (created if needed).

        The manifest is removed first and written last, so an interrupted save leaves a folder that
        :meth:`load` refuses rather than a mix of old and new files.
        """
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        (target / _MANIFEST_FILE).unlink(missing_ok=True)
        faiss.write_index(self._index, str(target / _INDEX_FILE))
        np.save(target / _IDS_FILE, self._ids, allow_pickle=False)
        (target / _MANIFEST_FILE).write_text(self.manifest.to_json(), encoding="utf-8")
        return target

    @classmethod
    def load(
        cls, folder: str | Path, *, encoder_name: str, data_hash: str, mmap: bool = False
    ) -> VectorIndex:
        """Load a saved index, checking that it was built with this encoder from this data.

        Parameters
        ----------
        folder : str or Path
            Folder written by :meth:`save`.
        encoder_name : str
            ``Encoder.name`` of the encoder that will make the queries.
        data_hash : str
            Fingerprint of the data the caller expects to be indexed.
        mmap : bool, default False
            Map the index file read-only instead of reading it, so processes share one copy.

        Raises
        ------
        ArtefactMismatchError
            If a file is missing or unreadable, ``ids.npy`` needs pickle, or a manifest field differs
            from what is expected or from the files; the message names the field, the expected and
            the found value, and the fix.
        """
        target = Path(folder)
        manifest = read_manifest(target)
        where = target / _MANIFEST_FILE
        for name, expected in (("encoder_name", encoder_name), ("data_hash", data_hash)):
            found = getattr(manifest, name)
            if found != expected:
                raise _mismatch(where, name, expected, found)

        ids_path = target / _IDS_FILE
        try:
            ids = np.load(ids_path, allow_pickle=False, mmap_mode="r" if mmap else None)
        except FileNotFoundError:
            raise ArtefactMismatchError(f"{ids_path}: file missing. {_REBUILD}") from None
        except ValueError as error:
            raise ArtefactMismatchError(
                f"{ids_path}: expected a plain unicode array, found one that needs pickle to load "
                f"({error}); pickled files are never loaded. {_REBUILD}"
            ) from None
        if ids.ndim != 1 or ids.dtype.kind != "U":
            raise ArtefactMismatchError(
                f"{ids_path}: expected a 1-D unicode array, found dtype {ids.dtype} and shape {ids.shape}. {_REBUILD}"
            )
        if ids.shape[0] != manifest.count:
            raise _mismatch(where, "count", manifest.count, ids.shape[0], source=_IDS_FILE)
        if len(set(ids.tolist())) != ids.shape[0]:
            raise ArtefactMismatchError(f"{ids_path}: ids are not unique. {_REBUILD}")

        index_path = target / _INDEX_FILE
        if not index_path.is_file():
            raise ArtefactMismatchError(f"{index_path}: file missing. {_REBUILD}")
        try:
            flags = faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY if mmap else 0
            index = faiss.read_index(str(index_path), flags)
        except RuntimeError as error:
            raise ArtefactMismatchError(
                f"{index_path}: not a readable faiss index ({error}). {_REBUILD}"
            ) from None
        found_kind = _kind_of(index)
        if found_kind != manifest.kind:
            raise _mismatch(where, "kind", manifest.kind, found_kind, source=_INDEX_FILE)
        if index.d != manifest.dimension:
            raise _mismatch(where, "dimension", manifest.dimension, index.d, source=_INDEX_FILE)
        if index.ntotal != manifest.count:
            raise _mismatch(where, "count", manifest.count, index.ntotal, source=_INDEX_FILE)
        if index.metric_type != faiss.METRIC_INNER_PRODUCT:
            raise _mismatch(
                where, "metric", manifest.metric, f"faiss metric {index.metric_type}", source=_INDEX_FILE
            )
        if manifest.kind == "hnsw":
            index.hnsw.efSearch = manifest.params.get("ef_search", index.hnsw.efSearch)
        elif manifest.kind == "ivf":
            index.nprobe = manifest.params.get("nprobe", index.nprobe)
        return cls(index, ids, manifest)


def read_manifest(folder: str | Path) -> IndexManifest:
    """Read and check the ``manifest.json`` of a saved index, without loading the index itself.

    Raises
    ------
    ArtefactMismatchError
        If the file is missing, not JSON, of another format or version, or lacks a field.
    """
    path = Path(folder) / _MANIFEST_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ArtefactMismatchError(
            f"{path}: file missing; expected the manifest of a saved index. {_REBUILD}"
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ArtefactMismatchError(f"{path}: not valid JSON ({error}). {_REBUILD}") from None
    if not isinstance(raw, dict):
        raise ArtefactMismatchError(f"{path}: expected a JSON object, found {type(raw).__name__}. {_REBUILD}")
    if raw.get("format") != FORMAT:
        raise _mismatch(path, "format", FORMAT, raw.get("format"))
    if raw.get("format_version") != FORMAT_VERSION:
        raise _mismatch(path, "format_version", FORMAT_VERSION, raw.get("format_version"))
    expected_types: dict[str, type | tuple[type, ...]] = {
        "encoder_name": str,
        "dimension": int,
        "kind": str,
        "count": int,
        "data_hash": str,
        "params": dict,
        "metric": str,
        "code_version": str,
        "faiss_version": str,
        "created_by": str,
    }
    for name, expected_type in expected_types.items():
        if name not in raw:
            raise ArtefactMismatchError(f"{path}: field {name!r}: missing. {_REBUILD}")
        value = raw[name]
        if not isinstance(value, expected_type) or isinstance(value, bool):
            raise ArtefactMismatchError(
                f"{path}: field {name!r}: expected {getattr(expected_type, '__name__', expected_type)}, "
                f"found {value!r}. {_REBUILD}"
            )
    if raw["kind"] not in _KINDS:
        raise _mismatch(path, "kind", " or ".join(_KINDS), raw["kind"])
    if raw["metric"] != "inner_product":
        raise _mismatch(path, "metric", "inner_product", raw["metric"])
    unknown = sorted(set(raw) - set(IndexManifest.__dataclass_fields__))
    if unknown:
        raise ArtefactMismatchError(
            f"{path}: unknown field(s) {unknown}; expected only the format's fields. {_REBUILD}"
        )
    return IndexManifest(**raw)


def _mismatch(
    path: Path, name: str, expected: object, found: object, *, source: str | None = None
) -> ArtefactMismatchError:
    origin = f" (found in {source})" if source else ""
    return ArtefactMismatchError(
        f"{path}: field {name!r}: expected {expected!r}, found {found!r}{origin}. {_REBUILD}"
    )


def _check_ids(ids: Sequence[str]) -> np.ndarray:
    if isinstance(ids, str):
        raise SchemaError(f"ids: expected a sequence of ids, found a single str {ids!r}")
    items = [str(i) if isinstance(i, np.str_) else i for i in ids]
    seen: set[str] = set()
    for i, identifier in enumerate(items):
        if not isinstance(identifier, str) or not identifier:
            raise SchemaError(f"ids: item {i}: expected a non-empty str, found {identifier!r}")
        if identifier in seen:
            raise SchemaError(f"ids: item {i}: duplicate id {identifier!r}; ids must be unique")
        seen.add(identifier)
    if not items:
        return np.array([], dtype="<U1")
    return np.array(items, dtype=str)


def _check_positive(**values: int) -> None:
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise SchemaError(f"{name}: expected a positive int, found {value!r}")


def _kind_of(index: faiss.Index) -> str:
    concrete = faiss.downcast_index(index)
    if isinstance(concrete, faiss.IndexHNSWFlat):
        return "hnsw"
    if isinstance(concrete, faiss.IndexIVFFlat):
        return "ivf"
    if isinstance(concrete, faiss.IndexFlat):
        return "exact"
    return type(concrete).__name__


def _padding(n: int, k: int) -> SearchResult:
    return SearchResult(
        ids=np.full((n, k), None, dtype=object),
        positions=np.full((n, k), -1, dtype=np.int64),
        scores=np.full((n, k), -np.inf, dtype=np.float32),
    )
