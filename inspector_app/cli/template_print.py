"""``templates print ID [--version V] -o FILE.pdf [--kind checklist|scoresheet]``: a stored template (or a
shipped one) as a blank paper form – the checklist to fill in by hand the day a laptop fails, or the
blank score sheet (``services.queries.templates.blank_pdf``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from inspector_app.cli.common import fail, workspace, write_out
from inspector_app.services.queries.templates import blank_pdf
from inspector_app.storage.files import atomic_write_bytes


def print_blank(args: argparse.Namespace) -> int:
    output: Path = args.output
    if output.is_dir():
        fail(f"{output} 是一个文件夹；请用 -o 给出文件名", 2)
    pdf, sheet = blank_pdf(workspace(args), args.id, args.version, args.kind)
    try:
        atomic_write_bytes(output, pdf)
    except OSError as exc:
        fail(f"无法写入 {output}：{exc.strerror or exc}")
    what = "空白检查表" if sheet.kind == "checklist" else "空白评分表"
    write_out(f"已写入 {output}：{what}，检查表 {sheet.template_id} 版本 {sheet.version}，共 {sheet.pages} 页\n")
    return 0
