"""A per-store OS file lock, so two unattended runs never overlap.

`flock` is released by the kernel when its holder dies, so a run killed with kill -9 never
leaves a stale lock behind (unlike a pid file).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storeops.errors import StoreOpsError


class AlreadyRunningError(StoreOpsError):
    """Another storeops run holds the lock; exit code 75 (EX_TEMPFAIL) tells cron to retry."""

    exit_code = 75


@contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive, non-blocking lock on `path` for the duration of the block."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "another process"
            raise AlreadyRunningError(
                f"another storeops check is running (pid {holder}); this run was skipped"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)
