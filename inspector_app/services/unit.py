"""The unit of work: how an operation opens, commits or rolls back its transaction, and how a read
model opens a read-only session. The only two places in the code that open database sessions for
use cases (``grep -rn "sessions" inspector_app/ui`` finds none)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from inspector_app.storage.engine import Workspace


@contextmanager
def unit_of_work(ws: Workspace) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back (nothing written) when it raises."""
    with ws.sessions.begin() as session:
        yield session


@contextmanager
def reading(ws: Workspace) -> Iterator[Session]:
    """A session for read models; it never commits."""
    with ws.sessions() as session:
        yield session
