"""Two processes importing different bundles into one office at the same moment both succeed (issue 10,
item 4): each import has its own locked staging folder, and the unit of work takes SQLite's write lock
at BEGIN, so the second waits for the first instead of failing or deleting its folder."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from sync_helpers import Side, assign_one, enrol, fill_and_complete, id_of, make_side

from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.services import inspections
from inspector_app.services.ops.sync import export_bundle, import_bundle

pytestmark = pytest.mark.both_engines

CHILD = """
import sys, time
from pathlib import Path
from inspector_app.services.ops.sync import import_bundle
from inspector_app.storage.engine import open_workspace
ws = open_workspace(Path(sys.argv[1]))
while time.time() < float(sys.argv[3]):  # both children start importing at the same moment
    time.sleep(0.001)
print(import_bundle(ws, Path(sys.argv[2])).status, flush=True)
"""
PEOPLE = {"陈示范": [("陈示范", "苏应急执法32040001"), ("吴敏", "苏应急执法32040002")],
          "周示范": [("周示范", "苏应急执法32040003"), ("吴敏", "苏应急执法32040002")]}


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Side]:
    side = make_side(tmp_path / "office", "office", "常州市应急管理局")
    yield side
    side.ws.close()


def _photos(folder: Path, count: int = 4) -> list[Path]:
    """Large noisy JPEGs: verifying and decoding them keeps an import busy for a while."""
    folder.mkdir()
    paths = []
    for n in range(count):
        path = folder / f"site-{n}.jpg"
        Image.frombytes("RGB", (1600, 1200), os.urandom(1600 * 1200 * 3)).save(path, quality=90)
        paths.append(path)
    return paths


def _field_bundle(office: Side, tmp_path: Path, name: str, serial: str) -> Path:
    """An inspector's completed inspection, as the bundle the office will import."""
    field = make_side(tmp_path / name, "inspector", name)
    enrol(office, field)
    enrol(field, office)
    oid = assign_one(office, name=f"常州{name}机械有限公司", serial=serial, people=PEOPLE[name])
    with office.ws.sessions() as s:
        uid = inspections.get(s, oid).uid
    import_bundle(field.ws, export_bundle(office.ws, office.identity, tmp_path / f"to-{name}.inspbundle",
                                          inspection_ids=[oid]).path)
    fill_and_complete(field, id_of(field, uid), _photos(tmp_path / f"photos-{name}"), actor=name)
    out = export_bundle(field.ws, field.identity, tmp_path / f"from-{name}.inspbundle").path
    field.ws.close()
    return out


def test_two_processes_import_different_bundles_at_once(office: Side, tmp_path: Path) -> None:
    bundles = [_field_bundle(office, tmp_path, "陈示范", "MA1W2X3Y4"),
               _field_bundle(office, tmp_path, "周示范", "MA1W2X3Y6")]
    start = time.time() + 1.5  # the second starts while the first is verifying (its folder in use)
    children = [subprocess.Popen([sys.executable, "-c", CHILD, str(office.ws.root), str(b), f"{start + lag:.3f}"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for b, lag in zip(bundles, (0.0, 0.15), strict=True)]
    results = [child.communicate(timeout=120) for child in children]
    assert [out.strip() for out, _err in results] == ["imported", "imported"], [err for _out, err in results]
    with office.ws.engine.connect() as con:
        statuses = dict(con.exec_driver_sql(
            "SELECT e.name, i.status FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id").all())
    assert statuses == {"常州陈示范机械有限公司": InspectionStatus.RECEIVED.value,
                        "常州周示范机械有限公司": InspectionStatus.RECEIVED.value}
    assert not list(office.ws.root.glob(".import-*")) and not list(office.ws.root.glob(".making-*"))


def test_two_processes_import_the_same_bundle_at_once_it_is_applied_once(office: Side, tmp_path: Path) -> None:
    """The bundle's row in sync_imported_bundles (its primary key) lets one import through: the other
    waits for it and reports the bundle as already imported; nothing is applied twice."""
    bundle = _field_bundle(office, tmp_path, "陈示范", "MA1W2X3Y4")
    start = time.time() + 1.5
    children = [subprocess.Popen([sys.executable, "-c", CHILD, str(office.ws.root), str(bundle), f"{start + lag:.3f}"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for lag in (0.0, 0.05)]
    results = [child.communicate(timeout=120) for child in children]
    assert sorted(out.strip() for out, _err in results) == ["already imported", "imported"], \
        [err for _out, err in results]
    with office.ws.engine.connect() as con:
        imported = con.exec_driver_sql("SELECT count(*) FROM sync_imported_bundles").scalar()
        statuses = con.exec_driver_sql("SELECT count(*) FROM audit_events WHERE entity = 'inspection' "
                                       "AND field = 'status' AND new_value = 'received'").scalar()
    assert (imported, statuses) == (1, 1)
