"""A full disk (ENOSPC, simulated by a write or fsync that fails; SQLITE_FULL by a page limit) is one clear
message – never a traceback – and leaves nothing half written: no temporary or partial file, the
database as it was."""

from __future__ import annotations

import errno
import io
import os
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import keyring
import pytest
from PIL import Image
from sqlalchemy import event

from inspector_app.bundle.crypto import x25519_public
from inspector_app.bundle.profile import Direction
from inspector_app.bundle.signing import Signer
from inspector_app.cli import main
from inspector_app.domain import uscc
from inspector_app.secrets import InMemoryKeyring
from inspector_app.services import inspections
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.ops.evidence import add_photos
from inspector_app.services.ops.workspace import set_setting
from inspector_app.services.sync.export import export_bundle
from inspector_app.services.sync.identity import Identity, device_id
from inspector_app.services.templates import latest_templates, sync_shipped_templates
from inspector_app.storage.engine import DB_NAME, Workspace, open_workspace
from inspector_app.storage.files import DiskFullError, atomic_write_bytes, disk_full_as_error

FULL = "磁盘空间不足"


def _enospc(*_args: Any, **_kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def full_fsync(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call to make every later fsync of a file fail as on a full disk (SQLite's own writes are not
    affected: they do not go through Python)."""
    return lambda: monkeypatch.setattr(os, "fsync", _enospc)


@pytest.fixture
def memory_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(InMemoryKeyring())
    yield
    keyring.set_keyring(previous)


def _dump(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()
                  and not p.name.startswith(DB_NAME))


def _assign(root: Path) -> int:
    ws = open_workspace(root)
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        template = latest_templates(s)[0]
        enterprise, _ = upsert(s, EnterpriseData(name="常州恒达机械制造有限公司",
                                                 uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y4")))
        inspection_id = inspections.assign(s, enterprise, template, [("陈示范", "苏应急执法32040001"), ("吴敏", "苏应急执法32040002")], "科长",
                                           due_date=date(2026, 12, 31)).id
    ws.close()
    return inspection_id


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))  # an exception escaping here is the traceback the user would see
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- files ------------------------------------------------------------------------------------------

def test_an_atomic_write_on_a_full_disk_leaves_nothing(tmp_path: Path, full_fsync: Callable[[], None]) -> None:
    full_fsync()
    target = tmp_path / "out" / "file.bin"
    with pytest.raises(DiskFullError) as caught, disk_full_as_error(target):
        atomic_write_bytes(target, b"x" * 1000)
    assert FULL in str(caught.value) and str(target) in str(caught.value) and caught.value.path == target
    assert list(target.parent.iterdir()) == []


def test_other_errors_pass_unchanged(tmp_path: Path) -> None:
    with pytest.raises(PermissionError), disk_full_as_error(tmp_path):
        raise PermissionError(errno.EACCES, "denied")


# -- bundle export ----------------------------------------------------------------------------------

@pytest.fixture
def office(tmp_path: Path, capsys: pytest.CaptureFixture[str], memory_keyring: None) -> Path:
    root = tmp_path / "office"
    _assign(root)
    assert _run(capsys, "--data-dir", str(root), "keys", "role", "office")[0] == 0
    assert _run(capsys, "--data-dir", str(root), "keys", "show")[0] == 0  # this installation's key, once
    return root


def _fail_zip_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills while the bundle is being written: the second member cannot be written."""
    real = zipfile.ZipFile.writestr
    calls = []

    def writestr(self: zipfile.ZipFile, *args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) > 1:
            _enospc()
        real(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", writestr)


@pytest.mark.parametrize("where", ["fsync", "write"])
def test_bundle_export_to_a_full_disk(office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    before = _dump(office / DB_NAME), _files(office)
    if where == "fsync":
        monkeypatch.setattr(os, "fsync", _enospc)
    else:
        _fail_zip_writes(monkeypatch)
    code, stdout, err = _run(capsys, "--data-dir", str(office), "bundle", "export", "-o", str(out / "a.inspbundle"))
    assert code == 1 and stdout == ""
    assert err.count("\n") == 1 and FULL in err and str(out / "a.inspbundle") in err, err
    assert list(out.iterdir()) == []  # no bundle, no .partial
    assert (_dump(office / DB_NAME), _files(office)) == before  # statuses and the sequence number as they were
    monkeypatch.undo()
    code, _stdout, err = _run(capsys, "--data-dir", str(office), "bundle", "export", "-o", str(out / "a.inspbundle"))
    assert code == 0, err  # space again: the export goes through, with the number given back
    assert [p.name for p in out.iterdir()] == ["a.inspbundle"]


def test_encrypted_export_to_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "office"
    _assign(root)
    ws = open_workspace(root)
    with ws.sessions.begin() as s:
        identity = Identity(device_id(s), "市局", Signer.generate(), os.urandom(32))
    before = _dump(ws.db_path), _files(root)
    calls = []
    real_fsync = os.fsync

    def second_fsync_fails(fd: int) -> None:  # the plain bundle in the workspace is written; the target not
        calls.append(fd)
        if len(calls) > 1:
            _enospc()
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", second_fsync_fails)
    target = tmp_path / "usb" / "a.inspbundle"
    with pytest.raises(DiskFullError, match=FULL):
        export_bundle(ws, identity, target, direction=Direction.OFFICE_TO_INSPECTOR,
                      encrypt_to=x25519_public(os.urandom(32)))
    assert len(calls) >= 2
    assert list(target.parent.iterdir()) == []
    assert (_dump(ws.db_path), _files(root)) == before  # no plaintext left in the workspace either
    ws.close()


# -- photos -----------------------------------------------------------------------------------------

def _photos(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        buffer = io.BytesIO()
        Image.new("RGB", (64 + n, 48), (10 * n % 255, 90, 200)).save(buffer, "JPEG")
        path = folder / f"IMG_{n:04d}.jpg"
        path.write_bytes(buffer.getvalue())
        paths.append(path)
    return paths


def test_photo_add_to_a_full_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  full_fsync: Callable[[], None]) -> None:
    root = tmp_path / "ws"
    inspection_id = _assign(root)
    open_workspace(root).close()
    before = _dump(root / DB_NAME), _files(root)
    files = _photos(tmp_path / "card", 3)
    full_fsync()
    code, stdout, err = _run(capsys, "--data-dir", str(root), "photos", "add", str(inspection_id),
                             *map(str, files), "--workers", "1")
    assert code == 1 and stdout == ""
    assert err.count("\n") == 1 and FULL in err and str(root / "photos") in err, err
    assert (_dump(root / DB_NAME), _files(root)) == before  # no photo row, no file (no .tmp) in the store


def _database_full(ws: Workspace) -> None:
    """SQLite finds the disk full: no connection may grow the database beyond its present pages."""
    con = sqlite3.connect(ws.db_path)
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()

    def limit(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(ws.engine, "connect", limit)
    ws.engine.dispose()


def test_a_full_database_disk_stops_a_photo_add_cleanly(tmp_path: Path) -> None:
    """The database fills while photos are attached one by one: those attached before stay (each was its
    own transaction, and the message says how many), the one being attached leaves no row, the rest are
    not tried."""
    root = tmp_path / "ws"
    inspection_id = _assign(root)
    ws = open_workspace(root)
    _database_full(ws)
    with pytest.raises(DiskFullError) as caught:
        add_photos(ws, inspection_id, _photos(tmp_path / "card", 60), "陈示范", workers=1)
    message = str(caught.value)
    assert FULL in message and str(ws.db_path) in message and caught.value.path == ws.db_path
    con = sqlite3.connect(ws.db_path)
    kept = con.execute("SELECT count(*) FROM photos").fetchone()[0]
    audited = con.execute("SELECT count(*) FROM audit_events WHERE entity = 'photo'").fetchone()[0]
    con.close()
    assert kept < 60 and audited == kept
    assert not kept or f"已添加的 {kept} 张照片保留" in message
    assert f"其余 {60 - kept} 个文件未添加" in message
    with pytest.raises(DiskFullError, match=FULL):  # any operation: the typed error, not SQLAlchemy's
        set_setting(ws, "authority_name", "某" * 20000, "t")
    ws.close()


def test_a_full_disk_before_a_migration_leaves_no_half_backup(tmp_path: Path,
                                                              full_fsync: Callable[[], None]) -> None:
    from alembic import command

    from inspector_app.storage.engine import _alembic_config, make_engine

    root = tmp_path / "ws"
    root.mkdir()
    engine = make_engine(root / DB_NAME)
    command.upgrade(_alembic_config(engine), "0001")
    engine.dispose()
    data = (root / DB_NAME).read_bytes()
    full_fsync()
    with pytest.raises(DiskFullError, match=f"{FULL}.*backups"):
        open_workspace(root)
    assert (root / DB_NAME).read_bytes() == data
    assert list((root / "backups").iterdir()) == []
