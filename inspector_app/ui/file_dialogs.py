"""File dialogs that start where the user expects: the folder last used for the same purpose, else the
user's Documents folder – never the process's working directory.

Qt's file dialogs fall back to the working directory when the folder they are given does not exist (a
fresh Linux account has no ``~/Documents`` until something creates it; a USB stick used last week is no
longer mounted), which for a program started from a desktop entry is ``/`` or the installation folder.
:func:`start_folder` therefore checks each candidate: the remembered folder, then Documents
(``QStandardPaths.DocumentsLocation``, 文档 on a Chinese desktop), then the home folder.

The last folder is remembered per purpose (``PDF`` sheets and reports, public keys, bundles, imported
lists, photos, attachments) in the user's settings (``ui.settings.AppSettings.last_folder``), so that
saving a key does not move where the next PDF goes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from inspector_app.ui.settings import AppSettings

Purpose = Literal["documents", "keys", "bundles", "imports", "photos", "attachments"]
PURPOSES: tuple[Purpose, ...] = ("documents", "keys", "bundles", "imports", "photos", "attachments")

# Which settings the dialogs read and write: the user's (tests put an ini file's here).
settings_factory: Callable[[], AppSettings] = AppSettings


def documents_folder() -> Path:
    """The user's Documents folder when it exists, else the home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def start_folder(purpose: Purpose, settings: AppSettings | None = None) -> Path:
    """Where a dialog for ``purpose`` opens: the folder last used for it while it still exists, else
    Documents (or home)."""
    settings = settings if settings is not None else settings_factory()
    last = settings.last_folder(purpose)
    if last and Path(last).is_absolute() and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember(purpose: Purpose, chosen: str | Path, settings: AppSettings | None = None) -> None:
    """Remember the folder of a chosen file (or a chosen folder) for the next dialog of ``purpose``."""
    if not str(chosen):
        return
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    if folder.is_absolute():
        (settings if settings is not None else settings_factory()).set_last_folder(purpose, str(folder))


def save_file(parent: QWidget | None, purpose: Purpose, title: str, file_name: str, filters: str,
              settings: AppSettings | None = None) -> tuple[str, str]:
    """``QFileDialog.getSaveFileName`` proposing ``file_name`` in the start folder; (path, filter) or ("", …)."""
    settings = settings if settings is not None else settings_factory()
    chosen, chosen_filter = QFileDialog.getSaveFileName(parent, title, str(start_folder(purpose, settings) / file_name),
                                                        filters)
    if chosen:
        remember(purpose, chosen, settings)
    return chosen, chosen_filter


def open_file(parent: QWidget | None, purpose: Purpose, title: str, filters: str,
              settings: AppSettings | None = None) -> str:
    """``QFileDialog.getOpenFileName`` in the start folder; the path or ""."""
    settings = settings if settings is not None else settings_factory()
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(purpose, settings)), filters)
    if chosen:
        remember(purpose, chosen, settings)
    return chosen


def open_files(parent: QWidget | None, purpose: Purpose, title: str, filters: str,
               settings: AppSettings | None = None) -> list[str]:
    """``QFileDialog.getOpenFileNames`` in the start folder; the paths (maybe none)."""
    settings = settings if settings is not None else settings_factory()
    chosen, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder(purpose, settings)), filters)
    if chosen:
        remember(purpose, chosen[0], settings)
    return list(chosen)


def folder(parent: QWidget | None, purpose: Purpose, title: str, settings: AppSettings | None = None) -> str:
    """``QFileDialog.getExistingDirectory`` in the start folder; the folder or ""."""
    settings = settings if settings is not None else settings_factory()
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start_folder(purpose, settings)))
    if chosen:
        remember(purpose, chosen, settings)
    return chosen
