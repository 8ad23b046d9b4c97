"""``inspectors set-role CERT officer|expert``: the role a person signs in, given by the certificate they
hold – 行政执法人员 (执法证: the enforcement documents, two of them) or 评审专家 (评审员证: the score sheet
only). Through the same operation as the editor's people dialog (``services.ops.sheets.set_role``), audited
on every inspection that lists the person."""

from __future__ import annotations

import argparse

from inspector_app.cli.common import actor, workspace, write_out
from inspector_app.services.ops import sheets as sheet_ops

ROLE_WORDS = {"officer": "行政执法人员（执法证）", "expert": "评审专家（评审员证）"}


def set_role(args: argparse.Namespace) -> int:
    changes = sheet_ops.set_role(workspace(args), args.cert, args.role, actor(args))
    write_out(f"{args.cert.strip()}：身份为{ROLE_WORDS[args.role]}，列有此人的检查 {len(changes.inspections)} 次\n")
    return 0
