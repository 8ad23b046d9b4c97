"""What the command line prints is safe: CSV text cells that a spreadsheet would run as formulas are
quoted (OWASP's CSV-injection rule) and come back unchanged through the enterprise import; control
characters in names never reach the terminal raw (tables, CSV, JSON, messages)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from inspector_app.bundle.signing import PublicKeyFile, Signer, format_fingerprint
from inspector_app.cli import main
from inspector_app.cli.output import CliError, csv_cell, render, terminal_text, write_out
from inspector_app.domain import uscc
from inspector_app.tabular.reader import unquote_cell

FORMULA = "=cmd|' /C calc'!A0"
ESCAPES = "办公室\x1b]0;pwned\x07\x1b[31m红色\x9b2J\x7f"
NAMES = [FORMULA, "+86 519 8888", "-5 吨", "@SUM(A1:A9)", "'=早已加了引号", "''+两个引号", "'0519 普通引号",
         "常州=正常的等号", ESCAPES]
STORED = [unquote_cell(name) for name in NAMES]  # the register's own quotes come off on import
RAW_CONTROLS = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]


def _code(n: int) -> str:
    return uscc.make_code("9", "1", "320412", f"MA{n:07d}")


def _register(path: Path, names: list[str]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["企业名称", "统一社会信用代码", "辖市区"])
    writer.writerows([name, _code(n), "武进区"] for n, name in enumerate(names, 1))
    path.write_text(buffer.getvalue(), "utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "ws"
    code, _out, err = _run(capsys, "--data-dir", str(folder), "enterprises", "import",
                           str(_register(tmp_path / "register.csv", NAMES)))
    assert code == 0, err
    return folder


def _no_raw_controls(text: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in text if c in RAW_CONTROLS})
    assert not found, found


# -- CSV ------------------------------------------------------------------------------------------

def test_formula_cells_are_quoted_in_csv(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, "--data-dir", str(data_dir), "enterprises", "list", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    names = {row["uscc"]: row["name"] for row in rows}
    shown = [names[_code(n)] for n in range(1, len(NAMES) + 1)]
    assert STORED[4:6] == ["=早已加了引号", "'+两个引号"]
    assert shown[:8] == ["'" + FORMULA, "'+86 519 8888", "'-5 吨", "'@SUM(A1:A9)", "'=早已加了引号",
                         "''+两个引号", "'0519 普通引号", "常州=正常的等号"]
    for row in rows:  # no text cell a spreadsheet would run
        for value in row.values():
            assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), value
    assert all(row["id"].isdigit() for row in rows)


def test_csv_quoting_touches_text_only() -> None:
    rows = [{"n": -5, "x": -2.5, "t": "-5", "b": True, "none": None, "tab": "\tx", "plain": "a=b"}]
    out = render(rows, list(rows[0]), "csv")
    assert list(csv.reader(io.StringIO(out, newline="")))[1] == ["-5", "-2.5", "'-5", "True", "", "'\tx", "a=b"]
    assert csv_cell(-5) == -5 and csv_cell(0.5) == 0.5 and csv_cell("") == ""
    assert csv_cell("\rx") == "'\rx"  # (write_out then shows the carriage return as \r)


@pytest.mark.parametrize("text", [*NAMES, "", "'", "''", "=", "'=", "'''", "-", "'-1", "\t=1", "@", "'@"])
def test_the_import_undoes_exactly_what_the_export_adds(text: str) -> None:
    quoted = csv_cell(text)
    assert unquote_cell(quoted) == text
    assert unquote_cell(text) == text or text.lstrip("'")[:1] in "=+-@\t\r"


def test_round_trip_through_the_enterprise_import(data_dir: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """``enterprises list --format csv`` imports again – into a fresh workspace – with every name as it
    was, formulas and quotes included. (Control characters are the exception: what is printed shows them
    escaped, and the escape is what comes back.)"""
    _rc, out, _err = _run(capsys, "--data-dir", str(data_dir), "enterprises", "list", "--format", "csv")
    exported = tmp_path / "exported.csv"
    exported.write_text(out, "utf-8")
    fresh = tmp_path / "fresh"
    code, _out, err = _run(capsys, "--data-dir", str(fresh), "enterprises", "import", str(exported))
    assert code == 0, err
    _rc, again, _err = _run(capsys, "--data-dir", str(fresh), "enterprises", "list", "--format", "json")
    names = {row["uscc"]: row["name"] for row in json.loads(again)}
    expected = [*STORED[:-1], terminal_text(ESCAPES)]
    assert [names[_code(n)] for n in range(1, len(NAMES) + 1)] == expected
    _rc, again_csv, _err = _run(capsys, "--data-dir", str(fresh), "enterprises", "list", "--format", "csv")
    def without_ids(text: str) -> list[dict[str, str]]:
        return sorted(({k: v for k, v in row.items() if k != "id"} for row in csv.DictReader(io.StringIO(text))),
                      key=lambda row: row["uscc"])

    assert without_ids(again_csv) == without_ids(out)  # the same register, the same export


# -- terminal -------------------------------------------------------------------------------------

def test_table_json_and_csv_carry_no_raw_control_characters(data_dir: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("table", "csv", "json"):
        code, out, _err = _run(capsys, "--data-dir", str(data_dir), "enterprises", "list", "--format", fmt)
        assert code == 0
        _no_raw_controls(out)
        assert "\\u001b]0;pwned\\u0007\\u001b[31m红色\\u009b2J\\u007f" in out
    # JSON stays JSON, and its escapes decode to the stored name
    _rc, out, _err = _run(capsys, "--data-dir", str(data_dir), "enterprises", "list", "--format", "json")
    assert ESCAPES in {row["name"] for row in json.loads(out)}


def test_table_cells_cannot_break_lines() -> None:
    table = render([{"a": "one\ntwo\tthree\rfour", "b": 1}], ["a", "b"], "table")
    lines = table.splitlines()
    assert len(lines) == 3 and "one\\ntwo\\tthree\\rfour" in lines[2]


def test_write_out_keeps_newlines_and_tabs_only(capsys: pytest.CaptureFixture[str]) -> None:
    write_out("a\tb\nc\x1b[2Jd\re\x00f\x85g\n")
    out = capsys.readouterr().out
    assert out == "a\tb\nc\\u001b[2Jd\\re\\u0000f\\u0085g\n"
    assert terminal_text("常州 plain text\n") == "常州 plain text\n"


def test_error_messages_are_escaped() -> None:
    assert str(CliError("无法读取 \x1b[31mx")) == "无法读取 \\u001b[31mx"


def test_keys_enrol_does_not_echo_escape_sequences(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    signer = Signer.generate()
    try:
        key = PublicKeyFile.signed(signer, "市局\x1b]0;pwned\x07\x1b[2J", "office", "device-1")
    except ValueError as exc:  # the key file's own rules may refuse such a name outright: also safe
        pytest.skip(f"key files refuse the name: {exc}")
    path = tmp_path / "office.pub"
    path.write_text(key.to_text(), "utf-8")
    code, out, err = _run(capsys, "--data-dir", str(tmp_path / "ws"), "keys", "enrol", str(path),
                          "--fingerprint", format_fingerprint(key.fingerprint))
    _no_raw_controls(out + err)
    if code == 0:
        assert "市局\\u001b]0;pwned\\u0007\\u001b[2J" in out
        code, out, err = _run(capsys, "--data-dir", str(tmp_path / "ws"), "keys", "show")
        _no_raw_controls(out + err)
