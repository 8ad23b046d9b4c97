"""Qt-free reads for the desk: the list rows and the detail of one enterprise.

The list query is plain SQL through the engine's DB-API connection: no ORM objects and no type
processing, so 60,000 rows come back as tuples of text and numbers in a fraction of the ORM's time
(dates stay ISO text, which sorts and compares correctly). Every enterprise appears at least once: an
enterprise without an inspection gets one row with ``id`` None and status "" (not yet scheduled).

This module imports no Qt and could move to ``services/queries.py``; it lives here because only the
desk needs these shapes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

ROW_KEYS = ("id", "enterprise_id", "enterprise", "uscc", "district", "cert_grade", "template", "status",
            "score", "grade", "outcome", "due_date", "answered", "item_count", "updated_at")

_ROW_SQL = """
SELECT i.id, e.id, e.name, e.uscc, e.district, e.cert_grade, t.title, i.status, i.score, i.grade,
       i.outcome, i.due_date, i.answered, t.item_count, i.updated_at
FROM enterprises AS e
LEFT JOIN inspections AS i ON i.enterprise_id = e.id
LEFT JOIN templates AS t ON t.pk = i.template_pk
"""


def _as_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    values = dict(zip(ROW_KEYS, row, strict=True))
    for key in ("status", "grade", "outcome", "template", "district", "cert_grade", "uscc", "enterprise"):
        if values[key] is None:
            values[key] = ""
    for key in ("due_date", "updated_at"):
        if values[key]:
            values[key] = str(values[key])[: 10 if key == "due_date" else 16]
    return values


def desk_rows(session: Session) -> list[dict[str, Any]]:
    """Every inspection with its enterprise, plus one row for each enterprise without an inspection,
    newest inspections first."""
    sql = _ROW_SQL + " ORDER BY (i.id IS NULL), i.id DESC, e.id"
    cursor = session.connection().exec_driver_sql(sql)
    return [_as_dict(tuple(row)) for row in cursor.fetchall()]


def desk_row(session: Session, inspection_id: int) -> dict[str, Any] | None:
    """The list row of one inspection (after the editor changed it)."""
    cursor = session.connection().exec_driver_sql(_ROW_SQL + " WHERE i.id = ?", (inspection_id,))
    row = cursor.fetchone()
    return None if row is None else _as_dict(tuple(row))


ENTERPRISE_FIELDS = ("name", "uscc", "address", "district", "industry", "sub_speciality", "cert_grade",
                     "cert_number", "cert_issued", "cert_expires", "scoring_standard", "review_org",
                     "consulting_org", "legal_rep", "contact_person", "contact_phone")


def enterprise_detail(session: Session, enterprise_id: int) -> dict[str, Any] | None:
    """The enterprise's data and its whole inspection history with every finding and its status,
    newest inspection first, as plain dicts (safe to hand to the GUI thread)."""
    from sqlalchemy import select

    from inspector_app.storage.models import Enterprise, Finding, Inspection, TemplateRecord

    enterprise = session.get(Enterprise, enterprise_id)
    if enterprise is None:
        return None
    data: dict[str, Any] = {"id": enterprise.id}
    for name in ENTERPRISE_FIELDS:
        value = getattr(enterprise, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else (value or "")
    rows = session.execute(
        select(Inspection.id, Inspection.status, Inspection.score, Inspection.grade,
               Inspection.outcome, Inspection.due_date, Inspection.started_at,
               Inspection.completed_at, Inspection.assigned_at, TemplateRecord.title,
               Inspection.reviewer_comment)
        .join_from(Inspection, TemplateRecord, TemplateRecord.pk == Inspection.template_pk)
        .where(Inspection.enterprise_id == enterprise_id)
        .order_by(Inspection.assigned_at.desc(), Inspection.id.desc())
    ).all()
    ids = [r[0] for r in rows]
    findings: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:
        query = select(Finding).where(Finding.inspection_id.in_(ids)).order_by(Finding.id)
        for f in session.scalars(query):
            findings[f.inspection_id].append({
                "id": f.id, "severity": f.severity, "description": f.description,
                "requirement": f.requirement, "deadline": f.deadline.isoformat() if f.deadline else "",
                "status": f.status, "item_code": f.item_code,
            })
    history = []
    for (iid, status, score, grade, outcome, due, started, completed, assigned, title, comment) in rows:
        when = started or assigned
        history.append({
            "id": iid, "status": status, "score": score, "grade": grade or "", "outcome": outcome or "",
            "due_date": due.isoformat() if due else "", "date": when.date().isoformat() if when else "",
            "completed_at": completed.isoformat(sep=" ")[:16] if completed else "",
            "template": title, "reviewer_comment": comment or "", "findings": findings[iid],
        })
    data["history"] = history
    return data
