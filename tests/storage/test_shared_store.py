"""Photos and sheets of a shared office (storage.shared_store): the setting shared_store, a machine's own
path in the workspace folder's file, and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector_app.domain.errors import ValidationError, WorkspaceError
from inspector_app.services.ops.workspace import set_setting
from inspector_app.storage.engine import Workspace, open_workspace

pytestmark = pytest.mark.both_engines


def test_the_office_setting_moves_photos_and_sheets(workspace: Workspace, tmp_path: Path) -> None:
    assert workspace.photo_dir == workspace.root / "photos" and workspace.shared is None
    share = tmp_path / "share"
    share.mkdir()
    set_setting(workspace, "shared_store", str(share), "科长")
    second = open_workspace(workspace.root)  # another supervisor's machine, the next time it opens
    try:
        assert (second.photo_dir, second.sheet_dir, second.backup_dir) == (
            share / "photos", share / "sheets", workspace.root / "backups")
    finally:
        second.close()


def test_a_machine_names_its_own_mount(workspace: Workspace, tmp_path: Path) -> None:
    share, mount = tmp_path / "share", tmp_path / "mnt"
    share.mkdir()
    mount.mkdir()
    set_setting(workspace, "shared_store", str(share), "科长")
    (workspace.root / "shared_store").write_text(f"# this machine mounts the share here\n{mount}\n")
    second = open_workspace(workspace.root)
    try:
        assert second.photo_dir == mount / "photos"
    finally:
        second.close()


def test_an_unreachable_share_refuses(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="无法访问"):
        set_setting(workspace, "shared_store", str(tmp_path / "missing"), "科长")
    with pytest.raises(ValidationError, match="完整路径"):
        set_setting(workspace, "shared_store", "relative/share", "科长")
    share = tmp_path / "share"
    share.mkdir()
    set_setting(workspace, "shared_store", str(share), "科长")
    share.rmdir()  # the file server is gone
    with pytest.raises(WorkspaceError, match="无法访问"):
        open_workspace(workspace.root)
