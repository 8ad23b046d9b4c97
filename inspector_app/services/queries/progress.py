"""Read models of the campaign's progress and its reporting duties: the progress report as of a date
(``services.progress``) and its files, the duties with what this office filed or received, and the
reports filed here or received in roll-ups (``services.filing``). Definitions: docs/reports.md."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO, Any

from inspector_app.services import filing, progress, progress_files
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace

PROGRESS_COLUMNS = progress.PROGRESS_COLUMNS
PROGRESS_HEADINGS = progress.PROGRESS_HEADINGS
FIGURES = progress.FIGURES
TOTAL = progress.TOTAL
DUTY_COLUMNS = filing.DUTY_COLUMNS
FILED_COLUMNS = filing.FILED_COLUMNS
ProgressReport = progress.ProgressReport
columns_for = progress.columns_for
summary = progress_files.summary
notes = progress_files.notes
REPORT_TITLE = progress_files.REPORT_TITLES["progress"]


def progress_report(ws: Workspace, campaign_id: str = "", as_of: date | None = None) -> ProgressReport:
    """This office's progress against the campaign (current, or ``campaign_id``) as of ``as_of`` (default
    today): one row per child area and a 合计 row, per kind of check, counted by enterprise."""
    with reading(ws) as session:
        return progress.build(session, campaign_id, as_of)


def progress_pdf(report: ProgressReport, *, text: str = "") -> bytes:
    """The report as a landscape A4 PDF (title, authority, jurisdiction, as-of date, tables, text)."""
    return progress_files.render_pdf(report, text=text)


def write_progress_xlsx(report: ProgressReport, target: IO[bytes] | Path) -> None:
    """The report as a workbook: a sheet per kind of check and 说明 (streamed; a path is written atomically)."""
    progress_files.write_xlsx(report, target)


def duty_rows(ws: Workspace, campaign_id: str = "", as_of: date | None = None) -> list[dict[str, Any]]:
    """Each duty with its due date, days left (negative: overdue) and, for this office, 已报送 (number,
    date) / 逾期报送 / 未报送 for what it files, 已收到 / 逾期收到 / 未收到 per sender for what it receives."""
    with reading(ws) as session:
        return filing.duty_rows(session, campaign_id, as_of)


def filed_rows(ws: Workspace, campaign_id: str = "") -> list[dict[str, Any]]:
    """Reports filed here and received in roll-ups, with their files and whether a later one replaced them."""
    with reading(ws) as session:
        return filing.filed_rows(session, ws.sheet_dir, campaign_id)
