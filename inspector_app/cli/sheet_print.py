"""``inspector-app sheet ID -o FILE``, the quick way first: a sheet printed again from a SQLite workspace
(``services.ops.sheet_quick``) without importing SQLAlchemy, the ORM's models or the rest of the
services – most of what such a process used to spend before laying out a page (benchmarks/
bench_first_print.py). Everything else – ``sheet verify``, a first print that issues the document's
number, an office database, a workspace due a migration, every refusal – goes to ``cli.sheet``, the full
way, which this module hands the same arguments. Both write the same file, rows and lines.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import cast

from inspector_app.cli.commands import load
from inspector_app.cli.output import CliError, write_out
from inspector_app.config import resolve_data_dir
from inspector_app.reports import DOC_TITLES, SheetKind
from inspector_app.reports.fonts import describe_font
from inspector_app.services.ops.sheet_quick import quick_print
from inspector_app.translation import _

FULL_WAY = "inspector_app.cli.sheet:sheet_command"


def sheet_command(args: argparse.Namespace) -> int:
    if (args.target == "verify" or args.code or not args.target.isdigit() or args.output is None
            or getattr(args, "database", None) or args.output.is_dir()):
        return int(load(FULL_WAY)(args))
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int, message: str) -> None:
        if interactive and total:
            print(f"\r[{done}/{total}] {message:<20}", end="", file=sys.stderr, flush=True)

    try:
        rendered = quick_print(resolve_data_dir(getattr(args, "data_dir", None)), int(args.target),
                               cast(SheetKind, args.kind), args.output, args.by, login_name=login_name,
                               progress=progress, font_path=args.font,
                               notice=lambda line: print(f"inspector-app: {line}", file=sys.stderr, flush=True))
    except OSError as exc:
        where = _("（{file}）").format(file=exc.filename) if exc.filename and str(exc.filename) != str(args.output) else ""
        raise CliError(_("无法写入 {output}：{strerror}").format(output=args.output, strerror=exc.strerror or exc)
                       + where) from exc
    if rendered is None:
        return int(load(FULL_WAY)(args))
    if interactive:
        print(file=sys.stderr)
    write_out(_("{title} 已写入 {path}（共 {pages} 页）\n核验码：{code}\n").format(
        title=_(DOC_TITLES.get(rendered.kind, rendered.kind)), path=rendered.path, pages=rendered.pages,
        code=rendered.code))
    if getattr(args, "verbose", False):
        write_out(_("字体：{font}\n").format(font=describe_font(args.font)))
    return 0


def login_name() -> str:
    """Who prints when neither ``--by`` nor the name this installation signs as says: the login name, as
    ``cli.common.default_actor``."""
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers, services)
        return "cli"
