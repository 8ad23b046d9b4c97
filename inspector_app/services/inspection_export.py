"""One inspection as a plain, JSON-ready document: the stable shape of ``inspections show --format json``
and the record that sheets and bundles are built from.

The conclusion (``domain.conclusions``) is at the top level: ``conclusion`` (its code, what lists show),
``conclusion_label``, ``conclusion_reasons`` (each with the conclusion it leads to, the rule and its
source), ``vetoes``, ``grade_held`` (the enterprise's certificate grade; null for a check that is not
relative to it) and ``grade_awarded`` (null: no shipped check awards a grade)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.services import audit, enterprises, inspections
from inspector_app.services.photos import evidence_documents
from inspector_app.storage.models import PERSON_ROLES, Finding


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()


def finding_document(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id, "uid": finding.uid, "item_code": finding.item_code, "severity": finding.severity,
        "description": finding.description, "requirement": finding.requirement,
        "deadline": _iso(finding.deadline), "responsible_person": finding.responsible_person,
        "status": finding.status, "recheck_note": finding.recheck_note,
        "rechecked_at": _iso(finding.rechecked_at), "created_at": _iso(finding.created_at),
        "measures": [m for m in finding.measures.split(",") if m], "version": finding.version,
    }


def inspection_document(session: Session, inspection_id: int, with_audit: bool = True) -> dict[str, Any]:
    inspection = inspections.get(session, inspection_id)
    template = inspections.template_for(inspection)
    result = inspections.score(inspection)
    answers = inspections.answers_of(inspection)
    document: dict[str, Any] = {
        "id": inspection.id, "uid": inspection.uid, "status": inspection.status,
        "status_label": InspectionStatus(inspection.status).label, "revision": inspection.revision,
        "version": inspection.version,  # what 验收 / 退回修改 pass as expected_version (optimistic locking)
        "enterprise": enterprises.to_dict(inspection.enterprise),
        "template": {"id": template.id, "version": template.version, "title": template.title,
                     "kind": template.kind, "standard": template.standard},
        "inspectors": [{"name": p.name, "cert_number": p.cert_number, "role": p.role,
                        "role_label": PERSON_ROLES.get(p.role, p.role)} for p in inspection.inspectors],
        "campaign_id": inspection.campaign_id, "origin": inspection.origin,
        "location": inspection.location, "rep_name": inspection.rep_name, "rep_title": inspection.rep_title,
        "rep_phone": inspection.rep_phone, "due_date": _iso(inspection.due_date),
        "started_at": _iso(inspection.started_at), "ended_at": _iso(inspection.ended_at),
        "completed_at": _iso(inspection.completed_at), "reviewer_comment": inspection.reviewer_comment,
        "conclusion": result.outcome, "conclusion_label": result.conclusion_label,
        "conclusion_reasons": [r.as_dict() for r in result.conclusion_reasons],
        "vetoes": [v.as_dict() for v in result.vetoes],
        "grade_held": result.grade_held, "grade_awarded": result.grade_awarded,
        "answers": [
            {"item_code": code, "result": a.result, "deductions": [list(d) for d in a.deductions],
             "extra_deduction": a.extra_deduction, "extra_reason": a.extra_reason, "note": a.note}
            for code, a in sorted(answers.items())
        ],
        "score": {
            "score": None if result.score is None else float(result.score),
            "earned": float(result.earned), "achievable": float(result.achievable),
            "grade": result.grade, "outcome": result.outcome, "reasons": result.reasons,
            "answered": result.answered, "total_items": result.total_items,
            "vetoes": [v.code for v in result.vetoes],
            "problems": [{"item_code": p.item_code, "kind": p.kind, "message": p.message} for p in result.problems],
            "elements": [{"code": e.code, "title": e.title, "earned": float(e.earned),
                          "achievable": float(e.achievable), "vetoed_by": e.vetoed_by} for e in result.elements],
            "deductions": [{"item_code": d.item_code, "points": float(d.points), "reason": d.reason,
                            "clauses": list(d.clauses), "enterprise_fix": d.enterprise_fix, "veto": d.veto}
                           for d in result.deductions],
        },
        "findings": [finding_document(f) for f in inspection.findings],
    }
    if with_audit:
        document["audit"] = [
            {"at": _iso(e.at), "actor": e.actor, "entity": e.entity, "key": e.entity_key, "field": e.field,
             "old": e.old_value, "new": e.new_value, "reason": e.reason}
            for e in audit.trail(session, inspection.id)
        ]
    document.update(evidence_documents(session, inspection))  # "photos" and "signatures"
    return document
