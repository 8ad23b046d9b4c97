"""Progress against a campaign (issue 12 item 4): per area of this office and per kind of check, counted
by enterprise as of a date, aggregated in SQL (docs/reports.md has every figure's definition).

* **Rows.** One per child area of the office – a district office: its own area; a city: each district; a
  province: each city – in the campaign's order, then ``OTHER`` for records whose area is not one of
  them (only when there are any), then ``合计``; the same for every kind of check the campaign names
  (``lookback`` / ``audit`` / ``review_quality``).
* **Area of an enterprise.** ``origin`` (the jurisdiction path of the office a roll-up record came from)
  when set, else this office's area, with the enterprise's ``district`` below a city or a province. A
  district office counts only its own records whose district is its own area's name.
* **By enterprise.** Of an enterprise's inspections of a kind in the campaign assigned by the end of the
  day, the latest (by assignment time, then id) counts, once.
* **As of the date.** The status on that day is the newest status row of the inspection's audit trail
  written before the day ended (an inspection without any status row: its current status); on or after
  today it is the current status. Hazards found before the day ended, rectified = 复查合格 re-checked by
  then, overdue = past their deadline on that day and 待整改 or 复查不合格 then (``FINDING_STATUS_AS_OF``).

The figures of a city are the sum of its districts' because the same SQL runs over the roll-up records,
which keep their ``origin``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.campaign import CHECK_KINDS, LEVELS, Campaign, Jurisdiction
from inspector_app.domain.errors import ValidationError
from inspector_app.domain.lifecycle import LOCKED_STATUSES, FindingStatus, InspectionStatus, Severity
from inspector_app.services import campaigns, workspace_meta
from inspector_app.services.templates import template_of
from inspector_app.storage import rawsql
from inspector_app.storage.models import TemplateRecord
from inspector_app.translation import NP_, _

# JSON keys of a row (docs/reports.md). Conclusion columns that a kind of check cannot reach are None.
PROGRESS_COLUMNS = (
    "kind", "kind_label", "area", "area_path", "in_scope", "assigned", "visited", "completed", "accepted",
    "returned", "maintain", "rectify", "delist", "qualified", "criticised", "suspended", "disqualified",
    "hazards_general", "hazards_major", "rectified_general", "rectified_major", "overdue_general",
    "overdue_major", "certs_expired",
)
PROGRESS_HEADINGS: dict[str, str] = {
    "kind": NP_("heading", "检查种类代码"), "kind_label": NP_("heading", "检查种类"), "area": NP_("heading", "辖区"),
    "area_path": NP_("heading", "辖区全称"), "in_scope": NP_("heading", "纳入范围企业"), "assigned": NP_("heading", "已分配"),
    "visited": NP_("heading", "已到场检查"), "completed": NP_("heading", "已完成"), "accepted": NP_("heading", "已验收"),
    "returned": NP_("heading", "退回修改"), "maintain": NP_("heading", "维持"), "rectify": NP_("heading", "限期整改"),
    "delist": NP_("heading", "建议摘牌"), "qualified": NP_("heading", "合格"), "criticised": NP_("heading", "建议通报批评"),
    "suspended": NP_("heading", "建议暂停评审活动"), "disqualified": NP_("heading", "建议取消评审资格"),
    "hazards_general": NP_("heading", "发现一般隐患"), "hazards_major": NP_("heading", "发现重大隐患"),
    "rectified_general": NP_("heading", "一般隐患已整改"), "rectified_major": NP_("heading", "重大隐患已整改"),
    "overdue_general": NP_("heading", "一般隐患逾期未整改"), "overdue_major": NP_("heading", "重大隐患逾期未整改"),
    "certs_expired": NP_("heading", "证书已过期"),
}
FIGURES = PROGRESS_COLUMNS[4:]
_COUNTS = ("assigned", "visited", "completed", "accepted", "returned")
_HAZARDS = ("hazards_general", "hazards_major", "rectified_general", "rectified_major", "overdue_general",
            "overdue_major")
# Conclusion code (the cached ``inspections.outcome``) → column; a template's other codes count in the
# column of their bucket (``counts_as``) when the kind has it.
CONCLUSION_COLUMNS: dict[str, str] = {
    "维持": "maintain", "限期整改": "rectify", "建议摘牌": "delist", "合格": "qualified",
    "建议通报批评": "criticised", "建议暂停评审活动": "suspended", "建议取消评审资格": "disqualified",
}
KIND_CONCLUSIONS: dict[str, tuple[str, ...]] = {
    "lookback": ("maintain", "rectify", "delist"),
    "audit": ("maintain", "rectify", "delist"),
    "review_quality": ("qualified", "criticised", "suspended", "disqualified"),
}
ALL_CONCLUSIONS = ("maintain", "rectify", "delist", "qualified", "criticised", "suspended", "disqualified")
TOTAL, OTHER = "合计", "其他（未归属辖区）"


def columns_for(kind: str) -> tuple[str, ...]:
    """The figure columns that apply to a kind of check (for the per-kind tables of xlsx and PDF)."""
    own = KIND_CONCLUSIONS.get(kind, ("maintain", "rectify", "delist"))
    return tuple(c for c in FIGURES if c not in ALL_CONCLUSIONS or c in own)


@dataclass(frozen=True)
class ProgressReport:
    """The figures as of a date; ``rows`` as PROGRESS_COLUMNS, by kind, each kind's areas then 合计.
    ``unfiled`` and ``sources`` are set for a report built from the filed reports of the offices below
    (``services.filing``): who did not file, and for each area the report its figures come from."""

    campaign_id: str
    campaign_title: str
    authority: str
    level: str
    jurisdiction: str
    as_of: date
    kinds: tuple[str, ...]
    rows: list[dict[str, Any]]
    unfiled: tuple[str, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)
    basis: str = ""  # the notices ordering the campaign

    @property
    def level_label(self) -> str:
        return LEVELS.get(self.level, self.level)

    def rows_of(self, kind: str) -> list[dict[str, Any]]:
        return [r for r in self.rows if r["kind"] == kind]

    def total(self, kind: str) -> dict[str, Any]:
        return next(r for r in self.rows if r["kind"] == kind and r["area"] == TOTAL)

    def document(self) -> dict[str, Any]:
        """JSON-ready: what ``report progress --format json`` prints and a filed report freezes."""
        return {"campaign_id": self.campaign_id, "campaign_title": self.campaign_title,
                "authority": self.authority, "level": self.level, "jurisdiction": self.jurisdiction,
                "as_of": self.as_of.isoformat(), "kinds": list(self.kinds), "columns": list(PROGRESS_COLUMNS),
                "rows": self.rows, "unfiled": list(self.unfiled), "sources": dict(self.sources),
                "basis": self.basis}


def from_document(doc: dict[str, Any]) -> ProgressReport:
    """A report back from ``document()`` (a filed report's frozen figures)."""
    try:
        return ProgressReport(str(doc["campaign_id"]), str(doc["campaign_title"]), str(doc.get("authority", "")),
                              str(doc["level"]), str(doc["jurisdiction"]), date.fromisoformat(doc["as_of"]),
                              tuple(doc["kinds"]), [dict(r) for r in doc["rows"]], tuple(doc.get("unfiled", ())),
                              dict(doc.get("sources", {})), str(doc.get("basis", "")))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(_("报告数据无法读取（{exc}）").format(exc=exc)) from None


def empty_row(kind: str, area: str, path: str) -> dict[str, Any]:
    row: dict[str, Any] = {"kind": kind, "kind_label": CHECK_KINDS.get(kind, kind), "area": area, "area_path": path}
    own = KIND_CONCLUSIONS.get(kind, ())
    for column in FIGURES:
        row[column] = None if column in ALL_CONCLUSIONS and column not in own else 0
    return row


def total_row(kind: str, rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    total = empty_row(kind, TOTAL, "")
    for row in rows:
        for column in FIGURES:
            if total[column] is not None:
                total[column] += int(row.get(column) or 0)
    return total


class Areas:
    """Which row an enterprise's figures go in, from its (origin, district)."""

    def __init__(self, campaign: Campaign, area: Jurisdiction | None) -> None:
        self.area = area
        scope = campaign.find(campaign.scope.jurisdiction)
        self.scope_path = scope.path if scope is not None else ""
        self.named = {a.name: a.path for a in area.walk()} if area is not None else {}
        self.children = list(area.children) if area is not None else []
        self._cache: dict[tuple[str, str], tuple[str, str, str] | None] = {}

    def rows(self) -> list[tuple[str, str]]:
        """(label, path) of the rows every report lists, even with nothing in them."""
        if self.area is None:
            return []
        if not self.children:
            return [(self.area.name, self.area.path)]
        return [(c.name, c.path) for c in self.children]

    def place(self, origin: str, district: str) -> tuple[str, str, str] | None:
        """(row label, row path, the enterprise's own path) or None when the record is not this office's."""
        key = (origin or "", district or "")
        if key not in self._cache:
            self._cache[key] = self._place(*key)
        return self._cache[key]

    def _place(self, origin: str, district: str) -> tuple[str, str, str] | None:
        area = self.area
        if area is None:
            label = district or "（未填）"
            return label, "", origin or district
        if not self.children:
            if origin.startswith(area.path) or (not origin and district == area.name):
                return area.name, area.path, origin or area.path
            return None
        path = origin or self.named.get(district) or area.path + district
        child = area.child_on(path)
        if child is None:
            return OTHER, "", path
        return child.name, child.path, path

    def in_scope(self, path: str) -> bool:
        return self.area is None or not self.scope_path or path.startswith(self.scope_path)


def kind_templates(session: Session, campaign: Campaign, kinds: Sequence[str]) -> dict[int, tuple[str, dict[str, str]]]:
    """Template pk → (kind, conclusion code → column) for the campaign's templates of the kinds."""
    by_template = {campaign.templates[k]: k for k in kinds}
    found: dict[int, tuple[str, dict[str, str]]] = {}
    for record in session.scalars(select(TemplateRecord).where(TemplateRecord.template_id.in_(by_template))):
        kind = by_template[record.template_id]
        own = KIND_CONCLUSIONS.get(kind, ())
        columns: dict[str, str] = {}
        for code, bucket in template_of(record).conclusion.buckets.items():
            column = CONCLUSION_COLUMNS.get(code) or CONCLUSION_COLUMNS.get(bucket, "")
            if column in own:
                columns[code] = column
        found[record.pk] = (kind, columns)
    return found


_LOCKED = ", ".join(f"'{s.value}'" for s in sorted(LOCKED_STATUSES))
_ASSIGNED, _ACCEPTED, _RETURNED = (f"'{s.value}'" for s in (InspectionStatus.ASSIGNED, InspectionStatus.ACCEPTED,
                                                              InspectionStatus.RETURNED))
_PASSED, _MAJOR = f"'{FindingStatus.PASSED.value}'", f"'{Severity.MAJOR.value}'"
# An inspection's status when the day ended: its newest status row before then (the partial index of
# migration 0007); one with status rows but none yet: assigned; one without any: its current status.
STATUS_AS_OF = (
    "COALESCE((SELECT a.new_value FROM audit_events a WHERE a.inspection_id = c.id AND a.entity = 'inspection' "
    "AND a.field = 'status' AND a.at < :end ORDER BY a.at DESC, a.id DESC LIMIT 1), "
    "CASE WHEN EXISTS (SELECT 1 FROM audit_events a WHERE a.inspection_id = c.id AND a.entity = 'inspection' "
    f"AND a.field = 'status') THEN {_ASSIGNED} ELSE c.status END)")
_RECTIFIED = f"(f.status = {_PASSED} AND f.rechecked_at < :end)"
# Overdue = past its deadline while the enterprise has not rectified it: 待整改 or 复查不合格 on that day –
# the rule services.outcome_refresh applies (an overdue 重大 hazard turns the conclusion to 建议摘牌) and
# the hazard ledger and the workbook show; 已整改待复查 is not overdue. A finding's status on a past day is
# its newest status row of the audit trail written before the day ended; with rows but none yet: 待整改,
# as created; without any (an older roll-up): its current status, unless re-checked only after the day.
_NOT_RECTIFIED = ", ".join(f"'{s.value}'" for s in (FindingStatus.OPEN, FindingStatus.FAILED))
_FINDING_ROWS = ("FROM audit_events a WHERE a.inspection_id = f.inspection_id AND a.entity = 'finding' "
                 "AND a.entity_key = f.uid AND a.field = 'status'")
FINDING_STATUS_AS_OF = (
    f"COALESCE((SELECT a.new_value {_FINDING_ROWS} AND a.at < :end ORDER BY a.at DESC, a.id DESC LIMIT 1), "
    f"CASE WHEN EXISTS (SELECT 1 {_FINDING_ROWS}) OR (f.status = {_PASSED} AND f.rechecked_at >= :end) "
    f"THEN '{FindingStatus.OPEN.value}' ELSE f.status END)")


def _count(condition: str) -> str:
    """How many rows meet ``condition``: SQL for both engines (PostgreSQL sums no booleans)."""
    return f"sum(CASE WHEN {condition} THEN 1 ELSE 0 END)"


def inspections_sql(kind_of: dict[int, str], current: bool) -> str:
    """The aggregate of the latest inspection of each enterprise and kind, by (origin, district, kind,
    conclusion of a completed one). ``current``: the date is today or later, statuses are current."""
    kind_case = "CASE i.template_pk " + " ".join(f"WHEN {int(pk)} THEN '{kind}'" for pk, kind in kind_of.items()) \
        + " END"
    pks = ", ".join(str(int(pk)) for pk in kind_of)
    status = "c.status" if current else STATUS_AS_OF
    finding_status = "f.status" if current else FINDING_STATUS_AS_OF
    overdue = f"(f.deadline < :as_of AND {finding_status} IN ({_NOT_RECTIFIED}))"
    return f"""
WITH cand AS (
  SELECT i.id, i.enterprise_id, i.status, i.outcome, i.started_at, {kind_case} AS kind,
         row_number() OVER (PARTITION BY i.enterprise_id, {kind_case} ORDER BY i.assigned_at DESC, i.id DESC) AS rn
  FROM inspections i
  WHERE i.campaign_id = :campaign AND i.template_pk IN ({pks}) AND i.assigned_at < :end
),
latest AS (
  SELECT c.id, c.enterprise_id, c.kind, c.outcome, c.started_at, {status} AS st FROM cand c WHERE c.rn = 1
),
haz AS (
  SELECT f.inspection_id AS iid,
         {_count(f"f.severity <> {_MAJOR}")} AS g, {_count(f"f.severity = {_MAJOR}")} AS m,
         {_count(f"f.severity <> {_MAJOR} AND {_RECTIFIED}")} AS rg,
         {_count(f"f.severity = {_MAJOR} AND {_RECTIFIED}")} AS rm,
         {_count(f"f.severity <> {_MAJOR} AND {overdue}")} AS og,
         {_count(f"f.severity = {_MAJOR} AND {overdue}")} AS om
  FROM findings f WHERE f.created_at < :end AND f.inspection_id IN (SELECT id FROM latest)
  GROUP BY f.inspection_id
)
SELECT e.origin, e.district, l.kind,
       CASE WHEN l.st IN ({_LOCKED}) THEN l.outcome ELSE '' END AS conclusion,
       count(*), {_count(f"l.st <> {_ASSIGNED} OR l.started_at < :end")}, {_count(f"l.st IN ({_LOCKED})")},
       {_count(f"l.st = {_ACCEPTED}")}, {_count(f"l.st = {_RETURNED}")},
       COALESCE(sum(h.g), 0), COALESCE(sum(h.m), 0), COALESCE(sum(h.rg), 0), COALESCE(sum(h.rm), 0),
       COALESCE(sum(h.og), 0), COALESCE(sum(h.om), 0)
FROM latest l JOIN enterprises e ON e.id = l.enterprise_id LEFT JOIN haz h ON h.iid = l.id
GROUP BY e.origin, e.district, l.kind, conclusion
"""


def scope_sql(campaign: Campaign) -> tuple[str, dict[str, Any]]:
    """Enterprises the campaign's scope covers (``Scope.covers``) and those of them expired on the day, by
    (origin, district)."""
    scope = campaign.scope
    params: dict[str, Any] = {f"g{n}": g for n, g in enumerate(scope.cert_grades)}
    where = [f"cert_grade IN ({', '.join(':' + k for k in params) or 'NULL'})"]
    if scope.industries:
        industries = {f"n{n}": i for n, i in enumerate(scope.industries)}
        where.append(f"industry IN ({', '.join(':' + k for k in industries)})")
        params.update(industries)
    where.append("(cert_expires IS NULL OR cert_expires >= :valid_on)")
    params["valid_on"] = scope.valid_on.isoformat()
    sql = (f"SELECT origin, district, count(*), {_count('cert_expires IS NOT NULL AND cert_expires < :as_of')} "
           f"FROM enterprises WHERE {' AND '.join(where)} GROUP BY origin, district")
    return sql, params


def authority_of(session: Session, office: campaigns.Office) -> str:
    """Who reports: the workspace's authority name, else the office of its area, else the campaign's."""
    name = workspace_meta.get(session, "authority_name")
    return name or (office.area.office if office.area is not None else office.campaign.authority)


def build(session: Session, campaign_id: str = "", as_of: date | None = None,
          kinds: Sequence[str] | None = None, today: date | None = None) -> ProgressReport:
    """The progress report of this office (``services.campaigns.office``) as of ``as_of`` (default today)."""
    office = campaigns.office(session, campaign_id)
    campaign = office.campaign
    wanted = [k for k in campaign.templates if kinds is None or k in kinds]
    on = as_of or (today or date.today())
    params: dict[str, Any] = {"campaign": campaign.id, "end": (on + timedelta(days=1)).isoformat(),
                              "as_of": on.isoformat()}
    areas = Areas(campaign, office.area)
    cells: dict[tuple[str, str, str], dict[str, Any]] = {}  # (kind, label, path) → row

    def row(kind: str, label: str, path: str) -> dict[str, Any]:
        key = (kind, label, path)
        if key not in cells:
            cells[key] = empty_row(kind, label, path)
        return cells[key]

    for kind in wanted:
        for label, path in areas.rows():
            row(kind, label, path)
    connection = session.connection()
    scope_query, scope_params = scope_sql(campaign)
    for origin, district, count, expired in rawsql.execute(connection, scope_query, {**params, **scope_params}):
        placed = areas.place(origin, district)
        if placed is None or not areas.in_scope(placed[2]):
            continue
        for kind in wanted:
            target = row(kind, placed[0], placed[1])
            target["in_scope"] += count
            target["certs_expired"] += expired or 0
    templates = kind_templates(session, campaign, wanted)
    if templates:
        current = on >= (today or date.today())
        sql = inspections_sql({pk: kind for pk, (kind, _) in templates.items()}, current)
        conclusions: dict[str, dict[str, str]] = {}
        for kind, columns in templates.values():
            conclusions.setdefault(kind, {}).update(columns)
        for origin, district, kind, conclusion, *figures in rawsql.execute(connection, sql, params):
            placed = areas.place(origin, district)
            if placed is None:
                continue
            target = row(kind, placed[0], placed[1])
            counts, hazards = figures[:5], figures[5:]
            for column, value in zip(_COUNTS, counts, strict=True):
                target[column] += int(value or 0)
            for column, value in zip(_HAZARDS, hazards, strict=True):
                target[column] += int(value or 0)
            concluded = conclusions.get(kind, {}).get(conclusion or "")
            if concluded:
                target[concluded] += int(counts[2] or 0)
    rows = arrange(wanted, list(cells.values()), [label for label, _ in areas.rows()])
    return ProgressReport(campaign.id, campaign.title, authority_of(session, office), office.level,
                          office.label, on, tuple(wanted), rows, basis=campaign.basis)


def arrange(kinds: Sequence[str], cells: list[dict[str, Any]], order: Sequence[str]) -> list[dict[str, Any]]:
    """Each kind's rows in the campaign's order of areas (others by name, ``OTHER`` last) and its 合计."""
    rank = {label: n for n, label in enumerate(order)}
    rows: list[dict[str, Any]] = []
    for kind in kinds:
        own = sorted((r for r in cells if r["kind"] == kind and r["area"] != TOTAL),
                     key=lambda r: (r["area"] == OTHER, rank.get(r["area"], len(rank)), r["area"]))
        rows += own
        rows.append(total_row(kind, own))
    return rows
