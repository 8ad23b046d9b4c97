"""Photos and sheets for a shared office: a folder every supervisor's machine reaches (a file server's
share), holding the content-addressed photo store (``photos/``) and the printed sheets (``sheets/``)
that the workspace folder holds otherwise. The database, shared on PostgreSQL, names it for the whole
office (the setting ``shared_store``); a machine that mounts the share under another path names its own
path in the text file ``shared_store`` of its workspace folder. Backups and logs stay in the workspace
folder. The photo store writes each file under a temporary name and renames it (``storage.files``), so
two machines adding the same photo at once leave one whole file.

A configured folder that cannot be reached refuses the workspace: photos written to a local folder
instead would be missing on every other machine.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from inspector_app.domain.errors import WorkspaceError
from inspector_app.translation import _

SETTING = "shared_store"
LOCAL_FILE = "shared_store"


def _configured(root: Path, engine: Engine) -> tuple[str, str]:
    """The shared folder's path and where it was named ("" when none is)."""
    try:
        lines = (root / LOCAL_FILE).read_text("utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    except (OSError, UnicodeDecodeError) as exc:
        raise WorkspaceError(_("无法读取共享文件夹设置 {value}：{exc}").format(value=root / LOCAL_FILE, exc=exc)) from exc
    local = next((line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")), "")
    if local:
        return local, str(root / LOCAL_FILE)
    with engine.connect() as con:
        if not inspect(con).has_table("workspace_meta"):  # opened without migrating (a new database)
            return "", ""
        value = con.execute(text("SELECT value FROM workspace_meta WHERE key = :key"), {"key": SETTING}).scalar()
    return (str(value).strip(), f"工作区设置 {SETTING}") if value and str(value).strip() else ("", "")


def store_root(root: Path, engine: Engine) -> Path | None:
    """The shared folder for photos and sheets, or None (the workspace folder holds them)."""
    path, named_in = _configured(root, engine)
    if not path:
        return None
    folder = Path(path).expanduser()
    check_folder(folder, named_in)
    return folder


def check_folder(folder: Path, named_in: str) -> None:
    """Refuse a shared folder that is not an absolute path to a folder this machine can write to."""
    if not folder.is_absolute():
        raise WorkspaceError(_("共享文件夹须写完整路径（{named_in}）：{folder}").format(named_in=named_in, folder=folder))
    if not folder.is_dir():
        raise WorkspaceError(_("共享文件夹 {folder} 无法访问（{named_in}）：请确认文件服务器已连接、该文件夹已挂载；本机照片与检查记录须存放在各监管人员都能访问的同一文件夹").format(
            folder=folder, named_in=named_in))
    try:
        probe = folder / f".inspector-write-check-{id(folder)}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise WorkspaceError(_("共享文件夹 {folder} 不能写入（{named_in}）：{value}").format(
            folder=folder, named_in=named_in, value=exc.strerror or exc)) from exc
