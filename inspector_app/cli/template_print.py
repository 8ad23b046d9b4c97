"""``templates print ID [--version V] -o FILE.pdf [--kind checklist|scoresheet]``: a stored template (or a
shipped one) as a blank paper form – the checklist to fill in by hand the day a laptop fails, or the
blank score sheet (``services.queries.templates.blank_pdf``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from inspector_app.cli.common import fail, workspace, write_out
from inspector_app.services.queries.templates import blank_pdf
from inspector_app.storage.files import atomic_write_bytes
from inspector_app.translation import _


def print_blank(args: argparse.Namespace) -> int:
    output: Path = args.output
    if output.is_dir():
        fail(_("{output} 是一个文件夹；请用 -o 给出文件名").format(output=output), 2)
    pdf, sheet = blank_pdf(workspace(args), args.id, args.version, args.kind)
    try:
        atomic_write_bytes(output, pdf)
    except OSError as exc:
        fail(_("无法写入 {output}：{strerror}").format(output=output, strerror=exc.strerror or exc))
    what = _("空白检查表") if sheet.kind == "checklist" else _("空白评分表")
    write_out(_("已写入 {output}：{what}（{title}），共 {pages} 页\n").format(
        output=output, what=what, title=sheet.title, pages=sheet.pages))
    return 0
