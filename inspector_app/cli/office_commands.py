"""The office's commands (issue 12): campaigns, assignment, progress and filed reports, the bureau's
workbook. Part of the command table (``cli.commands``): arguments only, handlers named by module path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector_app.cli.output import FORMATS

REPORT_FORMATS = (*FORMATS, "xlsx", "pdf")

HANDLERS: dict[str, str] = {
    "campaigns list": "inspector_app.cli.campaigns:list_campaigns",
    "campaigns show": "inspector_app.cli.campaigns:show",
    "campaigns import": "inspector_app.cli.campaigns:import_campaign",
    "campaigns export": "inspector_app.cli.campaigns:export",
    "inspections assign": "inspector_app.cli.assign:assign",
    "inspections sign": "inspector_app.cli.signing:sign",
    "report progress": "inspector_app.cli.progress:progress",
    "report duties": "inspector_app.cli.filing:duties",
    "report file": "inspector_app.cli.filing:file_report",
    "report filed": "inspector_app.cli.filing:filed",
    "report receive": "inspector_app.cli.filing:receive",
    "report export": "inspector_app.cli.workbook:export",
}


def add_campaigns(sub: Any, actions: Any) -> None:
    cmp = actions(sub, "campaigns", "campaigns: notices, scope, templates and reporting duties")
    lst = cmp.add_parser("list", help="the campaigns in this workspace")
    lst.add_argument("--format", choices=FORMATS, default="table")
    show = cmp.add_parser("show", help="one campaign: notices, rules, scope, offices, templates, duties")
    show.add_argument("id")
    show.add_argument("--format", choices=("text", "json"), default="text")
    imp = cmp.add_parser("import", help="import a campaign file: JSON or a campaign workbook (.xlsx); checked whole, "
                                        "a workbook's problems listed with sheet, row and column")
    imp.add_argument("file", type=Path)
    exp = cmp.add_parser("export", help="write a campaign as a workbook to edit in Excel (imports back unchanged)")
    exp.add_argument("id")
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx")


def add_assign(ins: Any) -> None:
    asg = ins.add_parser("assign", help="assign an enterprise to two enforcement officers (plus experts)",
                         description="inspections assign --enterprise USCC --template ID --inspector NAME:CERT "
                                     "--inspector NAME:CERT [--expert NAME:CERT] [--due DATE]; send it with "
                                     "bundle export --direction office-to-inspector")
    asg.add_argument("--enterprise", metavar="USCC", help="the enterprise's credit code (for a review-quality "
                                                          "check: the sample; default: chosen)")
    asg.add_argument("--review-org", metavar="NAME", help="the review organisation a review-quality check is "
                                                          "about (name or USCC; docs/registers.md)")
    asg.add_argument("--template", required=True, metavar="ID", help="e.g. lookback-2020 (templates list)")
    asg.add_argument("--inspector", action="append", default=[], metavar="NAME:CERT",
                     help="an enforcement officer (行政执法人员) and their 执法证号; at least two")
    asg.add_argument("--expert", action="append", default=[], metavar="NAME:CERT",
                     help="a review expert (评审专家) and their 评审员证号 (signs the score sheet only)")
    asg.add_argument("--due", metavar="YYYY-MM-DD", help="due date")
    asg.add_argument("--override-reason", metavar="TEXT", default="",
                     help="use a template that does not fit the enterprise, saying why (audited)")
    asg.add_argument("--by", metavar="NAME", default=None, help="who assigns (audit trail; default: login name)")


def add_sign(ins: Any) -> None:
    sig = ins.add_parser("sign", help="a signature from a signing pad's strokes, or a refusal to sign",
                         description="inspections sign ID --signer NAME [--role inspector|enterprise_rep|witness] "
                                     "(--strokes FILE.json | --refused REASON) [--at 'YYYY-MM-DD HH:MM']")
    sig.add_argument("id", type=int)
    sig.add_argument("--signer", required=True, metavar="NAME", help="who signs (an officer: as on the inspection)")
    sig.add_argument("--role", choices=("inspector", "enterprise_rep", "witness"), default="inspector",
                     help="inspector = 检查人员, enterprise_rep = 被检查单位负责人, witness = 见证人")
    sig.add_argument("--strokes", type=Path, metavar="FILE.json",
                     help="pen strokes: [[[x, y], …], …] with x, y in 0–1 (docs in cli/signing.py)")
    sig.add_argument("--refused", metavar="REASON", help="the signer refused to sign, and why")
    sig.add_argument("--at", metavar="DATETIME", help="when it was signed (default: now)")
    sig.add_argument("--by", metavar="NAME", default=None, help="who records it (default: login name)")


def add_reports(rep: Any) -> None:
    prg = rep.add_parser("progress", help="progress against the campaign per district/city, counted by enterprise")
    prg.add_argument("--campaign", metavar="ID", help="default: the workspace's current campaign")
    prg.add_argument("--as-of", metavar="YYYY-MM-DD", help="figures as of this date (default: today)")
    prg.add_argument("--format", choices=REPORT_FORMATS, default="table")
    prg.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to a file (required for xlsx/pdf)")
    dut = rep.add_parser("duties", help="the campaign's reporting duties: due dates, days left, filed/received")
    dut.add_argument("--campaign", metavar="ID")
    dut.add_argument("--as-of", metavar="YYYY-MM-DD", help="default: today")
    dut.add_argument("--format", choices=FORMATS, default="table")
    fil = rep.add_parser("file", help="file this office's report for a duty (figures frozen, numbered, dated)")
    fil.add_argument("duty", metavar="DUTY_ID", help="see report duties")
    fil.add_argument("--campaign", metavar="ID")
    fil.add_argument("--as-of", metavar="YYYY-MM-DD", help="default: the duty's date, or today if earlier")
    fil.add_argument("--text", metavar="TEXT", default="", help="the written section (工作开展情况…)")
    fil.add_argument("--text-file", type=Path, metavar="FILE", help="the written section from a UTF-8 file")
    fil.add_argument("--by", metavar="NAME", default=None, help="who files it (default: login name)")
    fld = rep.add_parser("filed", help="reports filed here and received from the offices below")
    fld.add_argument("--campaign", metavar="ID")
    fld.add_argument("--format", choices=FORMATS, default="table")
    rcv = rep.add_parser("receive", help="record a report received on paper (e.g. a review organisation's)")
    rcv.add_argument("duty", metavar="DUTY_ID")
    rcv.add_argument("--from", dest="sender", required=True, metavar="NAME", help="who sent it")
    rcv.add_argument("--on", metavar="YYYY-MM-DD", help="received on (default: today)")
    rcv.add_argument("--note", metavar="TEXT", default="")
    rcv.add_argument("--campaign", metavar="ID")
    rcv.add_argument("--by", metavar="NAME", default=None, help="who records it (default: login name)")
    exp = rep.add_parser("export", help="the bureau's workbook: enterprises, inspections, hazard ledger, photos")
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx")
    exp.add_argument("--campaign", metavar="ID")
