"""File dialogs start in the folder last used for the same purpose, else Documents, else home – never the
process's working directory (issue 17: 另存为 PDF… and 导出公钥… opened in the working directory when
~/Documents did not exist)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog

from inspector_app.ui import file_dialogs
from inspector_app.ui.settings import AppSettings

UI = Path(file_dialogs.__file__).parent


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppSettings:
    QApplication.instance() or QApplication([])
    made = AppSettings(QSettings(str(tmp_path / "inspector.ini"), QSettings.Format.IniFormat))
    monkeypatch.setattr(file_dialogs, "settings_factory", lambda: made)
    return made


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder whose Documents folder is 文档 (as xdg-user-dirs names it on a Chinese desktop)."""
    folder = tmp_path / "home"
    (folder / ".config").mkdir(parents=True)
    (folder / ".config" / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/文档"\n', encoding="utf-8")
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))
    monkeypatch.chdir(tmp_path)  # the working directory: never where a dialog starts
    return folder


def test_documents_when_it_exists_else_home_never_the_working_directory(settings: AppSettings, home: Path) -> None:
    assert file_dialogs.start_folder("documents") == home  # 文档 does not exist yet
    (home / "文档").mkdir()
    assert file_dialogs.start_folder("documents") == home / "文档"
    assert file_dialogs.start_folder("keys") == home / "文档"


def test_the_last_folder_is_remembered_per_purpose(settings: AppSettings, home: Path, tmp_path: Path) -> None:
    (home / "文档").mkdir()
    stick = tmp_path / "usb"
    stick.mkdir()
    file_dialogs.remember("keys", stick / "科员甲.inspkey")
    assert file_dialogs.start_folder("keys") == stick
    assert file_dialogs.start_folder("documents") == home / "文档"  # another purpose keeps its own
    again = AppSettings(QSettings(str(tmp_path / "inspector.ini"), QSettings.Format.IniFormat))
    assert file_dialogs.start_folder("keys", again) == stick  # kept in the settings file
    stick.rmdir()  # the stick was taken out
    assert file_dialogs.start_folder("keys") == home / "文档"
    file_dialogs.remember("keys", "relative/name.inspkey")  # never a relative folder
    assert file_dialogs.start_folder("keys") == home / "文档"


def test_save_dialog_proposes_the_name_in_the_start_folder_and_remembers_the_choice(
        settings: AppSettings, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (home / "文档").mkdir()
    elsewhere = tmp_path / "reports"
    elsewhere.mkdir()
    asked: list[str] = []

    def dialog(_parent: Any, _title: str, start: str, _filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(elsewhere / "检查记录-7.pdf"), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    chosen, _ = file_dialogs.save_file(None, "documents", "另存为 PDF", "检查记录-7.pdf", "PDF (*.pdf)")
    assert asked == [str(home / "文档" / "检查记录-7.pdf")] and chosen == str(elsewhere / "检查记录-7.pdf")
    file_dialogs.save_file(None, "documents", "另存为 PDF", "检查记录-8.pdf", "PDF (*.pdf)")
    assert asked[1] == str(elsewhere / "检查记录-8.pdf")

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_a: ""))
    assert file_dialogs.folder(None, "photos", "添加文件夹中的照片") == ""  # cancelled: nothing remembered
    assert settings.last_folder("photos") == ""


def test_every_file_dialog_of_the_interface_goes_through_the_helper() -> None:
    """A dialog given "" or no folder opens in the working directory: each call names its start folder
    through ``file_dialogs`` (the bundle export's dialog starts from the target it shows, itself from
    ``file_dialogs.start_folder``)."""
    calls = re.compile(r"QFileDialog\.get\w+\(")
    offenders = []
    for path in UI.rglob("*.py"):
        if path.name == "file_dialogs.py":
            continue
        text = path.read_text("utf-8")
        for match in calls.finditer(text):
            if path.name == "export_dialog.py" and "file_dialogs.start_folder" in text:
                continue
            offenders.append(f"{path.relative_to(UI)}:{text[:match.start()].count(chr(10)) + 1}")
    assert offenders == []
