"""The unit of work: how an operation opens, commits or rolls back its transaction, and how a read
model opens a read-only session. The only two places in the code that open database sessions for
use cases (``tests/test_architecture.py`` checks that ``ui/`` opens none).

A unit of work takes SQLite's write lock when it begins (``BEGIN IMMEDIATE``), not at its first write:
a transaction that first reads and then writes would otherwise fail at once with "database is locked"
(SQLITE_BUSY_SNAPSHOT, which the busy timeout does not wait for) whenever another process – a second
window, a command-line import – committed in between. Taking the lock first makes concurrent writers
queue behind each other for up to the engine's busy timeout; readers are never blocked (WAL).

On PostgreSQL (an office database) a unit of work is a plain READ COMMITTED transaction: writers run
side by side and meet only where they touch the same rows. Rows two supervisors may edit carry a
version (``version_id_col``): an UPDATE of a row someone else changed meanwhile matches nothing and the
unit of work fails with ``StaleEditError`` (nothing written). Where the next number of a sequence is
taken (document numbers, outgoing bundles, filed reports, a device's bundle sequence), ``serialize``
takes a transaction-scoped advisory lock, so such writers queue as they do on SQLite.
docs/architecture.md ("Transactions and threads") lists the choices.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from inspector_app.domain.errors import StaleEditError
from inspector_app.storage.engine import Workspace
from inspector_app.translation import _


@contextmanager
def unit_of_work(ws: Workspace) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back (nothing written) when it raises."""
    try:
        with ws.sessions.begin() as session:
            connection = session.connection()
            if connection.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            yield session
    except StaleDataError as exc:
        raise StaleEditError(_("记录已被他人同时修改，本次操作未保存（已回滚）；请刷新后查看最新内容再操作")) from exc


def serialize(session: Session, key: str) -> None:
    """Queue behind every other unit of work that serializes on ``key`` until this one ends (PostgreSQL:
    ``pg_advisory_xact_lock``); on SQLite the unit of work already holds the database's write lock."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})


@contextmanager
def reading(ws: Workspace) -> Iterator[Session]:
    """A session for read models; it never commits."""
    with ws.sessions() as session:
        yield session
