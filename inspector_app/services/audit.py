"""The audit trail: every change to an inspection is recorded with who, when, old → new and why."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import LifecycleError
from inspector_app.storage.models import AuditEvent, Inspection, now
from inspector_app.translation import _


def as_text(value: Any) -> str:
    """A stable human-readable rendering of a field value for the audit trail."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def record(session: Session, inspection: Inspection | None, entity: str, key: str, field: str,
           old: Any, new: Any, actor: str, reason: str = "") -> None:
    old_text, new_text = as_text(old), as_text(new)
    if old_text == new_text and not reason:
        return
    session.add(AuditEvent(
        inspection_id=inspection.id if inspection is not None else None, entity=entity, entity_key=key,
        field=field, old_value=old_text, new_value=new_text, actor=actor, at=now(), reason=reason))


def held_below(inspection: Inspection) -> LifecycleError:
    """The refusal for a change to an inspection an office below holds (it came in its roll-up)."""
    return LifecycleError(_("检查 {id} 由下级机关（{origin}）持有，随其汇总数据包而来："
                            "本机关只能查看，不能修改（须由该机关修改，再随其下一份汇总上报）").format(
        id=inspection.id, origin=inspection.origin))


def touch(inspection: Inspection) -> None:
    """Mark an inspection changed: sync relies on the revision number to detect conflicts. Never one an
    office below holds (``origin``): every change to an inspection passes here, so none slips through."""
    if inspection.origin:
        raise held_below(inspection)
    inspection.revision = (inspection.revision or 0) + 1
    inspection.updated_at = now()


def trail(session: Session, inspection_id: int) -> list[AuditEvent]:
    stmt = select(AuditEvent).where(AuditEvent.inspection_id == inspection_id).order_by(AuditEvent.id)
    return list(session.scalars(stmt))
