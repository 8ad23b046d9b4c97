"""Evidence services on a real workspace: adding photos, editing, markup, watermark, signatures,
completion checks, the JSON of ``inspections show`` and the migration."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from photo_helpers import asymmetric_image, gps_ifd, jpeg_with_exif
from sqlalchemy import select

from inspector_app.domain import uscc
from inspector_app.domain.errors import LifecycleError, NotFoundError, ValidationError
from inspector_app.domain.progress import CancelToken
from inspector_app.domain.scoring import Answer
from inspector_app.photos.fonts import FontNotFoundError, find_cjk_font
from inspector_app.services import audit, completion, findings, inspections, signatures
from inspector_app.services import photos as service
from inspector_app.services.changes import ChangeKind
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.inspection_export import inspection_document
from inspector_app.services.ops import evidence as ops
from inspector_app.services.templates import latest_templates, sync_shipped_templates
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models_evidence import Photo

PAIR = [("陈示范", "苏应急执法32040001"), ("吴敏", "苏评审2019-0456")]
SIGN = [[(0.0, 0.0, 0.0, 0.5), (30.0, 20.0, 10.0, 0.8), (60.0, 5.0, 20.0, 0.6)]]


def _setup(ws: Workspace) -> int:
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        template = next(t for t in latest_templates(s) if t.template_id == "lookback-2020")
        enterprise, _ = upsert(s, EnterpriseData(name="常州恒达机械制造有限公司",
                                                 uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y4"),
                                                 cert_grade="三级", district="武进区", address="常州市武进区湖塘镇1号"))
        return inspections.assign(s, enterprise, template, PAIR, "科长", due_date=date(2026, 12, 31)).id


def _files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, orientation in enumerate((1, 6, 3)):
        path = folder / f"IMG_{i}.jpg"
        path.write_bytes(jpeg_with_exif(asymmetric_image((640 + i, 480)), orientation=orientation,
                                        datetime_original=f"2026:11:2{i} 10:00:00", offset="+08:00",
                                        gps=gps_ifd(31.78 + i / 100, 119.95), make="HUAWEI", model="P60"))
        paths.append(path)
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a jpeg")
    (folder / "notes.txt").write_text("ignored: not an image suffix")
    return paths


def _store(ws: Workspace) -> service.PhotoStore:
    return service.photo_store(ws.photo_dir)


@pytest.mark.parametrize("workers", [1, 2])
def test_add_photos_records_each_good_file_in_order(workspace: Workspace, tmp_path: Path, workers: int) -> None:
    iid = _setup(workspace)
    good = _files(tmp_path / "in")
    calls: list[tuple[int, int, str]] = []
    report = ops.add_photos(workspace, iid, [tmp_path / "in"], "陈示范",
                                progress=lambda d, t, m: calls.append((d, t, m)), workers=workers)
    assert [a.file_name for a in report.added] == [p.name for p in good]
    assert report.rejected == [("broken.jpg", report.rejected[0][1])]
    assert "不是" in report.rejected[0][1] or "损坏" in report.rejected[0][1]
    assert calls[0] == (0, 4, "") and calls[-1][:2] == (4, 4)
    assert "已添加照片 3 张" in report.summary()
    assert report.changes.has(ChangeKind.PHOTOS) and report.changes.touches_inspection(iid)
    again = ops.add_photos(workspace, iid, good[:1], "陈示范", workers=workers)
    assert again.added == [] and [d.photo_id for d in again.duplicates] == [report.added[0].photo_id]
    assert not again.changes  # a duplicate changes nothing
    with workspace.sessions() as s:
        rows = service.list_photos(s, iid)
        assert [r.original_name for r in rows] == [p.name for p in good]
        assert [r.position for r in rows] == [0, 1, 2]
        second = rows[1]
        assert (second.width, second.height) == (480, 641) and second.orientation == 6
        assert second.captured_offset == "+08:00" and second.time_source == "exif"
        assert second.make == "HUAWEI" and second.gps_lat == pytest.approx(31.79, abs=1e-4)
        assert _store(workspace).verify(second.sha256)
        assert service.unreferenced_originals(s, _store(workspace)) == []
        assert any(e.entity == "photo" and e.field == "added" for e in audit.trail(s, iid))


def test_show_json_lists_photos_with_custody_fields(workspace: Workspace, tmp_path: Path) -> None:
    iid = _setup(workspace)
    ops.add_photos(workspace, iid, _files(tmp_path / "in")[:1], "陈示范", workers=1)
    with workspace.sessions() as s:
        document = inspection_document(s, iid)
    photo = document["photos"][0]
    assert len(photo["sha256"]) == 64
    assert photo["captured_at"] == "2026-11-20T10:00:00+08:00" and photo["time_source"] == "exif"
    assert photo["gps"]["lat"] == pytest.approx(31.78, abs=1e-4)
    assert photo["camera"] == {"make": "HUAWEI", "model": "P60"}
    assert (photo["width"], photo["height"]) == (640, 480)
    assert document["signatures"] == []


def test_targets_are_checked_before_any_work(workspace: Workspace, tmp_path: Path) -> None:
    iid = _setup(workspace)
    files = _files(tmp_path / "in")
    store = _store(workspace)
    with pytest.raises(ValidationError, match=r"Z\.99"):
        ops.add_photos(workspace, iid, files, "x", item_code="Z.99")
    with pytest.raises(NotFoundError):
        ops.add_photos(workspace, iid, files, "x", finding_id=12345)
    with pytest.raises(NotFoundError):
        ops.add_photos(workspace, 999, files, "x")
    assert store.iter_hashes() == []
    with workspace.sessions() as s:
        assert service.check_photo_target(s, iid).id == iid
        with pytest.raises(ValidationError):
            service.check_photo_target(s, iid, item_code="nope")


def test_item_finding_locked_inspection_and_rectification_pairs(workspace: Workspace, tmp_path: Path) -> None:
    iid = _setup(workspace)
    files = _files(tmp_path / "in")
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        items = inspections.template_for(insp).items
        for item in items:
            inspections.set_answer(s, insp, item.code, Answer("符合"), "陈示范")
        finding = findings.add(s, insp, "陈示范", description="消防通道堆放杂物", item_code=items[0].code,
                               requirement="立即清理", deadline=date.today() + timedelta(days=7))
        finding_id = finding.id
    code = items[1].code
    report = ops.add_photos(workspace, iid, files[:1], "陈示范", item_code=code, workers=1)
    before_id = report.added[0].photo_id
    with workspace.sessions.begin() as s:
        assert [p.id for p in service.list_photos(s, iid, item_code=code)] == [before_id]
        insp = inspections.get(s, iid)
        insp.status = "completed"  # locked (as inspections.complete would leave it)
    with pytest.raises(LifecycleError):
        ops.add_photos(workspace, iid, files[1:2], "陈示范")
    after = ops.add_photos(workspace, iid, files[1:2], "陈示范", finding_id=finding_id, workers=1)
    after_id = after.added[0].photo_id
    with workspace.sessions.begin() as s:
        with pytest.raises(LifecycleError):
            service.set_caption(s, before_id, "整改前", "陈示范")
        with pytest.raises(LifecycleError):
            service.pair_photos(s, before_id, after_id, "陈示范")  # the "before" photo is not on the finding
        inspections.get(s, iid).status = "in_progress"
    with workspace.sessions.begin() as s:
        service.link_photo(s, before_id, "陈示范", item_code=items[0].code, finding_id=finding_id)
        inspections.get(s, iid).status = "completed"
    with workspace.sessions.begin() as s:
        b, a = service.pair_photos(s, before_id, after_id, "陈示范")
        assert (b.role, b.pair_id, a.role, a.pair_id) == ("before", after_id, "after", before_id)
        service.set_caption(s, after_id, "  整改后：通道已清理 ", "陈示范")
        assert a.caption == "整改后：通道已清理"
        service.unpair_photo(s, after_id, "陈示范")
        assert (b.role, b.pair_id, a.role, a.pair_id) == ("", None, "", None)
        assert [p.id for p in service.list_photos(s, iid, finding_id=finding_id)] == [before_id, after_id]


def test_captions_order_and_removal(workspace: Workspace, tmp_path: Path) -> None:
    iid = _setup(workspace)
    ops.add_photos(workspace, iid, _files(tmp_path / "in"), "陈示范", workers=1)
    with workspace.sessions.begin() as s:
        ids = [p.id for p in service.list_photos(s, iid)]
        service.reorder_photos(s, iid, [ids[2]], "陈示范")
        assert [p.id for p in service.list_photos(s, iid)] == [ids[2], ids[0], ids[1]]
        service.move_photo(s, ids[2], 5, "陈示范")
        assert [p.id for p in service.list_photos(s, iid)] == [ids[0], ids[1], ids[2]]
        with pytest.raises(ValidationError):
            service.reorder_photos(s, iid, [ids[0], ids[0]], "陈示范")
        service.set_caption(s, ids[0], "配电箱未接地", "陈示范")
        service.remove_photo(s, ids[1], "陈示范")
    with workspace.sessions() as s:
        assert [p.caption for p in service.list_photos(s, iid)] == ["配电箱未接地", ""]
        fields = [e.field for e in audit.trail(s, iid) if e.entity == "photo"]
        assert {"order", "caption", "deleted"} <= set(fields)
        assert len(service.unreferenced_originals(s, _store(workspace))) == 1  # custody: file kept


def _have_font() -> bool:
    try:
        find_cjk_font()
    except FontNotFoundError:
        return False
    return True


@pytest.mark.skipif(not _have_font(), reason="no Chinese font installed")
def test_markup_and_watermark_leave_the_original(workspace: Workspace, tmp_path: Path) -> None:
    iid = _setup(workspace)
    store = _store(workspace)
    report = ops.add_photos(workspace, iid, _files(tmp_path / "in")[1:2], "陈示范", workers=1)
    pid = report.added[0].photo_id
    shapes = {"version": 1, "shapes": [{"kind": "arrow", "x1": 0.1, "y1": 0.1, "x2": 0.5, "y2": 0.5},
                                       {"kind": "text", "x": 0.1, "y": 0.7, "text": "未接地"}]}
    with workspace.sessions.begin() as s:
        photo = service.save_markup(s, store, pid, shapes, "陈示范")
        assert photo.markup_sha256 and store.exists(photo.markup_sha256, "derived")
        assert '"kind":"arrow"' in photo.markup_json
        stamp = service.stamp_for_photo(s, photo)
        assert stamp.enterprise == "常州恒达机械制造有限公司" and stamp.inspector == "陈示范、吴敏"
        assert stamp.location_text.startswith("31.79000°N 119.95000°E")
        copy = service.watermarked_copy(s, store, pid, long_edge=800)
        assert store.exists(copy.sha256, "derived") and (copy.width, copy.height) == (480, 641)
        assert store.verify(photo.sha256)
        service.save_markup(s, store, pid, [], "陈示范")
        assert photo.markup_sha256 == "" and photo.markup_json == ""


def test_signatures_refusal_and_completion_checks(workspace: Workspace, tmp_path: Path) -> None:
    iid = _setup(workspace)
    store = _store(workspace)
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        template = inspections.template_for(insp)
        needs_photo = next(i for i in template.items if i.require_photo_on_fail)
        for item in template.items:
            inspections.set_answer(s, insp, item.code, Answer("符合"), "陈示范")
        inspections.set_answer(s, insp, needs_photo.code, Answer("不符合", note="见照片"), "陈示范")
        answers = inspections.answers_of(insp)
        problems = completion.evidence_problems(s, insp, template, answers)
        assert ("photo", needs_photo.code) in [(m.kind, m.item_code) for m in problems]
        assert [m.kind for m in problems].count("signature") == 3
        with pytest.raises(ValidationError, match="空白"):
            signatures.save_signature(s, store, iid, "inspector", "陈示范", [[]], "陈示范")
        with pytest.raises(ValidationError, match="不是"):
            signatures.save_signature(s, store, iid, "inspector", "路人甲", SIGN, "陈示范")
        with pytest.raises(ValidationError, match="角色"):
            signatures.save_signature(s, store, iid, "boss", "陈示范", SIGN, "陈示范")
        first = signatures.save_signature(s, store, iid, "inspector", "陈示范", SIGN, "陈示范")
        assert store.read(first.image_sha256, "derived").startswith(b"\x89PNG")
        signatures.save_signature(s, store, iid, "inspector", "陈示范", SIGN, "陈示范")  # replaces
        signatures.save_signature(s, None, iid, "inspector", "吴敏", SIGN, "吴敏")
        with pytest.raises(ValidationError, match="理由"):
            signatures.record_refusal(s, store, iid, "王经理", " ", "陈示范")
        refusal = signatures.record_refusal(s, store, iid, "王经理", "拒绝签字，称需请示总部", "陈示范",
                                         witness_name="李见证", witness_strokes=SIGN)
        assert refusal.refused and refusal.witness_id is not None
        rows = signatures.list_signatures(s, iid)
        assert sorted((r.role, r.signer_name, r.refused) for r in rows) == [
            ("enterprise_rep", "王经理", True), ("inspector", "吴敏", False), ("inspector", "陈示范", False),
            ("witness", "李见证", False)]
        problems = completion.evidence_problems(s, insp, template, answers)
        assert [m.kind for m in problems] == ["photo"]
    ops.add_photos(workspace, iid, _files(tmp_path / "in")[:1], "陈示范",
                       item_code=needs_photo.code, workers=1)
    with workspace.sessions() as s:
        insp = inspections.get(s, iid)
        assert completion.evidence_problems(s, insp, template, inspections.answers_of(insp)) == []
        doc = service.evidence_documents(s, insp)
        assert {d["role"] for d in doc["signatures"]} == {"inspector", "enterprise_rep", "witness"}


def test_cancel_keeps_what_finished(workspace: Workspace, tmp_path: Path) -> None:
    iid = _setup(workspace)
    token = CancelToken()

    def progress(done: int, total: int, message: str) -> None:
        if done >= 1:
            token.cancel()

    report = ops.add_photos(workspace, iid, _files(tmp_path / "in"), "陈示范",
                                progress=progress, cancel=token, workers=1)
    assert report.cancelled and len(report.added) == 1
    with workspace.sessions() as s:
        assert len(list(s.scalars(select(Photo)))) == 1


def test_migration_0002_up_and_down(tmp_path: Path) -> None:
    from alembic import command

    from inspector_app.storage.engine import DB_NAME, _alembic_config, make_engine, open_workspace

    ws = open_workspace(tmp_path / "ws")
    ws.close()
    path = tmp_path / "ws" / DB_NAME

    def tables() -> set[str]:
        con = sqlite3.connect(path)
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        con.close()
        return names

    assert {"photos", "signatures"} <= tables()
    engine = make_engine(path)
    command.downgrade(_alembic_config(engine), "0001")
    assert not {"photos", "signatures"} & tables()
    command.upgrade(_alembic_config(engine), "head")
    engine.dispose()
    assert {"photos", "signatures"} <= tables()


def test_pasted_image_uses_the_device_clock(workspace: Workspace) -> None:
    import io
    from datetime import datetime, timedelta

    from inspector_app.photos.ingest import PhotoRejected

    iid = _setup(workspace)
    buffer = io.BytesIO()
    asymmetric_image((300, 200)).save(buffer, "PNG")
    with workspace.sessions.begin() as s:
        row, created = service.add_photo_bytes(s, _store(workspace), iid, buffer.getvalue(), "剪贴板.png", "陈示范",
                                               caption="粘贴的截图")
        assert created and row.format == "PNG" and row.time_source == "device_clock"
        assert row.captured_at is not None and abs(row.captured_at - datetime.now()) < timedelta(minutes=1)
        assert row.captured_at.microsecond == 0 and row.caption == "粘贴的截图"
        again, created = service.add_photo_bytes(s, _store(workspace), iid, buffer.getvalue(), "again.png", "陈示范")
        assert not created and again.id == row.id
        with pytest.raises(PhotoRejected):
            service.add_photo_bytes(s, _store(workspace), iid, b"not an image", "x.png", "陈示范")


def test_a_refusal_that_replaces_an_earlier_signature_is_audited(workspace: Workspace) -> None:
    """The representative signed, then a refusal is recorded instead (or a refusal is recorded again):
    the row it removes leaves an audit event, as a signature replaced by a new one does."""
    iid = _setup(workspace)
    with workspace.sessions.begin() as s:
        signed = signatures.save_signature(s, None, iid, "enterprise_rep", "王经理", SIGN, "陈示范")
        first = signatures.record_refusal(s, None, iid, "王经理", "拒绝签字", "陈示范")
        second = signatures.record_refusal(s, None, iid, "王经理", "拒绝签字，称需请示总部", "吴敏")
        assert [r.id for r in signatures.list_signatures(s, iid)] == [second.id]
        trail = audit.trail(s, iid)
        for gone in (signed, first):
            assert [(e.field, e.actor) for e in trail if e.entity == "signature" and e.entity_key == gone.uid
                    and e.field == "replaced"], f"no audit event for the removed signature {gone.uid}"


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes only on POSIX")
def test_a_file_name_that_is_not_utf8_is_kept_readably(workspace: Workspace, tmp_path: Path) -> None:
    """A camera card or an old archive (GBK names) gives a name that is not UTF-8: Python holds it with
    surrogate escapes, which SQLite cannot store. The photo is added; its name keeps the bytes visibly."""
    iid = _setup(workspace)
    good = _files(tmp_path / "in")[0]
    odd = tmp_path / os.fsdecode(b"\xd5\xd5\xc6\xac1.jpg")  # 照片1 in GBK
    odd.write_bytes(good.read_bytes())
    report = ops.add_photos(workspace, iid, [odd], "陈示范", workers=1)
    assert len(report.added) == 1, report.rejected
    with workspace.sessions() as s:
        (row,) = service.list_photos(s, iid)
        assert row.original_name.encode("utf-8") and row.original_name.endswith("1.jpg")
        assert "\\xd5" in row.original_name
        assert any(row.original_name in e.new_value for e in audit.trail(s, iid) if e.field == "added")
