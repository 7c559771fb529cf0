"""Plain-SQL reading for the commands that only read (`history`, `reorder list`, `report`).

Their queries take milliseconds to a second, but importing SQLAlchemy and the models takes
about as long again. So for a SQLite store file already at the current schema they read
through the standard library's sqlite3; anything else (another database, a store that must
first be created or migrated) goes through `open_store` as usual. Queries are written with
`:name` parameters, which both paths take.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import unquote

if TYPE_CHECKING:
    from storeops.db import Executor, Store

Row = tuple[Any, ...]

# The text SQLAlchemy's SQLite dialect stores for a DATETIME (`models.types` uses it too).
SQLITE_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def sql_timestamp(moment: datetime) -> str:
    """An aware datetime as the stored text of a timestamp column, for comparisons in SQL."""
    return moment.astimezone(UTC).replace(tzinfo=None).strftime(SQLITE_DATETIME_FORMAT)


class Reader(Protocol):
    """Something that runs a read-only SQL query and returns its rows."""

    @property
    def dialect(self) -> str:
        """The database as SQLAlchemy names it (sqlite, postgresql...): for SQL that differs."""
        ...

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """All rows of `sql` with `:name` parameters bound from `params`."""
        ...


class SqliteReader:
    """A Reader over a plain sqlite3 connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    @property
    def dialect(self) -> str:
        """Always sqlite."""
        return "sqlite"

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """All rows of `sql` with `:name` parameters bound from `params`."""
        return self.connection.execute(sql, dict(params or {})).fetchall()


class SessionReader:
    """A Reader over a SQLAlchemy connection or session (any database)."""

    def __init__(self, session: Executor) -> None:
        self.session = session

    @property
    def dialect(self) -> str:
        """The session's database."""
        from storeops.db import engine_of

        return str(engine_of(self.session).dialect.name)

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """All rows of `sql` with `:name` parameters bound from `params`."""
        from sqlalchemy import text

        return [tuple(row) for row in self.session.execute(text(sql), dict(params or {}))]


def sqlite_file(url: str) -> Path | None:
    """The file behind a `sqlite:///` URL, parsed without importing SQLAlchemy."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    database = unquote(url[len(prefix) :].split("?", 1)[0])
    if database in ("", ":memory:"):
        return None
    return Path(database)


def _connect(path: Path) -> sqlite3.Connection:
    """A plain connection to a store file, usable from the thread a caller hands it to."""
    from storeops.db import BUSY_TIMEOUT_MS

    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)


def _connect_if_current(path: Path) -> sqlite3.Connection | None:
    """A connection to an existing store already at the current schema, else None."""
    from storeops.migrate import SCHEMA_HEAD

    if not path.is_file():
        return None
    connection = _connect(path)
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:  # no alembic_version yet, or not a database at all
        revision = None
    if revision is None or revision[0] != SCHEMA_HEAD:
        connection.close()
        return None
    return connection


@contextmanager
def open_reader(url: str) -> Iterator[Reader]:
    """A Reader on the store at `url`: plain sqlite3 when possible, else via `open_store`."""
    path = sqlite_file(url)
    connection = _connect_if_current(path) if path is not None else None
    if connection is not None:
        try:
            connection.execute("BEGIN")  # one snapshot for every query of the command
            yield SqliteReader(connection)
        finally:
            connection.close()
        return
    from storeops.db import open_store

    with open_store(url) as store, store_reader(store) as reader:
        yield reader


@contextmanager
def open_readers_together(url: str, count: int) -> Iterator[list[Reader]]:
    """Up to `count` Readers on the store at `url` that all see one state of it.

    As `Store.reading_together` (see there why, and how), with plain sqlite3 connections
    when the store is a current SQLite file, else through `open_store`. The first Reader
    is always there; the others only when no commit landed while they were pinned.
    """
    from storeops.db import PIN_SNAPSHOT, data_version

    path = sqlite_file(url)
    first = _connect_if_current(path) if path is not None else None
    if first is None or path is None:
        from storeops.db import open_store

        with open_store(url) as store, store.reading_together(count) as sessions:
            yield [SessionReader(session) for session in sessions]
        return
    connections = [first]
    try:
        connections.extend(_connect(path) for _ in range(count - 1))
        probe = _connect(path)  # outside any transaction: it sees other connections' commits
        try:
            before = data_version(probe)
            for connection in connections:
                connection.execute("BEGIN")
                connection.execute(PIN_SNAPSHOT)
            after = data_version(probe)
        finally:
            probe.close()
        pinned = connections if after == before else connections[:1]
        yield [SqliteReader(connection) for connection in pinned]
    finally:
        for connection in connections:
            connection.close()


@contextmanager
def store_reader(store: Store) -> Iterator[Reader]:
    """A Reader on an already open store."""
    with store.reading_connection() as connection:
        yield SessionReader(connection)
