"""``inspector-app sheet …``: print an inspection's sheet as PDF, and verify a printed code.

    inspector-app sheet INSPECTION_ID -o FILE.pdf [--kind record|scoresheet|order|measures|recheck] [--by NAME]
                        [--font FONT] [--verbose: also the font the sheet was set in]
    inspector-app sheet verify CODE_OR_QR_PAYLOAD

Its arguments are in ``cli/commands.py``. No Qt.

Exit status of ``sheet verify``: 0 matches, 1 changed since printing, 2 unknown record (also for a
text that is not a sheet code at all). ``sheet ID -o FILE``: 0 printed, 1 failure, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from typing import cast

from inspector_app.cli.common import actor, fail, workspace, write_out
from inspector_app.reports import BadVerificationCodeError, SheetKind
from inspector_app.reports.fonts import describe_font
from inspector_app.services.ops.sheets import print_sheet
from inspector_app.services.queries.sheets import verify
from inspector_app.translation import N_, _

# The documents' titles (reports.DOC_TITLES, which the PDFs print in Chinese), marked for the catalogue: the
# command line names them in its language (tests/cli/test_cli_words.py keeps the two the same).
KIND_LABELS: dict[str, str] = {"record": N_("现场检查记录"), "scoresheet": N_("检查评分表"), "order": N_("责令限期整改指令书"),
                               "measures": N_("现场处理措施决定书"), "recheck": N_("整改复查意见书")}


def sheet_command(args: argparse.Namespace) -> int:
    if args.target == "verify":
        if not args.code:
            fail("sheet verify needs the printed code, e.g. inspector-app sheet verify INSP-12-ABCDE-FGHIJ", 2)
        return verify_command(" ".join(args.code), args)
    if args.code:
        fail(f"unexpected argument {' '.join(args.code)!r}; usage: sheet INSPECTION_ID -o FILE.pdf", 2)
    if not args.target.isdigit():
        fail(f"INSPECTION_ID must be a number, not {args.target!r}", 2)
    if args.output is None:
        fail("sheet INSPECTION_ID needs -o FILE.pdf", 2)
    return print_command(int(args.target), args)


def print_command(inspection_id: int, args: argparse.Namespace) -> int:
    if args.output.is_dir():
        fail(_("{output} 是一个文件夹；请用 -o 给出要写入的 PDF 文件名，例如 {example}").format(
            output=args.output, example=args.output / "sheet.pdf"), 2)
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int, message: str) -> None:
        if interactive and total:
            print(f"\r[{done}/{total}] {message:<20}", end="", file=sys.stderr, flush=True)

    ws = workspace(args)
    try:
        # The file is written before the print is recorded: a failure leaves no printed-sheet row.
        rendered = print_sheet(ws, inspection_id, cast(SheetKind, args.kind), args.output, actor(args),
                               progress=progress, font_path=args.font,
                               notice=lambda line: print(f"inspector-app: {line}", file=sys.stderr, flush=True)).value
    except OSError as exc:
        where = _("（{file}）").format(file=exc.filename) if exc.filename and str(exc.filename) != str(args.output) else ""
        fail(_("无法写入 {output}：{strerror}").format(output=args.output, strerror=exc.strerror or exc) + where)
    finally:
        ws.close()
    if interactive:
        print(file=sys.stderr)
    write_out(_("{title} 已写入 {path}（共 {pages} 页）\n核验码：{code}\n").format(
        title=_(KIND_LABELS.get(rendered.kind, rendered.kind)), path=rendered.path, pages=rendered.pages,
        code=rendered.code))
    if getattr(args, "verbose", False):
        write_out(_("字体：{font}\n").format(font=describe_font(args.font)))
    return 0


def verify_command(code: str, args: argparse.Namespace) -> int:
    ws = workspace(args)
    try:
        answer = verify(ws, code)
    except BadVerificationCodeError as exc:
        print(f"inspector-app: {exc}", file=sys.stderr)
        write_out(_verdict("unknown record") + "\n")
        return 2
    finally:
        ws.close()
    lines = [_verdict(answer.result.value)]
    if answer.inspection_id is not None:
        lines.append(_("检查 {id}：{enterprise}").format(id=answer.inspection_id, enterprise=answer.enterprise))
    for kind, printed_at, printed_by in answer.printed:
        line = _("{title}（{kind}）打印于 {when}").format(
            title=_(KIND_LABELS.get(kind, kind)), kind=kind, when=f"{printed_at:%Y-%m-%d %H:%M}")
        lines.append(line + (_("，打印人 {who}").format(who=printed_by) if printed_by else ""))
    write_out("\n".join(lines) + "\n")
    return answer.exit_status


# The verdict's code comes first (scripts read it, like the exit status), then its words in the run's language.
_VERDICT_WORDS = {"matches": N_("一致"), "changed since printing": N_("打印后已修改"), "unknown record": N_("未知记录")}


def _verdict(code: str) -> str:
    words = _(_VERDICT_WORDS.get(code, code))
    return code if words == code else _("{code}（{words}）").format(code=code, words=words)
