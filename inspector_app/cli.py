"""The ``inspector-app`` command. With no subcommand it opens the GUI; every other command is Qt-free.

Exit status: 0 success, 1 failure (message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from inspector_app import __version__
from inspector_app.cli_common import FORMATS, CliError
from inspector_app.domain.errors import ImportFileError, InspectorError

# Optional command groups contributed by the evidence, sheet and bundle packages.
PLUGINS = ("inspector_app.cli_photos", "inspector_app.cli_sheet", "inspector_app.cli_bundle")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inspector-app",
        description="安全生产标准化“回头看”现场检查工具。不带子命令时打开图形界面。")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="workspace folder (default: $INSPECTOR_DATA_DIR or the user data folder)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the application window (the default)")
    gui.add_argument("--lang", choices=("zh_CN", "en"), help="interface language for this run")

    demo = sub.add_parser("demo", help="fill the workspace with realistic Changzhou demo data")
    demo.add_argument("--enterprises", type=int, default=240, help="number of enterprises (default 240)")
    demo.add_argument("--seed", type=int, default=2020)

    ent = sub.add_parser("enterprises", help="import and list enterprises").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    imp = ent.add_parser("import", help="import enterprises from .xlsx or .csv (all or nothing)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check and preview, write nothing")
    imp.add_argument("--allow-invalid-uscc", action="store_true",
                     help="store codes that fail the GB 32100 check (flagged as overridden)")
    lst = ent.add_parser("list", help="list enterprises")
    lst.add_argument("--format", choices=FORMATS, default="table")

    ins = sub.add_parser("inspections", help="list and show inspections").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    lst = ins.add_parser("list", help="list inspections with status, score, grade and outcome")
    lst.add_argument("--format", choices=FORMATS, default="table")
    lst.add_argument("--status", help="only this status (assigned, in_progress, completed, …)")
    lst.add_argument("--district", help="only this district (辖市区)")
    show = ins.add_parser("show", help="one inspection in full: answers, score, findings, audit trail")
    show.add_argument("id", type=int)
    show.add_argument("--format", choices=("json", "text"), default="text")

    tpl = sub.add_parser("templates", help="checklist templates").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    tpl.add_parser("list", help="list the shipped templates")
    val = tpl.add_parser("validate", help="validate a template file")
    val.add_argument("file", type=Path)

    rep = sub.add_parser("report", help="figures for the reporting deadlines").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    dis = rep.add_parser("districts", help="look-back progress per district (辖市区)")
    dis.add_argument("--format", choices=FORMATS, default="table")
    rep.add_parser("deadlines", help="the next reporting deadlines (from resources/reporting_periods.json)")

    wsp = sub.add_parser("workspace", help="workspace settings (issuing authority printed on sheets)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    wsp.add_parser("show", help="where the workspace is and its settings")
    setp = wsp.add_parser("set", help="set a workspace setting, e.g. authority_name 常州市应急管理局")
    setp.add_argument("key")
    setp.add_argument("value")

    for name in PLUGINS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "gui"
    try:
        if command == "gui":
            from inspector_app.app import run_gui

            return int(run_gui(args))
        handler = getattr(args, "handler", None)
        if handler is not None:
            return int(handler(args))
        from inspector_app import cli_commands

        return cli_commands.dispatch(command, args)
    except CliError as exc:
        print(f"inspector-app: {exc}", file=sys.stderr)
        return exc.code
    except ImportFileError as exc:
        # The message may already quote the first problems; print its headline, then every problem once.
        headline = str(exc).splitlines()[0] if exc.problems else str(exc)
        print(f"inspector-app: {headline}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    except InspectorError as exc:
        print(f"inspector-app: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("inspector-app: interrupted", file=sys.stderr)
        return 130

