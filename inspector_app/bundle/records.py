"""Inspection records: the JSON shape of enterprises, templates and inspections in a bundle, and the
merge rules applied on import (findings by uid, audit trail as a union).

Used by ``services.bundle_export`` and ``services.bundle_import``; documented in
``docs/bundle-format.md``.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from inspector_app.bundle.errors import BagInvalidError
from inspector_app.services import audit
from inspector_app.storage.models import AuditEvent, Enterprise, Finding, Inspection, TemplateRecord

ENTERPRISE_FIELDS = ("uscc", "uscc_override", "name", "address", "district", "industry", "sub_speciality",
                     "cert_grade", "cert_number", "cert_issued", "cert_expires", "scoring_standard", "review_org",
                     "consulting_org", "legal_rep", "contact_person", "contact_phone")
INSPECTION_FIELDS = ("due_date", "assigned_at", "started_at", "ended_at", "completed_at", "location", "rep_name",
                     "rep_title", "rep_phone", "reviewer_comment", "created_at", "updated_at")
FINDING_FIELDS = ("item_code", "severity", "description", "requirement", "deadline", "responsible_person",
                  "status", "recheck_note", "rechecked_at", "created_at", "updated_at")
AUDIT_FIELDS = ("entity", "entity_key", "field", "old_value", "new_value", "actor", "at", "reason")
DATE_FIELDS = {"due_date", "cert_issued", "cert_expires", "deadline"}


def iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


# -- records ----------------------------------------------------------------------------------------
def file_key(text: str) -> str:
    """A record file name for ``text`` within the path grammar ([A-Za-z0-9_-]{1,80})."""
    return text if re.fullmatch(r"[A-Za-z0-9_-]{1,80}", text) else "x" + hashlib.sha256(text.encode()).hexdigest()


def enterprise_record(e: Enterprise) -> dict[str, Any]:
    return {name: (iso(v) if isinstance(v := getattr(e, name), date) else v) for name in ENTERPRISE_FIELDS}


def template_record(t: TemplateRecord) -> dict[str, Any]:
    return {"template_id": t.template_id, "version": t.version, "kind": t.kind, "title": t.title,
            "sha256": t.sha256, "content": t.content}


def inspection_record(session: Session, insp: Inspection, base: int | None) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "uid": insp.uid, "revision": insp.revision, "base_revision": base, "status": insp.status,
        "enterprise_uscc": insp.enterprise.uscc,
        "template": {"template_id": insp.template.template_id, "version": insp.template.version,
                     "sha256": insp.template.sha256},
        "inspectors": [{"name": p.name, "cert_number": p.cert_number, "organisation": p.organisation,
                        "phone": p.phone} for p in insp.inspectors],
        "score": insp.score, "grade": insp.grade, "outcome": insp.outcome, "answered": insp.answered,
    }
    for name in INSPECTION_FIELDS:
        value = getattr(insp, name)
        rec[name] = iso(value) if isinstance(value, date) else value
    rec["answers"] = [
        {"item_code": a.item_code, "result": a.result, "deductions": json.loads(a.deductions or "[]"),
         "extra_deduction": a.extra_deduction, "extra_reason": a.extra_reason, "note": a.note,
         "updated_at": iso(a.updated_at)}
        for a in sorted(insp.answers, key=lambda a: a.item_code)
    ]
    rec["findings"] = [
        {"uid": f.uid, **{n: (iso(v) if isinstance(v := getattr(f, n), date) else v) for n in FINDING_FIELDS}}
        for f in insp.findings
    ]
    rec["audit"] = [
        {n: (iso(v) if isinstance(v := getattr(e, n), date) else v) for n in AUDIT_FIELDS}
        for e in audit.trail(session, insp.id)
    ]
    return rec


def parse_field(rec: dict[str, Any], name: str) -> Any:
    value = rec.get(name)
    if value is None or (name not in DATE_FIELDS and not name.endswith("_at") and name != "at"):
        return value
    try:
        return date.fromisoformat(value) if name in DATE_FIELDS else datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BagInvalidError(f"字段 {name} 的日期 {value!r} 无效", code="bad_record") from None


def merge_findings(session: Session, insp: Inspection, incoming: list[dict[str, Any]]) -> None:
    existing = {f.uid: f for f in insp.findings}
    keep = set()
    for rec in incoming:
        finding = existing.get(rec["uid"])
        if finding is None:
            finding = Finding(uid=rec["uid"], description="")
            insp.findings.append(finding)
        for name in FINDING_FIELDS:
            setattr(finding, name, parse_field(rec, name))
        keep.add(rec["uid"])
    for uid, finding in existing.items():
        if uid not in keep:
            insp.findings.remove(finding)
    session.flush()


def merge_audit(session: Session, insp: Inspection, incoming: list[dict[str, Any]]) -> None:
    """The union of both trails: an audit event is never lost or duplicated."""
    def key(values: dict[str, Any]) -> tuple[str, ...]:
        return tuple("" if values.get(n) is None else str(values[n]) for n in AUDIT_FIELDS)

    have = set()
    if insp.id is not None:
        for event in audit.trail(session, insp.id):
            have.add(key({n: (v.isoformat() if isinstance(v := getattr(event, n), datetime) else v)
                          for n in AUDIT_FIELDS}))
    for rec in incoming:
        if key(rec) in have:
            continue
        have.add(key(rec))
        values = {n: parse_field(rec, n) for n in AUDIT_FIELDS}
        session.add(AuditEvent(inspection_id=insp.id, **values))
