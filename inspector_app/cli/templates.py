"""``templates list | validate | example``: the checklist template files (no workspace needed);
``templates import | export``: a bureau's own templates in the workspace, as workbooks
(``docs/template-workbook.md``) or JSON files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from inspector_app.cli.common import actor, workspace
from inspector_app.cli.output import CliError, fail, render, write_out
from inspector_app.domain.errors import TemplateError
from inspector_app.domain.template import load_template, shipped_template_paths, shipped_templates
from inspector_app.services.ops.templates import import_template as import_op
from inspector_app.services.queries.book_export import export_template
from inspector_app.storage.files import disk_full_as_error
from inspector_app.tabular.template_writer import write_template_book


def validate(args: argparse.Namespace) -> int:
    try:
        template = load_template(args.file)
    except TemplateError as exc:
        raise CliError(str(exc)) from exc
    write_out(f"{args.file.name}：有效 – {template.title}（{template.id} {template.version}），"
              f"{len(template.elements)} 个类目，{len(template.items)} 项，总分 {template.total_points:g}\n")
    return 0


def list_templates(args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]] = [
        {"id": t.id, "version": t.version, "kind": t.kind, "title": t.title, "standard": t.standard,
         "elements": len(t.elements), "items": len(t.items), "points": f"{t.total_points:g}"}
        for t in shipped_templates()
    ]
    if not rows:
        fail("没有找到检查表模板（resources/templates）")
    write_out(render(rows, list(rows[0]), "table"))
    return 0


def _xlsx(path: Path) -> Path:
    if path.suffix.lower() != ".xlsx":
        fail(f"输出文件须以 .xlsx 结尾：{path}")
    return path


def example(args: argparse.Namespace) -> int:
    """``templates example -o FILE.xlsx [--template ID]``: a shipped template as a workbook to start from."""
    out = _xlsx(args.output)
    for path in shipped_template_paths():
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        if data.get("id") == args.template:
            break
    else:
        fail(f"没有随程序发布的检查表模板 {args.template}（templates list 列出可用的模板）")
    with disk_full_as_error(out, "（示例工作簿）"):
        write_template_book(data, out)
    write_out(f"已写出示例工作簿 {out}：{data['title']}（{data['id']} {data['version']}）。\n"
              "在 Excel 中修改后用 templates import 导入；改动内容须提高“基本信息”中的版本号。\n")
    return 0


def import_template(args: argparse.Namespace) -> int:
    """``templates import FILE.xlsx|FILE.json [--dry-run]``: all or nothing; every problem is listed."""
    ws = workspace(args)
    report = import_op(ws, Path(args.file), actor(args), dry_run=args.dry_run)
    write_out(report.summary() + "\n")
    return 0


def export(args: argparse.Namespace) -> int:
    """``templates export ID [--version V] -o FILE.xlsx``: a stored template as its workbook."""
    ws = workspace(args)
    result = export_template(ws, args.id, _xlsx(args.output), args.version)
    write_out(f"已导出 {result.path}：检查表模板 {result.id} 版本 {result.version}（{result.title}）\n")
    return 0
