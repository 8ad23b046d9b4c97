"""``inspector-app sheet …`` builds the sheet command's parser alone (``commands.only_command``): for every
command line it takes, the namespace, the messages and the exit status are those of the whole parser."""

from __future__ import annotations

import contextlib
import io

import pytest

from inspector_app.cli.commands import build_parser, only_command

CASES = [
    ["sheet", "3", "-o", "a.pdf"],
    ["--data-dir", "/x", "sheet", "3", "-o", "a.pdf", "--kind", "order", "--by", "张三"],
    ["--data-dir=/x", "sheet", "verify", "INSP-1A2B3C4D-ABCDE-FGHIJ"],
    ["--database", "postgresql+psycopg://u@h/db", "sheet", "3", "-o", "a.pdf"],
    ["--data-dir", "sheet", "sheet", "1", "-o", "x.pdf"],
    ["sheet", "3", "-o", "a.pdf", "-v", "--font", "f.ttf", "--by=x y"],
    ["sheet", "3", "-o", "a.pdf", "--kind", "bogus"],
    ["sheet"],
    ["sheet", "3", "-o"],
    ["sheet", "3", "--unknown"],
    ["--data-dir", "/x", "--data-dir", "/y", "sheet", "3", "-o", "a.pdf"],
]


def _parse(only: str | None, argv: list[str]) -> tuple[object, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            result: object = vars(build_parser(only).parse_args(argv))
        except SystemExit as exc:
            result = ("exit", exc.code)
    return result, err.getvalue()


@pytest.mark.parametrize("argv", CASES, ids=" ".join)
def test_the_sheet_parser_alone_parses_as_the_whole_parser(argv: list[str]) -> None:
    assert only_command(argv) == "sheet"
    assert _parse("sheet", argv) == _parse(None, argv)


@pytest.mark.parametrize("argv", [["sheet", "--help"], ["-h", "sheet"], ["--version"], ["--data", "x", "sheet", "1"],
                                  ["photos", "list", "3"], ["--data-dir"], [], ["--data-dir", "-x", "sheet"]])
def test_anything_else_gets_the_whole_parser(argv: list[str]) -> None:
    assert only_command(argv) is None
