"""No English on the Chinese screens (issue 17): the desk, the editor showing its photos, the settings and
the keys dialog of an inspector's workspace, and the office's 审核队列, opened in Chinese with the demo data;
every label, button, tooltip, tab title, table header, combo box entry, placeholder, menu entry and window
title is scanned for Latin words. Allowed: what is not a word of the interface – codes and numbers
(91320402…, AQB3204…, F5), file names and paths, keys (Ctrl, Enter, Esc), and the names of things that
have no Chinese name (PDF, GPS, Inspector, Windows …). A leak once found: the keyring's class name, a
template id (lookback-2020@1.0.0), Pillow's "image file is truncated"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from office_support import ACTOR as OFFICE_ACTOR
from office_support import office_template, office_ws
from PIL import Image
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot
from screens_support import (
    close,
    desk,
    in_progress,
    open_editor,
    pump,
    screens_template,
    screens_ws,
    settings_at,
)

from inspector_app.secrets.backends import InMemoryKeyring
from inspector_app.services.ops import evidence as evidence_ops
from inspector_app.storage.engine import Workspace
from inspector_app.ui.evidence.adding import AddSummaryDialog
from inspector_app.ui.i18n import install_translators
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.settings_dialog import SettingsDialog
from inspector_app.ui.sync.identity import SyncContext
from inspector_app.ui.sync.keys_dialog import KeysDialog

__all__ = ["office_template", "office_ws", "screens_template", "screens_ws"]  # fixtures

# Words that may stand in a Chinese interface: keys, units, formats and names with no Chinese name.
ALLOWED = frozenset({
    "Ctrl", "Shift", "Alt", "Enter", "Esc", "Tab", "Delete", "Del", "Space", "PgUp", "PgDn",
    "PDF", "GPS", "EXIF", "JPEG", "JPG", "PNG", "HEIC", "CSV", "USB", "ID", "QR", "SHA", "MB", "KB", "GB", "MP", "km",
    "Inspector",  # the program's name
    "English",  # the language list names each language in itself
    "Windows", "macOS", "KDE", "GNOME", "Keyring", "KWallet", "Bus", "libsecret",  # keyrings a user installs
})
TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_.+/@~-]*")
FILE_OR_PATH = re.compile(r"[/\\]")
# File names (Chinese ones too), hexadecimal digests, key fingerprints (7EC6 5798 …) and the camera a photo
# names: data, not words.
NOT_WORDS = re.compile(r"[^\s/\\：:（）()<>“”]+\.(jpe?g|png|heic|heif|pdf|csv|xlsx?|inspbundle|inspkey|json|ini|db)\b"
                       r"|\b[0-9a-f]{8,}\b|\b(?:[0-9A-F]{4}\s+){3,}[0-9A-F]{4}\b|相机：[^\n<]*", re.I)
TAG = re.compile(r"<[^>]+>")


def latin_words(text: str) -> list[str]:
    """The Latin words in ``text`` that are words of an interface, not codes, names or paths. A token is
    cut at - _ . @ +; a part with digits is a code unless it has lower-case letters (91320402RGWL1G3400,
    AQB3204QT20170003 and F5 are codes; lookback-2020 is the word "lookback" and a number)."""
    words = []
    for token in TOKEN.findall(NOT_WORDS.sub(" ", TAG.sub(" ", text).replace("&nbsp;", " "))):
        if FILE_OR_PATH.search(token):
            continue
        for part in re.split(r"[-_.@+~]", token):
            letters = re.sub(r"[0-9]", "", part)
            if len(letters) < 2 or part in ALLOWED or (letters != part and letters.isupper()):
                continue
            words.append(part if letters == part else letters)
    return words


def texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of everything ``root`` shows: its window title, labels, buttons with their tooltips,
    group boxes, tab titles, combo box entries, placeholders, table headers and menus."""
    yield f"{type(root).__name__} title", root.windowTitle()
    widgets: Iterable[QWidget] = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisibleTo(root) and widget is not root and not isinstance(widget, QMenu):
            continue
        name = f"{type(widget).__name__} {widget.objectName()}".strip()
        if widget.toolTip():
            yield f"{name} tooltip", widget.toolTip()
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QLineEdit):
            yield f"{name} placeholder", widget.placeholderText()
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                yield f"{name} tab {index}", widget.tabText(index)
                yield f"{name} tab {index} tooltip", widget.tabToolTip(index)
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield f"{name} entry {index}", widget.itemText(index)
        elif isinstance(widget, QMenu):
            for action in widget.actions():
                yield f"{name} action", action.text()
                yield f"{name} action tooltip", action.toolTip()
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from _model_texts(name, widget.model(), tree=isinstance(widget, QTreeView))


def _model_texts(name: str, model: QAbstractItemModel, parent: QModelIndex | None = None,
                 limit: int = 40, tree: bool = False) -> Iterator[tuple[str, str]]:
    """A view's headers and what its first cells say (statuses, marks, captions), a tree's children too."""
    parent = parent or QModelIndex()
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model
        columns = 1
    if not parent.isValid():
        for column in range(columns):
            yield f"{name} header {column}", str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(min(model.rowCount(parent), limit)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str):
                    yield f"{name} cell {row},{column}", value
        first = model.index(row, 0, parent)
        if tree and model.rowCount(first) > 0:
            yield from _model_texts(name, model, first, limit, tree)


def leaks(*roots: QWidget) -> list[str]:
    found = []
    for root in roots:
        for where, text in texts(root):
            words = latin_words(text or "")
            if words:
                found.append(f"{where}: {', '.join(words)} – {text[:120]!r}")
    return found


@pytest.fixture
def chinese() -> Iterator[None]:
    install_translators("zh_CN")
    yield


def test_the_word_filter() -> None:
    assert latin_words("image file is truncated (8 bytes not processed)") == ["image", "file", "is", "truncated",
                                                                            "bytes", "not", "processed"]
    assert latin_words("系统密钥环（keyring.backends.SecretService.Keyring）") == ["keyring", "backends", "SecretService"]
    assert latin_words("依据《回头看检查表》（lookback-2020@1.0.0）") == ["lookback"]
    assert latin_words("状态：InspectionStatus.RECEIVED") == ["InspectionStatus", "RECEIVED"]
    assert latin_words("完成并锁定 (Ctrl+Enter)　J/K 上下　91320402RGWL1G3400　gps-htc.jpg　/tmp/工作区") == []
    assert latin_words("<b>统一社会信用代码</b>：AQB3204QT20170003　A.5-1　F5　GB/T 33000　D-Bus") == []
    assert latin_words("无时间.jpg  SHA-256 6c751dc4a1d7…\n相机：HUAWEI Mate 30 Pro\n（EXIF）") == []
    assert latin_words("7EC6 5798 5E5C F86F\n59FC FC86 C1B2 FAE1") == []


@pytest.mark.usefixtures("chinese")
def test_the_inspector_screens_speak_chinese(qtbot: QtBot, tmp_path: Path, screens_ws: Workspace) -> None:
    settings = settings_at(tmp_path)
    window = desk(qtbot, screens_ws, settings, (1366, 700))
    try:
        inspection_id = in_progress(screens_ws)
        window.select_row(inspection_id, None)
        pump()
        found = leaks(window)
        assert sum(1 for _ in texts(window)) > 300  # the list's cells, the detail pane, the menus …
        editor = open_editor(window, inspection_id, photos=True)
        editor.evidence.view.select_id(editor.evidence.model.rows()[-1].id)  # its details under the gallery
        pump()
        assert editor.evidence.model.rowCount() == 6
        found += leaks(window)
        broken = tmp_path / "半张.jpg"  # a photo cut short: refused in Chinese, not in Pillow's words
        whole = (tmp_path / "whole.jpg")
        Image.new("RGB", (640, 480), (200, 90, 40)).save(whole, quality=90)
        broken.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
        report = evidence_ops.add_photos(screens_ws, inspection_id, [broken], "陈示范", workers=1)
        assert report.rejected and not report.added
        summary = AddSummaryDialog(report, editor)  # deletes itself when closed
        summary.show()
        pump()
        scanned = list(texts(summary))
        assert any("损坏或不完整" in text for _where, text in scanned)
        found += leaks(summary)
        summary.close()
        dialog = SettingsDialog(settings, window, workspace=screens_ws, runner=window.runner,
                                key_access=getattr(window.sync, "key_access", None))
        qtbot.addWidget(dialog)
        dialog.show()
        pump()
        found += leaks(dialog)
        keys = KeysDialog(SyncContext(screens_ws, "陈示范", InMemoryKeyring(), "陈示范"), window.runner)
        qtbot.addWidget(keys)
        keys.load()
        keys.show()
        pump()
        assert "密钥" in keys.keyring.text()
        found += leaks(keys)
        assert not found, "English on the Chinese screens:\n" + "\n".join(found)
    finally:
        close(window)


@pytest.mark.usefixtures("chinese")
def test_the_office_review_speaks_chinese(qtbot: QtBot, tmp_path: Path, office_ws: Workspace) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "office.ini"), QSettings.Format.IniFormat))
    settings.inspector_name = OFFICE_ACTOR
    window = desk(qtbot, office_ws, settings, (1366, 700))
    try:
        assert window.office is not None
        bench = window.office.show_office()
        assert bench is not None
        bench.review.table.selectRow(0)
        pump()
        assert bench.review.model.rowCount() > 0
        found = leaks(window)
        assert not found, "English on the office's Chinese screens:\n" + "\n".join(found)
    finally:
        close(window)
