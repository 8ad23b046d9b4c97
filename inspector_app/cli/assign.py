"""``inspections assign``: a new inspection of an enterprise for two enforcement officers (plus experts); a
review-quality check of a review organisation (``--review-org``) with one of its certified enterprises as
the sample (``--enterprise``, or chosen)."""

from __future__ import annotations

import argparse
from datetime import date

from inspector_app.cli.common import actor, fail, workspace, write_out
from inspector_app.services.ops.inspections import assign as assign_op
from inspector_app.services.queries.enterprises import enterprise_id_by_uscc
from inspector_app.services.queries.org_stats import review_org_id
from inspector_app.translation import _


def _person(text: str, role: str) -> tuple[str, str, str]:
    name, sep, cert = text.partition(":")
    if not sep or not name.strip() or not cert.strip():
        fail(_("“{text}”应写成 姓名:证件号").format(text=text), 2)
    return name.strip(), cert.strip(), role


def assign(args: argparse.Namespace) -> int:
    people = [_person(t, "officer") for t in args.inspector] + [_person(t, "expert") for t in args.expert]
    try:
        due = date.fromisoformat(args.due) if args.due else None
    except ValueError:
        fail(_("--due：日期“{due}”应写成 YYYY-MM-DD").format(due=args.due), 2)
    if not args.enterprise and not args.review_org:
        fail(_("须用 --enterprise 指定企业（评审质量检查用 --review-org 指定评审单位）"), 2)
    ws = workspace(args)
    enterprise_id = enterprise_id_by_uscc(ws, args.enterprise) if args.enterprise else None
    review_org = review_org_id(ws, args.review_org) if args.review_org else None
    result = assign_op(ws, enterprise_id, args.template, people, actor(args), due_date=due,
                       override_reason=args.override_reason, review_org_id=review_org)
    write_out(_("已分配：检查 {result}\n").format(result=result.value))
    for warning in result.warnings:
        write_out(_("注意：{warning}\n").format(warning=warning))
    return 0
