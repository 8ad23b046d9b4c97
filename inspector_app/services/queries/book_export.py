"""Read models that write a stored checklist template or campaign as the workbook a bureau edits
(``docs/template-workbook.md``); the workbook imports back to the same template or campaign."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from inspector_app.services import campaigns, templates
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.files import disk_full_as_error
from inspector_app.tabular.campaign_book_write import write_campaign_book
from inspector_app.tabular.template_writer import write_template_book


@dataclass(frozen=True)
class BookExport:
    """What was written: the file, and the template's or campaign's id, version and title."""

    path: Path
    id: str
    version: str
    title: str


def export_template(ws: Workspace, template_id: str, path: Path, version: str | None = None) -> BookExport:
    """Write a stored template version (the newest when ``version`` is None) as a template workbook."""
    with reading(ws) as session:
        record = templates.stored(session, template_id, version)
        data = templates.content_of(record)
        found = BookExport(path, record.template_id, record.version, record.title)
    with disk_full_as_error(path, "（检查表模板工作簿）"):
        write_template_book(data, path)
    return found


def export_campaign(ws: Workspace, campaign_id: str, path: Path) -> BookExport:
    """Write the newest version of a campaign as a campaign workbook."""
    with reading(ws) as session:
        campaign = campaigns.get(session, campaign_id)
        found = BookExport(path, campaign.id, campaign.version, campaign.title)
        data = dict(campaign.raw)
    with disk_full_as_error(path, "（活动工作簿）"):
        write_campaign_book(data, path)
    return found
