"""Read models of an inspection's photo files for the command line: the photos as JSON-ready documents
(the stable shape of ``photos list --format json`` and of "photos" in ``inspections show``) and the
chain-of-custody check of their originals (each file re-hashed against its name)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspector_app.photos.store import PhotoStore, StoredFileMissing
from inspector_app.services import inspections, photos
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace


@dataclass(frozen=True)
class OriginalCheck:
    photo_id: int
    file_name: str
    sha256: str
    intact: bool  # False: the original is missing or its content no longer matches its hash


def photo_documents(ws: Workspace, inspection_id: int) -> list[dict[str, Any]]:
    """Every photo of the inspection in display order (``services.photos.photo_document``). Raises
    ``NotFoundError`` for an unknown inspection."""
    with reading(ws) as session:
        inspections.get(session, inspection_id)
        return [photos.photo_document(p) for p in photos.list_photos(session, inspection_id)]


def check_originals(ws: Workspace, inspection_id: int) -> list[OriginalCheck]:
    """Re-hash every original of the inspection's photos (outside the read session: hashing a few
    hundred photos takes a while). Raises ``NotFoundError`` for an unknown inspection."""
    with reading(ws) as session:
        inspections.get(session, inspection_id)
        listed = [(p.id, p.original_name, p.sha256) for p in photos.list_photos(session, inspection_id)]
    store = photos.photo_store(ws.photo_dir)
    return [OriginalCheck(photo_id, name, sha256, _intact(store, sha256)) for photo_id, name, sha256 in listed]


def _intact(store: PhotoStore, sha256: str) -> bool:
    try:
        return store.verify(sha256)
    except StoredFileMissing:
        return False
