"""``inspections show | accept | return`` (``inspections list`` is ``cli.listing``: the fast path)."""

from __future__ import annotations

import argparse
import json

from inspector_app.cli.common import actor, fail, workspace, write_out
from inspector_app.domain.numbers import score_text
from inspector_app.domain.states import NOT_STARTED
from inspector_app.services.ops import review
from inspector_app.services.queries.inspection_detail import inspection_detail
from inspector_app.translation import _


def show(args: argparse.Namespace) -> int:
    document = inspection_detail(workspace(args), args.id)
    if args.format == "json":
        write_out(json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n")
        return 0
    e, s = document["enterprise"], document["score"]
    lines = [f"检查 {document['id']}  {document['template']['title']}  {document['status_label']}",
             f"企业：{e['name']}（{e['uscc']}）{e['district']}  证书等级：{e['cert_grade']}",
             f"检查人员：{'、'.join(p['name'] + '(' + p['cert_number'] + ')' for p in document['inspectors'])}",
             f"得分：{score_text(s['score'], '—')}  证书等级：{document.get('grade_held') or '—'}  "
             f"结论：{document.get('conclusion_label') or _(NOT_STARTED)}  已检查 {s['answered']}/{s['total_items']}",
             "理由：" + "；".join(s["reasons"])]
    # the version 验收 / 退回修改 check with --expected-version (optimistic locking, docs/office-database.md)
    lines.insert(1, _("版本：{version}").format(version=document["version"]))
    if document.get("grade_awarded"):  # only a check that awards a grade (no shipped template does)
        lines.insert(4, f"评定等级：{document['grade_awarded']}")
    if document["reviewer_comment"]:
        lines.append(f"审核意见：{document['reviewer_comment']}")
    for d in s["deductions"]:
        lines.append(f"  扣分 {d['item_code']} -{d['points']}：{d['reason']}")
    for n, f in enumerate(document["findings"], start=1):
        lines.append(f"  隐患{n} [{f['severity']}] {f['description']}  期限 {f['deadline']}  {f['status']}")
    write_out("\n".join(lines) + "\n")
    return 0


def accept(args: argparse.Namespace) -> int:
    """验收: only a received (已接收) inspection; the lifecycle's refusal is printed as it is."""
    review.accept(workspace(args), args.id, actor(args), expected_version=args.expected_version)
    write_out(f"检查 {args.id} 已验收（accepted）\n")
    return 0


def return_for_correction(args: argparse.Namespace) -> int:
    """退回修改 with the reviewer's comment, which the inspector gets back with the next bundle."""
    comment = (args.comment or "").strip()
    if not comment:  # refused before the workspace is opened; the op would refuse it too
        fail("退回修改须用 --comment 填写意见：写明需要修改或补充的内容", 2)
    review.return_for_correction(workspace(args), args.id, actor(args), comment,
                                 expected_version=args.expected_version)
    write_out(f"检查 {args.id} 已退回修改（returned）：{comment}\n")
    return 0
