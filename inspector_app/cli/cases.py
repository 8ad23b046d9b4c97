"""``cases list | show | open | advance``: 摘牌 case files – opened from an inspection concluding 建议摘牌,
then 告知, 陈述申辩, the decision of the body that granted the grade, 公告 and the certificate withdrawn
(docs/registers.md, "摘牌案卷")."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from inspector_app.cli.common import actor, render, workspace, write_out
from inspector_app.cli.progress import as_of_date
from inspector_app.services.ops import cases as case_ops
from inspector_app.services.queries.cases import CASE_COLUMNS, CASE_HEADINGS, case_detail, case_rows

STEP_WORDS = {"notify": "告知", "defence": "陈述申辩", "decide": "摘牌决定", "announce": "公告",
              "withdraw": "撤销证书", "drop": "不予摘牌"}


def list_cases(args: argparse.Namespace) -> int:
    rows = case_rows(workspace(args))
    if args.format == "json":
        write_out(render(rows, [*CASE_COLUMNS, "uid", "stage_code", "origin"], "json"))
    else:
        headed = [{CASE_HEADINGS[c]: r.get(c) for c in CASE_COLUMNS} for r in rows]
        write_out(render(headed, list(CASE_HEADINGS.values()), args.format))
    return 0


def _text(detail: dict[str, Any]) -> str:
    lines = [f"摘牌案卷 {detail['id']}（第 {detail['version']} 版）：{detail['enterprise']}（{detail['uscc']}）",
             f"证书等级：{detail['cert_grade']}    决定机关：{detail['deciding']}    阶段：{detail['stage']}",
             f"办理机关：{detail['held_by']}    来源检查：{detail['inspection_id'] or '—'}（{detail['inspection_uid']}）",
             f"陈述申辩期限：{detail['defence_until'] or '—'}    决定文号：{detail['decision_number'] or '—'}    "
             f"可重新申请日期：{detail['reapply_after'] or '—'}", "", "摘牌理由："]
    for n, ground in enumerate(detail["grounds"], 1):
        lines.append(f"  {n}. {ground['text']}（依据：{ground['source'] or '—'}）")
        for finding in ground["findings"]:
            lines.append(f"     隐患 {finding['uid'][:8]} [{finding['severity']}] {finding['item_code']} "
                         f"{finding['description']}（{finding['status']}）")
        for photo in ground["photos"]:
            lines.append(f"     照片 {photo['sha256'][:12]}… {photo['item_code']} {photo['caption']}")
    lines += ["", "步骤："]
    for step in detail["steps"]:
        extra = "；".join(x for x in (step["document_number"], step["note"]) if x)
        lines.append(f"  {step['on']} {step['label']}  {step['body']}（{step['by']}）{('：' + extra) if extra else ''}")
        if step["file_sha256"]:
            lines.append(f"     附件：{step['file_name']} → {step['file'] or '（文件不在本机）'}")
    return "\n".join(lines) + "\n"


def show(args: argparse.Namespace) -> int:
    detail = case_detail(workspace(args), args.id)
    if args.format == "json":
        write_out(json.dumps(detail, ensure_ascii=False, indent=1) + "\n")
    else:
        write_out(_text(detail))
    return 0


def open_case(args: argparse.Namespace) -> int:
    ws = workspace(args)
    case_id = case_ops.open_case(ws, args.inspection, actor(args), on=as_of_date(getattr(args, "on", None), "--on")).value
    detail = case_detail(ws, case_id)
    write_out(f"已立案：摘牌案卷 {case_id}，{detail['enterprise']}（{detail['cert_grade']}，由{detail['deciding']}决定），"
              f"摘牌理由 {len(detail['grounds'])} 条\n")
    return 0


def advance(args: argparse.Namespace) -> int:
    ws = workspace(args)
    on = as_of_date(args.on, "--on") or date.today()
    until = as_of_date(getattr(args, "until", None), "--until")
    done = case_ops.advance(ws, args.id, args.step, actor(args), on=on, number=args.number, note=args.note,
                            file=args.file, defence_until=until,
                            no_defence=bool(getattr(args, "no_defence", False))).value
    words = [f"已记录：摘牌案卷 {done.case_id} {STEP_WORDS[args.step]}（{on.isoformat()}），第 {done.version} 版"]
    if args.step == "notify" and done.defence_until is not None:
        words.append(f"陈述申辩期限至 {done.defence_until.isoformat()}")
    if args.step == "withdraw" and done.reapply_after is not None:
        words.append(f"{done.reapply_after.isoformat()} 起方可重新申请")
    write_out("；".join(words) + "\n")
    return 0
