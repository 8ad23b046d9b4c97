"""``campaigns list | show ID | import FILE | export ID -o FILE.xlsx``: the campaigns a workspace knows;
a campaign file is JSON or a campaign workbook (``docs/template-workbook.md``)."""

from __future__ import annotations

import argparse
import json

from inspector_app.cli.common import actor, fail, render, workspace, write_out
from inspector_app.cli.output import worded
from inspector_app.services.ops.campaigns import import_campaign as import_op
from inspector_app.services.queries.book_export import export_campaign
from inspector_app.services.queries.campaigns import CAMPAIGN_COLUMNS, campaign_detail, campaign_rows
from inspector_app.translation import _


def list_campaigns(args: argparse.Namespace) -> int:
    write_out(render(worded(campaign_rows(workspace(args)), ("current",), args.format), CAMPAIGN_COLUMNS, args.format))
    return 0


def show(args: argparse.Namespace) -> int:
    doc = campaign_detail(workspace(args), args.id)
    if args.format == "json":
        write_out(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    lines = [f"{doc['title']}（{doc['id']} {doc['version']}）", _("组织机关：{authority}").format(authority=doc['authority']), _("依据文件：")]
    lines += [_("  {number} {title}（{authority}，{date}）").format(
        number=n["number"], title=n["title"], authority=n["authority"], date=n["date"] or _("日期未载明"))
        for n in doc["notices"]]
    lines.append(_("适用规则："))
    lines += [f"  {r['number']} {r['title']}" + (f" – {r['why']}" if r["why"] else "") for r in doc["rules"]]
    scope = doc["scope"]
    lines.append(_("范围：{jurisdiction}，证书等级 {cert_grades}，行业 {industries}，证书于 {valid_on} 有效").format(jurisdiction=scope['jurisdiction'], cert_grades='、'.join(scope['cert_grades']), industries='、'.join(scope['industries']) or _('全部'), valid_on=scope['valid_on'])
                 + (f"（{scope['basis']}）" if scope["basis"] else ""))
    lines.append(_("检查表：") + _("；").join(f"{t['kind_label']} {t['template']}" for t in doc["templates"]))
    lines.append(_("报送事项："))
    lines += [_("  {id}：{sender} → {recipient}，{due}，{title}（{basis}）").format(
        id=d["id"], sender=d["from_label"], recipient=d["to_label"], due=d["due"] or _("未定期限"), title=d["title"],
        basis=d["basis"]) for d in doc["duties"]]

    def areas(node: dict[str, object], depth: int) -> None:
        lines.append(f"{'  ' * depth}{node['name']}（{node['level_label']}，{node['office']}）")
        for child in node["children"]:  # type: ignore[attr-defined]
            areas(child, depth + 1)

    lines.append(_("辖区："))
    areas(doc["jurisdictions"], 1)
    write_out("\n".join(lines) + "\n")
    return 0


def import_campaign(args: argparse.Namespace) -> int:
    ws = workspace(args)
    result = import_op(ws, args.file, actor(args))
    campaign_id, version, created = result.value
    write_out((_("已导入：活动 {campaign_id} 版本 {version}\n") if created
               else _("已存在，未改动：活动 {campaign_id} 版本 {version}\n")).format(campaign_id=campaign_id, version=version))
    return 0


def export(args: argparse.Namespace) -> int:
    ws = workspace(args)
    if args.output.suffix.lower() != ".xlsx":
        fail(_("输出文件须以 .xlsx 结尾：{output}").format(output=args.output))
    result = export_campaign(ws, args.id, args.output)
    write_out(_("已导出 {path}：活动 {id} 版本 {version}（{title}）\n").format(path=result.path, id=result.id, version=result.version, title=result.title))
    return 0
