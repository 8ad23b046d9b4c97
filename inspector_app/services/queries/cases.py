"""Read models of 摘牌 case files: the list with each case's stage, and one case with its grounds, steps
and attached files (``services.cases``)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from inspector_app.domain.campaign import LEVELS
from inspector_app.domain.delisting import STEPS
from inspector_app.services import cases
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import Enterprise, Inspection
from inspector_app.storage.models_registers import CASE_STAGES, DelistCase
from inspector_app.translation import N_, NP_

CASE_COLUMNS = ("id", "enterprise", "uscc", "cert_grade", "deciding", "stage", "defence_until", "decision_number",
                "reapply_after", "held_by", "version")
CASE_HEADINGS = {
    "id": NP_("heading", "编号"), "enterprise": NP_("heading", "企业"), "uscc": NP_("heading", "统一社会信用代码"),
    "cert_grade": NP_("heading", "证书等级"), "deciding": NP_("heading", "决定机关"), "stage": NP_("heading", "阶段"),
    "defence_until": NP_("heading", "申辩期限"), "decision_number": NP_("heading", "决定文号"),
    "reapply_after": NP_("heading", "可重新申请日期"), "held_by": NP_("heading", "办理机关"), "version": NP_("heading", "版本"),
}
STEP_LABELS = {s.stage: s.label for s in STEPS.values()} | {"opened": N_("立案")}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _row(case: DelistCase, enterprise: Enterprise) -> dict[str, Any]:
    return {"id": case.id, "uid": case.uid, "enterprise": enterprise.name, "uscc": enterprise.uscc,
            "cert_grade": case.cert_grade, "deciding": LEVELS.get(case.deciding_level, case.deciding_level),
            "stage": CASE_STAGES.get(case.stage, case.stage), "stage_code": case.stage,
            "defence_until": _iso(case.defence_until), "decision_number": case.decision_number,
            "reapply_after": _iso(case.reapply_after), "held_by": case.origin or N_("本机关"), "origin": case.origin,
            "version": case.version}


def case_rows(ws: Workspace) -> list[dict[str, Any]]:
    """Every case file here, newest first (own and those from the offices below, ``held_by``)."""
    with reading(ws) as session:
        rows = session.execute(select(DelistCase, Enterprise).join(Enterprise, Enterprise.id == DelistCase.enterprise_id)
                               .order_by(DelistCase.id.desc()))
        return [_row(case, enterprise) for case, enterprise in rows]


def case_detail(ws: Workspace, case_id: int) -> dict[str, Any]:
    """One case: the list's fields, the inspection it came from, its grounds and its steps (with the kept
    file's path, ``None`` when the file is not in this workspace)."""
    with reading(ws) as session:
        case = cases.get(session, case_id)
        enterprise = session.get_one(Enterprise, case.enterprise_id)
        inspection_id = session.scalar(select(Inspection.id).where(Inspection.uid == case.inspection_uid))
        steps = []
        for step in cases.steps_of(session, case):
            path = cases.stored_path(ws.sheet_dir, step.file_sha256)
            steps.append({"stage": step.stage, "label": STEP_LABELS.get(step.stage, step.stage), "on": step.on.isoformat(),
                          "by": step.by, "body": step.body, "document_number": step.document_number, "note": step.note,
                          "file_name": step.file_name, "file_sha256": step.file_sha256,
                          "file": str(path) if path is not None else None})
        return {**_row(case, enterprise), "inspection_uid": case.inspection_uid, "inspection_id": inspection_id,
                "opened_by": case.opened_by, "opened_at": case.opened_at.isoformat(sep=" ", timespec="minutes"),
                "grounds": json.loads(case.grounds or "[]"), "steps": steps}
