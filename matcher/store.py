"""Folders of named arrays: how a fitted :class:`~matcher.recommend.Matcher` lives on disk.

A saved artefact is a folder of plain files, never pickle (DESIGN.md section 9):

- numpy arrays as ``.npy``, written with ``allow_pickle=False`` and memory-mapped on load, so several
  processes on one machine share one copy of the large arrays through the page cache;
- sparse CSR matrices as three ``.npy`` files (``data``, ``indices``, ``indptr``; scipy's ``.npz`` is a
  zip archive and cannot be memory-mapped);
- many strings (clause texts, record lines) as one UTF-8 blob plus an offsets array
  (:class:`StringTable`), decoded one item at a time when asked for;
- small things as JSON.

:class:`Versions` keeps the versions of one index side by side (``v000001``, ``v000002``, ...) with a
``CURRENT`` file naming the one in use. A new version is written into a temporary folder, flushed to
disk, renamed in one step, and only then named in ``CURRENT`` (``os.replace``, atomic on POSIX): a
process killed at any moment leaves the previous version complete and current.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import weakref
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from matcher.errors import ArtefactMismatchError

__all__ = [
    "ArrayFolder",
    "StringTable",
    "Versions",
    "file_sha256",
    "hash_files",
    "is_mapped",
    "ragged_take",
    "take_rows",
    "verify_files",
]

_CHUNK = 1 << 22


def file_sha256(path: Path) -> str:
    """``"sha256:<hex>"`` of a file's bytes, read in 4 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return "sha256:" + digest.hexdigest()


def is_mapped(array: np.ndarray) -> bool:
    """Whether ``array`` reads a memory-mapped file (itself or a view of an ``np.memmap``)."""
    while isinstance(array, np.ndarray):
        if isinstance(array, np.memmap):
            return True
        array = array.base
    return False


class StringTable(Sequence[str]):
    """An immutable sequence of strings stored as one UTF-8 blob and ``n + 1`` offsets.

    Costs one ``uint8`` per byte of text and one ``int64`` per string, instead of a Python object
    per string; ``table[a:b]`` decodes only the strings asked for (a tuple).
    """

    def __init__(self, blob: np.ndarray, offsets: np.ndarray) -> None:
        self.blob = blob
        self.offsets = offsets

    @classmethod
    def of(cls, strings: Sequence[str]) -> StringTable:
        encoded = [s.encode("utf-8") for s in strings]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(e) for e in encoded])
        blob = np.frombuffer(b"".join(encoded), dtype=np.uint8) if encoded else np.zeros(0, np.uint8)
        return cls(blob, offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def _one(self, i: int) -> str:
        return self.blob[self.offsets[i] : self.offsets[i + 1]].tobytes().decode("utf-8")

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, slice):
            return tuple(self._one(i) for i in range(*key.indices(len(self))))
        n = len(self)
        i = int(key) + n if int(key) < 0 else int(key)
        if not 0 <= i < n:
            raise IndexError(f"string {key} out of range (table of {n})")
        return self._one(i)

    def __iter__(self) -> Iterator[str]:
        return (self._one(i) for i in range(len(self)))

    def take(self, rows: np.ndarray, *, then: StringTable | None = None) -> StringTable:
        """The strings at ``rows``, in that order, as a new table; followed by those of ``then``.

        ``take(rows, then=t)`` equals ``StringTable.concat([take(rows), t])`` with one copy.
        """
        more = None if then is None else (then.blob, then.offsets)
        blob, offsets = take_rows(self.blob, self.offsets, rows, then=more)
        return StringTable(blob, offsets)

    def slice_rows(self, a: int, b: int) -> StringTable:
        lo, hi = int(self.offsets[a]), int(self.offsets[b])
        return StringTable(self.blob[lo:hi], self.offsets[a : b + 1] - lo)

    @staticmethod
    def concat(tables: Sequence[StringTable]) -> StringTable:
        if not tables:
            return StringTable.of(())
        blobs = [np.asarray(t.blob) for t in tables]
        sizes = np.cumsum([0] + [len(b) for b in blobs])
        offsets = [np.asarray(tables[0].offsets[:1])] + [
            np.asarray(t.offsets[1:]) + base for t, base in zip(tables, sizes[:-1], strict=True)
        ]
        return StringTable(np.concatenate(blobs), np.concatenate(offsets).astype(np.int64))


_MAX_RUNS = 4096


def take_rows(
    flat: np.ndarray,
    start: np.ndarray,
    rows: np.ndarray,
    *,
    then: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """For ragged rows ``flat[start[r]:start[r + 1]]``: the items of ``rows`` in order, and their new starts.

    The same as ``flat[ragged_take(start, rows)[0]]``. An update keeps nearly every row in order:
    then the rows form a few runs of consecutive rows, each copied as one slice, without an index
    array as long as ``flat`` (at national scale: hundreds of millions of bytes of record text).
    ``then`` (another ``(flat, start)`` whose ``start`` begins at 0): its rows follow, in the same
    single copy (an update's kept rows and its new ones, without a copy of the kept rows first).
    """
    rows = np.asarray(rows, dtype=np.int64)
    start = np.asarray(start)
    breaks = np.flatnonzero(np.diff(rows) != 1) + 1
    if len(breaks) >= _MAX_RUNS:
        index, new_start = ragged_take(start, rows)
        pieces = [np.asarray(flat)[index]]
    else:
        counts = start[rows + 1] - start[rows]
        new_start = np.zeros(len(rows) + 1, dtype=np.int64)
        new_start[1:] = np.cumsum(counts)
        firsts = np.concatenate([[0], breaks]).astype(np.int64)
        lasts = np.concatenate([breaks, [len(rows)]]).astype(np.int64) - 1
        pieces = [
            flat[int(start[rows[a]]) : int(start[rows[b] + 1])]
            for a, b in zip(firsts, lasts, strict=True)
            if len(rows)
        ]
    if then is not None:
        more_flat, more_start = then
        pieces.append(np.asarray(more_flat))
        new_start = np.concatenate([new_start, np.asarray(more_start[1:], dtype=np.int64) + new_start[-1]])
    taken = np.concatenate(pieces) if pieces else np.asarray(flat)[:0].copy()
    return np.ascontiguousarray(taken), new_start


def ragged_take(start: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For ragged rows ``start[r]:start[r + 1]``: the flat positions of ``rows`` in order, and their new starts."""
    rows = np.asarray(rows, dtype=np.int64)
    begin = np.asarray(start)[rows]
    counts = np.asarray(start)[rows + 1] - begin
    new_start = np.zeros(len(rows) + 1, dtype=np.int64)
    new_start[1:] = np.cumsum(counts)
    index = np.arange(new_start[-1], dtype=np.int64) - np.repeat(new_start[:-1] - begin, counts)
    return index, new_start


# Arrays read from a saved folder, by id: (weak reference to the array, its file). Lets a writer
# recognise an array that is still exactly the content of a file of the previous version.
_LOADED: dict[int, tuple[weakref.ref, Path]] = {}


def _remember(array: np.ndarray, path: Path) -> np.ndarray:
    key = id(array)
    _LOADED[key] = (weakref.ref(array, lambda _, key=key: _LOADED.pop(key, None)), path)
    return array


def _source_file(array: Any) -> Path | None:
    """The file ``array`` was read from unchanged (:meth:`ArrayFolder.array`), else None."""
    entry = _LOADED.get(id(array))
    return entry[1] if entry is not None and entry[0]() is array else None


class ArrayFolder:
    """Named arrays, sparse matrices, string tables and JSON values in one folder.

    Writing records every file it makes (:attr:`written`); reading memory-maps ``.npy`` files
    (``mmap=True``) so nothing large is copied into the process.

    ``reuse`` (a version folder and its manifest's ``files``) lets a writer hard-link an array that
    is, unchanged, an array read from that folder, instead of writing it again; :attr:`reused`
    then holds the file's recorded size and SHA-256, so it is not hashed again either. Files are
    written once and never changed in place, so two versions can share one.
    """

    def __init__(
        self, folder: Path, *, mmap: bool = True, reuse: tuple[Path, dict[str, dict[str, Any]]] | None = None
    ) -> None:
        self.folder = Path(folder)
        self.mmap = mmap
        self.written: list[str] = []
        self.reuse = reuse
        self.reused: dict[str, dict[str, Any]] = {}
        self.linked_from: set[str] = set()  # files of the ``reuse`` folder linked here unchanged

    # ------------------------------------------------------------------ write
    def put_array(self, name: str, array: np.ndarray) -> None:
        target = self.folder / f"{name}.npy"
        if self._link(array, target):
            self.written.append(target.name)
            return
        array = np.asarray(array)
        if array.dtype == object:
            raise TypeError(f"{name}: object arrays cannot be saved without pickle")
        np.save(target, np.ascontiguousarray(array), allow_pickle=False)
        self.written.append(target.name)

    def _link(self, array: Any, target: Path) -> bool:
        """Hard-link ``target`` to the previous version's file that ``array`` was read from, unchanged."""
        source = _source_file(array)
        if source is None or self.reuse is None or source.parent != self.reuse[0]:
            return False
        meta = self.reuse[1].get(source.name)
        if meta is None or not source.is_file() or source.stat().st_size != meta["bytes"]:
            return False
        os.link(source, target)
        self.linked_from.add(source.name)
        self.reused[target.relative_to(self.folder).as_posix()] = {
            "bytes": meta["bytes"],
            "sha256": meta["sha256"],
        }
        return True

    def put_csr(self, name: str, matrix: sp.csr_matrix) -> None:
        if not sp.isspmatrix_csr(matrix):  # (csr_matrix(m) of a CSR m copies its arrays: no link then)
            matrix = sp.csr_matrix(matrix)
        for part in ("data", "indices", "indptr"):
            self.put_array(f"{name}.{part}", getattr(matrix, part))
        self.put_json(f"{name}.shape", list(matrix.shape))

    def put_strings(self, name: str, strings: Sequence[str]) -> None:
        table = strings if isinstance(strings, StringTable) else StringTable.of(strings)
        self.put_array(f"{name}.blob", table.blob)
        self.put_array(f"{name}.offsets", table.offsets)

    def put_json(self, name: str, value: Any) -> None:
        path = self.folder / f"{name}.json"
        path.write_text(json.dumps(value, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        self.written.append(path.name)

    # ------------------------------------------------------------------ read
    def array(self, name: str) -> np.ndarray:
        """The array saved under ``name``; memory-mapped read-only when :attr:`mmap` is set.

        A mapped array is returned as a plain ``ndarray`` view of the ``np.memmap`` (which stays
        its ``base``, keeping the file mapped): same pages, shared between processes, but indexing
        it skips ``memmap.__getitem__``, a Python-level call that cost a query thousands of calls.
        """
        path = self.folder / f"{name}.npy"
        array = np.load(path, mmap_mode="r" if self.mmap else None, allow_pickle=False)
        if isinstance(array, np.memmap):
            return _remember(array.view(np.ndarray), path)
        return array

    def csr(self, name: str) -> sp.csr_matrix:
        shape = tuple(self.json(f"{name}.shape"))
        parts = [self.array(f"{name}.{p}") for p in ("data", "indices", "indptr")]
        matrix = sp.csr_matrix(shape, dtype=parts[0].dtype)
        # Assigned directly: the constructor would copy the memory-mapped arrays into the process.
        matrix.data, matrix.indices, matrix.indptr = parts
        return matrix

    def strings(self, name: str) -> StringTable:
        return StringTable(self.array(f"{name}.blob"), self.array(f"{name}.offsets"))

    def json(self, name: str) -> Any:
        return json.loads((self.folder / f"{name}.json").read_text(encoding="utf-8"))


def _fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_VERSION = re.compile(r"^v(\d{6})$")
CURRENT = "CURRENT"


class Versions:
    """The versions of one saved index: ``ROOT/v000001``, ``ROOT/v000002``, ... and ``ROOT/CURRENT``.

    Parameters
    ----------
    root : path
        The index folder the user names (``--index INDEX``).
    keep : int, default 2
        Complete versions kept: the current one and the one before it, so a reader that opened
        the previous version keeps working while the next one is written.
    """

    def __init__(self, root: Path, *, keep: int = 2) -> None:
        self.root = Path(root)
        self.keep = keep

    def numbers(self) -> list[int]:
        if not self.root.is_dir():
            return []
        return sorted(
            int(m.group(1)) for p in self.root.iterdir() if (m := _VERSION.match(p.name)) and p.is_dir()
        )

    def current(self) -> Path:
        """The folder of the version in use; raises :class:`ArtefactMismatchError` when there is none."""
        pointer = self.root / CURRENT
        if not pointer.is_file():
            raise ArtefactMismatchError(
                f"{self.root}: no saved index here (no {CURRENT} file). "
                "Fix: build one with 'banenmatch build --candidates C --vacancies V --out INDEX'."
            )
        name = pointer.read_text(encoding="utf-8").strip()
        if not _VERSION.match(name) or not (self.root / name).is_dir():
            raise ArtefactMismatchError(
                f"{pointer}: names version {name[:20]!r}, which is not a complete version folder. "
                "Fix: rebuild with 'banenmatch build ... --out INDEX'."
            )
        return self.root / name

    def write(self, fill) -> Path:
        """Write the next version: ``fill(folder)`` writes its files; returns the new version's folder.

        The folder is complete and flushed before ``CURRENT`` names it; leftovers of an earlier
        interrupted write are removed first, and versions beyond :attr:`keep` afterwards.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        for leftover in self.root.glob(".tmp-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        number = (self.numbers() or [0])[-1] + 1
        name = f"v{number:06d}"
        tmp = self.root / f".tmp-{name}-{os.getpid()}"
        tmp.mkdir()
        fill(tmp)
        _fsync_tree(tmp)
        final = self.root / name
        os.rename(tmp, final)
        _fsync_dir(self.root)
        pointer = self.root / f".tmp-{CURRENT}-{os.getpid()}"
        pointer.write_text(name + "\n", encoding="utf-8")
        with open(pointer, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(pointer, self.root / CURRENT)
        _fsync_dir(self.root)
        for old in self.numbers()[: -self.keep]:
            shutil.rmtree(self.root / f"v{old:06d}", ignore_errors=True)
        return final


def hash_files(folder: Path, names: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Size and SHA-256 of each named file of ``folder``, two files at a time (hashlib frees the GIL)."""
    names = sorted(names)
    with ThreadPoolExecutor(max_workers=2) as pool:
        digests = list(pool.map(lambda n: file_sha256(folder / n), names))
    return {
        name: {"bytes": (folder / name).stat().st_size, "sha256": digest}
        for name, digest in zip(names, digests, strict=True)
    }


def verify_files(folder: Path, expected: dict[str, dict[str, Any]], *, what: str, fix: str) -> None:
    """Check that every file of ``expected`` (name -> ``{"bytes", "sha256"}``) is in ``folder`` unchanged.

    Sizes are compared first (a truncated file is named without reading it), then the SHA-256 of
    every file, two files at a time (hashlib releases the GIL while hashing).
    """
    check_sizes(folder, expected, what=what, fix=fix)
    for name, found in hash_files(folder, list(expected)).items():
        if found["sha256"] != expected[name]["sha256"]:
            raise ArtefactMismatchError(
                f"{what}: file {name} was altered (its SHA-256 differs from the manifest's). {fix}"
            )


def check_sizes(folder: Path, expected: dict[str, dict[str, Any]], *, what: str, fix: str) -> None:
    """The first half of :func:`verify_files`: every file is there with its recorded size (nothing is read)."""
    for name, meta in sorted(expected.items()):
        path = folder / name
        if not path.is_file():
            raise ArtefactMismatchError(f"{what}: file {name} is missing from {folder}. {fix}")
        size = path.stat().st_size
        if size != meta["bytes"]:
            raise ArtefactMismatchError(
                f"{what}: file {name} has {size} bytes, the manifest says {meta['bytes']} "
                f"(truncated or replaced). {fix}"
            )
