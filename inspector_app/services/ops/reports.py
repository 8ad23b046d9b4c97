"""Operations on the reports of a campaign's duties: filing this office's report (figures frozen,
numbered, PDF and workbook kept) and recording a report received on paper (``services.filing``)."""

from __future__ import annotations

from datetime import date

from inspector_app.services import filing
from inspector_app.services.changes import ChangeKind, Changes, OpResult
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace

FiledInfo = filing.FiledInfo


def file_report(ws: Workspace, duty_id: str, actor: str, *, campaign_id: str = "", as_of: date | None = None,
                text: str = "") -> OpResult[FiledInfo]:
    """File this office's report at a duty whose sender is this office's level (else refused, naming the
    duty's sender); as of the duty's due date, or today when that is earlier; a re-filing supersedes the
    previous report. Audited."""
    with unit_of_work(ws) as session:
        info = filing.file_report(session, ws.sheet_dir, duty_id, actor, campaign_id=campaign_id, as_of=as_of,
                                  text=text)
        return OpResult(info, Changes.of(ChangeKind.REPORTS))


def record_received(ws: Workspace, duty_id: str, sender: str, received_on: date, actor: str, note: str = "", *,
                    campaign_id: str = "") -> OpResult[int]:
    """Record a report received on paper (a review organisation's self-inspection, say) at a duty this
    office receives. The value is the new record's id. Audited."""
    with unit_of_work(ws) as session:
        row = filing.record_received(session, duty_id, sender, received_on, actor, note, campaign_id=campaign_id)
        return OpResult(row.id, Changes.of(ChangeKind.REPORTS))
