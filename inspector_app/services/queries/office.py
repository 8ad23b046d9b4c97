"""Read models of the office's window (机关工作台): where this office sits, and its review queue.

``duty_report`` is the report that filing a duty would freeze, for the preview and the files saved
before filing.

``office_info`` says whether the workspace is an office's (sync role ``office``), its level and
jurisdiction in the current campaign (workspace settings ``level`` / ``jurisdiction``) and the kinds of
check the campaign names. ``review_rows`` lists the received inspections (已接收) waiting for 验收 or
退回修改, with the day each was received (from the audit trail), its people, score and conclusion."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from sqlalchemy.orm import Session

from inspector_app.domain.campaign import CHECK_KINDS, LEVELS
from inspector_app.domain.errors import InspectorError, ValidationError
from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.services import campaigns, filing, progress, progress_files
from inspector_app.services.sync import identity
from inspector_app.services.unit import reading
from inspector_app.storage import rawsql
from inspector_app.storage.engine import Workspace
from inspector_app.translation import _

REVIEW_COLUMNS = ("enterprise", "district", "template", "inspectors", "received_on", "score", "outcome")


@dataclass(frozen=True)
class CheckKind:
    kind: str  # lookback / audit / review_quality
    label: str  # “回头看” …
    template_id: str


@dataclass(frozen=True)
class OfficeInfo:
    """This workspace as an office: ``problem`` says why the campaign or the area could not be read."""

    role: str  # inspector / office
    level: str  # district / city / province, "" when not set
    level_label: str
    jurisdiction: str  # the area's full path (江苏省常州市武进区), "" when not set
    area_name: str  # 武进区
    office_name: str  # 常州市武进区应急管理局
    campaign_id: str
    campaign_title: str
    kinds: tuple[CheckKind, ...]
    districts: tuple[str, ...]  # the district-level areas under this office (itself for a district)
    problem: str = ""

    @property
    def is_office(self) -> bool:
        return self.role == "office"


def office_info(ws: Workspace) -> OfficeInfo:
    with reading(ws) as session:
        return read_office_info(session)


def read_office_info(session: Session) -> OfficeInfo:
    role = identity.role(session)
    try:
        office = campaigns.office(session)
    except InspectorError as error:  # no campaign, or an area the campaign does not know
        return OfficeInfo(role, "", "", "", "", "", "", "", (), (), str(error))
    campaign, area = office.campaign, office.area
    kinds = tuple(CheckKind(k, CHECK_KINDS.get(k, k), t) for k, t in campaign.templates.items())
    below = area if area is not None else campaign.root
    districts = tuple(a.name for a in below.walk() if a.level == "district")
    return OfficeInfo(role, office.level, LEVELS.get(office.level, office.level), office.label,
                      area.name if area is not None else "", area.office if area is not None else "",
                      campaign.id, campaign.title, kinds, districts)


_REVIEW_SQL = """
SELECT i.id, i.enterprise_id, e.name, e.district, t.title, t.template_id, t.kind, i.score, i.outcome, i.grade,
       i.status, i.started_at, i.reviewer_comment, i.version
FROM inspections AS i JOIN enterprises AS e ON e.id = i.enterprise_id JOIN templates AS t ON t.pk = i.template_pk
WHERE i.status IN ({marks}) AND i.origin = '' ORDER BY i.id  -- an office below decides on its own records
"""
_RECEIVED_SQL = """
SELECT inspection_id, max(at) FROM audit_events
WHERE entity = 'inspection' AND field = 'status' AND new_value = ? GROUP BY inspection_id
"""
_PEOPLE_SQL = """
SELECT ii.inspection_id, p.name, p.role FROM inspection_inspectors AS ii JOIN inspectors AS p ON p.id = ii.inspector_id
ORDER BY ii.inspection_id, ii.position
"""


def review_rows(ws: Workspace, statuses: Iterable[str] = (InspectionStatus.RECEIVED.value,)) -> list[dict[str, Any]]:
    """The inspections waiting for the review (已接收 by default), oldest first: ``received_on`` is the
    day of the newest change to 已接收 (ISO date, "" when the audit trail has none), ``inspectors`` the
    people in order, ``kind`` the campaign's kind of check of the template ("" when it names none)."""
    wanted = tuple(statuses)
    if not wanted:
        return []
    with reading(ws) as session:
        connection = session.connection()
        try:
            by_template = {t: k for k, t in campaigns.current(session).templates.items()}
        except InspectorError:
            by_template = {}
        received: dict[int, Any] = {iid: at for iid, at in rawsql.execute(connection,
            _RECEIVED_SQL, (InspectionStatus.RECEIVED.value,)).fetchall()}
        rows = rawsql.execute(connection, _REVIEW_SQL.format(marks=", ".join("?" * len(wanted))), wanted).fetchall()
        ids = {r[0] for r in rows}
        people: dict[int, list[str]] = {}
        for inspection_id, name, _role in rawsql.execute(connection, _PEOPLE_SQL).fetchall():
            if inspection_id in ids:
                people.setdefault(inspection_id, []).append(name)
    out = []
    for (iid, eid, name, district, title, template_id, template_kind, score, outcome, grade, status, started,
         comment, version) in rows:
        kind = by_template.get(template_id, "")
        out.append({"id": iid, "enterprise_id": eid, "enterprise": name or "", "district": district or "",
                    "template": title or "", "template_id": template_id, "kind": kind,
                    "kind_label": CHECK_KINDS.get(kind, template_kind or ""),
                    "inspectors": "、".join(people.get(iid, [])), "received_on": str(received.get(iid) or "")[:10],
                    "inspected_on": str(started or "")[:10], "score": score, "outcome": outcome or "",
                    "grade": grade or "", "status": status, "reviewer_comment": comment or "",
                    "version": version})  # what 验收 / 退回修改 pass as expected_version
    return out


@dataclass(frozen=True)
class DutyReport:
    """What filing a duty would freeze now (``services.filing``): its figures and the report's title."""

    duty_id: str
    duty_title: str
    title: str  # the report's heading (“回头看”工作推进落实情况表 …)
    report: progress.ProgressReport


def duty_report(ws: Workspace, duty_id: str, campaign_id: str = "", as_of: date | None = None,
                today: date | None = None) -> DutyReport:
    """The report of a duty this office files, as of ``as_of`` (default: the duty's date, or today when
    that is earlier) – a city's areas from their districts' filings where they filed, as filing does.
    Raises ``ValidationError`` for a duty this office does not file or an office without an area."""
    with reading(ws) as session:
        office = campaigns.office(session, campaign_id)
        if office.area is None:
            raise ValidationError(_("本工作区尚未设置本机关的层级和辖区（设置 → 工作区设置：level、jurisdiction）"))
        duty = office.campaign.duty(duty_id)
        filing.check_sender(office, duty)
        on = today or date.today()
        report = filing.build_report(session, office.campaign, office.area, duty,
                                     as_of or filing.default_as_of(duty, on), on)
        return DutyReport(duty.id, duty.title, progress_files.REPORT_TITLES.get(duty.what, duty.title), report)


def duty_pdf(preview: DutyReport, text: str = "") -> bytes:
    """The duty's report as the PDF filing keeps (unnumbered: the number is given when it is filed)."""
    return progress_files.render_pdf(preview.report, title=preview.title, text=text)


def write_duty_xlsx(preview: DutyReport, target: IO[bytes] | Path, text: str = "") -> None:
    progress_files.write_xlsx(preview.report, target, title=preview.title, text=text)
