"""The ``inspector-app`` command. With no subcommand it opens the GUI; every other command is Qt-free.

Exit status: 0 success, 1 failure (message on stderr), 2 usage error.

Start-up: the plain GUI launches (``inspector-app``, ``--data-dir DIR``, ``gui``, ``gui --lang en``) are
recognised by ``gui_arguments`` without building the parser, which would import every command group
(~25 ms before the window could show); anything else – ``--help``, a subcommand, an abbreviated or
malformed option – goes through the full parser, so its messages and exit codes are unchanged.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

# Optional command groups contributed by the evidence, sheet and bundle packages.
PLUGINS = ("inspector_app.cli_photos", "inspector_app.cli_sheet", "inspector_app.cli_bundle")
LANGUAGES = ("zh_CN", "en")


def gui_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The namespace ``build_parser().parse_args(argv)`` returns when ``argv`` just opens the GUI:
    ``[--data-dir DIR] [gui [--lang {zh_CN,en}]]`` (each option also as ``--opt=value``, repeatable, the
    last one wins, as in argparse). None for anything else, which the full parser then handles."""
    data_dir: str | None = None
    lang: str | None = None
    command: str | None = None
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        name, equals, value = arg.partition("=")
        option = "--lang" if command else "--data-dir"
        if arg == "gui" and command is None:
            command = "gui"
        elif name == option and (equals or i + 1 < len(args)):
            if not equals:
                i += 1
                value = args[i]
                if value.startswith("-"):  # argparse's rules for a value that looks like an option
                    return None
            if command:
                if value not in LANGUAGES:
                    return None
                lang = value
            else:
                data_dir = value
        else:
            return None
        i += 1
    if command is None:
        return argparse.Namespace(data_dir=data_dir, command=None)
    return argparse.Namespace(data_dir=data_dir, command=command, lang=lang)


def build_parser() -> argparse.ArgumentParser:
    import importlib
    from pathlib import Path

    from inspector_app import __version__
    from inspector_app.cli_common import FORMATS

    parser = argparse.ArgumentParser(
        prog="inspector-app",
        description="安全生产标准化“回头看”现场检查工具。不带子命令时打开图形界面。")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="workspace folder (default: $INSPECTOR_DATA_DIR or the user data folder)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the application window (the default)")
    gui.add_argument("--lang", choices=LANGUAGES, help="interface language for this run")

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
    args = gui_arguments(sys.argv[1:] if argv is None else argv)
    if args is None:
        args = build_parser().parse_args(argv)
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
    except KeyboardInterrupt:
        print("inspector-app: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        code = failure_code(exc)
        if code is None:
            raise
        return code


def failure_code(exc: Exception) -> int | None:
    """Print a user-facing failure (a ``CliError`` or the core's ``InspectorError``) and return the exit
    status; None for anything else (a bug: the traceback is shown). The error classes are imported here,
    not at the top, to keep them (and ``cli_common``'s imports) out of the GUI's start-up."""
    from inspector_app.cli_common import CliError
    from inspector_app.domain.errors import ImportFileError, InspectorError

    if isinstance(exc, CliError):
        print(f"inspector-app: {exc}", file=sys.stderr)
        return exc.code
    if isinstance(exc, ImportFileError):
        # The message may already quote the first problems; print its headline, then every problem once.
        headline = str(exc).splitlines()[0] if exc.problems else str(exc)
        print(f"inspector-app: {headline}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    if isinstance(exc, InspectorError):
        print(f"inspector-app: {exc}", file=sys.stderr)
        return 1
    return None

