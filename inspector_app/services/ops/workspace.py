"""Operations on the workspace as a whole: its settings and the daily refresh of cached outcomes."""

from __future__ import annotations

from datetime import date

from inspector_app.services import audit, campaigns, outcome_refresh, workspace_meta
from inspector_app.services.changes import NO_CHANGES, ChangeKind, Changes, OpResult
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace


def set_setting(ws: Workspace, key: str, value: str, actor: str) -> Changes:
    """Set a known workspace setting (``workspace_meta.KNOWN_KEYS``: the issuing authority printed on
    sheets…); an unknown key raises ``ValidationError``. The change is audited (entity "workspace")."""
    with unit_of_work(ws) as session:
        old = workspace_meta.get(session, key)
        workspace_meta.set_value(session, key, value)
        if key in ("level", "jurisdiction", "campaign"):
            campaigns.check_office(session)
        new = workspace_meta.get(session, key)
        audit.record(session, None, "workspace", "settings", key, old, new, actor)
        return Changes.of(ChangeKind.SETTINGS)


def refresh_outcomes(ws: Workspace, today: date | None = None) -> OpResult[int]:
    """Once a day: rescore inspections whose 重大 hazard deadline passed unrectified (their outcome turns
    to 建议摘牌 without anybody editing them) and stamp the day. The value is how many cached outcomes
    changed; a second call on the same day does nothing."""
    with unit_of_work(ws) as session:
        changed = outcome_refresh.refresh_if_due(session, today)
    # The building block reports a count, not which rows: a change is announced as a bulk one.
    return OpResult(changed, Changes.bulk(ChangeKind.HEADER) if changed else NO_CHANGES)
