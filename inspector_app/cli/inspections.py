"""``inspections show | accept | return`` (``inspections list`` is ``cli.listing``: the fast path)."""

from __future__ import annotations

import argparse
import json

from inspector_app.cli.common import actor, fail, workspace, write_out
from inspector_app.domain.numbers import score_text
from inspector_app.domain.states import NOT_STARTED
from inspector_app.domain.template_words import shown
from inspector_app.services.ops import review
from inspector_app.services.queries.inspection_detail import inspection_detail
from inspector_app.translation import _


def show(args: argparse.Namespace) -> int:
    document = inspection_detail(workspace(args), args.id)
    if args.format == "json":
        write_out(json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n")
        return 0
    e, s = document["enterprise"], document["score"]
    lines = [_("检查 {id}  {title}  {status_label}").format(id=document['id'], title=document['template']['title'], status_label=_(document['status_label'])),
             _("企业：{name}（{uscc}）{district}  证书等级：{cert_grade}").format(name=e['name'], uscc=e['uscc'], district=e['district'], cert_grade=_(e['cert_grade']) if e['cert_grade'] else '—'),
             _("检查人员：{inspectors}").format(inspectors=_('、').join(p['name'] + '(' + p['cert_number'] + ')' for p in document['inspectors'])),
             _("得分：{score}  证书等级：{grade_held}  结论：{conclusion_label}  已检查 {answered}/{total_items}").format(score=score_text(s['score'], '—'), grade_held=_(document['grade_held']) if document.get('grade_held') else '—', conclusion_label=shown(document.get('conclusion_label')) or _(NOT_STARTED), answered=s['answered'], total_items=s['total_items']),
             _("理由：") + _("；").join(s["reasons"])]
    # the version 验收 / 退回修改 check with --expected-version (optimistic locking, docs/office-database.md)
    lines.insert(1, _("版本：{version}").format(version=document["version"]))
    if document.get("grade_awarded"):  # only a check that awards a grade (no shipped template does)
        lines.insert(4, _("评定等级：{grade_awarded}").format(grade_awarded=_(document['grade_awarded'])))
    if document["reviewer_comment"]:
        lines.append(_("审核意见：{reviewer_comment}").format(reviewer_comment=document['reviewer_comment']))
    for d in s["deductions"]:
        lines.append(_("  扣分 {item_code} -{points}：{reason}").format(item_code=d['item_code'], points=d['points'], reason=d['reason']))
    for n, f in enumerate(document["findings"], start=1):
        lines.append(_("  隐患{n} [{severity}] {description}  期限 {deadline}  {status}").format(n=n, severity=_(f['severity']), description=f['description'], deadline=f['deadline'], status=_(f['status'])))
    write_out("\n".join(lines) + "\n")
    return 0


def accept(args: argparse.Namespace) -> int:
    """验收: only a received (已接收) inspection; the lifecycle's refusal is printed as it is."""
    review.accept(workspace(args), args.id, actor(args), expected_version=args.expected_version)
    write_out(_("检查 {id} 已验收\n").format(id=args.id))
    return 0


def return_for_correction(args: argparse.Namespace) -> int:
    """退回修改 with the reviewer's comment, which the inspector gets back with the next bundle."""
    comment = (args.comment or "").strip()
    if not comment:  # refused before the workspace is opened; the op would refuse it too
        fail(_("退回修改须用 --comment 填写意见：写明需要修改或补充的内容"), 2)
    review.return_for_correction(workspace(args), args.id, actor(args), comment,
                                 expected_version=args.expected_version)
    write_out(_("检查 {id} 已退回修改：{comment}\n").format(id=args.id, comment=comment))
    return 0
