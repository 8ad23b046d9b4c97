"""Apply a roll-up from an office directly below (docs/bundle-format.md §12), inside the import's
transaction (``services.sync.importing`` verified, validated and checked the sender and the records
first: ``rollup_check``).

The office below is authoritative for its records: each enterprise, inspection and filed report is
upserted by its key (USCC, uid) and made equal to the incoming record – no conflicts, no merge: this
office never edits them (``services.inspections.require_own``). An inspection's audit trail becomes the
record's. 摘牌 case files follow their own rule for the steps only the deciding body takes
(``rollup_cases``). Records of that office that its newer roll-up no longer carries are removed; an enterprise this
office keeps in its own register stays as it is. The roll-up applied is remembered per office
(``Rollup``) and the application audited once (entity ``rollup``). The report says, per kind, what was
added, updated, left unchanged and removed.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from inspector_app.bundle.bag_verify import VerifiedBundle
from inspector_app.bundle.evidence import SIGNATURES
from inspector_app.bundle.profile import Direction
from inspector_app.bundle.records import AUDIT_FIELDS, ENTERPRISE_FIELDS, INSPECTION_FIELDS, parse_field
from inspector_app.bundle.rollup import FILED_REPORT_FIELDS
from inspector_app.domain.campaign import Jurisdiction
from inspector_app.domain.errors import InspectorError
from inspector_app.services import audit
from inspector_app.services.enterprises import EnterpriseData, by_uscc, upsert
from inspector_app.services.sync import documents, rollup_cases, rollup_check
from inspector_app.services.sync.evidence_files import Places, apply_evidence
from inspector_app.services.sync.mapping import apply_template, merge_findings
from inspector_app.services.sync.report import ImportReport, LocalIds, Rejected, ReportLine
from inspector_app.services.sync.rollup_records import (
    comparable,
    enterprise_rollup,
    filed_report_rollup,
    inspection_rollup,
)
from inspector_app.storage.models import AnswerRecord, AuditEvent, Enterprise, Inspection, TemplateRecord, now
from inspector_app.storage.models_campaigns import FiledReport, Rollup, RollupOffice
from inspector_app.storage.models_sheets import IssuedNumber
from inspector_app.storage.models_sync import InspectionSync
from inspector_app.translation import _

DIRECTION = Direction.OFFICE_TO_PARENT


def apply_rollup(session: Session, bundle: VerifiedBundle, report: ImportReport, places: Places,
                 child: Jurisdiction) -> None:
    """Apply the roll-up of ``child`` (see the module); ``Rejected`` rolls the whole bundle back."""
    rollup_check.check_records(session, bundle, child)
    rollup_cases.check_cases(session, bundle, child)
    _check_files(bundle, places)
    actor = bundle.signer.name if bundle.signer is not None else child.office
    reason = f"roll-up {bundle.header.bundle_id} (sequence {bundle.header.sequence})"
    report.rollup = child.path
    for _key, rec in bundle.records_of("templates"):
        report.lines.append(apply_template(session, rec))
    usccs = set()
    for _key, rec in bundle.records_of("enterprises"):
        report.lines.append(_apply_enterprise(session, rec, child))
        usccs.add(str(rec["uscc"]))
    uids = set()
    for _key, rec in bundle.records_of("inspections"):
        report.lines += _apply_inspection(session, rec, places, actor, reason)
        uids.add(str(rec["uid"]))
    reports = set()
    for _key, rec in bundle.records_of("filed_reports"):
        report.lines.append(_apply_filed_report(session, rec, places))
        reports.add(str(rec["uid"]))
    paths = set()
    for _key, rec in bundle.records_of("offices"):
        report.lines.append(_apply_office(session, rec))
        paths.add(str(rec["jurisdiction"]))
    report.lines += rollup_cases.apply_cases(session, bundle, child)
    report.lines += _remove_absent(session, child, uids, usccs, reports, paths)
    _remember(session, bundle, child, actor, report)


def _check_files(bundle: VerifiedBundle, places: Places) -> None:
    """Signature images travel with every roll-up (photos only when asked): each one a record names is
    carried or already here."""
    carried = {f.sha256 for f in bundle.payload.values()}
    for key, rec in bundle.records_of("inspections"):
        for signature in rec.get("signatures", []):
            sha = signature.get("image_sha256")
            if sha and sha not in carried and not places.store.exists(sha, "derived"):
                raise Rejected(_("检查 {key} 的签名图像 {SIGNATURES}{sha}… 既不在数据包中，本机也没有").format(key=key, SIGNATURES=SIGNATURES, sha=sha[:12]),
                               code="bad_record", fingerprint=bundle.signer_fingerprint)


# -- enterprises ----------------------------------------------------------------------------------
def _apply_enterprise(session: Session, rec: dict[str, Any], child: Jurisdiction) -> ReportLine:
    key = str(rec["uscc"])
    theirs = rollup_check.enterprise_is_theirs(session, child, key)
    existing = by_uscc(session, key)
    if existing is not None and not theirs:
        return ReportLine("enterprise", key, "unchanged", _("本机关名录中已有（保留本机关的记录）"), enterprise_id=existing.id)
    if existing is not None and enterprise_rollup(existing, child) == rec:
        return ReportLine("enterprise", key, "unchanged", enterprise_id=existing.id)
    try:
        data = EnterpriseData(**{name: parse_field(rec, name) for name in ENTERPRISE_FIELDS})
        enterprise, _created = upsert(session, data)
        enterprise.origin = str(rec["origin"])
        session.flush()
    except (InspectorError, TypeError) as exc:
        raise Rejected(_("企业 {key} 的记录无效：{exc}").format(key=key, exc=exc), code="bad_record") from None
    return ReportLine("enterprise", key, "added" if existing is None else "updated", enterprise_id=enterprise.id)


# -- inspections ----------------------------------------------------------------------------------
def _apply_inspection(session: Session, rec: dict[str, Any], places: Places, actor: str,
                      reason: str) -> list[ReportLine]:
    uid, revision = str(rec["uid"]), int(rec["revision"])
    local = session.scalar(select(Inspection).where(Inspection.uid == uid))
    if local is not None:
        ids: LocalIds = {"inspection_id": local.id, "enterprise_id": local.enterprise_id}
        mine, _files = inspection_rollup(session, local, places, local.origin, with_photos=False)
        if comparable(mine) == comparable(rec):
            return [ReportLine("inspection", uid, "unchanged", _("版本 {revision}").format(revision=revision), "already_here", revision, **ids)]
    enterprise = by_uscc(session, str(rec["enterprise_uscc"]))
    tpl = rec["template"]
    template = session.scalar(select(TemplateRecord).where(TemplateRecord.template_id == tpl["template_id"],
                                                           TemplateRecord.version == tpl["version"]))
    if enterprise is None or template is None or template.sha256 != tpl["sha256"]:
        raise Rejected(_("检查 {uid} 的企业 {enterprise_uscc} 或检查表 {template_id}@{version} 既不在汇总数据包中，本机也没有（版本相符的）").format(uid=uid, enterprise_uscc=rec['enterprise_uscc'], template_id=tpl['template_id'], version=tpl['version']), code="bad_record")
    action = "added" if local is None else "updated"
    if local is None:
        local = Inspection(uid=uid, enterprise=enterprise, template=template)
        session.add(local)
    local.enterprise, local.template = enterprise, template
    notes = _write_inspection(session, local, rec, actor, reason)
    line = ReportLine("inspection", uid, action, _("版本 {revision}").format(revision=revision), "revision", revision, inspection_id=local.id,
                      enterprise_id=local.enterprise_id)
    return [line, *(ReportLine("inspection", uid, "warning", message, code, revision, inspection_id=local.id,
                               enterprise_id=local.enterprise_id) for code, message in notes)]


def _write_inspection(session: Session, insp: Inspection, rec: dict[str, Any], actor: str,
                      reason: str) -> list[documents.Note]:
    """The inspection becomes the record, its audit trail the record's (written last, so that the rows
    this import writes on the way – a person renamed – do not stay in it)."""
    for name in INSPECTION_FIELDS:
        setattr(insp, name, parse_field(rec, name))
    insp.status, insp.origin, insp.campaign_id = str(rec["status"]), str(rec["origin"]), str(rec["campaign_id"])
    session.flush()
    notes = documents.link_people(session, insp, rec["inspectors"], DIRECTION, actor, reason)
    insp.answers.clear()
    session.flush()
    for a in rec["answers"]:
        insp.answers.append(AnswerRecord(
            item_code=a["item_code"], result=a["result"], deductions=json.dumps(a["deductions"], ensure_ascii=False),
            extra_deduction=float(a["extra_deduction"]), extra_reason=a["extra_reason"], note=a["note"],
            updated_at=parse_field(a, "updated_at") or now()))
    merge_findings(session, insp, rec["findings"])
    documents.merge_recheck(session, insp, rec, DIRECTION, actor)
    apply_evidence(session, insp, rec)
    _mirror_numbers(session, insp, rec)
    insp.revision = int(rec["revision"])
    # the outcome as the office below holds it (its own rules and dates decided it)
    insp.score, insp.grade, insp.outcome = rec["score"], rec["grade"] or "", rec["outcome"] or ""
    insp.answered = int(rec["answered"] or 0)
    session.flush()
    session.execute(delete(AuditEvent).where(AuditEvent.inspection_id == insp.id))
    for event in rec["audit"]:
        session.add(AuditEvent(inspection_id=insp.id, **{n: parse_field(event, n) for n in AUDIT_FIELDS}))
    session.flush()
    return notes


def _mirror_numbers(session: Session, insp: Inspection, rec: dict[str, Any]) -> None:
    """The register rows of the inspection's documents become the record's (the office below issued
    them); a number another inspection holds here stays in the audit trail only."""
    session.execute(delete(IssuedNumber).where(IssuedNumber.inspection_uid == insp.uid))
    for data in rec.get("numbers", []):
        key = (str(data["authority"]), str(data["kind"]), int(data["year"]), int(data["serial"]))
        taken = session.scalar(select(IssuedNumber.id).where(
            IssuedNumber.authority == key[0], IssuedNumber.kind == key[1], IssuedNumber.year == key[2],
            IssuedNumber.serial == key[3]))
        if taken is None:
            session.add(IssuedNumber(authority=key[0], kind=key[1], year=key[2], serial=key[3], inspection_uid=insp.uid,
                                     issued_at=parse_field(data, "issued_at"), issued_by=str(data["issued_by"])))
    session.flush()


# -- filed reports and the offices' settings --------------------------------------------------------
def _apply_filed_report(session: Session, rec: dict[str, Any], places: Places) -> ReportLine:
    uid = str(rec["uid"])
    row = session.scalar(select(FiledReport).where(FiledReport.uid == uid))
    if row is not None and filed_report_rollup(row, row.origin, places.sheet_dir)[0] == rec:
        return ReportLine("filed_report", f"{rec['number']}", "unchanged")
    action = "added" if row is None else "updated"
    if row is None:
        row = FiledReport(uid=uid)
        session.add(row)
    for name in FILED_REPORT_FIELDS:
        setattr(row, name, date.fromisoformat(rec[name]) if name == "as_of" else parse_field(rec, name))
    session.flush()
    return ReportLine("filed_report", f"{rec['number']}", action)


def _apply_office(session: Session, rec: dict[str, Any]) -> ReportLine:
    path, settings = str(rec["jurisdiction"]), json.dumps(rec["settings"], ensure_ascii=False, sort_keys=True)
    row = session.get(RollupOffice, path)
    if row is not None and row.settings == settings:
        return ReportLine("office", path, "unchanged")
    action = "added" if row is None else "updated"
    if row is None:
        row = RollupOffice(jurisdiction=path)
        session.add(row)
    row.settings, row.updated_at = settings, now()
    session.flush()
    return ReportLine("office", path, action)


# -- what the newer roll-up no longer has -----------------------------------------------------------
def _remove_absent(session: Session, child: Jurisdiction, uids: set[str], usccs: set[str], reports: set[str],
                   paths: set[str]) -> list[ReportLine]:
    lines = []
    theirs = session.execute(select(Inspection, Inspection.origin).where(Inspection.origin.startswith(child.path)))
    for insp in rollup_check.under(child, [(i, o) for i, o in theirs]):
        if insp.uid in uids:
            continue
        lines.append(ReportLine("inspection", insp.uid, "removed", _("{path} 的新汇总中已没有此检查").format(path=child.path),
                                revision=insp.revision))
        session.execute(delete(IssuedNumber).where(IssuedNumber.inspection_uid == insp.uid))
        session.execute(delete(InspectionSync).where(InspectionSync.inspection_uid == insp.uid))
        session.delete(insp)
    session.flush()
    rows = session.execute(select(FiledReport, FiledReport.origin).where(FiledReport.origin.startswith(child.path)))
    for row in rollup_check.under(child, [(r, o) for r, o in rows]):
        if row.uid not in reports:
            lines.append(ReportLine("filed_report", row.number, "removed", _("{path} 的新汇总中已没有此报告").format(path=child.path)))
            session.delete(row)
    places = session.execute(select(RollupOffice, RollupOffice.jurisdiction)
                             .where(RollupOffice.jurisdiction.startswith(child.path)))
    for office in rollup_check.under(child, [(r, o) for r, o in places]):
        if office.jurisdiction not in paths:
            lines.append(ReportLine("office", office.jurisdiction, "removed"))
            session.delete(office)
    session.flush()
    enterprises = session.execute(select(Enterprise, Enterprise.origin).where(Enterprise.origin.startswith(child.path)))
    for enterprise in rollup_check.under(child, [(e, o) for e, o in enterprises]):
        used = session.scalar(select(Inspection.id).where(Inspection.enterprise_id == enterprise.id).limit(1))
        if enterprise.uscc not in usccs and used is None and not rollup_cases.cases_of(session, enterprise.id):
            lines.append(ReportLine("enterprise", enterprise.uscc, "removed", _("{path} 的新汇总中已没有此企业").format(path=child.path)))
            session.delete(enterprise)
    session.flush()
    return lines


def _remember(session: Session, bundle: VerifiedBundle, child: Jurisdiction, actor: str,
              report: ImportReport) -> None:
    applied = session.get(Rollup, child.path) or Rollup(jurisdiction=child.path)
    before = applied.bundle_id or ""
    applied.bundle_id, applied.created_at = bundle.header.bundle_id, rollup_check.created_at(bundle)
    applied.applied_at, applied.sender = now(), actor
    session.add(applied)
    counts = {kind: dict(sorted(actions.items())) for kind, actions in sorted(report.counts_by_kind().items())}
    audit.record(session, None, "rollup", child.path, "applied", before, bundle.header.bundle_id, actor,
                 json.dumps(counts, ensure_ascii=False, sort_keys=True))
