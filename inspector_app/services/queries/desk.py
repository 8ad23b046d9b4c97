"""Qt-free reads for the desk: the list rows and the detail of one enterprise (with the conflict-of-interest
flags on its certificate).

The list query is plain SQL through the engine's DB-API connection: no ORM objects and no type
processing, so 60,000 rows come back as tuples of text and numbers in a fraction of the ORM's time
(dates stay ISO text, which sorts and compares correctly). Every enterprise appears at least once: an
enterprise without an inspection gets one row with ``id`` None and status "" (not yet scheduled).

``cert_expired``: the enterprise's certificate had expired on the inspection date – the day it started;
for one not started yet its due date (the day it is planned for, as assignment warns), else today; today
for an enterprise without an inspection (``domain.fit``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.services import conflicts
from inspector_app.services.unit import reading
from inspector_app.storage import rawsql
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import Enterprise, Finding, Inspection, TemplateRecord

ROW_KEYS = ("id", "enterprise_id", "enterprise", "uscc", "district", "cert_grade", "template", "status",
            "score", "grade", "outcome", "due_date", "answered", "item_count", "cert_expired", "version")

# Inspections newest first (a backward walk of the primary key: no sort), then enterprises without one.
_INSPECTIONS_SQL = """
SELECT i.id, e.id, e.name, e.uscc, e.district, e.cert_grade, i.template_pk, i.status, i.score, i.grade,
       i.outcome, i.due_date, i.answered, e.cert_expires, i.started_at, i.version
FROM inspections AS i JOIN enterprises AS e ON e.id = i.enterprise_id
"""
_UNSCHEDULED_SQL = """
SELECT e.id, e.name, e.uscc, e.district, e.cert_grade, e.cert_expires FROM enterprises AS e
WHERE NOT EXISTS (SELECT 1 FROM inspections AS i WHERE i.enterprise_id = e.id) ORDER BY e.id
"""


def _templates(session: Session) -> dict[int, tuple[str, int]]:
    cursor = rawsql.execute(session.connection(), "SELECT pk, title, item_count FROM templates")
    return {pk: (title, count) for pk, title, count in cursor.fetchall()}


def _expired(cert_expires: Any, on: str) -> bool:
    """ISO dates compare as text: the certificate's last day before the day of the inspection."""
    return bool(cert_expires) and str(cert_expires)[:10] < on


def _inspection_dicts(rows: Sequence[Any], templates: dict[int, tuple[str, int]]) -> list[dict[str, Any]]:
    out = []
    today = date.today().isoformat()
    for (iid, eid, name, uscc, district, grade_, tpk, status, score, grade, outcome, due, answered, expires,
         started, version) in rows:
        title, items = templates.get(tpk, ("", 0))
        out.append({"id": iid, "enterprise_id": eid, "enterprise": name or "", "uscc": uscc or "",
                    "district": district or "", "cert_grade": grade_ or "", "template": title,
                    "status": status or "", "score": score, "grade": grade or "", "outcome": outcome or "",
                    "due_date": str(due)[:10] if due else None, "answered": answered, "item_count": items,
                    "cert_expired": _expired(expires, str(started or due or today)[:10]),
                    "version": version})  # what 验收 / 退回修改 pass as expected_version
    return out


def desk_rows(ws: Workspace) -> list[dict[str, Any]]:
    """Every inspection with its enterprise (newest first), then one row for each enterprise that has
    no inspection yet (``id`` None, status "")."""
    with reading(ws) as session:
        return _desk_rows(session)


def _desk_rows(session: Session) -> list[dict[str, Any]]:
    connection = session.connection()
    templates = _templates(session)
    rows = _inspection_dicts(rawsql.execute(connection, _INSPECTIONS_SQL + " ORDER BY i.id DESC").fetchall(),
                             templates)
    today = date.today().isoformat()
    for eid, name, uscc, district, grade, expires in rawsql.execute(connection, _UNSCHEDULED_SQL).fetchall():
        rows.append({"id": None, "enterprise_id": eid, "enterprise": name or "", "uscc": uscc or "",
                     "district": district or "", "cert_grade": grade or "", "template": "", "status": "",
                     "score": None, "grade": "", "outcome": "", "due_date": None, "answered": None,
                     "item_count": None, "cert_expired": _expired(expires, today), "version": None})
    return rows


def desk_row(ws: Workspace, inspection_id: int) -> dict[str, Any] | None:
    """The list row of one inspection."""
    rows = desk_rows_of(ws, [inspection_id])
    return rows[0] if rows else None


def desk_rows_of(ws: Workspace, inspection_ids: Iterable[int]) -> list[dict[str, Any]]:
    """The list rows of some inspections (after an operation changed them); ids that no longer exist
    are left out."""
    ids = sorted(set(inspection_ids))
    rows: list[dict[str, Any]] = []
    with reading(ws) as session:
        templates = _templates(session)
        for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
            chunk = ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            cursor = rawsql.execute(session.connection(), f"{_INSPECTIONS_SQL} WHERE i.id IN ({marks})",
                                                          tuple(chunk))
            rows += _inspection_dicts(cursor.fetchall(), templates)
    return rows


ENTERPRISE_FIELDS = ("name", "uscc", "address", "district", "industry", "sub_speciality", "cert_grade",
                     "cert_number", "cert_issued", "cert_expires", "scoring_standard", "review_org",
                     "consulting_org", "legal_rep", "contact_person", "contact_phone")


def enterprise_detail(ws: Workspace, enterprise_id: int) -> dict[str, Any] | None:
    """The enterprise's data and its whole inspection history with every finding and its status,
    newest inspection first, as plain dicts (safe to hand to the GUI thread)."""
    with reading(ws) as session:
        return _enterprise_detail(session, enterprise_id)


def _enterprise_detail(session: Session, enterprise_id: int) -> dict[str, Any] | None:
    enterprise = session.get(Enterprise, enterprise_id)
    if enterprise is None:
        return None
    data: dict[str, Any] = {"id": enterprise.id}
    for name in ENTERPRISE_FIELDS:
        value = getattr(enterprise, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else (value or "")
    data["code_kind"] = enterprise.code_kind  # "uscc", or an old code to be updated (domain.uscc)
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
    # Conflict-of-interest flags on the review behind its certificate (services.conflicts; the rules
    # and their sources in domain.conflict_rules), as ``Flag.as_dict`` gives them.
    data["conflicts"] = [flag.as_dict() for flag in conflicts.flags(session, enterprise_ids=[enterprise_id])]
    return data
