"""Export a roll-up (``office-to-parent``, docs/bundle-format.md §12): everything this office holds for
its area, signed with its key, for the office directly above it.

It carries the office's enterprises, the templates its inspections use, every inspection (with answers,
score and outcome, findings, people, signatures, printed sheets, re-check, document numbers and audit
trail), the reports it filed, its 摘牌 case files with their steps and attached files (``rollup_cases``)
and the document settings of the offices whose records it holds. Its own
records carry this office's path as their ``origin`` (an enterprise of a city's own register the path of
its district); records that came from below keep theirs, so a city's roll-up brings its districts'
records to the province unchanged. Photos travel only ``with_photos``; without them the photo rows do.

Each roll-up is the office's whole current state: the office above replaces the previous one from this
office with it. Nothing in this workspace changes but the sequence number it takes (reserved first, as
for every bundle: ``services.sync.export``); the records are read in one snapshot, so the export holds
no write lock while it writes the file.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.bundle.bag import BagWriter, write_bundle
from inspector_app.bundle.crypto import encrypt_file
from inspector_app.bundle.profile import BundleHeader, Direction
from inspector_app.bundle.records import file_key
from inspector_app.domain.campaign import Jurisdiction
from inspector_app.domain.errors import ValidationError
from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.services.changes import ChangeKind, Changes
from inspector_app.services.sync import offices, rollup_cases
from inspector_app.services.sync.evidence_files import Places
from inspector_app.services.sync.export import ExportResult, _reserve, _unreserved_if_not_written
from inspector_app.services.sync.identity import Identity, role
from inspector_app.services.sync.mapping import template_record
from inspector_app.services.sync.rollup_records import (
    Files,
    enterprise_rollup,
    filed_report_rollup,
    inspection_rollup,
    office_records,
)
from inspector_app.services.unit import reading, unit_of_work
from inspector_app.storage import rawsql
from inspector_app.storage.engine import Workspace
from inspector_app.storage.files import disk_full_as_error, storable_name
from inspector_app.storage.models import Enterprise, Inspection
from inspector_app.storage.models_campaigns import FiledReport
from inspector_app.storage.models_sync import OutgoingBundle
from inspector_app.translation import N_, _

NOT_WRITTEN = N_("（汇总数据包未导出）")


def export_rollup(ws: Workspace, identity: Identity, target: Path, *, with_photos: bool = False,
                  encrypt_to: bytes | None = None, progress: Progress = no_progress,
                  cancel: CancelToken | None = None) -> ExportResult:
    """Write this office's roll-up to ``target`` (see the module). Refuses (``ValidationError``) in a
    workspace that is not an office with an area below another one."""
    target = Path(target)
    with unit_of_work(ws) as probe:  # may copy the shipped campaigns in: not inside the snapshot below
        area = _check_office(probe)
    sequence, bundle_id = _reserve(ws, Direction.OFFICE_TO_PARENT)
    result = ExportResult(target, bundle_id, sequence, Direction.OFFICE_TO_PARENT, encrypted=encrypt_to is not None,
                          fingerprint=identity.signer.fingerprint)
    with _unreserved_if_not_written(ws, sequence, bundle_id):
        with reading(ws) as session:
            rawsql.snapshot(session.connection())  # one snapshot for the whole roll-up
            places = Places(ws.photo_dir, ws.sheet_dir)
            records: dict[str, dict[str, Any]] = {}
            files: Files = {}
            for rec in office_records(session, area):
                records[f"offices/{file_key(rec['jurisdiction'])}"] = rec
            for enterprise in session.scalars(select(Enterprise).order_by(Enterprise.id)):
                records[f"enterprises/{file_key(enterprise.uscc)}"] = enterprise_rollup(enterprise, area)
            chosen = list(session.scalars(select(Inspection).order_by(Inspection.id)))
            for number, insp in enumerate(chosen, 1):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                rec, carried = inspection_rollup(session, insp, places, area.path, with_photos=with_photos)
                records[f"inspections/{insp.uid}"] = rec
                records.setdefault(f"templates/{insp.template.sha256}", template_record(insp.template))
                files.update(carried)
                result.inspections.append((insp.id, insp.uid, insp.revision))
                progress(number, len(chosen), _("检查 {id}").format(id=insp.id))
            for report in session.scalars(select(FiledReport).order_by(FiledReport.id)):
                rec, carried = filed_report_rollup(report, area.path, ws.sheet_dir)
                records[f"filed_reports/{report.uid}"] = rec
                files.update(carried)
            case_records, carried = rollup_cases.export_cases(session, area.path, ws.sheet_dir)
            records.update(case_records)
            files.update(carried)
            header = BundleHeader(
                direction=Direction.OFFICE_TO_PARENT, device_id=identity.device_id,
                key_fingerprint=identity.signer.fingerprint, producer_name=identity.name, sequence=sequence,
                created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), bundle_id=bundle_id,
                extra={"inspections": [[u, r] for _iid, u, r in result.inspections],
                       "rollup": {"jurisdiction": area.path, "with_photos": with_photos}})
            written = _write(ws, target, header, identity, records, files, encrypt_to, progress, cancel)
        result.payload_files, result.payload_bytes = written
        with unit_of_work(ws) as session:
            outgoing = session.get(OutgoingBundle, sequence)
            if outgoing is not None:
                outgoing.state = "written"
                outgoing.file_name = storable_name(target.name)
    result.changes = Changes.of(ChangeKind.SYNC)
    return result


def _check_office(session: Session) -> Jurisdiction:
    """This office's area, which must have an office above it."""
    if role(session) != "office":
        raise ValidationError(_("只有机关（keys role office）的工作区可以导出汇总数据包（--to-parent）"))
    _campaign, area = offices.own_area(session)
    if area is None:
        raise ValidationError(_("本机关尚未设置层级和辖区（workspace set level …、workspace set jurisdiction …）：不能导出汇总数据包"))
    if offices.parent_area(session) is None:
        raise ValidationError(_("本机关（{path}）没有上级机关：不能导出汇总数据包").format(path=area.path))
    return area


def _write(ws: Workspace, target: Path, header: BundleHeader, identity: Identity, records: dict[str, dict[str, Any]],
           files: Files, encrypt_to: bytes | None, progress: Progress,
           cancel: CancelToken | None) -> tuple[int, int]:
    """Write the bag (encrypted: assembled inside the workspace first, as ``services.sync.export`` does)."""

    def fill(writer: BagWriter) -> None:
        for name, rec in sorted(records.items()):
            writer.add_json(f"data/records/{name}.json", rec)
        for number, (path, source) in enumerate(sorted(files.items()), 1):
            writer.add_file(path, source, cancel, known_sha256=path.rsplit("/", 1)[1].split(".")[0])
            progress(number, len(files), path.rsplit("/", 1)[1])
        if cancel is not None:
            cancel.raise_if_cancelled()

    for stale in ws.root.glob(".*export-*.inspbundle*"):
        stale.unlink(missing_ok=True)
    plain = target if encrypt_to is None else ws.root / f".export-{header.bundle_id}.inspbundle"
    with disk_full_as_error(target if encrypt_to is None else ws.root, _(NOT_WRITTEN)):
        written = write_bundle(plain, header, identity.signer, fill, progress, cancel)
    try:
        if encrypt_to is not None:
            with disk_full_as_error(target, _(NOT_WRITTEN)):
                encrypt_file(plain, target, encrypt_to)
    finally:
        if encrypt_to is not None:
            with contextlib.suppress(OSError):
                plain.unlink()
    return written.payload_files, written.payload_bytes
