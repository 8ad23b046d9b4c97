"""Where the evidence views find the derived images (thumbnails, display copies, markup, signature PNGs)
in the workspace's photo store. The rows they show are read models: ``services.queries.evidence``."""

from __future__ import annotations

from pathlib import Path

from inspector_app.photos.store import PhotoStore


def derived_path(store: PhotoStore, sha256: str) -> Path | None:
    """Where a derived image (thumbnail, display copy, markup) lives, or None when it is missing."""
    if not sha256:
        return None
    return store.find(sha256, "derived")
