"""``sanctions list | add | lift`` and ``suspensions list | add``: decisions on review organisations and
reviewers (通报批评, 暂停评审活动, 取消评审资格, 黑名单) with the statuses they set, and the register of suspended
review applications (docs/registers.md, "处理决定与黑名单", "暂停受理评审申请")."""

from __future__ import annotations

import argparse
from datetime import date

from inspector_app.cli.common import actor, fail, render, workspace, write_out
from inspector_app.cli.output import worded
from inspector_app.cli.progress import as_of_date
from inspector_app.services.ops import sanctions as sanction_ops
from inspector_app.services.queries.sanctions import (
    SANCTION_COLUMNS,
    SANCTION_HEADINGS,
    SUSPENSION_COLUMNS,
    SUSPENSION_HEADINGS,
    sanction_rows,
    suspension_rows,
)
from inspector_app.translation import N_, _

KIND_WORDS = {"criticism": N_("通报批评"), "suspension": N_("暂停评审活动"), "disqualification": N_("取消评审资格"),
              "blacklist": N_("黑名单")}


def _out(rows: list[dict[str, object]], columns: tuple[str, ...], headings: dict[str, str], fmt: str) -> None:
    if fmt == "json":
        write_out(render(rows, list(columns), "json"))
    else:
        shown = worded(rows, ("kind", "status_now", "in_force", "grade"), fmt)
        write_out(render([{headings[c]: r.get(c) for c in columns} for r in shown], list(headings.values()), fmt))


def list_sanctions(args: argparse.Namespace) -> int:
    ws = workspace(args)
    sanction_ops.refresh_statuses(ws, actor(args))  # a suspension whose period ended today
    _out(sanction_rows(ws), SANCTION_COLUMNS, SANCTION_HEADINGS, args.format)
    return 0


def add(args: argparse.Namespace) -> int:
    if not (args.org or args.reviewer):
        fail(_("须写明处理对象：评审单位（--org 名称或统一社会信用代码）或评审人员（--reviewer 证书编号）"), 2)
    ws = workspace(args)
    decided = as_of_date(args.on, "--on") or date.today()
    sanction_id = sanction_ops.add_sanction(
        ws, args.kind, actor(args), grounds=args.grounds, deciding_body=args.body, decided_on=decided,
        org=args.org or "", reviewer=args.reviewer or "", number=args.number,
        period_until=as_of_date(args.until, "--until"), case_ids=args.case, inspection_ids=args.inspection).value
    whom = args.org or args.reviewer
    period = _("，期限至 {until}").format(until=args.until) if args.until else ""
    write_out(_("已记录：处理决定 {sanction_id}，{whom} {kind}（{decided}{period}）\n").format(sanction_id=sanction_id, whom=whom, kind=_(KIND_WORDS[args.kind]), decided=decided.isoformat(), period=period))
    return 0


def lift(args: argparse.Namespace) -> int:
    ws = workspace(args)
    on = as_of_date(args.on, "--on") or date.today()
    sanction_ops.lift_sanction(ws, args.id, actor(args), on=on, note=args.note)
    write_out(_("已解除：处理决定 {id}（自 {on} 起）\n").format(id=args.id, on=on.isoformat()))
    return 0


def list_suspensions(args: argparse.Namespace) -> int:
    _out(suspension_rows(workspace(args)), SUSPENSION_COLUMNS, SUSPENSION_HEADINGS, args.format)
    return 0


def add_suspension(args: argparse.Namespace) -> int:
    since = as_of_date(args.since, "--since")
    if since is None:
        fail(_("--since 必填（YYYY-MM-DD）"), 2)
    ws = workspace(args)
    resumed = as_of_date(args.resumed, "--resumed")
    row_id, created = sanction_ops.add_suspension(ws, args.grade, args.area, since, actor(args), decided_by=args.body,
                                                  resumed=resumed, basis=args.basis).value
    if created:
        until = _("，{resumed} 恢复").format(resumed=resumed.isoformat()) if resumed else ""
        write_out(_("已登记：暂停受理{grade}评审申请 {row_id}（{area}，自 {since} 起{until}）\n").format(grade=args.grade, row_id=row_id, area=args.area, since=since.isoformat(), until=until))
    else:
        write_out(_("已登记恢复：暂停 {row_id} 于 {value} 恢复受理\n").format(row_id=row_id, value=resumed.isoformat() if resumed else ''))
    return 0
