"""Shared test set-up: Qt offscreen, a fresh workspace per test, the shared fixtures folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_root() -> Path:
    return Path(os.environ.get("INSPECTOR_SHARED", REPO_ROOT.parent / "shared"))


@pytest.fixture
def photo_fixtures() -> Path:
    """The real camera photos in ../shared/fixtures/photos; the test is skipped where they are absent."""
    folder = shared_root() / "fixtures" / "photos"
    if not folder.is_dir():
        pytest.skip("../shared/fixtures/photos is not present")
    return folder


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[object]:
    """A fresh, migrated, empty workspace in a temporary folder."""
    from inspector_app.storage.engine import open_workspace

    ws = open_workspace(tmp_path / "workspace")
    yield ws
    ws.close()


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real user data folder."""
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "default-data-dir"))
