"""``orgs import | list | show``, ``reviewers import | list``, ``certifications import``: the registers of
review organisations, consultancies and reviewers and what stands behind each certificate (issue 13;
docs/registers.md). Tables and CSV carry Chinese headings, JSON English keys."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from inspector_app.cli.common import actor, render, workspace, write_out
from inspector_app.cli.output import worded
from inspector_app.services.ops import registers as ops
from inspector_app.services.queries.registers import (
    ORG_HEADINGS,
    REVIEWER_HEADINGS,
    org_detail,
    org_rows,
    reviewer_rows,
)
from inspector_app.translation import _, listing

Importer = Callable[..., ops.RegisterImport]


def _import(args: argparse.Namespace, run: Importer) -> int:
    ws = workspace(args)
    report = run(ws, Path(args.file), actor(args), dry_run=args.dry_run)
    lines = [report.summary()]
    if args.dry_run and report.preview:
        lines += [_("预览："), *(f"  {line}" for line in report.preview_lines())]
    write_out("\n".join(lines) + "\n")
    return 0


def import_orgs(args: argparse.Namespace) -> int:
    """All or nothing: a file with any problem raises ``ImportFileError`` (every problem printed)."""
    return _import(args, ops.import_orgs)


def import_reviewers(args: argparse.Namespace) -> int:
    return _import(args, ops.import_reviewers)


def import_certifications(args: argparse.Namespace) -> int:
    return _import(args, ops.import_certifications)


def _flat(value: Any) -> Any:
    return _("、").join(value) if isinstance(value, list) else value


def _listed(rows: list[dict[str, Any]], headings: dict[str, str], fmt: str) -> str:
    if fmt == "json":
        return render(rows, list(rows[0]) if rows else list(headings), "json")
    shown = worded(rows, ("kind_label", "status"), fmt)
    headed = [{label: _flat(row.get(key)) for key, label in headings.items()} for row in shown]
    return render(headed, list(headings.values()), fmt)


def list_orgs(args: argparse.Namespace) -> int:
    write_out(_listed(org_rows(workspace(args), args.kind), ORG_HEADINGS, args.format))
    return 0


def list_reviewers(args: argparse.Namespace) -> int:
    write_out(_listed(reviewer_rows(workspace(args)), REVIEWER_HEADINGS, args.format))
    return 0


def _key(text: str) -> int | str:
    return int(text) if text.isdigit() and len(text) < 10 else text


def show_org(args: argparse.Namespace) -> int:
    ws = workspace(args)
    detail = org_detail(ws, _key(args.name))
    if args.format == "json":
        write_out(json.dumps(detail, ensure_ascii=False, indent=2) + "\n")
    else:
        write_out("\n".join(org_text(detail)) + "\n")
    return 0


def _team(team: list[dict[str, Any]]) -> str:
    return _("、").join((_("{name}（{cert}，组长）") if m["leader"] else _("{name}（{cert}）")).format(
        name=m["name"], cert=m["cert_number"]) for m in team)


def org_text(d: dict[str, Any]) -> list[str]:
    """One organisation for people: fields, then each section with its rows."""
    status = _(d["status"]) + (_("（自 {status_since}").format(status_since=d['status_since']) + (_(" 至 {status_until}").format(status_until=d['status_until']) if d["status_until"] else "")
                            + "）" if d["status_since"] else "")
    lines = [_("{name}（{kind}）").format(name=d["name"], kind=_(d["kind_label"])), _("  统一社会信用代码：{uscc}").format(uscc=d['uscc'] or _('（未登记）')),
             _("  法定代表人：{legal_rep}").format(legal_rep=d['legal_rep'] or _('（未登记）')), _("  股东：{shareholders}").format(shareholders='、'.join(d['shareholders']) or _('（未登记）')),
             _("  资质：{qualification}").format(qualification=d['qualification'] or _('（未登记）')), _("  资质范围：{qualification_scope}").format(qualification_scope='、'.join(d['qualification_scope']) or _('（未登记）')),
             _("  状态：{status}").format(status=status), _("  版本：{version}").format(version=d['version'])]
    if d["note"]:
        lines.append(_("  备注：{note}").format(note=d['note']))
    sections: list[tuple[str, list[str]]] = [
        (_("声明的关联关系"), [f"[{x['id']}] {_(x['relation_label'])}：{x['other']}{'（' + x['note'] + '）' if x['note'] else ''}"
                     for x in d["links"]]),
        (_("名录中发现的关联"), [f"{_(x['relation_label'])}：{x['other']}（{x['detail']}）" for x in d["relations"]]),
        (_("咨询人员"), [f"{x['name']}{' ' + x['cert_number'] if x['cert_number'] else ''}"
                  + (_("，曾咨询 {enterprise}").format(enterprise=x["enterprise"]) if x["enterprise"] else "")
                  for x in d["staff"]]),
        (_("评审人员"), [_("{name} {cert_number}  专业：{specialities}  {status}").format(name=x['name'], cert_number=x['cert_number'], specialities=listing(x['specialities']) or '—', status=_(x['status']))
                  for x in d["reviewers"]]),
        (_("处理决定"), [f"{x['decided_on']} {_(x['kind_label'])}（{x['deciding_body']}{' ' + x['document_number'] if x['document_number'] else ''}）"
                  + (_("，已于 {lifted_on} 解除").format(lifted_on=x["lifted_on"]) if x["lifted_on"] else "")
                  for x in d["sanctions"]]),
        (_("评审的企业"), [_("{enterprise}（{uscc}）评审日期 {review_date} 得分 {review_score}  评审组：{team}").format(enterprise=x['enterprise'], uscc=x['uscc'], review_date=x['review_date'] or '—', review_score=x['review_score'] or '—', team=_team(x['team']) or '—') for x in d["reviewed"]]),
        (_("咨询的企业"), [_("{enterprise}（{uscc}）评审单位 {review_org}").format(enterprise=x['enterprise'], uscc=x['uscc'], review_org=x['review_org'] or '—') for x in d["consulted"]]),
    ]
    for title, rows in sections:
        lines.append(_("{title}（{count}）").format(title=title, count=len(rows)))
        lines.extend(f"  {row}" for row in rows)
    return lines
