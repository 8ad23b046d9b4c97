"""The unit of work: how an operation opens, commits or rolls back its transaction, and how a read
model opens a read-only session. The only two places in the code that open database sessions for
use cases (``tests/test_architecture.py`` checks that ``ui/`` opens none).

A unit of work takes SQLite's write lock when it begins (``BEGIN IMMEDIATE``), not at its first write:
a transaction that first reads and then writes would otherwise fail at once with "database is locked"
(SQLITE_BUSY_SNAPSHOT, which the busy timeout does not wait for) whenever another process – a second
window, a command-line import – committed in between. Taking the lock first makes concurrent writers
queue behind each other for up to the engine's busy timeout; readers are never blocked (WAL).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from inspector_app.storage.engine import Workspace


@contextmanager
def unit_of_work(ws: Workspace) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back (nothing written) when it raises."""
    with ws.sessions.begin() as session:
        connection = session.connection()
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        yield session


@contextmanager
def reading(ws: Workspace) -> Iterator[Session]:
    """A session for read models; it never commits."""
    with ws.sessions() as session:
        yield session
