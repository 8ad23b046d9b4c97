"""The versions a report or the About box names: the app and the commit it was built from, Qt, PySide6,
Python, the operating system and (given) the workspace's database schema revision."""

from __future__ import annotations

import platform
import sys

import PySide6
from PySide6.QtCore import QCoreApplication, qVersion

from inspector_app import __version__
from inspector_app.buildinfo import build_commit


def versions(schema_revision: str = "") -> list[tuple[str, str]]:
    """(label, value) rows; labels in the interface language, values as the programs spell them."""
    translate = QCoreApplication.translate
    rows = [(translate("Versions", "Inspector 版本"), __version__),
            (translate("Versions", "构建提交（commit）"), build_commit()),
            ("Qt", qVersion()), ("PySide6", PySide6.__version__),
            ("Python", f"{platform.python_version()} ({platform.python_implementation()}, {sys.platform})"),
            (translate("Versions", "操作系统"), platform.platform())]
    if schema_revision:
        rows.append((translate("Versions", "数据库结构版本"), schema_revision))
    return rows


def as_text(rows: list[tuple[str, str]]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in rows)
