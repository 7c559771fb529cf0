"""`readers.open_readers_together`: several plain sqlite3 Readers on one snapshot of a store,
as `Store.reading_together` gives sessions (reports build their sections on them at once).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storeops import db, readers
from storeops.db import Store
from storeops.readers import SessionReader, SqliteReader, open_readers_together
from test_runner import add_supplier


def suppliers_seen(reader: readers.Reader) -> int:
    return int(reader.rows("SELECT count(*) FROM suppliers")[0][0])


def test_readers_together_see_one_snapshot_through_sqlite3(store: Store) -> None:
    path = store.url.removeprefix("sqlite:///")
    with open_readers_together(store.url, 3) as together:
        assert [type(reader) for reader in together] == [SqliteReader] * 3
        add_supplier(path, "after the pin")
        assert [suppliers_seen(reader) for reader in together] == [0, 0, 0]
    with open_readers_together(store.url, 1) as fresh:
        assert suppliers_seen(fresh[0]) == 1


def test_a_commit_while_pinning_leaves_one_reader(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.url.removeprefix("sqlite:///")
    real = db.data_version
    calls = 0

    def commit_before_the_second_look(connection: sqlite3.Connection) -> int:
        nonlocal calls
        calls += 1
        if calls == 2:  # every reader is pinned; another process commits now
            add_supplier(path, "sneaked in")
        return real(connection)

    monkeypatch.setattr(db, "data_version", commit_before_the_second_look)
    with open_readers_together(store.url, 3) as together:
        assert len(together) == 1
        assert suppliers_seen(together[0]) == 0  # the first snapshot, untouched


def test_a_store_that_is_not_a_current_file_is_read_through_open_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 'store.db'}"  # missing: open_store creates it
    with open_readers_together(url, 2) as together:
        assert all(isinstance(reader, SessionReader) for reader in together)
        assert suppliers_seen(together[0]) == 0
    assert (tmp_path / "new" / "store.db").is_file()
