"""Records with a controlled history for the progress and filing tests: enterprises, inspections whose
status rows of the audit trail carry chosen times, findings with deadlines and re-checks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from itertools import count

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.services import campaigns, workspace_meta
from inspector_app.services.templates import sync_shipped_templates
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import AuditEvent, Enterprise, Finding, Inspection, TemplateRecord

CAMPAIGN = "jiangsu-changzhou-2020"
TEMPLATES = {"lookback": "lookback-2020", "audit": "operation-audit-2020", "review_quality": "review-quality-2020"}
WUJIN = "江苏省常州市武进区"
_serial = count(1)


def office(ws: Workspace, level: str, jurisdiction: str, authority: str = "") -> None:
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        campaigns.sync_shipped_campaigns(s)
        workspace_meta.set_value(s, "level", level)
        workspace_meta.set_value(s, "jurisdiction", jurisdiction)
        if authority:
            workspace_meta.set_value(s, "authority_name", authority)


def enterprise(s: Session, name: str, *, district: str = "武进区", grade: str = "三级",
               expires: date | None = date(2022, 12, 31), origin: str = "", industry: str = "机械") -> Enterprise:
    row = Enterprise(uscc=f"91320412TEST{next(_serial):06d}", name=name, district=district, industry=industry,
                     cert_grade=grade, cert_expires=expires, origin=origin)
    s.add(row)
    s.flush()
    return row


def at(text: str) -> datetime:
    return datetime.fromisoformat(text if " " in text else text + " 09:00")


def inspection(s: Session, ent: Enterprise, history: Sequence[tuple[str, str]], *, kind: str = "lookback",
               outcome: str = "", started: str | None = None, origin: str = "", audit_rows: bool = True) -> Inspection:
    """``history``: (time, status) from the assignment on; the status rows of the audit trail follow it."""
    template = s.scalars(select(TemplateRecord).where(TemplateRecord.template_id == TEMPLATES[kind])).first()
    assert template is not None
    row = Inspection(enterprise_id=ent.id, template_pk=template.pk, status=history[-1][1],
                     assigned_at=at(history[0][0]), started_at=at(started) if started else None,
                     outcome=outcome, campaign_id=CAMPAIGN, origin=origin)
    s.add(row)
    s.flush()
    if audit_rows:
        old = ""
        for when, status in history:
            s.add(AuditEvent(inspection_id=row.id, entity="inspection", entity_key=row.uid, field="status",
                             old_value=old, new_value=status, actor="王明", at=at(when)))
            old = status
        s.add(AuditEvent(inspection_id=row.id, entity="answer", entity_key="A.1", field="answer", old_value="",
                         new_value="符合", actor="王明", at=at(history[0][0])))
    return row


def finding(s: Session, insp: Inspection, *, severity: str = "一般", created: str = "2020-03-01",
            deadline: date | None = date(2020, 3, 10), passed: str | None = None, status: str = "待整改") -> Finding:
    row = Finding(inspection_id=insp.id, severity=severity, description="隐患", deadline=deadline,
                  status="复查合格" if passed else status, rechecked_at=at(passed) if passed else None,
                  created_at=at(created))
    s.add(row)
    s.flush()
    return row


DONE = [("2020-02-01", "assigned"), ("2020-02-05", "in_progress"), ("2020-02-20", "completed"),
        ("2020-02-21", "exported"), ("2020-02-22", "received")]
