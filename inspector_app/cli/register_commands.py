"""The bureau's registers and decisions (issue 13): review organisations, consultancies and reviewers,
conflicts of interest, statistics, 摘牌 case files, sanctions, suspended applications and the hazard
ledger. Part of the command table (``cli.commands``): arguments only, handlers named by module path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector_app.cli.output import FORMATS

HANDLERS: dict[str, str] = {
    "orgs import": "inspector_app.cli.registers:import_orgs",
    "orgs list": "inspector_app.cli.registers:list_orgs",
    "orgs show": "inspector_app.cli.registers:show_org",
    "orgs stats": "inspector_app.cli.org_stats:stats",
    "reviewers import": "inspector_app.cli.registers:import_reviewers",
    "reviewers list": "inspector_app.cli.registers:list_reviewers",
    "certifications import": "inspector_app.cli.registers:import_certifications",
    "conflicts list": "inspector_app.cli.conflicts:list_conflicts",
    "cases list": "inspector_app.cli.cases:list_cases",
    "cases show": "inspector_app.cli.cases:show",
    "cases open": "inspector_app.cli.cases:open_case",
    "cases advance": "inspector_app.cli.cases:advance",
    "sanctions list": "inspector_app.cli.sanctions:list_sanctions",
    "sanctions add": "inspector_app.cli.sanctions:add",
    "sanctions lift": "inspector_app.cli.sanctions:lift",
    "suspensions list": "inspector_app.cli.sanctions:list_suspensions",
    "suspensions add": "inspector_app.cli.sanctions:add_suspension",
    "hazards list": "inspector_app.cli.hazards:list_hazards",
}


def _by(parser: Any) -> None:
    parser.add_argument("--by", metavar="NAME", default=None, help="who acts (audit trail; default: login name)")


def add_registers(sub: Any, actions: Any) -> None:
    orgs = actions(sub, "orgs", "review organisations (评审单位) and consultancies (咨询服务单位)")
    imp = orgs.add_parser("import", help="import organisations, their staff and related-party links "
                                         "(.xlsx/.csv, all or nothing; the format in docs/registers.md)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check and preview, write nothing")
    _by(imp)
    lst = orgs.add_parser("list", help="the organisations with their status")
    lst.add_argument("--kind", choices=("review", "consulting"))
    lst.add_argument("--format", choices=FORMATS, default="table")
    show = orgs.add_parser("show", help="one organisation: staff, links, reviewers, sanctions, certificates")
    show.add_argument("name", help="its name or USCC")
    show.add_argument("--format", choices=("text", "json"), default="text")
    stats = orgs.add_parser("stats", help="per review organisation and reviewer: certified, looked back, conclusions")
    stats.add_argument("--reviewers", action="store_true", help="per reviewer instead of per organisation")
    stats.add_argument("--format", choices=(*FORMATS, "xlsx"), default="table")
    stats.add_argument("-o", "--output", type=Path, metavar="FILE", help="required for xlsx")

    rev = actions(sub, "reviewers", "reviewers and experts (评审人员/专家)")
    imp = rev.add_parser("import", help="import reviewers (.xlsx/.csv, all or nothing)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true")
    _by(imp)
    lst = rev.add_parser("list", help="the reviewers with their organisation, specialities and status")
    lst.add_argument("--format", choices=FORMATS, default="table")

    cert = actions(sub, "certifications", "what stands behind each certificate: review organisation, team, consultant")
    imp = cert.add_parser("import", help="import certifications (.xlsx/.csv, all or nothing)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true")
    _by(imp)

    con = actions(sub, "conflicts", "conflicts of interest, computed from the registers")
    lst = con.add_parser("list", help="every flag with the rule it comes from")
    lst.add_argument("--enterprise", metavar="USCC", help="only this enterprise")
    lst.add_argument("--format", choices=FORMATS, default="table")


def add_decisions(sub: Any, actions: Any) -> None:
    cases = actions(sub, "cases", "摘牌 case files: 告知, 陈述申辩, decision, 公告")
    lst = cases.add_parser("list", help="the case files with their stage")
    lst.add_argument("--format", choices=FORMATS, default="table")
    show = cases.add_parser("show", help="one case file: grounds, steps, documents")
    show.add_argument("id", type=int)
    show.add_argument("--format", choices=("text", "json"), default="text")
    opn = cases.add_parser("open", help="open a case from an inspection whose conclusion is 建议摘牌")
    opn.add_argument("inspection", type=int, metavar="INSPECTION_ID")
    opn.add_argument("--on", metavar="YYYY-MM-DD", help="the day the case is opened (立案; default: today)")
    _by(opn)
    adv = cases.add_parser("advance", help="record the next step: notify, defence, decide, announce, withdraw, drop")
    adv.add_argument("id", type=int)
    adv.add_argument("step", choices=("notify", "defence", "decide", "announce", "withdraw", "drop"))
    adv.add_argument("--on", metavar="YYYY-MM-DD", help="the step's date (default: today)")
    adv.add_argument("--number", metavar="TEXT", default="", help="the document's number")
    adv.add_argument("--note", metavar="TEXT", default="")
    adv.add_argument("--file", type=Path, metavar="FILE", help="an attached file (the defence, the notice…)")
    adv.add_argument("--until", metavar="YYYY-MM-DD",
                     help="notify: the last day for the defence the 告知书 sets (default: workspace setting defence_days)")
    adv.add_argument("--no-defence", action="store_true",
                     help="defence: none was received by the end of the period (逾期未陈述申辩)")
    _by(adv)

    san = actions(sub, "sanctions", "decisions on review organisations and reviewers, the blacklist")
    lst = san.add_parser("list", help="the sanctions, current and lifted")
    lst.add_argument("--format", choices=FORMATS, default="table")
    add = san.add_parser("add", help="record a decision: criticism, suspension, disqualification, blacklist")
    add.add_argument("kind", choices=("criticism", "suspension", "disqualification", "blacklist"))
    add.add_argument("--org", metavar="NAME", help="the review organisation (name or USCC)")
    add.add_argument("--reviewer", metavar="CERT", help="the reviewer (certificate number), for blacklist")
    add.add_argument("--grounds", required=True, metavar="TEXT")
    add.add_argument("--body", required=True, metavar="NAME", help="the deciding body")
    add.add_argument("--on", metavar="YYYY-MM-DD", help="decided on (default: today)")
    add.add_argument("--number", metavar="TEXT", default="", help="the decision's document number")
    add.add_argument("--until", metavar="YYYY-MM-DD", help="end of a suspension")
    add.add_argument("--case", type=int, action="append", default=[], metavar="CASE_ID")
    add.add_argument("--inspection", type=int, action="append", default=[], metavar="INSPECTION_ID")
    _by(add)
    lift = san.add_parser("lift", help="lift a sanction (the status follows)")
    lift.add_argument("id", type=int)
    lift.add_argument("--on", metavar="YYYY-MM-DD")
    lift.add_argument("--note", metavar="TEXT", default="")
    _by(lift)

    sus = actions(sub, "suspensions", "suspended review applications (二级 / 三级 / 小微) per area")
    lst = sus.add_parser("list", help="what is suspended where, since and until when")
    lst.add_argument("--format", choices=FORMATS, default="table")
    add = sus.add_parser("add", help="record a suspension (or with --resumed, its end)")
    add.add_argument("grade", choices=("二级", "三级", "小微"))
    add.add_argument("--area", required=True, metavar="JURISDICTION")
    add.add_argument("--since", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--resumed", metavar="YYYY-MM-DD")
    add.add_argument("--body", required=True, metavar="NAME", help="who decided")
    add.add_argument("--basis", metavar="TEXT", default="")
    _by(add)

    haz = actions(sub, "hazards", "the hazard ledger (隐患台账) across inspections")
    lst = haz.add_parser("list", help="every finding of the jurisdiction with its status and days overdue")
    lst.add_argument("--overdue", action="store_true", help="only overdue ones")
    lst.add_argument("--severity", choices=("一般", "重大"))
    lst.add_argument("--district", metavar="NAME")
    lst.add_argument("--status", metavar="STATUS", help="待整改 / 已整改待复查 / 复查合格 / 复查不合格")
    lst.add_argument("--as-of", metavar="YYYY-MM-DD", help="overdue as of this date (default: today)")
    lst.add_argument("--format", choices=(*FORMATS, "xlsx"), default="table")
    lst.add_argument("-o", "--output", type=Path, metavar="FILE", help="required for xlsx")
