"""Schema revisions read straight from the migration files and the database, without SQLAlchemy or
Alembic – both cost start-up time and are only needed when something must actually be migrated.

This is also where a file is recognised as a workspace database before anything writes to it
(``current_revision``; ``check_integrity`` adds SQLite's page-by-page check). A file that is not one –
damaged bytes, another program's SQLite file, a text file – is refused with a ``WorkspaceError`` saying
"… 不是有效的工作区数据库" and is left byte for byte as it was: it is only ever read, on a connection that
sets no pragma (``journal_mode=WAL`` would rewrite its header) and runs no migration.

An empty database file (0 bytes, or a valid SQLite file holding no table at all, as a creation cut off
before its first migration leaves it) counts as a new workspace only in a folder that holds no
workspace data yet: beside any file in ``photos/``, ``sheets/`` or ``backups/`` (or a WAL file with
content) it means the database was lost or truncated, and initialising it would silently start a new
workspace beside the old photos – so it is refused, naming what is there.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from inspector_app.domain.errors import WorkspaceError
from inspector_app.translation import N_, _, listing

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
DB_NAME = "workspace.sqlite"
# An office workspace names its PostgreSQL database in this file instead (storage.office_db).
DATABASE_URL_FILE = "database.url"
# The folders a workspace keeps beside its database (``engine.Workspace`` names them).
DATA_DIRS = ("photos", "sheets", "backups")
NOT_A_WORKSPACE = N_("不是有效的工作区数据库")
_REV_RE = re.compile(r"^(down_)?revision\s*(?::[^=]*)?=\s*['\"]?([\w-]+|None)['\"]?", re.MULTILINE)
_REVISION_TEXT = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
# Tables every revision since the first has; an ``alembic_version`` table without them is another
# program's Alembic database.
_CORE_TABLES = frozenset({"enterprises", "inspections"})
_DAMAGE_CODES = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB (primary result codes)


def known_revisions() -> tuple[set[str], str | None]:
    """All revision ids in migrations/versions and the single head (None if there are several)."""
    revisions: dict[str, str | None] = {}
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((bool(m.group(1)), m.group(2)) for m in _REV_RE.finditer(path.read_text("utf-8")))
        if False in found:
            down = found.get(True)
            revisions[found[False]] = None if down in (None, "None") else down
    parents = {d for d in revisions.values() if d}
    heads = [r for r in revisions if r not in parents]
    return set(revisions), (heads[0] if len(heads) == 1 else None)


def not_a_workspace(db_path: Path, reason: object, *, while_working: bool = False) -> WorkspaceError:
    """The refusal every kind of damage gets: the path, the words people search for, and the cause.
    ``while_working``: found by a command already at work (its transaction is rolled back), not at
    opening (when the file was not touched at all)."""
    done = _("本次操作未保存") if while_working else _("文件未被改动")
    return WorkspaceError(_("{db_path} {not_a_workspace}：{reason}。{done}；请从 backups/ 中的备份恢复，或换一个文件夹作为工作区。").format(
        db_path=db_path, not_a_workspace=_(NOT_A_WORKSPACE), reason=reason, done=done))


def is_damage(exc: BaseException) -> bool:
    """Whether an error SQLite (or Python's sqlite3 module) raised while reading means damaged bytes,
    as opposed to a lock, a read-only folder or a full disk."""
    if isinstance(exc, UnicodeDecodeError):  # sqlite3 cannot even decode the message (a damaged name)
        return True
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _DAMAGE_CODES
    text = str(exc)  # raised by the sqlite3 module itself (undecodable text), or an older Python
    return text.startswith("Could not decode to UTF-8") or "malformed" in text or "not a database" in text


def _data_beside(db_path: Path) -> list[str]:
    """What in the database's folder shows it already held a workspace (folders without a file in them
    do not count)."""
    found = []
    for name in DATA_DIRS:
        folder = db_path.parent / name
        try:
            if folder.is_dir() and any(p.is_file() for p in folder.rglob("*")):
                found.append(f"{name}/")
        except OSError:
            found.append(f"{name}/")
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        if wal.stat().st_size > 0:
            found.append(wal.name)
    except OSError:
        pass
    return found


def _refuse_if_not_new(db_path: Path, what: str) -> None:
    beside = _data_beside(db_path)
    if beside:
        raise not_a_workspace(db_path, _("{what}，但文件夹里已有工作区数据（{items}）：数据库可能已丢失或被截断，不能当作新工作区").format(
            what=what, items=listing(beside)))


def current_revision(db_path: Path) -> str | None:
    """The database's schema revision; None for a new workspace (no file, or an empty one in a folder
    without workspace data – see the module docstring). Raises ``WorkspaceError`` (…不是有效的工作区数据库)
    for a file that is not a workspace database; a lock or a folder SQLite cannot use propagates as
    ``sqlite3.OperationalError``, which the caller words as "cannot open". Writes nothing."""
    try:
        size = db_path.stat().st_size
        if size == 0:
            _refuse_if_not_new(db_path, _("数据库文件是空的（0 字节）"))
            return None
        with open(db_path, "rb") as handle:
            header = handle.read(_HEADER_SIZE)
    except FileNotFoundError:
        return None
    except OSError as exc:  # a folder by that name, no permission
        raise WorkspaceError(_("无法读取工作区数据库 {db_path}：{value}").format(
            db_path=db_path, value=exc.strerror or exc)) from exc
    if len(header) < _HEADER_SIZE or not header.startswith(_MAGIC):
        raise not_a_workspace(db_path, _("文件不是 SQLite 数据库（文件头不对）"))
    con = sqlite3.connect(db_path)
    con.text_factory = bytes  # names and values are checked here, never decoded by sqlite3 on the way
    try:
        # Only a database without any table is new. Any other failure (a damaged file, a lock, a folder
        # SQLite cannot write its WAL index into) propagates: taken for "new", an existing workspace
        # would be migrated without the backup that must come first.
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if b"alembic_version" not in tables:
            if tables:
                raise not_a_workspace(db_path, _("这是别的程序的 SQLite 数据库（没有 Inspector 的版本表）"))
            _refuse_if_not_new(db_path, _("数据库里没有任何表"))
            return None
        missing = sorted(t for t in _CORE_TABLES if t.encode() not in tables)
        if missing:
            raise not_a_workspace(db_path, _("缺少工作区的表 {items}").format(items=listing(missing)))
        rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            raise not_a_workspace(db_path, damage_reason(exc)) from exc
        raise
    except UnicodeDecodeError as exc:
        raise not_a_workspace(db_path, damage_reason(exc)) from exc
    finally:
        con.close()
    if len(rows) != 1:
        raise not_a_workspace(db_path, _("版本表应有一行，实有 {count} 行").format(count=len(rows)))
    value = rows[0][0]
    text = value.decode("ascii", "replace") if isinstance(value, bytes) else str(value)
    if not _REVISION_TEXT.match(text):
        raise not_a_workspace(db_path, _("版本表的内容已损坏（{text!r}）").format(text=text))
    return text


def damage_reason(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return _("数据库的结构已损坏（无法读取的文字）")
    text = str(exc)
    if text.startswith("Could not decode to UTF-8"):
        return _("数据中有不是有效文字的字节（数据已损坏）")
    return _("数据库已损坏（SQLite：{text}）").format(text=text)


def check_integrity(db_path: Path) -> None:
    """SQLite's ``PRAGMA quick_check`` (every page and every b-tree, without comparing indexes to their
    tables: ~30 ms for 50,000 inspections). Raises the "not a workspace" ``WorkspaceError`` on damage;
    a missing or empty file passes (it is new). Writes nothing."""
    try:
        if db_path.stat().st_size == 0:
            return
    except FileNotFoundError:
        return
    con = sqlite3.connect(db_path)
    con.text_factory = bytes
    try:
        result = [row[0].decode("utf-8", "replace") if isinstance(row[0], bytes) else str(row[0])
                  for row in con.execute("PRAGMA quick_check(5)")]
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        if is_damage(exc):
            raise not_a_workspace(db_path, damage_reason(exc)) from exc
        raise
    finally:
        con.close()
    if result != ["ok"]:
        lines = [line for text in result for line in text.splitlines() if line and not line.startswith("***")]
        raise not_a_workspace(db_path, _("数据库已损坏（SQLite 完整性检查：{items}）").format(items='；'.join(lines[:3])))


def connect_current(root: Path) -> sqlite3.Connection | None:
    """A plain read connection when the workspace exists and is at the newest schema; otherwise
    None, and the caller opens it the full way (which creates or migrates it, or reports why not)."""
    db_path = Path(root) / DB_NAME
    _, head = known_revisions()
    try:
        if head is None or current_revision(db_path) != head:
            return None
    except (sqlite3.DatabaseError, WorkspaceError):  # the full way reports it as a WorkspaceError
        return None
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA foreign_keys=ON")
    return con
