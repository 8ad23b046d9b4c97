"""Office → inspector → office → inspector, with replay, idempotency, conflicts and encryption – through
the operations (``services.ops.sync``) and read models (``services.queries.sync``) the GUI and CLI use."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import Side, assign_one, enrol, fill_and_complete, id_of, make_side, snapshot

from inspector_app.bundle.crypto import x25519_public
from inspector_app.domain.errors import ValidationError
from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.services import audit, inspections
from inspector_app.services.changes import ChangeKind
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.ops import review as review_ops
from inspector_app.services.ops.sync import export_bundle, import_bundle, import_paths, resolve_conflict
from inspector_app.services.queries.sync import open_conflicts, pending_export

pytestmark = pytest.mark.both_engines


@pytest.fixture
def sides(tmp_path: Path) -> tuple[Side, Side]:
    office = make_side(tmp_path / "office", "office", "常州市应急管理局")
    field = make_side(tmp_path / "field", "inspector", "陈示范")
    enrol(office, field)
    enrol(field, office)
    yield office, field
    office.ws.close()
    field.ws.close()


def _uid(side: Side, iid: int) -> str:
    with side.ws.sessions() as s:
        return inspections.get(s, iid).uid


def test_full_round_trip(sides: tuple[Side, Side], tmp_path: Path) -> None:
    office, field = sides
    oid = assign_one(office)
    uid = _uid(office, oid)

    out = export_bundle(office.ws, office.identity, tmp_path / "assign.inspbundle")
    assert [u for _, u, _ in out.inspections] == [uid]
    report = import_bundle(field.ws, out.path)
    assert report.status == "imported"
    assert {(line.kind, line.action) for line in report.lines} == {  # the campaign the assignment belongs to
        ("template", "added"), ("campaign", "added"), ("enterprise", "added"), ("inspection", "added")}

    fid = id_of(field, uid)
    fill_and_complete(field, fid)
    back = export_bundle(field.ws, field.identity, tmp_path / "result.inspbundle")
    with field.ws.sessions() as s:
        assert inspections.get(s, fid).status == InspectionStatus.EXPORTED
    assert back.changes.touches_inspection(fid) and back.changes.has(ChangeKind.STATUS)
    assert back.fingerprint == field.identity.signer.fingerprint
    report = import_bundle(office.ws, back.path)
    assert report.status == "imported", report.reason
    assert report.changes.inspections == {oid} and report.changes.has(ChangeKind.ANSWERS, ChangeKind.STATUS)
    assert not report.changes.everything
    assert [(line.kind, line.action) for line in report.lines if line.kind == "inspection"] == [
        ("inspection", "updated")]
    with office.ws.sessions() as s, field.ws.sessions() as f:
        got, sent = inspections.get(s, oid), inspections.get(f, fid)
        assert got.status == InspectionStatus.RECEIVED
        assert got.revision == sent.revision and got.score == sent.score and got.grade == sent.grade
        assert {a.item_code: a.result for a in got.answers} == {a.item_code: a.result for a in sent.answers}
        assert [f.description for f in got.findings] == ["消防通道堆放杂物"]
        trail = {(e.actor, e.field, e.new_value) for e in audit.trail(s, oid)}
        # the union of both trails, but for the inspector's record of importing the office's bundle (a
        # mirror of the office's own assignment: docs/bundle-format.md §10)
        sent = {(e.actor, e.field, e.new_value) for e in audit.trail(f, fid)}
        assert sent - trail == {("常州市应急管理局", "status", "assigned")}
        assert ("陈示范", "status", "completed") in trail

    # the same bundle again: "already imported", nothing changes
    before = snapshot(office.ws)
    again = import_bundle(office.ws, back.path)
    assert again.status == "already imported" and not again.changes
    assert snapshot(office.ws) == before

    # the office returns it with a comment; the inspector gets the comment
    review_ops.return_for_correction(office.ws, oid, "科长", "第2项证据不足，请补充照片")
    ret = export_bundle(office.ws, office.identity, tmp_path / "return.inspbundle")
    assert import_bundle(field.ws, ret.path).status == "imported"
    with field.ws.sessions() as f:
        insp = inspections.get(f, fid)
        assert insp.status == InspectionStatus.RETURNED and insp.reviewer_comment == "第2项证据不足，请补充照片"
    assert pending_export(field.ws, back.direction).rows == ()


def test_replayed_and_superseded_bundles_are_rejected(sides: tuple[Side, Side], tmp_path: Path) -> None:
    office, field = sides
    assign_one(office)
    first = export_bundle(office.ws, office.identity, tmp_path / "1.inspbundle")
    assign_one(office, "常州新北精密铸造有限公司", "MA1W2X3Y5")
    second = export_bundle(office.ws, office.identity, tmp_path / "2.inspbundle")
    assert import_bundle(field.ws, second.path).status == "imported"
    before = snapshot(field.ws)
    (old,) = import_paths(field.ws, [first.path]).reports
    assert (old.status, old.code) == ("rejected", "replay")
    assert "序号 1" in old.reason and "序号 2 已经导入过" in old.reason
    assert old.fingerprint == office.identity.signer.fingerprint
    assert snapshot(field.ws) == before


def test_conflicting_revision_goes_to_the_conflict_list(sides: tuple[Side, Side], tmp_path: Path) -> None:
    office, field = sides
    oid = assign_one(office)
    uid = _uid(office, oid)
    import_bundle(field.ws, export_bundle(office.ws, office.identity, tmp_path / "a.inspbundle").path)
    fid = id_of(field, uid)
    fill_and_complete(field, fid)
    import_bundle(office.ws, export_bundle(field.ws, field.identity, tmp_path / "b.inspbundle").path)
    # the office returns it, while the inspector reopens and edits the same inspection
    review_ops.return_for_correction(office.ws, oid, "科长", "请复核")
    inspection_ops.reopen(field.ws, fid, "补充备注", "陈示范")
    inspection_ops.update_header(field.ws, fid, "陈示范", location="二号车间")
    with field.ws.sessions() as f:
        local_revision = inspections.get(f, fid).revision
    report = import_bundle(field.ws, export_bundle(office.ws, office.identity, tmp_path / "c.inspbundle").path)
    assert [(line.kind, line.action) for line in report.lines if line.kind == "inspection"] == [
        ("inspection", "conflict")]
    assert report.changes.has(ChangeKind.CONFLICTS) and not report.changes.touches_inspection(fid)
    with field.ws.sessions() as f:
        insp = inspections.get(f, fid)
        assert insp.revision == local_revision and insp.location == "二号车间"  # not overwritten
    (conflict,) = open_conflicts(field.ws)
    assert (conflict.inspection_uid, conflict.inspection_id) == (uid, fid)
    assert conflict.local is not None and conflict.local.status == "in_progress"
    assert conflict.incoming.status == "returned"
    changes = resolve_conflict(field.ws, conflict.id, take_incoming=True, actor="陈示范")
    assert changes.touches_inspection(fid) and changes.has(ChangeKind.CONFLICTS, ChangeKind.STATUS)
    with field.ws.sessions() as f:
        assert inspections.get(f, fid).status == InspectionStatus.RETURNED
    assert open_conflicts(field.ws) == []


def test_nothing_to_export(sides: tuple[Side, Side], tmp_path: Path) -> None:
    office, _ = sides
    with pytest.raises(ValidationError, match="没有需要导出"):
        export_bundle(office.ws, office.identity, tmp_path / "x.inspbundle")
    assert not (tmp_path / "x.inspbundle").exists()


def test_in_progress_inspection_cannot_be_sent_to_the_office(sides: tuple[Side, Side], tmp_path: Path) -> None:
    office, field = sides
    oid = assign_one(office)
    import_bundle(field.ws, export_bundle(office.ws, office.identity, tmp_path / "a.inspbundle").path)
    fid = id_of(field, _uid(office, oid))
    with pytest.raises(ValidationError, match="不能导出"):
        export_bundle(field.ws, field.identity, tmp_path / "b.inspbundle", inspection_ids=[fid])


def test_encrypted_bundle_round_trip(sides: tuple[Side, Side], tmp_path: Path) -> None:
    office, field = sides
    assign_one(office)
    assert field.identity.encryption_private is not None
    out = export_bundle(office.ws, office.identity, tmp_path / "a.inspbundle.enc",
                        encrypt_to=x25519_public(field.identity.encryption_private))
    assert out.path.read_bytes()[:8] == b"\x89INSPENC"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["a.inspbundle.enc"]
    result = import_paths(field.ws, [tmp_path], identity=field.identity)
    (report,) = result.reports
    assert report.status == "imported", report.reason
    assert result.changes == report.changes and result.changes.has(ChangeKind.ASSIGNMENTS)
    (refused,) = import_paths(office.ws, [out.path], identity=office.identity).reports
    assert (refused.status, refused.code) == ("rejected", "encrypted_for_other")
    assert "加密给另一把市局密钥" in refused.reason


def test_own_bundle_and_wrong_direction_are_rejected(sides: tuple[Side, Side], tmp_path: Path) -> None:
    office, _field = sides
    assign_one(office)
    out = export_bundle(office.ws, office.identity, tmp_path / "a.inspbundle")
    (own,) = import_paths(office.ws, [out.path]).reports
    assert (own.status, own.code) == ("rejected", "own_bundle") and "本机导出的数据包" in own.reason
    assert own.fingerprint == office.identity.signer.fingerprint
    other = make_side(tmp_path / "office2", "office", "溧阳市应急管理局")
    enrol(other, office)  # an office's bundle offered to another office
    before = snapshot(other.ws)
    (wrong,) = import_paths(other.ws, [out.path]).reports
    assert (wrong.status, wrong.code) == ("rejected", "wrong_direction")
    assert "方向（office-to-inspector）" in wrong.reason and "只导入 inspector-to-office" in wrong.reason
    assert snapshot(other.ws) == before
    other.ws.close()
    field2 = make_side(tmp_path / "field2", "inspector", "陈示范")
    enrol(field2, Side(office.ws, office.identity, "inspector"))  # the office's key enrolled with the wrong role
    before = snapshot(field2.ws)
    (role,) = import_paths(field2.ws, [out.path]).reports
    assert (role.status, role.code, role.fingerprint) == ("rejected", "wrong_signer_role",
                                                          office.identity.signer.fingerprint)
    assert "登记的角色是 inspector" in role.reason and "由 office 的密钥签名" in role.reason
    assert snapshot(field2.ws) == before
    field2.ws.close()


@pytest.mark.fixtures
def test_round_trip_with_real_photos(sides: tuple[Side, Side], tmp_path: Path, photo_fixtures: Path) -> None:
    import zipfile

    import bagit

    from inspector_app.services import photos, signatures

    office, field = sides
    oid = assign_one(office)
    uid = _uid(office, oid)
    import_bundle(field.ws, export_bundle(office.ws, office.identity, tmp_path / "a.inspbundle").path)
    fid = id_of(field, uid)
    files = [photo_fixtures / n for n in ("gps-htc.jpg", "heic-phone.heic", "orient-6.jpg", "large-phone.jpg")]
    fill_and_complete(field, fid, files)
    out = export_bundle(field.ws, field.identity, tmp_path / "b.inspbundle")
    with zipfile.ZipFile(out.path) as zf:
        names = zf.namelist()
        stored = {i.filename.rsplit("/", 1)[1]: i.compress_type for i in zf.infolist() if "/photos/" in i.filename}
    assert sum("/data/photos/originals/" in n for n in names) == 4
    assert sum("/data/photos/derived/" in n for n in names) >= 8  # display copy and thumbnail of each
    assert sum("/data/signatures/" in n for n in names) == 3
    assert set(stored.values()) == {zipfile.ZIP_STORED}
    zipfile.ZipFile(out.path).extractall(tmp_path / "unzipped")
    (bag_dir,) = list((tmp_path / "unzipped").iterdir())
    bagit.Bag(str(bag_dir)).validate()

    report = import_bundle(office.ws, out.path)
    assert report.status == "imported", report.reason
    store = photos.photo_store(office.ws.photo_dir)
    with office.ws.sessions() as s, field.ws.sessions() as f:
        got, sent = photos.list_photos(s, oid), photos.list_photos(f, fid)
        assert [(p.sha256, p.caption, p.item_code, p.captured_at, p.gps_lat) for p in got] == [
            (p.sha256, p.caption, p.item_code, p.captured_at, p.gps_lat) for p in sent]
        for photo, source in zip(got, files, strict=True):
            assert store.read(photo.sha256) == source.read_bytes()  # the original, byte for byte
            assert store.exists(photo.display_sha256, "derived") and store.exists(photo.thumb_sha256, "derived")
        sigs = signatures.list_signatures(s, oid)
        assert sorted(x.signer_name for x in sigs) == sorted(["吴敏", "陈示范", "王厂长"])
        assert all(store.exists(x.image_sha256, "derived") for x in sigs)
        assert all(x.inspector_id is not None for x in sigs if x.role == "inspector")
    assert not list(office.ws.root.glob(".import-*"))


def test_a_conflict_kept_locally_then_reaches_the_office_without_a_new_conflict(
    sides: tuple[Side, Side], tmp_path: Path
) -> None:
    office, field = sides
    oid = assign_one(office)
    uid = _uid(office, oid)
    import_bundle(field.ws, export_bundle(office.ws, office.identity, tmp_path / "a.inspbundle").path)
    fid = id_of(field, uid)
    fill_and_complete(field, fid)
    import_bundle(office.ws, export_bundle(field.ws, field.identity, tmp_path / "b.inspbundle").path)
    review_ops.return_for_correction(office.ws, oid, "科长", "请复核")
    inspection_ops.reopen(field.ws, fid, "补充备注", "陈示范")
    inspection_ops.update_header(field.ws, fid, "陈示范", location="二号车间")
    import_bundle(field.ws, export_bundle(office.ws, office.identity, tmp_path / "c.inspbundle").path)
    (conflict,) = open_conflicts(field.ws)
    resolve_conflict(field.ws, conflict.id, take_incoming=False, actor="陈示范")
    with field.ws.sessions() as f:
        assert inspections.get(f, fid).location == "二号车间"
    inspection_ops.complete(field.ws, fid, "陈示范")
    report = import_bundle(office.ws, export_bundle(field.ws, field.identity, tmp_path / "d.inspbundle").path)
    assert [(line.kind, line.action) for line in report.lines if line.kind == "inspection"] == [
        ("inspection", "updated")]
    with office.ws.sessions() as s:
        got = inspections.get(s, oid)
        assert got.location == "二号车间" and got.status == InspectionStatus.RECEIVED
        trail = [(e.field, e.new_value) for e in audit.trail(s, oid)]
        assert ("conflict", "kept-local") in trail
    assert open_conflicts(office.ws) == []


def test_cancelled_export_leaves_nothing(sides: tuple[Side, Side], tmp_path: Path) -> None:
    from inspector_app.domain.errors import Cancelled
    from inspector_app.domain.progress import CancelToken

    office, field = sides
    oid = assign_one(office)
    import_bundle(field.ws, export_bundle(office.ws, office.identity, tmp_path / "a.inspbundle").path)
    fid = id_of(field, _uid(office, oid))
    fill_and_complete(field, fid)
    token = CancelToken()
    seen: list[str] = []

    def progress(done: int, total: int, message: str) -> None:
        seen.append(message)
        if message == "verifying":
            token.cancel()

    out = tmp_path / "out"
    with pytest.raises(Cancelled):
        export_bundle(field.ws, field.identity, out / "b.inspbundle", progress=progress, cancel=token)
    assert "writing" in seen and list(out.iterdir()) == []
    with field.ws.sessions() as f:
        assert inspections.get(f, fid).status == InspectionStatus.COMPLETED
