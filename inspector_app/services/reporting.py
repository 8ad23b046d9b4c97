"""Aggregation for the reporting deadlines: progress of the look-back per district (辖市区)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from inspector_app.domain.lifecycle import LOCKED_STATUSES, FindingStatus, InspectionStatus, Severity
from inspector_app.domain.scoring import DELIST, MAINTAIN, OUTCOMES, RECTIFY
from inspector_app.services.templates import template_of
from inspector_app.storage.models import Enterprise, Finding, Inspection, TemplateRecord

DISTRICT_COLUMNS = ("district", "enterprises", "inspections", "finished", "maintain", "rectify", "delist",
                    "hazards", "major_hazards", "hazards_closed")


def district_progress(session: Session) -> list[dict[str, Any]]:
    """One row per district plus a 合计 row: enterprises, inspections, finished (locked or later),
    outcomes of finished inspections, hazards found and closed (复查合格). An outcome a template names
    otherwise (the review-organisation self-inspection's 合格 for 维持) counts under the outcome it names."""
    finished = [s.value for s in LOCKED_STATUSES] + [InspectionStatus.RETURNED.value]
    enterprises = dict(session.execute(
        select(Enterprise.district, func.count()).group_by(Enterprise.district)).all())
    rows: dict[str, dict[str, Any]] = {
        d: dict.fromkeys(DISTRICT_COLUMNS, 0) | {"district": d or "（未填）", "enterprises": n}
        for d, n in enterprises.items()}
    done = Inspection.status.in_(finished)
    stmt = (select(Enterprise.district, Inspection.template_pk, Inspection.outcome, func.count(),
                   func.sum(case((done, 1), else_=0)))
            .join(Enterprise, Enterprise.id == Inspection.enterprise_id)
            .group_by(Enterprise.district, Inspection.template_pk, Inspection.outcome))
    columns = {MAINTAIN: "maintain", RECTIFY: "rectify", DELIST: "delist"}
    canonical: dict[int, dict[str, str]] = {}  # template → its outcome label → 维持 / 限期整改 / 建议摘牌
    for district, template_pk, outcome, total, fin in session.execute(stmt):
        row = rows[district]
        row["inspections"] += total
        row["finished"] += fin or 0
        if template_pk not in canonical:
            record = session.get(TemplateRecord, template_pk)
            labels = template_of(record).outcome_labels if record is not None else {}
            canonical[template_pk] = {o: o for o in OUTCOMES} | {label: o for o, label in labels.items()}
        column = columns.get(canonical[template_pk].get(outcome or "", ""))
        if column is not None:
            row[column] += fin or 0
    hazard_stmt = (select(Enterprise.district, func.count(),
                          func.sum(case((Finding.severity == Severity.MAJOR.value, 1), else_=0)),
                          func.sum(case((Finding.status == FindingStatus.PASSED.value, 1), else_=0)))
                   .join(Inspection, Inspection.id == Finding.inspection_id)
                   .join(Enterprise, Enterprise.id == Inspection.enterprise_id).group_by(Enterprise.district))
    for district, total, major, closed in session.execute(hazard_stmt):
        rows[district].update(hazards=total, major_hazards=major or 0, hazards_closed=closed or 0)
    ordered = sorted(rows.values(), key=lambda r: str(r["district"]))
    if ordered:
        total_row: dict[str, Any] = {"district": "合计"}
        for column in DISTRICT_COLUMNS[1:]:
            total_row[column] = sum(int(r[column]) for r in ordered)
        ordered.append(total_row)
    return ordered
