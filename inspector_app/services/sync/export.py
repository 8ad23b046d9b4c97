"""Export a signed bundle from a workspace: inspector → office or office → inspector.

* **Inspector → office**: completed inspections (answers, score, findings, audit trail); each becomes
  ``exported``.  Pending = completed/exported inspections whose revision the office has not yet
  acknowledged.
* **Office → inspector**: assignments (enterprises, templates, the campaigns they belong to, inspectors,
  due dates) and inspections returned with the reviewer's comment or accepted.  Pending = such inspections whose revision the
  inspectors have not yet acknowledged.

Every bundle also acknowledges the revisions this workspace holds from the other side (``extra.acks``).

Crash safety: the sequence number is reserved and committed first; the status changes happen in a
transaction that is committed only after the bundle has been written under a temporary name, read back,
verified and renamed.  A crash leaves the old database state (and at most an orphan but valid bundle
file whose revisions a retry repeats, or a ``.partial`` file); a retry takes the next sequence number.
A full disk while the bundle is written is one ``DiskFullError``: the partial file is removed and, since
no bundle carries it, the reserved sequence number is given back – the database is as it was.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector_app.bundle.bag import BagWriter, write_bundle
from inspector_app.bundle.crypto import encrypt_file
from inspector_app.bundle.profile import BundleHeader, Direction
from inspector_app.bundle.records import file_key
from inspector_app.domain.errors import ValidationError
from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.services import inspections
from inspector_app.services.changes import NO_CHANGES, ChangeKind, Changes
from inspector_app.services.sync.campaign_sync import campaign_records
from inspector_app.services.sync.evidence_files import Places, evidence_record
from inspector_app.services.sync.identity import Identity, default_direction
from inspector_app.services.sync.mapping import enterprise_record, inspection_record, template_record
from inspector_app.services.unit import reading, serialize, unit_of_work
from inspector_app.storage.engine import Workspace
from inspector_app.storage.files import DiskFullError, disk_full_as_error, storable_name
from inspector_app.storage.models import Inspection
from inspector_app.storage.models_sync import InspectionSync, OutgoingBundle
from inspector_app.translation import _, listing, pgettext

S = InspectionStatus
# Which statuses travel in which direction.
SENDABLE = {
    Direction.INSPECTOR_TO_OFFICE: (S.COMPLETED, S.EXPORTED),
    Direction.OFFICE_TO_INSPECTOR: (S.ASSIGNED, S.RETURNED, S.ACCEPTED),
}


@dataclass
class ExportResult:
    path: Path
    bundle_id: str
    sequence: int
    direction: Direction
    inspections: list[tuple[int, str, int]] = field(default_factory=list)  # (id, uid, revision)
    payload_files: int = 0
    payload_bytes: int = 0
    encrypted: bool = False
    fingerprint: str = ""  # the signing key's
    changes: Changes = NO_CHANGES  # the inspections that became "exported"


# -- selection --------------------------------------------------------------------------------------
def _states(session: Session, uids: Sequence[str]) -> dict[str, InspectionSync]:
    if not uids:
        return {}
    rows = session.scalars(select(InspectionSync).where(InspectionSync.inspection_uid.in_(list(uids))))
    return {r.inspection_uid: r for r in rows}


def pending_inspections(session: Session, direction: Direction) -> list[Inspection]:
    """Inspections of a sendable status whose current revision the other side has not acknowledged."""
    candidates = list(session.scalars(
        select(Inspection).where(Inspection.status.in_([s.value for s in SENDABLE[direction]]),
                                 Inspection.origin == "")  # the offices below's records are theirs to send
        .order_by(Inspection.id)))
    states = _states(session, [i.uid for i in candidates])
    pending = []
    for insp in candidates:
        state = states.get(insp.uid)
        acked = state.acked_revision if state is not None else None
        if acked is None or insp.revision > acked:
            pending.append(insp)
    return pending


def _select(session: Session, direction: Direction, ids: Sequence[int] | None) -> list[Inspection]:
    if ids is None:
        return pending_inspections(session, direction)
    chosen = []
    allowed = SENDABLE[direction]
    for iid in ids:
        insp = inspections.get(session, iid)
        inspections.require_own(insp)
        if InspectionStatus(insp.status) not in allowed:
            raise ValidationError(
                _("检查 {iid} 的状态是“{label}”，不能导出到{value}（可导出：{value2}）").format(
                    iid=iid, label=_(InspectionStatus(insp.status).label),
                    value=pgettext("recipient", "办公室") if direction is Direction.INSPECTOR_TO_OFFICE
                    else pgettext("recipient", "检查人员"), value2=listing(_(s.label) for s in allowed)))
        chosen.append(insp)
    return chosen


def _reserve(ws: Workspace, direction: Direction) -> tuple[int, str]:
    with unit_of_work(ws) as session:
        serialize(session, "sync_outgoing_bundles.sequence")
        sequence = (session.scalar(select(func.max(OutgoingBundle.sequence))) or 0) + 1
        bundle_id = str(uuid.uuid4())
        session.add(OutgoingBundle(sequence=sequence, bundle_id=bundle_id, direction=direction.value))
    return sequence, bundle_id


@contextlib.contextmanager
def _unreserved_if_not_written(ws: Workspace, sequence: int, bundle_id: str) -> Iterator[None]:
    """Give the reserved number back when the bundle file could not be written for a full disk (then no
    bundle carries it). Not when the database itself was full: the bundle may then be in place."""
    try:
        yield
    except DiskFullError as exc:
        if exc.path != ws.db_path:
            with contextlib.suppress(Exception), unit_of_work(ws) as session:
                outgoing = session.get(OutgoingBundle, sequence)
                if outgoing is not None and outgoing.bundle_id == bundle_id and outgoing.state == "reserved":
                    session.delete(outgoing)
        raise


def _acks(session: Session) -> list[list[Any]]:
    rows = session.scalars(select(InspectionSync).where(InspectionSync.synced_revision.is_not(None)))
    return [[r.inspection_uid, r.synced_revision] for r in rows]


# -- export ---------------------------------------------------------------------------------------
def export_bundle(
    ws: Workspace,
    identity: Identity,
    target: Path,
    *,
    inspection_ids: Sequence[int] | None = None,
    direction: Direction | None = None,
    encrypt_to: bytes | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ExportResult:
    """Write one bundle with the selected (or all pending) inspections to ``target``."""
    target = Path(target)
    with reading(ws) as probe:
        direction = direction or default_direction(probe)
    sequence, bundle_id = _reserve(ws, direction)
    result = ExportResult(target, bundle_id, sequence, direction, encrypted=encrypt_to is not None,
                          fingerprint=identity.signer.fingerprint)
    with _unreserved_if_not_written(ws, sequence, bundle_id), unit_of_work(ws) as session:
        chosen = _select(session, direction, inspection_ids)
        if not chosen:
            raise ValidationError(_("没有需要导出的检查（全部已被对方确认）"))
        exported = [insp for insp in chosen if direction is Direction.INSPECTOR_TO_OFFICE
                    and insp.status == S.COMPLETED]
        for insp in exported:
            inspections.set_status(session, insp, S.EXPORTED, identity.name)
        session.flush()
        states = _states(session, [i.uid for i in chosen])
        records = []
        files: dict[str, Path] = {}
        places = Places(ws.photo_dir, ws.sheet_dir)
        for number, insp in enumerate(chosen, 1):
            state = states.get(insp.uid)
            record = inspection_record(session, insp, state.synced_revision if state else None)
            evidence, carried = evidence_record(session, insp, places)
            record.update(evidence)
            files.update(carried)
            records.append(record)
            result.inspections.append((insp.id, insp.uid, insp.revision))
            progress(number, len(chosen), _("检查 {id}").format(id=insp.id))
        enterprises = {i.enterprise.uscc: enterprise_record(i.enterprise) for i in chosen}
        templates = {i.template.sha256: template_record(i.template) for i in chosen}
        campaigns = campaign_records(session, chosen) if direction is Direction.OFFICE_TO_INSPECTOR else {}
        header = BundleHeader(
            direction=direction, device_id=identity.device_id, key_fingerprint=identity.signer.fingerprint,
            producer_name=identity.name, sequence=sequence,
            created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), bundle_id=bundle_id,
            extra={"acks": _acks(session), "inspections": [[u, r] for _iid, u, r in result.inspections]},
        )

        def fill(writer: BagWriter) -> None:
            for uscc_code, rec in sorted(enterprises.items()):
                writer.add_json(f"data/records/enterprises/{file_key(uscc_code)}.json", rec)
            for sha, rec in sorted(templates.items()):
                writer.add_json(f"data/records/templates/{sha}.json", rec)
            for sha, rec in sorted(campaigns.items()):
                writer.add_json(f"data/records/campaigns/{sha}.json", rec)
            for rec in records:
                writer.add_json(f"data/records/inspections/{rec['uid']}.json", rec)
            for number, (path, source) in enumerate(sorted(files.items()), 1):
                # content-addressed: the name is the hash; write_bundle's read-back re-hashes every file
                writer.add_file(path, source, cancel, known_sha256=path.rsplit("/", 1)[1].split(".")[0])
                progress(number, len(files), path.rsplit("/", 1)[1])
            if cancel is not None:
                cancel.raise_if_cancelled()

        # An encrypted bundle is assembled inside the workspace, so no plaintext copy ever lands next
        # to the target (a USB stick) – not even after a crash.
        for stale in ws.root.glob(".*export-*.inspbundle*"):
            stale.unlink(missing_ok=True)
        plain = target if encrypt_to is None else ws.root / f".export-{bundle_id}.inspbundle"
        with disk_full_as_error(target if encrypt_to is None else ws.root, _("（数据包未导出，检查的状态未改变）")):
            written = write_bundle(plain, header, identity.signer, fill, progress, cancel)
        try:
            if encrypt_to is not None:
                with disk_full_as_error(target, _("（数据包未导出，检查的状态未改变）")):
                    encrypt_file(plain, target, encrypt_to)
        finally:
            if encrypt_to is not None:
                with contextlib.suppress(OSError):
                    plain.unlink()
        result.payload_files, result.payload_bytes = written.payload_files, written.payload_bytes
        outgoing = session.get(OutgoingBundle, sequence)
        if outgoing is not None:
            outgoing.state = "written"
            outgoing.file_name = storable_name(target.name)
            outgoing.inspections = json.dumps([[u, r] for _iid, u, r in result.inspections])
        kinds = (ChangeKind.SYNC, ChangeKind.STATUS) if exported else (ChangeKind.SYNC,)
        result.changes = Changes.of(*kinds, inspections=[i.id for i in exported],
                                    enterprises=[i.enterprise_id for i in exported])
    return result
