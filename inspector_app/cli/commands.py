"""The command table: every command's arguments, and its handler named by module path.

Building the parser imports no handler module; ``handler_for`` imports only the one module that runs
the chosen command, so ``inspector-app sheet …`` never imports the bundle code and the fast path of
``inspections list`` never imports SQLAlchemy. This is one of the code base's three sanctioned seams
for lazy imports (docs/architecture.md).
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from inspector_app.cli import office_commands, register_commands
from inspector_app.cli.output import FORMATS

LANGUAGES = ("zh_CN", "en")

Handler = Callable[[argparse.Namespace], int]

# "command" or "command action" → "module:function". The most specific key wins.
HANDLERS: dict[str, str] = {
    "demo": "inspector_app.cli.demo:demo",
    "enterprises import": "inspector_app.cli.enterprises:import_file",
    "enterprises list": "inspector_app.cli.enterprises:list_enterprises",
    "inspections list": "inspector_app.cli.listing:list_inspections",
    "inspections show": "inspector_app.cli.inspections:show",
    "inspections accept": "inspector_app.cli.inspections:accept",
    "inspections return": "inspector_app.cli.inspections:return_for_correction",
    "inspections answer": "inspector_app.cli.answering:answer",
    "inspections finding": "inspector_app.cli.answering:finding",
    "inspections complete": "inspector_app.cli.answering:complete",
    "inspectors set-role": "inspector_app.cli.people:set_role",
    "templates list": "inspector_app.cli.templates:list_templates",
    "templates validate": "inspector_app.cli.templates:validate",
    "templates print": "inspector_app.cli.template_print:print_blank",
    "templates example": "inspector_app.cli.templates:example",
    "templates import": "inspector_app.cli.templates:import_template",
    "templates export": "inspector_app.cli.templates:export",
    "workspace show": "inspector_app.cli.workspace:show",
    "workspace set": "inspector_app.cli.workspace:set_value",
    "workspace gc": "inspector_app.cli.workspace_gc:collect",
    "photos add": "inspector_app.cli.photos:add_command",
    "photos list": "inspector_app.cli.photos:list_command",
    "photos verify": "inspector_app.cli.photos:verify_command",
    "photos check": "inspector_app.cli.photo_plausibility:check_command",
    "photos accept": "inspector_app.cli.photo_plausibility:accept_command",
    "sheet": "inspector_app.cli.sheet_print:sheet_command",  # the quick way first, else cli.sheet
    "bundle": "inspector_app.cli.bundle:bundle_command",
    "keys": "inspector_app.cli.bundle:keys_command",
    **office_commands.HANDLERS,
    **register_commands.HANDLERS,
}
# Opens the workspace the full way (creating or migrating it) with today's outcomes refreshed; the fast
# path of ``inspections list`` loads it only when that is due, to stay free of SQLAlchemy otherwise.
PREPARE = "inspector_app.cli.common:refreshed_workspace"


def load(target: str) -> Any:
    """The object a ``"module:name"`` entry names, importing its module now."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def handler_for(args: argparse.Namespace) -> Handler:
    action = getattr(args, "action", None)
    target = HANDLERS.get(f"{args.command} {action}") or HANDLERS[args.command]
    handler: Handler = load(target)
    return handler


# Commands whose parser alone is built when the command line names them (``only_command``): building every
# command's parser costs ~20 ms, a twentieth of a repeat ``inspector-app sheet`` (benchmarks/bench_first_print.py).
SINGLE: dict[str, Callable[[Any], None]] = {"sheet": lambda sub: _sheet(sub)}
_GLOBAL_VALUES = ("--data-dir", "--database")  # the main parser's options that take a value


def only_command(argv: Sequence[str]) -> str | None:
    """The command of ``argv`` when its parser alone parses ``argv`` as the whole parser would: a command
    of ``SINGLE`` after nothing but ``--data-dir``/``--database`` (spelled out), and no help asked for
    anywhere. None otherwise (then every command's parser is built)."""
    args = list(argv)
    if any(a in ("-h", "--help") for a in args):
        return None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in _GLOBAL_VALUES:
            if i + 1 >= len(args) or args[i + 1].startswith("-"):
                return None
            i += 2
        elif arg.partition("=")[0] in _GLOBAL_VALUES and "=" in arg:
            i += 1
        else:
            return arg if arg in SINGLE else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command's, or with ``only`` (``only_command``) that command's alone."""
    parser = argparse.ArgumentParser(
        prog="inspector-app",
        description="安全生产标准化“回头看”现场检查工具。不带子命令时打开图形界面。")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="workspace folder (default: $INSPECTOR_DATA_DIR or the user data folder)")
    parser.add_argument("--database", metavar="URL",
                        help="an office database on PostgreSQL, postgresql+psycopg://USER@HOST/DB (default: the "
                             "workspace folder's database.url, else its SQLite file; password: ~/.pgpass, "
                             "PGPASSFILE, PGSERVICE or the keyring – docs/office-database.md)")
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if only in SINGLE:
        SINGLE[only](sub)
        return parser

    gui = sub.add_parser("gui", help="open the application window (the default)")
    gui.add_argument("--lang", choices=LANGUAGES, help="interface language for this run")
    gui.add_argument("files", nargs="*", type=Path, metavar="FILE",
                     help="bundles to import once the workspace is open (what a double-click on one runs)")
    _core(sub)
    _photos(sub)
    _sheet(sub)
    _bundle(sub)
    _keys(sub)
    return parser


class _VersionAction(argparse.Action):
    """``--version``: the version and the commit it was built from (asked of git only when requested)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show the version and the git commit it was built from, then exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        from inspector_app.buildinfo import version_text  # git only when asked (a seam: docs/architecture.md)

        print(f"{parser.prog} {version_text()}")
        parser.exit()


def _actions(sub: Any, name: str, summary: str) -> Any:
    return sub.add_parser(name, help=summary).add_subparsers(dest="action", metavar="ACTION", required=True)


def _core(sub: Any) -> None:
    demo = sub.add_parser("demo", help="fill the workspace with realistic Changzhou demo data")
    demo.add_argument("--enterprises", type=int, default=240, help="number of enterprises (default 240)")
    demo.add_argument("--seed", type=int, default=2020)
    demo.add_argument("--pair", nargs=2, type=Path, metavar=("OFFICE_DIR", "INSPECTOR_DIR"),
                      help="make a district office and an inspector's laptop workspace for training: the same "
                           "enterprises, assignments and keys (enrolled both ways)")

    ent = _actions(sub, "enterprises", "import and list enterprises")
    imp = ent.add_parser("import", help="import enterprises from .xlsx, .xls or .csv (all or nothing)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check and preview, write nothing")
    imp.add_argument("--allow-invalid-uscc", action="store_true",
                     help="store codes that fail the GB 32100 check (flagged as overridden)")
    lst = ent.add_parser("list", help="list enterprises")
    lst.add_argument("--format", choices=FORMATS, default="table")

    ins = _actions(sub, "inspections", "list, show, answer, complete, accept and return inspections")
    lst = ins.add_parser("list", help="list inspections with status, score, grade and outcome")
    lst.add_argument("--format", choices=FORMATS, default="table")
    lst.add_argument("--status", help="only this status (assigned, in_progress, completed, …)")
    lst.add_argument("--district", help="only this district (辖市区)")
    show = ins.add_parser("show", help="one inspection in full: answers, score, findings, audit trail")
    show.add_argument("id", type=int)
    show.add_argument("--format", choices=("json", "text"), default="text")
    acc = ins.add_parser("accept", help="验收: accept a received (已接收) inspection")
    acc.add_argument("id", type=int)
    acc.add_argument("--expected-version", type=int, metavar="N",
                     help="refuse if the inspection changed since version N was read (inspections show)")
    acc.add_argument("--by", metavar="NAME", default=None, help="who accepts (audit trail; default: login name)")
    ret = ins.add_parser("return", help="退回修改: return a received inspection to its inspector, with a comment")
    ret.add_argument("id", type=int)
    ret.add_argument("--expected-version", type=int, metavar="N",
                     help="refuse if the inspection changed since version N was read (inspections show)")
    ret.add_argument("--comment", metavar="TEXT", help="what to correct or add (required; sent to the inspector)")
    ret.add_argument("--by", metavar="NAME", default=None, help="who returns it (audit trail; default: login name)")
    _answering(ins)
    office_commands.add_assign(ins)
    office_commands.add_sign(ins)
    office_commands.add_campaigns(sub, _actions)
    register_commands.add_registers(sub, _actions)
    register_commands.add_decisions(sub, _actions)

    ppl = _actions(sub, "inspectors", "the people who inspect: who signs which document")
    role = ppl.add_parser("set-role", help="set the role a person signs in, by certificate number",
                          description="officer = 行政执法人员 (执法证; signs the enforcement documents, two needed), "
                                      "expert = 评审专家 (评审员证; signs the score sheet only). The role belongs to "
                                      "the certificate: it applies to every inspection listing the person.")
    role.add_argument("cert", metavar="CERT", help="执法证号 or 评审员证号")
    role.add_argument("role", choices=("officer", "expert"))
    role.add_argument("--by", metavar="NAME", default=None, help="who sets it (audit trail; default: login name)")

    tpl = _actions(sub, "templates", "checklist templates")
    tpl.add_parser("list", help="list the shipped templates")
    val = tpl.add_parser("validate", help="validate a template file")
    val.add_argument("file", type=Path)
    prt = tpl.add_parser("print", help="a stored template as a blank paper checklist or score sheet (PDF)")
    prt.add_argument("id", help="template id, e.g. lookback-2020")
    prt.add_argument("--version", help="the version (default: the newest)")
    prt.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    prt.add_argument("--kind", choices=("checklist", "scoresheet"), default="checklist")
    exa = tpl.add_parser("example", help="write a shipped template as a workbook to edit in Excel (docs/template-workbook.md)")
    exa.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx")
    exa.add_argument("--template", metavar="ID", default="lookback-2020", help="default: lookback-2020")
    tim = tpl.add_parser("import", help="import a template workbook (.xlsx) or JSON file; all or nothing, every "
                                        "problem with sheet, row and column; a changed template needs a new version")
    tim.add_argument("file", type=Path)
    tim.add_argument("--dry-run", action="store_true", help="check and say what would happen, write nothing")
    tim.add_argument("--by", metavar="NAME", default=None, help="who imports (audit trail; default: login name)")
    tex = tpl.add_parser("export", help="write a stored template as a workbook (imports back unchanged)")
    tex.add_argument("id", help="template id, e.g. lookback-2020")
    tex.add_argument("--version", help="the version (default: the newest)")
    tex.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx")

    rep = _actions(sub, "report", "progress against the campaign, its reporting duties and the reports filed")
    office_commands.add_reports(rep)

    wsp = _actions(sub, "workspace", "workspace settings (issuing authority printed on sheets)")
    wsp.add_parser("show", help="where the workspace is and its settings")
    gcp = wsp.add_parser("gc", help="remove derived images (display copies, thumbnails, watermarked copies) no "
                                    "record uses any more; originals are never touched")
    gcp.add_argument("--dry-run", action="store_true", help="say what would be removed, remove nothing")
    gcp.add_argument("--shared-ok", action="store_true",
                     help="collect the office's shared photo folder too: only when this database is the only one "
                          "using it (other databases and machines may use what looks unused here)")
    setp = wsp.add_parser("set", help="set a workspace setting, e.g. authority_name 常州市应急管理局")
    setp.add_argument("key")
    setp.add_argument("value")
    setp.add_argument("--by", metavar="NAME", default=None, help="who sets it (audit trail; default: login name)")


def _answering(ins: Any) -> None:
    """``inspections answer | finding add | complete``: a paper checklist transcribed, or a scripted check."""
    ans = ins.add_parser("answer", help="answer checklist items: ITEM RESULT, or many with --from FILE.json",
                         description="inspections answer ID ITEM RESULT [--deduct CLAUSE[xN]]... "
                                     "[--extra POINTS --reason TEXT] [--note TEXT]\n"
                                     "inspections answer ID --from FILE.json  (format: docs in cli/answering.py)",
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    ans.add_argument("id", type=int)
    ans.add_argument("item", nargs="?", metavar="ITEM", help="item code, e.g. A.1")
    ans.add_argument("result", nargs="?", metavar="RESULT",
                     help="符合 / 部分符合 / 不符合 / 不涉及 (or 1–4, conform / partial / nonconform / na)")
    ans.add_argument("--deduct", action="append", default=[], metavar="CLAUSE[xN]",
                     help="a deduction clause of the item, e.g. A.1-2 or A.1-2x2 (repeatable)")
    ans.add_argument("--extra", type=float, default=0.0, metavar="POINTS", help="further points deducted")
    ans.add_argument("--reason", metavar="TEXT", help="why the further points (required with --extra)")
    ans.add_argument("--note", metavar="TEXT", help="检查情况说明")
    ans.add_argument("--from", dest="file", type=Path, metavar="FILE.json", help="many answers at once")
    ans.add_argument("--by", metavar="NAME", default=None, help="who answers (audit trail; default: login name)")
    fnd = ins.add_parser("finding", help="hidden hazards (隐患) of an inspection").add_subparsers(
        dest="finding_action", metavar="ACTION", required=True)
    add = fnd.add_parser("add", help="register a hidden hazard with its rectification deadline")
    add.add_argument("id", type=int)
    add.add_argument("--item", metavar="ITEM", help="the checklist item it was found under")
    add.add_argument("--severity", choices=("一般", "重大"), default="一般")
    add.add_argument("--text", required=True, metavar="TEXT", help="隐患描述")
    add.add_argument("--deadline", metavar="YYYY-MM-DD", help="整改期限")
    add.add_argument("--requirement", metavar="TEXT", help="整改要求")
    add.add_argument("--responsible", metavar="NAME", help="整改责任人")
    add.add_argument("--measures", metavar="CODE[,CODE]", default="",
                     help="on-site measures of a 重大 hazard (现场处理措施决定书): evacuate = 从危险区域内撤出作业人员, "
                          "suspend = 暂时停产停业, stop_use = 停止使用相关设施、设备")
    add.add_argument("--by", metavar="NAME", default=None, help="who registers it (default: login name)")
    done = ins.add_parser("complete", help="完成并锁定: complete and lock (lists what is missing otherwise)")
    done.add_argument("id", type=int)
    done.add_argument("--by", metavar="NAME", default=None, help="who completes it (default: login name)")


def _photos(sub: Any) -> None:
    actions = _actions(sub, "photos", "add, list and verify evidence photos")
    add = actions.add_parser("add", help="add photo files or folders (JPEG, PNG, HEIC) to an inspection")
    add.add_argument("inspection_id", type=int, metavar="INSPECTION_ID")
    add.add_argument("paths", type=Path, nargs="+", metavar="FILE_OR_DIR")
    add.add_argument("--item", metavar="CODE", default="", help="attach to this checklist item")
    add.add_argument("--finding", metavar="ID", type=int, help="attach to this finding (隐患)")
    add.add_argument("--by", metavar="NAME", default=None, help="who adds them (audit trail; default: login name)")
    add.add_argument("--workers", type=int, default=None, help="processes to use (default: every core)")
    add.add_argument("--format", choices=("text", "json"), default="text")

    lst = actions.add_parser("list", help="list an inspection's photos with hash, time, GPS and camera")
    lst.add_argument("inspection_id", type=int, metavar="INSPECTION_ID")
    lst.add_argument("--format", choices=FORMATS, default="table")

    chk = actions.add_parser("check", help="plausibility warnings of an inspection's photos: capture time far "
                                           "from the inspection, position outside the district or far from the "
                                           "other photos")
    chk.add_argument("inspection", type=int)
    chk.add_argument("--format", choices=FORMATS, default="table")
    acp = actions.add_parser("accept", help="accept a photo's plausibility warnings after checking them (audited)")
    acp.add_argument("inspection", type=int)
    acp.add_argument("photo", type=int, help="the photo's id (photos check / photos list)")
    acp.add_argument("--by", metavar="NAME", default=None, help="who decides (audit trail; default: login name)")
    ver = actions.add_parser("verify", help="re-hash every original of an inspection (chain of custody)")
    ver.add_argument("inspection_id", type=int, metavar="INSPECTION_ID")


SHEET_KINDS = ("record", "scoresheet", "order", "measures", "recheck")  # reports.SHEET_KINDS


def _sheet(sub: Any) -> None:
    sheet = sub.add_parser(
        "sheet", help="print an inspection's sheet (PDF) or verify a printed code",
        description="sheet INSPECTION_ID -o FILE.pdf [--kind KIND]  – print a document;\n"
                    "sheet verify CODE  – check a printed code or QR payload against the database "
                    "(exit 0 matches, 1 changed since printing, 2 unknown record)",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sheet.add_argument("target", metavar="INSPECTION_ID|verify",
                       help="the inspection to print, or the word 'verify'")
    sheet.add_argument("code", nargs="*", metavar="CODE",
                       help="with 'verify': the printed code (e.g. INSP-3F2A9C1E-ABCDE-FGHIJ) or the scanned QR text")
    sheet.add_argument("-o", "--output", type=Path, metavar="FILE.pdf", help="where to write the PDF")
    sheet.add_argument("--kind", choices=SHEET_KINDS, default="record",
                       help="record = 现场检查记录 (default), scoresheet = 检查评分表 (internal), "
                            "order = 责令限期整改指令书, measures = 现场处理措施决定书, recheck = 整改复查意见书")
    sheet.add_argument("--by", metavar="NAME", default=None, help="who prints (audit trail; default: login name)")
    sheet.add_argument("--font", type=Path, metavar="FONT", default=None,
                       help="a Chinese TrueType font to use (default: $INSPECTOR_PDF_FONT, else 宋体/仿宋 "
                            "where installed as TrueType, else a packaged CJK font such as fonts-wqy-microhei)")
    sheet.add_argument("-v", "--verbose", action="store_true", help="also print the font the sheet was set in")


def _bundle(sub: Any) -> None:
    actions = _actions(sub, "bundle", "export, import, verify and show sync bundles")
    exp = actions.add_parser("export", help="export selected or all pending inspections to a bundle file")
    exp.add_argument("--inspections", type=int, nargs="+", metavar="ID", help="only these inspections")
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    exp.add_argument("--direction", choices=("inspector-to-office", "office-to-inspector"),
                     help="default: from this workspace's role (keys role)")
    exp.add_argument("--encrypt-to", metavar="FINGERPRINT", help="encrypt to this enrolled office key")
    exp.add_argument("--to-parent", action="store_true",
                     help="a roll-up for the office above: this office's inspections, outcomes, findings and "
                          "filed reports (photos only with --with-photos)")
    exp.add_argument("--with-photos", action="store_true", help="with --to-parent: include the photos")
    imp = actions.add_parser("import", help="import bundle files or every bundle in a folder")
    imp.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    ver = actions.add_parser("verify", help="check a bundle completely without importing it")
    ver.add_argument("file", type=Path)
    show = actions.add_parser("show", help="what a bundle holds and who signed it")
    show.add_argument("file", type=Path)
    show.add_argument("--format", choices=("text", "json"), default="text")
    actions.add_parser("conflicts", help="list open sync conflicts")
    res = actions.add_parser("resolve", help="resolve a sync conflict")
    res.add_argument("id", type=int)
    res.add_argument("--keep", choices=("local", "incoming"), required=True)


def _keys(sub: Any) -> None:
    kact = _actions(sub, "keys", "this installation's keys and the enrolled (trusted) keys")
    kact.add_parser("show", help="this installation's fingerprint, keyring status and the enrolled keys")
    pub = kact.add_parser("export-public", help="write this installation's public key file")
    pub.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    pub.add_argument("--name", help="the name shown to the other side (default: this workspace's name)")
    enr = kact.add_parser("enrol", help="trust a public key file (confirm its fingerprint with its owner first)")
    enr.add_argument("file", type=Path)
    enr.add_argument("--fingerprint",
                     help="the fingerprint read out by the key's owner (required when not interactive)")
    rev = kact.add_parser("revoke", help="stop trusting a key")
    rev.add_argument("fingerprint")
    rev.add_argument("--by", metavar="NAME", default=None, help="who revokes (audit trail; default: login name)")
    unr = kact.add_parser("unrevoke", help="trust a revoked key again (audited; enrolling it again is refused)")
    unr.add_argument("fingerprint")
    unr.add_argument("--by", metavar="NAME", default=None, help="who unrevokes (audit trail; default: login name)")
    role_cmd = kact.add_parser("role", help="show or set this workspace's role (inspector / office)")
    role_cmd.add_argument("value", nargs="?", choices=("inspector", "office"))
    store = kact.add_parser("store", help="show or choose where the private keys are kept: the system keyring or "
                                          "a file protected by a passphrase ($INSPECTOR_KEY_PASSPHRASE or asked)")
    store.add_argument("value", nargs="?", choices=("keyring", "passphrase-file"))
    store.add_argument("--new-key", action="store_true",
                       help="do not copy the existing keys into the new store (a new fingerprint)")
    store.add_argument("--by", metavar="NAME", default=None, help="who changes it (audit trail)")
