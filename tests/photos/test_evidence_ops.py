"""The evidence operations (``services.ops.evidence``) and read models (``services.queries.evidence``):
each commits its own transaction and says what it changed; a photo attached after its inspection was
locked is a rejected entry, not an error; a failed edit writes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from photo_helpers import asymmetric_image, jpeg_with_exif

from inspector_app.domain import uscc
from inspector_app.domain.errors import LifecycleError, NotFoundError, ValidationError
from inspector_app.domain.scoring import Answer
from inspector_app.photos.ingest import ingest_bytes
from inspector_app.photos.store import PhotoStore
from inspector_app.services import inspections, signatures
from inspector_app.services.changes import ChangeKind, Changes
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.ops import evidence as ops
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.queries import evidence as queries
from inspector_app.services.templates import latest_templates, sync_shipped_templates
from inspector_app.storage.engine import Workspace

PAIR = [("陈示范", "苏应急执法32040001"), ("吴敏", "苏评审2019-0456")]
SIGN = [[(0.0, 0.0, 0.0, 0.5), (30.0, 20.0, 10.0, 0.8), (60.0, 5.0, 20.0, 0.6)]]


def _setup(ws: Workspace) -> tuple[int, int]:
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        template = next(t for t in latest_templates(s) if t.template_id == "lookback-2020")
        enterprise, _ = upsert(s, EnterpriseData(name="常州恒达机械制造有限公司",
                                                 uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y4"),
                                                 legal_rep="王建华", cert_grade="三级", district="武进区"))
        inspection = inspections.assign(s, enterprise, template, PAIR, "科长", due_date=date(2026, 12, 31))
        return inspection.id, enterprise.id


def _files(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"IMG_{n}.jpg"
        path.write_bytes(jpeg_with_exif(asymmetric_image((320 + n, 240)), datetime_original=f"2026:11:2{n} 10:00:00"))
        paths.append(path)
    return paths


def _touches(changes: Changes, kind: ChangeKind, inspection_id: int, enterprise_id: int) -> bool:
    return changes.has(kind) and changes.inspections == {inspection_id} and changes.enterprises == {enterprise_id}


def test_photo_edits_commit_and_say_what_changed(workspace: Workspace, tmp_path: Path) -> None:
    iid, eid = _setup(workspace)
    report = ops.add_photos(workspace, iid, _files(tmp_path / "in", 4), "陈示范", workers=1)
    assert _touches(report.changes, ChangeKind.PHOTOS, iid, eid)
    ids = [r.id for r in queries.photo_rows(workspace, iid)]
    assert ids == [a.photo_id for a in report.added]

    assert _touches(ops.set_caption(workspace, ids[0], " 配电箱 ", "陈示范"), ChangeKind.PHOTOS, iid, eid)
    assert _touches(ops.reorder_photos(workspace, iid, [ids[3]], "陈示范"), ChangeKind.PHOTOS, iid, eid)
    assert [r.id for r in queries.photo_rows(workspace, iid)] == [ids[3], ids[0], ids[1], ids[2]]
    ops.move_photo(workspace, ids[3], 9, "陈示范")
    assert _touches(ops.pair_photos(workspace, ids[1], ids[2], "陈示范"), ChangeKind.PHOTOS, iid, eid)
    ops.link_photo(workspace, ids[0], "陈示范", item_code="A.1")
    rows = {r.id: r for r in queries.photo_rows(workspace, iid)}
    assert [r.id for r in queries.photo_rows(workspace, iid)] == ids
    assert rows[ids[0]].caption == "配电箱" and rows[ids[0]].item_code == "A.1"
    assert (rows[ids[1]].role, rows[ids[1]].pair_id, rows[ids[2]].role) == ("before", ids[2], "after")
    ops.unpair_photo(workspace, ids[2], "陈示范")
    assert _touches(ops.remove_photos(workspace, ids[2:], "陈示范"), ChangeKind.PHOTOS, iid, eid)
    rows = {r.id: r for r in queries.photo_rows(workspace, iid)}
    assert list(rows) == ids[:2] and rows[ids[1]].role == "" and rows[ids[1]].pair_id is None
    with pytest.raises(NotFoundError):  # one bad id: nothing is removed
        ops.remove_photos(workspace, [ids[0], ids[0] + 100], "陈示范")
    assert len(queries.photo_rows(workspace, iid)) == 2


def test_markup_through_the_operation(workspace: Workspace, tmp_path: Path) -> None:
    iid, eid = _setup(workspace)
    report = ops.add_photos(workspace, iid, _files(tmp_path / "in", 1), "陈示范", workers=1)
    pid = report.added[0].photo_id
    shapes = {"version": 1, "shapes": [{"kind": "arrow", "x1": 0.1, "y1": 0.1, "x2": 0.5, "y2": 0.5}]}
    assert _touches(ops.save_markup(workspace, pid, shapes, "陈示范"), ChangeKind.PHOTOS, iid, eid)
    (row,) = queries.photo_rows(workspace, iid)
    assert row.markup_sha256 and PhotoStore(workspace.photo_dir).exists(row.markup_sha256, "derived")
    assert row.shown_sha256 == row.markup_sha256


def test_attach_after_locking_is_a_rejected_entry(workspace: Workspace, tmp_path: Path) -> None:
    iid, _eid = _setup(workspace)
    store = PhotoStore(workspace.photo_dir)
    (path,) = _files(tmp_path / "in", 1)
    photo = ingest_bytes(path.read_bytes(), path.name, store)
    queries.check_photo_target(workspace, iid, item_code="A.1")
    with pytest.raises(ValidationError):
        queries.check_photo_target(workspace, iid, item_code="Z.99")
    with workspace.sessions.begin() as s:
        inspections.get(s, iid).status = "completed"  # locked between the ingest and the attach
    report = ops.attach_photo(workspace, iid, photo, "陈示范", item_code="A.1")
    assert report.added == [] and report.rejected and "锁定" in report.rejected[0][1]
    assert not report.changes and queries.photo_rows(workspace, iid) == []
    with pytest.raises(LifecycleError):
        queries.check_photo_target(workspace, iid)


def test_signatures_refusal_and_removal(workspace: Workspace) -> None:
    iid, eid = _setup(workspace)
    state = queries.signers(workspace, iid)
    assert [(r.role, r.name, r.done) for r in state.rows] == [
        ("inspector", "陈示范", False), ("inspector", "吴敏", False), ("enterprise_rep", "王建华", False)]
    signed = ops.save_signature(workspace, iid, "inspector", "陈示范", SIGN, "陈示范",
                                inspector_id=state.rows[0].inspector_id)
    assert _touches(signed.changes, ChangeKind.SIGNATURES, iid, eid)
    refused = ops.record_refusal(workspace, iid, "王建华", "对检查结论有异议", "陈示范", witness_name="李见证",
                                 witness_strokes=SIGN)
    state = queries.signers(workspace, iid)
    assert state.rows[0].signature_id == signed.value and state.rows[0].image_sha256
    assert state.rows[2].signature_id == refused.value and state.rows[2].refused
    assert state.rows[2].witness_name == "李见证" and not state.locked
    assert _touches(ops.remove_signature(workspace, signed.value, "陈示范"), ChangeKind.SIGNATURES, iid, eid)
    assert not queries.signers(workspace, iid).rows[0].done
    with pytest.raises(ValidationError):  # blank: nothing written
        ops.save_signature(workspace, iid, "inspector", "吴敏", [[]], "吴敏")
    with workspace.sessions() as s:
        assert len(signatures.list_signatures(s, iid)) == 2  # the refusal and its witness


def test_completion_needs_the_evidence(workspace: Workspace, tmp_path: Path) -> None:
    """``ops.inspections.complete`` checks the checklist, the photos and the signatures at once."""
    iid, _eid = _setup(workspace)
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        template = inspections.template_for(insp)
        needs_photo = next(i for i in template.items if i.require_photo_on_fail)
        for item in template.items:
            inspections.set_answer(s, insp, item.code, Answer("符合"), "陈示范")
        inspections.set_answer(s, insp, needs_photo.code, Answer("不符合", note="见照片"), "陈示范")
    with pytest.raises(inspection_ops.IncompleteError) as info:
        inspection_ops.complete(workspace, iid, "陈示范")
    assert sorted({m.kind for m in info.value.missing}) == ["photo", "signature"]
    for row in queries.signers(workspace, iid).rows[:2]:
        ops.save_signature(workspace, iid, "inspector", row.name, SIGN, row.name, inspector_id=row.inspector_id)
    ops.record_refusal(workspace, iid, "王建华", "拒绝签字", "陈示范")
    ops.add_photos(workspace, iid, _files(tmp_path / "in", 1), "陈示范", item_code=needs_photo.code, workers=1)
    changes = inspection_ops.complete(workspace, iid, "陈示范")
    assert changes.has(ChangeKind.STATUS) and queries.signers(workspace, iid).locked
