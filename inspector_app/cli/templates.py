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
from inspector_app.domain.template_words import shown
from inspector_app.services.ops.templates import import_template as import_op
from inspector_app.services.queries.book_export import export_template
from inspector_app.storage.files import disk_full_as_error
from inspector_app.tabular.template_writer import write_template_book
from inspector_app.translation import _


def validate(args: argparse.Namespace) -> int:
    try:
        template = load_template(args.file)
    except TemplateError as exc:
        raise CliError(str(exc)) from exc
    write_out(_("{file_name}：有效 – {title}（{id} {version}），{count} 个类目，{items} 项，总分 {total_points:g}\n").format(file_name=args.file.name, title=template.title, id=template.id, version=template.version, count=len(template.elements), items=len(template.items), total_points=template.total_points))
    return 0


def list_templates(args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]] = [
        {"id": t.id, "version": t.version, "kind": shown(t.kind), "title": t.title, "standard": t.standard,
         "elements": len(t.elements), "items": len(t.items), "points": f"{t.total_points:g}"}
        for t in shipped_templates()
    ]
    if not rows:
        fail(_("没有找到检查表模板（resources/templates）"))
    write_out(render(rows, list(rows[0]), "table"))
    return 0


def _xlsx(path: Path) -> Path:
    if path.suffix.lower() != ".xlsx":
        fail(_("输出文件须以 .xlsx 结尾：{path}").format(path=path))
    return path


def example(args: argparse.Namespace) -> int:
    """``templates example -o FILE.xlsx [--template ID]``: a shipped template as a workbook to start from."""
    out = _xlsx(args.output)
    for path in shipped_template_paths():
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        if data.get("id") == args.template:
            break
    else:
        fail(_("没有随程序发布的检查表模板 {template}（templates list 列出可用的模板）").format(template=args.template))
    with disk_full_as_error(out, _("（示例工作簿）")):
        write_template_book(data, out)
    write_out(_("已写出示例工作簿 {out}：{title}（{id} {version}）。\n在 Excel 中修改后用 templates import 导入；改动内容须提高“{sheet}”中的版本号。\n").format(sheet="基本信息", out=out, title=data['title'], id=data['id'], version=data['version']))
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
    write_out(_("已导出 {path}：检查表模板 {id} 版本 {version}（{title}）\n").format(path=result.path, id=result.id, version=result.version, title=result.title))
    return 0
