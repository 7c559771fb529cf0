"""Opening the store database: engine, PRAGMAs, transactions, permissions, migrations.

The store is used by a person and by cron at the same time, so on SQLite:
- WAL lets readers proceed while one process writes;
- busy_timeout makes a writer wait for the lock instead of failing at once;
- write transactions begin IMMEDIATE: a deferred transaction that reads, then writes, cannot
  upgrade its lock while another writer is active and fails with "database is locked" whatever
  the timeout, because SQLite would otherwise deadlock;
- the data folder is 0700 and the files 0600: the store holds customers' personal data.

Any SQLAlchemy URL works (PostgreSQL for teams); the SQLite specifics apply only to SQLite.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storeops.errors import StoreBusyError, StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine
    from sqlmodel import Session

    # What SQL runs on: a Core connection (the checks, the routine: no ORM to import) or an
    # ORM session (code that works with model objects). Both `execute`, `scalar`, `scalars`.
    Executor = Connection | Session

BUSY_TIMEOUT_MS = 30_000

# Any read of the schema page starts SQLite's read transaction and so pins its snapshot.
PIN_SNAPSHOT = "SELECT 1 FROM sqlite_master LIMIT 1"

# SQLite has no DECIMAL type; SQLAlchemy converts with the column's scale, which is exact for
# money at 2 decimals. The warning it emits about this would only confuse users.
warnings.filterwarnings("ignore", message=r".*does \*not\* support Decimal objects natively")


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def prepare_sqlite_file(path: Path) -> None:
    """Create the folder (0700) and the database file (0600) before SQLite touches them.

    SQLite gives its -wal and -shm files the permissions of the database file, so creating
    the file ourselves with 0600 is what keeps all three private.
    """
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def create_engine(url: str) -> Engine:
    """An engine with storeops' connection rules (SQLite PRAGMAs and IMMEDIATE writes)."""
    import sqlalchemy
    from sqlalchemy import event

    if sqlite_path(url) is None and not url.startswith("sqlite"):
        return sqlalchemy.create_engine(url, pool_pre_ping=True)

    engine = sqlalchemy.create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        # The linter looks for accidental cartesian products in every statement compiled:
        # about a tenth of compiling's cost at each start, for statements fixed in code.
        enable_from_linting=False,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module so BEGIN is ours to emit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("storeops_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def data_version(connection: Any) -> int:
    """SQLite's counter of commits made by other connections, read outside a transaction."""
    cursor = connection.cursor()
    try:
        cursor.execute("PRAGMA data_version")
        return int(cursor.fetchone()[0])
    finally:
        cursor.close()


def is_busy_error(exc: BaseException) -> bool:
    """True when a database error means another process held the lock too long."""
    text = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in text or "database is busy" in text


def engine_of(executor: Executor) -> Engine:
    """The engine behind a connection or a session (its URL, its dialect)."""
    from sqlalchemy.engine import Connection, Engine

    bind = executor if isinstance(executor, Connection) else executor.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    assert isinstance(engine, Engine)
    return engine


def connection_of(executor: Executor) -> Connection:
    """The Core connection of a connection or a session (for statements without the ORM)."""
    from sqlalchemy.engine import Connection

    return executor if isinstance(executor, Connection) else executor.connection()


class Store:
    """An open store database: connections and sessions, for reading and for writing.

    The connections (`reading_connection`, `writing_connection`, `reading_together`) need no
    ORM: the checks and the routine's bookkeeping use them with `storeops.tables`, and so
    never import sqlmodel, the ORM or the models. The sessions are for model objects.
    """

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self._write_engine = engine.execution_options(storeops_write=True)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries; its transaction never blocks writers (WAL)."""
        from sqlmodel import Session

        with self.translating_errors(), Session(self.engine) as session:
            yield session

    @contextmanager
    def reading_connection(self) -> Iterator[Connection]:
        """`reading` without the ORM: a Core connection whose transaction is rolled back."""
        with self.translating_errors(), self.engine.connect() as connection:
            yield connection

    @contextmanager
    def reading_together(self, count: int) -> Iterator[list[Connection]]:
        """Up to `count` read connections that all see one and the same state of the store.

        Checks run on several connections at once (SQLite executes queries without the
        GIL), yet a run must judge one consistent snapshot. SQLite pins a read transaction's
        snapshot at its first read, so the connections are pinned one after the other, and
        `PRAGMA data_version` on a separate connection, read before and after, tells whether
        any other connection committed in between. If one did, only the first connection is
        handed out: fewer workers, never two states of the store. Other databases (and
        in-memory SQLite, one database per connection) get one connection.
        """
        from sqlalchemy import text

        with self.translating_errors(), ExitStack() as stack:
            first = stack.enter_context(self.engine.connect())
            if count <= 1 or sqlite_path(self.url) is None:  # one connection, or not a file
                yield [first]
                return
            probe = self.engine.raw_connection()
            stack.callback(probe.close)
            before = data_version(probe)
            connections = [first]
            connections.extend(stack.enter_context(self.engine.connect()) for _ in range(count - 1))
            for connection in connections:
                connection.execute(text(PIN_SNAPSHOT))
            after = data_version(probe)
            yield connections if after == before else [first]

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session whose transaction takes the write lock at BEGIN and commits on exit."""
        from sqlmodel import Session

        # Objects stay readable after the commit: callers often report what they just wrote.
        session_factory = Session(self._write_engine, expire_on_commit=False)
        with self.translating_errors(), session_factory as session:
            yield session
            session.commit()

    @contextmanager
    def writing_connection(self) -> Iterator[Connection]:
        """`writing` without the ORM: a Core connection, write lock at BEGIN, commit on exit.

        For bulk writers that never touch an ORM object (the CSV imports): a Session would
        import sqlmodel, and with it pydantic, for nothing.
        """
        with self.translating_errors(), self._write_engine.begin() as connection:
            yield connection

    @contextmanager
    def translating_errors(self) -> Iterator[None]:
        """Turn a database error inside the block into storeops' own one-line errors."""
        from sqlalchemy.exc import DatabaseError

        try:
            yield
        except DatabaseError as exc:
            if is_busy_error(exc):
                raise StoreBusyError(
                    f"the store database stayed busy for {BUSY_TIMEOUT_MS // 1000}s "
                    "(another storeops is writing); try again in a minute"
                ) from None
            raise StoreError(f"database error: {getattr(exc, 'orig', exc)}") from None

    def analyze(self) -> None:
        """Refresh the query planner's statistics after a bulk load (SQLite only).

        Without statistics SQLite can pick a plan that walks a 2,000,000-row table in index
        order; with `analysis_limit` the sampling takes milliseconds even on a large store.
        """
        if sqlite_path(self.url) is None and not self.url.startswith("sqlite"):
            return
        with self.translating_errors(), self._write_engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA analysis_limit = 1000")
            connection.exec_driver_sql("ANALYZE")
            connection.commit()

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_store(url: str, *, migrate: bool = True) -> Store:
    """Open (creating when needed) the store at `url`, migrated to the current schema."""
    from sqlalchemy.exc import OperationalError

    path = sqlite_path(url)
    if path is not None:
        try:
            prepare_sqlite_file(path)
        except OSError as exc:
            raise StoreError(
                f"cannot create the store database at {path}: {exc.strerror}; "
                "set STOREOPS_HOME or --db to a writable place"
            ) from None
    engine = create_engine(url)
    store = Store(url, engine)
    if migrate:
        from storeops.migrate import upgrade

        try:
            upgrade(engine)
        except OperationalError as exc:
            store.close()
            if is_busy_error(exc):
                raise StoreBusyError(
                    "the store database is busy (another storeops is upgrading it); try again"
                ) from None
            raise StoreError(f"cannot open the store database {url}: {exc.orig}") from None
    return store
