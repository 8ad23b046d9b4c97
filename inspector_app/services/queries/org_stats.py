"""Statistics per review organisation and per reviewer (issue 13 item 3), and an organisation's
review-quality checks with their conclusions (item 2). Definitions (docs/registers.md, "评审单位统计"):

* **certified** – certificates on the register (``certifications``) the organisation reviewed, or whose
  review team the reviewer was on.
* **looked_back** – of those enterprises, the ones with a look-back or an audit (an inspection with a
  template whose subject is 企业: 回头看, 运行质量审计) completed or later (已完成锁定, 已导出, 已接收, 已验收);
  of an enterprise's such inspections the latest (by assignment time, then id) counts, once.
* **maintain / rectify / delist** – that latest inspection's conclusion, in the bucket its template
  counts it in (维持 / 限期整改 / 建议摘牌); ``delist_share`` = delist ÷ looked_back (0–1; None when nothing
  was looked back).
* **avg_review_score** – the mean of ``certifications.review_score`` over the certificates that have one;
  **avg_lookback_score** – the mean normalised score of the latest look-backs; **score_gap** – the mean of
  (look-back score − review score) over the enterprises that have both: how far the enterprises fell
  short of the score the review gave them (both on the 100-point scale).
* **conflict_flags** – flags of ``services.conflicts`` on the organisation's certificates / naming the
  reviewer.
* **review_quality** (organisations) – the conclusion of the organisation's latest review-quality check
  completed or later (合格 / 建议通报批评 / 建议暂停评审活动 / 建议取消评审资格), "" when none.

Aggregated in SQL on the DB-API cursor; the rows are plain dicts with the keys of ``ORG_STATS_KEYS`` /
``REVIEWER_STATS_KEYS``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.conclusions import DELIST, MAINTAIN, RECTIFY
from inspector_app.domain.conflict_rules import norm, norm_code
from inspector_app.domain.errors import NotFoundError
from inspector_app.domain.lifecycle import LOCKED_STATUSES, InspectionStatus
from inspector_app.domain.template import REVIEW_ORG
from inspector_app.services import conflicts
from inspector_app.services.templates import template_of
from inspector_app.services.unit import reading
from inspector_app.storage import rawsql
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import TemplateRecord
from inspector_app.tabular.xlsx_writer import Sheet, write_workbook
from inspector_app.translation import NP_, _

_FIGURES = ("certified", "looked_back", "maintain", "rectify", "delist", "delist_share", "avg_review_score",
            "avg_lookback_score", "score_gap", "conflict_flags")
ORG_STATS_KEYS = ("org_id", "org", "uscc", "status", *_FIGURES, "review_quality")
REVIEWER_STATS_KEYS = ("reviewer_id", "reviewer", "cert_number", "org", "status", *_FIGURES)
STATS_HEADINGS: dict[str, str] = {
    "org_id": NP_("heading", "编号"), "org": NP_("heading", "评审单位"), "uscc": NP_("heading", "统一社会信用代码"),
    "status": NP_("heading", "状态"), "reviewer_id": NP_("heading", "编号"), "reviewer": NP_("heading", "评审人员"),
    "cert_number": NP_("heading", "证书编号"), "certified": NP_("heading", "评审达标企业"),
    "looked_back": NP_("heading", "已回头看"), "maintain": NP_("heading", "维持"), "rectify": NP_("heading", "限期整改"),
    "delist": NP_("heading", "建议摘牌"), "delist_share": NP_("heading", "建议摘牌占比"),
    "avg_review_score": NP_("heading", "评审得分均值"), "avg_lookback_score": NP_("heading", "回头看得分均值"),
    "score_gap": NP_("heading", "回头看与评审得分差"), "conflict_flags": NP_("heading", "利益冲突提示"),
    "review_quality": NP_("heading", "最近评审质量检查结论"),
}
REVIEW_QUALITY_KEYS = ("inspection_id", "uid", "template", "status", "status_label", "assigned_at", "completed_at",
                       "due_date", "sample_enterprise", "sample_uscc", "score", "conclusion")
_STATUS_LABELS = {s.value: s.label for s in InspectionStatus}
_BUCKET_COLUMN = {MAINTAIN: "maintain", RECTIFY: "rectify", DELIST: "delist"}
_DONE = ", ".join(f"'{s.value}'" for s in sorted(LOCKED_STATUSES))

_LATEST_SQL = f"""
WITH lb AS (
  SELECT i.enterprise_id, i.outcome, i.score,
         row_number() OVER (PARTITION BY i.enterprise_id ORDER BY i.assigned_at DESC, i.id DESC) AS rn
  FROM inspections i WHERE i.template_pk IN ({{pks}}) AND i.status IN ({_DONE})
)
SELECT {{key}}, l.outcome, count(*), count(l.enterprise_id), COALESCE(sum(l.score), 0.0), count(l.score),
       COALESCE(sum(c.review_score), 0.0), count(c.review_score),
       COALESCE(sum(l.score - c.review_score), 0.0), count(l.score - c.review_score)
FROM certifications c {{join}} LEFT JOIN lb l ON l.enterprise_id = c.enterprise_id AND l.rn = 1
WHERE {{key}} IS NOT NULL
GROUP BY {{key}}, l.outcome
"""
_REVIEW_QUALITY_SQL = f"""
SELECT review_org_id, outcome FROM (
  SELECT i.review_org_id, i.outcome,
         row_number() OVER (PARTITION BY i.review_org_id ORDER BY i.assigned_at DESC, i.id DESC) AS rn
  FROM inspections i WHERE i.review_org_id IS NOT NULL AND i.status IN ({_DONE})
) AS latest WHERE rn = 1
"""


def _lookback_templates(session: Session) -> tuple[list[int], dict[str, str]]:
    """Template pks of the checks of enterprises (look-back, audit) and conclusion code → bucket."""
    pks: list[int] = []
    buckets: dict[str, str] = {}
    for record in session.scalars(select(TemplateRecord)):
        template = template_of(record)
        if template.subject != REVIEW_ORG:
            pks.append(record.pk)
            buckets.update(template.conclusion.buckets)
    return pks, buckets


def _figures(session: Session, per_reviewer: bool) -> dict[int, dict[str, Any]]:
    pks, buckets = _lookback_templates(session)
    key = "cr.reviewer_id" if per_reviewer else "c.review_org_id"
    join = "JOIN certification_reviewers cr ON cr.certification_id = c.id" if per_reviewer else ""
    sql = _LATEST_SQL.format(pks=", ".join(str(int(pk)) for pk in pks) or "NULL", key=key, join=join)
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0] * 11)
    for owner, outcome, *values in rawsql.execute(session.connection(), sql).fetchall():
        total = sums[owner]
        for n, value in enumerate(values):
            total[n] += value or 0
        column = _BUCKET_COLUMN.get(buckets.get(outcome or "", ""))
        if column is not None:
            total[8 + ("maintain", "rectify", "delist").index(column)] += values[1] or 0
    return {owner: _row(total) for owner, total in sums.items()}


def _mean(total: float, count: float) -> float | None:
    return round(total / count, 1) if count else None


def _row(total: list[float]) -> dict[str, Any]:
    certified, looked_back, score, scored, review, reviewed, gap, gapped, maintain, rectify, delist = total
    return {"certified": int(certified), "looked_back": int(looked_back), "maintain": int(maintain),
            "rectify": int(rectify), "delist": int(delist),
            "delist_share": round(delist / looked_back, 3) if looked_back else None,
            "avg_review_score": _mean(review, reviewed), "avg_lookback_score": _mean(score, scored),
            "score_gap": _mean(gap, gapped)}


def _empty() -> dict[str, Any]:
    return _row([0.0] * 11)


def read_org_stats(session: Session) -> list[dict[str, Any]]:
    figures = _figures(session, per_reviewer=False)
    by_org, _ = conflicts.counts(session)
    connection = session.connection()
    latest: dict[int, str] = {org: outcome for org, outcome in rawsql.execute(connection, _REVIEW_QUALITY_SQL)}
    rows = []
    for org_id, name, uscc, status, kind in rawsql.execute(connection,
            "SELECT id, name, uscc, status, kind FROM organisations ORDER BY name, id").fetchall():
        if kind != "review" and org_id not in figures:
            continue
        rows.append({"org_id": org_id, "org": name, "uscc": uscc or "", "status": status or "",
                     **figures.get(org_id, _empty()), "conflict_flags": by_org.get(org_id, 0),
                     "review_quality": latest.get(org_id) or ""})
    return rows


def read_reviewer_stats(session: Session) -> list[dict[str, Any]]:
    figures = _figures(session, per_reviewer=True)
    _, by_reviewer = conflicts.counts(session)
    rows = []
    for reviewer_id, name, cert, org, status in rawsql.execute(session.connection(),
            "SELECT r.id, r.name, r.cert_number, o.name, r.status FROM reviewers r "
            "LEFT JOIN organisations o ON o.id = r.org_id ORDER BY r.name, r.id").fetchall():
        rows.append({"reviewer_id": reviewer_id, "reviewer": name, "cert_number": cert or "", "org": org or "",
                     "status": status or "", **figures.get(reviewer_id, _empty()),
                     "conflict_flags": by_reviewer.get(reviewer_id, 0)})
    return rows


def review_org_id(ws: Workspace, text: str) -> int:
    """The id of the organisation with this name or USCC (``NotFoundError`` when there is none)."""
    with reading(ws) as session:
        wanted_name, wanted_code = norm(text), norm_code(text)
        for org_id, name, uscc in rawsql.execute(session.connection(),
                "SELECT id, name, uscc FROM organisations ORDER BY id").fetchall():
            if norm(name) == wanted_name or (uscc and norm_code(uscc) == wanted_code):
                return int(org_id)
    raise NotFoundError(_("没有名称或统一社会信用代码为“{text}”的单位（先用 orgs import 导入评审单位名录）").format(text=text))


def org_stats(ws: Workspace) -> list[dict[str, Any]]:
    """One row per review organisation (``ORG_STATS_KEYS``), by name."""
    with reading(ws) as session:
        return read_org_stats(session)


def reviewer_stats(ws: Workspace) -> list[dict[str, Any]]:
    """One row per reviewer (``REVIEWER_STATS_KEYS``), by name."""
    with reading(ws) as session:
        return read_reviewer_stats(session)


def review_quality_rows(ws: Workspace, org_id: int) -> list[dict[str, Any]]:
    """The review-quality checks of an organisation, newest first, with the sample enterprise and the
    conclusion (合格 / 建议通报批评 / 建议暂停评审活动 / 建议取消评审资格; "" until completed)."""
    with reading(ws) as session:
        found = rawsql.execute(session.connection(),
            "SELECT i.id, i.uid, t.title, i.status, i.assigned_at, i.completed_at, i.due_date, e.name, e.uscc, "
            "i.score, i.outcome FROM inspections i JOIN templates t ON t.pk = i.template_pk "
            "JOIN enterprises e ON e.id = i.enterprise_id WHERE i.review_org_id = ? "
            "ORDER BY i.assigned_at DESC, i.id DESC", (int(org_id),)).fetchall()
    done = {s.value for s in LOCKED_STATUSES}
    rows = []
    for iid, uid, title, status, assigned, completed, due, name, uscc, score, outcome in found:
        label = _STATUS_LABELS.get(status, status)
        rows.append({"inspection_id": iid, "uid": uid, "template": title, "status": status, "status_label": label,
                     "assigned_at": str(assigned)[:19] if assigned else None,
                     "completed_at": str(completed)[:19] if completed else None,
                     "due_date": str(due)[:10] if due else None, "sample_enterprise": name, "sample_uscc": uscc,
                     "score": score, "conclusion": (outcome or "") if status in done else ""})
    return rows


def write_stats_xlsx(rows: Iterable[dict[str, Any]], per_reviewer: bool, target: IO[bytes] | Path,
                     as_of: date | None = None) -> None:
    """The statistics as a workbook: one sheet with a preamble saying what and as of when (the
    definitions in docs/registers.md); the share of 建议摘牌 as a percentage."""
    keys = REVIEWER_STATS_KEYS if per_reviewer else ORG_STATS_KEYS
    title = "评审人员统计" if per_reviewer else "评审单位统计"
    on = (as_of or date.today()).isoformat()
    preamble = (title, f"统计日期：{on}；回头看按每家企业最近一次已完成的回头看或运行质量审计计；"
                       "利益冲突提示依据苏应急电〔2020〕3号第三、四条")
    sheet = Sheet(title, [STATS_HEADINGS[k] for k in keys], ([row.get(k) for k in keys] for row in rows),
                  preamble=preamble, number_formats={keys.index("delist_share"): "0.0%",
                                                     keys.index("avg_review_score"): "0.0",
                                                     keys.index("avg_lookback_score"): "0.0",
                                                     keys.index("score_gap"): "0.0"})
    write_workbook(target, [sheet], title=title)
