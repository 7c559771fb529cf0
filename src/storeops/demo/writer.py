"""Bulk writing of the demo store: rows as plain tuples, already in SQLite's storage format.

Generators append tuples to per-table buffers (`writer.rows(table, columns)`); the writer
empties them into the database in chunks. Rows that follow from rows already written (the
sale movements of the stock ledger) are derived in SQL (`writer.derive`). Two paths, the
same rows:

- SQLite file (the default, and the benchmark): chunks go (as marshal data) to a writer
  process (sink.py) that inserts them with `executemany` in one transaction while this
  process generates the next ones, so the build uses both cores. Indexes whose keys arrive
  in random order (`columns.DEFERRED_INDEXES`) are dropped first and re-created, from the
  very SQL the migration left in `sqlite_master`, as soon as their table is (nearly) complete
  (`writer.index_now`): building such an index once is far cheaper than updating it millions
  of times, while indexes on keys that only grow (ids, creation times) cost little to keep.
  Values are stored exactly as SQLAlchemy would store them.
- Any other database (and in-memory SQLite): every row is kept until the end, converted to
  Python values (aware datetimes, dates, Decimals, bools) and inserted with SQLAlchemy Core
  in chunks, parents before children so foreign keys hold at every step; sequences are then
  moved past the ids the demo chose (PostgreSQL).
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storeops.errors import StoreOpsError

if TYPE_CHECKING:
    from sqlalchemy import Table

    from storeops.db import Store
    from storeops.demo.sink import Channel

SQLITE_CHUNK = 20_000
CORE_CHUNK = 5_000
IN_FLIGHT = 32  # chunks sent but not yet inserted: how far generation may run ahead

Refuse = Callable[[Callable[[str], int]], None]


class Writer:
    """Per-table row buffers and the bulk path that empties them."""

    def __init__(self, store: Store, *, bulk_sqlite: bool | None = None) -> None:
        from storeops.db import sqlite_path

        self.store = store
        self.path = sqlite_path(store.url)
        self.bulk = (
            self.path is not None if bulk_sqlite is None else bulk_sqlite and self.path is not None
        )
        self.columns: dict[str, tuple[str, ...]] = {}
        self.buffers: dict[str, list[tuple[Any, ...]]] = {}
        self.counts: dict[str, int] = {}
        self.timings: dict[str, float] = {}  # seconds per write phase, for the benchmark
        self._derived: list[tuple[str, str, dict[str, Any]]] = []
        self._channel: Channel | None = None
        self._in_flight = 0

    def rows(self, table: str, columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
        """The buffer to append `table`'s rows to, each a tuple in `columns` order."""
        known = self.columns.get(table)
        if known is None:
            self._check_columns(table, columns)
            self.columns[table] = columns
            self.buffers[table] = []
            self.counts[table] = 0
        elif known != columns:
            raise ValueError(f"{table}: rows registered twice with different columns")
        return self.buffers[table]

    def derive(self, table: str, sql: str, params: dict[str, Any], reads: tuple[str, ...]) -> None:
        """Insert into `table` with `sql` from rows already given for the tables it `reads`."""
        if not self.bulk:
            self._derived.append((table, sql, params))
            return
        for name in reads:
            if self.buffers.get(name):
                self._send_rows(name, self.buffers[name])
        self._send(("derive", table, sql, params))

    def index_now(self, *tables: str) -> None:
        """Build the deferred indexes of `tables` now (SQLite); later rows update them.

        Called when a table is complete, or nearly: its index is then built while the rest of
        the store is still being generated, instead of at the end.
        """
        if not self.bulk:
            return
        for table in tables:
            if self.buffers.get(table):
                self._send_rows(table, self.buffers[table])
        self._send(("indexes", tables))

    def flush_full(self) -> None:
        """Send every buffer that has reached a chunk to the writer process (SQLite only)."""
        if not self.bulk:
            return
        for table, buffer in self.buffers.items():
            if len(buffer) >= SQLITE_CHUNK:
                self._send_rows(table, buffer)

    @contextmanager
    def loading(self, refuse: Refuse) -> Iterator[None]:
        """One load: checks the store is empty inside the write lock, writes, then commits."""
        if self.bulk:
            with self._sqlite_load(refuse):
                yield
            return
        from sqlalchemy import text

        with self.store.engine.connect() as connection:
            refuse(
                lambda t: int(connection.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one())
            )
        yield
        self._write_core()

    # -- SQLite, through the writer process ---------------------------------------------------

    @contextmanager
    def _sqlite_load(self, refuse: Refuse) -> Iterator[None]:
        from storeops.demo.columns import DEFERRED_INDEXES, TABLE_ORDER
        from storeops.demo.sink import Channel

        assert self.path is not None
        # Our pooled connections would keep the store in WAL mode (see sink.py); the load
        # needs none of them.
        self.store.engine.dispose()
        # The child imports storeops from wherever this process did.
        package_root = str(Path(__file__).resolve().parent.parent.parent)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                filter(None, [package_root, os.environ.get("PYTHONPATH")])
            ),
        }
        child = subprocess.Popen(
            [sys.executable, "-m", "storeops.demo.sink"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        assert child.stdin is not None and child.stdout is not None
        self._channel = channel = Channel(child.stdout, child.stdin)
        try:
            channel.send(("load", str(self.path), TABLE_ORDER, DEFERRED_INDEXES))
            counts = self._expect("counts")[1]
            try:
                refuse(lambda table: int(counts[table]))
            except BaseException:
                channel.send(("stop",))
                self._expect("aborted")
                raise
            channel.send(("go",))
            try:
                yield
                for table, buffer in self.buffers.items():
                    if buffer:
                        self._send_rows(table, buffer)
                self._send(("commit",))
                while self._in_flight:
                    self._expect("ack")
                    self._in_flight -= 1
                _, written, timings = self._expect("done")
            except BaseException:
                self._abort()
                raise
            self.counts = {table: written.get(table, 0) for table in self.columns}
            self.timings.update(timings)
        finally:
            self._channel = None
            child.stdin.close()
            child.wait(timeout=60)
            child.stdout.close()

    def _send_rows(self, table: str, buffer: list[tuple[Any, ...]]) -> None:
        """Send a chunk, waiting for acknowledgements if too many are already on their way."""
        while self._in_flight >= IN_FLIGHT:
            self._expect("ack")
            self._in_flight -= 1
        # marshal: twice as fast as pickle for flat tuples, and both ends are this interpreter.
        self._send(("rows", table, self.columns[table], marshal.dumps(buffer)))
        self._in_flight += 1
        self.counts[table] += len(buffer)
        buffer.clear()

    def _send(self, message: tuple[Any, ...]) -> None:
        assert self._channel is not None
        try:
            self._channel.send(message)
        except OSError:  # the writer has stopped: its last word says why
            self._expect("error")
            raise

    def _expect(self, kind: str) -> tuple[Any, ...]:
        """The writer process's next message, which must be `kind` (or its error, raised)."""
        assert self._channel is not None
        try:
            message: tuple[Any, ...] = self._channel.recv()
        except EOFError:
            raise StoreOpsError("the demo's writer process stopped unexpectedly") from None
        if message[0] == "error":
            raise StoreOpsError(f"writing the demo store failed: {message[1]}")
        if message[0] != kind:
            raise RuntimeError(f"demo writer: expected {kind!r}, got {message[0]!r}")
        return message

    def _abort(self) -> None:
        """Roll the load back after a failure here; the writer may already have stopped."""
        try:
            self._send(("abort",))
            while True:
                message = self._channel.recv() if self._channel is not None else ("aborted",)
                if message[0] in ("aborted", "error"):
                    return
        except (OSError, EOFError):
            return

    # -- any other database ------------------------------------------------------------------

    def _write_core(self) -> None:
        from sqlalchemy import text

        from storeops.models import metadata

        with self.store.engine.begin() as connection:
            for table in metadata.sorted_tables:
                buffer = self.buffers.get(table.name)
                if not buffer:
                    continue
                columns = self.columns[table.name]
                convert = _converters(table, columns)
                for start in range(0, len(buffer), CORE_CHUNK):
                    chunk = [
                        {
                            name: fn(value)
                            for name, fn, value in zip(columns, convert, row, strict=True)
                        }
                        for row in buffer[start : start + CORE_CHUNK]
                    ]
                    connection.execute(table.insert(), chunk)
                self.counts[table.name] += len(buffer)
                buffer.clear()
            for name, sql, params in self._derived:  # after every table they read
                self.counts[name] += connection.execute(text(sql), params).rowcount
            if connection.dialect.name == "postgresql":
                for name in self.columns:
                    connection.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                            f"(SELECT MAX(id) FROM {name}))"
                        )
                    )

    def _check_columns(self, table: str, columns: tuple[str, ...]) -> None:
        """Refuse a column list that does not name every column of the table exactly once."""
        from storeops.models import metadata

        expected = set(metadata.tables[table].columns.keys())
        if set(columns) != expected or len(columns) != len(expected):
            missing = sorted(expected - set(columns))
            extra = sorted(set(columns) - expected)
            raise StoreOpsError(f"demo rows for {table}: missing {missing}, unknown {extra}")


def _identity(value: Any) -> Any:
    return value


def _to_datetime(value: Any) -> datetime | None:
    from storeops.models.types import SQLITE_DATETIME_FORMAT

    if value is None:
        return None
    return datetime.strptime(value, SQLITE_DATETIME_FORMAT).replace(tzinfo=UTC)


def _to_date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _to_decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(f"{value:.2f}")


def _to_bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _converters(table: Table, columns: tuple[str, ...]) -> list[Callable[[Any], Any]]:
    """Per column, the function turning storage-format text back into a Python value."""
    from sqlalchemy import Boolean, Date, Numeric

    from storeops.models.types import UTCDateTime

    result: list[Callable[[Any], Any]] = []
    for name in columns:
        kind = table.columns[name].type
        if isinstance(kind, UTCDateTime):
            result.append(_to_datetime)
        elif isinstance(kind, Date):
            result.append(_to_date)
        elif isinstance(kind, Numeric) and kind.scale == 2:
            result.append(_to_decimal)
        elif isinstance(kind, Boolean):
            result.append(_to_bool)
        else:
            result.append(_identity)
    return result
