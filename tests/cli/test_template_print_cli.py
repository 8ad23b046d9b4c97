"""``templates print``: the blank paper checklist or score sheet of a template version, as a PDF file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from inspector_app.cli import main
from inspector_app.reports import FontNotFoundError
from inspector_app.reports.fonts import find_font


@pytest.fixture(autouse=True)
def _font() -> None:
    try:
        find_font()
    except FontNotFoundError as exc:
        pytest.skip(str(exc).splitlines()[0])


def _cli(root: Path, *args: str) -> int:
    return main(["--data-dir", str(root), *args])


def _text(path: Path) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(path).pages)


def test_print_the_blank_checklist_and_score_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, out = tmp_path / "ws", tmp_path / "空白检查表.pdf"
    assert _cli(root, "workspace", "set", "authority_name", "常州市应急管理局") == 0
    assert _cli(root, "templates", "print", "lookback-2020", "-o", str(out)) == 0
    said = capsys.readouterr().out
    assert "空白检查表" in said and "2.0.1 版" in said and "lookback-2020" not in said
    text = _text(out)
    assert "现场检查表" in text and "常州市应急管理局" in text and "A.5-1" in text and "情况记录" in text
    sheet = tmp_path / "score.pdf"
    assert _cli(root, "templates", "print", "review-quality-2020", "--version", "2.0.1", "--kind", "scoresheet",
                "-o", str(sheet)) == 0
    assert "检查评分表" in _text(sheet) and "空白评分表" in capsys.readouterr().out


def test_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, out = tmp_path / "ws", tmp_path / "x.pdf"
    assert _cli(root, "templates", "print", "lookback-2020", "--version", "7.0.0", "-o", str(out)) == 1
    assert "没有检查表 lookback-2020 的版本 7.0.0（已有版本：2.0.1）" in capsys.readouterr().err
    assert _cli(root, "templates", "print", "no-such", "-o", str(out)) == 1
    assert "没有检查表 no-such" in capsys.readouterr().err
    assert _cli(root, "templates", "print", "lookback-2020", "-o", str(tmp_path)) == 2
    assert "是一个文件夹" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(SystemExit):
        _cli(root, "templates", "print", "lookback-2020")  # -o is required
