"""``report export -o FILE.xlsx [--campaign ID]``: the bureau's workbook – enterprises, inspections, the
hazard ledger and the photo index of a campaign, for this office's area."""

from __future__ import annotations

import argparse

from inspector_app.cli.common import fail, refreshed_workspace, write_out
from inspector_app.services.queries.workbook import export_workbook
from inspector_app.translation import _


def export(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".xlsx":
        fail(_("输出文件须以 .xlsx 结尾：{output}").format(output=args.output))
    # Outcomes first brought up to date: a deadline that passed since the last refresh turns some.
    result = export_workbook(refreshed_workspace(args), args.output, args.campaign or "")
    counts = "，".join(_("{title} {rows} 行").format(title=title, rows=rows) for title, rows in list(result.counts.items())[1:])
    where = result.jurisdiction or _("全部辖区")
    write_out(_("已导出 {path}：{campaign_title}（{where}）；{counts}\n").format(path=result.path, campaign_title=result.campaign_title, where=where, counts=counts))
    return 0
