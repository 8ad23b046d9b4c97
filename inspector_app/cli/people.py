"""``inspectors set-role CERT officer|expert``: the role a person signs in, given by the certificate they
hold – 行政执法人员 (执法证: the enforcement documents, two of them) or 评审专家 (评审员证: the score sheet
only). Through the same operation as the editor's people dialog (``services.ops.sheets.set_role``), audited
on every inspection that lists the person."""

from __future__ import annotations

import argparse

from inspector_app.cli.common import actor, workspace, write_out
from inspector_app.services.ops import sheets as sheet_ops
from inspector_app.translation import N_, _

ROLE_WORDS = {"officer": N_("行政执法人员（执法证）"), "expert": N_("评审专家（评审员证）")}


def set_role(args: argparse.Namespace) -> int:
    changes = sheet_ops.set_role(workspace(args), args.cert, args.role, actor(args))
    write_out(_("{cert}：身份为{role}，列有此人的检查 {count} 次\n").format(cert=args.cert.strip(), role=_(ROLE_WORDS[args.role]), count=len(changes.inspections)))
    return 0
