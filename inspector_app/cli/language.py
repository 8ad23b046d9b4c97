"""The command line's language: one for the whole run, set before a command prints anything.

``INSPECTOR_LANGUAGE`` (zh_CN / en) when set, else the workspace's ``language`` setting (``workspace set
language en``), else Chinese. The setting lives in the workspace database; for a SQLite workspace it is
read here on a read-only ``sqlite3`` connection – one primary-key lookup, no SQLAlchemy, so the fast path
of ``inspections list`` stays fast. An office database on PostgreSQL is read once it is opened
(``cli.common.workspace`` calls ``apply_setting``). Anything that keeps the quick read from answering (no
workspace yet, a damaged or locked file) leaves the language as it is: the full opening reports the
damage and reads the setting again.

Standard library only (and ``config``, ``storage.schema_version``, which the fast path imports anyway).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
from pathlib import Path

from inspector_app import translation
from inspector_app.config import resolve_data_dir
from inspector_app.storage.schema_version import DATABASE_URL_FILE, DB_NAME

SETTING = "language"  # services.workspace_meta.LANGUAGE


def from_environment() -> bool:
    """Set the language from ``INSPECTOR_LANGUAGE``; True when it is set (then it wins over the workspace)."""
    if os.environ.get(translation.ENV_VARIABLE):
        translation.set_language(translation.language_from_environment())
        return True
    return False


def apply(args: argparse.Namespace, *, quick_read: bool = True) -> str:
    """The run's language, set process-wide: the environment's, else the SQLite workspace's setting
    (``quick_read=False``: the command reads it on its own connection – the fast path of ``inspections
    list`` – and Chinese holds until then)."""
    if not from_environment():
        translation.set_language(workspace_setting(args) if quick_read else None)
    return translation.current_language()


def apply_setting(value: str | None) -> None:
    """The workspace's setting as read by the full opening (an office database): used unless the
    environment names a language."""
    if not os.environ.get(translation.ENV_VARIABLE):
        translation.set_language(value)


def setting_on(con: sqlite3.Connection) -> str | None:
    """The setting read on an open connection to the workspace (None when it cannot be read)."""
    try:
        row = con.execute("SELECT value FROM workspace_meta WHERE key = ?", (SETTING,)).fetchone()
    except (sqlite3.Error, UnicodeDecodeError):
        return None
    return str(row[0]) if row and row[0] else None


def workspace_setting(args: argparse.Namespace) -> str | None:
    """The ``language`` setting of the SQLite workspace ``args`` names; None when there is none to read
    quickly (an office database, no workspace yet, a file that cannot be read)."""
    if getattr(args, "database", None):
        return None
    folder: Path = resolve_data_dir(getattr(args, "data_dir", None))
    db = folder / DB_NAME
    if not db.is_file() or (folder / DATABASE_URL_FILE).is_file():
        return None
    try:
        # mode=ro: nothing is written, not even a journal-mode change; a locked file gives up quickly.
        con = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.Error:  # damage: the full opening names it
        return None
    try:
        return setting_on(con)
    finally:
        con.close()
