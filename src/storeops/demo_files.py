"""Removing a SQLite store's files, for `storeops demo --force`."""

from __future__ import annotations

from pathlib import Path

from storeops.errors import StoreOpsError


def remove_sqlite_store(url: str) -> None:
    """Delete a SQLite database file with its -wal and -shm companions; refuse other URLs."""
    from storeops.db import sqlite_path

    path = sqlite_path(url)
    if path is None:
        raise StoreOpsError(f"--force only replaces SQLite files; empty {url} yourself first")
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        candidate.unlink(missing_ok=True)
