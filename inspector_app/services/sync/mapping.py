"""Database records ↔ bundle records (``bundle.records``): enterprises, templates and inspections as
they travel, and the merge rules applied on import – findings matched by uid, the audit trail as the
union of both sides' (an audit event is never lost or duplicated). People's roles, the re-check visit
and the document numbers: ``services.sync.documents``."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.bundle.records import (
    AUDIT_FIELDS,
    ENTERPRISE_FIELDS,
    FINDING_FIELDS,
    INSPECTION_FIELDS,
    audit_key,
    fields_of,
    iso,
    parse_field,
)
from inspector_app.domain.errors import InspectorError
from inspector_app.domain.template import parse_template
from inspector_app.services import audit
from inspector_app.services.sync.documents import number_records, person_record, recheck_record
from inspector_app.services.sync.report import Rejected, ReportLine, titled
from inspector_app.storage.models import AuditEvent, Enterprise, Finding, Inspection, TemplateRecord
from inspector_app.translation import _


def enterprise_record(e: Enterprise) -> dict[str, Any]:
    return fields_of(e, ENTERPRISE_FIELDS)


def template_record(t: TemplateRecord) -> dict[str, Any]:
    return {"template_id": t.template_id, "version": t.version, "kind": t.kind, "title": t.title,
            "sha256": t.sha256, "content": t.content}


def inspection_record(session: Session, insp: Inspection, base: int | None) -> dict[str, Any]:
    """The inspection as it travels; ``base`` is the revision the other side last had (or ``None``)."""
    rec: dict[str, Any] = {
        "uid": insp.uid, "revision": insp.revision, "base_revision": base, "status": insp.status,
        "enterprise_uscc": insp.enterprise.uscc,
        "template": {"template_id": insp.template.template_id, "version": insp.template.version,
                     "sha256": insp.template.sha256},
        "inspectors": [person_record(p) for p in insp.inspectors],
        "score": insp.score, "grade": insp.grade, "outcome": insp.outcome, "answered": insp.answered,
        "campaign_id": insp.campaign_id,  # the office's word on a laptop; an office keeps its own
    }
    rec.update(fields_of(insp, INSPECTION_FIELDS))
    rec["answers"] = [
        {"item_code": a.item_code, "result": a.result, "deductions": json.loads(a.deductions or "[]"),
         "extra_deduction": a.extra_deduction, "extra_reason": a.extra_reason, "note": a.note,
         "updated_at": iso(a.updated_at)}
        for a in sorted(insp.answers, key=lambda a: a.item_code)
    ]
    rec["findings"] = [{"uid": f.uid, **fields_of(f, FINDING_FIELDS)} for f in insp.findings]
    rec["audit"] = [fields_of(e, AUDIT_FIELDS) for e in audit.trail(session, insp.id)]
    rec["recheck"] = recheck_record(session, insp)
    rec["numbers"] = number_records(session, insp)
    return rec


def merge_findings(session: Session, insp: Inspection, incoming: list[dict[str, Any]]) -> None:
    """The inspection's findings become the record's (matched by uid; those not in it are removed)."""
    existing = {f.uid: f for f in insp.findings}
    keep = set()
    for rec in incoming:
        finding = existing.get(rec["uid"])
        if finding is None:
            finding = Finding(uid=rec["uid"], description="")
            insp.findings.append(finding)
        for name in FINDING_FIELDS:
            if name != "measures" or rec.get(name) is not None:  # an older bundle has none: kept as it is
                setattr(finding, name, parse_field(rec, name))
        keep.add(rec["uid"])
    for uid, finding in existing.items():
        if uid not in keep:
            insp.findings.remove(finding)
    session.flush()


def merge_audit(session: Session, insp: Inspection, incoming: list[dict[str, Any]]) -> None:
    """The union of both trails: an audit event is never lost or duplicated."""
    have = set()
    if insp.id is not None:
        have = {audit_key(fields_of(event, AUDIT_FIELDS)) for event in audit.trail(session, insp.id)}
    for rec in incoming:
        if audit_key(rec) in have:
            continue
        have.add(audit_key(rec))
        values = {n: parse_field(rec, n) for n in AUDIT_FIELDS}
        session.add(AuditEvent(inspection_id=insp.id, **values))


def apply_template(session: Session, rec: dict[str, Any]) -> ReportLine:
    """A template record: added, or unchanged when the same version is here (another content of the same
    version, or content that is not its SHA-256, refuses the bundle: ``bad_record``)."""
    key = f"{rec.get('template_id')}@{rec.get('version')}"
    existing = session.scalar(select(TemplateRecord).where(TemplateRecord.template_id == rec["template_id"],
                                                           TemplateRecord.version == rec["version"]))
    if existing is not None:
        if existing.sha256 != rec["sha256"]:
            raise Rejected(_("检查表 {key} 与本机已有的同版本检查表内容不同").format(key=key), code="bad_record")
        return ReportLine("template", key, "unchanged", title=titled(existing.title, existing.version))
    content = str(rec["content"])
    if hashlib.sha256(content.encode()).hexdigest() != rec["sha256"]:
        raise Rejected(_("检查表 {key} 的内容与其 SHA-256 不符").format(key=key), code="bad_record")
    try:
        template = parse_template(json.loads(content), key)
    except (InspectorError, ValueError) as exc:
        raise Rejected(_("检查表 {key} 无效：{exc}").format(key=key, exc=exc), code="bad_record") from None
    session.add(TemplateRecord(template_id=template.id, version=template.version, kind=template.kind,
                               title=template.title, content=content, sha256=rec["sha256"],
                               item_count=len(template.items)))
    session.flush()
    return ReportLine("template", key, "added", title=titled(template.title, template.version))
