"""Opening a workspace: the SQLite engine with its pragmas, and migrations with a backup first.

Every connection gets WAL, synchronous=FULL, foreign keys and a busy timeout. Before migrating an
existing database, a consistent copy is written to ``backups/`` with SQLite's online backup API. A
database stamped with a revision this program does not know (a newer version wrote it) is refused.

Before any of that, the file is recognised as a workspace database and checked page by page
(``schema_version.current_revision`` and ``check_integrity``): damaged bytes, another program's SQLite
file, a text file, or an empty file beside existing workspace data are refused ("… 不是有效的工作区数据库")
and left untouched. Damage met later, while a command reads (text that is not UTF-8, a page SQLite finds
malformed), and a disk that fills while SQLite writes, become the same typed errors through the
engine's ``handle_error`` hook – never a driver traceback.

An office workspace keeps its database on PostgreSQL instead (``database`` argument, or the folder's
``database.url``): ``storage.office_db`` makes that engine, backs it up with ``pg_dump`` and migrates it;
the folder still holds photos, sheets and backups.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from inspector_app.domain.errors import InspectorError, WorkspaceError
from inspector_app.storage.files import DiskFullError, disk_full_as_error, fsync_dir, is_disk_full
from inspector_app.storage.office_db import (
    PasswordSource,
    connect_error,
    database_url,
    make_pg_engine,
    migrate_pg,
    shown,
)
from inspector_app.storage.schema_version import (
    DB_NAME,
    MIGRATIONS_DIR,
    check_integrity,
    current_revision,
    damage_reason,
    is_damage,
    known_revisions,
    not_a_workspace,
)
from inspector_app.storage.shared_store import store_root
from inspector_app.translation import _

__all__ = ["DB_NAME", "Workspace", "current_revision", "known_revisions", "migrate", "open_workspace"]

log = logging.getLogger(__name__)


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _driver_autocommit(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver begins nothing itself; _begin_immediate does


def _begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "handle_error", _typed_error_for(db_path))
    return engine


def disk_full_error(db_path: Path) -> DiskFullError:
    return DiskFullError(_("磁盘空间不足：工作区数据库 {db_path} 无法写入，本次操作未保存（已回滚）。请腾出磁盘空间后重试。").format(db_path=db_path), db_path)


def _typed_error_for(db_path: Path) -> Any:
    """SQLAlchemy's ``handle_error`` hook: damage found while reading or a full disk while writing
    becomes the typed error people read (the transaction is rolled back as for any error)."""

    def typed_error(context: ExceptionContext) -> BaseException | None:
        cause = context.original_exception
        if cause is None:
            return None
        if is_damage(cause):
            return not_a_workspace(db_path, damage_reason(cause), while_working=True)
        if is_disk_full(cause):
            return disk_full_error(db_path)
        return None

    return typed_error


def backup_database(db_path: Path, backup_dir: Path, label: str) -> Path:
    """A consistent copy through SQLite's backup API (safe with WAL and concurrent readers)."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"workspace-{label}-{stamp}.sqlite"
    partial = target.with_name(f".{target.name}.partial")  # a crash never leaves a half backup named as whole
    try:
        with disk_full_as_error(backup_dir, "（升级数据库前的备份未写成；数据库未被改动）"):
            source = sqlite3.connect(db_path)
            dest = sqlite3.connect(partial)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
            finally:
                dest.close()
                source.close()
            with open(partial, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)  # an error (a full disk) leaves no half backup either
        raise
    fsync_dir(backup_dir)
    return target


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine, db_path: Path, backup_dir: Path) -> str | None:
    """Bring the database to the newest revision. Returns the backup path's name, if one was made."""
    revisions, head = known_revisions()
    current = current_revision(db_path)
    if current is not None and current not in revisions:
        raise WorkspaceError(
            _("工作区 {db_path} 由更新版本的 Inspector 创建（数据库版本 {current}），本程序无法打开。请安装最新版本后再打开。").format(
                db_path=db_path, current=current))
    if head is not None and current == head:
        return None
    backup = None
    if current is not None:
        backup = backup_database(db_path, backup_dir, f"rev{current}").name
        log.info("backed up workspace before migration to %s", backup)
    from alembic import command

    # Its own engine whose transactions are real: Python's sqlite3 (before 3.12) runs DDL outside any
    # transaction, so a revision failing midway (a full disk, a power cut) would leave half a schema
    # under the old revision number, and a workspace that no longer opens.
    migrating = make_engine(db_path)
    event.listen(migrating, "connect", _driver_autocommit)
    event.listen(migrating, "begin", _begin_immediate)
    try:
        command.upgrade(_alembic_config(migrating), "head")
    except (sqlite3.DatabaseError, DBAPIError) as exc:
        cause = exc.orig if isinstance(exc, DBAPIError) else exc
        where = (_("升级前的备份在 {path}").format(path=backup_dir / backup) if backup
                 else _("这是新建的工作区，没有备份"))
        raise WorkspaceError(_("升级工作区数据库 {db_path} 失败，数据库未被改动：{cause}；{where}").format(
            db_path=db_path, cause=cause, where=where)) from exc
    finally:
        migrating.dispose()
    with engine.connect() as con:
        problems = con.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise WorkspaceError(_("迁移后外键检查失败：{problem}；备份在 {backup}").format(
            problem=problems[:5], backup=backup))
    return backup


def _open_error(db_path: Path, exc: BaseException) -> InspectorError:
    """A clear message for SQLite's refusals (raised directly or wrapped by SQLAlchemy)."""
    cause: BaseException = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    if is_damage(cause):
        return not_a_workspace(db_path, damage_reason(cause))
    if is_disk_full(cause):
        return disk_full_error(db_path)
    if isinstance(cause, sqlite3.OperationalError):
        return WorkspaceError(_("无法打开工作区数据库 {db_path}：{cause}（文件夹或文件是否只读、被其他程序占用？）").format(
            db_path=db_path, cause=cause))
    return not_a_workspace(db_path, cause)


@dataclass
class Workspace:
    """An open workspace: its folder, engine and session factory."""

    root: Path
    engine: Engine
    sessions: sessionmaker[Session]
    database: str = ""  # the office database's URL (no password); "" for the folder's SQLite file
    shared: Path | None = None  # the office's shared folder for photos and sheets (storage.shared_store)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @property
    def photo_dir(self) -> Path:
        return (self.shared or self.root) / "photos"

    @property
    def sheet_dir(self) -> Path:
        return (self.shared or self.root) / "sheets"

    @property
    def backup_dir(self) -> Path:
        return self.root / "backups"

    def close(self) -> None:
        self.engine.dispose()


def open_workspace(root: Path, migrate_schema: bool = True, *, database: str | None = None,
                   password: PasswordSource | None = None) -> Workspace:
    """Open (creating if needed) the workspace in ``root`` and bring its schema up to date.

    A file that is not a workspace database is refused before anything writes to it (see the module
    docstring); an empty one is initialised only in a folder without workspace data. ``database`` (or
    the folder's ``database.url``) names an office database on PostgreSQL instead; ``password`` looks
    up its password in the OS keyring (``storage.office_db``)."""
    root = Path(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkspaceError(_("无法创建工作区文件夹 {root}：{strerror}").format(root=root, strerror=exc.strerror)) from exc
    url = database_url(root, database)
    if url is not None:
        return _open_office(root, url, migrate_schema, password)
    db_path = root / DB_NAME
    try:
        current_revision(db_path)  # recognised first: nothing below may touch a file that is no workspace
        check_integrity(db_path)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise _open_error(db_path, exc) from exc
    engine = make_engine(db_path)
    try:
        if migrate_schema:
            migrate(engine, db_path, root / "backups")
        with engine.connect():  # the pragmas run now: a folder SQLite cannot write to fails here, not later
            pass
        shared = store_root(root, engine)
    except (sqlite3.DatabaseError, DBAPIError, UnicodeDecodeError) as exc:
        engine.dispose()
        raise _open_error(db_path, exc) from exc
    except BaseException:
        engine.dispose()
        raise
    return Workspace(root, engine, sessionmaker(engine, expire_on_commit=False), shared=shared)


def _open_office(root: Path, url: Any, migrate_schema: bool, password: PasswordSource | None) -> Workspace:
    engine = make_pg_engine(url, password)
    try:
        if migrate_schema:
            migrate_pg(engine, url, root / "backups", password)
        shared = store_root(root, engine)
    except DBAPIError as exc:
        engine.dispose()
        raise connect_error(url, exc) from exc
    except BaseException:
        engine.dispose()
        raise
    return Workspace(root, engine, sessionmaker(engine, expire_on_commit=False), shown(url), shared)
