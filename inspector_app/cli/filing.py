"""``report duties | file | filed | receive``: the campaign's reporting duties, this office's filed
reports (figures frozen, numbered, PDF and workbook kept) and reports received on paper."""

from __future__ import annotations

import argparse
from datetime import date

from inspector_app.cli.common import actor, fail, render, workspace, write_out
from inspector_app.cli.progress import as_of_date
from inspector_app.services.ops.reports import file_report as file_op
from inspector_app.services.ops.reports import record_received
from inspector_app.services.queries.progress import DUTY_COLUMNS, FILED_COLUMNS, duty_rows, filed_rows
from inspector_app.translation import N_, _

DUTY_HEADINGS = {"duty": N_("事项"), "title": N_("内容"), "due": N_("期限"), "days_left": N_("剩余天数"), "role": N_("本机关"),
                 "party": N_("报送单位"), "status": N_("状态"), "number": N_("编号"), "on": N_("日期")}
FILED_HEADINGS = {"number": N_("编号"), "duty": N_("事项"), "jurisdiction": N_("辖区"), "serial": N_("次序"), "as_of": N_("统计截至"),
                  "filed_at": N_("报送时间"), "filed_by": N_("报送人"), "source": N_("来源"), "status": N_("状态"), "pdf": "PDF",
                  "xlsx": N_("表格")}


def _headed(rows: list[dict[str, object]], headings: dict[str, str]) -> list[dict[str, object]]:
    return [{headings[c]: r.get(c) for c in headings} for r in rows]


def duties(args: argparse.Namespace) -> int:
    rows = duty_rows(workspace(args), args.campaign or "", as_of_date(args.as_of))
    if args.format == "json":
        write_out(render(rows, DUTY_COLUMNS, "json"))
    else:
        write_out(render(_headed(rows, DUTY_HEADINGS), list(DUTY_HEADINGS.values()), args.format))
    return 0


def file_report(args: argparse.Namespace) -> int:
    as_of = as_of_date(args.as_of)
    text = args.text or ""
    if args.text_file is not None:
        try:
            text = args.text_file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            fail(_("无法读取 {text_file}：{reason}").format(text_file=args.text_file, reason=getattr(exc, 'strerror', None) or exc), 2)
    ws = workspace(args)
    info = file_op(ws, args.duty, actor(args), campaign_id=args.campaign or "", as_of=as_of, text=text).value
    lines = [_("已报送：{number}（{duty_id}，统计截至 {as_of}）").format(number=info.number, duty_id=info.duty_id, as_of=info.as_of.isoformat())]
    if info.supersedes:
        lines.append(_("代替：{supersedes}").format(supersedes=info.supersedes))
    lines += [f"PDF：{info.pdf}", _("表格：{xlsx}").format(xlsx=info.xlsx)]
    if info.unfiled:
        lines.append(_("未报送的下级单位：{unfiled}（其数据按本机关掌握的记录统计）").format(unfiled='、'.join(info.unfiled)))
    write_out("\n".join(lines) + "\n")
    return 0


def filed(args: argparse.Namespace) -> int:
    rows = filed_rows(workspace(args), args.campaign or "")
    if args.format == "json":
        write_out(render(rows, FILED_COLUMNS, "json"))
    else:
        write_out(render(_headed(rows, FILED_HEADINGS), list(FILED_HEADINGS.values()), args.format))
    return 0


def receive(args: argparse.Namespace) -> int:
    received_on = as_of_date(args.on, "--on") or date.today()
    ws = workspace(args)
    record_received(ws, args.duty, args.sender, received_on, actor(args), args.note or "",
                    campaign_id=args.campaign or "")
    write_out(_("已登记：{sender} 报送的 {duty}，收到于 {received_on}\n").format(sender=args.sender, duty=args.duty, received_on=received_on.isoformat()))
    return 0
