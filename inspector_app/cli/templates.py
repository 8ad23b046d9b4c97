"""``templates list | validate``: the checklist template files (no workspace needed)."""

from __future__ import annotations

import argparse
from typing import Any

from inspector_app.cli.output import CliError, fail, render, write_out
from inspector_app.domain.errors import TemplateError
from inspector_app.domain.template import load_template, shipped_templates


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
