"""``campaigns list | show ID | import FILE | export ID -o FILE.xlsx``: the campaigns a workspace knows;
a campaign file is JSON or a campaign workbook (``docs/template-workbook.md``)."""

from __future__ import annotations

import argparse
import json

from inspector_app.cli.common import actor, fail, render, workspace, write_out
from inspector_app.services.ops.campaigns import import_campaign as import_op
from inspector_app.services.queries.book_export import export_campaign
from inspector_app.services.queries.campaigns import CAMPAIGN_COLUMNS, campaign_detail, campaign_rows


def list_campaigns(args: argparse.Namespace) -> int:
    write_out(render(campaign_rows(workspace(args)), CAMPAIGN_COLUMNS, args.format))
    return 0


def show(args: argparse.Namespace) -> int:
    doc = campaign_detail(workspace(args), args.id)
    if args.format == "json":
        write_out(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    lines = [f"{doc['title']}（{doc['id']} {doc['version']}）", f"组织机关：{doc['authority']}", "依据文件："]
    lines += [f"  {n['number']} {n['title']}（{n['authority']}，{n['date'] or '日期未载明'}）" for n in doc["notices"]]
    lines.append("适用规则：")
    lines += [f"  {r['number']} {r['title']}" + (f" – {r['why']}" if r["why"] else "") for r in doc["rules"]]
    scope = doc["scope"]
    lines.append(f"范围：{scope['jurisdiction']}，证书等级 {'、'.join(scope['cert_grades'])}，"
                 f"行业 {'、'.join(scope['industries']) or '全部'}，证书于 {scope['valid_on']} 有效"
                 + (f"（{scope['basis']}）" if scope["basis"] else ""))
    lines.append("检查表：" + "；".join(f"{t['kind_label']} {t['template']}" for t in doc["templates"]))
    lines.append("报送事项：")
    lines += [f"  {d['id']}: {d['from_label']} → {d['to_label']}，{d['due'] or '未定期限'}，{d['title']}（{d['basis']}）"
              for d in doc["duties"]]

    def areas(node: dict[str, object], depth: int) -> None:
        lines.append(f"{'  ' * depth}{node['name']}（{node['level_label']}，{node['office']}）")
        for child in node["children"]:  # type: ignore[attr-defined]
            areas(child, depth + 1)

    lines.append("辖区：")
    areas(doc["jurisdictions"], 1)
    write_out("\n".join(lines) + "\n")
    return 0


def import_campaign(args: argparse.Namespace) -> int:
    ws = workspace(args)
    result = import_op(ws, args.file, actor(args))
    campaign_id, version, created = result.value
    write_out(f"{'已导入' if created else '已存在，未改动'}：活动 {campaign_id} 版本 {version}\n")
    return 0


def export(args: argparse.Namespace) -> int:
    ws = workspace(args)
    if args.output.suffix.lower() != ".xlsx":
        fail(f"输出文件须以 .xlsx 结尾：{args.output}")
    result = export_campaign(ws, args.id, args.output)
    write_out(f"已导出 {result.path}：活动 {result.id} 版本 {result.version}（{result.title}）\n")
    return 0
