"""The sheets are set in 宋体 / 仿宋 where the machine has them as TrueType, otherwise in a packaged CJK font,
and ``sheet … --verbose`` says which."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from inspector_app import fontfiles
from inspector_app.cli import main
from inspector_app.demo.workspace import build_demo
from inspector_app.reports import fonts
from inspector_app.storage.engine import open_workspace

pytestmark = pytest.mark.usefixtures("cjk_font")


def _packaged_font() -> Path:
    for cand in fontfiles.system_candidates():
        if cand.path.is_file():
            return cand.path
    pytest.skip("no Chinese TrueType font on this machine")


@pytest.fixture(autouse=True)
def fresh_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    monkeypatch.setattr(fonts, "_registered", {})


def test_simsun_comes_before_the_packaged_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    packaged = _packaged_font()
    (tmp_path / "simsun.ttc").symlink_to(packaged)  # stands in for Windows' 宋体 copied to a Linux machine
    monkeypatch.setattr(fontfiles.sys, "platform", "linux")
    monkeypatch.setattr(fontfiles, "_OFFICIAL_LINUX_DIRS", [str(tmp_path)])
    chosen, _font = fonts.find_font()
    assert chosen.path == tmp_path / "simsun.ttc"
    assert fonts.describe_font().endswith(f"（{tmp_path / 'simsun.ttc'}）")  # no note: an official font


def test_windows_looks_for_simsun_and_simfang_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fontfiles.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", "C:/Windows")
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    names = [c.path.name for c in fontfiles.sheet_candidates()]
    assert names[:2] == ["simsun.ttc", "simfang.ttf"] and "msyh.ttc" in names[2:]
    assert fontfiles.candidates()[0].path.name == "msyh.ttc"  # photo stamps: sans-serif first


def test_sheet_verbose_names_the_font(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    packaged = _packaged_font()
    monkeypatch.setattr(fontfiles, "official_candidates", lambda: [])
    ws = open_workspace(tmp_path / "ws")
    with ws.sessions.begin() as session:
        build_demo(session, enterprises=3)
    with ws.engine.connect() as con:
        inspection_id = con.exec_driver_sql("SELECT min(id) FROM inspections").scalar_one()
    ws.close()
    out = tmp_path / "sheet.pdf"
    assert main(["--data-dir", str(tmp_path / "ws"), "sheet", str(inspection_id), "-o", str(out), "--verbose"]) == 0
    printed = capsys.readouterr().out
    line = next(x for x in printed.splitlines() if x.startswith("字体："))
    assert os.fspath(packaged) in line and "没有 TrueType 格式的宋体/仿宋" in line
