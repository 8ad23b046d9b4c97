"""Handlers of the core commands (demo, enterprises, inspections, templates)."""

from __future__ import annotations

import argparse
import json
import sqlite3
from contextlib import closing
from typing import Any

from inspector_app.cli.common import CliError, fail, render, workspace, write_out
from inspector_app.config import resolve_data_dir
from inspector_app.storage.schema_version import connect_current

ENTERPRISE_COLUMNS = ("id", "uscc", "name", "district", "industry", "cert_grade", "cert_number",
                      "cert_expires", "legal_rep", "contact_phone")



def demo(args: argparse.Namespace) -> int:
    from inspector_app.demo.workspace import build_demo
    from inspector_app.services.photos import photo_store

    ws = workspace(args)
    with ws.sessions.begin() as session:
        counts = build_demo(session, enterprises=args.enterprises, seed=args.seed, store=photo_store(ws.photo_dir))
    write_out(f"演示数据已写入 {ws.root}：企业 {counts['enterprises']} 家，检查 {counts['inspections']} 项，"
              f"隐患 {counts['findings']} 条\n")
    return 0


def enterprises(args: argparse.Namespace) -> int:
    from inspector_app.services import enterprises as service

    ws = workspace(args)
    if args.action == "import":
        from inspector_app.services.enterprise_import import import_enterprises

        with ws.sessions.begin() as session:
            report = import_enterprises(session, args.file, dry_run=args.dry_run,
                                        allow_invalid_uscc=args.allow_invalid_uscc)
        write_out(report.summary() + "\n")
        return 0
    with ws.sessions() as session:
        rows = [service.to_dict(e) for e in service.list_all(session)]
    columns = list(rows[0]) if rows and args.format != "table" else list(ENTERPRISE_COLUMNS)
    write_out(render(rows, columns, args.format))
    return 0


def inspections(args: argparse.Namespace) -> int:
    from inspector_app.services.queries.inspections import (
        INSPECTION_COLUMNS,
        InspectionFilter,
        inspection_rows,
        inspection_rows_json,
    )

    if args.action == "show":
        return show_inspection(workspace(args), args.id, args.format)
    if args.status:
        from inspector_app.domain.lifecycle import InspectionStatus

        known = [s.value for s in InspectionStatus]
        if args.status not in known:
            fail(f"没有状态“{args.status}”；可用：{'、'.join(known)}", 2)
    filters = InspectionFilter(status=args.status or "", district=args.district or "")
    con = _fast_read_connection(args)
    if con is not None and args.format == "json":
        with closing(con):
            write_out(inspection_rows_json(con, filters) + "\n")
        return 0
    if con is not None:
        with closing(con):
            rows = inspection_rows(con, filters)
    else:
        ws = _refreshed_workspace(args)
        with ws.sessions() as session:
            rows = inspection_rows(session, filters)
    columns = INSPECTION_COLUMNS if args.format != "table" else (
        "id", "enterprise", "district", "template", "status", "score", "grade", "outcome", "due_date")
    write_out(render(rows, columns, args.format))
    return 0


def _fast_read_connection(args: argparse.Namespace) -> sqlite3.Connection | None:
    """A plain sqlite3 connection when the workspace needs neither a migration nor today's outcome
    refresh (deadlines passing turn outcomes); otherwise None and the caller takes the full path."""
    from inspector_app.services.outcome_stamp import STAMP_KEY, refreshed_today

    con = connect_current(resolve_data_dir(args.data_dir))
    if con is None:
        return None
    row = con.execute("SELECT value FROM workspace_meta WHERE key = ?", (STAMP_KEY,)).fetchone()
    if refreshed_today(row[0] if row else None):
        return con
    con.close()
    return None


def _refreshed_workspace(args: argparse.Namespace) -> Any:
    """The workspace, opened (and migrated) the full way, with outcomes refreshed for today."""
    from inspector_app.services.outcome_refresh import refresh_if_due

    ws = workspace(args)
    with ws.sessions.begin() as session:
        refresh_if_due(session)
    return ws


def show_inspection(ws: Any, inspection_id: int, fmt: str) -> int:
    from inspector_app.services.inspection_export import inspection_document

    with ws.sessions() as session:
        document = inspection_document(session, inspection_id)
    if fmt == "json":
        write_out(json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n")
        return 0
    e, s = document["enterprise"], document["score"]
    lines = [f"检查 {document['id']}  {document['template']['title']}  {document['status_label']}",
             f"企业：{e['name']}（{e['uscc']}）{e['district']}  证书等级：{e['cert_grade']}",
             f"检查人员：{'、'.join(p['name'] + '(' + p['cert_number'] + ')' for p in document['inspectors'])}",
             f"得分：{s['score']}  等级：{s['grade']}  结论：{s['outcome']}  已检查 {s['answered']}/{s['total_items']}",
             "理由：" + "；".join(s["reasons"])]
    for d in s["deductions"]:
        lines.append(f"  扣分 {d['item_code']} -{d['points']}：{d['reason']}")
    for n, f in enumerate(document["findings"], start=1):
        lines.append(f"  隐患{n} [{f['severity']}] {f['description']}  期限 {f['deadline']}  {f['status']}")
    write_out("\n".join(lines) + "\n")
    return 0


def templates(args: argparse.Namespace) -> int:
    from inspector_app.domain.errors import TemplateError
    from inspector_app.domain.template import load_template, shipped_templates

    if args.action == "validate":
        try:
            template = load_template(args.file)
        except TemplateError as exc:
            raise CliError(str(exc)) from exc
        write_out(f"{args.file.name}：有效 – {template.title}（{template.id} {template.version}），"
                  f"{len(template.elements)} 个类目，{len(template.items)} 项，总分 {template.total_points:g}\n")
        return 0
    rows: list[dict[str, Any]] = [
        {"id": t.id, "version": t.version, "kind": t.kind, "title": t.title, "standard": t.standard,
         "elements": len(t.elements), "items": len(t.items), "points": f"{t.total_points:g}"}
        for t in shipped_templates()
    ]
    if not rows:
        fail("没有找到检查表模板（resources/templates）")
    write_out(render(rows, list(rows[0]), "table"))
    return 0


def report(args: argparse.Namespace) -> int:
    if args.action == "deadlines":
        from datetime import date

        from inspector_app.domain.reporting import next_deadlines

        rows = [{"deadline": d.isoformat(), "title": p.title, "from": p.sender, "to": p.receiver}
                for d, p in next_deadlines(date.today())]
        write_out(render(rows, ["deadline", "title", "from", "to"], "table"))
        return 0
    from inspector_app.services.reporting import DISTRICT_COLUMNS, district_progress

    with _refreshed_workspace(args).sessions() as session:
        rows = district_progress(session)
    write_out(render(rows, DISTRICT_COLUMNS, args.format))
    return 0


def workspace_settings(args: argparse.Namespace) -> int:
    from inspector_app.services import workspace_meta

    ws = workspace(args)
    if args.action == "set":
        with ws.sessions.begin() as session:
            workspace_meta.set_value(session, args.key, args.value)
        write_out(f"{args.key} = {args.value}\n")
        return 0
    with ws.sessions() as session:
        values = workspace_meta.all_values(session)
    lines = [f"workspace: {ws.root}"]
    for key, (description, example) in workspace_meta.KNOWN_KEYS.items():
        lines.append(f"{key} = {values.get(key, '')}    # {description}（例：{example}）")
    write_out("\n".join(lines) + "\n")
    return 0
