"""``cases list | show | open | advance``: 摘牌 case files – opened from an inspection concluding 建议摘牌,
then 告知, 陈述申辩, the decision of the body that granted the grade, 公告 and the certificate withdrawn
(docs/registers.md, "摘牌案卷")."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from inspector_app.cli.common import actor, render, workspace, write_out
from inspector_app.cli.output import worded
from inspector_app.cli.progress import as_of_date
from inspector_app.services.ops import cases as case_ops
from inspector_app.services.queries.cases import CASE_COLUMNS, CASE_HEADINGS, case_detail, case_rows
from inspector_app.translation import N_, _

STEP_WORDS = {"notify": N_("告知"), "defence": N_("陈述申辩"), "decide": N_("摘牌决定"), "announce": N_("公告"),
              "withdraw": N_("撤销证书"), "drop": N_("不予摘牌")}


def list_cases(args: argparse.Namespace) -> int:
    rows = case_rows(workspace(args))
    if args.format == "json":
        write_out(render(rows, [*CASE_COLUMNS, "uid", "stage_code", "origin"], "json"))
    else:
        shown = worded(rows, ("cert_grade", "deciding", "stage", "held_by"), args.format)
        headed = [{CASE_HEADINGS[c]: r.get(c) for c in CASE_COLUMNS} for r in shown]
        write_out(render(headed, list(CASE_HEADINGS.values()), args.format))
    return 0


def _text(detail: dict[str, Any]) -> str:
    detail = {**detail, **{k: _(detail[k]) for k in ("cert_grade", "deciding", "stage", "held_by") if detail.get(k)}}
    lines = [_("摘牌案卷 {id}（第 {version} 版）：{enterprise}（{uscc}）").format(id=detail['id'], version=detail['version'], enterprise=detail['enterprise'], uscc=detail['uscc']),
             _("证书等级：{cert_grade}    决定机关：{deciding}    阶段：{stage}").format(cert_grade=detail['cert_grade'], deciding=detail['deciding'], stage=detail['stage']),
             _("办理机关：{held_by}    来源检查：{inspection_id}（{inspection_uid}）").format(held_by=detail['held_by'], inspection_id=detail['inspection_id'] or '—', inspection_uid=detail['inspection_uid']),
             _("陈述申辩期限：{defence_until}    决定文号：{decision_number}    可重新申请日期：{reapply_after}").format(defence_until=detail['defence_until'] or '—', decision_number=detail['decision_number'] or '—', reapply_after=detail['reapply_after'] or '—'), "", _("摘牌理由：")]
    for n, ground in enumerate(detail["grounds"], 1):
        lines.append(_("  {n}. {text}（依据：{source}）").format(n=n, text=ground['text'], source=ground['source'] or '—'))
        for finding in ground["findings"]:
            lines.append(_("     隐患 {uid} [{severity}] {item_code} {description}（{status}）").format(uid=finding['uid'][:8], severity=finding['severity'], item_code=finding['item_code'], description=finding['description'], status=finding['status']))
        for photo in ground["photos"]:
            lines.append(_("     照片 {sha256}… {item_code} {caption}").format(sha256=photo['sha256'][:12], item_code=photo['item_code'], caption=photo['caption']))
    lines += ["", _("步骤：")]
    for step in detail["steps"]:
        extra = _("；").join(x for x in (step["document_number"], step["note"]) if x)
        lines.append(_("  {on} {step}  {body}（{by}）").format(on=step["on"], step=_(step["label"]), body=step["body"],
                                                           by=step["by"]) + ((_("：") + extra) if extra else ""))
        if step["file_sha256"]:
            lines.append(_("     附件：{file_name} → {file}").format(file_name=step['file_name'], file=step['file'] or _('（文件不在本机）')))
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
    write_out(_("已立案：摘牌案卷 {case_id}，{enterprise}（{cert_grade}，由{deciding}决定），摘牌理由 {count} 条\n").format(case_id=case_id, enterprise=detail['enterprise'], cert_grade=detail['cert_grade'], deciding=detail['deciding'], count=len(detail['grounds'])))
    return 0


def advance(args: argparse.Namespace) -> int:
    ws = workspace(args)
    on = as_of_date(args.on, "--on") or date.today()
    until = as_of_date(getattr(args, "until", None), "--until")
    done = case_ops.advance(ws, args.id, args.step, actor(args), on=on, number=args.number, note=args.note,
                            file=args.file, defence_until=until,
                            no_defence=bool(getattr(args, "no_defence", False))).value
    words = [_("已记录：摘牌案卷 {case_id} {step}（{on}），第 {version} 版").format(case_id=done.case_id, step=_(STEP_WORDS[args.step]), on=on.isoformat(), version=done.version)]
    if args.step == "notify" and done.defence_until is not None:
        words.append(_("陈述申辩期限至 {defence_until}").format(defence_until=done.defence_until.isoformat()))
    if args.step == "withdraw" and done.reapply_after is not None:
        words.append(_("{reapply_after} 起方可重新申请").format(reapply_after=done.reapply_after.isoformat()))
    write_out(_("；").join(words) + "\n")
    return 0
