"""Conflicts an import kept (an incoming revision that did not follow the local one) and how a person
resolves them: keep the local inspection or take the incoming record – audited either way."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.bundle.profile import Direction
from inspector_app.services import audit
from inspector_app.services.sync.export import SENDABLE
from inspector_app.services.sync.importing import write_inspection
from inspector_app.services.sync.report import Rejected
from inspector_app.storage.models import Inspection, now
from inspector_app.storage.models_sync import InspectionSync, SyncConflict
from inspector_app.translation import _

SENDABLE_TO_OFFICE = {s.value for s in SENDABLE[Direction.INSPECTOR_TO_OFFICE]}


def open_conflicts(session: Session) -> list[SyncConflict]:
    return list(session.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None))
                                .order_by(SyncConflict.id)))


def resolve(session: Session, conflict_id: int, take_incoming: bool, actor: str) -> Inspection | None:
    """Keep the local inspection, or replace it by the incoming record (audited either way); returns the
    local inspection (``None`` if it no longer exists: the conflict is only marked resolved).

    Either way the result becomes a new revision above both sides' (so neither side mistakes it for an
    old one), based on the incoming revision: the other side applies it without a second conflict.
    """
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None or conflict.resolved_at is not None:
        raise Rejected(_("没有编号为 {conflict_id} 的待处理冲突").format(conflict_id=conflict_id), code="no_such_conflict")
    local = session.scalar(select(Inspection).where(Inspection.uid == conflict.inspection_uid))
    conflict.resolved_at = now()
    conflict.resolution = "took-incoming" if take_incoming else "kept-local"
    if local is None:
        return None
    local_revision = local.revision
    if take_incoming:
        rec = json.loads(conflict.record)
        direction = (Direction.INSPECTOR_TO_OFFICE if rec["status"] in SENDABLE_TO_OFFICE
                     else Direction.OFFICE_TO_INSPECTOR)
        write_inspection(session, local, rec, direction, actor, f"conflict resolved, bundle {conflict.bundle_id}")
    audit.record(session, local, "inspection", local.uid, "conflict", "", conflict.resolution, actor,
                 f"bundle {conflict.bundle_id}")
    local.revision = max(local_revision, conflict.incoming_revision)
    audit.touch(local)
    state = session.get(InspectionSync, local.uid) or InspectionSync(inspection_uid=local.uid)
    state.synced_revision, state.updated_at = conflict.incoming_revision, now()
    session.add(state)
    return local
