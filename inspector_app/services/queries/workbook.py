"""Read model: the bureau's workbook (issue 12 item 7) – one ``.xlsx`` per campaign and jurisdiction with
the enterprises, the inspections, the hazard ledger (隐患台账) and the photo index, Chinese headings.

What goes in: the inspections of the campaign (``inspections.campaign_id``) and their enterprises,
findings and photos. A district office (workspace setting ``level`` = district) exports only its area:
enterprises of its district (``enterprises.district`` = the area's name) and records that came up from
an office under its path (``inspections.origin``). A city or province office exports every inspection of
the campaign it holds, its own and the roll-ups.

How: SQL on the connection, each sheet's rows streamed from its cursor (``yield_per``) straight into
``tabular.workbook`` – no sheet is ever held in memory – inside one read transaction, so the four sheets
show the same moment even while others write. Dates become ``date``/``datetime`` (Excel dates), scores
and counts numbers. The file is written beside its target and renamed into place when complete; on an
error or a cancel nothing is left."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from inspector_app.domain.campaign import LEVELS
from inspector_app.domain.lifecycle import INSPECTION_LABELS, FindingStatus
from inspector_app.domain.numbers import SCORE_FORMAT
from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.domain.states import NOT_STARTED
from inspector_app.services import campaigns, templates
from inspector_app.services.campaigns import Office
from inspector_app.services.unit import reading
from inspector_app.storage import rawsql
from inspector_app.storage.engine import Workspace
from inspector_app.storage.files import atomic_writer, disk_full_as_error
from inspector_app.storage.models import ON_SITE_MEASURES, TemplateRecord
from inspector_app.tabular.workbook import Column, Sheet, write_workbook

BATCH = 2000  # rows fetched from a cursor at a time
OWN = "本级"  # the origin of a record this office made itself
OVERDUE_STATES = (FindingStatus.OPEN.value, FindingStatus.FAILED.value)  # as services.outcome_refresh
PHOTO_ROLES = {"": "", "before": "整改前", "after": "整改后"}
TIME_SOURCES = {"exif": "EXIF", "device_clock": "设备时钟"}

ENTERPRISES, INSPECTIONS, FINDINGS, PHOTOS, COVER = "企业名录", "检查", "隐患台账", "照片索引", "说明"
SHEET_NOTES = {
    ENTERPRISES: "本次导出的检查所涉企业，每家一行",
    INSPECTIONS: "活动中的检查，每次一行：状态、得分、评定等级、处理建议、隐患和照片数",
    FINDINGS: "隐患台账：每条隐患一行，含整改要求、期限、状态、复查和截至导出日是否逾期",
    PHOTOS: "照片索引：每张照片一行，以 SHA-256 指向工作区照片库中的原件",
}


@dataclass(frozen=True)
class WorkbookExport:
    """What was written: the file, the campaign, the area (path; "" = the whole workspace) and the rows
    per sheet (the cover first)."""

    path: Path
    campaign_id: str
    campaign_title: str
    jurisdiction: str
    counts: dict[str, int]


def _columns(*spec: tuple[str, float]) -> tuple[Column, ...]:
    return tuple(Column(heading, width, SCORE_FORMAT if heading == "得分" else "") for heading, width in spec)


@dataclass(frozen=True)
class _Scope:
    """The inspections exported, as SQL over ``inspections i JOIN enterprises e``."""

    where: str
    params: tuple[Any, ...]

    @classmethod
    def of(cls, office: Office) -> _Scope:
        campaign = office.campaign
        if office.level == "district" and office.area is not None:
            path = office.area.path
            return cls("i.campaign_id = ? AND (e.district = ? OR (i.origin <> '' AND substr(i.origin, 1, ?) = ?))",
                       (campaign.id, office.area.name, len(path), path))
        return cls("i.campaign_id = ?", (campaign.id,))


_FROM = "FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id"


def _rows(conn: Connection, sql: str, params: Sequence[Any]) -> Iterator[Sequence[Any]]:
    yield from rawsql.execute(conn, sql, tuple(params)).yield_per(BATCH)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text).replace(microsecond=0) if text else None


def _origin(text: str) -> str:
    return text or OWN


ENTERPRISE_COLUMNS = _columns(
    ("统一社会信用代码", 22), ("企业名称", 36), ("辖市区", 10), ("地址", 40), ("行业", 12), ("专业", 14),
    ("证书等级", 9), ("证书编号", 22), ("发证日期", 12), ("有效期至", 12), ("评审单位", 28), ("咨询单位", 28),
    ("法定代表人", 11), ("联系人", 10), ("联系电话", 15), ("检查次数", 9), ("来源", 20))


def _enterprises(conn: Connection, scope: _Scope) -> Iterator[Sequence[Any]]:
    sql = ("SELECT e.uscc, e.name, e.district, e.address, e.industry, e.sub_speciality, e.cert_grade, "
           "e.cert_number, e.cert_issued, e.cert_expires, e.review_org, e.consulting_org, e.legal_rep, "
           "e.contact_person, e.contact_phone, n.count, e.origin FROM enterprises e JOIN "
           f"(SELECT i.enterprise_id AS id, count(*) AS count {_FROM} WHERE {scope.where} GROUP BY i.enterprise_id)"
           " n ON n.id = e.id ORDER BY e.district, e.name, e.id")
    for row in _rows(conn, sql, scope.params):
        yield (*row[:8], _day(row[8]), _day(row[9]), *row[10:16], _origin(row[16]))


INSPECTION_COLUMNS = _columns(
    ("检查编号", 9), ("企业名称", 36), ("统一社会信用代码", 22), ("辖市区", 10), ("检查表", 40), ("状态", 11),
    ("检查期限", 12), ("开始时间", 17), ("结束时间", 17), ("完成时间", 17), ("检查人员", 20), ("检查场所", 24),
    ("现场负责人", 11), ("已答项数", 9), ("得分", 8), ("评定等级", 9), ("处理建议", 10), ("一般隐患", 9),
    ("重大隐患", 9), ("照片", 7), ("来源", 20), ("记录标识", 38))


def _joined(conn: Connection, column: str, separator: str) -> str:
    """The rows' ``column`` joined by ``separator``, in the subquery's order."""
    function = "group_concat" if rawsql.is_sqlite(conn) else "string_agg"
    return f"{function}({column}, '{separator}')"


def _inspections(conn: Connection, scope: _Scope) -> Iterator[Sequence[Any]]:
    sql = ("SELECT i.id, e.name, e.uscc, e.district, t.title, i.status, i.due_date, i.started_at, i.ended_at, "
           f"i.completed_at, (SELECT {_joined(conn, 'name', '、')} FROM (SELECT p.name FROM inspection_inspectors l "
           "JOIN inspectors p ON p.id = l.inspector_id WHERE l.inspection_id = i.id ORDER BY l.position) AS n), "
           "i.location, i.rep_name, i.answered, i.score, i.grade, i.outcome, "
           "(SELECT count(*) FROM findings f WHERE f.inspection_id = i.id AND f.severity <> '重大'), "
           "(SELECT count(*) FROM findings f WHERE f.inspection_id = i.id AND f.severity = '重大'), "
           "(SELECT count(*) FROM photos p WHERE p.inspection_id = i.id), i.origin, i.uid "
           f"{_FROM} JOIN templates t ON t.pk = i.template_pk WHERE {scope.where} ORDER BY i.id")
    labels = INSPECTION_LABELS
    for row in _rows(conn, sql, scope.params):
        yield (*row[:5], labels.get(row[5], row[5]), _day(row[6]), _time(row[7]), _time(row[8]), _time(row[9]),
               row[10] or "", *row[11:16], row[16] or NOT_STARTED, *row[17:20], _origin(row[20]), row[21])


FINDING_COLUMNS = _columns(
    ("隐患编号", 9), ("企业名称", 36), ("统一社会信用代码", 22), ("辖市区", 10), ("检查编号", 9), ("检查日期", 12),
    ("检查项", 10), ("检查项目", 16), ("隐患等级", 9), ("隐患描述", 48), ("整改要求", 40), ("整改期限", 12),
    ("整改责任人", 11), ("现场处理措施", 24), ("整改状态", 13), ("复查时间", 17), ("复查意见", 30),
    ("是否逾期", 9), ("逾期天数", 9), ("登记时间", 17), ("来源", 20))


def _measures(codes: str) -> str:
    return "；".join(ON_SITE_MEASURES.get(c, c) for c in codes.split(",") if c) if codes else ""


def _findings(conn: Connection, scope: _Scope, today: date,
              items: dict[tuple[int, str], str]) -> Iterator[Sequence[Any]]:
    sql = ("SELECT f.id, e.name, e.uscc, e.district, i.id, i.started_at, i.template_pk, f.item_code, f.severity, "
           "f.description, f.requirement, f.deadline, f.responsible_person, f.measures, f.status, f.rechecked_at, "
           f"f.recheck_note, f.created_at, i.origin FROM findings f JOIN inspections i ON i.id = f.inspection_id "
           f"JOIN enterprises e ON e.id = i.enterprise_id WHERE {scope.where} ORDER BY i.id, f.id")
    for row in _rows(conn, sql, scope.params):
        deadline = _day(row[11])
        late = (today - deadline).days if deadline is not None and row[14] in OVERDUE_STATES else 0
        yield (*row[:5], _day(row[5]), row[7], items.get((row[6], row[7]), ""), *row[8:11], deadline, *row[12:13],
               _measures(row[13]), row[14], _time(row[15]), row[16], "是" if late > 0 else "否",
               late if late > 0 else None, _time(row[17]), _origin(row[18]))


PHOTO_COLUMNS = _columns(
    ("照片SHA-256", 66), ("检查编号", 9), ("企业名称", 36), ("检查项", 10), ("隐患编号", 9), ("整改前后", 9),
    ("拍摄时间", 17), ("时区", 7), ("时间来源", 9), ("纬度", 11), ("经度", 11), ("海拔（米）", 10),
    ("原文件名", 24), ("说明", 36), ("添加人", 12), ("添加时间", 17))


def _photos(conn: Connection, scope: _Scope) -> Iterator[Sequence[Any]]:
    sql = ("SELECT p.sha256, i.id, e.name, p.item_code, p.finding_id, p.role, p.captured_at, p.captured_offset, "
           "p.time_source, p.gps_lat, p.gps_lon, p.gps_alt, p.original_name, p.caption, p.added_by, p.added_at "
           f"FROM photos p JOIN inspections i ON i.id = p.inspection_id JOIN enterprises e ON e.id = i.enterprise_id "
           f"WHERE {scope.where} ORDER BY i.id, p.position, p.id")
    for row in _rows(conn, sql, scope.params):
        yield (*row[:5], PHOTO_ROLES.get(row[5], row[5]), _time(row[6]), row[7], TIME_SOURCES.get(row[8], row[8]),
               *row[9:14], row[14], _time(row[15]))


def _item_labels(session: Session, conn: Connection, scope: _Scope) -> dict[tuple[int, str], str]:
    """(template pk, item code) → what the item is about (its sub-element, else its element's title)."""
    pks = [row[0] for row in rawsql.execute(conn, f"SELECT DISTINCT i.template_pk {_FROM} WHERE {scope.where}",
                                                  scope.params)]
    labels: dict[tuple[int, str], str] = {}
    for pk in pks:
        record = session.get(TemplateRecord, pk)
        if record is None:
            continue
        for element in templates.template_of(record).elements:
            for item in element.items:
                labels[pk, item.code] = item.sub_element or element.title
    return labels


def _count(conn: Connection, sql: str, scope: _Scope) -> int:
    return int(rawsql.execute(conn, sql, scope.params).scalar_one())


def _expected(conn: Connection, scope: _Scope) -> int:
    """All rows the four sheets will have (for progress)."""
    where = f"{_FROM} WHERE {scope.where}"
    return (_count(conn, f"SELECT count(DISTINCT i.enterprise_id) {where}", scope)
            + _count(conn, f"SELECT count(*) {where}", scope)
            + _count(conn, f"SELECT count(*) FROM findings f JOIN ({'SELECT i.id ' + where}) s ON s.id = f.inspection_id",
                     scope)
            + _count(conn, f"SELECT count(*) FROM photos p JOIN ({'SELECT i.id ' + where}) s ON s.id = p.inspection_id",
                     scope))


def _cover(office: Office, exported_at: datetime, today: date) -> Callable[[dict[str, int]], Sheet]:
    campaign = office.campaign
    area = office.area

    def cover(counts: dict[str, int]) -> Sheet:
        rows: list[Sequence[Any]] = [
            ("活动", campaign.title, f"{campaign.id}，版本 {campaign.version}"),
            ("依据", campaign.basis, campaign.authority),
            ("辖区", area.path if area is not None else "（未设置辖区）",
             LEVELS.get(office.level, "") + ("：只含本辖区的企业和下级上报的记录" if office.level == "district"
                                             else "：含本工作区活动中的全部检查，本级的和下级上报的")),
            ("导出时间", exported_at, ""),
            ("逾期截至", today, "隐患台账的“是否逾期”按此日计：期限已过且仍待整改或复查不合格"),
            ("来源", OWN, "“本级”为本单位的记录，否则为上报该记录的辖区"),
        ]
        rows += [(f"工作表：{title}", counts.get(title, 0), note) for title, note in SHEET_NOTES.items()]
        return Sheet(COVER, _columns(("项目", 16), ("内容", 44), ("说明", 60)), rows)

    return cover


def read_sheets(session: Session, office: Office, today: date) -> list[Sheet]:
    """The four sheets of the office's area in the campaign, each with its rows still to be read from the
    session's connection (``export_workbook`` writes them; a benchmark reads them into memory)."""
    conn = session.connection()
    scope = _Scope.of(office)
    items = _item_labels(session, conn, scope)
    return [Sheet(ENTERPRISES, ENTERPRISE_COLUMNS, _enterprises(conn, scope)),
            Sheet(INSPECTIONS, INSPECTION_COLUMNS, _inspections(conn, scope)),
            Sheet(FINDINGS, FINDING_COLUMNS, _findings(conn, scope, today, items)),
            Sheet(PHOTOS, PHOTO_COLUMNS, _photos(conn, scope))]


def export_workbook(ws: Workspace, path: Path, campaign_id: str = "", *, today: date | None = None,
                    progress: Progress = no_progress, cancel: CancelToken | None = None) -> WorkbookExport:
    """Write the workbook of the campaign (default: the workspace's current one) for this office's area to
    ``path``. Raises ``NotFoundError`` (no such campaign), ``ValidationError`` (the office's jurisdiction is
    not in the campaign), ``Cancelled`` and ``DiskFullError``; ``path`` is then left as it was."""
    today = today or date.today()
    exported_at = datetime.now().replace(microsecond=0)
    with reading(ws) as session:
        # Finding the campaign may copy the shipped campaigns in (a write, rolled back at close): done in a
        # session of its own, so that the long read below holds no write lock.
        office = campaigns.office(session, campaign_id)
    with reading(ws) as session:
        conn = session.connection()
        rawsql.snapshot(conn)  # one snapshot for every sheet (closing the session rolls it back)
        scope = _Scope.of(office)
        sheets = read_sheets(session, office, today)
        total = _expected(conn, scope)
        with disk_full_as_error(path), atomic_writer(path) as handle:
            counts = write_workbook(handle, sheets, cover=_cover(office, exported_at, today), total=total,
                                    progress=progress, cancel=cancel)
    campaign = office.campaign
    return WorkbookExport(path, campaign.id, campaign.title, office.label, counts)
