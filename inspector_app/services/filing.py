"""Reports filed at a campaign's duties and reports received (issue 12 item 5).

* **Filing** (``file_report``): only at a duty whose sender is this office's level. The figures of
  ``services.progress`` are frozen as of a date – the duty's due date, or today when that is earlier – in
  a ``FiledReport`` with its PDF and workbook kept in the workspace's ``sheets/`` folder by SHA-256 (like
  printed sheets). A city's (or province's) figures for each area below come from that area's latest
  filed report at the matching duty below (same kind, the latest due on or before this one), and from
  this office's own records for an area that did not file; the report names who did not file.
* **Numbers.** ``serial`` counts the filings of one office at one duty (1, then 2 for a corrected one,
  which supersedes 1). The printed number is a document number of the office: ``<area>〔<year>〕<word>
  第N号`` with N running over the office's filings of that kind of duty in the campaign, so a corrected
  report gets a new number too (e.g. 武进区〔2020〕回头看报告第1号, then 第2号).
* **Received on paper** (``record_received``): a report sent outside the roll-ups (a review
  organisation's self-inspection), at a duty whose receiver is this office's level.
* **Duties** (``duty_rows``): each duty's due date and days left, and for this office what it files
  (已报送 / 逾期报送 / 未报送) or expects (已收到 / 逾期收到 / 未收到 per sender)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.campaign import DUTY_KINDS, LEVELS, PARTIES, Campaign, Duty, Jurisdiction
from inspector_app.domain.errors import ValidationError
from inspector_app.services import audit, campaigns, progress, progress_files
from inspector_app.services.unit import serialize
from inspector_app.storage.files import atomic_write_bytes
from inspector_app.storage.models import now
from inspector_app.storage.models_campaigns import FiledReport, ReceivedReport
from inspector_app.translation import N_, _

NUMBER_WORDS: dict[str, str] = {"progress": "回头看报告", "self_inspection": "自查自纠报告",
                                "audit_plan": "审计计划报告"}
DUTY_COLUMNS = ("duty", "title", "due", "days_left", "role", "party", "status", "number", "on")
FILED_COLUMNS = ("number", "duty", "jurisdiction", "serial", "as_of", "filed_at", "filed_by", "source", "status",
                 "pdf", "xlsx")


@dataclass(frozen=True)
class FiledInfo:
    id: int
    uid: str
    duty_id: str
    number: str
    serial: int
    as_of: date
    filed_at: datetime
    pdf: Path
    xlsx: Path
    supersedes: str  # the number of the report this one replaces ("" for a first filing)
    unfiled: tuple[str, ...]  # areas below that had not filed (a city's or province's report)


def default_as_of(duty: Duty, today: date) -> date:
    return min(duty.due, today) if duty.due is not None else today


def _office_for(session: Session, campaign_id: str) -> tuple[campaigns.Office, Jurisdiction]:
    office = campaigns.office(session, campaign_id)
    if office.area is None:
        raise ValidationError(_("本工作区尚未设置本机关的辖区：workspace set level …、workspace set jurisdiction …"))
    return office, office.area


def check_sender(office: campaigns.Office, duty: Duty) -> None:
    if duty.sender != office.level:
        mine = LEVELS.get(office.level, "未设置层级")
        raise ValidationError(_("报送事项 {id}（{title}）由{partie}报送{partie2}，本机关是{mine}级，不能报送").format(
            id=duty.id, title=duty.title, partie=_(PARTIES[duty.sender]), partie2=_(PARTIES[duty.receiver]), mine=mine))


def history(session: Session, campaign_id: str, duty_id: str, jurisdiction: str,
            own: bool | None = None) -> list[FiledReport]:
    """The filings of one office at one duty, oldest first (``own``: only this office's / only roll-ups')."""
    stmt = select(FiledReport).where(FiledReport.campaign_id == campaign_id, FiledReport.duty_id == duty_id,
                                     FiledReport.jurisdiction == jurisdiction)
    if own is not None:
        stmt = stmt.where((FiledReport.origin == "") if own else (FiledReport.origin != ""))
    return list(session.scalars(stmt.order_by(FiledReport.serial, FiledReport.id)))


def next_number(session: Session, campaign: Campaign, area: Jurisdiction, duty: Duty, year: int) -> tuple[int, str]:
    serialize(session, f"filed_reports.{campaign.id}.{area.path}.{duty.id}")
    filed = history(session, campaign.id, duty.id, area.path)
    serial = max((f.serial for f in filed), default=0) + 1
    same_kind = [d.id for d in campaign.duties if d.what == duty.what]
    count = len(list(session.scalars(select(FiledReport.id).where(
        FiledReport.campaign_id == campaign.id, FiledReport.jurisdiction == area.path,
        FiledReport.duty_id.in_(same_kind)))))
    return serial, f"{area.name}〔{year}〕{NUMBER_WORDS.get(duty.what, '报告')}第{count + 1}号"


def matching_duty(campaign: Campaign, duty: Duty, child_level: str) -> Duty | None:
    """The duty below that feeds this one: same kind, from the areas below to this level, the latest due
    on or before this one's."""
    below = [d for d in campaign.duties if d.what == duty.what and d.sender == child_level
             and d.receiver == duty.sender and (duty.due is None or d.due is None or d.due <= duty.due)]
    return max(below, key=lambda d: d.due or date.min, default=None)


def merged_with_filings(session: Session, report: progress.ProgressReport, campaign: Campaign, area: Jurisdiction,
                        duty: Duty) -> progress.ProgressReport:
    """A city's (province's) report with each area below taken from its latest filed report at the
    matching duty, where it filed; ``unfiled`` names the others, ``sources`` where each area comes from."""
    if not area.children:
        return report
    below = matching_duty(campaign, duty, area.children[0].level)
    if below is None:
        return report
    rows = [dict(r) for r in report.rows if r["area"] != progress.TOTAL]
    sources: dict[str, str] = {}
    unfiled: list[str] = []
    for child in area.children:
        filings = history(session, campaign.id, below.id, child.path)
        if not filings:
            unfiled.append(child.name)
            sources[child.name] = ""
            continue
        latest = filings[-1]
        filed = progress.from_document(json.loads(latest.figures))
        sources[child.name] = f"{latest.number}（截至{latest.as_of.isoformat()}）"
        for kind in report.kinds:
            if kind not in filed.kinds:
                continue
            total = filed.total(kind)
            for row in rows:
                if row["kind"] == kind and row["area_path"] == child.path:
                    row.update({c: total.get(c) for c in progress.FIGURES if row.get(c) is not None})
    order = [c.name for c in area.children]
    return replace(report, rows=progress.arrange(report.kinds, rows, order), unfiled=tuple(unfiled),
                   sources=sources)


def build_report(session: Session, campaign: Campaign, area: Jurisdiction, duty: Duty, as_of: date,
                 today: date) -> progress.ProgressReport:
    report = progress.build(session, campaign.id, as_of, progress_files.REPORT_KINDS.get(duty.what), today)
    return merged_with_filings(session, report, campaign, area, duty)


def _keep(folder: Path, data: bytes, suffix: str) -> tuple[str, Path]:
    digest = hashlib.sha256(data).hexdigest()
    path = folder / f"{digest}{suffix}"
    if not path.exists():
        atomic_write_bytes(path, data)
    return digest, path


def file_report(session: Session, sheet_dir: Path, duty_id: str, actor: str, *, campaign_id: str = "",
                as_of: date | None = None, text: str = "", today: date | None = None,
                font_path: str | None = None) -> FiledInfo:
    """File this office's report at a duty (see the module docstring). The caller commits."""
    office, area = _office_for(session, campaign_id)
    campaign = office.campaign
    duty = campaign.duty(duty_id)
    check_sender(office, duty)
    on = today or date.today()
    as_of = as_of or default_as_of(duty, on)
    if as_of > on:
        raise ValidationError(_("统计截至日（{as_of}）不能晚于今天").format(as_of=as_of.isoformat()))
    report = build_report(session, campaign, area, duty, as_of, on)
    previous = history(session, campaign.id, duty.id, area.path)
    serial, number = next_number(session, campaign, area, duty, (duty.due or as_of).year)
    title = progress_files.REPORT_TITLES.get(duty.what, DUTY_KINDS[duty.what])
    filed_at = now()
    pdf = progress_files.render_pdf(report, title=title, text=text, number=number,
                                    filed_on=filed_at.date(), filed_by=actor, font_path=font_path)
    xlsx = progress_files.xlsx_bytes(report, title=title, number=number, text=text)
    pdf_sha, pdf_path = _keep(sheet_dir, pdf, ".pdf")
    xlsx_sha, xlsx_path = _keep(sheet_dir, xlsx, ".xlsx")
    row = FiledReport(campaign_id=campaign.id, duty_id=duty.id, jurisdiction=area.path, serial=serial,
                      number=number, as_of=as_of, filed_at=filed_at, filed_by=actor,
                      figures=json.dumps(report.document(), ensure_ascii=False), text=text.strip(),
                      pdf_sha256=pdf_sha, xlsx_sha256=xlsx_sha, origin="")
    session.add(row)
    session.flush()
    supersedes = previous[-1].number if previous else ""
    audit.record(session, None, "report", row.uid, "filed", supersedes, f"{duty.id} {number} 截至{as_of.isoformat()}",
                 actor, f"代替{supersedes}" if supersedes else "")
    return FiledInfo(row.id, row.uid, duty.id, number, serial, as_of, filed_at, pdf_path, xlsx_path, supersedes,
                     report.unfiled)


def record_received(session: Session, duty_id: str, sender: str, received_on: date, actor: str, note: str = "",
                    *, campaign_id: str = "", today: date | None = None) -> ReceivedReport:
    """A report received on paper at a duty this office receives. The caller commits."""
    office = campaigns.office(session, campaign_id)
    duty = office.campaign.duty(duty_id)
    if duty.receiver != office.level:
        raise ValidationError(_("报送事项 {duty}（{title}）报{receiver}，本机关是{level}级，不是接收方").format(
            duty=duty.id, title=duty.title, receiver=_(PARTIES[duty.receiver]),
            level=_(LEVELS.get(office.level, N_("未设置层级")))))
    sender = sender.strip()
    if not sender:
        raise ValidationError(_("须写明报送单位（--from）"))
    if received_on > (today or date.today()):
        raise ValidationError(_("收到日期（{received_on}）不能晚于今天").format(received_on=received_on.isoformat()))
    row = ReceivedReport(campaign_id=office.campaign.id, duty_id=duty.id, sender=sender, received_on=received_on,
                         note=note.strip(), recorded_by=actor)
    session.add(row)
    session.flush()
    audit.record(session, None, "report", row.uid, "received", "", f"{duty.id} {sender} {received_on.isoformat()}",
                 actor, note.strip())
    return row


# --- reading ---------------------------------------------------------------------------------------------

def _sent(first: date, due: date | None, late: str, on_time: str) -> str:
    return late if due is not None and first > due else on_time


def _receipts(session: Session, campaign_id: str, duty: Duty) -> list[ReceivedReport]:
    return list(session.scalars(select(ReceivedReport).where(
        ReceivedReport.campaign_id == campaign_id, ReceivedReport.duty_id == duty.id).order_by(ReceivedReport.received_on)))


def _expected(session: Session, campaign_id: str, duty: Duty, area: Jurisdiction | None,
              base: dict[str, Any]) -> list[dict[str, Any]]:
    receipts = _receipts(session, campaign_id, duty)
    rows: list[dict[str, Any]] = []
    children = [c for c in (area.children if area is not None else ()) if c.level == duty.sender]
    for child in children:
        filings = history(session, campaign_id, duty.id, child.path)
        paper = [r for r in receipts if r.sender in (child.name, child.path, child.office)]
        dates = [f.filed_at.date() for f in filings] + [r.received_on for r in paper]
        row = {**base, "role": N_("接收"), "party": child.name, "number": filings[-1].number if filings else ""}
        if dates:
            row.update(state="late" if duty.due and min(dates) > duty.due else "received",
                       status=_sent(min(dates), duty.due, N_("逾期收到"), N_("已收到")), on=min(dates).isoformat())
        else:
            row.update(state="missing", status=N_("未收到"), on="")
        rows.append(row)
    named = {c.name for c in children} | {c.path for c in children} | {c.office for c in children}
    for receipt in receipts:
        if receipt.sender in named:
            continue
        rows.append({**base, "role": N_("接收"), "party": receipt.sender, "number": "",
                     "state": "late" if duty.due and receipt.received_on > duty.due else "received",
                     "status": _sent(receipt.received_on, duty.due, N_("逾期收到"), N_("已收到")),
                     "on": receipt.received_on.isoformat()})
    if not rows:
        rows.append({**base, "role": N_("接收"), "party": f"（{PARTIES[duty.sender]}）", "number": "", "state": "missing",
                     "status": N_("未收到"), "on": ""})
    return rows


def duty_rows(session: Session, campaign_id: str = "", as_of: date | None = None) -> list[dict[str, Any]]:
    """Each duty for this office (DUTY_COLUMNS, plus what / from / to / state): one row for a duty it
    files, one per expected sender for a duty it receives, one without status for the others."""
    office = campaigns.office(session, campaign_id)
    campaign = office.campaign
    on = as_of or date.today()
    rows: list[dict[str, Any]] = []
    for duty in campaign.duties:
        base = {"duty": duty.id, "title": duty.title, "what": DUTY_KINDS[duty.what], "from": PARTIES[duty.sender],
                "to": PARTIES[duty.receiver], "due": duty.due.isoformat() if duty.due else "",
                "days_left": (duty.due - on).days if duty.due else None}
        if office.area is not None and duty.sender == office.level:
            filings = history(session, campaign.id, duty.id, office.area.path, own=True)
            row = {**base, "role": N_("报送"), "party": office.area.name}
            if filings:
                first = filings[0].filed_at.date()
                row.update(state="late" if duty.due and first > duty.due else "filed",
                           status=_sent(first, duty.due, N_("逾期报送"), N_("已报送")), number=filings[-1].number,
                           on=filings[-1].filed_at.date().isoformat())
            else:
                row.update(state="missing", status=N_("未报送"), number="", on="")
            rows.append(row)
        elif duty.receiver == office.level:
            rows += _expected(session, campaign.id, duty, office.area, base)
        else:
            rows.append({**base, "role": "", "party": "", "state": "", "status": "", "number": "", "on": ""})
    return rows


def filed_rows(session: Session, sheet_dir: Path, campaign_id: str = "") -> list[dict[str, Any]]:
    """Reports filed here and received in roll-ups (FILED_COLUMNS), by office, duty and serial."""
    campaign = campaigns.current(session, campaign_id)
    titles = {d.id: d.title for d in campaign.duties}
    stmt = (select(FiledReport).where(FiledReport.campaign_id == campaign.id)
            .order_by(FiledReport.jurisdiction, FiledReport.duty_id, FiledReport.serial))
    reports = list(session.scalars(stmt))
    newest: dict[tuple[str, str], FiledReport] = {}
    for report in reports:
        newest[(report.jurisdiction, report.duty_id)] = report
    rows = []
    for report in reports:
        latest = newest[(report.jurisdiction, report.duty_id)]
        files = {suffix: (sheet_dir / f"{sha}.{suffix}") for suffix, sha in (("pdf", report.pdf_sha256),
                                                                            ("xlsx", report.xlsx_sha256)) if sha}
        rows.append({"number": report.number, "duty": report.duty_id, "duty_title": titles.get(report.duty_id, ""),
                     "jurisdiction": report.jurisdiction, "serial": report.serial, "as_of": report.as_of.isoformat(),
                     "filed_at": report.filed_at.isoformat(sep=" ", timespec="minutes"), "filed_by": report.filed_by,
                     "source": f"汇总自{report.origin}" if report.origin else N_("本机关"),
                     "status": N_("有效") if latest is report else f"已被{latest.number}代替",
                     "origin": report.origin, "superseded_by": "" if latest is report else latest.number,
                     "pdf": str(files["pdf"]) if "pdf" in files and files["pdf"].exists() else "",
                     "xlsx": str(files["xlsx"]) if "xlsx" in files and files["xlsx"].exists() else ""})
    return rows
