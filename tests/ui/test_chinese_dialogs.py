"""Chinese all the way down: Qt's own dialogs and buttons, completed where Qt 6's catalogue lags, and dates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QMessageBox
from pytestqt.qtbot import QtBot

from inspector_app.ui.i18n import install_translators


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    install_translators("zh_CN", qapp)
    yield
    install_translators("zh_CN", qapp)


def test_the_file_dialog_speaks_chinese(qtbot: QtBot, chinese: None, tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    dialog = QFileDialog(None, "导入企业名单", str(tmp_path), "表格文件 (*.xlsx *.csv);;所有文件 (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    label = QFileDialog.DialogLabel
    texts = [dialog.labelText(x) for x in (label.LookIn, label.FileName, label.FileType, label.Accept, label.Reject)]
    assert texts == ["查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)：", "打开(&O)", "取消"]
    files = dialog.findChild(QFileSystemModel)
    assert files is not None
    index = files.index(str(tmp_path / "folder"))
    assert files.type(index) == "文件夹"


def test_message_box_buttons_and_dates(qtbot: QtBot, chinese: None) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "问题", "要继续吗？",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Yes).text() == "是(&Y)"
    assert box.button(QMessageBox.StandardButton.No).text() == "否(&N)"
    assert QLocale().toString(QDate(2020, 6, 30), QLocale.FormatType.LongFormat).startswith("2020年6月30日")
