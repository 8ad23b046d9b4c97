"""Read model: the hazard ledger (隐患台账, issue 13 item 7) – every finding of this office's area across
inspections and campaigns, with its enterprise, severity, deadline, status and days overdue, and a summary
per area (found / 复查合格 / open / overdue, 一般 and 重大, closure rate). ``hazards list`` and the
workbench's 隐患台账 page call the same functions.

* **Area of a finding.** Its enterprise's, as the progress report places it (``services.progress.Areas``):
  ``origin`` (the path of the office below a roll-up came from) when set, else this office's area with
  the enterprise's ``district``. A district office sees only its own area; a city each district, a
  province each city; with no jurisdiction set, the enterprises' districts as they are written.
* **Overdue** (as ``services.outcome_refresh`` and the bureau's workbook, ``queries.workbook``): the
  deadline has passed on the as-of day (default today) and the status is 待整改 or 复查不合格; days
  overdue = the as-of day minus the deadline. On or after today the statuses are the current ones; for a
  past day, as the progress report reads them (``services.progress.FINDING_STATUS_AS_OF``: the finding's
  newest status row of the audit trail before the day ended), and only findings made by then are listed.
* **Closure rate** (闭环率) = 复查合格 / found, in percent; open = every status but 复查合格.
* **Order.** Overdue 重大 first (most days first), then overdue 一般, then the rest (重大 first) by
  deadline. The
  summary's areas by overdue 重大 (most first), then in the campaign's order, 合计 last; it covers the
  whole area whatever the filters.

One pass over the findings on the DB-API cursor: each placed in its area (the few pairs of origin and
district, cached), counted in the summary, kept when the filter lets it through; dates parsed once each.
300,000 findings take a few seconds (mostly SQLite's reading of their texts)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from inspector_app.domain.errors import ValidationError
from inspector_app.domain.lifecycle import FindingStatus, Severity
from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.services import campaigns, templates
from inspector_app.services.progress import FINDING_STATUS_AS_OF, OTHER, TOTAL, Areas
from inspector_app.services.unit import reading
from inspector_app.storage import rawsql
from inspector_app.storage.engine import Workspace
from inspector_app.storage.files import atomic_writer, disk_full_as_error
from inspector_app.storage.models import ON_SITE_MEASURES, TemplateRecord
from inspector_app.tabular.workbook import Column, Sheet, write_workbook
from inspector_app.translation import N_, NP_, _, listing

OVERDUE_STATES = (FindingStatus.OPEN.value, FindingStatus.FAILED.value)  # as services.outcome_refresh
STATUSES = tuple(s.value for s in FindingStatus)
SEVERITIES = tuple(s.value for s in Severity)
TITLE = N_("隐患台账")  # the workbook's and the PDF's title (Chinese); the CLI shows it translated


class HazardRow(NamedTuple):
    """One finding (JSON keys: the field names). ``days_overdue`` is None unless it is overdue."""

    finding_id: int
    uid: str
    enterprise: str
    uscc: str
    district: str  # the row of the summary it counts in (the area below this office)
    inspection_id: int
    inspected_on: date | None
    item_code: str
    item: str  # what the checklist item is about
    severity: str
    description: str
    requirement: str
    deadline: date | None
    status: str
    rechecked_at: datetime | None
    days_overdue: int | None
    measures: str  # the on-site measures of a 重大 hazard, in words

    def document(self) -> dict[str, Any]:
        """JSON-ready (dates as ISO text)."""
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in self._asdict().items()}


ROW_COLUMNS = HazardRow._fields
ROW_HEADINGS: dict[str, str] = {
    "finding_id": NP_("heading", "隐患编号"), "uid": NP_("heading", "记录标识"), "enterprise": NP_("heading", "企业名称"),
    "uscc": NP_("heading", "统一社会信用代码"), "district": NP_("heading", "辖区"), "inspection_id": NP_("heading", "检查编号"),
    "inspected_on": NP_("heading", "检查日期"), "item_code": NP_("heading", "检查项"), "item": NP_("heading", "检查项目"),
    "severity": NP_("heading", "隐患等级"), "description": NP_("heading", "隐患描述"), "requirement": NP_("heading", "整改要求"),
    "deadline": NP_("heading", "整改期限"), "status": NP_("heading", "整改状态"), "rechecked_at": NP_("heading", "复查时间"),
    "days_overdue": NP_("heading", "逾期天数"), "measures": NP_("heading", "现场处理措施"),
}
SUMMARY_COLUMNS = ("area", "overdue_major", "overdue_general", "found", "found_general", "found_major", "rectified",
                   "rectified_general", "rectified_major", "open", "open_general", "open_major", "overdue",
                   "closure_pct")
SUMMARY_HEADINGS: dict[str, str] = {
    "area": NP_("heading", "辖区"), "overdue_major": NP_("heading", "逾期重大隐患"),
    "overdue_general": NP_("heading", "逾期一般隐患"), "found": NP_("heading", "隐患合计"),
    "found_general": NP_("heading", "一般隐患"), "found_major": NP_("heading", "重大隐患"),
    "rectified": NP_("heading", "复查合格"), "rectified_general": NP_("heading", "一般复查合格"),
    "rectified_major": NP_("heading", "重大复查合格"), "open": NP_("heading", "未闭环"),
    "open_general": NP_("heading", "一般未闭环"), "open_major": NP_("heading", "重大未闭环"), "overdue": NP_("heading", "逾期合计"),
    "closure_pct": NP_("heading", "闭环率（%）"),
}


@dataclass(frozen=True)
class HazardFilter:
    """Which rows the ledger lists ("" / False: all)."""

    severity: str = ""
    district: str = ""
    status: str = ""
    overdue: bool = False

    def check(self) -> None:
        if self.severity and self.severity not in SEVERITIES:
            raise ValidationError(_("没有隐患等级“{severity}”；可用：{items}").format(
                severity=self.severity, items=listing(SEVERITIES)))
        if self.status and self.status not in STATUSES:
            raise ValidationError(_("没有整改状态“{status}”；可用：{items}").format(
                status=self.status, items=listing(STATUSES)))

    def document(self) -> dict[str, Any]:
        return {"severity": self.severity, "district": self.district, "status": self.status, "overdue": self.overdue}


@dataclass(frozen=True)
class HazardLedger:
    """The ledger as of a day: the rows the filter lets through (ordered), the summary of the whole area
    (SUMMARY_COLUMNS, 合计 last) and the areas it knows (for a filter's choices)."""

    jurisdiction: str  # the office's area path, "" when not set
    as_of: date
    filters: HazardFilter
    rows: list[HazardRow]
    summary: list[dict[str, Any]]
    districts: tuple[str, ...] = field(default=())

    def total(self) -> dict[str, Any]:
        return self.summary[-1]

    def document(self) -> dict[str, Any]:
        """What ``hazards list --format json`` prints."""
        return {"title": TITLE, "jurisdiction": self.jurisdiction, "as_of": self.as_of.isoformat(),
                "filters": self.filters.document(), "summary": self.summary,
                "rows": [r.document() for r in self.rows]}


def ledger(ws: Workspace, filters: HazardFilter | None = None, as_of: date | None = None,
           today: date | None = None) -> HazardLedger:
    """The hazard ledger of this office's area (``services.campaigns.office``) as of ``as_of`` (default
    today). Raises ``ValidationError`` for an unknown severity, status or district."""
    today = today or date.today()
    with reading(ws) as session:
        return read_ledger(session, filters or HazardFilter(), as_of or today, today)


def read_ledger(session: Session, filters: HazardFilter, as_of: date, today: date | None = None) -> HazardLedger:
    filters.check()
    office = campaigns.office(session)
    areas = Areas(office.campaign, office.area)
    order = [label for label, _ in areas.rows()]
    reader = _Reader(session, areas, filters, as_of, as_of >= (today or date.today()))
    reader.read()
    known = order + sorted(set(reader.counts) - set(order), key=lambda a: (a == OTHER, a))
    if filters.district and filters.district not in known:
        raise ValidationError(_("本辖区内没有“{district}”；可用：{known}").format(
            district=filters.district, known=listing(known) or _("（无）")))
    rows = reader.rows
    rows.sort(key=_order)
    return HazardLedger(office.label, as_of, filters, rows, _summary(reader.counts, order), tuple(known))


_SQL = ("SELECT e.origin, e.district, f.severity, {status}, f.deadline, f.id, f.uid, e.name, e.uscc, i.id, "
        "i.started_at, i.template_pk, f.item_code, f.description, f.requirement, f.rechecked_at, f.measures "
        "FROM findings f CROSS JOIN inspections i ON i.id = f.inspection_id "
        "CROSS JOIN enterprises e ON e.id = i.enterprise_id")
_CURRENT_SQL = _SQL.format(status="f.status")
_PAST_SQL = _SQL.format(status=FINDING_STATUS_AS_OF) + " WHERE f.created_at < :end"
_MAJOR, _PASSED = Severity.MAJOR.value, FindingStatus.PASSED.value


class _Reader:
    """One pass over every finding (CROSS JOIN: the findings scanned in order, their inspection and
    enterprise looked up by key): each placed in its area and counted there, the rows the filter lets
    through kept. Dates repeat, so each text is parsed once."""

    def __init__(self, session: Session, areas: Areas, filters: HazardFilter, as_of: date, current: bool) -> None:
        self.session, self.areas, self.filters, self.as_of, self.current = session, areas, filters, as_of, current
        # area → [found 一般, found 重大, 复查合格 一般, 复查合格 重大, overdue 一般, overdue 重大]
        self.counts: dict[str, list[int]] = {}
        self.rows: list[HazardRow] = []
        self._days: dict[str, date] = {}
        self._items: dict[int, dict[str, str]] = {}

    def day(self, text: str | None) -> date | None:
        if not text:
            return None
        key = text[:10]
        found = self._days.get(key)
        if found is None:
            found = self._days[key] = date.fromisoformat(key)
        return found

    def read(self) -> None:
        place, filters, as_of, day = self.areas.place, self.filters, self.as_of, self.day
        connection = self.session.connection()
        end = (as_of + timedelta(days=1)).isoformat()
        sql, params = (_CURRENT_SQL, {}) if self.current else (_PAST_SQL, {"end": end})
        driver = connection.connection.driver_connection
        # SQLite's own cursor (350,000 findings: a third faster than through SQLAlchemy), its CROSS JOIN
        # fixing the join order; PostgreSQL plans the joins itself (and has no CROSS JOIN … ON).
        cursor = driver.execute(sql, params) if rawsql.is_sqlite(connection) and driver else \
            rawsql.execute(connection, sql.replace(" CROSS JOIN ", " JOIN "), params)
        for raw in cursor:
            where = place(raw[0] or "", raw[1] or "")
            if where is None:
                continue
            label, severity, status = where[0], raw[2], raw[3]
            counts = self.counts.get(label)
            if counts is None:
                counts = self.counts[label] = [0] * 6
            major = severity == _MAJOR
            counts[major] += 1
            if status == _PASSED:
                counts[2 + major] += 1
            deadline = day(raw[4])
            late = (as_of - deadline).days if deadline is not None and status in OVERDUE_STATES else 0
            if late > 0:
                counts[4 + major] += 1
            if (filters.severity and severity != filters.severity) or (filters.status and status != filters.status) \
                    or (filters.district and label != filters.district) or (filters.overdue and late <= 0):
                continue
            items = self._items.get(raw[11])
            if items is None:
                items = self._items[raw[11]] = _item_labels(self.session, raw[11])
            self.rows.append(HazardRow(raw[5], raw[6], raw[7], raw[8], label, raw[9], day(raw[10]), raw[12],
                                       items.get(raw[12], ""), severity, raw[13], raw[14], deadline, status,
                                       _time(raw[15]) if self.current or (raw[15] or end) < end else None,
                                       late if late > 0 else None, _measures(raw[16])))


def _order(row: HazardRow) -> tuple[Any, ...]:
    """Overdue first (重大 before 一般, most days first), then the rest (重大 first) by deadline."""
    late = row.days_overdue
    return (late is None, row.severity != _MAJOR, -(late or 0), row.deadline is None, row.deadline or date.max,
            row.finding_id)


def _summary(counts: dict[str, list[int]], order: list[str]) -> list[dict[str, Any]]:
    cells = {label: counts.get(label, [0] * 6) for label in order} | counts
    rank = {label: n for n, label in enumerate(order)}
    rows = sorted((_figures(label, c) for label, c in cells.items()),
                  key=lambda r: (-r["overdue_major"], r["area"] == OTHER, rank.get(r["area"], len(rank)), r["area"]))
    total = [sum(c[n] for c in cells.values()) for n in range(6)]
    return [*rows, _figures(TOTAL, total)]


def _figures(label: str, c: list[int]) -> dict[str, Any]:
    found, rectified, overdue = c[0] + c[1], c[2] + c[3], c[4] + c[5]
    return {"area": label, "overdue_major": c[5], "overdue_general": c[4], "found": found, "found_general": c[0],
            "found_major": c[1], "rectified": rectified, "rectified_general": c[2], "rectified_major": c[3],
            "open": found - rectified, "open_general": c[0] - c[2], "open_major": c[1] - c[3], "overdue": overdue,
            "closure_pct": round(100 * rectified / found, 1) if found else None}


def _item_labels(session: Session, pk: int) -> dict[str, str]:
    """Item code → what the item is about (its sub-element, else its element's title) of a template."""
    record = session.get(TemplateRecord, pk)
    if record is None:
        return {}
    return {item.code: item.sub_element or element.title
            for element in templates.template_of(record).elements for item in element.items}


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text).replace(microsecond=0) if text else None


def _measures(codes: str | None) -> str:
    return "；".join(ON_SITE_MEASURES.get(c, c) for c in codes.split(",") if c) if codes else ""


# -- the workbook ------------------------------------------------------------------------------------
SUMMARY_SHEET, ROWS_SHEET = "汇总", TITLE
_ROW_WIDTHS = {"finding_id": 9, "uid": 38, "enterprise": 36, "uscc": 22, "district": 10, "inspection_id": 9,
               "inspected_on": 12, "item_code": 9, "item": 16, "severity": 9, "description": 48, "requirement": 40,
               "deadline": 12, "status": 13, "rechecked_at": 17, "days_overdue": 9, "measures": 24}
ROW_SHEET_COLUMNS = tuple(Column(ROW_HEADINGS[k], _ROW_WIDTHS[k]) for k in ROW_COLUMNS)
SUMMARY_SHEET_COLUMNS = tuple(Column(SUMMARY_HEADINGS[k], 16 if k == "area" else 11) for k in SUMMARY_COLUMNS)


@dataclass(frozen=True)
class HazardExport:
    """What was written: the file, the area, the day and the rows of the ledger sheet."""

    path: Path
    jurisdiction: str
    as_of: date
    rows: int


def filter_text(filters: HazardFilter) -> str:
    parts = [filters.severity and f"隐患等级：{filters.severity}", filters.district and f"辖区：{filters.district}",
             filters.status and f"整改状态：{filters.status}", filters.overdue and "只含逾期"]
    return "；".join(p for p in parts if p) or "全部"


def _summary_rows(found: HazardLedger) -> Iterator[Sequence[Any]]:
    for row in found.summary:
        yield [row[k] for k in SUMMARY_COLUMNS]
    yield []
    yield ["辖区", found.jurisdiction or "（未设置辖区）"]
    yield ["统计截至", found.as_of]
    yield ["筛选", filter_text(found.filters), "（汇总不受筛选影响）"]
    yield ["逾期", "整改期限已过且仍为待整改或复查不合格；闭环率 = 复查合格 ÷ 隐患合计"]


def write_xlsx(found: HazardLedger, path: Path, *, progress: Progress = no_progress,
               cancel: CancelToken | None = None) -> HazardExport:
    """The ledger as a workbook: 汇总 (the summary, then the area, the day and the filter) and 隐患台账 (the
    rows as listed), headings frozen. Written beside ``path`` and renamed into place; on an error or a
    cancel (``Cancelled``) ``path`` is left as it was (``DiskFullError`` when the disk is full)."""
    sheets = [Sheet(SUMMARY_SHEET, SUMMARY_SHEET_COLUMNS, _summary_rows(found)),
              Sheet(ROWS_SHEET, ROW_SHEET_COLUMNS, found.rows)]
    total = len(found.summary) + 5 + len(found.rows)
    with disk_full_as_error(path), atomic_writer(path) as handle:
        counts = write_workbook(handle, sheets, total=total, progress=progress, cancel=cancel)
    return HazardExport(path, found.jurisdiction, found.as_of, counts.get(ROWS_SHEET, 0))


def export_xlsx(ws: Workspace, path: Path, filters: HazardFilter | None = None, as_of: date | None = None, *,
                progress: Progress = no_progress, cancel: CancelToken | None = None) -> HazardExport:
    """Read the ledger (``ledger``) and write it to ``path`` (``write_xlsx``)."""
    return write_xlsx(ledger(ws, filters, as_of), path, progress=progress, cancel=cancel)
