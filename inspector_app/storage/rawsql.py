"""Hand-written SQL on the DB-API cursor, for the read models that stream tens of thousands of rows
(``exec_driver_sql`` skips SQLAlchemy's compiling and result wrapping).

Such SQL is written once, for both engines: ``?`` or ``:name`` placeholders (SQLite's), standard functions only
(``COALESCE``, ``CASE``, ``SUM(CASE … THEN 1 ELSE 0 END)``, ``CAST``) – no ``total()``, no
``strftime``, no sum of a boolean. ``execute`` hands it to the connection's driver in the driver's
own placeholder style: unchanged for sqlite3, ``%s`` / ``%(name)s`` for psycopg (a literal ``%``
doubled), leaving
quoted text and identifiers alone. New code prefers Core expressions or ``text()`` with ``:named``
parameters, which SQLAlchemy renders for either driver.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # not imported at run time: the CLI's fast path (queries.inspections) imports no SQLAlchemy
    from sqlalchemy import Connection


@lru_cache(maxsize=512)
def format_style(sql: str) -> str:
    """``sql`` in psycopg's style: each ``?`` outside quotes as ``%s``, each ``:name`` as
    ``%(name)s`` (a ``::`` cast stays), each ``%`` doubled."""
    out: list[str] = []
    quote = ""
    i, n = 0, len(sql)
    while i < n:
        char = sql[i]
        if quote:
            if char == quote:
                quote = ""
            out.append("%%" if char == "%" else char)
        elif char in "'\"":
            quote = char
            out.append(char)
        elif char == "?":
            out.append("%s")
        elif char == "%":
            out.append("%%")
        elif char == ":" and i + 1 < n and sql[i + 1] == ":":
            out.append("::")
            i += 1
        elif char == ":" and i + 1 < n and (sql[i + 1].isalpha() or sql[i + 1] == "_"):
            end = i + 1
            while end < n and (sql[end].isalnum() or sql[end] == "_"):
                end += 1
            out.append(f"%({sql[i + 1:end]})s")
            i = end
            continue
        else:
            out.append(char)
        i += 1
    return "".join(out)


def for_driver(connection: Connection, sql: str) -> str:
    """``sql`` (``?`` placeholders) in the placeholder style of ``connection``'s driver."""
    if connection.dialect.paramstyle == "qmark":
        return sql
    return format_style(sql)


def execute(connection: Connection, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Any:
    """Run ``sql`` (``?`` with positional ``params``, or ``:name`` with a mapping) on either driver.
    Returns the driver's rows through the methods the read models use: iteration, ``fetchall``,
    ``fetchone``, ``first``, ``scalar``, ``scalar_one``, ``yield_per``."""
    bound = dict(params) if isinstance(params, Mapping) else tuple(params)
    if connection.dialect.paramstyle == "qmark":
        return connection.exec_driver_sql(sql, bound)
    cursor = _pg_cursor(connection)
    cursor.execute(format_style(sql), bound if bound else None)
    return _PgRows(cursor)


def stream(connection: Connection, sql: str, params: Sequence[Any] | Mapping[str, Any] = (),
           size: int = 5000) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql`` as they arrive, for results too large to hold at once. On PostgreSQL the
    server sends them in chunks of ``size`` (libpq's chunked mode; psycopg's ``stream``) – unlike a
    server-side cursor this keeps the query's parallel plan – or, with a libpq older than 17, as
    ``execute`` fetches them; on SQLite the driver's cursor already reads row by row."""
    bound = dict(params) if isinstance(params, Mapping) else tuple(params)
    if connection.dialect.paramstyle == "qmark":
        yield from connection.exec_driver_sql(sql, bound)
        return
    from psycopg import NotSupportedError

    cursor = _pg_cursor(connection)
    try:
        rows = cursor.stream(format_style(sql), bound if bound else None, size=size)
        first = next(rows, None)
    except NotSupportedError:
        cursor.close()
        yield from execute(connection, sql, params)
        return
    if first is not None:
        yield first
        yield from rows
    cursor.close()


def execute_many(connection: Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """Run ``sql`` once per row of parameters (the driver's ``executemany``)."""
    connection.exec_driver_sql(for_driver(connection, sql), rows)


def _pg_cursor(connection: Connection) -> Any:
    from psycopg.adapt import Loader
    from psycopg.types.numeric import FloatLoader

    class DateText(Loader):
        def load(self, data: Any) -> str:
            return bytes(data).decode("ascii")

    class TimestampText(Loader):
        def load(self, data: Any) -> str:
            text = bytes(data).decode("ascii")
            dot = text.find(".")
            return text + ".000000" if dot < 0 else text.ljust(dot + 7, "0")

    driver = connection.connection.driver_connection
    assert driver is not None
    cursor = driver.cursor()
    cursor.adapters.register_loader("date", DateText)
    cursor.adapters.register_loader("timestamp", TimestampText)
    cursor.adapters.register_loader("numeric", FloatLoader)
    return cursor


class _PgRows:
    """A psycopg cursor with the result methods of SQLAlchemy's ``CursorResult`` the read models use."""

    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        try:
            while rows := self.cursor.fetchmany(2000):
                yield from rows
        finally:
            self.cursor.close()

    def yield_per(self, _count: int) -> _PgRows:
        return self

    def fetchall(self) -> list[tuple[Any, ...]]:
        try:
            return list(self.cursor.fetchall())
        finally:
            self.cursor.close()

    def fetchone(self) -> tuple[Any, ...] | None:
        row = self.cursor.fetchone()
        return None if row is None else tuple(row)

    def first(self) -> tuple[Any, ...] | None:
        try:
            return self.fetchone()
        finally:
            self.cursor.close()

    def scalar(self) -> Any:
        row = self.first()
        return None if row is None else row[0]

    def scalar_one(self) -> Any:
        rows = self.fetchall()
        if len(rows) != 1:
            raise ValueError(f"expected one row, got {len(rows)}")
        return rows[0][0]


def snapshot(connection: Connection) -> None:
    """Make the rest of this read-only transaction see one snapshot of the database: SQLite's ``BEGIN``
    (a read transaction holds its WAL snapshot), PostgreSQL's REPEATABLE READ (READ COMMITTED, the
    default, takes a new snapshot per statement). Call it before the transaction's first read."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return
    driver = connection.connection.driver_connection
    if not getattr(driver, "in_transaction", False):
        connection.exec_driver_sql("BEGIN")


def is_sqlite(connection: Connection) -> bool:
    return connection.dialect.name == "sqlite"
