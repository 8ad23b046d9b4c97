"""The ``inspector-app`` command. With no subcommand it opens the GUI; every other command is Qt-free.

Exit status: 0 success, 1 failure (message on stderr), 2 usage error.

Start-up: the plain GUI launches (``inspector-app``, ``--data-dir DIR``, ``gui``, ``gui --lang en``) are
recognised by ``gui_arguments`` without building the parser (a few ms before the window could show);
anything else – ``gui FILE…`` (a double-clicked bundle), ``--help``, a subcommand, an abbreviated or
malformed option – goes through the full parser, so its messages and exit codes are unchanged. A command
of ``commands.SINGLE`` (``sheet``) named after nothing but the workspace's options gets its own parser
alone (``commands.only_command``): the same namespace, messages and exit codes, ~20 ms sooner.

Language: every command speaks one language, set before it runs (``cli.language``): ``INSPECTOR_LANGUAGE``,
else the workspace's ``language`` setting, else Chinese. argparse's help and usage texts stay English.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import sys
from collections.abc import Sequence

from inspector_app.cli.commands import LANGUAGES, build_parser, handler_for, only_command
from inspector_app.cli.output import CliError, terminal_text
from inspector_app.domain.errors import ImportFileError, InspectorError

__all__ = ["build_parser", "database_password", "failure_code", "gui_arguments", "main"]
ONE_SHOT = {"sheet"}  # commands that print one document and end: their objects frozen at exit (_one_shot)
_FREEZE_AT_EXIT = False


def database_password(account: str) -> str | None:
    """An office database's password from the OS keyring (``secrets.dbpassword``), for ``open_workspace``.
    Imported here, at the command line's seam, when a command on an office database first asks: the
    keyring and its backends (with ``cryptography``) are a third of what ``inspector-app sheet`` imported
    before a page was laid out, and a workspace on SQLite never needs them."""
    from inspector_app.secrets import dbpassword

    return dbpassword.lookup(account)


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
    # ``database`` is None here: an argv naming one (--database URL) goes to the full parser.
    if command is None:
        return argparse.Namespace(data_dir=data_dir, database=None, command=None)
    return argparse.Namespace(data_dir=data_dir, database=None, command=command, lang=lang, files=[])


def main(argv: Sequence[str] | None = None) -> int:
    args = gui_arguments(sys.argv[1:] if argv is None else argv)
    if args is None:
        given = sys.argv[1:] if argv is None else argv
        args = build_parser(only_command(given)).parse_args(given)
    command = args.command or "gui"
    if command != "gui":  # the window follows its own interface language; the fast path reads it itself
        # Imported here (a seam): it brings sqlite3 and platformdirs, which the window's start does not need.
        from inspector_app.cli import language

        language.apply(args, quick_read=(command, getattr(args, "action", None)) != ("inspections", "list"))
    try:
        if command == "gui":
            # The one place Qt comes in: imported only when the window is asked for (a sanctioned seam).
            from inspector_app.app import run_gui

            return int(run_gui(args))
        if command in ONE_SHOT:
            return _one_shot(args)
        return int(handler_for(args)(args))
    except KeyboardInterrupt:
        print("inspector-app: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`… | head`): stop quietly; stdout pointed at /dev/null so that Python's
        # final flush does not raise again (the recipe of the signal module's documentation).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:
        code = failure_code(exc)
        if code is None:
            raise
        return code


def _one_shot(args: argparse.Namespace) -> int:
    """A command that prints one document and ends. At a process's end Python's last collection walks every
    object still alive – the ~300,000 that importing reportlab and laying out a sheet leave – only for the
    process to free them all: 50–70 ms of a 0.4 s repeat print (benchmarks/bench_first_print.py). They are
    frozen instead (``gc.freeze`` when the process exits, registered once), which that collection skips;
    the command closes its files and its database itself."""
    global _FREEZE_AT_EXIT
    if not _FREEZE_AT_EXIT:
        atexit.register(gc.freeze)
        _FREEZE_AT_EXIT = True
    return int(handler_for(args)(args))


def failure_code(exc: Exception) -> int | None:
    """Print a user-facing failure (a ``CliError`` or the core's ``InspectorError``) and return the exit
    status; None for anything else (a bug: the traceback is shown)."""
    if isinstance(exc, CliError):
        print(f"inspector-app: {exc}", file=sys.stderr)
        return exc.code
    if isinstance(exc, ImportFileError):
        # The message may already quote the first problems; print its headline, then every problem once.
        headline = str(exc).splitlines()[0] if exc.problems else str(exc)
        print(f"inspector-app: {terminal_text(headline)}", file=sys.stderr)
        for problem in exc.problems:  # they quote cells of the file: a control character is shown, not obeyed
            print(f"  - {terminal_text(problem)}", file=sys.stderr)
        return 1
    if isinstance(exc, InspectorError):
        print(f"inspector-app: {terminal_text(str(exc))}", file=sys.stderr)
        return 1
    return None

