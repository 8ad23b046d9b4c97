"""An office's workspace on PostgreSQL: several supervisors on one database (docs/office-database.md).

The workspace folder still holds photos, sheets, backups and logs; only the database is elsewhere. It is
named by ``inspector-app --database URL`` or by the text file ``database.url`` in the workspace folder,
as ``postgresql+psycopg://USER@HOST[:PORT]/DB`` (``postgresql://…`` is read the same). The password is
never part of either: a URL carrying one is refused. It comes from libpq's own sources – ``PGPASSWORD``,
the password file (``~/.pgpass``, ``PGPASSFILE``), a service file (``PGSERVICE``) – or from the OS
keyring, which the caller hands in as ``password`` (``secrets.dbpassword.lookup``); a password stored
there for the database is given to libpq first.

Migrations are the same Alembic revisions as on SQLite. Before an existing database is upgraded, a
``pg_dump`` of it (custom format) is written to the workspace's ``backups/``; where ``pg_dump`` is
missing or fails, the upgrade is refused unless ``backups/`` holds a dump of the current revision made
in the last 24 hours (``workspace-rev<REV>-….dump``) – the message says how to make one. A database of
a newer schema than this program knows is refused, as on SQLite. Two supervisors opening an old
database at once upgrade it once: the migration holds a PostgreSQL advisory lock (``migrations/env.py``)
and Alembic rereads the revision under it.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from inspector_app.domain.errors import WorkspaceError
from inspector_app.storage.files import fsync_dir
from inspector_app.storage.schema_version import DATABASE_URL_FILE, MIGRATIONS_DIR, known_revisions
from inspector_app.translation import _, listing

log = logging.getLogger(__name__)

DATABASE_FILE = DATABASE_URL_FILE
PasswordSource = Callable[[str], "str | None"]
RECENT_BACKUP_SECONDS = 24 * 3600
MIGRATION_LOCK = 0x1A5BEC7  # pg_advisory_xact_lock key held while migrating (migrations/env.py)
_CORE_TABLES = frozenset({"enterprises", "inspections"})


def database_url(root: Path, given: str | None) -> URL | None:
    """The office database's URL: ``given`` (``--database``) or the workspace's ``database.url``;
    None for the embedded SQLite database. Refused: another kind of database, or a password in it."""
    source = "--database"
    text = (given or "").strip()
    if not text:
        setting = root / DATABASE_FILE
        try:
            lines = setting.read_text("utf-8").splitlines()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise WorkspaceError(_("无法读取数据库设置 {setting}：{exc}").format(setting=setting, exc=exc)) from exc
        text = next((line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")), "")
        source = str(setting)
        if not text:
            return None
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise WorkspaceError(_("数据库连接串无效（{source}）：{text}").format(source=source, text=text)) from exc
    if url.get_backend_name() != "postgresql":
        raise WorkspaceError(_("办公室数据库须是 PostgreSQL（postgresql+psycopg://用户@主机/数据库），{source} 写的是 {value}").format(
            source=source, value=url.get_backend_name()))
    if url.password:
        raise WorkspaceError(_("数据库口令不能写在连接串里（{source}）：请放在口令文件（~/.pgpass、PGPASSFILE）或系统钥匙串中，见 docs/office-database.md").format(
            source=source))
    return url.set(drivername="postgresql+psycopg")


def password_key(url: URL) -> str:
    """The keyring account a password is stored under: ``user@host:port/database``."""
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def shown(url: URL) -> str:
    """The URL as people see it (never with a password)."""
    return url.render_as_string(hide_password=True)


def make_pg_engine(url: URL, password: PasswordSource | None = None) -> Engine:
    """The office engine: READ COMMITTED (PostgreSQL's default; docs/architecture.md says which rows
    are locked where), connections checked before use (a restarted server, a dropped VPN)."""
    engine = create_engine(url, pool_pre_ping=True, isolation_level="READ COMMITTED",
                           connect_args={"connect_timeout": 10, "application_name": "inspector"})
    if password is not None:
        key = password_key(url)

        def with_password(_dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> None:
            if "password" not in cparams and (found := password(key)):
                cparams["password"] = found

        event.listen(engine, "do_connect", with_password)
    return engine


def connect_error(url: URL, exc: BaseException) -> WorkspaceError:
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    return WorkspaceError(_("无法连接办公室数据库 {value}：{value2}（服务器是否在运行、口令是否在口令文件或钥匙串中？见 docs/office-database.md）").format(
        value=shown(url), value2=str(cause).strip()))


def current_revision_pg(engine: Engine) -> str | None:
    """The database's schema revision; None for an empty database. Another program's tables are refused."""
    with engine.connect() as con:
        tables = set(inspect(con).get_table_names())
        if "alembic_version" not in tables:
            if tables:
                raise WorkspaceError(_("数据库 {value} 不是有效的工作区数据库：里面已有别的程序的表，没有 Inspector 的版本表；请为 Inspector 新建一个空数据库").format(
                    value=shown(engine.url)))
            return None
        missing = sorted(_CORE_TABLES - tables)
        if missing:
            raise WorkspaceError(_("数据库 {value} 不是有效的工作区数据库：缺少表 {items}").format(
                value=shown(engine.url), items=listing(missing)))
        rows = con.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    if len(rows) != 1:
        raise WorkspaceError(_("数据库 {value} 的版本表应有一行，实有 {count} 行").format(
            value=shown(engine.url), count=len(rows)))
    return str(rows[0][0])


def dump_command(url: URL, target: Path) -> list[str]:
    conninfo = " ".join(f"{k}={v}" for k, v in (("host", url.host), ("port", url.port),
                                                   ("user", url.username), ("dbname", url.database)) if v)
    return ["pg_dump", "--format=custom", "--no-password", f"--file={target}", f"--dbname={conninfo}"]


def backup_pg(url: URL, backup_dir: Path, label: str, password: PasswordSource | None = None) -> Path:
    """A consistent ``pg_dump`` of the database (custom format: ``pg_restore`` reads it). Raises
    ``FileNotFoundError`` without ``pg_dump``, ``WorkspaceError`` when it fails."""
    tool = shutil.which("pg_dump")
    if tool is None:
        raise FileNotFoundError("pg_dump")
    backup_dir.mkdir(parents=True, exist_ok=True)
    target = backup_dir / f"workspace-{label}-{datetime.now().strftime('%Y%m%d-%H%M%S')}.dump"
    partial = target.with_name(f".{target.name}.partial")
    env = dict(os.environ)
    if password is not None and (found := password(password_key(url))):
        env["PGPASSWORD"] = found
    command = [tool, *dump_command(url, partial)[1:]]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600, check=False)
        if done.returncode != 0:
            raise WorkspaceError(_("pg_dump 备份失败：{stderr}").format(stderr=done.stderr.strip()[-500:]))
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_dir(backup_dir)
    return target


def recent_backup(backup_dir: Path, label: str) -> Path | None:
    """A dump of this revision made in the last 24 hours (by ``pg_dump`` here or by the bureau's IT)."""
    newest = None
    for path in backup_dir.glob(f"workspace-{label}-*.dump") if backup_dir.is_dir() else ():
        age = time.time() - path.stat().st_mtime
        if path.stat().st_size > 0 and age < RECENT_BACKUP_SECONDS and (newest is None or path.name > newest.name):
            newest = path
    return newest


def _backup_first(url: URL, backup_dir: Path, current: str, password: PasswordSource | None) -> str:
    label = f"rev{current}"
    try:
        return backup_pg(url, backup_dir, label, password).name
    except (FileNotFoundError, WorkspaceError) as exc:
        found = recent_backup(backup_dir, label)
        if found is not None:
            log.warning("pg_dump unavailable (%s); using the recent backup %s", exc, found)
            return found.name
        why = _("未找到 pg_dump 程序") if isinstance(exc, FileNotFoundError) else str(exc)
        manual = " ".join(dump_command(url, backup_dir / f"workspace-{label}-manual.dump"))
        raise WorkspaceError(
            _("办公室数据库 {value} 需要升级（数据库版本 {current}），升级前必须先备份，但无法备份：{why}。数据库未被改动。请安装 PostgreSQL 客户端（pg_dump）后重试，或先手工备份：{manual}（24 小时内的备份有效）").format(
                value=shown(url), current=current, why=why, manual=manual)) from exc


def migrate_pg(engine: Engine, url: URL, backup_dir: Path, password: PasswordSource | None = None) -> str | None:
    """Bring the office database to the newest revision. Returns the backup's name, if one was needed."""
    revisions, head = known_revisions()
    current = current_revision_pg(engine)
    if current is not None and current not in revisions:
        raise WorkspaceError(_("办公室数据库 {value} 由更新版本的 Inspector 创建（数据库版本 {current}），本程序无法打开。请安装最新版本后再打开。").format(
            value=shown(url), current=current))
    if head is not None and current == head:
        return None
    backup = _backup_first(url, backup_dir, current, password) if current is not None else None
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    try:
        command.upgrade(config, "head")
    except DBAPIError as exc:
        where = (_("升级前的备份在 {path}").format(path=backup_dir / backup) if backup
                 else _("这是新建的工作区，没有备份"))
        raise WorkspaceError(_("升级办公室数据库 {value} 失败，数据库未被改动：{orig}；{where}").format(
            value=shown(url), orig=exc.orig, where=where)) from exc
    return backup
