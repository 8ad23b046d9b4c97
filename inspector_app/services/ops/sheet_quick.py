"""The command line's quick print: a sheet printed again – its number already issued, or a sheet without
one – from a SQLite workspace, without SQLAlchemy or the ORM's models (``services.sheet_rows`` reads the
rows, ``services.sheet_build`` makes the sheet both ways). What it prints and records is what
``ops.sheets.print_sheet`` prints and records: the same PDF, the file written atomically first, then in one
transaction a ``printed_sheets`` row and its audit event (``sheet`` / ``printed``), a copy of the PDF in
the workspace's ``sheets/`` folder. The window prints the full way.

``quick_print`` returns None where the full way must print – nothing written then: an office database or
a shared photo folder (``database.url``, ``shared_store``), a workspace that is new, due a migration or
damaged, an unknown inspection or one an office below holds (the full way words the refusal), and a
numbered document printed for the first time on a device given a range of serials (``number_serial_start``
/ ``number_serial_end``: the full way checks it). Otherwise a first print issues the document's number as
``services.sheets.issue_number`` does – the next serial of the authority, kind and year
(``services.sheet_numbers``), a ``document_numbers`` row, its audit event (``sheet`` / ``number``), the
inspection's revision and version bumped (the number travels with it) – in a transaction of its own.
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
from inspector_app.reports import (
    NUMBERED_KINDS,
    DocumentNumber,
    RenderedSheet,
    SheetKind,
    check_ready,
    render_sheet_bytes,
)
from inspector_app.services.sheet_build import SheetSource, build
from inspector_app.services.sheet_numbers import (
    issue_date,
    next_serial_of,
    numbers_of,
    taken_serials,
    trail_pattern,
)
from inspector_app.services.sheet_rows import META_DEVICE_NAME, read_source, workspace_settings
from inspector_app.storage.files import atomic_write_bytes
from inspector_app.storage.schema_version import DATABASE_URL_FILE, DB_NAME, check_integrity, connect_current

SHARED_STORE = "shared_store"  # storage.shared_store: the setting and the workspace folder's file
SERIAL_START, SERIAL_END = "number_serial_start", "number_serial_end"  # services.workspace_meta
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
        who = actor or settings.get(META_DEVICE_NAME, "") or login_name()
        if source is None or (kind in NUMBERED_KINDS and kind not in source.numbers
                              and not _issue(con, source, kind, who, settings)):
            return None
        store = PhotoStore(root / "photos")
        data = build(source, store=store, progress=progress)
        pdf, info = render_sheet_bytes(data, kind, progress, None, font_path=font_path)
        target = Path(out_path)
        pdf_sha = hashlib.sha256(pdf).hexdigest()
        atomic_write_bytes(target, pdf)
        kept = root / "sheets" / f"{pdf_sha}.pdf"  # services.sheets.record_printed: the bytes printed, kept
        if not kept.exists():
            atomic_write_bytes(kept, pdf)
        rendered = dataclasses.replace(info, path=target)
        _record(con, source.inspection, pdf_sha, rendered, who)
        return rendered


def _issue(con: sqlite3.Connection, source: SheetSource, kind: SheetKind, actor: str, settings: dict[str, str]) -> bool:
    """Issue the document's number (``services.sheets.issue_number``) and put it in ``source``; False (nothing
    written) where the full way must: a device's range of serials, an inspection not started. Raises
    ``ReportError`` for a document that cannot be issued as it stands, as the full way does."""
    if settings.get(SERIAL_START, "").strip() or settings.get(SERIAL_END, "").strip():
        return False
    data = build(source, with_images=False)
    check_ready(data, kind)
    when = issue_date(data, kind, source.inspection)
    if when is None:
        return False
    inspection, prefix = source.inspection, data.number.authority_short
    con.execute("BEGIN IMMEDIATE")
    try:
        number = _issued(con, inspection.id, inspection.uid).get(kind)  # by another process meanwhile
        if number is None:
            register = [row[0] for row in con.execute(
                "SELECT serial FROM document_numbers WHERE authority = ? AND kind = ? AND year = ?",
                (prefix, kind, when.year))]
            trail = con.execute("SELECT entity_key, new_value FROM audit_events WHERE entity = 'sheet' AND field = "
                                "'number' AND entity_key = ? AND new_value LIKE ? ORDER BY id",
                                (kind, trail_pattern(prefix, kind, when.year))).fetchall()
            serial = next_serial_of(taken_serials(register, trail, prefix), 1, None)
            number = DocumentNumber(prefix, when.year, str(serial))
            now = _stored(datetime.now().replace(microsecond=0))
            con.execute("INSERT INTO document_numbers (authority, kind, year, serial, inspection_uid, issued_at, "
                        "issued_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (prefix, kind, when.year, serial, inspection.uid, now, actor))
            con.execute("INSERT INTO audit_events (inspection_id, entity, entity_key, field, old_value, new_value, "
                        "actor, at, reason) VALUES (?, 'sheet', ?, 'number', '', ?, ?, ?, '')",
                        (inspection.id, kind, number.format(kind), actor, now))
            # audit.touch, with the ORM's optimistic lock: the number travels with the inspection
            touched = con.execute("UPDATE inspections SET revision = COALESCE(revision, 0) + 1, updated_at = ?, "
                                  "version = version + 1 WHERE id = ? AND origin = ''", (now, inspection.id)).rowcount
            if touched != 1:
                con.execute("ROLLBACK")
                return False
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    source.numbers[kind] = number
    return True


def _issued(con: sqlite3.Connection, inspection_id: int, inspection_uid: str) -> dict[str, DocumentNumber]:
    trail = con.execute("SELECT entity_key, new_value FROM audit_events WHERE entity = 'sheet' AND field = 'number' "
                        "AND inspection_id = ? ORDER BY id", (inspection_id,)).fetchall()
    register = con.execute("SELECT kind, authority, year, serial FROM document_numbers WHERE inspection_uid = ? "
                           "ORDER BY id", (inspection_uid,)).fetchall()
    return numbers_of(trail, register)


def _record(con: sqlite3.Connection, inspection: Any, pdf_sha: str, rendered: RenderedSheet, actor: str) -> None:
    """``services.sheets.record_printed``: a ``printed_sheets`` row and its audit event, committed together
    (the PDF is kept in ``sheets/`` already)."""
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
