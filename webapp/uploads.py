"""Uploaded data sets, kept in the store for the adviser's WSP until someone removes them.

An upload is stored as the raw bytes of its files (validated again, exactly as ``banenmatch validate``
does, each time it is loaded), with its name, who uploaded it and when. A session works on the upload it
chose, by id: other advisers' uploads never push it out, and when a colleague removes it the page says
so instead of quietly going back to other data.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from webapp.database import Store, dataset_upload, open_store
from webapp.dataset import Dataset, load_sources

__all__ = ["NAME_MAX", "UploadInfo", "UploadStore"]

NAME_MAX = 120


@dataclass(frozen=True)
class UploadInfo:
    id: int
    wsp: str
    name: str
    uploaded_by: str
    uploaded_at: str
    fingerprint: str


def _fingerprint(parts: list[bytes]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


_INFO = (
    dataset_upload.c.id,
    dataset_upload.c.wsp,
    dataset_upload.c.name,
    dataset_upload.c.uploaded_by,
    dataset_upload.c.uploaded_at,
    dataset_upload.c.fingerprint,
)


class UploadStore:
    """A WSP's uploaded data sets."""

    def __init__(self, target: Store | Path | str) -> None:
        self.store = open_store(target)

    def save(
        self,
        wsp: str,
        name: str,
        uploaded_by: str,
        candidates: bytes,
        vacancies: bytes,
        placements: bytes | None = None,
        *,
        file_names: tuple[str | None, str | None, str | None] = (None, None, None),
    ) -> UploadInfo:
        """Keep the files of one upload; returns what identifies it."""
        at = datetime.now(UTC).isoformat(timespec="seconds")
        fingerprint = _fingerprint([candidates, vacancies, placements or b""])
        values = {
            "wsp": wsp,
            "name": " ".join(name.split())[:NAME_MAX] or fingerprint[:8],
            "uploaded_by": uploaded_by,
            "uploaded_at": at,
            "fingerprint": fingerprint,
            "candidates": candidates,
            "vacancies": vacancies,
            "placements": placements,
            "candidates_name": file_names[0],
            "vacancies_name": file_names[1],
            "placements_name": file_names[2],
        }
        with self.store.begin() as conn:
            new_id = conn.execute(
                sa.insert(dataset_upload).values(**values).returning(dataset_upload.c.id)
            ).scalar_one()
        return UploadInfo(new_id, wsp, values["name"], uploaded_by, at, fingerprint)

    def list(self, wsp: str) -> list[UploadInfo]:
        """The WSP's uploads, newest first."""
        query = sa.select(*_INFO).where(dataset_upload.c.wsp == wsp).order_by(dataset_upload.c.id.desc())
        with self.store.engine.connect() as conn:
            return [UploadInfo(*row) for row in conn.execute(query)]

    def info(self, wsp: str, upload_id: int) -> UploadInfo | None:
        """One upload of the WSP (None: removed, or not the WSP's)."""
        query = sa.select(*_INFO).where(dataset_upload.c.wsp == wsp, dataset_upload.c.id == upload_id)
        with self.store.engine.connect() as conn:
            row = conn.execute(query).first()
        return UploadInfo(*row) if row is not None else None

    def load(self, wsp: str, upload_id: int) -> Dataset | None:
        """The upload's records, validated as ``banenmatch validate`` does (None: removed, or not the WSP's)."""
        query = sa.select(dataset_upload).where(dataset_upload.c.wsp == wsp, dataset_upload.c.id == upload_id)
        with self.store.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        data = load_sources(
            row.candidates,
            row.vacancies,
            row.placements,
            names=(row.candidates_name, row.vacancies_name, row.placements_name),
            label="",
        )
        return data

    def remove(self, wsp: str, upload_id: int) -> bool:
        """Delete an upload of the WSP; False when it was already gone."""
        with self.store.begin() as conn:
            statement = sa.delete(dataset_upload).where(
                dataset_upload.c.wsp == wsp, dataset_upload.c.id == upload_id
            )
            return conn.execute(statement).rowcount == 1
