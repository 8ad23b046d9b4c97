"""The command line's quick print: a sheet printed again – its number already issued, or a sheet without
one – from a SQLite workspace, without SQLAlchemy or the ORM's models (``services.sheet_rows`` reads the
rows, ``services.sheet_build`` makes the sheet both ways). What it prints and records is what
``ops.sheets.print_sheet`` prints and records: the same PDF, the file written atomically first, then in one
transaction a ``printed_sheets`` row and its audit event (``sheet`` / ``printed``), a copy of the PDF in
the workspace's ``sheets/`` folder. The window prints the full way.

``quick_print`` returns None where the full way must print – nothing written then: an office database or
a shared photo folder (``database.url``, ``shared_store``), a workspace that is new, due a migration or
damaged, an unknown inspection or one an office below holds (the full way words the refusal), and a
numbered document printed for the first time (issuing its number is the full way's:
``services.sheets.issue_number``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
import uuid
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

from inspector_app.domain.errors import WorkspaceError
from inspector_app.domain.progress import Progress
from inspector_app.photos import processing
from inspector_app.photos.store import PhotoStore
from inspector_app.reports import NUMBERED_KINDS, RenderedSheet, SheetKind, render_sheet_bytes
from inspector_app.services.sheet_build import build
from inspector_app.services.sheet_rows import META_DEVICE_NAME, read_source, workspace_settings
from inspector_app.storage.files import atomic_write_bytes
from inspector_app.storage.schema_version import DATABASE_URL_FILE, DB_NAME, check_integrity, connect_current

SHARED_STORE = "shared_store"  # storage.shared_store: the setting and the workspace folder's file
BUSY_TIMEOUT_MS = 10000  # as storage.engine's connections


def _stored(when: datetime) -> str:
    """A time as SQLAlchemy stores a ``DateTime`` in SQLite."""
    return when.strftime("%Y-%m-%d %H:%M:%S.%f")


def quick_print(root: Path, inspection_id: int, kind: SheetKind, out_path: Path, actor: str | None, *,
                login_name: Callable[[], str], progress: Progress | None = None,
                font_path: str | Path | None = None,
                notice: Callable[[str], None] | None = None) -> RenderedSheet | None:
    """Print ``kind`` of the inspection to ``out_path`` and record it, as ``ops.sheets.print_sheet`` does;
    None (nothing done) where the full way must print. ``actor``: who prints (``--by``); without it the
    name this installation signs as, else ``login_name()``. Raises what printing raises (``ReportError``,
    ``FontNotFoundError``, ``OSError`` writing the file)."""
    root = Path(root)
    if (root / DATABASE_URL_FILE).is_file() or (root / SHARED_STORE).exists():
        return None
    try:
        check_integrity(root / DB_NAME)  # as the full way's opening, before anything is written
    except WorkspaceError:
        return None  # the full way refuses it in its words
    con = connect_current(root)
    if con is None:
        return None
    with closing(con):
        con.isolation_level = None  # transactions as written below
        con.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        con.execute("PRAGMA synchronous=FULL")
        settings = workspace_settings(con)
        if settings.get(SHARED_STORE, "").strip():
            return None
        processing.wait(root / processing.FOLDER, inspection_id, progress=progress, notice=notice)
        con.execute("BEGIN")  # one snapshot for every row the sheet is made from
        try:
            source = read_source(con, inspection_id, settings)
        finally:
            con.execute("COMMIT")
        if source is None or (kind in NUMBERED_KINDS and kind not in source.numbers):
            return None
        store = PhotoStore(root / "photos")
        data = build(source, store=store, progress=progress)
        pdf, info = render_sheet_bytes(data, kind, progress, None, font_path=font_path)
        target = Path(out_path)
        atomic_write_bytes(target, pdf)
        rendered = dataclasses.replace(info, path=target)
        _record(con, root, source.inspection, pdf, rendered,
                actor or settings.get(META_DEVICE_NAME, "") or login_name())
        return rendered


def _record(con: sqlite3.Connection, root: Path, inspection: Any, pdf: bytes, rendered: RenderedSheet,
            actor: str) -> None:
    """``services.sheets.record_printed``: the PDF kept in ``sheets/`` by its SHA-256, a ``printed_sheets``
    row and its audit event, committed together."""
    pdf_sha = hashlib.sha256(pdf).hexdigest()
    kept = root / "sheets" / f"{pdf_sha}.pdf"
    if not kept.exists():
        atomic_write_bytes(kept, pdf)
    now = _stored(datetime.now().replace(microsecond=0))  # storage.models.now
    uid = str(uuid.uuid4())
    inspection_id, inspection_uid = inspection.id, inspection.uid
    con.execute("BEGIN IMMEDIATE")
    try:
        con.execute("INSERT INTO printed_sheets (uid, inspection_id, inspection_uid, kind, content_hash, code, pages, "
                    "pdf_sha256, printed_at, printed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (uid, inspection_id, inspection_uid, rendered.kind, rendered.content_hash, rendered.code,
                     rendered.pages, pdf_sha, now, actor))
        con.execute("INSERT INTO audit_events (inspection_id, entity, entity_key, field, old_value, new_value, actor, "
                    "at, reason) VALUES (?, 'sheet', ?, 'printed', '', ?, ?, ?, '')",
                    (inspection_id, uid, f"{rendered.kind} {rendered.code}", actor, now))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
