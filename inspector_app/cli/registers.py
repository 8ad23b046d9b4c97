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
from inspector_app.services.ops import registers as ops
from inspector_app.services.queries.registers import (
    ORG_HEADINGS,
    REVIEWER_HEADINGS,
    org_detail,
    org_rows,
    reviewer_rows,
)

Importer = Callable[..., ops.RegisterImport]


def _import(args: argparse.Namespace, run: Importer) -> int:
    ws = workspace(args)
    report = run(ws, Path(args.file), actor(args), dry_run=args.dry_run)
    lines = [report.summary()]
    if args.dry_run and report.preview:
        lines += ["预览：", *(f"  {line}" for line in report.preview_lines())]
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
    return "、".join(value) if isinstance(value, list) else value


def _listed(rows: list[dict[str, Any]], headings: dict[str, str], fmt: str) -> str:
    if fmt == "json":
        return render(rows, list(rows[0]) if rows else list(headings), "json")
    headed = [{label: _flat(row.get(key)) for key, label in headings.items()} for row in rows]
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
    return "、".join(f"{m['name']}（{m['cert_number']}{'，组长' if m['leader'] else ''}）" for m in team)


def org_text(d: dict[str, Any]) -> list[str]:
    """One organisation for people: fields, then each section with its rows."""
    status = d["status"] + (f"（自 {d['status_since']}" + (f" 至 {d['status_until']}" if d["status_until"] else "")
                            + "）" if d["status_since"] else "")
    lines = [f"{d['name']}（{d['kind_label']}）", f"  统一社会信用代码：{d['uscc'] or '（未登记）'}",
             f"  法定代表人：{d['legal_rep'] or '（未登记）'}", f"  股东：{'、'.join(d['shareholders']) or '（未登记）'}",
             f"  资质：{d['qualification'] or '（未登记）'}", f"  资质范围：{'、'.join(d['qualification_scope']) or '（未登记）'}",
             f"  状态：{status}", f"  版本：{d['version']}"]
    if d["note"]:
        lines.append(f"  备注：{d['note']}")
    sections: list[tuple[str, list[str]]] = [
        ("声明的关联关系", [f"[{x['id']}] {x['relation_label']}：{x['other']}{'（' + x['note'] + '）' if x['note'] else ''}"
                     for x in d["links"]]),
        ("名录中发现的关联", [f"{x['relation_label']}：{x['other']}（{x['detail']}）" for x in d["relations"]]),
        ("咨询人员", [f"{x['name']}{' ' + x['cert_number'] if x['cert_number'] else ''}"
                  f"{'，曾咨询 ' + x['enterprise'] if x['enterprise'] else ''}" for x in d["staff"]]),
        ("评审人员", [f"{x['name']} {x['cert_number']}  专业：{'、'.join(x['specialities']) or '—'}  {x['status']}"
                  for x in d["reviewers"]]),
        ("处理决定", [f"{x['decided_on']} {x['kind_label']}（{x['deciding_body']}{' ' + x['document_number'] if x['document_number'] else ''}）"
                  f"{'，已于 ' + x['lifted_on'] + ' 解除' if x['lifted_on'] else ''}" for x in d["sanctions"]]),
        ("评审的企业", [f"{x['enterprise']}（{x['uscc']}）评审日期 {x['review_date'] or '—'} 得分 {x['review_score'] or '—'}"
                   f"  评审组：{_team(x['team']) or '—'}" for x in d["reviewed"]]),
        ("咨询的企业", [f"{x['enterprise']}（{x['uscc']}）评审单位 {x['review_org'] or '—'}" for x in d["consulted"]]),
    ]
    for title, rows in sections:
        lines.append(f"{title}（{len(rows)}）")
        lines.extend(f"  {row}" for row in rows)
    return lines
