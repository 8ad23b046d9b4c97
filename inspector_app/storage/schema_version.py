"""Schema revisions read straight from the migration files and the database, without SQLAlchemy or
Alembic – both cost start-up time and are only needed when something must actually be migrated."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
DB_NAME = "workspace.sqlite"
_REV_RE = re.compile(r"^(down_)?revision\s*(?::[^=]*)?=\s*['\"]?([\w-]+|None)['\"]?", re.MULTILINE)


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


def current_revision(db_path: Path) -> str | None:
    if not db_path.exists():
        return None
    con = sqlite3.connect(db_path)
    try:
        # Only a database without the table is new. Any other failure (a damaged file, a lock, a folder
        # SQLite cannot write its WAL index into) propagates: taken for "new", an existing workspace
        # would be migrated without the backup that must come first.
        if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
                       ).fetchone() is None:
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        con.close()
    return str(row[0]) if row else None


def connect_current(root: Path) -> sqlite3.Connection | None:
    """A plain read connection when the workspace exists and is at the newest schema; otherwise
    None, and the caller opens it the full way (which creates or migrates it)."""
    db_path = Path(root) / DB_NAME
    _, head = known_revisions()
    try:
        if head is None or current_revision(db_path) != head:
            return None
    except sqlite3.DatabaseError:  # the full way reports it as a WorkspaceError
        return None
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA foreign_keys=ON")
    return con
