"""``report duties | file | filed | receive``: the campaign's reporting duties, this office's filed
reports (figures frozen, numbered, PDF and workbook kept) and reports received on paper."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from inspector_app.cli.common import actor, fail, render, workspace, write_out
from inspector_app.cli.output import worded
from inspector_app.cli.progress import as_of_date
from inspector_app.services.ops.reports import file_report as file_op
from inspector_app.services.ops.reports import record_received
from inspector_app.services.queries.progress import DUTY_COLUMNS, FILED_COLUMNS, duty_rows, filed_rows
from inspector_app.translation import NP_, _

DUTY_HEADINGS = {
    "duty": NP_("heading", "事项"), "title": NP_("heading", "内容"), "due": NP_("heading", "期限"),
    "days_left": NP_("heading", "剩余天数"), "role": NP_("heading", "本机关"), "party": NP_("heading", "报送单位"),
    "status": NP_("heading", "状态"), "number": NP_("heading", "编号"), "on": NP_("heading", "日期"),
}
FILED_HEADINGS = {
    "number": NP_("heading", "编号"), "duty": NP_("heading", "事项"), "jurisdiction": NP_("heading", "辖区"),
    "serial": NP_("heading", "次序"), "as_of": NP_("heading", "统计截至"), "filed_at": NP_("heading", "报送时间"),
    "filed_by": NP_("heading", "报送人"), "source": NP_("heading", "来源"), "status": NP_("heading", "状态"), "pdf": "PDF",
    "xlsx": NP_("heading", "表格"),
}


def _headed(rows: list[dict[str, object]], headings: dict[str, str]) -> list[dict[str, object]]:
    return [{headings[c]: r.get(c) for c in headings} for r in rows]


def _filed_words(rows: list[dict[str, Any]], fmt: str) -> list[dict[str, Any]]:
    """A table's status and source in the run's language (the stored rows keep the Chinese words)."""
    if fmt != "table":
        return rows
    return [{**r, "status": _("已被{number}代替").format(number=r["superseded_by"]) if r.get("superseded_by")
             else _(r["status"]), "source": _("汇总自{origin}").format(origin=r["origin"]) if r.get("origin")
             else _(r["source"])} for r in rows]


def duties(args: argparse.Namespace) -> int:
    rows = duty_rows(workspace(args), args.campaign or "", as_of_date(args.as_of))
    if args.format == "json":
        write_out(render(rows, DUTY_COLUMNS, "json"))
    else:
        shown = worded(rows, ("role", "status"), args.format)
        write_out(render(_headed(shown, DUTY_HEADINGS), list(DUTY_HEADINGS.values()), args.format))
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
        write_out(render(_headed(_filed_words(rows, args.format), FILED_HEADINGS), list(FILED_HEADINGS.values()),
                         args.format))
    return 0


def receive(args: argparse.Namespace) -> int:
    received_on = as_of_date(args.on, "--on") or date.today()
    ws = workspace(args)
    record_received(ws, args.duty, args.sender, received_on, actor(args), args.note or "",
                    campaign_id=args.campaign or "")
    write_out(_("已登记：{sender} 报送的 {duty}，收到于 {received_on}\n").format(sender=args.sender, duty=args.duty, received_on=received_on.isoformat()))
    return 0
