"""Import bundles: verify everything first, then apply each bundle in one transaction.

For each file (or every bundle in a folder, e.g. a USB stick):

1. decrypt if it is encrypted (to a temporary file, with this installation's X25519 key);
2. ``verify_bundle`` with the workspace's trust store: zip safety, manifests, signature, profile,
   format version – nothing is written before all of it passed;
3. in one transaction: the direction must suit this workspace's role and the signer's enrolled role,
   and the device the bundle names must be the one its key is bound to; a bundle id seen before is
   reported "already imported" and changes nothing; a sequence number not above the device's last one
   is a replayed or superseded bundle and is rejected; then what the signer may send is checked
   (``services.sync.authorize``, docs/bundle-format.md §10) and templates, enterprises and inspections
   are applied, and the bundle is recorded. Any refusal rolls the whole bundle back.

Messages are Chinese (the CLI prints them to inspectors) and keep the technical detail; the report
(``services.sync.report``) carries the stable codes and what the import changed, and – as lines with
``action == "warning"`` after an inspection's line – what was imported but needs a person's eye: a role
the office keeps, a document number two devices issued (``services.sync.documents``).

Per inspection (``R`` incoming revision, ``B`` the sender's base, ``C`` local revision, ``S`` local
revision at the last exchange): unknown → added; ``R ≤ S`` or ``R = C`` → unchanged; ``C = S`` or
``C = B`` (nothing changed here since) → updated; otherwise → a conflict kept in ``sync_conflicts``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from inspector_app.bundle.bag_verify import VerifiedBundle, verify_bundle
from inspector_app.bundle.crypto import decrypt_file, is_encrypted
from inspector_app.bundle.errors import BundleError, DecryptionError, UntrustedKeyError
from inspector_app.bundle.evidence import required_files
from inspector_app.bundle.profile import Direction
from inspector_app.bundle.records import ENTERPRISE_FIELDS, INSPECTION_FIELDS, parse_field
from inspector_app.domain.errors import Cancelled, InspectorError
from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.services import audit, inspections
from inspector_app.services.enterprises import EnterpriseData, by_uscc, upsert
from inspector_app.services.sync import authorize, campaign_sync, documents, rollup_check, rollup_import
from inspector_app.services.sync.evidence_files import Places, apply_evidence, place_files
from inspector_app.services.sync.export import SENDABLE
from inspector_app.services.sync.identity import Identity, device_id, key_fingerprint, role
from inspector_app.services.sync.mapping import apply_template, enterprise_record, merge_audit, merge_findings
from inspector_app.services.sync.report import (
    ImportReport,
    LocalIds,
    Rejected,
    ReportLine,
    changes_of_lines,
    collect_paths,
)
from inspector_app.services.sync.staging import staging_folder
from inspector_app.services.sync.trust import SqlTrustStore
from inspector_app.services.sync.validation import unexpected, validate_bundle
from inspector_app.services.unit import reading, serialize, unit_of_work
from inspector_app.storage.engine import Workspace
from inspector_app.storage.files import storable_name
from inspector_app.storage.models import AnswerRecord, Inspection, TemplateRecord, now
from inspector_app.storage.models_sync import ImportedBundle, InspectionSync, PeerSequence, SyncConflict
from inspector_app.translation import N_, _

OWN_BUNDLE = N_("这是本机导出的数据包（made by this installation），应在对方的电脑上导入")
# Which directions a workspace imports: an office (True) its inspectors' bundles and its offices below's
# roll-ups (docs/bundle-format.md §12), an inspector's laptop its office's bundles.
ACCEPTS = {True: (Direction.INSPECTOR_TO_OFFICE, Direction.OFFICE_TO_PARENT),
           False: (Direction.OFFICE_TO_INSPECTOR,)}


def import_paths(ws: Workspace, paths: Sequence[Path], *, identity: Identity | None = None,
                 progress: Progress = no_progress, cancel: CancelToken | None = None) -> list[ImportReport]:
    """Import every bundle, one report per file in order; one bad file is reported as rejected (with its
    ``code`` and ``fingerprint``) and the others go on.  When ``cancel`` is set, what was imported stays
    imported; the file being imported is rolled back and it and the rest are reported "cancelled"."""
    reports: list[ImportReport] = []
    files = collect_paths(paths)
    for number, path in enumerate(files):
        if cancel is not None and cancel.cancelled:
            break
        progress(number, len(files), path.name)

        def inner(done: int, total: int, _message: str, name: str = path.name, index: int = number) -> None:
            progress(index, len(files), f"{name}：{done * 100 // max(total, 1)} %")

        try:
            reports.append(import_bundle(ws, path, identity=identity, progress=inner, cancel=cancel))
        except Cancelled:  # this file was rolled back as a whole
            break
        except (InspectorError, OSError) as exc:
            reports.append(ImportReport.rejected(path, exc))
        except Exception as exc:  # a bug: logged with its traceback; this file is refused, the next one tried
            reports.append(ImportReport.rejected(path, unexpected(path.name, exc)))
    for path in files[len(reports):]:
        reports.append(ImportReport(path, "cancelled", _("导入已取消，此文件未导入"), code="cancelled"))
    progress(len(files), len(files), "")
    return reports


def import_bundle(ws: Workspace, path: Path, *, identity: Identity | None = None,
                  progress: Progress = no_progress, cancel: CancelToken | None = None) -> ImportReport:
    """Import one bundle: a report (imported / already imported), or a ``BundleError`` and no change."""
    path = Path(path)
    if not path.is_file():
        raise BundleError(_("{path} 不存在或不是文件").format(path=path), code="unreadable")
    with staging_folder(ws.root) as stage:  # locked: a concurrent import never removes it
        if is_encrypted(path):
            if identity is None or identity.encryption_private is None:
                raise DecryptionError(_("数据包已加密，而本机没有可用的解密密钥（密钥环不可用？）"),
                                      code="no_decryption_key")
            plain = stage / "decrypted.inspbundle"
            decrypt_file(path, plain, identity.encryption_private)
            report = _import_verified(ws, plain, stage / "payload", progress, cancel)
            report.path = path
            return report
        return _import_verified(ws, path, stage / "payload", progress, cancel)


def _import_verified(ws: Workspace, path: Path, stage: Path, progress: Progress,
                     cancel: CancelToken | None) -> ImportReport:
    with reading(ws) as session:
        try:
            bundle = verify_bundle(path, SqlTrustStore(session), stage_dir=stage, progress=progress, cancel=cancel)
        except UntrustedKeyError as exc:
            own = key_fingerprint(session)
            if own and exc.fingerprint == own:
                raise Rejected(_(OWN_BUNDLE), code="own_bundle", fingerprint=exc.fingerprint) from None
            raise
    places = Places(ws.photo_dir, ws.sheet_dir)
    with bundle:
        # The producer as this workspace enrolled its key (the header's name is the sender's own claim).
        producer = bundle.signer.name if bundle.signer is not None else bundle.header.producer_name
        report = ImportReport(path, bundle_id=bundle.header.bundle_id, sequence=bundle.header.sequence,
                              producer=producer, fingerprint=bundle.signer_fingerprint)
        validate_bundle(ws, bundle, cancel=cancel)  # every record and carried file, before anything is written
        with unit_of_work(ws) as session:  # Rejected (or any error) rolls everything back
            try:
                _apply_bundle(session, bundle, report, places)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                # Signed by a trusted key, yet not what this version reads (a bug, another build).
                what = _("缺少字段 {value!r}").format(value=exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
                raise Rejected(_("数据包中的记录不完整或格式不对：{what}（{name}）").format(what=what, name=type(exc).__name__),
                               code="bad_record", fingerprint=bundle.signer_fingerprint) from None
            # Files last, before the commit: a rejected bundle places none; after a crash here the
            # store may hold unreferenced content-addressed files, which a retry simply reuses.
            place_files(bundle.staged, places)
    if report.status == "imported":
        report.changes = changes_of_lines(report.lines)
    return report


def _check_bundle(session: Session, bundle: VerifiedBundle) -> bool:
    """Raise ``Rejected`` where the bundle does not belong here; ``False`` when already imported."""
    header = bundle.header
    fp = bundle.signer_fingerprint
    if header.device_id == device_id(session):
        raise Rejected(_(OWN_BUNDLE), code="own_bundle", fingerprint=fp)
    local_role = role(session)
    expected = ACCEPTS[local_role == "office"]
    if header.direction not in expected:
        raise Rejected(_("数据包的方向（{direction}）与本机角色（{local_role}）不符：本机只导入 {value} 的数据包").format(direction=header.direction.value, local_role=local_role, value=_(' 或 ').join(d.value for d in expected)), code="wrong_direction", fingerprint=fp)
    sender_role = "inspector" if header.direction is Direction.INSPECTOR_TO_OFFICE else "office"
    if bundle.signer is None or bundle.signer.role != sender_role:
        raise Rejected(_("签名密钥登记的角色是 {value}，而 {direction} 的数据包必须由 {sender_role} 的密钥签名").format(value=bundle.signer.role if bundle.signer else '?', direction=header.direction.value, sender_role=sender_role), code="wrong_signer_role", fingerprint=fp)
    authorize.check_device(bundle)  # so only a device's own key moves its sequence number
    serialize(session, f"sync_peer_sequences.{header.device_id}")  # one bundle of a device at a time
    child = rollup_check.sender_area(session, bundle) if header.direction is Direction.OFFICE_TO_PARENT else None
    if session.get(ImportedBundle, header.bundle_id) is not None:
        return False
    if child is not None:
        rollup_check.check_stale(session, bundle, child)
    peer = session.get(PeerSequence, header.device_id)
    if peer is not None and header.sequence <= peer.last_sequence:
        raise Rejected(_("旧的或重复发送的数据包：{signer_name} 的序号 {sequence}，而序号 {last_sequence} 已经导入过（replayed or superseded）").format(signer_name=bundle.signer.name, sequence=header.sequence, last_sequence=peer.last_sequence), code="replay", fingerprint=fp)
    return True


def _claim(session: Session, bundle: VerifiedBundle) -> ImportedBundle | None:
    """The bundle's row in ``sync_imported_bundles``, written before anything else: its primary key (the
    bundle id) lets one import of a bundle through. A second import of the same bundle at the same time
    waits here for the first to end (PostgreSQL) and gets None once it has committed; nothing was applied."""
    header = bundle.header
    claimed = ImportedBundle(bundle_id=header.bundle_id, device_id=header.device_id,
                             key_fingerprint=bundle.signer_fingerprint, sequence=header.sequence,
                             direction=header.direction.value, created_at=header.created_at,
                             file_name=storable_name(bundle.path.name), summary="{}")
    try:
        with session.begin_nested():
            session.add(claimed)
    except IntegrityError:
        return None
    return claimed


def _apply_bundle(session: Session, bundle: VerifiedBundle, report: ImportReport, places: Places) -> None:
    claimed = _claim(session, bundle) if _check_bundle(session, bundle) else None
    if claimed is None:
        report.status, report.reason = "already imported", _("此数据包以前已导入过，本次没有作任何更改")
        return
    header = bundle.header
    if header.direction is Direction.OFFICE_TO_PARENT:
        rollup_import.apply_rollup(session, bundle, report, places, rollup_check.sender_area(session, bundle))
    else:
        _apply_records(session, bundle, report, places)
    claimed.summary = json.dumps(report.counts())
    peer = session.get(PeerSequence, header.device_id) or PeerSequence(device_id=header.device_id)
    peer.last_sequence, peer.last_bundle_id, peer.updated_at = header.sequence, header.bundle_id, now()
    session.add(peer)
    report.status = "imported"


def _apply_records(session: Session, bundle: VerifiedBundle, report: ImportReport, places: Places) -> None:
    """The templates, campaigns (an office's), enterprises and inspections of an inspector's or an office's
    bundle, and its acknowledgements."""
    header = bundle.header
    authorize.check_bundle(session, bundle)
    carried = {f.sha256 for f in bundle.payload.values()}
    for key, rec in bundle.records_of("inspections"):
        for sha in required_files(rec):
            if sha not in carried and not places.store.exists(sha, "originals") \
                    and not places.store.exists(sha, "derived"):
                raise Rejected(_("检查 {key} 引用的文件 {sha}… 既不在数据包中，本机也没有").format(key=key, sha=sha[:12]), code="bad_record")
    for _key, rec in bundle.records_of("templates"):
        report.lines.append(apply_template(session, rec))
    for _key, rec in bundle.records_of("campaigns"):
        report.lines.append(campaign_sync.apply_campaign(session, rec))
    for _key, rec in bundle.records_of("enterprises"):
        report.lines.append(_apply_enterprise(session, rec, header.direction))
    for _key, rec in bundle.records_of("inspections"):
        report.lines += _apply_inspection(session, rec, bundle)
    for uid, revision in header.extra.get("acks", []):
        if authorize.may_acknowledge(session, str(uid), bundle):
            _acknowledge(session, str(uid), int(revision))


def _apply_enterprise(session: Session, rec: dict[str, Any], direction: Direction) -> ReportLine:
    key = str(rec.get("uscc"))
    existing = by_uscc(session, key)
    if existing is not None and (direction is Direction.INSPECTOR_TO_OFFICE or enterprise_record(existing) == rec):
        return ReportLine("enterprise", key, "unchanged", enterprise_id=existing.id, title=existing.name)
    try:
        data = EnterpriseData(**{name: parse_field(rec, name) for name in ENTERPRISE_FIELDS})
        enterprise, _created = upsert(session, data)
        session.flush()
    except (InspectorError, TypeError) as exc:
        raise Rejected(_("企业 {key} 的记录无效：{exc}").format(key=key, exc=exc), code="bad_record") from None
    return ReportLine("enterprise", key, "added" if existing is None else "updated", enterprise_id=enterprise.id,
                      title=enterprise.name)


def _apply_inspection(session: Session, rec: dict[str, Any], bundle: VerifiedBundle) -> list[ReportLine]:
    """The inspection's report line, followed by its warnings (a person's role kept, a number taken)."""
    uid, revision, direction = str(rec["uid"]), int(rec["revision"]), bundle.header.direction
    if InspectionStatus(rec["status"]) not in SENDABLE[direction]:
        return [ReportLine("inspection", uid, "rejected", _("状态为 {status} 的检查不能以 {direction} 方向传送").format(status=rec['status'], direction=direction.value), "status_not_sendable", revision)]
    local = session.scalar(select(Inspection).where(Inspection.uid == uid))
    authorize.check_inspection(session, rec, local, bundle)  # before it is applied or kept as a conflict
    # The import's own audit rows name the signer as enrolled here, not the name its header claims.
    actor = bundle.signer.name if bundle.signer else "?"
    reason = f"bundle {bundle.header.bundle_id} (sequence {bundle.header.sequence})"
    line, notes = _merge_inspection(session, rec, bundle, local, actor, reason)
    target = local or session.scalar(select(Inspection).where(Inspection.uid == uid))
    if line.action == "rejected" or target is None:
        return [line]
    # Numbers issued are facts whatever happens to the record (also when it is kept as a conflict).
    notes += documents.merge_numbers(session, target, rec, actor, reason)
    return [line, *(ReportLine("inspection", uid, "warning", message, code, revision, inspection_id=target.id,
                               enterprise_id=target.enterprise_id) for code, message in notes)]


def _merge_inspection(session: Session, rec: dict[str, Any], bundle: VerifiedBundle, local: Inspection | None,
                      actor: str, reason: str) -> tuple[ReportLine, list[documents.Note]]:
    uid, revision, base = str(rec["uid"]), int(rec["revision"]), rec.get("base_revision")
    state = session.get(InspectionSync, uid)
    if local is not None:
        ids: LocalIds = {"inspection_id": local.id, "enterprise_id": local.enterprise_id}
        synced = state.synced_revision if state is not None else None
        if revision == local.revision or (synced is not None and revision <= synced):
            return ReportLine("inspection", uid, "unchanged", _("本机已有版本 {revision}").format(revision=revision), "already_here", revision,
                              **ids), []
        if local.revision not in (synced, base):
            why = (_("本机在上次交换后也修改过（本机版本 {revision}，上次同步的版本 {synced}）；传入的版本 {revision2} 基于版本 {base}").format(revision=local.revision, synced=synced, revision2=revision, base=base))
            _record_conflict(session, rec, bundle, local.revision, why)
            return ReportLine("inspection", uid, "conflict", why, "changed_on_both_sides", revision, **ids), []
        authorize.check_update(rec, local, bundle)
    enterprise = by_uscc(session, str(rec["enterprise_uscc"]))
    tpl = rec["template"]
    template = session.scalar(select(TemplateRecord).where(TemplateRecord.template_id == tpl["template_id"],
                                                           TemplateRecord.version == tpl["version"]))
    if enterprise is None or template is None or template.sha256 != tpl["sha256"]:
        return ReportLine("inspection", uid, "rejected", _("本机没有该检查的企业或检查表（版本相符的）"),
                          "missing_enterprise_or_template", revision), []
    action = "added" if local is None else "updated"
    if local is None:
        local = Inspection(uid=uid, enterprise=enterprise, template=template)
        session.add(local)
    notes = write_inspection(session, local, rec, bundle.header.direction, actor, reason)
    if state is None:
        state = InspectionSync(inspection_uid=uid)
        session.add(state)
    state.synced_revision = state.acked_revision = revision
    state.peer_device, state.updated_at = bundle.header.device_id, now()
    return ReportLine("inspection", uid, action, _("版本 {revision}").format(revision=revision), "revision", revision,
                      inspection_id=local.id, enterprise_id=local.enterprise_id), notes


def write_inspection(session: Session, insp: Inspection, rec: dict[str, Any], direction: Direction, actor: str,
                     reason: str) -> list[documents.Note]:
    """Make the inspection equal to the incoming record (audited: the status change names the bundle) –
    but for an inspector's record the office keeps its own fields (``authorize.OFFICE_FIELDS``: the
    assignment and creation times, the reviewer's comment; docs/bundle-format.md §10) and its people's
    roles (``documents``). Returns the warnings (a role kept)."""
    kept = authorize.OFFICE_FIELDS if direction is Direction.INSPECTOR_TO_OFFICE and insp.id is not None else ()
    for name in INSPECTION_FIELDS:
        if name not in kept:
            setattr(insp, name, parse_field(rec, name))
    campaign_sync.take_campaign(insp, rec, direction)
    old_status = insp.status
    status = rec["status"]
    if direction is Direction.INSPECTOR_TO_OFFICE:
        status = InspectionStatus.RECEIVED.value
    insp.status = status
    session.flush()
    notes = documents.link_people(session, insp, rec["inspectors"], direction, actor, reason)
    insp.answers.clear()
    session.flush()
    for a in rec["answers"]:
        insp.answers.append(AnswerRecord(
            item_code=a["item_code"], result=a["result"], deductions=json.dumps(a["deductions"], ensure_ascii=False),
            extra_deduction=float(a["extra_deduction"]), extra_reason=a["extra_reason"], note=a["note"],
            updated_at=parse_field(a, "updated_at") or now()))
    merge_findings(session, insp, rec["findings"])
    notes += documents.merge_recheck(session, insp, rec, direction, actor)
    apply_evidence(session, insp, rec)
    merge_audit(session, insp, rec["audit"])
    insp.revision = int(rec["revision"])
    inspections.rescore(session, insp)
    audit.record(session, insp, "inspection", insp.uid, "status", old_status or "", status, actor, reason)
    return notes


def _record_conflict(session: Session, rec: dict[str, Any], bundle: VerifiedBundle, local_revision: int,
                     reason: str) -> None:
    session.add(SyncConflict(
        inspection_uid=rec["uid"], bundle_id=bundle.header.bundle_id, device_id=bundle.header.device_id,
        local_revision=local_revision, incoming_revision=int(rec["revision"]), base_revision=rec.get("base_revision"),
        reason=reason, record=json.dumps(rec, ensure_ascii=False)))


def _acknowledge(session: Session, uid: str, revision: int) -> None:
    """The other side confirms it holds ``revision`` of one of our inspections."""
    local = session.scalar(select(Inspection).where(Inspection.uid == uid))
    if local is None or revision > local.revision:
        return
    state = session.get(InspectionSync, uid)
    if state is None:
        state = InspectionSync(inspection_uid=uid)
        session.add(state)
    state.acked_revision = max(state.acked_revision or 0, revision)
    state.synced_revision = max(state.synced_revision or 0, revision)
    state.updated_at = now()
