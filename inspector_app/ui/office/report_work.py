"""The reports page's work off the GUI thread (no widgets here): the duty's report rendered for the
preview, saved as PDF or workbook, a filed report's file copied out. Read models only
(``services.queries.office``); filing itself is the operation ``services.ops.reports.file_report``."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

from inspector_app.ui.lazy import LazyModule

if TYPE_CHECKING:
    from inspector_app.services.queries import office as office_queries
    from inspector_app.services.queries.office import DutyReport
    from inspector_app.storage.engine import Workspace
    from inspector_app.ui.documents import pdf_pages
else:
    office_queries = LazyModule("inspector_app.services.queries.office")
    pdf_pages = LazyModule("inspector_app.ui.documents.pdf_pages")

PREVIEW_DPI = 96.0


@dataclass(frozen=True)
class Preview:
    duty_id: str
    as_of: date
    text: str
    report: DutyReport
    pdf: bytes
    first_page: QImage  # a deep copy: fine to hand from a worker to the GUI thread
    pages: int


def preview(workspace: Workspace, duty_id: str, as_of: date, text: str) -> Preview:
    report = office_queries.duty_report(workspace, duty_id, as_of=as_of)
    pdf = office_queries.duty_pdf(report, text)
    pages = len(pdf_pages.page_sizes(pdf))
    return Preview(duty_id, as_of, text, report, pdf, pdf_pages.render_page(pdf, 0, PREVIEW_DPI), pages)


def save(workspace: Workspace, duty_id: str, as_of: date, text: str, target: Path, kind: str) -> Path:
    """The duty's report as ``kind`` = pdf / xlsx at ``target`` (the figures read again, as of the date)."""
    report = office_queries.duty_report(workspace, duty_id, as_of=as_of)
    if kind == "xlsx":
        office_queries.write_duty_xlsx(report, target, text)
    else:
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(office_queries.duty_pdf(report, text))
        partial.replace(target)
    return target


def copy_file(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


def suggested_name(area: str, title: str, as_of: date, suffix: str) -> str:
    """武进区-“回头看”工作推进落实情况表-截至2020-06-15.pdf (no characters a file system refuses)."""
    name = f"{area}-{title}-截至{as_of.isoformat()}" if area else f"{title}-截至{as_of.isoformat()}"
    return "".join("_" if c in '\\/:*?"<>|' else c for c in name) + suffix
