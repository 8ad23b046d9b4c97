"""Fixtures for the photo tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector_app.photos.store import PhotoStore


@pytest.fixture
def store(tmp_path: Path) -> PhotoStore:
    """A fresh, empty content-addressed store."""
    return PhotoStore(tmp_path / "store")
