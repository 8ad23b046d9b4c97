"""Database records ↔ roll-up records (``bundle.rollup``, docs/bundle-format.md §12): the records of the
other directions (``services.sync.mapping``, ``evidence_files``) with their ``origin`` (and an
inspection's ``campaign_id``), filed reports, and the document settings of the offices whose records a
roll-up carries. The export writes these; the import compares an incoming record with the one it would
write itself to tell an unchanged record from an updated one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.bundle.evidence import REPORTS, member
from inspector_app.bundle.records import fields_of
from inspector_app.bundle.rollup import FILED_REPORT_FIELDS, OFFICE_SETTINGS
from inspector_app.domain.campaign import Jurisdiction
from inspector_app.services import workspace_meta
from inspector_app.services.sync.evidence_files import Places, evidence_record
from inspector_app.services.sync.mapping import enterprise_record, inspection_record
from inspector_app.storage.models import Enterprise, Inspection
from inspector_app.storage.models_campaigns import FiledReport, RollupOffice

Files = dict[str, Path]  # bundle path → source file


def enterprise_origin(enterprise: Enterprise, area: Jurisdiction) -> str:
    """Where an enterprise belongs: the origin it came with from below, else this office's area – for a
    city (province) the area below it named by the enterprise's district, when there is one."""
    if enterprise.origin:
        return enterprise.origin
    below = next((a for a in area.walk() if a is not area and a.name == enterprise.district), None)
    return below.path if below is not None else area.path


def enterprise_rollup(enterprise: Enterprise, area: Jurisdiction) -> dict[str, Any]:
    return {**enterprise_record(enterprise), "origin": enterprise_origin(enterprise, area)}


def inspection_rollup(session: Session, insp: Inspection, places: Places, own_path: str, *,
                      with_photos: bool) -> tuple[dict[str, Any], Files]:
    """The inspection as a roll-up carries it – its origin is the office that holds it (this one, for
    its own) – and the files to carry: signature images and printed sheets always, photos (originals and
    derived copies) only ``with_photos``; a file missing here is not carried."""
    record = inspection_record(session, insp, None)
    evidence, carried = evidence_record(session, insp, places, photo_files=with_photos, held_below=bool(insp.origin))
    record.update(evidence)
    record["origin"] = insp.origin or own_path
    record["campaign_id"] = insp.campaign_id
    return record, {rel: path for rel, path in carried if path.is_file()}


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """What two records of the same inspection are compared on (the base revision is the sender's)."""
    return {key: value for key, value in record.items() if key != "base_revision"}


def filed_report_rollup(report: FiledReport, own_path: str, sheet_dir: Path) -> tuple[dict[str, Any], Files]:
    record = fields_of(report, FILED_REPORT_FIELDS)
    record["origin"] = report.origin or own_path
    files: Files = {}
    for sha, suffix in ((report.pdf_sha256, "pdf"), (report.xlsx_sha256, "xlsx")):
        source = sheet_dir / f"{sha}.{suffix}"
        if sha and source.is_file():
            files[member(REPORTS, sha, suffix)] = source
    return record, files


def own_settings(session: Session) -> dict[str, str]:
    """This office's document settings (only those set)."""
    values = {key: workspace_meta.get(session, key) for key in OFFICE_SETTINGS}
    return {key: value for key, value in values.items() if value}


def office_records(session: Session, area: Jurisdiction) -> list[dict[str, Any]]:
    """This office's document settings and those of the offices below whose records it holds."""
    records = [{"jurisdiction": area.path, "settings": own_settings(session)}]
    for row in session.scalars(select(RollupOffice).order_by(RollupOffice.jurisdiction)):
        if row.jurisdiction != area.path:
            records.append({"jurisdiction": row.jurisdiction, "settings": json.loads(row.settings or "{}")})
    return records
