"""Operations on campaigns: importing a campaign file."""

from __future__ import annotations

from pathlib import Path

from inspector_app.services import audit, campaigns
from inspector_app.services.changes import NO_CHANGES, ChangeKind, Changes, OpResult
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace


def import_campaign(ws: Workspace, path: Path, actor: str) -> OpResult[tuple[str, str, bool]]:
    """Import a campaign file, checked field by field first (nothing stored when anything is wrong). The
    value is (id, version, new?); importing the same version again changes nothing, the same version
    with other content is refused."""
    with unit_of_work(ws) as session:
        record, created = campaigns.import_file(session, path)
        if created:
            audit.record(session, None, "campaign", record.campaign_id, "version", "", record.version, actor)
        changes: Changes = Changes.of(ChangeKind.CAMPAIGNS) if created else NO_CHANGES
        return OpResult((record.campaign_id, record.version, created), changes)
