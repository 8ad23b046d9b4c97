"""The supervisor's review of a received inspection: 验收 (accept) or 退回修改 (return for correction).

A return needs a comment: it becomes the reviewer's comment sent back to the inspector with the next
bundle and the audited reason of the status change. Both run the lifecycle rules of
``domain.lifecycle`` (``ACCEPTABLE`` / ``RETURNABLE``) and write the audit trail.

Two supervisors deciding on the same inspection at once: one wins, the other is refused with a message
naming the state now – ``StaleEditError`` (the version the screen showed no longer holds, or the row
changed under an open transaction on PostgreSQL) or ``LifecycleError`` (an accepted inspection cannot be
returned), and nothing of theirs is written.
"""

from __future__ import annotations

from inspector_app.services import inspections
from inspector_app.services.changes import ChangeKind, Changes
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace


def accept(ws: Workspace, inspection_id: int, actor: str, expected_version: int | None = None) -> Changes:
    """验收: a received inspection is accepted (and stays locked). ``expected_version``: the version the
    supervisor saw (``StaleEditError`` naming the state now when someone else changed it since)."""
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        inspections.check_version(inspection, expected_version)
        inspections.accept(session, inspection, actor)
        return Changes.of(ChangeKind.STATUS, inspections=[inspection_id], enterprises=[inspection.enterprise_id])


def return_for_correction(ws: Workspace, inspection_id: int, actor: str, comment: str,
                          expected_version: int | None = None) -> Changes:
    """退回修改 with the reviewer's comment (required): the inspector can edit it again. ``expected_version``
    as for ``accept``."""
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        inspections.check_version(inspection, expected_version)
        inspections.return_for_correction(session, inspection, actor, comment)
        return Changes.of(ChangeKind.STATUS, inspections=[inspection_id], enterprises=[inspection.enterprise_id])
