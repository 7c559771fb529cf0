"""The writer process of a bulk SQLite load: receives row chunks, inserts them, builds indexes.

Why a process: Python's sqlite3 takes the GIL back for every row it binds, so a writer
*thread* and the generating thread end up taking turns. A process has its own interpreter,
so on two cores the rows of the next day are generated while SQLite inserts the last ones.
It runs as `python -m storeops.demo.sink` (not multiprocessing, whose spawn would re-import
the caller's main module) and talks over its stdin and stdout in length-prefixed pickle
frames, rows inside as marshal data (cheap for tuples of str, int and float); the parent
keeps a bounded number of chunks in flight and waits for acknowledgements, so memory stays
flat.

The whole load is one transaction on the child's own connection: it checks the tables are
empty inside the write lock (the parent decides whether to go on), drops the indexes it is
told to defer, inserts, runs the derived INSERT ... SELECTs, re-creates each table's indexes (as
soon as the parent says that table is complete), commits and checkpoints the WAL. Any error
rolls everything back and is reported to the parent in one line.

Only the standard library is imported here, so the child starts in a few milliseconds.
"""

from __future__ import annotations

import marshal
import pickle
import queue
import sqlite3
import struct
import sys
import threading
import time
from typing import IO, Any

BUSY_TIMEOUT_S = 30
_LENGTH = struct.Struct(">Q")


class Channel:
    """Length-prefixed pickle frames over a pair of binary pipes."""

    def __init__(self, reading: IO[bytes], writing: IO[bytes]) -> None:
        self.reading, self.writing = reading, writing

    def send(self, message: tuple[Any, ...]) -> None:
        """Write one message and flush it."""
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self.writing.write(_LENGTH.pack(len(data)))
        self.writing.write(data)
        self.writing.flush()

    def recv(self) -> tuple[Any, ...]:
        """Read one message; EOFError when the other side has gone."""
        head = self.reading.read(_LENGTH.size)
        if len(head) < _LENGTH.size:
            raise EOFError("channel closed")
        (size,) = _LENGTH.unpack(head)
        data = self.reading.read(size)
        if len(data) < size:
            raise EOFError("channel closed mid-message")
        message: tuple[Any, ...] = pickle.loads(data)
        return message


class Inbox:
    """Reads the parent's messages on a thread, so the parent never waits on a full pipe
    while SQLite is busy (building an index can take seconds)."""

    def __init__(self, channel: Channel) -> None:
        self._messages: queue.SimpleQueue[tuple[Any, ...] | BaseException] = queue.SimpleQueue()
        self._reader = threading.Thread(target=self._read, args=(channel,), daemon=True)
        self._reader.start()

    def _read(self, channel: Channel) -> None:
        while True:
            try:
                message: tuple[Any, ...] | BaseException = channel.recv()
            except BaseException as exc:  # EOF or a broken frame: handed to the loader
                self._messages.put(exc)
                return
            self._messages.put(message)

    def recv(self) -> tuple[Any, ...]:
        """The next message from the parent, in order."""
        message = self._messages.get()
        if isinstance(message, BaseException):
            raise message
        return message


def main() -> None:
    """Run one load for the parent at the other end of stdin and stdout."""
    channel = Channel(sys.stdin.buffer, sys.stdout.buffer)
    _, path, tables, deferred = channel.recv()
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    try:
        _load(db, tables, deferred, channel)
    except EOFError:  # the parent went away: nothing to report to
        if db.in_transaction:
            db.execute("ROLLBACK")
    except Exception as exc:  # reported to the parent, which raises it
        if db.in_transaction:
            db.execute("ROLLBACK")
        db.execute("PRAGMA journal_mode = WAL")
        channel.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        if db.in_transaction:
            db.execute("ROLLBACK")
        db.execute("PRAGMA journal_mode = WAL")  # the store's mode (see db.py), whatever happened
        db.close()


def _load(
    db: sqlite3.Connection, tables: tuple[str, ...], deferred: tuple[str, ...], channel: Channel
) -> None:
    cursor = db.cursor()
    # Per-connection settings, so nothing needs restoring: this connection ends with the load.
    # Durability is pointless mid-build (one transaction, rolled back on error).
    cursor.execute("PRAGMA foreign_keys = OFF")
    cursor.execute("PRAGMA synchronous = OFF")
    cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB, for the index builds
    # WAL would write every page twice (into the log, then into the file at checkpoint). The
    # store is empty (the load refuses any other), so an in-memory rollback journal costs
    # nothing and still rolls back on error; WAL comes back after the commit. Another
    # connection can keep the store in WAL mode, which is merely slower.
    try:
        journal = cursor.execute("PRAGMA journal_mode = MEMORY").fetchone()[0]
    except sqlite3.OperationalError:  # "database is locked": someone else has it open
        journal = "wal"
    cursor.execute("BEGIN IMMEDIATE")
    counts = {t: cursor.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    channel.send(("counts", counts))
    if channel.recv()[0] != "go":
        cursor.execute("ROLLBACK")
        if journal == "memory":
            cursor.execute("PRAGMA journal_mode = WAL")
        channel.send(("aborted",))
        return
    indexes = _drop_indexes(cursor, tables, deferred)
    inbox = Inbox(channel)
    written: dict[str, int] = {}
    timings: dict[str, float] = {}
    statements: dict[str, str] = {}
    while True:
        message = inbox.recv()
        kind = message[0]
        started = time.perf_counter()
        if kind == "rows":
            _, table, columns, payload = message
            rows = marshal.loads(payload)
            sql = statements.get(table)
            if sql is None:
                marks = ", ".join("?" * len(columns))
                sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
                statements[table] = sql
            cursor.executemany(sql, rows)
            written[table] = written.get(table, 0) + len(rows)
            channel.send(("ack",))
            phase = f"inserts {table}"
        elif kind == "derive":
            _, table, sql, params = message
            cursor.execute(sql, params)
            written[table] = written.get(table, 0) + cursor.rowcount
            phase = "derived rows"
        elif kind == "indexes":
            for table in message[1]:
                _build_indexes(cursor, table, indexes.pop(table, []), timings)
            continue
        elif kind == "commit":
            for table, remaining in indexes.items():
                _build_indexes(cursor, table, remaining, timings)
            started = time.perf_counter()
            cursor.execute("COMMIT")
            if journal == "memory":
                cursor.execute("PRAGMA journal_mode = WAL")
            else:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            _add(timings, "commit", time.perf_counter() - started)
            channel.send(("done", written, timings))
            return
        else:  # "abort"
            cursor.execute("ROLLBACK")
            if journal == "memory":
                cursor.execute("PRAGMA journal_mode = WAL")
            channel.send(("aborted",))
            return
        _add(timings, phase, time.perf_counter() - started)


def _drop_indexes(
    cursor: sqlite3.Cursor, tables: tuple[str, ...], deferred: tuple[str, ...]
) -> dict[str, list[str]]:
    """Drop the `deferred` indexes of the tables; returns their SQL by table, to re-create them.

    The other indexes stay, as do unique constraints (autoindexes): they guard the load.
    """
    names = ", ".join(f"'{table}'" for table in tables)
    found = cursor.execute(
        "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({names}) ORDER BY tbl_name, name"
    ).fetchall()
    indexes: dict[str, list[str]] = {}
    for table, name, sql in found:
        if name in deferred:
            cursor.execute(f'DROP INDEX "{name}"')
            indexes.setdefault(table, []).append(sql)
    return indexes


def _build_indexes(
    cursor: sqlite3.Cursor, table: str, statements: list[str], timings: dict[str, float]
) -> None:
    started = time.perf_counter()
    for statement in statements:
        cursor.execute(statement)
    if statements:
        _add(timings, f"indexes {table}", time.perf_counter() - started)


def _add(timings: dict[str, float], phase: str, seconds: float) -> None:
    timings[phase] = timings.get(phase, 0.0) + seconds


if __name__ == "__main__":
    main()
