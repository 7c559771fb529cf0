"""A forked helper process that reads the store on the same snapshot as its parent.

Checks spend about half their time in Python (SQLAlchemy compiling statements, the checks'
own logic) and Python runs one thread at a time: threads overlap only the SQL. A forked
process inherits the loaded modules and the plan at no cost and judges checks truly at the
same time, on the second core, taking them from the same `TakeQueue` as its parent.

SQLite forbids carrying a connection across fork() (its locks belong to a process), so the
parent closes every pooled connection first and each process opens its own afterwards.
Both pin their snapshot while a probe connection watches `PRAGMA data_version`, as
`Store.reading_together` does; if another connection committed in between, the helper is
stopped and the parent reads alone: one state of the store, always.

Only on Linux, and only from a process running a single thread: elsewhere fork is missing
or unsafe, and a lock held by another thread at the fork would stay held in the child.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import struct
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

from storeops.db import PIN_SNAPSHOT, create_engine, sqlite_path

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from storeops.db import Store

Send = Callable[[Any], None]
# What the helper runs: its pinned connection, and `send` for each picklable result.
Work = Callable[["Connection", Send], None]

PIN = b"P"  # parent to helper: pin your snapshot now
_HEADER = struct.Struct("!I")  # each message: its length, then its pickle
PIN_TIMEOUT_S = 10.0  # the helper pins within milliseconds; past this it is stuck


def can_fork(store: Store) -> bool:
    """True when a helper process may be forked for this store, here and now."""
    checked_out = getattr(store.engine.pool, "checkedout", lambda: 0)()
    return (
        sys.platform == "linux"
        and sqlite_path(store.url) is not None
        and threading.active_count() == 1
        and checked_out == 0  # a connection in use could not be closed before the fork
    )


class TakeQueue:
    """Work two processes take from, first come first served: a pipe holding every index.

    Filled and closed for writing before the fork, so each read of one entry hands a
    distinct index to whichever process asks first (the kernel serialises a pipe's reads)
    and nothing once all are taken: no lock, no round trip, no GIL.
    """

    _ENTRY = struct.Struct("!H")
    _CAPACITY = 65536  # Linux's default pipe buffer: filling more would block the writer

    @classmethod
    def fits(cls, count: int) -> bool:
        """True when `count` indices fit in one pipe."""
        return count * cls._ENTRY.size <= cls._CAPACITY

    def __init__(self, count: int) -> None:
        assert self.fits(count)
        self._fd, write_fd = os.pipe()
        try:
            os.write(write_fd, b"".join(self._ENTRY.pack(index) for index in range(count)))
        finally:
            os.close(write_fd)

    def take(self) -> int | None:
        """The next index, or None when every one has been taken."""
        entry = os.read(self._fd, self._ENTRY.size)
        return self._ENTRY.unpack(entry)[0] if len(entry) == self._ENTRY.size else None

    def close(self) -> None:
        """Close this process's end (the other process keeps its own)."""
        os.close(self._fd)


class Helper:
    """The parent's handle on a forked helper: telling it to pin, its results, stopping it."""

    def __init__(self, pid: int, commands_fd: int, results_fd: int) -> None:
        self.pid = pid
        self._commands_fd: int | None = commands_fd
        self._results = os.fdopen(results_fd, "rb")
        self._reaped = False

    def pin_now(self) -> bool:
        """Tell the helper to pin its snapshot; True once it says it has, False if it died
        or did not answer within `PIN_TIMEOUT_S`."""
        assert self._commands_fd is not None, "a helper pins once"
        try:
            os.write(self._commands_fd, PIN)
        except BrokenPipeError:
            return False  # it died already
        finally:
            os.close(self._commands_fd)
            self._commands_fd = None
        ready, _, _ = select.select([self._results], [], [], PIN_TIMEOUT_S)
        return bool(ready) and self._receive() == "pinned"

    def results(self) -> Iterator[Any]:
        """Every result the helper sends, until it exits (normally or not)."""
        while True:
            message = self._receive()
            if message is None:
                return
            yield message

    def _receive(self) -> Any:
        header = self._results.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return None
        (length,) = _HEADER.unpack(header)
        body = self._results.read(length)
        if len(body) < length:
            return None  # it died mid-message
        return pickle.loads(body)

    def stop(self) -> None:
        """Kill the helper if it still runs: its results end where they are."""
        if not self._reaped:
            os.kill(self.pid, signal.SIGKILL)  # an exited, unreaped helper takes it harmlessly

    def close(self) -> None:
        """Stop the helper if it still runs, and reap it (no zombie is left behind)."""
        if not self._reaped:
            self.stop()
            os.waitpid(self.pid, 0)
            self._reaped = True
        if self._commands_fd is not None:
            os.close(self._commands_fd)
            self._commands_fd = None
        self._results.close()


def fork_helper(url: str, work: Work) -> Helper | None:
    """Fork a helper that will run `work` on the store at `url` once told to pin; None when
    the system refuses a new process (the caller then does the work itself)."""
    commands_read, commands_write = os.pipe()
    results_read, results_write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (commands_read, commands_write, results_read, results_write):
            os.close(fd)
        return None
    if pid == 0:
        os.close(commands_write)
        os.close(results_read)
        _helper_main(url, work, commands_read, results_write)
    os.close(commands_read)
    os.close(results_write)
    return Helper(pid, commands_write, results_read)


@contextmanager
def pinned_with_helper(store: Store, work: Work) -> Iterator[tuple[Connection, Helper | None]]:
    """A read connection, and a forked helper running `work` on the same snapshot.

    Yields (connection, helper); helper is None when a commit landed while the two pinned
    or the helper could not start: the connection alone then holds one consistent state.
    Leaving the block stops the helper if it is still running and closes the connection.
    """
    from sqlalchemy import text

    from storeops.db import data_version

    store.engine.dispose()  # no SQLite connection may cross the fork
    with ExitStack() as stack:
        helper = fork_helper(store.url, work)
        if helper is not None:
            stack.callback(helper.close)
        stack.enter_context(store.translating_errors())
        probe = store.engine.raw_connection()
        stack.callback(probe.close)
        before = data_version(probe)
        connection = stack.enter_context(store.engine.connect())
        connection.execute(text(PIN_SNAPSHOT))
        if helper is not None and not (helper.pin_now() and data_version(probe) == before):
            helper.close()
            helper = None
        yield connection, helper


def _helper_main(url: str, work: Work, commands_fd: int, results_fd: int) -> NoReturn:
    """The helper's whole life: pin when told, run `work`, send results, exit at once."""
    code = 1
    try:
        # Ctrl-C reaches the whole process group; the parent decides what it means.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # A collection would write to every inherited object's header and so copy nearly
        # every page of the parent's memory; this short life makes little garbage.
        gc.disable()
        results = os.fdopen(results_fd, "wb")

        def send(message: Any) -> None:
            body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
            results.write(_HEADER.pack(len(body)) + body)
            results.flush()

        if os.read(commands_fd, 1) == PIN:
            from sqlalchemy import text

            # A new engine: the parent's pool and its locks stay the parent's.
            with create_engine(url).connect() as connection:
                connection.execute(text(PIN_SNAPSHOT))
                send("pinned")
                work(connection, send)
            code = 0
    except BaseException:  # the parent runs whatever the helper did not send
        pass
    finally:
        # No atexit handlers, no buffers flushed twice, no finaliser touching inherited state.
        os._exit(code)
