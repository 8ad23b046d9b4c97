"""SIGKILL at points through export and import: old or new state, never a mix; a retry succeeds."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from sync_helpers import Side, assign_one, enrol, fill_and_complete, id_of, make_side, snapshot

from inspector_app.bundle.bag_verify import verify_bundle
from inspector_app.bundle.signing import Signer
from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.services import inspections, photos
from inspector_app.services.sync.export import export_bundle
from inspector_app.services.sync.identity import Identity, device_id
from inspector_app.services.sync.importing import import_bundle
from inspector_app.storage.engine import open_workspace
from inspector_app.storage.models_sync import ImportedBundle, OutgoingBundle

pytestmark = pytest.mark.both_engines

CHILD = Path(__file__).with_name("crash_child.py")
REPO = Path(__file__).resolve().parents[2]


def _child(*args: str) -> int:
    run = subprocess.run([sys.executable, str(CHILD), *args], cwd=REPO, capture_output=True, text=True, timeout=120)
    return run.returncode


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, Path, str]:
    """An inspector workspace with a completed inspection, and an office that trusts it (templates)."""
    tmp = tmp_path_factory.mktemp("crash")
    office = make_side(tmp / "office", "office", "常州市应急管理局")
    field = make_side(tmp / "field", "inspector", "陈示范")
    enrol(office, field)
    enrol(field, office)
    oid = assign_one(office)
    with office.ws.sessions() as s:
        uid = inspections.get(s, oid).uid
    import_bundle(field.ws, export_bundle(office.ws, office.identity, tmp / "assign.inspbundle").path)
    photo_dir = REPO.parent / "shared" / "fixtures" / "photos"
    photo_files = [photo_dir / n for n in ("gps-htc.jpg", "orient-1.jpg")] if photo_dir.is_dir() else []
    fill_and_complete(field, id_of(field, uid), photo_files)
    key = tmp / "field.key"
    key.write_bytes(field.identity.signer.private_raw())
    office.ws.close()
    field.ws.close()
    return tmp / "office", tmp / "field", key, tmp, uid


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def _side(root: Path, key: Path) -> Side:
    ws = open_workspace(root)
    with ws.sessions.begin() as s:
        dev = device_id(s)
    return Side(ws, Identity(dev, "陈示范", Signer.from_raw(key.read_bytes())), "inspector")  # the enrolled name


EXPORT_POINTS = ["export-select", "export-writing", "export-verify", "export-before-rename", "export-after-rename"]


@pytest.mark.parametrize("point", EXPORT_POINTS)
def test_export_killed(prepared: tuple[Path, Path, Path, Path, str], tmp_path: Path, point: str) -> None:
    office_src, field_src, key, _tmp, uid = prepared
    field_root = _copy(field_src, tmp_path / "field")
    target = tmp_path / "out" / "result.inspbundle"
    target.parent.mkdir()
    assert _child("export", str(field_root), str(key), str(target), point) == -signal.SIGKILL

    side = _side(field_root, key)
    with side.ws.sessions() as s:
        status = inspections.get(s, id_of(side, uid)).status
        written = s.scalars(select(OutgoingBundle).where(OutgoingBundle.state == "written")).all()
    # old state: still completed, nothing recorded as written; a complete file may exist only after the rename
    assert status == InspectionStatus.COMPLETED and written == []
    if target.exists():
        assert point == "export-after-rename"
        verify_bundle(target, None).close()  # an orphan, but whole and valid
    leftovers = [p.name for p in target.parent.iterdir() if p.name != target.name]
    assert all(name.endswith(".partial") for name in leftovers)

    retry = export_bundle(side.ws, side.identity, target)  # the retry succeeds and takes a new sequence
    with side.ws.sessions() as s:
        assert inspections.get(s, id_of(side, uid)).status == InspectionStatus.EXPORTED
    side.ws.close()
    office = _side(_copy(office_src, tmp_path / "office"), key)
    assert import_bundle(office.ws, retry.path).status == "imported"
    office.ws.close()


IMPORT_POINTS = ["import-verify", "import-apply", "import-before-commit", "import-after-files"]


@pytest.mark.parametrize("point", IMPORT_POINTS)
def test_import_killed(prepared: tuple[Path, Path, Path, Path, str], tmp_path: Path, point: str) -> None:
    office_src, field_src, key, _tmp, uid = prepared
    side = _side(_copy(field_src, tmp_path / "field"), key)
    bundle = export_bundle(side.ws, side.identity, tmp_path / "result.inspbundle").path
    side.ws.close()
    office_root = _copy(office_src, tmp_path / "office")
    office = _side(office_root, key)
    before = snapshot(office.ws)
    office.ws.close()

    assert _child("import", str(office_root), str(key), str(bundle), point) == -signal.SIGKILL

    office = _side(office_root, key)
    dump, files = snapshot(office.ws)
    assert dump == before[0]  # the database: the old state exactly
    # a killed import leaves its staging folder (.import-*); the next import removes it (checked below)
    extra = {name for name in set(files) - set(before[1]) if not name.startswith(".import-")}
    assert set(before[1]) <= set(files)
    # killed after the verified files were moved into the content-addressed store but before the
    # commit: they are there, unreferenced, and the retry reuses them; in every other case: nothing
    assert all(name.startswith("photos/") for name in extra)
    assert not extra or point == "import-after-files"
    report = import_bundle(office.ws, bundle)  # the retry succeeds
    assert report.status == "imported"
    with office.ws.sessions() as s:
        assert s.scalars(select(ImportedBundle)).one().bundle_id == report.bundle_id
        assert inspections.get(s, id_of(office, uid)).status == InspectionStatus.RECEIVED
        store = photos.photo_store(office.ws.photo_dir)
        assert all(store.verify(p.sha256) for p in photos.list_photos(s, id_of(office, uid)))
    assert not list(office_root.glob(".import-*"))
    office.ws.close()


def test_import_child_without_kill_completes(prepared: tuple[Path, Path, Path, Path, str], tmp_path: Path) -> None:
    """The child itself works when not killed (so the kills above are what made the difference)."""
    office_src, field_src, key, _tmp, _uid = prepared
    side = _side(_copy(field_src, tmp_path / "field"), key)
    bundle = export_bundle(side.ws, side.identity, tmp_path / "result.inspbundle").path
    side.ws.close()
    office_root = _copy(office_src, tmp_path / "office")
    assert _child("import", str(office_root), str(key), str(bundle), "none") == 0
    office = _side(office_root, key)
    assert import_bundle(office.ws, bundle).status == "already imported"
    office.ws.close()
