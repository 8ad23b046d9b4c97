"""A laptop's day with the fields that make the documents lawful: a team with an expert, a 重大 hazard with
on-site measures, document numbers and the re-check visit (for test_sync_documents*.py)."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from pathlib import Path

from PIL import Image
from sync_helpers import Side

from inspector_app.domain.scoring import Answer
from inspector_app.services import findings, inspections, photos, signatures
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.ops import sheets as sheet_ops
from inspector_app.services.ops.sync import export_bundle, import_paths
from inspector_app.services.sync.report import ImportReport

# Two enforcement officers and an expert (评审专家); plainly fictional people.
TEAM = [("陈示范", "苏应急执法32040001"), ("周演示", "苏应急执法32040002"), ("郑专家", "苏评审2019-0918")]
EXPERT = TEAM[2][1]
MEASURES = "suspend,evacuate"


def send(sender: Side, receiver: Side, path: Path, ids: list[int] | None = None) -> ImportReport:
    """Export from ``sender`` and import at ``receiver``; the import's report."""
    out = export_bundle(sender.ws, sender.identity, path, inspection_ids=ids)
    (report,) = import_paths(receiver.ws, [out.path]).reports
    return report


def uid_of(side: Side, inspection_id: int) -> str:
    with side.ws.sessions() as s:
        return inspections.get(s, inspection_id).uid


def field_day(field: Side, fid: int, actor: str = "陈示范") -> None:
    """Every item answered, a 重大 hazard with on-site measures on a major-hazard item, everyone's signature,
    completion; then the numbers of the record, the order and the measures decision, and the re-check visit
    by the two officers."""
    with field.ws.sessions.begin() as s:
        insp = inspections.get(s, fid)
        items = inspections.template_for(insp).items
        for item in items:
            inspections.set_answer(s, insp, item.code, Answer("符合"), actor)
        major = next(item for item in items if item.major_hazard)
        clauses = tuple((c.code, 1) for c in major.veto_clauses[:1])
        inspections.set_answer(s, insp, major.code, Answer("不符合", clauses, note="有限空间作业未经审批"), actor)
        findings.add(s, insp, actor, description="有限空间作业未经审批", severity="重大", item_code=major.code,
                     requirement="立即停止作业并审批", deadline=date.today() + timedelta(days=5),
                     measures=MEASURES.split(","))
        photo = io.BytesIO()
        Image.new("RGB", (64, 48), (180, 60, 30)).save(photo, "JPEG")
        photos.add_photo_bytes(s, photos.photo_store(field.ws.photo_dir), fid, photo.getvalue(), "有限空间.jpg", actor,
                               item_code=major.code, caption="有限空间入口")
        signers = [("inspector", person.name) for person in insp.inspectors] + [("enterprise_rep", "王厂长")]
        for number, (role, name) in enumerate(signers):
            stroke = [[[0.0, 0.0], [10.0 + number, 5.0 * number], [20.0, 0.0]]]
            signatures.save_signature(s, photos.photo_store(field.ws.photo_dir), fid, role, name, stroke, actor)
    inspection_ops.complete(field.ws, fid, actor)
    for kind in ("record", "order", "measures"):
        sheet_ops.issue_number(field.ws, fid, kind, actor)
    sheet_ops.set_recheck(field.ws, fid, datetime.now() + timedelta(days=6), [TEAM[0], TEAM[1]], actor, "已整改到位")
