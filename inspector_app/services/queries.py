"""Read-only list queries for large workspaces, written with SQLAlchemy Core (no ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from inspector_app.storage.models import Enterprise, Inspection, TemplateRecord

INSPECTION_COLUMNS = ("id", "uid", "enterprise", "uscc", "district", "template", "status", "score",
                      "grade", "outcome", "due_date", "answered", "updated_at")


@dataclass(frozen=True)
class InspectionFilter:
    text: str = ""
    district: str = ""
    cert_grade: str = ""
    status: str = ""
    due_before: date | None = None
    enterprise_id: int | None = None


def _inspection_select(filters: InspectionFilter | None) -> Select[Any]:
    stmt = (
        select(Inspection.id, Inspection.uid, Enterprise.name.label("enterprise"), Enterprise.uscc,
               Enterprise.district, TemplateRecord.title.label("template"), Inspection.status,
               Inspection.score, Inspection.grade, Inspection.outcome, Inspection.due_date,
               Inspection.answered, Inspection.updated_at)
        .join(Enterprise, Enterprise.id == Inspection.enterprise_id)
        .join(TemplateRecord, TemplateRecord.pk == Inspection.template_pk)
        .order_by(Inspection.id)
    )
    if filters is None:
        return stmt
    if filters.text:
        like = f"%{filters.text}%"
        stmt = stmt.where(or_(Enterprise.name.like(like), Enterprise.uscc.like(like),
                              Enterprise.district.like(like)))
    if filters.district:
        stmt = stmt.where(Enterprise.district == filters.district)
    if filters.cert_grade:
        stmt = stmt.where(Enterprise.cert_grade == filters.cert_grade)
    if filters.status:
        stmt = stmt.where(Inspection.status == filters.status)
    if filters.due_before is not None:
        stmt = stmt.where(Inspection.due_date <= filters.due_before)
    if filters.enterprise_id is not None:
        stmt = stmt.where(Inspection.enterprise_id == filters.enterprise_id)
    return stmt


def inspection_rows(session: Session, filters: InspectionFilter | None = None) -> list[dict[str, Any]]:
    """One dict per inspection with the stable keys of ``INSPECTION_COLUMNS`` (dates as ISO text)."""
    result = session.execute(_inspection_select(filters))
    rows = []
    for row in result.tuples():
        values = dict(zip(INSPECTION_COLUMNS, row, strict=True))
        due, updated = values["due_date"], values["updated_at"]
        values["due_date"] = due.isoformat() if due else None
        values["updated_at"] = updated.isoformat(sep=" ") if updated else None
        rows.append(values)
    return rows
